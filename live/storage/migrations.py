"""Migrations: each runs once, in order, after the first schema (schema.create_tables)."""
from .questions import search_columns
from .schema import create_tables


def _answer_log(db):
    """From answers to action: the answer log, commitments, written follow-up, the Chair's
    messages, agency accounts, the notice's fields and publication."""
    db["event"].add_column("notice", str)  # JSON: the conclusion notice's fields
    db["event"].add_column("attendees", int)
    db["event"].add_column("written_answer_days", int)
    db["event"].add_column("published_at", str)
    db["agency"].add_column("email", str)
    db["user"].add_column("agency_id", int, fk="agency", fk_col="id")
    db["question"].add_column("note", str)  # the moderators' note for the agency
    db["question"].add_column("written_due", str)
    db["answer"].add_column("direction", str)
    db["answer"].add_column("speakers", str)  # JSON [{"name", "agency"}]
    db["answer"].add_column("updated_at", str)
    db["answer"].add_column("updated_by", str)
    db["answer_question"].create({"answer_id": int, "question_id": int}, pk=("answer_id", "question_id"),
                                 foreign_keys=[("answer_id", "answer", "id"), ("question_id", "question", "id")])
    db["answer_question"].create_index(["question_id"])
    db.execute("INSERT INTO answer_question (answer_id, question_id) SELECT id, question_id FROM answer")
    db["commitment"].create({
        "id": int, "answer_id": int, "agency_id": int, "what": str, "due": str, "created_at": str,
    }, pk="id", foreign_keys=[("answer_id", "answer", "id"), ("agency_id", "agency", "id")])
    db["written_answer"].create({
        "id": int, "question_id": int, "agency_id": int, "text": str, "answered_by": str,
        "created_at": str, "updated_at": str,
    }, pk="id", foreign_keys=[("question_id", "question", "id"), ("agency_id", "agency", "id")])
    db["written_answer"].create_index(["question_id"], unique=True)
    db["chair_message"].create({
        "id": int, "event_id": int, "text": str, "sender": str, "sent_at": str, "read_at": str,
    }, pk="id", foreign_keys=[("event_id", "event", "id")])
    db["reminder"].create({
        "id": int, "event_id": int, "agency_id": int, "sent_at": str, "sent_by": str, "channel": str,
        "items": int, "result": str,
    }, pk="id", foreign_keys=[("event_id", "event", "id"), ("agency_id", "agency", "id")])


def _session_epochs(db):
    """Logging out everywhere: a session carries its user's epoch and dies when it moves on."""
    db["user"].add_column("session_epoch", int, not_null_default=0)


def _blocked_attendees(db):
    """Attendees a moderator blocked, known only by their anonymous id."""
    db["blocked_attendee"].create({
        "event_id": int, "attendee_id": str, "blocked_by": str, "question_id": int, "at": str,
    }, pk=("event_id", "attendee_id"), foreign_keys=[("event_id", "event", "id")])


def _phases_and_channels(db):
    """Before the event: an event's phase (draft, collecting, live, closed) and each question's
    channel (onsite, web, district, portal, press, moderator) with its detail (the district)."""
    db["event"].add_column("phase", str, not_null_default="live")
    db["question"].add_column("channel", str, not_null_default="onsite")
    db["question"].add_column("channel_detail", str)


def _intake(db):
    """Intake before the event: who sent a question (unit, district, youth group), its id at its
    source (portal, spreadsheet row), merges, words the list flags, folded text for full-text
    search (indexed by _search_by_audience), the channels' API keys and uploaded spreadsheets awaiting
    confirmation."""
    question = db["question"]
    for name in ("unit", "district", "youth_group", "external_id", "flags", "search_text"):
        question.add_column(name, str)
    question.add_column("merged_into", int, fk="question", fk_col="id")
    db.execute("CREATE UNIQUE INDEX idx_question_source ON question "
               "(event_id, channel, coalesce(channel_detail, ''), external_id)")
    question.create_index(["merged_into"])
    db["api_key"].create({
        "id": int, "event_id": int, "channel": str, "channel_detail": str, "label": str, "key_hash": str,
        "prefix": str, "created_by": str, "created_at": str, "last_used_at": str, "revoked_at": str,
    }, pk="id", not_null={"channel", "key_hash"}, foreign_keys=[("event_id", "event", "id")])
    db["api_key"].create_index(["key_hash"], unique=True)
    db["upload"].create({
        "id": int, "token": str, "event_id": int, "filename": str, "content": bytes, "created_by": str,
        "created_at": str,
    }, pk="id", not_null={"token", "content"}, foreign_keys=[("event_id", "event", "id")])
    db["upload"].create_index(["token"], unique=True)


