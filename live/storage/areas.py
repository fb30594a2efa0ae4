"""Levels and areas (the province, its communes and wards; districts for past dialogues) and the
events placed in them. Plain statements: what an area may be is decided in dialogue/areas.py."""


class AreaRows:
    """Rows of level and area, and the event's place columns."""

    def levels(self):
        return self._all("SELECT * FROM level ORDER BY position, code")

    def level(self, code):
        return self._one("SELECT * FROM level WHERE code = ?", (code,))

    def areas(self):
        return self._all("SELECT * FROM area WHERE active = 1 ORDER BY parent_id IS NOT NULL, parent_id, name, id")

    def area(self, area_id):
        return self._one("SELECT * FROM area WHERE id = ?", (area_id,))

    def area_by_code(self, code):
        return self._one("SELECT * FROM area WHERE code = ? COLLATE NOCASE", (code,))

    def insert_area(self, fields):
        return self._insert("area", fields)

    def update_area(self, area_id, fields):
        self._update("area", area_id, fields)

    def area_children(self, area_id):
        return self._all("SELECT * FROM area WHERE parent_id = ? AND active = 1 ORDER BY name, id", (area_id,))

    def events_fed_by(self, event_id):
        """The dialogues that feed this one (their parent is it)."""
        return self._all("SELECT * FROM event WHERE parent_event_id = ? ORDER BY date, id", (event_id,))
