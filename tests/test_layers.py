"""The layers, read from the source: web -> documents -> dialogue -> storage -> text (errors and
config from anywhere); no Flask below the web layer; SQL only in live/storage."""
import ast
import re
from pathlib import Path

import pytest

from live.storage import Store

LIVE = Path(__file__).resolve().parent.parent / "live"
# A layer may import its own package and those below it; `live` itself is the app factory.
RANK = {"text": 0, "storage": 1, "dialogue": 2, "documents": 3, "web": 4, "": 4}
FROM_ANYWHERE = {"errors", "config"}
BELOW_WEB = ("dialogue", "documents", "storage", "text")

# A statement, not a word: a keyword in capitals followed by more of it, or the shape of a
# statement in any case; so "DELETE" (an HTTP method) or "select ... from" in a sentence pass.
SQL_CAPITALS = re.compile(r"\b(?:SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|DROP|ALTER|REPLACE|VACUUM|ATTACH)\s+[\w*(\"]")
SQL_SHAPES = re.compile(
    r"\b(?:insert|replace)\s+(?:or\s+\w+\s+)?into\s+\w|\bdelete\s+from\s+\w|\bupdate\s+\w+\s+set\s+\w+\s*="
    r"|\bselect\s+[\w*., ()]{1,200}?\s+from\s+\w+\s+(?:where|join|order|group)\b|\bpragma\s+\w+\s*="
    r"|\bcreate\s+(?:table|index|trigger|view)\s+\w", re.IGNORECASE)
SQLITE_MODULES = {"sqlite3", "sqlite_utils", "apsw"}


def modules(*packages):
    """(dotted name, path, parsed tree) of every module of live/, or of these packages of it."""
    found = []
    for path in sorted(LIVE.rglob("*.py")):
        parts = path.relative_to(LIVE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if not packages or layer(name) in packages:
            found.append((name, path, ast.parse(path.read_text(encoding="utf-8"), str(path))))
    assert found, packages
    return found


def layer(name):
    """The package of live/ a dotted name belongs to ("" for live itself)."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def imported(name, tree):
    """(line, absolute dotted name) of each module `name`'s code imports, anywhere in it (inside
    functions too); `from package import module` counts as importing the module."""
    package = name if is_module(name + ".__init__") else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield node.lineno, submodule if is_module(submodule) or is_module(submodule + ".__init__") else base


def is_module(dotted):
    return (LIVE.parent / (dotted.replace(".", "/") + ".py")).exists()


def reads_as_sql(text):
    return bool(SQL_CAPITALS.search(text) or SQL_SHAPES.search(text))


def docstrings(tree):
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}


def sql_strings(tree):
    """(line, text) of each string constant (f-strings' parts too, docstrings aside) that reads as SQL."""
    skip = docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if reads_as_sql(node.value):
                yield node.lineno, node.value


def test_no_flask_below_the_web_layer():
    found = [f"{path.relative_to(LIVE.parent)}:{line} imports {target}"
             for name, path, tree in modules(*BELOW_WEB) for line, target in imported(name, tree)
             if target.split(".")[0] == "flask" or target.startswith("flask_")]
    assert found == []


def test_imports_point_down_the_layers():
    found = []
    for name, path, tree in modules():
        for line, target in imported(name, tree):
            if target.split(".")[0] != "live" or layer(target) in FROM_ANYWHERE:
                continue
            if RANK.get(layer(target), 0) > RANK[layer(name)]:
                found.append(f"{path.relative_to(LIVE.parent)}:{line} ({layer(name) or 'live'}) imports {target}")
    assert found == []


def test_no_sql_outside_storage():
    outside = [module for module in modules() if layer(module[0]) != "storage"]
    found = [f"{path.relative_to(LIVE.parent)}:{line} {text[:60]!r}"
             for name, path, tree in outside for line, text in sql_strings(tree)]
    found += [f"{path.relative_to(LIVE.parent)}:{line} imports {target}"
              for name, path, tree in outside for line, target in imported(name, tree)
              if target.split(".")[0] in SQLITE_MODULES]
    assert found == []


def test_the_sql_check_sees_the_statements_in_storage():
    """Not blind: it finds the statements storage runs, and none in a sentence or an HTTP method."""
    for name, path, tree in modules("storage"):
        if path.name in ("votes.py", "questions.py", "events.py", "connection.py"):
            assert list(sql_strings(tree)), path
    prose = ["DELETE", "Chọn câu hỏi từ danh sách", "select the questions from the list",
             "Update the event, then set the phase", "Create a table of the answers"]
    assert [text for text in prose if reads_as_sql(text)] == []
    statements = ["select id from question where event_id = ?", "delete from vote where 1",
                  "insert or ignore into vote values (1)", "update question set votes = 1", "PRAGMA user_version"]
    assert [text for text in statements if not reads_as_sql(text)] == []


PRIVATE = {name for name in dir(Store) if name.startswith("_") and not name.startswith("__")}


@pytest.mark.parametrize("attribute", ["_all", "_one", "_run"])
def test_the_store_has_private_query_helpers(attribute):
    assert attribute in PRIVATE  # what the next test looks for


def test_nothing_outside_storage_calls_a_private_store_method():
    found = [f"{path.relative_to(LIVE.parent)}:{node.lineno} .{node.attr}"
             for name, path, tree in modules() if layer(name) != "storage"
             for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr in PRIVATE]
    found += [f"{path.relative_to(LIVE.parent)}:{node.lineno} .{node.func.attr}()"
              for name, path, tree in modules() if layer(name) != "storage"
              for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in ("execute", "executemany", "executescript")]
    assert found == []
