"""Forwarding upward, answers back down (live/dialogue/forwarding.py): a closed local dialogue sends
its unsettled questions to the dialogue it feeds; the province's answers show on the local questions."""
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from live.dialogue import answers, areas, events, followup, forwarding, merges, publication, questions

from .conftest import logged_in
from .helpers import full_text, open_docx, text_of

LOCAL, PROVINCE = "ta-van-2026", "tinh-2026"


def _asked(store, event, text, author=None, unit=None):
    question, _ = questions.submit(store, event, None, text, author=author, unit=unit, channel="onsite",
                                   approve=True)
    return question["id"]


@pytest.fixture
def local(store):
    """A commune's dialogue feeding the province's, closed, with four questions: one unanswered, one
    answered, one answered with a written follow-up, one never approved."""
    areas.create(store, "test", "lao-cai", "Tỉnh Lào Cai", "province")
    areas.create(store, "test", "ta-van", "Xã Tả Van", "commune", parent="lao-cai")
    events.create(store, "test", PROVINCE, title="Đối thoại cấp tỉnh", area="lao-cai")
    events.set_phase(store, "test", PROVINCE, events.COLLECTING)
    events.create(store, "test", LOCAL, title="Đối thoại xã Tả Van", area="ta-van", parent=PROVINCE)
    events.set_phase(store, "test", LOCAL, events.LIVE)
    event = store.event_by_code(LOCAL)
    ids = {
        "open": _asked(store, event, "Xã cần thêm sân bóng cho thanh niên", "Lò Văn A", "Thôn 1"),
        "said": _asked(store, event, "Khi nào sửa đường vào bản?", "Vàng Thị B"),
        "promised": _asked(store, event, "Hỗ trợ vay vốn khởi nghiệp thế nào?", "Giàng C"),
    }
    answers.record(store, ids["said"], "test", event, "Chủ tịch UBND xã", "Tháng 6 sẽ sửa xong.")
    answers.record(store, ids["promised"], "test", event, "Chủ tịch UBND xã", "Xã sẽ đề nghị tỉnh.",
                   follow_up=True)
    ids["pending"] = questions.submit(store, event, "phone-1", "Câu hỏi chưa duyệt ở xã")[0]["id"]
    events.set_phase(store, "test", LOCAL, events.CLOSED)
    return ids


def _forward(client, ids, code=LOCAL, expect=201, **body):
    response = client.post(f"/api/v1/events/{code}/forwarding", json={"questions": ids, **body})
    assert response.status_code == expect, response.get_json()
    return response.get_json()


def _province_questions(store):
    return [q for q in store.questions(store.event_by_code(PROVINCE)["id"])]


def test_the_page_suggests_what_was_not_settled_on_the_spot(moderator, local):
    shown = moderator.get(f"/api/v1/events/{LOCAL}/forwarding").get_json()
    assert shown["parent"]["code"] == PROVINCE and shown["why_not"] is None
    suggested = {q["id"]: q["suggested"] for q in shown["questions"]}
    assert suggested == {local["open"]: True, local["said"]: False, local["promised"]: True}  # pending: not listed
    page = text_of(moderator.get(f"/admin/events/{LOCAL}/forwarding"))
    assert "Chuyển câu hỏi lên cấp trên" in page and "Đối thoại cấp tỉnh" in page and "Tải tệp chuyển lên (XLSX)" in page


def test_forwarded_questions_arrive_as_pending_proposals_with_their_provenance(moderator, store, local):
    done = _forward(moderator, [local["open"], local["said"]], note="Xã chưa giải quyết được")
    assert done["forwarded"] == sorted([local["open"], local["said"]]) and done["already"] == []
    arrived = {q["external_id"]: q for q in _province_questions(store)}
    proposal = arrived[str(local["open"])]
    assert (proposal["status"], proposal["channel"], proposal["channel_detail"]) == ("pending", "forwarded", LOCAL)
    assert (proposal["author"], proposal["unit"], proposal["district"]) == ("Lò Văn A", "Thôn 1", "Xã Tả Van")
    came = forwarding.received(store, store.event_by_code(PROVINCE))
    assert came[proposal["id"]] | {"forwarded_at": None} == {
        "source_event": LOCAL, "source_ref": str(local["open"]), "area_code": "ta-van", "area_name": "Xã Tả Van",
        "asked_text": "Xã cần thêm sân bóng cho thanh niên", "author": "Lò Văn A", "unit": "Thôn 1",
        "answered": None, "note": "Xã chưa giải quyết được", "forwarded_at": None}
    assert came[arrived[str(local["said"])]["id"]]["answered"] == "Chủ tịch UBND xã: Tháng 6 sẽ sửa xong."
    console = moderator.get(f"/api/v1/events/{PROVINCE}/questions?status=pending").get_json()
    assert {q["channel"] for q in console["questions"]} == {"forwarded"}


