"""The closing of the conclusion notice, drafted (conclusion.draft): "Tổ chức thực hiện" (who reports
to whom, by when) and "Nơi nhận" (the organizer's recipients with every agency that has a part)."""
import json

from ..dialogue import policy
from ..text.dates import official_day

HOME_AFFAIRS = "Sở Nội vụ"
AS_ABOVE = "như trên"


def _home_affairs(agencies):
    for agency in agencies:
        if agency["code"] == "SNV" or "nội vụ" in agency["name"].casefold():
            return agency["name"]
    return HOME_AFFAIRS


def organisation(fields, agencies, days, due):
    when = f"trước ngày {official_day(due)}" if due else f"trong thời hạn {days} ngày kể từ ngày đối thoại"
    home = _home_affairs(agencies)
    paragraphs = [
        "Các cơ quan, đơn vị được giao nhiệm vụ tại Thông báo này khẩn trương triển khai thực hiện; "
        "trả lời bằng văn bản các câu hỏi, ý kiến được giao và báo cáo kết quả thực hiện bằng văn bản "
        f"gửi {home} {when} để tổng hợp.",
        f"{home} theo dõi, đôn đốc các cơ quan, đơn vị thực hiện; tổng hợp, báo cáo Chủ tịch UBND tỉnh "
        "kết quả thực hiện.",
    ]
    issuer = _issuer_name(fields)
    paragraphs.append(f"{issuer} thông báo để các cơ quan, đơn vị biết, thực hiện." if issuer
                      else "Thông báo để các cơ quan, đơn vị biết, thực hiện.")
    return paragraphs


def _issuer_name(fields):
    """"Văn phòng UBND tỉnh" for VĂN PHÒNG under UBND TỈNH ..., "UBND tỉnh" for the committee."""
    issuer = " ".join(fields["issuer"].split()).casefold()
    parent = " ".join(fields["issuer_parent"].split()).casefold()
    if issuer == "văn phòng" and ("ubnd" in parent or "ủy ban nhân dân" in parent):
        return "Văn phòng UBND tỉnh"
    if issuer.startswith(("ủy ban nhân dân", "ubnd")):
        return "UBND tỉnh"
    return ""


def involved(every_question, spoken, commitments, written_items, agency_codes, agencies):
    """Agencies with a part in the notice: routed a public question, answered, committed, or
    to answer in writing; in the agencies' order."""
    ids = set()
    for question in every_question:
        if question["status"] in policy.PUBLIC_STATUSES and question["agency_id"]:
            ids.add(question["agency_id"])
    for logged in spoken.values():
        for answer in logged:
            if answer["agency_id"]:
                ids.add(answer["agency_id"])
            if answer["speakers"]:
                for speaker in json.loads(answer["speakers"]):
                    agency = agency_codes.get(speaker.get("agency") or "")
                    if agency:
                        ids.add(agency["id"])
    ids.update(c["agency_id"] for c in commitments if c["agency_id"])
    ids.update(i["question"]["agency_id"] for i in written_items if i["question"]["agency_id"])
    return [agency["name"] for agency in agencies if agency["id"] in ids]


def _key(line):
    return " ".join(line.strip(" -–—•+;.,").split()).casefold()


def recipients(organizer_text, involved):
    """The organizer's lines with the involved agencies by full name: in place of a "Như trên"
    line if there is one, else after the organizer's lines; no name twice."""
    lines = [line.strip(" -–—•+;.") for line in (organizer_text or "").split("\n")]
    lines = [line for line in lines if line]
    result, seen = [], set()

    def add(line):
        if _key(line) not in seen:
            seen.add(_key(line))
            result.append(line)

    organizer_keys = {_key(line) for line in lines}
    agencies = [name for name in involved if _key(name) not in organizer_keys]
    placed = False
    for line in lines:
        if _key(line) == AS_ABOVE and not placed:
            for name in agencies:
                add(name)
            placed = True
        elif _key(line) != AS_ABOVE:
            add(line)
    if not placed:
        for name in agencies:
            add(name)
    return result
