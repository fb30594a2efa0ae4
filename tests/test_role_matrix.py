"""Every route of the app (pages, API, documents, static) x every kind of actor, and the one order of
answers (live/web/permissions.py): 401 without a login (a page: the login page), then 403 for an
actor that may not, then 404 for what does not exist. RULES names every (method, rule) of the app's
url_map with the kind of actor it admits: a new route without an entry fails, and so does a route
whose decorator declares another kind, or one docs/security.md does not list under its decorator.

Two local organizers stand beside the organizer of every area: one of the commune the demo event is
held in (its own event: as the organizer), one of another commune (as a moderator of another event,
save where a route names no event, such as a new event, made in its own area).

One app serves the whole module (a fresh one per test would triple its time): every request acts
on objects of its own, and what the allowed do (publish, a new event, a saved notice) changes no
other route's answer."""
import functools
import io
import itertools
import os
import re
from pathlib import Path

import pytest
from werkzeug.security import generate_password_hash

from live.dialogue import (answers, api_keys, areas, chair, events, forwarding, merges, polls, programme, questions,
                          users)
from live.documents import exports
from live.web.permissions import KEY, MODERATOR, ORGANIZER, ROUTED, STAFF

from .conftest import ADMIN_PASSWORD, DEMO, OTHER, STAFF_PASSWORD, close_app, login, make_app

ANYONE = None  # a public route: no decorator
ACTORS = ("anonymous", "attendee", "responder", "other_moderator", "moderator", "organizer", "local_organizer",
          "other_local_organizer")
ALLOWED = {
    ANYONE: set(ACTORS),
    STAFF: {"responder", "other_moderator", "moderator", "organizer", "local_organizer", "other_local_organizer"},
    MODERATOR: {"moderator", "organizer", "local_organizer"},
    ROUTED: {"responder", "moderator", "organizer", "local_organizer"},  # the responder: its own agency's part
    ORGANIZER: {"organizer", "local_organizer"},
    KEY: set(ACTORS),  # with the channel's key, whoever else is logged in; 401 without it
}
# Who may act on every event, so learns that one does not exist (404); anyone else gets 403 first.
EVERYWHERE = {MODERATOR: ("organizer", "roaming_moderator"), ROUTED: ("organizer", "roaming_moderator"),
              ORGANIZER: ("organizer",)}
# Organizer routes that name an event in their form, not their URL (a moderator of the demo event).
NAMED_IN_FORM = {("POST", "/admin/users")}
LOGS_OUT = {("POST", "/logout"), ("POST", "/logout-everywhere")}  # allowed, and answered with the login page
DECORATORS = {STAFF: "staff_required", ORGANIZER: "organizer_required", MODERATOR: "moderator_of_event",
              ROUTED: "moderator_or_responder", KEY: "channel_key_required"}
NAMES = re.compile(r"<(?:[a-z]+:)?(code|question_id|answer_id|item_id|poll_id)>")
UNKNOWN = {"code": "khong-co", "question_id": "987654", "answer_id": "987654", "item_id": "987654",
           "poll_id": "987654"}
_authors = itertools.count()


def _question(store, status="approved", agency="CA"):
    event = store.event_by_code(DEMO)
    question, _ = questions.submit(store, event, f"attendee-{next(_authors)}", "Câu hỏi cho ma trận quyền")
    if status != "pending":
        questions.approve(store, question["id"], "test")
    questions.route(store, question["id"], "test", event, agency)
    return question["id"]


def _answer(store):
    question_id = _question(store)
    answers.record(store, question_id, "test", store.event_by_code(DEMO), "Giám đốc Công an tỉnh", "Tóm tắt")
    return store.answers([question_id])[question_id][0]["id"]


def _merged(store):
    question_id = _question(store)
    merges.merge(store, question_id, _question(store), "test")
    return question_id


def _staged(store):
    question_id = _question(store)
    questions.stage(store, question_id, "test")
    return question_id


def _message(store):
    return chair.send(store, store.event_by_code(DEMO), store.user_by_name("admin"), "5 phút nữa")["id"]


