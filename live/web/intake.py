"""Intake before the event, as pages and API: the organizers' import of proposals from a spreadsheet
(upload, preview every row, confirm: all rows or none), the channels' API keys, and the route a
channel's system pushes questions to with its key. Pages work without JavaScript."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from ..dialogue import api_keys, intake, questions
from ..errors import Invalid, N_, TooLarge
from . import broadcast, identity
from .api import body
from .identity import store
from .permissions import channel_key_required, organizer_required
from .pages import public_link

bp = Blueprint("intake", __name__)
api_bp = Blueprint("intake_api", __name__, url_prefix="/api/v1")

UPLOAD_ENDPOINTS = {"intake.import_questions", "intake_api.import_spreadsheet", "programme_editor.import_programme"}
SHOWN_FIELDS = ("text", "author", "unit", "district", "youth_group", "channel", "channel_detail", "topic",
                "external_id")


@bp.before_app_request
def _allow_spreadsheets():
    """A spreadsheet is larger than the 64 KB every other request may send. Raised before anything
    reads the body: the CSRF check reads the form before the view runs."""
    if request.endpoint in UPLOAD_ENDPOINTS:
        request.max_content_length = current_app.config["LIVE_IMPORT_MAX_BYTES"]


def _texts(problems):
    return [gettext(problem.message, **problem.params) for problem in problems]


def _row_view(row):
    shown = row["question"] or {**row["values"], "author": row["values"].get("name")}
    return {"line": row["line"], "status": row["status"], "problems": _texts(row["problems"]),
            **{name: shown.get(name) or None for name in SHOWN_FIELDS}}


def plan_view(plan):
    """A preview as the page and the API show it, its problems in the reader's language."""
    rows = [_row_view(row) for row in plan["rows"]]
    return {"ready": intake.ready(plan), "problems": _texts(plan["problems"]), "ignored": plan["ignored"],
            "rows": rows, **{status: sum(1 for row in rows if row["status"] == status)
                             for status in (intake.NEW, intake.IMPORTED, intake.INVALID)}}


def _announce(done):
    broadcast.question_changes([questions.Change(None, question) for question in done["added"]])


# ---------- the import page ----------

def _import_page(event, status=200, **context):
    context = {"plan": None, "token": None, "channel": questions.DISTRICT, "approve": False, **context}
    return render_template("questions_import.html", event=event, **context), status


@bp.route("/admin/events/<code>/import", methods=["GET", "POST"])
@organizer_required
def import_questions(event):
    """Upload, preview with each row's problems, then confirm: every row is imported, or none."""
    if request.method == "GET":
        return _import_page(event)
    options = {"channel": request.form.get("channel") or None, "approve": request.form.get("approve") == "1"}
    if request.form.get("action") == "confirm":
        return _confirm(event, options)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(gettext("Hãy chọn tệp XLSX hoặc CSV."), "error")
        return _import_page(event, 400, **options)
    data = upload.read()
    try:
        table = intake.read(data)
    except TooLarge as refused:
        flash(gettext(refused.message, **refused.params), "error")
        return _import_page(event, refused.status, **options)
    plan = intake.preview(store(), event, table, options["channel"])
    token = intake.keep(store(), event, identity.actor(), upload.filename, data) if intake.importable(plan) else None
    return _import_page(event, plan=plan_view(plan), token=token, **options)


def _confirm(event, options):
    try:
        done = intake.run_kept(store(), event, identity.actor(), request.form.get("token"), options["channel"],
                               options["approve"])
    except intake.NotImported as refused:
        flash(gettext(refused.message), "error")
        return _import_page(event, 400, plan=plan_view(refused.plan), **options)
    except Invalid as refused:
        flash(gettext(refused.message, **refused.params), "error")
        return _import_page(event, 400, **options)
    _announce(done)
    flash(gettext("Đã nhập %(added)s câu hỏi, %(already)s câu đã có.", added=len(done["added"]),
                  already=done["already"]), "ok")
    return redirect(url_for("intake.import_questions", code=event["code"]))


# ---------- the channels' API keys, as a page ----------

@bp.route("/admin/events/<code>/intake-keys", methods=["GET", "POST"])
@organizer_required
def keys(event):
    """List, create (the secret shown this once) and revoke the event's channel keys."""
    if request.method == "GET":
        return _keys_page(event)
    if request.form.get("action") == "revoke":
        key = api_keys.revoke(store(), event, identity.actor(), _key_id(request.form.get("key")))
        flash(gettext("Đã thu hồi khóa “%(label)s”.", label=key["label"]), "ok")
        return redirect(url_for("intake.keys", code=event["code"]))
    form = {name: request.form.get(name) for name in ("channel", "label", "channel_detail")}
    try:
        key, secret = api_keys.create(store(), event, identity.actor(), form["channel"], form["label"],
                                      form["channel_detail"])
    except Invalid as error:
        flash(gettext(error.message, **error.params), "error")
        return _keys_page(event, 400, form=form)
    return _keys_page(event, created=api_keys.view(key), secret=secret)


def _key_id(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Invalid(N_("Khóa API không hợp lệ."))


def _keys_page(event, status=200, **context):
    context = {"form": {}, "created": None, "secret": None, **context}
    intake_url = public_link("intake_api.receive", code=event["code"])
    return render_template("intake_keys.html", event=event, keys=api_keys.listing(store(), event),
                           key_channels=api_keys.KEY_CHANNELS, intake_url=intake_url,
                           **context), status


# ---------- API ----------

@api_bp.post("/events/<code>/intake")
@channel_key_required
def receive(event, key):
    """One question from a channel's system (the portal, the press...), idempotent by external_id."""
    question, created = intake.receive(store(), event, key, body())
    if created:
        broadcast.question_changes([questions.Change(None, question)])
    return (questions.staff_view(store(), question), 201 if created else 200,
            {"Idempotent-Replayed": "false" if created else "true"})


@api_bp.get("/events/<code>/intake-keys")
@organizer_required
def list_keys(event):
    return {"keys": api_keys.listing(store(), event)}


@api_bp.post("/events/<code>/intake-keys")
@organizer_required
def create_key(event):
    data = body()
    key, secret = api_keys.create(store(), event, identity.actor(), data.get("channel"), data.get("label"),
                                  data.get("channel_detail"))
    return {**api_keys.view(key), "secret": secret}, 201


@api_bp.delete("/events/<code>/intake-keys/<id:key_id>")
@organizer_required
def revoke_key(event, key_id):
    return api_keys.view(api_keys.revoke(store(), event, identity.actor(), key_id))


@api_bp.post("/events/<code>/imports")
@organizer_required
def import_spreadsheet(event):
    """A spreadsheet in `file`: its preview with `dry_run=1`, else every row imported or none."""
    upload = request.files.get("file")
    if upload is None:
        raise Invalid(N_("Hãy gửi tệp XLSX hoặc CSV trong trường file (multipart/form-data)."))
    table = intake.read(upload.read())
    channel = request.form.get("channel") or None
    if request.form.get("dry_run") in ("1", "true"):
        return plan_view(intake.preview(store(), event, table, channel))
    try:
        done = intake.run(store(), event, identity.actor(), table, channel, request.form.get("approve") in ("1", "true"),
                          upload.filename)
    except intake.NotImported as refused:
        shown = plan_view(refused.plan)
        return {"error": gettext(refused.message), "problems": shown["problems"],
                "rows": [{"line": row["line"], "problems": row["problems"]} for row in shown["rows"]
                         if row["problems"]]}, 400
    _announce(done)
    return {"added": len(done["added"]), "already": done["already"],
            "question_ids": [question["id"] for question in done["added"]]}, 201
