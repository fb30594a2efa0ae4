"""What the attendee's phone is told about polls and the programme: whether a poll takes answers now
(`answerable`, so the script compares no poll state), and the names its strip and cards show
(the notice of a programme item that takes no questions: tests/test_event_rules.py)."""
from .helpers import page_config

POLL = {"text": "Bạn đã từng gặp lừa đảo trực tuyến chưa?", "options": ["Đã từng", "Chưa bao giờ"]}


def phone_view(client, poll_id):
    return next(p for p in client.get("/api/v1/events/demo/polls").get_json()["polls"] if p["id"] == poll_id)


def test_a_poll_is_answerable_while_open_and_only_then(moderator, new_client):
    phone = new_client()
    poll = moderator.post("/api/v1/events/demo/polls", json={**POLL, "open": True}).get_json()
    assert poll["answerable"] is True
    assert phone_view(phone, poll["id"])["answerable"] is True

    closed = moderator.post(f"/api/v1/polls/{poll['id']}/close").get_json()
    assert closed["answerable"] is False
    assert phone_view(phone, poll["id"])["answerable"] is False
    refused = phone.post(f"/api/v1/polls/{poll['id']}/answer", json={"choices": [poll["options"][0]["id"]]})
    assert refused.status_code == 409 and refused.get_json()["error"]

    reopened = moderator.post(f"/api/v1/polls/{poll['id']}/open").get_json()
    assert reopened["answerable"] is True
    assert phone.post(f"/api/v1/polls/{poll['id']}/answer", json={"choices": [poll["options"][0]["id"]]}).status_code == 200


def test_a_draft_poll_is_not_answerable_for_staff_either(moderator):
    draft = moderator.post("/api/v1/events/demo/polls", json=POLL).get_json()
    assert draft["answerable"] is False


def test_the_phone_page_names_item_kinds_and_poll_states(client):
    labels = page_config(client.get("/e/demo?lang=en").get_data(as_text=True))["labels"]
    assert labels["item_kind"]["performance"] and labels["poll_state"]["closed"] == "Closed"
