"""The answer log: who answered (one or more people and agencies), a summary, the Chair's
direction and commitments (agency, what, due date). One answer may cover several questions.
Edits keep their history in the audit log."""
import json

from . import events, policy, questions
from .. import text
from ..errors import Invalid, NotFound, N_
from ..storage import now

SPEAKERS_MAX = 10
COMMITMENTS_MAX = 20


def record(store, question_id, actor, event, answered_by=None, summary=None, follow_up=False, agency=None,
           version=None, speakers=None, direction=None, commitments=(), also=()):
    """Log an answer to a public question (and the questions in `also`) and mark them answered, as
    the policy allows (answer, and answer_together for each of `also`)."""
    fields = _fields(store, event, answered_by, summary, follow_up, agency, speakers, direction)
    planned = clean_commitments(store, event, commitments)
    others = _question_ids(also, exclude=question_id)

    def decide(question):
        covered = [question] + [_groupable(store, other, question, event) for other in others]
        answer_id = store.insert_answer({
            **fields, "question_id": question["id"],
            "agency_id": fields["agency_id"] or question["agency_id"], "created_by": actor,
        }, [q["id"] for q in covered])
        store.replace_commitments(answer_id, planned)
        decide.grouped = covered[1:]
        return {"status": policy.ANSWERED}

    with store.transaction():
        changes = questions.act(store, question_id, actor, "question.answer", version, decide)
        for other in decide.grouped:
            changes.append(questions.apply(store, other, {"status": policy.ANSWERED}, actor, "question.answer"))
        return changes


def edit(store, answer_id, actor, event, given):
    """Correct a logged answer; the audit log keeps what it said before."""
    allowed = {"answered_by", "summary", "follow_up", "agency", "speakers", "direction", "commitments"}
    if not given or set(given) - allowed:
        raise Invalid(N_("Chỉ sửa được người trả lời, tóm tắt, chỉ đạo, cam kết và việc theo dõi."))
    with store.transaction():
        before = store.answer(answer_id)
        if before is None or _event_id(store, before) != event["id"]:
            raise NotFound(N_("Không tìm thấy câu trả lời."))
        before_view = describe(store, before)
        merged = {key: before_view[key] for key in ("answered_by", "summary", "follow_up", "direction")}
        merged.update({key: value for key, value in given.items() if key in merged})
        agency = given.get("agency", before["agency_code"])
        speakers = given.get("speakers", before_view["speakers"])
        fields = _fields(store, event, merged["answered_by"], merged["summary"], merged["follow_up"], agency,
                         speakers, merged["direction"])
        store.update_answer(answer_id, {**fields, "updated_at": now(), "updated_by": actor})
        if "commitments" in given:
            store.replace_commitments(answer_id, clean_commitments(store, event, given["commitments"]))
        after = store.answer(answer_id)
        store.append_audit(event["id"], actor, "answer.edit", before["question_id"], before_view,
                           describe(store, after))
        return [questions.apply(store, store.question(qid), {}, actor, "question.answer_edited")
                for qid in store.answered_question_ids(answer_id)]


def describe(store, answer):
    """An answer as the API, the minutes and the audit log show it."""
    event_id = _event_id(store, answer)
    commitments = [c for c in store.commitments(event_id) if c["answer_id"] == answer["id"]]
    return {
        "id": answer["id"],
        "question_ids": store.answered_question_ids(answer["id"]),
        "answered_by": answer["answered_by"],
        "speakers": json.loads(answer["speakers"]) if answer["speakers"] else [],
        "agency": answer["agency_code"],
        "summary": answer["summary"],
        "direction": answer["direction"] or "",
        "follow_up": bool(answer["follow_up"]),
        "commitments": [{"agency": c["agency_code"], "what": c["what"], "due": c["due"]} for c in commitments],
        "created_by": answer["created_by"], "created_at": answer["created_at"],
        "updated_by": answer["updated_by"], "updated_at": answer["updated_at"],
    }


def log(store, event):
    """The whole answer log of the event, oldest first: the minutes (biên bản), as their page, their live
    script (GET /api/v1/events/<code>/log) and the XLSX export show them. Each answer as `describe` gives
    it, with the `questions` it covers ({id, text, author}), who spoke (`spoken_by`: [{name, agency_name}];
    an older answer has one speaker, in answered_by and agency) and each commitment's `agency_name`."""
    names = {agency["code"]: agency["name"] for agency in store.agencies(event["id"], active_only=False)}
    asked = {q["id"]: {"id": q["id"], "text": q["text"], "author": q["author"]} for q in store.questions(event["id"])}
    return [_minutes_entry(describe(store, answer), asked, names) for answer in store.event_answers(event["id"])]


