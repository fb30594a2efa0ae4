"""Forwarding upward, answers back down. A closed local dialogue (a commune's, a ward's) sends the
questions it could not settle to the dialogue it feeds (its parent event): each arrives there as a
proposal of the channel "forwarded", with where it came from (the area, the local dialogue's code
and question id), the text as asked, who asked, what was answered locally and the organizers' note.
Forwarding twice adds nothing; until the province acts on the proposal (approves, rejects, merges,
edits, answers: anything that moves its version), the local organizers may withdraw it.

What the province answers comes back down by query through the same link (from_above.py)."""
from . import areas, events, followup, policy, questions
from .. import text
from ..errors import Conflict, Invalid, NotFound, N_
from ..storage import now

WITHDRAWN = "Đơn vị gửi đã rút lại câu hỏi chuyển lên."  # the proposal's reject reason, as stored
IDS_MAX = 500
NOT_CLOSED = N_("Chỉ chuyển câu hỏi lên cấp trên sau khi buổi đối thoại đã kết thúc.")
# The forwarding file, for a dialogue above on another server: the columns its import reads
# (intake.COLUMNS), then where each question came from (from_file reads them back).
FILE_COLUMNS = (("Nội dung câu hỏi", "text"), ("Họ và tên", "author"), ("Đơn vị", "unit"), ("Địa bàn", "district"),
                ("Nhóm thanh niên", "youth_group"), ("Kênh", "channel"), ("Chi tiết kênh", "channel_detail"),
                ("Mã câu hỏi", "external_id"), ("Mã địa bàn", "area_code"), ("Mã buổi đối thoại gửi", "source_event"),
                ("Số câu hỏi gốc", "source_ref"), ("Nguyên văn câu hỏi", "asked_text"),
                ("Đã trả lời tại địa phương", "answered"), ("Ghi chú chuyển lên", "note"))


def parent_of(store, event):
    return store.event_by_id(event["parent_event_id"]) if event["parent_event_id"] else None


def why_not(store, event):
    """Why `event` cannot forward now (a msgid), or None when it can."""
    if event["phase"] != events.CLOSED:
        return NOT_CLOSED
    parent = parent_of(store, event)
    if parent is None:
        return N_("Buổi đối thoại này chưa gắn với buổi đối thoại cấp trên nào.")
    if not policy.accepts_questions(parent):
        return N_("Buổi đối thoại cấp trên không nhận câu hỏi lúc này (đã kết thúc hoặc chưa mở).")
    return None


def acted(row):
    """Whether the province has done anything to the proposal since it arrived."""
    return row["question_version"] != row["version"]


def listing(store, event):
    """The event's public questions for the forwarding page and API: each suggested or not (not
    answered on the spot, or answered with a written follow-up: followup.needs_writing) and, once
    sent, how it was forwarded and what became of it."""
    rows = [q for q in store.questions(event["id"]) if policy.is_public(q)]
    spoken = store.answers([q["id"] for q in rows])
    sent = store.forwarded_from(event["id"])
    parent = parent_of(store, event)
    return {
        "parent": parent and {key: parent[key] for key in ("code", "title", "date", "phase")},
        "why_not": why_not(store, event),
        "questions": [_candidate(q, spoken.get(q["id"], []), sent.get(q["id"])) for q in rows],
    }


def _candidate(question, spoken, sent):
    return {"id": question["id"], "text": question["text"], "author": question["author"],
            "unit": question["unit"], "status": question["status"],
            "answers": [a["summary"] for a in spoken if a["summary"]],
            "suggested": followup.needs_writing(question, spoken),
            "forwarded": sent_view(sent) if sent else None}


def sent_view(row):
    """A forwarding as its sender sees it: where it went, when, and what became of it there."""
    withdrawn = bool(row["withdrawn_at"])
    return {"event": row["event_code"], "question_id": row["question_id"], "note": row["note"],
            "forwarded_at": row["forwarded_at"], "forwarded_by": row["forwarded_by"],
            "status": row["status"], "withdrawn": withdrawn, "withdrawn_at": row["withdrawn_at"],
            "acted": not withdrawn and acted(row), "withdrawable": not withdrawn and not acted(row)}


