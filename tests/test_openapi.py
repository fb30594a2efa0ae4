"""live/openapi.json tells the truth about /api/v1: exactly the app's routes, a valid OpenAPI 3.1
document served at /api/v1/openapi.json, and every answer a real server gives to schemathesis'
generated requests is one it documents (status, content type, schema), anonymous and as organizer."""
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import jsonschema_rs
import pytest
import requests
import schemathesis

from .helpers import body_texts, open_docx
from .support import ADMIN_PASSWORD, Server

SPEC_PATH = Path(__file__).resolve().parent.parent / "live" / "openapi.json"
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
MAX_ID = 2**63 - 1

# Schemathesis: bounded and reproducible. Each run has its own server and takes ~15-30 s here.
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
MAX_EXAMPLES = 20
RUN_TIMEOUT = 150  # a hard stop for one run; it normally ends far sooner


def load_spec():
    return json.loads(SPEC_PATH.read_text(encoding="utf-8"))


def openapi_path(rule):
    """/api/v1/questions/<id:question_id>/vote -> /api/v1/questions/{question_id}/vote"""
    return re.sub(r"<(?:[^<>:]+:)?([^<>]+)>", r"{\1}", rule)


def api_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")]


def operations(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


# --- the routes -------------------------------------------------------------------------------

def test_spec_describes_exactly_the_api_routes(app):
    routes = {(openapi_path(rule.rule), method.lower())
              for rule in api_rules(app) for method in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(path, method) for path, method, _ in operations(load_spec())}
    assert sorted(documented - routes) == [], "documented but not served"
    assert sorted(routes - documented) == [], "served but not documented"


def test_path_parameters_match_the_routes_converters(app):
    """`<id:...>` is a row id, 1 to 2**63 - 1 (live/web/converters.py); anything else a string."""
    spec = load_spec()
    for rule in api_rules(app):
        path = openapi_path(rule.rule)
        converters = {name: converter for converter, name in re.findall(r"<(?:([^<>:]+):)?([^<>]+)>", rule.rule)}
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            operation = spec["paths"][path][method.lower()]
            declared = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "path"}
            assert set(declared) == set(converters), (method, path)
            for name, converter in converters.items():
                parameter = declared[name]
                assert parameter["required"] is True
                if converter == "id":
                    assert parameter["schema"]["type"] == "integer", (method, path, name)
                    assert (parameter["schema"]["minimum"], parameter["schema"]["maximum"]) == (1, MAX_ID)
                else:
                    assert converter in ("", "string"), (method, path, name)
                    assert parameter["schema"]["type"] == "string", (method, path, name)


# --- the document -----------------------------------------------------------------------------

def test_served_and_a_valid_openapi_3_1_document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    served = response.get_json()
    assert served == load_spec()
    assert served["openapi"] == "3.1.0"
    schemathesis.openapi.from_dict(served).validate()  # the OpenAPI 3.1 meta-schema
    for name, schema in served["components"]["schemas"].items():
        jsonschema_rs.meta.validate({"$schema": "https://json-schema.org/draft/2020-12/schema", **schema})


def test_every_reference_resolves_and_operation_ids_are_unique():
    spec = load_spec()

    def refs(node):
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                yield node["$ref"]
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    for ref in refs(spec):
        target = spec
        assert ref.startswith("#/"), ref
        for part in ref[2:].split("/"):
            target = target[part]  # KeyError: a dangling reference
    ids = [operation["operationId"] for _, _, operation in operations(spec)]
    assert len(ids) == len(set(ids))
    for _, _, operation in operations(spec):
        for link in (link for response in operation["responses"].values()
                     for link in response.get("links", {}).values()):
            assert link["operationId"] in ids


def test_every_error_is_documented_as_json_error():
    """Errors are {"error": ...} (docs/api.md); every state-changing route may be refused cross-site."""
    spec = load_spec()
    for path, method, operation in operations(spec):
        for status, response in operation["responses"].items():
            if "$ref" in response:
                response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
            if int(status) >= 400:
                schema = response["content"]["application/json"]["schema"]
                assert schema["$ref"] in ("#/components/schemas/Error", "#/components/schemas/ConflictError")
        if method in ("post", "patch", "delete"):
            assert "403" in operation["responses"], (method, path)
        if "requestBody" in operation:
            assert {"400", "413"} <= set(operation["responses"]), (method, path)


