"""Upvotes: one per attendee per question, on public questions only, while the event accepts them.

How they count: the count on a question's row moves with each vote, never recounted (a vote storm
costs one update per vote), except in a merge group: votes go to public questions only, so to a
group's head, but a vote cast before a merge stays on the question it was cast on, and the head
counts the distinct voters of the head and of the questions merged into it.
"""
from . import blocking, policy, questions


def cast(store, question_id, viewer):
    """Add the attendee's vote (idempotent); returns the question's vote count."""
    return _change(store, question_id, viewer, _add)


def withdraw(store, question_id, viewer):
    """Take the attendee's vote back (idempotent); returns the question's vote count."""
    return _change(store, question_id, viewer, _remove)


def recount(store, head_id):
    """The votes of a merge group's head: its distinct voters with those of the questions merged into it."""
    return store.count_voters(store.merge_group(head_id))


def voted(store, event_id, attendee_id):
    """Ids of the questions the attendee voted for; a vote on a merged question counts for its head."""
    if not attendee_id:
        return set()
    return {row["merged_into"] or row["id"] for row in store.votes_of(event_id, attendee_id)}


def withdraw_all(store, event_id, attendee_id):
    """Take back every vote of the attendee in the event; returns the questions whose count moved."""
    moved = sorted(voted(store, event_id, attendee_id))
    for question_id in moved:
        _remove(store, question_id, attendee_id)
    return moved


def _change(store, question_id, viewer, write):
    with store.transaction():
        question = questions.get_visible(store, question_id, viewer)
        policy.require_voting(question, store.event_by_id(question["event_id"]))
        blocking.check_allowed(store, question["event_id"], viewer.attendee_id)
        changed = write(store, question_id, viewer.attendee_id)  # public: never merged, its group's head
        return store.vote_counts([question_id])[question_id], changed


def _add(store, head_id, attendee_id):
    added = store.insert_vote(head_id, attendee_id)
    if added:
        _count(store, head_id, store.merge_group(head_id), 1)
    return added


def _remove(store, head_id, attendee_id):
    """Take back the attendee's vote on the question and on those merged into it."""
    group = store.merge_group(head_id)
    removed = store.delete_votes(attendee_id, group)
    if removed:
        _count(store, head_id, group, -removed)
    return bool(removed)


def _count(store, head_id, group, change):
    """Move the count by `change` votes; in a merge group, count its distinct voters again."""
    if len(group) > 1:
        store.set_vote_count(head_id, store.count_voters(group))
    else:
        store.add_to_vote_count(head_id, change)
