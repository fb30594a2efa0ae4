"""The MC's words (live/dialogue/script.py): each kind's default line, the organizer's wording that
wins, the question on stage and its routed agency named in the ask and answer lines, placeholders
filled safely, the line that leads into the next item; and GET /api/v1/events/<code>/mc."""
from zoneinfo import ZoneInfo

import pytest

from live.dialogue import policy, programme, questions, script

pytestmark = pytest.mark.usefixtures("no_programme")

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
TOPIC = "Chính sách, pháp luật về an ninh mạng"
QUESTION = "Tỉnh có giải pháp gì để cảnh báo lừa đảo trực tuyến cho thanh niên vùng cao?"


def vietnamese(message, **params):
    """gettext in Vietnamese, the source language: the msgid itself."""
    return message % params if params else message


def build(store, *items):
    """The demo event with these programme items, in order; their views as staff see them."""
    event = store.event_by_code("demo")
    for item in items:
        event = programme.add(store, "test", event, item)
    return programme.view(store, event, policy.MODERATOR, ZONE)["items"]


def advance(store, to="next"):
    programme.advance(store, "test", store.event_by_code("demo"), to)


def words(store):
    return script.now(store, store.event_by_code("demo"), ZONE, vietnamese)


def texts(said):
    return [line["text"] for line in said["lines"]]


def staged_question(store, author="Lò Thị Mai", agency="CA", **sender):
    event = store.event_by_code("demo")
    question, _ = questions.submit(store, event, "attendee-mc", QUESTION, author=author, **sender)
    questions.approve(store, question["id"], "test")
    if agency:
        questions.route(store, question["id"], "test", event, agency)
    questions.stage(store, question["id"], "test")
    return question["id"]


ITEMS = [
    {"kind": "performance", "title": "Thanh niên Lào Cai vững bước", "presenter": "Đội văn nghệ Tỉnh đoàn", "duration": 10},
    {"kind": "video", "title": "Thanh niên và những tác động từ môi trường mạng",
     "presenter": "Sở Thông tin và Truyền thông", "duration": 8},
    {"kind": "figures", "title": "Quản lý nhà nước về thanh niên năm 2023", "presenter": "Sở Nội vụ", "duration": 7},
    {"kind": "dialogue", "title": "Đối thoại", "topic": TOPIC, "duration": 30},
    {"kind": "poll", "title": "Bạn đã từng gặp lừa đảo trực tuyến chưa?", "duration": 5},
    {"kind": "awards", "title": "Tặng quà thanh niên tiêu biểu", "duration": 10,
     "honourees": [{"name": "Lò Thị Mai", "unit": "Đoàn xã Tả Van"}, {"name": "Nguyễn Văn An", "unit": ""}]},
    {"kind": "break", "title": "Giải lao", "duration": 10},
    {"kind": "opening", "title": "Khai mạc", "presenter": "đồng chí Bí thư Tỉnh đoàn", "duration": 5},
    {"kind": "closing", "title": "Bế mạc", "presenter": "Chủ tịch UBND tỉnh", "duration": 5},
]
INTROS = [
    "Mở đầu chương trình, xin trân trọng giới thiệu tiết mục văn nghệ “Thanh niên Lào Cai vững bước” do Đội văn "
    "nghệ Tỉnh đoàn biểu diễn.",
    "Sau đây, xin mời quý vị đại biểu cùng theo dõi phóng sự “Thanh niên và những tác động từ môi trường mạng” do "
    "Sở Thông tin và Truyền thông thực hiện.",
    "Sau đây, xin mời đại diện Sở Nội vụ thông tin nhanh “Quản lý nhà nước về thanh niên năm 2023”.",
    f"Sau đây, xin mời quý vị đại biểu và các bạn đoàn viên, thanh niên cùng đối thoại về nội dung “{TOPIC}”.",
    "Sau đây, xin mời các bạn đoàn viên, thanh niên dùng điện thoại trả lời câu hỏi thăm dò ý kiến “Bạn đã từng gặp "
    "lừa đảo trực tuyến chưa?”.",
    "Sau đây, xin trân trọng kính mời đồng chí Chủ tịch UBND tỉnh lên tặng quà các bạn thanh niên tiêu biểu.",
    "Sau đây, xin mời quý vị đại biểu nghỉ giải lao 10 phút.",
    "Sau đây, xin trân trọng kính mời đồng chí Bí thư Tỉnh đoàn phát biểu khai mạc chương trình.",  # no "đồng chí" twice
    "Sau đây, xin trân trọng kính mời đồng chí Chủ tịch UBND tỉnh phát biểu bế mạc chương trình.",
]


