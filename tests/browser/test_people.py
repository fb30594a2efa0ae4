"""People and browsers: the phone that loses its connection, English in a real browser, and
accessibility: axe-core (vendored, tests only) on every audience's page, tap targets, 200% zoom,
legible projector text. Sizes and timings seen are printed (pytest -s shows them)."""
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, PROJECTOR, TABLET, approved, axe_violations, log_in, screenshot

pytestmark = pytest.mark.usefixtures("fresh")  # the demo event as the server started it

SAMPLE_PROPOSALS = Path(__file__).resolve().parents[2] / "docs" / "samples" / "de-xuat-thanh-nien.csv"
QUESTION = "Tỉnh có kế hoạch gì để bảo vệ thanh niên vùng cao khỏi lừa đảo trên mạng xã hội?"
OFFLINE_QUESTION = "Câu hỏi gõ khi điện thoại mất sóng ở hội trường: tỉnh hỗ trợ gì cho thanh niên khởi nghiệp?"
OTHERS = ["Đề nghị tỉnh mở lớp kỹ năng số miễn phí cho đoàn viên ở các xã biên giới.",
          "Khi thấy tin giả về tỉnh trên mạng, thanh niên nên báo cho cơ quan nào?"]


def count_questions(staff, text):
    listed = staff.request.get("/api/v1/events/demo/questions").json()["questions"]
    return sum(1 for q in listed if q["text"] == text)


def seed(staff, stage=True):
    """Approved questions with votes, one routed and on stage: pages to look at, not empty ones."""
    ids = [approved(staff, QUESTION, agency="CA"), *(approved(staff, text) for text in OTHERS)]
    if stage:
        assert staff.request.post(f"/api/v1/questions/{ids[0]}/stage").ok
    staff.request.post("/api/v1/events/demo/questions", data={"text": "Câu hỏi còn chờ duyệt về việc làm."})
    return ids


# ---------- the phone that goes offline ----------

def test_offline_phone_sends_its_typed_question_once_when_back(context_for):
    staff = context_for(TABLET).new_page()
    log_in(staff)
    phone_context = context_for(PHONE)
    phone = phone_context.new_page()
    phone.goto("/e/demo")
    expect(phone.locator("#connection")).to_contain_text("Trực tuyến")

    phone_context.set_offline(True)
    phone.fill("#ask-text", OFFLINE_QUESTION)
    phone.locator("#ask button[type=submit]").click()
    status = phone.locator("#ask-status")
    expect(status).to_have_text("Đang chờ gửi… (mất kết nối)")
    expect(phone.locator("#ask-text")).to_have_js_property("readOnly", True)
    assert count_questions(staff, OFFLINE_QUESTION) == 0
    time.sleep(6)  # a retry tick passes while still offline: nothing is sent, nothing is lost
    assert count_questions(staff, OFFLINE_QUESTION) == 0
    expect(phone.locator("#ask-text")).to_have_value(OFFLINE_QUESTION)

    back = time.monotonic()
    phone_context.set_offline(False)
    expect(status).to_have_text("Đã gửi, đang chờ duyệt", timeout=15000)
    sent_after = time.monotonic() - back
    expect(phone.locator("#mine-list")).to_contain_text(OFFLINE_QUESTION)
    expect(phone.locator("#ask-text")).to_have_value("")
    time.sleep(6)  # later retry ticks and the reconnect must not send it again
    assert count_questions(staff, OFFLINE_QUESTION) == 1
    assert phone.evaluate("localStorage.getItem('live.pending.demo')") is None
    print(f"\noffline phone: question sent {sent_after:.1f} s after the connection came back")


# ---------- English in a real browser ----------

