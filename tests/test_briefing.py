"""The briefing pack: public questions by theme and by agency with merged ones under their head, every
proposal counted per channel, district and youth group; an agency gets only its part (pack, DOCX,
JSON, page); the DOCX read back with python-docx."""
import io
import json
import re
import unicodedata

import pytest
from docx import Document

from live.dialogue import briefing, labels, merges, questions
from live.documents import briefing_docx

SECURITY, PROTECTION, OTHER_TOPIC = "Chính sách, pháp luật về an ninh mạng", "Bảo vệ thanh niên trên môi trường mạng", None
NFD_TEXT = unicodedata.normalize("NFD", "Đề nghị tăng cường kiểm soát lừa đảo trực tuyến")


@pytest.fixture
def event(store):
    return store.event_by_code("demo")


@pytest.fixture
def asked(store, event):
    """Questions of the demo event from several channels, districts and youth groups: ids by name."""
    def ask(name, text, status="approved", agency=None, topic=None, **origin):
        question = questions.submit(store, event, f"attendee-{name}", text, topic=topic, **origin)[0]
        if status in ("approved", "rejected"):
            questions.approve(store, question["id"], "test")
        if status == "rejected":
            questions.reject(store, question["id"], "test")
        if agency:
            questions.route(store, question["id"], "test", event, agency)
        return question["id"]

    ids = {
        "ca_head": ask("ca_head", NFD_TEXT, agency="CA", topic=SECURITY, channel="district",
                       channel_detail="Huyện đoàn Bát Xát", author="Nguyễn Văn An", unit="Xã Bản Vược",
                       district="Bát Xát", youth_group="farmers"),
        "ca_second": ask("ca_second", "Công an có đường dây nóng cho thanh niên không?", agency="CA",
                         topic=PROTECTION, channel="portal", district="bat xat", youth_group="students"),
        "tt_head": ask("tt_head", "Sở Thông tin có kế hoạch gỡ tin giả về tỉnh không?", agency="STTTT",
                       topic=SECURITY, channel="press", author="Lê Thị Hoa", district="Sa Pa",
                       youth_group="civil_servants"),
        "loose": ask("loose", "Câu hỏi chưa giao cơ quan, không chủ đề", channel="web"),
        "pending": ask("pending", "Câu hỏi còn chờ duyệt cho Công an", status="pending", agency="CA",
                       channel="web"),
        "rejected": ask("rejected", "Câu hỏi bị từ chối cho Công an", status="rejected", agency="CA",
                        channel="web"),
        "merged": ask("merged", "Lừa đảo qua mạng ngày càng nhiều, Công an làm gì?",
                      channel="onsite", author="Trần Bình", unit="Trường THPT số 1", district="Sa Pa",
                      youth_group="students"),
    }
    merges.merge(store, ids["merged"], ids["ca_head"], "test")
    for name, votes in (("ca_head", 9), ("ca_second", 2), ("tt_head", 5)):  # after the merge's recount
        store.update_question(ids[name], {"votes": votes})
    return ids


def entries(tally):
    return {entry["label"]: entry["count"] for entry in tally}


# ---------- the pack ----------

def test_pack_groups_by_theme_and_agency_in_the_events_order(store, event, asked):
    pack = briefing.pack(store, event)
    assert [group["label"] for group in pack["themes"]] == [SECURITY, PROTECTION, "Nội dung khác"]
    assert [q["id"] for q in pack["themes"][0]["questions"]] == [asked["ca_head"], asked["tt_head"]]  # by votes
    assert [group["key"] for group in pack["agencies"]] == ["CA", "STTTT", None]  # the demo's agency order
    assert pack["agencies"][0]["head_title"] == "Giám đốc Công an tỉnh"
    assert pack["agencies"][-1]["label"] == "Chưa phân công"
    listed = {q["id"] for group in pack["themes"] for q in group["questions"]}
    assert listed == {asked["ca_head"], asked["ca_second"], asked["tt_head"], asked["loose"]}


def test_merged_questions_stand_under_their_head_with_their_sender(store, event, asked):
    head = briefing.pack(store, event)["themes"][0]["questions"][0]
    assert head["text"] == unicodedata.normalize("NFC", NFD_TEXT)
    assert [(m["id"], m["author"], m["unit"], m["district"]) for m in head["merged"]] == [
        (asked["merged"], "Trần Bình", "Trường THPT số 1", "Sa Pa")]
    assert head["youth_group_label"] == questions.YOUTH_GROUPS["farmers"]
    assert head["channel_label"] == labels.CHANNEL_PHRASE["district"]


