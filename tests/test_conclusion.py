"""The conclusion notice DOCX: every answered question once, with its agency and the answers given;
approved but unanswered ones under the written answers; pending and rejected ones never."""
import io

import docx
import pytest

from tests.helpers import act, body_texts, open_docx

URL = "/api/v1/events/demo/conclusion.docx"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def paragraphs(data):
    document = open_docx(data)
    texts = body_texts(document)
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts


def body(data):
    return body_texts(open_docx(data))


def written_section(data):
    texts = body(data)
    start = next(i for i, t in enumerate(texts) if t.endswith(". CÁC Ý KIẾN TRẢ LỜI BẰNG VĂN BẢN"))
    end = next(i for i, t in enumerate(texts) if t.endswith(". TỔ CHỨC THỰC HIỆN"))
    return texts[start + 1:end]


def full_text(data):
    return "\n".join(paragraphs(data))


@pytest.fixture
def dialogue(moderator, new_client, ask):
    """Two answered questions, one approved but unanswered, one pending and one rejected."""
    attendee = new_client()
    made = {
        "police": ask(attendee, "Làm sao báo cáo lừa đảo qua mạng xã hội?"),
        "media": ask(attendee, "Tỉnh có trang thông tin chính thống cho thanh niên không?"),
        "open": ask(attendee, "Câu hỏi đã duyệt nhưng chưa trả lời"),
        "pending": ask(attendee, "Câu hỏi còn chờ duyệt"),
        "rejected": ask(attendee, "Câu hỏi bị từ chối"),
    }
    for name in ("police", "media", "open"):
        act(moderator, made[name]["id"], "approve")
    act(moderator, made["rejected"]["id"], "reject", reason="Trùng lặp")
    act(moderator, made["police"]["id"], "route", agency="CA")
    act(moderator, made["police"]["id"], "answer", answered_by="Giám đốc Công an tỉnh",
        summary="Báo ngay qua đường dây nóng của Công an tỉnh.", follow_up=True)
    act(moderator, made["media"]["id"], "route", agency="STTTT")
    act(moderator, made["media"]["id"], "answer", answered_by="Giám đốc Sở Thông tin và Truyền thông",
        summary="Cổng thông tin tỉnh có chuyên mục thanh niên.", follow_up=False)
    return made


def test_conclusion_lists_answered_questions(moderator, dialogue):
    response = moderator.get(URL)
    assert response.status_code == 200
    assert response.mimetype == DOCX_TYPE
    assert "attachment" in response.headers["Content-Disposition"]
    assert "thong-bao-ket-luan-demo.docx" in response.headers["Content-Disposition"]
    text = full_text(response.data)
    texts = body(response.data)
    for name in ("police", "media"):
        assert text.count(dialogue[name]["text"]) == 1
    assert "Công an tỉnh" in text
    assert "Sở Thông tin và Truyền thông" in text
    assert "Báo ngay qua đường dây nóng của Công an tỉnh." in text
    assert "Cổng thông tin tỉnh có chuyên mục thanh niên." in text
    assert "Giám đốc Công an tỉnh" in text
    assert "Chương trình đối thoại giữa Chủ tịch UBND tỉnh với thanh niên tỉnh Lào Cai năm 2024" in text
    # each question followed by who answered (with the agency) and the answer
    police = texts.index(f"- Câu hỏi: {dialogue['police']['text']}")
    assert texts[police + 1] == "+ Giám đốc Công an tỉnh: Báo ngay qua đường dây nóng của Công an tỉnh."
    media = texts.index(f"- Câu hỏi: {dialogue['media']['text']}")
    assert texts[media + 1] == ("+ Giám đốc Sở Thông tin và Truyền thông: "
                                "Cổng thông tin tỉnh có chuyên mục thanh niên.")
    assert police < media  # in the order they were answered


def test_unanswered_questions_are_to_answer_in_writing(moderator, dialogue):
    data = moderator.get(URL).data
    text = full_text(data)
    written = "\n".join(written_section(data))
    assert text.count(dialogue["open"]["text"]) == 1
    assert f"- {dialogue['open']['text']}" in written
    # answered with follow-up: referred to in the written section, its text stays once
    assert "Trả lời bổ sung bằng văn bản nội dung đã trao đổi tại mục II: “Làm sao báo cáo lừa đảo" in written
    assert dialogue["police"]["text"] not in written
    for name in ("pending", "rejected"):
        assert dialogue[name]["text"] not in text


def test_no_lone_other_topic_heading_when_no_answered_question_has_a_topic(moderator, dialogue):
    """Section II lists the answers directly, in the DOCX and on the print page alike."""
    texts = body(moderator.get(URL).data)
    start = texts.index("II. NỘI DUNG TRAO ĐỔI, TRẢ LỜI")
    end = next(i for i, t in enumerate(texts) if t.startswith("III. "))
    section = texts[start + 1:end]
    assert "1. Nội dung khác" not in texts
    assert section[0] == f"- Câu hỏi: {dialogue['police']['text']}"
    assert [t for t in section if t.startswith("- Câu hỏi: ")] == [
        f"- Câu hỏi: {dialogue[name]['text']}" for name in ("police", "media")]
    page = moderator.get("/admin/events/demo/conclusion/print").get_data(as_text=True)
    assert "Nội dung khác" not in page
    topics = page[page.index("II. NỘI DUNG TRAO ĐỔI, TRẢ LỜI"):page.index("III. ")]
    assert "<h3>" not in topics
    assert f"- Câu hỏi: {dialogue['police']['text']}" in topics


def test_an_event_moderator_may_download_it(demo_moderator, dialogue):
    response = demo_moderator.get(URL)
    assert response.status_code == 200
    assert dialogue["police"]["text"] in full_text(response.data)


def test_empty_conclusion(moderator):
    response = moderator.get(URL)
    assert response.status_code == 200
    assert docx.Document(io.BytesIO(response.data)).paragraphs


def test_answer_agency_is_named_even_without_routing(moderator, new_client, ask):
    """An answer logged with an agency, on a question never routed, still names that agency."""
    question = ask(new_client(), "Ai phụ trách giáo dục kỹ năng số?")
    act(moderator, question["id"], "approve")
    act(moderator, question["id"], "answer", answered_by="Giám đốc Sở Giáo dục và Đào tạo",
        summary="Sở đưa kỹ năng số vào hoạt động ngoại khóa.", agency="SGDDT")
    text = full_text(moderator.get(URL).data)
    assert "Sở Giáo dục và Đào tạo" in text.replace("Giám đốc Sở Giáo dục và Đào tạo", "")


def test_anonymous_gets_401(client, dialogue):
    response = client.get(URL)
    assert response.status_code == 401
    assert response.get_json()["error"]


def test_other_event_moderator_gets_403_and_unknown_event_404(other_moderator, moderator):
    response = other_moderator.get(URL)
    assert response.status_code == 403 and response.get_json()["error"]
    response = moderator.get("/api/v1/events/khong-co/conclusion.docx")
    assert response.status_code == 404 and response.get_json()["error"]
