"""The projector and the Chair's tablet follow the programme of the day without reloads: a title card,
the quick figures, the honourees in turn, the Q&A with the running segment's questions first, a poll
(how many answered, then bars once revealed); the Chair's countdown turns amber, then red."""
import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from .conftest import PROJECTOR, TABLET, approved, axe_violations, log_in, mark_loaded, not_reloaded, review_shot

pytestmark = pytest.mark.usefixtures("fresh")  # the demo event as the server started it

SEGMENT = "Trách nhiệm của thanh niên"
OTHER_TOPIC = "Chính sách, pháp luật về an ninh mạng"
IN_SEGMENT = "Thanh niên cần làm gì để lan tỏa thông tin tích cực trên mạng xã hội?"
ELSEWHERE = "Luật An ninh mạng quy định gì về bảo vệ thông tin cá nhân của học sinh?"
PERFORMANCE = "Tiết mục văn nghệ “Tuổi trẻ Lào Cai vững bước”"
FIGURES = [{"value": "152.300", "label": "thanh niên từ 16 đến 30 tuổi"},
           {"value": "87%", "label": "dùng mạng xã hội hằng ngày"},
           {"value": "1.240", "label": "cảnh báo lừa đảo trực tuyến"}]
HONOUREES = [{"name": f"Nguyễn Văn {name}", "unit": f"Đoàn Thanh niên xã {unit}"}
             for name, unit in zip("ABCDEFGH", ("Bản Vược", "Cốc San", "Tả Phìn", "Y Tý", "Sàng Ma Sáo", "Bản Lầu",
                                                "Mường Hum", "Nậm Chày"))]
POLL = "Bạn đã từng gặp lừa đảo trực tuyến chưa?"


def add_item(page, **item):
    response = page.request.post("/api/v1/events/demo/programme/items", data=item)
    assert response.status == 201, response.text()
    return [i for i in response.json()["items"] if i["title"] == item["title"]][-1]["id"]


def advance(page, to):
    response = page.request.post("/api/v1/events/demo/programme/advance", data={"to": to})
    assert response.ok, response.text()


def build_programme(staff):
    """Five items, the first planned ten minutes ago (so the programme runs late), and a draft poll;
    whatever programme the demo came with is left out."""
    for item in staff.request.get("/api/v1/events/demo/programme").json()["items"]:
        assert staff.request.delete(f"/api/v1/programme/{item['id']}").ok
    start = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")) - timedelta(minutes=10)
    assert staff.request.patch("/api/v1/events/demo", data={"date": start.date().isoformat()}).ok
    poll = staff.request.post("/api/v1/events/demo/polls",
                              data={"text": POLL, "kind": "single", "options": ["Đã từng", "Chưa bao giờ"]}).json()
    return poll, {
        "performance": add_item(staff, kind="performance", title=PERFORMANCE, presenter="Đội văn nghệ Tỉnh đoàn",
                                duration=3, planned_start=start.strftime("%H:%M")),
        "figures": add_item(staff, kind="figures", title="Thông tin nhanh về thanh niên năm 2023",
                            presenter="Sở Nội vụ", duration=5, figures=FIGURES),
        "awards": add_item(staff, kind="awards", title="Tặng quà thanh niên tiêu biểu", duration=5,
                           honourees=HONOUREES),
        "dialogue": add_item(staff, kind="dialogue", title="Nội dung 3", topic=SEGMENT, duration=20),
        "poll": add_item(staff, kind="poll", title="Thăm dò nhanh", poll_id=poll["id"], duration=5),
    }


def answer(browser, server, poll, option):
    phone = browser.new_context(base_url=server.url)
    assert phone.request.post(f"/api/v1/polls/{poll['id']}/answer", data={"choices": [option]}).ok
    phone.close()



def no_violations(page):
    found = axe_violations(page)
    assert found == [], found


