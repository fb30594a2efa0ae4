"""The JSON API under /api/v1 (docs/api.md). Routes parse, ask the domain, broadcast, answer."""
from pathlib import Path

from flask import Blueprint, Response, current_app, request
from flask_babel import gettext

from ..dialogue import (answers, blocking, chair, events, followup, merges, policy, proceedings, publication,
                        questions, users, votes)
from ..errors import Invalid, NotFound, N_
from . import broadcast, identity
from .identity import store
from .permissions import moderator_of_event, moderator_or_responder, organizer_required, staff_required

bp = Blueprint("api", __name__, url_prefix="/api/v1")
OPENAPI = Path(__file__).resolve().parent.parent / "openapi.json"


def body():
    """The JSON object sent, or {} for a bodiless request."""
    if not request.get_data(cache=True):
        return {}
    data = request.get_json(force=True, silent=True)
    if not isinstance(data, dict):
        raise Invalid(N_("Nội dung gửi lên phải là một đối tượng JSON."))
    if not _encodable(data):
        raise Invalid(N_("Nội dung gửi lên có ký tự không hợp lệ."))
    return data


def _encodable(value):
    """False when a string holds a lone surrogate (valid JSON escapes, but not text)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_encodable(key) and _encodable(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_encodable(item) for item in value)
    return True


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of this API, kept true by tests/test_openapi.py."""
    return Response(OPENAPI.read_bytes(), mimetype="application/json")


@bp.post("/login")
def login():
    data = body()
    user = identity.authenticate(data.get("username"), data.get("password"))
    if user is None:
        return {"error": gettext("Sai tên đăng nhập hoặc mật khẩu.")}, 401
    identity.log_in(user)
    return {"user": users.public_view(user)}


@bp.post("/logout")
def logout():
    identity.log_out()
    return {"ok": True}


@bp.post("/logout-everywhere")
@staff_required
def logout_everywhere():
    """End every session of the logged-in account, on every device."""
    users.end_sessions(store(), identity.current_user()["username"])
    identity.log_out()
    return {"ok": True}


@bp.get("/me")
@staff_required
def me():
    return {"user": users.public_view(identity.current_user())}


@bp.get("/events/<code>")
def event(code):
    return policy.event_view(store(), events.get(store(), code))


@bp.get("/events/<code>/agencies")
def agencies(code):
    event = events.get(store(), code)
    staff = identity.viewer(event).moderator
    return {"agencies": [events.agency_view(a, staff) for a in store().agencies(event["id"])]}


@bp.get("/events/<code>/questions")
def list_questions(code):
    event = events.get(store(), code)
    viewer = identity.viewer(event)
    return {"questions": questions.listing(store(), event, viewer, request.args.get("status"), request.args.get("q"))}


def _entered_by_staff(event, data):
    """A question asked from the floor, typed in by staff who say so: channel moderator, approved.
    Without "channel": "moderator" a staff member's question waits like anyone's (pinned)."""
    return data.get("channel") == questions.MODERATOR and identity.may_moderate(event)


@bp.post("/events/<code>/questions")
def submit(code):
    event = events.get(store(), code)
    data = body()
    question, created = questions.submit(store(), event, identity.attendee_id(), data.get("text"),
                                         data.get("client_id"), data.get("author"), data.get("topic"),
                                         moderator=_entered_by_staff(event, data), **questions.about_sender(data))
    if created:
        broadcast.question_changes([questions.Change(None, question)])
    viewer = policy.Viewer(attendee_id=identity.attendee_id())
    return questions.view(question, viewer, event), 201, {"Idempotent-Replayed": "false" if created else "true"}


@bp.post("/questions/<id:question_id>/vote")
def vote(question_id):
    return _vote(question_id, votes.cast, True)


@bp.delete("/questions/<id:question_id>/vote")
def unvote(question_id):
    return _vote(question_id, votes.withdraw, False)


def _vote(question_id, change, voted):
    viewer = policy.Viewer(attendee_id=identity.attendee_id())
    count, changed = change(store(), question_id, viewer)
    if changed:
        broadcast.vote_changed(store().question(question_id)["event_id"], question_id)
    return {"votes": count, "voted": voted}


def _moderate(event, action):
    """Run `action(event, data)`, broadcast the changes, answer the question."""
    data = body()
    changes = action(event, data)
    broadcast.question_changes(changes)
    return questions.staff_view(store(), changes[0].after)


