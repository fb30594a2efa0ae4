"""The conclusion notice DOCX (Decree 30/2020 format), read back with python-docx."""
import copy
import datetime
import io
import zipfile

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from live.documents import notice_layout, official_docx, official_head
from live.documents.notice_docx import render
from tests.helpers import all_paragraphs, body_texts, full_text, open_docx
from live.text.dates import date_line, official_day

Q_CYBER = ("Thanh niên vùng cao thường bị lừa đảo qua mạng xã hội khi tìm việc làm; "
           "tỉnh có giải pháp gì để hỗ trợ, cảnh báo kịp thời cho thanh niên?")
Q_FAKE = "Làm thế nào để nhận biết và báo cáo các trang thông tin giả mạo cơ quan nhà nước?"
Q_STARTUP = ("Tỉnh có chính sách hỗ trợ vốn vay ưu đãi cho thanh niên khởi nghiệp trong lĩnh vực "
             "du lịch cộng đồng ở Sa Pa, Bắc Hà không?")
Q_SCHOOL = "Đề nghị tăng thời lượng giáo dục kỹ năng số cho học sinh THPT vùng đặc biệt khó khăn."
Q_SPORT = "Khi nào sân vận động tỉnh được mở cửa miễn phí cho thanh niên vào buổi tối?"
QUESTIONS = [Q_CYBER, Q_FAKE, Q_STARTUP, Q_SCHOOL, Q_SPORT]


