"""Socket.IO room names: one per event and audience, one per attendee for their own questions."""


def public(event_id):
    return f"event:{event_id}:public"


def moderators(event_id):
    return f"event:{event_id}:moderators"


def chair(event_id):
    return f"event:{event_id}:chair"


def attendee(event_id, attendee_id):
    return f"event:{event_id}:attendee:{attendee_id}"
