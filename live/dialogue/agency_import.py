"""An event's agencies from a CSV file, beside the question import (intake): read and check the file
against the event's agencies (nothing is written), then write every row or none."""
from . import events, spreadsheet
from ..errors import DomainError, Invalid, N_

NEW, UPDATE, SAME = "new", "update", "same"  # what importing a row does to the event's agencies
REQUIRED = ("code", "name")
COLUMNS = spreadsheet.names({
    "code": ("code", "mã", "mã cơ quan"),
    "name": ("name", "tên cơ quan", "tên"),
    "short_name": ("short name", "tên ngắn", "tên viết tắt"),
    "head_title": ("head title", "chức danh người đứng đầu", "chức danh"),
    "contact": ("contact", "liên hệ"),
    "email": ("email", "e-mail", "thư điện tử"),
})


def preview(csv_text, existing):
    """What importing the CSV `csv_text` would do to the event's `existing` agencies; nothing is written.

    -> {"problems": [whole-file Invalid], "ignored": [unknown columns],
        "rows": [{"line", "values", "agency" | None, "problems": [Invalid], "change": new|update|same|None}]}"""
    table = spreadsheet.read_csv(csv_text or "", COLUMNS)
    plan = {"rows": [], "problems": list(table.problems), "ignored": table.ignored}
    missing = [name for name in REQUIRED if name not in table.fields]
    if missing and not plan["problems"]:
        plan["problems"].append(Invalid(N_(
            "Thiếu cột bắt buộc: %(columns)s. Dòng đầu cần có tên cột: code, name, short_name, head_title, "
            "contact, email (hoặc Mã, Tên cơ quan, Tên ngắn, Chức danh người đứng đầu, Liên hệ, Email)."),
            columns=", ".join(missing)))
    if plan["problems"]:
        return plan
    known = {a["code"]: a for a in existing}
    seen = {}
    for line in table.rows:
        row = {"line": line.line, "values": line.values, "agency": None, "problems": list(line.problems),
               "change": None}
        try:
            row["agency"] = events.clean_agency(line.values)
        except DomainError as error:
            row["problems"].append(error)
        else:
            code = row["agency"]["code"]
            if code in seen:
                row["problems"].append(Invalid(N_("Mã %(code)s trùng với dòng %(line)s."), code=code, line=seen[code]))
            seen.setdefault(code, line.line)
            row["change"] = _change(known.get(code), row["agency"])
        plan["rows"].append(row)
    if not plan["rows"]:
        plan["problems"].append(Invalid(N_("Tệp chỉ có dòng tên cột, chưa có cơ quan nào.")))
    return plan


def ready(plan):
    """Whether the file may be imported: no problem in the file nor in any row."""
    return not plan["problems"] and all(not row["problems"] for row in plan["rows"])


def counts(plan):
    """{new: n, update: n}: the agencies the file adds and those it changes."""
    return {change: sum(1 for row in plan["rows"] if row["change"] == change) for change in (NEW, UPDATE)}


def confirm(store, actor, event, existing, plan):
    """Write a ready plan: the event's agencies updated from the file, the new ones added after them;
    agencies not in the file are kept. -> counts(plan); nothing is written when nothing changes."""
    done = counts(plan)
    if done[NEW] or done[UPDATE]:
        events.update(store, actor, event["code"], agencies=merged(existing, plan))
    return done


def merged(existing, plan):
    """The event's active agencies in their order, updated from the file, then the new ones."""
    result = [events.agency_view(a) for a in existing if a["active"]]
    index = {agency["code"]: position for position, agency in enumerate(result)}
    for row in plan["rows"]:
        agency = row["agency"]
        if agency["code"] in index:
            result[index[agency["code"]]] = agency
        else:
            index[agency["code"]] = len(result)
            result.append(agency)
    return result


def _change(before, agency):
    if before is None or not before["active"]:
        return NEW
    same = all((before[key] or "") == (agency[key] or "") for key in events.AGENCY_FIELDS)
    return SAME if same else UPDATE
