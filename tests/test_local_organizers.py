"""Local organizers (an organizer with an area, users.organizes): they create and run the dialogues of
their area and see nothing of another's, 403 and nothing changed; areas on the event form, the
accounts page and the CLI; the demo's province and its two local dialogues."""
import datetime

import pytest

from live.dialogue import areas, demo, events, users

from .conftest import DEMO, STAFF_PASSWORD, logged_in

AREAS_CSV = """code,name,level,parent
lao-cai,Tỉnh Lào Cai,province,
sa-pa,Phường Sa Pa,ward,lao-cai
ta-van,Xã Tả Van,commune,lao-cai
"""


@pytest.fixture
def province(store):
    """Lào Cai with two communes; the demo event held in the province, one dialogue in each commune."""
    areas.create(store, "test", "lao-cai", "Tỉnh Lào Cai", "province")
    for code, name in (("ta-van", "Xã Tả Van"), ("ban-ho", "Xã Bản Hồ")):
        areas.create(store, "test", code, name, "commune", parent="lao-cai")
        events.create(store, "test", f"{code}-2026", title=f"Đối thoại {name}", area=code, parent=DEMO)
    events.update(store, "test", DEMO, area="lao-cai")


def organizer(app, store, username, area):
    users.create(store, username, STAFF_PASSWORD, users.ORGANIZER, area=area)
    return logged_in(app, username, STAFF_PASSWORD)


@pytest.fixture
def local(app, store, province):
    """The organizer of Xã Tả Van, logged in."""
    return organizer(app, store, "to-chuc-ta-van", "ta-van")


def test_a_local_organizer_is_told_its_area(local, moderator):
    assert local.get("/api/v1/me").get_json()["user"]["area"] == "ta-van"
    assert moderator.get("/api/v1/me").get_json()["user"]["area"] is None  # every area


def test_a_local_organizer_runs_its_own_dialogue(local, store):
    assert local.get("/admin/events/ta-van-2026").status_code == 200
    assert local.get("/mod/ta-van-2026").status_code == 200
    assert local.patch("/api/v1/events/ta-van-2026", json={"venue": "Nhà văn hóa xã"}).status_code == 200
    assert store.event_by_code("ta-van-2026")["venue"] == "Nhà văn hóa xã"


@pytest.mark.parametrize("code", ["ban-ho-2026", DEMO])
def test_a_local_organizer_is_refused_another_areas_event_and_nothing_changes(local, store, code):
    """Another commune's dialogue, and the province's (wider than its own area)."""
    before = store.event_by_code(code)
    for path in (f"/admin/events/{code}", f"/mod/{code}", f"/admin/events/{code}/followup", f"/briefing/{code}"):
        assert local.get(path).status_code == 403, path
    assert local.post(f"/admin/events/{code}", data={"title": "Đổi tên"}).status_code == 403
    response = local.patch(f"/api/v1/events/{code}", json={"title": "Đổi tên"})
    assert response.status_code == 403 and response.get_json()["error"]
    assert local.post(f"/api/v1/events/{code}/phase", json={"phase": "closed"}).status_code == 403
    assert store.event_by_code(code) == before


def test_the_staff_home_lists_only_the_events_a_local_organizer_organizes(local, app):
    page = local.get("/staff").get_data(as_text=True)
    assert "/mod/ta-van-2026" in page and "/mod/ban-ho-2026" not in page and "/mod/demo" not in page
    everything = logged_in(app).get("/staff").get_data(as_text=True)
    assert all(f"/mod/{code}" in everything for code in ("ta-van-2026", "ban-ho-2026", DEMO))


def test_a_local_organizer_creates_events_in_its_own_area_only(local, store):
    made = local.post("/api/v1/events", json={"code": "ta-van-2027", "title": "Đối thoại 2027"})
    assert made.status_code == 201 and made.get_json()["area"]["code"] == "ta-van"  # its own area by default
    refused = local.post("/api/v1/events", json={"code": "ban-ho-2027", "title": "Xã khác", "area": "ban-ho"})
    assert refused.status_code == 403 and store.event_by_code("ban-ho-2027") is None
    wider = local.post("/api/v1/events", json={"code": "tinh-2027", "title": "Tỉnh", "area": "lao-cai"})
    assert wider.status_code == 403 and store.event_by_code("tinh-2027") is None
    moved = local.patch("/api/v1/events/ta-van-2026", json={"area": "ban-ho"})
    assert moved.status_code == 403 and store.event_by_code("ta-van-2026")["area_id"] == store.area_by_code("ta-van")["id"]


