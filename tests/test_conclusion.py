"""The conclusion draft: a DOCX with every answered question, its agency and the answers given."""
import io

import docx
import pytest

URL = "/api/v1/events/demo/conclusion.docx"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def paragraphs(data):
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts


def full_text(data):
    return "\n".join(paragraphs(data))


def moderate(client, question_id, action, **body):
    response = client.post(f"/api/v1/questions/{question_id}/{action}", json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


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
        moderate(moderator, made[name]["id"], "approve")
    moderate(moderator, made["rejected"]["id"], "reject", reason="Trùng lặp")
    moderate(moderator, made["police"]["id"], "route", agency="CA")
    moderate(moderator, made["police"]["id"], "answer", answered_by="Giám đốc Công an tỉnh",
             summary="Báo ngay qua đường dây nóng của Công an tỉnh.", follow_up=True)
    moderate(moderator, made["media"]["id"], "route", agency="STTTT")
    moderate(moderator, made["media"]["id"], "answer", answered_by="Giám đốc Sở Thông tin và Truyền thông",
             summary="Cổng thông tin tỉnh có chuyên mục thanh niên.", follow_up=False)
    return made


def test_conclusion_lists_answered_questions(moderator, dialogue):
    response = moderator.get(URL)
    assert response.status_code == 200
    assert response.mimetype == DOCX_TYPE
    assert "attachment" in response.headers["Content-Disposition"]
    assert "ket-luan-demo.docx" in response.headers["Content-Disposition"]
    text = full_text(response.data)
    for name in ("police", "media"):
        assert text.count(dialogue[name]["text"]) == 1
    assert "Công an tỉnh" in text
    assert "Sở Thông tin và Truyền thông" in text
    assert "Báo ngay qua đường dây nóng của Công an tỉnh." in text
    assert "Cổng thông tin tỉnh có chuyên mục thanh niên." in text
    assert "Giám đốc Công an tỉnh" in text
    assert "Đối thoại giữa Chủ tịch UBND tỉnh với thanh niên tỉnh Lào Cai năm 2024" in text
    # in the order they were asked, each followed by its agency and answer
    police, media = text.index(dialogue["police"]["text"]), text.index(dialogue["media"]["text"])
    assert police < text.index("Báo ngay qua đường dây nóng") < media < text.index("Cổng thông tin tỉnh")


def test_unanswered_questions_are_not_in_it(moderator, dialogue):
    text = full_text(moderator.get(URL).data)
    for name in ("open", "pending", "rejected"):
        assert dialogue[name]["text"] not in text


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
    moderate(moderator, question["id"], "approve")
    moderate(moderator, question["id"], "answer", answered_by="Giám đốc Sở Giáo dục và Đào tạo",
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
