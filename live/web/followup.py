"""After the session, as pages: the agency's own view (to prepare, then to answer in writing), the
organizers' follow-up tracker with deadlines, reminders and the publish switch, the printable list
of open items, the public results, and the import of agencies from a CSV file.

Every page works without JavaScript; an agency only ever sees what is routed to it."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from ..dialogue import (agency_import, deadlines, events, followup, policy, publication, questions, reminders,
                        spreadsheet, users)
from ..errors import DomainError, Invalid, NotFound, N_
from . import broadcast, identity
from .pages import public_link
from .identity import store
from .permissions import moderator_of_event, moderator_or_responder, organizer_required

bp = Blueprint("followup", __name__)

QUERY_MAX = 200


# ---------- shared helpers ----------

def _default_days():
    return current_app.config["LIVE_WRITTEN_ANSWER_DAYS"]


def countdown(days):
    return reminders.countdown(days, gettext)


def _render(template, status=200, **context):
    """The page with countdown(days); with `today`, also days_left(due) counted from it."""
    helpers = {"countdown": countdown}
    if "today" in context:
        helpers["days_left"] = lambda due: reminders.days_left(due, context["today"])
    return render_template(template, **helpers, **context), status


# ---------- the agency's view ----------

@bp.get("/agency/<code>")
@moderator_or_responder
def agency(event):
    """An agency's questions only: to prepare before and during the session, then to answer in writing.
    Its responder sees its own agency; a moderator picks one with ?agency=CODE."""
    agencies = store().agencies(event["id"], active_only=False)
    own = users.responder_agency(identity.current_user(), event)
    if own is not None:
        chosen = next(a for a in agencies if a["id"] == own)
    else:
        wanted = request.args.get("agency", "").strip().upper()
        chosen = next((a for a in agencies if a["code"] == wanted), None)
        if chosen is None:
            counts = {row["agency"]: row for row in followup.tracker(store(), event, identity.today(),
                                                                     _default_days())}
            return _render("agency.html", 404 if wanted else 200, event=event, agency=None, moderator=True,
                           agencies=[a for a in agencies if a["active"]], counts=counts, unknown=wanted)
    today = identity.today()
    viewer = policy.Viewer(agency_id=chosen["id"])
    routed = [q for q in questions.listing(store(), event, viewer)
              if q["agency"] and q["agency"]["code"] == chosen["code"]]
    spoken = store().answers([q["id"] for q in routed])
    waiting = questions.ranked([q for q in routed if q["status"] in (questions.PENDING, questions.APPROVED)])
    on_stage = next((q for q in routed if q["on_stage"]), None)
    coming = on_stage or next((q for q in waiting if q["queued"]), None)
    items = followup.items(store(), event, today, _default_days(), chosen["id"])
    items.sort(key=lambda item: (item["status"] == followup.ANSWERED, item["due"] or "9999", item["question"]["id"]))
    return _render(
        "agency.html", event=event, agency=chosen, moderator=own is None, today=today,
        after=followup.is_over(event, today), coming=coming, waiting=[q for q in waiting if q is not coming],
        answered=[q for q in routed if q["status"] == questions.ANSWERED], spoken=spoken, items=items,
        open_count=sum(1 for item in items if item["status"] != followup.ANSWERED),
        overdue_count=sum(1 for item in items if item["status"] == followup.OVERDUE),
    )


@bp.post("/agency/<code>/written-answer/<id:question_id>")
@moderator_or_responder
def written_answer(event, question_id):
    """The form behind each item of the agency page: save the written answer, then go back."""
    viewer = identity.viewer(event, create_attendee=False)
    question = store().question(question_id)
    if question is None or question["event_id"] != event["id"]:
        raise NotFound(N_("Không tìm thấy câu hỏi."))
    try:
        followup.answer_in_writing(store(), question_id, identity.actor(), viewer.agency_id, viewer.moderator,
                                   request.form.get("text"))
    except Invalid as error:
        flash(gettext(error.message, **error.params), "error")
    else:
        flash(gettext("Đã lưu câu trả lời bằng văn bản."), "ok")
    chosen = question["agency_code"] if viewer.agency_id is None else None
    return redirect(url_for("followup.agency", code=event["code"], agency=chosen) + f"#w{question_id}")


# ---------- the organizers' follow-up tracker ----------

@bp.get("/admin/events/<code>/followup")
@moderator_of_event
def tracker(event):
    today = identity.today()
    items = followup.items(store(), event, today, _default_days())
    grouped = {}
    for item in items:
        grouped.setdefault(item["question"]["agency_code"] or "", []).append(item)
    for group in grouped.values():
        group.sort(key=lambda item: (item["status"] == followup.ANSWERED, item["due"] or "9999",
                                     item["question"]["id"]))
    rows = followup.tracker(store(), event, today, _default_days())
    totals = {key: sum(row[key] for row in rows) for key in
              (followup.ASSIGNED, followup.ANSWERED, followup.OVERDUE, "total")}
    agencies = {a["code"]: a for a in store().agencies(event["id"], active_only=False)}
    history = store().reminders(event["id"])
    return _render(
        "followup.html", event=event, today=today, rows=rows, totals=totals, grouped=grouped,
        agencies=agencies, deadlines=deadlines.labelled(
            event, today, items, current_app.config, gettext,
            deadlines.plans_published(store(), [event], identity.zone())[event["id"]]),
        smtp=reminders.configured(current_app.config), history=history[:50],
        history_total=len(history),
        published=events.is_published(event), waiting_live=publication.waiting_while_live(store(), event),
    )


@bp.post("/admin/events/<code>/followup/publish")
@organizer_required
def publish(event):
    """Publish or take back; publishing while the session is live with questions waiting needs the
    form's confirmation box (`confirm=1`), checked here, so it holds without JavaScript."""
    published = request.form.get("published") == "1"
    waiting = publication.waiting_while_live(store(), event) if published else 0
    if waiting and request.form.get("confirm") != "1":
        flash(gettext("Chưa công bố: sự kiện đang diễn ra và còn %(n)s câu hỏi chưa trả lời. Hãy đánh dấu ô "
                      "xác nhận rồi bấm “Công bố kết quả” lần nữa.", n=waiting), "error")
        return redirect(url_for("followup.tracker", code=event["code"]) + "#publish")
    broadcast.event_changed(events.publish(store(), identity.actor(), event["code"], published))
    flash(gettext("Đã công bố kết quả đối thoại.") if published else gettext("Đã thu hồi công bố kết quả."), "ok")
    return redirect(url_for("followup.tracker", code=event["code"]) + "#publish")


