"""Questions: submission, moderation, and the one rule of who may see what.

Every moderator action runs in one transaction: it checks the question is still as
the moderator saw it, writes the change with a new event version, and appends the
audit entry. It returns the changes (before, after) for the web layer to broadcast.
"""
from collections import namedtuple
from dataclasses import dataclass

from . import blocking, events, text
from .errors import Conflict, Invalid, NotFound, N_

PENDING, APPROVED, ANSWERED, REJECTED = "pending", "approved", "answered", "rejected"
STATUSES = (PENDING, APPROVED, ANSWERED, REJECTED)
PUBLIC_STATUSES = (APPROVED, ANSWERED)
ON_STAGE = "on_stage"  # a filter, not a status: the event says which question is on stage
CLIENT_ID_MAX = 64

# Where a question came in: a phone in the hall, the pre-event web form, a district union (which one
# in channel_detail), the provincial portal, the press, or a moderator (asked from the floor).
ONSITE, WEB, DISTRICT, PORTAL, PRESS, MODERATOR = "onsite", "web", "district", "portal", "press", "moderator"
CHANNELS = (ONSITE, WEB, DISTRICT, PORTAL, PRESS, MODERATOR)
# As the conclusion notice says it: "N câu hỏi (<label>: n; ...)".
CHANNEL_LABELS = {
    ONSITE: "gửi qua điện thoại tại hội trường",
    WEB: "gửi qua trang web trước buổi đối thoại",
    DISTRICT: "do Đoàn Thanh niên các huyện, thị xã, thành phố tổng hợp",
    PORTAL: "gửi qua Cổng thông tin điện tử tỉnh",
    PRESS: "qua báo chí",
    MODERATOR: "nêu trực tiếp tại hội trường",
}
CHANNEL_DETAIL_MAX = 120

Change = namedtuple("Change", "before after")


@dataclass(frozen=True)
class Viewer:
    """Who is looking: an anonymous attendee (maybe), a moderator, or an agency's responder."""
    attendee_id: str = None
    moderator: bool = False
    agency_id: int = None


def is_public(question):
    return question["status"] in PUBLIC_STATUSES


def can_see(question, viewer):
    """The one rule: moderators see all; everyone sees public questions; authors see their own;
    an agency sees what is routed to it, to prepare, unless rejected."""
    return (viewer.moderator or is_public(question)
            or (viewer.attendee_id is not None and question["attendee_id"] == viewer.attendee_id)
            or (viewer.agency_id is not None and question["agency_id"] == viewer.agency_id
                and question["status"] != REJECTED))


def view(question, viewer, voted=False, answers=()):
    """The question as `viewer` may see it (call only when can_see)."""
    mine = viewer.attendee_id is not None and question["attendee_id"] == viewer.attendee_id
    data = {
        "id": question["id"],
        "text": question["text"],
        "author": question["author"],
        "topic": question["topic"],
        "status": question["status"],
        "votes": question["votes"],
        "on_stage": bool(question["on_stage"]),
        "agency": _agency(question),
        "edited": question["original_text"] is not None,
        "created_at": question["created_at"],
        "version": question["version"],
        "channel": question["channel"],
        "mine": mine,
        "voted": voted,
    }
    if mine or viewer.moderator:
        data["reject_reason"] = question["reject_reason"]
    if viewer.moderator or (viewer.agency_id is not None and viewer.agency_id == question["agency_id"]):
        data["note"] = question["note"]
        data["written_due"] = question["written_due"]
    if viewer.moderator:
        data["channel_detail"] = question["channel_detail"]
        data["original_text"] = question["original_text"]
        data["updated_at"] = question["updated_at"]
        data["answers"] = [_answer_view(answer) for answer in answers]
    return data


def _agency(question):
    if not question["agency_code"]:
        return None
    return {"code": question["agency_code"], "name": question["agency_name"],
            "short_name": question["agency_short_name"], "head_title": question["agency_head_title"]}


def _answer_view(answer):
    return {"answered_by": answer["answered_by"], "summary": answer["summary"],
            "follow_up": bool(answer["follow_up"]), "agency": answer["agency_code"],
            "created_by": answer["created_by"], "created_at": answer["created_at"]}


