"""The console's programme and polls panels on the moderators' 1024x768 tablets. A three-item
programme made through the API: one moderator moves it on with the panel's buttons (next, back, a jump
from the list) and a second moderator's console follows without a reload; while the dialogue segment
runs, the approved list puts its content's questions first and says so; an advance sent with a stale
version is refused (409), said, and the panel follows the newest programme. An ad hoc poll is launched
from the panel, answered through the API, its results revealed and hidden, and closed; a prepared one
is opened from it; the buttons are the moves the server offers (poll.actions). axe finds nothing."""
import re

import pytest
from playwright.sync_api import expect

from ..support import ADMIN_PASSWORD
from .conftest import TABLET, axe_violations, log_in, mark_loaded, not_reloaded

pytestmark = pytest.mark.usefixtures("no_programme")  # the demo event as the server started it, no programme

SECOND = ("mod2", "mod2-password")
OTHER_TOPIC, FOCUS_TOPIC = "Chính sách, pháp luật về an ninh mạng", "Trách nhiệm của thanh niên"
ITEMS = [{"kind": "performance", "title": "Văn nghệ chào mừng", "duration": 1, "presenter": "Đội văn nghệ Đoàn Thanh niên"},
         {"kind": "dialogue", "title": "Trách nhiệm của thanh niên trên mạng", "duration": 30, "topic": FOCUS_TOPIC},
         {"kind": "closing", "title": "Bế mạc", "duration": 5}]
POPULAR = "Tỉnh có kế hoạch gì để bảo vệ thanh niên vùng cao khỏi lừa đảo trên mạng xã hội?"
FOCUSED = "Thanh niên nên làm gì khi thấy tin giả về tỉnh lan truyền trên mạng?"
STALE = "Chương trình vừa được thay đổi ở nơi khác. Hãy xem lại rồi thử lại."


def second_moderator(page):
    """A moderator of the demo event, made on the accounts page by the organizer logged in on `page`."""
    page.goto("/admin/users")
    page.fill("#new-username", SECOND[0])
    page.fill("#new-password", SECOND[1])
    page.select_option("#new-event", "demo")
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.locator("table.accounts")).to_contain_text(SECOND[0])


def question(page, text, topic, votes):
    """An approved question of `topic` with `votes` votes; its id."""
    created = page.request.post("/api/v1/events/demo/questions", data={"text": text, "topic": topic}).json()
    assert page.request.post(f"/api/v1/questions/{created['id']}/approve").ok
    for _ in range(votes):
        voter = page.context.browser.new_context(base_url=page.url)
        assert voter.request.post(f"/api/v1/questions/{created['id']}/vote").ok
        voter.close()
    return created["id"]


def console(context_for, username="admin", password=ADMIN_PASSWORD):
    page = context_for(TABLET, bypass_csp=True).new_page()  # axe is injected as a script
    page.goto("/login")
    log_in(page, username, password)
    return page


def open_console(page):
    page.goto("/mod/demo")
    expect(page.locator("#connection")).to_have_text("Đã kết nối")
    return page


def running(page, title):
    expect(page.locator("#programme-current .programme-title")).to_have_text(title)