@bp.post("/admin/events/<code>/followup/remind")
@moderator_of_event
def remind(event):
    """E-mail one agency (field `agency`) or every agency that still owes answers."""
    back = redirect(url_for("followup.tracker", code=event["code"]) + "#reminders")
    config = current_app.config
    today = identity.today()
    owing = reminders.owing(store(), event, today, _default_days())
    wanted = request.form.get("agency", "").strip().upper()
    targets = [agency for agency, _ in owing if not wanted or agency["code"] == wanted]
    if wanted and not targets:
        flash(gettext("Cơ quan này không còn câu hỏi nào chưa trả lời."), "warn")
        return back
    if not targets:
        flash(gettext("Không còn cơ quan nào chưa trả lời."), "ok")
        return back
    if not smtp_ready(config):
        return back
    report_reminders(reminders.remind(store(), event, targets, identity.actor(), config, today, gettext,
                                      link=public_link("followup.agency", code=event["code"])))
    return back


def smtp_ready(config):
    """Whether e-mail can be sent; when not, says so (flash) and how to remind on paper instead."""
    if reminders.configured(config):
        return True
    flash(gettext("Chưa cấu hình máy chủ thư (LIVE_SMTP_HOST) nên không gửi được thư điện tử. "
                  "Hãy in danh sách câu hỏi chưa trả lời để gửi trực tiếp hoặc fax."), "warn")
    return False


