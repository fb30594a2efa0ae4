"""The province's overview on a tablet (1024x768): reached from the staff home, the areas that have not
held this year's dialogue, the dialogues by area with their steps, an agency with overdue answers and
its reminder button; axe finds nothing."""
import pytest
from playwright.sync_api import expect

from live import storage
from live.dialogue import areas, events, questions

from .conftest import TABLET, axe_violations, log_in

pytestmark = pytest.mark.usefixtures("fresh")


@pytest.fixture
def province(fresh):
    """The demo dialogue held in Xã Tả Van, with one question routed to the police and overdue; Xã Y Tý
    has held nothing. Written into the server's database (it reads it at every request)."""
    store = storage.connect(str(fresh.db_path))
    try:
        if store.area_by_code("lao-cai") is None:  # the demo's province, made by run.py --demo
            areas.create(store, "test", "lao-cai", "Tỉnh Lào Cai", "province")
        areas.create(store, "test", "ta-van", "Xã Tả Van", "commune", parent="lao-cai")
        areas.create(store, "test", "y-ty", "Xã Y Tý", "commune", parent="lao-cai")
        event = events.update(store, "test", "demo", area="ta-van")
        question = questions.submit(store, event, "someone", "Khi nào có việc làm cho thanh niên vùng cao?")[0]
        questions.approve(store, question["id"], "test")
        questions.route(store, question["id"], "test", event, "CA")
        questions.edit(store, question["id"], "test", event, written_due="2020-01-31")
        return event["date"][:4]
    finally:
        store.close()


def test_the_overview_on_a_tablet(open_page, province):
    page = open_page(TABLET, "/login", bypass_csp=True)  # axe is injected as a script
    log_in(page)
    page.goto("/staff")
    page.get_by_role("link", name="Tổng quan các buổi đối thoại").click()
    page.get_by_label("Năm").fill(province)
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("h1")).to_have_text(f"Tổng quan đối thoại năm {province}")
    expect(page.locator("#areas tr[data-area=y-ty] td").last).to_have_text("Chưa tổ chức")
    expect(page.locator("#areas tr[data-area=ta-van] td").last).to_have_text("Đã tổ chức")
    row = page.locator("#dialogues tr[data-code=demo]")
    expect(row.locator("th a")).to_contain_text("Đối thoại")
    expect(page.locator("#dialogues .ov-group th").first).to_have_text("Xã Tả Van")
    expect(row.locator("td[data-step]")).to_have_count(3)
    agency = page.locator("#agencies tr[data-agency=CA]")
    expect(agency.locator("td.overdue")).to_have_text("1")
    expect(agency.get_by_role("button", name="Gửi thư nhắc tới Công an tỉnh")).to_be_visible()
    assert axe_violations(page) == []
