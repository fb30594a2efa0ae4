"""Importing proposals from spreadsheets (live/dialogue/intake.py, live/dialogue/spreadsheet.py): XLSX and CSV as
offices write them, a preview that lists every problem and writes nothing, all rows or none through
the page, the API and the CLI, and importing the same file twice adds nothing."""
import functools
import io
import re
import threading
import time
import unicodedata
import zipfile

import pytest
import requests

from live.dialogue import events, intake, questions, spreadsheet, xlsx_reader

from .conftest import OTHER, logged_in
from .helpers import text_of, xlsx
from .support import ADMIN_PASSWORD, Server

PAGE = "/admin/events/demo/import"
API = "/api/v1/events/demo/imports"
HEADER = ["Nội dung câu hỏi", "Họ và tên", "Đơn vị", "Huyện", "Nhóm thanh niên", "Kênh", "Mã câu hỏi"]
EVERY_CHANNEL = [
    ["Tỉnh hỗ trợ thanh niên khởi nghiệp thế nào?", "Lò Văn Minh", "HTX Tả Van", "Sa Pa", "Thanh niên doanh nghiệp",
     "Đoàn huyện", 1],
    ["Khi nào có sân bóng cho thanh niên xã?", "Vàng Thị Mai", "", "Bát Xát", "lam kinh te, nong dan tre, khoi nghiep",
     "Cổng thông tin", 2],
    ["Học bổng cho sinh viên nghèo?", "Phóng viên Báo Lào Cai", "Báo Lào Cai", "", "", "báo chí", 3],
    ["Tuyển dụng công chức có ưu tiên người dân tộc?", "", "", "", "civil_servants", "trang web", 4],
    ["Câu hỏi gửi tại hội trường", "", "", "", "", "onsite", 5],
    ["Câu hỏi nêu trực tiếp", "", "", "", "", "moderator", 6],
]


def csv_bytes(rows, delimiter=";", bom=False):
    lines = [delimiter.join(f'"{cell}"' if delimiter in str(cell) else str(cell) for cell in row) for row in rows]
    data = "\r\n".join(lines).encode("utf-8") + b"\r\n"
    return (b"\xef\xbb\xbf" + data) if bom else data


def preview(client, data, name="de-xuat.xlsx", channel="district", approve=False):
    form = {"action": "preview", "channel": channel, "file": (io.BytesIO(data), name)}
    if approve:
        form["approve"] = "1"
    return client.post(PAGE, data=form, content_type="multipart/form-data")


def token_of(response):
    found = re.search(r'name="token" value="([^"]+)"', response.get_data(as_text=True))
    return found.group(1) if found else None


def confirm(client, token, channel="district", approve=False):
    form = {"action": "confirm", "token": token, "channel": channel}
    if approve:
        form["approve"] = "1"
    return client.post(PAGE, data=form)


def api_import(client, data, name="de-xuat.xlsx", **fields):
    return client.post(API, data={"file": (io.BytesIO(data), name), **fields}, content_type="multipart/form-data")


def imported(store, event_code="demo"):
    return [q for q in store.questions(store.event_by_code(event_code)["id"]) if q["attendee_id"] is None]


# ---------- reading files ----------

def test_every_channel_from_an_xlsx_through_the_page(moderator, store):
    response = preview(moderator, xlsx([HEADER, *EVERY_CHANNEL]))
    assert response.status_code == 200
    page = text_of(response)
    assert "6 sẽ nhập" in page and "Sa Pa" in page and "Thanh niên doanh nghiệp" in page
    assert imported(store) == []  # the preview writes nothing
    response = confirm(moderator, token_of(response))
    assert response.status_code == 302
    assert "Đã nhập 6 câu hỏi, 0 câu đã có." in text_of(moderator.get(PAGE))
    rows = {q["external_id"]: q for q in imported(store)}
    assert {key: q["channel"] for key, q in rows.items()} == {
        "1": "district", "2": "portal", "3": "press", "4": "web", "5": "onsite", "6": "moderator"}
    sapa = rows["1"]
    assert (sapa["author"], sapa["unit"], sapa["district"], sapa["youth_group"], sapa["channel_detail"]) == (
        "Lò Văn Minh", "HTX Tả Van", "Sa Pa", questions.ENTERPRISES, "Sa Pa")  # a district row: detail = district
    assert rows["2"]["youth_group"] == questions.FARMERS and rows["4"]["youth_group"] == questions.CIVIL_SERVANTS
    assert {q["status"] for q in rows.values()} == {questions.PENDING}  # approving is a choice, off by default
    [entry] = [a for a in store.audit(store.event_by_code("demo")["id"]) if a["action"] == "questions.import"]
    assert '"added": 6' in entry["after"] and entry["actor"] == "admin"


