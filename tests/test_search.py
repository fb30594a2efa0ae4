"""Full-text search, bounded and by audience: a query becomes at most a few distinct terms, runs within
a time budget and is rate-limited, so no search holds the server; and nobody but a moderator can
find a question by what only moderators see (the text before an edit, the sender's unit and district,
the channel's detail)."""
import threading
import time

import pytest
import requests

from live.dialogue import demo, questions
from live.text import search_text
from live import storage
from live.text.search_text import Term

from .conftest import DEMO, logged_in
from .support import Server

URL = f"/api/v1/events/{DEMO}/questions"


def found(client, query):
    response = client.get(URL, query_string={"q": query})
    assert response.status_code == 200, response.get_json()
    return [q["id"] for q in response.get_json()["questions"]]


# ---------- the terms a query becomes ----------

def test_repeated_words_are_searched_once():
    assert search_text.terms("c " * 3900) == [Term("c", False)]
    assert search_text.terms("Việc làm, VIEC LAM, viec lam!") == [Term("viec", True), Term("lam", True)]


def test_at_most_eight_distinct_words_are_searched_in_the_order_typed():
    words = [f"tu{number}" for number in range(20)]
    assert [term.word for term in search_text.terms(" ".join(words))] == words[:search_text.TERMS_MAX]
    assert search_text.TERMS_MAX == 8


def test_a_one_letter_word_is_a_whole_word_longer_ones_are_prefixes():
    assert search_text.terms("Y Tý") == [Term("y", False), Term("ty", True)]
    assert search_text.terms("Đường") == [Term("duong", True)]


def test_a_very_long_word_is_cut_to_a_prefix():
    assert search_text.terms("x" * 500) == [Term("x" * search_text.TERM_MAX, True)]
    assert search_text.terms("!!! ...") == []


def test_a_one_letter_word_finds_the_word_not_every_word_it_begins(client, moderator, store, demo_event):
    question, _ = questions.submit(store, demo_event, None, "Xã Y Tý có sóng điện thoại chưa?", approve=True)
    other, _ = questions.submit(store, demo_event, None, "Yêu cầu hỗ trợ vốn vay", approve=True)
    assert found(client, "y") == [question["id"]]
    assert found(client, "ye") == [other["id"]]


def test_a_query_over_200_characters_is_refused_with_a_clear_error(client):
    assert client.get(URL, query_string={"q": "a" * questions.QUERY_MAX}).status_code == 200
    refused = client.get(URL, query_string={"q": "c " * 3900})
    assert refused.status_code == 400
    assert "200" in refused.get_json()["error"]


# ---------- the time budget ----------

def test_a_runaway_statement_is_interrupted_by_the_time_budget(store):
    endless = ("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100000000) "
               "SELECT count(*) AS c FROM n")
    with pytest.raises(storage.Interrupted):
        with store.time_budget(0.05):
            store._all(endless)
    assert store.event_by_code(DEMO)["code"] == DEMO  # the connection works on, without a budget
    assert store._one("SELECT count(*) AS c FROM (SELECT 1 UNION ALL SELECT 2)")["c"] == 2


def test_a_search_past_its_budget_is_answered_503_as_json(client, monkeypatch, store, demo_event):
    questions.submit(store, demo_event, None, "Thanh niên khởi nghiệp cần vốn", approve=True)
    monkeypatch.setattr(storage.questions, "SEARCH_SECONDS", 0)
    monkeypatch.setattr(storage.connection, "PROGRESS_STEPS", 1)  # look at the clock after the first step
    response = client.get(URL, query_string={"q": "thanh nien"})
    assert response.status_code == 503
    assert "quá nhiều thời gian" in response.get_json()["error"]
    monkeypatch.setattr(storage.questions, "SEARCH_SECONDS", 0.5)
    assert len(found(client, "thanh nien")) == 1


# ---------- rate limit ----------

@pytest.fixture
def limited_app(app_factory):
    return app_factory(RATELIMIT_ENABLED=True, LIVE_LIMIT_SEARCH="3 per minute")


@pytest.mark.parametrize("path", [URL, f"/api/v1/events/{DEMO}/results", f"/e/{DEMO}/results"])
def test_searches_are_limited_per_attendee_listings_and_staff_are_not(limited_app, path):
    from live.dialogue import events
    events.publish(limited_app.extensions["live_store"], "test", DEMO, True)
    phone = limited_app.test_client()
    phone.get(f"/e/{DEMO}")  # the attendee's cookie
    assert [phone.get(path, query_string={"q": f"tu {n}"}).status_code for n in range(3)] == [200] * 3
    refused = phone.get(path, query_string={"q": "tu 4"})
    assert refused.status_code == 429
    assert phone.get(path).status_code == 200  # the plain listing is not a search
    neighbour = limited_app.test_client()  # same address, another attendee
    neighbour.get(f"/e/{DEMO}")
    assert neighbour.get(path, query_string={"q": "tu"}).status_code == 200
    staff = logged_in(limited_app)
    assert [staff.get(path, query_string={"q": f"tu {n}"}).status_code for n in range(5)] == [200] * 5


