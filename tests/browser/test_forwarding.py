"""Forwarding upward, answers back down, in a real browser: a commune's organizer forwards two questions
of its closed dialogue on the page "Chuyển câu hỏi lên cấp trên", the provincial organizer sees them
in the briefing pack, the province answers one in writing, and the commune's published results show it."""
import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("fresh")

LAPTOP = {"viewport": {"width": 1366, "height": 768}}
PROVINCE, LOCAL = "tinh-2026", "xa-ta-van-2026"
ASKED = ("Xã cần thêm sân bóng cho thanh niên", "Thanh niên xã cần lớp dạy nghề", "Đường vào bản bao giờ sửa?")


def _call(page, method, path, **body):
    response = page.request.fetch(path, method=method, data=body or None)
    assert response.ok, f"{method} {path}: {response.status} {response.text()}"
    return response.json()


def _closed_local_dialogue(page):
    """The province's dialogue collecting proposals, and a commune's feeding it, closed: two questions
    not answered there, one answered on the spot. -> the ids of the two."""
    _call(page, "POST", "/api/v1/events", code=PROVINCE, title="Đối thoại cấp tỉnh 2026")
    _call(page, "POST", f"/api/v1/events/{PROVINCE}/phase", phase="collecting")
    _call(page, "POST", "/api/v1/events", code=LOCAL, title="Đối thoại xã Tả Van 2026", parent=PROVINCE)
    _call(page, "POST", f"/api/v1/events/{LOCAL}/phase", phase="live")
    ids = []
    for text in ASKED:
        question = _call(page, "POST", f"/api/v1/events/{LOCAL}/questions", text=text, author="Lò Văn A")
        if question["status"] == "pending":
            _call(page, "POST", f"/api/v1/questions/{question['id']}/approve")
        ids.append(question["id"])
    _call(page, "POST", f"/api/v1/questions/{ids[2]}/answer", answered_by="Chủ tịch UBND xã",
          summary="Tháng 6 sửa xong.")
    _call(page, "POST", f"/api/v1/events/{LOCAL}/phase", phase="closed")
    return ids[:2]


def test_forward_two_see_them_in_the_briefing_answer_one_and_the_commune_shows_it(open_page):
    page = open_page(LAPTOP, "/login", bypass_csp=True)  # axe is injected as a script
    log_in(page)
    first, second = _closed_local_dialogue(page)

    page.goto(f"/admin/events/{LOCAL}/forwarding")
    expect(page.locator("h1")).to_have_text("Chuyển câu hỏi lên cấp trên")
    expect(page.locator("#parent")).to_contain_text("Đối thoại cấp tỉnh 2026")
    expect(page.locator(f"#fw-{first}")).to_be_checked()  # not answered on the spot: selected already
    expect(page.locator(f"#fw-{second}")).to_be_checked()
    answered = page.locator("input[name=questions]:not(:checked)")
    expect(answered).to_have_count(1)
    assert axe_violations(page) == []
    page.get_by_label("Ghi chú gửi cấp trên").fill("Xã chưa giải quyết được, đề nghị tỉnh xem xét.")
    page.get_by_role("button", name="Chuyển các câu đã chọn").click()
    expect(page.locator(".notice.ok")).to_contain_text("Đã chuyển 2 câu hỏi lên cấp trên")
    expect(page.locator("#sent li")).to_have_count(2)
    expect(page.locator("#sent")).to_contain_text("Chờ cấp trên xem xét")
    expect(page.get_by_role("button", name=f"Rút lại #{first}")).to_be_visible()
    assert axe_violations(page) == []

    # the province: the two proposals, approved, in its briefing pack with where they came from
    pending = _call(page, "GET", f"/api/v1/events/{PROVINCE}/questions?status=pending")["questions"]
    assert sorted(q["channel"] for q in pending) == ["forwarded", "forwarded"]
    proposals = {q["text"]: q["id"] for q in pending}
    for proposal in proposals.values():
        _call(page, "POST", f"/api/v1/questions/{proposal}/approve")
    page.goto(f"/briefing/{PROVINCE}")
    expect(page.locator("#forwarded-h")).to_have_text("Câu hỏi chuyển lên từ các địa bàn (2)")
    expect(page.locator("#forwarded")).to_contain_text("Xã chưa giải quyết được")

    # the province answers one in writing; once the commune publishes, its results show it, credited
    _call(page, "POST", f"/api/v1/questions/{proposals[ASKED[0]]}/written-answer",
          text="Tỉnh bố trí vốn xây sân bóng trong năm 2027.")
    page.goto(f"/admin/events/{LOCAL}/forwarding")
    expect(page.locator(f"#sent-{first}")).to_contain_text("Cấp trên đã xử lý")
    expect(page.get_by_role("button", name=f"Rút lại #{first}")).to_have_count(0)
    _call(page, "POST", f"/api/v1/events/{LOCAL}/publish", published=True)
    page.goto(f"/e/{LOCAL}/results")
    result = page.locator(f"#q{first}")
    expect(result.locator(".fu-above")).to_contain_text("Trả lời tại Đối thoại cấp tỉnh 2026")
    expect(result.locator(".fu-above")).to_contain_text("Tỉnh bố trí vốn xây sân bóng trong năm 2027.")
    expect(page.locator(f"#q{second} .fu-above")).to_have_count(0)
