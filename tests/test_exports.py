"""The log as XLSX, the printable notice page and its PDF."""
import datetime
import html
import io
import re
import sys
import unicodedata
import zipfile
import zlib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from fontTools.ttLib import TTFont

from live.documents import exports, notice_layout
from tests.helpers import open_docx
from .scenario import ABSENT, ANSWERED, JOBS_ANSWER, SCAM_DIRECTION, SKILLS_ANSWER, WRITTEN, question_text

XLSX = "/api/v1/events/demo/log.xlsx"
PDF = "/api/v1/events/demo/conclusion.pdf"
PRINT = "/admin/events/demo/conclusion/print"
STATIC = Path(__file__).resolve().parent.parent / "static"

INJECTIONS = ['=HYPERLINK("http://example.com/x","Bấm vào đây")', "+84 912 345 678 gọi ngay", "-1+2",
              "@SUM(A1:A2) có phải công thức không?"]
DECOMPOSED = unicodedata.normalize("NFD", "Thanh niên người dân tộc thiểu số được hỗ trợ học nghề thế nào?")


def workbook(client):
    response = client.get(XLSX)
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == exports.XLSX_TYPE
    assert response.headers["Content-Disposition"] == 'attachment; filename="nhat-ky-demo.xlsx"'
    return load_workbook(io.BytesIO(response.data))


def rows(sheet):
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


def by_id(sheet):
    header = [cell.value for cell in sheet[1]]
    return {row[0]: dict(zip(header, row)) for row in rows(sheet)}


# --------------------------------------------------------------------------- XLSX


def test_workbook_sheets_and_headers(moderator, session):
    book = workbook(moderator)
    # the demo has a programme but no poll opened yet
    assert book.sheetnames == ["Câu hỏi", "Cam kết", "Theo dõi", "Chương trình"]
    questions = book["Câu hỏi"]
    assert [cell.value for cell in questions[1]] == [
        "Mã", "Thời gian gửi", "Nội dung câu hỏi", "Nội dung gốc (trước khi biên tập)", "Người hỏi", "Chủ đề",
        "Trạng thái", "Lượt bình chọn", "Cơ quan trả lời", "Trả lời tại chỗ", "Tóm tắt trả lời", "Người trả lời",
        "Chỉ đạo", "Cần trả lời bằng văn bản", "Hạn trả lời văn bản", "Tình trạng trả lời văn bản",
        "Nội dung trả lời bằng văn bản", "Kênh", "Đơn vị", "Địa bàn", "Nhóm thanh niên", "Gộp vào câu (mã)"]
    for sheet in book.worksheets:
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert sheet.column_dimensions["B"].width >= 10
    assert questions.auto_filter.ref == f"A1:V{len(session) + 1}"
    assert questions.column_dimensions["C"].width >= 40
    assert questions["C2"].alignment.wrap_text