def test_forwarding_twice_adds_nothing(moderator, store, local):
    _forward(moderator, [local["open"]])
    again = _forward(moderator, [local["open"]], expect=200)
    assert again == {"forwarded": [], "already": [local["open"]], "question_ids": []}
    assert len(_province_questions(store)) == 1


@pytest.mark.parametrize("case, status, said", [
    ("open", 409, "sau khi buổi đối thoại đã kết thúc"),
    ("no_parent", 409, "chưa gắn với buổi đối thoại cấp trên"),
    ("parent_closed", 409, "không nhận câu hỏi lúc này"),
    ("not_parent", 400, "Chỉ chuyển được lên buổi đối thoại cấp trên"),
    ("other_event", 400, "không phải câu hỏi đã duyệt của buổi đối thoại này"),
    ("pending", 400, "không phải câu hỏi đã duyệt"),
    ("no_ids", 400, "Hãy chọn câu hỏi"),
    ("bad_ids", 400, "Hãy chọn câu hỏi"),
])
def test_bad_forwarding_is_refused_and_changes_nothing(moderator, store, local, case, status, said):
    ids, body = [local["open"]], {}
    if case == "open":
        events.set_phase(store, "test", LOCAL, events.LIVE)
    elif case == "no_parent":
        events.update(store, "test", LOCAL, parent=None)
    elif case == "parent_closed":
        events.set_phase(store, "test", PROVINCE, events.CLOSED)
    elif case == "not_parent":
        body["parent"] = "demo"
    elif case == "other_event":
        ids.append(_asked(store, store.event_by_code("demo"), "Câu hỏi ở sự kiện khác"))
    elif case == "pending":
        ids.append(local["pending"])
    elif case == "no_ids":
        ids = []
    else:
        ids = ["1", True]
    before = len(store.audit(store.event_by_code(LOCAL)["id"]))
    refused = _forward(moderator, ids, expect=status, **body)
    assert said in refused["error"]
    assert _province_questions(store) == [] and store.forwarded_from(store.event_by_code(LOCAL)["id"]) == {}
    assert len(store.audit(store.event_by_code(LOCAL)["id"])) == before


def test_a_forwarded_question_is_withdrawn_until_the_province_acts(moderator, store, local):
    _forward(moderator, [local["open"], local["promised"]])
    arrived = {q["external_id"]: q for q in _province_questions(store)}
    withdrawn = moderator.delete(f"/api/v1/events/{LOCAL}/forwarding/{local['open']}")
    assert withdrawn.status_code == 200 and withdrawn.get_json()["withdrawn"] is True
    gone = store.question(arrived[str(local["open"])]["id"])
    assert gone["status"] == "rejected" and gone["reject_reason"] == forwarding.WITHDRAWN
    pending = moderator.get(f"/api/v1/events/{PROVINCE}/questions?status=pending").get_json()["questions"]
    assert [q["id"] for q in pending] == [arrived[str(local["promised"])]["id"]]
    # the province approves the other: it stays
    questions.approve(store, arrived[str(local["promised"])]["id"], "tinh")
    refused = moderator.delete(f"/api/v1/events/{LOCAL}/forwarding/{local['promised']}")
    assert refused.status_code == 409 and "đã xử lý" in refused.get_json()["error"]
    assert store.question(arrived[str(local["promised"])]["id"])["status"] == "approved"
    # withdrawing again, or what was never forwarded: 404
    assert moderator.delete(f"/api/v1/events/{LOCAL}/forwarding/{local['open']}").status_code == 404
    assert moderator.delete(f"/api/v1/events/{LOCAL}/forwarding/{local['said']}").status_code == 404
    # forwarded again after withdrawal: the same proposal, pending once more
    again = _forward(moderator, [local["open"]])
    assert again["question_ids"] == [arrived[str(local["open"])]["id"]]
    assert store.question(arrived[str(local["open"])]["id"])["status"] == "pending"


