"""The policy (live/dialogue/policy.py): the SQL listing and can_see agree on every combination of
status, merge, author and viewer; what a moderator may do to a question in each state, and that a
merged question is never staged, routed, answered or answered together; what staff are told."""
import itertools

import pytest

from live.dialogue import blocking, events, merges, policy, questions, users

from .conftest import ADMIN_PASSWORD, STAFF_PASSWORD, login
from .test_moderation import new_question

CODE = "bang"
ANSWER = {"answered_by": "Giám đốc Sở Nội vụ", "summary": "Tỉnh sẽ xem xét."}
HEAD_CHOICES = (None,) + policy.STATUSES  # not merged, or merged into a head of each status


# --- who sees what: every combination ----------------------------------------------------------

@pytest.fixture
def board(app, store):
    """A fresh event with one question for every status x merged (not, or into a head of each
    status) x author (`author`'s own or another's) x routed (to CA or not), and the clients of
    every kind of viewer: {"event", "author_id", "rows", "clients"}."""
    event = events.create(store, "test", CODE, title="Bảng đủ mọi trường hợp",
                          agencies=[{"code": "CA", "name": "Công an tỉnh"}])
    agency = store.agencies(event["id"])[0]["id"]
    clients = {"anonymous": app.test_client(), "author": app.test_client()}
    seed = clients["author"].post(f"/api/v1/events/{CODE}/questions", json={"text": "Câu đầu tiên của tôi"})
    author_id = store.question(seed.get_json()["id"])["attendee_id"]
    heads = {status: _question(store, event, "someone", status) for status in policy.STATUSES}
    for status, head, own, routed in itertools.product(policy.STATUSES, HEAD_CHOICES, (True, False), (True, False)):
        _question(store, event, author_id if own else "someone-else", status,
                  merged_into=heads[head] if head else None, agency_id=agency if routed else None)
    clients["moderator"] = _staff(app, store, "bang-mod", users.MODERATOR, event)
    clients["responder"] = _staff(app, store, "bang-ca", users.RESPONDER, event, "CA")
    clients["organizer"] = app.test_client()
    assert login(clients["organizer"], "admin", ADMIN_PASSWORD).status_code == 200
    rows = store.questions(event["id"])
    combos = {(q["status"], q["head_status"], q["attendee_id"] == author_id, q["agency_id"] == agency)
              for q in rows if q["attendee_id"] != "someone"}
    assert len(combos) == len(policy.STATUSES) * len(HEAD_CHOICES) * 2 * 2  # every combination is there
    return {"event": event, "agency": agency, "author_id": author_id, "rows": rows, "clients": clients}


def _staff(app, store, username, role, event, agency=None):
    """A client logged in as a new account with `role` in `event`."""
    users.create(store, username, STAFF_PASSWORD, role, event, agency)
    client = app.test_client()
    assert login(client, username, STAFF_PASSWORD).status_code == 200
    return client


def _question(store, event, attendee_id, status, **fields):
    question, _ = questions.submit(store, event, attendee_id, f"Câu hỏi {status} {len(fields)} {attendee_id}")
    store.update_question(question["id"], {"status": status, **fields})
    return question["id"]


def _viewers(board):
    """The policy's viewer of each kind, as the web layer makes them."""
    return {
        "anonymous": policy.Viewer(attendee_id="a-stranger"), "projector": policy.PUBLIC,
        "author": policy.Viewer(attendee_id=board["author_id"]), "moderator": policy.MODERATOR,
        "organizer": policy.MODERATOR, "chair": policy.CHAIR, "responder": policy.Viewer(agency_id=board["agency"]),
    }


def _expected(kind, question, board):
    """The rule, written out as the issue states it."""
    public = question["status"] in ("approved", "answered") and (
        not question["merged_into"] or question["head_status"] in ("approved", "answered"))
    own = question["attendee_id"] == board["author_id"]
    routed = question["agency_id"] == board["agency"] and question["status"] != "rejected"
    return {"moderator": True, "organizer": True, "author": public or own, "responder": public or routed}.get(
        kind, public)


def test_sql_listing_and_can_see_agree_on_every_combination(store, board):
    event_id = board["event"]["id"]
    for kind, viewer in _viewers(board).items():
        by_rule = {q["id"] for q in board["rows"] if policy.can_see(q, viewer)}
        by_sql = {q["id"] for q in store.questions(event_id, policy.visibility(viewer))}
        assert by_sql == by_rule, kind
        assert by_rule == {q["id"] for q in board["rows"] if _expected(kind, q, board)}, kind


def _flattened(listed):
    """The ids of a listing: each question and those shown under it."""
    return {q["id"] for q in listed} | {m["id"] for q in listed for m in q["merged"]}