def test_the_event_form_offers_the_areas_and_the_wider_dialogues(local, app, store):
    form = local.get("/admin/events/new").get_data(as_text=True)
    assert "Địa bàn" in form and "Buổi đối thoại cấp trên (nhận câu hỏi chuyển lên)" in form
    assert 'value="ta-van" selected' in form and 'value="ban-ho"' not in form and 'value="lao-cai"' not in form
    response = local.post("/admin/events/new", data={"code": "ta-van-2028", "title": "Đối thoại 2028",
                                                     "area": "ta-van", "parent": DEMO})
    assert response.status_code == 302
    saved = events.place_view(store, store.event_by_code("ta-van-2028"))
    assert (saved["area"]["code"], saved["parent"]) == ("ta-van", DEMO)
    assert local.post("/admin/events/new", data={"code": "ban-ho-2028", "title": "Xã khác",
                                                 "area": "ban-ho"}).status_code == 403
    assert store.event_by_code("ban-ho-2028") is None
    everywhere = logged_in(app).get("/admin/events/ta-van-2026").get_data(as_text=True)
    assert '<option value="">' in everywhere and 'value="lao-cai"' in everywhere
    assert f'value="{DEMO}" selected' in everywhere  # the province's dialogue it feeds


def test_past_levels_are_offered_only_for_a_past_dialogue(app, store, province):
    areas.create(store, "test", "bat-xat", "Huyện Bát Xát", "district", parent="lao-cai", past=True)
    events.create(store, "test", "bat-xat-2024", title="Huyện Bát Xát 2024", area="bat-xat")
    admin = logged_in(app)
    assert 'value="bat-xat"' not in admin.get("/admin/events/new").get_data(as_text=True)
    assert 'value="bat-xat" selected' in admin.get("/admin/events/bat-xat-2024").get_data(as_text=True)


def test_the_accounts_page_of_a_local_organizer(local, app, store):
    listed = local.get("/admin/users").get_data(as_text=True)
    assert "to-chuc-ta-van" in listed and ">admin<" not in listed
    assert 'value="ta-van-2026"' in listed and "Tất cả sự kiện" not in listed  # offered only what it may grant
    assert "Tất cả sự kiện" in logged_in(app).get("/admin/users").get_data(as_text=True)
    made = local.post("/admin/users", data={"username": "dp-ta-van", "password": STAFF_PASSWORD, "role": "moderator",
                                            "event": "ta-van-2026"})
    assert made.status_code == 302 and store.user_by_name("dp-ta-van")["event_id"]
    for refused in ({"role": "moderator", "event": "ban-ho-2026"}, {"role": "moderator"},  # another's, every event
                    {"role": "organizer", "area": "lao-cai"}, {"role": "organizer"}):  # wider, unscoped
        response = local.post("/admin/users", data={"username": "tk-moi", "password": STAFF_PASSWORD, **refused})
        assert response.status_code == 403, refused
        assert store.user_by_name("tk-moi") is None
    assert local.post("/admin/users", data={"action": "password", "username": "admin",
                                            "password": "mat-khau-moi-1"}).status_code == 403
    assert local.post("/admin/users", data={"action": "disable", "username": "admin"}).status_code == 403
    assert users.authenticate(store, "admin", "mat-khau-moi-1") is None


def test_an_organizer_of_every_area_makes_a_local_one(app, store, province):
    admin = logged_in(app)
    made = admin.post("/admin/users", data={"username": "to-chuc-ban-ho", "password": STAFF_PASSWORD,
                                            "role": "organizer", "area": "ban-ho"})
    assert made.status_code == 302
    assert store.user_by_name("to-chuc-ban-ho")["area_code"] == "ban-ho"
    assert "Xã Bản Hồ" in admin.get("/admin/users").get_data(as_text=True)


def test_only_an_organizer_has_an_area(store, province):
    with pytest.raises(Exception, match="Chỉ tài khoản Ban tổ chức có địa bàn"):
        users.create(store, "dp", STAFF_PASSWORD, users.MODERATOR, area="ta-van")


