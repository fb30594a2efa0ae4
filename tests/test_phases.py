"""Event phases (draft -> collecting -> live -> closed) and the channel each question came in by."""
import json
import re

import pytest

from live.documents import conclusion
from live.dialogue import events, policy, questions
from live.errors import Invalid

from .conftest import DEMO
from .test_events_cli import invoke

CLOSED_MESSAGE = "Sự kiện đã kết thúc, không nhận thêm câu hỏi."
DRAFT_MESSAGE = "Sự kiện chưa mở nhận câu hỏi."


def set_phase(client, phase, code=DEMO):
    return client.post(f"/api/v1/events/{code}/phase", json={"phase": phase})


def submit(client, text="Câu hỏi về việc làm cho thanh niên"):
    return client.post(f"/api/v1/events/{DEMO}/questions", json={"text": text})


def test_the_demo_event_is_live(client):
    event = client.get(f"/api/v1/events/{DEMO}").get_json()
    assert event["phase"] == "live"
    response = submit(client)
    assert response.status_code == 201
    assert response.get_json()["channel"] == "onsite"


def test_new_events_start_live_and_phases_are_listed(store):
    event = events.create(store, "test", "moi-2025", title="Sự kiện mới")
    assert event["phase"] == events.LIVE
    assert events.PHASES == ("draft", "collecting", "live", "closed")
    assert [policy.accepts_questions({"phase": p}) for p in events.PHASES] == [False, True, True, False]


@pytest.mark.parametrize("phase, message", [("draft", DRAFT_MESSAGE), ("closed", CLOSED_MESSAGE)])
def test_draft_and_closed_refuse_questions_with_409(client, moderator, store, phase, message):
    assert set_phase(moderator, phase).status_code == 200
    response = submit(client)
    assert response.status_code == 409
    assert response.is_json and response.get_json()["error"] == message
    assert store.questions(store.event_by_code(DEMO)["id"]) == []


@pytest.mark.parametrize("phase, message", [("draft", DRAFT_MESSAGE), ("closed", CLOSED_MESSAGE)])
def test_draft_and_closed_attendee_page_says_so_and_hides_the_form(client, moderator, phase, message):
    set_phase(moderator, phase)
    html = client.get(f"/e/{DEMO}").get_data(as_text=True)
    assert message in html
    assert '<form id="ask" method="post" action="/e/demo/ask" hidden>' in html
    assert '<fieldset class="ask-fields" disabled>' in html


@pytest.mark.parametrize("phase, message", [("draft", DRAFT_MESSAGE), ("closed", CLOSED_MESSAGE)])
def test_no_javascript_ask_gets_the_refusal_flashed(client, moderator, store, phase, message):
    set_phase(moderator, phase)
    response = client.post(f"/e/{DEMO}/ask", data={"text": "Câu hỏi gửi bằng biểu mẫu"})
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'<p class="notice error" role="alert">{message}</p>' in html
    assert store.questions(store.event_by_code(DEMO)["id"]) == []


def test_refusal_in_english(client, moderator):
    set_phase(moderator, "closed")
    response = client.post(f"/api/v1/events/{DEMO}/questions?lang=en", json={"text": "A question"})
    assert response.status_code == 409
    assert response.get_json()["error"] == "The event has ended; no more questions are taken."


def test_collecting_takes_questions_through_the_web_channel(client, moderator):
    set_phase(moderator, "collecting")
    html = client.get(f"/e/{DEMO}").get_data(as_text=True)
    assert "Ban tổ chức đang nhận câu hỏi gửi trước buổi đối thoại." in html
    assert '<form id="ask" method="post" action="/e/demo/ask">' in html
    response = submit(client)
    assert response.status_code == 201
    assert response.get_json()["channel"] == "web"
    # the no-JavaScript form too
    assert client.post(f"/e/{DEMO}/ask", data={"text": "Câu hỏi qua biểu mẫu"}).status_code == 302
    listed = client.get(f"/api/v1/events/{DEMO}/questions").get_json()["questions"]
    assert {q["channel"] for q in listed if q["mine"]} == {"web"}


def test_live_takes_questions_from_phones_in_the_hall(client, moderator):
    set_phase(moderator, "collecting")
    set_phase(moderator, "live")
    html = client.get(f"/e/{DEMO}").get_data(as_text=True)
    assert '<form id="ask" method="post" action="/e/demo/ask">' in html
    assert re.search(r"<p [^>]*id=\"phase-notice\"[^>]* hidden></p>", html)  # empty and hidden while live
    response = submit(client)
    assert response.status_code == 201
    assert response.get_json()["channel"] == "onsite"


