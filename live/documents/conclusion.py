"""The conclusion notice (thông báo kết luận) drafted from what the moderators logged.

``draft(store, event, today, default_days)`` returns the notice dict that ``notice_layout.layout`` lays
out for the DOCX (notice_docx) and the print page. It works at any moment, mid-session
included: what is answered so far goes under "Nội dung trao đổi, trả lời", everything
approved and not answered yet under "Các ý kiến trả lời bằng văn bản".

Rules the draft keeps:
- Every answered question appears exactly once in full, in the topics section. An answer
  that covered several questions (answer_question) is one item listing those questions
  together, so its answers and direction are not repeated.
- Questions still to answer in writing appear in full in the written section. The one
  exception to "written = not answered": a question answered on the spot with `follow_up`
  also has to be answered in writing; it is listed there by reference to the point of
  section II where it stands in full ("Trả lời bổ sung bằng văn bản nội dung tại điểm II.2:
  “first words…”"), so its full text still appears only once in the document.
- Pending and rejected questions never appear (they only count in the figures).
- The opening says when the dialogue ran: from the programme's first actual start to its last actual
  end once the programme has run, else the event's day. Each poll the organizer puts in the notice
  (in_notice) that someone answered adds a sentence after the figures (poll_text.sentence).
"""
import json

from ..dialogue import events, followup, labels, policy, proceedings, questions
from . import conclusion_closing as closing, poll_text
from ..text.dates import local, official_clock, official_day, parse_day

UNASSIGNED_AGENCY = "cơ quan, đơn vị liên quan (chưa phân công cơ quan trả lời)"
# The topics section is always the second one when there is anything answered: the
# renderer numbers "I. Ý kiến đánh giá chung" first and drops empty sections.
TOPICS_SECTION = "II"
EXCERPT_WORDS = 10


def draft(store, event, today, default_days, zone):
    """The notice dict (its keys in notice_docx.render), as things stand now; times in `zone` (a ZoneInfo)."""
    fields = events.notice(event)
    days = followup.written_days(event, default_days)
    agencies = store.agencies(event["id"], active_only=False)
    agency_names = {agency["id"]: agency["name"] for agency in agencies}
    agency_order = {agency["id"]: index for index, agency in enumerate(agencies)}
    agency_codes = {agency["code"]: agency for agency in agencies}

    every_question = store.questions(event["id"])
    answered = [q for q in every_question if q["status"] == questions.ANSWERED]
    spoken = store.answers([q["id"] for q in answered])
    written_items = followup.items(store, event, today, default_days)

    topics, item_points = _topics(store, event, answered, spoken, agency_codes)
    answer_ids = {answer["id"] for logged in spoken.values() for answer in logged}
    commitments = [c for c in store.commitments(event["id"]) if c["answer_id"] in answer_ids]

    day = parse_day(fields["date"])
    event_day = parse_day(event["date"])
    own_organisation = _paragraphs(fields["organisation"])
    # The date the default organisation paragraph asks agencies to report by.
    report_due = None if own_organisation else followup.written_due(event, default_days)
    return {
        "issuer_parent": fields["issuer_parent"],
        "issuer": fields["issuer"],
        "number": fields["number"],
        "place": fields["place"],
        "date": day,
        "year": None if day else (event_day or today).year,
        "summary": fields["summary"] or _default_summary(event),
        "opening": _paragraphs(fields["opening"]) or _opening(event, fields, _when(event, store, zone)),
        "figures": _figures(event, every_question, answered, written_items),
        "polls": poll_text.notice_sentences(proceedings.poll_records(store, event, policy.MODERATOR)),
        "assessment": _paragraphs(fields["assessment"]),
        "topics": topics,
        "assignments": _assignments(commitments),
        "written": _written(written_items, item_points, agency_names, agency_order, days),
        "organisation": own_organisation or closing.organisation(fields, agencies, days, report_due),
        "report_due": report_due,
        "recipients": closing.recipients(fields["recipients"], closing.involved(
            every_question, spoken, commitments, written_items, agency_codes, agencies)),
        "archive": fields["archive"],
        "signer_authority": fields["signer_authority"],
        "signer_title": fields["signer_title"],
        "signer_name": fields["signer_name"],
    }


