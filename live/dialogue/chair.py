"""Short messages from the moderators to the Chair's tablet, and the Chair's tap that says read."""
from . import users
from .. import text
from ..errors import NotFound, N_


def send(store, event, user, body):
    """A message from `user`, signed as the Chair reads it (users.signature)."""
    message = text.required(body, text.MESSAGE_MAX, N_("Hãy nhập lời nhắn."),
                            N_("Lời nhắn dài quá %(limit)s ký tự."))
    with store.transaction():
        message_id = store.insert_chair_message(event["id"], message, users.signature(user))
        store.append_audit(event["id"], user["username"], "chair.message", after={"text": message})
        return store.chair_message(message_id)


def mark_read(store, event, message_id):
    with store.transaction():
        message = store.chair_message(message_id)
        if message is None or message["event_id"] != event["id"]:
            raise NotFound(N_("Không tìm thấy lời nhắn."))
        store.mark_chair_message_read(message_id)
        return store.chair_message(message_id)


def view(message):
    return {key: message[key] for key in ("id", "text", "sender", "sent_at", "read_at")}


def recent(store, event):
    return [view(m) for m in store.chair_messages(event["id"])]