def sample_notice():
    return {
        "issuer_parent": "UBND TỈNH LÀO CAI",
        "issuer": "VĂN PHÒNG",
        "number": "/TB-VPUBND",
        "place": "Lào Cai",
        "date": datetime.date(2024, 4, 5),
        "summary": ("Kết luận của Chủ tịch UBND tỉnh tại Chương trình đối thoại giữa "
                    "Chủ tịch UBND tỉnh với thanh niên năm 2024"),
        "opening": [
            "Ngày 28/3/2024, tại Trung tâm Hội nghị tỉnh, đồng chí Trịnh Xuân Trường, Chủ tịch "
            "UBND tỉnh chủ trì Chương trình đối thoại giữa Chủ tịch UBND tỉnh với thanh niên năm "
            "2024 với chủ đề \"Vai trò của các cơ quan, đơn vị, các cấp chính quyền trong đảm bảo "
            "sự phát triển của thanh niên trước những tác động trên môi trường mạng\". Tham dự có "
            "đại diện lãnh đạo Ủy ban MTTQ Việt Nam tỉnh, Tỉnh đoàn, thủ trưởng các sở, ban, ngành "
            "và 300 đại biểu thanh niên tiêu biểu trên địa bàn tỉnh.",
            "Sau khi nghe ý kiến của thanh niên và trả lời của thủ trưởng các cơ quan, đơn vị, "
            "Chủ tịch UBND tỉnh kết luận như sau:",
        ],
        "figures": [
            ["Số đại biểu thanh niên tham dự", "300"],
            ["Câu hỏi, ý kiến nhận được", "126"],
            ["Trả lời trực tiếp tại buổi đối thoại", "18"],
            ["Chuyển cơ quan chức năng trả lời bằng văn bản", "108"],
        ],
        "assessment": [
            "Chương trình đối thoại diễn ra trong không khí cởi mở, thẳng thắn; các ý kiến của "
            "thanh niên thiết thực, thể hiện trách nhiệm với sự phát triển của tỉnh.",
        ],
        "topics": [
            {"name": "Chính sách, pháp luật về an ninh mạng",
             "items": [
                 {"question": Q_CYBER, "asker": "Nguyễn Văn An, Trường Cao đẳng Lào Cai",
                  "answers": [{"speaker": "Giám đốc Công an tỉnh", "agency": "Công an tỉnh",
                               "summary": "Công an tỉnh đã lập kênh tiếp nhận tin báo lừa đảo "
                                          "trực tuyến và phối hợp với Tỉnh đoàn cảnh báo."}],
                  "direction": "Chủ tịch UBND tỉnh chỉ đạo Công an tỉnh tăng cường tuyên truyền "
                               "tại các xã vùng cao."},
                 {"question": Q_FAKE, "asker": "",
                  "answers": [{"speaker": "Phó Giám đốc", "agency": "Sở Thông tin và Truyền thông",
                               "summary": "Thanh niên phản ánh qua ứng dụng Tín nhiệm mạng."}],
                  "direction": ""},
             ]},
            {"name": "Khởi nghiệp, việc làm",
             "items": [
                 {"question": Q_STARTUP, "asker": "Lò Thị Mai, xã Tả Van, thị xã Sa Pa",
                  "answers": [{"speaker": "Giám đốc Ngân hàng Chính sách xã hội tỉnh",
                               "agency": "Ngân hàng Chính sách xã hội tỉnh",
                               "summary": "Thanh niên được vay tối đa 100 triệu đồng từ Quỹ "
                                          "quốc gia về việc làm."}],
                  "direction": ""},
             ]},
        ],
        "assignments": [
            {"agency": "Sở Thông tin và Truyền thông",
             "tasks": [{"text": "Xây dựng chuyên mục cảnh báo lừa đảo trực tuyến trên Cổng "
                                "thông tin điện tử tỉnh", "due": datetime.date(2024, 6, 30)},
                       {"text": "Phối hợp Tỉnh đoàn tập huấn kỹ năng số cho đoàn viên",
                        "due": None}]},
            {"agency": "Tỉnh đoàn",
             "tasks": [{"text": "Tổng hợp ý kiến của thanh niên sau đối thoại, báo cáo UBND tỉnh",
                        "due": datetime.date(2024, 2, 5)}]},
        ],
        "written": [
            {"agency": "Sở Giáo dục và Đào tạo", "due": datetime.date(2024, 4, 15),
             "questions": [Q_SCHOOL]},
            {"agency": "Sở Văn hóa và Thể thao", "due": None, "questions": [Q_SPORT]},
        ],
        "organisation": [
            "Văn phòng UBND tỉnh theo dõi, đôn đốc các cơ quan, đơn vị thực hiện; tổng hợp, "
            "báo cáo Chủ tịch UBND tỉnh kết quả thực hiện trước ngày 31/12/2024.",
            "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện.",
        ],
        "recipients": ["Như trên", "TT. Tỉnh ủy, HĐND tỉnh", "Chủ tịch, các PCT UBND tỉnh",
                       "Các sở, ban, ngành: Nội vụ, GD&ĐT, VH&TT, TT&TT", "Tỉnh đoàn"],
        "archive": "Lưu: VT, TH3",
        "signer_authority": "TL. CHỦ TỊCH",
        "signer_title": "CHÁNH VĂN PHÒNG",
        "signer_name": "Nguyễn Văn Bình",
    }


@pytest.fixture(scope="module")
def data():
    return render(sample_notice())


@pytest.fixture(scope="module")
def doc(data):
    return open_docx(data)


def find(document, text, container=None):
    paragraphs = container.paragraphs if container is not None else all_paragraphs(document)
    matches = [p for p in paragraphs if p.text == text]
    assert matches, f"no paragraph {text!r}"
    return matches[0]


def run_with(paragraph, text):
    for run in paragraph.runs:
        if text in run.text:
            return run
    raise AssertionError(f"no run with {text!r} in {paragraph.text!r}")


def size(run, paragraph_style_size=Pt(14)):
    return run.font.size or paragraph_style_size


def header_cells(document):
    return document.tables[0].rows[0].cells


def footer_cells(document):
    return document.tables[-1].rows[0].cells


# --------------------------------------------------------------------------- dates

