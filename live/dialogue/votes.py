"""Upvotes: one per attendee per question, on public questions only, while the event accepts them."""
from . import blocking, policy, questions


def cast(store, question_id, viewer):
    """Add the attendee's vote (idempotent); returns the question's vote count."""
    return _change(store, question_id, viewer, store.add_vote)


def withdraw(store, question_id, viewer):
    """Take the attendee's vote back (idempotent); returns the question's vote count."""
    return _change(store, question_id, viewer, store.remove_vote)


def _change(store, question_id, viewer, write):
    with store.transaction():
        question = questions.get_visible(store, question_id, viewer)
        policy.require_voting(question, store.event_by_id(question["event_id"]))
        blocking.check_allowed(store, question["event_id"], viewer.attendee_id)
        changed = write(question_id, viewer.attendee_id)
        return store.vote_counts([question_id])[question_id], changed
