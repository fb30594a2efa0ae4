"""Levels and areas as data (live/dialogue/areas.py): today's two tiers by default, the older three
for past dialogues; an event is held in an area and feeds the dialogue of a wider one."""
import pytest

from live.dialogue import areas, events, users
from live.errors import Conflict, Invalid


@pytest.fixture
def province(store):
    """Lào Cai, with a commune of today and a district of the 2024 plan's time."""
    made = areas.create(store, "test", "lao-cai", "Tỉnh Lào Cai", "province")
    areas.create(store, "test", "ta-van", "Xã Tả Van", "commune", parent="lao-cai")
    areas.create(store, "test", "bat-xat", "Huyện Bát Xát", "district", parent="lao-cai", past=True)
    return made


def event(client, code, expect=201, **fields):
    response = client.post("/api/v1/events", json={"code": code, "title": f"Đối thoại {code}", **fields})
    assert response.status_code == expect, response.get_json()
    return response.get_json()


def test_the_levels_are_todays_two_tiers_then_the_older_ones(store):
    levels = {level["code"]: bool(level["current"]) for level in store.levels()}
    assert levels == {"province": True, "commune": True, "ward": True, "special_zone": True,
                      "district": False, "town": False, "provincial_city": False, "township": False}


def test_an_area_lies_in_its_province_and_says_so(store, province):
    commune = store.area_by_code("ta-van")
    assert areas.view(store, commune) == {"code": "ta-van", "name": "Xã Tả Van", "level": "commune",
                                          "level_name": "Xã", "parent": "lao-cai"}
    assert [a["code"] for a in areas.path(store, commune)] == ["lao-cai", "ta-van"]
    assert areas.contains(store, province, commune) and not areas.contains(store, commune, province)


@pytest.mark.parametrize("code, level, parent, said", [
    ("huyen-moi", "district", "lao-cai", "không còn từ ngày 1/7/2025"),  # a district only with past=True
    ("xa-le", "commune", None, "phải thuộc một địa bàn"),
    ("tinh-con", "province", "lao-cai", "phải thuộc một địa bàn"),
    ("Mã sai!", "commune", "lao-cai", "Mã địa bàn"),
    ("xa-la", "hamlet", "lao-cai", "Cấp không hợp lệ"),
])
def test_bad_areas_are_refused(store, province, code, level, parent, said):
    with pytest.raises(Invalid) as refused:
        areas.create(store, "test", code, "Xã Mới", level, parent=parent)
    assert said in refused.value.message % refused.value.params


def test_an_area_code_is_used_once(store, province):
    with pytest.raises(Conflict):
        areas.create(store, "test", "TA-VAN", "Xã Tả Van", "commune", parent="lao-cai")


def test_an_event_is_held_in_an_area_and_feeds_a_wider_ones_dialogue(moderator, province):
    event(moderator, "tinh-2026", area="lao-cai")
    local = event(moderator, "ta-van-2026", area="ta-van", parent="tinh-2026")
    assert local["area"]["name"] == "Xã Tả Van" and local["parent"] == "tinh-2026"
    shown = moderator.get("/api/v1/events/ta-van-2026").get_json()
    assert shown["area"]["level_name"] == "Xã" and shown["parent"] == "tinh-2026"
    cleared = moderator.patch("/api/v1/events/ta-van-2026", json={"parent": None}).get_json()
    assert cleared["parent"] is None and cleared["area"]["code"] == "ta-van"


def test_a_parent_must_be_a_wider_areas_dialogue_never_itself(moderator, province, store):
    event(moderator, "tinh-2026", area="lao-cai")
    event(moderator, "ta-van-2026", area="ta-van", parent="tinh-2026")
    for code, fields in (("tinh-2026", {"parent": "ta-van-2026"}), ("tinh-2026", {"parent": "tinh-2026"}),
                         ("ta-van-2026", {"area": "lao-cai"})):
        response = moderator.patch(f"/api/v1/events/{code}", json=fields)
        assert response.status_code == 400 and response.get_json()["error"], fields
    assert moderator.get("/api/v1/events/tinh-2026").get_json()["parent"] is None  # nothing changed
    event(moderator, "xa-khac", 400, area="ta-van", parent="ta-van-2026")  # the same area is not wider
    assert store.event_by_code("xa-khac") is None
    assert moderator.patch("/api/v1/events/tinh-2026", json={"area": "khong-co"}).status_code == 404
    assert moderator.patch("/api/v1/events/tinh-2026", json={"parent": ["ta-van-2026"]}).status_code == 400


def test_old_events_have_no_area_and_no_parent(client):
    shown = client.get("/api/v1/events/demo").get_json()
    assert shown["area"] is None and shown["parent"] is None


def test_an_organizer_of_an_area_organizes_its_events_and_those_within(store, province):
    provincial = events.create(store, "test", "tinh-2026", title="Tỉnh", area="lao-cai")
    local = events.create(store, "test", "ta-van-2026", title="Xã", area="ta-van")
    elsewhere = events.create(store, "test", "bat-xat-2024", title="Huyện", area="bat-xat")
    everywhere = store.user_by_name("admin")
    commune = users.create(store, "ta-van-org", "mat-khau-dai", users.ORGANIZER)
    store.update_user(commune["id"], {"area_id": store.area_by_code("ta-van")["id"]})
    commune = store.user_by_id(commune["id"])
    assert all(users.organizes(store, everywhere, e) for e in (provincial, local, elsewhere))
    assert users.organizes(store, commune, local)
    assert not any(users.organizes(store, commune, e) for e in (provincial, elsewhere, None))
