"""The word list: listed words flag a question for the moderator; nothing is dropped."""
import pytest

from live.dialogue import questions, screening

from .conftest import DEMO


@pytest.mark.parametrize("text, expected", [
    ("Đồ ngu, sao không trả lời?", ["đồ ngu"]),
    ("do ngu sao ko tra loi", ["do ngu"]),  # as typed without diacritics
    ("This is a SCAM", ["scam"]),
    ("Vào www.vaynhanh.vn để vay nóng", ["www", "vay nóng"]),
    ("Thanh niên cá độ bóng đá qua mạng ngày càng nhiều", ["cá độ"]),
])
def test_listed_words_are_found_whole(text, expected):
    assert screening.flagged_words(text) == expected


@pytest.mark.parametrize("text", [
    "Em đeo khẩu trang khi ra đường",       # "đeo" is not "đéo"
    "Bộ máy hành chính cấp xã",            # nor "bo may" an insult
    "bo may hanh chinh cap xa",
    "Kỹ năng skill cho sinh viên",          # "kill" inside a word
])
def test_everyday_words_are_not_flagged(text):
    assert screening.flagged_words(text) == []


def test_decomposed_input_matches_like_composed():
    import unicodedata
    assert screening.flagged_words(unicodedata.normalize("NFD", "Đồ ngu")) == ["đồ ngu"]


def test_a_flagged_question_waits_for_a_moderator_even_without_approval(app, store, ask, client, moderator):
    store.update_event(store.event_by_code(DEMO)["id"], {"requires_approval": 0})
    clean = ask(client, "Câu hỏi bình thường về việc làm")
    flagged = ask(client, "Sao lãnh đạo khốn nạn thế")
    assert clean["status"] == "approved"
    assert flagged["status"] == "pending"  # kept, not dropped: a moderator decides
    staff = {q["id"]: q for q in moderator.get(f"/api/v1/events/{DEMO}/questions").get_json()["questions"]}
    assert staff[flagged["id"]]["flags"] == ["khốn nạn"] and staff[clean["id"]]["flags"] == []
    public = client.get(f"/api/v1/events/{DEMO}/questions").get_json()["questions"]
    assert "flags" not in public[0]


def test_the_author_name_is_screened_too(store, demo_event):
    question, _ = questions.submit(store, demo_event, "a", "Câu hỏi", author="Thằng chó")
    assert question["flags"] is not None and "thằng chó" in question["flags"]
