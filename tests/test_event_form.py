"""The event form's topic and agency rows without JavaScript: each row button (add, remove, move up or
down) re-renders the form with the change and saves nothing; only "Lưu sự kiện" saves. Problems are
shown in the page, at their row, never as a 500."""
import lxml.html
import pytest
from werkzeug.datastructures import MultiDict

from live.dialogue import demo, events

from .conftest import DEMO

FORM = f"/admin/events/{DEMO}"
TOPICS = [topic["name"] for topic in demo.TOPICS]
AGENCY_CODES = [agency[0] for agency in demo.AGENCIES]


def page_of(response):
    return lxml.html.fromstring(response.get_data(as_text=True))


def fields_of(page):
    """[(name, value)] the browser would post from the event form (not the <template> rows)."""
    [form] = page.xpath('//form[contains(@class, "event-form")]')
    fields = []
    for element in form.xpath(".//*[self::input or self::select or self::textarea][@name][not(ancestor::template)]"):
        kind = element.get("type")
        if kind in ("submit", "button") or element.get("disabled") is not None:
            continue
        if kind == "checkbox" and element.get("checked") is None:
            continue
        fields.append((element.get("name"), element.value or ""))
    return fields


def column(page, name):
    """The values of one column of rows (e.g. topics-name), in order."""
    return [value for key, value in fields_of(page) if key == name]


def changed(fields, name, index, value):
    """The fields with the index-th field called `name` set to `value`."""
    seen, result = -1, []
    for key, old in fields:
        seen += key == name
        result.append((key, value if key == name and seen == index else old))
    return result


def post(client, page_or_fields, path=FORM, action=None):
    fields = page_or_fields if isinstance(page_or_fields, list) else fields_of(page_or_fields)
    fields = fields + [("csrf_token", client.csrf_token())] + ([("row_action", action)] if action else [])
    return client.post(path, data=MultiDict(fields))


def saved_topics(store):
    return [topic["name"] for topic in store.topics(store.event_by_code(DEMO)["id"])]


def saved_agencies(store):
    return [agency["code"] for agency in store.agencies(store.event_by_code(DEMO)["id"])]


def problem(page):
    return page.xpath('string(//p[contains(@class, "notice error") and not(contains(@class, "unreachable"))])')


def test_each_topic_and_agency_is_a_row_of_inputs(moderator):
    page = page_of(moderator.get(FORM))
    assert column(page, "topics-name") == TOPICS
    assert column(page, "agencies-code") == AGENCY_CODES
    assert column(page, "agencies-head_title")[0] == demo.AGENCIES[0][3]
    assert len(column(page, "agencies-email")) == len(AGENCY_CODES)
    assert not page.xpath('//textarea[@name="topics" or @name="agencies"]')  # no more "a | b" lines
    for value in ("add:topics", "add:agencies", "remove:topics:1", "up:agencies:2", "down:agencies:0"):
        [button] = page.xpath(f'//button[@name="row_action"][@value="{value}"]')
        assert button.get("formnovalidate") is not None  # a row button never waits for the title


def test_a_new_event_starts_with_one_empty_row_of_each(moderator):
    page = page_of(moderator.get("/admin/events/new"))
    assert column(page, "topics-name") == [""] and column(page, "agencies-code") == [""]


def test_add_a_row_rerenders_with_what_was_typed_and_saves_nothing(moderator, store):
    page = page_of(moderator.get(FORM))
    typed = changed(changed(fields_of(page), "title", 0, "Tên đang gõ dở"), "topics-name", 0, "Chủ đề đang sửa")
    response = post(moderator, typed, action="add:topics")
    assert response.status_code == 200
    again = page_of(response)
    assert column(again, "topics-name") == ["Chủ đề đang sửa", *TOPICS[1:], ""]
    assert column(again, "title") == ["Tên đang gõ dở"]
    assert again.xpath('//input[@name="topics-name"][not(ancestor::template)]')[-1].get("autofocus") is not None
    assert saved_topics(store) == TOPICS and store.event_by_code(DEMO)["title"] == demo.EVENT["title"]


def test_remove_a_row_then_save(moderator, store):
    response = post(moderator, page_of(moderator.get(FORM)), action="remove:topics:1")
    assert response.status_code == 200
    again = page_of(response)
    assert column(again, "topics-name") == [TOPICS[0], *TOPICS[2:]]
    assert saved_topics(store) == TOPICS  # not yet
    saved = post(moderator, again)
    assert saved.status_code == 302
    assert saved_topics(store) == [TOPICS[0], *TOPICS[2:]]


