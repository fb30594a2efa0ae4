"""Levels and areas as data: today's two tiers (the province; its communes, wards and special zones)
and, for past dialogues, the older three (districts, towns and provincial cities between). An event
is held in an area and may feed the dialogue of a wider one (its parent event)."""
import re

from . import spreadsheet
from .. import text
from ..errors import Conflict, DomainError, Invalid, NotFound, N_

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,47}$")
PROVINCE = "province"
NAME_MAX = 120
# An areas file's columns (docs/samples/dia-ban.csv): code, name, level, and the parent's code.
COLUMNS = spreadsheet.names({"code": ("code", "mã", "mã địa bàn"), "name": ("name", "tên", "tên địa bàn"),
                             "level": ("level", "cấp"), "parent": ("parent", "thuộc", "mã địa bàn cấp trên")})


def get(store, code):
    area = store.area_by_code(code or "")
    if area is None:
        raise NotFound(N_("Không có địa bàn với mã này."))
    return area


def create(store, actor, code, name, level, parent=None, past=False):
    """A new area; `past` allows the levels of the older three tiers (for past dialogues)."""
    code = clean_code(code)
    name = text.required(name, NAME_MAX, N_("Hãy nhập tên địa bàn."), N_("Tên địa bàn dài quá %(limit)s ký tự."))
    level = clean_level(store, level, past)
    with store.transaction():
        above = get(store, parent) if parent else None
        if (level["code"] == PROVINCE) != (above is None):
            raise Invalid(N_("Chỉ cấp tỉnh không thuộc địa bàn nào; các cấp khác phải thuộc một địa bàn."))
        if store.area_by_code(code):
            raise Conflict(N_("Mã địa bàn %(code)s đã được dùng."), code=code)
        area_id = store.insert_area({"code": code, "name": name, "level": level["code"],
                                     "parent_id": above and above["id"]})
        area = store.area(area_id)
        store.append_audit(None, actor, "area.create", after=view(store, area))
    return area


def clean_code(code):
    code = text.clean(code).lower()
    if not CODE_PATTERN.match(code):
        raise Invalid(N_("Mã địa bàn gồm 2-48 chữ thường không dấu, số hoặc gạch ngang."))
    return code


def clean_level(store, code, past=False):
    level = store.level(text.clean(code).lower())
    if level is None:
        raise Invalid(N_("Cấp không hợp lệ."))
    if not (level["current"] or past):
        raise Invalid(N_("Cấp %(name)s không còn từ ngày 1/7/2025; chỉ dùng cho các buổi đối thoại trước đó."),
                      name=level["name"])
    return level


def path(store, area):
    """The area and those above it, the province first."""
    found = [area]
    while found[0]["parent_id"] is not None and len(found) < 8:  # bounded: areas nest three deep at most
        found.insert(0, store.area(found[0]["parent_id"]))
    return found


def contains(store, outer, inner):
    """Whether `inner` is `outer` or lies within it."""
    return any(area["id"] == outer["id"] for area in path(store, inner))


def view(store, area):
    """An area as the API shows it."""
    level = store.level(area["level"])
    parent = store.area(area["parent_id"]) if area["parent_id"] else None
    return {"code": area["code"], "name": area["name"], "level": area["level"], "level_name": level["name"],
            "parent": parent and parent["code"]}


def choices(store, within=None, past=False):
    """The areas an event may be placed in, each as `view`, the widest first: today's levels (and the
    older ones too when `past`), only `within` and those inside it when given (a local organizer's)."""
    current = {level["code"] for level in store.levels() if level["current"] or past}
    found = [area for area in store.areas() if area["level"] in current]
    if within is not None:
        found = [area for area in found if contains(store, within, area)]
    return [view(store, area) for area in found]


def is_past(store, area):
    """Whether `area` is of a level gone since 1 July 2025 (a past dialogue's district, town...)."""
    return area is not None and not store.level(area["level"])["current"]


def parent_choices(store, event=None):
    """The dialogues `event` may feed: those held in an area wider than its own (before it has an
    area, in any area with areas inside it), never itself."""
    own = event and event["area_id"] and store.area(event["area_id"])
    found = []
    for other in store.events():
        if other["area_id"] is None or (event and other["id"] == event["id"]):
            continue
        outer = store.area(other["area_id"])
        if (outer["id"] != own["id"] and contains(store, outer, own)) if own else store.area_children(outer["id"]):
            found.append(other)
    return found


def import_table(store, actor, table, past=False):
    """Every row of `table` (spreadsheet.read with COLUMNS) as a new area, in the file's order (a row
    may name as parent an area an earlier row makes), or none at all: the first problem is raised,
    with its row's `line` among its params. -> the areas made."""
    if table.problems:
        raise table.problems[0]
    made = []
    with store.transaction():
        for row in table.rows:
            try:
                if row.problems:
                    raise row.problems[0]
                values = {name: row.values.get(name, "") for name in ("code", "name", "level")}
                made.append(create(store, actor, **values, parent=row.values.get("parent") or None, past=past))
            except DomainError as problem:
                problem.params["line"] = row.line
                raise
    return made
