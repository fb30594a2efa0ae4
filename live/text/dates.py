"""Dates and times as people read them: one function per format, for pages, documents, mails and
exports alike. Stored dates are ISO days ("2024-03-26"); stored moments are ISO timestamps in UTC,
shown in the events' time zone (LIVE_TIMEZONE), which callers pass in."""
from datetime import date, datetime, timezone

from babel.dates import format_date

from . import clean

# Long dates: Vietnamese "ngày 26 tháng 3 năm 2024"; English CLDR's long format, "March 26, 2024".
LONG_PATTERNS = {"vi": "'ngày' d 'tháng' M 'năm' y", "en": "long"}


def parse_day(value):
    """An ISO date (or the day of an ISO timestamp) as a date; None when empty or not a date."""
    if not value:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def day(iso):
    """'2024-03-26' -> '26/03/2024'; '' for nothing."""
    found = parse_day(iso)
    return f"{found.day:02d}/{found.month:02d}/{found.year}" if found else ""


def long_date(value, language):
    """An ISO date (or date) in `language`: "ngày 26 tháng 3 năm 2024" / "March 26, 2024"; a value
    that is not a date comes back as it is."""
    found = parse_day(value)
    if found is None:
        return value or ""
    return format_date(found, LONG_PATTERNS[language], locale=language)


def _official_month(month):
    # Decree 30/2020: a leading zero for days 1-9 and for months 1 and 2 only.
    return f"{month:02d}" if month < 3 else str(month)


def official_day(value):
    """A day as administrative documents write it, with Decree 30's zeros: "05/4/2024", "15/02/2024";
    "" for None."""
    if value is None:
        return ""
    return f"{value.day:02d}/{_official_month(value.month)}/{value.year}"


def date_line(place, value, year=None):
    """The document's place and date line: "Lào Cai, ngày 05 tháng 4 năm 2024"; with no day, blanks
    to fill by hand ("Lào Cai, ngày      tháng      năm 2024" when year is given, else "năm 20__")."""
    place = clean(str(place)) if place else ""
    prefix = f"{place}, " if place else ""
    if value is None:
        blank = " " * 6
        return f"{prefix}ngày{blank}tháng{blank}năm {year if year else '20__'}"
    return f"{prefix}ngày {value.day:02d} tháng {_official_month(value.month)} năm {value.year}"


def local(stamp, zone):
    """A stored timestamp (UTC; an offset-less one is taken as UTC) in `zone` (a ZoneInfo); None for none."""
    if not stamp:
        return None
    when = datetime.fromisoformat(stamp) if isinstance(stamp, str) else stamp
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(zone)


def clock(stamp, zone):
    """A stored timestamp's time in `zone`: '14:05'; '' for none."""
    found = local(stamp, zone)
    return found.strftime("%H:%M") if found else ""


def moment(stamp, zone):
    """A stored timestamp in `zone`: '14:05 26/03/2024'; '' for none."""
    found = local(stamp, zone)
    return found.strftime("%H:%M %d/%m/%Y") if found else ""


def local_day(stamp, zone):
    """The day of a stored timestamp in `zone`: '26/03/2024'; '' for none."""
    found = local(stamp, zone)
    return found.strftime("%d/%m/%Y") if found else ""


def official_clock(stamp, zone):
    """A stored timestamp's time in `zone` as administrative documents write it: '8 giờ 05'; '' for none."""
    found = local(stamp, zone)
    return f"{found.hour} giờ {found.minute:02d}" if found else ""


def minutes_seconds(seconds):
    """A length of time as a stopwatch shows it: 1025 -> '17:05'; '' for none."""
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"
