"""Logging in: where the login page sends you afterwards, and the growing delays after wrong guesses."""
from urllib.parse import quote, urlsplit

import pytest

from .conftest import ADMIN_PASSWORD

HOME = "/staff"

# `next` as a browser would send it (already percent-encoded where it matters); each must end at HOME.
HOSTILE_NEXT = [
    "//evil.example/x", "///evil.example/x", "/%09/evil.example/x", "/%0A/evil.example/x", "/%0D/evil.example/x",
    "/%0D%0ALocation:%20http://evil.example", "%09//evil.example/x", "%20//evil.example", "/%00/evil.example",
    "/%1F/evil.example", "/%7F/evil.example", "/%5C/evil.example", "%5C%5Cevil.example", "/%5Cevil.example",
    "%5C/evil.example", "http://evil.example/x", "https:evil.example", "HTTPS://evil.example", "//localhost@evil.example",
    "javascript:alert(1)", "JaVaScRiPt%3Aalert(1)", "data:text/html,x", "evil.example", "mod/demo", "", "%E2%80%A8//evil",
    "/%E2%80%A8/evil.example", "http:/evil.example", "/\N{FULLWIDTH SOLIDUS}evil.example",
]
SAFE_NEXT = ["/mod/demo", "/admin/events/demo?tab=log", "/admin/users", "/e/demo/screen#top", "/briefing/demo"]


def login_form(client, next_url):
    query = next_url if "%" in next_url else quote(next_url, safe="/:?=&@")
    return client.post(f"/login?next={query}", data={"username": "admin", "password": ADMIN_PASSWORD})


def assert_stays_on_this_site(location, expected=None):
    parts = urlsplit(location)
    assert parts.scheme in ("", "http") and parts.netloc in ("", "localhost"), location
    assert parts.path.startswith("/") and not parts.path.startswith("//"), location
    assert not any(ord(c) < 0x20 or c in "\\\x7f" for c in location), location
    if expected:
        assert location == expected, location


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_login_never_redirects_off_the_site(client, next_url):
    shown = client.get(f"/login?next={next_url}")
    assert shown.status_code == 200
    response = login_form(client, next_url)
    assert response.status_code == 302
    assert_stays_on_this_site(response.headers["Location"], HOME)


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_a_hostile_next_posted_in_the_form_goes_home_too(client, next_url):
    from urllib.parse import unquote
    response = client.post("/login", data={"username": "admin", "password": ADMIN_PASSWORD,
                                           "next": unquote(next_url)})
    assert response.status_code == 302
    assert_stays_on_this_site(response.headers["Location"], HOME)


@pytest.mark.parametrize("next_url", SAFE_NEXT)
def test_login_returns_to_the_page_that_asked(client, next_url):
    response = login_form(client, next_url)
    assert response.status_code == 302
    assert_stays_on_this_site(response.headers["Location"], next_url)


def test_a_staff_page_sends_an_anonymous_visitor_to_log_in_and_back(client):
    asked = client.get("/admin/events/demo/minutes")
    assert asked.status_code == 302
    login_page = asked.headers["Location"]
    response = client.post(login_page, data={"username": "admin", "password": ADMIN_PASSWORD})
    assert response.headers["Location"] == "/admin/events/demo/minutes"


# --- growing delays after wrong guesses ---------------------------------------------------------

class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def delayed(app_factory):
    """An app with small login limits (3 free failures per account, 5 per address, over 10 minutes)
    and a clock the test moves: (app, clock)."""
    app = app_factory(LIVE_LIMIT_LOGINS_PER_ACCOUNT="3 per 10 minutes", LIVE_LIMIT_LOGINS_PER_ADDRESS="5 per 10 minutes")
    clock = Clock()
    for delay in app.extensions["live_login_delays"].values():
        delay.clock = clock
    return app, clock


def api_login(app, username, password, address="10.0.0.1"):
    return app.test_client().post("/api/v1/login", json={"username": username, "password": password},
                                  environ_base={"REMOTE_ADDR": address})


