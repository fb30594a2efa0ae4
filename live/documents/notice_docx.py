"""The conclusion notice (thông báo kết luận) as DOCX, in the administrative format of
Decree 30/2020/NĐ-CP: A4 portrait, Times New Roman, the two-column header (issuing body
and number on the left, national title, motto and place-date on the right), "THÔNG BÁO"
with its summary, the numbered body, page numbers in the top margin from page 2, and the
"Nơi nhận" / signature block.

Pure rendering: ``render(notice)`` takes a plain dict (see ``render``) and returns the
.docx bytes. User text is always inserted as text, never as markup.
"""
import datetime
import io
import re
import unicodedata

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from ..text.dates import date_line as vietnamese_date, official_day as date_vn

FONT = "Times New Roman"
LANGUAGE = "vi-VN"

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 20, 20
MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 30, 15
HEADER_DISTANCE_MM = 10
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165

# Header and footer tables: about 38% / 62% of the text width, so that the national
# title (13 pt bold, ~96 mm) fits on one line in the right column.
LEFT_COLUMN_MM, RIGHT_COLUMN_MM = 63, 102
CELL_PADDING_MM = 1

BODY_PT = 14
BODY_LINE_SPACING = 1.2
BODY_SPACE_AFTER_PT = 6
FIRST_LINE_INDENT_CM = 1.27
HEADER_PT = 13
PAGE_NUMBER_PT = 13

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCUMENT_TYPE = "THÔNG BÁO"
ASSESSMENT_PLACEHOLDER = "[Ý kiến đánh giá chung của Chủ tịch UBND tỉnh]"
SIGNATURE_BLANK_LINES = 4

SECTION_TITLES = {
    "assessment": "Ý KIẾN ĐÁNH GIÁ CHUNG",
    "topics": "NỘI DUNG TRAO ĐỔI, TRẢ LỜI",
    "assignments": "NHIỆM VỤ GIAO CÁC CƠ QUAN, ĐƠN VỊ",
    "written": "CÁC Ý KIẾN TRẢ LỜI BẰNG VĂN BẢN",
    "organisation": "TỔ CHỨC THỰC HIỆN",
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]

# Advance widths (1/1000 em) of printable ASCII, Liberation Serif (metric-compatible with
# Times New Roman), regular and bold. Vietnamese letters are measured by their base letter.
_WIDTHS = {
    False: [int(w) for w in (
        "250,333,408,500,500,833,778,180,333,333,500,564,250,333,250,278,500,500,500,500,500,"
        "500,500,500,500,500,278,278,564,564,564,444,921,722,667,667,722,611,556,722,722,333,"
        "389,722,611,889,722,722,556,722,667,556,611,722,722,944,722,722,611,333,278,333,469,"
        "500,333,444,500,444,500,444,333,500,500,278,278,500,278,778,500,500,500,500,333,389,"
        "278,500,500,722,500,500,444,480,200,480,541").split(",")],
    True: [int(w) for w in (
        "250,333,555,500,500,1000,833,278,333,333,500,570,250,333,250,278,500,500,500,500,500,"
        "500,500,500,500,500,333,333,570,570,570,500,930,722,667,722,722,667,611,778,778,389,"
        "500,778,667,944,722,778,611,778,722,556,667,722,722,1000,722,722,667,333,278,333,581,"
        "500,333,500,556,444,556,444,333,500,556,278,333,556,278,833,556,500,556,556,444,389,"
        "333,556,500,722,500,500,444,394,220,394,520").split(",")],
}

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --------------------------------------------------------------------------- text

