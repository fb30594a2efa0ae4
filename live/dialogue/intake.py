"""Intake before the event: proposals that district unions, the provincial portal and the press
collect, brought in from a spreadsheet (preview, then all rows or none) or pushed one by one with a
channel's API key (api_keys).

Every imported question carries an external id, so bringing the same thing in twice adds nothing:
the file's id column when it has one, else a stable hash of the row's content. Imported questions
belong to no attendee (attendee_id None).
"""
import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from . import api_keys, events, forwarding, labels, policy, questions, spreadsheet
from .. import text
from ..errors import Conflict, Forbidden, Invalid, NotFound, N_

NEW, IMPORTED, INVALID = "new", "imported", "invalid"  # a previewed row: to add, already there, has problems

# Header names as offices write them (Vietnamese with or without diacritics, or English).
COLUMNS = spreadsheet.names({
    "text": ("text", "question", "nội dung", "nội dung câu hỏi", "câu hỏi", "ý kiến", "nội dung ý kiến",
             "đề xuất", "nội dung đề xuất", "ý kiến, đề xuất", "câu hỏi, đề xuất"),
    "name": ("name", "author", "họ và tên", "họ tên", "người gửi", "người hỏi", "tên"),
    "unit": ("unit", "đơn vị", "cơ quan, đơn vị", "đơn vị công tác", "nơi công tác"),
    "district": ("district", "huyện", "huyện, thị xã, thành phố", "địa bàn", "địa phương"),
    "youth_group": ("youth group", "nhóm thanh niên", "đối tượng", "đối tượng thanh niên", "nhóm"),
    "channel": ("channel", "kênh", "nguồn", "kênh gửi"),
    "channel_detail": ("channel detail", "chi tiết kênh", "chi tiết nguồn"),
    "topic": ("topic", "chủ đề", "lĩnh vực"),
    # not "STT" or "Mã": every district numbers its own file from 1, and ids must not collide
    "external_id": ("external id", "id", "mã câu hỏi", "mã định danh"),
    # where a question forwarded from a local dialogue came from (forwarding.FILE_COLUMNS)
    "area_code": ("area code", "mã địa bàn"),
    "source_event": ("source event", "mã buổi đối thoại gửi"),
    "source_ref": ("source question", "số câu hỏi gốc"),
    "asked_text": ("asked text", "nguyên văn câu hỏi"),
    "answered": ("answered", "đã trả lời tại địa phương"),
    "note": ("note", "ghi chú chuyển lên"),
})
# Channel values as people write them; a channel's code is accepted too.
CHANNEL_ALIASES = spreadsheet.names({
    questions.ONSITE: ("onsite", "tại hội trường", "hội trường", "điện thoại"),
    questions.WEB: ("web", "trang web", "website", "trực tuyến", "online"),
    questions.DISTRICT: ("district", "huyện đoàn", "đoàn huyện", "đoàn thanh niên huyện", "cấp huyện",
                         labels.CHANNEL_PHRASE[questions.DISTRICT]),
    questions.PORTAL: ("portal", "cổng thông tin", "cổng thông tin điện tử", "cổng ttđt", "cổng thông tin điện tử tỉnh"),
    questions.PRESS: ("press", "báo chí", "báo", "phóng viên"),
    questions.MODERATOR: ("moderator", "điều phối", "ban tổ chức", "nêu trực tiếp"),
    questions.FORWARDED: ("forwarded", "chuyển lên", "chuyển lên từ đối thoại cấp dưới"),
})
HASHED = ("text", "author", "unit", "district", "channel")  # what makes a row without an id the same row
UPLOAD_KEPT = timedelta(days=1)  # an upload not confirmed by then was abandoned
RECEIVED_FIELDS = {"external_id", "text", "name", "unit", "area", "district", "youth_group", "topic", "channel_detail"}


def read(data):
    """The table of an uploaded spreadsheet (XLSX, or CSV in UTF-8); see spreadsheet.read."""
    return spreadsheet.read(data, COLUMNS)


def channel(value, default=None):
    """A channel's code from its code or its Vietnamese name; `default` for an empty cell."""
    value = text.clean(value)
    if not value:
        if default is None:
            raise Invalid(N_("Chưa rõ kênh: hãy ghi cột Kênh hoặc chọn kênh mặc định."))
        return default
    found = CHANNEL_ALIASES.get(spreadsheet.name_key(value))
    if found is None:
        raise Invalid(N_("Kênh không hợp lệ: %(value)s."), value=value)
    return found


