"""SQLite storage: the connection, the schema and its migrations, and every SQL statement.

One connection per process, guarded by a lock, so writes are serialised the way
Datasette funnels them through one writer. Under eventlet a sqlite3 call blocks the
whole process anyway; the lock matters for threaded servers and tests. Transactions
are short and never emit or sleep: the web layer broadcasts after commit.

Each module holds the statements of one concern; Store gathers them behind one object.
"""
import sqlite3
from pathlib import Path

from .accounts import AccountRows
from .answers import AnswerRows
from .areas import AreaRows
from .connection import Connection, Interrupted, now  # noqa: F401 (the package's names)
from .events import EventRows
from .forwarding import ForwardingRows
from .intake import IntakeRows
from .migrations import MIGRATIONS, migrate  # noqa: F401
from .moderation import ModerationRows
from .overview import OverviewRows
from .polls import PollRows
from .programme import ProgrammeRows
from .questions import PUBLIC_SEARCHED, STAFF_SEARCHED, QuestionRows  # noqa: F401
from .votes import VoteRows


class Store(Connection, EventRows, QuestionRows, VoteRows, AnswerRows, ModerationRows, IntakeRows, AccountRows,
            ProgrammeRows, PollRows, AreaRows, OverviewRows, ForwardingRows):
    """Every query of the app, on one connection."""


def connect(path, synchronous="FULL"):
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
    conn.row_factory = sqlite3.Row
    store = Store(conn)
    store.configure(synchronous)
    migrate(store)
    return store