def _clean(text):
    """User text as a safe string: NFC, Unix newlines, no XML-illegal control chars."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVALID_XML.sub("", text).strip()


def _upper(text):
    return _clean(text).upper()


def _text_width_mm(text, size_pt, bold=False):
    table = _WIDTHS[bool(bold)]
    units = 0
    for char in text:
        code = ord(char)
        if not 32 <= code < 127:
            base = unicodedata.normalize("NFD", char)[0]
            base = {"Đ": "D", "đ": "d"}.get(base, base)
            code = ord(base)
        units += table[code - 32] if 32 <= code < 127 else 600
    return units * size_pt / 1000 * 25.4 / 72


def _lines(text, max_mm, size_pt, bold):
    """Split a heading into lines: explicit newlines are kept; a line too wide for its
    column is cut in two at the space that balances the halves ("ỦY BAN NHÂN DÂN" /
    "TỈNH LÀO CAI")."""
    result = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        words = line.split(" ")
        if _text_width_mm(line, size_pt, bold) <= max_mm or len(words) < 2:
            result.append(line)
            continue
        best = min(
            range(1, len(words)),
            key=lambda i: max(_text_width_mm(" ".join(words[:i]), size_pt, bold),
                              _text_width_mm(" ".join(words[i:]), size_pt, bold)),
        )
        result += [" ".join(words[:best]), " ".join(words[best:])]
    return [line for line in result if line]


def _strip_end(text):
    return text.rstrip(" .;,:")


# --------------------------------------------------------------------------- xml helpers

def _set_fonts(rpr):
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _set_lang(rpr):
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def _bottom_border(paragraph, size_eighths=6):
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(size_eighths))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    ppr.insert_element_before(
        borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
        "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
        "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
        "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange",
    )


def _mark_size(paragraph, size_pt):
    """Font size of the paragraph mark, which sets the height of an empty paragraph."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(int(size_pt * 2)))
        rpr.append(element)


