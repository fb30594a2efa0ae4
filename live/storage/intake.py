"""The channels' API keys and the uploads waiting for a confirmation."""
from .connection import now


class IntakeRows:
    """Rows of api_key and upload."""

    # the channels' API keys: only a hash of each secret is kept
    def insert_api_key(self, fields):
        return self._insert("api_key", {**fields, "created_at": now()})

    def api_keys(self, event_id):
        return self._all("SELECT * FROM api_key WHERE event_id = ? ORDER BY id", (event_id,))

    def api_key(self, key_id):
        return self._one("SELECT * FROM api_key WHERE id = ?", (key_id,))

    def api_key_by_hash(self, key_hash):
        return self._one("SELECT * FROM api_key WHERE key_hash = ?", (key_hash,))

    def revoke_api_key(self, key_id):
        self._run("UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", (now(), key_id))

    def touch_api_key(self, key_id):
        self._run("UPDATE api_key SET last_used_at = ? WHERE id = ?", (now(), key_id))

    # spreadsheets uploaded for import, kept between the preview and the confirmation
    def insert_upload(self, fields):
        return self._insert("upload", {**fields, "created_at": now()})

    def upload(self, token):
        return self._one("SELECT * FROM upload WHERE token = ?", (token,))

    def delete_upload(self, token):
        self._run("DELETE FROM upload WHERE token = ?", (token,))

    def delete_uploads_before(self, stamp):
        self._run("DELETE FROM upload WHERE created_at < ?", (stamp,))