def test_projector_and_chair_follow_the_programme(open_page, browser, server):
    staff = open_page(TABLET, "/login")
    log_in(staff)
    asked = {text: approved(staff, text, votes=votes) for text, votes in ((ELSEWHERE, 2), (IN_SEGMENT, 0))}
    assert staff.request.patch(f"/api/v1/questions/{asked[ELSEWHERE]}", data={"topic": OTHER_TOPIC}).ok
    assert staff.request.patch(f"/api/v1/questions/{asked[IN_SEGMENT]}", data={"topic": SEGMENT}).ok
    poll, items = build_programme(staff)

    screen = open_page(PROJECTOR, "/e/demo/screen", bypass_csp=True)  # axe is an inline script
    chair = open_page(TABLET, "/login", bypass_csp=True)
    log_in(chair)
    started = time.time()
    chair.clock.set_fixed_time(started)  # the Chair's clock stands still until the test moves it
    chair.goto("/chair/demo")

    # before the programme starts: the Q&A screen as always, the most voted question first
    expect(screen.locator("#welcome")).to_be_visible()
    expect(screen.locator("#item")).to_be_hidden()
    expect(screen.locator("#next li").first).to_contain_text(ELSEWHERE)
    expect(chair.locator("#prog-idle")).to_have_text("Chương trình chưa bắt đầu.")
    expect(chair.locator("#prog-next")).to_contain_text("Văn nghệ · " + PERFORMANCE)
    mark_loaded(screen, chair)

    # a performance: a title card; the Chair's countdown starts, on time
    advance(staff, items["performance"])
    expect(screen.locator("#item-title")).to_have_text(PERFORMANCE)
    expect(screen.locator("#item-kind")).to_have_text("Văn nghệ")
    expect(screen.locator("#item-presenter")).to_have_text("Đội văn nghệ Tỉnh đoàn")
    expect(screen.locator("#welcome")).to_be_hidden()
    title_px = screen.locator("#item-title").evaluate("(node) => parseFloat(getComputedStyle(node).fontSize)")
    assert title_px >= 120  # a title card, read from the back of the hall
    expect(screen.locator("#after-title")).to_have_text("Thông tin nhanh về thanh niên năm 2023")
    expect(chair.locator("#prog-title")).to_have_text(PERFORMANCE)
    expect(chair.locator("#prog-kind")).to_contain_text("Văn nghệ")
    countdown = chair.locator("#countdown")
    expect(countdown).to_have_class(re.compile(r"\bis-on-time\b"))
    expect(chair.locator("#countdown-word")).to_have_text("Còn lại")
    expect(chair.locator("#countdown-time")).to_have_text(re.compile(r"^(3:00|2:5\d)$"))
    expect(chair.locator("#prog-used")).to_have_text(re.compile(r"^Kế hoạch 3 phút · đã dùng 0:0\d$"))
    expect(chair.locator("#prog-next")).to_have_text(
        re.compile(r"^Tiếp theo: Thông tin nhanh · Thông tin nhanh về thanh niên năm 2023 \(\d\d:\d\d\)$"))
    expect(chair.locator("#prog-end")).to_have_text(re.compile(r"^Dự kiến kết thúc \d\d:\d\d$"))
    expect(chair.locator("#prog-late")).to_have_text(re.compile(r"^Chậm (9|10|11) phút so với kế hoạch$"))
    review_shot(screen, "projector-title-card")
    no_violations(screen)

    chair.clock.set_fixed_time(started + 70)  # under two minutes left: amber, and said so
    expect(countdown).to_have_class(re.compile(r"\bis-warn\b"))
    expect(chair.locator("#countdown-word")).to_have_text("Sắp hết giờ")
    expect(chair.locator("#programme")).to_have_class(re.compile(r"\bis-warn\b"))
    chair.clock.set_fixed_time(started + 200)  # past its three minutes: red, and the overrun counts up
    expect(countdown).to_have_class(re.compile(r"\bis-over\b"))
    expect(chair.locator("#countdown-word")).to_have_text("Quá giờ")
    expect(chair.locator("#countdown-time")).to_have_text(re.compile(r"^\+0:(1\d|2\d)$"))
    expect(chair.locator("#prog-used")).to_have_text(re.compile(r"^Kế hoạch 3 phút · đã dùng 3:(1\d|2\d)$"))
    review_shot(chair, "chair-programme-over")
    no_violations(chair)

    # quick figures: each value large, its label under it
    advance(staff, "next")
    figures = screen.locator("#item-figures li")
    expect(figures).to_have_count(3)
    expect(figures.nth(1).locator(".s-figure-value")).to_have_text("87%")
    expect(figures.nth(1).locator(".s-figure-label")).to_have_text("dùng mạng xã hội hằng ngày")
    review_shot(screen, "projector-figures")
    sizes = [float(figures.nth(0).locator(sel).evaluate("(node) => getComputedStyle(node).fontSize")[:-2])
             for sel in (".s-figure-value", ".s-figure-label")]
    assert sizes[0] >= 75 and sizes[0] >= 2 * sizes[1]  # px at 1080p: large, its label under it
    value, label = (figures.nth(0).locator(sel).bounding_box() for sel in (".s-figure-value", ".s-figure-label"))
    assert label["y"] >= value["y"] + value["height"] - 1
    for shown in figures.locator(".s-figure-value").all():  # each on one line, none cut off
        assert shown.evaluate("(node) => node.scrollWidth <= node.clientWidth && "
                              "node.offsetHeight < 1.5 * parseFloat(getComputedStyle(node).fontSize)")
    expect(chair.locator("#prog-title")).to_have_text("Thông tin nhanh về thanh niên năm 2023")
    expect(countdown).to_have_class(re.compile(r"\bis-on-time\b"))
    no_violations(screen)

    # awards: six honourees at a time, then the rest
    advance(staff, "next")
    honourees = screen.locator("#item-honourees li")
    expect(honourees).to_have_count(6)
    expect(honourees.first).to_contain_text("Nguyễn Văn A")
    expect(honourees.first).to_contain_text("Đoàn Thanh niên xã Bản Vược")
    expect(screen.locator("#item-page")).to_have_text("Trang 1/2")
    review_shot(screen, "projector-awards")
    expect(honourees).to_have_count(2, timeout=12000)  # the next screen of them, after a few seconds
    expect(honourees.first).to_contain_text("Nguyễn Văn G")
    expect(screen.locator("#item-page")).to_have_text("Trang 2/2")

    # the dialogue segment: the Q&A, its content named, its questions first
    advance(staff, "next")
    expect(screen.locator("#item")).to_be_hidden()
    expect(screen.locator("#welcome")).to_be_visible()
    expect(screen.locator("#segment")).to_contain_text("Nội dung 3 · " + SEGMENT)
    expect(screen.locator("#next li").first).to_contain_text(IN_SEGMENT)
    expect(chair.locator("#next li").first).to_contain_text(IN_SEGMENT)
    assert staff.request.post(f"/api/v1/questions/{asked[IN_SEGMENT]}/stage").ok
    expect(screen.locator("#stage-text")).to_have_text(IN_SEGMENT)
    review_shot(screen, "projector-segment")
    assert staff.request.post(f"/api/v1/questions/{asked[IN_SEGMENT]}/unstage").ok

    # the poll: how many answered, never the counts, until a moderator reveals them
    advance(staff, "next")
    expect(screen.locator("#item-title")).to_have_text(POLL)
    options = screen.locator("#poll-options li")
    expect(options).to_have_count(2)
    expect(screen.locator("#poll-total")).to_have_text("0 người đã trả lời")
    yes, no = (option["id"] for option in poll["options"])
    for choice in (yes, yes):
        answer(browser, server, poll, choice)
    expect(screen.locator("#poll-total")).to_have_text("2 người đã trả lời")
    expect(options.first.locator(".s-option-percent")).to_have_text("")
    expect(options.first.locator(".s-bar")).to_be_hidden()
    review_shot(screen, "projector-poll-hidden")
    assert staff.request.post(f"/api/v1/polls/{poll['id']}/reveal").ok
    expect(options.first.locator(".s-option-percent")).to_have_text("100%")
    expect(options.first.locator(".s-bar")).to_be_visible()
    answer(browser, server, poll, no)
    expect(screen.locator("#poll-total")).to_have_text("3 người đã trả lời")
    expect(options.first.locator(".s-option-percent")).to_have_text("67%")
    expect(options.nth(1).locator(".s-option-percent")).to_have_text("33%")
    review_shot(screen, "projector-poll-revealed")
    track = options.first.locator(".s-bar").bounding_box()
    expect(options.first.locator(".s-bar-fill")).to_have_attribute("style", re.compile(r"width: 67%"))
    assert track["width"] > 1000 and track["height"] >= 30  # read from the back of the hall
    no_violations(screen)

    # the end of the programme: the Q&A screen as before it started
    advance(staff, "end")
    expect(screen.locator("#item")).to_be_hidden()
    expect(screen.locator("#segment")).to_be_hidden()
    expect(screen.locator("#next li").first).to_contain_text(ELSEWHERE)
    expect(chair.locator("#prog-idle")).to_have_text("Chương trình đã kết thúc.")
    expect(chair.locator("#prog-clock")).to_be_hidden()
    assert not_reloaded(screen, chair)