def _disabled_accounts(db):
    """An account can be disabled (kept, with its history) rather than deleted."""
    db["user"].add_column("disabled_at", str)


def _staff_sessions(db):
    """Each staff session is a row, named by a hash of its token: logging out deletes it, so the
    cookie is refused afterwards even if replayed; ending an account's sessions deletes them all,
    which the account's epoch did before."""
    db["staff_session"].create({"id": str, "user_id": int, "created_at": str}, pk="id", not_null={"user_id"},
                               foreign_keys=[("user_id", "user", "id")])
    db["staff_session"].create_index(["user_id"])
    db.execute('ALTER TABLE "user" DROP COLUMN session_epoch')


def _display_names(db):
    """The name others see on what an account sends (the Chair's messages); the username if none."""
    db["user"].add_column("display_name", str)


def _search_by_audience(db):
    """Full-text search by audience: what everyone may see of a question (search_text) and what only
    its moderators see (search_staff) are two columns of the index, so that a public search can leave
    the second out. Replaces the one-column index of earlier versions."""
    db["question"].add_column("search_staff", str)
    for name in ("question_ai", "question_ad", "question_au", "question_search_text"):
        db.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    db.execute("DROP TABLE IF EXISTS question_fts")
    for row in list(db.query("SELECT * FROM question")):
        columns = search_columns(row)
        db.execute("UPDATE question SET search_text = ?, search_staff = ? WHERE id = ?",
                   [columns["search_text"], columns["search_staff"], row["id"]])
    db["question"].enable_fts(["search_text", "search_staff"], fts_version="FTS5", create_triggers=True,
                              tokenize="unicode61 remove_diacritics 2")
    # sqlite-utils' update trigger fires on every vote; the index only needs the folded texts
    db.execute('DROP TRIGGER "question_au"')
    db.execute("""CREATE TRIGGER question_search_text AFTER UPDATE OF search_text, search_staff ON question BEGIN
        INSERT INTO question_fts (question_fts, rowid, search_text, search_staff)
            VALUES ('delete', old.rowid, old.search_text, old.search_staff);
        INSERT INTO question_fts (rowid, search_text, search_staff) VALUES (new.rowid, new.search_text, new.search_staff);
    END""")


def _programme_and_polls(db):
    """The programme of the day (its items, the one running, what phones may do during it) and live
    polls: one answer per attendee and poll (the primary key), its choices one row each to count."""
    db["event"].add_column("programme_item_id", int)
    db["event"].add_column("programme_version", int, not_null_default=0)
    db["event"].add_column("programme_asking", int, not_null_default=1)
    db["programme_item"].create({
        "id": int, "event_id": int, "position": int, "kind": str, "title": str, "planned_start": str,
        "duration": int, "presenter": str, "topic_id": int, "poll_id": int, "asking": int, "details": str,
        "script": str, "started_at": str, "ended_at": str,
    }, pk="id", not_null={"event_id", "kind", "title"}, defaults={"asking": 0},
        foreign_keys=[("event_id", "event", "id"), ("topic_id", "topic", "id")])
    db["programme_item"].create_index(["event_id", "position"])
    db["poll"].create({
        "id": int, "event_id": int, "text": str, "kind": str, "max_choices": int, "state": str,
        "revealed": int, "in_notice": int, "version": int, "created_by": str, "created_at": str,
        "opened_at": str, "closed_at": str,
    }, pk="id", not_null={"event_id", "text", "kind", "state"},
        defaults={"revealed": 0, "in_notice": 0, "version": 0}, foreign_keys=[("event_id", "event", "id")])
    db["poll"].create_index(["event_id"])
    db["poll_option"].create({"id": int, "poll_id": int, "position": int, "label": str}, pk="id",
                             not_null={"poll_id", "label"}, foreign_keys=[("poll_id", "poll", "id")])
    db["poll_option"].create_index(["poll_id"])
    db["poll_answer"].create({
        "poll_id": int, "attendee_id": str, "youth_group": str, "district": str, "answered_at": str,
    }, pk=("poll_id", "attendee_id"), not_null={"poll_id", "attendee_id"},
        foreign_keys=[("poll_id", "poll", "id")])
    db["poll_choice"].create({"poll_id": int, "attendee_id": str, "option_id": int},
                             pk=("poll_id", "attendee_id", "option_id"),
                             foreign_keys=[("poll_id", "poll", "id"), ("option_id", "poll_option", "id")])
    db["poll_choice"].create_index(["poll_id", "option_id"])


