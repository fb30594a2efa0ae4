"""SQLite storage: the connection, the schema and its migrations, and every SQL statement.

One connection per process, guarded by a lock, so writes are serialised the way
Datasette funnels them through one writer. Under eventlet a sqlite3 call blocks the
whole process anyway; the lock matters for threaded servers and tests. Transactions
are short and never emit or sleep: the web layer broadcasts after commit.
"""
import json
import sqlite3
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from .search_text import fold

QUESTION_COLUMNS = """
    q.*, t.name AS topic, a.code AS agency_code, a.name AS agency_name,
    a.short_name AS agency_short_name, a.head_title AS agency_head_title,
    (e.stage_question_id IS q.id) AS on_stage, h.status AS head_status
"""
QUESTION_FROM = """
    FROM question q
    JOIN event e ON e.id = q.event_id
    LEFT JOIN topic t ON t.id = q.topic_id
    LEFT JOIN agency a ON a.id = q.agency_id
    LEFT JOIN question h ON h.id = q.merged_into
"""
# A question's voters together with those of the questions merged into it, each counted once.
GROUP_VOTERS = """(SELECT COUNT(DISTINCT attendee_id) FROM vote
    WHERE question_id IN (SELECT id FROM question WHERE id = :head OR merged_into = :head))"""

ANSWER_SELECT = """SELECT an.*, a.code AS agency_code, a.name AS agency_name FROM answer an
    LEFT JOIN agency a ON a.id = an.agency_id"""
USER_SELECT = """SELECT u.*, e.code AS event_code, ag.code AS agency_code, ag.name AS agency_name FROM "user" u
    LEFT JOIN event e ON e.id = u.event_id LEFT JOIN agency ag ON ag.id = u.agency_id"""


# What full-text search looks through, folded (search_text.fold) into two columns of question_fts:
# what everyone may see of a question, and what only its moderators see (questions.view).
PUBLIC_SEARCHED = ("author", "text")
STAFF_SEARCHED = ("channel_detail", "district", "original_text", "unit")
SEARCH_SECONDS = 0.5  # a search running longer is interrupted (Interrupted): the server answers others
PROGRESS_STEPS = 1000  # SQLite instructions between two looks at the clock


class Interrupted(Exception):
    """A query ran past its time budget and SQLite stopped it."""


def search_columns(question):
    """The folded search_text (PUBLIC_SEARCHED) and search_staff (STAFF_SEARCHED) of a question (a dict
    with any of its columns)."""
    def folded(names):
        return fold(" ".join(question.get(name) or "" for name in names))
    return {"search_text": folded(PUBLIC_SEARCHED), "search_staff": folded(STAFF_SEARCHED)}


def _not_in(column, values):
    """`AND column NOT IN (?, ...)` for values bound after it; nothing for no values (everything
    matches; `NOT IN (NULL)` would match nothing)."""
    return f"AND {column} NOT IN ({', '.join('?' for _ in values)})" if values else ""


def now():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def connect(path, synchronous="FULL"):
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
    conn.row_factory = sqlite3.Row
    store = Store(conn)
    store.configure(synchronous)
    migrate(store)
    return store


