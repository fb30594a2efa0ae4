"""Reading an uploaded table, the way offices send them: CSV saved by Excel (UTF-8, with or without
a byte order mark, `,` or `;` between cells as the regional settings choose) or an XLSX workbook
(its first sheet). The first non-blank row names the columns; each caller says which names it
knows, compared folded (search_text.fold), so "Họ và tên", "HO VA TEN" and "ho_va_ten" are one.

Nothing here raises for what is in the file: what cannot be read becomes a problem of the table or of
its row (errors.Invalid, a msgid with params), so a preview can list them all."""
import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .errors import Invalid, N_
from .search_text import fold

XLSX_MAGIC = b"PK\x03\x04"  # a ZIP archive: an XLSX workbook is one
XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the Excel 97-2003 binary format
MAX_ROWS = 5000  # far above any event's questions or agencies; bounds what a workbook expands to


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
    for record in reader:
        yield reader.line_num, record


def _xlsx_records(data):
    workbook = None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        for number, cells in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            yield number, [cell_text(cell) for cell in cells]
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError):
        yield None, None  # an unreadable workbook: _table says so
    finally:
        if workbook is not None:
            workbook.close()


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


def _table(records, columns):
    table = Table()
    mapping = None
    for line, cells in records:
        if cells is None:
            return Table(problems=[Invalid(N_("Tệp không phải bảng tính XLSX hoặc CSV."))])
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