@pytest.mark.parametrize("delimiter,bom,header", [
    (",", False, ["Câu hỏi", "Người gửi", "Đơn vị", "Huyện, thị xã, thành phố", "Đối tượng", "Nguồn"]),
    (";", True, ["Noi dung cau hoi", "Ho va ten", "Don vi", "Huyen", "Nhom thanh nien", "Kenh"]),
    (";", False, ["text", "name", "unit", "district", "youth_group", "channel"]),
    (",", False, ["Nội dung câu hỏi", "Họ và tên", "Đơn vị", "Địa bàn", "Nhóm thanh niên", "Kênh"]),
], ids=["utf8-comma", "bom-semicolon-no-diacritics", "english", "dia-ban"])
def test_csv_as_excel_writes_it(moderator, store, delimiter, bom, header):
    rows = [header, ["Việc làm cho thanh niên sau nghĩa vụ quân sự?", "Giàng A Páo", "Xã Y Tý, Bát Xát", "Bát Xát",
                     "Thanh niên lực lượng vũ trang", "Huyện đoàn"]]
    response = api_import(moderator, csv_bytes(rows, delimiter, bom), "de-xuat.csv")
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["added"] == 1
    [question] = imported(store)
    assert (question["text"], question["unit"], question["district"], question["youth_group"], question["channel"]) == (
        "Việc làm cho thanh niên sau nghĩa vụ quân sự?", "Xã Y Tý, Bát Xát", "Bát Xát", questions.ARMED_FORCES, "district")


def test_cells_are_read_as_the_office_typed_them():
    from datetime import date, datetime
    assert [xlsx_reader.cell_text(value) for value in (None, 12.0, 3, 2.5, datetime(2025, 3, 20), date(2025, 3, 20),
                                                       datetime(2025, 3, 20, 8, 30), True)] == [
        "", "12", "3", "2.5", "2025-03-20", "2025-03-20", "2025-03-20 08:30", "1"]


def test_default_channel_and_default_form_choice(moderator, store):
    data = csv_bytes([["Câu hỏi", "Họ tên"], ["Hỏi về chuyển đổi số", "An"]])
    assert api_import(moderator, data, "a.csv").get_json()["rows"][0]["problems"] == [
        "Chưa rõ kênh: hãy ghi cột Kênh hoặc chọn kênh mặc định."]
    response = api_import(moderator, data, "a.csv", channel="Báo chí")
    assert response.status_code == 201
    assert imported(store)[0]["channel"] == "press"


def test_vietnamese_text_is_stored_nfc_and_keeps_its_id(moderator, store):
    nfd = unicodedata.normalize("NFD", "Thanh niên dân tộc thiểu số học nghề ở đâu?")
    assert nfd != unicodedata.normalize("NFC", nfd)
    rows = [["Nội dung câu hỏi", "Họ và tên"], [nfd, unicodedata.normalize("NFD", "Hảng Seo Chử")]]
    assert api_import(moderator, csv_bytes(rows), "a.csv", channel="web").status_code == 201
    [question] = imported(store)
    assert question["text"] == unicodedata.normalize("NFC", nfd) and question["author"] == "Hảng Seo Chử"
    again = [rows[0], [unicodedata.normalize("NFC", cell) for cell in rows[1]]]
    assert api_import(moderator, csv_bytes(again), "a.csv", channel="web").get_json()["added"] == 0


