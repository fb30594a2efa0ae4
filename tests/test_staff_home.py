"""The staff home (/staff): each event's links grouped before / during / after the event, its phase
and question counts, and only the links the logged-in role may open."""
from urllib.parse import urlsplit

import lxml.html
import pytest

from live.dialogue import answers, events, merges, questions, users

from .conftest import DEMO, STAFF_PASSWORD, login

GROUPS = ("Trước sự kiện", "Trong sự kiện", "Sau sự kiện")
# Every link the staff home had before it was grouped: each stays reachable.
EARLIER_LINKS = {
    "moderator": ["/mod/demo", "/e/demo", "/e/demo/screen", "/e/demo/poster", "/chair/demo",
                  "/admin/events/demo/minutes", "/admin/events/demo/followup", "/agency/demo", "/e/demo/results"],
    "organizer": ["/admin/events/demo/conclusion", "/admin/events/demo", "/admin/events/demo/agencies/import",
                  "/admin/events/demo/import"],
}
ORGANIZER_ONLY = ("/admin/events/demo/conclusion", "/admin/events/demo/import", "/admin/events/demo/intake-keys",
                  "/admin/events/demo/agencies/import")


def card(client, code=DEMO):
    """The event's card on the staff home, parsed."""
    page = lxml.html.fromstring(client.get("/staff").get_data(as_text=True))
    [found] = page.xpath(f'//li[@class="event-card"][.//code="{code}"]')
    return found


def group_links(event_card):
    """{group heading: [paths of its links]}."""
    return {section.xpath(".//h3")[0].text_content().strip(): section.xpath(".//a/@href")
            for section in event_card.xpath('.//section[contains(@class, "event-group")]')}


def paths(event_card):
    return {urlsplit(href).path for href in event_card.xpath(".//a/@href")}


def test_staff_home_groups_each_events_links_before_during_after(moderator):
    groups = group_links(card(moderator))
    assert list(groups) == list(GROUPS)
    before, during, after = (set(map(lambda href: urlsplit(href).path, links)) for links in groups.values())
    assert {"/admin/events/demo", "/admin/events/demo/import", "/admin/events/demo/intake-keys",
            "/briefing/demo", "/e/demo/poster", "/admin/events/demo/agencies/import"} <= before
    assert {"/mod/demo", "/e/demo/screen", "/chair/demo", "/admin/events/demo/minutes"} <= during
    assert {"/admin/events/demo/conclusion", "/admin/events/demo/followup", "/e/demo/results"} <= after
    text = card(moderator).text_content()
    assert "Bàn Chủ tọa" in text and "Tổng hợp ý kiến, kiến nghị" in text and "Khóa API của các kênh" in text


def test_staff_home_keeps_every_earlier_link(moderator, demo_moderator):
    assert set(EARLIER_LINKS["moderator"]) <= paths(card(demo_moderator))
    assert set(EARLIER_LINKS["moderator"] + EARLIER_LINKS["organizer"]) <= paths(card(moderator))


def test_staff_home_shows_the_phase_and_the_question_counts(moderator, store):
    event = store.event_by_code(DEMO)
    ids = [questions.submit(store, event, f"attendee-{n}", f"Câu hỏi số {n} cho trang cán bộ")[0]["id"]
           for n in range(7)]
    for question_id in ids[:3]:
        questions.approve(store, question_id, "test")
    answers.record(store, ids[0], "test", event, "Giám đốc Sở", "Đã trả lời")
    merges.merge(store, ids[6], ids[1], "test")  # counted with the question it joined, not alone
    counts = {div.findtext("dt").strip(): div.findtext("dd").strip()
              for div in card(moderator).xpath('.//dl[@class="event-counts"]/div')}
    assert counts == {"Chờ duyệt": "3", "Đã duyệt": "2", "Đã trả lời": "1"}
    phase = card(moderator).xpath('string(.//*[@class="event-phase"])')
    assert "Đang diễn ra" in phase
    events.set_phase(store, "test", DEMO, events.COLLECTING)
    assert "Đang nhận câu hỏi trước" in card(moderator).xpath('string(.//*[@class="event-phase"])')
    english = lxml.html.fromstring(moderator.get("/staff?lang=en").get_data(as_text=True))
    assert "Before the event" in english.text_content() and "Awaiting approval" in english.text_content()


@pytest.mark.parametrize("role", ["organizer", "moderator"])
def test_every_link_on_the_staff_home_opens_for_the_role_that_sees_it(app, store, moderator, role):
    if role == "organizer":
        staff = moderator
    else:
        users.create(store, "mod-demo", STAFF_PASSWORD, users.MODERATOR, store.event_by_code(DEMO))
        staff = app.test_client()
        assert login(staff, "mod-demo", STAFF_PASSWORD).status_code == 200
    links = sorted(set(card(staff).xpath(".//a/@href")))
    assert len(links) >= 10
    for href in links:
        response = staff.get(href)
        assert response.status_code == 200, (role, href, response.status_code)
    shown = paths(card(staff))
    if role == "moderator":
        assert not shown & set(ORGANIZER_ONLY) and "/admin/events/demo" not in shown
    else:
        assert set(ORGANIZER_ONLY) <= shown


@pytest.mark.parametrize("path,organizers", [
    ("/staff", {"/admin/users", "/admin/events/new"}),
    ("/admin/events/demo/followup", {"/admin/users", "/admin/events/demo/agencies/import"}),
])
def test_organizers_links_show_to_organizers_only(moderator, demo_moderator, path, organizers):
    """The staff bar and the tracker ask `may.organize` (users.can_organize), never a role's name."""
    def links(client):
        page = lxml.html.fromstring(client.get(path).get_data(as_text=True))
        return {urlsplit(href).path for href in page.xpath("//a/@href")}
    assert organizers <= links(moderator)
    assert not organizers & links(demo_moderator)
