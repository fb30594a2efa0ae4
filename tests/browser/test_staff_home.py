"""The organizer's pages at 1366x768: the staff home grouped before / during / after the event with
the phase and the counts, and the event form's topic and agency rows edited in the page (add, move,
remove, no round trip) and without JavaScript, with the area and the dialogue it feeds; the accounts
page with its area. axe finds nothing on any of them."""
import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("fresh")  # the demo event as the server started it

ORGANIZER = {"viewport": {"width": 1366, "height": 768}}


def topic_names(page):
    return page.locator("#topics .rows input[name=topics-name]").evaluate_all("inputs => inputs.map(i => i.value)")


def test_staff_home_groups_the_links_and_shows_phase_and_counts(open_page):
    page = open_page(ORGANIZER, "/login", bypass_csp=True)  # axe is injected as a script
    log_in(page)
    made = [page.request.post("/api/v1/events/demo/questions", data={"text": f"Câu hỏi {n} của thanh niên"}).json()
            for n in range(3)]
    assert page.request.post(f"/api/v1/questions/{made[0]['id']}/approve").ok
    page.goto("/staff")
    card = page.locator("li.event-card", has=page.locator("code", has_text="demo"))
    groups = card.locator("section.event-group h3")
    expect(groups).to_have_text(["Trước sự kiện", "Trong sự kiện", "Sau sự kiện"])
    tops = groups.evaluate_all("headings => headings.map(h => Math.round(h.getBoundingClientRect().top))")
    assert len(set(tops)) == 1, tops  # side by side at 1366 px
    expect(card.locator(".event-phase")).to_have_text("Giai đoạn: Đang diễn ra")
    expect(card.locator("section.event-group.is-current h3")).to_have_text("Trong sự kiện")
    expect(card.locator(".event-counts dt")).to_have_text(["Chờ duyệt", "Đã duyệt", "Đã trả lời"])
    expect(card.locator(".event-counts dd")).to_have_text(["2", "1", "0"])
    expect(card.get_by_role("link", name="Tổng hợp ý kiến, kiến nghị")).to_be_visible()
    expect(card.get_by_role("link", name="Bàn Chủ tọa")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    assert axe_violations(page) == []
    for local in ("bat-xat-2024", "sa-pa-2024"):  # the demo's local dialogues, closed
        expect(page.locator("li.event-card", has=page.locator("code", has_text=local)).locator(".event-phase")) \
            .to_have_text("Giai đoạn: Đã kết thúc")
    page.goto("/admin/users")
    expect(page.get_by_label("Địa bàn (chỉ cho tài khoản Ban tổ chức)")).to_contain_text("Tỉnh Lào Cai")
    assert axe_violations(page) == []
    page.goto("/staff")
    card.get_by_role("link", name="Khóa API của các kênh").click()
    expect(page.locator("h1")).to_have_text("Khóa API của các kênh")


def organizer_page(context_for, **options):
    page = context_for(ORGANIZER, **options).new_page()
    log_in(page)
    return page


def test_rows_are_added_moved_and_removed_in_the_page_then_saved(context_for):
    page = organizer_page(context_for, bypass_csp=True)
    page.goto("/admin/events/demo")
    expect(page.get_by_label("Địa bàn", exact=True).locator("option:checked")).to_contain_text("Tỉnh Lào Cai")
    expect(page.get_by_label("Buổi đối thoại cấp trên (nhận câu hỏi chuyển lên)")).to_have_value("")
    before = topic_names(page)
    page.evaluate("window.stillHere = true")  # gone if any button sent the form

    page.get_by_role("button", name="Thêm chủ đề").click()
    added = page.locator("#topics .rows > li").last
    expect(added.locator("input[name=topics-name]")).to_be_focused()
    page.keyboard.type("Việc làm cho thanh niên")
    added.locator("[name=topics-description]").fill("Sau khi học xong")
    added.get_by_role("button", name="Lên").click()
    moved = page.locator("#topics .rows > li").nth(len(before) - 1)
    expect(moved.get_by_role("button", name="Lên")).to_be_focused()
    page.locator("#topics .rows > li").first.get_by_role("button", name="Xóa").click()
    expect(page.locator("#topics .rows > li").first.get_by_role("button", name="Xóa")).to_be_focused()
    expected = [*before[1:-1], "Việc làm cho thanh niên", before[-1]]
    assert topic_names(page) == expected
    # the first row cannot go up, nor the last one down
    expect(page.locator("#topics .rows > li").first.locator(".row-up")).to_have_css("visibility", "hidden")
    expect(page.locator("#topics .rows > li").last.locator(".row-down")).to_have_css("visibility", "hidden")

    agencies = page.locator("#agencies .rows input[name=agencies-code]")
    codes = agencies.evaluate_all("inputs => inputs.map(i => i.value)")
    page.locator("#agencies .rows > li").first.get_by_role("button", name="Xuống").click()
    assert agencies.evaluate_all("inputs => inputs.map(i => i.value)") == [codes[1], codes[0], *codes[2:]]
    assert page.evaluate("window.stillHere") is True
    assert axe_violations(page) == []

    page.locator("#topics .rows > li").nth(1).locator("input[name=topics-name]").press("Enter")  # saves, moves nothing
    expect(page.locator(".notice.ok")).to_have_text("Đã lưu sự kiện.")
    saved = page.request.get("/api/v1/events/demo").json()["topics"]
    assert [t["name"] for t in saved] == expected
    assert saved[-2]["description"] == "Sau khi học xong"
    listed = page.request.get("/api/v1/events/demo/agencies").json()["agencies"]
    assert [a["code"] for a in listed] == [codes[1], codes[0], *codes[2:]]

    page.locator("#topics .rows > li").nth(1).locator("input[name=topics-name]").fill(expected[0].upper())
    page.get_by_role("button", name="Lưu sự kiện").click()
    expect(page.locator(".notice.error")).to_contain_text("Chủ đề, dòng 2:")
    expect(page.locator("#topics .list-row.has-problem input[aria-invalid=true]")).to_have_value(expected[0].upper())
    assert axe_violations(page) == []  # the form with a problem shown at its row


def test_rows_without_javascript_and_a_bad_row_shown_at_its_place(context_for):
    page = organizer_page(context_for, java_script_enabled=False)
    page.goto("/admin/events/new")
    expect(page.locator("#topics .rows > li")).to_have_count(1)
    page.get_by_role("button", name="Thêm chủ đề").click()  # the code and title are still empty
    expect(page.locator("#topics .rows > li")).to_have_count(2)
    expect(page.locator("#topics .rows > li").last.locator("input[name=topics-name]")).to_be_focused()
    page.fill("#code", "doi-thoai-2025")
    page.fill("#title", "Đối thoại 2025")
    page.locator("#topics .rows > li").first.locator("input[name=topics-name]").fill("Nhà ở")
    page.locator("#topics .rows > li").last.locator("input[name=topics-name]").fill("nhà ở")
    page.get_by_role("button", name="Tạo sự kiện", exact=True).click()
    expect(page.locator(".notice.error")).to_have_text("Chủ đề, dòng 2: Chủ đề “nhà ở” trùng với dòng 1.")
    bad = page.locator("#topics .list-row.has-problem input[aria-invalid=true]")
    expect(bad).to_have_value("nhà ở")
    expect(page.locator("#code")).to_have_value("doi-thoai-2025")
