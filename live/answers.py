"""Answers given in the hall: who answered, a summary, and whether follow-up is needed."""
from . import events, questions, text
from .errors import N_


def record(store, question_id, actor, event, answered_by, summary, follow_up=False, agency=None, version=None):
    """Log an answer to a public question and mark it answered."""
    answered_by = text.required(answered_by, 200, N_("Hãy ghi người trả lời."),
                                N_("Tên người trả lời dài quá %(limit)s ký tự."))
    summary = text.optional(summary, text.SUMMARY_MAX, N_("Tóm tắt dài quá %(limit)s ký tự.")) or ""
    agency_id = events.agency_id(store, event, agency) if agency else None

    def decide(question):
        questions.require_status(question, questions.PUBLIC_STATUSES)
        store.insert_answer({
            "question_id": question["id"], "answered_by": answered_by, "summary": summary,
            "agency_id": agency_id or question["agency_id"], "follow_up": 1 if follow_up else 0,
            "created_by": actor,
        })
        return {"status": questions.ANSWERED}
    return questions.act(store, question_id, actor, "question.answer", version, decide)


def for_event(store, event):
    """Answered questions with their answers, in the order they were asked."""
    answered = [q for q in store.questions(event["id"]) if q["status"] == questions.ANSWERED]
    grouped = store.answers([q["id"] for q in answered])
    return [(q, grouped.get(q["id"], [])) for q in answered]
