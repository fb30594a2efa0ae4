"""Staff accounts and their sessions."""
from .connection import now


USER_SELECT = """SELECT u.*, e.code AS event_code, ag.code AS agency_code, ag.name AS agency_name,
    ar.code AS area_code, ar.name AS area_name FROM "user" u
    LEFT JOIN event e ON e.id = u.event_id LEFT JOIN agency ag ON ag.id = u.agency_id
    LEFT JOIN area ar ON ar.id = u.area_id"""


class AccountRows:
    """Rows of user and staff_session."""

    # users
    def insert_user(self, fields):
        return self._insert("user", {**fields, "created_at": now()})

    def update_user(self, user_id, fields):
        self._update("user", user_id, fields)

    def user_by_name(self, username):
        return self._one(f'{USER_SELECT} WHERE u.username = ? COLLATE NOCASE', (username,))

    def user_by_id(self, user_id):
        return self._one(f"{USER_SELECT} WHERE u.id = ?", (user_id,))

    def users(self):
        return self._all(f"{USER_SELECT} ORDER BY u.username")

    # staff sessions, by the hash of each one's token
    def insert_session(self, token_hash, user_id):
        self._insert("staff_session", {"id": token_hash, "user_id": user_id, "created_at": now()})

    def delete_session(self, token_hash):
        self._run("DELETE FROM staff_session WHERE id = ?", (token_hash,))

    def delete_user_sessions(self, user_id):
        self._run("DELETE FROM staff_session WHERE user_id = ?", (user_id,))

    def delete_sessions_before(self, stamp):
        self._run("DELETE FROM staff_session WHERE created_at < ?", (stamp,))

    def session_users(self, token_hashes):
        """{token hash: its user} for those of `token_hashes` that are sessions."""
        marks = ", ".join("?" for _ in token_hashes)
        rows = self._all(f"SELECT s.id AS session_id, u.* FROM staff_session s JOIN ({USER_SELECT}) u "
                         f"ON u.id = s.user_id WHERE s.id IN ({marks})", tuple(token_hashes))
        return {row.pop("session_id"): row for row in rows}
