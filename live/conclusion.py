"""The conclusion draft as DOCX: every answered question with its agency and answers.

The formal notice in the administrative format (Decree 30/2020) is another issue;
this draft is what the moderators logged, grouped in the order questions were asked.
"""
import io

from docx import Document
from docx.shared import Pt

from . import answers


def docx(store, event, gettext):
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    document.add_heading(gettext("Dự thảo kết luận"), level=1)
    document.add_paragraph(event["title"])
    if event["theme"]:
        document.add_paragraph(gettext("Chủ đề: %(theme)s", theme=event["theme"]))
    answered = answers.for_event(store, event)
    document.add_paragraph(gettext("Số câu hỏi đã trả lời: %(count)s", count=len(answered)))
    for number, (question, logged) in enumerate(answered, start=1):
        document.add_heading(gettext("Câu hỏi %(number)s", number=number), level=2)
        document.add_paragraph(question["text"])
        agency = question["agency_name"] or next(
            (answer["agency_name"] for answer in logged if answer["agency_name"]), gettext("(chưa giao cơ quan)"))
        document.add_paragraph(gettext("Cơ quan trả lời: %(agency)s", agency=agency))
        for answer in logged:
            line = gettext("%(who)s: %(summary)s", who=answer["answered_by"], summary=answer["summary"])
            if answer["follow_up"]:
                line += " " + gettext("(cần theo dõi, trả lời bằng văn bản)")
            document.add_paragraph(line, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
