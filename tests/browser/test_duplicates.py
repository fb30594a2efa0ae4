"""Duplicates in real browsers: a phone sends a question a district already sent; the moderator
console suggests the earlier one, merges with a tap, approves the merged one (until then only its
author sees it under the earlier one), finds it by search without accents, and un-merges; the
attendee pages and the projector follow live, and never show the sender's unit."""
import re

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, PROJECTOR, TABLET, log_in, screenshot

pytestmark = pytest.mark.usefixtures("fresh")  # the demo event as the server started it

EARLIER = "Tỉnh có chính sách hỗ trợ vay vốn khởi nghiệp cho thanh niên dân tộc thiểu số không?"
LATER = "Em muon hoi ve ho tro vay von khoi nghiep cho thanh nien dan toc thieu so a"
UNIT = "Trường PTDTNT huyện Si Ma Cai"


def test_suggest_merge_search_and_unmerge(open_page):
    tablet = open_page(TABLET, "/login")
    log_in(tablet)
    earlier = tablet.request.post("/api/v1/events/demo/questions",
                                  data={"text": EARLIER, "author": "Đoàn huyện Bát Xát"}).json()
    assert tablet.request.post(f"/api/v1/questions/{earlier['id']}/approve").ok
    tablet.goto("/mod/demo")
    phone = open_page(PHONE, "/e/demo")
    other = open_page(PHONE, "/e/demo")
    projector = open_page(PROJECTOR, "/e/demo/screen")
    expect(tablet.locator("#connection")).to_be_visible()

    phone.fill("#ask-text", LATER)
    phone.fill("#ask-author", "Vàng A Sử")
    phone.locator(".ask-about summary").click()
    phone.fill("#ask-unit", UNIT)
    phone.locator("#ask button[type=submit]").click()
    expect(phone.locator("#mine-list")).to_contain_text("Đang chờ duyệt")

    pending = tablet.locator("li.card", has_text=LATER)
    suggestion = pending.locator(".q-similar li", has_text=EARLIER)
    expect(suggestion).to_be_visible()  # fetched for a new pending question, no tap needed
    pending.scroll_into_view_if_needed()
    screenshot(tablet, "moderator-duplicate-suggestion")
    suggestion.locator("[data-action=merge]").click()

    head = tablet.locator("li.card", has_text=EARLIER)
    expect(head.locator(".q-merged")).to_contain_text(LATER)
    expect(tablet.locator("li.card", has_text=LATER).filter(has_not=tablet.locator(".q-merged"))).to_have_count(0)
    expect(head.locator(".q-merged .badge.pending")).to_have_count(1)
    listed = phone.locator("#q-list li", has_text=EARLIER)
    expect(listed.locator(".q-merged")).to_contain_text("Vàng A Sử")  # its author sees it at once
    expect(phone.locator("#mine-list")).to_contain_text("Đã gộp với câu hỏi cùng nội dung")
    seen = other.locator("#q-list li", has_text=EARLIER)
    expect(seen).to_be_visible()
    expect(seen.locator(".q-merged")).to_be_hidden()  # still pending: not public
    other.reload()
    expect(other.locator("body")).not_to_contain_text(LATER)

    tablet.get_by_role("tab", name=re.compile("^Đã duyệt")).click()
    head.locator(".q-merged [data-action=approve-merged]").click()
    expect(head.locator(".q-merged .badge.pending")).to_have_count(0)
    expect(seen.locator(".q-merged")).to_contain_text("Vàng A Sử")
    for page in (phone, other):
        page.locator("#q-list li", has_text=EARLIER).locator(".q-merged summary").click()
        expect(page.locator("#q-list li", has_text=EARLIER).locator(".q-merged")).to_contain_text(LATER)
        expect(page.locator("#q-list")).not_to_contain_text(UNIT)
    other.reload()
    expect(other.locator("#q-list li", has_text=EARLIER).locator(".q-merged")).to_contain_text("Vàng A Sử")
    expect(other.locator("#q-list")).not_to_contain_text(UNIT)

    assert tablet.request.post(f"/api/v1/questions/{earlier['id']}/stage").ok
    expect(projector.locator("#stage-by")).to_contain_text("Đoàn huyện Bát Xát, Vàng A Sử")
    screenshot(projector, "projector-merged-credits")

    tablet.fill("#search-q", "khoi nghiep dan toc")
    expect(tablet.locator("#search-results li")).to_have_count(2)
    tablet.locator("#search-results .search-hit", has_text=EARLIER).click()
    expect(head).to_be_in_viewport()

    head.locator(".q-merged [data-action=unmerge]").click()
    expect(head.locator(".q-merged")).to_have_count(0)
    expect(tablet.locator("li.card", has_text=LATER)).to_have_count(1)  # its own card again
    expect(phone.locator("#q-list li", has_text=EARLIER).locator(".q-merged")).to_be_hidden()
    expect(projector.locator("#stage-by")).not_to_contain_text("Vàng A Sử")