def forward(store, event, actor, question_ids, note=None, parent_code=None):
    """Send the questions to the parent event, all or none: -> {"changes": [questions.Change],
    "forwarded": [source ids sent now], "already": [source ids sent before]}. `parent_code`, when
    given, must name the parent (the page says where it sends)."""
    ids = _ids(question_ids)
    note = text.optional(note, text.NOTE_MAX, N_("Ghi chú dài quá %(limit)s ký tự."))
    with store.transaction():
        event = store.event_by_id(event["id"])
        parent = _target(store, event, parent_code)
        rows = _public(store, event, ids)
        sent = store.forwarded_from(event["id"])
        spoken = store.answers(ids)
        written = store.written_answers(event["id"])
        already = [i for i in ids if i in sent and not sent[i]["withdrawn_at"]]
        changes = [_send(store, event, parent, rows[i], _answered(spoken.get(i, []), written.get(i)), note, actor,
                         sent.get(i)) for i in ids if i not in already]
        store.append_audit(event["id"], actor, "questions.forward", after={
            "to": parent["code"], "note": note, "question_ids": [i for i in ids if i not in already]})
        return {"changes": changes, "forwarded": [i for i in ids if i not in already], "already": already}


def _target(store, event, parent_code):
    why = why_not(store, event)
    if why:
        raise Conflict(why)
    parent = parent_of(store, event)
    if parent_code is not None and parent_code != parent["code"]:
        raise Invalid(N_("Chỉ chuyển được lên buổi đối thoại cấp trên của buổi này (%(code)s)."), code=parent["code"])
    return parent


def _public(store, event, ids):
    """{id: question} of these ids, each an approved or answered question of the event (else Invalid)."""
    rows = {q["id"]: q for q in store.questions(event["id"], ids=ids)}
    for question_id in ids:
        if question_id not in rows or not policy.is_public(rows[question_id]):
            raise Invalid(N_("Câu hỏi #%(id)s không phải câu hỏi đã duyệt của buổi đối thoại này."), id=question_id)
    return rows


def _ids(values):
    if not isinstance(values, list) or not values or len(values) > IDS_MAX or not all(
            isinstance(v, int) and not isinstance(v, bool) and 0 < v < 2**63 for v in values):
        raise Invalid(N_("Hãy chọn câu hỏi cần chuyển (questions: danh sách số của câu hỏi)."))
    return sorted(set(values))


def _answered(spoken, written):
    """What the local dialogue already answered, as one text."""
    said = [f"{a['answered_by']}: {a['summary']}" if a["summary"] else a["answered_by"] for a in spoken]
    if written:
        said.append(written["text"])
    return "\n".join(said) or None


def _send(store, event, parent, question, answered, note, actor, previous):
    """The proposal in the parent for one local question: a new one, or the one withdrawn before, back."""
    came = _provenance(store, event, question, answered, note)
    if previous and previous["event_id"] == parent["id"]:
        change = questions.apply(store, store.question(previous["question_id"]), {
            "status": questions.PENDING, "reject_reason": None}, actor, "question.forward")
    else:
        proposal, _ = questions.submit(
            store, parent, None, question["text"], author=question["author"], channel=questions.FORWARDED,
            channel_detail=event["code"], unit=question["unit"], district=came["area_name"] or question["district"],
            youth_group=question["youth_group"], external_id=str(question["id"]))
        change = questions.Change(None, proposal)
    save(store, {**came, "question_id": change.after["id"], "version": change.after["version"], "forwarded_by": actor,
                 "forwarded_at": now(), "withdrawn_at": None, "withdrawn_by": None}, previous)
    return change


def _provenance(store, event, question, answered, note):
    """What a forwarded question carries: where from, the text as asked, who asked, what was answered."""
    area = store.area(event["area_id"]) if event["area_id"] else None
    return {"source_question_id": question["id"], "source_event": event["code"], "source_ref": str(question["id"]),
            "area_code": area and area["code"], "area_name": area and area["name"],
            "asked_text": question["original_text"] or question["text"], "author": question["author"],
            "unit": question["unit"], "answered": answered, "note": note}


def save(store, fields, previous=None):
    """Record a forwarding (or a forwarding again, over `previous`)."""
    if previous:
        store.update_forwarding(previous["id"], fields)
    else:
        store.insert_forwarding(fields)


