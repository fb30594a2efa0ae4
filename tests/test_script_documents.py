"""The detailed script (kịch bản chi tiết) for the rehearsal: one layout (script_layout) drawn as DOCX
(script_docx, in the notice's administrative format) and as the print page, holding the same
paragraphs; and where staff find them."""
import re
from html.parser import HTMLParser

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from live.dialogue import programme
from tests.helpers import all_paragraphs, open_docx

pytestmark = pytest.mark.usefixtures("no_programme")

DOCX = "/api/v1/events/demo/script.docx"
PRINT = "/admin/events/demo/script/print"
ITEMS = [
    {"kind": "performance", "title": "Thanh niên Lào Cai vững bước", "presenter": "Đội văn nghệ Tỉnh đoàn",
     "duration": 10, "planned_start": "08:00"},
    {"kind": "video", "title": "Thanh niên và những tác động từ môi trường mạng", "presenter": "Sở TT&TT <b>",
     "duration": 8},
    {"kind": "dialogue", "title": "Đối thoại", "topic": "Chính sách, pháp luật về an ninh mạng", "duration": 30,
     "script": {"answer": "Xin mời đồng chí {agency} trả lời câu hỏi của bạn {name}."}},
    {"kind": "awards", "title": "Tặng quà", "duration": 10, "honourees": [{"name": "Lò Thị Mai", "unit": "xã Tả Van"}]},
]
INTRO = ("Mở đầu chương trình, xin trân trọng giới thiệu tiết mục văn nghệ “Thanh niên Lào Cai vững bước” do Đội "
         "văn nghệ Tỉnh đoàn biểu diễn.")


@pytest.fixture
def planned(store):
    event = store.event_by_code("demo")
    for item in ITEMS:
        event = programme.add(store, "test", event, item)
    return event


class Blocks(HTMLParser):
    """The texts of the print page's sheet, one per block (p, h1, th, td and the title's summary line),
    as a reader sees them; the bar above the sheet is left out."""
    BLOCKS = {"p", "h1", "h2", "h3", "th", "td", "span"}

    def __init__(self):
        super().__init__()
        self.inside, self.current, self.found = False, [], []

    def flush(self):
        text = " ".join("".join(self.current).split())
        if text and self.inside:
            self.found.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.inside = True
        if tag in self.BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in self.BLOCKS or tag == "article":
            self.flush()
        if tag == "article":
            self.inside = False

    def handle_data(self, data):
        self.current.append(data)


def printed(html):
    parser = Blocks()
    parser.feed(html)
    return parser.found


def docx_texts(data):
    return [" ".join(p.text.split()) for p in all_paragraphs(open_docx(data)) if p.text.strip()]


def test_the_docx_and_the_print_page_hold_the_same_paragraphs(moderator, planned):
    docx = docx_texts(moderator.get(DOCX).data)
    page = printed(moderator.get(PRINT).get_data(as_text=True))
    assert docx == page
    assert "KỊCH BẢN CHI TIẾT" in docx and INTRO in docx
    assert "Sở TT&TT <b>" in docx  # user text is text, never markup


def test_the_docx_is_the_administrative_script(moderator, planned):
    response = moderator.get(DOCX)
    assert response.status_code == 200
    assert 'filename="kich-ban-demo.docx"' in response.headers["Content-Disposition"]
    document = open_docx(response.data)
    head = [" ".join(p.text.split()) for cell in document.tables[0].rows[0].cells for p in cell.paragraphs]
    assert {"UBND TỈNH LÀO CAI", "BAN TỔ CHỨC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc"} <= set(head)
    body = [p.text for p in document.paragraphs]
    title = body.index("KỊCH BẢN CHI TIẾT")
    assert body[title + 1] == ("CHƯƠNG TRÌNH ĐỐI THOẠI GIỮA CHỦ TỊCH UBND TỈNH VỚI THANH NIÊN TỈNH LÀO CAI NĂM 2024")
    assert "Thời gian: ngày 26/3/2024, bắt đầu lúc 08:00." in body
    assert "Tổng thời lượng dự kiến: 58 phút; dự kiến kết thúc lúc 08:58." in body

    table = document.tables[1]
    assert [cell.text for cell in table.rows[0].cells] == [
        "Thời gian", "Thời lượng", "Nội dung", "Người thực hiện", "Lời dẫn chương trình"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    assert len(table.rows) == 1 + len(ITEMS)
    first = [cell.text for cell in table.rows[1].cells]
    assert first == ["08:00", "10 phút", "1. Thanh niên Lào Cai vững bước\nVăn nghệ", "Đội văn nghệ Tỉnh đoàn", INTRO]
    assert table.rows[1].cells[2].paragraphs[0].runs[0].bold
    assert table.rows[1].cells[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    dialogue = [p.text for p in table.rows[3].cells[4].paragraphs]
    assert dialogue[1:] == ["Xin mời bạn [họ và tên], [đơn vị], đặt câu hỏi.",
                            "Xin mời đồng chí [chức danh người trả lời] trả lời câu hỏi của bạn [họ và tên]."]
    assert table.rows[4].cells[4].paragraphs[1].text == (
        "Xin trân trọng kính mời các bạn sau lên sân khấu nhận quà: Lò Thị Mai, xã Tả Van.")


def test_the_script_is_in_vietnamese_whatever_the_pages_language(moderator, planned):
    assert INTRO in docx_texts(moderator.get(DOCX + "?lang=en").data)
    page = moderator.get(PRINT + "?lang=en").get_data(as_text=True)
    assert INTRO in printed(page)
    assert "Download the script" not in page and ">Download DOCX<" in page  # the bar speaks the page's language


def test_an_empty_programme_still_gives_a_script(moderator):
    texts = docx_texts(moderator.get(DOCX).data)
    assert "Chương trình chưa có mục nào." in texts and "Thời gian" not in texts
    assert printed(moderator.get(PRINT).get_data(as_text=True)) == texts


def test_staff_find_the_script_and_the_mc_view_where_they_find_the_notice(moderator, demo_moderator):
    console = moderator.get("/mod/demo").get_data(as_text=True)
    for link in ('href="/mc/demo"', f'href="{PRINT}"', f'href="{DOCX}"'):
        assert link in console
    home = demo_moderator.get("/staff").get_data(as_text=True)
    assert 'href="/mc/demo"' in home and f'href="{PRINT}"' in home
    mc = demo_moderator.get("/mc/demo").get_data(as_text=True)
    assert f'href="{PRINT}"' in mc and f'href="{DOCX}"' in mc
    assert re.search(r'"advance": "/api/v1/events/demo/programme/advance"', mc)