# ---------- the preview and all-or-nothing ----------

BAD_ROWS = [
    ["Nội dung câu hỏi", "Nhóm thanh niên", "Kênh", "Chủ đề"],
    ["Câu hỏi hợp lệ về việc làm", "", "", ""],
    ["", "", "báo chí", ""],
    ["x" * 501, "", "", ""],
    ["Câu hỏi nhóm lạ", "Thanh niên ngoài hành tinh", "", ""],
    ["Câu hỏi kênh lạ", "", "Bồ câu đưa thư", ""],
    ["Câu hỏi chủ đề lạ", "", "", "Du hành vũ trụ"],
    ["Câu hỏi hợp lệ về việc làm", "", "", ""],
]
EXPECTED = {
    3: ["Hãy nhập nội dung câu hỏi."],
    4: ["Câu hỏi dài quá 500 ký tự."],
    5: ["Nhóm thanh niên không hợp lệ: Thanh niên ngoài hành tinh."],
    6: ["Kênh không hợp lệ: Bồ câu đưa thư."],
    7: ["Chủ đề không có trong sự kiện này."],
    8: ["Trùng với dòng 2."],
}


def test_the_preview_lists_every_rows_problems_and_writes_nothing(moderator, store):
    response = api_import(moderator, xlsx(BAD_ROWS), channel="district", dry_run="1")
    assert response.status_code == 200
    shown = response.get_json()
    assert shown["ready"] is False and shown["invalid"] == 6 and shown["new"] == 1
    assert {row["line"]: row["problems"] for row in shown["rows"] if row["problems"]} == EXPECTED
    page = text_of(preview(moderator, xlsx(BAD_ROWS)))
    for problems in EXPECTED.values():
        assert problems[0] in page
    assert "Xác nhận nhập" not in page
    assert imported(store) == []


def test_one_bad_row_and_nothing_is_written_page_api_cli(moderator, store, runner, tmp_path):
    rows = [HEADER, *EVERY_CHANNEL, ["Câu hỏi nhóm lạ", "", "", "", "không rõ", "báo chí", 7]]
    response = preview(moderator, xlsx(rows))
    assert "Xác nhận nhập" not in text_of(response) and token_of(response) is None
    response = api_import(moderator, xlsx(rows))
    assert response.status_code == 400
    assert response.get_json()["rows"] == [{"line": 8, "problems": ["Nhóm thanh niên không hợp lệ: không rõ."]}]
    path = tmp_path / "de-xuat.xlsx"
    path.write_bytes(xlsx(rows))
    result = runner.invoke(args=["intake", "import", "demo", str(path)])
    assert result.exit_code == 1 and "dòng 8: Nhóm thanh niên không hợp lệ: không rõ." in result.output
    with pytest.raises(intake.NotImported):
        intake.run(store, store.event_by_code("demo"), "test", intake.read(xlsx(rows)))
    assert imported(store) == []
    assert not [a for a in store.audit(store.event_by_code("demo")["id"]) if a["action"] == "questions.import"]


def test_a_confirmed_import_that_became_invalid_writes_nothing(moderator, store):
    """Between the preview and the confirmation a topic is removed: the whole import is refused."""
    rows = [["Câu hỏi", "Chủ đề"], ["Câu một", ""], ["Câu hai", store.topics(store.event_by_code("demo")["id"])[0]["name"]]]
    token = token_of(preview(moderator, xlsx(rows)))
    events.update(store, "test", "demo", topics=[{"name": "Chủ đề mới"}])
    response = confirm(moderator, token)
    assert response.status_code == 400 and "Chưa nhập: tệp còn lỗi" in text_of(response)
    assert imported(store) == []