def test_every_question_is_a_row_with_what_became_of_it(moderator, session, store):
    book = workbook(moderator)
    table = by_id(book["Câu hỏi"])
    assert sorted(table) == sorted(q["id"] for q in session.values())
    scam = table[session["scam"]["id"]]
    assert scam["Nội dung câu hỏi"] == question_text("scam")
    assert scam["Người hỏi"] == "Nguyễn Văn An, Trường Cao đẳng Lào Cai"
    assert scam["Chủ đề"] == "Bảo vệ thanh niên trên môi trường mạng"
    assert scam["Trạng thái"] == "Đã trả lời" and scam["Trả lời tại chỗ"] == "Có"
    assert scam["Cơ quan trả lời"] == "Công an tỉnh"
    assert scam["Người trả lời"] == ("Đại tá Nguyễn Văn Hải, Giám đốc Công an tỉnh, Ông Lê Minh Tuấn, Phó Giám đốc "
                                     "(Sở Thông tin và Truyền thông)")
    assert scam["Chỉ đạo"] == SCAM_DIRECTION
    assert scam["Cần trả lời bằng văn bản"] == "Không" and scam["Hạn trả lời văn bản"] is None
    # The grouped answer shows on both questions it covers.
    assert table[session["skills"]["id"]]["Tóm tắt trả lời"] == SKILLS_ANSWER
    assert table[session["skills2"]["id"]]["Tóm tắt trả lời"] == SKILLS_ANSWER
    assert table[session["jobs"]["id"]]["Tóm tắt trả lời"] == JOBS_ANSWER
    law = table[session["law"]["id"]]
    assert law["Cần trả lời bằng văn bản"] == "Có"  # answered with follow-up
    school = table[session["school"]["id"]]
    assert school["Trạng thái"] == "Đã duyệt" and school["Trả lời tại chỗ"] == "Không"
    assert school["Hạn trả lời văn bản"] == datetime.datetime(2024, 4, 10)  # a real date
    school_row = next(row for row in book["Câu hỏi"].iter_rows(min_row=2) if row[0].value == session["school"]["id"])
    assert school_row[14].number_format == "dd/mm/yyyy"
    assert school["Tình trạng trả lời văn bản"] == "Quá hạn"  # 10/4/2024 is past
    assert table[session["pending"]["id"]]["Trạng thái"] == "Chờ duyệt"
    assert table[session["rejected"]["id"]]["Trạng thái"] == "Từ chối"
    assert table[session["unrouted"]["id"]]["Cơ quan trả lời"] is None
    # Local time of the event's time zone, as an Excel date-time.
    sent = scam["Thời gian gửi"]
    created = datetime.datetime.fromisoformat(store.question(session["scam"]["id"])["created_at"])
    assert sent == created.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).replace(tzinfo=None, second=0, microsecond=0)
    assert book["Câu hỏi"]["B2"].number_format == "dd/mm/yyyy hh:mm"


def test_written_answer_and_status_in_the_log(moderator, session):
    response = moderator.post(f"/api/v1/questions/{session['school']['id']}/written-answer",
                              json={"text": "Sở đã bổ sung 2 tiết kỹ năng số mỗi tháng."})
    assert response.status_code == 200, response.get_json()
    book = workbook(moderator)
    school = by_id(book["Câu hỏi"])[session["school"]["id"]]
    assert school["Tình trạng trả lời văn bản"] == "Đã trả lời"
    assert school["Nội dung trả lời bằng văn bản"] == "Sở đã bổ sung 2 tiết kỹ năng số mỗi tháng."
    tracker = {row[0]: row[1:] for row in rows(book["Theo dõi"])}
    assert tracker["Sở Giáo dục và Đào tạo"] == [1, 0, 1, 0]


def test_commitments_and_tracker_sheets(moderator, session):
    book = workbook(moderator)
    assert [cell.value for cell in book["Cam kết"][1]] == ["Cơ quan", "Nội dung cam kết", "Thời hạn", "Câu hỏi (mã)"]
    ids = {name: question["id"] for name, question in session.items()}
    assert rows(book["Cam kết"]) == [
        ["Tỉnh đoàn Lào Cai", "Mở 20 lớp kỹ năng số cho đoàn viên ở xã", datetime.datetime(2024, 12, 31),
         f"{ids['skills']}, {ids['skills2']}"],
        ["Công an tỉnh", "Mở chuyên mục cảnh báo lừa đảo trực tuyến cho thanh niên", datetime.datetime(2024, 6, 30),
         str(ids["scam"])],
        ["Công an tỉnh", "Phối hợp Tỉnh đoàn tuyên truyền tại trường học", None, str(ids["scam"])],
        ["Sở Thông tin và Truyền thông", "Xây dựng chuyên trang thanh niên trên Cổng thông tin điện tử tỉnh",
         datetime.datetime(2024, 9, 30), str(ids["scam"])],
    ]
    assert [cell.value for cell in book["Theo dõi"][1]] == [
        "Cơ quan", "Tổng số được giao", "Chưa đến hạn, chưa trả lời", "Đã trả lời", "Quá hạn"]
    assert rows(book["Theo dõi"]) == [
        ["Sở Giáo dục và Đào tạo", 1, 0, 0, 1], ["Sở Văn hóa và Thể thao", 1, 0, 0, 1],
        ["Sở Tư pháp", 1, 0, 0, 1], ["(Chưa giao cơ quan)", 1, 0, 0, 1]]


