"""The organizer's programme: the editor page (organizers only, linked from the staff home), the import
from a spreadsheet (preview, then the whole programme replaced or nothing), the `flask programme`
commands, and the demo's programme and polls from the plan."""
import csv
import io
import json
import re
from datetime import time
from pathlib import Path

import pytest

from live.dialogue import demo, events, polls, programme, programme_import

from .conftest import DEMO
from .helpers import text_of, xlsx

PAGE = "/admin/events/demo/programme"
IMPORT = "/admin/events/demo/programme/import"
SAMPLE = Path(__file__).resolve().parent.parent / "docs" / "samples" / "chuong-trinh.csv"
HEADER = ["Giờ", "Thời lượng (phút)", "Loại", "Nội dung", "Người thực hiện", "Chủ đề", "Lời dẫn"]
ROWS = [
    ["07:45", "15", "Văn nghệ", "Múa chào mừng", "Đội văn nghệ Tỉnh đoàn", "", "Xin mời quý vị thưởng thức"],
    ["", "30", "Đối thoại", "Đối thoại về an ninh mạng", "Chủ tịch UBND tỉnh", "Trách nhiệm của thanh niên", ""],
    ["", "10 phút", "closing", "Bế mạc", "", "", ""],
]


def csv_bytes(rows, delimiter=";"):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode("utf-8")


