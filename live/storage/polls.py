"""Live polls, their options and the attendees' answers: one answer per attendee and poll, held by
the primary key, its choices one row each so that SQL counts them."""
from .connection import marks, now


class PollRows:
    """Rows of poll, poll_option, poll_answer and poll_choice."""

    def polls(self, event_id):
        return self._all("SELECT * FROM poll WHERE event_id = ? ORDER BY id", (event_id,))

    def poll(self, poll_id):
        return self._one("SELECT * FROM poll WHERE id = ?", (poll_id,))

    def insert_poll(self, fields):
        return self._insert("poll", {**fields, "created_at": now()})

    def update_poll(self, poll_id, fields):
        """Change the poll's row and raise its version (clients keep the newest)."""
        self._update("poll", poll_id, fields)
        self._run("UPDATE poll SET version = version + 1 WHERE id = ?", (poll_id,))

    def set_poll_state(self, poll_id, state):
        """Move the poll to `state`, stamping when it opened (first) or closed (last)."""
        stamp = {"open": "opened_at = COALESCE(opened_at, ?)", "closed": "closed_at = ?"}[state]
        self._run(f"UPDATE poll SET state = ?, {stamp}, version = version + 1 WHERE id = ?", (state, now(), poll_id))

    def poll_options(self, poll_ids):
        return self._all(f"SELECT * FROM poll_option WHERE poll_id IN ({marks(poll_ids)}) ORDER BY poll_id, position",
                         tuple(poll_ids))

    def replace_poll_options(self, poll_id, labels):
        self._run("DELETE FROM poll_option WHERE poll_id = ?", (poll_id,))
        for position, label in enumerate(labels):
            self._insert("poll_option", {"poll_id": poll_id, "position": position, "label": label})

    def save_poll_answer(self, poll_id, attendee_id, option_ids, about):
        """The attendee's answer, replacing an earlier one; True when it is new or changed."""
        before = self.poll_choices(poll_id, attendee_id)
        self._run("""INSERT INTO poll_answer (poll_id, attendee_id, youth_group, district, answered_at)
                     VALUES (?, ?, ?, ?, ?) ON CONFLICT (poll_id, attendee_id) DO UPDATE SET
                     youth_group = COALESCE(excluded.youth_group, youth_group),
                     district = COALESCE(excluded.district, district), answered_at = excluded.answered_at""",
                  (poll_id, attendee_id, about.get("youth_group"), about.get("district"), now()))
        if sorted(before) == sorted(option_ids):
            return False
        self._run("DELETE FROM poll_choice WHERE poll_id = ? AND attendee_id = ?", (poll_id, attendee_id))
        for option_id in option_ids:
            self._run("INSERT INTO poll_choice (poll_id, attendee_id, option_id) VALUES (?, ?, ?)",
                      (poll_id, attendee_id, option_id))
        return True

    def poll_choices(self, poll_id, attendee_id):
        rows = self._all("SELECT option_id FROM poll_choice WHERE poll_id = ? AND attendee_id = ? ORDER BY option_id",
                         (poll_id, attendee_id))
        return [row["option_id"] for row in rows]

    def answered_polls(self, event_id, attendee_id):
        """{poll id: [option ids]} of what the attendee answered in the event."""
        rows = self._all("SELECT c.poll_id, c.option_id FROM poll_choice c JOIN poll p ON p.id = c.poll_id "
                         "WHERE p.event_id = ? AND c.attendee_id = ? ORDER BY c.option_id", (event_id, attendee_id))
        found = {}
        for row in rows:
            found.setdefault(row["poll_id"], []).append(row["option_id"])
        return found

    def poll_counts(self, poll_id, by=None):
        """[{option_id, answers}] (with the `by` column of the answer, "youth_group" or "district")."""
        column = {None: "NULL", "youth_group": "a.youth_group", "district": "a.district"}[by]
        return self._all(f"""SELECT c.option_id, {column} AS part, COUNT(*) AS answers FROM poll_choice c
                             JOIN poll_answer a ON a.poll_id = c.poll_id AND a.attendee_id = c.attendee_id
                             WHERE c.poll_id = ? GROUP BY c.option_id, part""", (poll_id,))

    def poll_answerers(self, poll_id, by=None):
        """{part or None: how many attendees answered}."""
        column = {None: "NULL", "youth_group": "youth_group", "district": "district"}[by]
        rows = self._all(f"SELECT {column} AS part, COUNT(*) AS answers FROM poll_answer WHERE poll_id = ? "
                         "GROUP BY part", (poll_id,))
        return {row["part"]: row["answers"] for row in rows}