def listing(store, event, viewer, status=None):
    """What `viewer` may see of the event's questions, optionally of one status or on stage."""
    if status is not None and status not in STATUSES + (ON_STAGE,):
        raise Invalid(N_("Trạng thái không hợp lệ."))
    statuses = None if viewer.moderator or viewer.agency_id else PUBLIC_STATUSES
    rows = [q for q in store.questions(event["id"], statuses, viewer.attendee_id) if can_see(q, viewer)]
    if status == ON_STAGE:
        rows = [q for q in rows if q["on_stage"]]
    elif status is not None:
        rows = [q for q in rows if q["status"] == status]
    voted = store.voted_question_ids(event["id"], viewer.attendee_id) if viewer.attendee_id else set()
    answers = store.answers([q["id"] for q in rows]) if viewer.moderator else {}
    return [view(q, viewer, q["id"] in voted, answers.get(q["id"], ())) for q in rows]


def ranked(views):
    """Most votes first, then the earliest."""
    return sorted(views, key=lambda q: (-q["votes"], q["id"]))


def get_visible(store, question_id, viewer):
    question = store.question(question_id)
    if question is None or not can_see(question, viewer):
        raise NotFound(N_("Không tìm thấy câu hỏi."))
    return question


def submit(store, event, attendee_id, text_value, client_id=None, author=None, topic=None,
           channel=None, channel_detail=None, moderator=False):
    """A new question; (question, created). A repeated client_id returns the first.

    Taken only while the event accepts questions (events.accepts_questions). Its channel is the one
    given; else `moderator` (staff who may moderate the event entered it: approved at once); else the
    web form while collecting, a phone in the hall while live."""
    body = text.question_text(text_value)
    author = text.display_name(author)
    client_id = _client_id(client_id)
    channel, channel_detail = _channel(event, channel, channel_detail, moderator)
    with store.transaction():
        if client_id:
            existing = store.question_by_client_id(event["id"], attendee_id, client_id)
            if existing:
                return existing, False
        events.require_accepting(event, N_("Sự kiện đã kết thúc, không nhận thêm câu hỏi."),
                                 N_("Sự kiện chưa mở nhận câu hỏi."))
        blocking.check_allowed(store, event["id"], attendee_id)
        status = PENDING if event["requires_approval"] and channel != MODERATOR else APPROVED
        question_id = store.insert_question({
            "event_id": event["id"], "attendee_id": attendee_id, "client_id": client_id,
            "text": body, "author": author, "topic_id": events.topic_id(store, event, topic),
            "status": status, "version": store.next_version(event["id"]),
            "channel": channel, "channel_detail": channel_detail,
        })
        return store.question(question_id), True


def _channel(event, channel, detail, moderator):
    if moderator:
        channel = MODERATOR
    elif channel is None or channel == "":
        channel = WEB if event["phase"] == events.COLLECTING else ONSITE
    if channel not in CHANNELS:
        raise Invalid(N_("Kênh không hợp lệ."))
    detail = text.optional(detail, CHANNEL_DETAIL_MAX, N_("Nội dung dài quá %(limit)s ký tự."))
    return channel, detail or None


def _client_id(value):
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > CLIENT_ID_MAX:
        raise Invalid(N_("client_id phải là chuỗi tối đa %(limit)s ký tự."), limit=CLIENT_ID_MAX)
    return value


def act(store, question_id, actor, action, expected_version, decide):
    """Run one moderator action: `decide(question)` returns the fields to change."""
    with store.transaction():
        before = store.question(question_id)
        if before is None:
            raise NotFound(N_("Không tìm thấy câu hỏi."))
        if expected_version is not None and _version(expected_version) != before["version"]:
            raise Conflict(N_("Câu hỏi vừa được người khác thay đổi. Hãy xem lại."), current=before)
        return [apply(store, before, decide(before), actor, action)]


