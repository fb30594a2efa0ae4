"""Questions: the rows, their lookups, and full-text search."""
from ..text.search_text import fold
from .connection import marks, now


QUESTION_COLUMNS = """
    q.*, t.name AS topic, a.code AS agency_code, a.name AS agency_name,
    a.short_name AS agency_short_name, a.head_title AS agency_head_title,
    (e.stage_question_id IS q.id) AS on_stage, h.status AS head_status,
    coalesce(e.stage_question_id = h.id, 0) AS head_on_stage,
    EXISTS (SELECT 1 FROM blocked_attendee b WHERE b.event_id = q.event_id AND b.attendee_id = q.attendee_id)
        AS author_blocked
"""


QUESTION_FROM = """
    FROM question q
    JOIN event e ON e.id = q.event_id
    LEFT JOIN topic t ON t.id = q.topic_id
    LEFT JOIN agency a ON a.id = q.agency_id
    LEFT JOIN question h ON h.id = q.merged_into
"""


# What full-text search looks through, folded (search_text.fold) into two columns of question_fts:
# what everyone may see of a question, and what only its moderators see (questions.view).
PUBLIC_SEARCHED = ("author", "text")
STAFF_SEARCHED = ("channel_detail", "district", "original_text", "unit")


SEARCH_SECONDS = 0.5  # a search running longer is interrupted (Interrupted): the server answers others


def search_columns(question):
    """The folded search_text (PUBLIC_SEARCHED) and search_staff (STAFF_SEARCHED) of a question (a dict
    with any of its columns)."""
    def folded(names):
        return fold(" ".join(question.get(name) or "" for name in names))
    return {"search_text": folded(PUBLIC_SEARCHED), "search_staff": folded(STAFF_SEARCHED)}


class QuestionRows:
    """Rows of question."""

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

    def questions(self, event_id, seen=None, ids=None):
        """Questions of an event: those a viewer sees when `seen` (a policy.Visibility) is given,
        all otherwise; only those in `ids` when given."""
        sql = f"SELECT {QUESTION_COLUMNS} {QUESTION_FROM} WHERE q.event_id = ?"
        params = [event_id]
        if seen is not None and not seen.everything:
            where, values = _seen(seen)
            sql += f" AND {where}"
            params += values
        if ids is not None:
            sql += f" AND q.id IN ({marks(ids)})"
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

    def merge_candidates(self, event_id, before_id, statuses):
        """Id and text of the event's questions before `before_id` in one of `statuses`, not merged."""
        return self._all(f"SELECT id, text FROM question WHERE event_id = ? AND id < ? AND status IN "
                         f"({marks(statuses)}) AND merged_into IS NULL ORDER BY id",
                         (event_id, before_id, *statuses))

    def merged_questions(self, head_ids):
        """The questions merged into each of `head_ids`, oldest first, keyed by head id."""
        grouped = {}
        for row in self._all(f"SELECT {QUESTION_COLUMNS} {QUESTION_FROM} WHERE q.merged_into IN ({marks(head_ids)}) "
                             "ORDER BY q.id", tuple(head_ids)):
            grouped.setdefault(row["merged_into"], []).append(row)
        return grouped

    def merge_group(self, head_id):
        """Ids of the question and of the questions merged into it."""
        rows = self._all("SELECT id FROM question WHERE id = ? OR merged_into = ? ORDER BY id", (head_id, head_id))
        return [row["id"] for row in rows]


def _seen(seen):
    """The WHERE condition and its parameters for a policy.Visibility: the same parts as
    policy.can_see, each a question it lets through."""
    public = marks(seen.public)
    parts = [f"(q.status IN ({public}) AND (q.merged_into IS NULL OR h.status IN ({public})))"]
    params = [*seen.public, *seen.public]
    if seen.author is not None:
        parts.append("q.attendee_id = ?")
        params.append(seen.author)
    if seen.agency_id is not None:
        parts.append(f"(q.agency_id = ? AND q.status IN ({marks(seen.agency_statuses)}))")
        params += [seen.agency_id, *seen.agency_statuses]
    return "(" + " OR ".join(parts) + ")", params