def _portal_key(store):
    """Authorization headers with a new portal key of the demo event."""
    _, secret = api_keys.create(store, store.event_by_code(DEMO), "test", "portal", "Cổng TTĐT tỉnh")
    return {"Authorization": f"Bearer {secret}"}


def _key_id(store):
    return api_keys.create(store, store.event_by_code(DEMO), "test", "press", "Báo Lào Cai")[0]["id"]


def _spreadsheet(**fields):
    content = "Nội dung câu hỏi;Kênh\nCâu hỏi từ Đoàn huyện;Đoàn huyện\n".encode()
    return {"data": {"file": (io.BytesIO(content), "de-xuat.csv"), **fields}, "content_type": "multipart/form-data"}


def _programme_sheet():
    content = "Loại;Nội dung;Thời lượng\nGiải lao;Nghỉ giữa giờ;10\n".encode()
    return {"data": {"action": "preview", "file": (io.BytesIO(content), "chuong-trinh.csv")},
            "content_type": "multipart/form-data"}


def _published(store, path):
    events.publish(store, "test", DEMO, True)
    return path, {}


def _item(store):
    event = store.event_by_code(DEMO)
    programme.add(store, "test", event, {"kind": "break", "title": "Giải lao", "duration": 10})
    return store.programme(event["id"])[-1]["id"]


def _poll(store, state="draft"):
    poll = polls.create(store, "test", store.event_by_code(DEMO), {"text": "Bạn thấy thế nào?", "kind": "scale"})
    if state != "draft":
        polls.move(store, "test", poll["id"], store.event_by_code(DEMO), "open")
    return poll["id"]


def on_item(suffix="", **body):
    return lambda s: (f"/api/v1/programme/{_item(s)}{suffix}", {"json": body} if body else {})


def on_poll(suffix, state="draft", **body):
    return lambda s: (f"/api/v1/polls/{_poll(s, state)}{suffix}", {"json": body} if body else {})


def _answer_body(store):
    poll_id = _poll(store, "open")
    return f"/api/v1/polls/{poll_id}/answer", {"json": {"choices": [store.poll_options([poll_id])[0]["id"]]}}


_locals = itertools.count()


def _local(store, forwarded=False):
    """A closed dialogue of the commune Tả Van (the local organizer's) feeding a provincial one taking
    proposals, with one approved question (forwarded or not): (code, its id)."""
    number = next(_locals)
    code, province = f"xa-{number}", f"tinh-{number}"
    events.create(store, "test", province, title="Đối thoại tỉnh", area="lao-cai")
    events.set_phase(store, "test", province, events.COLLECTING)
    events.create(store, "test", code, title="Đối thoại xã", area="ta-van", parent=province)
    events.set_phase(store, "test", code, events.LIVE)
    question, _ = questions.submit(store, store.event_by_code(code), None, "Câu hỏi của xã", approve=True)
    events.set_phase(store, "test", code, events.CLOSED)
    if forwarded:
        forwarding.forward(store, store.event_by_code(code), "test", [question["id"]])
    return code, question["id"]


def _forwarding(store, suffix="", **fields):
    code, question_id = _local(store, forwarded=suffix == "question")
    path = f"/api/v1/events/{code}/forwarding" + (f"/{question_id}" if suffix else "")
    if "page" in fields:
        return f"/admin/events/{code}/forwarding", {"data": {"action": "forward", "questions": [str(question_id)]}}
    return path, {"json": {"questions": [question_id]}} if fields else {}


def page(path, **data):
    return lambda s: (path, {"data": data} if data else {})


def api(path, **body):
    return lambda s: (path, {"json": body} if body else {})


def on_question(template, status="approved", **body):
    return lambda s: (template.format(_question(s, status)), {"json": body} if body else {})


