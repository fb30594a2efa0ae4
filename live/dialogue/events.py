"""Events, their topics and the agencies that answer: creation, editing, lookup."""
import json
import re
from datetime import date as Date

from .. import text
from ..errors import Conflict, Invalid, NotFound, N_
from ..storage import now
from . import areas

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,31}$")
PLACE_FIELDS = ("area", "parent")  # codes: the area it is held in, the event it feeds
EVENT_FIELDS = ("title", "theme", "date", "venue", "requires_approval", *PLACE_FIELDS)
TOPIC_FIELDS = ("name", "description")
OTHER_TOPIC = "Nội dung khác"  # the documents' heading for questions without a topic
AGENCY_FIELDS = ("code", "name", "short_name", "head_title", "contact", "email")
# An event's topics and agencies at most: a dialogue has a handful of each; a province, a few dozen agencies.
MAX_ROWS = {"topics": 50, "agencies": 100}
TOO_MANY = {"topics": N_("Tối đa %(limit)s chủ đề."), "agencies": N_("Tối đa %(limit)s cơ quan.")}

# An event's phases, in order: prepared, taking questions before the day, the session, over.
DRAFT, COLLECTING, LIVE, CLOSED = "draft", "collecting", "live", "closed"
PHASES = (DRAFT, COLLECTING, LIVE, CLOSED)
# The longest text each form takes, as the domain checks it (text.*_MAX), sent with the event.
LIMITS = {"question_text": text.QUESTION_MAX, "author": text.NAME_MAX, "sender_detail": text.DETAIL_MAX,
          "reject_reason": text.REASON_MAX, "chair_message": text.MESSAGE_MAX, "answer_summary": text.SUMMARY_MAX,
          "note": text.NOTE_MAX, "speaker": text.SPEAKER_MAX, "commitment": text.COMMITMENT_MAX,
          "item_title": text.ITEM_TITLE_MAX, "script_line": text.SCRIPT_LINE_MAX,
          "figure_value": text.FIGURE_VALUE_MAX, "poll_text": text.POLL_TEXT_MAX, "option": text.OPTION_MAX}


def get(store, code):
    event = store.event_by_code(code or "")
    if event is None:
        raise NotFound(N_("Không có sự kiện với mã này."))
    return event


def create(store, actor, code, topics=(), agencies=(), **fields):
    code = clean_code(code)
    values = clean_fields(fields, creating=True)
    with store.transaction():
        if store.event_by_code(code):
            raise Conflict(N_("Mã sự kiện %(code)s đã được dùng."), code=code)
        event_id = store.insert_event({"code": code, **values, **_place(store, fields)})
        _set_lists(store, event_id, topics, agencies)
        event = _placed(store, store.event_by_id(event_id))
        store.append_audit(event_id, actor, "event.create", after=describe(store, event))
    return event


def update(store, actor, code, topics=None, agencies=None, **fields):
    values = clean_fields(fields, creating=False)
    with store.transaction():
        event = get(store, code)
        before = describe(store, event)
        store.update_event(event["id"], {**values, **_place(store, fields)})
        _set_lists(store, event["id"], topics, agencies)
        event = _placed(store, store.event_by_id(event["id"]))
        store.append_audit(event["id"], actor, "event.update", before=before, after=describe(store, event))
    return event


def _place(store, fields):
    """The area and parent event columns from their codes ("" or None clears one)."""
    values = {}
    for name, column, find in (("area", "area_id", areas.get), ("parent", "parent_event_id", get)):
        if name in fields:
            code = fields[name]
            if code is not None and not isinstance(code, str):
                raise Invalid(N_("Hãy ghi mã bằng chữ."), field=name)
            values[column] = find(store, code)["id"] if code else None
    return values


def _placed(store, event):
    """The event, once its parent is known to be a dialogue of a wider area, never itself or below it."""
    parent, seen = event, {event["id"]}
    while parent["parent_event_id"] is not None:
        parent = store.event_by_id(parent["parent_event_id"])
        if parent["id"] in seen:
            raise Invalid(N_("Một buổi đối thoại không thể chuyển câu hỏi lên chính nó."), field="parent")
        seen.add(parent["id"])
    above = event["parent_event_id"] and store.event_by_id(event["parent_event_id"])
    if above and above["area_id"] and event["area_id"]:
        outer, inner = store.area(above["area_id"]), store.area(event["area_id"])
        if outer["id"] == inner["id"] or not areas.contains(store, outer, inner):
            raise Invalid(N_("Buổi đối thoại cấp trên phải ở địa bàn rộng hơn, bao gồm địa bàn này."), field="parent")
    return event


def _set_lists(store, event_id, topics, agencies):
    if topics is not None:
        topics = clean_topics(topics)
        for position, topic in enumerate(topics):
            store.upsert_topic(event_id, position, topic["name"], topic["description"])
        store.deactivate_topics_except(event_id, [topic["name"] for topic in topics])
    if agencies is not None:
        agencies = clean_agencies(agencies)
        for position, agency in enumerate(agencies):
            store.upsert_agency(event_id, position, agency)
        store.deactivate_agencies_except(event_id, [agency["code"] for agency in agencies])


