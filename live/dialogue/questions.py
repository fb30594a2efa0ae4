"""Questions: submission, moderation, and the views of a question for whoever looks.

Who may see a question and what may be done to it is the policy's (policy.py). Every moderator
action runs in one transaction: it checks the question is still as the moderator saw it and that
the policy allows the action now, writes the change with a new event version, and appends the
audit entry. It returns the changes (before, after) for the web layer to broadcast.
"""
import json
from collections import namedtuple

from . import blocking, events, policy, screening, votes
# The statuses and the viewer are the policy's; the modules that handle questions name them here too.
from .policy import ANSWERED, APPROVED, PENDING, REJECTED, STATUSES, Viewer  # noqa: F401
from ..text import search_text
from .. import text
from .. import storage
from ..errors import Conflict, Invalid, NotFound, Unavailable, N_

ON_STAGE = "on_stage"  # a filter, not a status: the event says which question is on stage
CLIENT_ID_MAX = 64

# Where a question came in: a phone in the hall, the pre-event web form, a district union (which one
# in channel_detail), the provincial portal, the press, a moderator (asked from the floor), or a
# local dialogue that forwarded it (its code in channel_detail: forwarding.py).
ONSITE, WEB, DISTRICT, PORTAL, PRESS, MODERATOR = "onsite", "web", "district", "portal", "press", "moderator"
FORWARDED = "forwarded"
CHANNELS = (ONSITE, WEB, DISTRICT, PORTAL, PRESS, MODERATOR, FORWARDED)
# Who sent it, as districts and the portal report it: their unit, district and youth group (the plan's).
CIVIL_SERVANTS, ARMED_FORCES, ENTERPRISES, STUDENTS, UNEMPLOYED, FARMERS = (
    "civil_servants", "armed_forces", "enterprises", "students", "unemployed", "farmers")
YOUTH_GROUPS = {
    CIVIL_SERVANTS: N_("Thanh niên công chức, viên chức"),
    ARMED_FORCES: N_("Thanh niên lực lượng vũ trang"),
    ENTERPRISES: N_("Thanh niên doanh nghiệp"),
    STUDENTS: N_("Thanh niên học sinh, sinh viên"),
    UNEMPLOYED: N_("Thanh niên chưa có việc làm"),
    FARMERS: N_("Thanh niên làm kinh tế, nông dân trẻ, khởi nghiệp"),
    "other": N_("Thanh niên khác"),
}
ORIGIN_FIELDS = ("channel", "channel_detail", "unit", "district", "youth_group", "external_id")
SENDER_FIELDS = ("unit", "district", "youth_group")  # what anyone may say of themselves when asking
QUERY_MAX = 200  # characters of a search, as the search boxes allow

Change = namedtuple("Change", "before after")


def view(question, viewer, event, voted=False, answers=(), merged=()):
    """The question of `event` as `viewer` may see it (call only when policy.can_see), with the
    questions `merged` into it that the viewer may see; staff are told what they may do to it now
    and the console tab it is in."""
    mine = policy.authored_by(question, viewer)
    data = {
        "id": question["id"],
        "text": question["text"],
        "author": question["author"],
        "topic": question["topic"],
        "topic_id": question["topic_id"],
        "status": question["status"],
        "votes": question["votes"],
        "on_stage": bool(question["on_stage"]),
        "agency": agency_ref(question),
        "edited": question["original_text"] is not None,
        "created_at": question["created_at"],
        "version": question["version"],
        "channel": question["channel"],
        "merged_into": question["merged_into"],
        "merged": [_merged_view(child, viewer, event) for child in merged],
        "mine": mine,
        "voted": voted,
        "public": policy.is_public(question),
        "queued": policy.is_queued(question),
    }
    if mine or viewer.moderator:
        data["reject_reason"] = question["reject_reason"]
    if viewer.moderator or (viewer.agency_id is not None and viewer.agency_id == question["agency_id"]):
        data["note"] = question["note"]
        data["written_due"] = question["written_due"]
    if viewer.moderator:
        data.update({key: question[key] for key in ("channel_detail", "unit", "district", "youth_group",
                                                     "external_id")})
        data["flags"] = json.loads(question["flags"]) if question["flags"] else []
        data["original_text"] = question["original_text"]
        data["updated_at"] = question["updated_at"]
        data["answers"] = [_answer_view(answer) for answer in answers]
    if policy.is_staff(viewer):
        data["actions"] = policy.actions(viewer, question, event)
        data["tab"] = policy.tab(question)
    return data


def _merged_view(question, viewer, event):
    """A question merged into another, as shown under it: what was asked and who asked it (their
    name; where they come from is for moderators, as in view)."""
    if viewer.moderator:
        return view(question, viewer, event)
    keys = ("id", "text", "author", "channel")
    return {**{key: question[key] for key in keys}, "mine": policy.authored_by(question, viewer)}


