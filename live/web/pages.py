"""Public pages: landing, the attendee page (works without JavaScript), the projector, QR, poster."""
import secrets

from flask import (Blueprint, Response, current_app, flash, redirect, render_template, request,
                   url_for)
from flask_babel import gettext

from .. import config
from ..dialogue import events, from_above, policy, publication, questions, votes
from ..documents import qr
from ..errors import DomainError, NotFound, N_
from . import broadcast, identity
from .identity import store

bp = Blueprint("pages", __name__)

SORTS = ("top", "new")


def public_link(endpoint, **values):
    """The absolute URL of a page as phones and mail readers reach it: the server's public URL
    (decided at start, config.public_url), never the Host header of the request."""
    return current_app.config["PUBLIC_URL"] + url_for(endpoint, **values)


def attendee_url(event):
    return public_link("pages.attendee", code=event["code"])


def short_url(event):
    return attendee_url(event).split("://", 1)[-1]


def unreachable_warning():
    """The warning when phones cannot open the public URL (a loopback address), else None."""
    url = current_app.config["PUBLIC_URL"]
    return gettext(config.UNREACHABLE_WARNING, url=url) if config.is_loopback(url) else None


@bp.app_context_processor
def page_helpers():
    return {"attendee_url": attendee_url, "short_url": short_url, "current_user": identity.current_user,
            "unreachable_warning": unreachable_warning}


@bp.get("/healthz")
def healthz():
    store().event_by_code("")
    return {"status": "ok"}


@bp.get("/")
def landing():
    return render_template("landing.html")


@bp.get("/join")
def join():
    code = request.args.get("code", "").strip()
    try:
        event = events.get(store(), code)
    except DomainError as error:
        return render_template("landing.html", error=gettext(error.message), code=code), 404
    return redirect(url_for("pages.attendee", code=event["code"]))


@bp.get("/e/<code>")
def attendee(code):
    event = events.get(store(), code)
    viewer = identity.viewer(event)
    sort = request.args.get("sort") if request.args.get("sort") in SORTS else "top"
    listed = questions.listing(store(), event, viewer)
    public = [q for q in listed if policy.is_public(q)]
    public = questions.ranked(public) if sort == "top" else sorted(public, key=lambda q: -q["id"])
    mine = [q for q in listed if q["mine"]]
    # once the results are published, the author sees what was answered to their own questions
    published = events.is_published(event)
    own_ids = {q["id"] for q in mine}
    my_answers = {item["id"]: item for item in publication.results(store(), event)
                  if item["id"] in own_ids} if published and own_ids else {}
    # and, once the dialogue above answers what was forwarded to it, that answer, published or not here
    above = {qid: found for qid, found in from_above.answers(store(), event).items()
             if qid in own_ids} if own_ids else {}
    return render_template(
        "attendee.html", event=event, topics=store().topics(event["id"]), sort=sort,
        questions=public, mine=mine, client_id=secrets.token_urlsafe(12),
        stage=next((q for q in listed if q["on_stage"]), None), published=published, my_answers=my_answers,
        above=above,
        view=policy.event_view(store(), event), notices=phone_notices(), youth_groups=questions.YOUTH_GROUPS,
    )


def phone_notices():
    """{notice as the event sends it (its msgid): the notice in the page's language}, for every phase
    and for a programme item that takes no questions: the page shows the one its event says, also
    after the phase changes or the programme moves on."""
    return {notice: gettext(notice) for notice in (*policy.PHONE_NOTICES.values(), policy.NOT_ASKING_NOW)}


@bp.post("/e/<code>/ask")
def ask(code):
    """The form fallback for phones without JavaScript: submit, then back to the page."""
    event = events.get(store(), code)
    form = request.form
    try:
        question, created = questions.submit(store(), event, identity.attendee_id(), form.get("text"),
                                             form.get("client_id"), form.get("author"), form.get("topic"),
                                             **questions.about_sender(form))
    except DomainError as error:
        flash(gettext(error.message, **error.params), "error")
        return redirect(url_for("pages.attendee", code=event["code"]) + "#ask")
    if created:
        broadcast.question_changes([questions.Change(None, question)])
    if question["status"] == questions.PENDING:
        flash(gettext("Đã gửi câu hỏi. Câu hỏi đang chờ duyệt."), "ok")
    else:
        flash(gettext("Đã gửi câu hỏi."), "ok")
    return redirect(url_for("pages.attendee", code=event["code"]) + "#mine")


@bp.post("/e/<code>/vote/<id:question_id>")
def vote(code, question_id):
    """The form fallback for voting: cast or withdraw, then back to the list."""
    event = events.get(store(), code)
    viewer = policy.Viewer(attendee_id=identity.attendee_id())
    change = votes.withdraw if request.form.get("action") == "unvote" else votes.cast
    try:
        if questions.get_visible(store(), question_id, viewer)["event_id"] != event["id"]:
            raise NotFound(N_("Không tìm thấy câu hỏi."))
        _, changed = change(store(), question_id, viewer)
    except DomainError as error:
        flash(gettext(error.message, **error.params), "error")
    else:
        if changed:
            broadcast.vote_changed(event["id"], question_id)
    return redirect(url_for("pages.attendee", code=event["code"]) + f"#q{question_id}")


@bp.get("/e/<code>/screen")
def screen(code):
    event = events.get(store(), code)
    return render_template("screen.html", event=event)


@bp.get("/e/<code>/qr.svg")
def qr_svg(code):
    event = events.get(store(), code)
    return Response(qr.svg(attendee_url(event)), mimetype="image/svg+xml",
                    headers={"Cache-Control": "public, max-age=300"})


@bp.get("/e/<code>/poster")
def poster(code):
    event = events.get(store(), code)
    return render_template("poster.html", event=event, qr_svg=qr.svg(attendee_url(event)))