def test_user_text_is_never_a_formula_and_stays_nfc(moderator, new_client, ask):
    made = [ask(new_client(), text, author="=cmd|' /C calc'!A0") for text in INJECTIONS]
    made.append(ask(new_client(), DECOMPOSED, author=unicodedata.normalize("NFD", "Nguyễn Thị Hà")))
    response = moderator.get(XLSX)
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    book = load_workbook(io.BytesIO(response.data))
    sheet = book["Câu hỏi"]
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    for question, text in zip(made, INJECTIONS):
        cell = cells[question["id"]][2]
        assert cell.value == text and cell.data_type == "s"
        assert cell.quotePrefix  # Excel keeps it text even when the cell is edited
        author = cells[question["id"]][4]
        assert author.value == "=cmd|' /C calc'!A0" and author.data_type == "s"
    nfc = unicodedata.normalize("NFC", DECOMPOSED)
    row = cells[made[-1]["id"]]
    assert row[2].value == nfc and unicodedata.is_normalized("NFC", row[2].value)
    assert row[4].value == "Nguyễn Thị Hà"
    assert not row[2].quotePrefix


def test_put_neutralises_formulas_given_directly():
    from openpyxl import Workbook
    sheet = Workbook().active
    cell = exports._put(sheet, 1, 1, "=1+1")
    assert cell.data_type == "s" and cell.value == "=1+1" and cell.quotePrefix
    assert exports._put(sheet, 1, 2, unicodedata.normalize("NFD", "Lào Cai")).value == "Lào Cai"
    assert exports._put(sheet, 1, 3, "a\x07b").value == "ab"


def test_empty_event_workbook(moderator):
    book = workbook(moderator)
    assert rows(book["Câu hỏi"]) == [] and rows(book["Cam kết"]) == [] and rows(book["Theo dõi"]) == []
    assert book["Câu hỏi"].auto_filter.ref == "A1:V1"


@pytest.mark.parametrize("url,magic", [(XLSX, b"PK"), (PDF, b"%PDF")])
def test_exports_need_a_moderator_of_the_event(client, other_moderator, demo_moderator, url, magic):
    response = client.get(url)
    assert response.status_code == 401 and response.get_json()["error"]
    response = other_moderator.get(url)
    assert response.status_code == 403 and response.get_json()["error"]
    assert client.get(url.replace("/demo/", "/khong-co/")).status_code == 401
    response = demo_moderator.get(url)
    assert response.status_code == 200 and response.data.startswith(magic)


# --------------------------------------------------------------------------- the print page


def test_print_page_has_the_same_sections(moderator, session):
    response = moderator.get(PRINT)
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert '<link rel="stylesheet" href="/static/css/print.css">' in page
    assert "<script" not in page and "style=" not in page  # the CSP allows neither inline
    positions = [page.index(heading) for heading in (
        "THÔNG BÁO", "I. Ý KIẾN ĐÁNH GIÁ CHUNG", "II. NỘI DUNG TRAO ĐỔI, TRẢ LỜI",
        "III. NHIỆM VỤ GIAO CÁC CƠ QUAN, ĐƠN VỊ", "IV. CÁC Ý KIẾN TRẢ LỜI BẰNG VĂN BẢN", "V. TỔ CHỨC THỰC HIỆN",
        "Nơi nhận:")]
    assert positions == sorted(positions)
    for text in ("UBND TỈNH LÀO CAI", "VĂN PHÒNG", "Số:        /TB-VPUBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "Lào Cai, ngày      tháng      năm 2024",
                 "1. Giao Tỉnh đoàn Lào Cai:", "- Lưu: VT, VX4.", "KT. CHÁNH VĂN PHÒNG", "./.",
                 "- Trả lời trực tiếp tại buổi đối thoại: 5;"):
        assert text in page, text
    for name in ANSWERED + WRITTEN:
        assert page.count(question_text(name)) == 1, name
    for name in ABSENT:
        assert question_text(name) not in page
    assert "Ctrl+P" in page  # the printing hint
    for link in ("/api/v1/events/demo/conclusion.docx", PDF, XLSX):
        assert f'href="{link}"' in page


def folded(text):
    return " ".join(text.split())


