"""The published results: every public question with what was answered, in the hall or in writing, the
revealed polls' results, and when publishing them asks for a confirmation."""
from . import events, from_above, policy, proceedings, questions
from ..text import search_text


def results(store, event, query=""):
    """Public questions with their answers, optionally those matching `query` (accents ignored):
    what anyone sees, each public one with those merged into it under it."""
    rows = [q for q in store.questions(event["id"], policy.visibility(policy.PUBLIC)) if policy.is_public(q)]
    spoken = store.answers([q["id"] for q in rows])
    merged = questions.merged_under(store, [q["id"] for q in rows], policy.PUBLIC)
    written = store.written_answers(event["id"])
    above = from_above.answers(store, event)
    found = []
    for question in rows:
        item = questions.view(question, policy.PUBLIC, event, merged=merged.get(question["id"], ()))
        del item["voted"], item["mine"]
        item["answers"] = [from_above.spoken_view(a) for a in spoken.get(question["id"], [])]
        answer = written.get(question["id"])
        item["written_answer"] = {"text": answer["text"], "at": answer["updated_at"]} if answer else None
        item["from_above"] = above.get(question["id"])  # the province's answer to it, once forwarded
        found.append(item)
    if query.strip():
        wanted = search_text.fold(query)
        found = [item for item in found if wanted in search_text.fold(_searchable(item))]
    return found


def polls(store, event):
    """The polls whose results the hall may see (a moderator revealed them: policy.sees_results), with
    their results; not by group, which could single out the few of a small district."""
    return proceedings.poll_records(store, event, policy.PUBLIC)


def _searchable(item):
    parts = [item["text"], (item["agency"] or {}).get("name") or "", item["topic"] or ""]
    parts += [a["summary"] for a in item["answers"]]
    if item["written_answer"]:
        parts.append(item["written_answer"]["text"])
    if item["from_above"]:
        parts += [a["summary"] for a in item["from_above"]["answers"]]
        parts.append((item["from_above"]["written_answer"] or {}).get("text") or "")
    return " ".join(parts)


def answered(item):
    """A result answered on the spot or in writing, here or by the dialogue above it was forwarded to."""
    return item["status"] == policy.ANSWERED or bool(item["written_answer"]) or bool(item["from_above"])


def by_topic(store, event, items):
    """Results as the page lists them: [{topic, questions, answered}] per topic in the event's order
    (those with no topic last, topic None), the answered questions first, each part in the order asked."""
    order = {topic["name"]: index for index, topic in enumerate(store.topics(event["id"], active_only=False))}
    groups = {}
    for item in sorted(items, key=lambda item: (not answered(item), item["id"])):
        groups.setdefault(item["topic"] or None, []).append(item)
    names = sorted(groups, key=lambda name: (name is None, order.get(name, len(order))))
    return [{"topic": name, "questions": groups[name], "answered": sum(map(answered, groups[name]))}
            for name in names]


def totals(store, event, items):
    """Questions received (every one sent, whatever became of it, as the conclusion notice counts
    them), and of the public `items`: answered on the spot, answered in writing, still waiting."""
    return {"received": len(store.questions(event["id"])),
            "on_the_spot": sum(item["status"] == policy.ANSWERED for item in items),
            "in_writing": sum(bool(item["written_answer"]) for item in items),
            "waiting": sum(not answered(item) for item in items)}


def waiting_while_live(store, event):
    """Questions not answered yet (waiting for review or for an answer) while the session is live:
    publishing then shows the results before the dialogue is over, so it asks for a confirmation.
    0 in any other phase, or when nothing waits."""
    if event["phase"] != events.LIVE:
        return 0
    return sum(1 for question in store.questions(event["id"])
               if question["status"] in (policy.PENDING, policy.APPROVED) and not question["merged_into"])
