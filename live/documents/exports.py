"""Exports of an event for the people who follow it up after the dialogue:

- ``workbook(...)``: the whole log as XLSX (openpyxl): every question with what became of it,
  the commitments, and the written answers per agency;
- ``pdf(html, stylesheet)``: the conclusion notice's print page (notice_layout.layout drawn by
  templates/conclusion_print.html) as PDF through WeasyPrint, when it is installed.

User text always goes in as text: in the workbook a cell is never a formula (cells are
typed as strings and Excel's quote prefix is set on text that starts like one).
"""
import io
import re
import unicodedata
from zoneinfo import ZoneInfo

from ..dialogue import answers, followup, labels as label_maps, questions
from ..text.dates import local, parse_day

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _identity(message, **params):
    return message % params if params else message


def _identity_in_context(context, message):
    return message


# --------------------------------------------------------------------------- XLSX

def _labels(gettext, pgettext):
    _ = gettext
    return {
        "questions": pgettext("số nhiều", "Câu hỏi"), "commitments": _("Cam kết"), "tracker": _("Theo dõi"),
        **{kind: label_maps.translated(gettext, kind) for kind in ("status", "written", "channel", "youth_group")},
        "yes": _("Có"), "no": _("Không"), "unassigned": _("(Chưa giao cơ quan)"),
        "question_columns": [
            (_("Mã"), 7), (_("Thời gian gửi"), 17), (_("Nội dung câu hỏi"), 60),
            (_("Nội dung gốc (trước khi biên tập)"), 40), (_("Người hỏi"), 22), (_("Chủ đề"), 28),
            (_("Trạng thái"), 13), (_("Lượt bình chọn"), 10), (_("Cơ quan trả lời"), 30),
            (_("Trả lời tại chỗ"), 10), (_("Tóm tắt trả lời"), 60), (_("Người trả lời"), 32),
            (_("Chỉ đạo"), 40), (_("Cần trả lời bằng văn bản"), 13), (_("Hạn trả lời văn bản"), 13),
            (_("Tình trạng trả lời văn bản"), 16), (_("Nội dung trả lời bằng văn bản"), 60),
            (_("Kênh"), 22), (_("Đơn vị"), 28), (_("Huyện"), 20), (_("Nhóm thanh niên"), 24),
            (_("Gộp vào câu (mã)"), 10),
        ],
        "commitment_columns": [
            (_("Cơ quan"), 34), (_("Nội dung cam kết"), 70), (_("Thời hạn"), 13), (_("Câu hỏi (mã)"), 14),
        ],
        "tracker_columns": [
            (_("Cơ quan"), 40), (_("Tổng số được giao"), 12), (_("Chưa đến hạn, chưa trả lời"), 16),
            (_("Đã trả lời"), 12), (_("Quá hạn"), 12),
        ],
    }


def _text(value):
    """Cell text: NFC, no characters XML forbids."""
    return _ILLEGAL.sub("", unicodedata.normalize("NFC", str(value)))


def _put(sheet, row, column, value, number_format=None, wrap=False):
    """Write one cell; strings always stay strings, never formulas."""
    if isinstance(value, str):
        value = _text(value)
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl types text starting with "=" as a formula
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    if number_format:
        cell.number_format = number_format
    from openpyxl.styles import Alignment
    cell.alignment = Alignment(wrap_text=wrap, vertical="top")
    return cell


def _sheet(book, title, columns, rows, first=False, wrap_columns=(), formats=None):
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.active if first else book.create_sheet()
    sheet.title = title
    formats = formats or {}
    bold = Font(bold=True)
    for column, (header, width) in enumerate(columns, start=1):
        cell = _put(sheet, 1, column, header)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = width
    for index, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            _put(sheet, index, column, value, formats.get(column), wrap=column in wrap_columns)
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{max(1, len(rows) + 1)}"
    sheet.row_dimensions[1].height = 32
    return sheet


def _excel_moment(stamp, zone):
    """A stored timestamp as a naive local datetime for Excel, to the minute."""
    found = local(stamp, zone)
    return found.replace(tzinfo=None, second=0, microsecond=0) if found else None


def _speakers(answer):
    """Who spoke, each with their agency in brackets unless their name already says it."""
    return ", ".join(f"{s['name']} ({s['agency_name']})" if s["agency_name"] and s["agency_name"].casefold()
                     not in s["name"].casefold() else s["name"] for s in answer["spoken_by"])


