"""The printed documents in a real browser: every letter of the conclusion notice and of the
follow-up print list is drawn in the shipped serif (Chromium says which fonts drew each text)."""
import pytest

from .conftest import TABLET, log_in

pytestmark = pytest.mark.usefixtures("fresh")  # the demo event as the server started it

VIETNAMESE = "Thanh niên hỏi: ả ỏ ủ ổ ể ử ỉ ự, Ơ Ư Đ ẵ ẫ ỹ ỵ?"


def fonts_drawing(page, selector):
    """{family: glyphs} of the fonts that drew the text inside the elements matching `selector`."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    used = {}
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]:
        for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            used[font["familyName"]] = used.get(font["familyName"], 0) + font["glyphCount"]
    return used


def test_print_pages_draw_every_letter_in_the_shipped_serif(browser, server):
    # A context of its own: the print page's favicon 404 (another item) is not this test's concern.
    context = browser.new_context(base_url=server.url, locale="vi-VN", **TABLET)
    page = context.new_page()
    page.goto("/login")
    log_in(page)
    created = page.request.post("/api/v1/events/demo/questions", data={"text": VIETNAMESE}).json()
    assert page.request.post(f"/api/v1/questions/{created['id']}/approve").ok
    assert page.request.post(f"/api/v1/questions/{created['id']}/route", data={"agency": "CA"}).ok
    for path, selector in (("/admin/events/demo/conclusion/print", ".sheet *"),
                           ("/admin/events/demo/followup/print", ".fu-sheet *")):
        page.goto(path)
        page.evaluate("document.fonts.ready.then(() => true)")
        assert VIETNAMESE in page.inner_text("body")
        used = fonts_drawing(page, selector)
        assert set(used) == {"Tinos"}, (path, used)
    context.close()
