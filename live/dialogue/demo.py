"""The demo event, from the 2024 plan of Lào Cai province (shared/seed): the plan's content, dated
from the day it is created, so its deadlines are ahead of whoever tries it."""
from datetime import timedelta
from pathlib import Path

from . import answers, areas, events, intake, polls, programme, questions
from ..errors import Conflict

# Proposals as a district union's spreadsheet brings them before the day (make run imports it).
PROPOSALS = Path(__file__).resolve().parents[2] / "docs" / "samples" / "de-xuat-thanh-nien.csv"

CODE = "demo"
PLAN_DAY = "2024-03-26"  # the plan's own dialogue; the tests keep the demo on it
# A new demo's plan is due a week after the day it is created (the dialogue LIVE_PLAN_NOTICE_DAYS later):
# the dialogue is weeks ahead and no deadline of the follow-up page has passed.
DAYS_TO_PLAN_NOTICE = 7

EVENT = {
    "title": "Đối thoại giữa Chủ tịch UBND tỉnh với thanh niên tỉnh Lào Cai năm 2024",
    "theme": ("Vai trò của các cơ quan, đơn vị, các cấp chính quyền trong đảm bảo sự phát triển "
              "của thanh niên trước những tác động trên môi trường mạng"),
    "date": PLAN_DAY,
    "venue": "Trung tâm Hội nghị tỉnh Lào Cai",
    "requires_approval": True,
}

# The four contents of the dialogue (plan, II.2.b), with short names for buttons.
TOPICS = [
    {"name": "Chính sách, pháp luật về an ninh mạng",
     "description": "Việc thực hiện cơ chế, chính sách và các quy định của pháp luật về an ninh mạng đối với thanh niên"},
    {"name": "Bảo vệ thanh niên trên môi trường mạng",
     "description": ("Hoạt động của các cơ quan, tổ chức, các cấp chính quyền trong việc đảm bảo an toàn "
                     "cho thanh niên trước những tác động tiêu cực trên môi trường mạng")},
    {"name": "Trách nhiệm của thanh niên",
     "description": ("Vai trò, trách nhiệm của thanh niên trong việc chọn lọc, lựa chọn tiếp cận "
                     "thông tin trên môi trường mạng")},
    {"name": "Đề xuất giải pháp",
     "description": ("Thanh niên đề xuất với Lãnh đạo tỉnh các giải pháp xây dựng môi trường mạng an toàn, "
                     "trang thông tin chính thống phong phú, hấp dẫn, quảng bá bản sắc văn hóa các dân tộc")},
]

# The agencies the plan names among those attending and preparing answers (IV, V).
AGENCIES = [
    ("SNV", "Sở Nội vụ", "Nội vụ", "Giám đốc Sở Nội vụ"),
    ("VPUBND", "Văn phòng UBND tỉnh", "Văn phòng UBND", "Chánh Văn phòng UBND tỉnh"),
    ("TINHDOAN", "Tỉnh đoàn Lào Cai", "Tỉnh đoàn", "Bí thư Tỉnh đoàn"),
    ("CA", "Công an tỉnh", "Công an", "Giám đốc Công an tỉnh"),
    ("STTTT", "Sở Thông tin và Truyền thông", "TT&TT", "Giám đốc Sở Thông tin và Truyền thông"),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "GD&ĐT", "Giám đốc Sở Giáo dục và Đào tạo"),
    ("SVHTT", "Sở Văn hóa và Thể thao", "VH&TT", "Giám đốc Sở Văn hóa và Thể thao"),
    ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "LĐ-TB&XH", "Giám đốc Sở Lao động - Thương binh và Xã hội"),
    ("SDL", "Sở Du lịch", "Du lịch", "Giám đốc Sở Du lịch"),
    ("STP", "Sở Tư pháp", "Tư pháp", "Giám đốc Sở Tư pháp"),
    ("STC", "Sở Tài chính", "Tài chính", "Giám đốc Sở Tài chính"),
    ("BCHQS", "Bộ Chỉ huy quân sự tỉnh", "Quân sự", "Chỉ huy trưởng Bộ Chỉ huy quân sự tỉnh"),
    ("BCHBP", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Biên phòng", "Chỉ huy trưởng Bộ Chỉ huy Bộ đội Biên phòng tỉnh"),
    ("DPTTH", "Đài Phát thanh - Truyền hình tỉnh", "Đài PT-TH", "Giám đốc Đài Phát thanh - Truyền hình tỉnh"),
    ("HLHTN", "Hội Liên hiệp Thanh niên Việt Nam tỉnh", "Hội LHTN", "Chủ tịch Hội Liên hiệp Thanh niên tỉnh"),
    ("HHDNT", "Hiệp hội Doanh nghiệp trẻ tỉnh Lào Cai", "DN trẻ", "Chủ tịch Hiệp hội Doanh nghiệp trẻ tỉnh"),
    ("CDLC", "Trường Cao đẳng Lào Cai", "CĐ Lào Cai", "Hiệu trưởng Trường Cao đẳng Lào Cai"),
    ("PHDHTN", "Phân hiệu Đại học Thái Nguyên tại Lào Cai", "Phân hiệu ĐHTN", "Giám đốc Phân hiệu"),
]