def test_remove_every_row_then_save_leaves_no_topics(moderator, store):
    page = page_of(moderator.get(FORM))
    for _ in TOPICS:
        page = page_of(post(moderator, page, action="remove:topics:0"))
    assert column(page, "topics-name") == []
    assert post(moderator, page).status_code == 302
    assert saved_topics(store) == [] and saved_agencies(store) == AGENCY_CODES


def test_move_rows_up_and_down_then_save(moderator, store):
    response = post(moderator, page_of(moderator.get(FORM)), action="up:agencies:2")
    moved = page_of(response)
    order = [AGENCY_CODES[0], AGENCY_CODES[2], AGENCY_CODES[1], *AGENCY_CODES[3:]]
    assert column(moved, "agencies-code") == order
    # the pressed button keeps the focus, on the row it moved
    assert moved.xpath('//button[@value="up:agencies:1"]')[0].get("autofocus") is not None
    moved = page_of(post(moderator, moved, action="down:agencies:0"))
    order = [order[1], order[0], *order[2:]]
    assert column(moved, "agencies-code") == order
    # moving the first row up or the last one down changes nothing
    edge = page_of(post(moderator, moved, action="up:topics:0"))
    assert column(edge, "topics-name") == TOPICS and column(edge, "agencies-code") == order
    assert saved_agencies(store) == AGENCY_CODES
    assert post(moderator, edge).status_code == 302
    assert saved_agencies(store) == order


def test_an_added_row_is_saved_and_an_empty_one_is_not(moderator, store):
    page = page_of(post(moderator, page_of(moderator.get(FORM)), action="add:agencies"))
    page = page_of(post(moderator, page, action="add:agencies"))  # left empty: not saved
    fields = fields_of(page)
    last = len(AGENCY_CODES)
    for name, value in (("code", "sct"), ("name", "Sở Công Thương"), ("head_title", "Giám đốc Sở Công Thương"),
                        ("email", "sct@laocai.gov.vn")):
        fields = changed(fields, f"agencies-{name}", last, value)
    assert post(moderator, fields).status_code == 302
    assert saved_agencies(store) == [*AGENCY_CODES, "SCT"]
    added = store.agencies(store.event_by_code(DEMO)["id"])[-1]
    assert (added["name"], added["head_title"], added["email"]) == (
        "Sở Công Thương", "Giám đốc Sở Công Thương", "sct@laocai.gov.vn")


def test_create_an_event_with_rows(moderator, store):
    page = page_of(moderator.get("/admin/events/new"))
    fields = changed(changed(fields_of(page), "code", 0, "doi-thoai-2025"), "title", 0, "Đối thoại 2025")
    fields = changed(changed(fields, "topics-name", 0, "Việc làm"), "topics-description", 0, "Việc làm cho thanh niên")
    fields = changed(changed(fields, "agencies-code", 0, "SLDTBXH"), "agencies-name", 0, "Sở Lao động")
    page = page_of(post(moderator, fields, path="/admin/events/new", action="add:topics"))
    assert column(page, "code") == ["doi-thoai-2025"]
    assert post(moderator, changed(fields_of(page), "topics-name", 1, "Nhà ở"), path="/admin/events/new").status_code == 302
    event = store.event_by_code("doi-thoai-2025")
    assert [(t["name"], t["description"]) for t in store.topics(event["id"])] == [
        ("Việc làm", "Việc làm cho thanh niên"), ("Nhà ở", "")]
    assert [a["code"] for a in store.agencies(event["id"])] == ["SLDTBXH"]


