"""The server says, the browser shows: the event carries the limits of its forms and what a phone may
do in its phase (`phone`), every question says whether it is public and whether it waits its turn on
stage (`queued`), and the page scripts restate none of these rules."""
import re
from pathlib import Path

import pytest

from live import text
from live.dialogue import events, policy

from .conftest import DEMO
from .helpers import page_config

LIMITS = {"question_text": 500, "author": 80, "sender_detail": 120, "reject_reason": 300,
          "chair_message": 140, "answer_summary": 5000, "note": 2000, "speaker": 200, "commitment": 1000,
          "item_title": 200, "script_line": 1000, "figure_value": 20, "poll_text": 300, "option": 120}
PHONE = {
    "draft": {"ask": False, "vote": False, "notice": "Sự kiện chưa mở nhận câu hỏi."},
    "collecting": {"ask": True, "vote": True, "notice": "Ban tổ chức đang nhận câu hỏi gửi trước buổi đối thoại."},
    "live": {"ask": True, "vote": True, "notice": None},
    "closed": {"ask": False, "vote": False, "notice": "Sự kiện đã kết thúc, không nhận thêm câu hỏi."},
}
ENGLISH_NOTICES = {"draft": "The event is not taking questions yet.",
                   "collecting": "The organizers are collecting questions ahead of the dialogue.",
                   "closed": "The event has ended; no more questions are taken."}
# ...and during a programme item that takes no questions
NOT_ASKING_NOW = "This part of the programme takes no questions; you can still vote for approved questions."


def set_phase(moderator, phase):
    response = moderator.post(f"/api/v1/events/{DEMO}/phase", json={"phase": phase})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_limits_are_the_ones_the_domain_checks(client):
    event = client.get(f"/api/v1/events/{DEMO}").get_json()
    assert event["limits"] == LIMITS
    assert LIMITS["question_text"] == text.QUESTION_MAX and LIMITS["chair_message"] == text.MESSAGE_MAX
    too_long = client.post(f"/api/v1/events/{DEMO}/questions", json={"text": "x" * (LIMITS["question_text"] + 1)})
    assert too_long.status_code == 400
    assert client.post(f"/api/v1/events/{DEMO}/questions", json={"text": "x" * LIMITS["question_text"]}).status_code == 201


@pytest.mark.parametrize("phase", events.PHASES)
def test_each_phase_tells_the_phone_what_it_may_do_and_the_server_agrees(client, moderator, phase):
    voted_on = moderator.post(f"/api/v1/events/{DEMO}/questions", json={"text": "Câu hỏi để bình chọn"}).get_json()
    assert moderator.post(f"/api/v1/questions/{voted_on['id']}/approve").status_code == 200
    changed = set_phase(moderator, phase)
    event = client.get(f"/api/v1/events/{DEMO}").get_json()
    assert event["phase"] == phase and changed["phone"] == event["phone"] == PHONE[phase]
    assert event["limits"] == LIMITS
    asked = client.post(f"/api/v1/events/{DEMO}/questions", json={"text": "Câu hỏi theo giai đoạn"})
    assert asked.status_code == (201 if event["phone"]["ask"] else 409)
    voted = client.post(f"/api/v1/questions/{voted_on['id']}/vote")
    assert voted.status_code == (200 if event["phone"]["vote"] else 409)


@pytest.mark.parametrize("phase", events.PHASES)
def test_the_snapshot_and_the_event_message_carry_limits_and_phone(moderator, new_client, sockets, phase):
    phone = sockets(new_client(), role="attendee")
    assert phone.wait_for("snapshot")["event"]["phone"] == PHONE["live"]
    set_phase(moderator, phase)
    message = phone.wait_for("event", lambda e: e["phase"] == phase)
    assert message["phone"] == PHONE[phase] and message["limits"] == LIMITS
    later = sockets(new_client(), role="screen").wait_for("snapshot")["event"]
    assert later["phone"] == PHONE[phase] and later["limits"] == LIMITS


@pytest.mark.parametrize("phase", events.PHASES)
def test_the_attendee_page_renders_the_phone_rules(client, moderator, phase):
    set_phase(moderator, phase)
    html = client.get(f"/e/{DEMO}").get_data(as_text=True)
    config = page_config(html)
    assert config["event"]["phone"] == PHONE[phase] and config["event"]["limits"] == LIMITS
    assert ('<form id="ask" method="post" action="/e/demo/ask" hidden>' in html) is not PHONE[phase]["ask"]
    assert f'maxlength="{LIMITS["question_text"]}"' in html and f'/{LIMITS["question_text"]} ký tự' in html
    notice = re.search(r'<p class="phase-notice ([^"]*)" id="phase-notice" role="status"( hidden)?>(.*?)</p>', html)
    assert notice.group(3) == (PHONE[phase]["notice"] or "")
    assert notice.group(1) == ("hint" if PHONE[phase]["ask"] else "notice warn")


def test_an_english_page_has_every_notice_in_english(client, moderator):
    set_phase(moderator, "closed")
    html = client.get(f"/e/{DEMO}?lang=en").get_data(as_text=True)
    config = page_config(html)
    assert config["notices"] == {**{PHONE[phase]["notice"]: ENGLISH_NOTICES[phase] for phase in ENGLISH_NOTICES},
                                 policy.NOT_ASKING_NOW: NOT_ASKING_NOW}
    assert ENGLISH_NOTICES["closed"] in html and config["timezone"] == "Asia/Ho_Chi_Minh"


