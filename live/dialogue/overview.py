"""The province's overview (the Department of Home Affairs, the provincial Youth Union): every dialogue
of a year by level and area, with its counts and its statutory steps; each area and whether it has
held this year's dialogue; and, per agency across the dialogues, what it was given to answer in
writing, answered and let run late. An organizer sees the events it organizes (users.organizes) and
the areas within its own. No Flask: the caller passes `today`, the settings and the time zone."""
from . import deadlines, events, followup, policy, reminders, users
from ..errors import Invalid, N_

DONE, DUE, LATE = "done", "due", "late"  # a statutory step's state
# The milestones' states as the overview reads them: a step missed or done after its date is late.
STATE = {deadlines.DONE: DONE, deadlines.LATE: LATE, deadlines.PAST: LATE, deadlines.TODAY: DUE,
         deadlines.FUTURE: DUE}
STEPS = ("plan", "conclusion", "written")  # the steps the law sets around a dialogue (deadlines.LABELS)
YEARS = (2000, 2100)
COUNTS = ("questions", "answered_on_spot", "forwarded", "answered_in_writing", "to_answer_in_writing", "overdue")


def clean_year(value, today):
    """The year asked for (`?year=`), this year when none."""
    if value in (None, ""):
        return today.year
    try:
        year = int(value)
    except (TypeError, ValueError):
        year = None
    if year is None or not YEARS[0] <= year <= YEARS[1]:
        raise Invalid(N_("Năm phải là một số từ %(low)s đến %(high)s."), low=YEARS[0], high=YEARS[1])
    return year


def visible_events(store, user, year):
    """The events dated in `year` that `user` organizes."""
    return [event for event in store.events_of_year(year) if users.organizes(store, user, event)]


def build(store, user, year, today, config, zone):
    """{year, dialogues, areas, agencies, totals} for `user` (see the functions below)."""
    found = visible_events(store, user, year)
    rows = {event["id"]: [] for event in found}
    for question in store.overview_questions(list(rows)):
        rows[question["event_id"]].append(question)
    published = deadlines.plans_published(store, found, zone)
    areas = {area["id"]: area for area in store.areas()}
    places = _area_views(store, areas)
    dialogues, agencies = [], {}
    for event in found:
        items = _items(event, rows[event["id"]], today, config["LIVE_WRITTEN_ANSWER_DAYS"])
        for item in items:
            followup.tally(agencies, item)
        dialogues.append(dialogue(event, rows[event["id"]], items, places.get(event["area_id"]),
                                  deadlines.with_settings(event, today, items, config, published[event["id"]])))
    return {"year": year, "dialogues": dialogues, "areas": area_rows(user, found, areas, places),
            "agencies": sorted(agencies.values(), key=lambda row: (-row[followup.OVERDUE], row["name"], row["agency"])),
            "totals": {name: sum(row[name] for row in dialogues) for name in COUNTS}}


def _items(event, questions, today, default_days):
    """followup.items of the event, from its overview rows."""
    return [followup.item(event, question, question["written"] or None, today, default_days)
            for question in questions
            if policy.is_public(question) and followup.owes_writing(question, question["follow_up"])]


def dialogue(event, questions, items, area, milestones):
    """One dialogue: its place, date, phase, counts (COUNTS) and statutory steps [{key, date (the
    deadline), done_on (the plan's publication, the notice's date; None), state: done | due | late}]."""
    public = [question for question in questions if policy.is_public(question)]
    counts = {
        "questions": len(questions),  # every one received, as the conclusion notice counts them
        "answered_on_spot": sum(question["status"] == policy.ANSWERED for question in public),
        "forwarded": sum(bool(question["sent_up"]) for question in questions),  # to the dialogue above
        "answered_in_writing": sum(bool(question["written"]) for question in public),
        "to_answer_in_writing": len(items),
        "overdue": sum(item["status"] == followup.OVERDUE for item in items),
    }
    steps = [{"key": row["key"], "date": row["date"].isoformat(), "period": row["period"],
              "done_on": row["issued"].isoformat() if row.get("issued") else None, "state": STATE[row["state"]]}
             for row in milestones if row["key"] in STEPS]
    return {"code": event["code"], "title": event["title"], "date": event["date"], "phase": event["phase"],
            "area": area, **counts, "steps": steps}


def _area_views(store, areas):
    """{area id: {code, name, level, level_name, parent}} for the active `areas` (as areas.view shows one)."""
    levels = {level["code"]: level["name"] for level in store.levels()}
    return {area["id"]: {"code": area["code"], "name": area["name"], "level": area["level"],
                         "level_name": levels[area["level"]],
                         "parent": areas[area["parent_id"]]["code"] if area["parent_id"] in areas else None}
            for area in areas.values()}


def area_rows(user, found, areas, places):
    """A row per area `user` may see (every one, or its own and those within), the province first and
    each area after the one it lies in: the area, `held` (a dialogue of the year that is not a draft)
    and the codes of its dialogues of the year."""
    own = user["area_id"]

    def path(area):
        chain = [area]
        while chain[0]["parent_id"] in areas and len(chain) < 8:  # bounded: areas nest three deep at most
            chain.insert(0, areas[chain[0]["parent_id"]])
        return chain

    rows = []
    for area in sorted(areas.values(), key=lambda a: [(step["name"], step["id"]) for step in path(a)]):
        if own is not None and own not in [step["id"] for step in path(area)]:
            continue
        held_here = [event for event in found if event["area_id"] == area["id"]]
        rows.append({**places[area["id"]], "depth": len(path(area)) - 1,
                     "held": any(event["phase"] != events.DRAFT for event in held_here),
                     "dialogues": [event["code"] for event in held_here]})
    return rows


def remind(store, user, year, agency_code, actor, config, today, gettext, link):
    """E-mail the agency `agency_code` its open items, dialogue by dialogue, through reminders.remind
    (one e-mail per dialogue that still awaits its answers); `link(event)` is the agency page's
    address. -> the outcomes of the dialogues where it owes something."""
    outcomes = []
    for event in visible_events(store, user, year):
        agencies = [agency for agency in store.agencies(event["id"], active_only=False)
                    if agency["code"] == agency_code]
        if agencies:
            outcomes += [outcome for outcome in reminders.remind(store, event, agencies, actor, config, today,
                                                                  gettext, link(event))
                         if outcome["status"] != reminders.NOTHING_OPEN]
    return outcomes
