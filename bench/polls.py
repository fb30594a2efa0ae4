"""The poll benchmark: python -m bench.polls [options] (make bench runs it after the hall benchmark).

2,000 phones answer one live poll within 10 s. The real server (run.py, eventlet, a fresh SQLite
file, the demo event) on 127.0.0.1; the phones are the hall benchmark's worker processes
(bench/attendees.py: each loads /e/demo, keeps its own attendee cookie, joins over Socket.IO); the
driver (this process) is the projector (joined as "screen"), the moderator (logged in: creates,
opens, reveals and closes the poll) and the phones' HTTP answers, each with that phone's cookie.

Phases, each on a new poll: "revealed" (the projector shows live bars: every `poll_results`
carries the counts) and "hidden" (not revealed: phones and projector get only the total). In each,
every phone answers once at its moment of the window (open loop), and one phone in ten changes its
answer once later on. Then: every answer counted once (the moderator's GET .../results and the
database against what the phones sent last), each answer's latency to the projector, the phones'
last results, the server's CPU and peak RSS. Prints the tables and writes
bench/results/<date>-polls.json. See bench/README.md.
"""
import argparse
import asyncio
import bisect
import datetime
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from itsdangerous import URLSafeSerializer

from .run import (HTTP_TIMEOUT, RESULTS, ROOT, SECRET_KEY, SETTLE_TIMEOUT, Round, _fmt, _machine_busy,
                  add_hall_options, machine, now, percentiles, phone_post, pin, raise_open_files_limit,
                  start_profiler, summarise_profile, table)

TARGETS = {"answer_screen_p99_ms": 250, "peak_rss_mb": 400}
POLL = {"text": "Bạn đã từng gặp lừa đảo trực tuyến chưa?", "kind": "single",
        "options": ["Chưa từng", "Một lần", "Vài lần", "Thường xuyên"]}
WEIGHTS = (4, 3, 2, 1)  # how the hall answers: bars of different lengths
GROUPS = ("Đoàn Thanh niên xã Bản Vược", "Đoàn trường THPT số 1", "Hội Sinh viên tỉnh", None)
DISTRICTS = ("Bát Xát", "Sa Pa", "Bảo Thắng", None)


