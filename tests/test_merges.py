"""Duplicates: suggestions for moderators, merge and un-merge with distinct-voter counts, and
full-text search over every question, accents ignored."""
import pytest

from live.dialogue import merges, questions

from .conftest import DEMO
from .helpers import vote_count


@pytest.fixture
def asked(store, demo_event):
    """asked(text, attendee=None, approve=True, **origin) -> a question of the demo event (row)."""
    def make(text, attendee=None, approve=True, **origin):
        question, _ = questions.submit(store, demo_event, attendee, text, **origin)
        if approve:
            questions.approve(store, question["id"], "setup")
        return store.question(question["id"])
    return make


def vote_as(client_factory, question_id, times=1):
    """`times` fresh attendees vote for the question; returns their clients."""
    voters = [client_factory() for _ in range(times)]
    for voter in voters:
        vote_count(voter, question_id)
    return voters


def merge(client, question_id, into, version=None):
    return client.post(f"/api/v1/questions/{question_id}/merge", json={"into": into, "version": version})


def public_list(client):
    return {q["id"]: q for q in client.get(f"/api/v1/events/{DEMO}/questions").get_json()["questions"]}


def test_similar_suggests_the_earlier_question_without_diacritics(moderator, asked):
    first = asked("Tỉnh có chính sách hỗ trợ vay vốn khởi nghiệp cho thanh niên dân tộc thiểu số không ạ?")
    asked("Làm thế nào để phòng tránh lừa đảo qua mạng xã hội?")
    later = asked("Em muốn hỏi về hỗ trợ vay von khoi nghiep cho thanh nien dan toc thieu so", approve=False)
    found = moderator.get(f"/api/v1/questions/{later['id']}/similar").get_json()["similar"]
    assert found[0]["question"]["id"] == first["id"]
    assert 0 < found[0]["score"] <= 100
    assert all(item["question"]["id"] < later["id"] for item in found)  # earlier ones only


def test_similar_folds_d_and_leaves_rejected_and_merged_out(store, asked):
    kept = asked("Đường truyền Internet ở các xã vùng cao rất chậm")
    rejected = asked("Đường truyền Internet ở các xã vùng cao rất chậm, ai chịu trách nhiệm?")
    questions.reject(store, rejected["id"], "setup")
    merged = asked("Duong truyen internet xa vung cao cham qua")
    merges.merge(store, merged["id"], kept["id"], "setup")
    new = asked("DUONG TRUYEN INTERNET o xa vung cao cham", approve=False)
    found = [question["id"] for question, _ in merges.similar(store, new)]
    assert found == [kept["id"]]


def test_merge_keeps_one_public_credits_every_submitter_and_counts_distinct_voters(
        moderator, new_client, asked):
    head = asked("Tỉnh có kế hoạch phủ sóng 4G cho các thôn bản vùng cao không?", author="Lò Văn Minh")
    duplicate = asked("Bao giờ các thôn vùng cao có sóng 4G ạ?", author="Giàng Thị Mai", unit="Đoàn xã Y Tý")
    both = vote_as(new_client, head["id"], 2)
    for voter in both[:1] + vote_as(new_client, duplicate["id"], 2):
        voter.post(f"/api/v1/questions/{duplicate['id']}/vote")
    # head: voters A, B; duplicate: A, C, D -> distinct A, B, C, D
    response = merge(moderator, duplicate["id"], head["id"])
    assert response.status_code == 200, response.get_json()
    data = response.get_json()
    assert data["id"] == head["id"] and data["votes"] == 4
    assert [m["id"] for m in data["merged"]] == [duplicate["id"]]

    listed = public_list(new_client())
    assert duplicate["id"] not in listed
    shown = listed[head["id"]]
    assert shown["votes"] == 4
    assert shown["merged"] == [{"id": duplicate["id"], "text": duplicate["text"], "author": "Giàng Thị Mai",
                                "channel": "onsite", "mine": False}]  # credited by name, never by unit

    # a voter of the merged question counts once and sees the head as voted
    first = both[0]
    assert public_list(first)[head["id"]]["voted"] is True
    again = first.post(f"/api/v1/questions/{head['id']}/vote").get_json()
    assert again["votes"] == 4
    taken_back = first.delete(f"/api/v1/questions/{head['id']}/vote").get_json()
    assert taken_back["votes"] == 3


