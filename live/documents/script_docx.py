"""The detailed script (kịch bản chi tiết) as DOCX: its layout (script_layout) drawn in the administrative
format the notice uses (official_docx, official_head): the two-column head with the national motto,
"KỊCH BẢN CHI TIẾT" and the programme's name, when and where, then one bordered table row per item (time,
duration, the item, who presents it, the MC's lines; its head row repeated on every page), the total.

Pure rendering: ``render(page)`` takes script_layout.layout's dict and returns the .docx bytes.
"""
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .official_docx import Body, add_run, add_title, cell_paragraph, finish_document, start_document
from .official_head import add_header

COLUMNS_MM = (16, 17, 42, 32, 58)  # the text width, 165 mm
TABLE_PT = 12
LEFT_FROM = 2  # the item, who presents it and the lines read from the left; times are centred


def render(page):
    """The script as .docx bytes."""
    document, section = start_document()
    add_header(document, page)
    add_title(document, page["summary"], page["document_type"])
    body = Body(document)
    for text in page["intro"]:
        body.paragraph(text)
    if page["rows"]:
        _table(document, page["columns"], page["rows"])
    for text in page["closing"]:
        body.paragraph(text)
    return finish_document(document, section, f"{page['document_type']} {page['summary']}", page["issuer"])


def _table(document, columns, rows):
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    _row(table.rows[0], [[(name, "b")] for name in columns], centred=True)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
    for cells in rows:
        _row(table.add_row(), cells)
    for width, grid in zip(COLUMNS_MM, table._tbl.tblGrid.findall(qn("w:gridCol"))):
        grid.set(qn("w:w"), str(Mm(width).twips))
    return table


def _row(row, cells, centred=False):
    """Each cell's paragraphs, (text, "b" | "i" | "") each."""
    for index, (cell, paragraphs, width) in enumerate(zip(row.cells, cells, COLUMNS_MM)):
        cell.width = Mm(width)
        align = WD_ALIGN_PARAGRAPH.LEFT if index >= LEFT_FROM and not centred else WD_ALIGN_PARAGRAPH.CENTER
        for number, (text, style) in enumerate(paragraphs):
            paragraph = cell_paragraph(cell, number == 0, align=align, space_before=2)
            paragraph.paragraph_format.space_after = Pt(2)
            add_run(paragraph, text, size=TABLE_PT, bold=style == "b", italic=style == "i")
