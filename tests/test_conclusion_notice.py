"""The conclusion notice drafted from a logged session: the DOCX read back with python-docx,
the organizer's form for its fields, and who may get them."""
import re
from datetime import date

import pytest
from docx.shared import Mm, Pt

from live.web import identity
from .helpers import body_texts, full_text, open_docx, text_of
from .scenario import (ABSENT, ANSWERED, DUE_WRITTEN, JOBS_ANSWER, LAW_ANSWER, SCAM_CA, SCAM_DIRECTION, SCAM_TTTT,
                       SKILLS_ANSWER, T_LAW, T_PROTECT, T_RESPONSIBLE, WRITTEN, ask_all, moderate_all, question_text)

URL = "/api/v1/events/demo/conclusion.docx"
FORM = "/admin/events/demo/conclusion"
PRINT = "/admin/events/demo/conclusion/print"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def section_texts(texts, heading, next_heading=None):
    start = texts.index(heading)
    end = texts.index(next_heading) if next_heading else len(texts)
    return texts[start + 1:end]


@pytest.fixture
def notice_doc(moderator, session):
    response = moderator.get(URL)
    assert response.status_code == 200, response.get_json()
    return open_docx(response.data)


# --------------------------------------------------------------------------- format


def test_download_is_the_formal_notice(moderator, session):
    response = moderator.get(URL)
    assert response.status_code == 200
    assert response.mimetype == DOCX_TYPE
    assert response.headers["Content-Disposition"] == 'attachment; filename="thong-bao-ket-luan-demo.docx"'
    assert response.data[:2] == b"PK"


def test_page_and_fonts(notice_doc):
    section = notice_doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
    assert abs(section.top_margin - Mm(20)) < Mm(0.2) and abs(section.bottom_margin - Mm(20)) < Mm(0.2)
    assert abs(section.left_margin - Mm(30)) < Mm(0.2) and abs(section.right_margin - Mm(15)) < Mm(0.2)
    normal = notice_doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)


