"""The public results: nothing before the organizers publish (page and API), everything public
after, accent-insensitive search, and the attendee's own answers once published."""
import re

import pytest

from live.dialogue import answers, events, followup, questions

from .helpers import plain, text_of

PAGE, API = "/e/demo/results", "/api/v1/events/demo/results"


@pytest.fixture
def finished(store, new_client, ask, demo_event):
    """A finished dialogue: answered on the spot, answered in writing, waiting, pending, rejected."""
    author = new_client()
    spot = ask(author, "Làm thế nào để bảo vệ thanh niên trên môi trường mạng?",
               topic="Bảo vệ thanh niên trên môi trường mạng")
    written = ask(author, "Khi nào có thêm điểm truy cập internet miễn phí?")
    waiting = ask(new_client(), "Câu hỏi chưa có trả lời nào")
    pending = ask(new_client(), "Câu hỏi bí mật chưa duyệt")
    rejected = ask(new_client(), "Câu hỏi bị loại bỏ")
    for question in (spot, written, waiting, rejected):
        questions.approve(store, question["id"], "test")
    questions.reject(store, rejected["id"], "test", reason="Trùng")
    questions.route(store, spot["id"], "test", demo_event, "CA")
    questions.route(store, written["id"], "test", demo_event, "STTTT")
    answers.record(store, spot["id"], "test", demo_event, "Giám đốc Công an tỉnh",
                   "Công an tỉnh đã lập tổ phản ứng nhanh về an ninh mạng.", False,
                   direction="Giao Công an tỉnh báo cáo kết quả hằng quý.")
    followup.answer_in_writing(store, written["id"], "stttt", None, True,
                               "Sở Thông tin và Truyền thông sẽ lắp thêm 20 điểm truy cập trong năm 2024.")
    return {"author": author, "spot": spot["id"], "written": written["id"], "waiting": waiting["id"],
            "pending": pending["id"], "rejected": rejected["id"]}


def publish(store, on=True):
    events.publish(store, "test", "demo", on)


def test_nothing_is_public_before_publication(client, new_client, finished, store):
    response = client.get(PAGE)
    assert response.status_code == 404
    page = text_of(response)
    assert "Kết quả chưa được công bố" in page
    assert "tổ phản ứng nhanh" not in page and "bảo vệ thanh niên" not in page
    response = new_client().get(API)
    assert response.status_code == 404 and response.get_json()["error"] == "Kết quả đối thoại chưa được công bố."


def test_published_results_then_unpublished_again(client, finished, store):
    publish(store)
    response = client.get(PAGE)
    assert response.status_code == 200
    page = text_of(response)
    assert "Làm thế nào để bảo vệ thanh niên trên môi trường mạng?" in page
    assert "Công an tỉnh đã lập tổ phản ứng nhanh về an ninh mạng." in page
    assert "Giao Công an tỉnh báo cáo kết quả hằng quý." in page
    assert "Giám đốc Công an tỉnh" in page
    assert "Sở Thông tin và Truyền thông sẽ lắp thêm 20 điểm truy cập trong năm 2024." in page
    assert "Bảo vệ thanh niên trên môi trường mạng" in page  # topic
    assert "Câu hỏi chưa có trả lời nào" in page and "Đang chờ cơ quan trả lời bằng văn bản." in page
    assert "bí mật chưa duyệt" not in page and "bị loại bỏ" not in page
    data = client.get(API).get_json()
    assert {q["id"] for q in data["questions"]} == {finished["spot"], finished["written"], finished["waiting"]}
    publish(store, False)
    assert client.get(PAGE).status_code == 404
    assert client.get(API).status_code == 404


def test_moderators_preview_before_publication(moderator, finished):
    response = moderator.get(PAGE)
    assert response.status_code == 200
    assert "Bản xem trước" in text_of(response) and "tổ phản ứng nhanh" in text_of(response)


def test_search_ignores_accents(client, finished, store):
    publish(store)
    page = text_of(client.get(PAGE, query_string={"q": "bao ve"}))
    assert "Làm thế nào để bảo vệ thanh niên" in page
    assert "điểm truy cập internet" not in page
    assert "Tìm thấy 1 trong 3 câu hỏi" in page
    page = text_of(client.get(PAGE, query_string={"q": "DIEM TRUY CAP"}))  # in the written answer
    assert "điểm truy cập internet" in page and "bảo vệ thanh niên" not in page
    page = text_of(client.get(PAGE, query_string={"q": "sở thông tin"}))  # the agency
    assert "điểm truy cập internet" in page
    page = text_of(client.get(PAGE, query_string={"q": "không có gì như thế này"}))
    assert "Không có câu hỏi nào khớp." in page
    [found] = client.get(API, query_string={"q": "bao ve"}).get_json()["questions"]
    assert found["id"] == finished["spot"]