@bp.post("/questions/<id:question_id>/approve")
@moderator_of_event
def approve(question_id, event):
    return _moderate(event, lambda event, data: questions.approve(
        store(), question_id, identity.actor(), data.get("version")))


@bp.post("/questions/<id:question_id>/reject")
@moderator_of_event
def reject(question_id, event):
    return _moderate(event, lambda event, data: questions.reject(
        store(), question_id, identity.actor(), data.get("reason"), data.get("version")))


@bp.post("/questions/<id:question_id>/stage")
@moderator_of_event
def stage(question_id, event):
    return _moderate(event, lambda event, data: questions.stage(
        store(), question_id, identity.actor(), data.get("version")))


@bp.post("/questions/<id:question_id>/unstage")
@moderator_of_event
def unstage(question_id, event):
    return _moderate(event, lambda event, data: questions.unstage(
        store(), question_id, identity.actor(), data.get("version")))


@bp.post("/questions/<id:question_id>/route")
@moderator_of_event
def route(question_id, event):
    def action(event, data):
        if "agency" not in data:  # a bodiless call must not clear the agency: clearing is said outright
            raise Invalid(N_('Cần trường "agency": mã cơ quan trả lời, hoặc "" hay null để bỏ giao cơ quan.'))
        return questions.route(store(), question_id, identity.actor(), event, data["agency"], data.get("version"))
    return _moderate(event, action)


@bp.post("/questions/<id:question_id>/answer")
@moderator_of_event
def answer(question_id, event):
    return _moderate(event, lambda event, data: answers.record(
        store(), question_id, identity.actor(), event, data.get("answered_by"), data.get("summary"),
        bool(data.get("follow_up")), data.get("agency"), data.get("version"), data.get("speakers"),
        data.get("direction"), data.get("commitments"), data.get("also")))


@bp.post("/questions/<id:question_id>/merge")
@moderator_of_event
def merge(question_id, event):
    return _moderate(event, lambda event, data: merges.merge(
        store(), question_id, data.get("into"), identity.actor(), data.get("version")))


@bp.post("/questions/<id:question_id>/unmerge")
@moderator_of_event
def unmerge(question_id, event):
    return _moderate(event, lambda event, data: merges.unmerge(
        store(), question_id, identity.actor(), data.get("version")))


@bp.get("/questions/<id:question_id>/similar")
@moderator_of_event
def similar(question_id, event):
    """The earlier questions most like this one, for a moderator to merge."""
    found = merges.similar(store(), store().question(question_id))
    return {"similar": [{"score": score, "question": questions.staff_view(store(), candidate)}
                        for candidate, score in found]}


@bp.patch("/questions/<id:question_id>")
@moderator_of_event
def edit(question_id, event):
    def action(event, data):
        fields = {key: data[key] for key in ("text", "topic", "note", "written_due") if key in data}
        return questions.edit(store(), question_id, identity.actor(), event, data.get("version"), **fields)
    return _moderate(event, action)


@bp.post("/events")
@organizer_required
def create_event():
    data = body()
    fields = {key: data[key] for key in events.EVENT_FIELDS if key in data}
    fields["area"] = users.area_for_event(store(), identity.current_user(), fields.get("area"))
    event = events.create(store(), identity.actor(), data.get("code"), data.get("topics") or (),
                          data.get("agencies") or (), **fields)
    return policy.event_view(store(), event), 201


@bp.patch("/events/<code>")
@organizer_required
def update_event(event):
    data = body()
    fields = {key: data[key] for key in events.EVENT_FIELDS if key in data}
    if "area" in fields:
        fields["area"] = users.area_for_event(store(), identity.current_user(), fields["area"])
    event = events.update(store(), identity.actor(), event["code"], data.get("topics"), data.get("agencies"), **fields)
    broadcast.event_changed(event)
    return policy.event_view(store(), event)


@bp.get("/events/<code>/log")
@moderator_of_event
def answer_log(event):
    return proceedings.minutes(store(), event, identity.zone())


@bp.patch("/answers/<id:answer_id>")
@moderator_of_event
def edit_answer(answer_id, event):
    data = body()
    changes = answers.edit(store(), answer_id, identity.actor(), event, data)
    broadcast.question_changes(changes)
    return answers.describe(store(), store().answer(answer_id))


