"""The programme's actual times and the polls' results in every record of the day: the minutes (page and
JSON), the XLSX log, the briefing pack, the published results and the conclusion notice."""
import io
import json
import re
from pathlib import Path

import jsonschema_rs
import pytest
from openpyxl import load_workbook

from live.documents import poll_text
from .helpers import body_texts, full_text, open_docx, plain, text_of
from .records_day import DRAFT, NEWS, SAFETY, SCAM, add_item, advance, created, run_day
from .test_exports import docx_paragraphs, html_paragraphs

pytestmark = pytest.mark.usefixtures("no_programme")

SPEC = json.loads((Path(__file__).resolve().parent.parent / "live" / "openapi.json").read_text(encoding="utf-8"))
LOG = "/api/v1/events/demo/log"
MINUTES = "/admin/events/demo/minutes"
XLSX = "/api/v1/events/demo/log.xlsx"
NOTICE = "/api/v1/events/demo/conclusion.docx"
PRINT = "/admin/events/demo/conclusion/print"
SCAM_SENTENCE = f"Trong số 4 bạn trẻ trả lời câu hỏi “{SCAM}”, 75% chọn “Đã từng”."
SAFETY_SENTENCE = f"Trong số 3 bạn trẻ trả lời câu hỏi “{SAFETY}”, điểm trung bình 3,7/5."


def conforms(instance, schema):
    """The JSON is what live/openapi.json says the schema `schema` is."""
    jsonschema_rs.validator_for({"$schema": "https://json-schema.org/draft/2020-12/schema",
                                 "$ref": f"#/components/schemas/{schema}", "components": SPEC["components"]}
                                ).validate(instance)


@pytest.fixture
def day(moderator, new_client, monkeypatch):
    return run_day(moderator, new_client, monkeypatch)


def section(html, element_id):
    """The plain text of the page's element with this id, up to its closing </section>."""
    return plain(re.search(rf'<section id="{element_id}".*?</section>', html, re.S).group(0))


# --------------------------------------------------------------------------- the minutes

def test_the_minutes_json_sets_each_item_planned_against_actual(moderator, day):
    minutes = created(moderator.get(LOG))
    conforms(minutes, "AnswerLog")
    ran = minutes["programme"]
    assert (ran["started_at"], ran["ended_at"]) == ("2024-03-26T01:03:00.000+00:00", "2024-03-26T02:10:00.000+00:00")
    assert [(i["title"], i["planned_clock"], i["duration"], i["used_seconds"], i["late_minutes"], i["over_minutes"])
            for i in ran["items"]] == [("Khai mạc", "08:00", 10, 720, 3, 2), ("Thăm dò nhanh", "08:10", 5, 300, 5, 0),
                                       ("Đối thoại", "08:15", 60, 3000, 5, -10)]
    assert minutes["answers"] == []


def test_while_the_programme_runs_the_minutes_have_no_end_yet(moderator, new_client, monkeypatch):
    run_day(moderator, new_client, monkeypatch, finish=False)
    ran = created(moderator.get(LOG))["programme"]
    running = ran["items"][-1]
    assert ran["ended_at"] is None and running["ended_at"] is None
    assert running["over_minutes"] is None and running["used_seconds"] > 0  # counted up to now
    assert ran["items"][0]["over_minutes"] == 2
    html = moderator.get(MINUTES).get_data(as_text=True)
    assert "Thực tế: bắt đầu lúc 08:03, đang diễn ra" in section(html, "minutes-programme")


def test_a_rehearsal_the_day_before_is_not_a_day_early(moderator, monkeypatch):
    add_item(moderator, kind="opening", title="Khai mạc", planned_start="08:00", duration=10)
    advance(moderator, monkeypatch, "2024-03-25T01:00:00.000+00:00")  # 08:00 the day before
    [item] = created(moderator.get(LOG))["programme"]["items"]
    assert item["late_minutes"] is None and item["started_at"] == "2024-03-25T01:00:00.000+00:00"