# Today's two tiers (current: new areas are made at these levels) and the older three, for past
# dialogues such as the 2024 plan's; an area's tier is its depth under its province.
LEVELS = [
    ("province", "Tỉnh, thành phố trực thuộc trung ương", 1), ("commune", "Xã", 1), ("ward", "Phường", 1),
    ("special_zone", "Đặc khu", 1), ("district", "Huyện", 0), ("town", "Thị xã", 0),
    ("provincial_city", "Thành phố thuộc tỉnh", 0), ("township", "Thị trấn", 0),
]


def _levels_and_areas(db):
    """Levels and areas as data; an event's area and the dialogue it feeds (its parent event);
    an organizer's area (none: every area)."""
    db["level"].create({"code": str, "name": str, "current": int, "position": int}, pk="code",
                       not_null={"name"}, defaults={"current": 1})
    db["level"].insert_all([{"code": code, "name": name, "current": current, "position": position}
                            for position, (code, name, current) in enumerate(LEVELS)])
    db["area"].create({"id": int, "code": str, "name": str, "level": str, "parent_id": int, "active": int},
                      pk="id", not_null={"code", "name", "level"}, defaults={"active": 1},
                      foreign_keys=[("level", "level", "code"), ("parent_id", "area", "id")])
    db["area"].create_index(["code"], unique=True)
    db["area"].create_index(["parent_id"])
    db["event"].add_column("area_id", int)
    db["event"].add_column("parent_event_id", int)
    db["event"].create_index(["area_id"])
    db["event"].create_index(["parent_event_id"])
    db["user"].add_column("area_id", int)


def _forwarding(db):
    """Questions a local dialogue sends up to the one it feeds: the proposal it became there (question_id),
    the local question (source_question_id; none when it came in a file from another installation),
    and what was sent with it (its area, the text as asked, who asked, what was answered, the note)."""
    db["forwarding"].create({
        "id": int, "question_id": int, "source_question_id": int, "source_event": str, "source_ref": str,
        "area_code": str, "area_name": str, "asked_text": str, "author": str, "unit": str, "answered": str,
        "note": str, "version": int, "forwarded_by": str, "forwarded_at": str, "withdrawn_by": str,
        "withdrawn_at": str,
    }, pk="id", not_null={"question_id"},
        foreign_keys=[("question_id", "question", "id"), ("source_question_id", "question", "id")])
    db["forwarding"].create_index(["question_id"], unique=True)
    db["forwarding"].create_index(["source_question_id"], unique=True)  # forwarding twice adds nothing


# Each migration runs once, in order; PRAGMA user_version records how many have run.
MIGRATIONS = [create_tables, _answer_log, _session_epochs, _blocked_attendees, _phases_and_channels, _intake,
              _disabled_accounts, _staff_sessions, _display_names, _search_by_audience,
              _programme_and_polls, _levels_and_areas, _forwarding]


def migrate(store):
    with store.transaction():
        done = store.conn.execute("PRAGMA user_version").fetchone()[0]
        for number, step in enumerate(MIGRATIONS[done:], start=done + 1):
            step(store.db)
            store.conn.execute(f"PRAGMA user_version = {number}")