def early_deadlines(notice, today):
    """The deadlines a draft sets before its own date (before today when the date is left blank,
    to be written when signed): the notice would ask for work already overdue on the day it is
    issued. -> [{"kind": "written" | "task" | "report", "due": date, "agency": str, "task": str}],
    earliest first."""
    issued = notice["date"] or today
    found = [{"kind": "written", "due": group["due"], "agency": group["agency"], "task": ""}
             for group in notice["written"]]
    found += [{"kind": "task", "due": task["due"], "agency": assignment["agency"], "task": task["text"]}
              for assignment in notice["assignments"] for task in assignment["tasks"]]
    found.append({"kind": "report", "due": notice["report_due"], "agency": "", "task": ""})
    return sorted((item for item in found if item["due"] and item["due"] < issued), key=lambda item: item["due"])


# --------------------------------------------------------------------------- pieces

def _paragraphs(value):
    """Organizer text: one paragraph a line, blank lines dropped."""
    return [line.strip() for line in (value or "").split("\n") if line.strip()]


def _default_summary(event):
    return f"Kết luận của Chủ tịch UBND tỉnh tại {_lower_first(event['title'])}"


def _lower_first(title):
    """The event's title inside a sentence: "Đối thoại giữa ..." becomes "Chương trình đối thoại
    giữa ...", "Chương trình ..." stays, "Buổi/Hội nghị ..." lose their capital; others are quoted."""
    title = " ".join((title or "").split())
    first = title.split(" ", 1)[0].casefold()
    if first == "đối":
        return "Chương trình " + title[:1].lower() + title[1:]
    if first == "chương":
        return title
    if first in ("buổi", "hội"):
        return title[:1].lower() + title[1:]
    return f"Chương trình “{title}”"


def _when(event, store, zone):
    """When the dialogue ran: "Ngày 26/3/2024, từ 8 giờ 03 đến 11 giờ 10", from the programme's first
    actual start to its last actual end once it has run (the start alone while it runs); else the
    event's day (or nothing when it has none)."""
    ran = proceedings.ran(store, event, zone)
    if ran["started_at"]:
        span = f"từ {official_clock(ran['started_at'], zone)}"
        span += f" đến {official_clock(ran['ended_at'], zone)}" if ran["ended_at"] else ""
        return [f"Ngày {official_day(local(ran['started_at'], zone).date())}", span]
    day = parse_day(event["date"])
    return [f"Ngày {official_day(day)}"] if day else []


def _opening(event, fields, when):
    parts = list(when)
    if event["venue"]:
        parts.append(f"tại {event['venue'].strip()}")
    chair = fields["chair"].strip() or "Chủ tịch UBND tỉnh"
    lead = ", ".join(parts)
    sentence = f"{lead}, {chair}" if lead else chair[:1].upper() + chair[1:]
    sentence += f" chủ trì {_lower_first(event['title'])}"
    if event["theme"]:
        sentence += f" với chủ đề “{event['theme'].strip()}”"
    sentence += "."
    attendees = event["attendees"]
    if attendees:
        sentence += (" Tham dự có lãnh đạo các sở, ban, ngành, đơn vị liên quan và "
                     f"{attendees} đại biểu thanh niên trên địa bàn tỉnh.")
    else:
        sentence += " Tham dự có lãnh đạo các sở, ban, ngành, đơn vị liên quan và đại biểu thanh niên."
    return [sentence, "Kết quả tiếp nhận, trả lời câu hỏi, ý kiến của thanh niên tại buổi đối thoại:"]