def test_moderators_move_the_programme_and_every_console_follows(context_for):
    first = console(context_for)
    second_moderator(first)
    for item in ITEMS:
        assert first.request.post("/api/v1/events/demo/programme/items", data=item).status == 201
    popular, focused = question(first, POPULAR, OTHER_TOPIC, 2), question(first, FOCUSED, FOCUS_TOPIC, 0)
    second = console(context_for, *SECOND)
    open_console(first)
    open_console(second)
    mark_loaded(first, second)
    approved = second.locator("#panel-approved li.card")

    # nothing runs yet: what comes first is said, and there is nothing to go back to or end
    running(first, "Chưa có mục nào đang diễn ra.")
    expect(first.locator("#programme-meta")).to_contain_text("Tiếp theo: Văn nghệ: Văn nghệ chào mừng")
    expect(first.locator("#programme-back")).to_be_disabled()
    expect(first.locator("#programme-end")).to_be_disabled()
    second.locator("#tab-approved").click()
    expect(approved.first).to_have_attribute("data-id", str(popular))  # by votes
    expect(second.locator("#focus-note")).to_be_hidden()

    first.get_by_role("button", name="Mục tiếp theo").click()
    for page in (first, second):
        running(page, "Văn nghệ chào mừng")
        expect(page.locator("#programme-kind")).to_have_text("Văn nghệ")
        expect(page.locator("#programme-current")).to_contain_text("Trình bày: Đội văn nghệ Đoàn Thanh niên")
    # a one-minute item: amber at once, and its words say so too
    expect(second.locator("#programme-clock")).to_have_class("countdown warn")
    expect(second.locator("#programme-clock")).to_have_text(re.compile(r"^Sắp hết giờ: còn 0:[0-5]\d$"))

    first.get_by_role("button", name="Mục tiếp theo").click()
    running(second, "Trách nhiệm của thanh niên trên mạng")
    expect(second.locator("#programme-clock")).to_have_class("countdown on-time")
    expect(second.locator("#programme-current")).to_contain_text(f"Nội dung: {FOCUS_TOPIC}")
    # the dialogue segment's content comes first in the approved list, and the list says why
    expect(second.locator("#focus-note")).to_have_text(
        f"Đang đối thoại nội dung “{FOCUS_TOPIC}”: câu hỏi của nội dung này ở trên cùng.")
    expect(approved.first).to_have_attribute("data-id", str(focused))

    first.get_by_role("button", name="Quay lại").click()
    running(second, "Văn nghệ chào mừng")
    expect(approved.first).to_have_attribute("data-id", str(popular))
    expect(second.locator("#programme-back")).to_be_disabled()  # the first item

    first.locator("#programme-jump > summary").click()
    first.locator("#programme-items").get_by_role("button", name="Bế mạc").click()
    running(second, "Bế mạc")
    expect(second.locator('#programme-items [aria-current="true"]')).to_contain_text("Bế mạc")
    expect(second.locator("#programme-items")).to_contain_text("đã xong")
    expect(first.locator("#programme-meta")).to_contain_text("Đây là mục cuối.")
    assert not_reloaded(first, second)

    # the second moderator goes back just before the first one's tap reaches the server: refused, said,
    # and the first console shows the programme as the second one left it
    def meanwhile(route):
        assert second.request.post("/api/v1/events/demo/programme/advance", data={"to": "back"}).ok
        route.continue_()

    first.route("**/programme/advance", meanwhile)
    first.get_by_role("button", name="Mục tiếp theo").click()
    expect(first.locator("#programme-error")).to_have_text(STALE)
    running(first, "Trách nhiệm của thanh niên trên mạng")
    running(second, "Trách nhiệm của thanh niên trên mạng")
    first.unroute("**/programme/advance")
    first.get_by_role("button", name="Kết thúc chương trình").click()
    running(second, "Chưa có mục nào đang diễn ra.")
    expect(first.locator("#programme-error")).to_be_hidden()
    assert not_reloaded(first, second)


def poll_row(page, text):
    return page.locator("#polls-list li.poll").filter(has_text=text)


def buttons(row):
    return row.locator(".poll-actions button")


