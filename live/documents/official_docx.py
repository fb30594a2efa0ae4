"""The administrative DOCX format of Decree 30/2020/NĐ-CP that the conclusion notice (notice_docx) and the
briefing pack (briefing_docx) share: A4 portrait, Times New Roman, the justified and indented body, the
bold centred title with a short rule under it, page numbers in the top margin from page 2.

``start_document()`` gives an empty document in that format; ``Body`` appends paragraphs to it;
``finish_document(...)`` returns the .docx bytes. Text is always inserted as text, never as markup.
"""
import io
import unicodedata

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from .notice_layout import clean

FONT = "Times New Roman"
LANGUAGE = "vi-VN"

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 20, 20
MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 30, 15
HEADER_DISTANCE_MM = 10
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165
CELL_PADDING_MM = 1

BODY_PT = 14
BODY_LINE_SPACING = 1.2
BODY_SPACE_AFTER_PT = 6
FIRST_LINE_INDENT_CM = 1.27
PAGE_NUMBER_PT = 13

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


def text_width_mm(text, size_pt, bold=False):
    """How wide `text` prints in Times New Roman at `size_pt`, in millimetres."""
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


def mark_size(paragraph, size_pt):
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


def layout_table(table, widths_mm):
    """A borderless table of fixed column widths, centred, its cells aligned at the top."""
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

def add_run(paragraph, text, size=None, bold=False, italic=False):
    """A run of text; size, bold and italic are set only when given (else the style's)."""
    run = paragraph.add_run(text)
    if size:
        run.font.size = Pt(size)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    return run


def cell_paragraph(cell, first, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=0):
    """A table cell's first paragraph (`first`) or a new one, single-spaced, not indented."""
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(0)
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    return paragraph


def add_rule(container, length_mm, space_mm, first=False, cell=None):
    """A short centred horizontal rule: an empty, low paragraph with a bottom border,
    narrowed by equal left and right indents to ``length_mm`` within ``space_mm``."""
    if cell is not None:
        paragraph = cell_paragraph(cell, first)
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
    mark_size(paragraph, 2)
    _bottom_border(paragraph)
    return paragraph


class Body:
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
                add_run(paragraph, text, bold=style.get("bold", False), italic=style.get("italic", False))
            elif part:
                add_run(paragraph, part)
        if keep_with_next:
            paragraph.paragraph_format.keep_with_next = True
        self.last = paragraph
        return paragraph

    def heading(self, text):
        return self.paragraph((text, {"bold": True}), keep_with_next=True)

    def keep_last_with_next(self):
        """The last paragraph stays on the page of what follows (a signature never starts a page alone)."""
        if self.last is not None and self.last.runs:
            self.last.paragraph_format.keep_with_next = True


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
    run = add_run(paragraph, "", size=PAGE_NUMBER_PT)
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


def _preserve_spaces(document):
    parts = [document.element]
    section = document.sections[0]
    parts += [section.header._element, section.first_page_header._element]
    for root in parts:
        for text in root.iter(qn("w:t")):
            if text.text and "  " in text.text:
                text.set(qn("xml:space"), "preserve")


def add_title(document, summary, kind):
    """The document's kind ("THÔNG BÁO") and summary, bold and centred, a short rule under them."""
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.first_line_indent = Cm(0)
    fmt.space_before = Pt(18)
    fmt.space_after = Pt(0)
    fmt.keep_with_next = True
    add_run(paragraph, kind, size=BODY_PT, bold=True)
    if summary:
        paragraph = document.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.first_line_indent = Cm(0)
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        fmt.keep_with_next = True
        add_run(paragraph, summary, size=BODY_PT, bold=True)
    longest = min(text_width_mm(summary or kind, BODY_PT, True), TEXT_WIDTH_MM)
    rule = add_rule(document, max(20.0, longest / 3), TEXT_WIDTH_MM)
    rule.paragraph_format.space_after = Pt(12)


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
    mark_size(tail, 1)
    _page_numbers(section)
    _preserve_spaces(document)

    properties = document.core_properties
    properties.title = clean(title)[:255]  # the DOCX core property's limit
    properties.author = clean(author)
    properties.last_modified_by = clean(author)
    properties.language = LANGUAGE

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