def test_unmerge_restores_both_and_recounts(moderator, store, new_client, asked):
    head = asked("Tỉnh hỗ trợ gì cho thanh niên học nghề du lịch cộng đồng ở Sa Pa?")
    duplicate = asked("Hỗ trợ học nghề du lịch cộng đồng Sa Pa cho thanh niên")
    shared = vote_as(new_client, head["id"])[0]
    shared.post(f"/api/v1/questions/{duplicate['id']}/vote")
    vote_as(new_client, duplicate["id"])
    merged = merge(moderator, duplicate["id"], head["id"]).get_json()
    assert merged["votes"] == 2
    child = store.question(duplicate["id"])
    response = moderator.post(f"/api/v1/questions/{duplicate['id']}/unmerge", json={"version": child["version"]})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["merged_into"] is None and response.get_json()["votes"] == 2
    assert store.question(head["id"])["votes"] == 1
    listed = public_list(new_client())
    assert listed[head["id"]]["merged"] == [] and listed[duplicate["id"]]["status"] == "approved"
    actions = [row["action"] for row in store.audit(head["event_id"]) if row["question_id"] == duplicate["id"]]
    assert actions[-2:] == ["question.merge", "question.unmerge"]


def test_a_merge_group_counts_its_distinct_voters_as_votes_come_and_go(moderator, store, new_client, ask, asked):
    head = asked("Khi nào xã có điểm truy cập internet miễn phí cho thanh niên?")
    duplicate = asked("Bao giờ xã có wifi miễn phí cho thanh niên?")
    troll = new_client()
    vote_as(lambda: troll, head["id"])
    vote_as(lambda: troll, duplicate["id"])
    vote_as(new_client, duplicate["id"])
    assert merge(moderator, duplicate["id"], head["id"]).get_json()["votes"] == 2  # troll counted once
    late = vote_as(new_client, head["id"])[0]
    assert store.question(head["id"])["votes"] == 3
    assert late.post(f"/api/v1/questions/{head['id']}/vote").get_json()["votes"] == 3
    assert late.delete(f"/api/v1/questions/{head['id']}/vote").get_json()["votes"] == 2
    # blocking takes back the troll's votes on the head and on the question merged into it
    blocked = moderator.post(f"/api/v1/questions/{ask(troll, 'Nội dung quấy rối')['id']}/block-author")
    assert blocked.get_json()["votes_removed"] == 1
    assert store.question(head["id"])["votes"] == 1
    taken_out = moderator.post(f"/api/v1/questions/{duplicate['id']}/unmerge",
                               json={"version": store.question(duplicate["id"])["version"]}).get_json()
    assert taken_out["votes"] == 1 and store.question(head["id"])["votes"] == 0


def test_a_pending_question_merged_shows_under_the_public_one_once_approved_and_to_its_author_at_once(
        moderator, store, new_client, demo_event, asked):
    head = asked("Tỉnh có mở lớp tiếng Trung miễn phí cho thanh niên vùng biên không?")
    author = new_client()
    mine = author.post(f"/api/v1/events/{DEMO}/questions", json={"text": "Có lớp tiếng Trung miễn phí không?"})
    pending_id = mine.get_json()["id"]
    assert merge(moderator, pending_id, head["id"]).status_code == 200
    assert public_list(new_client())[head["id"]]["merged"] == []  # not approved: not public
    assert moderator.post(f"/api/v1/questions/{pending_id}/approve").status_code == 200
    assert public_list(new_client())[head["id"]]["merged"][0]["id"] == pending_id
    own = public_list(author)
    assert own[pending_id]["mine"] and own[pending_id]["merged_into"] == head["id"]
    assert own[head["id"]]["merged"][0]["mine"] is True
    # voting goes to the public question, not the merged one
    assert author.post(f"/api/v1/questions/{pending_id}/vote").status_code == 409


def test_merge_flattens_and_refuses_what_cannot_be(moderator, store, asked):
    head = asked("Câu hỏi gốc về an ninh mạng trong trường học")
    middle = asked("Câu hỏi giữa về an ninh mạng trường học")
    leaf = asked("Câu hỏi lá về an ninh mạng ở trường")
    merges.merge(store, leaf["id"], middle["id"], "setup")
    assert merge(moderator, middle["id"], head["id"]).status_code == 200
    assert store.question(leaf["id"])["merged_into"] == head["id"]  # one level: it moved along
    assert merge(moderator, head["id"], middle["id"]).status_code == 409  # into a merged question
    assert merge(moderator, head["id"], head["id"]).status_code == 400
    assert merge(moderator, head["id"], "abc").status_code == 400
    assert merge(moderator, head["id"], 999999).status_code == 404
    rejected = asked("Câu bị từ chối")
    questions.reject(store, rejected["id"], "setup")
    assert merge(moderator, head["id"], rejected["id"]).status_code == 409
    assert merge(moderator, rejected["id"], head["id"]).status_code == 409
    assert moderator.post(f"/api/v1/questions/{head['id']}/unmerge", json={}).status_code == 409
    stale = merge(moderator, asked("Một câu khác hẳn")["id"], head["id"], version=0)
    assert stale.status_code == 409 and "question" in stale.get_json()


