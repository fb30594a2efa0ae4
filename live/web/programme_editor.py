"""The organizer's programme editor (its items, in order, and the polls prepared for them; the page's
script edits them through the JSON API, programme_api.py) and the programme's import from a
spreadsheet (upload, preview every row, confirm: the whole programme replaced, or nothing)."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from ..dialogue import events, intake, policy, polls, programme, programme_import
from ..errors import DomainError, TooLarge
from . import broadcast, identity
from .i18n import script_labels
from .identity import store
from .permissions import organizer_required

bp = Blueprint("programme_editor", __name__)

# The parts of the item form that only some kinds use; the script shows those of the kind chosen.
ITEM_PARTS = {"topic": (programme.DIALOGUE,), "poll": (programme.POLL,), "figures": (programme.FIGURES,),
              "honourees": (programme.AWARDS,), "dialogue_lines": (programme.DIALOGUE,)}
# ...and of the poll form.
POLL_PARTS = {"max_choices": (polls.MULTIPLE,)}
SHOWN_FIELDS = ("start", "duration", "kind", "title", "presenter", "topic", "intro")


def _editor_config(event):
    """What the page's script reads: the programme and polls as staff see them, the API's URLs, the
    event's topics, the limits and the kinds' defaults."""
    viewer = policy.MODERATOR
    item_url = url_for("programme_api.edit_item", item_id=0)
    return {
        "code": event["code"], "programme": programme.view(store(), event, viewer, identity.zone()),
        "polls": polls.listing(store(), event, viewer),
        "topics": [{"id": topic["id"], "name": topic["name"]} for topic in store().topics(event["id"])],
        "limits": events.LIMITS, "asking": {kind: programme.asks_by_default(kind) for kind in programme.KINDS},
        "rows": {"figures": programme.MAX_FIGURES, "honourees": programme.MAX_HONOUREES,
                 "options": polls.MAX_OPTIONS, "minutes": programme.MAX_MINUTES},
        "poll_editable": [polls.DRAFT], "item_parts": ITEM_PARTS, "poll_parts": POLL_PARTS, "labels": script_labels(),
        "urls": {"programme": url_for("programme_api.get_programme", code=event["code"]),
                 "items": url_for("programme_api.add_item", code=event["code"]), "item": item_url,
                 "duplicate": url_for("programme_api.duplicate_item", item_id=0),
                 "order": url_for("programme_api.reorder", code=event["code"]),
                 "polls": url_for("programme_api.list_polls", code=event["code"]),
                 "poll": url_for("programme_api.edit_poll", poll_id=0)},
    }


@bp.get("/admin/events/<code>/programme")
@organizer_required
def editor(event):
    """The programme's items and the prepared polls, edited in the page."""
    return render_template("programme_editor.html", event=event, page=_editor_config(event))


# ---------- the import ----------

def _texts(problems):
    return [gettext(problem.message, **problem.params) for problem in problems]


def plan_view(plan):
    """A preview as the page shows it, its problems in the reader's language."""
    rows = [{"line": row["line"], "problems": _texts(row["problems"]),
             **{name: row["values"].get(name) or "" for name in SHOWN_FIELDS},
             "kind": row["item"]["kind"] if row["item"] else row["values"].get("kind") or ""}
            for row in plan["rows"]]
    return {"ready": programme_import.ready(plan), "problems": _texts(plan["problems"]), "ignored": plan["ignored"],
            "rows": rows}


def _import_page(event, status=200, **context):
    context = {"plan": None, "token": None, **context}
    return render_template("programme_import.html", event=event, kinds=programme.KINDS,
                           current=len(store().programme(event["id"])), **context), status


@bp.route("/admin/events/<code>/programme/import", methods=["GET", "POST"])
@organizer_required
def import_programme(event):
    """Upload, preview with each row's problems, then confirm: the programme is replaced by the file's
    rows, or stays as it was."""
    if request.method == "GET":
        return _import_page(event)
    if request.form.get("action") == "confirm":
        return _confirm(event)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(gettext("Hãy chọn tệp XLSX hoặc CSV."), "error")
        return _import_page(event, 400)
    data = upload.read()
    try:
        plan = programme_import.preview(store(), event, programme_import.read(data))
    except TooLarge as refused:
        flash(gettext(refused.message, **refused.params), "error")
        return _import_page(event, refused.status)
    ready = programme_import.ready(plan)
    token = intake.keep(store(), event, identity.actor(), upload.filename, data) if ready else None
    return _import_page(event, plan=plan_view(plan), token=token)


def _confirm(event):
    try:
        event = programme_import.run_kept(store(), identity.actor(), event, request.form.get("token"))
    except programme_import.NotImported as refused:
        flash(gettext(refused.message), "error")
        return _import_page(event, 400, plan=plan_view(refused.plan))
    except DomainError as refused:  # the upload is gone, or the programme runs
        flash(gettext(refused.message, **refused.params), "error")
        return _import_page(event, refused.status)
    broadcast.programme_changed(event)
    flash(gettext("Đã nhập chương trình: %(n)s mục.", n=len(store().programme(event["id"]))), "ok")
    return redirect(url_for("programme_editor.editor", code=event["code"]))
