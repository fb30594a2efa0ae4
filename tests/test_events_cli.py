"""Events and accounts: the operator CLI, the demo event, and the organizer API."""
from datetime import date, timedelta

import pytest

from live.dialogue import demo
from live import storage
from live.web import identity

from .conftest import close_app, logged_in, login, make_app
from .helpers import act

PASSWORD_INPUT = "pw12345678\npw12345678\n"


def invoke(runner, *args, **kwargs):
    """runner.invoke inside an app context, as `flask --app live ...` (FlaskGroup) provides one."""
    with runner.app.app_context():
        return runner.invoke(args=list(args), **kwargs)


@pytest.mark.parametrize("args", [["init-db"], ["demo"], ["events", "list"], ["users", "list"]])
def test_commands_work_from_the_test_runner(runner, args):
    """FlaskCliRunner invokes app.cli (an AppGroup) with no app context; commands that use
    current_app must push one themselves (with_appcontext / AppGroup), as app.cli.command does."""
    result = runner.invoke(args=args)
    assert result.exit_code == 0, repr(result.exception)


def api_event(client, code):
    response = client.get(f"/api/v1/events/{code}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def agencies(client, code):
    return {a["code"]: a for a in client.get(f"/api/v1/events/{code}/agencies").get_json()["agencies"]}


def test_init_db(runner, app):
    result = invoke(runner, "init-db")
    assert result.exit_code == 0
    assert app.config["LIVE_DB"] in result.output


def test_events_create_with_topics_and_agencies(runner, client, store):
    result = invoke(runner, "events", "create", "hoi-nghi-2025",
                    "--title", "Hội nghị thanh niên 2025", "--theme", "Chuyển đổi số",
                    "--date", "2025-05-01", "--venue", "Hội trường A", "--no-approval",
                    "--topic", "Việc làm | Cơ hội việc làm cho thanh niên", "--topic", "Khởi nghiệp",
                    "--agency", "SLDTBXH | Sở Lao động - Thương binh và Xã hội | LĐ-TB&XH | Giám đốc Sở",
                    "--agency", "ca | Công an tỉnh")
    assert result.exit_code == 0, result.output
    assert "hoi-nghi-2025" in result.output
    event = api_event(client, "hoi-nghi-2025")
    assert event["title"] == "Hội nghị thanh niên 2025"
    assert (event["theme"], event["date"], event["venue"]) == ("Chuyển đổi số", "2025-05-01", "Hội trường A")
    assert event["requires_approval"] is False
    assert [(t["name"], t["description"]) for t in event["topics"]] == [
        ("Việc làm", "Cơ hội việc làm cho thanh niên"), ("Khởi nghiệp", "")]
    listed = agencies(client, "hoi-nghi-2025")
    assert list(listed) == ["SLDTBXH", "CA"]
    assert listed["SLDTBXH"]["short_name"] == "LĐ-TB&XH" and listed["SLDTBXH"]["head_title"] == "Giám đốc Sở"
    assert listed["CA"]["name"] == "Công an tỉnh"
    [entry] = [a for a in store.audit(store.event_by_code("hoi-nghi-2025")["id"])]
    assert (entry["actor"], entry["action"]) == ("cli", "event.create")


def test_events_create_and_edit_set_the_phase(runner, client):
    result = invoke(runner, "events", "create", "pha-2025", "--title", "Theo giai đoạn", "--phase", "collecting")
    assert result.exit_code == 0, result.output
    assert api_event(client, "pha-2025")["phase"] == "collecting"
    result = invoke(runner, "events", "edit", "pha-2025", "--phase", "closed")
    assert result.exit_code == 0, result.output
    assert api_event(client, "pha-2025")["phase"] == "closed"


def test_events_create_refuses_duplicates_and_bad_codes(runner, store):
    result = invoke(runner, "events", "create", "demo", "--title", "Trùng mã")
    assert result.exit_code != 0 and "demo" in result.output
    for code in ("Có dấu", "a", "x" * 33, "-dau-gach", "co_gach_duoi"):
        result = invoke(runner, "events", "create", code, "--title", "Sai mã")
        assert result.exit_code != 0, code
        assert "Error" in result.output
    result = invoke(runner, "events", "create", "thieu-ten")
    assert result.exit_code != 0
    assert [e["code"] for e in store.events()] == ["demo"]


def test_events_edit(runner, client):
    invoke(runner, "events", "create", "sua-doi", "--title", "Tên cũ", "--topic", "Chủ đề cũ",
           "--agency", "STP | Sở Tư pháp")
    result = invoke(runner, "events", "edit", "sua-doi", "--title", "Tên mới", "--approval",
                    "--topic", "Chủ đề mới | Mô tả", "--date", "2025-12-31")
    assert result.exit_code == 0, result.output
    event = api_event(client, "sua-doi")
    assert event["title"] == "Tên mới" and event["date"] == "2025-12-31" and event["requires_approval"] is True
    assert [t["name"] for t in event["topics"]] == ["Chủ đề mới"]
    assert list(agencies(client, "sua-doi")) == ["STP"]  # agencies untouched when not given
    # only what is given changes
    assert invoke(runner, "events", "edit", "sua-doi", "--venue", "Nhà văn hóa").exit_code == 0
    event = api_event(client, "sua-doi")
    assert event["title"] == "Tên mới" and event["venue"] == "Nhà văn hóa"
    assert invoke(runner, "events", "edit", "khong-co", "--title", "X").exit_code != 0
    assert invoke(runner, "events", "edit", "sua-doi", "--date", "31/12/2025").exit_code != 0


def test_events_list(runner):
    invoke(runner, "events", "create", "su-kien-2", "--title", "Sự kiện thứ hai", "--date", "2025-01-02")
    result = invoke(runner, "events", "list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "su-kien-2\t2025-01-02\tSự kiện thứ hai" in lines
    assert f"demo\t2024-03-26\t{demo.EVENT['title']}" in lines


def test_users_create_moderator_for_one_event(runner, app, store, login, ask, new_client):
    result = invoke(runner, "users", "create", "mod1", "--role", "moderator", "--event", "demo",
                    input=PASSWORD_INPUT)
    assert result.exit_code == 0, result.output
    user = store.user_by_name("mod1")
    assert user["role"] == "moderator" and user["event_id"] == store.event_by_code("demo")["id"]
    assert user["password_hash"] != "pw12345678"
    staff = app.test_client()
    response = login(staff, "mod1", "pw12345678")
    assert response.status_code == 200
    assert response.get_json()["user"]["role"] == "moderator"
    question = ask(new_client(), "Câu hỏi cho mod1")
    assert act(staff, question["id"], "approve")["status"] == "approved"
    assert [a["actor"] for a in store.audit(user["event_id"]) if a["question_id"] == question["id"]] == ["mod1"]
    # limited to demo: may not manage events
    assert staff.post("/api/v1/events", json={"code": "moi", "title": "Mới"}).status_code == 403


def test_login_and_me_name_the_moderators_event(runner, app, login):
    invoke(runner, "users", "create", "mod1", "--role", "moderator", "--event", "demo", input=PASSWORD_INPUT)
    staff = app.test_client()
    expected = {"username": "mod1", "role": "moderator", "event": "demo", "agency": None, "area": None}
    assert login(staff, "mod1", "pw12345678").get_json()["user"] == expected
    assert staff.get("/api/v1/me").get_json()["user"] == expected


def test_users_create_validates(runner, store):
    assert invoke(runner, "users", "create", "ngan", input="short\nshort\n").exit_code != 0
    assert store.user_by_name("ngan") is None
    result = invoke(runner, "users", "create", "sai-su-kien", "--event", "khong-co", input=PASSWORD_INPUT)
    assert result.exit_code != 0 and store.user_by_name("sai-su-kien") is None
    assert invoke(runner, "users", "create", "admin", input=PASSWORD_INPUT).exit_code != 0
    assert invoke(runner, "users", "create", "có-dấu", input=PASSWORD_INPUT).exit_code != 0
    assert invoke(runner, "users", "create", "x", "--role", "boss", input=PASSWORD_INPUT).exit_code != 0


def test_users_display_name(runner, store):
    result = invoke(runner, "users", "create", "lan", "--display-name", "Lan – Tỉnh đoàn", input=PASSWORD_INPUT)
    assert result.exit_code == 0, result.output
    assert store.user_by_name("lan")["display_name"] == "Lan – Tỉnh đoàn"
    result = invoke(runner, "users", "set-display-name", "lan", "Chị Lan")
    assert result.exit_code == 0 and store.user_by_name("lan")["display_name"] == "Chị Lan"
    assert invoke(runner, "users", "set-display-name", "lan", "").exit_code == 0
    assert store.user_by_name("lan")["display_name"] is None
    assert invoke(runner, "users", "set-display-name", "khong-co", "Ai").exit_code != 0


def test_users_set_password(runner, app, login):
    result = invoke(runner, "users", "set-password", "admin", input="new-admin-pw\nnew-admin-pw\n")
    assert result.exit_code == 0, result.output
    staff = app.test_client()
    assert login(staff, "admin", "admin-password").status_code == 401
    assert login(staff, "admin", "new-admin-pw").status_code == 200
    assert invoke(runner, "users", "set-password", "khong-co", input=PASSWORD_INPUT).exit_code != 0


def test_a_disabled_account_is_logged_out_and_kept_out_until_enabled(runner, app, login):
    invoke(runner, "users", "create", "mod1", "--event", "demo", input=PASSWORD_INPUT)
    tablet = app.test_client()
    assert login(tablet, "mod1", "pw12345678").status_code == 200
    result = invoke(runner, "users", "disable", "mod1")
    assert result.exit_code == 0 and "Đã khóa tài khoản mod1" in result.output
    assert tablet.get("/api/v1/me").status_code == 401  # its open session ended
    assert login(app.test_client(), "mod1", "pw12345678").status_code == 401
    assert "khóa từ" in invoke(runner, "users", "list").output
    assert invoke(runner, "users", "enable", "mod1").exit_code == 0
    assert login(app.test_client(), "mod1", "pw12345678").status_code == 200
    refused = invoke(runner, "users", "disable", "admin")
    assert refused.exit_code != 0 and "admin" in refused.output


def test_organizers_disable_and_enable_accounts_on_the_page(runner, app, moderator, login, store):
    invoke(runner, "users", "create", "cong-an", "--role", "responder", "--event", "demo", "--agency", "CA",
           input=PASSWORD_INPUT)
    response = moderator.post("/admin/users", data={"action": "disable", "username": "cong-an"})
    assert response.status_code == 302
    assert store.user_by_name("cong-an")["disabled_at"]
    page = moderator.get("/admin/users").get_data(as_text=True)
    assert "Đã khóa tài khoản cong-an." in page and "Mở lại" in page
    assert login(app.test_client(), "cong-an", "pw12345678").status_code == 401
    moderator.post("/admin/users", data={"action": "enable", "username": "cong-an"})
    assert login(app.test_client(), "cong-an", "pw12345678").status_code == 200
    refused = moderator.post("/admin/users", data={"action": "disable", "username": "admin"})
    assert refused.status_code == 400 and store.user_by_name("admin")["disabled_at"] is None


NO_EVENT, NO_ACCOUNT = "Không có sự kiện với mã này.", "Không có tài khoản khong-co."


@pytest.mark.parametrize("args,message", [
    (["events", "edit", "khong-co", "--title", "X"], NO_EVENT),
    (["users", "create", "moi", "--event", "khong-co"], NO_EVENT),
    (["users", "set-password", "khong-co"], NO_ACCOUNT),
    (["users", "set-display-name", "khong-co", "Ai"], NO_ACCOUNT),
    (["users", "disable", "khong-co"], NO_ACCOUNT),
    (["users", "enable", "khong-co"], NO_ACCOUNT),
    (["intake", "import", "khong-co", "-"], NO_EVENT),
    (["intake", "keys", "create", "khong-co", "--channel", "portal", "--label", "Cổng"], NO_EVENT),
    (["intake", "keys", "list", "khong-co"], NO_EVENT),
    (["intake", "keys", "revoke", "khong-co", "1"], NO_EVENT),
    (["export", "khong-co"], NO_EVENT),
])
def test_a_refusal_of_the_domain_is_the_commands_error(runner, args, message):
    """Every command says the domain's refusal as `Error: ...` with exit status 1, never a traceback."""
    result = invoke(runner, *args, input=PASSWORD_INPUT)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert f"Error: {message}" in result.output


def test_users_list(runner):
    invoke(runner, "users", "create", "mod1", "--event", "demo", input=PASSWORD_INPUT)
    invoke(runner, "users", "create", "org2", "--role", "organizer", input=PASSWORD_INPUT)
    result = invoke(runner, "users", "list")
    assert result.exit_code == 0
    assert result.output.splitlines() == ["admin\torganizer\t*", "mod1\tmoderator\tdemo", "org2\torganizer\t*"]


def test_demo_command_is_idempotent(runner, store):
    """The first run adds the two local dialogues to the tests' demo event; none adds anything after."""
    assert invoke(runner, "demo").exit_code == 0
    counts = (len(store.events()), len(store.topics(store.event_by_code("demo")["id"])),
              len(store.agencies(store.event_by_code("demo")["id"])), len(store.areas()))
    assert counts[0] == 3
    for _ in range(2):
        result = invoke(runner, "demo")
        assert result.exit_code == 0
        assert "demo" in result.output
    assert (len(store.events()), len(store.topics(store.event_by_code("demo")["id"])),
            len(store.agencies(store.event_by_code("demo")["id"])), len(store.areas())) == counts


def test_demo_ensure_creates_once(tmp_path):
    store = storage.connect(str(tmp_path / "fresh.db"))
    try:
        event, created = demo.ensure(store, demo.PLAN_DAY)
        assert created is True and event["code"] == "demo"
        again, created = demo.ensure(store, demo.PLAN_DAY)
        assert created is False and again["id"] == event["id"]
        assert len(store.events()) == 1
    finally:
        store.close()


def test_a_new_demo_is_dated_from_today_and_no_deadline_has_passed(tmp_path):
    """`flask demo` (and run.py --demo) on a fresh database: the plan's content, dated from today, so
    the follow-up page reads no deadline as overdue and the notice is of that year."""
    app = make_app(tmp_path, demo_day=None)
    try:
        result = app.test_cli_runner().invoke(args=["demo"])
        assert result.exit_code == 0 and "Đã tạo sự kiện demo" in result.output
        with app.test_request_context():
            today = identity.today()
        held = date.fromisoformat(app.extensions["live_store"].event_by_code("demo")["date"])
        plan_due = held - timedelta(days=app.config["LIVE_PLAN_NOTICE_DAYS"])
        assert plan_due - today == timedelta(days=demo.DAYS_TO_PLAN_NOTICE)
        client = logged_in(app)
        event = api_event(client, "demo")
        assert event["title"] == f"Đối thoại giữa Chủ tịch UBND tỉnh với thanh niên tỉnh Lào Cai năm {held.year}"
        assert event["theme"] == demo.EVENT["theme"] and len(agencies(client, "demo")) == len(demo.AGENCIES)
        followup = client.get("/admin/events/demo/followup").get_data(as_text=True)
        assert "quá hạn" not in followup and "is-past" not in followup
        # never a draft, its page open from the start: the plan counts as published the day it was made
        assert f"công bố ngày {today:%d/%m/%Y}" in followup
        notice = client.get("/admin/events/demo/conclusion/print").get_data(as_text=True)
        assert f"ngày      tháng      năm {held.year}" in notice and f"Lào Cai năm {held.year}" in notice
        assert "2024" not in notice
    finally:
        close_app(app)


def test_demo_event_follows_the_plan(client):
    event = api_event(client, "demo")
    assert event["title"] == "Đối thoại giữa Chủ tịch UBND tỉnh với thanh niên tỉnh Lào Cai năm 2024"
    assert event["theme"].startswith("Vai trò của các cơ quan, đơn vị, các cấp chính quyền")
    assert "môi trường mạng" in event["theme"]
    assert event["date"] == "2024-03-26"
    assert event["requires_approval"] is True
    assert [t["name"] for t in event["topics"]] == [
        "Chính sách, pháp luật về an ninh mạng", "Bảo vệ thanh niên trên môi trường mạng",
        "Trách nhiệm của thanh niên", "Đề xuất giải pháp"]
    listed = agencies(client, "demo")
    assert listed["CA"]["name"] == "Công an tỉnh"
    assert listed["STTTT"]["name"] == "Sở Thông tin và Truyền thông"
    assert {"SNV", "TINHDOAN", "SGDDT"} <= set(listed)


def test_organizer_creates_an_event(moderator, store):
    response = moderator.post("/api/v1/events", json={
        "code": "Doi-Thoai-2025", "title": "Đối thoại 2025", "date": "2025-03-26", "requires_approval": False,
        "topics": ["Việc làm", {"name": "Nhà ở", "description": "Nhà ở xã hội"}],
        "agencies": [{"code": "sxd", "name": "Sở Xây dựng", "short_name": "Xây dựng"}],
    })
    assert response.status_code == 201, response.get_json()
    data = response.get_json()
    assert data["code"] == "doi-thoai-2025"
    assert data["requires_approval"] is False
    assert [t["name"] for t in data["topics"]] == ["Việc làm", "Nhà ở"]
    assert agencies(moderator, "doi-thoai-2025")["SXD"]["name"] == "Sở Xây dựng"
    [entry] = store.audit(store.event_by_code("doi-thoai-2025")["id"])
    assert (entry["actor"], entry["action"]) == ("admin", "event.create")
    response = moderator.post("/api/v1/events", json={"code": "doi-thoai-2025", "title": "Trùng"})
    assert response.status_code == 409 and response.get_json()["error"]


@pytest.mark.parametrize("code", ["", "a", "Có dấu", "x" * 33, "-dau", "a b", "a/b", None, 42])
def test_bad_event_code_is_400(moderator, store, code):
    response = moderator.post("/api/v1/events", json={"code": code, "title": "Sự kiện"})
    assert response.status_code == 400
    assert response.get_json()["error"]
    assert [e["code"] for e in store.events()] == ["demo"]


@pytest.mark.parametrize("body", [
    {"code": "ok-code"},
    {"code": "ok-code", "title": "   "},
    {"code": "ok-code", "title": "T", "date": "26/03/2025"},
    {"code": "ok-code", "title": "T", "topics": [{"description": "không tên"}]},
    {"code": "ok-code", "title": "T", "agencies": [{"code": "có dấu", "name": "X"}]},
    {"code": "ok-code", "title": "T", "agencies": [{"code": "X"}]},
])
def test_invalid_event_is_400(moderator, store, body):
    response = moderator.post("/api/v1/events", json=body)
    assert response.status_code == 400 and response.get_json()["error"]
    assert store.event_by_code("ok-code") is None


def test_organizer_updates_an_event(moderator, client, store, ask, publish):
    question = ask(client, "Câu hỏi có chủ đề cũ", topic="Đề xuất giải pháp")
    publish(question["id"])
    response = moderator.patch("/api/v1/events/demo", json={
        "title": "Đối thoại (đã đổi tên)", "requires_approval": False, "topics": ["Chủ đề duy nhất"]})
    assert response.status_code == 200, response.get_json()
    data = response.get_json()
    assert data["title"] == "Đối thoại (đã đổi tên)" and data["requires_approval"] is False
    assert [t["name"] for t in data["topics"]] == ["Chủ đề duy nhất"]
    assert data["theme"] == demo.EVENT["theme"]  # untouched
    assert len(agencies(client, "demo")) == len(demo.AGENCIES)  # untouched
    # an old question keeps the topic it was asked under
    listed = client.get("/api/v1/events/demo/questions").get_json()["questions"]
    assert listed[0]["topic"] == "Đề xuất giải pháp"
    # and new questions must use the new list
    assert client.post("/api/v1/events/demo/questions",
                       json={"text": "Mới", "topic": "Đề xuất giải pháp"}).status_code == 400
    assert ask(client, "Mới", topic="Chủ đề duy nhất")["status"] == "approved"
    actions = [e["action"] for e in store.audit(store.event_by_code("demo")["id"]) if e["question_id"] is None]
    assert actions[-1] == "event.update"


def test_update_errors(moderator):
    response = moderator.patch("/api/v1/events/khong-co", json={"title": "X"})
    assert response.status_code == 404 and response.get_json()["error"]
    response = moderator.patch("/api/v1/events/demo", json={"date": "không phải ngày"})
    assert response.status_code == 400 and response.get_json()["error"]
    response = moderator.patch("/api/v1/events/demo", json={"title": ""})
    assert response.status_code == 400 and response.get_json()["error"]