def preview(store, event, table, default_channel=None):
    """What importing `table` would do; nothing is written.

    -> {"problems": [whole-file Invalid], "ignored": [unknown columns],
        "rows": [{"line", "values", "question" | None, "problems": [Invalid], "status": new|imported|invalid}]}"""
    plan = {"problems": list(table.problems), "ignored": table.ignored, "rows": []}
    if default_channel:
        default_channel = channel(default_channel)
    if not plan["problems"]:
        plan["problems"] += _file_problems(event, table)
    if plan["problems"]:
        return plan
    imported = store.external_ids(event["id"])
    seen = {}
    for row in table.rows:
        planned = _planned_row(store, event, row, default_channel)
        question = planned["question"]
        if question:
            source = (question["channel"], question["channel_detail"] or "", question["external_id"])
            if source in seen:
                planned["problems"].append(Invalid(N_("Trùng với dòng %(line)s."), line=seen[source]))
            seen.setdefault(source, row.line)
            if source in imported:
                planned["status"] = IMPORTED
        if planned["problems"]:
            planned["status"] = INVALID
        plan["rows"].append(planned)
    return plan


def _file_problems(event, table):
    problems = []
    if "text" not in table.fields:
        problems.append(Invalid(N_("Thiếu cột nội dung câu hỏi: dòng đầu cần có một cột tên “Nội dung câu hỏi”, "
                                   "“Câu hỏi” hoặc “text”.")))
    elif not table.rows:
        problems.append(Invalid(N_("Tệp chỉ có dòng tên cột, chưa có câu hỏi nào.")))
    try:  # as questions.submit would refuse each row
        policy.require_asking(event)
    except Conflict as error:
        problems.append(error)
    return problems


def _planned_row(store, event, row, default_channel):
    problems = list(row.problems)

    def checked(clean, value):
        try:
            return clean(value)
        except Invalid as error:
            problems.append(error)

    values = row.values
    question = {
        "text": checked(text.question_text, values.get("text")),
        "author": checked(text.display_name, values.get("name")),
        "youth_group": checked(questions.youth_group, values.get("youth_group")),
        "channel": checked(lambda value: channel(value, default_channel), values.get("channel")),
        "topic": checked(lambda value: events.topic_id(store, event, value) and text.clean(value),
                         values.get("topic")),
    }
    origin = {key: values.get(key) for key in ("unit", "district", "channel_detail", "external_id")}
    if question["channel"] == questions.DISTRICT and not text.clean(origin["channel_detail"]):
        origin["channel_detail"] = origin["district"]  # a district union's file: the detail is its district
    came = None
    if question["channel"] == questions.FORWARDED:  # a local dialogue's forwarding file
        came = checked(lambda value: forwarding.from_file(store, event, value), values)
        origin["channel_detail"] = text.clean(origin["channel_detail"]) or values.get("source_event")
        origin["external_id"] = text.clean(origin["external_id"]) or values.get("source_ref")
    # the other fields' lengths; a stand-in channel when the row's own was already found wrong
    origin = checked(lambda value: questions.clean_origin(event, value),
                     {**origin, "channel": question["channel"] or questions.WEB})
    if problems:
        return {"line": row.line, "values": values, "question": None, "problems": problems, "status": INVALID}
    question.update({key: origin[key] for key in ("unit", "district", "channel_detail")})
    question["external_id"] = origin["external_id"] or content_id(question)
    return {"line": row.line, "values": values, "question": question, "problems": [], "status": NEW,
            "forwarded": came}


def content_id(question):
    """A row's id when the file has none: the same content, the same id, whatever the file."""
    content = "\x1f".join((question[key] or "").casefold() for key in HASHED)
    return "sha256:" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:40]


def ready(plan):
    """Whether every row may be imported: no problem anywhere."""
    return not plan["problems"] and all(row["status"] != INVALID for row in plan["rows"])


def importable(plan):
    """Whether confirming would add anything: ready, and some row is new."""
    return ready(plan) and any(row["status"] == NEW for row in plan["rows"])


class NotImported(Invalid):
    """The file has problems: nothing was imported. `plan` says which."""

    def __init__(self, plan):
        super().__init__(N_("Chưa nhập: tệp còn lỗi. Không có câu hỏi nào được lưu."))
        self.plan = plan