def _figures(event, every_question, answered, written_items):
    """[label, value] lines. Received = every question submitted, whatever became of it."""
    counts = {status: 0 for status in questions.STATUSES}
    for question in every_question:
        counts[question["status"]] += 1
    received = len(every_question)
    follow_ups = sum(1 for item in written_items if item["question"]["status"] == questions.ANSWERED)
    figures = []
    if event["attendees"]:
        figures.append(["Số đại biểu thanh niên tham dự", str(event["attendees"])])
    figures.append(["Số câu hỏi, ý kiến nhận được", f"{received} ({_by_channel(every_question)})"])
    figures.append(["Số câu hỏi, ý kiến được chọn đưa vào đối thoại",
                    str(counts[questions.APPROVED] + counts[questions.ANSWERED])])
    if counts[questions.PENDING]:
        figures.append(["Số câu hỏi, ý kiến đang chờ xem xét", str(counts[questions.PENDING])])
    if counts[questions.REJECTED]:
        figures.append(["Số câu hỏi, ý kiến trùng lặp hoặc không phù hợp", str(counts[questions.REJECTED])])
    figures.append(["Trả lời trực tiếp tại buổi đối thoại", str(len(answered))])
    to_write = str(len(written_items))
    if follow_ups:
        to_write += f" (trong đó {follow_ups} câu hỏi đã trả lời trực tiếp, cần trả lời bổ sung)"
    figures.append(["Giao cơ quan chức năng trả lời bằng văn bản", to_write])
    return figures


def _by_channel(every_question):
    """"gửi qua điện thoại tại hội trường: 8; qua báo chí: 2": each channel that brought questions,
    in the order of questions.CHANNELS (the phones in the hall, with 0, when none came)."""
    counts = {channel: 0 for channel in questions.CHANNELS}
    for question in every_question:
        counts[question["channel"]] = counts.get(question["channel"], 0) + 1
    parts = [f"{labels.CHANNEL_PHRASE.get(channel, channel)}: {count}"
             for channel, count in counts.items() if count]
    return "; ".join(parts) or f"{labels.CHANNEL_PHRASE[questions.ONSITE]}: 0"


def _clusters(answered, spoken):
    """Answered questions joined when one answer covers several: lists of questions, each list
    in the order asked, the lists in the order they were first answered."""
    parent = {q["id"]: q["id"] for q in answered}

    def root(qid):
        while parent[qid] != qid:
            parent[qid] = parent[parent[qid]]
            qid = parent[qid]
        return qid

    covered = {}
    for qid, logged in spoken.items():
        for answer in logged:
            covered.setdefault(answer["id"], []).append(qid)
    for qids in covered.values():
        for other in qids[1:]:
            if other in parent and qids[0] in parent:
                parent[root(other)] = root(qids[0])
    groups = {}
    for question in answered:
        groups.setdefault(root(question["id"]), []).append(question)

    def first_answer(group):
        ids = [a["id"] for q in group for a in spoken.get(q["id"], [])]
        return (min(ids) if ids else float("inf"), group[0]["id"])
    return sorted(groups.values(), key=first_answer)


def _topics(store, event, answered, spoken, agency_codes):
    """Topics in the event's order (then "Nội dung khác"), each with its answered items; and
    for each answered question, where it stands ("điểm II.2"). When no answered question has a
    topic, one topic with no name: its items are listed under section II without a lone
    "1. Nội dung khác" heading."""
    order = {}
    for topic in sorted(store.topics(event["id"], active_only=False),
                        key=lambda t: (not t["active"], t["position"], t["id"])):
        order.setdefault(topic["name"], len(order))
    by_topic = {}
    for group in _clusters(answered, spoken):
        by_topic.setdefault(group[0]["topic"] or None, []).append(group)
    names = sorted(by_topic, key=lambda name: order.get(name, len(order)) if name else len(order) + 1)
    untitled = names == [None]
    topics, points = [], {}
    for number, name in enumerate(names, start=1):
        items = []
        for group in by_topic[name]:
            items.append(_item(group, spoken, agency_codes))
            for question in group:
                points[question["id"]] = f"mục {TOPICS_SECTION}" if untitled else f"điểm {TOPICS_SECTION}.{number}"
        topics.append({"name": "" if untitled else name or events.OTHER_TOPIC, "items": items})
    return topics, points