def test_header_comes_from_the_notice_fields(notice_doc):
    left, right = notice_doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["UBND TỈNH LÀO CAI", "VĂN PHÒNG", "Số:        /TB-VPUBND"]
    right_texts = [p.text for p in right.paragraphs if p.text]
    assert right_texts[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    # No date saved: blanks to fill by hand, in the event's year.
    assert right_texts[2] == "Lào Cai, ngày      tháng      năm 2024"
    texts = body_texts(notice_doc)
    assert "THÔNG BÁO" in texts
    assert ("Kết luận của Chủ tịch UBND tỉnh tại Chương trình đối thoại giữa Chủ tịch UBND tỉnh với thanh "
            "niên tỉnh Lào Cai năm 2024") in texts
    signer = [p.text for p in notice_doc.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signer == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]


@pytest.mark.parametrize("day, line", [
    ("2024-04-05", "Lào Cai, ngày 05 tháng 4 năm 2024"),
    ("2024-02-03", "Lào Cai, ngày 03 tháng 02 năm 2024"),
    ("2024-12-26", "Lào Cai, ngày 26 tháng 12 năm 2024"),
])
def test_date_rule(moderator, day, line):
    response = moderator.patch("/api/v1/events/demo/notice", json={"date": day})
    assert response.status_code == 200, response.get_json()
    right = open_docx(moderator.get(URL).data).tables[0].rows[0].cells[1]
    assert line in [p.text for p in right.paragraphs]


def test_generated_opening_and_figures(notice_doc):
    texts = body_texts(notice_doc)
    opening = next(t for t in texts if t.startswith("Ngày 26/3/2024, tại Trung tâm Hội nghị tỉnh Lào Cai"))
    assert ("đồng chí Trịnh Xuân Trường, Chủ tịch UBND tỉnh chủ trì Chương trình đối thoại giữa Chủ tịch "
            "UBND tỉnh với thanh niên tỉnh Lào Cai năm 2024 với chủ đề") in opening
    assert "“Vai trò của các cơ quan, đơn vị" in opening
    assert "300 đại biểu thanh niên" in opening
    assert "- Số đại biểu thanh niên tham dự: 300;" in texts
    assert "- Số câu hỏi, ý kiến nhận được: 10 (gửi qua điện thoại tại hội trường: 10);" in texts
    assert "- Số câu hỏi, ý kiến được chọn đưa vào đối thoại: 8;" in texts
    assert "- Số câu hỏi, ý kiến đang chờ xem xét: 1;" in texts
    assert "- Số câu hỏi, ý kiến trùng lặp hoặc không phù hợp: 1;" in texts
    assert "- Trả lời trực tiếp tại buổi đối thoại: 5;" in texts
    assert ("- Giao cơ quan chức năng trả lời bằng văn bản: 4 (trong đó 1 câu hỏi đã trả lời trực tiếp, "
            "cần trả lời bổ sung).") in texts
    assert texts.index("- Số đại biểu thanh niên tham dự: 300;") < texts.index("I. Ý KIẾN ĐÁNH GIÁ CHUNG")


def test_organizer_opening_and_assessment_replace_the_defaults(moderator, session):
    moderator.patch("/api/v1/events/demo/notice", json={
        "opening": "Đoạn mở đầu thứ nhất.\n\nĐoạn mở đầu thứ hai.",
        "assessment": "Buổi đối thoại cởi mở.\nThanh niên nêu nhiều ý kiến thiết thực.",
        "organisation": "Sở Nội vụ theo dõi, đôn đốc.",
    })
    texts = body_texts(open_docx(moderator.get(URL).data))
    assert texts.index("Đoạn mở đầu thứ nhất.") + 1 == texts.index("Đoạn mở đầu thứ hai.")
    assert not any(t.startswith("Ngày 26/3/2024") for t in texts)
    assessment = section_texts(texts, "I. Ý KIẾN ĐÁNH GIÁ CHUNG", "II. NỘI DUNG TRAO ĐỔI, TRẢ LỜI")
    assert assessment == ["Buổi đối thoại cởi mở.", "Thanh niên nêu nhiều ý kiến thiết thực."]
    assert "Sở Nội vụ theo dõi, đôn đốc./." in texts


# --------------------------------------------------------------------------- content


HEADINGS = ["I. Ý KIẾN ĐÁNH GIÁ CHUNG", "II. NỘI DUNG TRAO ĐỔI, TRẢ LỜI", "III. NHIỆM VỤ GIAO CÁC CƠ QUAN, ĐƠN VỊ",
            "IV. CÁC Ý KIẾN TRẢ LỜI BẰNG VĂN BẢN", "V. TỔ CHỨC THỰC HIỆN"]


def test_sections_in_order(notice_doc):
    texts = body_texts(notice_doc)
    positions = [texts.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    # The assessment is left for the organizer.
    assert section_texts(texts, HEADINGS[0], HEADINGS[1]) == ["[Ý kiến đánh giá chung của Chủ tịch UBND tỉnh]"]


def test_topics_in_the_events_order_then_other(notice_doc):
    texts = section_texts(body_texts(notice_doc), HEADINGS[1], HEADINGS[2])
    headings = [t for t in texts if t[:1].isdigit()]
    assert headings == [f"1. {T_LAW}", f"2. {T_PROTECT}", f"3. {T_RESPONSIBLE}", "4. Nội dung khác"]
    # Each question under its topic.
    def under(heading):
        start = texts.index(heading)
        following = [i for i, t in enumerate(texts) if t[:1].isdigit() and i > start]
        return "\n".join(texts[start:following[0] if following else len(texts)])
    assert question_text("law") in under(f"1. {T_LAW}")
    assert question_text("scam") in under(f"2. {T_PROTECT}")
    assert question_text("skills") in under(f"3. {T_RESPONSIBLE}")
    assert question_text("jobs") in under("4. Nội dung khác")


def test_every_answered_question_appears_exactly_once(notice_doc):
    text = full_text(notice_doc)
    for name in ANSWERED + WRITTEN:
        assert text.count(question_text(name)) == 1, name
    for summary in (LAW_ANSWER, SKILLS_ANSWER, JOBS_ANSWER):
        assert text.count(summary) == 1


def test_grouped_answer_is_one_item(notice_doc):
    texts = body_texts(notice_doc)
    item = next(t for t in texts if question_text("skills") in t)
    assert item.startswith("- Câu hỏi: “")
    assert question_text("skills2") in item  # both questions, one item
    assert "(Vàng A Sử)" in item
    index = texts.index(item)
    assert texts[index + 1] == f"+ Bí thư Tỉnh đoàn (Tỉnh đoàn Lào Cai): {SKILLS_ANSWER}"
    assert sum(SKILLS_ANSWER in t for t in texts) == 1


def test_two_speakers_with_agencies_and_the_direction(notice_doc):
    texts = body_texts(notice_doc)
    question = f"- Câu hỏi: {question_text('scam')} (Nguyễn Văn An, Trường Cao đẳng Lào Cai)"
    index = texts.index(question)
    assert texts[index + 1] == ("+ Đại tá Nguyễn Văn Hải, Giám đốc Công an tỉnh, Ông Lê Minh Tuấn, Phó Giám đốc "
                                f"(Sở Thông tin và Truyền thông): {SCAM_CA} {SCAM_TTTT}")
    direction = notice_doc.paragraphs[index + 2]
    assert direction.text == f"Ý kiến chỉ đạo: {SCAM_DIRECTION}"
    assert direction.runs[0].italic
    # An answer without speakers names the agency after the person who answered.
    assert f"+ Giám đốc Sở Tư pháp (Sở Tư pháp): {LAW_ANSWER}" not in texts
    assert f"+ Giám đốc Sở Tư pháp: {LAW_ANSWER}" in texts
    assert f"+ Giám đốc Sở Lao động - Thương binh và Xã hội: {JOBS_ANSWER}" in texts


def test_assignments_numbered_per_agency_with_due_dates(notice_doc):
    texts = section_texts(body_texts(notice_doc), HEADINGS[2], HEADINGS[3])
    assert texts == [
        "1. Giao Tỉnh đoàn Lào Cai:",
        "- Mở 20 lớp kỹ năng số cho đoàn viên ở xã; thời hạn: 31/12/2024.",
        "2. Giao Công an tỉnh:",
        "- Mở chuyên mục cảnh báo lừa đảo trực tuyến cho thanh niên; thời hạn: 30/6/2024.",
        "- Phối hợp Tỉnh đoàn tuyên truyền tại trường học.",
        "3. Giao Sở Thông tin và Truyền thông:",
        "- Xây dựng chuyên trang thanh niên trên Cổng thông tin điện tử tỉnh; thời hạn: 30/9/2024.",
    ]
    assert notice_doc.paragraphs[body_texts(notice_doc).index("2. Giao Công an tỉnh:")].runs[0].bold


def test_written_section_lists_unanswered_questions_with_due_dates(notice_doc):
    texts = section_texts(body_texts(notice_doc), HEADINGS[3], HEADINGS[4])
    lead = "trả lời bằng văn bản các câu hỏi sau, hoàn thành trước ngày " + DUE_WRITTEN + ":"
    assert texts[0] == f"1. Giao Sở Giáo dục và Đào tạo {lead}"
    assert texts[1] == f"- {question_text('school')} (Hoàng Thị Lan)"
    assert texts[2] == f"2. Giao Sở Văn hóa và Thể thao {lead}"
    assert texts[3] == f"- {question_text('sport')}"
    assert texts[4] == f"3. Giao Sở Tư pháp {lead}"
    # Answered on the spot with follow-up: referred to, not repeated.
    assert texts[5].startswith("- Trả lời bổ sung bằng văn bản nội dung đã trao đổi tại điểm II.1: “Luật An ninh")
    assert question_text("law") not in texts[5]
    assert texts[6].startswith("4. Giao cơ quan, đơn vị liên quan (chưa phân công")
    assert texts[7] == f"- {question_text('unrouted')} (Giàng Seo Phử)"
    assert len(texts) == 8


def test_organisation_default_and_closing_mark(notice_doc):
    texts = section_texts(body_texts(notice_doc), HEADINGS[4])
    assert f"gửi Sở Nội vụ trước ngày {DUE_WRITTEN} để tổng hợp" in texts[0]
    assert texts[1].startswith("Sở Nội vụ theo dõi, đôn đốc") and "báo cáo Chủ tịch UBND tỉnh" in texts[1]
    assert texts[-2] == "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./."


def test_pending_and_rejected_never_appear(notice_doc):
    text = full_text(notice_doc)
    for name in ABSENT:
        assert question_text(name) not in text


def test_recipients_include_every_involved_agency_once(notice_doc):
    left = notice_doc.tables[-1].rows[0].cells[0]
    lines = [p.text for p in left.paragraphs]
    assert lines[0] == "Nơi nhận:"
    for agency in ("Công an tỉnh", "Sở Thông tin và Truyền thông", "Sở Tư pháp", "Tỉnh đoàn Lào Cai",
                   "Sở Lao động - Thương binh và Xã hội", "Sở Giáo dục và Đào tạo", "Sở Văn hóa và Thể thao"):
        assert lines.count(f"- {agency};") == 1, agency
    assert "- Bộ Nội vụ;" in lines and "- Cổng TTĐT tỉnh;" in lines
    assert "- Sở Du lịch;" not in lines  # not involved
    assert lines[-1] == "- Lưu: VT, VX4."


def test_as_above_line_is_replaced_by_the_agencies(moderator, session):
    moderator.patch("/api/v1/events/demo/notice", json={"recipients": "Như trên\nTT. Tỉnh ủy\nCông an tỉnh"})
    left = open_docx(moderator.get(URL).data).tables[-1].rows[0].cells[0]
    lines = [p.text for p in left.paragraphs][1:-1]
    assert lines[0] == "- Tỉnh đoàn Lào Cai;"  # the agencies' order
    assert "- Như trên;" not in lines
    assert lines.count("- Công an tỉnh;") == 1
    assert lines.index("- TT. Tỉnh ủy;") > lines.index("- Sở Tư pháp;")


def test_a_draft_mid_session_lists_everything_as_to_answer_in_writing(moderator, new_client, ask):
    made = ask_all(new_client, ask)
    moderate_all(moderator, made)
    response = moderator.get(URL)
    assert response.status_code == 200
    document = open_docx(response.data)
    texts = body_texts(document)
    assert "II. NỘI DUNG TRAO ĐỔI, TRẢ LỜI" not in " ".join(texts)
    assert not any("NHIỆM VỤ GIAO" in t for t in texts)
    written = section_texts(texts, "II. CÁC Ý KIẾN TRẢ LỜI BẰNG VĂN BẢN", "III. TỔ CHỨC THỰC HIỆN")
    joined = "\n".join(written)
    for name in ANSWERED + WRITTEN:
        assert joined.count(question_text(name)) == 1, name
    for name in ABSENT:
        assert question_text(name) not in full_text(document)
    assert "- Trả lời trực tiếp tại buổi đối thoại: 0;" in texts


def test_an_empty_event_still_gives_a_notice(moderator):
    document = open_docx(moderator.get(URL).data)
    texts = body_texts(document)
    assert "THÔNG BÁO" in texts and "I. Ý KIẾN ĐÁNH GIÁ CHUNG" in texts
    assert "- Số câu hỏi, ý kiến nhận được: 0 (gửi qua điện thoại tại hội trường: 0);" in texts


# --------------------------------------------------------------------------- permissions


@pytest.fixture
def ca_responder(responder):
    return responder("CA")


@pytest.mark.parametrize("url", [URL, "/api/v1/events/khong-co/conclusion.docx"])
def test_anonymous_gets_401(client, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response.get_json()["error"]


@pytest.mark.parametrize("who", ["ca_responder", "other_moderator"])
def test_responder_and_other_event_moderator_get_403(request, who):
    response = request.getfixturevalue(who).get(URL)
    assert response.status_code == 403
    assert response.get_json()["error"]


def test_event_moderator_gets_it_and_unknown_event_is_404(demo_moderator, moderator):
    assert demo_moderator.get(URL).data[:2] == b"PK"
    response = moderator.get("/api/v1/events/khong-co/conclusion.docx")
    assert response.status_code == 404 and response.get_json()["error"]


def test_the_moderator_console_link_still_builds(moderator):
    page = moderator.get("/mod/demo").get_data(as_text=True)
    assert 'href="/api/v1/events/demo/conclusion.docx"' in page


# --------------------------------------------------------------------------- the organizer's form


def test_form_needs_login_then_organizer(client, demo_moderator, ca_responder):
    response = client.get(FORM)
    assert response.status_code == 302
    assert "/login?next=" in response.headers["Location"] and "conclusion" in response.headers["Location"]
    assert demo_moderator.get(FORM).status_code == 403
    assert ca_responder.get(FORM).status_code == 403
    assert client.post(FORM, data={"summary": "x"}).status_code == 302


def test_form_shows_every_field_and_the_links(moderator):
    page = moderator.get(FORM).get_data(as_text=True)
    for name in ("issuer_parent", "issuer", "number", "place", "summary", "chair", "opening", "assessment",
                 "organisation", "recipients", "archive", "signer_authority", "signer_title", "signer_name",
                 "attendees", "written_answer_days"):
        assert f'name="{name}"' in page, name
    assert 'type="date" id="date" name="date"' in page
    assert '<textarea id="recipients" name="recipients"' in page
    assert "Bộ Nội vụ\nTT: Tỉnh ủy, HĐND, UBND tỉnh" in page  # one a line
    assert 'value="300"' in page
    for label in ("Tải DOCX", "Bản in (HTML)", "Tải PDF", "Tải XLSX (theo dõi)"):
        assert label in page
    assert "<script" not in page.replace('<script src=', '')


def test_form_saves_the_fields(moderator, store):
    response = moderator.post(FORM, data={
        "issuer_parent": "", "issuer": "Ủy ban nhân dân tỉnh Lào Cai", "number": "15/TB-UBND",
        "place": "Lào Cai", "date": "2024-04-05", "summary": "Kết luận tại buổi đối thoại",
        "recipients": "Như trên\nBộ Nội vụ", "signer_authority": "KT. CHỦ TỊCH", "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": "Nguyễn Trọng Hài", "attendees": "250", "written_answer_days": "10",
    })
    assert response.status_code == 302 and response.headers["Location"].endswith(FORM)
    assert "Đã lưu thông báo kết luận." in moderator.get(FORM).get_data(as_text=True)
    event = store.event_by_code("demo")
    assert event["attendees"] == 250 and event["written_answer_days"] == 10
    document = open_docx(moderator.get(URL).data)
    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text][:2] == ["ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI", "Số: 15/TB-UBND"]
    assert "Lào Cai, ngày 05 tháng 4 năm 2024" in [p.text for p in right.paragraphs]
    assert "- Số đại biểu thanh niên tham dự: 250;" in body_texts(document)
    assert "UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./." in body_texts(document)
    # Cleared numbers: no attendee figure, the default number of days.
    moderator.post(FORM, data={"attendees": "", "written_answer_days": ""})
    event = store.event_by_code("demo")
    assert not event["attendees"] and event["written_answer_days"] is None
    assert not any("đại biểu thanh niên tham dự" in t for t in body_texts(open_docx(moderator.get(URL).data)))


def early_warning(client):
    """The form's warning of deadlines before the notice's date, as text; "" when there is none."""
    page = client.get(FORM).get_data(as_text=True)
    found = re.search(r'<section class="notice error" id="early-deadlines".*?</section>', page, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0))) if found else ""


