"""API keys of the channels that push questions before the event (the provincial portal, the press,
a district union...): one key per event and channel, made by an organizer.

The secret is shown once; only its SHA-256 is kept, with a short prefix to recognise it in the list.
A secret is 256 random bits, so a plain hash (no salt, no slow hashing) is as good as a password
hash here, and lets the key be found by an indexed lookup."""
import hashlib
import hmac
import secrets

from . import questions
from .. import text
from ..errors import Invalid, NotFound, N_

SECRET_PREFIX = "dtl_"
SHOWN_PREFIX = 12  # "dtl_" and 8 characters of the secret: enough to tell keys apart, useless to guess
LABEL_MAX = 120
# The channels that push from outside; onsite and moderator questions are typed in the hall.
KEY_CHANNELS = (questions.WEB, questions.DISTRICT, questions.PORTAL, questions.PRESS)


def _hash(secret):
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create(store, event, actor, channel, label, channel_detail=None):
    """A new key: (its row, the secret, to show once)."""
    if channel not in KEY_CHANNELS:
        raise Invalid(N_("Kênh của khóa phải là một trong: %(channels)s."), channels=", ".join(KEY_CHANNELS))
    label = text.required(label, LABEL_MAX, N_("Hãy đặt tên cho khóa."), N_("Tên khóa dài quá %(limit)s ký tự."))
    detail = text.optional(channel_detail, text.DETAIL_MAX, N_("Nội dung dài quá %(limit)s ký tự."))
    if channel == questions.DISTRICT and not detail:
        raise Invalid(N_("Khóa của Đoàn huyện cần tên huyện (chi tiết kênh)."))
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    with store.transaction():
        key_id = store.insert_api_key({
            "event_id": event["id"], "channel": channel, "channel_detail": detail, "label": label,
            "key_hash": _hash(secret), "prefix": secret[:SHOWN_PREFIX], "created_by": actor,
        })
        key = store.api_key(key_id)
        store.append_audit(event["id"], actor, "api_key.create", after=view(key))
    return key, secret


def listing(store, event):
    return [view(key) for key in store.api_keys(event["id"])]


def view(key):
    """A key as the organizers see it: never its hash."""
    return {name: key[name] for name in ("id", "label", "channel", "channel_detail", "prefix", "created_by",
                                         "created_at", "last_used_at", "revoked_at")}


def revoke(store, event, actor, key_id):
    """Revoke one of the event's keys (again: nothing changes); returns it."""
    with store.transaction():
        key = store.api_key(key_id)
        if key is None or key["event_id"] != event["id"]:
            raise NotFound(N_("Không tìm thấy khóa API."))
        if key["revoked_at"] is None:
            store.revoke_api_key(key_id)
            store.append_audit(event["id"], actor, "api_key.revoke", before=view(key))
        return store.api_key(key_id)


def sent_secret(authorization):
    """The key in an `Authorization` header: `Bearer <key>`, the scheme in any case, any white space
    around; None for anything else. Authentication and the rate limit both read it here, so no
    spelling of the header gets a fresh budget."""
    parts = (authorization or "").split(None, 1)
    return parts[1].strip() if len(parts) == 2 and parts[0].lower() == "bearer" else None


def may_push(key, event):
    """Whether a channel's key may push questions into `event` (None: one that does not exist): a key
    serves its own event only."""
    return event is not None and key["event_id"] == event["id"]


def authenticate(store, secret):
    """The live key whose secret this is, its use recorded; None for anything else."""
    if not isinstance(secret, str) or not secret.startswith(SECRET_PREFIX):
        return None
    key_hash = _hash(secret)
    key = store.api_key_by_hash(key_hash)
    # found by its hash, so timing tells nothing of the secret; compared again in constant time anyway
    if key is None or not hmac.compare_digest(key["key_hash"], key_hash) or key["revoked_at"]:
        return None
    store.touch_api_key(key["id"])
    return key
