"""The documentation tells the truth: routes in docs/api.md, settings in docs/config.md."""
import ast
import re
from pathlib import Path

from live import config
from live.web import apidoc

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def normalise(rule):
    return re.sub(r"<[^>]*>", "<>", rule)


def documented_routes():
    headings = re.findall(r"^### `([A-Z]+) (/[^`]*)`$", (DOCS / "api.md").read_text(), re.M)
    return {(method, normalise(path)) for method, path in headings}


def app_routes(app):
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            routes.add((method, normalise(rule.rule)))
    return routes


def test_every_route_is_documented_and_every_documented_route_exists(app):
    assert app_routes(app) == documented_routes()


def test_the_api_reference_is_written_from_openapi_json():
    doc = (DOCS / "api.md").read_text(encoding="utf-8")
    assert apidoc.rewrite(doc, apidoc.load()) == doc, \
        "docs/api.md is behind live/openapi.json: run `make api-doc` (python -m live.web.apidoc)"


def test_a_change_to_openapi_json_shows_in_the_reference_and_the_rest_stays():
    doc = (DOCS / "api.md").read_text(encoding="utf-8")
    spec = apidoc.load()
    spec["paths"]["/api/v1/me"]["get"]["description"] = "Một mô tả mới."
    spec["components"]["schemas"]["Question"]["properties"]["votes"]["description"] = "distinct voters"
    written = apidoc.rewrite(doc, spec)
    assert "Một mô tả mới." in written and "- `votes`: distinct voters" in written
    head, tail = doc.split(apidoc.BEGIN)[0], doc.split(apidoc.END)[1]  # written by hand
    assert "## Pages" in head and "## Socket.IO" in tail
    assert written.split(apidoc.BEGIN)[0] == head and written.split(apidoc.END)[1] == tail


def test_config_doc_lists_exactly_the_settings_read():
    documented = set(re.findall(r"^\| `(LIVE_[A-Z_]+)` \|", (DOCS / "config.md").read_text(), re.M))
    read = set(config.from_environment({}))
    assert documented == read


def test_config_defaults_match_the_doc():
    rows = dict(re.findall(r"^\| `(LIVE_[A-Z_]+)` \| `([^`]*)` \|", (DOCS / "config.md").read_text(), re.M))
    for key, value in rows.items():
        assert config.DEFAULTS[key] == value


def test_readme_lists_every_url_make_run_prints(app, capsys):
    """README's table of `make run` is what run.py's banner prints, in order, and each is a page."""
    import run
    readme = (DOCS.parent / "README.md").read_text()
    documented = re.findall(r"^\| [^|]+ \| http://127\.0\.0\.1:5000(/\S*) \|$", readme, re.M)
    run.print_banner(app, with_demo=True)  # the app listens on the default 127.0.0.1:5000, as make run
    printed = re.findall(r"http://127\.0\.0\.1:5000(/\S*)", capsys.readouterr().out)
    assert printed[0] == "/" and printed[1:] == documented
    pages = app.url_map.bind("localhost")
    for path in documented:
        assert pages.match(path)


RULE_PLACE = re.compile(r"^\| [^|]+ \| `([\w/.]+)` `(\w+)` \|$", re.M)


def test_each_place_of_the_architecture_table_defines_its_name():
    table = RULE_PLACE.findall((DOCS / "architecture.md").read_text())
    assert len(table) >= 25
    missing = []
    for path, name in table:
        source = (ROOT / path).read_text()
        if path.endswith(".py"):
            tree = ast.parse(source)
            defined = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
            defined |= {target.id for node in tree.body if isinstance(node, ast.Assign)
                        for target in node.targets if isinstance(target, ast.Name)}
        else:
            defined = set(re.findall(r"function (\w+)\(", source))
        if name not in defined:
            missing.append(f"{path} {name}")
    assert missing == []