def test_every_proposal_received_is_counted_pending_and_rejected_are_not(store, event, asked):
    counts = briefing.pack(store, event)["counts"]
    assert (counts["questions"], counts["proposals"]) == (4, 5)  # 4 public + 1 merged into one
    phrase = labels.CHANNEL_PHRASE
    assert entries(counts["channel"]) == {phrase["onsite"]: 1, phrase["web"]: 1, phrase["district"]: 1,
                                          phrase["portal"]: 1, phrase["press"]: 1}
    assert [entry["key"] for entry in counts["channel"]] == ["onsite", "web", "district", "portal", "press"]
    # "bat xat" and "Bát Xát" are one district, spelled as first written
    assert entries(counts["district"]) == {"Bát Xát": 2, "Sa Pa": 2, "Chưa rõ": 1}
    assert entries(counts["youth_group"]) == {
        questions.YOUTH_GROUPS["civil_servants"]: 1, questions.YOUTH_GROUPS["students"]: 2,
        questions.YOUTH_GROUPS["farmers"]: 1, "Chưa rõ": 1}


def test_each_group_has_its_own_counts(store, event, asked):
    pack = briefing.pack(store, event)
    ca = pack["agencies"][0]["counts"]
    assert (ca["questions"], ca["proposals"]) == (2, 3)
    assert entries(ca["district"]) == {"Bát Xát": 2, "Sa Pa": 1}
    security = pack["themes"][0]["counts"]
    assert entries(security["channel"]) == {labels.CHANNEL_PHRASE[key]: 1
                                            for key in ("onsite", "district", "press")}


def test_an_agency_pack_holds_only_its_public_questions(store, event, asked):
    ca = store.agencies(event["id"])[3]
    assert ca["code"] == "CA"
    pack = briefing.pack(store, event, ca["id"])
    assert pack["agency"]["name"] == "Công an tỉnh"
    listed = {q["id"] for group in pack["themes"] for q in group["questions"]}
    assert listed == {asked["ca_head"], asked["ca_second"]}  # not pending, not rejected, not another's
    assert [group["key"] for group in pack["agencies"]] == ["CA"]
    assert (pack["counts"]["questions"], pack["counts"]["proposals"]) == (2, 3)


def test_an_empty_pack(store, event):
    pack = briefing.pack(store, event)
    assert pack["themes"] == [] and pack["agencies"] == []
    assert pack["counts"]["proposals"] == 0 and pack["counts"]["channel"] == []
    assert Document(io.BytesIO(briefing_docx.render(pack))).paragraphs


# ---------- the DOCX ----------

def docx_text(data):
    document = Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    return paragraphs, cells


def test_docx_holds_counts_sections_and_merged_under_head(store, event, asked):
    paragraphs, cells = docx_text(briefing_docx.render(briefing.pack(store, event)))
    text = "\n".join(paragraphs)
    assert text == unicodedata.normalize("NFC", text)
    assert paragraphs[0] == briefing_docx.KIND
    assert any(p.startswith("I. CÁC Ý KIẾN") for p in paragraphs)
    assert any(p.startswith("II. CÁC Ý KIẾN") for p in paragraphs)
    assert "Tổng số: 5 ý kiến, kiến nghị, tổng hợp thành 4 nội dung." in paragraphs
    assert ["- Bát Xát", "2"] in cells and ["- Gửi qua Cổng thông tin điện tử tỉnh", "1"] in cells
    assert ["3. Theo đối tượng thanh niên", ""] in cells
    head = paragraphs.index("Câu 1. " + unicodedata.normalize("NFC", NFD_TEXT))
    assert "9 bình chọn" in paragraphs[head + 1] and "Nguyễn Văn An, Xã Bản Vược, Bát Xát" in paragraphs[head + 1]
    assert paragraphs[head + 2] == "Cùng nội dung:"
    assert paragraphs[head + 3].startswith("- Lừa đảo qua mạng ngày càng nhiều") and "Trần Bình" in paragraphs[head + 3]
    # the same question keeps its number in section II
    assert paragraphs.count("Câu 1. " + unicodedata.normalize("NFC", NFD_TEXT)) == 2