class Store:
    def __init__(self, conn):
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self.lock = threading.RLock()
        self._depth = 0

    def configure(self, synchronous):
        if synchronous.upper() not in {"OFF", "NORMAL", "FULL", "EXTRA"}:
            raise ValueError(f"LIVE_SYNCHRONOUS must be OFF, NORMAL, FULL or EXTRA, not {synchronous}")
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute(f"PRAGMA synchronous={synchronous.upper()}")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA busy_timeout=10000")

    @contextmanager
    def transaction(self, mode="IMMEDIATE"):
        """BEGIN IMMEDIATE ... COMMIT; nested uses join the outer transaction.

        mode="DEFERRED" gives a consistent read (WAL snapshot) without taking the write lock.
        """
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self.conn.execute(f"BEGIN {mode}")
            self._depth = 1
            try:
                yield self
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")
            finally:
                self._depth = 0

    def _all(self, sql, params=()):
        with self.lock:
            return [dict(row) for row in self.conn.execute(sql, params)]

    def _one(self, sql, params=()):
        with self.lock:
            row = self.conn.execute(sql, params).fetchone()
        return dict(row) if row else None

    def _run(self, sql, params=()):
        with self.lock:
            return self.conn.execute(sql, params)

    def _insert(self, table, fields):
        columns = ", ".join(f'"{name}"' for name in fields)
        marks = ", ".join("?" for _ in fields)
        return self._run(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', tuple(fields.values())).lastrowid

    def _update(self, table, row_id, fields):
        if fields:
            sets = ", ".join(f'"{name}" = ?' for name in fields)
            self._run(f'UPDATE "{table}" SET {sets} WHERE id = ?', (*fields.values(), row_id))

    def backup(self, path):
        """SQLite's online backup into `path`: consistent while the server keeps writing."""
        target = sqlite3.connect(path)
        try:
            with self.lock:
                self.conn.backup(target)
        finally:
            target.close()

    def dump_event(self, event_id):
        """Every row that belongs to the event, table by table (for the JSON export)."""
        by_question = "question_id IN (SELECT id FROM question WHERE event_id = ?)"
        by_answer = "answer_id IN (SELECT an.id FROM answer an JOIN question q ON q.id = an.question_id WHERE q.event_id = ?)"
        queries = {
            "event": "SELECT * FROM event WHERE id = ?",
            "topic": "SELECT * FROM topic WHERE event_id = ?",
            "agency": "SELECT * FROM agency WHERE event_id = ?",
            "question": "SELECT * FROM question WHERE event_id = ?",
            "answer": f"SELECT * FROM answer WHERE {by_question}",
            "answer_question": f"SELECT * FROM answer_question WHERE {by_question}",
            "commitment": f"SELECT * FROM commitment WHERE {by_answer}",
            "written_answer": f"SELECT * FROM written_answer WHERE {by_question}",
            "chair_message": "SELECT * FROM chair_message WHERE event_id = ?",
            "reminder": "SELECT * FROM reminder WHERE event_id = ?",
            "audit": "SELECT * FROM audit WHERE event_id = ?",
        }
        with self.transaction("DEFERRED"):
            return {table: self._all(sql + " ORDER BY rowid", (event_id,)) for table, sql in queries.items()}

    def close(self):
        with self.lock:
            self.conn.close()

    # events
    def insert_event(self, fields):
        return self._insert("event", {**fields, "created_at": now()})

    def update_event(self, event_id, fields):
        self._update("event", event_id, fields)

    def event_by_code(self, code):
        return self._one("SELECT * FROM event WHERE code = ? COLLATE NOCASE", (code,))

    def event_by_id(self, event_id):
        return self._one("SELECT * FROM event WHERE id = ?", (event_id,))

    def events(self):
        return self._all("SELECT * FROM event ORDER BY date DESC, id DESC")

    def next_version(self, event_id):
        """The event's change counter, raised by one; every question change carries it."""
        row = self._run("UPDATE event SET version = version + 1 WHERE id = ? RETURNING version", (event_id,)).fetchone()
        return row[0]

    def set_stage(self, event_id, question_id):
        self._run("UPDATE event SET stage_question_id = ? WHERE id = ?", (question_id, event_id))

    # topics and agencies: kept when removed from the list, so old questions still name them
    def topics(self, event_id, active_only=True):
        where = "AND active = 1" if active_only else ""
        return self._all(f"SELECT * FROM topic WHERE event_id = ? {where} ORDER BY position, id", (event_id,))

    def upsert_topic(self, event_id, position, name, description):
        self._run(
            """INSERT INTO topic (event_id, position, name, description, active) VALUES (?, ?, ?, ?, 1)
               ON CONFLICT (event_id, name) DO UPDATE SET position = excluded.position,
               description = excluded.description, active = 1""",
            (event_id, position, name, description),
        )

    def deactivate_topics_except(self, event_id, names):
        self._run(f"UPDATE topic SET active = 0 WHERE event_id = ? {_not_in('name', names)}", (event_id, *names))

    def agencies(self, event_id, active_only=True):
        where = "AND active = 1" if active_only else ""
        return self._all(f"SELECT * FROM agency WHERE event_id = ? {where} ORDER BY position, id", (event_id,))

    def upsert_agency(self, event_id, position, agency):
        self._run(
            """INSERT INTO agency (event_id, position, code, name, short_name, head_title, contact, email, active)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
               ON CONFLICT (event_id, code) DO UPDATE SET position = excluded.position, name = excluded.name,
               short_name = excluded.short_name, head_title = excluded.head_title,
               contact = excluded.contact, email = excluded.email, active = 1""",
            (event_id, position, agency["code"], agency["name"], agency.get("short_name") or "",
             agency.get("head_title") or "", agency.get("contact") or "", agency.get("email")),
        )

    def deactivate_agencies_except(self, event_id, codes):
        self._run(f"UPDATE agency SET active = 0 WHERE event_id = ? {_not_in('code', codes)}", (event_id, *codes))

    # questions
    def insert_question(self, fields):
        stamp = now()
        return self._insert("question", {**fields, **search_columns(fields), "created_at": stamp,
                                         "updated_at": stamp})

    def update_question(self, question_id, fields):
        if set(PUBLIC_SEARCHED + STAFF_SEARCHED) & set(fields):  # the folded texts follow, in the same write
            row = self._one("SELECT * FROM question WHERE id = ?", (question_id,))
            fields = {**fields, **search_columns({**row, **fields})}
        self._update("question", question_id, {**fields, "updated_at": now()})

    def search_questions(self, event_id, terms, staff=False):
        """Ids of the event's questions with every term (search_text.Term) in what everyone may see of
        them, or with `staff` in their staff-only fields too; best first. Interrupted past SEARCH_SECONDS."""
        match = " ".join('"' + word.replace('"', '""') + '"' + ("*" if prefix else "") for word, prefix in terms)
        if not staff:
            match = "{search_text} : (" + match + ")"  # FTS5's column filter
        with self.time_budget(SEARCH_SECONDS):
            rows = self._all(
                "SELECT q.id FROM question_fts JOIN question q ON q.id = question_fts.rowid "
                "WHERE question_fts MATCH ? AND q.event_id = ? ORDER BY question_fts.rank, q.id",
                (match, event_id))
        return [row["id"] for row in rows]

    @contextmanager
    def time_budget(self, seconds):
        """Statements run inside stop after `seconds` (SQLite's progress handler) with Interrupted:
        under eventlet a long statement would hold every other request."""
        deadline = time.monotonic() + seconds
        with self.lock:
            self.conn.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
            try:
                yield
            except sqlite3.OperationalError as error:
                if str(error) == "interrupted":
                    raise Interrupted() from error
                raise
            finally:
                self.conn.set_progress_handler(None, 0)

    def question_by_external_id(self, event_id, channel, channel_detail, external_id):
        """The question with this id at its source: a channel and its detail (two district unions
        may both number their rows from 1)."""
        return self._one(
            f"SELECT {QUESTION_COLUMNS} {QUESTION_FROM} WHERE q.event_id = ? AND q.channel = ? "
            "AND coalesce(q.channel_detail, '') = ? AND q.external_id = ?",
            (event_id, channel, channel_detail or "", external_id))

    def question(self, question_id):
        return self._one(f"SELECT {QUESTION_COLUMNS} {QUESTION_FROM} WHERE q.id = ?", (question_id,))

    def external_ids(self, event_id):
        """(channel, channel detail or "", external_id) of every question of the event that came with an
        id from its source."""
        rows = self._all("SELECT channel, coalesce(channel_detail, '') AS detail, external_id FROM question "
                         "WHERE event_id = ? AND external_id IS NOT NULL",
                         (event_id,))
        return {(row["channel"], row["detail"], row["external_id"]) for row in rows}

    def question_by_client_id(self, event_id, attendee_id, client_id):
        return self._one(
            f"SELECT {QUESTION_COLUMNS} {QUESTION_FROM} WHERE q.event_id = ? AND q.attendee_id = ? AND q.client_id = ?",
            (event_id, attendee_id, client_id),
        )

    def questions(self, event_id, statuses=None, attendee_id=None, ids=None):
        """Questions of an event with one of `statuses` (all when None), or merged into one with
        such a status, plus `attendee_id`'s own; only those in `ids` when given."""
        sql = f"SELECT {QUESTION_COLUMNS} {QUESTION_FROM} WHERE q.event_id = ?"
        params = [event_id]
        if statuses is not None:
            marks = ", ".join("?" for _ in statuses) or "NULL"
            sql += f" AND (q.status IN ({marks}) OR h.status IN ({marks}) OR q.attendee_id = ?)"
            params += [*statuses, *statuses, attendee_id]
        if ids is not None:
            sql += f" AND q.id IN ({', '.join('?' for _ in ids) or 'NULL'})"
            params += list(ids)
        return self._all(sql + " ORDER BY q.id", params)

    def status_counts(self):
        """{event id: {status: count}} of every event's questions; one merged into another counts
        with it, not alone (as the moderator console lists it)."""
        counts = {}
        for row in self._all("SELECT event_id, status, count(*) AS n FROM question WHERE merged_into IS NULL "
                             "GROUP BY event_id, status"):
            counts.setdefault(row["event_id"], {})[row["status"]] = row["n"]
        return counts

    def merge_candidates(self, event_id, before_id, rejected):
        """Id and text of the event's questions before `before_id` that are not rejected or merged."""
        return self._all("SELECT id, text FROM question WHERE event_id = ? AND id < ? AND status != ? "
                         "AND merged_into IS NULL ORDER BY id", (event_id, before_id, rejected))

    def merged_questions(self, head_ids):
        """The questions merged into each of `head_ids`, oldest first, keyed by head id."""
        marks = ", ".join("?" for _ in head_ids) or "NULL"
        grouped = {}
        for row in self._all(f"SELECT {QUESTION_COLUMNS} {QUESTION_FROM} WHERE q.merged_into IN ({marks}) "
                             "ORDER BY q.id", tuple(head_ids)):
            grouped.setdefault(row["merged_into"], []).append(row)
        return grouped

    def group_voters(self, head_id):
        return self._one(f"SELECT {GROUP_VOTERS} AS voters", {"head": head_id})["voters"]

    def vote_counts(self, question_ids):
        marks = ", ".join("?" for _ in question_ids)
        rows = self._all(f"SELECT id, votes FROM question WHERE id IN ({marks})", tuple(question_ids))
        return {row["id"]: row["votes"] for row in rows}

    # votes: the count on the question row moves with each vote, never recounted, except in a merge
    # group: a vote stays on the question it was cast on, and the head counts distinct voters
    def add_vote(self, question_id, attendee_id):
        added = self._run(
            "INSERT OR IGNORE INTO vote (question_id, attendee_id, created_at) VALUES (?, ?, ?)",
            (question_id, attendee_id, now()),
        ).rowcount
        if added:
            self._count_votes(question_id, 1)
        return bool(added)

    def remove_vote(self, question_id, attendee_id):
        """Take back the attendee's vote on the question and on those merged into it."""
        removed = self._run(
            "DELETE FROM vote WHERE attendee_id = ? AND question_id IN "
            "(SELECT id FROM question WHERE id = ? OR merged_into = ?)", (attendee_id, question_id, question_id),
        ).rowcount
        if removed:
            self._count_votes(question_id, -removed)
        return bool(removed)

    def _count_votes(self, question_id, change):
        group = self._one(
            "SELECT coalesce(merged_into, id) AS head, merged_into IS NOT NULL OR "
            "EXISTS (SELECT 1 FROM question c WHERE c.merged_into = q.id) AS merged FROM question q WHERE id = ?",
            (question_id,))
        if group["merged"]:
            self._run(f"UPDATE question SET votes = {GROUP_VOTERS} WHERE id = :head", {"head": group["head"]})
        else:
            self._run("UPDATE question SET votes = votes + ? WHERE id = ?", (change, question_id))

    def voted_question_ids(self, event_id, attendee_id):
        """The questions the attendee voted for; a vote on a merged question counts for its head."""
        rows = self._all(
            "SELECT coalesce(q.merged_into, q.id) AS question_id FROM vote v JOIN question q ON q.id = v.question_id "
            "WHERE q.event_id = ? AND v.attendee_id = ?",
            (event_id, attendee_id),
        )
        return {row["question_id"] for row in rows}

    # answers: one answer may cover several questions (answer_question)
    def insert_answer(self, fields, question_ids):
        answer_id = self._insert("answer", {**fields, "created_at": now()})
        for question_id in question_ids:
            self._run("INSERT INTO answer_question (answer_id, question_id) VALUES (?, ?)", (answer_id, question_id))
        return answer_id

    def update_answer(self, answer_id, fields):
        self._update("answer", answer_id, fields)

    def answer(self, answer_id):
        return self._one(f"{ANSWER_SELECT} WHERE an.id = ?", (answer_id,))

    def answers(self, question_ids):
        """The answers to these questions, oldest first, keyed by question id."""
        marks = ", ".join("?" for _ in question_ids) or "NULL"
        rows = self._all(
            f"""SELECT aq.question_id AS for_question, an.* FROM answer_question aq
                JOIN ({ANSWER_SELECT}) an ON an.id = aq.answer_id
                WHERE aq.question_id IN ({marks}) ORDER BY an.id""",
            tuple(question_ids),
        )
        grouped = {}
        for row in rows:
            grouped.setdefault(row["for_question"], []).append(row)
        return grouped

    def event_answers(self, event_id):
        """Every answer logged in the event, oldest first, with the ids of the questions it covers."""
        rows = self._all(
            f"""{ANSWER_SELECT} JOIN question q ON q.id = an.question_id WHERE q.event_id = ? ORDER BY an.id""",
            (event_id,))
        links = self._all(
            "SELECT aq.answer_id, aq.question_id FROM answer_question aq JOIN question q ON q.id = aq.question_id "
            "WHERE q.event_id = ? ORDER BY aq.question_id", (event_id,))
        for row in rows:
            row["question_ids"] = [link["question_id"] for link in links if link["answer_id"] == row["id"]]
        return rows

    def answered_question_ids(self, answer_id):
        return [row["question_id"] for row in self._all(
            "SELECT question_id FROM answer_question WHERE answer_id = ? ORDER BY question_id", (answer_id,))]

    # commitments made in an answer
    def replace_commitments(self, answer_id, commitments):
        self._run("DELETE FROM commitment WHERE answer_id = ?", (answer_id,))
        for commitment in commitments:
            self._insert("commitment", {**commitment, "answer_id": answer_id, "created_at": now()})

    def commitments(self, event_id):
        return self._all(
            """SELECT c.*, a.code AS agency_code, a.name AS agency_name FROM commitment c
               JOIN answer an ON an.id = c.answer_id JOIN question q ON q.id = an.question_id
               LEFT JOIN agency a ON a.id = c.agency_id
               WHERE q.event_id = ? ORDER BY a.position, c.id""", (event_id,))

    # answers in writing, after the session
    def save_written_answer(self, question_id, agency_id, text, answered_by):
        stamp = now()
        self._run(
            """INSERT INTO written_answer (question_id, agency_id, text, answered_by, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (question_id) DO UPDATE SET agency_id = excluded.agency_id,
               text = excluded.text, answered_by = excluded.answered_by, updated_at = excluded.updated_at""",
            (question_id, agency_id, text, answered_by, stamp, stamp))

    def written_answers(self, event_id):
        rows = self._all(
            """SELECT w.* FROM written_answer w JOIN question q ON q.id = w.question_id WHERE q.event_id = ?""",
            (event_id,))
        return {row["question_id"]: row for row in rows}

    # the Chair's tablet
    def insert_chair_message(self, event_id, text, sender):
        return self._insert("chair_message", {"event_id": event_id, "text": text, "sender": sender, "sent_at": now()})

    def chair_message(self, message_id):
        return self._one("SELECT * FROM chair_message WHERE id = ?", (message_id,))

    def chair_messages(self, event_id, limit=20):
        return self._all("SELECT * FROM chair_message WHERE event_id = ? ORDER BY id DESC LIMIT ?", (event_id, limit))

    def mark_chair_message_read(self, message_id):
        self._run("UPDATE chair_message SET read_at = ? WHERE id = ? AND read_at IS NULL", (now(), message_id))

    # blocked attendees
    def block_attendee(self, event_id, attendee_id, blocked_by, question_id):
        self._run("INSERT OR IGNORE INTO blocked_attendee (event_id, attendee_id, blocked_by, question_id, at) "
                  "VALUES (?, ?, ?, ?, ?)", (event_id, attendee_id, blocked_by, question_id, now()))

    def unblock_attendee(self, event_id, attendee_id):
        self._run("DELETE FROM blocked_attendee WHERE event_id = ? AND attendee_id = ?", (event_id, attendee_id))

    def is_blocked(self, event_id, attendee_id):
        return self._one("SELECT 1 AS blocked FROM blocked_attendee WHERE event_id = ? AND attendee_id = ?",
                         (event_id, attendee_id)) is not None

    def remove_votes_of(self, event_id, attendee_id):
        """Take back every vote of the attendee in the event; returns the questions whose count moved."""
        moved = sorted(self.voted_question_ids(event_id, attendee_id))
        for question_id in moved:
            self.remove_vote(question_id, attendee_id)
        return moved

    # reminders sent to agencies
    def insert_reminder(self, fields):
        return self._insert("reminder", {**fields, "sent_at": now()})

    def reminders(self, event_id):
        return self._all(
            """SELECT r.*, a.code AS agency_code FROM reminder r LEFT JOIN agency a ON a.id = r.agency_id
               WHERE r.event_id = ? ORDER BY r.id DESC""", (event_id,))

    # the channels' API keys: only a hash of each secret is kept
    def insert_api_key(self, fields):
        return self._insert("api_key", {**fields, "created_at": now()})

    def api_keys(self, event_id):
        return self._all("SELECT * FROM api_key WHERE event_id = ? ORDER BY id", (event_id,))

    def api_key(self, key_id):
        return self._one("SELECT * FROM api_key WHERE id = ?", (key_id,))

    def api_key_by_hash(self, key_hash):
        return self._one("SELECT * FROM api_key WHERE key_hash = ?", (key_hash,))

    def revoke_api_key(self, key_id):
        self._run("UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", (now(), key_id))

    def touch_api_key(self, key_id):
        self._run("UPDATE api_key SET last_used_at = ? WHERE id = ?", (now(), key_id))

    # spreadsheets uploaded for import, kept between the preview and the confirmation
    def insert_upload(self, fields):
        return self._insert("upload", {**fields, "created_at": now()})

    def upload(self, token):
        return self._one("SELECT * FROM upload WHERE token = ?", (token,))

    def delete_upload(self, token):
        self._run("DELETE FROM upload WHERE token = ?", (token,))

    def delete_uploads_before(self, stamp):
        self._run("DELETE FROM upload WHERE created_at < ?", (stamp,))

    # users
    def insert_user(self, fields):
        return self._insert("user", {**fields, "created_at": now()})

    def update_user(self, user_id, fields):
        self._update("user", user_id, fields)

    def user_by_name(self, username):
        return self._one(f'{USER_SELECT} WHERE u.username = ? COLLATE NOCASE', (username,))

    def user_by_id(self, user_id):
        return self._one(f"{USER_SELECT} WHERE u.id = ?", (user_id,))

    def users(self):
        return self._all(f"{USER_SELECT} ORDER BY u.username")

    # staff sessions, by the hash of each one's token
    def insert_session(self, token_hash, user_id):
        self._insert("staff_session", {"id": token_hash, "user_id": user_id, "created_at": now()})

    def delete_session(self, token_hash):
        self._run("DELETE FROM staff_session WHERE id = ?", (token_hash,))

    def delete_user_sessions(self, user_id):
        self._run("DELETE FROM staff_session WHERE user_id = ?", (user_id,))

    def delete_sessions_before(self, stamp):
        self._run("DELETE FROM staff_session WHERE created_at < ?", (stamp,))

    def session_users(self, token_hashes):
        """{token hash: its user} for those of `token_hashes` that are sessions."""
        marks = ", ".join("?" for _ in token_hashes)
        rows = self._all(f"SELECT s.id AS session_id, u.* FROM staff_session s JOIN ({USER_SELECT}) u "
                         f"ON u.id = s.user_id WHERE s.id IN ({marks})", tuple(token_hashes))
        return {row.pop("session_id"): row for row in rows}

    # audit: append-only, enforced by triggers
    def append_audit(self, event_id, actor, action, question_id=None, before=None, after=None):
        self._run(
            "INSERT INTO audit (event_id, question_id, actor, action, at, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (event_id, question_id, actor, action, now(),
             json.dumps(before, ensure_ascii=False, default=str) if before is not None else None,
             json.dumps(after, ensure_ascii=False, default=str) if after is not None else None),
        )

    def audit(self, event_id):
        return self._all("SELECT * FROM audit WHERE event_id = ? ORDER BY id", (event_id,))