def test_results_escape_user_text(client, new_client, ask, store):
    question = ask(new_client(), "<script>alert('x')</script> câu hỏi")
    questions.approve(store, question["id"], "test")
    publish(store)
    html = client.get(PAGE).get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_attendee_sees_own_answers_only_after_publication(client, new_client, finished, store):
    author = finished["author"]
    page = text_of(author.get("/e/demo"))
    assert "tổ phản ứng nhanh" not in page and "20 điểm truy cập" not in page
    assert "Xem kết quả đối thoại" not in page
    publish(store)
    page = text_of(author.get("/e/demo"))
    mine = page.split("Câu hỏi của bạn", 2)[2].split("Nổi bật", 1)[0]
    assert "Công an tỉnh đã lập tổ phản ứng nhanh về an ninh mạng." in mine
    assert "Giao Công an tỉnh báo cáo kết quả hằng quý." in mine
    assert "Sở Thông tin và Truyền thông sẽ lắp thêm 20 điểm truy cập trong năm 2024." in mine
    assert "Xem kết quả đối thoại" in page
    # another attendee gets the link, but nobody else's answers in their own list
    other = text_of(new_client().get("/e/demo"))
    assert "Xem kết quả đối thoại" in other and "tổ phản ứng nhanh" not in other
    publish(store, False)
    assert "tổ phản ứng nhanh" not in text_of(author.get("/e/demo"))


LAW, PROTECT = "Chính sách, pháp luật về an ninh mạng", "Bảo vệ thanh niên trên môi trường mạng"


def listing(response):
    """[(topic heading, [question ids in order])] as the page lists them."""
    html = response.get_data(as_text=True)
    sections = re.findall(r'<section class="fu-topic".*?</section>', html, re.S)
    return [(plain(heading.group(1)) if
             (heading := re.search(r'<h2 class="fu-topic-title"[^>]*>(.*?)</h2>', section, re.S)) else None,
             [int(qid) for qid in re.findall(r'<li class="fu-result" id="q(\d+)"', section)])
            for section in sections]


def test_results_by_topic_answered_first_with_totals(client, finished, store, ask, new_client, demo_event):
    """Topics in the event's order, then "Nội dung khác"; in each the answered questions first
    (on the spot or in writing), then the waiting ones, in the order asked; totals above."""
    law_waiting = ask(new_client(), "Luật quy định gì về tin giả?", topic=LAW)["id"]
    law_answered = ask(new_client(), "Đăng tin sai bị phạt thế nào?", topic=LAW)["id"]
    for qid in (law_waiting, law_answered):
        questions.approve(store, qid, "test")
    answers.record(store, law_answered, "test", demo_event, "Giám đốc Sở Tư pháp", "Phạt hành chính.", False)
    publish(store)
    response = client.get(PAGE)
    assert listing(response) == [
        (f"{LAW} 1/2 câu hỏi đã trả lời", [law_answered, law_waiting]),
        (f"{PROTECT} 1/1 câu hỏi đã trả lời", [finished["spot"]]),
        ("Nội dung khác 1/2 câu hỏi đã trả lời", [finished["written"], finished["waiting"]]),
    ]
    totals = re.search(r'<p class="fu-summary" id="totals">(.*?)</p>', response.get_data(as_text=True), re.S)
    assert plain(totals.group(1)) == ("7 câu hỏi, ý kiến nhận được 2 trả lời tại buổi đối thoại "
                                      "1 trả lời bằng văn bản 2 đang chờ trả lời")  # pending, rejected counted
    # a search keeps the grouping; the totals stay those of every result
    assert listing(client.get(PAGE, query_string={"q": "phat"})) == [
        (f"{LAW} 1/1 câu hỏi đã trả lời", [law_answered])]


def test_results_with_no_topic_have_no_lone_other_heading(client, new_client, ask, store):
    question = ask(new_client(), "Câu hỏi không có chủ đề")
    questions.approve(store, question["id"], "test")
    publish(store)
    assert listing(client.get(PAGE)) == [(None, [question["id"]])]


def test_unknown_event_results(client):
    assert client.get("/e/khong-co/results").status_code == 404


def test_merged_questions_are_published_under_the_one_answered(client, finished, store, ask, new_client):
    from live.dialogue import merges
    twin = ask(new_client(), "Bảo vệ thanh niên trên mạng thế nào ạ?", author="Hà Thị Lan")
    questions.approve(store, twin["id"], "test")  # a pending one stays unpublished (tests/test_privacy.py)
    merges.merge(store, twin["id"], finished["spot"], "test")
    publish(store)
    found = {q["id"]: q for q in client.get(API).get_json()["questions"]}
    assert twin["id"] not in found
    assert [(m["text"], m["author"]) for m in found[finished["spot"]]["merged"]] == [
        ("Bảo vệ thanh niên trên mạng thế nào ạ?", "Hà Thị Lan")]
    page = text_of(client.get(PAGE))
    assert "Cùng nội dung: Bảo vệ thanh niên trên mạng thế nào ạ? — Hà Thị Lan" in page
