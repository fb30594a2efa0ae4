"""The organizer's programme editor on a tablet (1024x768): a three-item programme built in the page
(added, moved, duplicated, deleted) that the API then gives back, a poll prepared and picked by a poll
item, two tablets changing it at once (the later one is told and shown the current programme), and
the programme imported from a spreadsheet. axe finds nothing on the pages, nor on the open dialogs."""
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import TABLET, axe_violations, log_in

pytestmark = pytest.mark.usefixtures("fresh")

CODE = "chuong-trinh-thu"
SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "samples" / "chuong-trinh.csv"


def new_event(page):
    """An event of its own, its programme empty; the editor's URL."""
    created = page.request.post("/api/v1/events", data={
        "code": CODE, "title": "Đối thoại thử chương trình", "date": "2025-03-20", "topics": ["Việc làm", "Nhà ở"]})
    assert created.ok, created.text()
    return f"/admin/events/{CODE}/programme"


def items(page):
    return page.locator("#items > li")


def add_item(page, kind, title, duration, **fields):
    page.get_by_role("button", name="Thêm mục", exact=True).click()
    dialog = page.locator("#item-dialog")
    expect(dialog).to_be_visible()
    page.select_option("#f-kind", label=kind)
    page.fill("#f-title", title)
    page.fill("#f-duration", str(duration))
    for selector, value in fields.items():
        page.fill(f"#f-{selector}", value)
    return dialog


def save(page, dialog):
    dialog.get_by_role("button", name="Lưu").click()
    expect(dialog).to_be_hidden()


def titles(page):
    return items(page).locator(".pe-title").all_inner_texts()


def api_programme(page):
    return page.request.get(f"/api/v1/events/{CODE}/programme").json()


def test_the_organizer_builds_a_three_item_programme(open_page):
    page = open_page(TABLET, "/login", bypass_csp=True)  # axe is injected as a script
    log_in(page)
    page.goto(new_event(page))
    expect(page.locator("#items-empty")).to_be_visible()

    save(page, add_item(page, "Văn nghệ", "Văn nghệ chào mừng", 10, start="08:00", presenter="Tỉnh đoàn"))
    expect(page.locator("#pe-status")).to_have_text("Đã thêm mục “Văn nghệ chào mừng”.")
    dialog = add_item(page, "Đối thoại", "Đối thoại về việc làm", 30)
    expect(page.locator("#f-topic")).to_be_visible()
    expect(page.locator("#f-asking")).to_be_checked()  # a dialogue segment takes questions unless told
    expect(page.locator("#figures-rows")).to_be_hidden()
    page.select_option("#f-topic", label="Việc làm")
    page.fill("#f-ask", "Xin mời bạn {name}, {unit}, đặt câu hỏi.")
    assert axe_violations(page) == []  # the dialog open
    save(page, dialog)
    dialog = add_item(page, "Bế mạc", "Bế mạc", 15)
    expect(page.locator("#f-asking")).not_to_be_checked()
    expect(page.locator("#f-topic")).to_be_hidden()
    save(page, dialog)
    expect(items(page)).to_have_count(3)
    expect(items(page).locator(".pe-time")).to_have_text(["08:00", "08:10", "08:40"])
    expect(page.locator("#pe-times")).to_have_text("Bắt đầu 08:00 · dự kiến kết thúc 08:55 · tổng 55 phút")

    items(page).nth(2).get_by_role("button", name="Lên").click()
    expect(page.locator("#pe-status")).to_have_text("Đã chuyển mục “Bế mạc”.")
    assert titles(page) == ["Văn nghệ chào mừng", "Bế mạc", "Đối thoại về việc làm"]
    expect(items(page).nth(1).get_by_role("button", name="Lên")).to_be_focused()  # the focus moved with it
    items(page).nth(1).get_by_role("button", name="Xuống").click()
    expect(page.locator("#pe-status")).to_have_text("Đã chuyển mục “Bế mạc”.")
    expect(items(page).locator(".pe-title")).to_have_text(["Văn nghệ chào mừng", "Đối thoại về việc làm", "Bế mạc"])

    items(page).nth(1).get_by_role("button", name="Nhân bản").click()
    expect(items(page)).to_have_count(4)
    expect(items(page).nth(2).locator(".pe-title")).to_have_text("Đối thoại về việc làm")
    page.once("dialog", lambda confirm: confirm.accept())
    items(page).nth(2).get_by_role("button", name="Xóa").click()
    expect(items(page)).to_have_count(3)
    expect(page.locator("#pe-status")).to_have_text("Đã xóa mục “Đối thoại về việc làm”.")

    items(page).nth(0).get_by_role("button", name="Sửa").click()
    expect(page.locator("#f-start")).to_have_value("08:00")
    page.fill("#f-duration", "12")
    save(page, page.locator("#item-dialog"))
    expect(items(page).locator(".pe-time")).to_have_text(["08:00", "08:12", "08:42"])

    shown = api_programme(page)["items"]
    assert [(i["kind"], i["title"], i["duration"], i["planned_clock"]) for i in shown] == [
        ("performance", "Văn nghệ chào mừng", 12, "08:00"), ("dialogue", "Đối thoại về việc làm", 30, "08:12"),
        ("closing", "Bế mạc", 15, "08:42")]
    assert shown[0]["presenter"] == "Tỉnh đoàn" and shown[1]["topic"] == "Việc làm"
    assert [i["asking"] for i in shown] == [False, True, False]
    assert shown[1]["script"] == {"ask": "Xin mời bạn {name}, {unit}, đặt câu hỏi."}
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    assert axe_violations(page) == []