def test_a_question_says_whether_it_is_public_and_queued(client, moderator, ask):
    own = ask(client, "Câu hỏi chờ duyệt của tôi")
    assert (own["public"], own["queued"]) == (False, False)
    ids = [ask(client, f"Câu hỏi số {n} về việc làm")["id"] for n in range(3)]
    for question_id in ids:
        assert moderator.post(f"/api/v1/questions/{question_id}/approve").status_code == 200
    assert moderator.post(f"/api/v1/questions/{ids[0]}/stage").status_code == 200
    assert moderator.post(f"/api/v1/questions/{ids[1]}/merge", json={"into": ids[2]}).status_code == 200
    listed = {q["id"]: q for q in client.get(f"/api/v1/events/{DEMO}/questions").get_json()["questions"]}
    assert (listed[ids[0]]["public"], listed[ids[0]]["queued"]) == (True, False)  # on stage
    assert (listed[ids[1]]["public"], listed[ids[1]]["queued"]) == (False, False)  # merged: its author's own
    assert (listed[ids[2]]["public"], listed[ids[2]]["queued"]) == (True, True)
    answer = moderator.post(f"/api/v1/questions/{ids[2]}/answer", json={"answered_by": "Giám đốc Sở", "summary": "Đã trả lời."})
    assert answer.status_code == 200, answer.get_json()
    answered = client.get(f"/api/v1/events/{DEMO}/questions?status=answered").get_json()["questions"][0]
    assert (answered["status"], answered["public"], answered["queued"]) == ("answered", True, False)


def test_a_question_that_stops_being_public_tells_its_author_and_leaves_the_public_room(
        moderator, new_client, sockets, ask):
    author_http = new_client()
    question = ask(author_http, "Câu hỏi sẽ bị từ chối sau khi duyệt")
    assert moderator.post(f"/api/v1/questions/{question['id']}/approve").status_code == 200
    author, screen = sockets(author_http, role="attendee"), sockets(role="screen")
    author.wait_for("snapshot")
    screen.wait_for("snapshot")
    assert moderator.post(f"/api/v1/questions/{question['id']}/reject", json={}).status_code == 200
    own = author.wait_for("question", lambda q: q["id"] == question["id"] and q["status"] == "rejected")
    assert own["public"] is False and own["mine"] is True
    assert screen.wait_for("question_removed")["id"] == question["id"]


# ---------- the scripts restate no rule ----------

JS = Path(__file__).resolve().parent.parent / "static" / "js"
SCRIPTS = ("attendee", "ask", "phone_programme", "phone_polls", "chair", "screen", "live", "agency", "minutes")
NAMES = "|".join(("pending", "approved", "answered", "rejected", "draft", "collecting", "live", "closed",
                  "organizer", "moderator", "responder"))
LITERAL = rf"""["']({NAMES})["']"""
COMPARED = [rf"[!=]==?\s*{LITERAL}", rf"{LITERAL}\s*[!=]==?", rf"case\s+{LITERAL}",
            rf"(indexOf|includes)\(\s*{LITERAL}", r"\.(status|phase|role)\s*[!=]==?\s*['\"]",
            r"['\"]\s*[!=]==?\s*[\w.]+\.(status|phase|role)\b"]


def source(name):
    return (JS / f"{name}.js").read_text(encoding="utf-8")


def without_comments(code):
    return re.sub(r"/\*.*?\*/|//[^\n]*", "", code, flags=re.S)


@pytest.mark.parametrize("name", SCRIPTS)
def test_scripts_compare_no_status_phase_or_role_and_restate_no_limit(name):
    code = without_comments(source(name))
    for pattern in COMPARED:
        assert not re.search(pattern, code), (name, pattern, re.search(pattern, code).group(0))
    # the limits come from the event; 500 may only be an HTTP status (a server error)
    assert not re.search(r"\b(500|450|140)\b", code.replace("status >= 500", "")), name
    assert "isPublic" not in code and "prototype.onStage" not in code
    # URLs come from the page's config, never from data-* attributes or a path written here
    assert not re.search(r"""["'`]/(api|e|admin|chair|mod|agency)/""", code), name
    assert "dataset.event" not in code and "dataset.timezone" not in code


def functions(code):
    """(first line, line count) of every function but the file's wrapper, by matching braces."""
    code = re.sub(r'"(\\.|[^"\\\n])*"|\'(\\.|[^\'\\\n])*\'', '""', without_comments(code))
    found = []
    for match in re.finditer(r"\bfunction\b[^{]*\{", code):
        depth, position = 1, match.end()
        while depth and position < len(code):
            depth += {"{": 1, "}": -1}.get(code[position], 0)
            position += 1
        first = code.count("\n", 0, match.start()) + 1
        found.append((first, code.count("\n", match.start(), position) + 1))
    return found[1:] if code.lstrip().startswith("(function") else found


@pytest.mark.parametrize("name", SCRIPTS)
def test_scripts_are_short_and_so_are_their_functions(name):
    code = source(name)
    assert code.count("\n") <= 400, name
    long = [(first, lines) for first, lines in functions(code) if lines > 50]
    assert long == [], (name, long)


def test_one_helper_picks_the_stage_and_what_comes_next():
    for name in ("attendee", "chair", "screen"):
        code = source(name)
        assert "Live.onStage(" in code and "on_stage; })" not in code, name
    for name in ("chair", "screen"):
        assert "Live.upNext(" in source(name), name