def report_reminders(outcomes):
    """Flash what became of each reminder (reminders.remind's outcomes); an agency reminded for
    several dialogues is named once."""
    def names(status, shown):
        return ", ".join(dict.fromkeys(shown(o["agency"]) for o in outcomes if o["status"] == status))
    sent = names(reminders.SENT, lambda agency: f"{agency['name']} ({agency['email']})")
    if sent:
        flash(gettext("Đã gửi thư nhắc tới: %(names)s.", names=sent), "ok")
    for outcome in outcomes:
        if outcome["status"] == reminders.FAILED:
            flash(gettext("Không gửi được thư tới %(agency)s: %(error)s", agency=outcome["agency"]["name"],
                          error=outcome["error"]), "error")
    missing = names(reminders.NO_EMAIL, lambda agency: agency["name"])
    if missing:
        flash(gettext("Chưa có địa chỉ thư điện tử, không gửi thư: %(names)s. Hãy in danh sách để gửi trực tiếp "
                      "hoặc nhập địa chỉ thư điện tử cho cơ quan.", names=missing), "warn")


@bp.get("/admin/events/<code>/followup/print")
@moderator_of_event
def print_list(event):
    """A4 sheets: per agency, the questions it still has to answer in writing, with due dates."""
    today = identity.today()
    owing = reminders.owing(store(), event, today, _default_days())
    wanted = request.args.get("agency", "").strip().upper()
    if wanted:
        owing = [(agency, items) for agency, items in owing if agency["code"] == wanted]
    return _render("followup_print.html", event=event, today=today, owing=owing, wanted=wanted)


# ---------- the public results ----------

@bp.get("/e/<code>/results")
def results(code):
    """Every public question with its answers and the revealed polls' results, once the organizers publish
    them; 404 before."""
    event = events.get(store(), code)
    preview = False
    if not events.is_published(event):
        if not users.can_moderate(store(), identity.current_user(), event):
            return _render("results.html", 404, event=event, unpublished=True, query="", found=[], total=0)
        preview = True
    query = request.args.get("q", "")[:QUERY_MAX].strip()
    everything = publication.results(store(), event)
    found = publication.results(store(), event, query) if query else everything
    return _render("results.html", event=event, unpublished=False, preview=preview, query=query, found=found,
                   total=len(everything), groups=publication.by_topic(store(), event, found),
                   totals=publication.totals(store(), event, everything), polls=publication.polls(store(), event))


# ---------- agencies from a CSV file ----------

@bp.route("/admin/events/<code>/agencies/import", methods=["GET", "POST"])
@organizer_required
def import_agencies(event):
    """Upload, preview with each row's problems, then confirm: all rows are written, or none."""
    existing = store().agencies(event["id"], active_only=False)
    if request.method == "GET":
        return _render("agencies_import.html", event=event, plan=None, csv_text="", existing=existing)
    action = request.form.get("action", "preview")
    try:
        if action == "confirm":
            csv_text = request.form.get("csv", "")
        else:
            upload = request.files.get("file")
            if upload is None or not upload.filename:
                csv_text = request.form.get("csv", "")
                if not csv_text.strip():
                    raise Invalid(N_("Hãy chọn tệp CSV."))
            else:
                csv_text = spreadsheet.decode(upload.read())
    except DomainError as error:
        flash(gettext(error.message, **error.params), "error")
        return _render("agencies_import.html", 400, event=event, plan=None, csv_text="", existing=existing)
    plan = agency_import.preview(csv_text, existing)
    ok = agency_import.ready(plan)
    if action != "confirm" or not ok:
        if action == "confirm":
            flash(gettext("Chưa nhập: tệp còn lỗi. Không có thay đổi nào được lưu."), "error")
        return _render("agencies_import.html", 400 if action == "confirm" else 200, event=event,
                       plan=_plan_view(plan), csv_text=csv_text, existing=existing, ok=ok)
    done = agency_import.confirm(store(), identity.actor(), event, existing, plan)
    if not done[agency_import.NEW] and not done[agency_import.UPDATE]:
        flash(gettext("Không có thay đổi: danh sách cơ quan đã giống tệp."), "ok")
    else:
        flash(gettext("Đã nhập danh sách cơ quan: %(new)s thêm mới, %(updated)s cập nhật.",
                      new=done[agency_import.NEW], updated=done[agency_import.UPDATE]), "ok")
    return redirect(url_for("followup.import_agencies", code=event["code"]))


def _plan_view(plan):
    """A preview as the page shows it, its problems in the reader's language."""
    def texts(problems):
        return [gettext(problem.message, **problem.params) for problem in problems]
    return {"errors": texts(plan["problems"]), "ignored": plan["ignored"],
            "rows": [{**row, "errors": texts(row["problems"])} for row in plan["rows"]]}
