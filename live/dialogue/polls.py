"""Live polls: prepared before the event or launched by a moderator, opened, answered once per
attendee (an attendee may change the answer while the poll is open), closed, and revealed.

Results stay hidden from phones and the projector until a moderator reveals them (policy.sees_results):
early answers should not sway the rest.
"""
from . import blocking, events, policy
from .. import text
from ..errors import Conflict, Invalid, NotFound, N_

SINGLE, MULTIPLE, SCALE = "single", "multiple", "scale"
KINDS = (SINGLE, MULTIPLE, SCALE)
DRAFT, OPEN, CLOSED = policy.POLL_DRAFT, policy.POLL_OPEN, policy.POLL_CLOSED
STATES = (DRAFT, OPEN, CLOSED)
MIN_OPTIONS, MAX_OPTIONS = 2, 10
SCALE_LABELS = ("1", "2", "3", "4", "5")  # a 1-5 scale's options, unless it names its ends
PARTS = ("youth_group", "district")  # what an answer may say of the attendee, to count by
# What a poll's form asks for each kind: its options (a scale's are 1 to 5 unless it names them) and,
# for multiple choice, the most an attendee may choose.
ASKS = {SINGLE: ("options",), MULTIPLE: ("options", "max_choices"), SCALE: ()}


def get(store, poll_id, event=None):
    """The poll; NotFound when missing (or of another event than `event`)."""
    poll = store.poll(poll_id) if isinstance(poll_id, int) and not isinstance(poll_id, bool) else None
    if poll is None or (event is not None and poll["event_id"] != event["id"]):
        raise NotFound(N_("Không tìm thấy cuộc thăm dò."))
    return poll


def seen(poll, viewer):
    """The poll, if `viewer` may see it; else NotFound, as for one that does not exist."""
    if not policy.can_see_poll(poll, viewer):
        raise NotFound(N_("Không tìm thấy cuộc thăm dò."))
    return poll


def clean(data):
    """(fields of the poll row, option labels) from what a form or the API sent."""
    if not isinstance(data, dict):
        raise Invalid(N_("Cuộc thăm dò không hợp lệ."))
    kind = data.get("kind") or SINGLE
    if kind not in KINDS:
        raise Invalid(N_("Loại thăm dò phải là một trong: %(kinds)s."), kinds=", ".join(KINDS), field="kind")
    poll_text = events.check_fields(data, {"text": lambda v: text.required(
        v, text.POLL_TEXT_MAX, N_("Hãy nhập câu hỏi thăm dò."), N_("Câu hỏi thăm dò dài quá %(limit)s ký tự."))})
    labels = _labels(kind, data.get("options"))
    return {**poll_text, "kind": kind, "max_choices": _max_choices(kind, data.get("max_choices"), len(labels)),
            "in_notice": int(bool(data.get("in_notice")))}, labels


def _labels(kind, options):
    if kind == SCALE and not options:
        return list(SCALE_LABELS)
    if not isinstance(options, list):
        raise Invalid(N_("Các phương án phải là một danh sách."), field="options")
    labels = [text.required(o, text.OPTION_MAX, N_("Phương án không được để trống."),
                            N_("Phương án dài quá %(limit)s ký tự.")) if isinstance(o, str) or o is None
              else _not_text() for o in options]
    wanted = (len(SCALE_LABELS),) * 2 if kind == SCALE else (MIN_OPTIONS, MAX_OPTIONS)
    if not wanted[0] <= len(labels) <= wanted[1]:
        raise Invalid(N_("Cần từ %(low)s đến %(high)s phương án."), low=wanted[0], high=wanted[1], field="options")
    if len({label.casefold() for label in labels}) != len(labels):
        raise Invalid(N_("Hai phương án trùng nhau."), field="options")
    return labels


def _not_text():
    raise Invalid(N_("Phương án phải là văn bản."), field="options")


