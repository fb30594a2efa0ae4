"""The programme of the day from a spreadsheet (the kịch bản the Department of Home Affairs writes in
Excel): read and check every row (nothing is written), then replace the whole programme with the
file's rows, or change nothing (programme.replace)."""
import re

from . import intake, labels, programme, spreadsheet
from .. import text
from ..errors import Conflict, DomainError, Invalid, N_

REQUIRED = ("kind", "title", "duration")
# Header names as offices write them (Vietnamese with or without diacritics, or English).
COLUMNS = spreadsheet.names({
    "start": ("start", "giờ", "giờ bắt đầu", "thời gian", "time"),
    "duration": ("duration", "thời lượng", "thời lượng (phút)", "số phút", "phút", "minutes"),
    "kind": ("kind", "loại", "loại mục", "hình thức"),
    "title": ("title", "nội dung", "tên mục", "tiết mục"),
    "presenter": ("presenter", "người thực hiện", "người trình bày", "đơn vị thực hiện", "thực hiện"),
    "topic": ("topic", "chủ đề", "nội dung đối thoại"),
    "intro": ("intro", "lời dẫn", "lời dẫn chương trình"),
})
# A kind as people write it: its code, its name on the pages (labels.ITEM_KIND), or as scripts often say it.
ALIASES = {programme.OPENING: ("phát biểu khai mạc",), programme.VIDEO: ("video", "phim", "phóng sự, video"),
           programme.AWARDS: ("tặng quà", "khen thưởng", "trao quà"), programme.CLOSING: ("phát biểu bế mạc",
                                                                                         "kết luận")}
KIND_NAMES = spreadsheet.names({kind: (kind, labels.ITEM_KIND[kind], *ALIASES.get(kind, ()))
                                for kind in programme.KINDS})
CLOCK = re.compile(r"(\d{1,2})[:hH.](\d{2})(?::\d{2})?$")  # "8:00", "8h00", a workbook's "08:00:00"
MINUTES = re.compile(r"^(\d+)\s*(phut|ph|p|min|minutes|')?$")  # "15", "15 phút", "15'"


def read(data):
    """The table of an uploaded spreadsheet (XLSX, or CSV in UTF-8); see spreadsheet.read."""
    return spreadsheet.read(data, COLUMNS)


def preview(store, event, table):
    """What importing `table` would make of the programme; nothing is written.

    -> {"problems": [whole-file errors], "ignored": [unknown columns],
        "rows": [{"line", "values", "item": the item's data (programme.clean_item's) | None, "problems"}]}"""
    plan = {"problems": list(table.problems), "ignored": table.ignored, "rows": []}
    if not plan["problems"]:
        plan["problems"] += _file_problems(event, table)
    if plan["problems"]:
        return plan
    for row in table.rows:
        item, problems = None, list(row.problems)
        try:
            item = _item(row.values)
            programme.clean_item(store, event, item)
        except DomainError as error:
            item = None
            problems.append(error)
        plan["rows"].append({"line": row.line, "values": row.values, "item": item, "problems": problems})
    return plan


def _file_problems(event, table):
    problems = []
    missing = [name for name in REQUIRED if name not in table.fields]
    if missing:
        problems.append(Invalid(N_("Thiếu cột bắt buộc: %(columns)s. Dòng đầu cần có tên cột: Giờ, Thời lượng (phút), "
                                   "Loại, Nội dung, Người thực hiện, Chủ đề, Lời dẫn (hoặc start, duration, kind, "
                                   "title, presenter, topic, intro)."), columns=", ".join(missing)))
    elif not table.rows:
        problems.append(Invalid(N_("Tệp chỉ có dòng tên cột, chưa có mục chương trình nào.")))
    elif len(table.rows) > programme.MAX_ITEMS:
        problems.append(Invalid(N_("Tối đa %(limit)s mục chương trình."), limit=programme.MAX_ITEMS))
    if event["programme_item_id"] is not None:  # as programme.replace would refuse
        problems.append(Conflict(N_("Chương trình đang diễn ra; không thay cả chương trình lúc này.")))
    return problems


def _item(values):
    """A row's cells as programme.clean_item takes an item."""
    intro = text.clean(values.get("intro"))
    return {"kind": kind(values.get("kind")), "title": values.get("title"), "presenter": values.get("presenter"),
            "planned_start": _start(values.get("start")), "duration": _duration(values.get("duration")),
            "topic": text.clean(values.get("topic")) or None, "script": {"intro": intro} if intro else {}}


def kind(value):
    """A kind's code from its code or its name ("Văn nghệ", "van nghe", "performance")."""
    value = text.clean(value)
    if not value:
        raise Invalid(N_("Hãy ghi loại mục (cột Loại)."))
    found = KIND_NAMES.get(spreadsheet.name_key(value))
    if found is None:
        raise Invalid(N_("Không rõ loại mục “%(value)s”: hãy ghi tên loại (như Văn nghệ, Đối thoại) hoặc mã: "
                         "%(kinds)s."), value=value, kinds=", ".join(programme.KINDS))
    return found


def _start(value):
    """"08:30" from a cell: typed ("8:30", "8h30") or a workbook's time ("08:30:00", "1899-12-30 08:30")."""
    value = text.clean(value)
    found = CLOCK.search(value)
    return f"{int(found.group(1)):02d}:{found.group(2)}" if found else value  # else clean_item says what is wrong


def _duration(value):
    value = text.clean(value)
    found = MINUTES.match(spreadsheet.name_key(value))
    return int(found.group(1)) if found else value


def ready(plan):
    """Whether the file may be imported: no problem in the file nor in any row."""
    return not plan["problems"] and all(not row["problems"] for row in plan["rows"])


class NotImported(Invalid):
    """The file has problems: the programme was not changed. `plan` says which."""

    def __init__(self, plan):
        super().__init__(N_("Chưa nhập: tệp còn lỗi. Chương trình không thay đổi."))
        self.plan = plan


def run(store, actor, event, table):
    """Replace the programme with every row of `table`, or change nothing (NotImported, or the 409
    of a programme running): -> the event as changed."""
    with store.transaction():
        plan = preview(store, store.event_by_id(event["id"]), table)
        running = [problem for problem in plan["problems"] if isinstance(problem, Conflict)]
        if running:
            raise running[0]
        if not ready(plan):
            raise NotImported(plan)
        return programme.replace(store, actor, event, [row["item"] for row in plan["rows"]])


def run_kept(store, actor, event, token):
    """run() on an upload intake.keep() holds, which goes once imported."""
    table = read(intake.kept(store, event, token)["content"])  # before the transaction: a workbook takes seconds
    with store.transaction():
        intake.kept(store, event, token)  # again: not imported by someone else meanwhile
        event = run(store, actor, event, table)
        store.delete_upload(token)
        return event
