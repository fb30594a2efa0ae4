"""The session-time pages in real browsers: the Chair's tablet follows the stage and the
moderators' messages, the read receipt goes back; the answer log form feeds the live minutes."""

import pytest
from playwright.sync_api import expect

from .conftest import TABLET, approved, log_in, mark_loaded, not_reloaded, review_shot

pytestmark = pytest.mark.usefixtures("fresh")  # the demo event as the server started it

QUESTION = "Tỉnh có kế hoạch gì để bảo vệ thanh niên vùng cao khỏi lừa đảo trên mạng xã hội?"
OTHER = "Khi thấy tin giả về tỉnh trên mạng, thanh niên nên báo cho cơ quan nào?"
WIDE_TABLET = {"viewport": {"width": 1280, "height": 800}, "has_touch": True}



def staff_page(open_page, path, device=TABLET):
    page = open_page(device, "/login")
    log_in(page)
    page.goto(path)
    return page


def test_chair_tablet_shows_the_stage_and_reads_the_moderators_messages(open_page, server):
    moderator = staff_page(open_page, "/mod/demo")
    staged = approved(moderator, QUESTION, agency="CA")
    approved(moderator, OTHER, agency="STTTT", votes=2)
    assert moderator.request.post(f"/api/v1/questions/{staged}/stage").ok

    chair = staff_page(open_page, "/chair/demo")
    expect(chair.locator("#stage-text")).to_have_text(QUESTION)
    expect(chair.locator("#stage-head")).to_have_text("Giám đốc Công an tỉnh")
    expect(chair.locator("#stage-agency-name")).to_have_text("Công an tỉnh")
    expect(chair.locator("#next li")).to_have_count(1)
    expect(chair.locator("#next")).to_contain_text(OTHER)
    expect(chair.locator("#connection")).to_have_text("Đã kết nối")
    expect(moderator.locator("#connection")).to_have_text("Đã kết nối")
    mark_loaded(moderator, chair)

    panel = moderator.locator("#chair-panel")
    panel.locator("summary").click()  # folded at first
    expect(panel.locator("#quick-invite")).to_have_text("Mời Giám đốc Công an tỉnh trả lời")
    panel.get_by_role("button", name="5 phút nữa").click()
    message = chair.locator("#messages li", has_text="5 phút nữa")
    expect(message).to_have_class("c-message is-unread")
    expect(chair.locator("#unread-count")).to_have_text("1 chưa đọc")
    sent = moderator.locator("#chair-sent li", has_text="5 phút nữa")
    expect(sent).to_contain_text("Chưa đọc")
    review_shot(chair, "chair-tablet")

    read = message.get_by_role("button", name="Đã đọc")
    box = read.bounding_box()
    assert box["height"] >= 56 and box["width"] >= 56
    read.tap()
    expect(sent).to_contain_text("Đã đọc lúc")
    expect(message).to_have_class("c-message is-read")
    expect(chair.locator("#unread-count")).to_be_hidden()

    # the stage changes under the Chair's eyes, and so do the votes
    next_id = int(chair.locator("#next li").first.get_attribute("data-id"))
    assert moderator.request.post(f"/api/v1/questions/{next_id}/stage").ok
    expect(chair.locator("#stage-text")).to_have_text(OTHER)
    expect(chair.locator("#stage-votes")).to_have_text("2")
    expect(chair.locator("#next")).to_contain_text(QUESTION)
    panel.locator("#chair-text").fill("Mời đại biểu tiếp theo chuẩn bị")
    panel.locator("#chair-form button[type=submit]").click()
    expect(chair.locator("#messages li").first).to_contain_text("Mời đại biểu tiếp theo chuẩn bị")
    assert not_reloaded(moderator, chair)


