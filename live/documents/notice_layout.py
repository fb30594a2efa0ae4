"""The conclusion notice (thông báo kết luận) laid out once, as plain data, in the administrative
format of Decree 30/2020/NĐ-CP: its wording, numbering and punctuation. notice_docx draws this layout
as DOCX, templates/conclusion_print.html as the printable page (and so the PDF); fonts, sizes and
page geometry belong to each of them.

``layout(notice)`` takes the notice dict (conclusion.draft; keys in notice_docx.render) and returns:
  issuer_parent, issuer, number, national_title, motto, date_line   the two-column header
  document_type, summary                                            the title
  intro [paragraph], sections [{title, paragraphs [paragraph]}]     the body, closed by "./."
  recipients_head, recipients [line], signer_heads [line], signer_name
where a paragraph is {"kind": text | heading | lead | placeholder, "parts": [(text, "" | "b" | "i")]}
("b" bold, "i" italic; a heading is bold throughout; a heading or a lead stays with what follows).
User text is only ever text: NFC, Unix newlines, no XML-illegal characters.
"""
import datetime
import re
import unicodedata
from ..text.dates import date_line, official_day

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCUMENT_TYPE = "THÔNG BÁO"
ASSESSMENT_PLACEHOLDER = "[Ý kiến đánh giá chung của Chủ tịch UBND tỉnh]"
RECIPIENTS_HEAD = "Nơi nhận:"
SECTION_TITLES = {
    "assessment": "Ý KIẾN ĐÁNH GIÁ CHUNG",
    "topics": "NỘI DUNG TRAO ĐỔI, TRẢ LỜI",
    "assignments": "NHIỆM VỤ GIAO CÁC CƠ QUAN, ĐƠN VỊ",
    "written": "CÁC Ý KIẾN TRẢ LỜI BẰNG VĂN BẢN",
    "organisation": "TỔ CHỨC THỰC HIỆN",
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --------------------------------------------------------------------------- dates

# --------------------------------------------------------------------------- text

def clean(text):
    """User text as a safe string: NFC, Unix newlines, no XML-illegal control chars, trimmed."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVALID_XML.sub("", text).strip()


def strip_end(text):
    """Without its closing punctuation, to end it as the sentence requires."""
    return text.rstrip(" .;,:")


def number_line(number):
    """"Số: 15/TB-UBND" for a number given; "Số:        /TB-VPUBND", room for it, for a blank one."""
    number = re.sub(r"^số\s*:?\s*", "", clean(number), flags=re.IGNORECASE).strip()
    if number[:1].isdigit():
        return f"Số: {number}"
    if not number:
        number = "TB"
    if not number.startswith("/"):
        number = "/" + number
    return "Số:" + " " * 8 + number


# --------------------------------------------------------------------------- the layout

def layout(notice):
    """The notice as every renderer draws it (see the module's docstring)."""
    day = notice.get("date")
    year = notice.get("year") or (None if day else datetime.date.today().year)
    intro = [_paragraph(clean(text)) for text in notice.get("opening") or [] if clean(text)]
    intro += [_paragraph(line) for line in _figure_lines(notice)]
    intro += [_paragraph(text) for text in _texts(notice, "polls")]
    sections = _sections(notice)
    _close(sections[-1]["paragraphs"])
    return {
        "issuer_parent": clean(notice.get("issuer_parent")).upper(),
        "issuer": clean(notice.get("issuer")).upper(),
        "number": number_line(notice.get("number")),
        "national_title": NATIONAL_TITLE,
        "motto": MOTTO,
        "date_line": date_line(notice.get("place"), day, year=year),
        "document_type": DOCUMENT_TYPE,
        "summary": clean(notice.get("summary")),
        "intro": intro,
        "sections": sections,
        **_signature(notice),
    }


def _paragraph(*parts, kind="text"):
    """parts: strings or (text, "b" | "i") pairs; empty ones left out."""
    kept = []
    for part in parts:
        if isinstance(part, tuple):
            if part[0]:
                kept.append(part)
        elif part:
            kept.append((part, ""))
    return {"kind": kind, "parts": kept}


def _sections(notice):
    """The numbered sections: the assessment always, the others when they have something to say."""
    built = [("assessment", _assessment(notice)), ("topics", _topics(notice)),
             ("assignments", _assignments(notice)), ("written", _written(notice)),
             ("organisation", [_paragraph(text) for text in _texts(notice, "organisation")])]
    built = [(key, paragraphs) for key, paragraphs in built if paragraphs]
    return [{"title": f"{number}. {SECTION_TITLES[key]}", "paragraphs": paragraphs}
            for number, (key, paragraphs) in zip(ROMAN, built)]


def _texts(notice, key):
    return [clean(text) for text in notice.get(key) or [] if clean(text)]


def _assessment(notice):
    return [_paragraph(text) for text in _texts(notice, "assessment")] or [
        _paragraph((ASSESSMENT_PLACEHOLDER, "i"), kind="placeholder")]


def _topics(notice):
    """Per topic (its name as a numbered heading), each question with its answers and direction."""
    paragraphs = []
    topics = [topic for topic in notice.get("topics") or [] if topic.get("items")]
    for number, topic in enumerate(topics, start=1):
        name = clean(topic.get("name"))
        if name:  # a topic with no name: its items stand directly under the section
            paragraphs.append(_paragraph(f"{number}. {name}", kind="heading"))
        for item in topic["items"]:
            paragraphs.append(_asked("- Câu hỏi: ", item))
            paragraphs += [_paragraph(_answer_line(answer)) for answer in item.get("answers") or []]
            direction = clean(item.get("direction"))
            if direction:
                paragraphs.append(_paragraph((direction, "i")))
    return paragraphs


def _assignments(notice):
    """'1. Giao <agency>:' (no second 'Giao' when the agency text starts with it), then its tasks."""
    paragraphs = []
    assignments = [a for a in notice.get("assignments") or [] if a.get("tasks")]
    for number, assignment in enumerate(assignments, start=1):
        agency = strip_end(clean(assignment.get("agency")))
        label = agency if agency.casefold().startswith("giao ") else f"Giao {agency}"
        paragraphs.append(_paragraph(f"{number}. {label}:", kind="heading"))
        for task in assignment["tasks"]:
            text, due = strip_end(clean(task.get("text"))), _due(task)
            paragraphs.append(_paragraph(f"- {text}; {due}." if due else f"- {text}."))
    return paragraphs


def _written(notice):
    """Per agency, the sentence that gives it its questions to answer in writing, then each question."""
    paragraphs = []
    groups = [w for w in notice.get("written") or [] if w.get("questions")]
    for number, group in enumerate(groups, start=1):
        agency = strip_end(clean(group.get("agency")))
        due = _due(group, prefix="")
        if isinstance(group.get("due"), datetime.date):
            tail = f" trả lời bằng văn bản các câu hỏi sau, hoàn thành trước ngày {due}:"
        elif due:
            tail = f" trả lời bằng văn bản các câu hỏi sau (thời hạn: {due}):"
        else:
            tail = " trả lời bằng văn bản các câu hỏi sau:"
        paragraphs.append(_paragraph((f"{number}. Giao {agency}", "b"), tail, kind="lead"))
        paragraphs += [_asked("- ", question) for question in group["questions"]]
    return paragraphs


def _asked(prefix, question):
    """A question, then who asked it in italics between brackets."""
    if isinstance(question, dict):
        text, asker = clean(question.get("question") or question.get("text")), clean(question.get("asker"))
    else:
        text, asker = clean(question), ""
    return _paragraph(prefix, text, *([" (", (asker, "i"), ")"] if asker else []))


def _figure_lines(notice):
    """'- label: value;' for each figure, the last one ending with a full stop."""
    figures = [(clean(label), clean(value)) for label, value in notice.get("figures") or []]
    return [f"- {strip_end(label)}: {strip_end(value)}{'.' if index == len(figures) - 1 else ';'}"
            for index, (label, value) in enumerate(figures)]


def _answer_line(answer):
    """'+ who: summary', who being the speaker, with the agency in brackets unless the speaker names it."""
    speaker, agency = clean(answer.get("speaker")), clean(answer.get("agency"))
    if speaker and agency and agency.casefold() not in speaker.casefold():
        who = f"{speaker} ({agency})"
    else:
        who = speaker or agency
    summary = clean(answer.get("summary"))
    return f"+ {who}: {summary}" if who else f"+ {summary}"


def _due(item, prefix="thời hạn: "):
    due = item.get("due")
    if isinstance(due, datetime.date):
        return prefix + official_day(due)
    text = clean(item.get("due_text"))
    return prefix + text if text else ""


def _close(paragraphs):
    """"./." after the last paragraph of the content, as the administrative format requires."""
    if not paragraphs or not paragraphs[-1]["parts"]:
        return
    parts = paragraphs[-1]["parts"]
    text, style = parts[-1]
    text = text.rstrip()
    if text.endswith("./."):
        return
    if text.endswith("."):
        text += "/."
    elif text and text[-1] in ";,:":
        text = text[:-1] + "./."
    else:
        text += "./."
    parts[-1] = (text, style)


def _signature(notice):
    """"Nơi nhận" (each recipient '- X;', then '- Lưu: ….') and the signer's block."""
    recipients = [_recipient(r) for r in notice.get("recipients") or []]
    archive = _recipient(notice.get("archive")) or "Lưu: VT"
    if not archive.casefold().startswith("lưu"):
        archive = f"Lưu: {archive}"
    heads = (clean(notice.get(key)).upper() for key in ("signer_authority", "signer_title"))
    return {
        "recipients_head": RECIPIENTS_HEAD,
        "recipients": [f"- {r};" for r in recipients if r] + [f"- {archive}."],
        "signer_heads": [head for head in heads if head],
        "signer_name": clean(notice.get("signer_name")),
    }


def _recipient(text):
    return strip_end(re.sub(r"^[\s\-–—•+]+", "", clean(text)))