def test_every_surface_lists_what_the_rule_lets_each_viewer_see(store, board, sockets):
    clients, viewers = board["clients"], _viewers(board)
    for kind in ("anonymous", "author", "moderator", "organizer", "responder"):
        response = clients[kind].get(f"/api/v1/events/{CODE}/questions")
        assert response.status_code == 200
        listed = response.get_json()["questions"]
        viewer = viewers[kind] if kind != "anonymous" else policy.Viewer(attendee_id="cookie-of-nobody")
        assert _flattened(listed) == {q["id"] for q in board["rows"] if policy.can_see(q, viewer)}, kind
    for role, client, kind in (("chair", clients["moderator"], "chair"), ("screen", None, "projector")):
        snapshot = sockets(client, CODE, role).wait_for("snapshot")
        assert _flattened(snapshot["questions"]) == {q["id"] for q in board["rows"]
                                                     if policy.can_see(q, viewers[kind])}, role


# --- what a moderator may do -------------------------------------------------------------------

STATE_ACTIONS = set(policy.ACTIONS) - {"block", "unblock"}
# What the console offered by state (moderator.js before the policy), and the server took.
BY_STATE = {
    "pending": ["approve", "reject", "edit", "route", "merge", "block"],
    "approved": ["reject", "edit", "route", "stage", "answer", "answer_together", "merge", "block"],
    "staged": ["reject", "edit", "route", "unstage", "answer", "answer_together", "merge", "block"],
    "answered": ["reject", "edit", "route", "stage", "answer", "answer_together", "block"],
    "rejected": ["approve", "edit", "route", "block"],
    "merged": ["reject", "edit", "unmerge", "block"],
    "merged pending": ["approve", "reject", "edit", "unmerge", "block"],
}


@pytest.fixture
def made(store, demo_event):
    """made(state, attendee="phone-1") -> the question row in `state` (a key of BY_STATE)."""
    head = new_question(store, "Câu hỏi gốc để gộp vào", "approved", None)

    def make(state, attendee="phone-1"):
        own_state = {"merged": "approved", "merged pending": "pending"}.get(state, state)
        question = new_question(store, f"Câu hỏi ở trạng thái {state}", own_state, attendee)
        if state.startswith("merged"):
            merges.merge(store, question["id"], head["id"], "setup")
        return store.question(question["id"])
    return make


@pytest.mark.parametrize("state", BY_STATE)
def test_what_a_moderator_may_do_in_each_state(store, demo_event, made, state):
    question = made(state)
    event = store.event_by_id(demo_event["id"])
    assert policy.actions(policy.MODERATOR, question, event) == BY_STATE[state]
    for viewer in (policy.PUBLIC, policy.CHAIR, policy.Viewer(agency_id=1), policy.Viewer(attendee_id="phone-1")):
        assert policy.actions(viewer, question, event) == []
    for action in STATE_ACTIONS:  # the list and the server's refusals agree
        assert (policy.refusal(action, question, event) is None) == (action in BY_STATE[state]), action


def test_block_and_unblock_are_offered_by_the_authors_state(store, demo_event, made):
    question = made("pending")
    imported = made("approved", attendee=None)
    event = store.event_by_id(demo_event["id"])
    assert not {"block", "unblock"} & set(policy.actions(policy.MODERATOR, imported, event))
    blocking.block_author(store, made("approved")["id"], "setup")  # the same phone's other question
    now = store.question(question["id"])
    assert "unblock" in policy.actions(policy.MODERATOR, now, event)
    assert "block" not in policy.actions(policy.MODERATOR, now, event)


def test_a_merged_question_never_carries_stage_route_answer_or_answer_together(store, demo_event):
    never = {"stage", "route", "answer", "answer_together"}
    event = store.event_by_id(demo_event["id"])
    for status, head_status, staged in itertools.product(policy.STATUSES, policy.STATUSES, (True, False)):
        merged = {"id": 1, "status": status, "merged_into": 2, "head_status": head_status,
                  "on_stage": 0, "head_on_stage": staged, "attendee_id": "x", "author_blocked": 0}
        assert not never & set(policy.actions(policy.MODERATOR, merged, {**event, "stage_question_id": 2}))
        for action in never:
            assert "gộp" in policy.refusal(action, merged, event)[0]


@pytest.mark.parametrize("state,tab", [("pending", "pending"), ("approved", "approved"), ("staged", "stage"),
                                       ("answered", "answered"), ("rejected", "rejected"), ("merged", "approved")])
def test_the_tab_of_each_state(made, state, tab):
    assert policy.tab(made(state)) == tab