def test_agency_docx_lacks_other_agencies_questions(store, event, asked):
    ca = next(a for a in store.agencies(event["id"]) if a["code"] == "CA")
    paragraphs, _ = docx_text(briefing_docx.render(briefing.pack(store, event, ca["id"])))
    text = "\n".join(paragraphs)
    assert "Phần giao Công an tỉnh chuẩn bị trả lời" in paragraphs[1]
    assert "Công an có đường dây nóng" in text
    assert "Sở Thông tin có kế hoạch" not in text and "chưa giao cơ quan" not in text
    assert "chờ duyệt" not in text and "bị từ chối" not in text
    assert not any(p.startswith("II.") for p in paragraphs)


# ---------- access ----------

URLS = ["/api/v1/events/demo/briefing", "/api/v1/events/demo/briefing.docx"]


@pytest.mark.parametrize("url", URLS)
def test_anonymous_and_strangers_are_refused(client, other_moderator, url):
    assert client.get(url).status_code == 401
    assert other_moderator.get(url).status_code == 403
    page = client.get("/briefing/demo")
    assert page.status_code == 302 and "/login" in page.headers["Location"]
    assert other_moderator.get("/briefing/demo").status_code == 403


def part_text(response):
    """The pack's text, from its JSON or its DOCX."""
    if response.is_json:
        return json.dumps(response.get_json(), ensure_ascii=False)
    return "\n".join(docx_text(response.data)[0])


@pytest.mark.parametrize("url", URLS)
def test_a_responder_gets_only_its_own_part(responder, asked, url):
    ca = responder("CA")
    assert ca.get(url + "?agency=STTTT").status_code == 403
    assert ca.get(url + "?agency=NOPE").status_code == 403
    for response in (ca.get(url), ca.get(url + "?agency=CA")):
        assert response.status_code == 200
        text = part_text(response)
        assert "Công an tỉnh" in text and "Công an có đường dây nóng" in text
        assert "Sở Thông tin có kế hoạch" not in text and "chưa giao cơ quan" not in text


def test_json_pack_for_a_responder_and_a_moderator(responder, moderator, asked):
    own = responder("CA").get("/api/v1/events/demo/briefing").get_json()
    assert own["agency"]["code"] == "CA"
    assert {q["id"] for g in own["themes"] for q in g["questions"]} == {asked["ca_head"], asked["ca_second"]}
    whole = moderator.get("/api/v1/events/demo/briefing").get_json()
    assert whole["agency"] is None and whole["counts"]["proposals"] == 5
    assert moderator.get("/api/v1/events/demo/briefing?agency=STTTT").get_json()["agency"]["code"] == "STTTT"
    assert moderator.get("/api/v1/events/demo/briefing?agency=NOPE").status_code == 404


def test_docx_download(moderator, responder, asked):
    response = moderator.get("/api/v1/events/demo/briefing.docx?agency=CA")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="tong-hop-y-kien-demo-ca.docx"'
    paragraphs, _ = docx_text(response.data)
    assert "Phần giao Công an tỉnh chuẩn bị trả lời" in paragraphs[1]
    own = responder("STTTT").get("/api/v1/events/demo/briefing.docx")
    assert "Sở Thông tin có kế hoạch" in "\n".join(docx_text(own.data)[0])


def test_page_for_a_moderator_and_a_responder(moderator, responder, asked):
    page = moderator.get("/briefing/demo").get_data(as_text=True)
    assert "Sở Thông tin có kế hoạch gỡ tin giả" in page and "Trần Bình" in page
    assert 'name="agency"' in page and "II. Theo cơ quan trả lời" in page
    assert not re.search(r"\sstyle\s*=|<style|\son[a-z]+\s*=", page)  # the CSP allows neither
    part = responder("CA").get("/briefing/demo")
    assert part.status_code == 200
    html = part.get_data(as_text=True)
    assert "Công an có đường dây nóng" in html and "Sở Thông tin có kế hoạch" not in html
    assert 'name="agency"' not in html  # nothing to choose


def test_links_to_the_pack(moderator, responder):
    assert "/briefing/demo" in moderator.get("/mod/demo").get_data(as_text=True)
    assert "/briefing/demo" in responder("CA").get("/agency/demo").get_data(as_text=True)