def test_whole_file_problems(moderator, store):
    cases = {
        "Tệp phải là CSV mã hóa UTF-8": "Noi dung cau hoi\nC\xe2u h\xf5i\n".encode("latin-1"),
        "Không đọc được tệp XLSX": b"PK\x03\x04 not really a workbook",
        "Tệp trống.": b"",
        "Thiếu cột nội dung câu hỏi": csv_bytes([["Họ và tên", "Huyện"], ["An", "Sa Pa"]]),
        "Tệp chỉ có dòng tên cột": csv_bytes([["Nội dung câu hỏi"]]),
        "Tệp Excel 97-2003 (.xls) chưa đọc được": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old excel",
    }
    for message, data in cases.items():
        shown = api_import(moderator, data, "f.csv", channel="web", dry_run="1").get_json()
        assert shown["ready"] is False and any(message in problem for problem in shown["problems"]), shown
        assert message in text_of(preview(moderator, data, "f.csv"))
    assert imported(store) == []


# ---------- idempotency, tokens, phases, sizes ----------

def test_importing_the_same_file_twice_adds_nothing(moderator, store):
    data = xlsx([HEADER[:-1], *[row[:-1] for row in EVERY_CHANNEL]])  # no id column: the content's hash
    assert confirm(moderator, token_of(preview(moderator, data))).status_code == 302
    first = {q["id"]: q["external_id"] for q in imported(store)}
    assert len(first) == 6 and all(value.startswith("sha256:") for value in first.values())
    response = preview(moderator, data)
    page = text_of(response)
    assert "0 sẽ nhập" in page and "6 đã nhập trước đó" in page and "Đã nhập" in page
    assert "Không có câu hỏi mới để nhập" in page and token_of(response) is None  # nothing to confirm
    assert re.search(r"<button [^>]*disabled>Xác nhận nhập 0 câu hỏi</button>", response.get_data(as_text=True))
    assert {q["id"]: q["external_id"] for q in imported(store)} == first


def test_confirming_when_nothing_is_new_any_more_is_refused(moderator, store):
    data = xlsx([HEADER, *EVERY_CHANNEL])
    first, second = token_of(preview(moderator, data)), token_of(preview(moderator, data))
    assert confirm(moderator, first).status_code == 302
    response = confirm(moderator, second)  # another tab, opened before the first was confirmed
    assert response.status_code == 400
    assert "Không có câu hỏi mới để nhập: mọi dòng trong tệp đã được nhập trước đó." in text_of(response)
    assert len(imported(store)) == 6
    assert len([a for a in store.audit(store.event_by_code("demo")["id"]) if a["action"] == "questions.import"]) == 1


def test_the_upload_is_kept_for_its_event_then_dropped(moderator, store):
    events.create(store, "test", OTHER, title="Sự kiện khác")
    events.set_phase(store, "test", OTHER, events.COLLECTING)
    token = token_of(preview(moderator, xlsx([HEADER, EVERY_CHANNEL[0]])))
    response = moderator.post(f"/admin/events/{OTHER}/import", data={"action": "confirm", "token": token})
    assert response.status_code == 404 and imported(store, OTHER) == []
    assert confirm(moderator, token).status_code == 302
    assert store.upload(token) is None
    assert confirm(moderator, token).status_code == 404  # used once


def test_approve_at_import_unless_flagged(moderator, store):
    rows = [["Câu hỏi", "Mã câu hỏi"], ["Hỏi về đường giao thông nông thôn", "a"], ["đm, trả lời đi", "b"]]
    response = confirm(moderator, token_of(preview(moderator, xlsx(rows), approve=True)), approve=True)
    assert response.status_code == 302
    statuses = {q["external_id"]: q["status"] for q in imported(store)}
    assert statuses == {"a": questions.APPROVED, "b": questions.PENDING}  # the word list's find waits


def test_a_closed_event_refuses_imports(moderator, store):
    events.set_phase(store, "test", "demo", events.CLOSED)
    data = xlsx([HEADER, EVERY_CHANNEL[0]])
    response = api_import(moderator, data)
    assert response.status_code == 409 and "đã kết thúc" in response.get_json()["error"]
    assert "Sự kiện đã kết thúc, không nhận thêm câu hỏi." in text_of(preview(moderator, data))
    assert imported(store) == []


