"""The province's overview for organizers: the page, its XLSX export, the reminders from it and its
JSON (GET /api/v1/overview). What it shows and who sees what: dialogue/overview.py."""
from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from ..dialogue import deadlines, overview, reminders
from ..documents import exports
from . import identity
from .followup import report_reminders, smtp_ready
from .identity import store
from .pages import public_link
from .permissions import organizer_required

bp = Blueprint("overview", __name__)
api_bp = Blueprint("overview_api", __name__, url_prefix="/api/v1")


def _overview():
    today = identity.today()
    year = overview.clean_year(request.values.get("year"), today)
    return today, overview.build(store(), identity.current_user(), year, today, current_app.config, identity.zone())


@bp.get("/admin/overview")
@organizer_required
def page():
    today, data = _overview()
    return render_template("overview.html", today=today, data=data, step_labels=_step_labels(),
                           smtp=reminders.configured(current_app.config))


@bp.get("/admin/overview.xlsx")
@organizer_required
def workbook():
    _, data = _overview()
    content = exports.overview_workbook(data, _step_labels(), gettext)
    return Response(content, mimetype=exports.XLSX_TYPE, headers={
        "Content-Disposition": f'attachment; filename="tong-quan-doi-thoai-{data["year"]}.xlsx"'})


@bp.post("/admin/overview/remind")
@organizer_required
def remind():
    """E-mail one agency (field `agency`, by code) its open items in every dialogue of the year."""
    today, config = identity.today(), current_app.config
    year = overview.clean_year(request.form.get("year"), today)
    back = redirect(url_for("overview.page", year=year, _anchor="agencies"))
    if not smtp_ready(config):
        return back
    outcomes = overview.remind(store(), identity.current_user(), year, request.form.get("agency", "").strip().upper(),
                               identity.actor(), config, today, gettext,
                               lambda event: public_link("followup.agency", code=event["code"]))
    if not outcomes:
        flash(gettext("Cơ quan này không còn câu hỏi nào chưa trả lời."), "warn")
    report_reminders(outcomes)
    return back


@api_bp.get("/overview")
@organizer_required
def api():
    return _overview()[1]


def _step_labels():
    """{step: its name in the reader's language, with the law's days from the settings}."""
    config = current_app.config
    days = {"plan": config["LIVE_PLAN_NOTICE_DAYS"], "conclusion": config["LIVE_CONCLUSION_DAYS"],
            "written": config["LIVE_WRITTEN_ANSWER_DAYS"]}
    return {key: gettext(deadlines.LABELS[key], days=days[key]) for key in overview.STEPS}