def _no_borders(table):
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tblpr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _layout_table(table, widths_mm):
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tblpr = table._tbl.tblPr
    width = tblpr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tblpr.insert_element_before(width, "w:jc", "w:tblCellSpacing", "w:tblInd",
                                    "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
                                    "w:tblLook")
    width.set(qn("w:w"), str(Mm(sum(widths_mm)).twips))
    width.set(qn("w:type"), "dxa")
    _no_borders(table)
    margins = OxmlElement("w:tblCellMar")
    for edge, size in (("top", 0), ("left", CELL_PADDING_MM), ("bottom", 0),
                       ("right", CELL_PADDING_MM)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(Mm(size).twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tblpr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription",
                                "w:tblPrChange")
    for column, grid in zip(widths_mm, table._tbl.tblGrid.findall(qn("w:gridCol"))):
        grid.set(qn("w:w"), str(Mm(column).twips))
    for cell, column in zip(table.rows[0].cells, widths_mm):
        cell.width = Mm(column)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


# --------------------------------------------------------------------------- builders

def _run(paragraph, text, size=None, bold=False, italic=False):
    run = paragraph.add_run(text)
    if size:
        run.font.size = Pt(size)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    return run


def _cell_paragraph(cell, first, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=0):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(0)
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    return paragraph


def _rule(container, length_mm, space_mm, first=False, cell=None):
    """A short centred horizontal rule: an empty, low paragraph with a bottom border,
    narrowed by equal left and right indents to ``length_mm`` within ``space_mm``."""
    if cell is not None:
        paragraph = _cell_paragraph(cell, first)
    else:
        paragraph = container.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.first_line_indent = Cm(0)
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
    length_mm = max(5.0, min(length_mm, space_mm))
    side = (space_mm - length_mm) / 2
    fmt = paragraph.paragraph_format
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.line_spacing = Pt(3)
    _mark_size(paragraph, 2)
    _bottom_border(paragraph)
    return paragraph


class _Body:
    """Appends the body paragraphs (Normal style: 14 pt, justified, indented)."""

    def __init__(self, document):
        self.document = document
        self.last = None

    def paragraph(self, *parts, keep_with_next=False):
        """parts: strings or (text, {"bold": .., "italic": ..}) pairs."""
        paragraph = self.document.add_paragraph()
        for part in parts:
            if isinstance(part, tuple):
                text, style = part
                _run(paragraph, text, bold=style.get("bold", False),
                     italic=style.get("italic", False))
            elif part:
                _run(paragraph, part)
        if keep_with_next:
            paragraph.paragraph_format.keep_with_next = True
        self.last = paragraph
        return paragraph

    def heading(self, text):
        return self.paragraph((text, {"bold": True}), keep_with_next=True)

    def finish(self):
        """Close the content with "./." as the administrative format requires."""
        if self.last is None or not self.last.runs:
            return
        # The signature block never starts a page on its own.
        self.last.paragraph_format.keep_with_next = True
        run = self.last.runs[-1]
        text = run.text.rstrip()
        if text.endswith("./."):
            return
        if text.endswith("."):
            run.text = text + "/."
        elif text and text[-1] in ";,:":
            run.text = text[:-1] + "./."
        else:
            run.text = text + "./."


def _setup_document(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    section.footer_distance = Mm(HEADER_DISTANCE_MM)

    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _set_fonts(rpr)
            _set_lang(rpr)

    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    rpr = normal.element.get_or_add_rPr()
    _set_fonts(rpr)
    _set_lang(rpr)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(FIRST_LINE_INDENT_CM)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(BODY_SPACE_AFTER_PT)
    fmt.line_spacing = BODY_LINE_SPACING
    fmt.widow_control = True
    return section


def _page_numbers(section):
    """PAGE field centred in the top margin from page 2; the first page has an empty
    header of its own (titlePg)."""
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    for paragraph in first.paragraphs:
        paragraph.paragraph_format.first_line_indent = Cm(0)

    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.first_line_indent = Cm(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    run = _run(paragraph, "", size=PAGE_NUMBER_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None),
                       (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _number_line(number):
    number = re.sub(r"^số\s*:?\s*", "", _clean(number), flags=re.IGNORECASE).strip()
    if number[:1].isdigit():
        return f"Số: {number}"
    if not number:
        number = "TB"
    if not number.startswith("/"):
        number = "/" + number
    return "Số:" + " " * 8 + number


def _header(document, notice, date_line):
    table = document.add_table(rows=1, cols=2)
    _layout_table(table, [LEFT_COLUMN_MM, RIGHT_COLUMN_MM])
    left, right = table.rows[0].cells
    left_space = LEFT_COLUMN_MM - 2 * CELL_PADDING_MM
    right_space = RIGHT_COLUMN_MM - 2 * CELL_PADDING_MM

    first = True
    parent = _upper(notice.get("issuer_parent"))
    if parent:
        paragraph = _cell_paragraph(left, first)
        lines = _lines(parent, left_space, HEADER_PT, False)
        for index, line in enumerate(lines):
            run = _run(paragraph, line, size=HEADER_PT)
            if index < len(lines) - 1:
                run.add_break()
        first = False
    issuer = _upper(notice.get("issuer"))
    lines = _lines(issuer, left_space, HEADER_PT, True) or [""]
    paragraph = _cell_paragraph(left, first)
    for index, line in enumerate(lines):
        run = _run(paragraph, line, size=HEADER_PT, bold=True)
        if index < len(lines) - 1:
            run.add_break()
    widest = max(_text_width_mm(line, HEADER_PT, True) for line in lines)
    # Decree 30: a rule 1/3 to 1/2 as long as the issuer's line, centred under it.
    _rule(None, max(10.0, widest * 0.45), left_space, cell=left)
    paragraph = _cell_paragraph(left, False, space_before=6)
    _run(paragraph, _number_line(notice.get("number")), size=HEADER_PT)

    paragraph = _cell_paragraph(right, True)
    _run(paragraph, NATIONAL_TITLE, size=HEADER_PT, bold=True)
    paragraph = _cell_paragraph(right, False)
    _run(paragraph, MOTTO, size=14, bold=True)
    _rule(None, _text_width_mm(MOTTO, 14, True), right_space, cell=right)
    paragraph = _cell_paragraph(right, False, space_before=6)
    _run(paragraph, date_line, size=14, italic=True)
    return table


def _title(document, summary, kind=DOCUMENT_TYPE):
    """The document's kind ("THÔNG BÁO") and summary, bold and centred, a short rule under them."""
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.first_line_indent = Cm(0)
    fmt.space_before = Pt(18)
    fmt.space_after = Pt(0)
    fmt.keep_with_next = True
    _run(paragraph, kind, size=BODY_PT, bold=True)
    if summary:
        paragraph = document.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.first_line_indent = Cm(0)
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        fmt.keep_with_next = True
        _run(paragraph, summary, size=BODY_PT, bold=True)
    longest = min(_text_width_mm(summary or kind, BODY_PT, True), TEXT_WIDTH_MM)
    rule = _rule(document, max(20.0, longest / 3), TEXT_WIDTH_MM)
    rule.paragraph_format.space_after = Pt(12)


def _due(item, prefix="thời hạn: "):
    due = item.get("due")
    if isinstance(due, datetime.date):
        return prefix + date_vn(due)
    text = _clean(item.get("due_text"))
    return prefix + text if text else ""


def _question_parts(question):
    if isinstance(question, dict):
        return _clean(question.get("question") or question.get("text")), _clean(question.get("asker"))
    return _clean(question), ""


# The sentences the DOCX and the print page (exports.notice_view) share.

def _figure_lines(notice):
    """'- label: value;' for each figure, the last one ending with a full stop."""
    figures = [(_clean(label), _clean(value)) for label, value in notice.get("figures") or []]
    return [f"- {_strip_end(label)}: {_strip_end(value)}{'.' if index == len(figures) - 1 else ';'}"
            for index, (label, value) in enumerate(figures)]


def _answer_line(answer):
    """'+ who: summary', who being the speaker, with the agency in brackets unless the speaker names it."""
    speaker, agency = _clean(answer.get("speaker")), _clean(answer.get("agency"))
    if speaker and agency and agency.casefold() not in speaker.casefold():
        who = f"{speaker} ({agency})"
    else:
        who = speaker or agency
    summary = _clean(answer.get("summary"))
    return f"+ {who}: {summary}" if who else f"+ {summary}"


def _topic_heading(number, topic):
    """"1. <topic>"; "" for a topic with no name, whose items stand directly under the section."""
    name = _clean(topic.get("name"))
    return f"{number}. {name}" if name else ""


def _assignment_heading(number, assignment):
    """'1. Giao <agency>:' (no second 'Giao' when the agency text starts with it)."""
    agency = _strip_end(_clean(assignment.get("agency")))
    label = agency if agency.casefold().startswith("giao ") else f"Giao {agency}"
    return f"{number}. {label}:"


def _task_line(task):
    text, due = _strip_end(_clean(task.get("text"))), _due(task)
    return f"- {text}; {due}." if due else f"- {text}."


def _written_lead(group):
    """(the agency, the rest of the sentence) that lead an agency's questions to answer in writing."""
    agency = _strip_end(_clean(group.get("agency")))
    due = _due(group, prefix="")
    if isinstance(group.get("due"), datetime.date):
        tail = f" trả lời bằng văn bản các câu hỏi sau, hoàn thành trước ngày {due}:"
    elif due:
        tail = f" trả lời bằng văn bản các câu hỏi sau (thời hạn: {due}):"
    else:
        tail = " trả lời bằng văn bản các câu hỏi sau:"
    return agency, tail


def _body(document, notice):
    body = _Body(document)

    for text in notice.get("opening") or []:
        if _clean(text):
            body.paragraph(_clean(text))
    for line in _figure_lines(notice):
        body.paragraph(line)

    numbers = iter(ROMAN)

    def section(key):
        body.heading(f"{next(numbers)}. {SECTION_TITLES[key]}")

    section("assessment")
    assessment = [_clean(text) for text in notice.get("assessment") or [] if _clean(text)]
    if assessment:
        for text in assessment:
            body.paragraph(text)
    else:
        body.paragraph((ASSESSMENT_PLACEHOLDER, {"italic": True}))

    topics = [topic for topic in notice.get("topics") or [] if topic.get("items")]
    if topics:
        section("topics")
        for number, topic in enumerate(topics, start=1):
            heading = _topic_heading(number, topic)
            if heading:
                body.heading(heading)
            for item in topic["items"]:
                question, asker = _question_parts(item)
                parts = ["- Câu hỏi: ", question]
                if asker:
                    parts += [" (", (asker, {"italic": True}), ")"]
                body.paragraph(*parts)
                for answer in item.get("answers") or []:
                    body.paragraph(_answer_line(answer))
                direction = _clean(item.get("direction"))
                if direction:
                    body.paragraph((direction, {"italic": True}))

    assignments = [a for a in notice.get("assignments") or [] if a.get("tasks")]
    if assignments:
        section("assignments")
        for number, assignment in enumerate(assignments, start=1):
            body.heading(_assignment_heading(number, assignment))
            for task in assignment["tasks"]:
                body.paragraph(_task_line(task))

    written = [w for w in notice.get("written") or [] if w.get("questions")]
    if written:
        section("written")
        for number, group in enumerate(written, start=1):
            agency, tail = _written_lead(group)
            body.paragraph((f"{number}. Giao {agency}", {"bold": True}), tail,
                           keep_with_next=True)
            for question in group["questions"]:
                text, asker = _question_parts(question)
                parts = ["- ", text]
                if asker:
                    parts += [" (", (asker, {"italic": True}), ")"]
                body.paragraph(*parts)

    organisation = [_clean(text) for text in notice.get("organisation") or [] if _clean(text)]
    if organisation:
        section("organisation")
        for text in organisation:
            body.paragraph(text)

    body.finish()


def _recipient(text):
    return _strip_end(re.sub(r"^[\s\-–—•+]+", "", _clean(text)))


def _footer(document, notice):
    table = document.add_table(rows=1, cols=2)
    _layout_table(table, [LEFT_COLUMN_MM, RIGHT_COLUMN_MM])
    # The recipients and the signature stay together on one page.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells

    paragraph = _cell_paragraph(left, True, align=WD_ALIGN_PARAGRAPH.LEFT, space_before=12)
    _run(paragraph, "Nơi nhận:", size=12, bold=True, italic=True)
    for recipient in notice.get("recipients") or []:
        text = _recipient(recipient)
        if text:
            paragraph = _cell_paragraph(left, False, align=WD_ALIGN_PARAGRAPH.LEFT)
            _run(paragraph, f"- {text};", size=11)
    archive = _recipient(notice.get("archive")) or "Lưu: VT"
    if not archive.casefold().startswith("lưu"):
        archive = f"Lưu: {archive}"
    paragraph = _cell_paragraph(left, False, align=WD_ALIGN_PARAGRAPH.LEFT)
    _run(paragraph, f"- {archive}.", size=11)

    heads = [_upper(notice.get(key)) for key in ("signer_authority", "signer_title")]
    heads = [head for head in heads if head] or [""]
    for index, head in enumerate(heads):
        paragraph = _cell_paragraph(right, index == 0, space_before=12 if index == 0 else 0)
        _run(paragraph, head, size=14, bold=True)
    for _ in range(SIGNATURE_BLANK_LINES):
        paragraph = _cell_paragraph(right, False)
        _mark_size(paragraph, 14)
    paragraph = _cell_paragraph(right, False)
    _run(paragraph, _clean(notice.get("signer_name")), size=14, bold=True)
    return table


def _preserve_spaces(document):
    parts = [document.element]
    section = document.sections[0]
    parts += [section.header._element, section.first_page_header._element]
    for root in parts:
        for text in root.iter(qn("w:t")):
            if text.text and "  " in text.text:
                text.set(qn("xml:space"), "preserve")


def render(notice):
    """The conclusion notice as .docx bytes.

    notice keys (all optional except for a sensible result; strings may be ""):
      issuer_parent, issuer, number ("/TB-VPUBND" or "15/TB-UBND"), place,
      date (datetime.date | None), year (int, used for a blank date; default: this year),
      summary, opening [str], figures [[label, value]], assessment [str],
      topics [{name ("": no heading), items: [{question, asker, answers: [{speaker, agency,
      summary}], direction}]}], assignments [{agency, tasks: [{text, due (date|None), due_text}]}],
      written [{agency, due (date|None), due_text, questions [str | {question, asker}]}],
      organisation [str], recipients [str], archive, signer_authority, signer_title,
      signer_name.
    """
    document, section = start_document()

    day = notice.get("date")
    year = notice.get("year") or (None if day else datetime.date.today().year)
    date_line = vietnamese_date(notice.get("place"), day, year=year)
    summary = _clean(notice.get("summary"))

    # The default document starts with no paragraph; the header table comes first.
    _header(document, notice, date_line)
    _title(document, summary)
    _body(document, notice)
    _footer(document, notice)
    return finish_document(document, section, f"{DOCUMENT_TYPE} {summary}", notice.get("issuer"))


def start_document():
    """(document, section): an empty A4 document in the administrative format (margins, fonts, body style)."""
    document = Document()
    return document, _setup_document(document)


def finish_document(document, section, title, author):
    """The finished document's .docx bytes: page numbers from page 2, its title and author."""
    # Word wants a paragraph after a final table; keep it tiny so it never makes a page.
    tail = document.add_paragraph()
    tail.paragraph_format.space_after = Pt(0)
    tail.paragraph_format.line_spacing = Pt(1)
    _mark_size(tail, 1)
    _page_numbers(section)
    _preserve_spaces(document)

    properties = document.core_properties
    properties.title = _clean(title)[:255]  # the DOCX core property's limit
    properties.author = _clean(author)
    properties.last_modified_by = _clean(author)
    properties.language = LANGUAGE

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
