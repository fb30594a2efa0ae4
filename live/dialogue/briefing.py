"""The briefing pack (tổng hợp ý kiến, kiến nghị của thanh niên): before the day, the youth's proposals gathered
from phones, the web form, the district unions, the portal and the press, grouped by theme and by
the agency that answers, with where they came from, so that the Chairman and each agency head can
prepare (the plan, V.1: the Department of Home Affairs groups them "theo nhóm vấn đề").

What is counted: every proposal received that the pack holds, one each, by its own channel, district
and youth group: each public question (approved or answered, not merged into another) and each
approved question a moderator merged into one of them. Pending and rejected questions, merged or not,
and those merged into a question that is not public, are neither listed nor counted.

Questions forwarded from local dialogues (forwarding.py) are proposals like the others, listed and
counted with them (their area is their district), each with where it came from; `forwarded` counts and
lists them by area. The polls someone answered follow, with their results (proceedings.poll_records), as the reader may see them.

Pure data: ``pack`` returns plain dicts and lists (JSON as is); briefing_docx and the page present it.
"""
from collections import Counter

from . import events, forwarding, labels, policy, proceedings, questions
from ..text import search_text
from ..errors import N_

UNASSIGNED = N_("Chưa phân công")
UNKNOWN = N_("Chưa rõ")
ORIGIN_KEYS = ("channel_detail", "unit", "district", "youth_group")


def pack(store, event, agency_id=None):
    """The pack of `event`: the whole of it, or with `agency_id` that agency's part only."""
    rows = store.questions(event["id"])
    heads = [q for q in rows if policy.is_public(q) and in_part(q, agency_id)]
    # what the hall may see under each: the same rule as the attendee page (policy.can_see)
    under = questions.merged_under(store, [q["id"] for q in heads], policy.PUBLIC)
    came = forwarding.received(store, event)
    items = questions.ranked([_item(q, under.get(q["id"], []), came) for q in heads])
    agencies = store.agencies(event["id"], active_only=False)
    topics = [topic["name"] for topic in store.topics(event["id"], active_only=False)]
    agency = next((a for a in agencies if a["id"] == agency_id), None) if agency_id else None
    return {
        "event": {key: event[key] for key in ("code", "title", "theme", "date", "venue")},
        "agency": _agency(agency) if agency else None,
        "counts": counts(items),
        "forwarded": forwarded(items),
        "themes": _groups(items, lambda item: item["topic"], topics,
                          lambda name: {"label": name or events.OTHER_TOPIC}),
        "agencies": _groups(items, lambda item: item["agency"] and item["agency"]["code"],
                            [a["code"] for a in agencies], _agency_label({a["code"]: a for a in agencies})),
        "polls": proceedings.answered(proceedings.poll_records(
            store, event, policy.Viewer(agency_id=agency_id) if agency_id else policy.MODERATOR)),
    }


def in_part(question, agency_id):
    """Whether the question belongs to the part asked for: any, for the whole pack; for an agency,
    one routed to it that the one visibility rule (policy.can_see) lets the agency see."""
    if agency_id is None:
        return True
    return (question["agency_id"] == agency_id
            and policy.can_see(question, policy.Viewer(agency_id=agency_id)))


def _proposal(question, came):
    """One proposal as received: its text, who sent it and from where (`came`: forwarding.received)."""
    group = question["youth_group"]
    return {
        "id": question["id"], "text": question["text"], "author": question["author"],
        "channel": question["channel"], "channel_label": labels.CHANNEL_PHRASE.get(question["channel"]),
        **{key: question[key] for key in ORIGIN_KEYS},
        "youth_group_label": questions.YOUTH_GROUPS.get(group) if group else None,
        "forwarded": came.get(question["id"]),
    }


def _item(question, merged, came):
    return {**_proposal(question, came), "votes": question["votes"], "status": question["status"],
            "topic": question["topic"], "agency": questions.agency_ref(question),
            "merged": [_proposal(row, came) for row in merged]}


def forwarded(items):
    """The proposals forwarded from local dialogues, by the area they came from (most first): how many
    in all, and per area its proposals."""
    proposals = [proposal for item in items for proposal in (item, *item["merged"]) if proposal["forwarded"]]
    grouped = {}
    for proposal in proposals:
        came = proposal["forwarded"]
        grouped.setdefault(came["area_name"] or came["source_event"], []).append(proposal)
    return {"proposals": len(proposals), "areas": [
        {"label": label, "count": len(found), "proposals": [
            {key: proposal[key] for key in ("id", "text", "author")} | {"forwarded": proposal["forwarded"]}
            for proposal in found]}
        for label, found in sorted(grouped.items(), key=lambda pair: (-len(pair[1]), pair[0]))]}


def _agency(agency):
    return {key: agency[key] for key in ("code", "name", "short_name", "head_title")}


def _agency_label(by_code):
    def label(code):
        agency = by_code.get(code)
        return {"label": agency["name"], "head_title": agency["head_title"]} if agency else {
            "label": UNASSIGNED, "head_title": None}
    return label


def _groups(items, key_of, order, describe):
    """Items grouped by key_of(item), groups in `order` then unknown keys then None; empty groups left out."""
    grouped = {}
    for item in items:
        grouped.setdefault(key_of(item), []).append(item)
    rank = {key: index for index, key in enumerate(order)}
    keys = sorted(grouped, key=lambda key: (key is None, rank.get(key, len(rank))))
    return [{"key": key, **describe(key), "questions": grouped[key], "counts": counts(grouped[key])}
            for key in keys]


def counts(items):
    """How many proposals (each question and those merged into it) per channel, district and youth group."""
    proposals = [proposal for item in items for proposal in (item, *item["merged"])]
    spelled = {}
    for proposal in proposals:  # a district as first written; "Bát Xát" and "bat xat" are one
        spelled.setdefault(search_text.fold(proposal["district"]) or None, proposal["district"])
    group_rank = {code: index for index, code in enumerate(questions.YOUTH_GROUPS)}
    return {
        "questions": len(items),
        "proposals": len(proposals),
        "channel": _tally([p["channel"] for p in proposals], labels.CHANNEL_PHRASE.get,
                          lambda key, count: questions.CHANNELS.index(key) if key in questions.CHANNELS else 99),
        "district": _tally([search_text.fold(p["district"]) or None for p in proposals],
                           lambda key: spelled[key] if key else UNKNOWN,
                           lambda key, count: (key is None, -count, key or "")),
        "youth_group": _tally([p["youth_group"] for p in proposals],
                              lambda key: questions.YOUTH_GROUPS.get(key, key) if key else UNKNOWN,
                              lambda key, count: group_rank.get(key, len(group_rank))),
    }


def _tally(keys, label, order):
    """[{key, label, count}] of the keys seen, sorted by order(key, count)."""
    counted = Counter(keys)
    return [{"key": key, "label": label(key), "count": count}
            for key, count in sorted(counted.items(), key=lambda pair: order(*pair))]