def _item(group, spoken, agency_codes):
    if len(group) == 1:
        question, asker = group[0]["text"], group[0]["author"] or ""
    else:
        # One answer for several questions: they are listed together, each quoted once.
        question = "; ".join(f"“{q['text']}”" + (f" ({q['author']})" if q["author"] else "") for q in group)
        asker = ""
    seen, answers, directions = set(), [], []
    for q in group:
        for answer in spoken.get(q["id"], []):
            if answer["id"] in seen:
                continue
            seen.add(answer["id"])
            answers.append(_answer(answer, group, agency_codes))
            direction = (answer["direction"] or "").strip()
            if direction and direction not in directions:
                directions.append(direction)
    return {"question": question, "asker": asker, "answers": answers,
            "direction": _direction(" ".join(directions))}


def _answer(answer, group, agency_codes):
    speakers = json.loads(answer["speakers"]) if answer["speakers"] else []
    summary = (answer["summary"] or "").strip() or "Đã trả lời trực tiếp tại buổi đối thoại."
    if speakers:
        names = []
        for speaker in speakers:
            agency = agency_codes.get(speaker.get("agency") or "")
            name = speaker["name"]
            if agency and agency["name"].casefold() not in name.casefold():
                name = f"{name} ({agency['name']})"
            names.append(name)
        return {"speaker": ", ".join(names), "agency": "", "summary": summary}
    agency = answer["agency_name"] or next((q["agency_name"] for q in group if q["agency_name"]), "")
    return {"speaker": answer["answered_by"] or "", "agency": agency or "", "summary": summary}


def _direction(text):
    text = text.strip()
    if not text:
        return ""
    if text.casefold().startswith(("chủ tịch", "ý kiến chỉ đạo", "kết luận", "chỉ đạo")):
        return text
    return f"Ý kiến chỉ đạo: {text}"


def _assignments(commitments):
    """Commitments per agency, in the agencies' order (the query sorts them)."""
    grouped = {}
    for commitment in commitments:
        key = commitment["agency_id"]
        entry = grouped.setdefault(key, {"agency": commitment["agency_name"] or "", "tasks": []})
        task = {"text": commitment["what"], "due": parse_day(commitment["due"])}
        if task not in entry["tasks"]:
            entry["tasks"].append(task)
    return list(grouped.values())


def _excerpt(text):
    """The first words of a question, never the whole of it."""
    words = text.split()
    keep = min(EXCERPT_WORDS, len(words) - 1)
    if keep < 1:
        return ""
    return " ".join(words[:keep]).rstrip(",;:.") + "…"


def _written(items, points, agency_names, agency_order, days):
    """Questions to answer in writing, per agency and due date (agencies' order, unassigned last)."""
    groups = {}
    for item in items:
        question = item["question"]
        key = (question["agency_id"], item["due"] or "")
        group = groups.setdefault(key, {
            "agency": agency_names.get(question["agency_id"]) or UNASSIGNED_AGENCY,
            "due": parse_day(item["due"]),
            "due_text": "" if item["due"] else f"trong {days} ngày kể từ ngày đối thoại",
            "questions": [],
        })
        if question["status"] == questions.ANSWERED:
            excerpt = _excerpt(question["text"])
            where = points.get(question["id"], f"mục {TOPICS_SECTION}")
            text = f"Trả lời bổ sung bằng văn bản nội dung đã trao đổi tại {where}"
            text += f": “{excerpt}”" if excerpt else ""
            group["questions"].append({"question": text, "asker": ""})
        else:
            group["questions"].append({"question": question["text"], "asker": question["author"] or ""})
    ordered = sorted(groups.items(), key=lambda pair: (
        pair[0][0] is None, agency_order.get(pair[0][0], 10**6), pair[0][1]))
    return [group for _, group in ordered]
