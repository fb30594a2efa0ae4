"""The programme of the day: its items, in order, and the one running. Plain statements: what an
item may hold and how the programme moves on is decided in dialogue/programme.py."""
from .connection import now

ITEM_COLUMNS = ("kind", "title", "planned_start", "duration", "presenter", "topic_id", "poll_id", "asking",
                "details", "script")


class ProgrammeRows:
    """Rows of programme_item and the event's programme columns."""

    def programme(self, event_id):
        return self._all("SELECT * FROM programme_item WHERE event_id = ? ORDER BY position, id", (event_id,))

    def programme_item(self, item_id):
        return self._one("SELECT * FROM programme_item WHERE id = ?", (item_id,))

    def insert_programme_item(self, event_id, position, fields):
        return self._insert("programme_item", {"event_id": event_id, "position": position, **fields})

    def update_programme_item(self, item_id, fields):
        self._update("programme_item", item_id, fields)

    def delete_programme_item(self, item_id):
        self._run("DELETE FROM programme_item WHERE id = ?", (item_id,))

    def set_positions(self, item_ids):
        """Number the items in the order given."""
        for position, item_id in enumerate(item_ids):
            self._run("UPDATE programme_item SET position = ? WHERE id = ?", (position, item_id))

    def next_programme_version(self, event_id):
        """The programme's change counter, raised by one: a tablet sending an older one is refused."""
        return self._run("UPDATE event SET programme_version = programme_version + 1 WHERE id = ? "
                         "RETURNING programme_version", (event_id,)).fetchone()[0]

    def set_current_item(self, event_id, item_id, asking):
        """Make `item_id` (or none) the running item; it starts now unless it started before, and
        the one left ends now."""
        at = now()
        self._run("UPDATE programme_item SET ended_at = ? WHERE id = "
                  "(SELECT programme_item_id FROM event WHERE id = ?) AND id IS NOT ?", (at, event_id, item_id))
        if item_id is not None:
            self._run("UPDATE programme_item SET started_at = COALESCE(started_at, ?), ended_at = NULL "
                      "WHERE id = ?", (at, item_id))
        self._run("UPDATE event SET programme_item_id = ?, programme_asking = ? WHERE id = ?",
                  (item_id, int(asking), event_id))

    def set_programme_asking(self, event_id, asking):
        self._run("UPDATE event SET programme_asking = ? WHERE id = ?", (int(asking), event_id))
