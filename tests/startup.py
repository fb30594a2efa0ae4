"""What every test app repeats at its start, done once per session: each test still gets an app of
its own on a database of its own, but the setup it shares with the others is not redone.

- The database as the first app on a demo day left it (migrated, the admin, the demo event) is
  kept and copied into each next app's file: migrating anew was a third of a test's setup.
- Jinja compiles each template once per app; a bytecode cache shared by the apps compiles it once
  (keyed by name and checked against the source, so an edited template is compiled again).
- Werkzeug compiles two small URL-building functions per route for each app (three quarters of
  create_app's time); their code depends only on the route, so it is compiled once per route.
"""
import sqlite3
from contextlib import closing
from pathlib import Path

import jinja2
from werkzeug.routing.rules import Rule

_STARTS = {}  # demo day -> an in-memory copy of the database the first app on that day left


def restore(demo_day, db_path):
    """Copy the kept start of `demo_day` into db_path; False when there is none yet."""
    if demo_day not in _STARTS:
        return False
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(db_path)) as copy:
        _STARTS[demo_day].backup(copy)
    return True


def keep(demo_day, store):
    """Keep the database of a just-started app as the start of `demo_day`."""
    _STARTS[demo_day] = sqlite3.connect(":memory:", check_same_thread=False)
    store.conn.backup(_STARTS[demo_day])


class SharedBytecode(jinja2.BytecodeCache):
    """Compiled templates in memory, shared by every app of the session."""

    def __init__(self):
        self.codes = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.codes:
            bucket.bytecode_from_string(self.codes[bucket.key])

    def dump_bytecode(self, bucket):
        self.codes[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = SharedBytecode()


def compile_builders_once(monkeypatch):
    """Route builders compiled once per route (its rule, parts and defaults) for the session."""
    compile_builder = Rule._compile_builder
    compiled = {}

    def once(rule, append_unknown=True):
        key = (rule.rule, tuple(rule._trace), repr(sorted((rule.defaults or {}).items())), append_unknown)
        if key not in compiled:
            compiled[key] = compile_builder(rule, append_unknown)
        return compiled[key]

    monkeypatch.setattr(Rule, "_compile_builder", once)
