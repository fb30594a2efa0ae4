"""The policy: who may see a question, what a viewer may do to it now, which console tab it is in,
and what the event takes in its phase. Every layer asks here; nothing restates these rules.

Visibility is also data (`Visibility`): `can_see` applies it and storage builds the SQL that lists
questions from it, so the two cannot drift (tests/test_policy.py checks every combination).
"""
from dataclasses import dataclass

from . import events
from ..errors import Conflict, N_

# A question's states. A public question is approved or answered and not merged into another.
PENDING, APPROVED, ANSWERED, REJECTED = "pending", "approved", "answered", "rejected"
STATUSES = (PENDING, APPROVED, ANSWERED, REJECTED)
PUBLIC_STATUSES = (APPROVED, ANSWERED)
STAGE_TAB = "stage"  # the console's tab of the question on stage; the other tabs are named as statuses

# What a moderator may do to a question (`actions`), in the order the console offers them.
APPROVE, REJECT, EDIT, ROUTE, STAGE, UNSTAGE = "approve", "reject", "edit", "route", "stage", "unstage"
ANSWER, ANSWER_TOGETHER, MERGE, UNMERGE, BLOCK, UNBLOCK = (
    "answer", "answer_together", "merge", "unmerge", "block", "unblock")
ACTIONS = (APPROVE, REJECT, EDIT, ROUTE, STAGE, UNSTAGE, ANSWER, ANSWER_TOGETHER, MERGE, UNMERGE,
           BLOCK, UNBLOCK)


@dataclass(frozen=True)
class Viewer:
    """Who is looking: an anonymous attendee (maybe), a moderator, an agency's responder, or the
    Chair's tablet (which shows what the hall sees)."""
    attendee_id: str = None
    moderator: bool = False
    agency_id: int = None
    chair: bool = False


PUBLIC = Viewer()  # the projector, and anyone without a cookie yet
MODERATOR = Viewer(moderator=True)
CHAIR = Viewer(chair=True)


def is_staff(viewer):
    """Staff are told, with each question, what they may do to it and its console tab."""
    return viewer.moderator or viewer.chair or viewer.agency_id is not None


# ---------------------------------------------------------------------------------------- seeing

@dataclass(frozen=True)
class Visibility:
    """Which questions a viewer sees: any one that a part below lets through.

    everything: all of the event's questions. public: a question in one of these statuses, not
    merged; a merged one when it and the question it was merged into (its head) both are (so one
    merged while pending shows under its head only once approved). author: this attendee's own,
    whatever their state. agency_id: those routed to this agency, in one of agency_statuses."""
    everything: bool = False
    public: tuple = PUBLIC_STATUSES
    author: str = None
    agency_id: int = None
    agency_statuses: tuple = (PENDING, APPROVED, ANSWERED)


def visibility(viewer):
    """The one rule of who sees what, for `viewer`: moderators see all; everyone sees public
    questions and those merged into one; authors their own; an agency what is routed to it, to
    prepare, unless rejected. The Chair's tablet sees what the hall sees."""
    return Visibility(everything=viewer.moderator, author=viewer.attendee_id, agency_id=viewer.agency_id)


def can_see(question, viewer):
    seen = visibility(viewer)
    public = question["status"] in seen.public and (
        not question["merged_into"] or question["head_status"] in seen.public)
    return (seen.everything or public
            or (seen.author is not None and question["attendee_id"] == seen.author)
            or (seen.agency_id is not None and question["agency_id"] == seen.agency_id
                and question["status"] in seen.agency_statuses))


def is_public(question):
    """Approved or answered, and not merged into another question (then shown under it)."""
    return question["status"] in PUBLIC_STATUSES and not question["merged_into"]


def is_queued(question):
    """Waiting its turn on stage: approved, not answered yet, not on stage, not merged. What comes next
    is the queued question with most votes (ranked)."""
    return question["status"] == APPROVED and not question["on_stage"] and not question["merged_into"]


def authored_by(question, viewer):
    return viewer.attendee_id is not None and question["attendee_id"] == viewer.attendee_id


def shown_alone(question, viewer):
    """Whether `viewer` is sent the question by itself when it changes: moderators and its author
    always; anyone else only while it is public (merged, it shows under its head)."""
    return can_see(question, viewer) and (viewer.moderator or authored_by(question, viewer)
                                          or not question["merged_into"])


