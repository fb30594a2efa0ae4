"""Helpers shared by test modules: moderating through the API, and reading a DOCX back."""
import io
import re

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph


def act(client, question_id, action, **body):
    """POST /api/v1/questions/<id>/<action> as `client`; asserts 200 and returns the question JSON."""
    response = client.post(f"/api/v1/questions/{question_id}/{action}", json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


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


def text_of(response):
    """A page as plain text (tags dropped, spaces folded), to look for what must (not) be shown."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))
