"""Blocking an attendee who abuses the event, known to moderators only as "the author of #N":
their pending questions are hidden, new ones and votes refused, their votes taken back."""
from . import policy, questions, votes
from ..errors import Forbidden, NotFound, N_

BLOCKED_REASON = N_("Người gửi đã bị chặn.")


def block_author(store, question_id, actor):
    """Returns (question changes, ids of questions whose vote count moved)."""
    with store.transaction():
        question = _authored(store, question_id, policy.BLOCK)
        event_id, attendee_id = question["event_id"], question["attendee_id"]
        store.block_attendee(event_id, attendee_id, actor, question_id)
        store.append_audit(event_id, actor, "attendee.block", question_id, after={"question": question_id})
        pending = [q for q in store.questions(event_id)
                   if q["attendee_id"] == attendee_id and q["status"] == policy.PENDING]
        changes = [questions.apply(store, q, {"status": policy.REJECTED, "reject_reason": BLOCKED_REASON},
                                   actor, "question.reject") for q in pending]
        return changes, votes.withdraw_all(store, event_id, attendee_id)


def unblock_author(store, question_id, actor):
    with store.transaction():
        question = _authored(store, question_id, policy.UNBLOCK)
        store.unblock_attendee(question["event_id"], question["attendee_id"])
        store.append_audit(question["event_id"], actor, "attendee.unblock", question_id)


def check_allowed(store, event_id, attendee_id):
    """Refuse a blocked attendee's questions and votes."""
    if attendee_id and store.is_blocked(event_id, attendee_id):
        raise Forbidden(N_("Bạn đã bị ban tổ chức chặn gửi câu hỏi và bình chọn trong sự kiện này."))


def _authored(store, question_id, action):
    """The question whose author is blocked or unblocked (`action`), as the policy allows."""
    question = store.question(question_id)
    if question is None:
        raise NotFound(N_("Không tìm thấy câu hỏi."))
    policy.require(action, question, store.event_by_id(question["event_id"]))
    return question