def _minutes_entry(answer, asked, names):
    def agency_name(code):
        return names.get(code, code) if code else ""

    speakers = answer["speakers"] or [{"name": answer["answered_by"], "agency": answer["agency"]}]
    return {
        **answer,
        "questions": [asked.get(qid, {"id": qid, "text": "", "author": None}) for qid in answer["question_ids"]],
        "spoken_by": [{"name": s["name"], "agency_name": agency_name(s.get("agency"))} for s in speakers],
        "commitments": [{**c, "agency_name": agency_name(c["agency"])} for c in answer["commitments"]],
    }


def _event_id(store, answer):
    return store.question(answer["question_id"])["event_id"]


def _fields(store, event, answered_by, summary, follow_up, agency, speakers, direction):
    speakers = clean_speakers(store, event, speakers)
    if not text.clean(answered_by) and speakers:
        answered_by = ", ".join(s["name"] for s in speakers)
    return {
        "answered_by": text.required(answered_by, text.SPEAKER_MAX, N_("Hãy ghi người trả lời."),
                                     N_("Tên người trả lời dài quá %(limit)s ký tự.")),
        "summary": text.optional(summary, text.SUMMARY_MAX, N_("Tóm tắt dài quá %(limit)s ký tự.")) or "",
        "direction": text.optional(direction, text.SUMMARY_MAX, N_("Chỉ đạo dài quá %(limit)s ký tự.")) or "",
        "follow_up": 1 if follow_up else 0,
        "agency_id": events.agency_id(store, event, agency) if agency else None,
        "speakers": json.dumps(speakers, ensure_ascii=False) if speakers else None,
    }


def clean_speakers(store, event, speakers):
    if not speakers:
        return []
    if not isinstance(speakers, list) or len(speakers) > SPEAKERS_MAX:
        raise Invalid(N_("Danh sách người trả lời không hợp lệ."))
    cleaned = []
    for speaker in speakers:
        if not isinstance(speaker, dict):
            raise Invalid(N_("Danh sách người trả lời không hợp lệ."))
        name = text.required(speaker.get("name"), text.SPEAKER_MAX, N_("Hãy ghi người trả lời."),
                             N_("Tên người trả lời dài quá %(limit)s ký tự."))
        agency = text.clean(speaker.get("agency")).upper() or None
        if agency:
            events.agency_id(store, event, agency)
        cleaned.append({"name": name, "agency": agency})
    return cleaned


def clean_commitments(store, event, commitments):
    if not commitments:
        return []
    if not isinstance(commitments, list) or len(commitments) > COMMITMENTS_MAX:
        raise Invalid(N_("Danh sách cam kết không hợp lệ."))
    cleaned = []
    for item in commitments:
        if not isinstance(item, dict):
            raise Invalid(N_("Danh sách cam kết không hợp lệ."))
        agency_id = events.agency_id(store, event, item.get("agency"))
        if agency_id is None:
            raise Invalid(N_("Mỗi cam kết cần một cơ quan chịu trách nhiệm."))
        cleaned.append({
            "agency_id": agency_id,
            "what": text.required(item.get("what"), text.COMMITMENT_MAX, N_("Hãy ghi nội dung cam kết."),
                                  N_("Nội dung dài quá %(limit)s ký tự.")),
            "due": events.clean_date(item.get("due")) if item.get("due") else None,
        })
    return cleaned


def _question_ids(values, exclude):
    if not values:
        return []
    if not isinstance(values, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) and 1 <= v < 2**63 for v in values):
        raise Invalid(N_("Danh sách câu hỏi gộp phải là các số."))
    return sorted(set(values) - {exclude})


def _groupable(store, question_id, first, event):
    """Another question of the same event that this answer also covers, as the policy allows."""
    other = store.question(question_id)
    if other is None or other["event_id"] != first["event_id"]:
        raise Invalid(N_("Câu hỏi gộp #%(id)s không có trong sự kiện này."), id=question_id)
    policy.require(policy.ANSWER_TOGETHER, other, event)
    return other

