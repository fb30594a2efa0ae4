"""One formatter per date format (live/text/dates.py), and no other module formats a date itself."""
import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from live.text import dates

ROOT = Path(__file__).resolve().parent.parent
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize("value, expected", [
    ("2024-03-26", datetime.date(2024, 3, 26)), ("2024-03-26T17:30:00+00:00", datetime.date(2024, 3, 26)),
    (datetime.date(2024, 3, 26), datetime.date(2024, 3, 26)), ("", None), (None, None), ("26/03/2024", None),
])
def test_parse_day(value, expected):
    assert dates.parse_day(value) == expected


def test_day_and_long_date():
    assert dates.day("2024-03-05") == "05/03/2024"
    assert dates.day(None) == dates.day("") == ""
    assert dates.long_date("2024-03-26", "vi") == "ngày 26 tháng 3 năm 2024"
    assert dates.long_date(datetime.date(2024, 3, 26), "en") == "March 26, 2024"
    assert dates.long_date("", "vi") == ""


def test_official_day_and_date_line_keep_decree_30s_zeros():
    assert dates.official_day(datetime.date(2024, 4, 5)) == "05/4/2024"
    assert dates.official_day(datetime.date(2024, 2, 15)) == "15/02/2024"
    assert dates.official_day(None) == ""
    assert dates.date_line("Lào Cai", datetime.date(2024, 1, 9)) == "Lào Cai, ngày 09 tháng 01 năm 2024"
    assert dates.date_line(None, datetime.date(2024, 12, 26)) == "ngày 26 tháng 12 năm 2024"


def test_moments_are_shown_in_the_events_time_zone():
    late = "2024-03-26T17:30:00.000+00:00"  # half past midnight in Lào Cai, the next day
    assert dates.clock(late, HANOI) == "00:30"
    assert dates.moment(late, HANOI) == "00:30 27/03/2024"
    assert dates.local_day(late, HANOI) == "27/03/2024"
    assert dates.clock("2024-03-26T17:30:00", HANOI) == "00:30"  # no offset: stored in UTC
    assert dates.clock(None, HANOI) == dates.moment("", HANOI) == dates.local_day(None, HANOI) == ""


def test_a_documents_clock_and_a_stopwatch():
    assert dates.official_clock("2024-03-26T01:03:00+00:00", HANOI) == "8 giờ 03"
    assert dates.official_clock("2024-03-26T07:30:00+00:00", HANOI) == "14 giờ 30"
    assert dates.official_clock(None, HANOI) == ""
    assert (dates.minutes_seconds(1025), dates.minutes_seconds(59), dates.minutes_seconds(None)) == ("17:05", "0:59", "")


# Formatting a date or time by hand: strftime, Babel's format_date, or day/month fields in an f-string.
BY_HAND = re.compile(r"\.strftime\(|\bformat_date\(|\{[\w.\[\]\"']*\.(day|month)(:02d)?\}")


def test_no_other_module_formats_a_date():
    found = [str(path.relative_to(ROOT)) for path in (ROOT / "live").rglob("*.py")
             if path != ROOT / "live" / "text" / "dates.py" and BY_HAND.search(path.read_text())]
    assert found == []
