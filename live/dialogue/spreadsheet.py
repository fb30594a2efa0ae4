"""Reading an uploaded table, the way offices send them: CSV saved by Excel (UTF-8, with or without
a byte order mark, `,` or `;` between cells as the regional settings choose) or an XLSX workbook
(its first sheet). The first non-blank row names the columns; each caller says which names it
knows, compared folded (search_text.fold), so "Họ và tên", "HO VA TEN" and "ho_va_ten" are one.

Nothing here raises for what is in the file: what cannot be read becomes a problem of the table or of
its row (errors.Invalid, a msgid with params), so a preview can list them all. Only a workbook too
large to read at all is refused whole (errors.TooLarge, 413). Every row and cell counts toward the
limits, empty ones too, and a workbook is read in a process of its own (xlsx_reader) with memory and
time limits: a few hundred kilobytes of XLSX can unpack to gigabytes."""
import csv
import io
import json
import logging
import math
import subprocess
import sys
from dataclasses import dataclass, field

from . import xlsx_reader
from ..errors import Invalid, N_, TooLarge
from ..text.search_text import fold

log = logging.getLogger(__name__)
XLSX_MAGIC = b"PK\x03\x04"  # a ZIP archive: an XLSX workbook is one
XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the Excel 97-2003 binary format
MAX_ROWS = 5000  # far above any event's questions or agencies
MAX_LINES = 4 * MAX_ROWS  # every line, blank ones too: bounds what a workbook expands to
MAX_COLUMNS = 100
MAX_CELL_CHARS = csv.field_size_limit()  # the csv module's own limit (131,072), for workbooks too
# A workbook's reader process: what its archive may declare, and what the process may use.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # 5,000 rows of long questions unpack to about 10 MB
MAX_RATIO = 100  # Excel's sheets compress 5-20 times; empty rows by the million, a thousand times
READER_MEMORY = 512 * 1024 * 1024  # address space; 5,000 rows take the reader about 50 MB
READER_SECONDS = 30


@dataclass
class Row:
    line: int  # as the office sees it: the file's line, or the sheet's row number
    values: dict  # field -> the cell's text, for the columns the caller knows
    problems: list = field(default_factory=list)


@dataclass
class Table:
    fields: list = field(default_factory=list)  # the known columns found, in the file's order
    ignored: list = field(default_factory=list)  # header names no caller field matches
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # the whole file's


def read(data, columns):
    """The table in `data` (XLSX or CSV bytes); `columns` maps folded header names to fields."""
    if data.startswith(XLS_MAGIC):
        return Table(problems=[Invalid(N_("Tệp Excel 97-2003 (.xls) chưa đọc được: hãy lưu lại thành .xlsx "
                                          "hoặc CSV UTF-8."))])
    if data.startswith(XLSX_MAGIC):
        return _table(_xlsx_records(data), columns)
    try:
        text = decode(data)
    except Invalid as error:
        return Table(problems=[error])
    return read_csv(text, columns)


def read_csv(text, columns):
    """The table in CSV text."""
    if "\x00" in text:
        return Table(problems=[Invalid(N_("Tệp không phải bảng tính XLSX hoặc CSV."))])
    return _table(_csv_records(text.lstrip("\ufeff")), columns)


