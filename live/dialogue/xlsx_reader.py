"""Reading an XLSX workbook's first sheet in a process of its own. spreadsheet.read starts it by path
(`python -I live/dialogue/xlsx_reader.py LIMITS...`), the workbook on standard input, and reads one JSON
object on standard output: {"rows": [[line, [cell text, ...]], ...]} or {"refused": why, "line"?}.

A hostile workbook (a zip bomb, millions of empty rows, one cell of hundreds of megabytes, XML
entities) then costs this process its memory and CPU limits, never the server's event loop. It
imports only the standard library and openpyxl (not the app, which takes a second to import)."""
import io
import json
import sys
import zipfile
from datetime import date, datetime, time

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

UNREADABLE, TOO_LARGE, LONG_CELL, WIDE_ROW = "unreadable", "too-large", "long-cell", "wide-row"
RATIO_FROM = 1 << 20  # a member's compression ratio is judged from 1 MB unpacked: smaller ones are harmless
# What a workbook that is not one raises, or XML the parser refuses (an external or undefined entity,
# entities expanding past expat's amplification limit).
BROKEN = (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError, SyntaxError)


def main(argv):
    memory, seconds, unpacked, ratio, lines, columns, cell_chars = (int(value) for value in argv)
    _limit_process(memory, seconds)
    try:
        result = read(sys.stdin.buffer.read(), unpacked, ratio, lines, columns, cell_chars)
    except MemoryError:
        result = {"refused": TOO_LARGE}
    json.dump(result, sys.stdout)


def _limit_process(memory, seconds):
    """Address space and CPU time: past them this process fails (MemoryError) or is killed."""
    try:
        import resource
    except ImportError:  # Windows: no such limits; the server's timeout still holds
        return
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))


def read(data, unpacked, ratio, lines, columns, cell_chars):
    """The first sheet's rows, at most `lines` + 1 of them (empty ones count), each cut after its last
    non-empty cell; refused when the archive declares more than `unpacked` bytes in all or a member
    compressed more than `ratio` times, a row has a value after `columns` cells, or a cell is longer
    than `cell_chars`."""
    try:
        if _bomb(data, unpacked, ratio):
            return {"refused": TOO_LARGE}  # decided on the declared sizes: zipfile reads no further
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return _rows(workbook.worksheets[0], lines, columns, cell_chars)
        finally:
            workbook.close()
    except BROKEN:
        return {"refused": UNREADABLE}


def _bomb(data, unpacked, ratio):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    return sum(member.file_size for member in members) > unpacked or any(
        member.file_size > RATIO_FROM and member.file_size > ratio * max(member.compress_size, 1)
        for member in members)


def _rows(sheet, lines, columns, cell_chars):
    rows = []
    sheet.reset_dimensions()  # each row as wide as its last cell, not as wide as the sheet claims to be
    # openpyxl makes up the rows missing between two that the sheet has: bounded by max_row
    for line, values in enumerate(sheet.iter_rows(max_row=lines + 1, values_only=True), start=1):
        if values[columns:].count(None) < len(values[columns:]):
            return {"refused": WIDE_ROW, "line": line}
        cells = [cell_text(value) for value in values[:columns]]
        while cells and not cells[-1]:
            cells.pop()
        if any(len(cell) > cell_chars for cell in cells):
            return {"refused": LONG_CELL, "line": line}
        rows.append([line, cells])
    return {"rows": rows}


def cell_text(value):
    """A cell as the office typed it: 12 not 12.0, dates as YYYY-MM-DD, nothing as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


if __name__ == "__main__":
    main(sys.argv[1:])