def test_upload_size_limit_is_readable(app_factory):
    app = app_factory(LIVE_IMPORT_MAX_BYTES=200_000)
    client = logged_in(app)
    rows = [["Câu hỏi", "Mã câu hỏi"]] + [[f"Câu hỏi số {n} về việc làm cho thanh niên nông thôn", n] for n in range(1500)]
    big = csv_bytes(rows)
    assert 64 * 1024 < len(big) < 200_000  # above the app's 64 KB, under the import's limit
    assert preview(client, big, "lon.csv", channel="web").status_code == 200
    huge = big * 2
    response = preview(client, huge, "qua-lon.csv")
    assert response.status_code == 413 and "Dữ liệu gửi lên quá lớn." in text_of(response)
    response = api_import(client, huge, "qua-lon.csv")
    assert response.status_code == 413 and response.get_json()["error"] == "Dữ liệu gửi lên quá lớn."
    assert client.post("/api/v1/events/demo/questions", json={"text": "x" * 70_000}).status_code == 413


def test_the_import_is_for_organizers(client, demo_moderator):
    response = client.get(PAGE)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    assert demo_moderator.get(PAGE).status_code == 403
    assert preview(demo_moderator, xlsx([HEADER, EVERY_CHANNEL[0]])).status_code == 403
    assert api_import(demo_moderator, xlsx([HEADER, EVERY_CHANNEL[0]])).status_code == 403


def test_cli_dry_run_then_import(runner, store, tmp_path):
    path = tmp_path / "de-xuat.csv"
    path.write_bytes(csv_bytes([["Câu hỏi", "Huyện"], ["Hỏi về nước sạch", "Mường Khương"]], bom=True))
    result = runner.invoke(args=["intake", "import", "demo", str(path), "--channel", "Đoàn huyện", "--dry-run"])
    assert result.exit_code == 0 and "Sẽ nhập 1 câu hỏi, 0 câu đã có." in result.output
    assert imported(store) == []
    result = runner.invoke(args=["intake", "import", "demo", str(path), "--channel", "district", "--approve"])
    assert result.exit_code == 0 and "Đã nhập 1 câu hỏi, 0 câu đã có." in result.output
    [question] = imported(store)
    assert (question["channel_detail"], question["status"]) == ("Mường Khương", questions.APPROVED)
    result = runner.invoke(args=["intake", "import", "demo", str(path), "--channel", "district"])
    assert "Đã nhập 0 câu hỏi, 1 câu đã có." in result.output


def test_agencies_import_reads_through_the_same_spreadsheet_module():
    table = spreadsheet.read_csv("\ufeffMã;Tên cơ quan;Ghi chú\nSYT;Sở Y tế;x\n", {"ma": "code", "ten co quan": "name"})
    assert table.fields == ["code", "name"] and table.ignored == ["Ghi chú"]
    assert [(row.line, row.values) for row in table.rows] == [(2, {"code": "SYT", "name": "Sở Y tế"})]


# ---------- hostile files: zip bombs, endless rows, huge cells, XML entities ----------

MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS = b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
OFFICE = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKBOOK_PARTS = {
    "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    "_rels/.rels": b"<Relationships " + RELS + b'><Relationship Id="rId1" Type="' + OFFICE
    + b'/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": b"<workbook " + MAIN + b' xmlns:r="' + OFFICE + b'"><sheets><sheet name="S" sheetId="1" '
    b'r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": b"<Relationships " + RELS + b'><Relationship Id="rId1" Type="' + OFFICE
    + b'/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="' + OFFICE
    + b'/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
}


