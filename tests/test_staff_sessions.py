"""Staff sessions end on the server: a logged-out cookie is refused even if replayed, and a Socket.IO
connection that joined as staff stops receiving the moderators' feed the moment its session ends."""
import time

import pytest

from live.dialogue import users

from .conftest import ADMIN_PASSWORD, STAFF_PASSWORD, logged_in, login

COOKIE = "live_session"
PENDING = "Câu hỏi chờ duyệt kèm số điện thoại 0912 345 678"


def session_cookie(client):
    return client.get_cookie(COOKIE).value


def replay(client, value):
    client.set_cookie(COOKIE, value)
    return client.get("/api/v1/me").status_code


@pytest.mark.parametrize("logout", ["/api/v1/logout", "/logout"])
def test_a_logged_out_cookie_is_refused_when_replayed(app, logout):
    device = app.test_client()
    assert login(device, "admin", ADMIN_PASSWORD).status_code == 200
    stolen = session_cookie(device)
    assert device.post(logout).status_code in (200, 302)
    assert device.get("/api/v1/me").status_code == 401
    assert replay(app.test_client(), stolen) == 401


def test_logging_out_ends_only_that_session(app):
    tablet, laptop = app.test_client(), app.test_client()
    for device in (tablet, laptop):
        assert login(device, "admin", ADMIN_PASSWORD).status_code == 200
    assert tablet.post("/api/v1/logout").status_code == 200
    assert tablet.get("/api/v1/me").status_code == 401
    assert laptop.get("/api/v1/me").status_code == 200


def test_logging_in_again_ends_the_browsers_previous_session(app):
    device = app.test_client()
    login(device, "admin", ADMIN_PASSWORD)
    before = session_cookie(device)
    login(device, "admin", ADMIN_PASSWORD)
    assert replay(app.test_client(), before) == 401
    assert device.get("/api/v1/me").status_code == 200


def test_the_database_keeps_no_usable_session_token(app, store):
    device = app.test_client()
    login(device, "admin", ADMIN_PASSWORD)
    with device.session_transaction() as session:
        token = session["token"]
    rows = store._all("SELECT * FROM staff_session")
    assert len(rows) == 1 and token not in repr(rows)


@pytest.fixture
def mod(app, store):
    """A moderator of the demo event, logged in on a tablet: (tablet client, its moderator socket)."""
    users.create(store, "mod1", STAFF_PASSWORD, users.MODERATOR, store.event_by_code("demo"))

    def open_console(sockets, role="moderator"):
        tablet = logged_in(app, "mod1", STAFF_PASSWORD)
        sock = sockets(tablet, role=role)
        sock.wait_for("snapshot")
        return tablet, sock
    return open_console


def assert_dropped(sock, new_client, ask):
    """The connection was told its session ended, was closed, and gets no pending question after."""
    assert "Phiên đăng nhập đã kết thúc" in sock.wait_for("error")["error"]
    assert not sock.raw.is_connected()
    ask(new_client(), PENDING)
    time.sleep(0.05)
    assert PENDING not in sock.text()


@pytest.mark.parametrize("role", ["moderator", "chair"])
def test_log_out_everywhere_drops_the_accounts_sockets(app, mod, sockets, new_client, ask, role):
    _, sock = mod(sockets, role)
    laptop = app.test_client()
    login(laptop, "mod1", STAFF_PASSWORD)
    assert laptop.post("/api/v1/logout-everywhere").status_code == 200
    assert_dropped(sock, new_client, ask)


def test_logging_out_drops_that_sessions_socket_only(mod, sockets, new_client, ask):
    tablet, sock = mod(sockets)
    _, other = mod(sockets)
    tablet.post("/logout")
    assert_dropped(sock, new_client, ask)
    assert other.raw.is_connected()
    assert PENDING in other.wait_for("question", lambda q: q["text"] == PENDING)["text"]


def test_a_new_password_set_by_the_organizer_drops_the_accounts_sockets(app, mod, sockets, new_client, ask):
    _, sock = mod(sockets)
    response = logged_in(app).post("/admin/users", data={"action": "password", "username": "mod1",
                                                         "password": "another-password-2"})
    assert response.status_code == 302
    assert_dropped(sock, new_client, ask)


def test_disabling_the_account_drops_its_sockets(app, mod, sockets, new_client, ask):
    _, sock = mod(sockets)
    response = logged_in(app).post("/admin/users", data={"action": "disable", "username": "mod1"})
    assert response.status_code == 302
    assert_dropped(sock, new_client, ask)


@pytest.mark.slow  # waits for the connections' once-a-second recheck
@pytest.mark.parametrize("command", [["users", "set-password", "mod1"], ["users", "disable", "mod1"]])
def test_sessions_ended_from_the_command_line_drop_sockets_within_seconds(app, mod, sockets, new_client, ask,
                                                                          command):
    """Another process (here the CLI) ends the sessions: this one finds out at its next recheck."""
    _, sock = mod(sockets)
    result = app.test_cli_runner().invoke(args=command, input="another-password-2\nanother-password-2\n")
    assert result.exit_code == 0, result.output
    assert "Phiên đăng nhập đã kết thúc" in sock.wait_for("error", timeout=5)["error"]
    assert_dropped(sock, new_client, ask)


def test_other_accounts_and_attendees_keep_their_connections(app, mod, sockets, moderator, new_client, ask):
    _, sock = mod(sockets)
    admin_console = sockets(moderator, role="moderator")
    screen = sockets(role="screen")
    logged_in(app).post("/admin/users", data={"action": "disable", "username": "mod1"})
    assert_dropped(sock, new_client, ask)
    assert admin_console.raw.is_connected() and screen.raw.is_connected()
    admin_console.wait_for("question", lambda q: q["text"] == PENDING)