def agency_ref(question):
    """The agency a question is routed to, as views show it, or None."""
    if not question["agency_code"]:
        return None
    return {"code": question["agency_code"], "name": question["agency_name"],
            "short_name": question["agency_short_name"], "head_title": question["agency_head_title"]}


def _answer_view(answer):
    return {"answered_by": answer["answered_by"], "summary": answer["summary"],
            "follow_up": bool(answer["follow_up"]), "agency": answer["agency_code"],
            "created_by": answer["created_by"], "created_at": answer["created_at"]}


def listing(store, event, viewer, status=None, query=None):
    """What `viewer` may see of the event's questions, optionally of one status or on stage, or
    matching a full-text `query` (accents ignored; best matches first). A question merged into
    another the viewer sees is listed under it, not on its own."""
    if status is not None and status not in STATUSES + (ON_STAGE,):
        raise Invalid(N_("Trạng thái không hợp lệ."))
    found = search(store, event, query, viewer)
    rows = store.questions(event["id"], policy.visibility(viewer), found)
    if found is not None:
        rank = {question_id: position for position, question_id in enumerate(found)}
        rows.sort(key=lambda q: rank[q["id"]])
    shown = {q["id"] for q in rows}
    merged = merged_under(store, shown, viewer)
    rows = [q for q in rows if q["merged_into"] not in shown or found is not None or policy.authored_by(q, viewer)]
    if status == ON_STAGE:
        rows = [q for q in rows if q["on_stage"]]
    elif status is not None:
        rows = [q for q in rows if q["status"] == status]
    voted = votes.voted(store, event["id"], viewer.attendee_id)
    answers = store.answers([q["id"] for q in rows]) if viewer.moderator else {}
    return [view(q, viewer, event, q["id"] in voted, answers.get(q["id"], ()), merged.get(q["id"], ()))
            for q in rows]


def merged_under(store, head_ids, viewer):
    """{head id: [the questions merged into it that `viewer` may see]}, oldest first."""
    merged = store.merged_questions(sorted(head_ids))
    return {head: [child for child in children if policy.can_see(child, viewer)]
            for head, children in merged.items()}


def search(store, event, query, viewer):
    """The ids of the event's questions matching `query`, best first; None without a query. Only
    moderators search what only they see (the text before an edit, who sent it and from where):
    others would learn it from what matches."""
    if query is None or not query.strip():
        return None
    if len(query) > QUERY_MAX:
        raise Invalid(N_("Từ khóa tìm kiếm dài quá %(limit)s ký tự."), limit=QUERY_MAX)
    terms = search_text.terms(query)
    if not terms:
        return []
    try:
        return store.search_questions(event["id"], terms, staff=viewer.moderator)
    except storage.Interrupted:
        raise Unavailable(N_("Tìm kiếm mất quá nhiều thời gian. Hãy thử lại với ít từ hơn."))


def present(store, question, viewer, voted=False):
    """One question as `viewer` sees it, with the questions merged into it and, for moderators,
    its answers."""
    merged = merged_under(store, [question["id"]], viewer).get(question["id"], ())
    answers = store.answers([question["id"]]).get(question["id"], ()) if viewer.moderator else ()
    return view(question, viewer, store.event_by_id(question["event_id"]), voted, answers, merged)


def ranked(views):
    """Most votes first, then the earliest."""
    return sorted(views, key=lambda q: (-q["votes"], q["id"]))


def get_visible(store, question_id, viewer):
    question = store.question(question_id)
    if question is None or not policy.can_see(question, viewer):
        raise NotFound(N_("Không tìm thấy câu hỏi."))
    return question


def submit(store, event, attendee_id, text_value, client_id=None, author=None, topic=None,
           moderator=False, approve=False, **origin):
    """A new question; (question, created). A repeated client_id, or external_id from the same
    source (channel and channel detail), returns the first.

    Taken only while the event accepts questions (policy.require_asking). `origin` holds
    ORIGIN_FIELDS: its channel is the one given; else `moderator` (staff who may moderate the event
    entered it: approved at once); else the web form while collecting, a phone in the hall while live.
    Approved at once too with `approve` (staff importing) or on an event without approval, unless the
    word list flags it: a flagged question always waits for a moderator."""
    body = text.question_text(text_value)
    author = text.display_name(author)
    client_id = _client_id(client_id)
    origin = clean_origin(event, origin, moderator)
    flags = screening.flagged_words(body + "\n" + (author or ""))
    with store.transaction():
        existing = _submitted_before(store, event, attendee_id, client_id, origin)
        if existing:
            return existing, False
        policy.require_asking(event, phone=not (moderator or approve))
        blocking.check_allowed(store, event["id"], attendee_id)
        approved = (moderator or approve or not event["requires_approval"]) and not flags
        question_id = store.insert_question({
            "event_id": event["id"], "attendee_id": attendee_id, "client_id": client_id,
            "text": body, "author": author, "topic_id": events.topic_id(store, event, topic),
            "status": APPROVED if approved else PENDING, "version": store.next_version(event["id"]),
            "flags": json.dumps(flags, ensure_ascii=False) if flags else None, **origin,
        })
        return store.question(question_id), True


