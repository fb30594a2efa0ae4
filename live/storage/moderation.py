"""What moderators do beside questions: Chair messages, blocks, reminders, the audit log."""
import json

from .connection import now


class ModerationRows:
    """Rows of chair_message, blocked_attendee, reminder and audit."""

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

    # reminders sent to agencies
    def insert_reminder(self, fields):
        return self._insert("reminder", {**fields, "sent_at": now()})

    def reminders(self, event_id):
        return self._all(
            """SELECT r.*, a.code AS agency_code FROM reminder r LEFT JOIN agency a ON a.id = r.agency_id
               WHERE r.event_id = ? ORDER BY r.id DESC""", (event_id,))

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
