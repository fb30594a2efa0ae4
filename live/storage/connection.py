"""The connection: one per process behind a lock, transactions, and the few helpers every
query uses."""
import sqlite3
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone

import sqlite_utils


PROGRESS_STEPS = 1000  # SQLite instructions between two looks at the clock


class Interrupted(Exception):
    """A query ran past its time budget and SQLite stopped it."""


def now():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def marks(values):
    """The `?, ?, ...` that binds `values` in `IN (...)`; NULL for none (so that nothing matches)."""
    return ", ".join("?" for _ in values) or "NULL"


def not_in(column, values):
    """`AND column NOT IN (?, ...)` for values bound after it; nothing for no values (everything
    matches; `NOT IN (NULL)` would match nothing)."""
    return f"AND {column} NOT IN ({', '.join('?' for _ in values)})" if values else ""


class Connection:
    """The connection and its transactions."""

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
        by_poll = "poll_id IN (SELECT id FROM poll WHERE event_id = ?)"
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
            "programme_item": "SELECT * FROM programme_item WHERE event_id = ?",
            "poll": "SELECT * FROM poll WHERE event_id = ?",
            **{table: f"SELECT * FROM {table} WHERE {by_poll}" for table in ("poll_option", "poll_answer", "poll_choice")},
        }
        with self.transaction("DEFERRED"):
            return {table: self._all(sql + " ORDER BY rowid", (event_id,)) for table, sql in queries.items()}

    def close(self):
        with self.lock:
            self.conn.close()

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