class PollRound(Round):
    """One server, the hall connected once, then each poll phase."""

    def __init__(self, mode, args, workdir):
        super().__init__("app", mode, args, workdir)
        self.random = random.Random(args.seed)

    async def _scenarios(self):
        await self._login()
        await self._connect_hall()
        self.attendee_ids = [URLSafeSerializer(SECRET_KEY, salt="attendee").loads(c) for c in self.cookies]
        for name in self.args.phases:
            await self._poll_phase(name)

    async def _moderate(self, method, path, body=None):
        async with self.staff.request(method, self.server.url + path, json=body,
                                      timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT)) as r:
            found = await r.json(content_type=None)
            if r.status not in (200, 201):
                raise RuntimeError(f"{method} {path}: {r.status} {found}")
            return found

    async def _poll_phase(self, name):
        poll = await self._moderate("POST", "/api/v1/events/demo/polls", {**POLL, "text": f"{POLL['text']} ({name})"})
        self.poll_id = poll["id"]
        await self._moderate("POST", f"/api/v1/polls/{poll['id']}/open")
        if name == "revealed":
            await self._moderate("POST", f"/api/v1/polls/{poll['id']}/reveal")
        await self.workers.all(("reset",), timeout=60)
        screen_from = len(self.screen_polls)
        plan = self._plan([option["id"] for option in poll["options"]])
        http = aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar(),
                                     connector=aiohttp.TCPConnector(limit=self.args.http_connections),
                                     timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT))
        profile = self.workdir / f"profile-polls-{name}.txt"
        profiler = start_profiler(self.server.process.pid, self.args.window, profile) if self.args.profile else None
        cpu0, workers0, waited0, machine0 = self.server.cpu(), self.workers.cpu(), self.server.waited(), _machine_busy()
        driver0, started = sum(os.times()[:2]), now()
        answers = []
        try:
            await asyncio.gather(*(self._answerer(http, started, plan_one, answers) for plan_one in plan))
            expected = _expected(answers, poll)
            await self._settle(poll["id"], expected, screen_from, name == "revealed")
        finally:
            await http.close()
        window, cpu, workers_cpu = now() - started, self.server.cpu() - cpu0, self.workers.cpu() - workers0
        driver = sum(os.times()[:2]) - driver0
        usage = {"server_cpu_s": round(cpu, 2), "server_cpu_wait_s": round(self.server.waited() - waited0, 2),
                 "other_processes_cpu_s": round(max(0.0, _machine_busy() - machine0 - cpu - workers_cpu - driver), 2),
                 "clients_cpu_s": round(workers_cpu, 2), "driver_cpu_s": round(driver, 2),
                 "peak_rss_mb": self.server.peak_rss_mb(since=started)}
        if profiler is not None:
            profiler.wait(timeout=60)
        counted = await self._moderate("GET", f"/api/v1/polls/{poll['id']}/results")
        shown = counted if name == "revealed" else {"poll": poll["id"], "total": counted["total"]}
        checks = await self.workers.all(("check_poll", poll["id"], shown, SETTLE_TIMEOUT), timeout=120)
        result = self._summary(name, poll, answers, expected, counted, checks, screen_from, window, usage)
        if profiler is not None and profile.exists():
            result["profile"] = summarise_profile(profile.read_text())
            if self.args.profile_dir:
                (Path(self.args.profile_dir) / profile.name).write_text(profile.read_text())
        self.results["phases"].append(result)
        await self._moderate("POST", f"/api/v1/polls/{poll['id']}/close")
        s = result["answer_screen_ms"]
        print(f"  [polls/{self.mode}] {name}: {result['answers_ok']}/{result['answers_sent']} answers, "
              f"counted {counted['total']}, exact {result['counts_exact']}, screen p50 {s['p50']} p99 {s['p99']} "
              f"max {s['max']} ms, CPU {usage['server_cpu_s']} s, peak RSS {usage['peak_rss_mb']} MB", flush=True)

    def _plan(self, option_ids):
        """Per phone: (its first answer's moment in the window, its choice, and for one in
        `--changes` a later moment and another choice), phones in a shuffled order."""
        window, count = self.args.window, len(self.cookies)
        order = list(range(count))
        self.random.shuffle(order)
        plan = []
        for slot, attendee in enumerate(order):
            at = slot * window / count
            first = self.random.choices(option_ids, WEIGHTS[:len(option_ids)])[0]
            change = None
            if at < 0.8 * window and self.random.random() < self.args.changes:
                other = self.random.choice([o for o in option_ids if o != first])
                change = (self.random.uniform(at + 0.1 * window, window), other)
            plan.append((attendee, at, first, change))
        return plan

    async def _answerer(self, http, started, plan_one, answers):
        """One phone: its answer at its moment; its change (if any) later, once the answer came back."""
        attendee, at, choice, change = plan_one
        await asyncio.sleep(max(0.0, started + at - now()))
        await self._answer(http, attendee, choice, False, answers)
        if change is not None:
            await asyncio.sleep(max(0.0, started + change[0] - now()))
            await self._answer(http, attendee, change[1], True, answers)

    async def _answer(self, http, attendee, choice, is_change, answers):
        record = {"attendee": attendee, "choices": [choice], "change": is_change, "status": None}
        about = {"youth_group": GROUPS[attendee % len(GROUPS)], "district": DISTRICTS[attendee // 7 % len(DISTRICTS)]}
        body = await phone_post(http, f"{self.server.url}/api/v1/polls/{self.poll_id}/answer", self.cookies[attendee],
                                record, {"choices": [choice], **about})
        if record["status"] == 200:
            record["changed"] = body["changed"]
        answers.append(record)

    async def _settle(self, poll_id, expected, screen_from, revealed):
        """Wait (bounded) until the projector shows every acknowledged answer (and, revealed, the
        counts of the last ones), then a moment more for the phones."""
        deadline = now() + SETTLE_TIMEOUT
        while now() < deadline:
            last = next((found for _, found in reversed(self.screen_polls[screen_from:]) if found["poll"] == poll_id),
                        None)
            if last is not None and last["total"] >= expected["total"] and (
                    not revealed or _counts(last) == expected["counts"]):
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(self.args.settle)

    def _stored(self, poll_id):
        """From the database: each answer's place in commit order (rowid: one writer, one answer a
        transaction) and how many answer and choice rows the poll has."""
        with sqlite3.connect(f"file:{self.server.db_path}?mode=ro", uri=True, timeout=10) as db:
            order = [row[0] for row in db.execute(
                "SELECT attendee_id FROM poll_answer WHERE poll_id = ? ORDER BY rowid", (poll_id,))]
            choices, choosers = db.execute("SELECT COUNT(*), COUNT(DISTINCT attendee_id) FROM poll_choice "
                                           "WHERE poll_id = ?", (poll_id,)).fetchone()
        return {attendee: place for place, attendee in enumerate(order, 1)}, choices, choosers

    def _summary(self, name, poll, answers, expected, counted, checks, screen_from, window, usage):
        sequence, choice_rows, choosers = self._stored(poll["id"])
        screen = _totals((at, found) for at, found in self.screen_polls[screen_from:] if found["poll"] == poll["id"])
        phones = [_totals((at, {"total": total}) for poll_id, total, at in trace if poll_id == poll["id"])
                  for check in checks for trace in check["traces"]]
        from_sent, from_ack, on_phones, unseen = [], [], [], 0
        for answer in answers:
            if answer["change"] or answer["status"] != 200:
                continue
            place = sequence.get(self.attendee_ids[answer["attendee"]])
            at = _first_at(screen, place)
            if at is None:
                unseen += 1
                continue
            from_sent.append(at - answer["sent"])
            from_ack.append(max(0.0, at - answer["answered"]))
            reached = [_first_at(trace, place) for trace in phones]
            if phones and None not in reached:
                on_phones.append(max(reached) - answer["sent"])
        last_shown = next((found for _, found in reversed(self.screen_polls[screen_from:])
                           if found["poll"] == poll["id"]), None)
        firsts = [a for a in answers if not a["change"]]
        changes = [a for a in answers if a["change"]]
        exact = (counted["total"] == expected["total"] == len(sequence) == choice_rows == choosers
                 and _counts(counted) == expected["counts"])
        messages = sum(check["messages"] for check in checks) + len(self.screen_polls) - screen_from
        return {
            "phase": name, "poll": poll["id"], "attendees": sum(check["attendees"] for check in checks),
            "window_s": self.args.window, "wall_s": round(window, 2),
            "answers_sent": len(firsts), "answers_ok": _ok(firsts), "changes_sent": len(changes),
            "changes_ok": _ok(changes), "changes_counted_as_changed": sum(1 for a in changes if a.get("changed")),
            "statuses": _statuses(answers), "expected": expected,
            "counted_total": counted["total"], "counted": _counts(counted), "stored_answers": len(sequence),
            "stored_choices": choice_rows, "counts_exact": exact,
            "answer_screen_ms": percentiles(from_sent), "ack_screen_ms": percentiles(from_ack),
            "answers_not_on_screen": unseen,
            "answer_http_ms": percentiles([a["answered"] - a["sent"] for a in answers if a["status"] == 200]),
            "answer_phones_ms": percentiles(on_phones), "phones_sampled": len(phones),
            "screen_last": last_shown, "screen_exact": last_shown == (
                counted if name == "revealed" else {"poll": poll["id"], "total": counted["total"]}),
            "screen_messages": len(self.screen_polls) - screen_from,
            "screen_interval_ms": percentiles([b - a for a, b in zip(screen[1], screen[1][1:])]),
            "leaked": sum(check["leaked"] for check in checks) + sum(
                1 for _, found in self.screen_polls[screen_from:] if name != "revealed" and "options" in found),
            "phones_exact": sum(check["complete"] for check in checks),
            "phones_wrong_examples": [w for check in checks for w in check["wrong"]][:5],
            "phones_disconnected": sum(check["disconnected"] for check in checks),
            "messages_per_s": round(messages / window, 1), **usage,
        }


def _expected(answers, poll):
    """What the server should count: each phone's last acknowledged choices."""
    last = {}
    for answer in sorted(answers, key=lambda a: (a["attendee"], a["change"])):
        if answer["status"] == 200:
            last[answer["attendee"]] = answer["choices"]
    counts = {option["id"]: 0 for option in poll["options"]}
    for choices in last.values():
        for choice in choices:
            counts[choice] += 1
    return {"total": len(last), "counts": counts}


def _counts(found):
    return {option["id"]: option["count"] for option in found.get("options", ())}


def _ok(answers):
    return sum(1 for answer in answers if answer["status"] == 200)


def _statuses(answers):
    found = {}
    for answer in answers:
        found[str(answer["status"])] = found.get(str(answer["status"]), 0) + 1
    return found


def _totals(messages):
    """([totals], [arrival times]) of the messages whose total went up: totals only grow."""
    totals, times = [], []
    for at, found in messages:
        if not totals or found["total"] > totals[-1]:
            totals.append(found["total"])
            times.append(at)
    return totals, times


def _first_at(arrivals, place):
    """When the total first reached `place`: the message that first counted that answer."""
    totals, times = arrivals
    if place is None:
        return None
    index = bisect.bisect_left(totals, place)
    return times[index] if index < len(times) else None


# --- the report -------------------------------------------------------------------------------

COLUMNS = [("run", "run"), ("phase", "phase"), ("N", "n"), ("answers ok", "ok"), ("changes ok", "changes"),
           ("counted", "counted"), ("exact", "exact"), ("p50", "p50"), ("p95", "p95"), ("p99", "p99"), ("max", "max"),
           ("200 p99", "ack99"), ("http p99", "http99"), ("phones p99", "phones99"), ("phones exact", "phones"),
           ("leaked", "leaked"), ("screen msgs", "screen"), ("msgs/s", "msgs"), ("CPU s", "cpu"), ("wait s", "wait"),
           ("others s", "others"), ("peak RSS MB", "rss")]


def rows(runs):
    out = []
    for number, run in enumerate(runs, 1):
        for phase in run["phases"]:
            s = phase["answer_screen_ms"]
            out.append({
                "run": f"{number}:polls/{run['mode']}", "phase": phase["phase"], "n": phase["attendees"],
                "ok": f"{phase['answers_ok']}/{phase['answers_sent']}",
                "changes": f"{phase['changes_ok']}/{phase['changes_sent']}", "counted": phase["counted_total"],
                "exact": "yes" if phase["counts_exact"] else "NO", "p50": s["p50"], "p95": s["p95"], "p99": s["p99"],
                "max": s["max"], "ack99": phase["ack_screen_ms"]["p99"], "http99": phase["answer_http_ms"]["p99"],
                "phones99": phase["answer_phones_ms"]["p99"],
                "phones": f"{phase['phones_exact']}/{phase['attendees']}", "leaked": phase["leaked"],
                "screen": phase["screen_messages"], "msgs": phase["messages_per_s"], "cpu": phase["server_cpu_s"],
                "wait": phase["server_cpu_wait_s"], "others": phase["other_processes_cpu_s"],
                "rss": phase["peak_rss_mb"]})
    return out


def verdicts(runs):
    """The issue's targets: measured value, target, held or not (the worst run)."""
    phases = [phase for run in runs for phase in run["phases"]]
    revealed = [phase for phase in phases if phase["phase"] == "revealed"]
    counted = all(p["counts_exact"] and p["answers_ok"] == p["answers_sent"] == p["attendees"] == p["counted_total"]
                  for p in phases)
    p99 = max((p["answer_screen_ms"]["p99"] for p in revealed if p["answer_screen_ms"]["p99"] is not None),
              default=None)
    rss = max((run["peak_rss_mb"] for run in runs if run.get("peak_rss_mb") is not None), default=None)
    phones = all(p["phones_exact"] == p["attendees"] and p["screen_exact"] for p in phases)
    leaked = sum(p["leaked"] for p in phases)
    unseen = sum(p["answers_not_on_screen"] for p in phases)
    return [
        {"target": "every answer counted once (API total and counts, database rows)",
         "measured": "yes" if counted else "no", "wanted": "yes", "held": counted},
        {"target": "revealed: answer -> projector p99 ms", "measured": p99,
         "wanted": f"<= {TARGETS['answer_screen_p99_ms']}", "held": p99 is not None and
         p99 <= TARGETS["answer_screen_p99_ms"] and unseen == 0},
        {"target": "peak RSS MB", "measured": rss, "wanted": f"<= {TARGETS['peak_rss_mb']}",
         "held": rss is not None and rss <= TARGETS["peak_rss_mb"]},
        {"target": "projector and every phone end with the results", "measured": "yes" if phones else "no",
         "wanted": "yes", "held": phones},
        {"target": "counts sent while not revealed", "measured": leaked, "wanted": "0", "held": leaked == 0},
    ]


def report(runs, checks):
    lines = ["Poll storm (answer -> projector ms, from the request leaving; 200 p99 = from its answer; phones p99 ="
             " the last sampled phone;\n exact = API total and counts = what the phones sent last = database rows; "
             "leaked = results with counts sent while not revealed)", table(rows(runs), COLUMNS), "",
             "Targets (single server process):",
             table([{**check, "held": "yes" if check["held"] else "NO"} for check in checks],
                   [("target", "target"), ("measured", "measured"), ("wanted", "wanted"), ("held", "held")])]
    return "\n".join(lines)


def markdown(runs, facts, checks):
    """The summary for the README, as Markdown tables."""
    head = [title for title, _ in COLUMNS]
    lines = [f"Measured {facts['date']} on {facts['nproc']} cores ({facts['cpu']}), {facts['ram_gb']} GB RAM, "
             f"Python {facts['python']}, load average {facts['load_average_before'][0]:.1f} before the run.", "",
             "| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(_fmt(row[key]) for _, key in COLUMNS) + " |" for row in rows(runs)]
    lines += ["", "| target | wanted | measured |", "| --- | --- | --- |"]
    lines += [f"| {c['target']} | {c['wanted']} | {_fmt(c['measured'])} "
              f"({'held' if c['held'] else '**not held**'}) |" for c in checks]
    return "\n".join(lines)


# --- main -------------------------------------------------------------------------------------

def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.polls", description="The poll benchmark (bench/README.md).")
    parser.add_argument("--modes", default="eventlet", help="async modes, comma-separated: eventlet,gevent")
    parser.add_argument("--phones", type=int, default=2000, help="phones connected, each answers once")
    parser.add_argument("--window", type=float, default=10.0, help="seconds over which the phones answer")
    parser.add_argument("--changes", type=float, default=0.1, help="share of the phones that change their answer")
    parser.add_argument("--phases", default="revealed,hidden", help="revealed (live bars), hidden (totals only)")
    parser.add_argument("--interval", type=float, default=0.1, help="LIVE_VOTE_BROADCAST_INTERVAL")
    parser.add_argument("--workers", type=int, default=2, help="attendee processes")
    parser.add_argument("--sample-every", type=int, default=20, help="one phone in K keeps arrival times")
    parser.add_argument("--phones-nice", type=int, default=0, help="niceness of the attendee processes")
    parser.add_argument("--http-connections", type=int, default=100, help="keep-alive connections the phones share")
    parser.add_argument("--settle", type=float, default=1.0, help="seconds for the phones after the screen settles")
    parser.add_argument("--screen-first", action="store_true", help="connect the projector before the phones")
    parser.add_argument("--seed", type=int, default=13, help="seed of the phones' choices and moments")
    add_hall_options(parser)
    parser.add_argument("--profile", action="store_true", help="py-spy the server during each phase's window")
    parser.add_argument("--profile-dir", help="also keep py-spy's raw stacks there")
    parser.add_argument("--out", help="results file (default bench/results/<date>-polls.json)")
    args = parser.parse_args(argv)
    args.modes = [mode.strip() for mode in args.modes.split(",") if mode.strip()]
    args.phases = [phase.strip() for phase in args.phases.split(",") if phase.strip()]
    if set(args.phases) - {"revealed", "hidden"}:
        parser.error("--phases: revealed, hidden")
    args.sizes = [args.phones]  # the hall connects in one step
    return args


async def main_async(args):
    runs = []
    with tempfile.TemporaryDirectory(prefix="live-bench-polls-") as tmp:
        for mode in args.modes:
            print(f"polls ({mode}): {args.phones} phones, {args.window:g} s", flush=True)
            started = now()
            result = await PollRound(mode, args, Path(tmp)).run()
            result["seconds"] = round(now() - started, 1)
            runs.append(result)
    return runs


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    raise_open_files_limit()
    pin(args)
    began = time.time()
    facts = machine()
    facts["load_average_before"] = list(os.getloadavg())
    runs = asyncio.run(main_async(args))
    facts["load_average_after"] = list(os.getloadavg())
    facts["date"] = datetime.date.today().isoformat()
    checks = verdicts(runs)
    text = report(runs, checks)
    print(f"\nMachine: {facts['nproc']} cores ({facts['cpu']}), {facts['ram_gb']} GB RAM, Python {facts['python']}, "
          f"load average {facts['load_average_before'][0]:.1f} before\n\n{text}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = Path(args.out) if args.out else RESULTS / f"{facts['date']}-polls.json"
    settings = {key: value for key, value in vars(args).items() if key != "out"}
    out.write_text(json.dumps({"date": datetime.datetime.now().isoformat(timespec="seconds"), "machine": facts,
                               "settings": settings, "seconds": round(time.time() - began, 1), "runs": runs,
                               "targets": checks, "table": text, "markdown": markdown(runs, facts, checks)},
                              ensure_ascii=False, indent=1) + "\n")
    print(f"\nWrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} ({time.time() - began:.0f} s)")


if __name__ == "__main__":
    main()
