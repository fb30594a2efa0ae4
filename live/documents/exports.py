"""Exports of an event for the people who follow it up after the dialogue:

- ``workbook(...)``: the whole log as XLSX (openpyxl): every question with what became of it,
  the commitments, the written answers per agency, the programme as it ran and the polls' results
  (proceedings.minutes);
- ``pdf(html, stylesheet)``: the conclusion notice's print page (notice_layout.layout drawn by
  templates/conclusion_print.html) as PDF through WeasyPrint, when it is installed.

User text always goes in as text: in the workbook a cell is never a formula (cells are
typed as strings and Excel's quote prefix is set on text that starts like one).
"""
import io
import re
import unicodedata
from zoneinfo import ZoneInfo

from ..dialogue import followup, labels as label_maps, proceedings, questions
from ..text.dates import local, parse_day

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
TIME_FORMAT = "hh:mm"
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
        **{kind: label_maps.translated(gettext, kind) for kind in ("status", "written", "channel", "youth_group",
                                                                   "item_kind", "poll_kind")},
        "programme": _("Chương trình"), "polls": _("Thăm dò"),
        "everyone": _("Tất cả"), "by_youth_group": _("Nhóm thanh niên"), "by_district": _("Địa bàn"),
        "not_given": _("Không cho biết"),
        "yes": _("Có"), "no": _("Không"), "unassigned": _("(Chưa giao cơ quan)"),
        "question_columns": [
            (_("Mã"), 7), (_("Thời gian gửi"), 17), (_("Nội dung câu hỏi"), 60),
            (_("Nội dung gốc (trước khi biên tập)"), 40), (_("Người hỏi"), 22), (_("Chủ đề"), 28),
            (_("Trạng thái"), 13), (_("Lượt bình chọn"), 10), (_("Cơ quan trả lời"), 30),
            (_("Trả lời tại chỗ"), 10), (_("Tóm tắt trả lời"), 60), (_("Người trả lời"), 32),
            (_("Chỉ đạo"), 40), (_("Cần trả lời bằng văn bản"), 13), (_("Hạn trả lời văn bản"), 13),
            (_("Tình trạng trả lời văn bản"), 16), (_("Nội dung trả lời bằng văn bản"), 60),
            (_("Kênh"), 22), (_("Đơn vị"), 28), (_("Địa bàn"), 20), (_("Nhóm thanh niên"), 24),
            (_("Gộp vào câu (mã)"), 10),
        ],
        "commitment_columns": [
            (_("Cơ quan"), 34), (_("Nội dung cam kết"), 70), (_("Thời hạn"), 13), (_("Câu hỏi (mã)"), 14),
        ],
        "programme_columns": [
            (_("Giờ dự kiến"), 11), (_("Loại"), 18), (_("Nội dung"), 50), (_("Người trình bày"), 28),
            (_("Thời lượng dự kiến (phút)"), 12), (_("Bắt đầu thực tế"), 11), (_("Kết thúc thực tế"), 11),
            (_("Thời gian sử dụng (phút)"), 12), (_("Bắt đầu muộn (phút; âm: sớm)"), 14),
            (_("Vượt thời lượng (phút; âm: ngắn hơn)"), 14),
        ],
        "poll_columns": [
            (_("Mã"), 7), (_("Câu hỏi thăm dò"), 50), (_("Loại"), 16), (_("Theo"), 16), (_("Nhóm"), 30),
            (_("Số người trả lời"), 12), (_("Phương án"), 36), (_("Số lượt chọn"), 12), (_("Tỷ lệ (%)"), 10),
            (_("Điểm trung bình"), 12),
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


def table(title, columns, rows):
    """One sheet of `rows` under `columns` ((header, anything), ...) as .xlsx bytes."""
    from openpyxl import Workbook

    book = Workbook()
    _sheet(book, title, [(header, 30) for header, _ in columns], rows, first=True,
           wrap_columns=set(range(1, len(columns) + 1)))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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
    """The event's log as .xlsx bytes: sheets "Câu hỏi", "Cam kết", "Theo dõi", then "Chương trình" (planned
    against actual) when the event has a programme and "Thăm dò" (each poll's results, overall, by youth
    group and by district) when a poll was opened."""
    from openpyxl import Workbook

    labels = _labels(gettext, pgettext)
    zone = ZoneInfo(timezone)
    minutes = proceedings.minutes(store, event, zone)
    log = minutes["answers"]
    agencies = store.agencies(event["id"], active_only=False)
    tracker = [[row["name"] or labels["unassigned"], row["total"], row[followup.ASSIGNED],
                row[followup.ANSWERED], row[followup.OVERDUE]]
               for row in followup.tracker(store, event, today, default_days)]
    book = Workbook()
    _sheet(book, labels["questions"], labels["question_columns"],
           _question_rows(store, event, followup.items(store, event, today, default_days), log, agencies, labels,
                          zone), first=True,
           wrap_columns={3, 4, 6, 9, 11, 12, 13, 17}, formats={2: DATETIME_FORMAT, 15: DATE_FORMAT})
    _sheet(book, labels["commitments"], labels["commitment_columns"], _commitment_rows(log, agencies),
           wrap_columns={1, 2}, formats={3: DATE_FORMAT})
    _sheet(book, labels["tracker"], labels["tracker_columns"], tracker, wrap_columns={1})
    if minutes["programme"]["items"]:
        _sheet(book, labels["programme"], labels["programme_columns"],
               _programme_rows(minutes["programme"]["items"], labels, zone), wrap_columns={3, 4},
               formats={1: TIME_FORMAT, 6: TIME_FORMAT, 7: TIME_FORMAT})
    if minutes["polls"]:
        _sheet(book, labels["polls"], labels["poll_columns"], _poll_rows(minutes["polls"], labels),
               wrap_columns={2, 5, 7})
    return _saved(book, event["title"])


def _saved(book, title):
    """The workbook as .xlsx bytes, with its title and the app as its author."""
    book.properties.title = title
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


def _programme_rows(items, labels, zone):
    """A row per programme item: planned start and duration, actual start, end and time used, and how
    late it started and how much longer than planned it ran (minutes; negative: early, shorter)."""
    return [[_excel_moment(item["planned_start"], zone), labels["item_kind"].get(item["kind"], item["kind"]),
             item["title"], item["presenter"] or "", item["duration"], _excel_moment(item["started_at"], zone),
             _excel_moment(item["ended_at"], zone),
             None if item["used_seconds"] is None else round(item["used_seconds"] / 60, 1),
             item["late_minutes"], item["over_minutes"]] for item in items]


def _poll_rows(records, labels):
    """A row per option of each poll: of everyone who answered, then of each youth group and district."""
    rows = []
    for poll in records:
        groups = [(labels["everyone"], "", poll)]
        for part, name in (("youth_group", labels["by_youth_group"]), ("district", labels["by_district"])):
            groups += [(name, _group_name(part, group["value"], labels), group) for group in poll["by"][part]]
        for by, value, group in groups:
            rows += [[poll["id"], poll["text"], labels["poll_kind"].get(poll["kind"], poll["kind"]), by, value,
                      group["total"], option["label"], option["count"], option["percent"], group["mean"]]
                     for option in group["options"]]
    return rows


def _group_name(part, value, labels):
    if value is None:
        return labels["not_given"]
    return labels["youth_group"].get(value, value) if part == "youth_group" else value


def overview_workbook(data, step_labels, gettext=_identity):
    """The province's overview (dialogue/overview.build) as .xlsx bytes: sheets "Đối thoại" (a row per
    dialogue: its counts, each statutory step's deadline, state and date done), "Địa bàn" (a row per
    area: held this year's dialogue or not) and "Cơ quan" (a row per agency across the dialogues)."""
    from openpyxl import Workbook

    _ = gettext
    phase, state = label_maps.translated(gettext, "phase"), label_maps.translated(gettext, "step")
    steps = list(step_labels)
    columns = [(_("Địa bàn"), 28), (_("Cấp"), 14), (_("Buổi đối thoại"), 44), (_("Mã"), 16), (_("Ngày"), 12),
               (_("Giai đoạn"), 16), (_("Câu hỏi"), 10), (_("Trả lời tại chỗ"), 10), (_("Chuyển lên"), 10),
               (_("Trả lời bằng văn bản"), 12), (_("Quá hạn"), 10)]
    for key in steps:
        columns += [(step_labels[key], 22), (_("Thời hạn"), 12), (_("Ngày thực hiện"), 12)]
    rows = []
    for d in data["dialogues"]:
        done = {step["key"]: step for step in d["steps"]}
        row = [d["area"]["name"] if d["area"] else _("Chưa gắn địa bàn"), d["area"]["level_name"] if d["area"] else "",
               d["title"], d["code"], parse_day(d["date"]), phase.get(d["phase"], d["phase"]), d["questions"],
               d["answered_on_spot"], d["forwarded"], d["answered_in_writing"], d["overdue"]]
        for key in steps:
            step = done.get(key)
            row += [state[step["state"]], parse_day(step["date"]), parse_day(step["done_on"])] if step else ["", None, None]
        rows.append(row)
    book = Workbook()
    dates = {5: DATE_FORMAT, **{12 + 3 * index + offset: DATE_FORMAT for index in range(len(steps)) for offset in (1, 2)}}
    _sheet(book, _("Đối thoại"), columns, rows, first=True, wrap_columns={1, 3}, formats=dates)
    _sheet(book, _("Địa bàn"), [(_("Địa bàn"), 36), (_("Cấp"), 16), (_("Đối thoại năm nay"), 16), (_("Mã"), 40)],
           [[area["name"], area["level_name"], _("Đã tổ chức") if area["held"] else _("Chưa tổ chức"),
             ", ".join(area["dialogues"])] for area in data["areas"]], wrap_columns={1, 4})
    _sheet(book, _("Cơ quan"), [(_("Cơ quan"), 44), (_("Được giao"), 12), (_("Đã trả lời"), 12), (_("Quá hạn"), 12)],
           [[row["name"] or _("(Chưa giao cơ quan)"), row["total"], row["answered"], row["overdue"]]
            for row in data["agencies"]], wrap_columns={1})
    return _saved(book, _("Tổng quan đối thoại năm %(year)s", year=data["year"]))


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