def test_english_switch_is_remembered_across_pages(open_page, server):
    phone = open_page(PHONE, "/e/demo")
    expect(phone.locator("#ask-h")).to_have_text("Gửi câu hỏi")
    phone.locator(".lang-switch a", has_text="English").click()
    expect(phone.locator("#ask-h")).to_have_text("Ask a question")
    assert phone.evaluate("document.documentElement.lang") == "en"
    expect(phone.locator(".lang-switch a[aria-current]")).to_have_text("English")
    expect(phone.locator("#connection")).to_have_text("● Live")  # a string from the JS block

    phone.fill("#ask-text", "A question asked in English from a phone")
    phone.locator("#ask button[type=submit]").click()
    expect(phone.locator("#mine-list")).to_contain_text("Awaiting approval")
    expect(phone.locator("#ask-status")).to_have_text("Sent, awaiting approval")
    screenshot(phone, "attendee-en")

    phone.goto("/e/demo/screen")  # the cookie carries the choice to another page
    expect(phone.locator("#welcome-h")).to_have_text("Ask your questions")
    phone.goto("/")
    expect(phone.locator("label[for=code]")).to_have_text("Enter the event code")
    phone.locator(".lang-switch a", has_text="Tiếng Việt").click()
    expect(phone.locator("label[for=code]")).to_have_text("Nhập mã sự kiện")

    tablet = open_page(TABLET, "/login?lang=en")
    expect(tablet.locator("h1")).to_have_text("Staff login")
    log_in(tablet)
    tablet.goto("/mod/demo")
    expect(tablet.locator("#connection")).to_have_text("Connected", timeout=10000)


# ---------- accessibility ----------

def assert_accessible(page, name, seen):
    violations = axe_violations(page)
    seen[name] = [f"{v['impact']}:{v['id']}" for v in violations]
    blocking = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert blocking == [], f"{name}: {blocking}"


def test_axe_public_pages_phone_and_projector(context_for, server):
    staff = context_for(TABLET).new_page()
    log_in(staff)
    seen = {}
    # axe is injected as a script: the app's strict CSP (script-src 'self') is bypassed here only
    projector = context_for(PROJECTOR, bypass_csp=True).new_page()
    projector.goto("/e/demo/screen")
    expect(projector.locator("#welcome")).to_be_visible()
    assert_accessible(projector, "projector (welcome)", seen)
    phone = context_for(PHONE, bypass_csp=True).new_page()
    phone.goto("/")
    assert_accessible(phone, "landing", seen)
    phone.goto("/e/demo")
    phone.fill("#ask-text", "Câu hỏi của tôi, còn chờ duyệt")
    phone.locator("#ask button[type=submit]").click()
    expect(phone.locator("#mine-list")).to_contain_text("Đang chờ duyệt")
    seed(staff)
    expect(phone.locator("#stage")).to_contain_text(QUESTION)
    expect(phone.locator("#q-list li")).to_have_count(3)
    assert_accessible(phone, "attendee (phone)", seen)
    phone.goto("/e/demo?lang=en")
    assert_accessible(phone, "attendee (phone, English)", seen)

    expect(projector.locator("#stage-text")).to_have_text(QUESTION)
    assert_accessible(projector, "projector (staged)", seen)
    print("\naxe (all impacts):", seen)


def test_axe_staff_pages_tablet(context_for, server):
    seen = {}
    tablet = context_for(TABLET, bypass_csp=True).new_page()
    tablet.goto("/login")
    assert_accessible(tablet, "login", seen)
    log_in(tablet)
    seed(tablet)
    tablet.goto("/mod/demo")
    expect(tablet.locator("#connection")).to_have_text("Đã kết nối", timeout=10000)
    expect(tablet.locator("li.card").first).to_be_visible()
    assert_accessible(tablet, "moderator (pending tab)", seen)
    tablet.locator("[role=tab]", has_text="Đã duyệt").click()
    expect(tablet.locator("li.card", has_text=OTHERS[0])).to_be_visible()
    assert_accessible(tablet, "moderator (approved tab)", seen)
    tablet.goto("/staff")
    assert_accessible(tablet, "staff event list", seen)
    tablet.goto("/chair/demo")
    expect(tablet.locator("#stage")).to_contain_text(QUESTION)
    assert_accessible(tablet, "chair", seen)
    tablet.goto("/agency/demo?agency=CA")
    assert_accessible(tablet, "agency", seen)
    tablet.goto("/briefing/demo")
    assert_accessible(tablet, "briefing pack", seen)
    tablet.goto("/admin/events/demo/import")
    tablet.set_input_files("#file", str(SAMPLE_PROPOSALS))
    tablet.get_by_role("button", name="Xem trước").click()
    expect(tablet.locator("table.fu-preview")).to_be_visible()
    assert_accessible(tablet, "import preview", seen)
    tablet.goto("/admin/events/demo/intake-keys")
    assert_accessible(tablet, "intake keys", seen)
    print("\naxe (all impacts):", seen)