def preview(client, data, name="chuong-trinh.csv"):
    return client.post(IMPORT, data={"action": "preview", "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def token_of(response):
    found = re.search(r'name="token" value="([^"]+)"', response.get_data(as_text=True))
    return found and found.group(1)


def confirm(client, token):
    return client.post(IMPORT, data={"action": "confirm", "token": token or ""})


def row_problems(response):
    """[(line, problem)] as the preview lists them above its table."""
    html = response.get_data(as_text=True)
    return [(int(line), text) for line, text in re.findall(r'<li><a href="#dong-(\d+)">[^<]*</a>: ([^<]*)</li>', html)]


def titles(store):
    return [item["title"] for item in store.programme(store.event_by_code(DEMO)["id"])]


def page_config(response):
    found = re.search(r'<script type="application/json" id="page">(.*?)</script>', response.get_data(as_text=True), re.S)
    return json.loads(found.group(1))


# ---------------------------------------------------------------------------------------- the page

def test_the_organizer_gets_the_editor_with_the_programme_and_polls(moderator, store):
    response = moderator.get(PAGE)
    assert response.status_code == 200
    config = page_config(response)
    assert [item["title"] for item in config["programme"]["items"]] == titles(store)
    assert config["programme"]["version"] == store.event_by_code(DEMO)["programme_version"]
    assert [poll["text"] for poll in config["polls"]] == [poll["text"] for poll in demo.POLLS]
    assert config["urls"]["order"] == "/api/v1/events/demo/programme/order"
    assert config["asking"][programme.DIALOGUE] is True and config["asking"][programme.VIDEO] is False
    assert config["labels"]["item_kind"][programme.FIGURES] == "Thông tin nhanh"
    html = response.get_data(as_text=True)
    assert 'id="item-form"' in html and 'id="poll-form"' in html
    assert f'data-kinds="{programme.DIALOGUE}"' in html  # the topic's part shows for a dialogue segment
    assert "Thăm dò ý kiến" in text_of(response)


@pytest.mark.parametrize("page", ["/staff", "/mod/demo"])
def test_the_staff_home_and_the_console_link_the_editor_for_organizers_only(moderator, demo_moderator, page):
    assert f'href="{PAGE}"' in moderator.get(page).get_data(as_text=True)
    assert f'href="{PAGE}"' not in demo_moderator.get(page).get_data(as_text=True)


def test_moderators_and_strangers_are_refused(demo_moderator, client):
    assert demo_moderator.get(PAGE).status_code == 403
    assert demo_moderator.get(IMPORT).status_code == 403
    assert client.get(PAGE).headers["Location"] == f"/login?next={PAGE}"


def test_the_page_speaks_english(moderator):
    response = moderator.get(PAGE + "?lang=en")
    assert "Add item" in text_of(response) and "Import from a spreadsheet" in text_of(response)
    assert page_config(response)["labels"]["item_kind"][programme.PERFORMANCE] == "Performance"


# ---------------------------------------------------------------------------------------- the import

def test_a_preview_writes_nothing_and_a_confirmation_replaces_the_programme(moderator, store):
    before = titles(store)
    response = preview(moderator, csv_bytes([HEADER, *ROWS]))
    assert response.status_code == 200
    shown = text_of(response)
    assert "Múa chào mừng" in shown and "Sẽ nhập" in shown and "Xác nhận nhập 3 mục" in shown
    assert titles(store) == before
    token = token_of(response)
    response = confirm(moderator, token)
    assert response.status_code == 302 and response.headers["Location"] == PAGE
    items = store.programme(store.event_by_code(DEMO)["id"])
    assert [(i["kind"], i["title"], i["planned_start"], i["duration"]) for i in items] == [
        ("performance", "Múa chào mừng", "07:45", 15), ("dialogue", "Đối thoại về an ninh mạng", None, 30),
        ("closing", "Bế mạc", None, 10)]
    assert json.loads(items[0]["script"]) == {"intro": "Xin mời quý vị thưởng thức"}
    topic = events.topic_id(store, store.event_by_code(DEMO), "Trách nhiệm của thanh niên")
    assert items[1]["topic_id"] == topic and items[1]["asking"] == 1
    assert "Đã nhập chương trình: 3 mục." in text_of(moderator.get(PAGE))
    assert confirm(moderator, token).status_code == 404  # the upload went with the import


def test_one_bad_row_and_nothing_is_imported(moderator, store):
    before = titles(store)
    rows = [*ROWS, ["", "0", "Giải lao", "Nghỉ", "", "", ""], ["", "5", "Hội thảo", "Sai loại", "", "", ""],
            ["", "20", "Đối thoại", "Chủ đề lạ", "", "Không có chủ đề này", ""]]
    response = preview(moderator, csv_bytes([HEADER, *rows]))
    assert row_problems(response) == [
        (5, "Thời lượng phải là số phút, từ 1 đến 600."),
        (6, "Không rõ loại mục “Hội thảo”: hãy ghi tên loại (như Văn nghệ, Đối thoại) hoặc mã: opening, "
            "performance, video, figures, dialogue, poll, awards, break, closing."),
        (7, "Không có chủ đề “Không có chủ đề này” trong sự kiện này.")]
    assert token_of(response) is None and "Tệp còn lỗi nên chưa nhập được" in text_of(response)
    assert confirm(moderator, None).status_code == 404
    assert titles(store) == before


def test_a_file_that_went_wrong_after_its_preview_is_not_imported(moderator, store):
    """The file is checked again when confirmed: a topic removed meanwhile refuses every row."""
    before = titles(store)
    token = token_of(preview(moderator, csv_bytes([HEADER, *ROWS])))
    events.update(store, "test", DEMO, topics=["Chỉ còn chủ đề này"])
    response = confirm(moderator, token)
    assert response.status_code == 400
    assert "Chưa nhập: tệp còn lỗi. Chương trình không thay đổi." in text_of(response)
    assert row_problems(response) == [(3, "Không có chủ đề “Trách nhiệm của thanh niên” trong sự kiện này.")]
    assert titles(store) == before


def test_a_workbook_in_english_with_time_cells(moderator, store):
    rows = [["start", "duration", "kind", "title", "presenter"], [time(8, 30), 10, "Văn nghệ", "Hát múa", "Tỉnh đoàn"],
            [None, 5, "break", "Giải lao", None]]
    token = token_of(preview(moderator, xlsx(rows), "kich-ban.xlsx"))
    assert confirm(moderator, token).status_code == 302
    items = store.programme(store.event_by_code(DEMO)["id"])
    assert [(i["planned_start"], i["duration"], i["kind"], i["presenter"]) for i in items] == [
        ("08:30", 10, "performance", "Tỉnh đoàn"), (None, 5, "break", None)]


def test_files_that_are_no_programme(moderator, store):
    before = titles(store)
    for data, said in [(b"\x00\x01binary", "Tệp không phải bảng tính XLSX hoặc CSV."),
                       (csv_bytes([["Nội dung", "Người thực hiện"], ["Văn nghệ", "Tỉnh đoàn"]]),
                        "Thiếu cột bắt buộc: kind, duration."),
                       (csv_bytes([HEADER]), "Tệp chỉ có dòng tên cột, chưa có mục chương trình nào.")]:
        response = preview(moderator, data)
        assert said in text_of(response) and token_of(response) is None
    response = moderator.post(IMPORT, data={"action": "preview"}, content_type="multipart/form-data")
    assert response.status_code == 400 and "Hãy chọn tệp XLSX hoặc CSV." in text_of(response)
    assert titles(store) == before


def test_no_import_while_the_programme_runs(moderator, store):
    token = token_of(preview(moderator, csv_bytes([HEADER, *ROWS])))
    event = store.event_by_code(DEMO)
    programme.advance(store, "test", event, "next")
    before = titles(store)
    response = preview(moderator, csv_bytes([HEADER, *ROWS]))
    assert "Chương trình đang diễn ra; không thay cả chương trình lúc này." in text_of(response)
    assert token_of(response) is None
    response = confirm(moderator, token)
    assert response.status_code == 409 and titles(store) == before


def test_a_spreadsheet_larger_than_a_form_is_taken(moderator):
    """Uploads may be larger than the 64 KB of other requests, as for the questions' import."""
    note = "Ghi chú của ban tổ chức. " * 400
    data = csv_bytes([[*HEADER, "Ghi chú"], *[["", "5", "Giải lao", f"Nghỉ {n}", "", "", "", note] for n in range(8)]])
    assert len(data) > 64 * 1024
    response = preview(moderator, data)
    assert token_of(response) and "Bỏ qua các cột không dùng: Ghi chú." in text_of(response)


def test_the_sample_file_is_the_demos_programme(store):
    table = programme_import.read(SAMPLE.read_bytes())
    plan = programme_import.preview(store, store.event_by_code(DEMO), table)
    assert programme_import.ready(plan)
    expected = [(item["kind"], item["title"], item.get("presenter"), item["duration"], item.get("topic"))
                for item in demo.PROGRAMME]
    assert [(r["item"]["kind"], r["item"]["title"], r["item"]["presenter"] or None, r["item"]["duration"],
             r["item"]["topic"]) for r in plan["rows"]] == expected


# ---------------------------------------------------------------------------------------- the CLI

def test_flask_programme_show(runner):
    result = runner.invoke(args=["programme", "show", DEMO])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "08:00\t10 phút\tVăn nghệ\tVăn nghệ chào mừng (Tỉnh đoàn Lào Cai)"
    assert lines[4].startswith("08:35\t20 phút\tĐối thoại\tĐối thoại: Chính sách, pháp luật về an ninh mạng")
    assert lines[-1] == f"{len(demo.PROGRAMME)} mục, dự kiến kết thúc 10:25"
    result = runner.invoke(args=["programme", "show", "khong-co"])
    assert result.exit_code == 1 and result.output == "Error: Không có sự kiện với mã này.\n"


def test_flask_programme_import(runner, store, tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(csv_bytes([HEADER, *ROWS]))
    bad.write_bytes(csv_bytes([HEADER, *ROWS, ["", "x", "Văn nghệ", "Sai", "", "", ""]]))
    before = titles(store)
    result = runner.invoke(args=["programme", "import", DEMO, str(bad)])
    assert result.exit_code == 1 and result.exception is not None and "Traceback" not in result.output
    assert result.output.splitlines() == ["dòng 5: Thời lượng phải là số phút, từ 1 đến 600.",
                                          "Error: Chưa nhập: tệp còn lỗi. Chương trình không thay đổi."]
    assert titles(store) == before
    result = runner.invoke(args=["programme", "import", DEMO, str(good)])
    assert result.exit_code == 0 and result.output == "Đã nhập chương trình: 3 mục.\n"
    assert titles(store) == ["Múa chào mừng", "Đối thoại về an ninh mạng", "Bế mạc"]


# ---------------------------------------------------------------------------------------- the demo

def test_the_demo_has_the_plans_programme(store):
    event = store.event_by_code(DEMO)
    items = store.programme(event["id"])
    assert [item["kind"] for item in items] == [
        "performance", "opening", "video", "figures", *["dialogue"] * 4, "poll", "awards", "closing"]
    assert items[0]["planned_start"] == "08:00" and items[0]["presenter"] == "Tỉnh đoàn Lào Cai"
    assert "Thanh niên và những tác động từ môi trường mạng" in items[2]["title"]
    assert items[3]["presenter"] == "Sở Nội vụ" and len(json.loads(items[3]["details"])["figures"]) >= 3
    segments = [item for item in items if item["kind"] == programme.DIALOGUE]
    assert [item["topic_id"] for item in segments] == [topic["id"] for topic in store.topics(event["id"])]
    assert all(item["asking"] for item in segments)
    assert not any(item["asking"] for item in items if item["kind"] != programme.DIALOGUE)
    honourees = json.loads(items[-2]["details"])["honourees"]
    assert len(honourees) >= 4 and all(h["name"] and h["unit"] for h in honourees)


def test_the_demo_has_its_three_draft_polls_one_on_the_poll_item(store):
    event = store.event_by_code(DEMO)
    made = store.polls(event["id"])
    assert [(p["text"], p["kind"], p["state"]) for p in made] == [
        ("Bạn đã từng gặp lừa đảo trực tuyến chưa?", polls.SINGLE, polls.DRAFT),
        ("Bạn lấy tin tức chủ yếu từ đâu?", polls.MULTIPLE, polls.DRAFT),
        ("Bạn đánh giá mức độ an toàn của môi trường mạng hiện nay?", polls.SCALE, polls.DRAFT)]
    assert 1 < made[1]["max_choices"] < len(store.poll_options([made[1]["id"]]))
    assert len(store.poll_options([made[2]["id"]])) == 5
    [item] = [item for item in store.programme(event["id"]) if item["kind"] == programme.POLL]
    assert item["poll_id"] == made[0]["id"]


def test_the_demo_programme_is_made_once(store):
    assert demo.ensure(store, demo.PLAN_DAY)[1] is False
    assert len(store.programme(store.event_by_code(DEMO)["id"])) == len(demo.PROGRAMME)
    assert len(store.polls(store.event_by_code(DEMO)["id"])) == len(demo.POLLS)