def about_sender(given):
    """The SENDER_FIELDS among what an attendee sent (a form or a JSON object), for submit()."""
    return {name: given.get(name) for name in SENDER_FIELDS if given.get(name)}


def _submitted_before(store, event, attendee_id, client_id, origin):
    if client_id:
        found = store.question_by_client_id(event["id"], attendee_id, client_id)
        if found:
            return found
    if origin["external_id"]:
        return store.question_by_external_id(event["id"], origin["channel"], origin["channel_detail"],
                                             origin["external_id"])
    return None


def clean_origin(event, origin, moderator=False):
    """Where a question came from and who sent it (ORIGIN_FIELDS), checked and cleaned."""
    unknown = set(origin) - set(ORIGIN_FIELDS)
    if unknown:
        raise Invalid(N_("Trường không hợp lệ: %(names)s."), names=", ".join(sorted(unknown)))
    channel = MODERATOR if moderator else origin.get("channel")
    if channel is None or channel == "":
        channel = WEB if event["phase"] == events.COLLECTING else ONSITE
    if channel not in CHANNELS:
        raise Invalid(N_("Kênh không hợp lệ."))
    too_long = N_("Nội dung dài quá %(limit)s ký tự.")
    cleaned = {key: text.optional(origin.get(key), text.DETAIL_MAX, too_long)
               for key in ("channel_detail", "unit", "district", "external_id")}
    cleaned["youth_group"] = youth_group(origin.get("youth_group"))
    return {"channel": channel, **cleaned}


def youth_group(value):
    """A youth group's code from its code or its Vietnamese name, with or without diacritics."""
    value = text.clean(value)
    if not value:
        return None
    for code, label in YOUTH_GROUPS.items():
        if search_text.fold(value) in (code, search_text.fold(label), search_text.fold(label).removeprefix("thanh nien ")):
            return code
    raise Invalid(N_("Nhóm thanh niên không hợp lệ: %(value)s."), value=value)


def _client_id(value):
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > CLIENT_ID_MAX:
        raise Invalid(N_("client_id phải là chuỗi tối đa %(limit)s ký tự."), limit=CLIENT_ID_MAX)
    return value


def act(store, question_id, actor, action, expected_version, decide):
    """Run one moderator action, logged as `action` ("question.<the policy's action>"): when the
    question is still at `expected_version` (if given) and the policy allows the action on it now,
    `decide(question)` returns the fields to change."""
    with store.transaction():
        before = store.question(question_id)
        if before is None:
            raise NotFound(N_("Không tìm thấy câu hỏi."))
        if expected_version is not None and _version(expected_version) != before["version"]:
            raise Conflict(N_("Câu hỏi vừa được người khác thay đổi. Hãy xem lại."), current=before)
        policy.require(action.removeprefix("question."), before, store.event_by_id(before["event_id"]))
        return [apply(store, before, decide(before), actor, action)]


def apply(store, before, fields, actor, action):
    """Write `fields` with a new version and log it; call inside a transaction."""
    version = store.next_version(before["event_id"])
    store.update_question(before["id"], {**fields, "version": version})
    after = store.question(before["id"])
    store.append_audit(before["event_id"], actor, action, before["id"], _logged(before), _logged(after))
    return Change(before, after)


def _logged(question):
    keys = ("text", "original_text", "author", "topic", "status", "reject_reason", "agency_code", "on_stage",
            "merged_into", "votes", "version")
    return {key: question[key] for key in keys}


def _version(value):
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            return int(value)
        except (TypeError, ValueError, OverflowError):
            raise Invalid(N_("version phải là số nguyên."))
    return value


def approve(store, question_id, actor, version=None):
    return act(store, question_id, actor, "question.approve", version,
               lambda question: {"status": APPROVED, "reject_reason": None})


def reject(store, question_id, actor, reason=None, version=None):
    reason = text.optional(reason, text.REASON_MAX, N_("Lý do dài quá %(limit)s ký tự."))

    def decide(question):
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
        changes["note"] = text.optional(fields["note"], text.NOTE_MAX, N_("Ghi chú dài quá %(limit)s ký tự."))
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
        store.set_stage(question["event_id"], None)
        return {}
    return act(store, question_id, actor, "question.unstage", version, decide)


def staff_view(store, question):
    """The moderators' view of one question, with its answers and what is merged into it."""
    return present(store, question, policy.MODERATOR)
