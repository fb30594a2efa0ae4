"""The whole loop in real browsers against a real server: a phone asks, a tablet moderates,
the projector follows, another phone votes; no page reloads."""
import io

import docx
import pytest
from playwright.sync_api import expect

from .conftest import PHONE, PROJECTOR, TABLET, approved, log_in, mark_loaded, screenshot

pytestmark = pytest.mark.usefixtures("fresh")  # the demo event as the server started it

QUESTION = "Tỉnh có kế hoạch gì để bảo vệ thanh niên vùng cao khỏi lừa đảo trên mạng xã hội?"


def queue_more_questions(staff_page):
    """Approved questions waiting their turn, with votes, so the screenshots show a queue."""
    texts = ["Đề nghị tỉnh mở lớp kỹ năng số miễn phí cho đoàn viên ở các xã biên giới.",
             "Khi thấy tin giả về tỉnh trên mạng, thanh niên nên báo cho cơ quan nào?",
             "Có kênh nào để học sinh báo cáo nội dung xấu độc một cách ẩn danh không?"]
    for votes, text in enumerate(texts, start=2):
        approved(staff_page, text, votes=votes)


def card(page, text):
    return page.locator("li.card", has_text=text)


def test_phone_asks_moderator_approves_projector_follows_votes_rise(open_page, server):
    phone = open_page(PHONE, "/e/demo")
    tablet = open_page(TABLET, "/login")
    log_in(tablet)
    tablet.goto("/mod/demo")
    projector = open_page(PROJECTOR, "/e/demo/screen")
    voter = open_page(PHONE, "/e/demo")
    expect(tablet.locator("#connection")).to_be_visible()
    mark_loaded(phone, tablet, projector, voter)

    phone.fill("#ask-text", QUESTION)
    phone.locator("#ask button[type=submit]").click()
    expect(phone.locator("#mine-list")).to_contain_text(QUESTION)
    expect(phone.locator("#mine-list")).to_contain_text("Đang chờ duyệt")

    pending = card(tablet, QUESTION)
    expect(pending).to_be_visible()
    expect(projector.locator("body")).not_to_contain_text(QUESTION)
    expect(voter.locator("body")).not_to_contain_text(QUESTION)
    pending.locator("[data-action=approve]").click()

    expect(projector.locator("#next")).to_contain_text(QUESTION)
    expect(phone.locator("#mine-list")).to_contain_text("Đã duyệt")
    listed = voter.locator("#q-list li", has_text=QUESTION)
    expect(listed).to_be_visible()
    listed.locator(".vote-btn").click()
    expect(listed.locator(".vote-btn")).to_have_attribute("aria-pressed", "true")
    expect(projector.locator("#next li", has_text=QUESTION)).to_contain_text("1")

    tablet.locator("[role=tab]", has_text="Đã duyệt").click()
    approved = card(tablet, QUESTION)
    approved.locator("[data-action=route]").click()
    approved.locator("select[name=agency]").select_option("CA")
    approved.locator("form button[type=submit]").click()
    expect(approved).to_contain_text("Cơ quan: Công an")
    approved.locator("[data-action=stage]").click()
    expect(projector.locator("#stage-text")).to_have_text(QUESTION)
    expect(projector.locator("#stage-agency-name")).to_have_text("Công an tỉnh")
    expect(phone.locator("#stage")).to_contain_text(QUESTION)
    queue_more_questions(tablet)
    expect(projector.locator("#next li")).to_have_count(3)
    screenshot(phone, "attendee")
    screenshot(projector, "projector")
    screenshot(tablet, "moderator")

    tablet.locator("#stage-answer").click()
    answer_form = tablet.locator("form", has=tablet.locator("[name=summary]"))
    answer_form.locator("[name=summary]").fill("Công an tỉnh sẽ mở chuyên mục cảnh báo lừa đảo trên trang của tỉnh.")
    answer_form.locator("button[type=submit]").click()
    expect(phone.locator("#mine-list")).to_contain_text("Đã trả lời")

    edited = QUESTION.replace("Tỉnh có kế hoạch gì", "Xin hỏi tỉnh có kế hoạch gì")
    tablet.locator("[role=tab]", has_text="Trên sân khấu").click()
    on_stage = card(tablet, QUESTION)
    on_stage.locator("[data-action=edit]").click()
    on_stage.locator("textarea[name=text]").fill(edited)
    on_stage.locator("form button[type=submit]").click()
    expect(projector.locator("#stage-text")).to_have_text(edited)
    expect(phone.locator("#mine-list")).to_contain_text(edited)
    expect(card(tablet, edited)).to_contain_text(QUESTION)  # the original stays shown to moderators

    for page in (phone, tablet, projector, voter):
        assert page.evaluate("window.__noReload") is True

    response = tablet.request.get("/api/v1/events/demo/conclusion.docx")
    assert response.ok
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.body())).paragraphs)
    assert edited in text  # the notice uses the text as edited for clarity
    assert "Công an tỉnh sẽ mở chuyên mục cảnh báo lừa đảo" in text


def test_phone_without_javascript_still_asks(browser, server):
    context = browser.new_context(base_url=server.url, java_script_enabled=False, locale="vi-VN", **PHONE)
    try:
        page = context.new_page()
        page.goto("/e/demo")
        page.fill("#ask-text", "Câu hỏi gửi khi điện thoại tắt JavaScript")
        page.locator("#ask button[type=submit]").click()
        expect(page.locator("#mine")).to_contain_text("Câu hỏi gửi khi điện thoại tắt JavaScript")
        expect(page.locator("#mine")).to_contain_text("Đang chờ duyệt")
    finally:
        context.close()


def test_long_question_fits_the_projector_without_scrollbars(open_page, server):
    tablet = open_page(TABLET, "/login")
    log_in(tablet)
    text = ("Kính thưa đồng chí Chủ tịch, em là sinh viên Trường Cao đẳng Lào Cai. " * 8)[:500]
    created = tablet.request.post("/api/v1/events/demo/questions", data={"text": text}).json()
    assert tablet.request.post(f"/api/v1/questions/{created['id']}/approve").ok
    assert tablet.request.post(f"/api/v1/questions/{created['id']}/stage").ok
    projector = open_page(PROJECTOR, "/e/demo/screen")
    expect(projector.locator("#stage-text")).to_have_text(text.strip())
    fits = projector.evaluate("""() => {
        const root = document.scrollingElement, box = document.getElementById('stage-text');
        return {page: root.scrollHeight <= innerHeight && root.scrollWidth <= innerWidth,
                text: box.scrollHeight <= box.clientHeight + 1,
                size: parseFloat(getComputedStyle(box).fontSize)};
    }""")
    assert fits["page"] and fits["text"]
    assert fits["size"] >= 48
    screenshot(projector, "projector-long-question")