def withdraw(store, event, actor, source_id):
    """Take a forwarded question back while the province has not acted on it: its proposal there
    leaves the pending list (rejected, with the reason WITHDRAWN). -> the proposal's questions.Change."""
    with store.transaction():
        row = store.forwarding_of(source_id)
        source = store.question(source_id)
        if row is None or source is None or source["event_id"] != event["id"] or row["withdrawn_at"]:
            raise NotFound(N_("Câu hỏi này chưa được chuyển lên cấp trên (hoặc đã rút lại)."))
        if acted(row):
            raise Conflict(N_("Cấp trên đã xử lý câu hỏi này nên không rút lại được nữa."))
        change = questions.apply(store, store.question(row["question_id"]), {
            "status": questions.REJECTED, "reject_reason": WITHDRAWN}, actor, "question.withdraw")
        store.update_forwarding(row["id"], {"withdrawn_at": now(), "withdrawn_by": actor,
                                            "version": change.after["version"]})
        store.append_audit(event["id"], actor, "question.withdraw_forwarded", source_id,
                           {"to": row["event_code"], "question_id": row["question_id"]})
        return change


def received(store, event):
    """{proposal id: where it came from} for what was forwarded into `event` (not withdrawn)."""
    return {question_id: provenance(row) for question_id, row in store.forwarded_into(event["id"]).items()}


def provenance(row):
    keys = ("source_event", "source_ref", "area_code", "area_name", "asked_text", "author", "unit", "answered",
            "note", "forwarded_at")
    return {key: row[key] for key in keys}


def file_rows(store, event, question_ids=None, note=None):
    """The forwarding file's rows (FILE_COLUMNS) of a closed event, for a dialogue above on another
    server: the questions chosen, else those suggested (as listing suggests them)."""
    if event["phase"] != events.CLOSED:
        raise Conflict(NOT_CLOSED)
    note = text.optional(note, text.NOTE_MAX, N_("Ghi chú dài quá %(limit)s ký tự."))
    if question_ids:
        chosen = list(_public(store, event, _ids(question_ids)).values())
    else:
        chosen = [q for q in store.questions(event["id"]) if policy.is_public(q)]
    spoken = store.answers([q["id"] for q in chosen])
    written = store.written_answers(event["id"])
    if not question_ids:
        chosen = [q for q in chosen if followup.needs_writing(q, spoken.get(q["id"], []))]
    area = store.area(event["area_id"]) if event["area_id"] else None
    path = "/".join(above["code"] for above in areas.path(store, area)) if area else None
    rows = []
    for question in chosen:
        came = _provenance(store, event, question, _answered(spoken.get(question["id"], []),
                                                             written.get(question["id"])), note)
        values = {**came, "text": question["text"], "district": came["area_name"] or question["district"],
                  "youth_group": question["youth_group"], "channel": questions.FORWARDED,
                  "channel_detail": event["code"], "external_id": came["source_ref"], "area_code": path}
        rows.append([values[key] for _, key in FILE_COLUMNS])
    return rows


def from_file(store, event, values):
    """Where a forwarding file's row came from (file_rows wrote it), for its proposal in `event`.
    Invalid when the row's area (its codes from the province down) lies outside the event's area,
    both known: another province's file."""
    path = [code for code in text.clean(values.get("area_code")).lower().split("/") if code]
    area = store.area(event["area_id"]) if event["area_id"] else None
    if area and path and area["code"] not in path:
        raise Invalid(N_("Câu hỏi của địa bàn %(code)s, không thuộc %(area)s: tệp của tỉnh khác?"),
                      code="/".join(path), area=area["name"])
    source, ref = text.clean(values.get("source_event")), text.clean(values.get("source_ref"))
    if not source or not ref:
        raise Invalid(N_("Câu hỏi chuyển lên cần mã buổi đối thoại gửi và số câu hỏi gốc."))
    long = N_("Nội dung dài quá %(limit)s ký tự.")
    return {"source_question_id": None, "source_event": text.optional(source, text.DETAIL_MAX, long),
            "source_ref": text.optional(ref, text.DETAIL_MAX, long), "area_code": path[-1] if path else None,
            "area_name": text.optional(values.get("district"), text.DETAIL_MAX, long),
            "author": text.optional(values.get("name"), text.DETAIL_MAX, long),
            "unit": text.optional(values.get("unit"), text.DETAIL_MAX, long),
            **{key: text.optional(values.get(key), text.SUMMARY_MAX, long) for key in ("asked_text", "answered", "note")}}
