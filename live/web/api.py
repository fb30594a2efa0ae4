"""The JSON API under /api/v1 (docs/api.md). Routes parse, ask the domain, broadcast, answer."""
from flask import Blueprint, Response, request
from flask_babel import gettext
from werkzeug.exceptions import Unauthorized

from .. import answers, conclusion, events, questions, users, votes
from ..errors import Invalid, NotFound, N_
from . import broadcast, identity
from .identity import store

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def body():
    """The JSON object sent, or {} for a bodiless request."""
    if not request.get_data(cache=True):
        return {}
    data = request.get_json(force=True, silent=True)
    if not isinstance(data, dict):
        raise Invalid(N_("Nội dung gửi lên phải là một đối tượng JSON."))
    return data


@bp.post("/login")
def login():
    data = body()
    user = users.authenticate(store(), data.get("username"), data.get("password"))
    if user is None:
        return {"error": gettext("Sai tên đăng nhập hoặc mật khẩu.")}, 401
    identity.log_in(user)
    return {"user": users.public_view(user)}


@bp.post("/logout")
def logout():
    identity.log_out()
    return {"ok": True}


@bp.get("/me")
def me():
    user = identity.require_user()
    return {"user": users.public_view(user)}


@bp.get("/events/<code>")
def event(code):
    return events.public_view(store(), events.get(store(), code))


@bp.get("/events/<code>/agencies")
def agencies(code):
    event = events.get(store(), code)
    return {"agencies": [events.agency_view(a) for a in store().agencies(event["id"])]}


@bp.get("/events/<code>/questions")
def list_questions(code):
    event = events.get(store(), code)
    viewer = identity.viewer(event)
    return {"questions": questions.listing(store(), event, viewer, request.args.get("status"))}


@bp.post("/events/<code>/questions")
def submit(code):
    event = events.get(store(), code)
    data = body()
    question, created = questions.submit(store(), event, identity.attendee_id(), data.get("text"),
                                         data.get("client_id"), data.get("author"), data.get("topic"))
    if created:
        broadcast.question_changes([questions.Change(None, question)])
    viewer = questions.Viewer(attendee_id=identity.attendee_id())
    return questions.view(question, viewer), 201, {"Idempotent-Replayed": "false" if created else "true"}


@bp.post("/questions/<id:question_id>/vote")
def vote(question_id):
    return _vote(question_id, votes.cast, True)


@bp.delete("/questions/<id:question_id>/vote")
def unvote(question_id):
    return _vote(question_id, votes.withdraw, False)


def _vote(question_id, change, voted):
    viewer = questions.Viewer(attendee_id=identity.attendee_id())
    count, changed = change(store(), question_id, viewer)
    if changed:
        broadcast.vote_changed(store().question(question_id)["event_id"], question_id)
    return {"votes": count, "voted": voted}


def _moderated(question_id):
    """The question and its event, when the logged-in user may moderate it."""
    identity.require_user()
    question = store().question(question_id)
    if question is None:
        raise NotFound(N_("Không tìm thấy câu hỏi."))
    event = store().event_by_id(question["event_id"])
    identity.require_moderator(event)
    return event


def _moderate(question_id, action):
    """Run `action(event, data)` for a moderator, broadcast the changes, answer the question."""
    event = _moderated(question_id)
    data = body()
    changes = action(event, data)
    broadcast.question_changes(changes)
    return questions.staff_view(store(), changes[0].after)


@bp.post("/questions/<id:question_id>/approve")
def approve(question_id):
    return _moderate(question_id, lambda event, data: questions.approve(
        store(), question_id, identity.actor(), data.get("version")))


@bp.post("/questions/<id:question_id>/reject")
def reject(question_id):
    return _moderate(question_id, lambda event, data: questions.reject(
        store(), question_id, identity.actor(), data.get("reason"), data.get("version")))


@bp.post("/questions/<id:question_id>/stage")
def stage(question_id):
    return _moderate(question_id, lambda event, data: questions.stage(
        store(), question_id, identity.actor(), data.get("version")))


@bp.post("/questions/<id:question_id>/unstage")
def unstage(question_id):
    return _moderate(question_id, lambda event, data: questions.unstage(
        store(), question_id, identity.actor(), data.get("version")))


@bp.post("/questions/<id:question_id>/route")
def route(question_id):
    return _moderate(question_id, lambda event, data: questions.route(
        store(), question_id, identity.actor(), event, data.get("agency"), data.get("version")))


@bp.post("/questions/<id:question_id>/answer")
def answer(question_id):
    return _moderate(question_id, lambda event, data: answers.record(
        store(), question_id, identity.actor(), event, data.get("answered_by"), data.get("summary"),
        bool(data.get("follow_up")), data.get("agency"), data.get("version")))


@bp.patch("/questions/<id:question_id>")
def edit(question_id):
    def action(event, data):
        fields = {key: data[key] for key in ("text", "topic") if key in data}
        return questions.edit(store(), question_id, identity.actor(), event, data.get("version"), **fields)
    return _moderate(question_id, action)


@bp.get("/events/<code>/conclusion.docx")
def conclusion_docx(code):
    event = events.get(store(), code) if identity.current_user() else None
    if event is None:
        raise Unauthorized()
    identity.require_moderator(event)
    return Response(
        conclusion.docx(store(), event, gettext),
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f'attachment; filename="ket-luan-{event["code"]}.docx"'},
    )


@bp.post("/events")
def create_event():
    identity.require_organizer()
    data = body()
    fields = {key: data[key] for key in events.EVENT_FIELDS if key in data}
    event = events.create(store(), identity.actor(), data.get("code"), data.get("topics") or (),
                          data.get("agencies") or (), **fields)
    return events.public_view(store(), event), 201


@bp.patch("/events/<code>")
def update_event(code):
    identity.require_organizer()
    data = body()
    fields = {key: data[key] for key in events.EVENT_FIELDS if key in data}
    event = events.update(store(), identity.actor(), code, data.get("topics"), data.get("agencies"), **fields)
    return events.public_view(store(), event)
