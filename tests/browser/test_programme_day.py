"""The programme of the day end to end, each screen on its device: the organizer builds a three-item
programme in the editor (with a prepared poll); a moderator moves it on from the console; the
projector, a phone, the Chair's tablet and the MC's view follow without reloads; the poll item opens
the poll, three phones answer it (one offline, then back, counted once), the moderator reveals it
and closes it; it is in the live minutes and in the XLSX log."""
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from .conftest import PHONE, PROJECTOR, TABLET, log_in, mark_loaded, not_reloaded, screenshot

pytestmark = pytest.mark.usefixtures("no_programme")

POLL = "Bạn có biết đường dây nóng phòng chống lừa đảo của tỉnh không?"
PERFORMANCE = "Tuổi trẻ Lào Cai vững bước"
SEGMENT = "Chính sách, pháp luật về an ninh mạng"


def logged_in(context_for, device, path):
    page = context_for(device).new_page()
    page.goto("/login")
    log_in(page)
    page.goto(path)
    return page


def prepare_poll(editor):
    editor.get_by_role("button", name="Thêm cuộc thăm dò").click()
    dialog = editor.locator("#poll-dialog")
    editor.fill("#p-text", POLL)
    options = dialog.locator("[data-rows=options] input")
    options.nth(0).fill("Có")
    options.nth(1).fill("Không")
    dialog.get_by_role("button", name="Lưu").click()
    expect(dialog).to_be_hidden()
    return next(p for p in editor.request.get("/api/v1/events/demo/polls").json()["polls"] if p["text"] == POLL)


def add_item(editor, kind, title, duration, select=None):
    editor.get_by_role("button", name="Thêm mục", exact=True).click()
    dialog = editor.locator("#item-dialog")
    editor.select_option("#f-kind", label=kind)
    editor.fill("#f-title", title)
    editor.fill("#f-duration", str(duration))
    for field, option in (select or {}).items():
        editor.select_option(field, **option)
    dialog.get_by_role("button", name="Lưu").click()
    expect(dialog).to_be_hidden()


def build(editor):
    """Performance, poll, dialogue segment: built in the organizer's editor."""
    poll = prepare_poll(editor)
    add_item(editor, "Văn nghệ", PERFORMANCE, 10)
    add_item(editor, "Thăm dò ý kiến", "Thăm dò nhanh", 5, {"#f-poll": {"value": str(poll["id"])}})
    add_item(editor, "Đối thoại", "Đối thoại", 30, {"#f-topic": {"label": SEGMENT}})
    expect(editor.locator("#items > li")).to_have_count(3)
    return poll


def answer(phone, poll_id, label):
    card = phone.locator(f"#poll-{poll_id}")
    card.locator(".poll-option", has_text=label).click()
    card.locator(".poll-send").click()
    return card


def test_a_programme_built_run_and_recorded(context_for):
    organizer = logged_in(context_for, TABLET, "/admin/events/demo/programme")
    poll = build(organizer)
    screenshot(organizer, "programme-editor")

    screen = context_for(PROJECTOR).new_page()
    screen.goto("/e/demo/screen")
    chair = logged_in(context_for, TABLET, "/chair/demo")
    mc = logged_in(context_for, PHONE, "/mc/demo")
    phones = [context_for(PHONE).new_page() for _ in range(3)]
    for phone in phones:
        phone.goto("/e/demo")
        expect(phone.locator("#connection")).to_contain_text("Trực tuyến")
    organizer.goto("/mod/demo")
    expect(organizer.locator("#connection")).to_have_text("Đã kết nối")
    minutes = organizer.context.new_page()
    minutes.goto("/admin/events/demo/minutes")
    everyone = [screen, chair, mc, *phones, organizer, minutes]
    mark_loaded(*everyone)
    next_item = organizer.get_by_role("button", name="Mục tiếp theo")

    # the performance: a title card, now on the phones, the Chair's item, the MC's introduction
    next_item.click()
    expect(screen.locator("#item-title")).to_have_text(PERFORMANCE)
    expect(phones[0].locator("#now-next .nn-now")).to_contain_text(PERFORMANCE)
    expect(phones[0].locator("#now-next .nn-next")).to_contain_text("Thăm dò nhanh")
    expect(chair.locator("#prog-title")).to_have_text(PERFORMANCE)
    expect(mc.locator("#words")).to_contain_text(f"“{PERFORMANCE}”")
    screenshot(mc, "mc")

    # the poll item opens the poll: the phones get its form, the projector how many answered
    next_item.click()
    expect(screen.locator("#item-title")).to_have_text(POLL)
    expect(screen.locator("#poll-total")).to_have_text("0 người đã trả lời")
    expect(chair.locator("#prog-title")).to_have_text("Thăm dò nhanh")
    for phone, label in zip(phones[:2], ("Có", "Không")):
        expect(answer(phone, poll["id"], label).locator(".poll-mine")).to_have_text(f"Bạn đã chọn: {label}")
    offline = phones[2]
    offline.context.set_offline(True)
    card = answer(offline, poll["id"], "Có")
    expect(card.locator(".poll-status")).to_have_text("Câu trả lời đang chờ gửi; sẽ tự gửi khi có kết nối.")
    expect(screen.locator("#poll-total")).to_have_text("2 người đã trả lời")
    offline.context.set_offline(False)
    expect(card.locator(".poll-status")).to_have_text("Đã ghi nhận câu trả lời của bạn.", timeout=15000)
    expect(screen.locator("#poll-total")).to_have_text("3 người đã trả lời")
    expect(screen.locator("#poll-options .s-bar").first).to_be_hidden()  # not revealed yet

    # revealed from the console: bars on the projector and the phones; then closed
    organizer.locator("#polls-panel > summary").click()
    row = organizer.locator("#polls-list li.poll").filter(has_text=POLL)
    expect(row.locator(".poll-total")).to_have_text("3 người đã trả lời")
    row.locator(".poll-actions button", has_text="Công bố kết quả").click()
    expect(screen.locator("#poll-options .s-option-percent").first).to_have_text("67%")
    expect(phones[1].locator(f"#poll-{poll['id']} .poll-bar")).to_have_count(2)
    screenshot(screen, "projector-poll")
    screenshot(phones[1], "attendee-poll")
    screenshot(organizer, "moderator-programme")
    row.locator(".poll-actions button", has_text="Đóng thăm dò").click()
    expect(phones[0].locator(f"#poll-{poll['id']} .poll-state")).to_have_text("Đã đóng")

    # the dialogue segment: the projector's Q&A names it, the phones may ask, the MC invites questions
    next_item.click()
    expect(screen.locator("#segment")).to_contain_text(SEGMENT)
    expect(phones[0].locator("#ask-text")).to_be_editable()
    expect(chair.locator("#prog-title")).to_have_text("Đối thoại")
    expect(mc.locator("#words")).to_contain_text(f"“{SEGMENT}”")

    # the record: the live minutes and the XLSX log hold the poll's three answers
    result = minutes.locator(f"#polls-list .poll-result[data-id='{poll['id']}']")
    expect(result).to_contain_text("3 người trả lời")
    expect(minutes.locator("#programme-rows tr")).to_have_count(3)
    book = load_workbook(io.BytesIO(organizer.request.get("/api/v1/events/demo/log.xlsx").body()))
    overall = [list(row[3:9]) for row in book["Thăm dò"].iter_rows(values_only=True) if row[1] == POLL][:2]
    assert overall == [["Tất cả", None, 3, "Có", 2, 67], ["Tất cả", None, 3, "Không", 1, 33]]
    assert not_reloaded(*everyone)
