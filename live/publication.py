"""The published results: every public question with what was answered, in the hall or in writing."""
from . import questions, search_text


def results(store, event, query=""):
    """Public questions with their answers, optionally those matching `query` (accents ignored)."""
    rows = [q for q in store.questions(event["id"], questions.PUBLIC_STATUSES) if questions.is_public(q)]
    spoken = store.answers([q["id"] for q in rows])
    public = questions.Viewer()
    merged = questions.merged_under(store, [q["id"] for q in rows], public)
    written = store.written_answers(event["id"])
    found = []
    for question in rows:
        item = questions.view(question, public, merged=merged.get(question["id"], ()))
        del item["voted"], item["mine"]
        item["answers"] = [{"answered_by": a["answered_by"], "agency": a["agency_name"], "summary": a["summary"],
                            "direction": a["direction"] or ""} for a in spoken.get(question["id"], [])]
        answer = written.get(question["id"])
        item["written_answer"] = {"text": answer["text"], "at": answer["updated_at"]} if answer else None
        found.append(item)
    if query.strip():
        wanted = search_text.fold(query)
        found = [item for item in found if wanted in search_text.fold(_searchable(item))]
    return found


def _searchable(item):
    parts = [item["text"], (item["agency"] or {}).get("name") or "", item["topic"] or ""]
    parts += [a["summary"] for a in item["answers"]]
    if item["written_answer"]:
        parts.append(item["written_answer"]["text"])
    return " ".join(parts)