@pytest.mark.parametrize("act", ["edit", "merge", "reject"])
def test_any_act_of_the_province_ends_withdrawal(moderator, store, local, act):
    _forward(moderator, [local["open"], local["promised"]])
    arrived = {q["external_id"]: q["id"] for q in _province_questions(store)}
    proposal = arrived[str(local["open"])]
    province = store.event_by_code(PROVINCE)
    if act == "edit":
        questions.edit(store, proposal, "tinh", province, text="Xã cần thêm sân bóng")
    elif act == "merge":
        merges.merge(store, arrived[str(local["promised"])], proposal, "tinh")
    else:
        questions.reject(store, proposal, "tinh")
    assert moderator.delete(f"/api/v1/events/{LOCAL}/forwarding/{local['open']}").status_code == 409


def test_a_question_of_another_event_is_not_withdrawn_through_this_one(moderator, store, local):
    _forward(moderator, [local["open"]])
    assert moderator.delete(f"/api/v1/events/demo/forwarding/{local['open']}").status_code == 404
    assert store.forwarding_of(local["open"])["withdrawn_at"] is None


def test_the_page_forwards_the_boxes_ticked_and_withdraws(moderator, store, local):
    response = moderator.post(f"/admin/events/{LOCAL}/forwarding",
                              data={"action": "forward", "questions": [str(local["open"])], "note": "Ghi chú",
                                    "parent": PROVINCE})
    assert response.status_code == 302
    page = text_of(moderator.get(f"/admin/events/{LOCAL}/forwarding"))
    assert "Đã chuyển 1 câu hỏi lên cấp trên" in page and "Chờ cấp trên xem xét" in page
    moderator.post(f"/admin/events/{LOCAL}/forwarding", data={"action": "withdraw", "question": str(local["open"])})
    assert store.forwarding_of(local["open"])["withdrawn_at"] is not None
    refused = moderator.post(f"/admin/events/{LOCAL}/forwarding", data={"action": "forward", "questions": ["x"]})
    assert refused.status_code == 400 and "Hãy chọn câu hỏi" in text_of(refused)


# ---------- answers back down ----------

def _arrived(store, source_id):
    return next(q for q in _province_questions(store) if q["external_id"] == str(source_id))


def test_the_provinces_written_answer_shows_on_the_local_results_followup_and_the_askers_question(
        moderator, store, local, new_client):
    phone = new_client()
    event = store.event_by_code(LOCAL)
    events.set_phase(store, "test", LOCAL, events.LIVE)
    phone.get(f"/e/{LOCAL}")  # the attendee cookie
    mine = phone.post(f"/api/v1/events/{LOCAL}/questions", json={"text": "Thanh niên xã cần việc làm"}).get_json()
    questions.approve(store, mine["id"], "test")
    events.set_phase(store, "test", LOCAL, events.CLOSED)
    _forward(moderator, [local["open"], mine["id"]])
    assert publication_item(store, event, local["open"])["from_above"] is None
    proposal = _arrived(store, local["open"])
    questions.approve(store, proposal["id"], "tinh")
    followup.answer_in_writing(store, proposal["id"], "tinh", None, True, "Tỉnh sẽ đầu tư sân bóng năm 2027.")
    shown = publication_item(store, event, local["open"])["from_above"]
    assert shown["event"]["code"] == PROVINCE and shown["written_answer"]["text"] == "Tỉnh sẽ đầu tư sân bóng năm 2027."
    events.publish(store, "test", LOCAL, True)
    results = text_of(moderator.get(f"/e/{LOCAL}/results"))
    assert "Trả lời tại Đối thoại cấp tỉnh" in results and "Tỉnh sẽ đầu tư sân bóng năm 2027." in results
    api = moderator.get(f"/api/v1/events/{LOCAL}/results").get_json()
    assert {q["id"]: bool(q["from_above"]) for q in api["questions"]}[local["open"]] is True
    item = {i["question"]["id"]: i for i in followup.items(store, event, date(2026, 1, 1), 15)}[local["open"]]
    assert item["status"] == followup.ANSWERED and item["from_above"]["written_answer"]
    assert "Tỉnh sẽ đầu tư sân bóng năm 2027." in text_of(moderator.get(f"/admin/events/{LOCAL}/followup"))
    # an edit above shows below: computed, not copied
    followup.answer_in_writing(store, proposal["id"], "tinh", None, True, "Tỉnh đầu tư sân bóng trong năm 2026.")
    assert "Tỉnh đầu tư sân bóng trong năm 2026." in text_of(moderator.get(f"/e/{LOCAL}/results"))
    # the young person who asked sees the province's answer to their own question
    proposal = _arrived(store, mine["id"])
    questions.approve(store, proposal["id"], "tinh")
    answers.record(store, proposal["id"], "tinh", store.event_by_code(PROVINCE), "Chủ tịch UBND tỉnh",
                   "Tỉnh mở thêm lớp dạy nghề.")
    own = text_of(phone.get(f"/e/{LOCAL}"))
    assert "Trả lời tại Đối thoại cấp tỉnh" in own and "Tỉnh mở thêm lớp dạy nghề." in own


