"""The schema as first created; every later change is a migration (migrations.py)."""


def create_tables(db):
    db["event"].create({
        "id": int, "code": str, "title": str, "theme": str, "date": str, "venue": str,
        "requires_approval": int, "stage_question_id": int, "version": int, "created_at": str,
    }, pk="id", not_null={"code", "title"}, defaults={"requires_approval": 1, "version": 0, "theme": "", "venue": ""})
    db["event"].create_index(["code"], unique=True)
    db["topic"].create({
        "id": int, "event_id": int, "position": int, "name": str, "description": str, "active": int,
    }, pk="id", foreign_keys=[("event_id", "event", "id")], defaults={"active": 1, "description": ""})
    db["topic"].create_index(["event_id", "name"], unique=True)
    db["agency"].create({
        "id": int, "event_id": int, "position": int, "code": str, "name": str, "short_name": str,
        "head_title": str, "contact": str, "active": int,
    }, pk="id", foreign_keys=[("event_id", "event", "id")], defaults={"active": 1})
    db["agency"].create_index(["event_id", "code"], unique=True)
    db["question"].create({
        "id": int, "event_id": int, "attendee_id": str, "client_id": str, "text": str,
        "original_text": str, "author": str, "topic_id": int, "agency_id": int, "status": str,
        "reject_reason": str, "votes": int, "version": int, "created_at": str, "updated_at": str,
    }, pk="id", not_null={"text", "status"}, defaults={"votes": 0, "version": 0},
        foreign_keys=[("event_id", "event", "id"), ("topic_id", "topic", "id"), ("agency_id", "agency", "id")])
    db["question"].create_index(["event_id", "status"])
    db["question"].create_index(["event_id", "attendee_id", "client_id"], unique=True)
    db["vote"].create({"question_id": int, "attendee_id": str, "created_at": str},
                      pk=("question_id", "attendee_id"), foreign_keys=[("question_id", "question", "id")])
    db["answer"].create({
        "id": int, "question_id": int, "answered_by": str, "agency_id": int, "summary": str,
        "follow_up": int, "created_by": str, "created_at": str,
    }, pk="id", foreign_keys=[("question_id", "question", "id"), ("agency_id", "agency", "id")])
    db["user"].create({
        "id": int, "username": str, "password_hash": str, "role": str, "event_id": int,
        "created_at": str,
    }, pk="id", not_null={"username", "password_hash", "role"}, foreign_keys=[("event_id", "event", "id")])
    db["user"].create_index(["username"], unique=True)
    db["audit"].create({
        "id": int, "event_id": int, "question_id": int, "actor": str, "action": str, "at": str,
        "before": str, "after": str,
    }, pk="id")
    db["audit"].create_index(["event_id"])
    db.execute("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
               "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END")
    db.execute("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
               "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END")