def _max_choices(kind, value, count):
    if "max_choices" not in ASKS[kind]:
        return 1
    if value is None or value == "":
        return count
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= count:
        raise Invalid(N_("Số lựa chọn tối đa phải từ 1 đến %(limit)s."), limit=count, field="max_choices")
    return value


def create(store, actor, event, data):
    """A new poll, a draft unless `data["open"]` (a moderator's ad hoc poll opens at once)."""
    fields, labels = clean(data)
    with store.transaction():
        poll_id = store.insert_poll({**fields, "event_id": event["id"], "state": DRAFT, "created_by": actor})
        store.replace_poll_options(poll_id, labels)
        store.append_audit(event["id"], actor, "poll.create", after={"poll": poll_id, **fields, "options": labels})
        if data.get("open"):
            store.set_poll_state(poll_id, OPEN)
            store.append_audit(event["id"], actor, "poll.open", after={"poll": poll_id})
        return store.poll(poll_id)


def edit(store, actor, poll_id, event, data):
    """Change a draft poll (its text, kind, options); an opened one has answers that count them."""
    with store.transaction():
        poll = get(store, poll_id, event)
        if poll["state"] != DRAFT:
            raise Conflict(N_("Chỉ sửa được cuộc thăm dò chưa mở."))
        fields, labels = clean({**_as_data(store, poll), **data})
        store.update_poll(poll_id, fields)
        store.replace_poll_options(poll_id, labels)
        store.append_audit(event["id"], actor, "poll.edit", after={"poll": poll_id, **fields, "options": labels})
        return store.poll(poll_id)


def _as_data(store, poll):
    return {"text": poll["text"], "kind": poll["kind"], "max_choices": poll["max_choices"],
            "in_notice": poll["in_notice"], "options": [o["label"] for o in store.poll_options([poll["id"]])]}


# The moves of a poll's state: (the state it goes to, the audit action); policy.POLL_MOVES says from where.
MOVES = {policy.OPEN_POLL: (OPEN, "poll.open"), policy.CLOSE_POLL: (CLOSED, "poll.close")}


def move(store, actor, poll_id, event, name):
    """Open (or reopen) or close the poll; 409 from a state it cannot move from."""
    target, action = MOVES[name]
    with store.transaction():
        poll = get(store, poll_id, event)
        if poll["state"] not in policy.POLL_MOVES[name]:
            raise Conflict(N_("Cuộc thăm dò đã ở trạng thái khác. Hãy xem lại."))
        store.set_poll_state(poll_id, target)
        store.append_audit(event["id"], actor, action, after={"poll": poll_id})
        return store.poll(poll_id)


def reveal(store, actor, poll_id, event, revealed=True):
    """Show the results to phones and the projector (or hide them again)."""
    with store.transaction():
        poll = get(store, poll_id, event)
        if bool(poll["revealed"]) != revealed:
            store.update_poll(poll_id, {"revealed": int(revealed)})
            store.append_audit(event["id"], actor, "poll.reveal" if revealed else "poll.hide", after={"poll": poll_id})
        return store.poll(poll_id)


def answer(store, poll_id, attendee_id, choices, about=None):
    """The attendee's answer (replacing an earlier one while the poll is open): (poll, changed)."""
    with store.transaction():
        poll = seen(get(store, poll_id), policy.PUBLIC)
        if not policy.takes_answers(poll):
            raise Conflict(N_("Cuộc thăm dò đã đóng, không nhận thêm câu trả lời."))
        blocking.check_allowed(store, poll["event_id"], attendee_id)
        option_ids = _choices(store, poll, choices)
        changed = store.save_poll_answer(poll_id, attendee_id, option_ids, _about(about or {}))
        return poll, changed