def test_votes_refused_when_closed_and_allowed_when_collecting(client, moderator, ask, publish):
    question = ask(client, "Câu hỏi để bình chọn")
    publish(question["id"])
    set_phase(moderator, "collecting")
    assert client.post(f"/api/v1/questions/{question['id']}/vote").get_json() == {"votes": 1, "voted": True}
    set_phase(moderator, "closed")
    for method in ("POST", "DELETE"):
        response = client.open(f"/api/v1/questions/{question['id']}/vote", method=method)
        assert response.status_code == 409
        assert response.get_json()["error"] == "Sự kiện đã kết thúc, không nhận thêm bình chọn."
    # the no-JavaScript vote form flashes the refusal
    response = client.post(f"/e/{DEMO}/vote/{question['id']}", data={"action": "unvote"})
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Sự kiện đã kết thúc, không nhận thêm bình chọn." in html
    assert client.get(f"/api/v1/events/{DEMO}/questions").get_json()["questions"][0]["votes"] == 1


def test_only_organizers_change_the_phase(client, demo_moderator, moderator):
    assert set_phase(client, "closed").status_code == 401
    assert set_phase(demo_moderator, "closed").status_code == 403
    assert client.get(f"/api/v1/events/{DEMO}").get_json()["phase"] == "live"
    response = set_phase(moderator, "closed")
    assert response.status_code == 200
    assert response.get_json()["phase"] == "closed"


def test_an_unknown_phase_or_event(moderator):
    assert set_phase(moderator, "paused").status_code == 400
    assert moderator.post(f"/api/v1/events/{DEMO}/phase").status_code == 400
    assert set_phase(moderator, "live", code="khong-co").status_code == 404


def test_any_move_is_allowed_and_audited(moderator, store):
    for phase in ("closed", "draft", "live", "collecting", "live"):
        assert set_phase(moderator, phase).get_json()["phase"] == phase
    set_phase(moderator, "live")  # no move, no entry
    log = [row for row in store.audit(store.event_by_code(DEMO)["id"]) if row["action"] == "event.phase"]
    assert [(json.loads(r["before"])["phase"], json.loads(r["after"])["phase"]) for r in log] == [
        ("live", "closed"), ("closed", "draft"), ("draft", "live"), ("live", "collecting"), ("collecting", "live")]
    assert {r["actor"] for r in log} == {"admin"}


def test_cli_phase(runner, store):
    result = invoke(runner, "events", "edit", DEMO, "--phase", "closed")
    assert result.exit_code == 0, result.output
    assert store.event_by_code(DEMO)["phase"] == "closed"
    assert [r["actor"] for r in store.audit(store.event_by_code(DEMO)["id"]) if r["action"] == "event.phase"] == ["cli"]
    assert invoke(runner, "events", "edit", DEMO, "--phase", "paused").exit_code != 0
    result = invoke(runner, "events", "create", "truoc-2025", "--title", "Thu thập trước", "--phase", "collecting")
    assert result.exit_code == 0, result.output
    assert store.event_by_code("truoc-2025")["phase"] == "collecting"


def test_organizer_form_has_the_phase_select_and_changes_it(moderator, store):
    html = moderator.get(f"/admin/events/{DEMO}").get_data(as_text=True)
    for label in ("Nháp", "Đang nhận câu hỏi trước", "Đang diễn ra", "Đã kết thúc"):
        assert label in html
    assert '<option value="live" selected>' in html
    event = store.event_by_code(DEMO)
    form = {"title": event["title"], "theme": event["theme"], "date": event["date"] or "", "venue": event["venue"],
            "requires_approval": "on", "phase": "collecting"}
    response = moderator.post(f"/admin/events/{DEMO}", data=form)
    assert response.status_code == 302
    assert store.event_by_code(DEMO)["phase"] == "collecting"
    assert '<option value="collecting" selected>' in moderator.get(f"/admin/events/{DEMO}").get_data(as_text=True)
    response = moderator.post("/admin/events/new", data={"code": "nhap-2025", "title": "Bản nháp", "phase": "draft"})
    assert response.status_code == 302
    assert store.event_by_code("nhap-2025")["phase"] == "draft"


def test_staff_enter_a_question_from_the_floor_when_they_say_so(demo_moderator, other_moderator, client):
    floor = demo_moderator.post(f"/api/v1/events/{DEMO}/questions",
                                json={"text": "Câu hỏi nêu tại hội trường qua micro", "channel": "moderator"})
    assert floor.status_code == 201
    assert (floor.get_json()["channel"], floor.get_json()["status"]) == ("moderator", "approved")
    # without saying so, a staff member's question waits like anyone's (the pinned behaviour)
    plain = submit(demo_moderator, "Câu hỏi của cán bộ như mọi người").get_json()
    assert (plain["channel"], plain["status"]) == ("onsite", "pending")
    # staff who may not moderate this event cannot claim the channel
    other = other_moderator.post(f"/api/v1/events/{DEMO}/questions",
                                 json={"text": "Câu hỏi khác", "channel": "moderator"}).get_json()
    assert (other["channel"], other["status"]) == ("onsite", "pending")
    staff_view = demo_moderator.get(f"/api/v1/events/{DEMO}/questions").get_json()["questions"]
    assert all(q["channel_detail"] is None for q in staff_view)
    # the public sees the channel of public questions
    public = client.get(f"/api/v1/events/{DEMO}/questions").get_json()["questions"]
    assert {q["channel"] for q in public} == {"moderator"}
    assert all("channel_detail" not in q for q in public)


