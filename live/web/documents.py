"""The conclusion notice and the log as documents: DOCX, a printable page, PDF and XLSX, and the
organizer's form for the notice's fields. Each is drafted from what was logged, as things stand."""
from pathlib import Path

from flask import (Blueprint, Response, current_app, flash, redirect, render_template, request,
                   url_for)
from flask_babel import gettext, pgettext

from ..documents import conclusion, exports, notice_docx, notice_layout
from ..dialogue import events, followup
from ..errors import DomainError
from ..text.dates import official_day
from . import identity
from .identity import store
from .permissions import moderator_of_event, organizer_required

bp = Blueprint("documents", __name__)

def _draft(event):
    return conclusion.draft(store(), event, identity.today(), current_app.config["LIVE_WRITTEN_ANSWER_DAYS"],
                            identity.zone())


def _attachment(data, mimetype, filename):
    return Response(data, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@bp.get("/api/v1/events/<code>/conclusion.docx")
@moderator_of_event
def conclusion_docx(event):
    return _attachment(notice_docx.render(_draft(event)), exports.DOCX_TYPE,
                       f"thong-bao-ket-luan-{event['code']}.docx")


def _print_html(event, for_pdf=False):
    return render_template("conclusion_print.html", event=event, notice=notice_layout.layout(_draft(event)),
                           for_pdf=for_pdf)


@bp.get("/admin/events/<code>/conclusion/print")
@moderator_of_event
def conclusion_print(event):
    return _print_html(event)


@bp.get("/api/v1/events/<code>/conclusion.pdf")
@moderator_of_event
def conclusion_pdf(event):
    stylesheet = Path(current_app.static_folder) / "css" / "print.css"
    try:
        data = exports.pdf(_print_html(event, for_pdf=True), stylesheet)
    except exports.PdfUnavailable:
        current_app.logger.warning("WeasyPrint unavailable: PDF export answered 503", exc_info=True)
        return {"error": gettext(
            "Máy chủ chưa cài WeasyPrint nên chưa tạo được PDF. Hãy mở bản in (HTML) tại "
            "%(url)s và dùng lệnh In của trình duyệt, chọn “Lưu thành PDF”.",
            url=url_for("documents.conclusion_print", code=event["code"]))}, 503
    return _attachment(data, exports.PDF_TYPE, f"thong-bao-ket-luan-{event['code']}.pdf")


@bp.get("/api/v1/events/<code>/log.xlsx")
@moderator_of_event
def log_xlsx(event):
    data = exports.workbook(store(), event, identity.today(), current_app.config["LIVE_WRITTEN_ANSWER_DAYS"],
                            current_app.config["LIVE_TIMEZONE"], gettext, pgettext)
    return _attachment(data, exports.XLSX_TYPE, f"nhat-ky-{event['code']}.xlsx")


NUMBERS = ("attendees", "written_answer_days")


@bp.route("/admin/events/<code>/conclusion", methods=["GET", "POST"])
@organizer_required
def notice_form(event):
    default_days = current_app.config["LIVE_WRITTEN_ANSWER_DAYS"]
    if request.method == "POST":
        form = request.form
        fields = {name: form.get(name, "") for name in events.NOTICE_FIELDS}
        try:
            # A cleared number means "not given": 0 attendees is left out of the notice, and
            # 0 days falls back to the default.
            numbers = {name: form.get(name, "").strip() or "0" for name in NUMBERS}
            events.update_notice(store(), identity.actor(), event["code"], fields, **numbers)
            flash(gettext("Đã lưu thông báo kết luận."), "ok")
            return redirect(url_for("documents.notice_form", code=event["code"]))
        except DomainError as error:
            return _form_page(event, dict(form), default_days, gettext(error.message, **error.params)), 400
    values = dict(events.notice(event))
    values["attendees"] = event["attendees"] or ""
    values["written_answer_days"] = event["written_answer_days"] or ""
    return _form_page(event, values, default_days)


def _form_page(event, values, default_days, error=None):
    notice = _draft(event)
    due = followup.written_due(event, default_days)
    return render_template("notice_form.html", event=event, form=values, error=error, figures=notice["figures"],
                           default_days=default_days, written_due=official_day(due) if due else "",
                           early=conclusion.early_deadlines(notice, identity.today()),
                           issued=official_day(notice["date"] or identity.today()),
                           date_blank=notice["date"] is None)
