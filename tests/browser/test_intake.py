"""Before the event, in a real browser: the organizer imports a district union's spreadsheet
(preview, confirm, then again: nothing added), a moderator approves and routes, and the briefing
pack shows the questions by theme and by agency, an agency's part to the agency only."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, TABLET, log_in, screenshot

pytestmark = pytest.mark.usefixtures("fresh")  # the demo event as the server started it

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "samples" / "de-xuat-thanh-nien.csv"
LAPTOP = {"viewport": {"width": 1366, "height": 768}}  # the organizer's


def upload(page):
    page.goto("/admin/events/demo/import")
    page.set_input_files("#file", str(SAMPLE))
    page.select_option("#channel", "district")
    page.get_by_role("button", name="Xem trước").click()


def test_import_preview_confirm_again_then_the_briefing_pack(open_page, server):
    page = open_page(TABLET, "/login")
    log_in(page)
    upload(page)
    expect(page.locator("table.fu-preview tbody tr")).to_have_count(10)
    expect(page.locator(".fu-summary")).to_contain_text("10")
    screenshot(page, "import-preview")
    page.get_by_role("button", name="Xác nhận nhập 10 câu hỏi").click()
    expect(page.locator(".notice.ok")).to_contain_text("Đã nhập 10 câu hỏi, 0 câu đã có")

    upload(page)  # the same file again: every row is already there, nothing to confirm
    expect(page.locator("table.fu-preview tbody tr.is-imported")).to_have_count(10)
    expect(page.get_by_role("button", name="Xác nhận nhập 0 câu hỏi")).to_be_disabled()
    expect(page.locator("#confirm-hint")).to_have_text("Không có câu hỏi mới để nhập: mọi dòng trong tệp đã được nhập "
                                                       "trước đó.")

    found = page.request.get("/api/v1/events/demo/questions?q=game").json()["questions"]
    assert [q["author"] for q in found] == ["Đặng Thị Mai"]
    everything = page.request.get("/api/v1/events/demo/questions").json()["questions"]
    by_author = {q["author"]: q["id"] for q in everything}
    for question in everything:
        if not question["flags"]:
            assert page.request.post(f"/api/v1/questions/{question['id']}/approve").ok
    routes = {"Đặng Thị Mai": "SGDDT", "Nguyễn Văn Toàn": "CA", "Phạm Thu Trang": "STTTT", "Lý Thị Hoa": "TINHDOAN"}
    for author, agency in routes.items():
        assert page.request.post(f"/api/v1/questions/{by_author[author]}/route", data={"agency": agency}).ok
    assert page.request.patch(f"/api/v1/questions/{by_author['Đặng Thị Mai']}",
                              data={"topic": "Trách nhiệm của thanh niên"}).ok
    assert page.request.post(f"/api/v1/questions/{by_author['Vàng Thị Dung']}/merge",
                             data={"into": by_author["Lý Thị Hoa"]}).ok

    page.goto("/briefing/demo")
    expect(page.locator("main")).to_contain_text("Trách nhiệm của thanh niên")
    expect(page.locator("main")).to_contain_text("nghiện game")
    expect(page.locator("main")).to_contain_text("Huyện Văn Bàn")
    expect(page.locator(".br-merged").first).to_contain_text("Vàng Thị Dung")  # merged, credited
    screenshot(page, "briefing")
    page.select_option("#agency", "CA")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("main")).not_to_contain_text("nghiện game")
    docx = page.request.get("/api/v1/events/demo/briefing.docx")
    assert docx.ok and docx.body()[:2] == b"PK"


def test_on_the_organizers_laptop_a_bad_rows_problem_shows_first_and_whole(open_page, tmp_path):
    """1366x768: the problem is listed above the table, and the row's check is on screen, not pushed
    off to the right and broken mid-word by the question's text."""
    text = SAMPLE.read_text(encoding="utf-8-sig")
    bad = tmp_path / "mot-dong-loi.csv"
    bad.write_text(text.replace("Thanh niên làm kinh tế, nông dân trẻ, khởi nghiệp", "Thanh niên ngoài hành tinh", 1),
                   encoding="utf-8")
    page = open_page(LAPTOP, "/login")
    log_in(page)
    page.goto("/admin/events/demo/import")
    page.set_input_files("#file", str(bad))
    page.get_by_role("button", name="Xem trước").click()
    problems = page.locator(".fu-problems")
    expect(problems).to_contain_text("Dòng 4: Nhóm thanh niên không hợp lệ: Thanh niên ngoài hành tinh.")
    expect(problems).to_be_in_viewport()  # seen without scrolling
    check = page.locator("#dong-4 .fu-check")
    expect(check).to_have_text("Nhóm thanh niên không hợp lệ: Thanh niên ngoài hành tinh.")
    problems.get_by_role("link", name="Dòng 4").click()
    expect(check).to_be_in_viewport(ratio=0.99)  # the link brought it up; subpixels aside
    box = check.bounding_box()
    assert box["x"] + box["width"] <= LAPTOP["viewport"]["width"] and box["width"] >= 140
    widths = page.evaluate("""[document.documentElement.scrollWidth, innerWidth,
                               document.querySelector('.fu-table-wrap').scrollWidth,
                               document.querySelector('.fu-table-wrap').clientWidth]""")
    assert widths[0] <= widths[1] and widths[2] <= widths[3], widths  # no horizontal scroll anywhere
    expect(page.get_by_role("button", name="Xác nhận nhập")).to_have_count(0)  # a row has a problem


def test_a_phone_follows_the_phase_without_reloading(open_page):
    phone = open_page(PHONE, "/e/demo")
    staff = open_page(TABLET, "/login")
    log_in(staff)
    expect(phone.locator("#connection")).to_contain_text("Trực tuyến")
    phone.evaluate("window.__noReload = true")
    expect(phone.locator("#ask")).to_be_visible()

    assert staff.request.post("/api/v1/events/demo/phase", data={"phase": "closed"}).ok
    expect(phone.locator("#ask")).to_be_hidden()
    expect(phone.locator("#phase-notice")).to_have_text("Sự kiện đã kết thúc, không nhận thêm câu hỏi.")

    assert staff.request.post("/api/v1/events/demo/phase", data={"phase": "collecting"}).ok
    expect(phone.locator("#ask")).to_be_visible()
    expect(phone.locator("#phase-notice")).to_contain_text("trước buổi đối thoại")
    phone.fill("#ask-text", "Câu hỏi gửi trước buổi đối thoại")
    phone.locator(".ask-about summary").click()
    phone.fill("#ask-district", "Huyện Mường Khương")
    phone.select_option("#ask-youth-group", "unemployed")
    phone.locator("#ask button[type=submit]").click()
    expect(phone.locator("#mine-list")).to_contain_text("Câu hỏi gửi trước buổi đối thoại")
    assert phone.evaluate("window.__noReload") is True
    sent = staff.request.get("/api/v1/events/demo/questions?q=gui truoc").json()["questions"]
    assert [(q["channel"], q["district"], q["youth_group"]) for q in sent] == [
        ("web", "Huyện Mường Khương", "unemployed")]  # the pre-event web form, and who sent it
