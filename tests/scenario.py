"""A logged session, shared by the conclusion notice's and the exports' tests: topics, routing, two
speakers with a direction and commitments, one answer covering two questions, one answered with
follow-up, three approved but unanswered, one pending, one rejected (the `session` fixture)."""
from .helpers import act

T_LAW = "Chính sách, pháp luật về an ninh mạng"
T_PROTECT = "Bảo vệ thanh niên trên môi trường mạng"
T_RESPONSIBLE = "Trách nhiệm của thanh niên"

# name: (text, author, topic, agency routed to, fate)
QUESTIONS = {
    "scam": ("Thanh niên vùng cao thường bị lừa đảo qua mạng xã hội khi tìm việc làm; tỉnh có giải pháp "
             "gì để cảnh báo kịp thời?", "Nguyễn Văn An, Trường Cao đẳng Lào Cai", T_PROTECT, "CA", "answered"),
    "law": ("Luật An ninh mạng quy định thế nào về trách nhiệm của người đăng tin sai sự thật?",
            "Lò Thị Mai", T_LAW, "STP", "answered"),
    "skills": ("Đoàn thanh niên có tổ chức lớp kỹ năng an toàn trên mạng cho đoàn viên ở xã không?",
               "Vàng A Sử", T_RESPONSIBLE, "TINHDOAN", "answered"),
    "skills2": ("Em muốn tham gia đội tuyên truyền viên an toàn mạng thì đăng ký ở đâu?", None,
                T_RESPONSIBLE, None, "answered"),
    "jobs": ("Tỉnh có chương trình giới thiệu việc làm trực tuyến đáng tin cậy cho thanh niên không?",
             "Trần Minh Đức", None, "SLDTBXH", "answered"),
    "school": ("Đề nghị tăng thời lượng giáo dục kỹ năng số cho học sinh THPT vùng đặc biệt khó khăn.",
               "Hoàng Thị Lan", T_RESPONSIBLE, "SGDDT", "approved"),
    "sport": ("Khi nào nhà thi đấu tỉnh mở cửa miễn phí cho thanh niên vào buổi tối?", None,
              None, "SVHTT", "approved"),
    "unrouted": ("Có kế hoạch phủ sóng 4G cho các thôn bản còn lõm sóng không?", "Giàng Seo Phử",
                 T_PROTECT, None, "approved"),
    "pending": ("Câu hỏi này còn chờ duyệt, không được đưa vào thông báo", None, None, None, "pending"),
    "rejected": ("Câu hỏi này bị từ chối vì trùng lặp, không được đưa vào thông báo", None, None, None,
                 "rejected"),
}
ANSWERED = ("scam", "law", "skills", "skills2", "jobs")
WRITTEN = ("school", "sport", "unrouted")
ABSENT = ("pending", "rejected")

SCAM_CA = "Công an tỉnh đã lập kênh tiếp nhận tin báo lừa đảo trực tuyến 24/7 và phối hợp Tỉnh đoàn cảnh báo."
SCAM_TTTT = "Sở sẽ đăng cảnh báo hằng tuần trên Cổng thông tin điện tử tỉnh và trang của các huyện."
SCAM_DIRECTION = "Giao Công an tỉnh chủ trì, phối hợp Sở Thông tin và Truyền thông tuyên truyền tại các xã vùng cao."
SKILLS_ANSWER = "Tỉnh đoàn sẽ mở 20 lớp kỹ năng số ở các xã trong năm 2024; đăng ký qua Đoàn xã."
LAW_ANSWER = "Người đăng tin sai sự thật có thể bị xử phạt hành chính hoặc truy cứu trách nhiệm hình sự."
JOBS_ANSWER = "Sàn giao dịch việc làm trực tuyến của tỉnh hoạt động hằng tháng."
DUE_WRITTEN = "10/4/2024"  # 26/3/2024 + LIVE_WRITTEN_ANSWER_DAYS (15)


def ask_all(new_client, ask, names=tuple(QUESTIONS)):
    """Each question from its own phone (the per-attendee rate limit stays out of the way)."""
    made = {}
    for name in names:
        text, author, topic, _, _ = QUESTIONS[name]
        fields = {"author": author} if author else {}
        if topic:
            fields["topic"] = topic
        made[name] = ask(new_client(), text, **fields)
    return made


def moderate_all(moderator, made):
    """Approve, reject and route as QUESTIONS says (nothing answered yet)."""
    for name, question in made.items():
        fate, agency = QUESTIONS[name][4], QUESTIONS[name][3]
        if fate == "rejected":
            act(moderator, question["id"], "reject", reason="Trùng lặp")
        elif fate != "pending":
            act(moderator, question["id"], "approve")
            if agency:
                act(moderator, question["id"], "route", agency=agency)


def answer_all(moderator, made):
    ids = {name: question["id"] for name, question in made.items()}
    act(moderator, ids["scam"], "answer", speakers=[
        {"name": "Đại tá Nguyễn Văn Hải, Giám đốc Công an tỉnh", "agency": "CA"},
        {"name": "Ông Lê Minh Tuấn, Phó Giám đốc", "agency": "STTTT"},
    ], summary=f"{SCAM_CA} {SCAM_TTTT}", direction=SCAM_DIRECTION, commitments=[
        {"agency": "CA", "what": "Mở chuyên mục cảnh báo lừa đảo trực tuyến cho thanh niên", "due": "2024-06-30"},
        {"agency": "STTTT", "what": "Xây dựng chuyên trang thanh niên trên Cổng thông tin điện tử tỉnh",
         "due": "2024-09-30"},
        {"agency": "CA", "what": "Phối hợp Tỉnh đoàn tuyên truyền tại trường học"},
    ])
    act(moderator, ids["law"], "answer", answered_by="Giám đốc Sở Tư pháp", agency="STP", summary=LAW_ANSWER,
        follow_up=True)
    act(moderator, ids["skills"], "answer", answered_by="Bí thư Tỉnh đoàn", agency="TINHDOAN",
        summary=SKILLS_ANSWER, also=[ids["skills2"]], commitments=[
            {"agency": "TINHDOAN", "what": "Mở 20 lớp kỹ năng số cho đoàn viên ở xã", "due": "2024-12-31"}])
    act(moderator, ids["jobs"], "answer", answered_by="Giám đốc Sở Lao động - Thương binh và Xã hội",
        summary=JOBS_ANSWER)


def log_session(moderator, new_client, ask):
    """A realistic session: topics, routing, two speakers with a direction and commitments, one
    answer covering two questions, one answered with follow-up, three approved but unanswered,
    one pending, one rejected. Returns {name: question JSON}."""
    made = ask_all(new_client, ask)
    moderate_all(moderator, made)
    answer_all(moderator, made)
    return made


def question_text(name):
    """The text asked as QUESTIONS[name]."""
    return QUESTIONS[name][0]