def test_the_minutes_json_has_every_opened_polls_results_by_group(moderator, day):
    polls = {poll["text"]: poll for poll in created(moderator.get(LOG))["polls"]}
    assert list(polls) == [SCAM, SAFETY, NEWS]  # the draft never ran
    scam = polls[SCAM]
    assert (scam["total"], [(o["label"], o["count"], o["percent"]) for o in scam["options"]]) == (
        4, [("Đã từng", 3, 75), ("Chưa từng", 1, 25)])
    assert [(g["value"], g["total"], [o["count"] for o in g["options"]]) for g in scam["by"]["youth_group"]] == [
        ("civil_servants", 1, [1, 0]), ("students", 2, [2, 0]), (None, 1, [0, 1])]
    assert [(g["value"], [o["percent"] for o in g["options"]]) for g in scam["by"]["district"]] == [
        ("Bát Xát", [100, 0]), ("Sa Pa", [100, 0]), (None, [0, 100])]
    assert polls[SAFETY]["mean"] == 3.7 and polls[SAFETY]["by"] == {"youth_group": [], "district": []}
    assert (polls[NEWS]["state"], polls[NEWS]["total"]) == ("closed", 0)


def test_the_minutes_page_prints_the_programme_and_the_polls(moderator, day):
    html = moderator.get(MINUTES).get_data(as_text=True)
    programme = section(html, "minutes-programme")
    assert "Thực tế: từ 08:03 đến 09:10" in programme
    for row in ("08:00 Khai mạc Khai mạc — MC 10 phút 08:03 12:00 bắt đầu muộn 3 phút; quá 2 phút",
                "08:10 Thăm dò ý kiến Thăm dò nhanh 5 phút 08:15 5:00 bắt đầu muộn 5 phút; đúng thời lượng",
                "08:15 Đối thoại Đối thoại 60 phút 08:20 50:00 bắt đầu muộn 5 phút; ngắn hơn 10 phút"):
        assert row in programme
    polls = section(html, "minutes-polls")
    assert "Đã từng 3 75% Chưa từng 1 25%" in polls and "4 người trả lời" in polls
    assert "Thanh niên học sinh, sinh viên 2 2 (100%) 0 (0%)" in polls and "Bát Xát 2 2 (100%)" in polls
    assert "Không cho biết 1 0 (0%) 1 (100%)" in polls and "điểm trung bình 3,7/5" in polls
    assert DRAFT not in html
    assert '<meter min="0" max="100" value="75" aria-hidden="true">' in html


def test_the_minutes_page_writes_the_mean_in_the_pages_language(moderator, day):
    assert "mean 3.7/5" in text_of(moderator.get(MINUTES + "?lang=en"))
    assert "Poll results" in text_of(moderator.get(MINUTES + "?lang=en"))


def test_without_a_programme_or_polls_their_sections_are_hidden(moderator):
    html = moderator.get(MINUTES).get_data(as_text=True)
    for element_id in ("minutes-programme", "minutes-polls"):
        assert re.search(rf'<section id="{element_id}"[^>]* hidden>', html), element_id
    minutes = created(moderator.get(LOG))
    assert minutes["programme"] == {"started_at": None, "ended_at": None, "items": []} and minutes["polls"] == []


# --------------------------------------------------------------------------- the XLSX log

def sheet_rows(moderator, name, lang="vi"):
    book = load_workbook(io.BytesIO(moderator.get(f"{XLSX}?lang={lang}").data))
    return [list(row) for row in book[name].iter_rows(values_only=True)]


def test_the_xlsx_log_has_the_programme_planned_against_actual(moderator, day):
    header, *rows = sheet_rows(moderator, "Chương trình")
    assert header[:5] == ["Giờ dự kiến", "Loại", "Nội dung", "Người trình bày", "Thời lượng dự kiến (phút)"]
    clocks = [[cell.strftime("%H:%M") for cell in (row[0], row[5], row[6])] for row in rows]
    assert clocks == [["08:00", "08:03", "08:15"], ["08:10", "08:15", "08:20"], ["08:15", "08:20", "09:10"]]
    assert [row[1:5] + row[7:] for row in rows] == [
        ["Khai mạc", "Khai mạc", "MC", 10, 12, 3, 2], ["Thăm dò ý kiến", "Thăm dò nhanh", None, 5, 5, 5, 0],
        ["Đối thoại", "Đối thoại", None, 60, 50, 5, -10]]


