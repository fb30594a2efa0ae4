"""The attendee's phone at 390x844: the notice under the form follows the question it sent, the
folded sections show that they open, and the form, the votes and the counter follow what the event
says (its `phone` and `limits`)."""
import pytest
from playwright.sync_api import expect

from .conftest import PHONE, TABLET, log_in

pytestmark = pytest.mark.usefixtures("fresh")  # the demo event as the server started it

FIRST = "Tỉnh có hỗ trợ thanh niên vùng cao học nghề gần nhà không?"
SECOND = "Khi bị lừa đảo qua mạng, thanh niên báo cho cơ quan nào trước tiên?"


def staff(open_page):
    page = open_page(TABLET, "/login")
    log_in(page)
    return page


def sent_id(phone, text):
    return int(phone.locator("#mine-list li", has_text=text).get_attribute("data-id"))


def ask(phone, text):
    phone.fill("#ask-text", text)
    phone.locator("#ask button[type=submit]").click()
    expect(phone.locator("#ask-status")).to_have_text("Đã gửi, đang chờ duyệt")
    return sent_id(phone, text)


def test_the_sent_notice_follows_the_question_it_sent(open_page):
    moderator = staff(open_page)
    phone = open_page(PHONE, "/e/demo")
    notice = phone.locator("#ask-status")

    rejected = ask(phone, FIRST)
    assert moderator.request.post(f"/api/v1/questions/{rejected}/reject", data={"reason": "Câu hỏi trùng nội dung"}).ok
    expect(notice).to_contain_text("Câu hỏi của bạn không được duyệt.")
    expect(notice).to_contain_text("Lý do: Câu hỏi trùng nội dung")
    expect(notice).not_to_contain_text("đang chờ duyệt")
    expect(notice).to_have_class("notice warn")

    approved = ask(phone, SECOND)
    assert moderator.request.post(f"/api/v1/questions/{approved}/approve").ok
    expect(notice).to_have_text("Đã gửi, câu hỏi của bạn đã hiện công khai.")
    expect(notice).to_have_class("notice ok")
    assert moderator.request.post(f"/api/v1/questions/{approved}/answer",
                                  data={"answered_by": "Giám đốc Công an tỉnh", "summary": "Gọi 113."}).ok
    expect(notice).to_have_text("Câu hỏi của bạn đã được trả lời.")
    # the earlier question's news does not take over the notice of the one sent last
    assert moderator.request.post(f"/api/v1/questions/{rejected}/approve").ok
    expect(phone.locator(f"#m{rejected}")).to_contain_text("Đã duyệt")
    expect(notice).to_have_text("Câu hỏi của bạn đã được trả lời.")


MARKER = """(summary) => {
    const marker = getComputedStyle(summary, '::before');
    return {content: marker.content, width: parseFloat(marker.width), height: parseFloat(marker.height),
            transform: marker.transform, open: summary.parentElement.open};
}"""


def test_folded_sections_show_a_marker_that_turns_when_open(open_page):
    moderator = staff(open_page)
    ids = []
    for text in (FIRST, SECOND):
        created = moderator.request.post("/api/v1/events/demo/questions", data={"text": text}).json()
        assert moderator.request.post(f"/api/v1/questions/{created['id']}/approve").ok
        ids.append(created["id"])
    assert moderator.request.post(f"/api/v1/questions/{ids[1]}/merge", data={"into": ids[0]}).ok
    phone = open_page(PHONE, "/e/demo")

    about = phone.locator(".ask-about > summary")
    merged = phone.locator(f"#q{ids[0]} .q-merged > summary")
    expect(merged).to_have_text("Cùng nội dung với 1 câu hỏi khác")
    for summary in (about, merged):
        summary.scroll_into_view_if_needed()
        closed = summary.evaluate(MARKER)
        assert closed["content"] not in ("none", "normal") and closed["open"] is False, closed
        assert closed["width"] >= 6 and closed["height"] >= 6, closed  # a chevron one can see
        box = summary.bounding_box()
        assert box["height"] >= 44  # a tap target
        summary.tap()
        turned = """([summary, before]) => summary.parentElement.open
                      && getComputedStyle(summary, '::before').transform !== before"""
        phone.wait_for_function(turned, arg=[summary.element_handle(), closed["transform"]], timeout=3000)
    expect(phone.locator(f"#q{ids[0]} .q-merged li")).to_contain_text(SECOND)


PHASES = (  # phase, the form shown, the notice (in English), its class, votes open
    ("closed", False, "The event has ended; no more questions are taken.", "phase-notice notice warn", False),
    ("collecting", True, "The organizers are collecting questions ahead of the dialogue.", "phase-notice hint", True),
    ("draft", False, "The event is not taking questions yet.", "phase-notice notice warn", False),
    ("live", True, None, None, True),
)


def test_the_form_and_the_votes_follow_the_phone_rules_when_the_phase_changes(open_page):
    moderator = staff(open_page)
    created = moderator.request.post("/api/v1/events/demo/questions", data={"text": FIRST}).json()
    assert moderator.request.post(f"/api/v1/questions/{created['id']}/approve").ok
    phone = open_page(PHONE, "/e/demo?lang=en")
    expect(phone.locator("#connection")).to_contain_text("Live")
    phone.evaluate("window.__noReload = true")
    form, notice, vote = phone.locator("#ask"), phone.locator("#phase-notice"), phone.locator(f"#q{created['id']} .vote-btn")
    expect(form).to_be_visible()
    expect(vote).to_be_enabled()

    for phase, asks, text, kind, votes in PHASES:
        assert moderator.request.post("/api/v1/events/demo/phase", data={"phase": phase}).ok
        expect(form).to_be_visible(visible=asks)
        expect(vote).to_be_enabled(enabled=votes)
        if text:
            expect(notice).to_have_text(text)
            expect(notice).to_have_class(kind)
        else:
            expect(notice).to_be_hidden()
    assert phone.evaluate("window.__noReload") is True


def test_the_counter_warns_near_the_limit_the_event_sends(open_page):
    phone = open_page(PHONE, "/e/demo")
    limit = phone.evaluate("JSON.parse(document.getElementById('page').textContent).event.limits.question_text")
    assert phone.locator("#ask-text").get_attribute("maxlength") == str(limit)
    counter = phone.locator("#ask-count")
    phone.fill("#ask-text", "x" * (limit * 9 // 10 - 1))
    expect(counter).not_to_have_class("hint counter near")
    phone.fill("#ask-text", "x" * (limit * 9 // 10))
    expect(counter).to_have_class("hint counter near")
    expect(counter).to_have_text(f"{limit * 9 // 10}/{limit} ký tự")
