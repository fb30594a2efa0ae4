"""Events, their topics and the agencies that answer."""
from .connection import not_in, now


class EventRows:
    """Rows of event, topic and agency."""

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
        self._run(f"UPDATE topic SET active = 0 WHERE event_id = ? {not_in('name', names)}", (event_id, *names))

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
        self._run(f"UPDATE agency SET active = 0 WHERE event_id = ? {not_in('code', codes)}", (event_id, *codes))