def test_answer_log_form_feeds_the_live_minutes(open_page, server):
    moderator = staff_page(open_page, "/mod/demo")
    first = approved(moderator, QUESTION, agency="CA", votes=1)
    second = approved(moderator, OTHER)
    minutes = staff_page(open_page, "/admin/events/demo/minutes")
    expect(minutes.locator("#minutes-empty")).to_be_visible()
    expect(minutes.locator("#connection")).to_have_text("Đã kết nối")
    mark_loaded(moderator, minutes)

    moderator.locator("#tab-approved").click()
    card = moderator.locator(f"li.card#q-{first}")
    card.locator("[data-action=answer]").click()
    form = card.locator("form")
    names = form.locator("[name=speaker_name]")
    expect(names).to_have_count(1)
    expect(names.first).to_have_value("Giám đốc Công an tỉnh")
    expect(form.locator("[name=speaker_agency]").first).to_have_value("CA")
    form.get_by_role("button", name="+ Thêm người trả lời").click()
    names.nth(1).fill("Chủ tịch UBND tỉnh")
    form.locator("[name=summary]").fill("Công an tỉnh mở chuyên mục cảnh báo lừa đảo trên cổng thông tin của tỉnh.")
    form.locator("[name=direction]").fill("Giao Công an tỉnh phối hợp Tỉnh đoàn tuyên truyền tại các trường học.")
    form.locator("[name=commitment_what]").fill("Tổ chức 20 buổi tuyên truyền phòng chống lừa đảo")
    form.locator("[name=commitment_due]").fill("2025-09-30")
    form.locator(f"[name=also][value='{second}']").check()
    review_shot(moderator, "moderator-answer-form", full_page=True)
    form.locator("button[type=submit]").click()

    entry = minutes.locator("#minutes-list li.m-entry")
    expect(entry).to_have_count(1)
    for text in (QUESTION, OTHER, "Giám đốc Công an tỉnh", "— Công an tỉnh", "Chủ tịch UBND tỉnh",
                 "Công an tỉnh mở chuyên mục cảnh báo lừa đảo",
                 "Giao Công an tỉnh phối hợp Tỉnh đoàn tuyên truyền tại các trường học.",
                 "Tổ chức 20 buổi tuyên truyền phòng chống lừa đảo", "hạn 30/09/2025"):
        expect(entry).to_contain_text(text)
    stamp = entry.locator(".m-time time")
    expect(stamp).to_have_text(stamp.evaluate(  # the logged time, as a clock in Asia/Ho_Chi_Minh
        "(node) => new Intl.DateTimeFormat('vi-VN', {hour: '2-digit', minute: '2-digit', hourCycle: 'h23',"
        " timeZone: 'Asia/Ho_Chi_Minh'}).format(new Date(node.dateTime))"))
    expect(minutes.locator("#minutes-count")).to_have_text("1 lượt trả lời")

    # both questions are answered; the card shows the whole answer and corrects it
    moderator.locator("#tab-answered").click()
    answered = moderator.locator(f"li.card#q-{first}")
    expect(answered.locator(".answer-direction")).to_contain_text("phối hợp Tỉnh đoàn")
    expect(answered.locator(".answer-commitments")).to_contain_text("hạn 30/09/2025")
    expect(answered.locator(".answer-speakers li")).to_have_count(2)
    expect(moderator.locator(f"li.card#q-{second}")).to_contain_text("Trả lời chung với: #" + str(first))
    answered.get_by_role("button", name="Sửa câu trả lời").click()
    edit = answered.locator("form")
    expect(edit.locator("[name=speaker_name]")).to_have_count(2)
    expect(edit.locator("[name=direction]")).to_have_value(
        "Giao Công an tỉnh phối hợp Tỉnh đoàn tuyên truyền tại các trường học.")
    edit.locator("[name=summary]").fill("Công an tỉnh đã mở chuyên mục cảnh báo lừa đảo từ tháng 6.")
    edit.locator("button[type=submit]").click()
    expect(entry).to_contain_text("Công an tỉnh đã mở chuyên mục cảnh báo lừa đảo từ tháng 6.")
    expect(entry.locator(".m-edited")).to_contain_text("đã sửa lúc")
    expect(answered.locator(".answer-summary")).to_have_text("Công an tỉnh đã mở chuyên mục cảnh báo lừa đảo từ tháng 6.")
    review_shot(moderator, "moderator-answered", full_page=True)
    review_shot(minutes, "minutes", full_page=True)
    assert not_reloaded(moderator, minutes)


def test_route_form_keeps_a_note_and_due_date_for_the_agency(open_page, server):
    moderator = staff_page(open_page, "/mod/demo")
    question = approved(moderator, QUESTION)
    moderator.locator("#tab-approved").click()
    card = moderator.locator(f"li.card#q-{question}")
    card.locator("[data-action=route]").click()
    card.locator("select[name=agency]").select_option("CA")
    card.locator("[name=note]").fill("Nhờ chuẩn bị số liệu vụ lừa đảo năm 2024.")
    card.locator("[name=written_due]").fill("2025-10-15")
    card.locator("form button[type=submit]").click()
    expect(card).to_contain_text("Cơ quan: Công an")
    expect(card.locator(".q-note")).to_contain_text("Nhờ chuẩn bị số liệu vụ lừa đảo năm 2024.")
    expect(card).to_contain_text("Hạn trả lời bằng văn bản: 15/10/2025")
    saved = moderator.request.get("/api/v1/events/demo/questions?status=approved").json()["questions"]
    [row] = [q for q in saved if q["id"] == question]
    assert (row["agency"]["code"], row["note"], row["written_due"]) == (
        "CA", "Nhờ chuẩn bị số liệu vụ lừa đảo năm 2024.", "2025-10-15")


def test_chair_page_never_scrolls_on_a_tablet(open_page, server):
    moderator = staff_page(open_page, "/mod/demo")
    long_text = ("Kính thưa đồng chí Chủ tịch, em là sinh viên Trường Cao đẳng Lào Cai, em muốn hỏi về việc làm. " * 6)[:500]
    staged = approved(moderator, long_text, agency="CA")
    for votes in (3, 2, 1):
        approved(moderator, f"Câu hỏi chờ số {votes}: " + "đề nghị tỉnh quan tâm hơn đến thanh niên vùng cao " * 3,
                 agency="CA", votes=votes)
    assert moderator.request.post(f"/api/v1/questions/{staged}/stage").ok
    for n in range(8):
        text = (f"Lời nhắn {n}: " + "xin Chủ tọa lưu ý thời gian của phần hỏi đáp này " * 4)[:140]
        assert moderator.request.post("/api/v1/events/demo/chair/messages", data={"text": text}).ok

    for device in (TABLET, WIDE_TABLET):
        chair = staff_page(open_page, "/chair/demo", device)
        expect(chair.locator("#stage-text")).to_have_text(long_text.strip())
        expect(chair.locator("#messages li")).to_have_count(8)
        expect(chair.locator("#next li")).to_have_count(3)
        chair.wait_for_timeout(300)
        fits = chair.evaluate("""() => {
            const root = document.scrollingElement, box = document.getElementById('stage-box');
            return {height: root.scrollHeight <= innerHeight, width: root.scrollWidth <= innerWidth,
                    text: box.scrollHeight <= box.clientHeight + 1,
                    size: parseFloat(getComputedStyle(document.getElementById('stage-text')).fontSize)};
        }""")
        assert fits["height"] and fits["width"] and fits["text"], fits
        assert fits["size"] >= 20
        review_shot(chair, f"chair-crowded-{device['viewport']['width']}")