def tab(question):
    """The console tab a question is in: on stage, else its status's; a merged one, its head's."""
    if question["merged_into"]:
        return STAGE_TAB if question["head_on_stage"] else question["head_status"]
    return STAGE_TAB if question["on_stage"] else question["status"]


# ---------------------------------------------------------------------------------------- acting

OTHER_STATE = N_("Câu hỏi đã ở trạng thái khác. Hãy xem lại.")


def _status(*allowed):
    def check(question, event):
        return None if question["status"] in allowed else (OTHER_STATE, {})
    return check


def _not_merged(question, event):
    if question["merged_into"]:
        return (N_("Câu hỏi #%(id)s đã được gộp vào câu hỏi #%(head)s; hãy làm việc này với câu hỏi "
                   "#%(head)s."), {"id": question["id"], "head": question["merged_into"]})
    return None


def _merged(question, event):
    return None if question["merged_into"] else (N_("Câu hỏi này không được gộp vào câu nào."), {})


def _off_stage(question, event):
    on_stage = event["stage_question_id"] == question["id"]
    return (N_("Câu hỏi này đang được trình chiếu."), {}) if on_stage else None


def _on_stage(question, event):
    on_stage = event["stage_question_id"] == question["id"]
    return None if on_stage else (N_("Câu hỏi này không còn trên sân khấu."), {})


def _from_phone(question, event):
    if question["attendee_id"]:
        return None
    return N_("Câu hỏi này không do người tham dự gửi qua điện thoại."), {}


# What each action needs of the question, checked in order; the first unmet says why not.
RULES = {
    APPROVE: (_status(PENDING, REJECTED),),
    REJECT: (_status(PENDING, APPROVED, ANSWERED),),
    EDIT: (),
    ROUTE: (_not_merged,),
    STAGE: (_not_merged, _status(*PUBLIC_STATUSES), _off_stage),
    UNSTAGE: (_on_stage,),
    ANSWER: (_not_merged, _status(*PUBLIC_STATUSES)),
    ANSWER_TOGETHER: (_not_merged, _status(*PUBLIC_STATUSES)),  # covered by an answer to another
    # an answered question keeps its answer where it was logged: merge into it instead
    MERGE: (_not_merged, _status(PENDING, APPROVED)),
    UNMERGE: (_merged,),
    BLOCK: (_from_phone,),
    UNBLOCK: (_from_phone,),
}
# Blocking and unblocking the author again changes nothing and is taken; the list offers the one
# that changes something.
OFFERED = {BLOCK: lambda question: not question["author_blocked"],
           UNBLOCK: lambda question: bool(question["author_blocked"])}


def refusal(action, question, event):
    """Why `action` may not be done to the question now, in `event`: (msgid, params), or None."""
    for check in RULES[action]:
        found = check(question, event)
        if found:
            return found
    return None


def actions(viewer, question, event):
    """What `viewer` may do to the question now (names from ACTIONS): moderators only."""
    if not viewer.moderator:
        return []
    return [action for action in ACTIONS if refusal(action, question, event) is None
            and (action not in OFFERED or OFFERED[action](question))]


def require(action, question, event):
    """Conflict (409, with the question as it is) unless the question's state allows `action`.
    Who asks is checked before (identity: only moderators act)."""
    found = refusal(action, question, event)
    if found:
        message, params = found
        raise Conflict(message, current=question, **params)


HEAD_STATUSES = (PENDING, APPROVED, ANSWERED)  # a question others may be merged into, unless merged itself


def require_head(head):
    """Conflict (409) unless questions may be merged into `head`."""
    if head["merged_into"]:
        raise Conflict(N_("Câu hỏi #%(id)s đã được gộp vào câu hỏi khác; hãy gộp vào câu đó."),
                       id=head["id"], current=head)
    if head["status"] not in HEAD_STATUSES:
        raise Conflict(N_("Không gộp vào một câu hỏi đã bị từ chối."), current=head)


# ---------------------------------------------------------------------------------------- phases

TAKING = (events.COLLECTING, events.LIVE)  # the phases that take questions and votes
# Why not, in the others (as the phone says it).
NOT_ASKING = {events.DRAFT: N_("Sự kiện chưa mở nhận câu hỏi."),
              events.CLOSED: N_("Sự kiện đã kết thúc, không nhận thêm câu hỏi.")}
