"""Levels and areas as data: today's two tiers (the province; its communes, wards and special zones)
and, for past dialogues, the older three (districts, towns and provincial cities between). An event
is held in an area and may feed the dialogue of a wider one (its parent event)."""
import re

from .. import text
from ..errors import Conflict, Invalid, NotFound, N_

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,47}$")
PROVINCE = "province"
NAME_MAX = 120


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