# --- answers that must be documented ones, for inputs a fuzzer rarely builds ------------------

def documented_statuses(method, path):
    return {int(status) for status in load_spec()["paths"][path][method]["responses"]}


@pytest.fixture
def seeded(app, moderator, ask, client):
    """Question 1 approved and answered (answer 1); an attendee's client."""
    question = ask(client, "Câu hỏi để thử")
    assert moderator.post(f"/api/v1/questions/{question['id']}/approve").status_code == 200
    response = moderator.post(f"/api/v1/questions/{question['id']}/answer",
                              json={"answered_by": "Giám đốc Sở", "summary": "Tóm tắt"})
    assert response.status_code == 200
    answer_id = moderator.get("/api/v1/events/demo/log").get_json()["answers"][0]["id"]
    return {"question": question["id"], "answer": answer_id}


HOSTILE = [
    # who, method, URL, body (raw JSON text) or None, the operation's path in the spec
    pytest.param("moderator", "patch", "/api/v1/answers/{answer}", '{"store": 1}', "/api/v1/answers/{answer_id}",
                 id="answer-edit-key-store"),
    pytest.param("moderator", "patch", "/api/v1/answers/{answer}", '{"event": "demo"}',
                 "/api/v1/answers/{answer_id}", id="answer-edit-key-event"),
    pytest.param("moderator", "post", "/api/v1/questions/{question}/answer",
                 '{"answered_by": "A", "also": [9223372036854775808]}', "/api/v1/questions/{question_id}/answer",
                 id="answer-also-id-beyond-int64"),
    pytest.param("moderator", "post", "/api/v1/questions/{question}/reject", '{"version": 1e400}',
                 "/api/v1/questions/{question_id}/reject", id="version-overflows-to-infinity"),
    pytest.param("moderator", "patch", "/api/v1/events/demo/notice", '{"attendees": 1e400}',
                 "/api/v1/events/{code}/notice", id="notice-attendees-overflows-to-infinity"),
    pytest.param("client", "post", "/api/v1/events/demo/questions", '{"text": "\\ud800"}',
                 "/api/v1/events/{code}/questions", id="question-text-lone-surrogate"),
    pytest.param("client", "post", "/api/v1/events/demo/questions", '{"text": "Hỏi", "client_id": "\\udfff"}',
                 "/api/v1/events/{code}/questions", id="question-client-id-lone-surrogate"),
    pytest.param("client", "post", "/api/v1/login", '{"username": "\\ud800", "password": "x"}', "/api/v1/login",
                 id="login-username-lone-surrogate"),
    pytest.param("client", "delete", "/api/v1/questions/9223372036854775808/vote", None,
                 "/api/v1/questions/{question_id}/vote", id="unvote-id-beyond-int64"),
    pytest.param("client", "delete", "/api/v1/questions/0/vote", None, "/api/v1/questions/{question_id}/vote",
                 id="unvote-id-0"),
    pytest.param("moderator", "delete", "/api/v1/questions/9223372036854775808/block-author", None,
                 "/api/v1/questions/{question_id}/block-author", id="unblock-id-beyond-int64"),
]


@pytest.mark.parametrize("who,method,url,data,path", HOSTILE)
def test_edge_inputs_get_a_documented_answer(request, seeded, who, method, url, data, path):
    caller = request.getfixturevalue(who)
    kwargs = {"data": data.encode(), "content_type": "application/json"} if data is not None else {}
    response = caller.open(url.format(**seeded), method=method.upper(), **kwargs)
    assert response.status_code in documented_statuses(method, path), (response.status_code, response.get_json())
    assert response.status_code < 500
    assert isinstance(response.get_json()["error"], str)


def test_conclusion_docx_with_the_longest_allowed_summary(moderator):
    """The notice's summary may be 400 characters; the DOCX is still made, with the whole summary."""
    summary = "Kết luận " + "x" * 390
    response = moderator.patch("/api/v1/events/demo/notice", json={"summary": summary})
    assert response.status_code == 200
    response = moderator.get("/api/v1/events/demo/conclusion.docx")
    assert response.status_code in documented_statuses("get", "/api/v1/events/{code}/conclusion.docx")
    assert response.status_code == 200
    assert summary in body_texts(open_docx(response.data))


