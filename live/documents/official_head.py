"""The two-column head of an administrative document (Decree 30/2020/NĐ-CP), as the conclusion notice
and the detailed script draw it in DOCX: the issuing body (and the number, when the document has one)
on the left, the national title, motto and place-date on the right, each with its short rule."""
from .official_docx import CELL_PADDING_MM, add_rule, add_run, cell_paragraph, layout_table, text_width_mm

# About 38% / 62% of the text width, so that the national title (13 pt bold, ~96 mm) fits on one line
# in the right column (the signature block below a notice uses the same columns).
LEFT_COLUMN_MM, RIGHT_COLUMN_MM = 63, 102
HEADER_PT = 13


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


def add_header(document, page):
    """The head table from a layout's issuer_parent, issuer, number ("": none), national_title, motto
    and date_line."""
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
    if page["number"]:
        add_run(cell_paragraph(left, False, space_before=6), page["number"], size=HEADER_PT)

    add_run(cell_paragraph(right, True), page["national_title"], size=HEADER_PT, bold=True)
    add_run(cell_paragraph(right, False), page["motto"], size=14, bold=True)
    add_rule(None, text_width_mm(page["motto"], 14, True), right_space, cell=right)
    add_run(cell_paragraph(right, False, space_before=6), page["date_line"], size=14, italic=True)
    return table