def test_the_xlsx_log_has_each_polls_counts_and_percents_overall_and_by_group(moderator, day):
    header, *rows = sheet_rows(moderator, "Thăm dò")
    assert header == ["Mã", "Câu hỏi thăm dò", "Loại", "Theo", "Nhóm", "Số người trả lời", "Phương án",
                      "Số lượt chọn", "Tỷ lệ (%)", "Điểm trung bình"]
    scam = [row[3:9] for row in rows if row[1] == SCAM]
    assert scam[:4] == [["Tất cả", None, 4, "Đã từng", 3, 75], ["Tất cả", None, 4, "Chưa từng", 1, 25],
                        ["Nhóm thanh niên", "Thanh niên công chức, viên chức", 1, "Đã từng", 1, 100],
                        ["Nhóm thanh niên", "Thanh niên công chức, viên chức", 1, "Chưa từng", 0, 0]]
    assert ["Địa bàn", "Bát Xát", 2, "Đã từng", 2, 100] in scam and ["Địa bàn", "Không cho biết", 1, "Chưa từng", 1, 100] in scam
    assert {row[9] for row in rows if row[1] == SAFETY} == {3.7}
    assert [row[6] for row in rows if row[1] == NEWS] == ["Mạng xã hội", "Báo chí", "Truyền hình"]
    assert DRAFT not in {row[1] for row in rows}


def test_the_xlsx_sheets_are_named_in_the_pages_language(moderator, day):
    book = load_workbook(io.BytesIO(moderator.get(f"{XLSX}?lang=en").data))
    assert book.sheetnames[3:] == ["Programme", "Polls"]
    assert book["Polls"]["D2"].value == "Everyone"


# --------------------------------------------------------------------------- the briefing pack

def test_the_briefing_pack_holds_the_polls_someone_answered(moderator, responder, day):
    pack = created(moderator.get("/api/v1/events/demo/briefing"))
    conforms(pack, "BriefingPack")
    assert [(p["text"], p["total"]) for p in pack["polls"]] == [(SCAM, 4), (SAFETY, 3)]
    assert "by" not in pack["polls"][0]
    part = created(responder("CA").get("/api/v1/events/demo/briefing"))
    assert [p["text"] for p in part["polls"]] == [SCAM, SAFETY]


def test_the_briefing_page_and_docx_show_the_poll_results(moderator, day):
    page = text_of(moderator.get("/briefing/demo"))
    assert "I. Kết quả thăm dò ý kiến" in page and "Đã từng 3 75%" in page and "điểm trung bình 3,7/5" in page
    texts = body_texts(open_docx(moderator.get("/api/v1/events/demo/briefing.docx").data))
    start = texts.index("I. KẾT QUẢ THĂM DÒ Ý KIẾN")
    assert texts[start + 1:start + 5] == [f"1. {SCAM}", "(4 bạn trẻ trả lời)", "- Đã từng: 3 (75%)", "- Chưa từng: 1 (25%)"]
    assert texts[start + 5:start + 7] == [f"2. {SAFETY}", "(3 bạn trẻ trả lời; điểm trung bình 3,7/5)"]


def test_with_questions_the_poll_section_comes_after_theirs(moderator, day, new_client, ask, publish):
    publish(ask(new_client(), "Tỉnh có kế hoạch gì để bảo vệ thanh niên khỏi lừa đảo trên mạng?")["id"])
    assert "III. KẾT QUẢ THĂM DÒ Ý KIẾN" in body_texts(open_docx(moderator.get("/api/v1/events/demo/briefing.docx").data))
    assert "III. Kết quả thăm dò ý kiến" in text_of(moderator.get("/briefing/demo"))


def test_without_an_answered_poll_the_pack_has_no_poll_section(moderator):
    moderator.post("/api/v1/events/demo/polls", json={"text": "Chưa ai trả lời?", "options": ["Có", "Không"],
                                                       "open": True})
    assert created(moderator.get("/api/v1/events/demo/briefing"))["polls"] == []
    assert "KẾT QUẢ THĂM DÒ" not in full_text(open_docx(moderator.get("/api/v1/events/demo/briefing.docx").data))
    assert "Kết quả thăm dò ý kiến" not in text_of(moderator.get("/briefing/demo"))


# --------------------------------------------------------------------------- the published results