def html_paragraphs(markup):
    """(text, [italic parts]) of each non-empty <p>, <h2>, <h3> of a piece of the print page."""
    found = []
    for _, inner in re.findall(r"<(p|h2|h3)\b[^>]*>(.*?)</\1>", markup, re.S):
        text = folded(html.unescape(re.sub(r"<[^>]+>", "", inner)))
        if text:
            found.append((text, [html.unescape(em) for em in re.findall(r"<em>(.*?)</em>", inner)]))
    return found


def docx_paragraphs(paragraphs):
    return [(folded(p.text), [run.text for run in p.runs if run.italic]) for p in paragraphs if p.text.strip()]


def test_print_page_and_docx_carry_the_same_paragraphs(moderator, session):
    """Both draw notice_layout.layout: the same header, title, body (with its italics) and signature block."""
    document = open_docx(moderator.get("/api/v1/events/demo/conclusion.docx").data)
    page = moderator.get(PRINT).get_data(as_text=True).split('<article class="sheet">', 1)[1]
    head, rest = page.split('<h1 class="doc-title">', 1)
    title, rest = rest.split("</h1>", 1)
    body, foot = rest.split('<table class="doc-foot">', 1)
    kind, summary = re.fullmatch(r'(.*?)<span class="summary">(.*)</span>', title, re.S).groups()
    header, footer = document.tables
    for table, markup in ((header, head), (footer, foot)):
        for cell, html_cell in zip(table.rows[0].cells, markup.split("<td")[1:]):
            assert [text for text, _ in docx_paragraphs(cell.paragraphs)] == [text for text, _ in html_paragraphs(html_cell)]
    body_texts = docx_paragraphs(document.paragraphs)
    assert body_texts[:2] == [(kind, []), (html.unescape(summary), [])]
    assert body_texts[2:] == html_paragraphs(body)
    assert len(body_texts) > 20 and any(italic for _, italic in body_texts)  # the session's whole notice


def test_print_page_escapes_user_text(moderator, new_client, ask):
    question = ask(new_client(), "Vì sao <script>alert(1)</script> & <b>đậm</b>?", author="<i>An</i>")
    moderator.post(f"/api/v1/questions/{question['id']}/approve")
    page = moderator.get(PRINT).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;" in page
    assert "<script>" not in page and "<b>đậm" not in page
    assert "<em>&lt;i&gt;An&lt;/i&gt;</em>" in page


def test_notice_layout_has_the_docx_texts():
    from tests.test_notice_docx import sample_notice
    view = notice_layout.layout(sample_notice())
    texts = ["".join(text for text, _ in p["parts"]) for s in view["sections"] for p in s["paragraphs"]]
    assert view["date_line"] == "Lào Cai, ngày 05 tháng 4 năm 2024"
    assert view["number"] == "Số:        /TB-VPUBND"
    assert [s["title"] for s in view["sections"]][2] == "III. NHIỆM VỤ GIAO CÁC CƠ QUAN, ĐƠN VỊ"
    assert ("- Xây dựng chuyên mục cảnh báo lừa đảo trực tuyến trên Cổng thông tin điện tử tỉnh; "
            "thời hạn: 30/6/2024.") in texts
    assert ("1. Giao Sở Giáo dục và Đào tạo trả lời bằng văn bản các câu hỏi sau, hoàn thành trước ngày "
            "15/4/2024:") in texts
    assert texts[-1].endswith("biết, thực hiện./.")
    assert view["recipients"][-1] == "- Lưu: VT, TH3."


# --------------------------------------------------------------------------- PDF


def test_pdf_of_the_print_page(moderator, session):
    response = moderator.get(PDF)
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="thong-bao-ket-luan-demo.pdf"'
    assert response.data.startswith(b"%PDF")
    assert page_count(response.data) >= 1


