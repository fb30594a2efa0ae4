"""The QR codes the projector and the poster show, rendered by Chromium and read by a real decoder
(zxing-cpp): they hold the public URL the server decided, whatever Host header a browser sent; when
that URL is a loopback address, the projector, the poster and the staff pages say so."""
import http.client
import io
from urllib.parse import urlsplit

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from ..support import ADMIN_PASSWORD, PUBLIC_URL, Server
from .conftest import PROJECTOR, TABLET, log_in

pytestmark = pytest.mark.usefixtures("fresh")  # the demo event as the server started it

EVIL = "evil.example"
# the projector shows its big code while nothing is on stage (then a small one, the same image)
QR_CODES = {"/e/demo/screen": ".s-qr-big", "/e/demo/poster": ".p-qr"}


def decoded(page, selector):
    """The text of the one QR code in the element's screenshot."""
    image = Image.open(io.BytesIO(page.locator(selector).screenshot()))
    return [result.text for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def answered_for_host(server, host):
    """A route handler: the server's answer to the same GET sent with this Host header, as a browser
    that reached the server under that name gets it."""
    def handle(route):
        url = urlsplit(route.request.url)
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        try:
            connection.request("GET", url.path + (f"?{url.query}" if url.query else ""), headers={"Host": host})
            response = connection.getresponse()
            route.fulfill(status=response.status, content_type=response.getheader("Content-Type"),
                          body=response.read())
        finally:
            connection.close()
    return handle


def test_projector_and_poster_qr_codes_hold_live_public_url(open_page):
    for path, selector in QR_CODES.items():
        page = open_page(PROJECTOR, path)
        expect(page.locator(selector)).to_be_visible()
        assert decoded(page, selector) == [f"{PUBLIC_URL}/e/demo"], path
        expect(page.locator("#unreachable-warning")).to_have_count(0)
    expect(page.locator(".p-url")).to_have_text(f"{PUBLIC_URL}/e/demo")


def test_the_projector_has_no_language_link(open_page):
    projector = open_page(PROJECTOR, "/e/demo/screen")
    expect(projector.locator("#welcome-h")).to_be_visible()
    expect(projector.locator(".lang-switch")).to_have_count(0)
    expect(projector.get_by_role("link")).to_have_count(0)  # nothing in the hall's view to click
    english = open_page(PROJECTOR, "/e/demo/screen?lang=en")
    expect(english.locator("#welcome-h")).to_have_text("Ask your questions")


def test_a_loopback_server_ignores_the_host_header_and_warns(browser, tmp_path):
    """`make run`'s default: 127.0.0.1 and no LIVE_PUBLIC_URL. A browser that reached the server under
    another name (a spoofed Host header) still gets the server's own URL, and a warning."""
    server = Server(tmp_path / "live.db", env={"LIVE_PUBLIC_URL": ""})
    context = browser.new_context(base_url=server.url, locale="vi-VN", **PROJECTOR)
    try:
        own = f"http://127.0.0.1:{server.port}/e/demo"
        page = context.new_page()
        # every page and QR image comes as the server answers a request whose Host is evil.example
        page.route("**/e/demo/**", answered_for_host(server, EVIL))
        for path, selector in QR_CODES.items():
            page.goto(path)
            assert EVIL not in page.content()
            assert decoded(page, selector) == [own], path
            warning = page.locator("#unreachable-warning")
            expect(warning).to_be_visible()
            expect(warning).to_contain_text(f"Điện thoại không mở được địa chỉ http://127.0.0.1:{server.port}")
            expect(warning).to_contain_text("make run HOST=0.0.0.0")
        staff = context.new_page()
        staff.set_viewport_size(TABLET["viewport"])
        log_in(staff, "admin", ADMIN_PASSWORD)
        staff.goto("/staff?lang=en")
        expect(staff.locator("#unreachable-warning")).to_contain_text("Phones cannot open")
        expect(staff.locator("#unreachable-warning")).to_contain_text("LIVE_PUBLIC_URL")
    finally:
        context.close()
        server.stop()
    log = server.log_path.read_text()
    assert f"!! Điện thoại không mở được địa chỉ http://127.0.0.1:{server.port}" in log
    assert f"!! Phones cannot open http://127.0.0.1:{server.port}" in log