Q = "/api/v1/questions/{}"
E = "/api/v1/events/demo"
# (method, rule) -> (the kind of actor it admits, store -> (path, arguments of the request))
RULES = {
    ("GET", "/"): (ANYONE, page("/")),
    ("GET", "/healthz"): (ANYONE, page("/healthz")),
    ("GET", "/join"): (ANYONE, page("/join?code=demo")),
    ("GET", "/static/<path:filename>"): (ANYONE, page("/static/css/staff.css")),
    ("GET", "/e/<code>"): (ANYONE, page("/e/demo")),
    ("POST", "/e/<code>/ask"): (ANYONE, page("/e/demo/ask", text="Câu hỏi từ biểu mẫu")),
    ("POST", "/e/<code>/vote/<id:question_id>"): (ANYONE, lambda s: (f"/e/demo/vote/{_question(s)}", {"data": {}})),
    ("GET", "/e/<code>/screen"): (ANYONE, page("/e/demo/screen")),
    ("GET", "/e/<code>/qr.svg"): (ANYONE, page("/e/demo/qr.svg")),
    ("GET", "/e/<code>/poster"): (ANYONE, page("/e/demo/poster")),
    ("GET", "/e/<code>/results"): (ANYONE, lambda s: _published(s, "/e/demo/results")),
    ("GET", "/login"): (ANYONE, page("/login")),
    ("POST", "/login"): (ANYONE, page("/login", username="admin", password=ADMIN_PASSWORD)),
    ("POST", "/logout"): (ANYONE, page("/logout")),
    ("POST", "/logout-everywhere"): (STAFF, page("/logout-everywhere")),
    ("GET", "/staff"): (STAFF, page("/staff")),
    ("GET", "/mod/<code>"): (MODERATOR, page("/mod/demo")),
    ("GET", "/chair/<code>"): (MODERATOR, page("/chair/demo")),
    ("GET", "/mc/<code>"): (MODERATOR, page("/mc/demo")),
    ("GET", "/admin/events/<code>/script/print"): (MODERATOR, page("/admin/events/demo/script/print")),
    ("GET", "/admin/events/<code>/minutes"): (MODERATOR, page("/admin/events/demo/minutes")),
    ("GET", "/admin/events/<code>/followup"): (MODERATOR, page("/admin/events/demo/followup")),
    ("GET", "/admin/events/<code>/followup/print"): (MODERATOR, page("/admin/events/demo/followup/print")),
    ("POST", "/admin/events/<code>/followup/remind"): (MODERATOR, lambda s: ("/admin/events/demo/followup/remind",
                                                                             {"data": {}})),
    ("GET", "/admin/events/<code>/conclusion/print"): (MODERATOR, page("/admin/events/demo/conclusion/print")),
    ("GET", "/agency/<code>"): (ROUTED, page("/agency/demo")),
    ("POST", "/agency/<code>/written-answer/<id:question_id>"): (
        ROUTED, lambda s: (f"/agency/demo/written-answer/{_question(s)}", {"data": {"text": "Trả lời bằng văn bản"}})),
    ("GET", "/briefing/<code>"): (ROUTED, page("/briefing/demo")),
    ("GET", "/admin/events/new"): (ORGANIZER, page("/admin/events/new")),
    ("POST", "/admin/events/new"): (ORGANIZER, page("/admin/events/new", lists="topics", row_action="add:topics")),
    ("GET", "/admin/events/<code>"): (ORGANIZER, page("/admin/events/demo")),
    ("POST", "/admin/events/<code>"): (ORGANIZER, page("/admin/events/demo", lists="topics", row_action="add:topics")),
    ("GET", "/admin/users"): (ORGANIZER, page("/admin/users")),
    ("POST", "/admin/users"): (ORGANIZER, lambda s: ("/admin/users", {"data": {
        "username": f"tk-{next(_authors)}", "password": STAFF_PASSWORD, "role": "moderator", "event": DEMO}})),
    ("GET", "/admin/events/<code>/agencies/import"): (ORGANIZER, page("/admin/events/demo/agencies/import")),
    ("POST", "/admin/events/<code>/agencies/import"): (ORGANIZER, page(
        "/admin/events/demo/agencies/import", action="preview", csv="code,name\nSYT,Sở Y tế\n")),
    ("GET", "/admin/events/<code>/conclusion"): (ORGANIZER, page("/admin/events/demo/conclusion")),
    ("POST", "/admin/events/<code>/conclusion"): (ORGANIZER, page("/admin/events/demo/conclusion", place="Lào Cai")),
    ("POST", "/admin/events/<code>/followup/publish"): (ORGANIZER, page(
        "/admin/events/demo/followup/publish", published="1", confirm="1")),
    ("GET", "/admin/events/<code>/import"): (ORGANIZER, page("/admin/events/demo/import")),
    ("POST", "/admin/events/<code>/import"): (ORGANIZER, lambda s: ("/admin/events/demo/import", _spreadsheet())),
    ("GET", "/admin/events/<code>/programme"): (ORGANIZER, page("/admin/events/demo/programme")),
    ("GET", "/admin/events/<code>/programme/import"): (ORGANIZER, page("/admin/events/demo/programme/import")),
    ("POST", "/admin/events/<code>/programme/import"): (ORGANIZER, lambda s: ("/admin/events/demo/programme/import",
                                                                               _programme_sheet())),
    ("GET", "/admin/events/<code>/intake-keys"): (ORGANIZER, page("/admin/events/demo/intake-keys")),
    ("POST", "/admin/events/<code>/intake-keys"): (ORGANIZER, page(
        "/admin/events/demo/intake-keys", channel="portal", label="Cổng TTĐT tỉnh")),
    ("GET", "/admin/overview"): (ORGANIZER, page("/admin/overview")),
    ("GET", "/admin/overview.xlsx"): (ORGANIZER, page("/admin/overview.xlsx")),
    ("POST", "/admin/overview/remind"): (ORGANIZER, page("/admin/overview/remind", year="2024", agency="CA")),
    # the JSON API
    ("GET", "/api/v1/overview"): (ORGANIZER, api("/api/v1/overview?year=2024")),
    ("GET", "/api/v1/openapi.json"): (ANYONE, api("/api/v1/openapi.json")),
    ("POST", "/api/v1/login"): (ANYONE, api("/api/v1/login", username="admin", password=ADMIN_PASSWORD)),
    ("POST", "/api/v1/logout"): (ANYONE, api("/api/v1/logout")),
    ("POST", "/api/v1/logout-everywhere"): (STAFF, api("/api/v1/logout-everywhere")),
    ("GET", "/api/v1/me"): (STAFF, api("/api/v1/me")),
    ("GET", "/api/v1/events/<code>"): (ANYONE, api(E)),
    ("GET", "/api/v1/events/<code>/agencies"): (ANYONE, api(f"{E}/agencies")),
    ("GET", "/api/v1/events/<code>/questions"): (ANYONE, api(f"{E}/questions")),
    ("POST", "/api/v1/events/<code>/questions"): (ANYONE, api(f"{E}/questions", text="Câu hỏi mới")),
    ("GET", "/api/v1/events/<code>/results"): (ANYONE, lambda s: _published(s, f"{E}/results")),
    ("POST", "/api/v1/questions/<id:question_id>/vote"): (ANYONE, on_question(Q + "/vote")),
    ("DELETE", "/api/v1/questions/<id:question_id>/vote"): (ANYONE, on_question(Q + "/vote")),
    ("POST", "/api/v1/questions/<id:question_id>/approve"): (MODERATOR, on_question(Q + "/approve", "pending")),
    ("POST", "/api/v1/questions/<id:question_id>/reject"): (MODERATOR, on_question(Q + "/reject", "pending",
                                                                                   reason="Trùng")),
    ("POST", "/api/v1/questions/<id:question_id>/stage"): (MODERATOR, on_question(Q + "/stage")),
    ("POST", "/api/v1/questions/<id:question_id>/unstage"): (MODERATOR, lambda s: (Q.format(_staged(s)) + "/unstage",
                                                                                   {})),
    ("POST", "/api/v1/questions/<id:question_id>/route"): (MODERATOR, on_question(Q + "/route", agency="STTTT")),
    ("POST", "/api/v1/questions/<id:question_id>/answer"): (MODERATOR, on_question(
        Q + "/answer", answered_by="Giám đốc", summary="x")),
    ("POST", "/api/v1/questions/<id:question_id>/merge"): (MODERATOR, lambda s: (
        Q.format(_question(s, "pending")) + "/merge", {"json": {"into": _question(s)}})),
    ("POST", "/api/v1/questions/<id:question_id>/unmerge"): (MODERATOR, lambda s: (Q.format(_merged(s)) + "/unmerge",
                                                                                   {})),
    ("GET", "/api/v1/questions/<id:question_id>/similar"): (MODERATOR, on_question(Q + "/similar")),
    ("PATCH", "/api/v1/questions/<id:question_id>"): (MODERATOR, on_question(Q, note="Chuẩn bị số liệu")),
    ("POST", "/api/v1/questions/<id:question_id>/block-author"): (MODERATOR, on_question(Q + "/block-author",
                                                                                         "pending")),
    ("DELETE", "/api/v1/questions/<id:question_id>/block-author"): (MODERATOR, on_question(Q + "/block-author",
                                                                                           "pending")),
    ("PATCH", "/api/v1/answers/<id:answer_id>"): (MODERATOR, lambda s: (f"/api/v1/answers/{_answer(s)}",
                                                                        {"json": {"summary": "Đã sửa"}})),
    ("GET", "/api/v1/events/<code>/log"): (MODERATOR, api(f"{E}/log")),
    ("GET", "/api/v1/events/<code>/log.xlsx"): (MODERATOR, api(f"{E}/log.xlsx")),
    ("GET", "/api/v1/events/<code>/conclusion.docx"): (MODERATOR, api(f"{E}/conclusion.docx")),
    ("GET", "/api/v1/events/<code>/conclusion.pdf"): (MODERATOR, api(f"{E}/conclusion.pdf")),
    ("GET", "/api/v1/events/<code>/followup/agencies"): (MODERATOR, api(f"{E}/followup/agencies")),
    ("GET", "/api/v1/events/<code>/chair/messages"): (MODERATOR, api(f"{E}/chair/messages")),
    ("POST", "/api/v1/events/<code>/chair/messages"): (MODERATOR, api(f"{E}/chair/messages", text="5 phút nữa")),
    ("POST", "/api/v1/events/<code>/chair/messages/<id:message_id>/read"): (MODERATOR, lambda s: (
        f"{E}/chair/messages/{_message(s)}/read", {})),
    ("GET", "/api/v1/events/<code>/followup"): (ROUTED, api(f"{E}/followup")),
    ("POST", "/api/v1/questions/<id:question_id>/written-answer"): (ROUTED, on_question(
        Q + "/written-answer", text="Trả lời bằng văn bản")),
    ("GET", "/api/v1/events/<code>/briefing"): (ROUTED, api(f"{E}/briefing")),
    ("GET", "/api/v1/events/<code>/briefing.docx"): (ROUTED, api(f"{E}/briefing.docx")),
    ("POST", "/api/v1/events"): (ORGANIZER, lambda s: ("/api/v1/events", {"json": {
        "code": f"moi-{next(_authors)}", "title": "Sự kiện mới"}})),
    ("PATCH", "/api/v1/events/<code>"): (ORGANIZER, api(E, venue="Hội trường tỉnh")),
    ("GET", "/api/v1/events/<code>/notice"): (ORGANIZER, api(f"{E}/notice")),
    ("PATCH", "/api/v1/events/<code>/notice"): (ORGANIZER, api(f"{E}/notice", place="Lào Cai")),
    ("POST", "/api/v1/events/<code>/publish"): (ORGANIZER, api(f"{E}/publish", published=True)),
    ("POST", "/api/v1/events/<code>/phase"): (ORGANIZER, api(f"{E}/phase", phase="live")),  # the phase it is in
    ("GET", "/api/v1/events/<code>/intake-keys"): (ORGANIZER, api(f"{E}/intake-keys")),
    ("POST", "/api/v1/events/<code>/intake-keys"): (ORGANIZER, api(f"{E}/intake-keys", channel="portal",
                                                                   label="Cổng TTĐT tỉnh")),
    ("DELETE", "/api/v1/events/<code>/intake-keys/<id:key_id>"): (ORGANIZER, lambda s: (
        f"{E}/intake-keys/{_key_id(s)}", {})),
    ("POST", "/api/v1/events/<code>/imports"): (ORGANIZER, lambda s: (f"{E}/imports", _spreadsheet())),
    ("GET", "/admin/events/<code>/forwarding"): (ORGANIZER, lambda s: (f"/admin/events/{_local(s)[0]}/forwarding", {})),
    ("POST", "/admin/events/<code>/forwarding"): (ORGANIZER, lambda s: _forwarding(s, page=True)),
    ("GET", "/api/v1/events/<code>/forwarding"): (ORGANIZER, _forwarding),
    ("GET", "/api/v1/events/<code>/forwarding.xlsx"): (ORGANIZER, lambda s: (
        f"/api/v1/events/{_local(s)[0]}/forwarding.xlsx", {})),
    ("POST", "/api/v1/events/<code>/forwarding"): (ORGANIZER, lambda s: _forwarding(s, post=True)),
    ("DELETE", "/api/v1/events/<code>/forwarding/<id:question_id>"): (ORGANIZER, lambda s: _forwarding(s, "question")),
    ("GET", "/api/v1/events/<code>/programme"): (ANYONE, api(f"{E}/programme")),
    ("POST", "/api/v1/events/<code>/programme/items"): (ORGANIZER, api(f"{E}/programme/items", kind="break",
                                                                       title="Giải lao", duration=10)),
    ("PATCH", "/api/v1/programme/<id:item_id>"): (ORGANIZER, on_item(duration=15)),
    ("DELETE", "/api/v1/programme/<id:item_id>"): (ORGANIZER, on_item()),
    ("POST", "/api/v1/programme/<id:item_id>/duplicate"): (ORGANIZER, on_item("/duplicate")),
    ("PUT", "/api/v1/events/<code>/programme/order"): (ORGANIZER, lambda s: (f"{E}/programme/order", {"json": {
        "order": [item["id"] for item in s.programme(s.event_by_code(DEMO)["id"])][::-1]}})),
    ("POST", "/api/v1/events/<code>/programme/advance"): (MODERATOR, api(f"{E}/programme/advance", to="end")),
    ("GET", "/api/v1/events/<code>/mc"): (MODERATOR, api(f"{E}/mc")),
    ("GET", "/api/v1/events/<code>/script.docx"): (MODERATOR, api(f"{E}/script.docx")),
    ("GET", "/api/v1/events/<code>/polls"): (ANYONE, api(f"{E}/polls")),
    ("POST", "/api/v1/events/<code>/polls"): (MODERATOR, api(f"{E}/polls", text="Bạn thấy thế nào?", kind="scale")),
    ("PATCH", "/api/v1/polls/<id:poll_id>"): (MODERATOR, on_poll("", text="Bạn thấy chương trình thế nào?")),
    ("POST", "/api/v1/polls/<id:poll_id>/open"): (MODERATOR, on_poll("/open")),
    ("POST", "/api/v1/polls/<id:poll_id>/close"): (MODERATOR, on_poll("/close", "open")),
    ("POST", "/api/v1/polls/<id:poll_id>/reveal"): (MODERATOR, on_poll("/reveal", "open")),
    ("POST", "/api/v1/polls/<id:poll_id>/answer"): (ANYONE, _answer_body),
    ("GET", "/api/v1/polls/<id:poll_id>/results"): (ANYONE, on_poll("/results", "open")),
    ("POST", "/api/v1/events/<code>/intake"): (KEY, lambda s: (f"{E}/intake", {
        "json": {"external_id": "42", "text": "Câu hỏi từ Cổng"}, "headers": _portal_key(s)})),
}


