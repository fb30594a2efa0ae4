"""The moderator console on its 1024x768 tablet in the middle of a session: a question on stage,
messages sent to the Chair, the district unions' proposals waiting. The first question is in sight
without scrolling, the links wait in one menu, the Chair panel folds away and stays so, the "N mới"
badge keeps clear of the tab's count, and the answer form is not hidden under the sticky tabs. Each
card has a button for each action the server allows on it (q.actions), in the tab it says (q.tab)."""
import pytest
from playwright.sync_api import expect

from .conftest import PHONE, TABLET, approved, log_in, serving

pytestmark = pytest.mark.usefixtures("fresh")  # the demo event as the server started it

STAGED = "Tỉnh có kế hoạch gì để bảo vệ thanh niên vùng cao khỏi lừa đảo trên mạng xã hội, nhất là các bạn ở xã biên giới?"
QUEUED = ["Đề nghị tỉnh mở lớp kỹ năng số miễn phí cho đoàn viên ở các xã biên giới.",
          "Khi thấy tin giả về tỉnh trên mạng, thanh niên nên báo cho cơ quan nào?",
          "Có kênh nào để học sinh báo cáo nội dung xấu độc một cách ẩn danh không?"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The demo event with the sample proposals waiting, as `make run` starts it: this module's own."""
    with serving(tmp_path_factory, "console", args=("--demo-proposals",)) as process:
        yield process


def box(locator):
    found = locator.bounding_box()
    assert found is not None, locator
    return found


def in_view(page, locator, below=0):
    """Wholly inside the viewport, and below `below` (the bottom of what sticks at the top)."""
    found = box(locator)
    return found["y"] >= below - 0.5 and found["y"] + found["height"] <= page.viewport_size["height"] + 0.5


def overlap(a, b):
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def inside(inner, outer):
    return (inner["x"] >= outer["x"] - 0.5 and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
            and inner["y"] >= outer["y"] - 0.5 and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 0.5)


def text_box(page, selector):
    """The box of an element's own text (a Range), which overflow may clip when a box cannot."""
    return page.evaluate("""(selector) => {
        const node = [...document.querySelector(selector).childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
        const range = document.createRange(); range.selectNodeContents(node);
        const r = range.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height};
    }""", selector)


def in_session(page):
    """A question on stage, three approved ones in the queue, two messages sent to the Chair."""
    ids = [approved(page, text, agency="CA") for text in [STAGED, *QUEUED]]
    assert page.request.post(f"/api/v1/questions/{ids[0]}/stage").ok
    for text in ("5 phút nữa", "Còn 2 phút"):
        assert page.request.post("/api/v1/events/demo/chair/messages", data={"text": text}).ok
    return ids


def console(open_page):
    page = open_page(TABLET, "/login")
    log_in(page)
    ids = in_session(page)
    page.goto("/mod/demo")
    expect(page.locator("#connection")).to_have_text("Đã kết nối")
    expect(page.locator("#stage-text")).to_have_text(STAGED)
    expect(page.locator("#panel-pending li.card")).to_have_count(10)
    page.wait_for_timeout(300)  # suggestions for the waiting questions come in one by one
    return page, ids


def test_the_first_question_is_in_sight_on_the_tablet(open_page):
    page, _ = console(open_page)
    first = page.locator("#panel-pending li.card").first
    assert page.evaluate("scrollY") == 0
    assert in_view(page, first.locator(".card-head")) and in_view(page, first.locator(".q-text")), box(first)

    # the links wait in one menu, which opens and closes without leaving the page
    links = page.locator("#links-menu a")
    expect(links).to_have_count(12)  # with the MC's view, the detailed script (print, DOCX) and the programme
    expect(page.locator("#chair-link")).to_be_hidden()
    page.locator("#links-menu > summary").click()
    expect(page.locator("#chair-link")).to_be_visible()
    expect(page.locator("#chair-link")).to_have_attribute("href", "/chair/demo")
    page.keyboard.press("Escape")
    expect(page.locator("#chair-link")).to_be_hidden()

    # the Chair panel starts folded, its unread count in sight; it opens, and stays open after a
    # reload; it folds away again, and stays folded
    panel = page.locator("#chair-panel")
    expect(panel.locator("#quick-next")).to_be_hidden()
    expect(panel.locator("#chair-unread")).to_have_text("2 chưa đọc")
    page.locator("#chair-panel > summary").click()
    expect(panel.get_by_role("button", name="5 phút nữa")).to_be_visible()
    page.reload()
    expect(panel.get_by_role("button", name="5 phút nữa")).to_be_visible()
    page.locator("#chair-panel > summary").click()
    expect(panel.locator("#quick-next")).to_be_hidden()
    page.reload()
    expect(page.locator("#panel-pending li.card")).to_have_count(10)
    expect(panel.locator("#quick-next")).to_be_hidden()


def test_the_new_badge_keeps_clear_of_the_tabs_count(open_page):
    page, _ = console(open_page)
    for n in range(12):
        page.request.post("/api/v1/events/demo/questions", data={"text": f"Câu hỏi mới số {n + 1} gửi từ hội trường"})
    badge = page.locator("#tab-pending [data-new-count]")
    expect(badge).to_have_text("12 mới")
    expect(page.locator("#tab-pending .count")).to_have_text("22")
    tab, count = box(page.locator("#tab-pending")), box(page.locator("#tab-pending .count"))
    label, new = text_box(page, "#tab-pending"), box(badge)
    assert not overlap(new, count) and not overlap(new, label) and not overlap(count, label)
    for part in (label, count, new):  # nothing clipped by the tab's edges
        assert inside(part, tab), (part, tab)
    for name in ("approved", "stage", "answered", "rejected"):
        assert inside(box(page.locator(f"#tab-{name} .count")), box(page.locator(f"#tab-{name}")))


def test_the_answer_form_shows_its_question_below_the_sticky_tabs(open_page):
    page, ids = console(open_page)
    page.mouse.wheel(0, 900)  # the moderator has scrolled down the list
    page.wait_for_timeout(200)
    page.locator("#stage-answer").click()
    form = page.locator(f"#q-{ids[0]} form.form-answer")
    expect(form).to_be_visible()
    question = form.locator(".form-question")
    expect(question).to_contain_text(STAGED)
    label = form.locator("label[for$='-summary']")
    expect(label).to_have_text("Tóm tắt câu trả lời")
    expect(form.locator("[name=summary]")).to_be_focused()
    page.wait_for_timeout(300)  # let any smooth scrolling end
    tabs = box(page.locator(".tabs"))
    below = tabs["y"] + tabs["height"]
    assert in_view(page, question, below) and in_view(page, label, below), (tabs, box(question), box(label))

    # the same from a card further down the queue
    page.locator("#tab-approved").click()
    last = page.locator(f"#q-{ids[-1]}")
    last.scroll_into_view_if_needed()
    last.locator("[data-action=answer]").click()
    form = last.locator("form.form-answer")
    expect(form.locator(".form-question")).to_contain_text(QUEUED[-1])
    page.wait_for_timeout(300)
    tabs = box(page.locator(".tabs"))
    below = tabs["y"] + tabs["height"]
    assert in_view(page, form.locator(".form-question"), below)
    assert in_view(page, form.locator("label[for$='-summary']"), below)


def test_a_card_names_the_district_once(open_page):
    page, _ = console(open_page)
    card = page.locator("#panel-pending li.card", has_text="Lý Thị Hoa")
    origin = card.locator(".q-origin")
    expect(origin).to_contain_text("Kênh: Đoàn Thanh niên địa phương")
    expect(origin).to_contain_text("Địa bàn: Huyện Bát Xát")
    assert origin.inner_text().count("Bát Xát") == 1, origin.inner_text()


def tell(page, question_id, **changes):
    """The console receives question `question_id` changed as the server sends it (its `actions` and
    `tab` decided by the server's policy), through the path every update takes (console/sync.js).
    What is told stays until the server says otherwise (Live.State.put keeps the fields it is not sent)."""
    page.evaluate("""async ([id, changes]) => {
        const { shared } = await import("/static/js/console/shared.js");
        const sync = await import("/static/js/console/sync.js");
        const q = shared.live.state.questions.get(id);
        sync.take(Object.assign({}, q, changes, { version: q.version + 1 }));
    }""", [question_id, changes])


def buttons(locator):
    return locator.evaluate_all("nodes => nodes.map(node => node.dataset.action)")


def card_buttons(page, question_id):
    """The actions of a card's buttons, leaving aside blocking its sender (the server offers it where
    a phone sent the question)."""
    found = buttons(page.locator(f"#q-{question_id} .card-actions button"))
    return [action for action in found if action not in ("block", "unblock")]


def test_each_tab_lays_out_its_buttons(open_page):
    page, ids = console(open_page)
    pending = page.locator("#panel-pending li.card").first.get_attribute("data-id")
    assert card_buttons(page, pending) == ["approve", "reject", "edit", "route"]
    assert card_buttons(page, ids[0]) == ["unstage", "answer", "route", "edit", "similar", "reject"]
    assert card_buttons(page, ids[1]) == ["stage", "answer", "route", "edit", "similar", "reject"]
    expect(page.locator(f"#q-{ids[1]} [data-action=stage]")).to_have_class("primary")
    assert page.request.post(f"/api/v1/questions/{ids[1]}/reject").ok
    expect(page.locator(f"#panel-rejected #q-{ids[1]}")).to_have_count(1)
    rejected = card_buttons(page, ids[1])
    assert rejected[0] == "approve" and "edit" in rejected and not {"stage", "unstage", "answer", "reject"} & set(rejected)
    expect(page.locator(f"#q-{ids[1]} [data-action=approve]")).to_have_text("Duyệt lại")


def test_a_card_has_a_button_for_each_action_the_server_allows_and_no_other(open_page):
    page, ids = console(open_page)
    tell(page, ids[1], actions=["approve", "edit", "block"], tab="rejected")
    expect(page.locator(f"#panel-rejected #q-{ids[1]}")).to_have_count(1)
    assert buttons(page.locator(f"#q-{ids[1]} .card-actions button")) == ["approve", "edit", "block"]
    expect(page.locator(f"#q-{ids[1]} [data-action=approve]")).to_have_text("Duyệt lại")
    tell(page, ids[1], actions=["reject", "merge"], tab="approved")
    assert buttons(page.locator(f"#q-{ids[1]} .card-actions button")) == ["similar", "reject"]
    expect(page.locator(f"#q-{ids[1]} [data-action=similar]")).to_have_text("Câu tương tự")
    # on stage, but the server does not let it be answered: the stage panel offers only to leave
    tell(page, ids[0], actions=["unstage", "edit"], tab="stage")
    expect(page.locator("#stage-answer")).to_be_hidden()
    expect(page.locator("#stage-leave")).to_be_visible()
    # a form whose action is no longer allowed closes
    tell(page, ids[2], actions=["route", "edit"], tab="approved")
    page.locator("#tab-approved").click()
    page.locator(f"#q-{ids[2]} [data-action=route]").click()
    expect(page.locator(f"#q-{ids[2]} form.form-route")).to_be_visible()
    tell(page, ids[2], actions=["edit"], tab="approved")
    expect(page.locator(f"#q-{ids[2]} form")).to_have_count(0)


def test_only_what_the_server_lets_be_answered_together_is_offered(open_page):
    page, ids = console(open_page)
    tell(page, ids[2], actions=["stage", "answer", "edit"], tab="approved")  # not answer_together
    page.locator("#tab-approved").click()
    page.locator(f"#q-{ids[1]} [data-action=answer]").click()
    offered = page.locator(f"#q-{ids[1]} .also-list input[name=also]").evaluate_all("bs => bs.map(b => Number(b.value))")
    assert sorted(offered) == sorted([ids[0], ids[3]])


def test_a_merged_question_has_no_card_and_its_entry_only_what_the_server_allows(open_page):
    page, ids = console(open_page)
    later = page.request.post("/api/v1/events/demo/questions", data={"text": "Cùng nội dung với câu đã duyệt"}).json()
    assert page.request.post(f"/api/v1/questions/{later['id']}/merge", data={"into": ids[1]}).ok
    head = page.locator(f"#q-{ids[1]}")
    expect(head.locator(".q-merged [data-action=approve-merged]")).to_have_count(1)
    # the server's own list for the merged question leaves out what a merged question may not do
    sent = page.evaluate(f"""async () => {{
        const {{ shared }} = await import("/static/js/console/shared.js");
        return shared.live.state.questions.get({ids[1]}).merged[0].actions;
    }}""")
    assert sent and not {"stage", "route", "answer", "answer_together"} & set(sent)
    for action in ("stage", "route", "answer", "answer_together"):
        expect(head.locator(f".q-merged [data-action={action}]")).to_have_count(0)
    # merged, it never gets a card, whatever it is said to allow
    tell(page, later["id"], actions=["stage", "route", "answer", "answer_together"], tab="approved")
    expect(page.locator(f"#q-{later['id']}")).to_have_count(0)
    merged = page.evaluate(f"""async () => {{
        const {{ shared }} = await import("/static/js/console/shared.js");
        return shared.live.state.questions.get({ids[1]}).merged;
    }}""")
    tell(page, ids[1], merged=[{**merged[0], "actions": ["unmerge"]}])
    expect(head.locator(".q-merged [data-action=approve-merged]")).to_have_count(0)
    expect(head.locator(".q-merged .badge.pending")).to_have_count(0)
    expect(head.locator(".q-merged [data-action=unmerge]")).to_have_count(1)


def test_blocking_a_sender_is_confirmed_on_the_card(open_page):
    page, ids = console(open_page)
    phone = open_page(PHONE, "/e/demo")
    sent = phone.request.post("/api/v1/events/demo/questions", data={"text": "Câu hỏi từ điện thoại, sẽ bị chặn"}).json()
    card = page.locator(f"#q-{sent['id']}")
    expect(card).to_have_count(1)
    tell(page, sent["id"], actions=["approve", "reject", "block"])
    card.locator("[data-action=block]").click()
    form = card.locator("form.form-block")
    expect(form).to_contain_text("không gửi hay bình chọn thêm được")
    form.locator("button[type=submit]").click()
    expect(page.locator("#flash")).to_contain_text(f"Đã chặn người gửi câu hỏi #{sent['id']}.")
    expect(page.locator(f"#panel-rejected #q-{sent['id']}")).to_have_count(1)  # the server rejected it
    again = phone.request.post("/api/v1/events/demo/questions", data={"text": "Câu hỏi thứ hai từ điện thoại"})
    assert again.status == 403
