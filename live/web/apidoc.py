"""The reference part of docs/api.md, written from live/openapi.json, so that the API is described
once: `python -m live.web.apidoc` (`make api-doc`) rewrites what lies between the two markers; the
rest of the page (the pages, Socket.IO) is written by hand. tests/test_docs.py checks it is current.

Each route: its summary and description, credentials, parameters, body and answers; then the
errors and the objects the answers are made of. A value is shown as a shape, `{"key": type,
"optional"?: type}`, `[item]`, a `Name` of an object described under "Objects", or the values it
may take; what is said of a key (its description, its limits) follows as a list.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "live" / "openapi.json"
DOC = ROOT / "docs" / "api.md"
BEGIN = "<!-- Written by `make api-doc` from live/openapi.json down to the end marker: edit that file. -->"
END = "<!-- End of the part written by `make api-doc`. -->"
METHODS = ("get", "post", "put", "patch", "delete")
ERROR = {"$ref": "#/components/schemas/Error"}  # the body of every error, described once
ID_MAX = 2 ** 63 - 1  # a row id's largest value: said by the routes' converters, not repeated
SAID = ("description", "minLength", "maxLength", "minItems", "maxItems", "maximum", "default")  # what a shape leaves out


def main():
    DOC.write_text(rewrite(DOC.read_text(encoding="utf-8"), load()), encoding="utf-8")
    print(f"{DOC.relative_to(ROOT)} written from {SPEC.relative_to(ROOT)}")


def load():
    return json.loads(SPEC.read_text(encoding="utf-8"))


def rewrite(doc, spec):
    """`doc` with the part between the markers written anew from `spec`."""
    head, begin, rest = doc.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not (begin and end):
        raise SystemExit(f"docs/api.md lacks the markers:\n{BEGIN}\n{END}")
    return f"{head}{BEGIN}\n\n{reference(spec)}\n{END}{tail}"


def reference(spec):
    parts = [spec["info"]["description"]]
    operations = list(each_operation(spec))
    for tag in spec["tags"]:
        parts.append(f"### {tag['x-displayName']}\n\n{tag['description']}" if "description" in tag
                     else f"### {tag['x-displayName']}")
        parts += [operation(spec, path, method, op) for path, method, op in operations if op["tags"][0] == tag["name"]]
    return "\n\n".join(parts + [errors(spec, operations), objects(spec)]) + "\n"


def each_operation(spec):
    tags = {tag["name"] for tag in spec["tags"]}
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                if item[method]["tags"][0] not in tags:
                    raise SystemExit(f"{method.upper()} {path}: its tag is not among the document's tags")
                yield path, method, item[method]


# --- a route ---------------------------------------------------------------------------------

def operation(spec, path, method, op):
    heading = f"### `{method.upper()} {path.replace('{', '<').replace('}', '>')}`"
    text = " ".join(part for part in (sentence(op["summary"]), op.get("description")) if part)
    items = [credentials(spec, op.get("security")), parameters(spec, op.get("parameters", ())),
             body(spec, op.get("requestBody"))] + answers(spec, op["responses"])
    return "\n".join([heading, text, ""] + [f"- {item}" for item in items if item])


def sentence(text):
    return text if text.endswith((".", ":", "?", "!")) else text + "."


def credentials(spec, security):
    if security is None:
        return None
    schemes = spec["components"]["securitySchemes"]
    ways = [" and ".join(credential(schemes[name]) for name in requirement) or "none"
            for requirement in security]
    return "Credentials: " + listed(ways, "or") + "."


def listed(words, conjunction):
    return f" {conjunction} ".join(filter(None, [", ".join(words[:-1]), words[-1]]))


def credential(scheme):
    if scheme["type"] == "apiKey":
        return f"the `{scheme['name']}` {scheme['in']}"
    if scheme.get("scheme") == "bearer":
        return "`Authorization: Bearer <key>`"
    return scheme["type"]


def parameters(spec, declared):
    described = []
    for parameter in declared:
        name = parameter["name"] + ("" if parameter.get("required") else "?")
        said = notes(parameter["schema"], parameter.get("description"))
        described.append(f"`{name}` ({parameter['in']}, `{shape(spec, parameter['schema'], set())}`)"
                         + (f": {said}" if said else ""))
    return "Parameters: " + "; ".join(described) + "." if described else None


def body(spec, request):
    if request is None:
        return None
    [(media, content)] = request["content"].items()
    required = "" if request.get("required") else ", optional"
    said = f" {sentence(request['description'])}" if request.get("description") else ""
    return f"Body (`{media}`{required}): {value(spec, content['schema'])}.{said}"


def answers(spec, responses):
    """One item per answer described here; those described once (under Errors) on one line."""
    items, common = [], []
    for status in sorted(responses):
        response = responses[status]
        if "$ref" in response:
            common.append(f"[`{status}`](#errors)")
            continue
        items.append(f"`{status}`" + answer(spec, response))
    return items + (["Also " + ", ".join(common) + "."] if common else [])


def answer(spec, response):
    """What comes back: the body (the common error body is said once, under Errors), then what is
    said of it and its headers."""
    bodies = [value(spec, content["schema"]) if media == "application/json" else f"`{media}`"
              for media, content in response.get("content", {}).items() if content["schema"] != ERROR]
    said = [sentence(response["description"])] if response["description"] != "OK" else []
    said += [f"Header `{name}`" + (f": {sentence(header['description'])}" if "description" in header else ".")
             for name, header in response.get("headers", {}).items()]
    return "".join(f" {body}" for body in bodies) + (": " + " ".join(said) if said else "")


def value(spec, schema):
    """A value as a link to its object, or as its shape followed by links to the objects it names."""
    refs = set()
    written = shape(spec, schema, refs)
    if refs == {written}:
        return link(written)
    return f"`{written}`" + (" (" + ", ".join(link(name) for name in sorted(refs)) + ")" if refs else "")


def link(name):
    return f"[`{name}`](#{name.lower()})"


# --- the errors and the objects --------------------------------------------------------------

def errors(spec, operations):
    """The answers many routes share, each once, with the statuses they come with."""
    statuses = {}
    for _, _, op in operations:
        for status, response in op["responses"].items():
            if "$ref" in response:
                statuses.setdefault(response["$ref"].rsplit("/", 1)[1], set()).add(status)
    rows = [f"| {', '.join(f'`{s}`' for s in sorted(statuses[name]))} | {response['description']} |"
            for name, response in spec["components"]["responses"].items() if name in statuses]
    error = spec["components"]["schemas"]["Error"]
    return "\n".join(["### Errors", "", error["description"], "", "| answer | meaning |", "| --- | --- |"] + rows)


def objects(spec):
    parts = ["### Objects", "A key followed by `?` may be absent. Keys with more to say are listed under their object."]
    for name, schema in spec["components"]["schemas"].items():
        if not inline(schema):
            parts.append(described_object(spec, name, schema))
    return "\n\n".join(parts)


def described_object(spec, name, schema):
    lines = [f"#### `{name}`"]
    if "description" in schema:
        lines.append(schema["description"])
    lines += [value(spec, schema), ""]
    lines += [f"- `{key}`: {said}" for key, said in key_notes(schema)]
    return "\n".join(lines).rstrip()


def key_notes(schema, prefix=""):
    """(key path, what is said of it) for each key with a description or limits, nested ones too."""
    for key, value in schema.get("properties", {}).items():
        said = notes(value, value.get("description"))
        if said:
            yield prefix + key, said
        for suffix, inner in nested_objects(value):
            yield from key_notes(inner, f"{prefix}{key}{suffix}.")


def nested_objects(value, suffix=""):
    """The objects written out inside a value (not named ones), with the path to them: `[]` per list."""
    if "properties" in value:
        yield suffix, value
    if "items" in value:
        yield from nested_objects(value["items"], suffix + "[]")
    for choice in value.get("oneOf", []) + value.get("anyOf", []):
        yield from nested_objects(choice, suffix)


# --- a value ---------------------------------------------------------------------------------

def inline(schema):
    """Whether an object is shown where it is used: when its shape says all there is to say of it."""
    text = json.dumps(schema).replace(f'"maximum": {ID_MAX}', "")
    return not any(f'"{key}"' in text for key in SAID)


def shape(spec, schema, refs):
    """A value's shape in one line; the named objects it mentions are added to `refs`."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        target = spec["components"]["schemas"][name]
        if inline(target):
            return shape(spec, target, refs)
        refs.add(name)
        return name
    if "const" in schema:
        return json.dumps(schema["const"], ensure_ascii=False)
    if "enum" in schema:
        return " | ".join(json.dumps(value, ensure_ascii=False) for value in schema["enum"])
    choices = [choice for choice in schema.get("oneOf", []) + schema.get("anyOf", []) if set(choice) != {"required"}]
    if choices:
        return " | ".join(shape(spec, choice, refs) for choice in choices)
    types = schema.get("type", "any")
    return " | ".join(single(spec, schema, kind, refs) for kind in ([types] if isinstance(types, str) else types))