def test_every_kind_has_a_default_intro_naming_the_item(store):
    shown = build(store, *ITEMS)
    assert {item["kind"] for item in shown} == set(programme.KINDS)
    assert [script.intro(item, position, vietnamese) for position, item in enumerate(shown)] == INTROS


def test_without_a_presenter_or_a_content_the_default_says_none(store):
    shown = build(store, {"kind": "performance", "title": "Múa xòe", "duration": 5},
                  {"kind": "video", "title": "Phóng sự", "duration": 5}, {"kind": "dialogue", "title": "Đối thoại", "duration": 5},
                  {"kind": "opening", "title": "Khai mạc", "duration": 5})
    assert [script.intro(item, position, vietnamese) for position, item in enumerate(shown)] == [
        "Mở đầu chương trình, xin trân trọng giới thiệu tiết mục văn nghệ “Múa xòe”.",
        "Sau đây, xin mời quý vị đại biểu cùng theo dõi phóng sự “Phóng sự”.",
        "Sau đây, xin mời quý vị đại biểu và các bạn đoàn viên, thanh niên bước vào phần đối thoại.",
        "Sau đây, xin trân trọng kính mời đại diện Ban Tổ chức phát biểu khai mạc chương trình."]


def test_a_poll_item_names_its_polls_question(store, moderator):
    poll = moderator.post("/api/v1/events/demo/polls", json={"text": "Bạn lấy tin tức chủ yếu từ đâu?",
                                                             "options": ["Mạng xã hội", "Báo chí"]}).get_json()
    build(store, {"kind": "poll", "title": "Thăm dò nhanh", "duration": 5, "poll_id": poll["id"]})
    advance(store)
    assert texts(words(store))[0] == ("Mở đầu chương trình, xin mời các bạn đoàn viên, thanh niên dùng điện thoại "
                                      "trả lời câu hỏi thăm dò ý kiến “Bạn lấy tin tức chủ yếu từ đâu?”.")


def test_the_awards_call_their_honourees_to_the_stage(store):
    build(store, ITEMS[5])
    advance(store)
    assert texts(words(store)) == [
        "Mở đầu chương trình, xin trân trọng kính mời đồng chí Chủ tịch UBND tỉnh lên tặng quà các bạn thanh niên "
        "tiêu biểu.",
        "Xin trân trọng kính mời các bạn sau lên sân khấu nhận quà: Lò Thị Mai, Đoàn xã Tả Van; Nguyễn Văn An."]


def test_the_organizers_wording_wins_and_is_said_as_written(store):
    own = "Kính thưa quý vị, mời quý vị thưởng thức “{title}” của {presenter}."
    shown = build(store, ITEMS[1], {**ITEMS[0], "script": {"intro": own}})
    expected = "Kính thưa quý vị, mời quý vị thưởng thức “Thanh niên Lào Cai vững bước” của Đội văn nghệ Tỉnh đoàn."
    assert script.intro(shown[1], 1, vietnamese) == expected
    assert script.intro(shown[1], 1, vietnamese, leading=True) == expected  # no "Tiếp theo chương trình" before it
    advance(store)
    assert words(store)["next_line"] == expected


