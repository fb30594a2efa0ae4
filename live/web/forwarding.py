"""Forwarding a closed local dialogue's questions to the dialogue it feeds (live/dialogue/forwarding.py),
as the organizers' page (works without JavaScript) and as API."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from ..dialogue import forwarding
from ..documents import exports
from ..errors import DomainError
from . import broadcast, identity
from .api import body
from .documents import _attachment
from .identity import store
from .permissions import organizer_required

bp = Blueprint("forwarding", __name__)


def _view(event):
    listing = forwarding.listing(store(), event)
    why = listing["why_not"]
    return {**listing, "why_not": gettext(why) if why else None}


def _announce(changes):
    broadcast.question_changes(list(changes))


@bp.route("/admin/events/<code>/forwarding", methods=["GET", "POST"])
@organizer_required
def page(event):
    """"Chuyển câu hỏi lên cấp trên": the questions with their boxes, the note, what was sent."""
    if request.method == "POST":
        try:
            _act(event, request.form)
        except DomainError as error:
            flash(gettext(error.message, **error.params), "error")
            return render_template("forwarding.html", event=event, view=_view(event),
                                   note=request.form.get("note", "")), error.status
        return redirect(url_for("forwarding.page", code=event["code"]))
    return render_template("forwarding.html", event=event, view=_view(event), note="")


def _act(event, form):
    if form.get("action") == "withdraw":
        _announce([forwarding.withdraw(store(), event, identity.actor(), _number(form.get("question")))])
        flash(gettext("Đã rút lại câu hỏi #%(id)s.", id=form.get("question")), "ok")
        return
    chosen = [_number(value) for value in form.getlist("questions")]
    done = forwarding.forward(store(), event, identity.actor(), chosen, form.get("note"), form.get("parent"))
    _announce(done["changes"])
    flash(gettext("Đã chuyển %(n)s câu hỏi lên cấp trên, %(already)s câu đã chuyển trước đó.",
                  n=len(done["forwarded"]), already=len(done["already"])), "ok")


def _number(value):
    """A question id from a form, or the value as sent (the domain refuses it)."""
    return int(value) if isinstance(value, str) and value.isdigit() else value


@bp.get("/api/v1/events/<code>/forwarding")
@organizer_required
def as_json(event):
    return _view(event)


@bp.post("/api/v1/events/<code>/forwarding")
@organizer_required
def forward(event):
    """{"questions": [ids], "note", "parent"?} -> what was sent now and before."""
    data = body()
    done = forwarding.forward(store(), event, identity.actor(), data.get("questions"), data.get("note"),
                              data.get("parent"))
    _announce(done["changes"])
    return {"forwarded": done["forwarded"], "already": done["already"],
            "question_ids": [change.after["id"] for change in done["changes"]]}, 201 if done["forwarded"] else 200


@bp.delete("/api/v1/events/<code>/forwarding/<id:question_id>")
@organizer_required
def withdraw(event, question_id):
    change = forwarding.withdraw(store(), event, identity.actor(), question_id)
    _announce([change])
    return forwarding.sent_view(store().forwarding_of(question_id))


@bp.get("/api/v1/events/<code>/forwarding.xlsx")
@organizer_required
def as_file(event):
    """The forwarding file, for a dialogue above on another server: the questions ticked (`questions`,
    repeated), else those suggested, with `note`."""
    chosen = [_number(value) for value in request.args.getlist("questions")]
    rows = forwarding.file_rows(store(), event, chosen, request.args.get("note"))
    return _attachment(exports.table("Chuyển lên", forwarding.FILE_COLUMNS, rows), exports.XLSX_TYPE,
                       f"chuyen-len-{event['code']}.xlsx")
