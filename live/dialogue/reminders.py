"""Reminders to agencies that still owe written answers: an e-mail through SMTP, or a printed list.

No Flask here: the web layer passes the settings, "today", a `gettext` and the link to the
agency's page. Every e-mail attempt is recorded (store.insert_reminder), sent or failed.
"""
import smtplib
import ssl
from datetime import date as Date
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from . import followup
from ..text import dates

EMAIL = "email"  # the channel a reminder went by (printed lists are not recorded)
SENT, FAILED, NO_EMAIL, NOT_CONFIGURED, NOTHING_OPEN = "sent", "failed", "no_email", "not_configured", "nothing_open"
TIMEOUT = 15


def configured(config):
    """Whether e-mail can be sent: LIVE_SMTP_HOST is set."""
    return bool(str(config.get("LIVE_SMTP_HOST") or "").strip())


def flag(value):
    """'1', 'true', 'yes', 'on' (or True) -> True."""
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in ("1", "true", "yes", "on")


def sender(config):
    """LIVE_SMTP_FROM, else LIVE_SMTP_USER when it is an address, else a local placeholder."""
    for key in ("LIVE_SMTP_FROM", "LIVE_SMTP_USER"):
        value = str(config.get(key) or "").strip()
        if "@" in value:
            return value
    return "doi-thoai-live@localhost"


def open_items(store, event, today, default_days, agency_id):
    """The agency's items still to answer in writing (assigned or overdue), earliest due first."""
    found = [item for item in followup.items(store, event, today, default_days, agency_id)
             if item["status"] != followup.ANSWERED]
    return sorted(found, key=lambda item: (item["due"] or "9999-99-99", item["question"]["id"]))


def owing(store, event, today, default_days):
    """(agency, open items) for every agency of the event that still owes written answers."""
    result = []
    for agency in store.agencies(event["id"], active_only=False):
        items = open_items(store, event, today, default_days, agency["id"])
        if items:
            result.append((agency, items))
    return result


def days_left(due, today):
    """Days from `today` to the ISO date `due` (negative when past), or None."""
    if not due:
        return None
    return (Date.fromisoformat(due) - today).days


def compose(event, agency, items, today, gettext, link=None, from_address=None):
    """The reminder e-mail, in Vietnamese: the agency's open items with their due dates."""
    message = EmailMessage()
    message["Subject"] = gettext("Đề nghị trả lời bằng văn bản: %(title)s", title=event["title"])
    message["From"] = formataddr((gettext("Ban tổ chức đối thoại"), from_address or "doi-thoai-live@localhost"))
    message["To"] = formataddr((agency["name"], agency["email"]))
    message["Message-ID"] = make_msgid(domain=(from_address or "localhost").rsplit("@", 1)[-1])
    lines = [gettext("Kính gửi: %(agency)s,", agency=agency["name"]), ""]
    if event["date"]:
        lines.append(gettext("Sau buổi đối thoại \"%(title)s\" ngày %(date)s, quý cơ quan còn %(count)s câu hỏi "
                             "cần trả lời bằng văn bản:", title=event["title"], date=dates.day(event["date"]),
                             count=len(items)))
    else:
        lines.append(gettext("Sau buổi đối thoại \"%(title)s\", quý cơ quan còn %(count)s câu hỏi "
                             "cần trả lời bằng văn bản:", title=event["title"], count=len(items)))
    lines.append("")
    for number, item in enumerate(items, start=1):
        question = item["question"]
        lines.append(f"{number}. {question['text']}")
        lines.append("   " + due_line(item["due"], today, gettext))
        if question.get("note"):
            lines.append("   " + gettext("Ghi chú của ban tổ chức: %(note)s", note=question["note"]))
        lines.append("")
    if link:
        lines.append(gettext("Đề nghị quý cơ quan nhập câu trả lời tại: %(link)s", link=link))
        lines.append("")
    lines += [gettext("Trân trọng,"), gettext("Ban tổ chức đối thoại"), "",
              gettext("(Thư gửi tự động từ Đối thoại Live, xin không trả lời thư này.)")]
    message.set_content("\n".join(lines), charset="utf-8")
    return message