NOT_VOTING = {events.DRAFT: N_("Sự kiện chưa mở bình chọn."),
              events.CLOSED: N_("Sự kiện đã kết thúc, không nhận thêm bình chọn.")}


NOT_ASKING_NOW = N_("Phần này của chương trình không nhận câu hỏi; bạn vẫn bình chọn được các câu hỏi đã duyệt.")


def why_not_ask(event, phone=False):
    """Why the event takes no question now (a msgid), or None while it does. A phone is also
    refused while the programme runs an item that does not take questions (programme_asking)."""
    if event["phase"] not in TAKING:
        return NOT_ASKING[event["phase"]]
    return NOT_ASKING_NOW if phone and not event["programme_asking"] else None


def why_not_vote(event):
    """Why the event takes no vote now (a msgid), or None while it does."""
    return None if event["phase"] in TAKING else NOT_VOTING[event["phase"]]


def accepts_questions(event, phone=False):
    return why_not_ask(event, phone) is None


# What the attendee page says above its form, in each phase but live.
PHONE_NOTICES = {**NOT_ASKING, events.COLLECTING: N_("Ban tổ chức đang nhận câu hỏi gửi trước buổi đối thoại.")}


def phone_rules(event):
    """What a phone may do now: ask, vote, and the notice that says why not (a msgid, or None)."""
    return {"ask": accepts_questions(event, phone=True), "vote": why_not_vote(event) is None,
            "notice": PHONE_NOTICES.get(event["phase"]) or why_not_ask(event, phone=True)}


def event_view(store, event):
    """The event as pages, the API and Socket.IO send it: its limits and what a phone may do now."""
    return {**events.public_view(store, event), "phone": phone_rules(event)}


def require_asking(event, phone=False):
    """Conflict (409) with the reason unless the event takes questions now (from a phone: `phone`)."""
    if why_not_ask(event, phone):
        raise Conflict(why_not_ask(event, phone))


def require_voting(question, event):
    """Conflict (409) unless the question takes votes now: a public one, while the event takes them."""
    if not is_public(question):
        raise Conflict(N_("Chỉ bình chọn được câu hỏi đã được duyệt."))
    if why_not_vote(event):
        raise Conflict(why_not_vote(event))


# ---------------------------------------------------------------------------------------- programme

POLL_DRAFT, POLL_OPEN, POLL_CLOSED = "draft", "open", "closed"  # a poll's states (polls.py moves them)

# What a moderator may do to a poll (`actions`), in the order the console offers them.
OPEN_POLL, CLOSE_POLL, REVEAL_RESULTS, HIDE_RESULTS = "open", "close", "reveal", "hide"
POLL_ACTIONS = (OPEN_POLL, CLOSE_POLL, REVEAL_RESULTS, HIDE_RESULTS)
# The states a poll may be opened (or reopened) and closed from.
POLL_MOVES = {OPEN_POLL: (POLL_DRAFT, POLL_CLOSED), CLOSE_POLL: (POLL_OPEN,)}


def sees_script(viewer):
    """The MC's lines are for staff; phones and the projector see the programme without them."""
    return is_staff(viewer)


def can_see_poll(poll, viewer):
    """Staff see every poll; everyone else those that have been opened."""
    return is_staff(viewer) or poll["state"] != POLL_DRAFT


def takes_answers(poll):
    """A poll takes answers, new or changed, while it is open (phones show its form only then)."""
    return poll["state"] == POLL_OPEN


def sees_results(poll, viewer):
    """A poll's results: staff always; phones and the projector once a moderator reveals them (so
    that early answers do not sway the rest); until then only how many have answered."""
    return is_staff(viewer) or bool(poll["revealed"])


def poll_actions(viewer, poll):
    """What `viewer` may do to the poll now (names from POLL_ACTIONS): moderators only. Open and close
    as its state allows (POLL_MOVES); its results are offered to reveal once it has been opened and
    while they are hidden, to hide while they are shown (revealing again changes nothing)."""
    if not viewer.moderator:
        return []
    offered = {OPEN_POLL: poll["state"] in POLL_MOVES[OPEN_POLL], CLOSE_POLL: poll["state"] in POLL_MOVES[CLOSE_POLL],
               REVEAL_RESULTS: poll["state"] != POLL_DRAFT and not poll["revealed"],
               HIDE_RESULTS: bool(poll["revealed"])}
    return [action for action in POLL_ACTIONS if offered[action]]