def publication_item(store, event, question_id):
    return {item["id"]: item for item in publication.results(store, event)}[question_id]


def test_an_answer_to_the_question_it_was_merged_into_above_comes_down_too(moderator, store, local):
    _forward(moderator, [local["open"], local["promised"]])
    head, child = _arrived(store, local["promised"]), _arrived(store, local["open"])
    questions.approve(store, head["id"], "tinh")
    merges.merge(store, child["id"], head["id"], "tinh")
    answers.record(store, head["id"], "tinh", store.event_by_code(PROVINCE), "Giám đốc Sở", "Có gói vay ưu đãi.")
    above = publication_item(store, store.event_by_code(LOCAL), local["open"])["from_above"]
    assert [a["summary"] for a in above["answers"]] == ["Có gói vay ưu đãi."]


def test_a_withdrawn_question_brings_nothing_back(moderator, store, local):
    _forward(moderator, [local["open"]])
    moderator.delete(f"/api/v1/events/{LOCAL}/forwarding/{local['open']}")
    proposal = _arrived(store, local["open"])
    questions.approve(store, proposal["id"], "tinh")
    followup.answer_in_writing(store, proposal["id"], "tinh", None, True, "Trả lời")
    assert publication_item(store, store.event_by_code(LOCAL), local["open"])["from_above"] is None


# ---------- the provincial briefing ----------

def test_the_briefing_counts_and_lists_forwarded_questions_by_area_with_the_others(moderator, store, local):
    province = store.event_by_code(PROVINCE)
    own = questions.submit(store, province, None, "Câu hỏi gửi qua cổng tỉnh", channel="portal", approve=True)[0]
    _forward(moderator, [local["open"], local["promised"]], note="Cần tỉnh hỗ trợ")
    for source in ("open", "promised"):
        questions.approve(store, _arrived(store, local[source])["id"], "tinh")
    pack = moderator.get(f"/api/v1/events/{PROVINCE}/briefing").get_json()
    assert pack["counts"]["proposals"] == 3
    assert {e["key"]: e["count"] for e in pack["counts"]["channel"]} == {"portal": 1, "forwarded": 2}
    assert pack["forwarded"]["proposals"] == 2
    [area] = pack["forwarded"]["areas"]
    assert (area["label"], area["count"]) == ("Xã Tả Van", 2)
    promised = next(p for p in area["proposals"] if p["id"] == _arrived(store, local["promised"])["id"])
    assert promised["forwarded"]["answered"] == "Chủ tịch UBND xã: Xã sẽ đề nghị tỉnh."
    listed = {q["id"]: q for group in pack["themes"] for q in group["questions"]}
    assert listed[own["id"]]["forwarded"] is None and listed[promised["id"]]["forwarded"]["note"] == "Cần tỉnh hỗ trợ"
    page = text_of(moderator.get(f"/briefing/{PROVINCE}"))
    assert "Câu hỏi chuyển lên từ các địa bàn (2)" in page and "Chuyển lên từ ta-van-2026" in page
    docx = moderator.get(f"/api/v1/events/{PROVINCE}/briefing.docx")
    written = full_text(open_docx(docx.data))
    assert "Chuyển lên từ các địa bàn: 2 ý kiến (Xã Tả Van: 2)." in written
    assert "chuyển lên từ ta-van-2026" in written


def test_a_forwarded_question_takes_part_in_duplicate_suggestions(moderator, store, local):
    province = store.event_by_code(PROVINCE)
    earlier = questions.submit(store, province, None, "Xã cần thêm sân bóng cho thanh niên không?",
                               channel="portal", approve=True)[0]
    _forward(moderator, [local["open"]])
    proposal = _arrived(store, local["open"])
    similar = moderator.get(f"/api/v1/questions/{proposal['id']}/similar").get_json()["similar"]
    assert [found["question"]["id"] for found in similar][:1] == [earlier["id"]]


