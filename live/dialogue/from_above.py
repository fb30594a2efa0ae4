"""Answers back down: what the dialogue above (the province) answered to the questions a local dialogue
forwarded to it (forwarding.py), on the spot or in writing, to the proposal itself or to the question it
was merged into there. Read by query through the forwarding link every time, never copied, so that a
correction above shows below at once."""


def answers(store, event):
    """{local question id: {"event": {code, title, date}, "answers": [...], "written_answer": {...} or
    None}} for the questions of `event` that the dialogue above answered, on the spot or in writing
    (to the proposal, or to the question it was merged into), read now through the forwarding link."""
    sent = [row for row in store.forwarded_from(event["id"]).values() if not row["withdrawn_at"]]
    answering = {row["source_question_id"]: row["merged_into"] or row["question_id"] for row in sent}
    spoken = store.answers(sorted(set(answering.values())))
    written = store.written_answers_to(sorted(set(answering.values())))
    found = {}
    for row in sent:
        said = [spoken_view(a) for a in spoken.get(answering[row["source_question_id"]], [])]
        paper = written.get(answering[row["source_question_id"]])
        if said or paper:
            found[row["source_question_id"]] = {
                "event": {"code": row["event_code"], "title": row["event_title"], "date": row["event_date"]},
                "answers": said,
                "written_answer": paper and {"text": paper["text"], "at": paper["updated_at"],
                                             "agency": paper["agency_name"]}}
    return found


def spoken_view(answer):
    """An answer given on the spot, as the published results show it."""
    return {"answered_by": answer["answered_by"], "agency": answer["agency_name"], "summary": answer["summary"],
            "direction": answer["direction"] or ""}