def _choices(store, poll, choices):
    if not isinstance(choices, list) or not choices or not all(
            isinstance(c, int) and not isinstance(c, bool) for c in choices):
        raise Invalid(N_("Hãy chọn ít nhất một phương án."), field="choices")
    chosen = sorted(set(choices))
    known = {o["id"] for o in store.poll_options([poll["id"]])}
    if not set(chosen) <= known:
        raise Invalid(N_("Phương án không có trong cuộc thăm dò này."), field="choices")
    if len(chosen) > poll["max_choices"]:
        raise Invalid(N_("Chọn tối đa %(limit)s phương án."), limit=poll["max_choices"], field="choices")
    return chosen


def _about(about):
    return {part: text.optional(about.get(part), text.DETAIL_MAX, N_("Nội dung dài quá %(limit)s ký tự."))
            for part in PARTS}


def results(store, poll):
    """{"poll", "total" (attendees who answered), "options": [{id, label, count, percent}], "mean"
    (a scale's average, else None)}: percents of those who answered."""
    counts = {row["option_id"]: row["answers"] for row in store.poll_counts(poll["id"])}
    total = sum(store.poll_answerers(poll["id"]).values())
    return {"poll": poll["id"], **tally(poll, store.poll_options([poll["id"]]), counts, total)}


def tally(poll, options, counts, total):
    """{"total", "options": [{id, label, count, percent}], "mean"} of `counts` ({option id: n}) among
    the `total` attendees who answered: the whole hall's, or one youth group's or district's."""
    counted = [{"id": o["id"], "label": o["label"], "count": counts.get(o["id"], 0),
                "percent": round(100 * counts.get(o["id"], 0) / total) if total else 0} for o in options]
    return {"total": total, "options": counted, "mean": _mean(poll, counted, total)}


def _mean(poll, options, total):
    if poll["kind"] != SCALE or not total:
        return None
    return round(sum((position + 1) * o["count"] for position, o in enumerate(options)) / total, 1)


def results_by(store, poll, part):
    """The results counted by what the attendees said of themselves (`part`, one of PARTS):
    [{"part": value or None, "total", "counts": {option id: n}}], the unknown last."""
    totals = store.poll_answerers(poll["id"], part)
    counts = {}
    for row in store.poll_counts(poll["id"], part):
        counts.setdefault(row["part"], {})[row["option_id"]] = row["answers"]
    order = sorted(totals, key=lambda value: (value is None, value or ""))
    return [{"part": value, "total": totals[value], "counts": counts.get(value, {})} for value in order]


def results_view(store, poll, viewer, found=None):
    """The results (`found`, else counted now) as `viewer` may see them: everything, or only how
    many answered so far."""
    found = found or results(store, poll)
    return found if policy.sees_results(poll, viewer) else {"poll": poll["id"], "total": found["total"]}


def view(store, poll, viewer, options=None, mine=None):
    """The poll as `viewer` sees it: its options, its state, whether it takes answers now, the results
    the policy lets them see, and (for an attendee) their own answer."""
    options = options if options is not None else store.poll_options([poll["id"]])
    data = {key: poll[key] for key in ("id", "text", "kind", "max_choices", "state", "version")}
    data.update(revealed=bool(poll["revealed"]), in_notice=bool(poll["in_notice"]),
                answerable=policy.takes_answers(poll),
                options=[{"id": o["id"], "label": o["label"]} for o in options if o["poll_id"] == poll["id"]],
                results=results_view(store, poll, viewer))
    if policy.is_staff(viewer):
        data["actions"] = policy.poll_actions(viewer, poll)
    if viewer.attendee_id is not None:
        data["mine"] = (mine or {}).get(poll["id"], [])
    return data


def listing(store, event, viewer):
    """The event's polls `viewer` may see, oldest first."""
    polls = [p for p in store.polls(event["id"]) if policy.can_see_poll(p, viewer)]
    options = store.poll_options([p["id"] for p in polls])
    mine = store.answered_polls(event["id"], viewer.attendee_id) if viewer.attendee_id else {}
    return [view(store, poll, viewer, options, mine) for poll in polls]
