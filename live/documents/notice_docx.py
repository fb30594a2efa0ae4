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
from .official_docx import (Body, add_run, add_title, cell_paragraph, finish_document, layout_table,
                            mark_size, start_document)
from .official_head import LEFT_COLUMN_MM, RIGHT_COLUMN_MM, add_header

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
    add_header(document, page)
    add_title(document, page["summary"], page["document_type"])
    _body(document, page)
    _footer(document, page)
    return finish_document(document, section, f"{page['document_type']} {page['summary']}", notice.get("issuer"))


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