def apply(store, before, fields, actor, action):
    """Write `fields` with a new version and log it; call inside a transaction."""
    version = store.next_version(before["event_id"])
    store.update_question(before["id"], {**fields, "version": version})
    after = store.question(before["id"])
    store.append_audit(before["event_id"], actor, action, before["id"], _logged(before), _logged(after))
    return Change(before, after)


def _logged(question):
    keys = ("text", "original_text", "author", "topic", "status", "reject_reason", "agency_code", "on_stage", "version")
    return {key: question[key] for key in keys}


def _version(value):
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            return int(value)
        except (TypeError, ValueError, OverflowError):
            raise Invalid(N_("version phải là số nguyên."))
    return value


def require_status(question, allowed):
    if question["status"] not in allowed:
        raise Conflict(N_("Câu hỏi đã ở trạng thái khác. Hãy xem lại."), current=question)


def approve(store, question_id, actor, version=None):
    def decide(question):
        require_status(question, (PENDING, REJECTED))
        return {"status": APPROVED, "reject_reason": None}
    return act(store, question_id, actor, "question.approve", version, decide)


def reject(store, question_id, actor, reason=None, version=None):
    reason = text.optional(reason, text.REASON_MAX, N_("Lý do dài quá %(limit)s ký tự."))

    def decide(question):
        require_status(question, (PENDING, APPROVED, ANSWERED))
        if question["on_stage"]:
            store.set_stage(question["event_id"], None)
        return {"status": REJECTED, "reject_reason": reason}
    return act(store, question_id, actor, "question.reject", version, decide)


def edit(store, question_id, actor, event, version=None, **fields):
    """Change the text, topic, the note for the agency or the written answer's due date;
    the first original text is kept."""
    unknown = set(fields) - {"text", "topic", "note", "written_due"}
    if unknown or not fields:
        raise Invalid(N_("Chỉ sửa được nội dung, chủ đề, ghi chú cho cơ quan và hạn trả lời bằng văn bản."))
    changes = {}
    if "topic" in fields:
        changes["topic_id"] = events.topic_id(store, event, fields["topic"])
    if "note" in fields:
        changes["note"] = text.optional(fields["note"], 2000, N_("Ghi chú dài quá %(limit)s ký tự."))
    if "written_due" in fields:
        changes["written_due"] = events.clean_date(fields["written_due"]) if fields["written_due"] else None
    new_text = text.question_text(fields["text"]) if "text" in fields else None

    def decide(question):
        if new_text is not None and new_text != question["text"]:
            changes["text"] = new_text
            if question["original_text"] is None:
                changes["original_text"] = question["text"]
        return changes
    return act(store, question_id, actor, "question.edit", version, decide)


def route(store, question_id, actor, event, agency_code, version=None):
    agency = events.agency_id(store, event, agency_code)
    return act(store, question_id, actor, "question.route", version, lambda q: {"agency_id": agency})


def stage(store, question_id, actor, version=None):
    """Put a public question on stage; the one there before leaves it."""
    def decide(question):
        require_status(question, PUBLIC_STATUSES)
        if question["on_stage"]:
            raise Conflict(N_("Câu hỏi này đang được trình chiếu."), current=question)
        store.set_stage(question["event_id"], question["id"])
        return {}

    with store.transaction():
        previous = _other_on_stage(store, question_id)
        changes = act(store, question_id, actor, "question.stage", version, decide)
        if previous:
            changes.append(apply(store, previous, {}, actor, "question.unstage"))
        return changes


def _other_on_stage(store, question_id):
    question = store.question(question_id)
    if question is None:
        return None
    staged = store.event_by_id(question["event_id"])["stage_question_id"]
    return store.question(staged) if staged and staged != question_id else None


def unstage(store, question_id, actor, version=None):
    def decide(question):
        if not question["on_stage"]:
            raise Conflict(N_("Câu hỏi này không còn trên sân khấu."), current=question)
        store.set_stage(question["event_id"], None)
        return {}
    return act(store, question_id, actor, "question.unstage", version, decide)


def staff_view(store, question):
    """The moderators' view of one question, with its answers."""
    return view(question, Viewer(moderator=True), answers=store.answers([question["id"]]).get(question["id"], ()))
