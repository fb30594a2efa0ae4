"""Staff pages: login, the moderator console, and the organizer's events and accounts."""
from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext

from .. import events, questions, users
from ..errors import DomainError, Invalid, N_, TooSoon
from . import broadcast, errors, identity
from .identity import store

bp = Blueprint("staff", __name__)

# The phase select's options; the labels are translated in the template.
PHASE_CHOICES = [(phase, events.PHASE_LABELS[phase]) for phase in events.PHASES]


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
def logout_everywhere():
    """End every session of this account, on every device (a lost tablet, a shared computer)."""
    user = identity.current_user()
    if user is not None:
        users.end_sessions(store(), user["username"])
    identity.log_out()
    flash(gettext("Đã đăng xuất khỏi mọi thiết bị."), "ok")
    return redirect(url_for("staff.login"))


@bp.get("/staff")
def home():
    user = identity.staff_user()
    if user["role"] == users.RESPONDER:  # an agency's account has one page: its questions
        return redirect(url_for("followup.agency", code=user["event_code"]))
    visible = [e for e in store().events() if users.can_moderate(user, e)]
    return render_template("staff_home.html", events=visible, can_organize=users.can_organize(user))


@bp.get("/mod/<code>")
def moderate(code):
    event = identity.staff_page_event(code)
    return render_template("moderator.html", event=event, topics=store().topics(event["id"]),
                           agencies=store().agencies(event["id"]),
                           channels={code: gettext(name) for code, name in questions.CHANNEL_NAMES.items()},
                           youth_groups={code: gettext(name) for code, name in questions.YOUTH_GROUPS.items()})


@bp.route("/admin/events/new", methods=["GET", "POST"])
def new_event():
    return _event_form(None)


@bp.route("/admin/events/<code>", methods=["GET", "POST"])
def edit_event(code):
    return _event_form(events.get(store(), code))


def _event_form(event):
    identity.staff_user(organizer=True)
    form = request.form
    if request.method == "POST":
        fields = {
            "title": form.get("title"), "theme": form.get("theme"), "date": form.get("date"),
            "venue": form.get("venue"), "requires_approval": form.get("requires_approval") == "on",
        }
        lists = {"topics": events.parse_topics(form.get("topics", "").splitlines()),
                 "agencies": events.parse_agencies(form.get("agencies", "").splitlines())}
        phase = form.get("phase") or None
        try:
            with store().transaction():
                if event is None:
                    saved = events.create(store(), identity.actor(), form.get("code"), **lists, **fields)
                else:
                    saved = events.update(store(), identity.actor(), event["code"], **lists, **fields)
                if phase is not None:
                    saved = events.set_phase(store(), identity.actor(), saved["code"], phase)
            broadcast.event_changed(saved)
            flash(gettext("Đã tạo sự kiện.") if event is None else gettext("Đã lưu sự kiện."), "ok")
            event = saved
            return redirect(url_for("staff.edit_event", code=event["code"]))
        except DomainError as error:
            return render_template("event_form.html", event=event, form=form, phases=PHASE_CHOICES,
                                   error=gettext(error.message, **error.params)), 400
    return render_template("event_form.html", event=event, form=_form_values(event), phases=PHASE_CHOICES)


def _form_values(event):
    if event is None:
        return {"requires_approval": "on", "phase": events.LIVE}
    topics = store().topics(event["id"])
    agencies = store().agencies(event["id"])
    return {
        **{key: event[key] or "" for key in ("code", "title", "theme", "date", "venue")},
        "requires_approval": "on" if event["requires_approval"] else "",
        "phase": event["phase"],
        "topics": "\n".join(" | ".join(filter(None, (t["name"], t["description"]))) for t in topics),
        "agencies": "\n".join(events.agency_line(a) for a in agencies),
    }


@bp.route("/admin/users", methods=["GET", "POST"])
def accounts():
    identity.staff_user(organizer=True)
    status = 200
    if request.method == "POST":
        form = request.form
        try:
            event = events.get(store(), form["event"]) if form.get("event") else None
            if form.get("action") == "password":
                users.set_password(store(), form.get("username"), form.get("password"))
                identity.sessions_ended()
                flash(gettext("Đã đổi mật khẩu."), "ok")
            elif form.get("action") == "rename":
                users.set_display_name(store(), form.get("username"), form.get("display_name"))
                flash(gettext("Đã đổi tên hiển thị của %(name)s.", name=form.get("username")), "ok")
            elif form.get("action") in ("disable", "enable"):
                disabled = form["action"] == "disable"
                users.set_disabled(store(), form.get("username"), disabled)
                identity.sessions_ended()
                flash(gettext("Đã khóa tài khoản %(name)s.", name=form.get("username")) if disabled else
                      gettext("Đã mở lại tài khoản %(name)s.", name=form.get("username")), "ok")
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
                users.create(store(), form.get("username"), form.get("password"), role, event, agency,
                             form.get("display_name"))
                flash(gettext("Đã tạo tài khoản."), "ok")
            return redirect(url_for("staff.accounts"))
        except DomainError as error:
            flash(gettext(error.message, **error.params), "error")
            status = 400
    every_event = store().events()
    return render_template("users.html", accounts=store().users(), events=every_event, roles=users.ROLES,
                           agencies={e["code"]: store().agencies(e["id"]) for e in every_event}), status
