"""Merging duplicate questions: one stays public and the ones merged into it are kept under it,
their submitters credited; its votes become the count of distinct voters across them all.
A merge is undone by taking a question out again (unmerge), votes recounted both sides.

Merges are one level deep: a question merged into another brings along those merged into it.
"""
from . import policy, questions, similarity, votes
from ..errors import Invalid, NotFound, N_


def merge(store, question_id, into, actor, version=None):
    """Merge the question into `into` (an id); returns the changes, the head's first."""
    head_id = _question_id(into)
    with store.transaction():
        head = store.question(head_id)
        if head is None:
            raise NotFound(N_("Không tìm thấy câu hỏi cần gộp vào."))
        policy.require_head(head)

        def decide(question):
            if question["id"] == head_id or question["event_id"] != head["event_id"]:
                raise Invalid(N_("Chỉ gộp được vào một câu hỏi khác của cùng sự kiện."))
            if question["on_stage"]:
                store.set_stage(question["event_id"], None)
            return {"merged_into": head_id}

        changes = questions.act(store, question_id, actor, "question.merge", version, decide)
        for child in store.merged_questions([question_id]).get(question_id, ()):
            changes.append(questions.apply(store, child, {"merged_into": head_id}, actor, "question.merge"))
        return [_recount(store, head_id, actor)] + changes


def unmerge(store, question_id, actor, version=None):
    """Take a merged question out again, as it was; returns the changes, its own first."""
    with store.transaction():
        def decide(question):
            # its votes are its own again (nothing is merged into it: merges are one level)
            return {"merged_into": None, "votes": votes.recount(store, question["id"])}

        changes = questions.act(store, question_id, actor, "question.unmerge", version, decide)
        return changes + [_recount(store, changes[0].before["merged_into"], actor)]


def similar(store, question, limit=3):
    """The earlier questions of its event most like `question`, as (question, score 0-100), best
    first: those it may be merged into (policy.HEAD_STATUSES; a merged one is represented by its head)."""
    # only ids and texts to compare (each moderator console asks for every pending question);
    # the few found are then read whole
    earlier = store.merge_candidates(question["event_id"], question["id"], policy.HEAD_STATUSES)
    found = similarity.suggest(question["text"], ((row["id"], row["text"]) for row in earlier), limit)
    return [(store.question(question_id), score) for question_id, score in found]


def _recount(store, question_id, actor):
    """Count the head's votes again over its group (votes.recount), as a change of its own."""
    head = store.question(question_id)
    return questions.apply(store, head, {"votes": votes.recount(store, question_id)}, actor, "question.recount")


ID_MAX = 2 ** 63 - 1  # SQLite's largest integer


def _question_id(value):
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).isdigit() \
            or not 0 < int(value) <= ID_MAX:
        raise Invalid(N_("Hãy chọn câu hỏi cần gộp vào (into: số của câu hỏi)."))
    return int(value)
