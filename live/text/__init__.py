"""Cleaning of user text: NFC, no control characters, trimmed, bounded."""
import re
import unicodedata

from ..errors import Invalid, N_

# The longest text each field takes, in characters. The domain checks them; pages and scripts read
# them from the event's "limits" (events.LIMITS), never restate them.
QUESTION_MAX = 500
NAME_MAX = 80
DETAIL_MAX = 120  # where a question came from: the channel's detail, the sender's unit and district
REASON_MAX = 300
MESSAGE_MAX = 140  # a message to the Chair: read at a glance
SUMMARY_MAX = 5000
NOTE_MAX = 2000  # the moderators' note for the agency
SPEAKER_MAX = 200  # who answered
COMMITMENT_MAX = 1000  # what a commitment says
ITEM_TITLE_MAX = 200  # a programme item's title, and who presents it
SCRIPT_LINE_MAX = 1000  # one of the MC's lines
FIGURE_VALUE_MAX = 20  # a quick-information figure, shown large ("12.500", "87%")
POLL_TEXT_MAX = 300  # a poll's question
OPTION_MAX = 120  # one of its options, an honouree's name or unit, a figure's label

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\u2028\u2029]")
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t]+")


def clean(value):
    """NFC text with control characters removed, runs of spaces folded, trimmed."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid(N_("Dữ liệu phải là văn bản."))
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    value = _CONTROL.sub("", value)
    value = _SPACES.sub(" ", value)
    value = "\n".join(line.strip() for line in value.split("\n"))
    return _BLANK_LINES.sub("\n\n", value).strip()


def required(value, limit, message_empty, message_long):
    text = clean(value)
    if not text:
        raise Invalid(message_empty)
    if len(text) > limit:
        raise Invalid(message_long, limit=limit)
    return text


def optional(value, limit, message_long):
    text = clean(value)
    if len(text) > limit:
        raise Invalid(message_long, limit=limit)
    return text or None


def question_text(value):
    return required(value, QUESTION_MAX, N_("Hãy nhập nội dung câu hỏi."),
                    N_("Câu hỏi dài quá %(limit)s ký tự."))


def display_name(value):
    return optional(value, NAME_MAX, N_("Tên hiển thị dài quá %(limit)s ký tự."))