def decode(data):
    """The text of a CSV file: UTF-8, with or without a byte order mark."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid(N_("Tệp phải là CSV mã hóa UTF-8 (trong Excel: Lưu thành > CSV UTF-8)."))


def _csv_records(text):
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    # Excel writes `;` where the decimal separator is a comma, as in Vietnamese settings
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 0
    try:
        for record in reader:
            line = reader.line_num  # where the record ends: a quoted cell may hold line breaks
            yield line, record
    except csv.Error:  # NUL is refused before: what is left is a cell over the limit
        raise _long_cell(line + 1)  # where the broken record starts


def _long_cell(line):
    return Invalid(N_("Dòng %(line)s có ô dài quá %(limit)s ký tự: tệp hỏng, hoặc (với CSV) thiếu dấu ngoặc kép "
                      "đóng."), line=line, limit=MAX_CELL_CHARS)


def _wide_row(line):
    return Invalid(N_("Dòng %(line)s có hơn %(limit)s cột."), line=line, limit=MAX_COLUMNS)


LINE_REFUSALS = {xlsx_reader.LONG_CELL: _long_cell, xlsx_reader.WIDE_ROW: _wide_row}


def _xlsx_records(data):
    """The workbook's rows, read by xlsx_reader in a process of its own: the event loop only waits."""
    try:
        limits = (READER_MEMORY, math.ceil(READER_SECONDS), MAX_UNPACKED_BYTES, MAX_RATIO, MAX_LINES, MAX_COLUMNS,
                  MAX_CELL_CHARS)
        done = subprocess.run([sys.executable, "-I", xlsx_reader.__file__, *map(str, limits)], input=data,
                              capture_output=True, timeout=READER_SECONDS)
        result = json.loads(done.stdout)
    except subprocess.TimeoutExpired:
        result = {"refused": xlsx_reader.TOO_LARGE}
    except ValueError:  # no answer: it died, at its memory limit as a rule
        log.warning("the workbook reader died (exit %s): %s", done.returncode, done.stderr[-500:])
        result = {"refused": xlsx_reader.TOO_LARGE}
    refused = result.get("refused")
    if refused == xlsx_reader.TOO_LARGE:
        raise TooLarge(N_("Tệp XLSX khi giải nén quá lớn hoặc quá phức tạp để đọc (có thể là tệp độc hại). Hãy mở "
                          "bằng Excel, xóa các dòng, cột thừa rồi lưu lại, hoặc lưu thành CSV UTF-8."))
    if refused in LINE_REFUSALS:
        raise LINE_REFUSALS[refused](result["line"])
    if refused:
        raise Invalid(N_("Không đọc được tệp XLSX: tệp hỏng hoặc có phần Excel không tạo ra. Hãy mở bằng Excel "
                         "rồi lưu lại, hoặc lưu thành CSV UTF-8."))
    yield from result["rows"]


def _table(records, columns):
    try:
        return _read_table(records, columns)
    except Invalid as problem:  # the file cannot be read on: that is all there is to say
        return Table(problems=[problem])


def _read_table(records, columns):
    table = Table()
    mapping = None
    for line, cells in records:
        if line > MAX_LINES:
            raise Invalid(N_("Tệp có hơn %(limit)s dòng, kể cả dòng trống: hãy xóa các dòng thừa hoặc chia thành "
                             "nhiều tệp."), limit=MAX_LINES)
        if len(cells) > MAX_COLUMNS and any(cell.strip() for cell in cells[MAX_COLUMNS:]):
            raise _wide_row(line)
        if not any(cell.strip() for cell in cells):
            continue
        if mapping is None:
            mapping = [columns.get(name_key(cell)) for cell in cells]
            table.fields = [name for name in mapping if name]
            table.ignored = [cell.strip() for cell, name in zip(cells, mapping) if name is None and cell.strip()]
            continue
        if len(table.rows) == MAX_ROWS:
            table.problems.append(Invalid(N_("Tệp có hơn %(limit)s dòng: hãy chia thành nhiều tệp."), limit=MAX_ROWS))
            break
        table.rows.append(_row(line, cells, mapping))
    if mapping is None and not table.problems:
        table.problems.append(Invalid(N_("Tệp trống.")))
    return table


def _row(line, cells, mapping):
    values = {}
    for name, cell in zip(mapping, cells):
        if name and name not in values:
            values[name] = cell
    row = Row(line, values)
    if len(cells) > len(mapping) and any(cell.strip() for cell in cells[len(mapping):]):
        row.problems.append(Invalid(N_("Dòng có nhiều ô hơn dòng tên cột (có thể thiếu dấu ngoặc kép).")))
    return row


def name_key(value):
    """How a header (or a value named in words) is compared: folded, "_" as a space."""
    return fold(value).replace("_", " ")


def names(spellings):
    """{name_key: key} from {key: (names as people write them, ...)}."""
    return {name_key(name): key for key, spelled in spellings.items() for name in spelled}
