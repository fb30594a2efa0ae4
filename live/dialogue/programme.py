"""The programme of the day (chương trình): an ordered list of items (performances, a video report,
quick figures, dialogue segments by content, polls, awards, speeches), the one running, and its
times planned and actual. A moderator moves it on; every screen shows what the running item calls for.

Every change raises the event's programme_version; a tablet that sends an older one is refused (409),
so two tablets reordering at once cannot lose each other's change unseen.
"""
import json
import re
from datetime import datetime, time, timedelta, timezone

from . import events, policy, polls
from .. import text
from ..errors import Conflict, Invalid, NotFound, N_
from ..text import dates

OPENING, PERFORMANCE, VIDEO, FIGURES, DIALOGUE, POLL, AWARDS, BREAK, CLOSING = (
    "opening", "performance", "video", "figures", "dialogue", "poll", "awards", "break", "closing")
KINDS = (OPENING, PERFORMANCE, VIDEO, FIGURES, DIALOGUE, POLL, AWARDS, BREAK, CLOSING)
MAX_ITEMS = 60
MAX_MINUTES = 600
MAX_FIGURES = 12
MAX_HONOUREES = 300
SCRIPT_LINES = ("intro", "ask", "answer")  # the MC's: opening the item; inviting a question; an answer
WARN_SECONDS = 120  # the countdown turns amber for an item's last two minutes, red past its time
CLOCK = re.compile(r"^([01]?\d|2[0-3])[:hH.]([0-5]\d)$")
STALE = N_("Chương trình vừa được thay đổi ở nơi khác. Hãy xem lại rồi thử lại.")
LONG = N_("Nội dung dài quá %(limit)s ký tự.")


# ---------------------------------------------------------------------------------------- checking

def clean_item(store, event, data):
    """The columns of a programme item from what a form, the API, the CLI or a spreadsheet sent."""
    if not isinstance(data, dict):
        raise Invalid(N_("Mục chương trình không hợp lệ."))
    kind = data.get("kind")
    if data.get("topic_id") is None and "topic" in data:  # a content is named, or given by its id
        data = {**data, "topic_id": data["topic"]}
    if kind not in KINDS:
        raise Invalid(N_("Loại mục phải là một trong: %(kinds)s."), kinds=", ".join(KINDS), field="kind")
    fields = events.check_fields(data, {
        "title": lambda v: text.required(v, text.ITEM_TITLE_MAX, N_("Mục chương trình cần có tên."), LONG),
        "presenter": lambda v: text.optional(v, text.ITEM_TITLE_MAX, LONG),
        "planned_start": _clock,
        "duration": _minutes,
        "topic_id": lambda v: _topic(store, event, kind, v),
        "poll_id": lambda v: _poll(store, event, kind, v),
        "script": _script,
        "details": lambda v: json.dumps(_details(data), ensure_ascii=False),
    })
    asking = data.get("asking")
    fields["asking"] = int(asks_by_default(kind) if asking is None else bool(asking))
    return {"kind": kind, **fields}


def asks_by_default(kind):
    """Whether phones may send questions during an item of `kind` unless the organizer says."""
    return kind == DIALOGUE


def _clock(value):
    if value is None or value == "":
        return None
    found = CLOCK.match(text.clean(value)) if isinstance(value, str) else None
    if not found:
        raise Invalid(N_("Giờ bắt đầu phải có dạng GG:PP, ví dụ 08:30."))
    return f"{int(found.group(1)):02d}:{found.group(2)}"


def _minutes(value):
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_MINUTES:
        raise Invalid(N_("Thời lượng phải là số phút, từ 1 đến %(limit)s."), limit=MAX_MINUTES)
    return value


def _topic(store, event, kind, value):
    """A dialogue segment's content (a topic's name or id); none: every content."""
    if kind != DIALOGUE or value in (None, ""):
        return None
    topics = store.topics(event["id"])
    found = [t for t in topics if value in (t["id"], t["name"])]
    if not found:
        raise Invalid(N_("Không có chủ đề “%(name)s” trong sự kiện này."), name=value)
    return found[0]["id"]