@bp.get("/events/<code>/followup")
@moderator_or_responder
def followup_items(event):
    """What must be answered in writing: all of it for moderators, an agency's part for its responder."""
    viewer = identity.viewer(event)
    found = followup.items(store(), event, identity.today(), current_app.config["LIVE_WRITTEN_ANSWER_DAYS"],
                           None if viewer.moderator else viewer.agency_id)
    return {"items": [followup_view(item, viewer, event) for item in found]}


def followup_view(item, viewer, event):
    written = item["written_answer"]
    return {
        "question": questions.view(item["question"], viewer, event),
        "due": item["due"], "status": item["status"],
        "written_answer": {key: written[key] for key in ("text", "answered_by", "created_at", "updated_at")}
        if written else None,
        "from_above": item["from_above"],
    }


@bp.get("/events/<code>/followup/agencies")
@moderator_of_event
def followup_tracker(event):
    rows = followup.tracker(store(), event, identity.today(), current_app.config["LIVE_WRITTEN_ANSWER_DAYS"])
    return {"agencies": rows}


@bp.post("/questions/<id:question_id>/written-answer")
@moderator_or_responder
def written_answer(question_id, event):
    viewer = identity.viewer(event)
    saved = followup.answer_in_writing(store(), question_id, identity.actor(), viewer.agency_id, viewer.moderator,
                                       body().get("text"))
    return {key: saved[key] for key in ("question_id", "text", "answered_by", "created_at", "updated_at")}


@bp.get("/events/<code>/chair/messages")
@moderator_of_event
def chair_messages(event):
    return {"messages": chair.recent(store(), event)}


@bp.post("/events/<code>/chair/messages")
@moderator_of_event
def send_chair_message(event):
    message = chair.view(chair.send(store(), event, identity.current_user(), body().get("text")))
    broadcast.chair_message(event["id"], message)
    return message, 201


@bp.post("/events/<code>/chair/messages/<id:message_id>/read")
@moderator_of_event
def read_chair_message(event, message_id):
    message = chair.view(chair.mark_read(store(), event, message_id))
    broadcast.chair_message(event["id"], message)
    return message


@bp.get("/events/<code>/notice")
@organizer_required
def notice(event):
    return _notice_view(event)


@bp.patch("/events/<code>/notice")
@organizer_required
def update_notice(event):
    data = body()
    fields = {key: value for key, value in data.items() if key not in ("attendees", "written_answer_days")}
    event = events.update_notice(store(), identity.actor(), event["code"], fields, data.get("attendees"),
                                 data.get("written_answer_days"))
    return _notice_view(event)


def _notice_view(event):
    return {"notice": events.notice(event), "attendees": event["attendees"],
            "written_answer_days": event["written_answer_days"]}


@bp.post("/events/<code>/publish")
@organizer_required
def publish(event):
    event = events.publish(store(), identity.actor(), event["code"], bool(body().get("published", True)))
    broadcast.event_changed(event)
    return policy.event_view(store(), event)


@bp.get("/events/<code>/results")
def results(code):
    """The published results: every public question with its answers, the revealed polls' results; 404
    until published."""
    event = events.get(store(), code)
    if not events.is_published(event) and not identity.viewer(event).moderator:
        raise NotFound(N_("Kết quả đối thoại chưa được công bố."))
    return {"event": policy.event_view(store(), event),
            "questions": publication.results(store(), event, request.args.get("q", "")),
            "polls": publication.polls(store(), event)}


@bp.post("/questions/<id:question_id>/block-author")
@moderator_of_event
def block_author(question_id, event):
    """Block whoever sent this question, without learning who they are."""
    changes, recounted = blocking.block_author(store(), question_id, identity.actor())
    broadcast.question_changes(changes)
    for moved in recounted:
        broadcast.vote_changed(event["id"], moved)
    return {"blocked": True, "hidden": [change.after["id"] for change in changes], "votes_removed": len(recounted)}


@bp.delete("/questions/<id:question_id>/block-author")
@moderator_of_event
def unblock_author(question_id, event):
    blocking.unblock_author(store(), question_id, identity.actor())
    return {"blocked": False}


@bp.post("/events/<code>/phase")
@organizer_required
def set_phase(event):
    """Move the event to a phase: draft, collecting, live or closed (organizers)."""
    event = events.set_phase(store(), identity.actor(), event["code"], body().get("phase"))
    broadcast.event_changed(event)
    return policy.event_view(store(), event)
