"""What frames the pages, in Chromium: the login card on the staff wash, the favicon on every page
(the print pages included: without it a browser asks for /favicon.ico and gets a 404)."""
from playwright.sync_api import expect

from .conftest import PHONE, TABLET, log_in

PAPER, WASH = "rgb(255, 255, 255)", "rgb(243, 244, 246)"


def test_the_login_card_is_white_on_the_wash_with_no_strip_above(open_page):
    for device in (TABLET, PHONE):
        page = open_page(device, "/login")
        look = page.evaluate("""() => {
            const main = document.querySelector('main'), body = document.body;
            return {card: getComputedStyle(main).backgroundColor, body: getComputedStyle(body).backgroundColor,
                    bodyTop: body.getBoundingClientRect().top, cardTop: main.getBoundingClientRect().top,
                    atTop: getComputedStyle(document.elementFromPoint(5, 5)).backgroundColor};
        }""")
        assert look["card"] == PAPER and look["body"] == WASH
        assert look["bodyTop"] == 0 and look["atTop"] == WASH  # the wash reaches the top: no white strip
        assert look["cardTop"] >= 40  # the card sits below it


def test_the_poster_page_has_no_strip_above_either(open_page):
    page = open_page(TABLET, "/e/demo/poster")
    assert page.evaluate("() => document.body.getBoundingClientRect().top") == 0
    assert page.evaluate("() => getComputedStyle(document.elementFromPoint(5, 5)).backgroundColor") == "rgb(229, 231, 235)"


def test_every_page_links_the_favicon_the_print_page_too(open_page, server):
    page = open_page(TABLET, "/login")
    log_in(page)
    for path in ("/", "/e/demo", "/staff", "/admin/events/demo/conclusion/print", "/admin/events/demo/followup/print"):
        response = page.goto(path)
        assert response.status == 200, path
        icon = page.locator("link[rel=icon]")
        expect(icon).to_have_count(1)
        assert page.request.get(icon.get_attribute("href")).status == 200, path