def _poll(store, event, kind, value):
    if kind != POLL or value in (None, ""):
        return None
    try:
        return polls.get(store, value, event)["id"]
    except NotFound:
        raise Invalid(N_("Sự kiện này không có cuộc thăm dò đó.")) from None


def _script(value):
    """The MC's lines an organizer wrote ({"intro", "ask", "answer"}); a missing one is said by default."""
    value = value or {}
    if not isinstance(value, dict) or set(value) - set(SCRIPT_LINES):
        raise Invalid(N_("Lời dẫn phải gồm: %(lines)s."), lines=", ".join(SCRIPT_LINES))
    lines = {name: text.optional(value.get(name), text.SCRIPT_LINE_MAX, LONG) for name in SCRIPT_LINES}
    return json.dumps({name: line for name, line in lines.items() if line}, ensure_ascii=False)


def _details(data):
    """What the projector shows of a quick-information item (figures) or the awards (honourees)."""
    return {"figures": _rows(data.get("figures"), MAX_FIGURES, {
                "value": lambda v: text.required(v, text.FIGURE_VALUE_MAX, N_("Con số không được để trống."), LONG),
                "label": lambda v: text.optional(v, text.OPTION_MAX, LONG) or ""}),
            "honourees": _rows(data.get("honourees"), MAX_HONOUREES, {
                "name": lambda v: text.required(v, text.OPTION_MAX, N_("Hãy nhập tên người được khen."), LONG),
                "unit": lambda v: text.optional(v, text.OPTION_MAX, LONG) or ""})}


def _rows(rows, limit, checks):
    if rows in (None, ""):
        return []
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise Invalid(N_("Danh sách không hợp lệ."))
    if len(rows) > limit:
        raise Invalid(N_("Tối đa %(limit)s dòng."), limit=limit)
    return [events.check_fields(row, checks) for row in rows]


def as_data(store, item):
    """An item as clean_item takes it: to change a few fields and check the whole again."""
    details = json.loads(item["details"] or "{}")
    return {"kind": item["kind"], "title": item["title"], "presenter": item["presenter"],
            "planned_start": item["planned_start"], "duration": item["duration"], "topic_id": item["topic_id"],
            "poll_id": item["poll_id"], "asking": bool(item["asking"]), "script": json.loads(item["script"] or "{}"),
            "figures": details.get("figures", []), "honourees": details.get("honourees", [])}


# ---------------------------------------------------------------------------------------- changing

def _changing(store, event, version):
    """The event as it is now, refusing a change made on an older programme (409)."""
    event = store.event_by_id(event["id"])
    if version is not None and version != event["programme_version"]:
        raise Conflict(STALE, version=event["programme_version"])
    return event


def _changed(store, event, actor, action, after):
    store.next_programme_version(event["id"])
    store.append_audit(event["id"], actor, action, after=after)
    return store.event_by_id(event["id"])


def _item(store, event, item_id):
    item = store.programme_item(item_id) if isinstance(item_id, int) and not isinstance(item_id, bool) else None
    if item is None or item["event_id"] != event["id"]:
        raise NotFound(N_("Không tìm thấy mục chương trình."))
    return item


def add(store, actor, event, data, version=None, position=None):
    """A new item, at `position` (from 0) or last; returns the event as changed."""
    fields = clean_item(store, event, data)
    if position is not None and (not isinstance(position, int) or isinstance(position, bool)):
        raise Invalid(N_("Vị trí phải là một số nguyên."))
    with store.transaction():
        event = _changing(store, event, version)
        items = store.programme(event["id"])
        if len(items) >= MAX_ITEMS:
            raise Invalid(N_("Tối đa %(limit)s mục chương trình."), limit=MAX_ITEMS)
        item_id = store.insert_programme_item(event["id"], len(items), fields)
        order = [i["id"] for i in items]
        order.insert(len(order) if position is None else max(0, min(position, len(order))), item_id)
        store.set_positions(order)
        return _changed(store, event, actor, "programme.add", {"item": item_id, **fields})