def test_the_line_into_the_next_item_follows_the_programme(store):
    build(store, *ITEMS[:3])
    before = words(store)
    assert before["item"] is None and before["lines"] == []
    assert before["next_line"] == INTROS[0]  # the first item opens the programme
    advance(store)
    running = words(store)
    assert texts(running) == [INTROS[0]] and running["next"]["title"] == ITEMS[1]["title"]
    assert running["next_line"] == ("Tiếp theo chương trình, xin mời quý vị đại biểu cùng theo dõi phóng sự “Thanh "
                                    "niên và những tác động từ môi trường mạng” do Sở Thông tin và Truyền thông thực hiện.")
    advance(store)
    advance(store)
    last = words(store)
    assert texts(last) == [INTROS[2]] and last["next"] is None and last["next_line"] is None
    advance(store, "back")
    assert texts(words(store)) == [INTROS[1]]


def test_a_question_on_stage_in_a_dialogue_segment_is_invited_and_its_agency_answers(store):
    build(store, ITEMS[3])
    advance(store)
    assert texts(words(store)) == [INTROS[3].replace("Sau đây", "Mở đầu chương trình")]
    question_id = staged_question(store, unit="Đoàn Thanh niên xã Tả Van", district="thị xã Sa Pa")
    said = words(store)
    assert texts(said) == ["Xin mời bạn Lò Thị Mai, Đoàn Thanh niên xã Tả Van, thị xã Sa Pa, đặt câu hỏi.",
                           "Xin mời đồng chí Giám đốc Công an tỉnh trả lời."]
    assert [line["kind"] for line in said["lines"]] == ["ask", "answer"]
    assert said["question"] == {"id": question_id, "text": QUESTION, "author": "Lò Thị Mai",
                                "unit": "Đoàn Thanh niên xã Tả Van, thị xã Sa Pa", "agency": "Giám đốc Công an tỉnh"}


@pytest.mark.parametrize("author, sender, agency, ask, answer", [
    ("Lò Thị Mai", {}, None, "Xin mời bạn Lò Thị Mai đặt câu hỏi.", "Xin mời đồng chí Chủ tịch UBND tỉnh trả lời."),
    (None, {"district": "huyện Bát Xát"}, "CA", f"Câu hỏi từ huyện Bát Xát: “{QUESTION}”",
     "Xin mời đồng chí Giám đốc Công an tỉnh trả lời."),
    (None, {}, "STTTT", f"Câu hỏi từ hội trường: “{QUESTION}”",
     "Xin mời đồng chí Giám đốc Sở Thông tin và Truyền thông trả lời."),
])
def test_the_default_ask_and_answer_lines_say_what_is_known(store, author, sender, agency, ask, answer):
    build(store, ITEMS[3])
    advance(store)
    staged_question(store, author=author, agency=agency, **sender)
    assert texts(words(store)) == [ask, answer]


def test_an_agency_without_a_head_title_is_answered_by_its_leader():
    question = {"author": "", "unit": "", "district": "", "agency_head_title": None, "agency_name": "Sở Du lịch",
                "text": QUESTION}
    assert script.invite(None, question, "answer", vietnamese) == "Xin mời đồng chí lãnh đạo Sở Du lịch trả lời."


def test_the_organizers_ask_and_answer_are_filled_from_the_question_on_stage(store):
    build(store, {**ITEMS[3], "script": {"ask": "Mời bạn {name} ({unit}) nêu câu hỏi về {topic}.",
                                         "answer": "Đề nghị đồng chí {agency} trả lời câu hỏi của bạn {name}."}})
    advance(store)
    staged_question(store, unit="Trường Cao đẳng Lào Cai")
    assert texts(words(store)) == [f"Mời bạn Lò Thị Mai (Trường Cao đẳng Lào Cai) nêu câu hỏi về {TOPIC}.",
                                   "Đề nghị đồng chí Giám đốc Công an tỉnh trả lời câu hỏi của bạn Lò Thị Mai."]


def test_unknown_placeholders_stay_as_written_and_never_raise(store):
    build(store, {**ITEMS[3], "script": {"ask": "Mời {name} {ten_khac} {} {0} {name hỏi {{unit}}.",
                                         "answer": "Mời {agency}, 100% {x.y} trả lời."}})
    advance(store)
    staged_question(store, unit="Đoàn xã Tả Van")
    assert texts(words(store)) == ["Mời Lò Thị Mai {ten_khac} {} {0} {name hỏi {Đoàn xã Tả Van}.",
                                   "Mời Giám đốc Công an tỉnh, 100% {x.y} trả lời."]


