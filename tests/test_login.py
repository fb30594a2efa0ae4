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