def test_merging_the_staged_question_takes_it_off_stage(moderator, store, asked):
    head = asked("Tỉnh làm gì để chống tin giả trên mạng?")
    staged = asked("Chống tin giả trên mạng thế nào?")
    questions.stage(store, staged["id"], "setup")
    assert merge(moderator, staged["id"], head["id"]).status_code == 200
    assert store.event_by_id(head["event_id"])["stage_question_id"] is None


def test_merged_questions_stay_out_of_the_written_follow_up(moderator, store, asked):
    head = asked("Hỏi về hỗ trợ nhà ở cho công nhân trẻ")
    duplicate = asked("Nhà ở cho công nhân trẻ được hỗ trợ thế nào?")
    merges.merge(store, duplicate["id"], head["id"], "setup")
    items = moderator.get(f"/api/v1/events/{DEMO}/followup").get_json()["items"]
    assert [item["question"]["id"] for item in items if item["question"]["id"] in (head["id"], duplicate["id"])] \
        == [head["id"]]


def test_search_ignores_accents_and_d_and_respects_visibility(moderator, new_client, asked):
    approved = asked("Đề xuất xây dựng sân bóng đá cho thanh niên xã Bản Vược", author="Đặng Văn Hùng")
    pending = asked("Đường vào bản Tả Van bị sạt lở", approve=False, district="Sa Pa")
    for query, expected in [("san bong da", [approved["id"]]), ("dang hung", [approved["id"]]),
                            ("ĐƯỜNG", [pending["id"]]), ("sa pa", [pending["id"]]), ("ban", None)]:
        found = [q["id"] for q in moderator.get(f"/api/v1/events/{DEMO}/questions",
                                                query_string={"q": query}).get_json()["questions"]]
        if expected is None:
            assert {approved["id"], pending["id"]} <= set(found)
        else:
            assert found == expected, query
    anonymous = new_client().get(f"/api/v1/events/{DEMO}/questions", query_string={"q": "duong ta van"})
    assert anonymous.get_json()["questions"] == []  # pending: moderators only
    odd = moderator.get(f"/api/v1/events/{DEMO}/questions", query_string={"q": '"* OR :-'})
    assert odd.status_code == 200 and odd.get_json()["questions"] == []


def test_search_finds_edited_text_and_merged_questions(moderator, store, asked):
    head = asked("Câu hỏi về chuyển đổi số trong nông nghiệp")
    duplicate = asked("Chuyển đổi số nông nghiệp cho thanh niên nông thôn")
    merges.merge(store, duplicate["id"], head["id"], "setup")
    questions.edit(store, head["id"], "setup", store.event_by_code(DEMO), text="Thương mại điện tử cho nông sản")
    found = [q["id"] for q in moderator.get(f"/api/v1/events/{DEMO}/questions",
                                            query_string={"q": "thuong mai dien tu"}).get_json()["questions"]]
    assert found == [head["id"]]
    found = [q["id"] for q in moderator.get(f"/api/v1/events/{DEMO}/questions",
                                            query_string={"q": "nong thon"}).get_json()["questions"]]
    assert found == [duplicate["id"]]


def test_the_sample_proposals_import_once_with_a_duplicate_and_a_flag(store):
    """docs/samples/de-xuat-thanh-nien.csv, which `make run` imports into the demo event."""
    from live.dialogue import demo
    first = demo.import_proposals(store)
    assert len(first["added"]) == 10 and demo.import_proposals(store) == {"added": [], "already": 10}
    rows = first["added"]
    assert {q["channel"] for q in rows} == {"district", "portal", "press"}
    assert all(q["status"] == "pending" for q in rows)
    assert [q["id"] for q in rows if q["flags"]] == [rows[-1]["id"]]
    repeat = next(q for q in rows if q["author"] == "Vàng Thị Dung")
    assert [q["author"] for q, _ in merges.similar(store, repeat)][:1] == ["Lý Thị Hoa"]