def clean_code(code):
    code = text.clean(code).lower()
    if not CODE_PATTERN.match(code):
        raise Invalid(N_("Mã sự kiện gồm 2-32 chữ thường không dấu, số hoặc gạch ngang."))
    return code


def clean_fields(fields, creating):
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise Invalid(N_("Trường không hợp lệ: %(names)s."), names=", ".join(sorted(unknown)))
    values = {}
    if "title" in fields or creating:
        values["title"] = text.required(fields.get("title"), 200, N_("Hãy nhập tên sự kiện."),
                                        N_("Tên sự kiện dài quá %(limit)s ký tự."))
    for name in ("theme", "venue"):
        if name in fields:
            values[name] = text.optional(fields[name], 500, N_("Nội dung dài quá %(limit)s ký tự.")) or ""
    if "date" in fields:
        values["date"] = clean_date(fields["date"])
    if "requires_approval" in fields:
        values["requires_approval"] = 1 if fields["requires_approval"] else 0
    return values


def clean_date(value):
    value = text.clean(value)
    if not value:
        return None
    try:
        return Date.fromisoformat(value).isoformat()
    except ValueError:
        raise Invalid(N_("Ngày phải có dạng NNNN-TT-NN."))


def clean_topics(topics):
    return _clean_list("topics", topics, clean_topic, "name", N_("Chủ đề “%(name)s” trùng với dòng %(line)s."))


def clean_agencies(agencies):
    return _clean_list("agencies", agencies, clean_agency, "code", N_("Mã %(code)s trùng với dòng %(line)s."))


def check_count(kind, count):
    """Refuse more than MAX_ROWS topics or agencies (kind "topics" or "agencies")."""
    if count > MAX_ROWS[kind]:
        raise Invalid(TOO_MANY[kind], limit=MAX_ROWS[kind], list=kind)


def _clean_list(kind, rows, clean_row, key, twice):
    """The rows cleaned, in order; the same `key` twice (any case) is refused, not merged. A
    problem with one row says which (params `list`, `row` from 1, and `field`), so a form can
    point at it."""
    if not isinstance(rows, (list, tuple)):
        raise Invalid(N_("Chủ đề và cơ quan phải là danh sách."))
    check_count(kind, len(rows))
    cleaned, seen = [], {}
    for line, row in enumerate(rows, 1):
        try:
            value = clean_row(row)
        except Invalid as error:
            raise Invalid(error.message, list=kind, row=line, **error.params) from None
        folded = value[key].casefold()
        if folded in seen:
            raise Invalid(twice, list=kind, row=line, field=key, line=seen[folded], **{key: value[key]})
        seen[folded] = line
        cleaned.append(value)
    return cleaned


def clean_topic(topic):
    if isinstance(topic, str):
        topic = {"name": topic}
    if not isinstance(topic, dict):
        raise Invalid(N_("Chủ đề không hợp lệ."))
    return check_fields(topic, {
        "name": lambda v: text.required(v, 120, N_("Chủ đề cần có tên."), N_("Tên chủ đề dài quá %(limit)s ký tự.")),
        "description": lambda v: text.optional(v, 1000, N_("Nội dung dài quá %(limit)s ký tự.")) or "",
    })


def clean_agency(agency):
    if not isinstance(agency, dict):
        raise Invalid(N_("Cơ quan không hợp lệ."))
    long_text = N_("Nội dung dài quá %(limit)s ký tự.")
    return check_fields(agency, {
        "code": _agency_code,
        "name": lambda v: text.required(v, 200, N_("Cơ quan cần có tên."), long_text),
        "short_name": lambda v: text.optional(v, 80, long_text),
        "head_title": lambda v: text.optional(v, 120, long_text),
        "contact": lambda v: text.optional(v, 300, long_text),
        "email": _email,
    })


def check_fields(given, checks):
    """Each field through its check, in order; a problem names its field (param `field`)."""
    cleaned = {}
    for name, check in checks.items():
        try:
            cleaned[name] = check(given.get(name))
        except Invalid as error:
            raise Invalid(error.message, **{"field": name, **error.params}) from None  # the innermost field
    return cleaned


def _agency_code(value):
    code = text.clean(value).upper()
    if not re.match(r"^[A-Z0-9_-]{1,20}$", code):
        raise Invalid(N_("Mã cơ quan gồm 1-20 chữ in hoa không dấu, số, gạch ngang."))
    return code


def _email(value):
    address = text.clean(value)
    if address and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", address):
        raise Invalid(N_("Địa chỉ thư điện tử không hợp lệ: %(address)s."), address=address)
    return address or None


def parse_topics(lines):
    """One topic a line: `name | description`."""
    topics = []
    for line in lines:
        parts = [part.strip() for part in line.split("|", 1)]
        if parts[0]:
            topics.append({"name": parts[0], "description": parts[1] if len(parts) > 1 else ""})
    return topics


def parse_agencies(lines):
    """One agency a line: `CODE | full name | short name | head's title | contact | email`."""
    agencies = []
    for line in lines:
        if line.strip():
            parts = [part.strip() for part in line.split("|", len(AGENCY_FIELDS) - 1)]
            agencies.append(dict(zip(AGENCY_FIELDS, parts + [""] * (len(AGENCY_FIELDS) - len(parts)))))
    return agencies


