"""Words the hall reads: one name for one thing, no word said twice, and English that says what the
Vietnamese says (issue 11, item 9)."""
import io
import json
import re

from openpyxl import load_workbook

from .helpers import act, full_text, open_docx, text_of

STRINGS = re.compile(r'<script type="application/json" id="strings">(.*?)</script>', re.S)
PAGE = re.compile(r'<script type="application/json" id="page">(.*?)</script>', re.S)


def strings(response):
    return json.loads(STRINGS.search(response.get_data(as_text=True)).group(1))


def page_labels(response):
    """The label maps of a page's config block (live/dialogue/labels.py, translated)."""
    return json.loads(PAGE.search(response.get_data(as_text=True)).group(1))["labels"]


def routed_question(moderator, ask, new_client, agency="CA"):
    """An approved question routed to `agency`, not answered yet; returns its id."""
    question = ask(new_client(), "Tỉnh có kế hoạch gì để bảo vệ thanh niên vùng cao khỏi lừa đảo trên mạng?")
    act(moderator, question["id"], "approve")
    act(moderator, question["id"], "route", agency=agency)
    return question["id"]


def test_an_unanswered_question_names_the_agency_that_will_answer(client, moderator, ask, new_client):
    routed_question(moderator, ask, new_client)
    page = client.get("/e/demo")
    assert "Cơ quan trả lời: Công an tỉnh" in text_of(page)
    assert not re.search(r"(?<!quan )Trả lời: Công an", text_of(page))
    assert strings(page)["answered_by"] == "Cơ quan trả lời:"
    english = client.get("/e/demo?lang=en")
    assert "Responding agency: Công an tỉnh" in text_of(english)
    assert "Answered by" not in text_of(english)
    assert strings(english)["answered_by"] == "Responding agency:"


def test_a_date_is_not_announced_twice(moderator):
    for path in ("/staff", "/e/demo", "/e/demo/poster", "/briefing/demo"):
        text = text_of(moderator.get(path))
        assert "ngày 26 tháng 3 năm 2024" in text, path
        assert not re.search(r"\bngày:?\s+ngày\b", text, re.I), path
    assert "March 26, 2024" in text_of(moderator.get("/staff?lang=en"))


def test_the_chairs_tablet_has_one_name_everywhere(moderator):
    for path in ("/staff", "/mod/demo", "/chair/demo"):
        html = moderator.get(path).get_data(as_text=True)
        assert "Màn hình Chủ tọa" not in html, path
        assert "Bàn Chủ tọa" in html, path
    for path in ("/staff", "/mod/demo"):
        html = moderator.get(path).get_data(as_text=True)
        assert re.search(r'<a [^>]*href="/chair/demo"[^>]*>\s*Bàn Chủ tọa\s*</a>', html), path
    for path in ("/staff?lang=en", "/mod/demo?lang=en"):
        english = moderator.get(path).get_data(as_text=True)
        assert re.search(r'<a [^>]*href="/chair/demo"[^>]*>\s*Chair(&#39;|’|\')s desk\s*</a>', english), path
        assert "Chair's screen" not in english and "Chair&#39;s screen" not in english


def test_a_vote_count_is_always_called_binh_chon(client, moderator, ask, new_client):
    routed_question(moderator, ask, new_client)
    pages = {"/e/demo": client, "/e/demo/screen": client, "/mod/demo": moderator, "/chair/demo": moderator,
             "/agency/demo?agency=CA": moderator, "/briefing/demo": moderator}
    for path, reader in pages.items():
        html = reader.get(path).get_data(as_text=True)
        assert not re.search(r"\bphiếu\b", html, re.I), path
    assert "0 bình chọn" in text_of(moderator.get("/briefing/demo"))
    assert "0 bình chọn" in text_of(moderator.get("/agency/demo?agency=CA"))
    assert "bình chọn" in strings(client.get("/e/demo/screen"))["votes"]
    docx = moderator.get("/api/v1/events/demo/briefing.docx")
    text = full_text(open_docx(docx.data))
    assert "0 bình chọn" in text and "phiếu" not in text


def test_questions_in_the_plural_have_their_own_english(client, moderator):
    english = client.get("/e/demo?lang=en").get_data(as_text=True)
    assert '<h2 id="list-h">Questions</h2>' in english
    vietnamese = client.get("/e/demo?lang=vi").get_data(as_text=True)
    assert '<h2 id="list-h">Câu hỏi</h2>' in vietnamese
    sheets = load_workbook(io.BytesIO(moderator.get("/api/v1/events/demo/log.xlsx?lang=en").data)).sheetnames
    assert sheets[0] == "Questions"
    sheets = load_workbook(io.BytesIO(moderator.get("/api/v1/events/demo/log.xlsx?lang=vi").data)).sheetnames
    assert sheets[0] == "Câu hỏi"


def test_the_reject_button_says_reject_and_the_tab_rejected(moderator):
    english, labels = strings(moderator.get("/mod/demo?lang=en")), page_labels(moderator.get("/mod/demo?lang=en"))
    assert (english["reject"], labels["tab"]["rejected"], labels["status"]["rejected"]) == ("Reject", "Rejected", "Rejected")
    vietnamese, labels = strings(moderator.get("/mod/demo?lang=vi")), page_labels(moderator.get("/mod/demo?lang=vi"))
    assert vietnamese["reject"] == labels["tab"]["rejected"] == "Từ chối"
