"""Languages: Vietnamese (the source language and the default) and English.

The locale is `?lang=vi|en` (remembered for a year in the `live_lang` cookie), else that cookie,
else the best match of the browser's Accept-Language, else Vietnamese. The compiled catalogues
(.mo) are not kept in git: `compile_catalogs` builds them from the .po files when they are missing
or older, at app start, so a fresh clone runs without a build step."""
import contextlib
import os
import tempfile
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from flask import current_app, request
from flask_babel import get_locale, gettext

from ..dialogue import labels
from ..text import dates

LANGUAGES = ("vi", "en")
DEFAULT = "vi"
COOKIE = "live_lang"
COOKIE_AGE = 365 * 24 * 3600
NAMES = {"vi": "Tiếng Việt", "en": "English"}
TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"


def select_locale():
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(COOKIE)
    if remembered in LANGUAGES:
        return remembered
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT


def remember_choice(response):
    """?lang=… sets the cookie, so the choice follows the browser to every page."""
    asked = request.args.get("lang")
    if asked in LANGUAGES and request.cookies.get(COOKIE) != asked:
        secure = request.is_secure or response.headers.get("Strict-Transport-Security") is not None
        response.set_cookie(COOKIE, asked, max_age=COOKIE_AGE, samesite="Lax", httponly=True,
                            secure=secure)
    if response.mimetype in ("text/html", "application/json"):
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
    return response


def lang_url(code):
    """This page in another language: the same path and query, with lang=code."""
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "lang"]
    args.append(("lang", code))
    return request.path + "?" + urlencode(args)


def current_language():
    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else DEFAULT


def long_date(value):
    """An ISO date (or date) in the page's language: "ngày 26 tháng 3 năm 2024" / "March 26, 2024"."""
    return dates.long_date(value, current_language())


def _zone():
    return ZoneInfo(current_app.config["LIVE_TIMEZONE"])


# The date formats of pages (live/text/dates.py); moments in the events' time zone.
DATE_HELPERS = {
    "show_date": dates.day,
    "official_day": dates.official_day,
    "show_time": lambda stamp: dates.moment(stamp, _zone()),
    "show_day": lambda stamp: dates.local_day(stamp, _zone()),
}


def label(kind, value):
    """The name of a status, tab, phase, role, channel... (labels.KINDS) in the page's language."""
    name = labels.msgid(kind, value)
    return gettext(name) if name else ""


def label_map(kind):
    """{value: name} of one kind, in the page's language and the map's order (for choices)."""
    return labels.translated(gettext, kind)


def script_labels():
    """Every kind's names in the page's language: the `labels` of a page's config block."""
    return labels.translated_all(gettext)


def compile_catalogs(directory=TRANSLATIONS):
    """Compile every <lang>/LC_MESSAGES/*.po whose .mo is missing or stale; returns those compiled."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    compiled = []
    for po_path in sorted(Path(directory).glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parent.parent.name)
        # written beside, then renamed: several processes may start at once
        fd, temporary = tempfile.mkstemp(dir=str(mo_path.parent), suffix=".mo.tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
            os.chmod(temporary, 0o644)
            os.replace(temporary, mo_path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        compiled.append(mo_path)
    return compiled


def init_app(app, babel):
    compile_catalogs()
    babel.init_app(app, locale_selector=select_locale)
    app.after_request(remember_choice)
    app.jinja_env.globals.update(get_locale=get_locale, lang_url=lang_url, language_names=NAMES,
                                 languages=LANGUAGES, current_language=current_language,
                                 label=label, label_map=label_map, script_labels=script_labels, **DATE_HELPERS)
    app.jinja_env.filters["long_date"] = long_date


def extract(output):
    """Extract every msgid from the sources (babel.cfg) into the template at `output`."""
    from babel.messages.frontend import CommandLineInterface

    output = Path(output).resolve()
    with contextlib.chdir(TRANSLATIONS.parent.parent):  # locations relative to the project
        CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", "-k", "N_", "-k", "_l",
                                    "-o", str(output), "."])


def fill_source_catalog(directory=TRANSLATIONS):
    """Vietnamese is the source language: its catalogue translates every msgid to itself, so both
    catalogues are complete and a missing Vietnamese string is as visible as a missing English one."""
    from babel.messages.pofile import read_po, write_po

    path = Path(directory) / DEFAULT / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=DEFAULT)
    for message in catalog:
        if message.id and not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100)


def update_catalogs():
    """Re-extract the template, merge it into the vi and en catalogues, fill vi, compile."""
    from babel.messages.frontend import CommandLineInterface

    pot = TRANSLATIONS / "messages.pot"
    extract(pot)
    CommandLineInterface().run(["pybabel", "-q", "update", "-i", str(pot), "-d", str(TRANSLATIONS),
                                "--no-fuzzy-matching", "-w", "100"])
    fill_source_catalog()
    compile_catalogs()


if __name__ == "__main__":  # python -m live.web.i18n: after changing user-facing strings
    update_catalogs()
    print("Catalogues updated; translate the empty msgstr in live/translations/en/LC_MESSAGES/messages.po")
