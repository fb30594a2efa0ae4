"""Before the event, in a real browser: the organizer imports a district union's spreadsheet
(preview, confirm, then again: nothing added), a moderator approves and routes, and the briefing
pack shows the questions by theme and by agency, an agency's part to the agency only."""
from pathlib import Path

from playwright.sync_api import expect

from .conftest import PHONE, TABLET, log_in, screenshot

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "samples" / "de-xuat-thanh-nien.csv"


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

    upload(page)  # the same file again: every row is already there
    expect(page.locator("table.fu-preview tbody tr.is-imported")).to_have_count(10)
    page.get_by_role("button", name="Xác nhận nhập 0 câu hỏi").click()
    expect(page.locator(".notice.ok")).to_contain_text("Đã nhập 0 câu hỏi, 10 câu đã có")

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