def test_a_merged_question_is_in_its_heads_tab(store, demo_event):
    head, _ = questions.submit(store, demo_event, None, "Câu hỏi gốc trên sân khấu")
    child, _ = questions.submit(store, demo_event, None, "Câu hỏi trùng đang chờ")
    questions.approve(store, head["id"], "setup")
    merges.merge(store, child["id"], head["id"], "setup")
    questions.stage(store, head["id"], "setup")
    assert policy.tab(store.question(child["id"])) == "stage"
    questions.reject(store, head["id"], "setup")
    assert policy.tab(store.question(child["id"])) == "rejected"


# --- a merged question: 409 through the API ----------------------------------------------------

@pytest.fixture
def merged(store, demo_event):
    made = []
    for text in ("Câu hỏi gốc về việc làm", "Câu hỏi trùng về việc làm", "Một câu hỏi khác hẳn"):
        question, _ = questions.submit(store, demo_event, None, text)
        questions.approve(store, question["id"], "setup")
        made.append(question["id"])
    merges.merge(store, made[1], made[0], "setup")
    return {"head": made[0], "child": made[1], "other": made[2]}


@pytest.mark.parametrize("action,body", [("stage", {}), ("route", {"agency": "CA"}), ("answer", ANSWER)])
def test_a_merged_question_is_not_staged_routed_or_answered(moderator, store, merged, action, body):
    before = store.question(merged["child"])
    response = moderator.post(f"/api/v1/questions/{merged['child']}/{action}", json=body)
    assert response.status_code == 409, response.get_json()
    data = response.get_json()
    assert f"#{merged['head']}" in data["error"] and "gộp" in data["error"]
    assert data["question"]["id"] == merged["child"]
    assert not {"stage", "route", "answer", "answer_together"} & set(data["question"]["actions"])
    after = store.question(merged["child"])
    assert (after["version"], after["on_stage"], after["agency_id"], after["status"]) == \
        (before["version"], 0, None, "approved")
    assert store.answers([merged["child"]]) == {}


def test_a_merged_question_is_not_answered_together(moderator, store, merged):
    response = moderator.post(f"/api/v1/questions/{merged['other']}/answer",
                              json={**ANSWER, "also": [merged["child"]]})
    assert response.status_code == 409, response.get_json()
    assert "gộp" in response.get_json()["error"]
    assert store.question(merged["other"])["status"] == "approved"
    assert store.question(merged["child"])["status"] == "approved"
    assert store.answers([merged["other"], merged["child"]]) == {}


# --- what staff are told -----------------------------------------------------------------------

def test_staff_are_told_actions_and_tab_and_nobody_else(app, moderator, client, store, demo_event, made):
    pending, routed = made("pending"), made("approved")
    questions.route(store, routed["id"], "setup", demo_event, "CA")
    responder = _staff(app, store, "ca-demo", users.RESPONDER, demo_event, "CA")
    staff = {q["id"]: q for q in moderator.get("/api/v1/events/demo/questions").get_json()["questions"]}
    assert staff[pending["id"]]["actions"] == BY_STATE["pending"] and staff[pending["id"]]["tab"] == "pending"
    approved = moderator.post(f"/api/v1/questions/{pending['id']}/approve").get_json()
    assert approved["actions"] == BY_STATE["approved"] and approved["tab"] == "approved"
    agency = {q["id"]: q for q in responder.get("/api/v1/events/demo/questions").get_json()["questions"]}
    assert agency[routed["id"]]["actions"] == [] and agency[routed["id"]]["tab"] == "approved"
    for public in client.get("/api/v1/events/demo/questions").get_json()["questions"]:
        assert "actions" not in public and "tab" not in public


def test_staff_rooms_are_told_actions_and_tab(moderator, store, made, sockets):
    console, tablet, screen = (sockets(moderator, role="moderator"), sockets(moderator, role="chair"),
                               sockets(role="screen"))
    for sock in (console, tablet, screen):
        sock.wait_for("snapshot")
    question = made("pending")
    assert moderator.post(f"/api/v1/questions/{question['id']}/approve").status_code == 200
    moderated = console.wait_for("question", lambda q: q["id"] == question["id"] and q["status"] == "approved")
    assert moderated["actions"] == BY_STATE["approved"] and moderated["tab"] == "approved"
    on_tablet = tablet.wait_for("question", lambda q: q["id"] == question["id"])
    assert on_tablet["actions"] == [] and on_tablet["tab"] == "approved"
    on_screen = screen.wait_for("question", lambda q: q["id"] == question["id"])
    assert "actions" not in on_screen and "tab" not in on_screen
    assert all("actions" in q and "tab" in q for q in tablet.named("snapshot")[0]["questions"])
