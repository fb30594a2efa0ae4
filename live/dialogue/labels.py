"""The names people read for the values the domain stores: statuses, console tabs, phases, roles,
channels, youth groups, the states of a written answer. One map per kind, every name a msgid (N_):
pages translate them (the Jinja global `label`), scripts get them translated in their page's config
block (`labels`, read by static/js/labels.js) and the exports translate them with their own gettext.
"""
from . import events, followup, overview, polls, programme, questions, users
from ..errors import N_

# A question's status as staff read it: the console, the staff home, the agency page, the exports.
STATUS = {
    questions.PENDING: N_("Chờ duyệt"),
    questions.APPROVED: N_("Đã duyệt"),
    questions.ANSWERED: N_("Đã trả lời"),
    questions.REJECTED: N_("Từ chối"),
}
# ...and as its author reads it on the phone, about their own question.
OWN_STATUS = {**STATUS, questions.PENDING: N_("Đang chờ duyệt"), questions.REJECTED: N_("Bị từ chối")}
# The moderator console's tabs, in order (a question's `tab`): its status, or on stage.
STAGE = "stage"
TAB = {tab: N_("Trên sân khấu") if tab == STAGE else STATUS[tab]
       for tab in (questions.PENDING, questions.APPROVED, STAGE, questions.ANSWERED, questions.REJECTED)}
PHASE = {
    events.DRAFT: N_("Nháp"),
    events.COLLECTING: N_("Đang nhận câu hỏi trước"),
    events.LIVE: N_("Đang diễn ra"),
    events.CLOSED: N_("Đã kết thúc"),
}
ROLE = {
    users.ORGANIZER: N_("Ban tổ chức"),
    users.MODERATOR: N_("Điều phối viên"),
    users.RESPONDER: N_("Cơ quan trả lời"),
}
CHANNEL = {
    questions.ONSITE: N_("Điện thoại tại hội trường"),
    questions.WEB: N_("Trang web, trước buổi đối thoại"),
    questions.DISTRICT: N_("Đoàn Thanh niên địa phương"),
    questions.PORTAL: N_("Cổng thông tin điện tử tỉnh"),
    questions.PRESS: N_("Báo chí"),
    questions.MODERATOR: N_("Nêu trực tiếp tại hội trường"),
    questions.FORWARDED: N_("Chuyển lên từ đối thoại cấp dưới"),
}
# A channel as the Vietnamese documents say it in a sentence: "N câu hỏi (<phrase>: n; ...)".
CHANNEL_PHRASE = {
    questions.ONSITE: "gửi qua điện thoại tại hội trường",
    questions.WEB: "gửi qua trang web trước buổi đối thoại",
    questions.DISTRICT: "do Đoàn Thanh niên các địa phương tổng hợp",
    questions.PORTAL: "gửi qua Cổng thông tin điện tử tỉnh",
    questions.PRESS: "qua báo chí",
    questions.MODERATOR: "nêu trực tiếp tại hội trường",
    questions.FORWARDED: "do các buổi đối thoại cấp dưới chuyển lên",
}
# A written answer's state after the session (followup.status).
WRITTEN = {
    followup.ASSIGNED: N_("Đã giao"),
    followup.ANSWERED: N_("Đã trả lời"),
    followup.OVERDUE: N_("Quá hạn"),
}
# A statutory step's state in the province's overview (overview.STATE).
STEP = {overview.DONE: N_("Đã xong"), overview.DUE: N_("Chưa đến hạn"), overview.LATE: N_("Trễ hạn")}
# The Chair's badge over the question on stage, by its status (none while it waits).
STAGE_BADGE = {questions.ANSWERED: N_("Đã ghi câu trả lời")}

# A programme item's kind, as the editor, the printed script and the screens name it.
ITEM_KIND = {
    programme.OPENING: N_("Khai mạc"),
    programme.PERFORMANCE: N_("Văn nghệ"),
    programme.VIDEO: N_("Phóng sự"),
    programme.FIGURES: N_("Thông tin nhanh"),
    programme.DIALOGUE: N_("Đối thoại"),
    programme.POLL: N_("Thăm dò ý kiến"),
    programme.AWARDS: N_("Tặng quà, khen thưởng"),
    programme.BREAK: N_("Giải lao"),
    programme.CLOSING: N_("Bế mạc"),
}
POLL_KIND = {polls.SINGLE: N_("Chọn một"), polls.MULTIPLE: N_("Chọn nhiều"), polls.SCALE: N_("Thang điểm 1-5")}
POLL_STATE = {polls.DRAFT: N_("Chưa mở"), polls.OPEN: N_("Đang mở"), polls.CLOSED: N_("Đã đóng")}

# Every translated kind by the name pages and scripts use; CHANNEL_PHRASE is Vietnamese prose only.
KINDS = {
    "status": STATUS, "own_status": OWN_STATUS, "tab": TAB, "phase": PHASE, "role": ROLE,
    "channel": CHANNEL, "youth_group": questions.YOUTH_GROUPS, "written": WRITTEN, "step": STEP,
    "stage_badge": STAGE_BADGE,
    "item_kind": ITEM_KIND, "poll_kind": POLL_KIND, "poll_state": POLL_STATE,
}


def msgid(kind, value):
    """The msgid naming `value` of `kind`; the value itself when it has none, "" for none."""
    if value is None or value == "":
        return ""
    return KINDS[kind].get(value, value)


def translated(gettext, kind):
    """{value: its name} for one kind, in the map's order, through `gettext`."""
    return {value: gettext(name) for value, name in KINDS[kind].items()}


def translated_all(gettext):
    """{kind: {value: name}} for every kind: what a page's config block gives its scripts."""
    return {kind: translated(gettext, kind) for kind in KINDS}