@pytest.mark.parametrize("alias", ["admin\u200b", "ad\u0001min", " ADMIN ", "Admin", "admin\x7f", "\tadmin\n",
                                   "a\u200bd\u200bm\u200bi\u200bn", "ad  min"[:2] + "min\u2028"])
def test_the_account_limit_counts_the_name_authentication_uses(delayed, alias):
    app, _ = delayed
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        assert api_login(app, "admin", "wrong", address).status_code == 401
    refused = api_login(app, alias, ADMIN_PASSWORD, "10.0.0.4")
    assert refused.status_code == 429, (alias, refused.get_json())
    assert refused.headers["Retry-After"] == "1"


def test_each_failure_doubles_the_wait_and_the_refusal_says_how_long(delayed):
    app, clock = delayed
    for attempt in range(3):  # free
        assert api_login(app, "admin", "wrong", f"10.0.1.{attempt}").status_code == 401
    waits = []
    for attempt in range(7):
        refused = api_login(app, "admin", ADMIN_PASSWORD, "10.0.2.1")
        assert refused.status_code == 429
        waits.append(int(refused.headers["Retry-After"]))
        assert f"Hãy thử lại sau {waits[-1]} giây" in refused.get_json()["error"]
        clock.now += waits[-1]
        if attempt < 6:
            assert api_login(app, "admin", "wrong", f"10.0.3.{attempt}").status_code == 401
    assert waits == [1, 2, 4, 8, 16, 32, 64]
    assert api_login(app, "admin", ADMIN_PASSWORD, "10.0.2.1").status_code == 200
    assert api_login(app, "admin", "wrong", "10.0.2.1").status_code == 401  # the success started afresh


def test_a_wait_longer_than_the_period_never_comes(delayed):
    app, clock = delayed
    longest = 0
    for attempt in range(40):
        while (response := api_login(app, "admin", "wrong", f"10.0.4.{attempt}")).status_code == 429:
            longest = max(longest, int(response.headers["Retry-After"]))
            clock.now += int(response.headers["Retry-After"])
        assert response.status_code == 401
    assert 64 <= longest <= 600


def test_many_failures_from_one_address_delay_its_logins_but_never_lock_them(delayed):
    """Behind one NAT address (or nginx) a whole hall shares the per-address count: someone guessing
    there slows the others down, by seconds, and a right password still gets in."""
    app, clock = delayed
    for attempt in range(30):  # 30 wrong tries, each on another name, from the hall's address
        response = api_login(app, f"guess{attempt}", "wrong")
        if response.status_code == 429:
            clock.now += int(response.headers["Retry-After"])
            response = api_login(app, f"guess{attempt}", "wrong")
        assert response.status_code == 401
    refused = api_login(app, "admin", ADMIN_PASSWORD)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) <= 600
    clock.now += int(refused.headers["Retry-After"])
    assert api_login(app, "admin", ADMIN_PASSWORD).status_code == 200
    assert api_login(app, "admin", ADMIN_PASSWORD, "10.9.9.9").status_code == 200  # another address: no wait


def test_failures_are_forgiven_over_time(delayed):
    app, clock = delayed
    for attempt in range(3):
        api_login(app, "admin", "wrong", f"10.0.5.{attempt}")
    assert api_login(app, "admin", ADMIN_PASSWORD, "10.0.6.1").status_code == 429
    clock.now += 600  # the period: all three forgiven
    for attempt in range(2):
        assert api_login(app, "admin", "wrong", f"10.0.7.{attempt}").status_code == 401
    assert api_login(app, "admin", ADMIN_PASSWORD, "10.0.6.1").status_code == 200


def test_the_login_form_says_how_long_to_wait(delayed):
    app, _ = delayed
    browser = app.test_client()
    for _ in range(3):
        assert browser.post("/login", data={"username": "admin", "password": "wrong"}).status_code == 401
    page = browser.post("/login", data={"username": "admin", "password": ADMIN_PASSWORD})
    assert page.status_code == 429 and page.headers["Retry-After"] == "1"
    assert "Hãy thử lại sau 1 giây" in page.get_data(as_text=True)
    assert 'name="username" value="admin"' in page.get_data(as_text=True)