# The conclusion notice as the provincial office would issue it (reference file, Decree 30/2020).
NOTICE = {
    "issuer_parent": "UBND TỈNH LÀO CAI",
    "issuer": "VĂN PHÒNG",
    "number": "/TB-VPUBND",
    "place": "Lào Cai",
    "summary": ("Kết luận của Chủ tịch UBND tỉnh tại Chương trình đối thoại giữa Chủ tịch UBND tỉnh "
                "với thanh niên tỉnh Lào Cai năm 2024"),
    "chair": "đồng chí Trịnh Xuân Trường, Chủ tịch UBND tỉnh",
    "recipients": "\n".join([
        "Bộ Nội vụ", "TT: Tỉnh ủy, HĐND, UBND tỉnh", "Ủy ban MTTQ Việt Nam tỉnh", "Các sở, ban, ngành tỉnh",
        "Tỉnh đoàn Lào Cai", "UBND các huyện, thị xã, thành phố", "Báo Lào Cai, Đài PT-TH tỉnh", "Cổng TTĐT tỉnh",
    ]),
    "archive": "Lưu: VT, VX4",
    "signer_authority": "KT. CHÁNH VĂN PHÒNG",
    "signer_title": "PHÓ CHÁNH VĂN PHÒNG",
}


# The demo's polls (the issue's, on the plan's theme), prepared as drafts; the first is the poll item's.
POLLS = [
    {"text": "Bạn đã từng gặp lừa đảo trực tuyến chưa?", "kind": polls.SINGLE, "in_notice": True,
     "options": ["Đã từng, và bị mất tiền hoặc thông tin", "Đã từng, nhưng nhận ra kịp", "Chưa từng gặp"]},
    {"text": "Bạn lấy tin tức chủ yếu từ đâu?", "kind": polls.MULTIPLE, "max_choices": 2,
     "options": ["Mạng xã hội (Facebook, Zalo, TikTok...)", "Báo điện tử, trang tin chính thống",
                 "Truyền hình, phát thanh", "Cổng thông tin điện tử tỉnh", "Bạn bè, người thân"]},
    {"text": "Bạn đánh giá mức độ an toàn của môi trường mạng hiện nay?", "kind": polls.SCALE,
     "options": ["Rất không an toàn", "Không an toàn", "Bình thường", "An toàn", "Rất an toàn"]},
]