def test_form_warns_of_deadlines_before_the_notice_date(moderator, session, monkeypatch):
    """A notice dated 26/11/2025 would ask for written answers by 10/4/2024 (event + 15 days) and
    for tasks due in 2024: the form says so, with each deadline and the fix."""
    monkeypatch.setattr(identity, "today", lambda: date(2024, 3, 27))
    assert early_warning(moderator) == ""  # date blank, today before every deadline
    moderator.post(FORM, data={"date": "2025-11-26"})
    warning = early_warning(moderator)
    assert "sớm hơn ngày ban hành (26/11/2025)" in warning
    assert "Hạn trả lời bằng văn bản của Sở Giáo dục và Đào tạo: 10/4/2024." in warning
    assert "Thời hạn nhiệm vụ “Mở chuyên mục cảnh báo lừa đảo trực tuyến cho thanh niên” giao Công an tỉnh: " \
           "30/6/2024." in warning
    assert "Hạn báo cáo kết quả trong phần Tổ chức thực hiện: 10/4/2024." in warning
    assert "Số ngày trả lời bằng văn bản" in warning
    moderator.post(FORM, data={"date": "2024-04-05"})  # in time: every deadline after it
    assert early_warning(moderator) == ""
    moderator.post(FORM, data={"date": ""})
    monkeypatch.setattr(identity, "today", lambda: date(2024, 5, 2))  # blank: it will be dated when signed
    warning = early_warning(moderator)
    assert "sớm hơn hôm nay (02/5/2024)" in warning and "10/4/2024" in warning and "30/6/2024" not in warning