def edit(store, actor, event, item_id, data, version=None):
    """Change some of an item's fields; the whole item is checked again."""
    with store.transaction():
        event = _changing(store, event, version)
        item = _item(store, event, item_id)
        fields = clean_item(store, event, {**as_data(store, item), **data})
        store.update_programme_item(item_id, fields)
        if event["programme_item_id"] == item_id:
            store.set_programme_asking(event["id"], fields["asking"])
        return _changed(store, event, actor, "programme.edit", {"item": item_id, **fields})


def duplicate(store, actor, event, item_id, version=None):
    """A copy of the item, just after it, not yet run."""
    item = _item(store, event, item_id)
    position = [i["id"] for i in store.programme(event["id"])].index(item_id) + 1
    return add(store, actor, event, as_data(store, item), version, position)


def delete(store, actor, event, item_id, version=None):
    """Remove an item; the running one cannot be removed (move the programme on first)."""
    with store.transaction():
        event = _changing(store, event, version)
        _item(store, event, item_id)
        if event["programme_item_id"] == item_id:
            raise Conflict(N_("Mục này đang diễn ra; hãy chuyển sang mục khác trước khi xoá."))
        store.delete_programme_item(item_id)
        return _changed(store, event, actor, "programme.delete", {"item": item_id})


def reorder(store, actor, event, order, version=None):
    """Put the items in `order` (every item's id, once)."""
    with store.transaction():
        event = _changing(store, event, version)
        ids = [i["id"] for i in store.programme(event["id"])]
        if not isinstance(order, list) or sorted(order, key=str) != sorted(ids, key=str):
            raise Invalid(N_("Thứ tự phải gồm mỗi mục chương trình đúng một lần."))
        store.set_positions(order)
        return _changed(store, event, actor, "programme.reorder", {"order": order})


def replace(store, actor, event, rows):
    """The whole programme from a spreadsheet or the CLI, all or nothing (the running one is kept
    only if nothing runs: a programme is replaced before the day)."""
    items = [clean_item(store, event, row) for row in rows]
    if len(items) > MAX_ITEMS:
        raise Invalid(N_("Tối đa %(limit)s mục chương trình."), limit=MAX_ITEMS)
    with store.transaction():
        event = _changing(store, event, None)
        if event["programme_item_id"] is not None:
            raise Conflict(N_("Chương trình đang diễn ra; không thay cả chương trình lúc này."))
        for old in store.programme(event["id"]):
            store.delete_programme_item(old["id"])
        for position, fields in enumerate(items):
            store.insert_programme_item(event["id"], position, fields)
        return _changed(store, event, actor, "programme.replace", {"items": len(items)})


# ---------------------------------------------------------------------------------------- running

NEXT, BACK, END = "next", "back", "end"


def advance(store, actor, event, to, version=None):
    """Start the next item ("next"), the one before ("back"), any item (its id), or end the
    programme ("end", or "next" from the last). The item left ends now. A poll's item opens its poll
    if it is a draft. Returns (event, the poll opened or None)."""
    with store.transaction():
        event = _changing(store, event, version)
        items = store.programme(event["id"])
        target = _target(items, event["programme_item_id"], to)
        store.set_current_item(event["id"], target and target["id"], target["asking"] if target else True)
        opened = None
        if target and target["poll_id"] and store.poll(target["poll_id"])["state"] == polls.DRAFT:
            opened = polls.move(store, actor, target["poll_id"], event, "open")
        return _changed(store, event, actor, "programme.advance", {"item": target and target["id"]}), opened


def _target(items, current_id, to):
    ids = [item["id"] for item in items]
    index = ids.index(current_id) if current_id in ids else None
    if to == END:
        return None
    if to == NEXT:
        position = 0 if index is None else index + 1
        return items[position] if position < len(items) else None
    if to == BACK:
        if not index:
            raise Conflict(N_("Không có mục nào trước mục này."))
        return items[index - 1]
    if to in ids and not isinstance(to, bool):
        return items[ids.index(to)]
    raise Invalid(N_("Hãy chọn “next”, “back”, “end” hoặc mã một mục chương trình."))


def current(store, event):
    """The running item, or None."""
    return store.programme_item(event["programme_item_id"]) if event["programme_item_id"] else None


