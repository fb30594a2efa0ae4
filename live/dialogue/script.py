"""The MC's words (lời dẫn chương trình): what the MC says to open each item of the programme, to invite
the question on stage and its answer, and to lead into the next item. The organizer may write an
item's lines (item["script"]: intro, ask, answer, with {name}, {unit}, {agency}... filled in); a line
they did not write is said by default, built from the item's kind, title and who presents it.

Every function takes `translate(msgid, **params)` (gettext): the MC's view speaks the page's language,
the printed script Vietnamese.
"""
import re

from . import policy, programme
from ..errors import N_

# How an item's default line starts: the programme's first item, any other as it begins, and the
# next item as the MC leads into it.
FIRST = N_("Mở đầu chương trình, %(line)s")
THEN = N_("Sau đây, %(line)s")
NEXT = N_("Tiếp theo chương trình, %(line)s")

# Each kind's default line after its start: (the detail it names, the line with it, the line without).
INTROS = {
    programme.OPENING: ("presenter", N_("xin trân trọng kính mời đồng chí %(presenter)s phát biểu khai mạc chương trình."),
                        N_("xin trân trọng kính mời đại diện Ban Tổ chức phát biểu khai mạc chương trình.")),
    programme.PERFORMANCE: ("presenter",
                            N_("xin trân trọng giới thiệu tiết mục văn nghệ “%(title)s” do %(presenter)s biểu diễn."),
                            N_("xin trân trọng giới thiệu tiết mục văn nghệ “%(title)s”.")),
    programme.VIDEO: ("presenter",
                      N_("xin mời quý vị đại biểu cùng theo dõi phóng sự “%(title)s” do %(presenter)s thực hiện."),
                      N_("xin mời quý vị đại biểu cùng theo dõi phóng sự “%(title)s”.")),
    programme.FIGURES: ("presenter", N_("xin mời đại diện %(presenter)s thông tin nhanh “%(title)s”."),
                        N_("xin mời quý vị đại biểu cùng theo dõi phần thông tin nhanh “%(title)s”.")),
    programme.DIALOGUE: ("topic", N_("xin mời quý vị đại biểu và các bạn đoàn viên, thanh niên cùng đối thoại "
                                     "về nội dung “%(topic)s”."),
                         N_("xin mời quý vị đại biểu và các bạn đoàn viên, thanh niên bước vào phần đối thoại.")),
    programme.POLL: (None, N_("xin mời các bạn đoàn viên, thanh niên dùng điện thoại trả lời câu hỏi thăm dò "
                              "ý kiến “%(poll)s”."), None),
    programme.AWARDS: ("presenter", N_("xin trân trọng kính mời đồng chí %(presenter)s lên tặng quà các bạn "
                                       "thanh niên tiêu biểu."),
                       N_("xin trân trọng kính mời đồng chí Chủ tịch UBND tỉnh lên tặng quà các bạn thanh niên "
                          "tiêu biểu.")),
    programme.BREAK: (None, N_("xin mời quý vị đại biểu nghỉ giải lao %(minutes)s phút."), None),
    programme.CLOSING: ("presenter", N_("xin trân trọng kính mời đồng chí %(presenter)s phát biểu bế mạc chương trình."),
                        N_("xin trân trọng kính mời đại diện Ban Tổ chức phát biểu bế mạc chương trình.")),
}
HONOUREES = N_("Xin trân trọng kính mời các bạn sau lên sân khấu nhận quà: %(names)s.")

# Inviting the question on stage: its author and unit known, the author only, the unit only, neither.
ASK = N_("Xin mời bạn %(name)s, %(unit)s, đặt câu hỏi.")
ASK_NAME = N_("Xin mời bạn %(name)s đặt câu hỏi.")
ASK_UNIT = N_("Câu hỏi từ %(unit)s: “%(question)s”")
ASK_HALL = N_("Câu hỏi từ hội trường: “%(question)s”")
# Inviting its answer: the agency's head by title, the agency's leader by its name, or the Chair.
ANSWER = N_("Xin mời đồng chí %(agency)s trả lời.")
ANSWER_AGENCY = N_("Xin mời đồng chí lãnh đạo %(agency)s trả lời.")
ANSWER_CHAIR = N_("Xin mời đồng chí Chủ tịch UBND tỉnh trả lời.")

# What stands for the asker in the printed script, where no question is on stage yet.
SAMPLE = {"author": N_("[họ và tên]"), "unit": N_("[đơn vị]"), "agency": N_("[chức danh người trả lời]"),
          "question": N_("[nội dung câu hỏi]")}

PLACEHOLDER = re.compile(r"\{(\w+)\}")
COMRADE = re.compile(r"^\s*đồng chí\s+", re.IGNORECASE)  # the lines say it themselves


def fill(wording, values):
    """The organizer's wording with its {placeholders} filled from `values`. A placeholder `values`
    does not name stays as written; None when one it names is empty (the default line is said)."""
    empty = []

    def put(found):
        key = found.group(1)
        if key not in values:
            return found.group(0)
        if not values[key]:
            empty.append(key)
        return str(values[key] or "")

    filled = PLACEHOLDER.sub(put, wording)
    return None if empty else filled