def test_a_client_without_cookies_is_limited_by_its_address(limited_app):
    codes = [limited_app.test_client().get(URL, query_string={"q": "tu"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


# ---------- by audience: no oracle on what only moderators see ----------

PHONE = "0912345678"


@pytest.fixture
def edited(store, demo_event):
    """A question a moderator edited a phone number out of, sent with its sender's unit and district
    through a district union, approved; and a pending one."""
    question, _ = questions.submit(
        store, demo_event, None, f"Em ở thôn Nậm Cang, số điện thoại {PHONE}, xin hỏi về sóng 4G",
        author="Lò Thị Dung", channel="district", channel_detail="Huyện đoàn Bảo Thắng",
        unit="Trường THPT số 2 Mường Khương", district="Huyện Si Ma Cai")
    questions.edit(store, question["id"], "mod", demo_event, text="Em ở thôn Nậm Cang, xin hỏi về sóng 4G")
    questions.approve(store, question["id"], "mod")
    waiting, _ = questions.submit(store, demo_event, None, "Câu hỏi còn chờ duyệt về sóng 4G ở Bát Xát")
    return {"id": question["id"], "waiting": waiting["id"]}


HIDDEN = [PHONE, "0912", "091234", "bao thang", "muong khuong", "si ma cai", "truong thpt so 2"]


def test_what_a_moderator_edited_out_or_only_moderators_see_is_not_found_by_others(
        client, new_client, edited, make_moderator, responder, store):
    questions.route(store, edited["id"], "mod", store.event_by_code(DEMO), "CA")
    agency = responder("CA")
    for searcher in (client, new_client(), agency):
        assert found(searcher, "nam cang") == [edited["id"]]  # what everyone sees is found
        assert found(searcher, "lo thi dung") == [edited["id"]]  # and the name shown with it
        for query in HIDDEN:
            assert found(searcher, query) == [], query
    moderator = make_moderator("search-mod", DEMO)
    for query in HIDDEN:
        assert found(moderator, query) == [edited["id"]], query
    assert found(moderator, "bat xat") == [edited["waiting"]]
    assert found(client, "bat xat") == []


def test_a_moderator_finds_a_question_by_its_district_and_its_words_together(moderator, edited):
    assert found(moderator, "Si Ma Cai 4G") == [edited["id"]]


# ---------- a real server keeps answering while hostile searches come in ----------

HOSTILE = ["c " * 3900, "a " * 3000, "c " * 99, "ca co ch th ng tr vi kh ba", "a*" * 99, '"' * 199]


@pytest.mark.slow
def test_hostile_searches_leave_the_server_answering(tmp_path):
    path = tmp_path / "live.db"
    seeded = storage.connect(str(path))
    event, _ = demo.ensure(seeded, demo.PLAN_DAY)
    words = "cong an tinh chuyen doi so nong nghiep thanh nien viec lam khoi nghiep cach mang cao dang".split()
    with seeded.transaction():
        for number in range(300):
            text = " ".join(words[(number * 7 + k) % len(words)] for k in range(20))
            questions.submit(seeded, event, f"seed-{number}", f"{text} câu {number}", approve=True)
    seeded.close()
    server = Server(path)
    answers, done = [], threading.Event()

    def attack():
        hostile = requests.Session()
        try:
            for query in HOSTILE * 3:
                response = hostile.get(server.url + URL, params={"q": query}, timeout=120)
                answers.append((response.status_code, response.json()))
        finally:
            done.set()

    try:
        attacker = threading.Thread(target=attack, daemon=True)
        attacker.start()
        polls = 0
        while not done.is_set() or polls < 5:
            started = time.monotonic()
            response = requests.get(server.url + "/healthz", timeout=1)  # fails the test past 1 s
            assert response.status_code == 200 and time.monotonic() - started < 1
            polls += 1
            time.sleep(0.02)
        attacker.join(timeout=10)
        assert len(answers) == len(HOSTILE) * 3
        assert all(status in (200, 400) for status, _ in answers), answers
        assert [status for status, _ in answers[:2]] == [400, 400]  # too long: a clear error
        assert all("error" in body for status, body in answers if status == 400)
    finally:
        server.stop()