def focus_topic(store, event):
    """The content whose questions come first now: the running dialogue segment's, or None."""
    item = current(store, event)
    return item["topic_id"] if item and item["kind"] == DIALOGUE else None


# ---------------------------------------------------------------------------------------- showing

def timing(event, items, zone, at):
    """Each item's planned start (its own, else when the one before ends) and end, in `zone`, and
    the programme's planned and projected end and how late it runs, in seconds, at `at` (UTC)."""
    day = dates.parse_day(event["date"])
    cursor, planned = None, []
    for item in items:
        if item["planned_start"] and day:
            cursor = datetime.combine(day, time.fromisoformat(item["planned_start"]), zone)
        planned.append(cursor)
        cursor = cursor + timedelta(minutes=item["duration"]) if cursor else None
    projected = _projected_end(event, items, at)
    return planned, {"planned_end": _iso(cursor), "projected_end": _iso(projected or cursor),
                     "late_seconds": round((projected - cursor).total_seconds()) if projected and cursor else None}


def _projected_end(event, items, at):
    """When the programme will end: now, plus what is left of the running item, plus the planned
    durations of those after it; once ended, when the last one ended; None before it starts."""
    ids = [item["id"] for item in items]
    if event["programme_item_id"] in ids:
        index = ids.index(event["programme_item_id"])
        running = items[index]
        left = _started(running) + timedelta(minutes=running["duration"]) - at
        later = sum(item["duration"] for item in items[index + 1:])
        return at + max(left, timedelta(0)) + timedelta(minutes=later)
    ended = [item["ended_at"] for item in items if item["ended_at"]]
    return datetime.fromisoformat(max(ended)) if ended else None


def _started(item):
    return datetime.fromisoformat(item["started_at"])


def _iso(moment):
    return moment.isoformat() if moment else None


def _used_seconds(item, at):
    if not item["started_at"]:
        return None
    end = datetime.fromisoformat(item["ended_at"]) if item["ended_at"] else at
    return max(0, round((end - _started(item)).total_seconds()))


def item_view(item, topics, planned_start, viewer, at, polls=None):
    """One item as `viewer` sees it; a poll item names its poll's question where the viewer may see it."""
    poll = (polls or {}).get(item["poll_id"])
    details = json.loads(item["details"] or "{}")
    data = {key: item[key] for key in ("id", "kind", "title", "presenter", "duration", "topic_id", "poll_id",
                                       "started_at", "ended_at")}
    data.update(asking=bool(item["asking"]), topic=topics.get(item["topic_id"]), planned_start=_iso(planned_start),
                planned_clock=dates.clock(planned_start, planned_start.tzinfo) if planned_start else None,
                used_seconds=_used_seconds(item, at), figures=details.get("figures", []),
                honourees=details.get("honourees", []),
                poll_text=poll["text"] if poll and policy.can_see_poll(poll, viewer) else None)
    if policy.sees_script(viewer):
        data["script"] = json.loads(item["script"] or "{}")
    return data


def view(store, event, viewer, zone, at=None):
    """The programme as `viewer` sees it: the items, the running one and what comes next, the
    times, and the version it is current to."""
    at = at or datetime.now(timezone.utc)
    items = store.programme(event["id"])
    planned, times = timing(event, items, zone, at)
    topics = {t["id"]: t["name"] for t in store.topics(event["id"], active_only=False)}
    polls = {poll["id"]: poll for poll in store.polls(event["id"])} if any(i["poll_id"] for i in items) else {}
    ids = [item["id"] for item in items]
    running = event["programme_item_id"]
    following = ids[ids.index(running) + 1] if running in ids and ids.index(running) + 1 < len(ids) else (
        ids[0] if running is None and ids and not any(item["started_at"] for item in items) else None)
    return {"version": event["programme_version"], "current": running, "next": following,
            "focus_topic_id": focus_topic(store, event), "now": at.isoformat(), "warn_seconds": WARN_SECONDS,
            "items": [item_view(item, topics, start, viewer, at, polls) for item, start in zip(items, planned)],
            **times}