@pytest.mark.parametrize("day, expected", [
    (datetime.date(2024, 2, 5), "Lào Cai, ngày 05 tháng 02 năm 2024"),
    (datetime.date(2024, 4, 15), "Lào Cai, ngày 15 tháng 4 năm 2024"),
    (datetime.date(2025, 1, 1), "Lào Cai, ngày 01 tháng 01 năm 2025"),
    (datetime.date(2024, 12, 26), "Lào Cai, ngày 26 tháng 12 năm 2024"),
    (datetime.date(2024, 10, 9), "Lào Cai, ngày 09 tháng 10 năm 2024"),
    (datetime.date(2024, 3, 10), "Lào Cai, ngày 10 tháng 3 năm 2024"),
])
def test_vietnamese_date_leading_zero_rule(day, expected):
    assert date_line("Lào Cai", day) == expected


def test_vietnamese_date_blank_leaves_room_to_write():
    text = date_line("Lào Cai", None)
    assert text.startswith("Lào Cai, ngày ")
    assert "ngày" in text and "tháng" in text and "năm" in text
    assert "ngày      tháng      năm" in text
    assert date_line("Lào Cai", None, year=2024) == "Lào Cai, ngày      tháng      năm 2024"


def test_vietnamese_date_without_place():
    assert date_line("", datetime.date(2024, 4, 5)) == "ngày 05 tháng 4 năm 2024"


@pytest.mark.parametrize("day, expected", [
    (datetime.date(2024, 4, 5), "05/4/2024"),
    (datetime.date(2024, 2, 15), "15/02/2024"),
    (datetime.date(2024, 1, 9), "09/01/2024"),
    (datetime.date(2024, 12, 26), "26/12/2024"),
    (None, ""),
])
def test_date_vn(day, expected):
    assert official_day(day) == expected


# --------------------------------------------------------------------------- page and fonts

def test_output_is_a_docx(data):
    assert data[:2] == b"PK"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "word/document.xml" in archive.namelist()


def test_page_is_a4_portrait_with_decree_margins(doc):
    section = doc.sections[0]
    assert len(doc.sections) == 1
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    assert abs(section.top_margin - Mm(20)) < Mm(0.2)
    assert abs(section.bottom_margin - Mm(20)) < Mm(0.2)
    assert abs(section.left_margin - Mm(30)) < Mm(0.2)
    assert abs(section.right_margin - Mm(15)) < Mm(0.2)


def test_normal_style_is_times_new_roman_14_black(doc):
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)
    assert str(normal.font.color.rgb) == "000000"
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(attr)) == "Times New Roman"
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        assert fonts.get(qn(attr)) is None


