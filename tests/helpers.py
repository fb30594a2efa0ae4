"""Helpers shared by test modules: moderating and voting through the API, reading a page or a
DOCX back. Fixtures (apps, clients, accounts, scenarios) are in conftest.py."""
import io
import json
import re

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from openpyxl import Workbook


def page_config(html):
    """The page's config block (<script type="application/json" id="page">) of a rendered page."""
    return json.loads(re.search(r'<script type="application/json" id="page">(.*?)</script>', html, re.S).group(1))


def post_action(client, question_id, action, **body):
    """POST /api/v1/questions/<id>/<action> as `client`: the response, refused or not."""
    return client.post(f"/api/v1/questions/{question_id}/{action}", json=body)


def act(client, question_id, action, **body):
    """post_action that must succeed: asserts 200 and returns the question JSON."""
    response = post_action(client, question_id, action, **body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def vote(client, question_id):
    """POST /api/v1/questions/<id>/vote as `client`: the response, refused or not."""
    return client.post(f"/api/v1/questions/{question_id}/vote")


def unvote(client, question_id):
    return client.delete(f"/api/v1/questions/{question_id}/vote")


def vote_count(client, question_id):
    """A vote that must be accepted: the question's count after it."""
    response = vote(client, question_id)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["votes"]


def attendee(new_client):
    """A browser that has been to the event once, so it carries its attendee cookie."""
    browser = new_client()
    assert browser.get("/api/v1/events/demo/questions").status_code == 200
    assert browser.get_cookie("live_attendee") is not None
    return browser


def open_docx(data):
    return Document(io.BytesIO(data))


def all_paragraphs(document):
    """Every paragraph of the body, tables included, in document order."""
    return [Paragraph(p, document) for p in document.element.body.iter(qn("w:p"))]


def full_text(document):
    return "\n".join(p.text for p in all_paragraphs(document))


def body_texts(document):
    """The body's own paragraphs (not those in tables)."""
    return [p.text for p in document.paragraphs]


def plain(html):
    """HTML as plain text: tags dropped, spaces folded, ends trimmed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def text_of(response):
    """A page as plain text, to look for what must (not) be shown."""
    return plain(response.get_data(as_text=True))


def xlsx(rows):
    """A workbook of `rows` (its first sheet), as bytes."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