def due_line(due, today, gettext):
    """'Hạn trả lời: 10/04/2024 (còn 3 ngày)' and the like."""
    if not due:
        return gettext("Hạn trả lời: chưa xác định")
    return gettext("Hạn trả lời: %(date)s (%(left)s)", date=dates.day(due),
                   left=countdown(days_left(due, today), gettext))


def countdown(days, gettext):
    """'còn N ngày', 'hôm nay', 'quá hạn N ngày'."""
    if days is None:
        return ""
    if days > 0:
        return gettext("còn %(days)s ngày", days=days)
    if days == 0:
        return gettext("hôm nay")
    return gettext("quá hạn %(days)s ngày", days=-days)


def _connect(config):
    host = str(config["LIVE_SMTP_HOST"]).strip()
    port = int(config.get("LIVE_SMTP_PORT") or 587)
    if port == 465:
        connection = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT, context=ssl.create_default_context())
    else:
        connection = smtplib.SMTP(host, port, timeout=TIMEOUT)
        if flag(config.get("LIVE_SMTP_STARTTLS", "1")):
            connection.starttls(context=ssl.create_default_context())
    user = str(config.get("LIVE_SMTP_USER") or "")
    if user:
        connection.login(user, str(config.get("LIVE_SMTP_PASSWORD") or ""))
    return connection


def remind(store, event, agencies, actor, config, today, gettext, link=None):
    """E-mail each of `agencies` its open items. Returns one outcome per agency:
    {"agency", "status": sent | failed | no_email | not_configured | nothing_open, "items", "error"}.
    Each e-mail attempt, sent or failed, is recorded; the others are not attempts."""
    default_days = int(config["LIVE_WRITTEN_ANSWER_DAYS"])
    outcomes, to_send = [], []
    for agency in agencies:
        items = open_items(store, event, today, default_days, agency["id"])
        outcome = {"agency": agency, "items": len(items), "status": None, "error": None}
        outcomes.append(outcome)
        if not items:
            outcome["status"] = NOTHING_OPEN
        elif not configured(config):
            outcome["status"] = NOT_CONFIGURED
        elif not agency.get("email"):
            outcome["status"] = NO_EMAIL
        else:
            to_send.append((outcome, items))
    if not to_send:
        return outcomes
    from_address = sender(config)
    connection = None
    try:
        connection = _connect(config)
    except (OSError, smtplib.SMTPException) as error:
        for outcome, _ in to_send:
            _record(store, event, outcome, actor, FAILED, _describe(error))
        return outcomes
    try:
        for outcome, items in to_send:
            message = compose(event, outcome["agency"], items, today, gettext,
                              link(outcome["agency"]) if callable(link) else link, from_address)
            try:
                refused = connection.send_message(message)
            except (OSError, smtplib.SMTPException) as error:
                _record(store, event, outcome, actor, FAILED, _describe(error))
            else:
                if refused:
                    _record(store, event, outcome, actor, FAILED, _describe(refused))
                else:
                    _record(store, event, outcome, actor, SENT, None)
    finally:
        try:
            connection.quit()
        except (OSError, smtplib.SMTPException):
            connection.close()
    return outcomes


def _record(store, event, outcome, actor, status, error):
    outcome["status"], outcome["error"] = status, error
    agency = outcome["agency"]
    result = SENT if status == SENT else f"{FAILED}: {error}"
    with store.transaction():
        store.insert_reminder({"event_id": event["id"], "agency_id": agency["id"], "sent_by": actor,
                               "channel": EMAIL, "items": outcome["items"], "result": result[:300]})


def _describe(error):
    if isinstance(error, dict):
        return "; ".join(f"{address}: {code} {reply!r}" for address, (code, reply) in error.items())
    text = str(error) or error.__class__.__name__
    return f"{error.__class__.__name__}: {text}" if text != error.__class__.__name__ else text