def test_the_published_results_show_only_the_revealed_polls(moderator, client, day, new_client, ask, publish):
    publish(ask(new_client(), "Tỉnh có kế hoạch gì để bảo vệ thanh niên khỏi lừa đảo trên mạng?")["id"])
    created(moderator.post("/api/v1/events/demo/publish", json={"published": True}))
    results = created(client.get("/api/v1/events/demo/results"))
    conforms(results, "Results")
    assert len(results["questions"]) == 1
    [scam] = results["polls"]
    assert (scam["text"], scam["total"], [(o["label"], o["count"], o["percent"]) for o in scam["options"]]) == (
        SCAM, 4, [("Đã từng", 3, 75), ("Chưa từng", 1, 25)])
    assert "by" not in scam  # no district's few answers singled out
    page = client.get("/e/demo/results").get_data(as_text=True)
    assert "Kết quả thăm dò ý kiến" in page and SCAM in page and "Đã từng 3 75%" in plain(page)
    assert SAFETY not in page and NEWS not in page and "Bát Xát" not in page

    created(moderator.post(f"/api/v1/polls/{day['scam']['id']}/reveal", json={"revealed": False}))
    assert created(client.get("/api/v1/events/demo/results"))["polls"] == []
    assert SCAM not in client.get("/e/demo/results").get_data(as_text=True)


# --------------------------------------------------------------------------- the conclusion notice

def notice_texts(moderator):
    return body_texts(open_docx(moderator.get(NOTICE).data))


def test_the_notice_opening_says_when_the_programme_ran(moderator, day):
    opening = next(text for text in notice_texts(moderator) if text.startswith("Ngày "))
    assert opening.startswith("Ngày 26/3/2024, từ 8 giờ 03 đến 9 giờ 10, tại Trung tâm Hội nghị tỉnh Lào Cai, ")


def test_while_the_programme_runs_the_opening_has_its_start(moderator, new_client, monkeypatch):
    run_day(moderator, new_client, monkeypatch, finish=False)
    opening = next(text for text in notice_texts(moderator) if text.startswith("Ngày "))
    assert opening.startswith("Ngày 26/3/2024, từ 8 giờ 03, tại Trung tâm Hội nghị tỉnh Lào Cai, ")


def test_before_the_programme_runs_the_opening_gives_the_events_day(moderator):
    opening = next(text for text in notice_texts(moderator) if text.startswith("Ngày "))
    assert opening.startswith("Ngày 26/3/2024, tại Trung tâm Hội nghị tỉnh Lào Cai, ")


def test_each_answered_poll_in_the_notice_adds_its_sentence_after_the_figures(moderator, day):
    texts = notice_texts(moderator)
    figures_end = texts.index("- Giao cơ quan chức năng trả lời bằng văn bản: 0.")
    assert texts[figures_end + 1:figures_end + 3] == [SCAM_SENTENCE, SAFETY_SENTENCE]
    assert not any(NEWS in text for text in texts)  # not in the notice, and unanswered
    page = plain(moderator.get(PRINT).get_data(as_text=True))
    assert SCAM_SENTENCE in page and SAFETY_SENTENCE in page


def test_the_print_page_and_docx_carry_the_same_paragraphs_with_the_programme_and_polls(moderator, day):
    document = open_docx(moderator.get(NOTICE).data)
    page = moderator.get(PRINT).get_data(as_text=True).split('<h1 class="doc-title">', 1)[1]
    body = page.split("</h1>", 1)[1].split('<table class="doc-foot">', 1)[0]
    assert docx_paragraphs(document.paragraphs)[2:] == html_paragraphs(body)
    assert SCAM_SENTENCE in full_text(document)


def record(total, options, kind="single", mean=None):
    return {"text": "Câu hỏi?", "kind": kind, "total": total, "mean": mean, "in_notice": True,
            "options": [{"label": label, "count": count, "percent": percent} for label, count, percent in options]}


def test_a_notice_sentence_names_every_option_tied_for_the_lead_and_writes_numbers_the_vietnamese_way():
    tied = record(1286, [("A", 500, 39), ("B", 500, 39), ("C", 286, 22)])
    assert poll_text.sentence(tied) == "Trong số 1.286 bạn trẻ trả lời câu hỏi “Câu hỏi?”, 39% chọn “A” và 39% chọn “B”."
    scale = record(10, [(str(n), 2, 20) for n in range(1, 6)], kind="scale", mean=3.0)
    assert poll_text.sentence(scale) == "Trong số 10 bạn trẻ trả lời câu hỏi “Câu hỏi?”, điểm trung bình 3/5."
    assert poll_text.notice_sentences([record(0, [("A", 0, 0), ("B", 0, 0)]), {**tied, "in_notice": False}]) == []
