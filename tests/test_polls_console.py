"""What the moderators' console is told of a poll: the moves a moderator may make on it now
(policy.poll_actions, sent as the poll's `actions`), decided by the server and only for staff, so the
console's script shows a button for each and compares no state."""
import itertools
import re

import pytest

from live.dialogue import policy, polls
from live.errors import Conflict

from .conftest import DEMO
from .test_console_script import CONSOLE

POLLS = f"/api/v1/events/{DEMO}/polls"
POLL = {"text": "Bạn đã từng gặp lừa đảo trực tuyến chưa?", "kind": "single", "options": ["Đã từng", "Chưa"]}


def row(state, revealed):
    return {"state": state, "revealed": int(revealed)}


@pytest.mark.parametrize("state,revealed,expected", [
    (policy.POLL_DRAFT, False, ["open"]),
    (policy.POLL_DRAFT, True, ["open", "hide"]),
    (policy.POLL_OPEN, False, ["close", "reveal"]),
    (policy.POLL_OPEN, True, ["close", "hide"]),
    (policy.POLL_CLOSED, False, ["open", "reveal"]),
    (policy.POLL_CLOSED, True, ["open", "hide"]),
])
def test_a_moderator_may_move_a_poll_as_its_state_allows(state, revealed, expected):
    assert policy.poll_actions(policy.MODERATOR, row(state, revealed)) == expected


@pytest.mark.parametrize("viewer", [policy.CHAIR, policy.PUBLIC, policy.Viewer(attendee_id="a1"),
                                    policy.Viewer(agency_id=3)], ids=["chair", "public", "attendee", "agency"])
def test_nobody_else_may_move_a_poll(viewer):
    for state, revealed in itertools.product(polls.STATES, (False, True)):
        assert policy.poll_actions(viewer, row(state, revealed)) == []


def test_every_action_offered_is_one_the_api_takes(store, demo_event):
    """Open and close are offered exactly from the states polls.move takes them from."""
    for name, state in itertools.product(polls.MOVES, polls.STATES):
        poll = polls.create(store, "test", demo_event, POLL)
        if state != polls.DRAFT:
            store.set_poll_state(poll["id"], state)
        offered = name in policy.poll_actions(policy.MODERATOR, store.poll(poll["id"]))
        try:
            polls.move(store, "test", poll["id"], demo_event, name)
            taken = True
        except Conflict:
            taken = False
        assert offered == taken, (name, state)


def actions_of(response, poll_id=None):
    data = response.get_json()
    found = data["polls"] if "polls" in data else [data]
    return {poll["id"]: poll.get("actions") for poll in found if poll_id in (None, poll["id"])}


def test_the_poll_view_carries_the_moves_through_a_polls_life(moderator):
    created = moderator.post(POLLS, json={**POLL, "open": True})
    assert created.status_code == 201
    poll_id = created.get_json()["id"]
    assert created.get_json()["actions"] == ["close", "reveal"]
    steps = [("reveal", {}, ["close", "hide"]), ("close", None, ["open", "hide"]),
             ("reveal", {"revealed": False}, ["open", "reveal"]), ("open", None, ["close", "reveal"])]
    for path, body, expected in steps:
        response = moderator.post(f"/api/v1/polls/{poll_id}/{path}", json=body)
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["actions"] == expected, path
        assert actions_of(moderator.get(POLLS), poll_id) == {poll_id: expected}
    draft = moderator.post(POLLS, json=POLL).get_json()
    assert draft["actions"] == ["open"]


def test_only_staff_are_told_the_moves(moderator, client):
    moderator.post(POLLS, json={**POLL, "open": True})
    assert [poll for poll in client.get(POLLS).get_json()["polls"] if "actions" in poll] == []


def test_each_room_is_sent_the_moves_its_viewer_may_make(moderator, sockets):
    mods, chair, hall = sockets(moderator, role="moderator"), sockets(moderator, role="chair"), sockets(role="screen")
    for sock in (mods, chair, hall):
        sock.wait_for("snapshot")
    poll_id = moderator.post(POLLS, json={**POLL, "open": True}).get_json()["id"]
    assert mods.wait_for("poll", lambda p: p["id"] == poll_id)["actions"] == ["close", "reveal"]
    assert chair.wait_for("poll", lambda p: p["id"] == poll_id)["actions"] == []
    assert "actions" not in hall.wait_for("poll", lambda p: p["id"] == poll_id)
    snapshot = sockets(moderator, role="moderator").wait_for("snapshot")
    assert [p["actions"] for p in snapshot["polls"] if p["id"] == poll_id] == [["close", "reveal"]]


POLL_STATES = "|".join(polls.STATES)
STATE_COMPARED = re.compile(rf"""[!=]==?\s*["'`]({POLL_STATES})["'`]|["'`]({POLL_STATES})["'`]\s*[!=]==?|"""
                            rf"""\.state\s*[!=]==?|[!=]==?\s*[\w.]+\.state\b|\.revealed\s*[!=]==?""")


@pytest.mark.parametrize("path", sorted(CONSOLE.glob("*.js")), ids=lambda path: path.name)
def test_the_console_compares_no_poll_state(path):
    """Its buttons come from `actions`; a poll's state and whether it is revealed are only shown."""
    assert STATE_COMPARED.findall(path.read_text()) == []


def test_the_poll_state_check_sees_what_it_looks_for():
    for code in ('poll.state === "open"', "if (p.state != 'draft')", "poll.revealed === true", '"closed" == x'):
        assert STATE_COMPARED.search(code), code
    assert not STATE_COMPARED.search('Live.label("poll_state", poll.state)')