CHAIR = "Đồng chí Chủ tịch UBND tỉnh"
# The programme of the day as the plan sets it out (II.2, V.2, V.7, V.9), from 08:00. The quick figures
# and the honourees are made up for the demo: the plan names what they are, not who or how many.
PROGRAMME = [
    {"kind": programme.PERFORMANCE, "title": "Văn nghệ chào mừng", "presenter": "Tỉnh đoàn Lào Cai",
     "planned_start": "08:00", "duration": 10},
    {"kind": programme.OPENING, "title": "Phát biểu khai mạc", "presenter": CHAIR, "duration": 10},
    {"kind": programme.VIDEO, "title": "Phóng sự “Thanh niên và những tác động từ môi trường mạng”",
     "presenter": "Đài Phát thanh - Truyền hình tỉnh", "duration": 8},
    {"kind": programme.FIGURES, "title": "Thông tin nhanh về quản lý nhà nước về thanh niên năm 2023",
     "presenter": "Sở Nội vụ", "duration": 7, "figures": [
         {"value": "186.500", "label": "thanh niên từ 16 đến 30 tuổi trên địa bàn tỉnh"},
         {"value": "9.200", "label": "thanh niên được giải quyết việc làm"},
         {"value": "6.450", "label": "thanh niên được đào tạo nghề"},
         {"value": "1.320", "label": "buổi tuyên truyền, phổ biến pháp luật cho thanh niên"},
         {"value": "87%", "label": "thanh niên được tiếp cận thông tin về an toàn trên mạng"}]},
    *({"kind": programme.DIALOGUE, "title": f"Đối thoại: {topic['name']}", "topic": topic["name"],
       "presenter": f"{CHAIR} và lãnh đạo các sở, ngành", "duration": 20, "asking": True} for topic in TOPICS),
    {"kind": programme.POLL, "title": "Thăm dò ý kiến: lừa đảo trực tuyến", "duration": 5},
    {"kind": programme.AWARDS, "title": "Chủ tịch UBND tỉnh tặng quà thanh niên tiêu biểu", "presenter": CHAIR,
     "duration": 10, "honourees": [
         {"name": "Lò Văn Tâm", "unit": "Đoàn Thanh niên xã Tả Van, thị xã Sa Pa"},
         {"name": "Nguyễn Thị Hồng Nhung", "unit": "Trường Cao đẳng Lào Cai"},
         {"name": "Vàng Seo Chính", "unit": "Hợp tác xã chè Bản Liền, huyện Bắc Hà"},
         {"name": "Trần Quốc Huy", "unit": "Phòng An ninh mạng, Công an tỉnh"},
         {"name": "Hoàng Thị Mai Anh", "unit": "Phân hiệu Đại học Thái Nguyên tại Lào Cai"},
         {"name": "Giàng Seo Páo", "unit": "Đồn Biên phòng Y Tý, huyện Bát Xát"}]},
    {"kind": programme.CLOSING, "title": "Phát biểu kết luận, bế mạc", "presenter": CHAIR, "duration": 15},
]


def dialogue_day(today, plan_notice_days):
    """The date of a demo created `today`: its plan due DAYS_TO_PLAN_NOTICE days later."""
    return (today + timedelta(days=DAYS_TO_PLAN_NOTICE + plan_notice_days)).isoformat()


def ensure(store, day):
    """Create the demo event if it is missing, its dialogue on the ISO date `day` (the plan's year in
    its title and notice becomes that day's); returns (event, created)."""
    existing = store.event_by_code(CODE)
    if existing:
        return existing, False
    agencies = [{"code": c, "name": n, "short_name": s, "head_title": h} for c, n, s, h in AGENCIES]

    def dated(text):
        return text.replace(f"năm {PLAN_DAY[:4]}", f"năm {day[:4]}")

    try:
        events.create(store, "system", CODE, topics=TOPICS, agencies=agencies,
                      **{**EVENT, "date": day, "title": dated(EVENT["title"])})
    except Conflict:  # another process created it first
        return store.event_by_code(CODE), False
    notice = {**NOTICE, "summary": dated(NOTICE["summary"])}
    event = events.update_notice(store, "system", CODE, notice, attendees=300)
    return prepare_programme(store, event), True


def prepare_programme(store, event):
    """The plan's programme and the demo's polls (drafts), the first poll on the poll item."""
    made = [polls.create(store, "system", event, poll) for poll in POLLS]
    items = [{**item, "poll_id": made[0]["id"]} if item["kind"] == programme.POLL else item for item in PROGRAMME]
    return programme.replace(store, "system", event, items)


def import_proposals(store):
    """The sample proposals into the demo event, pending for the moderators; a second time adds
    nothing. -> {"added": [questions], "already": n}."""
    table = intake.read(PROPOSALS.read_bytes())
    return intake.run(store, store.event_by_code(CODE), "system", table, questions.DISTRICT,
                      filename=PROPOSALS.name)


