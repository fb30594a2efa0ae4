"""Upvotes: one per attendee per question, on public questions only, while the event accepts them."""
from . import blocking, events, questions
from ..errors import Conflict, N_


def cast(store, question_id, viewer):
    """Add the attendee's vote (idempotent); returns the question's vote count."""
    return _change(store, question_id, viewer, store.add_vote)


def withdraw(store, question_id, viewer):
    """Take the attendee's vote back (idempotent); returns the question's vote count."""
    return _change(store, question_id, viewer, store.remove_vote)


def _change(store, question_id, viewer, write):
    with store.transaction():
        question = questions.get_visible(store, question_id, viewer)
        if not questions.is_public(question):
            raise Conflict(N_("Chỉ bình chọn được câu hỏi đã được duyệt."))
        events.require_accepting(store.event_by_id(question["event_id"]),
                                 N_("Sự kiện đã kết thúc, không nhận thêm bình chọn."),
                                 N_("Sự kiện chưa mở bình chọn."))
        blocking.check_allowed(store, question["event_id"], viewer.attendee_id)
        changed = write(question_id, viewer.attendee_id)
        return store.vote_counts([question_id])[question_id], changed