def test_a_poll_is_launched_answered_revealed_and_closed_from_the_panel(context_for):
    page = console(context_for)
    for item in ITEMS:
        assert page.request.post("/api/v1/events/demo/programme/items", data=item).status == 201
    assert page.request.post("/api/v1/events/demo/programme/advance", data={"to": "next"}).ok
    prepared = "Bạn hài lòng với dịch vụ công trực tuyến ở mức nào?"
    assert page.request.post("/api/v1/events/demo/polls", data={"text": prepared, "kind": "scale"}).status == 201
    open_console(page)
    mark_loaded(page)
    panel = page.locator("#polls-panel")
    expect(panel.locator(".polls-states")).to_have_text("4 Chưa mở")  # with the demo's three drafts

    # launch: the panel unfolds with the form; a multiple-choice poll with three options, at most two
    page.get_by_role("button", name="Thăm dò nhanh").click()
    expect(page.locator("#poll-text")).to_be_focused()
    page.fill("#poll-text", "Bạn tìm việc làm chủ yếu qua đâu?")
    page.select_option("#poll-kind", label="Chọn nhiều")
    page.get_by_role("button", name="+ Thêm phương án").click()
    for n, label in enumerate(["Mạng xã hội", "Báo điện tử", "Truyền hình"], start=1):
        page.fill(f"#poll-option-{n}", label)
    page.fill("#poll-max", "2")
    page.locator("#poll-form").get_by_role("button", name="Mở thăm dò").click()
    expect(page.locator("#poll-form")).to_be_hidden()
    launched = poll_row(page, "Bạn tìm việc làm chủ yếu qua đâu?")
    expect(launched.locator(".poll-state")).to_have_text("Đang mở")
    expect(launched.locator(".poll-kind")).to_have_text("Chọn nhiều · chọn tối đa 2")
    expect(buttons(launched)).to_have_text(["Đóng thăm dò", "Công bố kết quả"])
    expect(panel.locator(".polls-states")).to_have_text("4 Chưa mở · 1 Đang mở")

    # three attendees answer through the API: the counts come in live (moderators always see them)
    poll = next(p for p in page.request.get("/api/v1/events/demo/polls").json()["polls"] if p["text"] == "Bạn tìm việc làm chủ yếu qua đâu?")
    options = [option["id"] for option in poll["options"]]
    for choices in ([options[0], options[1]], [options[0]], [options[0], options[2]]):
        phone = page.context.browser.new_context(base_url=page.url)
        assert phone.request.post(f"/api/v1/polls/{poll['id']}/answer", data={"choices": choices}).ok
        phone.close()
    expect(launched.locator(".poll-total")).to_have_text("3 người đã trả lời")
    expect(launched.locator(".poll-count")).to_have_text(["3 (100%)", "1 (33%)", "1 (33%)"])
    expect(launched.locator(".poll-shown")).to_have_text("Điện thoại và màn hình chiếu chưa thấy kết quả")
    assert "options" not in page.context.browser.new_context(base_url=page.url).request.get(
        f"/api/v1/polls/{poll['id']}/results").json()

    buttons(launched).filter(has_text="Công bố kết quả").click()
    expect(launched.locator(".poll-shown")).to_have_text("Điện thoại và màn hình chiếu đang thấy kết quả")
    expect(buttons(launched)).to_have_text(["Đóng thăm dò", "Ẩn kết quả"])
    public = page.context.browser.new_context(base_url=page.url).request.get(f"/api/v1/polls/{poll['id']}/results").json()
    assert [option["count"] for option in public["options"]] == [3, 1, 1]

    buttons(launched).filter(has_text="Đóng thăm dò").click()
    expect(launched.locator(".poll-state")).to_have_text("Đã đóng")
    expect(buttons(launched)).to_have_text(["Mở thăm dò", "Ẩn kết quả"])
    buttons(launched).filter(has_text="Ẩn kết quả").click()
    expect(buttons(launched)).to_have_text(["Mở thăm dò", "Công bố kết quả"])

    # the prepared poll: only "open" is offered; the panel opens it
    draft = poll_row(page, prepared)
    expect(buttons(draft)).to_have_text(["Mở thăm dò"])
    expect(draft.locator(".poll-kind")).to_have_text("Thang điểm 1-5")
    buttons(draft).click()
    expect(draft.locator(".poll-state")).to_have_text("Đang mở")
    expect(draft.locator(".poll-count")).to_have_count(5)

    # both panels, the jump list and the poll form open: nothing for axe to find
    page.get_by_role("button", name="Thăm dò nhanh").click()
    page.locator("#programme-jump > summary").click()
    expect(page.locator("#programme")).to_be_visible()
    assert axe_violations(page) == []
    assert not_reloaded(page)
