"""The channels' API keys (live/dialogue/api_keys.py) and the intake route they open: a secret shown once and
stored as a hash, revocation, the key's event, idempotency by external id, the page and the CLI."""
import hashlib
import re
import unicodedata

from live.dialogue import api_keys, events, questions
from live.web import intake as intake_web

from .conftest import OTHER

KEYS = "/api/v1/events/demo/intake-keys"
INTAKE = "/api/v1/events/demo/intake"


def make_key(moderator, channel="portal", label="Cổng TTĐT tỉnh", **fields):
    response = moderator.post(KEYS, json={"channel": channel, "label": label, **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def push(client, secret, **body):
    return client.post(INTAKE, json=body, headers={"Authorization": f"Bearer {secret}"})


def test_the_secret_is_shown_once_and_only_its_hash_kept(moderator, store):
    key = make_key(moderator)
    assert key["secret"].startswith("dtl_") and key["prefix"] == key["secret"][:12]
    [row] = store.api_keys(store.event_by_code("demo")["id"])
    assert row["key_hash"] == hashlib.sha256(key["secret"].encode()).hexdigest()
    listed = moderator.get(KEYS).get_json()["keys"]
    assert listed[0]["prefix"] == key["prefix"] and "secret" not in listed[0] and "key_hash" not in listed[0]
    assert key["secret"] not in str(store.audit(store.event_by_code("demo")["id"]))


def test_portal_pushes_idempotently_and_moderators_hear_of_it(moderator, client, store, monkeypatch):
    announced = []
    monkeypatch.setattr(intake_web.broadcast, "question_changes", announced.extend)
    secret = make_key(moderator)["secret"]
    body = {"external_id": "cong-123", "text": unicodedata.normalize("NFD", "Tỉnh có hỗ trợ vốn khởi nghiệp?"),
            "name": "Nguyễn Thị Hoa", "unit": "Trường Cao đẳng Lào Cai", "youth_group": "hoc sinh, sinh vien"}
    response = push(client, secret, **body)
    assert response.status_code == 201 and response.headers["Idempotent-Replayed"] == "false"
    question = response.get_json()
    assert (question["channel"], question["external_id"], question["youth_group"], question["status"]) == (
        "portal", "cong-123", questions.STUDENTS, "pending")
    assert question["text"] == "Tỉnh có hỗ trợ vốn khởi nghiệp?"  # NFC
    assert store.question(question["id"])["attendee_id"] is None
    assert [change.after["id"] for change in announced] == [question["id"]]
    again = push(client, secret, **body)
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json()["id"] == question["id"] and len(announced) == 1
    assert store.api_keys(store.event_by_code("demo")["id"])[0]["last_used_at"] is not None


def test_each_keyed_channel_and_a_district_keys_detail(moderator, client, store):
    district = make_key(moderator, "district", "Huyện đoàn Bát Xát", channel_detail="Bát Xát")["secret"]
    first = push(client, district, external_id=7, text="Đường vào xã Y Tý khi nào làm?").get_json()
    assert (first["channel"], first["channel_detail"], first["external_id"]) == ("district", "Bát Xát", "7")
    named = push(client, district, external_id=8, text="Câu hỏi của xã", channel_detail="Xã A Mú Sung").get_json()
    assert named["channel_detail"] == "Bát Xát"  # the key is the source: its district, for idempotency
    # another district numbers its questions from 1 too: the same id there is another question
    other = make_key(moderator, "district", "Huyện đoàn Sa Pa", channel_detail="Sa Pa")["secret"]
    again = push(client, other, external_id=7, text="Câu hỏi số 7 của Sa Pa")
    assert again.status_code == 201 and again.get_json()["id"] != first["id"]
    assert push(client, district, external_id=7, text="Gửi lại").get_json()["id"] == first["id"]
    for channel in ("press", "web"):
        secret = make_key(moderator, channel, f"Khóa {channel}")["secret"]
        assert push(client, secret, external_id=7, text=f"Câu hỏi qua {channel}").get_json()["channel"] == channel


def test_a_pushed_question_names_its_area_or_by_its_older_name_its_district(moderator, client, store):
    secret = make_key(moderator)["secret"]
    for number, names in enumerate(({"area": "Xã Tả Van"}, {"district": "Xã Tả Van"},
                                    {"area": "Xã Tả Van", "district": "Xã Tả Van"})):
        pushed = push(client, secret, external_id=f"dia-ban-{number}", text=f"Câu hỏi của địa bàn số {number}?",
                      **names)
        assert pushed.status_code == 201 and pushed.get_json()["district"] == "Xã Tả Van", names
    before = len(store.questions(store.event_by_code("demo")["id"]))
    refused = push(client, secret, external_id="dia-ban-x", text="Hai địa bàn?", area="Xã Tả Van", district="Sa Pa")
    assert refused.status_code == 400 and "area" in refused.get_json()["error"]
    assert len(store.questions(store.event_by_code("demo")["id"])) == before


def test_keys_that_do_not_open_the_door(moderator, client, store):
    secret = make_key(moderator)["secret"]
    body = {"external_id": "1", "text": "Câu hỏi"}
    assert client.post(INTAKE, json=body).status_code == 401
    response = push(client, "dtl_not-a-key", **body)
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["error"] == "Khóa API không hợp lệ hoặc đã bị thu hồi."
    assert client.post(INTAKE, json=body, headers={"Authorization": f"Basic {secret}"}).status_code == 401
    events.create(store, "test", OTHER, title="Sự kiện khác")
    other = api_keys.create(store, store.event_by_code(OTHER), "test", "portal", "Cổng")[1]
    assert push(client, other, **body).status_code == 403
    key_id = moderator.get(KEYS).get_json()["keys"][0]["id"]
    assert moderator.delete(f"{KEYS}/{key_id}").get_json()["revoked_at"]
    assert push(client, secret, **body).status_code == 401
    assert questions.listing(store, store.event_by_code("demo"), questions.Viewer(moderator=True)) == []


def test_the_intake_limit_counts_the_key_however_the_header_spells_it(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True, LIVE_LIMIT_INTAKE="2 per minute")
    store = app.extensions["live_store"]
    secret = api_keys.create(store, store.event_by_code("demo"), "test", "portal", "Cổng")[1]
    client = app.test_client()
    spellings = ["Bearer {}", "bearer {}", "BEARER {}", "Bearer  {}", "Bearer {} "]
    codes = [client.post(INTAKE, json={"external_id": str(n), "text": f"Câu hỏi số {n}"},
                         headers={"Authorization": spelled.format(secret)}).status_code
             for n, spelled in enumerate(spellings)]
    assert codes == [201, 201, 429, 429, 429]
    other = api_keys.create(store, store.event_by_code("demo"), "test", "press", "Báo")[1]
    assert push(client, other, external_id="9", text="Khóa khác, hạn mức riêng").status_code == 201


def test_bad_bodies_and_a_closed_event(moderator, client, store):
    secret = make_key(moderator)["secret"]
    assert push(client, secret, text="Thiếu mã").status_code == 400
    assert push(client, secret, external_id="1", text="Câu", attendee_id="x").status_code == 400
    assert push(client, secret, external_id="1", text="").status_code == 400
    assert push(client, secret, external_id="1", text="Câu", youth_group="không rõ").status_code == 400
    events.set_phase(store, "test", "demo", events.CLOSED)
    response = push(client, secret, external_id="1", text="Câu hỏi muộn")
    assert response.status_code == 409 and "đã kết thúc" in response.get_json()["error"]


def test_managing_keys(moderator, demo_moderator, store):
    assert moderator.post(KEYS, json={"channel": "district", "label": "Đoàn huyện"}).status_code == 400
    assert moderator.post(KEYS, json={"channel": "onsite", "label": "Hội trường"}).status_code == 400
    assert moderator.post(KEYS, json={"channel": "portal", "label": " "}).status_code == 400
    assert demo_moderator.get(KEYS).status_code == 403
    assert demo_moderator.post(KEYS, json={"channel": "portal", "label": "x"}).status_code == 403
    events.create(store, "test", OTHER, title="Sự kiện khác")
    other, _ = api_keys.create(store, store.event_by_code(OTHER), "test", "press", "Báo")
    assert moderator.delete(f"{KEYS}/{other['id']}").status_code == 404
    assert store.api_key(other["id"])["revoked_at"] is None


def test_the_keys_page(moderator, demo_moderator):
    page = "/admin/events/demo/intake-keys"
    response = moderator.post(page, data={"action": "create", "channel": "district", "label": "Huyện đoàn Sa Pa",
                                          "channel_detail": "Sa Pa"})
    html = response.get_data(as_text=True)
    secret = re.search(r"(dtl_[A-Za-z0-9_-]{40,})", html).group(1)
    assert response.status_code == 200 and "chỉ hiện một lần" in html
    listing = moderator.get(page).get_data(as_text=True)
    assert "Huyện đoàn Sa Pa" in listing and secret not in listing and secret[:12] in listing
    key_id = re.search(r'name="key" value="(\d+)"', listing).group(1)
    assert moderator.post(page, data={"action": "revoke", "key": key_id}).status_code == 302
    assert "Đã thu hồi" in moderator.get(page).get_data(as_text=True)
    response = moderator.post(page, data={"action": "create", "channel": "district", "label": "Không huyện"})
    assert response.status_code == 400 and "cần tên huyện" in response.get_data(as_text=True)
    assert demo_moderator.get(page).status_code == 403


def test_cli_keys(runner, store):
    result = runner.invoke(args=["intake", "keys", "create", "demo", "--channel", "portal", "--label", "Cổng TTĐT tỉnh"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[-1]
    key = api_keys.authenticate(store, secret)
    assert key["label"] == "Cổng TTĐT tỉnh"
    result = runner.invoke(args=["intake", "keys", "list", "demo"])
    assert secret[:12] in result.output and secret not in result.output
    assert runner.invoke(args=["intake", "keys", "revoke", "demo", str(key["id"])]).exit_code == 0
    assert api_keys.authenticate(store, secret) is None
    assert runner.invoke(args=["intake", "keys", "revoke", "demo", "999"]).exit_code == 1