def _create_tables(db):
    db["event"].create({
        "id": int, "code": str, "title": str, "theme": str, "date": str, "venue": str,
        "requires_approval": int, "stage_question_id": int, "version": int, "created_at": str,
    }, pk="id", not_null={"code", "title"}, defaults={"requires_approval": 1, "version": 0, "theme": "", "venue": ""})
    db["event"].create_index(["code"], unique=True)
    db["topic"].create({
        "id": int, "event_id": int, "position": int, "name": str, "description": str, "active": int,
    }, pk="id", foreign_keys=[("event_id", "event", "id")], defaults={"active": 1, "description": ""})
    db["topic"].create_index(["event_id", "name"], unique=True)
    db["agency"].create({
        "id": int, "event_id": int, "position": int, "code": str, "name": str, "short_name": str,
        "head_title": str, "contact": str, "active": int,
    }, pk="id", foreign_keys=[("event_id", "event", "id")], defaults={"active": 1})
    db["agency"].create_index(["event_id", "code"], unique=True)
    db["question"].create({
        "id": int, "event_id": int, "attendee_id": str, "client_id": str, "text": str,
        "original_text": str, "author": str, "topic_id": int, "agency_id": int, "status": str,
        "reject_reason": str, "votes": int, "version": int, "created_at": str, "updated_at": str,
    }, pk="id", not_null={"text", "status"}, defaults={"votes": 0, "version": 0},
        foreign_keys=[("event_id", "event", "id"), ("topic_id", "topic", "id"), ("agency_id", "agency", "id")])
    db["question"].create_index(["event_id", "status"])
    db["question"].create_index(["event_id", "attendee_id", "client_id"], unique=True)
    db["vote"].create({"question_id": int, "attendee_id": str, "created_at": str},
                      pk=("question_id", "attendee_id"), foreign_keys=[("question_id", "question", "id")])
    db["answer"].create({
        "id": int, "question_id": int, "answered_by": str, "agency_id": int, "summary": str,
        "follow_up": int, "created_by": str, "created_at": str,
    }, pk="id", foreign_keys=[("question_id", "question", "id"), ("agency_id", "agency", "id")])
    db["user"].create({
        "id": int, "username": str, "password_hash": str, "role": str, "event_id": int,
        "created_at": str,
    }, pk="id", not_null={"username", "password_hash", "role"}, foreign_keys=[("event_id", "event", "id")])
    db["user"].create_index(["username"], unique=True)
    db["audit"].create({
        "id": int, "event_id": int, "question_id": int, "actor": str, "action": str, "at": str,
        "before": str, "after": str,
    }, pk="id")
    db["audit"].create_index(["event_id"])
    db.execute("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
               "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END")
    db.execute("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
               "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END")


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


# Each migration runs once, in order; PRAGMA user_version records how many have run.
MIGRATIONS = [_create_tables, _answer_log, _session_epochs, _blocked_attendees, _phases_and_channels, _intake,
              _disabled_accounts, _staff_sessions, _display_names, _search_by_audience]


def migrate(store):
    with store.transaction():
        done = store.conn.execute("PRAGMA user_version").fetchone()[0]
        for number, step in enumerate(MIGRATIONS[done:], start=done + 1):
            step(store.db)
            store.conn.execute(f"PRAGMA user_version = {number}")