def test_form_error_keeps_what_was_typed(moderator, store):
    response = moderator.post(FORM, data={"summary": "Trích yếu <b>mới</b>", "attendees": "ba trăm",
                                          "date": "2024-04-05"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Hãy nhập một số." in page
    assert 'value="ba trăm"' in page
    assert "Trích yếu &lt;b&gt;mới&lt;/b&gt;" in page and "<b>mới</b>" not in page
    assert events_notice(store)["summary"] != "Trích yếu <b>mới</b>"  # nothing saved


def events_notice(store):
    from live.dialogue import events
    return events.notice(store.event_by_code("demo"))


def test_print_page_permissions(client, other_moderator, demo_moderator):
    response = client.get(PRINT)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert other_moderator.get(PRINT).status_code == 403
    response = demo_moderator.get(PRINT)
    assert response.status_code == 200 and "THÔNG BÁO" in text_of(response)


def test_without_an_event_date_due_dates_are_counted_in_days(moderator, session):
    response = moderator.patch("/api/v1/events/demo", json={"date": None})
    assert response.status_code == 200, response.get_json()
    texts = body_texts(open_docx(moderator.get(URL).data))
    assert ("1. Giao Sở Giáo dục và Đào tạo trả lời bằng văn bản các câu hỏi sau (thời hạn: trong 15 ngày kể từ "
            "ngày đối thoại):") in texts
    assert any("gửi Sở Nội vụ trong thời hạn 15 ngày kể từ ngày đối thoại" in t for t in texts)
    assert not any(t.startswith("Ngày ") for t in texts)  # the opening leaves the date out


@pytest.mark.parametrize("text", ["Hỏi?", "Hai từ?", "Một câu hỏi khá dài có hơn mười từ để xem phần trích dẫn "
                                                   "có bị cắt hay không?"])
def test_excerpt_never_repeats_a_whole_question(text):
    from live.documents.conclusion import _excerpt
    excerpt = _excerpt(text)
    assert text not in excerpt
    assert excerpt == "" or excerpt.endswith("…")
