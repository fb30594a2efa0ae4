"""Operator commands: `flask --app live ...` (see docs/cli.md)."""
import functools
import json

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from ..dialogue import api_keys, demo, events, intake, labels, policy, programme, programme_import, questions, users
from ..errors import DomainError
from ..text import dates


def _store():
    return current_app.extensions["live_store"]


def _text(error):
    return error.message % error.params if error.params else error.message


def _domain_errors(command):
    """The command, with a refusal of the domain said as its error (`Error: ...`, exit status 1)."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except DomainError as error:
            raise click.ClickException(_text(error)) from None
    return run


@click.command("init-db")
@with_appcontext
def init_db():
    """Create or migrate the database (also done at every start)."""
    click.echo(f"OK: {current_app.config['LIVE_DB']}")


def ensure_demo():
    """The demo event, created if missing and then dated from today, held in its province with the two
    local dialogues that feed it (run.py --demo does the same)."""
    from .identity import today
    made = demo.ensure(_store(), demo.dialogue_day(today(), current_app.config["LIVE_PLAN_NOTICE_DAYS"]))
    demo.place(_store(), today())
    return made


@click.command("demo")
@with_appcontext
def demo_command():
    """Create the demo event from the plan, if missing, dated from today."""
    event, created = ensure_demo()
    click.echo(("Đã tạo" if created else "Đã có") + f" sự kiện {event['code']}: {event['title']}")


def _event_options(command):
    options = [
        click.option("--title"), click.option("--theme"), click.option("--date", help="YYYY-MM-DD"),
        click.option("--venue"),
        click.option("--approval/--no-approval", "requires_approval", default=None,
                     help="Questions wait for a moderator before they are public."),
        click.option("--topic", "topics", multiple=True, help='"Name | description", repeatable.'),
        click.option("--agency", "agencies", multiple=True,
                     help='"CODE | full name | short name | head\'s title | contact", repeatable.'),
        click.option("--phase", type=click.Choice(events.PHASES),
                     help="draft, collecting (questions before the day), live (the session) or closed."),
        click.option("--area", help='The code of the area it is held in ("" for none).'),
        click.option("--parent", help='The code of the wider dialogue it feeds ("" for none).'),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _event_values(fields):
    fields.pop("phase")
    topics, agencies = fields.pop("topics"), fields.pop("agencies")
    values = {key: value for key, value in fields.items() if value is not None}
    lists = {"topics": events.parse_topics(topics) if topics else None,
             "agencies": events.parse_agencies(agencies) if agencies else None}
    return values, lists


events_group = AppGroup("events", help="Create, edit and list events.")


@events_group.command("create")
@click.argument("code")
@_event_options
@_domain_errors
def create_event(code, **fields):
    event = _save_event(fields, lambda values, lists: events.create(
        _store(), "cli", code, lists["topics"] or (), lists["agencies"] or (), **values))
    click.echo(f"Đã tạo sự kiện {event['code']}")


def _save_event(fields, write):
    """write(values, lists) creates or updates the event; then its phase, in the same transaction."""
    phase = fields.get("phase")
    values, lists = _event_values(fields)
    with _store().transaction():
        event = write(values, lists)
        if phase:
            event = events.set_phase(_store(), "cli", event["code"], phase)
    return event


@events_group.command("edit")
@click.argument("code")
@_event_options
@_domain_errors
def edit_event(code, **fields):
    event = _save_event(fields, lambda values, lists: events.update(
        _store(), "cli", code, lists["topics"], lists["agencies"], **values))
    click.echo(f"Đã lưu sự kiện {event['code']}")


@events_group.command("list")
def list_events():
    for event in _store().events():
        click.echo(f"{event['code']}\t{event['date'] or ''}\t{event['title']}")


users_group = AppGroup("users", help="Manage staff accounts.")


@users_group.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(users.ROLES), default=users.MODERATOR)
@click.option("--event", "event_code", help="Limit a moderator to one event; a responder's event.")
@click.option("--agency", help="A responder's agency code in that event.")
@click.option("--display-name", help="The name others see on what the account sends (the Chair's messages).")
@click.option("--area", help="An organizer's area code: it organizes only the events held in it or within it.")
@click.password_option()
@_domain_errors
def create_user(username, role, event_code, agency, display_name, area, password):
    event = events.get(_store(), event_code) if event_code else None
    users.create(_store(), username, password, role, event, agency, display_name, area=area)
    click.echo(f"Đã tạo tài khoản {username} ({role})")


@users_group.command("set-password")
@click.argument("username")
@click.password_option()
@_domain_errors
def set_password(username, password):
    users.set_password(_store(), username, password)
    click.echo(f"Đã đổi mật khẩu của {username}")


@users_group.command("set-display-name")
@click.argument("username")
@click.argument("display_name")
@_domain_errors
def set_display_name(username, display_name):
    """The name others see on what the account sends; "" for its username."""
    users.set_display_name(_store(), username, display_name)
    click.echo(f"Đã đổi tên hiển thị của {username}")


@users_group.command("list")
def list_users():
    for user in _store().users():
        state = f"\tkhóa từ {user['disabled_at']}" if user["disabled_at"] else ""
        click.echo(f"{user['username']}\t{user['role']}\t{user['event_code'] or user['area_code'] or '*'}{state}")


@users_group.command("disable")
@click.argument("username")
@_domain_errors
def disable_user(username):
    """Disable an account: its sessions end and it can no longer log in (it is kept)."""
    _set_disabled(username, True, "Đã khóa tài khoản")


@users_group.command("enable")
@click.argument("username")
@_domain_errors
def enable_user(username):
    _set_disabled(username, False, "Đã mở lại tài khoản")


def _set_disabled(username, disabled, done):
    users.set_disabled(_store(), username, disabled)
    click.echo(f"{done} {username}")


intake_group = AppGroup("intake", help="Questions from the channels before the event: spreadsheets, API keys.")


def _show_problems(plan):
    """Each problem on standard error; whether there was any."""
    lines = [_text(problem) for problem in plan["problems"]]
    lines += [f"dòng {row['line']}: {_text(problem)}" for row in plan["rows"] for problem in row["problems"]]
    for line in lines:
        click.echo(line, err=True)
    return bool(lines)


@intake_group.command("import")
@click.argument("code")
@click.argument("file", type=click.File("rb"))
@click.option("--channel", help="Channel of the rows that name none: " + ", ".join(questions.CHANNELS) + ".")
@click.option("--approve", is_flag=True, help="Approve at once (a question the word list flags still waits).")
@click.option("--dry-run", is_flag=True, help="Check every row and say what would be imported; write nothing.")
@_domain_errors
def import_questions(code, file, channel, approve, dry_run):
    """Import the questions of an XLSX or CSV file: every row, or none when any has a problem (exit 1)."""
    event = events.get(_store(), code)
    table = intake.read(file.read())
    if dry_run:
        plan = intake.preview(_store(), event, table, channel)
        if _show_problems(plan):
            raise click.exceptions.Exit(1)
        click.echo(f"Sẽ nhập {sum(row['status'] == intake.NEW for row in plan['rows'])} câu hỏi, "
                   f"{sum(row['status'] == intake.IMPORTED for row in plan['rows'])} câu đã có.")
        return
    try:
        done = intake.run(_store(), event, "cli", table, channel, approve, file.name)
    except intake.NotImported as refused:
        _show_problems(refused.plan)
        raise
    click.echo(f"Đã nhập {len(done['added'])} câu hỏi, {done['already']} câu đã có.")


keys_group = AppGroup("keys", help="The channels' API keys for POST /api/v1/events/<code>/intake.")
intake_group.add_command(keys_group)


@keys_group.command("create")
@click.argument("code")
@click.option("--channel", required=True, type=click.Choice(api_keys.KEY_CHANNELS))
@click.option("--label", required=True, help='e.g. "Cổng TTĐT tỉnh".')
@click.option("--detail", help="The channel's detail: a district key's district.")
@_domain_errors
def create_key(code, channel, label, detail):
    """Make a key and print its secret, this once."""
    key, secret = api_keys.create(_store(), events.get(_store(), code), "cli", channel, label, detail)
    click.echo(f"Đã tạo khóa {key['id']} ({key['label']}). Khóa chỉ hiện một lần:")
    click.echo(secret)


@keys_group.command("list")
@click.argument("code")
@_domain_errors
def list_keys(code):
    keys = api_keys.listing(_store(), events.get(_store(), code))
    for key in keys:
        state = f"thu hồi {key['revoked_at']}" if key["revoked_at"] else f"dùng lần cuối {key['last_used_at'] or '-'}"
        click.echo(f"{key['id']}\t{key['prefix']}…\t{key['channel']}\t{key['channel_detail'] or ''}\t"
                   f"{key['label']}\t{state}")


@keys_group.command("revoke")
@click.argument("code")
@click.argument("key_id", type=int)
@_domain_errors
def revoke_key(code, key_id):
    key = api_keys.revoke(_store(), events.get(_store(), code), "cli", key_id)
    click.echo(f"Đã thu hồi khóa {key['id']} ({key['label']})")


programme_group = AppGroup("programme", help="The programme of the day: its items, in order, with their times.")


@programme_group.command("show")
@click.argument("code")
@_domain_errors
def show_programme(code):
    """Print the programme: each item's planned start, duration, kind, title and presenter."""
    from .identity import zone
    event = events.get(_store(), code)
    shown = programme.view(_store(), event, policy.MODERATOR, zone())
    for item in shown["items"]:
        presenter = f" ({item['presenter']})" if item["presenter"] else ""
        topic = f" [{item['topic']}]" if item["topic"] else ""
        click.echo(f"{item['planned_clock'] or '--:--'}\t{item['duration']} phút\t"
                   f"{labels.ITEM_KIND[item['kind']]}\t{item['title']}{topic}{presenter}")
    click.echo(f"{len(shown['items'])} mục, dự kiến kết thúc {dates.clock(shown['planned_end'], zone()) or '--:--'}")


