"""Vietnamese (default) and English: complete, current catalogues; the choice by ?lang=, cookie or
Accept-Language; pages, the JavaScript strings and API errors in the chosen language."""
import json
import re

import pytest
from babel.messages.pofile import read_po

from live.web import i18n

from .conftest import DEMO

TRANSLATIONS = i18n.TRANSLATIONS
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}")


def catalog(path, locale=None):
    with open(path, "rb") as handle:
        return read_po(handle, locale=locale)


def msgids(cat):
    """(context, msgid) pairs: one Vietnamese text may need two English ones."""
    return {(message.context, message.id) for message in cat if message.id}


@pytest.fixture(scope="module")
def template():
    return catalog(TRANSLATIONS / "messages.pot")


@pytest.mark.parametrize("language", ["en", "vi"])
def test_every_msgid_is_translated_with_its_placeholders(template, language):
    translated = {(m.context, m.id): m
                  for m in catalog(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", language) if m.id}
    missing, empty, broken, fuzzy = [], [], [], []
    for key in msgids(template):
        message, msgid = translated.get(key), key[1]
        if message is None:
            missing.append(msgid)
        elif not message.string:
            empty.append(msgid)
        elif sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(message.string)):
            broken.append(msgid)
        elif message.fuzzy:
            fuzzy.append(msgid)
    assert missing == [], f"not in the {language} catalogue: run python -m live.web.i18n"
    assert empty == [], f"untranslated in {language}"
    assert broken == [], f"placeholders changed in {language}"
    assert fuzzy == []


def test_vietnamese_is_the_source_language(template):
    vi = catalog(TRANSLATIONS / "vi" / "LC_MESSAGES" / "messages.po", "vi")
    assert all(message.string == message.id for message in vi if message.id)


def test_catalogues_are_up_to_date_with_the_sources(template, tmp_path):
    """A string added to a template, script block or error without re-extracting fails here."""
    fresh = tmp_path / "fresh.pot"
    i18n.extract(fresh)
    current = msgids(catalog(fresh))
    assert current - msgids(template) == set(), "new strings: run python -m live.web.i18n and translate them"
    assert msgids(template) - current == set(), "stale strings: run python -m live.web.i18n"


def test_compiled_catalogues_follow_the_po_files(tmp_path):
    target = tmp_path / "en" / "LC_MESSAGES"
    target.mkdir(parents=True)
    po = target / "messages.po"
    po.write_bytes((TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po").read_bytes())
    assert i18n.compile_catalogs(tmp_path) == [target / "messages.mo"]
    assert i18n.compile_catalogs(tmp_path) == []  # current: left alone
    assert (target / "messages.mo").stat().st_size > 10000


def strings_block(html):
    return json.loads(re.search(r'<script type="application/json" id="strings">(.*?)</script>', html, re.S).group(1))


def lang_cookie(response):
    return next((c for c in response.headers.getlist("Set-Cookie") if c.startswith("live_lang=")), None)


def test_vietnamese_by_default(client):
    html = client.get(f"/e/{DEMO}").get_data(as_text=True)
    assert '<html lang="vi">' in html
    assert "Gửi câu hỏi" in html
    assert "ngày 26 tháng 3 năm 2024" in html
    assert strings_block(html)["pending"] == "Đang chờ duyệt"


def test_lang_en_shows_english_and_the_cookie_remembers_it(client):
    response = client.get(f"/e/{DEMO}?lang=en")
    html = response.get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Ask a question" in html and "Gửi câu hỏi" not in html
    assert "March 26, 2024" in html
    cookie = lang_cookie(response)
    assert cookie.startswith("live_lang=en;") and "Max-Age=31536000" in cookie and "SameSite=Lax" in cookie
    assert "Accept-Language" in response.headers["Vary"]
    strings = strings_block(html)
    assert strings["pending"] == "Awaiting approval"
    assert strings["queued"] == "Waiting to send… (connection lost)"

    remembered = client.get(f"/e/{DEMO}").get_data(as_text=True)  # no ?lang: the cookie
    assert "Ask a question" in remembered
    assert "Ask questions and vote live" in client.get("/").get_data(as_text=True)
    back = client.get(f"/e/{DEMO}?lang=vi")
    assert lang_cookie(back).startswith("live_lang=vi;")
    assert "Gửi câu hỏi" in client.get(f"/e/{DEMO}").get_data(as_text=True)


def test_an_unknown_language_is_ignored(client):
    response = client.get(f"/e/{DEMO}?lang=fr")
    assert lang_cookie(response) is None
    assert "Gửi câu hỏi" in response.get_data(as_text=True)


@pytest.mark.parametrize("header, expected", [
    ("en-US,en;q=0.9", "Ask a question"),
    ("fr-FR,en;q=0.5", "Ask a question"),
    ("vi-VN,vi;q=0.9,en;q=0.8", "Gửi câu hỏi"),
    ("fr-FR", "Gửi câu hỏi"),
])
def test_accept_language_is_honoured(client, header, expected):
    html = client.get(f"/e/{DEMO}", headers={"Accept-Language": header}).get_data(as_text=True)
    assert expected in html


def test_the_cookie_wins_over_accept_language(client):
    client.get(f"/e/{DEMO}?lang=vi")
    html = client.get(f"/e/{DEMO}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Gửi câu hỏi" in html


def test_every_page_has_the_language_switch(client, moderator):
    html = client.get(f"/e/{DEMO}?sort=new").get_data(as_text=True)
    assert re.search(r'<nav class="lang-switch" aria-label="Ngôn ngữ">', html)
    assert f'href="/e/{DEMO}?sort=new&amp;lang=en"' in html
    assert 'lang="vi" hreflang="vi" aria-current="true">Tiếng Việt</a>' in html
    for path in ("/", "/login"):
        assert 'class="lang-switch"' in client.get(path).get_data(as_text=True)
    for path in ("/staff", f"/mod/{DEMO}"):
        assert 'class="lang-switch"' in moderator.get(path).get_data(as_text=True)
    chair = moderator.get(f"/chair/{DEMO}").get_data(as_text=True)
    assert 'class="lang-switch corner"' in chair and ">English</a>" in chair and ">Tiếng Việt</a>" not in chair


def test_the_projector_has_no_language_switch_but_follows_lang(client):
    """The hall reads the projector: no "English" link in its corner; ?lang=en still switches it."""
    screen = client.get(f"/e/{DEMO}/screen").get_data(as_text=True)
    assert "lang-switch" not in screen and ">English</a>" not in screen
    english = client.get(f"/e/{DEMO}/screen?lang=en").get_data(as_text=True)
    assert "Ask your questions" in english and "lang-switch" not in english


def test_moderator_and_projector_pages_in_english(client, moderator):
    html = moderator.get(f"/mod/{DEMO}?lang=en").get_data(as_text=True)
    assert "Question moderation" in html and "Điều phối câu hỏi" not in html
    assert strings_block(html)  # the console's strings are translated too
    assert "Awaiting approval" in json.dumps(strings_block(html), ensure_ascii=False)
    staff = moderator.get("/staff").get_data(as_text=True)
    assert "March 26, 2024" in staff and "Moderate" in staff
    screen = client.get(f"/e/{DEMO}/screen?lang=en").get_data(as_text=True)
    assert "Ask your questions" in screen and "Next questions" in screen
    assert "Mời bạn gửi câu hỏi" not in screen


def test_staff_event_list_shows_vietnamese_dates(moderator):
    assert "ngày 26 tháng 3 năm 2024" in moderator.get("/staff").get_data(as_text=True)


def test_api_errors_in_the_browser_language(client):
    english = client.post(f"/api/v1/events/{DEMO}/questions", json={"text": ""},
                          headers={"Accept-Language": "en"})
    assert english.status_code == 400
    assert english.get_json() == {"error": "Please enter your question."}
    missing = client.get("/api/v1/events/nope", headers={"Accept-Language": "en"})
    assert missing.status_code == 404 and missing.get_json()["error"] == "There is no event with this code."
    vietnamese = client.post(f"/api/v1/events/{DEMO}/questions", json={"text": ""})
    assert vietnamese.get_json() == {"error": "Hãy nhập nội dung câu hỏi."}
    long = client.post(f"/api/v1/events/{DEMO}/questions", json={"text": "x" * 501},
                       headers={"Accept-Language": "en"})
    assert long.get_json()["error"] == "The question is longer than 500 characters."


def test_one_vietnamese_text_two_english_ones(client):
    html = client.get(f"/e/{DEMO}?lang=en").get_data(as_text=True)
    assert '<label for="ask-text">Your question</label>' in html
    assert '<h2 id="mine-h">Your questions</h2>' in html
