"""SQLite storage: migrations, WAL, durability before the answer, transactions that roll back."""
import sqlite3

import pytest

from live.dialogue import demo, questions
from live.text import search_text
from live import storage
from live.storage import migrations


def open_raw(app):
    return sqlite3.connect(app.config["LIVE_DB"])


def test_migrations_are_idempotent(tmp_path):
    path = str(tmp_path / "twice.db")
    first = storage.connect(path)
    first.insert_event({"code": "giu-lai", "title": "Giữ lại"})
    first.close()
    second = storage.connect(path)  # migrating again changes nothing and loses nothing
    try:
        assert second.conn.execute("PRAGMA user_version").fetchone()[0] == len(storage.MIGRATIONS)
        assert second.event_by_code("giu-lai")["title"] == "Giữ lại"
        tables = {row[0] for row in second.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"event", "topic", "agency", "question", "vote", "answer", "user", "audit"} <= tables
        triggers = {row[0] for row in second.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert triggers == {"audit_no_update", "audit_no_delete", "question_ai", "question_ad", "question_search_text"}
    finally:
        second.close()
    third = storage.connect(path)
    try:
        assert len(third.events()) == 1
    finally:
        third.close()


SEARCH_TRIGGERS = ("question_ai", "question_ad", "question_search_text")
# What the programme-and-polls migration added, undone: a database from before it.
UNDO_PROGRAMME = (*(f"DROP TABLE {table}" for table in ("poll_choice", "poll_answer", "poll_option", "poll",
                                                         "programme_item")),
                  *(f"ALTER TABLE event DROP COLUMN {column}"
                    for column in ("programme_item_id", "programme_version", "programme_asking")))
UNDO_AREAS = ("DROP INDEX idx_event_area_id", "DROP INDEX idx_event_parent_event_id",
              "ALTER TABLE event DROP COLUMN area_id", "ALTER TABLE event DROP COLUMN parent_event_id",
              "ALTER TABLE user DROP COLUMN area_id", "DROP TABLE area", "DROP TABLE level")
UNDO_FORWARDING = ("DROP TABLE forwarding",)
UNDO_LATER = (*UNDO_FORWARDING, *UNDO_PROGRAMME, *UNDO_AREAS)  # what the migrations after search by audience made


def migrated_from(path, version, *statements):
    """The database at `path` as version `version` left it (`statements` undo what came later),
    opened again: the later migrations run."""
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {version}")
    for statement in statements:
        raw.execute(statement)
    raw.commit()
    raw.close()
    return storage.connect(path)


def test_intake_migration_folds_existing_questions_for_search(tmp_path):
    """A database from before full-text search: its questions are found once it migrates."""
    path = str(tmp_path / "old.db")
    storage.connect(path).close()
    columns = ("unit", "district", "youth_group", "external_id", "flags", "search_text", "merged_into", "search_staff")
    store = migrated_from(  # as if the intake migration (and the later ones) had not run
        path, 5, *(f"DROP TABLE {table}" for table in ("question_fts", "api_key", "upload")),
        *(f"DROP TRIGGER {name}" for name in SEARCH_TRIGGERS),
        "DROP INDEX idx_question_source", "DROP INDEX idx_question_merged_into",
        *(f"ALTER TABLE question DROP COLUMN {column}" for column in columns),
        "ALTER TABLE user DROP COLUMN disabled_at", "ALTER TABLE user DROP COLUMN display_name", "DROP TABLE staff_session",  # the migrations after it
        *UNDO_LATER,
        "ALTER TABLE user ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0",
        "INSERT INTO event (code, title) VALUES ('cu', 'Cũ')",
        "INSERT INTO question (event_id, text, status, author) VALUES (1, 'Đường lên bản Tả Van?', 'pending', 'Đức')")
    try:
        assert store.search_questions(1, search_text.terms("duong ta")) == [1]
        assert store.search_questions(1, search_text.terms("duc")) == [1]
    finally:
        store.close()


def test_search_by_audience_reindexes_a_database_indexed_as_one_text(tmp_path):
    """A database indexed before search by audience (one column held the text, the author and the
    staff-only fields): after the migration, a public search no longer matches the staff-only ones."""
    path = str(tmp_path / "before.db")
    old = storage.connect(path)
    event, _ = demo.ensure(old, demo.PLAN_DAY)
    question, _ = questions.submit(old, event, None, "Câu hỏi về việc làm", unit="Xã Bản Vược", approve=True)
    old.close()
    store = migrated_from(
        path, storage.MIGRATIONS.index(migrations._search_by_audience), *UNDO_LATER,
        *(f"DROP TRIGGER {name}" for name in SEARCH_TRIGGERS),
        "DROP TABLE question_fts", "ALTER TABLE question DROP COLUMN search_staff",
        "UPDATE question SET search_text = 'cau hoi ve viec lam xa ban vuoc'",
        "CREATE VIRTUAL TABLE question_fts USING FTS5 (search_text, content=question)",
        "INSERT INTO question_fts (question_fts) VALUES ('rebuild')")
    try:
        assert store.search_questions(event["id"], search_text.terms("ban vuoc")) == []
        assert store.search_questions(event["id"], search_text.terms("ban vuoc"), staff=True) == [question["id"]]
        assert store.search_questions(event["id"], search_text.terms("viec lam")) == [question["id"]]
    finally:
        store.close()


def test_app_restart_keeps_data(app):
    from live import create_app
    store = app.extensions["live_store"]
    before = store.event_by_code("demo")
    again = create_app({"TESTING": True, "LIVE_DB": app.config["LIVE_DB"], "LIVE_ASYNC_MODE": "threading",
                        "LIVE_ADMIN_PASSWORD": "another-password", "LIVE_SECRET_KEY": "test-secret"})
    try:
        other = again.extensions["live_store"]
        assert other.event_by_code("demo")["id"] == before["id"]
        assert len(other.users()) == 1  # admin was not created twice, nor its password reset
        response = again.test_client().post("/api/v1/login", json={"username": "admin", "password": "admin-password"})
        assert response.status_code == 200
    finally:
        again.extensions["live_store"].close()


def test_wal_mode_and_pragmas(app, store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL by default
    raw = open_raw(app)
    try:  # WAL is a property of the file: every other connection sees it too
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


def test_synchronous_setting(app_factory):
    app = app_factory(LIVE_SYNCHRONOUS="normal")
    assert app.extensions["live_store"].conn.execute("PRAGMA synchronous").fetchone()[0] == 1
    with pytest.raises(ValueError):
        app_factory(LIVE_SYNCHRONOUS="sometimes")


def test_a_question_is_committed_before_the_answer(app, client, moderator):
    response = client.post("/api/v1/events/demo/questions", json={"text": "Đã lưu chưa?"})
    assert response.status_code == 201
    question_id = response.get_json()["id"]
    raw = open_raw(app)
    try:
        row = raw.execute("SELECT text, status FROM question WHERE id = ?", (question_id,)).fetchone()
        assert row == ("Đã lưu chưa?", "pending")
        assert moderator.post(f"/api/v1/questions/{question_id}/approve").status_code == 200
        assert raw.execute("SELECT status FROM question WHERE id = ?", (question_id,)).fetchone() == ("approved",)
        assert raw.execute("SELECT COUNT(*) FROM audit WHERE question_id = ?", (question_id,)).fetchone() == (1,)
        assert client.post(f"/api/v1/questions/{question_id}/vote").get_json()["votes"] == 1
        assert raw.execute("SELECT votes FROM question WHERE id = ?", (question_id,)).fetchone() == (1,)
        assert raw.execute("SELECT COUNT(*) FROM vote WHERE question_id = ?", (question_id,)).fetchone() == (1,)
    finally:
        raw.close()


def test_no_transaction_is_left_open(client, moderator, store):
    question_id = client.post("/api/v1/events/demo/questions", json={"text": "Giao dịch"}).get_json()["id"]
    moderator.post(f"/api/v1/questions/{question_id}/stage")  # refused: not public
    moderator.post(f"/api/v1/questions/{question_id}/approve", json={"version": 0})  # refused: stale
    assert store.conn.in_transaction is False


def test_a_refused_action_writes_nothing(client, moderator, store):
    question_id = client.post("/api/v1/events/demo/questions", json={"text": "Không ghi gì"}).get_json()["id"]
    version = store.event_by_code("demo")["version"]
    assert moderator.post(f"/api/v1/questions/{question_id}/answer",
                          json={"answered_by": "Ai đó", "summary": "Chưa duyệt"}).status_code == 409
    assert moderator.post(f"/api/v1/questions/{question_id}/approve", json={"version": 0}).status_code == 409
    assert store.event_by_code("demo")["version"] == version
    assert store._all("SELECT * FROM answer") == []
    assert store.question(question_id)["status"] == "pending"


def test_a_failing_transaction_rolls_back(store):
    event = store.event_by_code("demo")
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.next_version(event["id"])
            store.insert_event({"code": "tam-thoi", "title": "Tạm thời"})
            raise RuntimeError("boom")
    assert store.event_by_code("tam-thoi") is None
    assert store.event_by_code("demo")["version"] == event["version"]
    assert store.conn.in_transaction is False