@programme_group.command("import")
@click.argument("code")
@click.argument("file", type=click.File("rb"))
@_domain_errors
def import_programme(code, file):
    """Replace the programme with the rows of an XLSX or CSV file: all of them, or nothing when any
    has a problem (exit 1)."""
    event = events.get(_store(), code)
    try:
        event = programme_import.run(_store(), "cli", event, programme_import.read(file.read()))
    except programme_import.NotImported as refused:
        _show_problems(refused.plan)
        raise
    click.echo(f"Đã nhập chương trình: {len(_store().programme(event['id']))} mục.")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def backup(path):
    """Copy the database to PATH with SQLite's online backup (safe while the server runs)."""
    _store().backup(path)
    click.echo(f"Đã sao lưu vào {path}")


@click.command("export")
@click.argument("code")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="File to write (default: standard output).")
@with_appcontext
@_domain_errors
def export(code, output):
    """Write the whole event as JSON: settings, questions, answers, follow-up, audit log.
    Attendees appear only as their anonymous ids; votes only as counts."""
    event = events.get(_store(), code)
    dump = _store().dump_event(event["id"])
    json.dump({"format": "doi-thoai-live/1", **dump}, output, ensure_ascii=False, indent=1)
    output.write("\n")


def init_app(app):
    from .cli_areas import areas_group
    for command in (init_db, demo_command, events_group, users_group, intake_group, programme_group, areas_group,
                    backup, export):
        app.cli.add_command(command)
