"""URL converters."""
from werkzeug.routing import IntegerConverter


class RowIdConverter(IntegerConverter):
    """A SQLite row id. Any number matches the rule (so the method check still applies, not a
    405 from another rule); one outside 1..2^63-1 becomes 0, which no row has: a 404."""

    def to_python(self, value):
        number = int(value)
        return number if 1 <= number < 2**63 else 0


def init_app(app):
    app.url_map.converters["id"] = RowIdConverter
