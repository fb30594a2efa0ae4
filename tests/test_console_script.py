"""The browser's scripts (static/js/ and the moderator console's static/js/console/): small files of
short functions that render what the server tells them (q.actions, q.tab, event.phone) and decide no
rule: no status, phase or role name is compared anywhere in them."""
import re
from pathlib import Path

import pytest

from live.dialogue import events, questions, users

CONSOLE = Path(__file__).resolve().parent.parent / "static" / "js" / "console"
SCRIPTS = sorted(CONSOLE.glob("*.js")) + sorted(CONSOLE.parent.glob("*.js"))
NAMES = "|".join((*questions.STATUSES, *events.PHASES, *users.ROLES))
LITERAL = rf"""["'`]({NAMES})["'`]"""
# a name compared (either side of ==, ===, != or !==), a case of a switch, or looked for in a list
COMPARED = re.compile(rf"""(==|!=)=?\s*{LITERAL}|{LITERAL}\s*(==|!=)|\bcase\s+{LITERAL}|(indexOf|includes)\(\s*{LITERAL}""")
# ...and a field that holds one compared to any text (an HTTP status is a number)
FIELD_COMPARED = re.compile(r"""\.(status|phase|role)\s*[!=]==?\s*["'`]|["'`]\s*[!=]==?\s*[\w.]+\.(status|phase|role)\b""")
FUNCTION = re.compile(r"^\s*(export\s+)?(async\s+)?function\s+(\w+)|(\w+)\s*[:=]\s*(\([^()]*\)|\w+)\s*=>\s*\{\s*$")


def test_the_console_is_split_into_its_panels():
    assert not (CONSOLE.parent / "moderator.js").exists()
    assert {"cards.js", "forms.js", "answer_log.js", "chair_messages.js", "search.js", "suggestions.js",
            "tabs.js", "console.js", "rules.js"} <= {path.name for path in SCRIPTS}


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: path.name)
def test_no_script_compares_a_status_phase_or_role(path):
    text = path.read_text()
    found = [match.group(0) for pattern in (COMPARED, FIELD_COMPARED) for match in pattern.finditer(text)]
    assert found == [], f"{path.name} decides by a status, phase or role: ask rules.js (q.actions, q.tab)"


def test_the_check_sees_what_it_looks_for():
    assert COMPARED.search('if (q.status === "pending") return;') and COMPARED.search("case 'live':")
    assert FIELD_COMPARED.search('event.phase !== "closed"') and not COMPARED.search("response.status === 409")


def function_lengths(path):
    """(name, lines) of each named function or `name = (...) => {` block, by counting braces."""
    lines = path.read_text().splitlines()
    for start, line in enumerate(lines):
        match = FUNCTION.match(line)
        if not match:
            continue
        depth = 0
        for end in range(start, len(lines)):
            code = re.sub(r'"(\\.|[^"\\])*"|\'(\\.|[^\'\\])*\'|/\*.*?\*/', "", lines[end])
            depth += code.count("{") - code.count("}")
            if depth <= 0 and "{" in "".join(lines[start:end + 1]):
                yield match.group(3) or match.group(4), end - start + 1
                break


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: path.name)
def test_each_file_is_short_and_each_function_shorter(path):
    assert len(path.read_text().splitlines()) <= 400
    assert [(name, length) for name, length in function_lengths(path) if length > 50] == []