def test_channels_domain_and_conclusion_figures(store):
    event = store.event_by_code(DEMO)
    assert questions.CHANNELS == ("onsite", "web", "district", "portal", "press", "moderator", "forwarded")
    questions.submit(store, event, "a1", "Câu hỏi tại hội trường")
    questions.submit(store, event, "a2", "Câu hỏi từ huyện", channel="district", channel_detail="Huyện Bát Xát")
    questions.submit(store, event, "a3", "Câu hỏi từ huyện khác", channel="district", channel_detail="Thị xã Sa Pa")
    questions.submit(store, event, "a4", "Câu hỏi qua báo", channel="press")
    rows = store.questions(event["id"])
    assert [(q["channel"], q["channel_detail"]) for q in rows] == [
        ("onsite", None), ("district", "Huyện Bát Xát"), ("district", "Thị xã Sa Pa"), ("press", None)]
    with pytest.raises(Invalid):
        questions.submit(store, event, "a5", "Kênh lạ", channel="fax")
    figures = dict(conclusion._figures(event, rows, [], []))
    assert figures["Số câu hỏi, ý kiến nhận được"] == (
        "4 (gửi qua điện thoại tại hội trường: 1; do Đoàn Thanh niên các địa phương tổng hợp: 2; "
        "qua báo chí: 1)")


def test_who_sent_it_is_kept_and_an_external_id_is_taken_once(store):
    event = store.event_by_code(DEMO)
    sent = dict(channel="portal", external_id="CTT-2024-0042", unit="Trường Cao đẳng Lào Cai",
                district="Thành phố Lào Cai", youth_group="Học sinh, sinh viên")
    first, created = questions.submit(store, event, None, "Câu hỏi từ cổng thông tin", **sent)
    again, created_again = questions.submit(store, event, None, "Câu hỏi từ cổng thông tin (gửi lại)", **sent)
    assert created and not created_again and again["id"] == first["id"]
    assert (first["unit"], first["district"], first["youth_group"]) == (
        "Trường Cao đẳng Lào Cai", "Thành phố Lào Cai", "students")
    # the same id from another channel is another question
    other, created_other = questions.submit(store, event, None, "Câu hỏi qua báo", **{**sent, "channel": "press"})
    assert created_other and other["id"] != first["id"]


@pytest.mark.parametrize("given, code", [
    ("students", "students"), ("Thanh niên công chức, viên chức", "civil_servants"),
    ("thanh nien luc luong vu trang", "armed_forces"), ("Chưa có việc làm", "unemployed"), ("", None)])
def test_youth_groups_by_code_or_name_with_or_without_diacritics(given, code):
    assert questions.youth_group(given) == code


def test_unknown_youth_group_and_origin_fields_are_refused(store):
    event = store.event_by_code(DEMO)
    with pytest.raises(Invalid):
        questions.submit(store, event, "a", "Câu hỏi", youth_group="người cao tuổi")
    with pytest.raises(Invalid):
        questions.submit(store, event, "a", "Câu hỏi", source="fax")


def test_an_attendee_may_say_who_they_are_but_not_choose_a_channel(client, moderator, store):
    response = client.post(f"/api/v1/events/{DEMO}/questions", json={
        "text": "Câu hỏi có thông tin người gửi", "unit": "Trường THPT số 1 Bát Xát", "district": "Huyện Bát Xát",
        "youth_group": "Học sinh, sinh viên", "channel": "portal", "external_id": "gia-mao"})
    assert response.status_code == 201
    stored = store.question(response.get_json()["id"])
    assert (stored["unit"], stored["district"], stored["youth_group"], stored["channel"], stored["external_id"]) == (
        "Trường THPT số 1 Bát Xát", "Huyện Bát Xát", "students", "onsite", None)
    assert "unit" not in response.get_json()  # the author's own view: moderators see who sent it
    bad = client.post(f"/api/v1/events/{DEMO}/questions", json={"text": "Câu hỏi", "youth_group": "hưu trí"})
    assert bad.status_code == 400
    form = client.post(f"/e/{DEMO}/ask", data={"text": "Câu hỏi qua biểu mẫu", "district": "Thị xã Sa Pa"})
    assert form.status_code == 302
    assert store.questions(store.event_by_code(DEMO)["id"])[-1]["district"] == "Thị xã Sa Pa"