def run(store, event, actor, table, default_channel=None, approve=False, filename=None):
    """Import every new row, or none (NotImported): -> {"added": [questions], "already": n}."""
    with store.transaction():
        plan = preview(store, event, table, default_channel)
        closed = [problem for problem in plan["problems"] if isinstance(problem, Conflict)]
        if closed:
            raise closed[0]  # 409, as for a single question
        if not ready(plan):
            raise NotImported(plan)
        added = [_submit(store, event, row, approve) for row in plan["rows"] if row["status"] == NEW]
        already = sum(1 for row in plan["rows"] if row["status"] == IMPORTED)
        store.append_audit(event["id"], actor, "questions.import", after={
            "file": filename, "added": len(added), "already": already, "approve": approve,
            "question_ids": [question["id"] for question in added]})
        return {"added": added, "already": already}


def keep(store, event, actor, filename, data):
    """Keep an uploaded file until its import is confirmed; the token that names it."""
    token = secrets.token_urlsafe(24)
    stale = (datetime.now(timezone.utc) - UPLOAD_KEPT).isoformat(timespec="milliseconds")
    with store.transaction():
        store.delete_uploads_before(stale)
        store.insert_upload({"token": token, "event_id": event["id"], "filename": filename, "content": data,
                             "created_by": actor})
    return token


def run_kept(store, event, actor, token, default_channel=None, approve=False):
    """run() on a kept upload, which goes once imported; NotFound for another event's token, Invalid
    (nothing written) when no row is new any more: what was confirmed was to add questions."""
    table = read(kept(store, event, token)["content"])  # before the transaction: a workbook takes seconds
    with store.transaction():
        upload = kept(store, event, token)  # again: not imported by someone else meanwhile
        done = run(store, event, actor, table, default_channel, approve, upload["filename"])
        if not done["added"]:
            raise Invalid(N_("Không có câu hỏi mới để nhập: mọi dòng trong tệp đã được nhập trước đó."))
        store.delete_upload(token)
        return done


def kept(store, event, token):
    """An upload keep() holds for `event`; NotFound once imported, after a day, or for another event."""
    upload = store.upload(token) if isinstance(token, str) else None
    if upload is None or upload["event_id"] != event["id"]:
        raise NotFound(N_("Tệp đã tải lên không còn (đã nhập, hoặc quá một ngày): hãy tải lên lại."))
    return upload


def _submit(store, event, row, approve):
    question = dict(row["question"])
    question, _ = questions.submit(store, event, None, question.pop("text"), author=question.pop("author"),
                                   topic=question.pop("topic"), approve=approve, **question)
    if row["forwarded"]:
        forwarding.save(store, {**row["forwarded"], "question_id": question["id"], "version": question["version"]})
    return question


def receive(store, event, key, fields):
    """One question pushed with a channel's API key: (question, created). The channel is the key's;
    a district key's detail is its district, whatever the question says. The same external_id from
    the same source (channel and detail) returns the question received the first time."""
    if not api_keys.may_push(key, event):
        raise Forbidden(N_("Khóa API này thuộc sự kiện khác."))
    unknown = set(fields) - RECEIVED_FIELDS
    if unknown:
        raise Invalid(N_("Trường không hợp lệ: %(names)s."), names=", ".join(sorted(unknown)))
    external_id = fields.get("external_id")
    if isinstance(external_id, int) and not isinstance(external_id, bool):
        external_id = str(external_id)  # a portal's numeric id
    if not isinstance(external_id, str) or not external_id.strip():
        raise Invalid(N_("Cần external_id: mã của câu hỏi ở nơi gửi."))
    return questions.submit(
        store, event, None, fields.get("text"), author=fields.get("name"), topic=fields.get("topic"),
        channel=key["channel"], channel_detail=key["channel_detail"] or fields.get("channel_detail"),
        unit=fields.get("unit"), district=_area(fields), youth_group=fields.get("youth_group"),
        external_id=external_id)


def _area(fields):
    """The area a pushed question comes from: `area`, or `district`, its name before areas became
    level-neutral, kept for the systems that send it; with both, the same."""
    given = [fields[name] for name in ("area", "district") if fields.get(name) not in (None, "")]
    if len(given) == 2 and given[0] != given[1]:
        raise Invalid(N_("Trường area và district khác nhau; chỉ cần gửi area."))
    return given[0] if given else None