def _routes(app):
    return {(method, rule.rule): rule.endpoint for rule in app.url_map.iter_rules()
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def test_every_route_has_a_rule(app):
    assert set(_routes(app)) == set(RULES)


def test_every_route_declares_the_kind_of_actor_of_its_rule(app):
    declared = {route: getattr(app.view_functions[endpoint], "permission", ANYONE)
                for route, endpoint in _routes(app).items()}
    assert declared == {route: kind for route, (kind, _) in RULES.items()}


def test_security_md_lists_every_route_under_its_decorator():
    """docs/security.md's table: one row per decorator, naming every route it guards as `METHOD rule`."""
    rows = {}
    for line in (Path(__file__).resolve().parent.parent / "docs" / "security.md").read_text().splitlines():
        found = re.match(r"\| `@(\w+)` \|.*\|(.*)\|$", line)
        if found:
            rows[found.group(1)] = set(re.findall(r"`([A-Z]+ /[^`]*)`", found.group(2)))
    expected = {name: {f"{method} {rule}" for (method, rule), (kind, _) in RULES.items() if kind == declared}
                for declared, name in DECORATORS.items()}
    assert rows == expected


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The module's app, made as conftest's autouse fixtures make every test's: on the documented
    defaults, with cheap password hashes (admin's too, made with the app)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in [name for name in os.environ if name.startswith("LIVE_")]:
            patch.delenv(name)
        patch.setattr(users, "generate_password_hash",
                      functools.partial(generate_password_hash, method="pbkdf2:sha256:1000"))
        made = make_app(tmp_path_factory.mktemp("matrix"))
    store = made.extensions["live_store"]
    events.create(store, "test", OTHER, title="Sự kiện khác")
    areas.create(store, "test", "lao-cai", "Tỉnh Lào Cai", "province")
    for code, name in (("ta-van", "Xã Tả Van"), ("ban-ho", "Xã Bản Hồ")):
        areas.create(store, "test", code, name, "commune", parent="lao-cai")
    events.update(store, "test", DEMO, area="ta-van")
    yield made
    close_app(made)


@pytest.fixture(autouse=True)
def _quick_pdf(monkeypatch):
    """Who may have the PDF is the question here; tests/test_exports.py renders it (seconds each time)."""
    monkeypatch.setattr(exports, "pdf", lambda html, stylesheet: b"%PDF-1.7")


@pytest.fixture
def actor(app, store):
    """actor(name) -> a new client acting as `name` (its account made at its first login)."""
    accounts = {"responder": (users.RESPONDER, DEMO, "CA", None), "other_moderator": (users.MODERATOR, OTHER, None, None),
                "moderator": (users.MODERATOR, DEMO, None, None), "roaming_moderator": (users.MODERATOR, None, None, None),
                "local_organizer": (users.ORGANIZER, None, None, "ta-van"),
                "other_local_organizer": (users.ORGANIZER, None, None, "ban-ho")}

    def client_for(name):
        client = app.test_client()
        if name == "attendee":  # a phone that asked a question: it has the attendee cookie
            assert client.post("/api/v1/events/demo/questions", json={"text": "Câu hỏi của tôi"}).status_code == 201
        elif name == "organizer":
            assert login(client, "admin", ADMIN_PASSWORD).status_code == 200
        elif name != "anonymous":
            username = name.replace("_", "-")
            if store.user_by_name(username) is None:
                role, event_code, agency, area = accounts[name]
                users.create(store, username, STAFF_PASSWORD, role, event_code and store.event_by_code(event_code),
                             agency, area=area)
            assert login(client, username, STAFF_PASSWORD).status_code == 200
        return client
    return client_for


def _call(client, method, path, arguments):
    if method == "POST" and not path.startswith("/api/"):  # a form, with its CSRF token (as a browser sends it)
        return client.post(path, **{"data": {}, **arguments})
    return client.open(path, method=method, **arguments)


def _assert_refused(response, actor_name, method, path):
    """401 from the API, the login page for a page (coming back to it after a GET), else 403."""
    said = f"{actor_name} {method} {path}: {response.status_code}"
    if actor_name not in ("anonymous", "attendee"):
        assert response.status_code == 403, said
    elif path.startswith("/api/"):
        assert response.status_code == 401, said
    else:
        back = f"/login?next={path}" if method == "GET" else "/login"
        assert response.status_code == 302 and response.headers["Location"] == back, said
    if path.startswith("/api/"):
        assert response.is_json and response.get_json()["error"], said


def _assert_allowed(response, client, actor_name, route, path):
    said = f"{actor_name} {route[0]} {path}: {response.status_code} {response.get_data()[:300]!r}"
    assert response.status_code < 400, said
    if route in LOGS_OUT:
        assert client.get("/api/v1/me").status_code == 401, said
    else:
        assert not response.headers.get("Location", "").startswith("/login"), said


@pytest.mark.parametrize("route", sorted(RULES), ids=lambda r: f"{r[0]} {re.sub(r'<[^>]*>', '*', r[1])}")
def test_role_matrix(actor, store, route):
    """Each actor on an object of the demo event made for it (the refused ones first)."""
    kind, request_for = RULES[route]
    method = route[0]
    allowed = ALLOWED[kind] | ({"other_local_organizer"} if _anywhere(kind, route) else set())
    for name in sorted(ACTORS, key=lambda name: name in allowed):
        client = actor(name)
        path, arguments = request_for(store)
        if kind == KEY:
            _assert_refused(client.open(path, method=method, json=arguments.get("json")), "anonymous", method, path)
        response = _call(client, method, path, arguments)
        if name in allowed:
            _assert_allowed(response, client, name, route, path)
        else:
            _assert_refused(response, name, method, path)


def _anywhere(kind, route):
    """Whether any organizer may call this organizer route: it names no event (a new one, the accounts page)."""
    return kind == ORGANIZER and not NAMES.search(route[1]) and route not in NAMED_IN_FORM


@pytest.mark.parametrize("route", sorted(route for route in RULES if NAMES.search(route[1])),
                         ids=lambda r: f"{r[0]} {re.sub(r'<[^>]*>', '*', r[1])}")
def test_the_order_401_403_404(actor, store, route):
    """What the URL names does not exist. A public route: 404 for anyone (an event code is public).
    A staff route: 401 (the login page), then 403 for who may not act on every event, then 404.
    A channel's route: 401 without a key, 403 with a key (of another event, as every key is)."""
    kind, _ = RULES[route]
    method, rule = route
    other_ids = re.sub(r"<id:(?!question_id|answer_id|item_id|poll_id)\w+>", "1", rule)
    path = NAMES.sub(lambda found: UNKNOWN[found.group(1)], other_ids)
    if kind == ANYONE:
        response = _call(actor("anonymous"), method, path, {})
        assert response.status_code == 404, f"{method} {path}: {response.status_code}"
        return
    if kind == KEY:
        assert _call(actor("anonymous"), method, path, {}).status_code == 401
        assert _call(actor("anonymous"), method, path, {"headers": _portal_key(store)}).status_code == 403
        return
    _assert_refused(_call(actor("anonymous"), method, path, {}), "anonymous", method, path)
    for name in ("responder", "moderator", "other_moderator", "roaming_moderator", "organizer", "local_organizer",
                 "other_local_organizer"):
        response = _call(actor(name), method, path, {})
        expected = 404 if name in EVERYWHERE[kind] else 403
        assert response.status_code == expected, f"{name} {method} {path}: {response.status_code}"
        assert response.is_json == path.startswith("/api/")


@pytest.mark.parametrize("role", ("moderator", "chair"))
def test_the_staff_rooms_of_socket_io(actor, sockets, role):
    """The Chair's tablet needs the same login as the console: the event's moderators (organizers
    too); the Chair has no account of its own."""
    for name in ACTORS + ("roaming_moderator",):
        sock = sockets(actor(name), DEMO, role)
        admitted = name in ("moderator", "roaming_moderator", "organizer", "local_organizer")
        assert bool(sock.named("snapshot")) == admitted and bool(sock.named("error")) != admitted, name
