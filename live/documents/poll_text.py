"""Poll results in the words of the Vietnamese documents (the conclusion notice, the briefing pack's DOCX),
from proceedings.poll_records: numbers as Vietnamese writes them (1.286; 3,4), who answered, the leading
option, a scale's mean."""
from babel.numbers import format_decimal

from .notice_layout import clean


def number(value):
    """1286 -> '1.286'; 3.4 -> '3,4'."""
    return format_decimal(value, locale="vi")


def answered(poll):
    """'286 bạn trẻ trả lời'"""
    return f"{number(poll['total'])} bạn trẻ trả lời"


def mean(poll):
    """A scale's mean: 'điểm trung bình 3,4/5'."""
    return f"điểm trung bình {number(poll['mean'])}/{len(poll['options'])}"


def option_line(option):
    """'- Đã từng: 206 (72%)'"""
    return f"- {clean(option['label'])}: {number(option['count'])} ({option['percent']}%)"


def sentence(poll):
    """The notice's sentence for a poll: 'Trong số 286 bạn trẻ trả lời câu hỏi “…”, 72% chọn “Đã từng”.'
    with the leading option (every option tied for the lead, when several are); a scale says its mean."""
    lead = f"Trong số {answered(poll)} câu hỏi “{clean(poll['text'])}”"
    if poll["mean"] is not None:
        return f"{lead}, {mean(poll)}."
    top = max(option["count"] for option in poll["options"])
    chosen = [f"{option['percent']}% chọn “{clean(option['label'])}”" for option in poll["options"]
              if option["count"] == top]
    listed = chosen[0] if len(chosen) == 1 else ", ".join(chosen[:-1]) + " và " + chosen[-1]
    return f"{lead}, {listed}."


def notice_sentences(records):
    """A sentence for each poll the organizer put in the notice (in_notice) that someone answered."""
    return [sentence(poll) for poll in records if poll["in_notice"] and poll["total"]]