# ---------- between installations: the forwarding file ----------

def _file(client, query=""):
    response = client.get(f"/api/v1/events/{LOCAL}/forwarding.xlsx{query}")
    assert response.status_code == 200, response.get_json()
    return response.data


def _import(client, data, code=PROVINCE, expect=201):
    response = client.post(f"/api/v1/events/{code}/imports", data={"file": (io.BytesIO(data), "chuyen-len.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == expect, response.get_json()
    return response.get_json()


def test_the_forwarding_file_is_imported_above_with_its_provenance_once(moderator, app_factory, local):
    data = _file(moderator, "?note=Xã+đề+nghị")
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.values)
    assert rows[0] == tuple(header for header, _ in forwarding.FILE_COLUMNS)
    assert [row[0] for row in rows[1:]] == ["Xã cần thêm sân bóng cho thanh niên", "Hỗ trợ vay vốn khởi nghiệp thế nào?"]
    # the province on a server of its own, its dialogue in its area
    other = app_factory()
    store = other.extensions["live_store"]
    areas.create(store, "test", "lao-cai", "Tỉnh Lào Cai", "province")
    events.create(store, "test", PROVINCE, title="Đối thoại cấp tỉnh", area="lao-cai")
    events.set_phase(store, "test", PROVINCE, events.COLLECTING)
    province = logged_in(other)
    preview = province.post(f"/api/v1/events/{PROVINCE}/imports", data={
        "file": (io.BytesIO(data), "chuyen-len.xlsx"), "dry_run": "1"}, content_type="multipart/form-data").get_json()
    assert preview["ready"] and preview["new"] == 2 and preview["ignored"] == []
    done = _import(province, data)
    assert done["added"] == 2
    arrived = {q["external_id"]: q for q in store.questions(store.event_by_code(PROVINCE)["id"])}
    proposal = arrived[str(local["promised"])]
    assert (proposal["channel"], proposal["channel_detail"], proposal["district"]) == ("forwarded", LOCAL, "Xã Tả Van")
    came = forwarding.received(store, store.event_by_code(PROVINCE))[proposal["id"]]
    assert came | {"forwarded_at": None} == {
        "source_event": LOCAL, "source_ref": str(local["promised"]), "area_code": "ta-van", "area_name": "Xã Tả Van",
        "asked_text": "Hỗ trợ vay vốn khởi nghiệp thế nào?", "author": "Giàng C", "unit": None,
        "answered": "Chủ tịch UBND xã: Xã sẽ đề nghị tỉnh.", "note": "Xã đề nghị", "forwarded_at": None}
    again = province.post(f"/api/v1/events/{PROVINCE}/imports", data={"file": (io.BytesIO(data), "chuyen-len.xlsx")},
                          content_type="multipart/form-data")
    assert again.get_json()["added"] == 0 and again.get_json()["already"] == 2
    assert len(store.questions(store.event_by_code(PROVINCE)["id"])) == 2


def test_a_forwarding_file_from_another_province_is_refused_whole(moderator, app_factory, local):
    data = _file(moderator)
    other = app_factory()
    store = other.extensions["live_store"]
    areas.create(store, "test", "yen-bai", "Tỉnh Yên Bái", "province")
    events.create(store, "test", "yen-bai-2026", title="Đối thoại tỉnh Yên Bái", area="yen-bai")
    events.set_phase(store, "test", "yen-bai-2026", events.COLLECTING)
    refused = _import(logged_in(other), data, code="yen-bai-2026", expect=400)
    assert "lao-cai/ta-van" in refused["rows"][0]["problems"][0] and "tỉnh khác" in refused["rows"][0]["problems"][0]
    assert store.questions(store.event_by_code("yen-bai-2026")["id"]) == []


def test_the_file_of_the_questions_ticked_and_its_refusals(moderator, store, local):
    rows = list(load_workbook(io.BytesIO(_file(moderator, f"?questions={local['said']}"))).active.values)
    assert [row[0] for row in rows[1:]] == ["Khi nào sửa đường vào bản?"]
    assert moderator.get(f"/api/v1/events/{LOCAL}/forwarding.xlsx?questions={local['pending']}").status_code == 400
    events.set_phase(store, "test", LOCAL, events.LIVE)
    assert moderator.get(f"/api/v1/events/{LOCAL}/forwarding.xlsx").status_code == 409