def test_document_defaults_do_not_fall_back_to_theme_fonts(doc):
    fonts = doc.styles.element.find(
        qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr") + "/" + qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == "Times New Roman"
    assert fonts.get(qn("w:asciiTheme")) is None


def test_no_run_uses_another_font(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                for font in ("Calibri", "Cambria", "Arial"):
                    assert f'w:ascii="{font}"' not in xml, (name, font)


def test_body_paragraph_format(doc):
    fmt = doc.styles["Normal"].paragraph_format
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert abs(fmt.first_line_indent - Cm(1.27)) < Cm(0.01)
    assert fmt.space_after >= Pt(6)
    assert 1.15 <= fmt.line_spacing <= 1.5
    opening = find(doc, sample_notice()["opening"][1])
    # Body paragraphs inherit the style: nothing overrides alignment or indent.
    assert opening.paragraph_format.alignment is None
    assert opening.paragraph_format.first_line_indent is None
    assert opening.style.name == "Normal"


# --------------------------------------------------------------------------- header

def borders_are_off(table):
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None
    edges = {child.tag.split("}")[1]: child.get(qn("w:val")) for child in borders}
    assert set(edges) >= {"top", "left", "bottom", "right", "insideH", "insideV"}
    assert all(value in ("nil", "none") for value in edges.values()), edges
    style = table._tbl.tblPr.find(qn("w:tblStyle"))
    assert style is None or style.get(qn("w:val")) in ("TableNormal", "NormalTable")
    for cell in table._tbl.iter(qn("w:tcBorders")):
        raise AssertionError("cell borders present")
    return True


def test_header_is_borderless_two_column_table(doc):
    table = doc.tables[0]
    assert len(table.columns) == 2 and len(table.rows) == 1
    assert borders_are_off(table)
    # The header table is the first thing in the body.
    assert doc.element.body[0].tag == qn("w:tbl")
    left, right = (int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol")))
    assert 0.35 <= left / (left + right) <= 0.45
    assert left + right <= Mm(165).twips + 1


def test_issuer_block(doc):
    left = header_cells(doc)[0]
    parent = find(doc, "UBND TỈNH LÀO CAI", left)
    run = parent.runs[0]
    assert not run.bold and run.font.size == Pt(13)
    assert parent.alignment == WD_ALIGN_PARAGRAPH.CENTER
    issuer = find(doc, "VĂN PHÒNG", left)
    assert issuer.runs[0].bold and issuer.runs[0].font.size == Pt(13)
    assert issuer.alignment == WD_ALIGN_PARAGRAPH.CENTER
    paragraphs = left.paragraphs
    index = paragraphs.index(next(p for p in paragraphs if p.text == "VĂN PHÒNG"))
    rule = paragraphs[index + 1]
    assert rule.text == ""
    assert rule._p.pPr.find(qn("w:pBdr") + "/" + qn("w:bottom")) is not None
    # A short rule: indents leave at most about half of the column.
    width = Mm(official_head.LEFT_COLUMN_MM - 2 * official_docx.CELL_PADDING_MM)
    length = width - rule.paragraph_format.left_indent - rule.paragraph_format.right_indent
    assert Mm(8) < length < width / 2
    number = paragraphs[index + 2]
    assert number.text == "Số:        /TB-VPUBND"
    assert number.runs[0].font.size == Pt(13)


def test_issuer_people_committee_wraps_after_uy_ban_nhan_dan():
    notice = dict(sample_notice(), issuer_parent="", issuer="Ủy ban nhân dân tỉnh Lào Cai",
                  number="15/TB-UBND")
    document = open_docx(render(notice))
    left = header_cells(document)[0]
    texts = [p.text for p in left.paragraphs]
    assert texts[0] == "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI"
    assert "Số: 15/TB-UBND" in texts
    assert "UBND TỈNH LÀO CAI" not in texts


def test_national_title_motto_and_date(doc):
    right = header_cells(doc)[1]
    title = find(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", right)
    assert title.runs[0].bold and title.runs[0].font.size == Pt(13)
    motto = find(doc, "Độc lập - Tự do - Hạnh phúc", right)
    assert motto.runs[0].bold and motto.runs[0].font.size == Pt(14)
    assert motto.alignment == WD_ALIGN_PARAGRAPH.CENTER
    paragraphs = right.paragraphs
    index = [p.text for p in paragraphs].index("Độc lập - Tự do - Hạnh phúc")
    rule = paragraphs[index + 1]
    assert rule._p.pPr.find(qn("w:pBdr") + "/" + qn("w:bottom")) is not None
    width = Mm(official_head.RIGHT_COLUMN_MM - 2 * official_docx.CELL_PADDING_MM)
    length = width - rule.paragraph_format.left_indent - rule.paragraph_format.right_indent
    assert Mm(50) < length < Mm(70)  # about as long as the motto (~60 mm at 14 pt bold)
    date = paragraphs[index + 2]
    assert date.text == "Lào Cai, ngày 05 tháng 4 năm 2024"
    assert date.runs[0].italic and date.runs[0].font.size == Pt(14)
    assert date.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_blank_date_keeps_room_for_hand_writing():
    document = open_docx(render(dict(sample_notice(), date=None, year=2024)))
    right = header_cells(document)[1]
    assert "Lào Cai, ngày      tháng      năm 2024" in [p.text for p in right.paragraphs]


def test_number_variants():
    line = notice_layout.number_line
    assert line("/TB-VPUBND") == "Số:        /TB-VPUBND"
    assert line("15/TB-UBND") == "Số: 15/TB-UBND"
    assert line("Số: 15/TB-UBND") == "Số: 15/TB-UBND"
    assert line("TB-UBND") == "Số:        /TB-UBND"


def test_title_and_summary(doc):
    title = find(doc, "THÔNG BÁO")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].bold and size(title.runs[0]) == Pt(14)
    summary = find(doc, sample_notice()["summary"])
    assert summary.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert summary.runs[0].bold and size(summary.runs[0]) == Pt(14)
    paragraphs = doc.paragraphs
    index = [p.text for p in paragraphs].index(sample_notice()["summary"])
    assert paragraphs[index - 1].text == "THÔNG BÁO"
    rule = paragraphs[index + 1]
    assert rule.text == ""
    assert rule._p.pPr.find(qn("w:pBdr") + "/" + qn("w:bottom")) is not None
    length = Mm(165) - rule.paragraph_format.left_indent - rule.paragraph_format.right_indent
    assert Mm(20) <= length <= Mm(85)


# --------------------------------------------------------------------------- body

HEADINGS = ["I. Ý KIẾN ĐÁNH GIÁ CHUNG", "II. NỘI DUNG TRAO ĐỔI, TRẢ LỜI",
            "III. NHIỆM VỤ GIAO CÁC CƠ QUAN, ĐƠN VỊ", "IV. CÁC Ý KIẾN TRẢ LỜI BẰNG VĂN BẢN",
            "V. TỔ CHỨC THỰC HIỆN"]


def test_sections_in_order_and_bold(doc):
    texts = body_texts(doc)
    positions = [texts.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    for heading in HEADINGS:
        paragraph = find(doc, heading)
        assert all(run.bold for run in paragraph.runs)
    # Opening and figures come before the first section, after the title.
    opening = texts.index(sample_notice()["opening"][0])
    assert texts.index("THÔNG BÁO") < opening < positions[0]
    assert texts.index("- Số đại biểu thanh niên tham dự: 300;") < positions[0]
    assert "- Chuyển cơ quan chức năng trả lời bằng văn bản: 108." in texts


def test_empty_sections_are_omitted_and_numbering_stays_consecutive():
    notice = dict(sample_notice(), topics=[], written=[])
    texts = body_texts(open_docx(render(notice)))
    assert [t for t in texts if t[:3] in ("I. ", "II.", "III", "IV.", "V. ", "VI.")] == [
        "I. Ý KIẾN ĐÁNH GIÁ CHUNG", "II. NHIỆM VỤ GIAO CÁC CƠ QUAN, ĐƠN VỊ",
        "III. TỔ CHỨC THỰC HIỆN"]


def test_topics_questions_answers_and_directions(doc):
    texts = body_texts(doc)
    assert "1. Chính sách, pháp luật về an ninh mạng" in texts
    assert "2. Khởi nghiệp, việc làm" in texts
    assert find(doc, "1. Chính sách, pháp luật về an ninh mạng").runs[0].bold
    asked = find(doc, f"- Câu hỏi: {Q_CYBER} (Nguyễn Văn An, Trường Cao đẳng Lào Cai)")
    assert run_with(asked, "Nguyễn Văn An").italic
    assert not run_with(asked, Q_CYBER).italic
    assert f"- Câu hỏi: {Q_FAKE}" in texts  # no asker, no parentheses
    # The agency is not repeated when the speaker's title already names it.
    assert any(t.startswith("+ Giám đốc Công an tỉnh: Công an tỉnh đã lập") for t in texts)
    assert ("+ Phó Giám đốc (Sở Thông tin và Truyền thông): Thanh niên phản ánh qua ứng dụng "
            "Tín nhiệm mạng.") in texts
    direction = find(doc, "Chủ tịch UBND tỉnh chỉ đạo Công an tỉnh tăng cường tuyên truyền "
                          "tại các xã vùng cao.")
    assert direction.runs[0].italic


def test_every_question_appears_exactly_once(doc):
    text = full_text(doc)
    for question in QUESTIONS:
        assert text.count(question) == 1, question


def test_assignments_numbered_per_agency_with_due_dates(doc):
    texts = body_texts(doc)
    first = texts.index("1. Giao Sở Thông tin và Truyền thông:")
    second = texts.index("2. Giao Tỉnh đoàn:")
    assert first < second
    assert find(doc, "2. Giao Tỉnh đoàn:").runs[0].bold
    assert texts[first + 1] == ("- Xây dựng chuyên mục cảnh báo lừa đảo trực tuyến trên Cổng "
                                "thông tin điện tử tỉnh; thời hạn: 30/6/2024.")
    assert texts[first + 2] == "- Phối hợp Tỉnh đoàn tập huấn kỹ năng số cho đoàn viên."
    assert texts[second + 1].endswith("; thời hạn: 05/02/2024.")


def test_due_text_when_no_date():
    notice = sample_notice()
    notice["assignments"][0]["tasks"][1]["due_text"] = "thường xuyên"
    texts = body_texts(open_docx(render(notice)))
    assert ("- Phối hợp Tỉnh đoàn tập huấn kỹ năng số cho đoàn viên; thời hạn: thường xuyên."
            in texts)


def test_written_answers_per_agency(doc):
    texts = body_texts(doc)
    first = texts.index("1. Giao Sở Giáo dục và Đào tạo trả lời bằng văn bản các câu hỏi sau, "
                        "hoàn thành trước ngày 15/4/2024:")
    assert texts[first + 1] == f"- {Q_SCHOOL}"
    assert run_with(find(doc, texts[first]), "Giao Sở Giáo dục").bold
    second = texts.index("2. Giao Sở Văn hóa và Thể thao trả lời bằng văn bản các câu hỏi sau:")
    assert texts[second + 1] == f"- {Q_SPORT}"
    section = texts.index("IV. CÁC Ý KIẾN TRẢ LỜI BẰNG VĂN BẢN")
    assert section < first < second < texts.index("V. TỔ CHỨC THỰC HIỆN")


def test_body_ends_with_the_closing_mark(doc):
    texts = body_texts(doc)
    last = sample_notice()["organisation"][-1]
    assert last[:-1] + "./." in texts


def test_empty_assessment_placeholder_in_italics():
    document = open_docx(render(dict(sample_notice(), assessment=[])))
    texts = body_texts(document)
    index = texts.index("I. Ý KIẾN ĐÁNH GIÁ CHUNG")
    assert texts[index + 1] == "[Ý kiến đánh giá chung của Chủ tịch UBND tỉnh]"
    assert document.paragraphs[index + 1].runs[0].italic


def test_user_text_is_escaped_not_markup():
    notice = sample_notice()
    question = "Vì sao <b>&</b> lại hiện ra & \"trích dẫn\" <w:p/>?"
    notice["topics"][0]["items"][0]["question"] = question
    notice["written"][0]["questions"] = ["Câu có ký tự điều khiển\x07 bị loại"]
    data = render(notice)
    document = open_docx(data)
    assert full_text(document).count(question) == 1
    assert "Câu có ký tự điều khiển bị loại" in full_text(document)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in xml
    assert "<b>" not in xml


def test_decomposed_input_is_normalised():
    import unicodedata
    notice = sample_notice()
    notice["summary"] = unicodedata.normalize("NFD", notice["summary"])
    document = open_docx(render(notice))
    assert sample_notice()["summary"] in body_texts(document)


# --------------------------------------------------------------------------- page numbers

def test_page_number_in_header_except_first_page(doc, data):
    section = doc.sections[0]
    sect_pr = section._sectPr
    assert sect_pr.find(qn("w:titlePg")) is not None
    assert section.different_first_page_header_footer
    primary = section.header
    assert not primary.is_linked_to_previous
    xml = primary._element.xml
    assert "PAGE" in "".join(t.text or "" for t in primary._element.iter(qn("w:instrText")))
    assert "fldChar" in xml
    paragraph = primary.paragraphs[0]
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert Pt(13) <= paragraph.runs[0].font.size <= Pt(14)
    first = section.first_page_header
    assert not first.is_linked_to_previous
    first_xml = first._element.xml
    assert "PAGE" not in first_xml and "fldSimple" not in first_xml
    assert all(p.text == "" for p in first.paragraphs)


# --------------------------------------------------------------------------- footer

def test_footer_is_borderless_two_column_table(doc):
    table = doc.tables[-1]
    assert len(doc.tables) == 2
    assert len(table.columns) == 2
    assert borders_are_off(table)


def test_signature_block_is_not_split_from_the_body(doc):
    row = doc.tables[-1].rows[0]._tr
    assert row.trPr is not None and row.trPr.find(qn("w:cantSplit")) is not None
    last = [p for p in doc.paragraphs if p.text.endswith("./.")][-1]
    assert last.paragraph_format.keep_with_next


def test_recipients_block(doc):
    left = footer_cells(doc)[0]
    paragraphs = left.paragraphs
    head = paragraphs[0]
    assert head.text == "Nơi nhận:"
    assert head.runs[0].bold and head.runs[0].italic and head.runs[0].font.size == Pt(12)
    lines = [p.text for p in paragraphs[1:]]
    assert lines == ["- Như trên;", "- TT. Tỉnh ủy, HĐND tỉnh;", "- Chủ tịch, các PCT UBND tỉnh;",
                     "- Các sở, ban, ngành: Nội vụ, GD&ĐT, VH&TT, TT&TT;", "- Tỉnh đoàn;",
                     "- Lưu: VT, TH3."]
    for paragraph in paragraphs[1:]:
        assert paragraph.runs[0].font.size == Pt(11)
        assert not paragraph.runs[0].bold
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.LEFT


def test_recipients_are_normalised():
    notice = dict(sample_notice(), recipients=["- Như trên;", "Tỉnh đoàn."], archive="VT, TH3.")
    left = footer_cells(open_docx(render(notice)))[0]
    assert [p.text for p in left.paragraphs[1:]] == ["- Như trên;", "- Tỉnh đoàn;",
                                                     "- Lưu: VT, TH3."]


def test_signature_block(doc):
    right = footer_cells(doc)[1]
    texts = [p.text for p in right.paragraphs]
    assert texts[0] == "TL. CHỦ TỊCH" and texts[1] == "CHÁNH VĂN PHÒNG"
    assert texts[-1] == "Nguyễn Văn Bình"
    assert 3 <= len(texts) - 3 <= 4 and all(t == "" for t in texts[2:-1])
    for paragraph in right.paragraphs:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for index in (0, 1, -1):
        run = right.paragraphs[index].runs[0]
        assert run.bold and Pt(13) <= run.font.size <= Pt(14)
    assert right.paragraphs[-1].runs[0].font.size == Pt(14)


def test_empty_signer_fields_leave_the_space():
    notice = dict(sample_notice(), signer_authority="", signer_title="", signer_name="")
    right = footer_cells(open_docx(render(notice)))[1]
    texts = [p.text for p in right.paragraphs]
    assert all(t == "" for t in texts)
    assert len(texts) >= 5


def test_minimal_notice_renders():
    document = open_docx(render({"issuer": "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "number": "",
                                 "place": "Lào Cai", "date": None}))
    texts = body_texts(document)
    assert "THÔNG BÁO" in texts
    assert "I. Ý KIẾN ĐÁNH GIÁ CHUNG" in texts
    assert "II." not in " ".join(texts)
    assert "Số:        /TB" in full_text(document)


def test_render_does_not_mutate_input():
    notice = sample_notice()
    before = copy.deepcopy(notice)
    render(notice)
    assert notice == before