def single(spec, schema, kind, refs):
    if kind == "array":
        return f"[{shape(spec, schema['items'], refs)}]"
    if kind == "object" and "properties" in schema:
        required = set(schema.get("required", ()))
        return "{" + ", ".join(f'"{key}"{"" if key in required else "?"}: {shape(spec, value, refs)}'
                               for key, value in schema["properties"].items()) + "}"
    if kind == "string" and "format" in schema:
        return "file" if schema["format"] == "binary" else schema["format"]
    return kind


def notes(schema, description=None):
    """What is said of a value: its description, then each limit it does not already state."""
    said = description.rstrip(".") if description else ""
    limits = [text for number, text in limits_of(schema) if not re.search(rf"\b{number}\b", said)]
    return "; ".join(filter(None, [said] + limits))


def limits_of(schema):
    """(the number, the words) of each limit of a value."""
    low, high = schema.get("minLength", 0), schema.get("maxLength")
    if high is not None:
        yield high, f"{low} to {high} characters" if low > 1 else f"at most {high} characters"
    elif low > 1:
        yield low, f"at least {low} characters"
    if "minItems" in schema:
        yield schema["minItems"], f"at least {schema['minItems']} items"
    if "maxItems" in schema:
        yield schema["maxItems"], f"at most {schema['maxItems']} items"
    if "maximum" in schema and schema["maximum"] != ID_MAX:
        yield schema["maximum"], f"{schema.get('minimum', 0)} to {schema['maximum']}"
    if "default" in schema:
        yield json.dumps(schema["default"]), f"default `{json.dumps(schema['default'])}`"


if __name__ == "__main__":
    sys.exit(main())
