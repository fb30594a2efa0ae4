"""The conclusion notice (thông báo kết luận) as DOCX: its layout (notice_layout) drawn in the
administrative format of Decree 30/2020/NĐ-CP (official_docx): the two-column header (issuing body
and number on the left, national title, motto and place-date on the right), "THÔNG BÁO" with its
summary, the numbered body, page numbers in the top margin from page 2, and the "Nơi nhận" /
signature block.

Pure rendering: ``render(notice)`` takes a plain dict (see ``render``) and returns the .docx bytes.
User text is always inserted as text, never as markup.
"""
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement

from . import notice_layout
from .official_docx import (CELL_PADDING_MM, Body, add_rule, add_run, add_title, cell_paragraph, finish_document,
                            layout_table, mark_size, start_document, text_width_mm)

# Header and footer tables: about 38% / 62% of the text width, so that the national
# title (13 pt bold, ~96 mm) fits on one line in the right column.
LEFT_COLUMN_MM, RIGHT_COLUMN_MM = 63, 102
HEADER_PT = 13
SIGNATURE_BLANK_LINES = 4


def render(notice):
    """The conclusion notice as .docx bytes.

    notice keys (all optional except for a sensible result; strings may be ""):
      issuer_parent, issuer, number ("/TB-VPUBND" or "15/TB-UBND"), place,
      date (datetime.date | None), year (int, used for a blank date; default: this year),
      summary, opening [str], figures [[label, value]], polls [str] (a sentence each), assessment [str],
      topics [{name ("": no heading), items: [{question, asker, answers: [{speaker, agency,
      summary}], direction}]}], assignments [{agency, tasks: [{text, due (date|None), due_text}]}],
      written [{agency, due (date|None), due_text, questions [str | {question, asker}]}],
      organisation [str], recipients [str], archive, signer_authority, signer_title,
      signer_name.
    """
    page = notice_layout.layout(notice)
    document, section = start_document()
    # The default document starts with no paragraph; the header table comes first.
    _header(document, page)
    add_title(document, page["summary"], page["document_type"])
    _body(document, page)
    _footer(document, page)
    return finish_document(document, section, f"{page['document_type']} {page['summary']}", notice.get("issuer"))


def _lines(text, max_mm, size_pt, bold):
    """Split a heading into lines: explicit newlines are kept; a line too wide for its
    column is cut in two at the space that balances the halves ("ỦY BAN NHÂN DÂN" /
    "TỈNH LÀO CAI")."""
    result = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        words = line.split(" ")
        if text_width_mm(line, size_pt, bold) <= max_mm or len(words) < 2:
            result.append(line)
            continue
        best = min(
            range(1, len(words)),
            key=lambda i: max(text_width_mm(" ".join(words[:i]), size_pt, bold),
                              text_width_mm(" ".join(words[i:]), size_pt, bold)),
        )
        result += [" ".join(words[:best]), " ".join(words[best:])]
    return [line for line in result if line]


def _broken_lines(cell, first, lines, bold):
    """One paragraph of header lines, separated by line breaks."""
    paragraph = cell_paragraph(cell, first)
    for index, line in enumerate(lines):
        run = add_run(paragraph, line, size=HEADER_PT, bold=bold)
        if index < len(lines) - 1:
            run.add_break()


def _header(document, page):
    table = document.add_table(rows=1, cols=2)
    layout_table(table, [LEFT_COLUMN_MM, RIGHT_COLUMN_MM])
    left, right = table.rows[0].cells
    left_space = LEFT_COLUMN_MM - 2 * CELL_PADDING_MM
    right_space = RIGHT_COLUMN_MM - 2 * CELL_PADDING_MM

    if page["issuer_parent"]:
        _broken_lines(left, True, _lines(page["issuer_parent"], left_space, HEADER_PT, False), bold=False)
    lines = _lines(page["issuer"], left_space, HEADER_PT, True) or [""]
    _broken_lines(left, not page["issuer_parent"], lines, bold=True)
    widest = max(text_width_mm(line, HEADER_PT, True) for line in lines)
    # Decree 30: a rule 1/3 to 1/2 as long as the issuer's line, centred under it.
    add_rule(None, max(10.0, widest * 0.45), left_space, cell=left)
    add_run(cell_paragraph(left, False, space_before=6), page["number"], size=HEADER_PT)

    add_run(cell_paragraph(right, True), page["national_title"], size=HEADER_PT, bold=True)
    add_run(cell_paragraph(right, False), page["motto"], size=14, bold=True)
    add_rule(None, text_width_mm(page["motto"], 14, True), right_space, cell=right)
    add_run(cell_paragraph(right, False, space_before=6), page["date_line"], size=14, italic=True)
    return table


def _body(document, page):
    """The intro, then each section's title and paragraphs; the last one stays with the signature."""
    body = Body(document)
    for paragraph in page["intro"]:
        _paragraph(body, paragraph)
    for section in page["sections"]:
        body.heading(section["title"])
        for paragraph in section["paragraphs"]:
            _paragraph(body, paragraph)
    body.keep_last_with_next()


def _paragraph(body, paragraph):
    """A paragraph of the layout: a heading is bold, a heading or a lead stays with what follows."""
    heading = paragraph["kind"] == "heading"
    parts = [(text, {"bold": heading or style == "b", "italic": style == "i"}) for text, style in paragraph["parts"]]
    return body.paragraph(*parts, keep_with_next=paragraph["kind"] in ("heading", "lead"))


def _footer(document, page):
    table = document.add_table(rows=1, cols=2)
    layout_table(table, [LEFT_COLUMN_MM, RIGHT_COLUMN_MM])
    # The recipients and the signature stay together on one page.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells

    paragraph = cell_paragraph(left, True, align=WD_ALIGN_PARAGRAPH.LEFT, space_before=12)
    add_run(paragraph, page["recipients_head"], size=12, bold=True, italic=True)
    for line in page["recipients"]:
        add_run(cell_paragraph(left, False, align=WD_ALIGN_PARAGRAPH.LEFT), line, size=11)

    for index, head in enumerate(page["signer_heads"] or [""]):
        paragraph = cell_paragraph(right, index == 0, space_before=12 if index == 0 else 0)
        add_run(paragraph, head, size=14, bold=True)
    for _ in range(SIGNATURE_BLANK_LINES):
        mark_size(cell_paragraph(right, False), 14)
    add_run(cell_paragraph(right, False), page["signer_name"], size=14, bold=True)
    return table