# --- schemathesis against a real server -------------------------------------------------------

def seed(url):
    """Something for the generated requests to find: questions 1-4 (1 pending; 2 approved, routed,
    answered in writing; 3 answered on the spot, answer 1; 4 on stage), chair message 1, published
    results. Returns the organizer's session cookie."""
    staff = requests.Session()
    response = staff.post(url + "/api/v1/login", json={"username": "admin", "password": ADMIN_PASSWORD}, timeout=10)
    assert response.status_code == 200, response.text
    attendee = requests.Session()
    ids = []
    for text in ("Câu hỏi chờ duyệt", "Câu hỏi đã giao cơ quan", "Câu hỏi đã trả lời", "Câu hỏi trên màn hình"):
        response = attendee.post(url + "/api/v1/events/demo/questions", json={"text": text}, timeout=10)
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
    _, routed, answered, staged = ids
    calls = [
        ("post", f"/api/v1/questions/{routed}/approve", None),
        ("post", f"/api/v1/questions/{routed}/route", {"agency": "SNV"}),
        ("patch", f"/api/v1/questions/{routed}", {"note": "Chuẩn bị số liệu", "written_due": "2024-04-30"}),
        ("post", f"/api/v1/questions/{routed}/written-answer", {"text": "Trả lời bằng văn bản"}),
        ("post", f"/api/v1/questions/{answered}/approve", None),
        ("post", f"/api/v1/questions/{answered}/answer", {
            "answered_by": "Giám đốc Công an tỉnh", "summary": "Tóm tắt", "follow_up": True, "agency": "CA",
            "direction": "Giao Công an tỉnh", "commitments": [{"agency": "CA", "what": "Báo cáo", "due": "2024-05-01"}],
            "speakers": [{"name": "Giám đốc Công an tỉnh", "agency": "CA"}]}),
        ("post", f"/api/v1/questions/{staged}/approve", None),
        ("post", f"/api/v1/questions/{staged}/stage", None),
        ("post", "/api/v1/events/demo/chair/messages", {"text": "Còn 5 phút"}),
        ("post", "/api/v1/events/demo/publish", {"published": True}),
    ]
    for method, path, body in calls:
        response = staff.request(method, url + path, json=body, timeout=10)
        assert response.status_code in (200, 201), (method, path, response.text)
    return staff.cookies["live_session"]


def run_schemathesis(server, workdir, *options):
    command = [
        sys.executable, "-m", "schemathesis.cli", "run", server.url + "/api/v1/openapi.json",
        "--checks", CHECKS,
        "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", str(MAX_EXAMPLES),
        "--generation-deterministic",
        "--generation-with-security-parameters", "false",
        "--workers", "1",  # one thread: the server is one process, and hypothesis is not thread-safe here
        "--suppress-health-check", "all",  # they judge the data generator's speed, not the API
        "--request-timeout", "20",
        "--no-color",
        "--output-truncate", "false",
        *options,
    ]
    started = time.monotonic()
    # cwd: schemathesis keeps its caches in the working directory, never in the repository
    done = subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=RUN_TIMEOUT)
    return done, time.monotonic() - started


@pytest.mark.slow
@pytest.mark.parametrize("who", ["anonymous", "organizer"])
def test_schemathesis_finds_no_undocumented_answer(tmp_path, who):
    server = Server(tmp_path / "live.db")
    try:
        cookie = seed(server.url)
        options = []
        if who == "organizer":
            # logging out would end the session the rest of the run needs
            options = ["--header", f"Cookie: live_session={cookie}",
                       "--exclude-operation-id", "logout", "--exclude-operation-id", "logoutEverywhere"]
        done, seconds = run_schemathesis(server, tmp_path, *options)
    finally:
        server.stop()
    report = done.stdout + done.stderr
    server_errors = [line for line in server.log_path.read_text().splitlines()
                     if "Error" in line or "Traceback" in line]
    assert done.returncode == 0, (f"schemathesis ({who}, {seconds:.0f} s) found answers the spec does not "
                                  f"describe:\n{report}\nserver log:\n" + "\n".join(server_errors[-40:]))
