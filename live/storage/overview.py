"""The province's overview: a year's events, and what it counts of their questions in one pass each
(dialogue/overview.py decides what the counts mean)."""
from .connection import marks


class OverviewRows:
    """Reads across events, for the overview."""

    def events_of_year(self, year):
        """The events dated in `year`, in date order."""
        return self._all("SELECT * FROM event WHERE date >= ? AND date < ? ORDER BY date, id",
                         (f"{year:04d}-01-01", f"{year + 1:04d}-01-01"))

    def first_moves_out_of_draft(self, event_ids):
        """{event id: when it first left the draft phase (the audit log's phase change)}."""
        rows = self._all(
            f"""SELECT event_id, min(at) AS at FROM audit WHERE event_id IN ({marks(event_ids)})
                AND action = 'event.phase' AND json_extract(before, '$.phase') = 'draft' GROUP BY event_id""",
            tuple(event_ids))
        return {row["event_id"]: row["at"] for row in rows}

    def overview_questions(self, event_ids):
        """Every question of these events, as little as the overview counts: its status, channel,
        agency, due date, whether it has a written answer and whether an answer in the hall promised
        one (follow_up), whether it was sent up to the dialogue above and not withdrawn (sent_up)."""
        return self._all(
            f"""SELECT q.id, q.event_id, q.status, q.merged_into, q.channel, q.written_due, q.agency_id,
                       a.code AS agency_code, a.name AS agency_name,
                       EXISTS (SELECT 1 FROM written_answer w WHERE w.question_id = q.id) AS written,
                       EXISTS (SELECT 1 FROM answer_question aq JOIN answer an ON an.id = aq.answer_id
                               WHERE aq.question_id = q.id AND an.follow_up) AS follow_up,
                       EXISTS (SELECT 1 FROM forwarding f WHERE f.source_question_id = q.id
                               AND f.withdrawn_at IS NULL) AS sent_up
                FROM question q LEFT JOIN agency a ON a.id = q.agency_id
                WHERE q.event_id IN ({marks(event_ids)}) ORDER BY q.id""",
            tuple(event_ids))