def test_a_poll_is_prepared_and_picked_by_a_poll_item(open_page):
    page = open_page(TABLET, "/login", bypass_csp=True)
    log_in(page)
    page.goto(new_event(page))
    page.get_by_role("button", name="Thêm cuộc thăm dò").click()
    dialog = page.locator("#poll-dialog")
    page.fill("#p-text", "Bạn lấy tin tức chủ yếu từ đâu?")
    page.select_option("#p-kind", label="Chọn nhiều")
    expect(page.locator("#p-max")).to_be_visible()
    options = dialog.locator("[data-rows=options] input")
    options.nth(0).fill("Mạng xã hội")
    options.nth(1).fill("Báo điện tử")
    dialog.get_by_role("button", name="Thêm phương án").click()
    expect(options.nth(2)).to_be_focused()
    options.nth(2).fill("Truyền hình")
    page.fill("#p-max", "2")
    assert axe_violations(page) == []
    save(page, dialog)
    expect(page.locator("#polls .pe-poll-text")).to_have_text(["Bạn lấy tin tức chủ yếu từ đâu?"])

    page.locator("#polls").get_by_role("button", name="Sửa").click()
    options.nth(2).fill("Truyền hình, phát thanh")
    save(page, dialog)
    [poll] = page.request.get(f"/api/v1/events/{CODE}/polls").json()["polls"]
    assert (poll["kind"], poll["max_choices"], poll["state"]) == ("multiple", 2, "draft")
    assert [o["label"] for o in poll["options"]] == ["Mạng xã hội", "Báo điện tử", "Truyền hình, phát thanh"]

    dialog = add_item(page, "Thăm dò ý kiến", "Thăm dò nguồn tin", 5)
    page.select_option("#f-poll", value=str(poll["id"]))
    save(page, dialog)
    expect(items(page).locator(".pe-detail")).to_have_text(["Thăm dò: Bạn lấy tin tức chủ yếu từ đâu?"])
    assert api_programme(page)["items"][0]["poll_id"] == poll["id"]


