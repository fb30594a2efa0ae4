"""After the session: what each agency must answer in writing, by when, and what it did."""
from datetime import date as Date, timedelta

from . import events, from_above, policy, questions
from .. import text
from ..errors import Forbidden, Invalid, N_

ASSIGNED, ANSWERED, OVERDUE = "assigned", "answered", "overdue"


def needs_writing(question, answered_on_spot):
    """Approved and not answered in the hall, or answered with a promise to follow up in writing."""
    return owes_writing(question, any(a["follow_up"] for a in answered_on_spot))


def owes_writing(question, follow_up):
    """needs_writing, knowing only whether an answer in the hall promised a follow-up in writing."""
    if question["status"] == questions.APPROVED:
        return True
    return question["status"] == questions.ANSWERED and bool(follow_up)


def written_days(event, default_days):
    """The days an agency has to answer in writing after the event: the event's setting, else the default."""
    return event["written_answer_days"] or default_days


def written_due(event, default_days):
    """The date written answers are due (the event's date + written_days), None without an event date."""
    if not event["date"]:
        return None
    return Date.fromisoformat(event["date"]) + timedelta(days=written_days(event, default_days))


def due_date(event, question, default_days):
    """The question's own due date, else the event's (written_due), as ISO text."""
    if question["written_due"]:
        return question["written_due"]
    due = written_due(event, default_days)
    return due.isoformat() if due else None


def status(item, today):
    if item["written_answer"] or item["from_above"]:  # answered here, or by the dialogue it was forwarded to
        return ANSWERED
    if item["due"] and item["due"] < today.isoformat():
        return OVERDUE
    return ASSIGNED


def items(store, event, today, default_days, agency_id=None):
    """Every question to answer in writing, as things stand now, optionally for one agency."""
    rows = [q for q in store.questions(event["id"]) if policy.is_public(q)]
    spoken = store.answers([q["id"] for q in rows])
    written = store.written_answers(event["id"])
    above = from_above.answers(store, event)
    found = []
    for question in rows:
        if not needs_writing(question, spoken.get(question["id"], [])):
            continue
        if agency_id is not None and question["agency_id"] != agency_id:
            continue
        found.append(item(event, question, written.get(question["id"]), today, default_days, above.get(question["id"])))
    return found


def item(event, question, written_answer, today, default_days, answered_above=None):
    """One question to answer in writing: {question, due, written_answer, from_above (the answer of the
    dialogue it was forwarded to, if any), status}."""
    made = {"question": question, "due": due_date(event, question, default_days), "written_answer": written_answer,
            "from_above": answered_above}
    made["status"] = status(made, today)
    return made


def tracker(store, event, today, default_days):
    """Per agency: how many assigned, answered, overdue (agencies with nothing assigned left out)."""
    counts = {}
    for found in items(store, event, today, default_days):
        tally(counts, found)
    order = {a["code"]: a["position"] for a in store.agencies(event["id"], active_only=False)}
    return sorted(counts.values(), key=lambda row: order.get(row["agency"], 10**6))


def tally(counts, found):
    """Count one item (see items) in `counts`, {agency code ("" for none): a row of tracker}."""
    key = found["question"]["agency_code"] or ""
    row = counts.setdefault(key, {"agency": key, "name": found["question"]["agency_name"] or "",
                                  ASSIGNED: 0, ANSWERED: 0, OVERDUE: 0, "total": 0})
    row[found["status"]] += 1
    row["total"] += 1
    return row


def answer_in_writing(store, question_id, actor, viewer_agency_id, moderator, body):
    """An agency's written answer to a question routed to it (moderators may enter it for them)."""
    answer_text = text.required(body, text.SUMMARY_MAX, N_("Hãy nhập nội dung trả lời."),
                                N_("Câu trả lời dài quá %(limit)s ký tự."))
    with store.transaction():
        question = store.question(question_id)
        if question is None or question["status"] not in policy.PUBLIC_STATUSES:
            raise Invalid(N_("Chỉ trả lời bằng văn bản cho câu hỏi đã được duyệt."))
        if not moderator and (viewer_agency_id is None or question["agency_id"] != viewer_agency_id):
            raise Forbidden(N_("Câu hỏi này không được giao cho cơ quan của bạn."))
        before = store.written_answers(question["event_id"]).get(question_id)
        store.save_written_answer(question_id, question["agency_id"], answer_text, actor)
        store.append_audit(question["event_id"], actor, "question.written_answer", question_id,
                           {"text": before["text"]} if before else None, {"text": answer_text})
        return store.written_answers(question["event_id"])[question_id]


def is_over(event, today):
    """Whether the dialogue is over: its phase is closed, its results are published, or its date
    has passed. The agency page then leads with what is left to answer in writing."""
    if event["phase"] == events.CLOSED or events.is_published(event):
        return True
    return bool(event["date"]) and Date.fromisoformat(event["date"]) < today
