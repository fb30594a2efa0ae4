"""Questions sent up from a local dialogue to the one it feeds, and the answers that come back down.
Plain statements: what may be forwarded, and when, is decided in dialogue/forwarding.py."""
from .connection import marks, now

FORWARDING_SELECT = """SELECT f.*, q.event_id, q.status, q.version AS question_version, q.merged_into,
    e.code AS event_code, e.title AS event_title, e.date AS event_date
    FROM forwarding f JOIN question q ON q.id = f.question_id JOIN event e ON e.id = q.event_id"""


class ForwardingRows:
    """Rows of forwarding, with the proposal each became and the event it went to."""

    def insert_forwarding(self, fields):
        return self._insert("forwarding", {**fields, "forwarded_at": now()})

    def update_forwarding(self, forwarding_id, fields):
        self._update("forwarding", forwarding_id, fields)

    def forwarding_of(self, source_question_id):
        """How a local question was forwarded, or None."""
        return self._one(f"{FORWARDING_SELECT} WHERE f.source_question_id = ?", (source_question_id,))

    def forwarded_from(self, source_event_id):
        """Every question of the local event forwarded (withdrawn ones too), by source question id."""
        rows = self._all(f"""{FORWARDING_SELECT} JOIN question s ON s.id = f.source_question_id
                             WHERE s.event_id = ? ORDER BY f.id""", (source_event_id,))
        return {row["source_question_id"]: row for row in rows}

    def forwarded_into(self, event_id):
        """What was forwarded into the event and not withdrawn, by the proposal's question id."""
        rows = self._all(f"{FORWARDING_SELECT} WHERE q.event_id = ? AND f.withdrawn_at IS NULL ORDER BY f.id",
                         (event_id,))
        return {row["question_id"]: row for row in rows}

    def written_answers_to(self, question_ids):
        """The written answers to these questions (of any event), with the agency's name, by question id."""
        rows = self._all(f"""SELECT w.*, a.name AS agency_name FROM written_answer w
                             LEFT JOIN agency a ON a.id = w.agency_id
                             WHERE w.question_id IN ({marks(question_ids)})""", tuple(question_ids))
        return {row["question_id"]: row for row in rows}