def test_a_wording_that_needs_what_is_not_known_gives_the_default(store):
    build(store, {**ITEMS[3], "script": {"ask": "Xin mời bạn {name}, {unit}, đặt câu hỏi.",
                                         "answer": "Xin mời đồng chí {agency} trả lời."}})
    advance(store)
    staged_question(store, author=None, agency=None)
    assert texts(words(store)) == [f"Câu hỏi từ hội trường: “{QUESTION}”", "Xin mời đồng chí Chủ tịch UBND tỉnh trả lời."]


def test_fill():
    assert script.fill("Mời {name} ({unit})", {"name": "An", "unit": "Sa Pa"}) == "Mời An (Sa Pa)"
    assert script.fill("Mời {name} {other}", {"name": "An"}) == "Mời An {other}"
    assert script.fill("Mời {name}", {"name": ""}) is None
    assert script.fill("{name}", {"name": "{unit}", "unit": "x"}) == "{unit}"  # filled once, never again


def test_outside_a_dialogue_segment_the_stage_does_not_change_the_words(store):
    build(store, ITEMS[0], ITEMS[3])
    staged_question(store)
    advance(store)
    said = words(store)
    assert texts(said) == [INTROS[0]] and said["question"] is None


def test_with_no_programme_a_question_on_stage_is_still_invited(store):
    staged_question(store)
    said = words(store)
    assert said["item"] is None and said["next"] is None
    assert texts(said) == ["Xin mời bạn Lò Thị Mai đặt câu hỏi.", "Xin mời đồng chí Giám đốc Công an tỉnh trả lời."]


def test_the_printed_script_shows_the_ask_and_answer_lines_with_placeholders(store):
    shown = build(store, ITEMS[3])
    assert [line["text"] for line in script.written(shown[0], 0, vietnamese)] == [
        INTROS[3].replace("Sau đây", "Mở đầu chương trình"),
        "Xin mời bạn [họ và tên], [đơn vị], đặt câu hỏi.", "Xin mời đồng chí [chức danh người trả lời] trả lời."]


# ---------------------------------------------------------------------------------------- the API

def test_the_mc_route_gives_the_words_in_the_pages_language(moderator, store):
    build(store, ITEMS[0], ITEMS[1])
    advance(store)
    said = moderator.get("/api/v1/events/demo/mc").get_json()
    assert said["lines"] == [{"kind": "intro", "text": INTROS[0]}]
    assert said["version"] == store.event_by_code("demo")["programme_version"]
    english = moderator.get("/api/v1/events/demo/mc?lang=en").get_json()
    assert english["lines"][0]["text"] == ("To open the programme, please welcome the performance “Thanh niên Lào Cai "
                                           "vững bước” by Đội văn nghệ Tỉnh đoàn.")
    assert english["next_line"].startswith("Next in the programme, distinguished guests, please watch the report")


def test_the_mc_follows_a_stage_change_made_through_the_api(moderator, store, new_client, ask):
    build(store, ITEMS[3])
    assert moderator.post("/api/v1/events/demo/programme/advance", json={"to": "next"}).status_code == 200
    question = ask(new_client(), QUESTION, author="Lò Thị Mai", unit="Đoàn xã Tả Van")
    for action, body in (("approve", {}), ("route", {"agency": "CA"}), ("stage", {})):
        assert moderator.post(f"/api/v1/questions/{question['id']}/{action}", json=body).status_code == 200
    assert [line["text"] for line in moderator.get("/api/v1/events/demo/mc").get_json()["lines"]] == [
        "Xin mời bạn Lò Thị Mai, Đoàn xã Tả Van, đặt câu hỏi.", "Xin mời đồng chí Giám đốc Công an tỉnh trả lời."]