def workbook_by_hand(rows, strings=(b"<sst " + MAIN + b"/>",), prolog=b"", dimension=b"A1:A1"):
    """A minimal workbook written with zipfile: its sheet and shared strings are written piece by piece,
    so hundreds of megabytes compress to a few hundred kilobytes without being held in memory."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in WORKBOOK_PARTS.items():
            archive.writestr(name, content)
        for name, pieces in (("xl/sharedStrings.xml", strings), ("xl/worksheets/sheet1.xml", [
                b'<?xml version="1.0" encoding="UTF-8"?>' + prolog + b"<worksheet " + MAIN + b'><dimension ref="'
                + dimension + b'"/><sheetData>', *rows, b"</sheetData></worksheet>"])):
            with archive.open(name, "w", force_zip64=True) as part:
                for piece in pieces:
                    part.write(piece)
    return out.getvalue()


def repeated(piece, times, per_write=1 << 20):
    for _ in range(times // per_write):
        yield piece * per_write


def cell(line, text, column="A"):
    return (f'<c r="{column}{line}" t="inlineStr"><is><t>{text}</t></is></c>').encode()


HEADER_ROW = b'<row r="1">' + cell(1, "Nội dung câu hỏi") + b"</row>"
QUESTION_ROW = b'<row r="2">' + cell(2, "Câu hỏi hợp lệ") + b"</row>"
@functools.cache
def empty_rows():
    return workbook_by_hand([HEADER_ROW, *repeated(b"<row/>", 20 * (1 << 20))])  # 20 million, as in the issue


@functools.cache
def huge_cell():
    return workbook_by_hand([HEADER_ROW, b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'], strings=[
        b"<sst " + MAIN + b"><si><t>", *repeated(b"a", 300 << 20), b"</t></si></sst>"])  # one 300 MB cell


@functools.cache
def endless_sheet():
    return workbook_by_hand([HEADER_ROW, b'<row r="1048576">' + cell(1048576, "x") + b"</row>"],
                            dimension=b"A1:Z1048576")  # openpyxl makes up the million rows between


@pytest.mark.slow  # reads hostile workbooks up to their limits: seconds of work on purpose
def test_a_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_read(moderator, store):
    a_million_empty_rows = workbook_by_hand([HEADER_ROW, *repeated(b"<row/>", 1 << 20), QUESTION_ROW])
    for data in (empty_rows(), huge_cell(), a_million_empty_rows):  # 120 MB, 300 MB, 6 MB compressed 600 times
        assert len(data) < 400_000
        for fields in ({}, {"dry_run": "1"}):
            response = api_import(moderator, data, channel="web", **fields)
            assert response.status_code == 413 and "Tệp XLSX khi giải nén quá lớn" in response.get_json()["error"]
        response = preview(moderator, data)
        assert response.status_code == 413 and "Tệp XLSX khi giải nén quá lớn" in text_of(response)
        assert "Xem trước" in text_of(response)  # the upload form, to try another file
    assert imported(store) == []


@pytest.mark.slow  # reads hostile workbooks up to their limits
def test_every_row_and_cell_of_a_workbook_counts_empty_ones_too(moderator, store):
    wide = workbook_by_hand([HEADER_ROW, b'<row r="2">' + cell(2, "Câu hỏi") + cell(2, "lạc", "EZ") + b"</row>"],
                            dimension=b"A1:EZ2")
    long_cell = workbook_by_hand([HEADER_ROW, b'<row r="2">' + cell(2, "a" * 200_000) + b"</row>"])
    cases = {endless_sheet(): "Tệp có hơn 20000 dòng, kể cả dòng trống", wide: "Dòng 2 có hơn 100 cột.",
             long_cell: "Dòng 2 có ô dài quá 131072 ký tự"}
    for data, message in cases.items():
        response = api_import(moderator, data, channel="web")
        assert response.status_code == 400 and any(message in problem for problem in response.get_json()["problems"])
        assert message in text_of(preview(moderator, data))
    fine = workbook_by_hand([HEADER_ROW, *repeated(b"<row/>", 1000, per_write=1000), b'<row r="1002">'
                             + cell(1002, "Câu hỏi sau nghìn dòng trống") + b"</row>"], dimension=b"A1:A1002")
    assert api_import(moderator, fine, channel="web").status_code == 201
    assert [q["text"] for q in imported(store)] == ["Câu hỏi sau nghìn dòng trống"]


@pytest.mark.slow  # expands entities up to the parser's limits
def test_a_workbook_with_a_dtd_is_refused_readably(moderator):
    entity = b'<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    laughs = b"<!DOCTYPE worksheet [<!ENTITY l0 \"lol\">" + b"".join(
        b'<!ENTITY l%d "%s">' % (n, b"&l%d;" % (n - 1) * 10) for n in range(1, 10)) + b"]>"
    for doctype, reference in ((entity, "&secret;"), (laughs, "&l9;")):
        data = workbook_by_hand([HEADER_ROW, b'<row r="2">' + cell(2, reference) + b"</row>"], prolog=doctype)
        response = api_import(moderator, data, channel="web")
        assert response.status_code == 400
        assert response.get_json()["problems"] == ["Không đọc được tệp XLSX: tệp hỏng hoặc có phần Excel không tạo ra. "
                                                   "Hãy mở bằng Excel rồi lưu lại, hoặc lưu thành CSV UTF-8."]
        assert "Không đọc được tệp XLSX" in text_of(preview(moderator, data))


def test_a_csv_cell_over_128_kb_is_a_readable_problem(moderator):
    long_cell = 'Câu hỏi\n"' + "a" * 200_000 + '"\nCâu sau\n'
    unclosed_quote = 'Câu hỏi\nCâu một\n"Câu hai chưa đóng ngoặc\n' + "Câu sau\n" * 20_000
    for text, line in ((long_cell, 2), (unclosed_quote, 3)):
        response = api_import(moderator, text.encode(), "de-xuat.csv", channel="web")
        assert response.status_code == 400
        assert response.get_json()["problems"] == [
            f"Dòng {line} có ô dài quá 131072 ký tự: tệp hỏng, hoặc (với CSV) thiếu dấu ngoặc kép đóng."]
        shown = api_import(moderator, text.encode(), "de-xuat.csv", channel="web", dry_run="1")
        assert shown.status_code == 200 and shown.get_json()["ready"] is False


def test_the_workbook_readers_time_and_memory_are_limited(moderator, monkeypatch):
    data = xlsx([HEADER, *EVERY_CHANNEL])
    for limit, value in (("READER_SECONDS", 0.05), ("READER_MEMORY", 1 << 20)):
        with monkeypatch.context() as patched:
            patched.setattr(spreadsheet, limit, value)
            response = api_import(moderator, data, channel="web", dry_run="1")
            assert response.status_code == 413, limit
    assert api_import(moderator, data, dry_run="1").get_json()["new"] == 6


@pytest.mark.slow
def test_the_server_answers_while_a_hostile_workbook_is_read(tmp_path):
    """On a real eventlet server: /healthz answers within a second while each upload is read."""
    server = Server(tmp_path / "live.db")
    try:
        staff = requests.Session()
        assert staff.post(server.url + "/api/v1/login", json={"username": "admin", "password": ADMIN_PASSWORD}).ok
        for data, status in ((endless_sheet(), 400), (empty_rows(), 413)):
            answers, waits = [], []
            upload = threading.Thread(target=lambda: answers.append(staff.post(
                server.url + API, files={"file": ("de-xuat.xlsx", data)}, data={"channel": "web"}, timeout=60)))
            upload.start()
            deadline = time.monotonic() + 60
            while upload.is_alive() and time.monotonic() < deadline:
                asked = time.monotonic()
                assert requests.get(server.url + "/healthz", timeout=1).status_code == 200
                waits.append((time.monotonic() - asked, upload.is_alive()))
                time.sleep(0.02)
            upload.join(timeout=60)
            assert [response.status_code for response in answers] == [status]
            assert any(during for _, during in waits) and max(wait for wait, _ in waits) < 1
    finally:
        server.stop()
