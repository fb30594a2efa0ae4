"""Votes: the vote rows and the count kept on each question row. Plain statements: how a vote moves
a count, and how a merge group counts, is decided in dialogue/votes.py."""
from .connection import marks, now


class VoteRows:
    """Rows of vote and the vote count of question rows."""

    def insert_vote(self, question_id, attendee_id):
        """Record the attendee's vote; False when it was already there (one per attendee and question)."""
        return bool(self._run(
            "INSERT OR IGNORE INTO vote (question_id, attendee_id, created_at) VALUES (?, ?, ?)",
            (question_id, attendee_id, now()),
        ).rowcount)

    def delete_votes(self, attendee_id, question_ids):
        """Delete the attendee's votes on these questions; returns how many there were."""
        return self._run(f"DELETE FROM vote WHERE attendee_id = ? AND question_id IN ({marks(question_ids)})",
                         (attendee_id, *question_ids)).rowcount

    def count_voters(self, question_ids):
        """How many attendees voted for at least one of these questions."""
        return self._one(f"SELECT COUNT(DISTINCT attendee_id) AS voters FROM vote "
                         f"WHERE question_id IN ({marks(question_ids)})", tuple(question_ids))["voters"]

    def votes_of(self, event_id, attendee_id):
        """The questions of the event the attendee voted for: [{id, merged_into}]."""
        return self._all("SELECT q.id, q.merged_into FROM vote v JOIN question q ON q.id = v.question_id "
                         "WHERE q.event_id = ? AND v.attendee_id = ? ORDER BY q.id", (event_id, attendee_id))

    def vote_counts(self, question_ids):
        """{question id: the count on its row}."""
        rows = self._all(f"SELECT id, votes FROM question WHERE id IN ({marks(question_ids)})", tuple(question_ids))
        return {row["id"]: row["votes"] for row in rows}

    def add_to_vote_count(self, question_id, change):
        """Move the count on the question's row by `change`, in place."""
        self._run("UPDATE question SET votes = votes + ? WHERE id = ?", (change, question_id))

    def set_vote_count(self, question_id, votes):
        self._run("UPDATE question SET votes = ? WHERE id = ?", (votes, question_id))