def test_the_cli_makes_areas_and_local_organizers(runner, store, tmp_path):
    def invoke(*args, **kwargs):
        with runner.app.app_context():
            return runner.invoke(args=list(args), **kwargs)
    assert invoke("areas", "add", "lao-cai", "Tỉnh Lào Cai", "--level", "province").exit_code == 0
    assert invoke("areas", "add", "bat-xat", "Huyện Bát Xát", "--level", "district", "--parent", "lao-cai").exit_code == 1
    done = invoke("areas", "add", "bat-xat", "Huyện Bát Xát", "--level", "district", "--parent", "lao-cai", "--past")
    assert done.exit_code == 0, done.output
    assert invoke("areas", "list").output.splitlines() == ["lao-cai\tprovince\tTỉnh Lào Cai\t",
                                                           "bat-xat\tdistrict\tHuyện Bát Xát\tlao-cai"]
    made = invoke("users", "create", "to-chuc-bx", "--role", "organizer", "--area", "bat-xat",
                  input=f"{STAFF_PASSWORD}\n{STAFF_PASSWORD}\n")
    assert made.exit_code == 0 and store.user_by_name("to-chuc-bx")["area_code"] == "bat-xat"
    assert invoke("events", "edit", DEMO, "--area", "lao-cai").exit_code == 0
    refused = invoke("events", "create", "lao-cai-2024", "--title", "Tỉnh", "--area", "lao-cai", "--parent", DEMO)
    assert refused.exit_code == 1 and "rộng hơn" in refused.output  # the same area's dialogue is no parent
    assert invoke("events", "create", "bat-xat-2024", "--title", "Huyện Bát Xát", "--area", "bat-xat",
                  "--parent", DEMO).exit_code == 0
    assert events.place_view(store, store.event_by_code("bat-xat-2024"))["parent"] == DEMO


def test_areas_are_imported_all_or_nothing(runner, store, tmp_path):
    def invoke(*args):
        with runner.app.app_context():
            return runner.invoke(args=list(args))
    bad = tmp_path / "bad.csv"
    bad.write_text(AREAS_CSV + "xa-la,Xã Lạ,hamlet,lao-cai\n", encoding="utf-8")
    refused = invoke("areas", "import", str(bad))
    assert refused.exit_code == 1 and "dòng 5" in refused.output and "Cấp không hợp lệ" in refused.output
    assert store.areas() == []
    good = tmp_path / "dia-ban.csv"
    good.write_text(AREAS_CSV, encoding="utf-8")
    assert invoke("areas", "import", str(good)).output.strip() == "Đã thêm 3 địa bàn."
    assert [a["code"] for a in areas.path(store, store.area_by_code("ta-van"))] == ["lao-cai", "ta-van"]
    assert invoke("areas", "import", str(good)).exit_code == 1 and len(store.areas()) == 3  # twice: refused whole


def test_the_sample_areas_file_imports(runner, store):
    from pathlib import Path
    sample = Path(__file__).resolve().parent.parent / "docs" / "samples" / "dia-ban.csv"
    with runner.app.app_context():
        assert runner.invoke(args=["areas", "import", str(sample)]).exit_code == 0
    assert store.area_by_code("lao-cai")["level"] == areas.PROVINCE


def test_the_demo_has_its_province_and_two_closed_local_dialogues(store):
    for _ in range(2):  # once, however often
        demo.place(store, datetime.date(2024, 3, 20))
    assert len(store.events()) == 3
    assert events.place_view(store, store.event_by_code(DEMO))["area"]["code"] == "lao-cai"
    for code in ("bat-xat-2024", "sa-pa-2024"):
        local = store.event_by_code(code)
        place = events.place_view(store, local)
        assert local["phase"] == events.CLOSED and place["parent"] == DEMO
        assert place["area"]["level"] in ("district", "town") and local["date"] < "2024-03-20"
        asked = store.questions(local["id"])
        answered = [q for q in asked if q["status"] == "answered"]
        given = store.answers([q["id"] for q in answered])
        needs_province = [a for listed in given.values() for a in listed if a["follow_up"]]
        assert len(answered) >= 2 and needs_province and any(q["status"] == "approved" for q in asked)
