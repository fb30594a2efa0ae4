"""The briefing pack (briefing.pack) as DOCX, in the look of the conclusion notice (official_docx:
A4, Times New Roman 14, justified body, page numbers from page 2).

Its title is the plan's own words for this document: "TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỦA THANH NIÊN"
(plan V.1-V.2: the Youth Union "tổng hợp" the proposals, the Department of Home Affairs groups them
"theo nhóm vấn đề" for the Chairman). It carries no number nor signature: a working document, not
one issued. Then the event, the counts table, I. by theme, II. by agency (left out of an agency's
own part, where it would repeat I), then the results of the polls someone answered. A question keeps
one number ("Câu 3") in both sections.

User text is inserted as text, NFC, never as markup.
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from . import poll_text
from .notice_layout import ROMAN, clean, strip_end
from .official_docx import (BODY_PT, TEXT_WIDTH_MM, Body, add_run, add_title, cell_paragraph, finish_document,
                            start_document)
from ..text.dates import date_line, official_day, parse_day

KIND = "TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỦA THANH NIÊN"
SECTIONS = ("I. CÁC Ý KIẾN, KIẾN NGHỊ THEO NHÓM VẤN ĐỀ", "II. CÁC Ý KIẾN, KIẾN NGHỊ THEO CƠ QUAN TRẢ LỜI")
COUNTS_HEADING = "SỐ LƯỢNG Ý KIẾN, KIẾN NGHỊ"
COUNT_ROWS = (("channel", "Theo kênh tiếp nhận"), ("district", "Theo địa bàn"),
              ("youth_group", "Theo đối tượng thanh niên"))
POLLS_HEADING = "KẾT QUẢ THĂM DÒ Ý KIẾN"
MERGED_LEAD = "Cùng nội dung:"
FORWARDED_LEAD = "Chuyển lên từ các địa bàn: "
NOTHING_YET = "Chưa có ý kiến, kiến nghị nào được duyệt."
TABLE_PT = 13
META_PT = 13
COUNT_COLUMN_MM = 30


def render(pack, as_of=None):
    """The pack as .docx bytes; `as_of` (a date) says how recent its figures are."""
    document, section = start_document()
    agency = pack["agency"]
    part = f"Phần giao {clean(agency['name'])} chuẩn bị trả lời" if agency else ""
    add_title(document, "\n".join(filter(None, [clean(pack["event"]["title"]), part])), kind=KIND)
    body = Body(document)
    if as_of:
        _centred(body.paragraph((f"(Số liệu tổng hợp đến ngày {official_day(as_of)})", {"italic": True})))
    _event_lines(body, pack["event"], pack["counts"])
    body.heading(COUNTS_HEADING)
    _counts_table(document, pack["counts"])
    if pack["forwarded"]["proposals"]:
        body.paragraph((FORWARDED_LEAD, {"bold": True}), _forwarded(pack["forwarded"]) + ".")
    numbers = {item["id"]: index for index, item in
               enumerate((item for group in pack["themes"] for item in group["questions"]), start=1)}
    if not numbers:
        body.paragraph((NOTHING_YET, {"italic": True}))
    # in an agency's own part, every question is that agency's: no need to say so each time
    _section(body, SECTIONS[0], pack["themes"], numbers, lambda group: group["label"],
             show="agency" if agency is None else None)
    if agency is None:
        _section(body, SECTIONS[1], pack["agencies"], numbers, _agency_heading, show="topic")
    if pack["polls"]:  # numbered after the sections above that are there
        _polls(body, ROMAN[0 if not pack["themes"] else 1 if agency else 2], pack["polls"])
    return finish_document(document, section, f"{KIND} {pack['event']['title']} {part}", "Đối thoại Live")


def _centred(paragraph):
    paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    return paragraph


def _event_lines(body, event, counts):
    if event["date"]:
        body.paragraph(("Thời gian: ", {"bold": True}), date_line(None, parse_day(event["date"])) + ".")
    if clean(event["venue"]):
        body.paragraph(("Địa điểm: ", {"bold": True}), strip_end(clean(event["venue"])) + ".")
    if clean(event["theme"]):
        body.paragraph(("Chủ đề: ", {"bold": True}), f"“{strip_end(clean(event['theme']))}”.")
    body.paragraph(("Tổng số: ", {"bold": True}), _total(counts) + ".")


def _total(counts):
    """'12 ý kiến, kiến nghị, tổng hợp thành 9 nội dung' (the second half only when some were merged)."""
    total = f"{counts['proposals']} ý kiến, kiến nghị"
    if counts["questions"] != counts["proposals"]:
        total += f", tổng hợp thành {counts['questions']} nội dung"
    return total


def _forwarded(forwarded):
    """'3 ý kiến (Xã Tả Van: 2; Phường Cốc Lếu: 1)'"""
    areas = "; ".join(f"{clean(area['label'])}: {area['count']}" for area in forwarded["areas"])
    return f"{forwarded['proposals']} ý kiến ({areas})"


def _capital(text):
    text = clean(text)
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- the counts table

def _counts_table(document, counts):
    """A bordered two-column table: a bold row per dimension (channel, district, youth group),
    then one row per value with its count."""
    rows = [(f"{index}. {title}", None, True) for index, (_, title) in enumerate(COUNT_ROWS, start=1)]
    lines = []
    for (key, _), heading in zip(COUNT_ROWS, rows):
        lines.append(heading)
        lines += [(f"- {_capital(entry['label'] or entry['key'])}", entry["count"], False) for entry in counts[key]]
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    widths = (TEXT_WIDTH_MM - COUNT_COLUMN_MM, COUNT_COLUMN_MM)
    _table_row(table.rows[0], ("Nguồn, đối tượng", "Số ý kiến"), widths, bold=True)
    for label, count, bold in lines:
        _table_row(table.add_row(), (label, "" if count is None else str(count)), widths, bold=bold)
    for column, grid in zip(widths, table._tbl.tblGrid.findall(qn("w:gridCol"))):
        grid.set(qn("w:w"), str(Mm(column).twips))
    # the table heading repeats on every page it runs onto
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    document.add_paragraph().paragraph_format.space_after = Pt(0)


def _table_row(row, texts, widths, bold):
    aligns = (WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER)
    for cell, text, width, align in zip(row.cells, texts, widths, aligns):
        cell.width = Mm(width)
        add_run(cell_paragraph(cell, True, align=align, space_before=2), text, size=TABLE_PT, bold=bold)


# --------------------------------------------------------------------------- the questions

def _section(body, title, groups, numbers, heading, show):
    if not groups:
        return
    body.heading(title)
    for index, group in enumerate(groups, start=1):
        body.heading(f"{index}. {heading(group)}")
        _meta(body.paragraph(_group_counts(group["counts"])))
        for item in group["questions"]:
            _question(body, item, numbers[item["id"]], show)


def _agency_heading(group):
    name = clean(group["label"])
    head = clean(group.get("head_title"))
    return f"{name} ({head})" if head and head.casefold() != name.casefold() else name


def _group_counts(counts):
    """'5 ý kiến, kiến nghị. Kênh: ...: 2; ... Địa bàn: ... Đối tượng: ...'"""
    parts = [_total(counts) + "."]
    for (key, _), lead in zip(COUNT_ROWS, ("Kênh", "Địa bàn", "Đối tượng")):
        listed = "; ".join(f"{clean(entry['label'] or entry['key'])}: {entry['count']}" for entry in counts[key])
        parts.append(f"{lead}: {listed}.")
    return " ".join(parts)


def _question(body, item, number, show):
    body.paragraph((f"Câu {number}. ", {"bold": True}), clean(item["text"]), keep_with_next=True)
    facts = [f"{item['votes']} bình chọn", *_origin(item)]
    if show == "agency":
        facts.append("cơ quan trả lời: " + (clean(item["agency"]["name"]) if item["agency"] else "chưa phân công"))
    elif show == "topic" and item["topic"]:
        facts.append(f"nhóm vấn đề: {clean(item['topic'])}")
    _meta(body.paragraph(f"({'; '.join(facts)})"))
    if item["merged"]:
        _meta(body.paragraph((MERGED_LEAD, {"bold": True}), keep_with_next=True))
        for merged in item["merged"]:
            _meta(body.paragraph(f"- {clean(merged['text'])} ({'; '.join(_origin(merged))})"))


def _polls(body, number, records):
    """Each poll someone answered: its question, how many answered (a scale's mean), each option's count
    and share."""
    body.heading(f"{number}. {POLLS_HEADING}")
    for index, poll in enumerate(records, start=1):
        body.heading(f"{index}. {clean(poll['text'])}")
        facts = [poll_text.answered(poll)] + ([poll_text.mean(poll)] if poll["mean"] is not None else [])
        _meta(body.paragraph(f"({'; '.join(facts)})", keep_with_next=True))
        for option in poll["options"]:
            body.paragraph(poll_text.option_line(option))


def _origin(proposal):
    """Where a proposal came from and who sent it: channel, sender (name, unit, district), youth group."""
    channel = clean(proposal["channel_label"] or proposal["channel"])
    if clean(proposal["channel_detail"]):
        channel += f" ({clean(proposal['channel_detail'])})"
    sender = [clean(proposal["author"]) or "không ghi tên", clean(proposal["unit"]), clean(proposal["district"])]
    facts = [channel, "người gửi: " + ", ".join(filter(None, sender))]
    if proposal["youth_group_label"]:
        facts.append(f"đối tượng: {clean(proposal['youth_group_label'])}")
    came = proposal["forwarded"]
    if came:
        facts.append(f"chuyển lên từ {clean(came['source_event'])}, câu #{clean(came['source_ref'])}")
        if clean(came["answered"]):
            facts.append(f"đã trả lời tại địa phương: {clean(came['answered'])}")
        if clean(came["note"]):
            facts.append(f"ghi chú: {clean(came['note'])}")
    return facts


def _meta(paragraph):
    """The smaller, italic line of facts under a question or a group heading."""
    for run in paragraph.runs:
        run.font.size = Pt(META_PT)
        run.italic = True
    paragraph.paragraph_format.space_after = Pt(BODY_PT // 2)
    return paragraph