@pytest.mark.parametrize("row, name, value, message", [
    (2, "topics-name", "", "Chủ đề, dòng 3: Chủ đề cần có tên."),
    (1, "topics-name", TOPICS[0].upper(), f"Chủ đề, dòng 2: Chủ đề “{TOPICS[0].upper()}” trùng với dòng 1."),
    (3, "agencies-code", AGENCY_CODES[0].lower(), f"Cơ quan, dòng 4: Mã {AGENCY_CODES[0]} trùng với dòng 1."),
    (1, "agencies-name", "", "Cơ quan, dòng 2: Cơ quan cần có tên."),
    (0, "agencies-email", "khong-phai-thu", "Cơ quan, dòng 1: Địa chỉ thư điện tử không hợp lệ: khong-phai-thu."),
])
def test_a_bad_row_is_named_in_the_page_and_nothing_is_saved(moderator, store, row, name, value, message):
    page = page_of(moderator.get(FORM))
    fields = changed(changed(fields_of(page), name, row, value), "title", 0, "Tên mới chưa lưu")
    response = post(moderator, fields)
    assert response.status_code == 400
    again = page_of(response)
    assert problem(again) == message
    kind = name.split("-")[0]
    marked = again.xpath(f'//fieldset[@id="{kind}"]//li[contains(@class, "has-problem")]')
    assert len(marked) == 1 and marked[0].xpath("string(.//p)") == message.split(": ", 1)[1]
    bad = marked[0].xpath(f'.//input[@name="{name}"]')[0]
    assert bad.get("aria-invalid") == "true" and bad.get("autofocus") is not None
    assert column(again, name)[row] == value and column(again, "title") == ["Tên mới chưa lưu"]
    assert saved_topics(store) == TOPICS and saved_agencies(store) == AGENCY_CODES
    assert store.event_by_code(DEMO)["title"] == demo.EVENT["title"]


def test_too_many_rows_is_said_in_the_page(moderator, store):
    fields = [(key, value) for key, value in fields_of(page_of(moderator.get(FORM))) if not key.startswith("topics-")]
    limit = events.MAX_ROWS["topics"]
    fields += [pair for n in range(limit) for pair in (("topics-name", f"Chủ đề {n}"), ("topics-description", ""))]
    response = post(moderator, fields, action="add:topics")
    assert response.status_code == 400
    assert problem(page_of(response)) == f"Tối đa {limit} chủ đề."
    assert len(column(page_of(response), "topics-name")) == limit
    response = post(moderator, fields + [("topics-name", "Một chủ đề nữa"), ("topics-description", "")])
    assert response.status_code == 400 and problem(page_of(response)) == f"Tối đa {limit} chủ đề."
    assert saved_topics(store) == TOPICS
    assert post(moderator, fields).status_code == 302
    assert len(saved_topics(store)) == limit


@pytest.mark.parametrize("action", ["up:topics:99", "remove:topics:-1", "remove:topics:x", "explode:topics:1",
                                    "add:nothing", "up:agencies"])
def test_a_forged_row_button_is_a_readable_400(moderator, store, action):
    response = post(moderator, page_of(moderator.get(FORM)), action=action)
    assert response.status_code == 400
    assert problem(page_of(response)) == "Yêu cầu không hợp lệ."
    assert column(page_of(response), "topics-name") == TOPICS


def test_a_form_without_the_rows_leaves_the_lists_alone(moderator, store):
    response = moderator.post(FORM, data={"title": "Chỉ đổi tên", "requires_approval": "on", "phase": "live"})
    assert response.status_code == 302
    assert saved_topics(store) == TOPICS and saved_agencies(store) == AGENCY_CODES


def test_the_api_refuses_duplicates_and_still_takes_plain_names(moderator, store):
    response = moderator.patch(f"/api/v1/events/{DEMO}", json={"topics": ["Việc làm", "việc làm"]})
    assert response.status_code == 400
    assert response.get_json() == {"error": "Chủ đề “việc làm” trùng với dòng 1."}
    response = moderator.patch(f"/api/v1/events/{DEMO}", json={"agencies": [{"code": "CA", "name": "Công an"}] * 2})
    assert response.status_code == 400 and "trùng" in response.get_json()["error"]
    assert saved_topics(store) == TOPICS
    response = moderator.patch(f"/api/v1/events/{DEMO}", json={"topics": ["Việc làm", {"name": "Nhà ở"}]})
    assert response.status_code == 200 and saved_topics(store) == ["Việc làm", "Nhà ở"]
    assert moderator.patch(f"/api/v1/events/{DEMO}", json={"topics": []}).status_code == 200
    assert saved_topics(store) == []  # an empty list removes them all


def test_the_cli_still_reads_lines_separated_by_bars(runner, store):
    result = runner.invoke(args=["events", "edit", DEMO, "--topic", "Việc làm | Cho thanh niên", "--topic", "Nhà ở",
                                 "--agency", "SCT | Sở Công Thương | Công Thương | Giám đốc Sở"])
    assert result.exit_code == 0, result.output
    assert saved_topics(store) == ["Việc làm", "Nhà ở"] and saved_agencies(store) == ["SCT"]
    result = runner.invoke(args=["events", "edit", DEMO, "--topic", "Nhà ở", "--topic", "Nhà ở"])
    assert result.exit_code != 0 and "trùng với dòng 1" in result.output