def page_count(data):
    """Page objects in a PDF, looking into compressed object streams too."""
    return sum(len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", chunk)) for chunk in pdf_chunks(data))


def pdf_chunks(data):
    """The PDF's bytes and each of its streams that inflates (object streams hold the font dicts)."""
    chunks = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            pass
    return chunks


def pdf_fonts(data):
    """The embedded fonts' PostScript names, without the subset tag ("ABCDEF+Tinos-Bold" -> "Tinos-Bold")."""
    names = {name for chunk in pdf_chunks(data) for name in re.findall(rb"/BaseFont\s*/([^\s/<>\[\]()]+)", chunk)}
    return {name.decode().split("+", 1)[-1] for name in names}


def test_pdf_embeds_one_serif_family_for_every_vietnamese_letter(moderator, new_client, ask, publish, session):
    """ả, ỏ, ủ, ổ, ể, ử, ỉ, ự in regular, bold, italic and bold italic all come from the shipped
    Tinos; no other face (Liberation Serif lacks them, DejaVu filled in) is embedded."""
    publish(ask(new_client(), "Chủ đề: ả ỏ ủ ổ ể ử ỉ ự, Ơ Ư Đ ẵ ẫ ỹ ỵ?", author="Đặng Thị Ửng")["id"])
    response = moderator.get(PDF)
    assert response.status_code == 200, response.get_json()
    fonts = pdf_fonts(response.data)
    assert {name.split("-", 1)[0] for name in fonts} == {"Tinos"}, fonts
    assert fonts >= {"Tinos", "Tinos-Bold", "Tinos-Italic", "Tinos-Bold-Italic"}


def vietnamese_letters():
    """Every precomposed Vietnamese letter: the 12 vowels with no tone and the 5 tones, and đ, both cases."""
    tones = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    small = {"đ"}
    for vowel in "aăâeêioôơuưy":
        small.add(vowel)
        small.update(unicodedata.normalize("NFC", vowel + tone) for tone in tones)
    letters = small | {letter.upper() for letter in small}
    assert len(letters) == 146 and all(len(letter) == 1 for letter in letters)
    return letters


def test_shipped_serif_has_every_vietnamese_letter_in_each_face():
    """The four faces serif.css declares are in static/fonts with their licence, one family, and
    each maps every Vietnamese letter (a missing one would fall back to another face)."""
    css = (STATIC / "css" / "serif.css").read_text()
    files = re.findall(r'url\("\.\./fonts/([^"]+)"\)', css)
    assert sorted(files) == ["tinos-bold.woff", "tinos-bolditalic.woff", "tinos-italic.woff",
                             "tinos-regular.woff"]
    assert "SIL OPEN FONT LICENSE" in (STATIC / "fonts" / "OFL.txt").read_text()
    assert sum((STATIC / "fonts" / name).stat().st_size for name in files) < 1_000_000
    for name in files:
        font = TTFont(STATIC / "fonts" / name)
        assert font["name"].getDebugName(1) == "Tinos"
        missing = {letter for letter in vietnamese_letters() if ord(letter) not in font.getBestCmap()}
        assert not missing, (name, sorted(missing))


def test_pdf_without_weasyprint_answers_503_with_the_fallback(moderator, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    response = moderator.get(PDF)
    assert response.status_code == 503
    message = response.get_json()["error"]
    assert "WeasyPrint" in message and "/admin/events/demo/conclusion/print" in message
    assert "In" in message


def test_who_sent_each_question_and_merges_are_columns(moderator, store):
    from live.dialogue import merges, questions
    event = store.event_by_code("demo")
    head, _ = questions.submit(store, event, None, "Đề xuất từ huyện", channel="district", channel_detail="Bát Xát",
                               unit="Đoàn xã Y Tý", district="Huyện Bát Xát", youth_group="students")
    twin, _ = questions.submit(store, event, "a", "Cùng nội dung")
    merges.merge(store, twin["id"], head["id"], "test")
    table = by_id(workbook(moderator)["Câu hỏi"])
    assert [table[head["id"]][name] for name in ("Kênh", "Đơn vị", "Địa bàn", "Nhóm thanh niên", "Gộp vào câu (mã)")] \
        == ["Đoàn Thanh niên địa phương – Bát Xát", "Đoàn xã Y Tý", "Huyện Bát Xát", "Thanh niên học sinh, sinh viên", None]
    assert (table[twin["id"]]["Kênh"], table[twin["id"]]["Gộp vào câu (mã)"]) == ("Điện thoại tại hội trường", head["id"])
