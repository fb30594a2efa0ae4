"""URL converters."""
from werkzeug.routing import IntegerConverter


class RowIdConverter(IntegerConverter):
    """A positive SQLite row id: larger numbers are a 404, not an overflow in the database."""

    def __init__(self, map):
        super().__init__(map, min=1, max=2**63 - 1)


def init_app(app):
    app.url_map.converters["id"] = RowIdConverter