def test_attendee_tap_targets_zoom_and_projector_text_size(context_for, server):
    staff = context_for(TABLET).new_page()
    log_in(staff)
    seed(staff)

    phone = context_for(PHONE).new_page()
    phone.goto("/e/demo")
    expect(phone.locator("#q-list li")).to_have_count(3)
    small = phone.evaluate("""() => Array.from(document.querySelectorAll(
            'button, a[href], input:not([type=hidden]), select, textarea, summary'))
        .filter(n => n.offsetParent !== null || getComputedStyle(n).position === 'fixed')
        .map(n => { const r = n.getBoundingClientRect();
                    return {what: n.outerHTML.slice(0, 80), w: Math.round(r.width), h: Math.round(r.height)}; })
        .filter(t => t.w < 44 || t.h < 44)""")
    assert small == [], small
    measured = phone.evaluate("""() => Array.from(document.querySelectorAll('button, a[href], summary'))
        .filter(n => n.offsetParent !== null).map(n => Math.round(n.getBoundingClientRect().height))""")

    # 200% zoom on the 390 px phone: the page lays out in 195 CSS px, nothing scrolls sideways
    zoomed = context_for({"viewport": {"width": 195, "height": 422}, "device_scale_factor": 4,
                          "is_mobile": True, "has_touch": True}).new_page()
    zoomed.goto("/e/demo")
    expect(zoomed.locator("#q-list li")).to_have_count(3)
    zoomed.fill("#ask-text", "x" * 120)
    widths = zoomed.evaluate("""() => ({scroll: document.scrollingElement.scrollWidth, inner: innerWidth,
        wide: Array.from(document.querySelectorAll('body *')).filter(n => n.getBoundingClientRect().right > innerWidth + 1)
              .map(n => n.tagName + '.' + n.className).slice(0, 5)})""")
    assert widths["scroll"] <= widths["inner"], widths
    screenshot(zoomed, "attendee-zoom-200")

    projector = context_for(PROJECTOR).new_page()
    projector.goto("/e/demo/screen")
    expect(projector.locator("#stage-text")).to_have_text(QUESTION)
    sizes = projector.evaluate("""() => ({
        stage: parseFloat(getComputedStyle(document.getElementById('stage-text')).fontSize),
        next: Math.min(...Array.from(document.querySelectorAll('#next li')).map(
            n => parseFloat(getComputedStyle(n).fontSize))),
        scroll: document.scrollingElement.scrollHeight <= innerHeight && document.scrollingElement.scrollWidth <= innerWidth})""")
    assert sizes["stage"] >= 48, sizes
    assert sizes["scroll"], sizes
    print(f"\ntap targets (attendee, 390x844): smallest height {min(measured)} px of {len(measured)};"
          f" 200% zoom: scrollWidth {widths['scroll']} in {widths['inner']} px;"
          f" projector 1920x1080: question {sizes['stage']:.0f} px, next list {sizes['next']:.0f} px")


def test_axe_itself_finds_a_known_violation(context_for):
    """Guard: the zero counts above mean something only if axe runs and reports."""
    page = context_for(PHONE, bypass_csp=True).new_page()
    page.goto("/")
    page.evaluate("""() => { const img = document.createElement('img'); img.src = '/static/favicon.svg';
        document.querySelector('main').appendChild(img);
        const p = document.createElement('p'); p.textContent = 'faint'; p.style.color = '#ddd';
        document.querySelector('main').appendChild(p); }""")
    found = {v["id"]: v["impact"] for v in axe_violations(page)}
    assert found.get("image-alt") == "critical" and found.get("color-contrast") == "serious"
