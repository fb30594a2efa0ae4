"""Votes: the count on the question row moves with each vote; a merge group counts its distinct voters."""
from .connection import now


# A question's voters together with those of the questions merged into it, each counted once.
GROUP_VOTERS = """(SELECT COUNT(DISTINCT attendee_id) FROM vote
    WHERE question_id IN (SELECT id FROM question WHERE id = :head OR merged_into = :head))"""


class VoteRows:
    """Rows of vote and the counts they move."""

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

    def remove_votes_of(self, event_id, attendee_id):
        """Take back every vote of the attendee in the event; returns the questions whose count moved."""
        moved = sorted(self.voted_question_ids(event_id, attendee_id))
        for question_id in moved:
            self.remove_vote(question_id, attendee_id)
        return moved
