"""Staff pages: login, the moderator console, and the organizer's events and accounts."""
from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext

from ..dialogue import areas, events, polls, users
from ..errors import DomainError, Forbidden, Invalid, N_, TooSoon
from . import broadcast, errors, identity
from .identity import store
from .permissions import moderator_of_event, organizer_required, staff_required

bp = Blueprint("staff", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    next_url = identity.local_path(request.values.get("next")) or url_for("staff.home")
    if request.method == "GET":
        return render_template("login.html", next=next_url)

    def again(error, status):
        page = render_template("login.html", next=next_url, username=request.form.get("username", ""), error=error)
        return make_response(page, status)

    try:
        user = identity.authenticate(request.form.get("username"), request.form.get("password"))
    except TooSoon as error:
        return errors.with_retry_after(again(gettext(error.message, **error.params), 429), error)
    if user is None:
        return again(gettext("Sai tên đăng nhập hoặc mật khẩu."), 401)
    identity.log_in(user)
    return redirect(next_url)


@bp.post("/logout")
def logout():
    identity.log_out()
    return redirect(url_for("staff.login"))


@bp.post("/logout-everywhere")
@staff_required
def logout_everywhere():
    """End every session of this account, on every device (a lost tablet, a shared computer)."""
    users.end_sessions(store(), identity.current_user()["username"])
    identity.log_out()
    flash(gettext("Đã đăng xuất khỏi mọi thiết bị."), "ok")
    return redirect(url_for("staff.login"))


@bp.get("/staff")
@staff_required
def home():
    user = identity.current_user()
    if user["role"] == users.RESPONDER:  # an agency's account has one page: its questions
        return redirect(url_for("followup.agency", code=user["event_code"]))
    visible = [e for e in store().events() if users.can_moderate(store(), user, e)]
    return render_template("staff_home.html", events=visible, counts=store().status_counts(),
                           is_published=events.is_published)


@bp.get("/mod/<code>")
@moderator_of_event
def moderate(event):
    return render_template("moderator.html", event=event, topics=store().topics(event["id"]),
                           agencies=store().agencies(event["id"]), limits=events.LIMITS,
                           poll_form={"asks": polls.ASKS, "min_options": polls.MIN_OPTIONS,
                                      "max_options": polls.MAX_OPTIONS})


@bp.route("/admin/events/new", methods=["GET", "POST"])
@organizer_required
def new_event():
    return _event_form(None)


@bp.route("/admin/events/<code>", methods=["GET", "POST"])
@organizer_required
def edit_event(event):
    return _event_form(event)


# The form's lists: one row of inputs per topic or agency, named "<list>-<field>" (topics-name).
ROW_FIELDS = {"topics": events.TOPIC_FIELDS, "agencies": events.AGENCY_FIELDS}
ROW_LABELS = {"topics": N_("Chủ đề"), "agencies": N_("Cơ quan")}


def _event_form(event):
    """The event form. Its row buttons (row_action: add, remove, move) work without JavaScript:
    the form comes back with the change and nothing is saved until "Lưu sự kiện"."""
    if request.method == "GET":
        rows = {kind: _saved_rows(event, kind) or [_blank(kind)] for kind in ROW_FIELDS}
        return _form_page(event, _form_values(event), rows)
    form = request.form
    rows = {kind: _posted_rows(form, kind) for kind in form.getlist("lists") if kind in ROW_FIELDS}
    try:
        if form.get("row_action"):
            return _form_page(event, form, rows, focus=_edit_rows(rows, form["row_action"]))
        rows = {kind: [row for row in listed if any(value.strip() for value in row.values())]
                for kind, listed in rows.items()}  # an empty row (one just added, left blank) is no row
        saved = _save(event, form, rows)
    except DomainError as error:
        return _form_page(event, form, rows, error=error), _status(error)
    broadcast.event_changed(saved)
    flash(gettext("Đã tạo sự kiện.") if event is None else gettext("Đã lưu sự kiện."), "ok")
    return redirect(url_for("staff.edit_event", code=saved["code"]))


def _status(error):
    """A form's refusal: 403 for what the account may not do (another area's), else 400 (to correct)."""
    return 403 if isinstance(error, Forbidden) else 400


def _save(event, form, rows):
    fields = {
        "title": form.get("title"), "theme": form.get("theme"), "date": form.get("date"),
        "venue": form.get("venue"), "requires_approval": form.get("requires_approval") == "on",
        "area": users.area_for_event(store(), identity.current_user(), form.get("area")),
        "parent": form.get("parent") or None,
    }
    lists = {kind: rows.get(kind) for kind in ROW_FIELDS}  # a list the form did not send stays as it is
    with store().transaction():
        if event is None:
            saved = events.create(store(), identity.actor(), form.get("code"), **lists, **fields)
        else:
            saved = events.update(store(), identity.actor(), event["code"], **lists, **fields)
        if form.get("phase"):
            saved = events.set_phase(store(), identity.actor(), saved["code"], form["phase"])
    return saved


def _edit_rows(rows, action):
    """Apply one row button to `rows`: add:<list>, remove:<list>:<n>, up:<list>:<n>, down:<list>:<n>
    (n from 0). -> the control to focus on the page that comes back: "<list>-<n>-<field or button>"
    (topics-2-name, topics-2-up) or "<list>-add"."""
    verb, _, rest = action.partition(":")
    kind, _, index = rest.partition(":")
    listed = rows.get(kind)
    if listed is not None and verb == "add" and not index:
        events.check_count(kind, len(listed) + 1)
        listed.append(_blank(kind))
        return f"{kind}-{len(listed) - 1}-{ROW_FIELDS[kind][0]}"
    if listed is None or verb not in ("remove", "up", "down") or not index.isdigit() or int(index) >= len(listed):
        raise Invalid(N_("Yêu cầu không hợp lệ."))
    position = int(index)
    if verb == "remove":
        del listed[position]
        return f"{kind}-add"
    other = position + (-1 if verb == "up" else 1)
    if not 0 <= other < len(listed):
        other = position  # the first row up, the last one down: nothing moves
    listed[position], listed[other] = listed[other], listed[position]
    at_edge = other == (0 if verb == "up" else len(listed) - 1)  # where this button is hidden
    return f"{kind}-{other}-{'down' if verb == 'up' else 'up'}" if at_edge else f"{kind}-{other}-{verb}"


def _blank(kind):
    return dict.fromkeys(ROW_FIELDS[kind], "")


def _posted_rows(form, kind):
    columns = {name: form.getlist(f"{kind}-{name}") for name in ROW_FIELDS[kind]}
    count = max(len(values) for values in columns.values())
    return [{name: values[n] if n < len(values) else "" for name, values in columns.items()} for n in range(count)]


def _saved_rows(event, kind):
    if event is None:
        return []
    saved = store().topics(event["id"]) if kind == "topics" else store().agencies(event["id"])
    return [{name: row[name] or "" for name in ROW_FIELDS[kind]} for row in saved]


def _form_page(event, form, rows, error=None, focus=None):
    """The form with its rows (the saved ones for a list the request did not send); an error about
    one row is said with the row's number and shown at the row too, its input focused."""
    rows = {kind: rows[kind] if kind in rows else _saved_rows(event, kind) for kind in ROW_FIELDS}
    message = problem = None
    if error is not None:
        message = gettext(error.message, **error.params)
        if error.params.get("row"):
            problem = {"list": error.params["list"], "index": error.params["row"] - 1,
                       "field": error.params.get("field"), "message": message}
            focus = f"{problem['list']}-{problem['index']}-{problem['field']}"
            message = gettext("%(list)s, dòng %(row)s: %(problem)s", list=gettext(ROW_LABELS[problem["list"]]),
                              row=error.params["row"], problem=message)
    return render_template("event_form.html", event=event, form=form, rows=rows,
                           error=message, problem=problem, focus=focus, **_place_choices(event))


def _place_choices(event):
    """The areas the organizer may hold the event in (today's levels, unless it is a past dialogue)
    and the dialogues it may feed; a local organizer has no "none" area."""
    user = identity.current_user()
    own = user["area_id"] and store().area(user["area_id"])
    held = event and event["area_id"] and store().area(event["area_id"])
    return {"area_choices": areas.choices(store(), within=own or None, past=areas.is_past(store(), held or None)),
            "parent_choices": areas.parent_choices(store(), event), "area_required": bool(own)}


def _form_values(event):
    if event is None:
        own = identity.current_user()["area_code"]
        return {"requires_approval": "on", "phase": events.LIVE, "area": own or ""}
    place = events.place_view(store(), event)
    return {
        **{key: event[key] or "" for key in ("code", "title", "theme", "date", "venue")},
        "requires_approval": "on" if event["requires_approval"] else "",
        "phase": event["phase"], "area": (place["area"] or {}).get("code", ""), "parent": place["parent"] or "",
    }


@bp.route("/admin/users", methods=["GET", "POST"])
@organizer_required
def accounts():
    """The accounts the organizer manages: all of them, or a local organizer's (those of the events
    it organizes, organizers of its area); anything else is refused with 403 and changes nothing."""
    status, user = 200, identity.current_user()
    if request.method == "POST":
        try:
            _account_action(request.form, user)
            return redirect(url_for("staff.accounts"))
        except DomainError as error:
            flash(gettext(error.message, **error.params), "error")
            status = _status(error)
    own = user["area_id"] and store().area(user["area_id"])
    shown = [e for e in store().events() if users.organizes(store(), user, e)]
    every_event = users.may_grant(store(), user, users.MODERATOR, None, None)  # else only its own events
    return render_template("users.html", accounts=[a for a in store().users() if users.manages(store(), user, a)],
                           events=shown, roles=users.ROLES, area_choices=areas.choices(store(), own or None, past=True),
                           area_required=bool(own), every_event=every_event,
                           agencies={e["code"]: store().agencies(e["id"]) for e in shown}), status


def _account_action(form, user):
    event = events.get(store(), form["event"]) if form.get("event") else None
    name = form.get("username")
    if form.get("action") == "password":
        users.set_password(store(), name, form.get("password"), by=user)
        identity.sessions_ended()
        flash(gettext("Đã đổi mật khẩu."), "ok")
    elif form.get("action") == "rename":
        users.set_display_name(store(), name, form.get("display_name"), by=user)
        flash(gettext("Đã đổi tên hiển thị của %(name)s.", name=name), "ok")
    elif form.get("action") in ("disable", "enable"):
        disabled = form["action"] == "disable"
        users.set_disabled(store(), name, disabled, by=user)
        identity.sessions_ended()
        flash(gettext("Đã khóa tài khoản %(name)s.", name=name) if disabled else
              gettext("Đã mở lại tài khoản %(name)s.", name=name), "ok")
    else:
        role, agency = form.get("role"), None
        if role == users.RESPONDER:
            # the agency select sends "event/AGENCY", so it works without JavaScript
            agency = form.get("agency", "")
            if "/" in agency:
                agency_event, agency = agency.split("/", 1)
                if event is None:
                    event = events.get(store(), agency_event)
                elif event["code"] != agency_event:
                    raise Invalid(N_("Cơ quan đã chọn không thuộc sự kiện đã chọn."))
        area = form.get("area") if role == users.ORGANIZER else None
        users.create(store(), name, form.get("password"), role, event, agency, form.get("display_name"),
                     area=area or None, by=user)
        flash(gettext("Đã tạo tài khoản."), "ok")
