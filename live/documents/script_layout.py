"""The detailed script (kịch bản chi tiết) of the programme laid out once, as plain data, in the
administrative style of the notice (notice_layout): script_docx draws it as DOCX,
templates/script_print.html as the printable page, for the rehearsal.

``layout(event, notice, shown, zone, translate)`` takes the event, its notice's fields (events.notice: the
issuing body and the place), the programme as staff see it (programme.view) in the events' time zone
`zone`, and a gettext; it returns:
  issuer_parent, issuer, number (""), national_title, motto, date_line   the two-column head
  document_type, summary                                                  the title
  intro [text]                                                            when, where, the theme
  columns [text]; rows [[cell]], a cell being [(text, "" | "b" | "i")], one pair a paragraph
  closing [text]                                                          the total time, the planned end
User text is only ever text (notice_layout.clean).
"""
from ..dialogue import labels, programme, script
from ..text.dates import clock, date_line, official_day, parse_day
from .conclusion import _lower_first
from .notice_layout import MOTTO, NATIONAL_TITLE, clean

DOCUMENT_TYPE = "KỊCH BẢN CHI TIẾT"
ISSUER = "BAN TỔ CHỨC"
COLUMNS = ["Thời gian", "Thời lượng", "Nội dung", "Người thực hiện", "Lời dẫn chương trình"]
EMPTY = "Chương trình chưa có mục nào."


def layout(event, notice, shown, zone, translate):
    """The script as every renderer draws it (see the module's docstring)."""
    day = parse_day(event["date"])
    items = shown["items"]
    return {
        "issuer_parent": clean(notice.get("issuer_parent")).upper(),
        "issuer": ISSUER,
        "number": "",
        "national_title": NATIONAL_TITLE,
        "motto": MOTTO,
        "date_line": date_line(notice.get("place"), None, year=day.year if day else None),
        "document_type": DOCUMENT_TYPE,
        "summary": clean(_lower_first(event["title"])).upper(),
        "intro": _intro(event, day, items),
        "columns": COLUMNS,
        "rows": [_row(item, position, translate) for position, item in enumerate(items)],
        "closing": _closing(shown, zone),
    }


def _intro(event, day, items):
    start = next((item["planned_clock"] for item in items if item["planned_clock"]), None)
    when = [f"ngày {official_day(day)}" if day else "", f"bắt đầu lúc {start}" if start else ""]
    when = ", ".join(part for part in when if part)
    lines = [f"Thời gian: {when}." if when else "",
             f"Địa điểm: {clean(event['venue'])}." if clean(event["venue"]) else "",
             f"Chủ đề: “{clean(event['theme'])}”." if clean(event["theme"]) else ""]
    return [line for line in lines if line]


def _row(item, position, translate):
    """One item: when, how long, what (its title, kind and content), who, and the MC's lines."""
    what = [(f"{position + 1}. {clean(item['title'])}", "b"),
            (translate(labels.msgid("item_kind", item["kind"])), "i")]
    if item["kind"] == programme.DIALOGUE:
        what.append((f"Nội dung: {clean(item['topic'])}" if item["topic"] else "Tất cả các nội dung", ""))
    said = [(clean(line["text"]), "") for line in script.written(item, position, translate)]
    return [[(item["planned_clock"] or "", "")], [(f"{item['duration']} phút", "")], what,
            [(clean(item["presenter"]), "")], said]


def _closing(shown, zone):
    if not shown["items"]:
        return [EMPTY]
    total = sum(item["duration"] for item in shown["items"])
    end = clock(shown["planned_end"], zone)
    return [f"Tổng thời lượng dự kiến: {total} phút" + (f"; dự kiến kết thúc lúc {end}." if end else ".")]
