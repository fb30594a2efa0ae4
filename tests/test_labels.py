"""One set of label maps (live/dialogue/labels.py): every status, tab, phase, role, channel, youth group
and written-answer state has a name in Vietnamese and English, and the pages, the scripts' config
block and the exports all take their names from it; no template or module keeps a map of its own."""
import io
import json
import re
from pathlib import Path

import lxml.html
import pytest
from babel.messages.pofile import read_po
from openpyxl import load_workbook

from live.dialogue import events, followup, labels, overview, questions, users
from live.web import i18n

from .conftest import DEMO
from .helpers import act

ROOT = Path(__file__).resolve().parent.parent
PAGE_CONFIG = re.compile(r'<script type="application/json" id="page">(.*?)</script>', re.S)
# What each kind must name: the domain's own lists of values.
VALUES = {
    "status": questions.STATUSES, "own_status": questions.STATUSES,
    "tab": (*questions.STATUSES, labels.STAGE), "phase": events.PHASES, "role": users.ROLES,
    "channel": questions.CHANNELS, "youth_group": tuple(questions.YOUTH_GROUPS),
    "written": (followup.ASSIGNED, followup.ANSWERED, followup.OVERDUE),
    "step": (overview.DONE, overview.DUE, overview.LATE),
}
# Values a template might name by hand (phases aside: the attendee page maps them to notices, not names).
NAMED_VALUES = sorted({value for kind in ("status", "role", "channel", "youth_group", "written")
                       for value in VALUES[kind]})


def translations(language):
    path = i18n.TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return {message.id: message.string for message in read_po(handle, locale=language)
                if message.id and not message.context}


def page_config(response):
    return json.loads(PAGE_CONFIG.search(response.get_data(as_text=True)).group(1))


@pytest.mark.parametrize("kind", sorted(VALUES))
def test_every_value_has_a_label_in_vietnamese_and_english(kind):
    assert set(labels.KINDS[kind]) == set(VALUES[kind])
    vietnamese, english = translations("vi"), translations("en")
    for value in VALUES[kind]:
        name = labels.msgid(kind, value)
        assert name and vietnamese.get(name) == name, (kind, value)
        assert english.get(name), (kind, value, "has no English")


def test_the_document_phrases_name_every_channel():
    assert set(labels.CHANNEL_PHRASE) == set(questions.CHANNELS)


def test_an_unknown_value_keeps_its_own_name_and_none_has_none():
    assert labels.msgid("channel", "fax") == "fax"
    assert labels.msgid("status", None) == labels.msgid("youth_group", "") == ""


def test_the_console_config_block_gives_every_kind_translated(moderator):
    english = page_config(moderator.get(f"/mod/{DEMO}?lang=en"))["labels"]
    assert set(english) == set(labels.KINDS)
    assert (english["status"]["rejected"], english["tab"]["stage"], english["status"]["pending"]) == (
        "Rejected", "On stage", "Awaiting approval")
    assert english["channel"]["district"] == translations("en")[labels.CHANNEL["district"]]
    vietnamese = page_config(moderator.get(f"/mod/{DEMO}?lang=vi"))["labels"]
    assert vietnamese["tab"] == {value: labels.TAB[value] for value in VALUES["tab"]}


def test_pages_name_roles_phases_and_statuses_from_the_map(moderator):
    english = translations("en")
    staff = lxml.html.fromstring(moderator.get("/staff?lang=en").get_data(as_text=True)).text_content()
    assert english[labels.ROLE[users.ORGANIZER]] in staff
    assert english[labels.PHASE[events.LIVE]] in staff
    assert english[labels.STATUS[questions.PENDING]] in staff
    accounts = moderator.get("/admin/users?lang=en").get_data(as_text=True)
    for role in users.ROLES:
        assert f">{english[labels.ROLE[role]]}</option>" in accounts
    form = moderator.get(f"/admin/events/{DEMO}?lang=en").get_data(as_text=True)
    for phase in events.PHASES:
        assert re.search(rf'<option value="{phase}"[^>]*>{re.escape(english[labels.PHASE[phase]])}</option>', form)


def test_the_export_names_statuses_and_channels_from_the_map(moderator, ask, new_client):
    approved = ask(new_client(), "Tỉnh có hỗ trợ thanh niên khởi nghiệp ở vùng cao không?")
    act(moderator, approved["id"], "approve")
    rejected = ask(new_client(), "Câu hỏi không phù hợp với chủ đề buổi đối thoại")
    act(moderator, rejected["id"], "reject")
    english = translations("en")
    sheet = load_workbook(io.BytesIO(moderator.get(f"/api/v1/events/{DEMO}/log.xlsx?lang=en").data)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    table = {row[0]: dict(zip(header, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert table[approved["id"]]["Status"] == english[labels.STATUS[questions.APPROVED]]
    assert table[rejected["id"]]["Status"] == english[labels.STATUS[questions.REJECTED]]
    assert table[approved["id"]]["Channel"] == english[labels.CHANNEL[questions.ONSITE]]


# A template dict or Python mapping from one of these values to a translated name: a second label map.
TEMPLATE_MAP = re.compile(r"""["'](%s)["']\s*:\s*_\(""" % "|".join(NAMED_VALUES))
# a name, not a sentence: the refusals by phase (policy.NOT_ASKING) end with a full stop
PYTHON_MAP = re.compile(r"""\b(%s)\s*:\s*(N_|_|gettext)\("[^"]*[^."]"\)""" % "|".join(
    ["PENDING", "APPROVED", "ANSWERED", "REJECTED", "DRAFT", "COLLECTING", "LIVE", "CLOSED", "ORGANIZER",
     "MODERATOR", "RESPONDER", "ONSITE", "WEB", "DISTRICT", "PORTAL", "PRESS", "ASSIGNED", "OVERDUE"]))


def test_no_template_or_module_keeps_a_label_map_of_its_own():
    found = [path.name for path in (ROOT / "templates").glob("*.html") if TEMPLATE_MAP.search(path.read_text())]
    found += [str(path.relative_to(ROOT)) for path in (ROOT / "live").rglob("*.py")
              if path.name != "labels.py" and PYTHON_MAP.search(path.read_text())]
    assert found == []