def _details(item):
    """What an item's lines may name; nothing for no item (a question on stage with no programme)."""
    if item is None:
        return {}
    presenter = COMRADE.sub("", item["presenter"] or "")
    return {"title": item["title"], "presenter": presenter, "topic": item["topic"] or "",
            "minutes": item["duration"], "poll": item.get("poll_text") or item["title"]}


def _own(item, line, values):
    """The organizer's wording of one of the item's lines, filled; None when there is none to say."""
    wording = (item.get("script") or {}).get(line) if item else None
    return fill(wording, values) if wording else None


def _opened(item, start, translate):
    """The default line of the item's kind, after `start` (FIRST, THEN, NEXT)."""
    detail, named, plain = INTROS[item["kind"]]
    details = _details(item)
    body = translate(named if detail is None or details[detail] else plain, **details)
    return translate(start, line=body)


def intro(item, position, translate, leading=False):
    """What the MC says as the item (at `position` from 0) begins; `leading`: the line that leads
    into it, the next item, with "Tiếp theo chương trình" before a default line. The organizer's
    wording is said as written either way."""
    start = FIRST if position == 0 else NEXT if leading else THEN
    return _own(item, "intro", _details(item)) or _opened(item, start, translate)


def honourees(item, translate):
    """The awards' honourees called to the stage, or None."""
    names = [", ".join(part for part in (person["name"], person["unit"]) if part) for person in item["honourees"]]
    return translate(HONOUREES, names="; ".join(names)) if names else None


def asker(question):
    """The question on stage as the MC's lines name it: {name, unit, agency, question} ("" unknown)."""
    places = [part.strip() for part in (question["unit"], question["district"]) if part and part.strip()]
    if len(places) == 2 and places[1].casefold() in places[0].casefold():
        places.pop()
    return {"name": question["author"] or "", "unit": ", ".join(places),
            "agency": question["agency_head_title"] or question["agency_name"] or "", "question": question["text"]}


def _asking(question, values):
    if values["name"]:
        return ASK if values["unit"] else ASK_NAME
    return ASK_UNIT if values["unit"] else ASK_HALL


def _answering(question, values):
    if question["agency_head_title"]:
        return ANSWER
    return ANSWER_AGENCY if values["agency"] else ANSWER_CHAIR


DEFAULT_INVITATIONS = {"ask": _asking, "answer": _answering}


def invite(item, question, line, translate):
    """The MC invites the question on stage (`line` "ask": its author and unit) or its answer
    ("answer": the routed agency's head, else the Chair): the organizer's wording, filled, else the
    default line for what is known."""
    values = {**_details(item), **asker(question)}
    return _own(item, line, values) or translate(DEFAULT_INVITATIONS[line](question, values), **values)


def _line(kind, text):
    return {"kind": kind, "text": text}


def lines(item, position, translate, question=None):
    """The MC's lines for the item: inviting the question on stage and its answer during a dialogue
    segment, else the intro (and the honourees called to the stage)."""
    if question is not None:
        return [_line(line, invite(item, question, line, translate)) for line in ("ask", "answer")]
    if item is None:
        return []
    said = [_line("intro", intro(item, position, translate))]
    if item["kind"] == programme.AWARDS and item["honourees"]:
        said.append(_line("honourees", honourees(item, translate)))
    return said


def sample_question(translate):
    """A question as the printed script shows the ask and answer lines: placeholders for who asks."""
    return {"author": translate(SAMPLE["author"]), "unit": translate(SAMPLE["unit"]), "district": "",
            "agency_head_title": translate(SAMPLE["agency"]), "agency_name": "",
            "text": translate(SAMPLE["question"])}


def written(item, position, translate):
    """Every line the MC may say in the item, for the printed script: the intro, the honourees, and in a
    dialogue segment the ask and answer lines with placeholders for who asks and who answers."""
    said = lines(item, position, translate)
    if item["kind"] == programme.DIALOGUE:
        said += lines(item, position, translate, sample_question(translate))
    return said


def _question_view(question):
    named = asker(question)
    return {"id": question["id"], "text": question["text"], "author": named["name"], "unit": named["unit"],
            "agency": named["agency"]}


def staged(store, event, item):
    """The question on stage, when the MC invites it: during a dialogue segment, or with no item
    running (an event without a programme); else None."""
    if item is not None and item["kind"] != programme.DIALOGUE:
        return None
    return store.question(event["stage_question_id"]) if event["stage_question_id"] else None


def now(store, event, zone, translate):
    """What the MC says now: {"version" (the programme's), "item" (the running one, or None),
    "lines" [{kind: intro | honourees | ask | answer, text}], "question" (the one on stage the lines
    invite, or None), "next" (the next item, or None), "next_line" (leading into it, or None)}."""
    event = store.event_by_id(event["id"])
    shown = programme.view(store, event, policy.MODERATOR, zone)
    positions = {item["id"]: position for position, item in enumerate(shown["items"])}
    item = shown["items"][positions[shown["current"]]] if shown["current"] in positions else None
    following = shown["items"][positions[shown["next"]]] if shown["next"] in positions else None
    question = staged(store, event, item)
    return {"version": shown["version"], "item": item,
            "lines": lines(item, positions.get(item and item["id"]), translate, question),
            "question": _question_view(question) if question else None, "next": following,
            "next_line": intro(following, positions[following["id"]], translate, leading=True) if following else None}