def workbook(store, event, today, default_days, timezone="Asia/Ho_Chi_Minh", gettext=_identity,
             pgettext=_identity_in_context):
    """The event's log as .xlsx bytes: sheets "Câu hỏi", "Cam kết", "Theo dõi"."""
    from openpyxl import Workbook

    labels = _labels(gettext, pgettext)
    log = answers.log(store, event)
    agencies = store.agencies(event["id"], active_only=False)
    tracker = [[row["name"] or labels["unassigned"], row["total"], row[followup.ASSIGNED],
                row[followup.ANSWERED], row[followup.OVERDUE]]
               for row in followup.tracker(store, event, today, default_days)]
    book = Workbook()
    _sheet(book, labels["questions"], labels["question_columns"],
           _question_rows(store, event, followup.items(store, event, today, default_days), log, agencies, labels,
                          ZoneInfo(timezone)), first=True,
           wrap_columns={3, 4, 6, 9, 11, 12, 13, 17}, formats={2: DATETIME_FORMAT, 15: DATE_FORMAT})
    _sheet(book, labels["commitments"], labels["commitment_columns"], _commitment_rows(log, agencies),
           wrap_columns={1, 2}, formats={3: DATE_FORMAT})
    _sheet(book, labels["tracker"], labels["tracker_columns"], tracker, wrap_columns={1})
    book.properties.title = event["title"]
    book.properties.creator = "Đối thoại Live"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _question_rows(store, event, written_items, log, agencies, labels, zone):
    """A row per question of the event, with what became of it: its answers from the log, whether and
    when it is to be answered in writing (followup.items), its written answer."""
    agency_names = {agency["code"]: agency["name"] for agency in agencies}
    by_question = {}
    for answer in log:
        for question_id in answer["question_ids"]:
            by_question.setdefault(question_id, []).append(answer)
    items = {item["question"]["id"]: item for item in written_items}
    written = store.written_answers(event["id"])
    rows = []
    for question in store.questions(event["id"]):
        logged = by_question.get(question["id"], [])
        item = items.get(question["id"])
        agency = question["agency_name"] or next(
            (agency_names.get(a["agency"]) for a in logged if a["agency"]), "") or ""
        written_answer = written.get(question["id"])
        rows.append([
            question["id"], _excel_moment(question["created_at"], zone), question["text"], question["original_text"] or "",
            question["author"] or "", question["topic"] or "",
            labels["status"].get(question["status"], question["status"]), question["votes"], agency,
            labels["yes"] if question["status"] == questions.ANSWERED else labels["no"],
            "\n".join(a["summary"] for a in logged if a["summary"]),
            "\n".join(filter(None, (_speakers(a) for a in logged))),
            "\n".join(a["direction"] for a in logged if a["direction"]),
            labels["yes"] if item else labels["no"], parse_day(item["due"]) if item else None,
            labels["written"][item["status"]] if item else "", written_answer["text"] if written_answer else "",
            " – ".join(filter(None, (labels["channel"].get(question["channel"], question["channel"]),
                                     question["channel_detail"]))),
            question["unit"] or "", question["district"] or "",
            labels["youth_group"].get(question["youth_group"], question["youth_group"] or ""),
            question["merged_into"],
        ])
    return rows


def _commitment_rows(log, agencies):
    """A row per commitment: the agency, what, by when, the questions of its answer; in the agencies' order."""
    pairs = [(commitment, answer["question_ids"]) for answer in sorted(log, key=lambda a: a["id"])
             for commitment in answer["commitments"]]
    order = {agency["code"]: index for index, agency in enumerate(agencies)}
    pairs.sort(key=lambda pair: order.get(pair[0]["agency"], 10**6))
    return [[c["agency_name"], c["what"], parse_day(c["due"]), ", ".join(str(qid) for qid in qids)] for c, qids in pairs]


# --------------------------------------------------------------------------- PDF

class PdfUnavailable(Exception):
    """WeasyPrint (or the system libraries it needs) is missing."""


def pdf(html, stylesheet):
    """The print page as PDF bytes; `stylesheet` is the path of print.css. Nothing is fetched:
    the page is given as a string and its stylesheet as a file, which loads the shipped fonts
    (@font-face) from disk; WeasyPrint honours them only with a FontConfiguration."""
    try:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration
    except Exception as error:  # ImportError, or OSError when pango is missing
        raise PdfUnavailable(str(error)) from error
    fonts = FontConfiguration()
    css = weasyprint.CSS(filename=str(stylesheet), font_config=fonts)
    return weasyprint.HTML(string=html).write_pdf(stylesheets=[css], font_config=fonts)