def test_two_tablets_at_once_lose_nothing_unseen(context_for):
    first = context_for(TABLET).new_page()
    log_in(first)
    path = new_event(first)
    for title in ("Khai mạc", "Văn nghệ", "Bế mạc"):
        assert first.request.post(f"/api/v1/events/{CODE}/programme/items",
                                  data={"kind": "break", "title": title, "duration": 5}).ok
    second = context_for(TABLET).new_page()
    log_in(second)
    first.goto(path)
    second.goto(path)
    items(first).nth(2).get_by_role("button", name="Lên").click()
    expect(first.locator("#pe-status")).to_have_text("Đã chuyển mục “Bế mạc”.")

    second.once("dialog", lambda confirm: confirm.accept())
    items(second).nth(0).get_by_role("button", name="Xóa").click()  # on the order it loaded
    expect(second.locator("#pe-error")).to_have_text(
        "Chương trình vừa được thay đổi ở nơi khác. Hãy xem lại rồi thử lại.")
    expect(items(second).locator(".pe-title")).to_have_text(["Khai mạc", "Bế mạc", "Văn nghệ"])
    assert [i["title"] for i in api_programme(second)["items"]] == ["Khai mạc", "Bế mạc", "Văn nghệ"]

    items(second).nth(0).get_by_role("button", name="Sửa").click()
    second.fill("#f-title", "Khai mạc chương trình")
    items(first).nth(0).get_by_role("button", name="Nhân bản").click()  # meanwhile, on the other tablet
    expect(items(first)).to_have_count(4)
    second.locator("#item-dialog").get_by_role("button", name="Lưu").click()
    expect(second.locator("#item-error")).to_have_text(
        "Chương trình vừa được thay đổi ở nơi khác. Hãy xem lại rồi thử lại.")
    expect(second.locator("#f-title")).to_have_value("Khai mạc chương trình")  # what was typed stays
    expect(items(second)).to_have_count(4)  # the current programme behind the dialog
    save(second, second.locator("#item-dialog"))  # sent again, on the programme it now holds
    assert [i["title"] for i in api_programme(second)["items"]] == [
        "Khai mạc chương trình", "Khai mạc", "Bế mạc", "Văn nghệ"]


def test_the_programme_imported_from_a_spreadsheet(open_page, tmp_path):
    page = open_page(TABLET, "/login", bypass_csp=True)
    log_in(page)
    page.goto("/admin/events/demo/programme")  # the sample's dialogue segments name the demo's topics
    page.get_by_role("link", name="Nhập từ bảng tính").click()
    bad = tmp_path / "sai.csv"
    bad.write_text("Loại;Nội dung;Thời lượng (phút)\nVăn nghệ;Hát múa;10\nHội thảo;Sai loại;5\n", encoding="utf-8")
    page.set_input_files("#file", str(bad))
    page.get_by_role("button", name="Xem trước").click()
    expect(page.locator(".fu-problems li")).to_have_count(1)
    expect(page.locator(".fu-problems li")).to_contain_text("Dòng 3: Không rõ loại mục “Hội thảo”")
    expect(page.get_by_role("button", name="Xác nhận nhập 2 mục")).to_have_count(0)
    assert axe_violations(page) == []

    page.set_input_files("#file", str(SAMPLE))
    page.get_by_role("button", name="Xem trước").click()
    expect(page.locator("table.fu-preview tbody tr")).to_have_count(11)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Xác nhận nhập 11 mục").click()
    expect(page).to_have_url(re.compile("/admin/events/demo/programme$"))
    expect(page.locator(".notice.ok")).to_have_text("Đã nhập chương trình: 11 mục.")
    expect(items(page)).to_have_count(11)
    expect(items(page).first.locator(".pe-time")).to_have_text("08:00")
    expect(items(page).nth(8).locator(".pe-detail")).to_have_text(["Chưa chọn cuộc thăm dò"])  # the file names none
    assert page.request.get("/api/v1/events/demo/programme").json()["items"][0]["script"]["intro"].startswith(
        "Mở đầu chương trình")