def topic_id(store, event, name):
    """The id of the event's active topic called `name`; None for no topic."""
    name = text.clean(name)
    if not name:
        return None
    for topic in store.topics(event["id"]):
        if topic["name"] == name:
            return topic["id"]
    raise Invalid(N_("Chủ đề không có trong sự kiện này."))


def agency_id(store, event, code):
    code = text.clean(code).upper()
    if not code:
        return None
    for agency in store.agencies(event["id"]):
        if agency["code"] == code:
            return agency["id"]
    raise Invalid(N_("Cơ quan không có trong sự kiện này."))


def clean_phase(phase):
    if phase not in PHASES:
        raise Invalid(N_("Giai đoạn phải là một trong: %(phases)s."), phases=", ".join(PHASES))
    return phase


def set_phase(store, actor, code, phase):
    """Move the event to any phase (organizers); the audit log records the move."""
    phase = clean_phase(phase)
    with store.transaction():
        event = get(store, code)
        if event["phase"] != phase:
            store.update_event(event["id"], {"phase": phase})
            store.append_audit(event["id"], actor, "event.phase", before={"phase": event["phase"]},
                               after={"phase": phase})
        return store.event_by_id(event["id"])


def public_view(store, event):
    """The event with the limits of its forms (policy.event_view adds what a phone may do now)."""
    return {**_fields(store, event), "limits": LIMITS}


def _fields(store, event):
    return {
        "code": event["code"],
        "title": event["title"],
        "theme": event["theme"],
        "date": event["date"],
        "venue": event["venue"],
        "requires_approval": bool(event["requires_approval"]),
        "phase": event["phase"],
        "topics": [{"id": t["id"], "name": t["name"], "description": t["description"]}
                   for t in store.topics(event["id"])],
        "stage_question_id": event["stage_question_id"],
        "version": event["version"],
        "published": is_published(event),
        **place_view(store, event),
    }


def place_view(store, event):
    """Where the event is held and the dialogue it feeds."""
    area = event["area_id"] and store.area(event["area_id"])
    parent = event["parent_event_id"] and store.event_by_id(event["parent_event_id"])
    return {"area": areas.view(store, area) if area else None, "parent": parent["code"] if parent else None}


def agency_view(agency, staff=True):
    """An agency as shown; its e-mail address (often a person's) only to staff."""
    return {key: agency[key] for key in AGENCY_FIELDS if staff or key != "email"}


def describe(store, event):
    """The event as the audit log records it, with its lists."""
    return {**_fields(store, event), "agencies": [agency_view(a) for a in store.agencies(event["id"])]}


# The conclusion notice's fields, filled in by the organizer before export (limits in characters).
NOTICE_FIELDS = {
    "issuer_parent": 120, "issuer": 120, "number": 40, "place": 60, "date": 10, "summary": 400,
    "chair": 300, "opening": 5000, "assessment": 10000, "organisation": 5000, "recipients": 3000,
    "archive": 120, "signer_authority": 80, "signer_title": 80, "signer_name": 80,
}


def notice(event):
    """The notice's fields as saved (missing ones empty)."""
    saved = json.loads(event["notice"]) if event["notice"] else {}
    return {name: saved.get(name, "") for name in NOTICE_FIELDS}


def update_notice(store, actor, code, fields, attendees=None, written_answer_days=None):
    """Save the notice's fields and the figures that go in it; only the fields given change."""
    unknown = set(fields) - set(NOTICE_FIELDS)
    if unknown:
        raise Invalid(N_("Trường không hợp lệ: %(names)s."), names=", ".join(sorted(unknown)))
    cleaned = {}
    for name, value in fields.items():
        if name == "date":
            cleaned[name] = clean_date(value) or ""
        else:
            cleaned[name] = text.optional(value, NOTICE_FIELDS[name], N_("Nội dung dài quá %(limit)s ký tự.")) or ""
    with store.transaction():
        event = get(store, code)
        before = notice(event)
        values = {"notice": json.dumps({**before, **cleaned}, ensure_ascii=False)}
        if attendees is not None:
            values["attendees"] = _count(attendees, 100000)
        if written_answer_days is not None:
            values["written_answer_days"] = _count(written_answer_days, 365) or None
        store.update_event(event["id"], values)
        event = store.event_by_id(event["id"])
        store.append_audit(event["id"], actor, "event.notice", before=before, after=notice(event))
    return event


def _count(value, limit):
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        raise Invalid(N_("Hãy nhập một số."))
    if not 0 <= number <= limit:
        raise Invalid(N_("Số phải từ 0 đến %(limit)s."), limit=limit)
    return number


def publish(store, actor, code, published):
    """Make the results page public, or take it back."""
    with store.transaction():
        event = get(store, code)
        store.update_event(event["id"], {"published_at": now() if published else None})
        store.append_audit(event["id"], actor, "event.publish" if published else "event.unpublish")
        return store.event_by_id(event["id"])


def is_published(event):
    return bool(event["published_at"])
