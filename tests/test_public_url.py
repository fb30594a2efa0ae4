"""The public URL phones open (QR codes, posters, links in mails) is decided once, on the server:
LIVE_PUBLIC_URL, else where the server listens (its LAN address when on every interface); never a
request's Host header. A loopback URL is warned about on the projector, the poster and staff pages."""
import pytest

import run
from live import config
from live.documents import qr
from live.web import pages

from .conftest import ADMIN_PASSWORD, login

LAN = "192.168.1.23"
EVIL = "evil.example"
WARNING = "Điện thoại không mở được địa chỉ"


@pytest.mark.parametrize("configured, host, port, expected", [
    ("https://doithoai.example.vn/", "0.0.0.0", 5000, "https://doithoai.example.vn"),
    ("http://10.0.0.5:8080", "127.0.0.1", 5000, "http://10.0.0.5:8080"),
    ("", "0.0.0.0", 5000, f"http://{LAN}:5000"),
    ("", "::", 8080, f"http://{LAN}:8080"),
    ("", "127.0.0.1", 5000, "http://127.0.0.1:5000"),
    ("", "192.168.5.7", 80, "http://192.168.5.7:80"),
    ("", "::1", 5000, "http://[::1]:5000"),
])
def test_public_url_decision(configured, host, port, expected):
    assert config.public_url(configured, host, port, lan_address=lambda: LAN) == expected


@pytest.mark.parametrize("url, loopback", [
    ("http://127.0.0.1:5000", True), ("http://127.8.9.10", True), ("http://localhost:5000", True),
    ("http://LOCALHOST", True), ("http://app.localhost", True), ("http://[::1]:5000", True),
    ("http://192.168.1.10:5000", False), ("https://doithoai.example.vn", False), ("http://10.0.0.1", False),
    ("http://localhost.example.vn", False),
])
def test_loopback_addresses_are_recognised(url, loopback):
    assert config.is_loopback(url) is loopback


def test_listening_on_every_interface_gives_the_lan_address_whatever_the_host_header(app_factory, monkeypatch):
    monkeypatch.setattr(config, "local_network_address", lambda: LAN)
    client = app_factory(LIVE_HOST="0.0.0.0", LIVE_PORT=5000).test_client()
    expected = f"http://{LAN}:5000/e/demo"
    for host in ("localhost", EVIL, "127.0.0.1:5000"):
        poster = client.get("/e/demo/poster", base_url=f"http://{host}").get_data(as_text=True)
        assert expected in poster and EVIL not in poster and WARNING not in poster
        assert client.get("/e/demo/qr.svg", base_url=f"http://{host}").get_data(as_text=True) == qr.svg(expected)
        screen = client.get("/e/demo/screen", base_url=f"http://{host}").get_data(as_text=True)
        assert f"{LAN}:5000/e/demo" in screen and EVIL not in screen


def test_a_spoofed_host_is_never_printed(app_factory):
    client = app_factory(LIVE_PUBLIC_URL="http://doithoai.local:5000/").test_client()
    spoofed = f"http://{EVIL}"  # every request, the login too (its cookie is for that host)
    client.post("/api/v1/login", json={"username": "admin", "password": ADMIN_PASSWORD}, base_url=spoofed)
    for path in ("/e/demo/poster", "/e/demo/screen", "/e/demo/qr.svg", "/admin/events/demo/intake-keys"):
        response = client.get(path, base_url=spoofed)
        assert response.status_code == 200 and EVIL not in response.get_data(as_text=True), path
    assert "http://doithoai.local:5000/e/demo" in client.get("/e/demo/poster", base_url=spoofed).get_data(as_text=True)
    keys = client.get("/admin/events/demo/intake-keys", base_url=spoofed).get_data(as_text=True)
    assert "http://doithoai.local:5000/api/v1/events/demo/intake" in keys


def test_a_loopback_url_is_warned_on_the_projector_poster_and_staff_pages(app_factory):
    loopback = app_factory().test_client()  # LIVE_HOST 127.0.0.1, no LIVE_PUBLIC_URL
    reachable = app_factory(LIVE_PUBLIC_URL="http://192.168.1.10:5000").test_client()
    for client in (loopback, reachable):
        login(client, "admin", ADMIN_PASSWORD)
    for path in ("/e/demo/screen", "/e/demo/poster", "/staff", "/admin/events/demo/followup"):
        warned = loopback.get(path).get_data(as_text=True)
        assert 'id="unreachable-warning"' in warned and f"{WARNING} http://127.0.0.1:5000" in warned, path
        assert "make run HOST=0.0.0.0" in warned and "LIVE_PUBLIC_URL" in warned
        assert 'id="unreachable-warning"' not in reachable.get(path).get_data(as_text=True), path
    english = loopback.get("/e/demo/poster?lang=en").get_data(as_text=True)
    assert "Phones cannot open http://127.0.0.1:5000" in english
    assert 'id="unreachable-warning"' not in loopback.get("/e/demo").get_data(as_text=True)  # phones never see it


def test_the_banner_prints_the_warning_in_both_languages_after_the_qr_code(app_factory, capsys):
    run.print_banner(app_factory(), with_demo=True)
    out = capsys.readouterr().out
    assert "http://127.0.0.1:5000/e/demo" in out
    vietnamese, english = out.index(f"!! {WARNING} http://127.0.0.1:5000"), out.index("!! Phones cannot open")
    assert out.index("█") < vietnamese < english  # last, so the QR code does not scroll it away
    run.print_banner(app_factory(LIVE_PUBLIC_URL="http://192.168.1.10:5000"), with_demo=True)
    out = capsys.readouterr().out
    assert "http://192.168.1.10:5000/e/demo/poster" in out and "!!" not in out


def test_reminder_links_use_the_public_url(app_factory):
    app = app_factory(LIVE_PUBLIC_URL="https://doithoai.example.vn")
    with app.test_request_context("/", headers={"Host": EVIL}):
        assert pages.public_link("followup.agency", code="demo") == "https://doithoai.example.vn/agency/demo"