# The demo's province, and two local dialogues of the 2024 plan's three tiers (V.10): each district
# and town held its own before the province's, and sent upward what it could not resolve.
PROVINCE = ("lao-cai", "Tỉnh Lào Cai", areas.PROVINCE)
LOCAL = [
    {"area": ("huyen-bat-xat", "Huyện Bát Xát", "district"), "code": "bat-xat-2024", "days_before": 10,
     "title": "Đối thoại giữa Chủ tịch UBND huyện Bát Xát với thanh niên năm {year}",
     "venue": "Hội trường UBND huyện Bát Xát", "chair": "Chủ tịch UBND huyện Bát Xát", "questions": [
         ("Thôn bản vùng cao của em sóng điện thoại và Internet còn yếu, huyện có kế hoạch phủ sóng không?",
          "Thanh niên xã Y Tý", "Huyện đã làm việc với các nhà mạng; trong năm phủ sóng thêm 12 thôn.", False),
         ("Thanh niên đi làm ăn xa hay bị lừa đảo qua mạng, huyện có lớp tập huấn nhận biết lừa đảo không?",
          "Thanh niên xã Bản Vược", "Huyện đoàn phối hợp Công an huyện tập huấn tại các xã trong quý II.", False),
         ("Đề nghị có chính sách hỗ trợ thanh niên vay vốn, học thương mại điện tử để bán nông sản qua mạng.",
          "Thanh niên xã Mường Hum", "Vượt thẩm quyền của huyện, đề nghị chuyển lên UBND tỉnh.", True),
         ("Khi bị lộ thông tin cá nhân trên mạng xã hội, thanh niên báo cho cơ quan nào để được hỗ trợ nhanh?",
          "Thanh niên thị trấn Bát Xát", None, False)]},
    {"area": ("thi-xa-sa-pa", "Thị xã Sa Pa", "town"), "code": "sa-pa-2024", "days_before": 7,
     "title": "Đối thoại giữa Chủ tịch UBND thị xã Sa Pa với thanh niên năm {year}",
     "venue": "Hội trường UBND thị xã Sa Pa", "chair": "Chủ tịch UBND thị xã Sa Pa", "questions": [
         ("Hướng dẫn viên du lịch trẻ bị giả mạo trang Facebook để lừa khách, thị xã hỗ trợ xử lý thế nào?",
          "Thanh niên phường Sa Pa", "Công an thị xã tiếp nhận tố giác và đề nghị gỡ các trang giả mạo.", False),
         ("Thị xã có điểm truy cập Internet miễn phí cho thanh niên ở các xã không?",
          "Thanh niên xã Tả Van", "Thị xã lắp wifi miễn phí tại nhà văn hóa các xã trong năm nay.", False),
         ("Đề nghị xây dựng trang thông tin chính thống quảng bá du lịch cộng đồng do thanh niên dân tộc làm chủ.",
          "Thanh niên xã Bản Hồ", "Cần nguồn lực của tỉnh, đề nghị chuyển lên UBND tỉnh.", True),
         ("Thanh niên muốn học kỹ năng an toàn trên mạng thì đăng ký ở đâu?", "Thanh niên xã Thanh Bình",
          None, False)]},
]


def place(store, today):
    """The demo event held in its province, and the two local dialogues that feed it, closed, held
    days before `today` (a date); each made once."""
    province = _area(store, None, PROVINCE)
    if store.event_by_code(CODE) and store.event_by_code(CODE)["area_id"] is None:
        events.update(store, "system", CODE, area=province["code"])
    for local in LOCAL:
        if store.event_by_code(local["code"]) is None:
            try:
                _local_dialogue(store, local, today - timedelta(days=local["days_before"]))
            except Conflict:  # another process made it first
                pass


def _area(store, parent, values):
    code, name, level = values
    return store.area_by_code(code) or areas.create(store, "system", code, name, level, parent=parent, past=True)


def _local_dialogue(store, local, day):
    """A local dialogue as it stands once closed: some questions answered on the spot, one answered
    as needing the province, one not reached."""
    with store.transaction():
        area = _area(store, PROVINCE[0], local["area"])
        parent = CODE if store.event_by_code(CODE) else None
        event = events.create(store, "system", local["code"], title=local["title"].format(year=day.year),
                              date=day.isoformat(), venue=local["venue"], requires_approval=True,
                              area=area["code"], parent=parent)
        event = events.set_phase(store, "system", event["code"], events.LIVE)
        for text_value, author, said, needs_province in local["questions"]:
            question, _ = questions.submit(store, event, None, text_value, author=author, approve=True,
                                           channel=questions.ONSITE, district=area["name"])
            if said:
                answers.record(store, question["id"], "system", event, answered_by=local["chair"], summary=said,
                               follow_up=needs_province)
        return events.set_phase(store, "system", event["code"], events.CLOSED)
