"""The hall benchmark: python -m bench [options] (make bench runs the default).

Starts the real server (run.py, a fresh SQLite file) and the baseline (bench/baseline_server.py)
as separate processes, one after the other, alternating, and drives each with simulated phones:
raw Engine.IO/Socket.IO clients in worker processes (bench/attendees.py), one screen and, for
the app, one logged-in moderator. Scenarios (see bench/README.md):

  connect   N attendees in steps (300, 1,000, 2,000): connect time, server memory and CPU
  votes     a vote storm, 200 votes/s for 20 s over 30 approved questions
  mixed     (app only) the same storm with a submit storm (300 questions in 10 s) and a moderator
            approving pending questions twice a second

Every vote is timed from the request leaving the client to the screen showing a count that
includes it; every attendee's final counts are checked against the server; the counts the
server keeps are checked against the votes it acknowledged. Prints the tables and writes
bench/results/<date>.json. Traffic goes to 127.0.0.1 only; servers are stopped by their PID.
"""
import argparse
import asyncio
import bisect
import datetime
import itertools
import json
import math
import multiprocessing
import os
import platform
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import psutil
import socketio

from . import attendees, pages

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
ADMIN_PASSWORD = "bench-admin-password"
SECRET_KEY = "bench-secret-key"
QUESTIONS = 30
HTTP_TIMEOUT = 15.0
SETTLE_TIMEOUT = 15.0

SERVER_CPU, PHONES_CPU = 0, 1  # --pin

TARGETS = {
    "connected": 2000,
    "vote_screen_p99_ms": 250,
    "ratio_to_baseline": 2.0,
    "peak_rss_mb": 400,
    "submit_moderator_p99_ms": 250,
    "stage_phones_p99_ms": 500,  # issue #15
    "attendee_page_kb": 100,
    "screen_page_kb": 200,
}


def now():
    return time.monotonic()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def raise_open_files_limit(wanted=65536):
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)


def percentiles(values):
    """p50, p95, p99, max (nearest rank) in milliseconds, of values in seconds."""
    if not values:
        return {"n": 0, "p50": None, "p95": None, "p99": None, "max": None}
    ordered = sorted(values)

    def rank(p):
        return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]
    return {"n": len(ordered), "p50": round(rank(50) * 1000, 1), "p95": round(rank(95) * 1000, 1),
            "p99": round(rank(99) * 1000, 1), "max": round(ordered[-1] * 1000, 1)}


# --- server processes -----------------------------------------------------------------------

class ServerProcess:
    """run.py (kind "app") or the baseline as a child process on 127.0.0.1, watched by psutil."""

    def __init__(self, kind, mode, workdir, interval):
        self.kind, self.mode = kind, mode
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db_path = workdir / f"{kind}-{mode}-{self.port}.db"
        self.log_path = workdir / f"{kind}-{mode}-{self.port}.log"
        env = {key: value for key, value in os.environ.items() if not key.startswith("LIVE_")}
        env.update({"LIVE_ASYNC_MODE": mode, "LIVE_ADMIN_PASSWORD": ADMIN_PASSWORD, "LIVE_SECRET_KEY": SECRET_KEY,
                    "LIVE_VOTE_BROADCAST_INTERVAL": str(interval), "PYTHONUNBUFFERED": "1"})
        for key, value in os.environ.items():  # LIVE_BENCH_SERVER_X=... passes LIVE_X to the app
            if key.startswith("LIVE_BENCH_SERVER_"):
                env["LIVE_" + key[len("LIVE_BENCH_SERVER_"):]] = value
        if kind == "app":
            command = [sys.executable, "run.py", "--port", str(self.port), "--db", str(self.db_path), "--demo"]
        else:
            command = [sys.executable, "bench/baseline_server.py", "--port", str(self.port),
                       "--questions", str(QUESTIONS), "--interval", str(interval)]
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.ps = psutil.Process(self.process.pid)
        self.samples = []  # (time, rss bytes)
        self._sampler = None

    async def wait_healthy(self, http, timeout=40.0):
        deadline = now() + timeout
        while now() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.kind} exited:\n{self.log_path.read_text()[-3000:]}")
            try:
                async with http.get(self.url + "/healthz", timeout=aiohttp.ClientTimeout(total=2)) as response:
                    if response.status == 200:
                        break
            except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
                pass
            await asyncio.sleep(0.1)
        else:
            raise RuntimeError(f"{self.kind} did not answer /healthz within {timeout} s")
        self._sampler = asyncio.create_task(self._sample())

    async def _sample(self):
        while True:
            try:
                self.samples.append((now(), self.ps.memory_info().rss))
            except psutil.Error:
                return
            await asyncio.sleep(0.1)

    def cpu(self):
        times = self.ps.cpu_times()
        return times.user + times.system

    def waited(self):
        """Seconds the server was ready to run but waited for a CPU (/proc/PID/schedstat), all threads."""
        total = 0
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            try:
                total += int((task / "schedstat").read_text().split()[1])
            except (OSError, IndexError, ValueError):
                pass
        return total / 1e9

    def rss_mb(self):
        return round(self.ps.memory_info().rss / 2**20, 1)

    def peak_rss_mb(self, since=None):
        """Peak RSS: of the samples since `since`, or the kernel's high-water mark (VmHWM)."""
        if since is not None:
            values = [rss for at, rss in self.samples if at >= since]
            values.append(self.ps.memory_info().rss)
            return round(max(values) / 2**20, 1)
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
        return None

    def stop(self):
        if self._sampler is not None:
            self._sampler.cancel()
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()


# --- the attendee worker processes ----------------------------------------------------------

class Workers:
    def __init__(self, url, count, sample_every, nice):
        context = multiprocessing.get_context("spawn")
        self.pipes, self.processes = [], []
        for _ in range(count):
            parent, child = context.Pipe()
            process = context.Process(target=attendees.main, args=(child, url, sample_every, 50, nice),
                                      daemon=True)
            process.start()
            self.pipes.append(parent)
            self.processes.append(process)

    async def ask(self, commands, timeout):
        """Send one command to each worker (a list, one each), gather the answers."""
        loop = asyncio.get_running_loop()
        for pipe, command in zip(self.pipes, commands):
            pipe.send(command)

        def receive(pipe):
            if not pipe.poll(timeout):
                raise TimeoutError(f"attendee worker gave no answer within {timeout} s")
            return pipe.recv()
        return await asyncio.gather(*(loop.run_in_executor(None, receive, pipe) for pipe in self.pipes))

    async def all(self, command, timeout):
        return await self.ask([command] * len(self.pipes), timeout)

    def cpu(self):
        total = 0.0
        for process in self.processes:
            try:
                times = psutil.Process(process.pid).cpu_times()
                total += times.user + times.system
            except psutil.Error:
                pass
        return total

    async def close(self):
        try:
            await self.all(("close",), timeout=30)
        except (TimeoutError, OSError, EOFError):
            pass
        for process in self.processes:  # by PID, each one we started
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)


# --- one round: one server, every scenario ---------------------------------------------------

class Round:
    def __init__(self, kind, mode, args, workdir):
        self.kind, self.mode, self.args = kind, mode, args
        self.server = ServerProcess(kind, mode, workdir, args.interval)
        if args.pin:
            os.sched_setaffinity(self.server.process.pid, {SERVER_CPU})
        self.workdir = workdir
        self.profile_path = None
        self.results = {"server": kind, "mode": mode, "connect": [], "phases": []}
        self.cookies = []
        self.question_ids = []
        self.cast = {}  # question id -> votes acknowledged (200) so far
        self.tried = {}  # question id -> votes sent so far, answered or not (each one a new pair)
        self.used = {}  # attendee index -> how many of its votes were used so far
        self.screen_votes = []  # (arrival, {qid: count})
        self.screen_questions = []  # (arrival, question)
        self.moderator_questions = []  # (arrival, question)
        self.screen_polls = []  # (arrival, poll results)
        self.screen = self.moderator = None
        self.staff = None
        self.workers = None

    # setup
    async def run(self):
        """The server up, the round's scenarios, every client and the server stopped (whatever happens)."""
        http = aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar())
        try:
            await self.server.wait_healthy(http)
            self.results["port"] = self.server.port
            self.results["rss_idle_mb"] = self.server.rss_mb()
            await self._scenarios()
            self.results["peak_rss_mb"] = self.server.peak_rss_mb()
            self.results["cpu_s_total"] = round(self.server.cpu(), 2)
        finally:
            for client in (self.screen, self.moderator):
                if client is not None and client.connected:
                    try:
                        await asyncio.wait_for(client.disconnect(), 5)
                    except Exception:  # noqa: BLE001 - the server is going anyway
                        pass
            if self.workers is not None:
                await self.workers.close()
            self.server.stop()
            if self.staff is not None:
                await self.staff.close()
            await http.close()
        return self.results

    async def _scenarios(self):
        if self.kind == "app":
            await self._setup_app()
            self.results["pages"] = await asyncio.get_running_loop().run_in_executor(
                None, pages.weigh, self.server.url)
        else:
            self.question_ids = list(range(1, QUESTIONS + 1))
        await self._connect_hall()
        await self._phase("votes")
        if self.kind == "app" and not self.args.no_mixed:
            await self._phase("mixed")

    async def _connect_hall(self):
        """The phones in steps and the screen (and the moderator) before or after them."""
        self.workers = Workers(self.server.url, self.args.workers, self.args.sample_every, self.args.phones_nice)
        if self.args.screen_first:
            await self._connect_watchers()
        await self._connect_steps()
        if not self.args.screen_first:
            await self._connect_watchers()

    async def _login(self):
        """The staff session (admin, a moderator of every event) the moderator's requests use."""
        self.staff = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))  # unsafe: IP host
        async with self.staff.post(self.server.url + "/api/v1/login",
                                   json={"username": "admin", "password": ADMIN_PASSWORD}) as r:
            if r.status != 200:
                raise RuntimeError(f"login failed: {r.status} {await r.text()}")

    async def _setup_app(self):
        await self._login()
        url = self.server.url
        for number in range(QUESTIONS):
            text = f"Câu hỏi số {number + 1} cho bài đo: chính sách việc làm cho thanh niên trên môi trường mạng?"
            async with self.staff.post(url + "/api/v1/events/demo/questions", json={"text": text}) as r:
                question = await r.json()
                if r.status != 201:
                    raise RuntimeError(f"submit failed: {r.status} {question}")
            if question["status"] != "approved":  # a moderator's own question may be approved at once
                async with self.staff.post(f"{url}/api/v1/questions/{question['id']}/approve", json={}) as r:
                    if r.status != 200:
                        raise RuntimeError(f"approve failed: {r.status} {await r.text()}")
            self.question_ids.append(question["id"])

    async def _connect_steps(self):
        connected = 0
        for target in self.args.sizes:
            adding = target - connected
            shares = [adding // self.args.workers + (1 if i < adding % self.args.workers else 0)
                      for i in range(self.args.workers)]
            commands, first = [], connected
            storm = self.args.storm if target == self.args.sizes[-1] else 0
            for share in shares:
                commands.append(("connect", first, share, storm))
                first += share
            cpu0, started = self.server.cpu(), now()
            answers = await self.workers.ask(commands, timeout=attendees.STORM_TIMEOUT + 100)
            wall = now() - started
            for answer in answers:
                self.cookies.extend(answer["cookies"])
            latencies = [value for answer in answers for value in answer["latencies"]]
            errors = [error for answer in answers for error in answer["errors"]]
            connected = target
            step = {"n": target, "added": adding, "wall_s": round(wall, 2), "connect_ms": percentiles(latencies),
                    "errors": len(errors), "error_examples": errors[:3], "rss_mb": self.server.rss_mb(),
                    "peak_rss_mb": self.server.peak_rss_mb(since=started),
                    "cpu_s": round(self.server.cpu() - cpu0, 2)}
            self.results["connect"].append(step)
            print(f"  [{self.kind}/{self.mode}] connected {target}: {wall:.1f} s, "
                  f"p99 {step['connect_ms']['p99']} ms, errors {len(errors)}, RSS {step['rss_mb']} MB", flush=True)
        self.results["attendees"] = connected

    async def _connect_watchers(self):
        """The screen, and the moderator's console for the app: connected after the phones, so that
        they are the last of their rooms and each broadcast reaches them after every phone; with
        --screen-first before them, as a projector that is up before the doors open."""
        self.screen = socketio.AsyncClient(reconnection=False, handle_sigint=False)
        snapshot = asyncio.Event()
        self.screen.on("snapshot", lambda state: snapshot.set())
        self.screen.on("votes", lambda counts: self.screen_votes.append((now(), counts)))
        self.screen.on("question", lambda question: self.screen_questions.append((now(), question)))
        self.screen.on("poll_results", lambda found: self.screen_polls.append((now(), found)))
        await self.screen.connect(self.server.url, wait_timeout=20)
        await self.screen.emit("join", {"event": "demo", "role": "screen"})
        await asyncio.wait_for(snapshot.wait(), 20)
        if self.kind != "app":
            return
        cookie = "; ".join(f"{c.key}={c.value}" for c in self.staff.cookie_jar)
        self.moderator = socketio.AsyncClient(reconnection=False, handle_sigint=False)
        joined = asyncio.Event()
        self.moderator.on("snapshot", lambda state: joined.set())
        self.moderator.on("question", lambda question: self.moderator_questions.append((now(), question)))
        await self.moderator.connect(self.server.url, headers={"Cookie": cookie}, wait_timeout=20)
        await self.moderator.emit("join", {"event": "demo", "role": "moderator"})
        await asyncio.wait_for(joined.wait(), 20)

    # a phase
    def _pairs(self, total):
        """`total` (attendee, question) pairs, each new: attendee k % N, its next question."""
        n = len(self.cookies)
        pairs = []
        for k in range(total):
            attendee = k % n
            used = self.used.get(attendee, 0)
            if used >= QUESTIONS:
                raise SystemExit(f"{total} votes need more than {n} attendees x {QUESTIONS} questions")
            self.used[attendee] = used + 1
            pairs.append((attendee, self.question_ids[(attendee + used) % QUESTIONS]))
        return pairs

    async def _phase(self, name):
        args = self.args
        total = int(args.rate * args.duration)
        pairs = self._pairs(total)
        await self.workers.all(("reset",), timeout=60)
        screen_from, moderator_from = len(self.screen_votes), len(self.moderator_questions)
        screen_questions_from = len(self.screen_questions)
        connector = aiohttp.TCPConnector(limit=args.http_connections)
        http = aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar(), connector=connector,
                                     timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT))
        profiler = self._start_profiler(name)
        cpu0, worker_cpu0, started = self.server.cpu(), self.workers.cpu(), now()
        driver_cpu0 = sum(os.times()[:2])
        waited0, machine0 = self.server.waited(), _machine_busy()
        votes, submits, approvals, stages = [], [], [], []
        try:
            jobs = [self._vote_storm(http, pairs, votes, started)]
            if name == "votes" and self.kind == "app" and args.stage_every:
                jobs.append(self._stager(stages, started + 1.0, started + args.duration))
            if name == "mixed":
                jobs.append(self._submit_storm(http, submits, started + 5.0))
                jobs.append(self._approver(approvals, started + 5.5, started + args.duration))
            await asyncio.gather(*jobs)
            await self._settle(votes, approvals)
        finally:
            await http.close()
        window = now() - started  # sending, then settling: what the CPU and message counts cover
        cpu = self.server.cpu() - cpu0
        worker_cpu = self.workers.cpu() - worker_cpu0
        self._driver_cpu = sum(os.times()[:2]) - driver_cpu0
        self._waited = self.server.waited() - waited0
        self._others_cpu = max(0.0, _machine_busy() - machine0 - cpu - worker_cpu - self._driver_cpu)
        peak = self.server.peak_rss_mb(since=started)
        if profiler is not None:
            profiler.wait(timeout=60)
        truth = await self._truth()
        approved_ids = [a["id"] for a in approvals if a["status"] == 200]
        checks = await self.workers.all(("check", {str(q): truth[q] for q in self.question_ids}, approved_ids),
                                        timeout=120)
        result = self._summarise(name, votes, submits, approvals, checks, truth, screen_from, moderator_from,
                                 screen_questions_from, window, cpu, worker_cpu, peak)
        if stages:
            result.update(_stage_summary(stages, checks))
        if profiler is not None and self.profile_path.exists():
            result["profile"] = summarise_profile(self.profile_path.read_text())
            if self.args.profile_dir:
                target = Path(self.args.profile_dir) / self.profile_path.name
                target.write_text(self.profile_path.read_text())
        self.results["phases"].append(result)
        if os.environ.get("BENCH_DUMP"):
            dump = Path(os.environ["BENCH_DUMP"]) / f"{self.kind}-{self.mode}-{name}.json"
            dump.write_text(json.dumps({"votes": votes, "screen": self.screen_votes[screen_from:],
                                        "started": started}))
        s = result["vote_screen_ms"]
        print(f"  [{self.kind}/{self.mode}] {name}: {result['votes_ok']}/{result['votes_sent']} votes, "
              f"screen p50 {s['p50']} p99 {s['p99']} max {s['max']} ms, lost {result['lost']}, "
              f"dup {result['duplicated']}, CPU {result['server_cpu_s']} s, peak RSS {peak} MB", flush=True)
        if stages:
            print(f"  [{self.kind}/{self.mode}] {name}: {result['stage_ok']}/{result['stage_changes']} stage changes, "
                  f"each phone p99 {result['stage_phones_ms']['p99']} ms, last phone max "
                  f"{result['stage_last_phone_ms']['max']} ms, missed {result['stage_missed']}", flush=True)

    def _start_profiler(self, name):
        if not self.args.profile or name != "votes":
            return None
        self.profile_path = self.workdir / f"profile-{self.kind}-{self.mode}.txt"
        return start_profiler(self.server.process.pid, self.args.duration, self.profile_path)

    async def _vote_storm(self, http, pairs, votes, started):
        """Open loop: vote k leaves at started + k / rate whatever the earlier answers do."""
        rate = self.args.rate
        tasks = []
        for k, (attendee, question_id) in enumerate(pairs):
            delay = started + k / rate - now()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(self._vote(http, attendee, question_id, votes)))
        await asyncio.gather(*tasks)

    async def _vote(self, http, attendee, question_id, votes):
        record = {"q": question_id, "attendee": attendee, "status": None, "count": None}
        self.tried[question_id] = self.tried.get(question_id, 0) + 1
        body = await phone_post(http, f"{self.server.url}/api/v1/questions/{question_id}/vote",
                                self.cookies[attendee], record)
        if record["status"] == 200:
            record["count"] = body["votes"]
            self.cast[question_id] = self.cast.get(question_id, 0) + 1
        votes.append(record)

    async def _submit_storm(self, http, submits, start):
        """300 questions in 10 s, each from another attendee, as pending questions for the moderator."""
        total, seconds = self.args.submits, self.args.submit_seconds
        delay = start - now()
        if delay > 0:
            await asyncio.sleep(delay)
        started = now()

        async def submit(k):
            record = {"k": k, "id": None, "status": None}
            body = await phone_post(http, f"{self.server.url}/api/v1/events/demo/questions",
                                    self.cookies[k % len(self.cookies)], record,
                                    {"text": f"Câu hỏi thử tải số {k}: thanh niên được hỗ trợ thế nào?",
                                     "client_id": f"bench-{k}"})
            if record["status"] == 201:
                record["id"] = body["id"]
            submits.append(record)
        tasks = []
        for k in range(total):
            delay = started + k * seconds / total - now()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(submit(k)))
        await asyncio.gather(*tasks)

    async def _approver(self, approvals, start, until):
        """A moderator approving the oldest pending question they were sent, twice a second."""
        delay = start - now()
        if delay > 0:
            await asyncio.sleep(delay)
        done = set()
        while now() < until:
            tick = now()
            pending = [q for _, q in self.moderator_questions if q["status"] == "pending" and q["id"] not in done]
            if pending:
                question = min(pending, key=lambda q: q["id"])
                done.add(question["id"])
                record = {"id": question["id"], "sent": now()}
                await self._moderate(f"/api/v1/questions/{question['id']}/approve",
                                     {"version": question["version"]}, record)
                record["answered"] = now()
                approvals.append(record)
            await asyncio.sleep(max(0.0, tick + self.args.approve_every - now()))

    async def _stager(self, stages, start, until):
        """The moderator putting the next question on stage every --stage-every seconds: each phone
        is sent it at once (not coalesced), the stage change the hall sees."""
        delay = start - now()
        if delay > 0:
            await asyncio.sleep(delay)
        for question_id in itertools.cycle(self.question_ids):
            tick = now()
            if tick >= until:
                break
            record = {"id": question_id, "sent": tick}
            await self._moderate(f"/api/v1/questions/{question_id}/stage", {}, record)
            stages.append(record)
            await asyncio.sleep(max(0.0, tick + self.args.stage_every - now()))

    async def _moderate(self, path, body, record):
        """The moderator's POST of `body` to `path`; its status (or the error's name) into `record`."""
        try:
            async with self.staff.post(self.server.url + path, json=body,
                                       timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT)) as r:
                record["status"] = r.status
                await r.read()
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            record["status"] = type(error).__name__

    async def _settle(self, votes, approvals):
        """Wait (bounded) until the screen shows every acknowledged count and approval, then a
        moment more for the phones."""
        want = {}
        for vote in votes:
            if vote["count"] is not None:
                want[vote["q"]] = max(want.get(vote["q"], 0), vote["count"])
        approved = {a["id"] for a in approvals if a["status"] == 200}
        deadline = now() + SETTLE_TIMEOUT
        while now() < deadline:
            shown = {}
            for _, counts in self.screen_votes:
                for qid, count in counts.items():
                    shown[int(qid)] = max(shown.get(int(qid), 0), count)
            seen = {q["id"] for _, q in self.screen_questions if q["status"] == "approved"}
            if all(shown.get(q, 0) >= c for q, c in want.items()) and approved <= seen:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(self.args.settle)

    async def _truth(self):
        """The server's counts: the API for the app (and the database, recounted), /api/v1/counts
        for the baseline."""
        async with aiohttp.ClientSession() as http:
            if self.kind == "app":
                async with http.get(self.server.url + "/api/v1/events/demo/questions") as r:
                    listed = (await r.json())["questions"]
                truth = {q["id"]: q["votes"] for q in listed if q["id"] in self.question_ids}
                with sqlite3.connect(f"file:{self.server.db_path}?mode=ro", uri=True, timeout=10) as db:
                    stored = dict(db.execute("SELECT id, votes FROM question"))
                    recount = dict(db.execute("SELECT question_id, COUNT(*) FROM vote GROUP BY question_id"))
                self.results.setdefault("drift", 0)
                self.results["drift"] += sum(abs(stored[q] - recount.get(q, 0)) for q in self.question_ids)
                return truth
            async with http.get(self.server.url + "/api/v1/counts") as r:
                return {int(q): count for q, count in (await r.json()).items()}

    def _summarise(self, name, votes, submits, approvals, checks, truth, screen_from, moderator_from,
                   screen_questions_from, window, cpu, worker_cpu, peak):
        screen = _arrivals(self.screen_votes[screen_from:])
        screen_latency, unseen = [], 0
        for vote in votes:
            if vote["count"] is None:
                continue
            at = _first_at(screen, vote["q"], vote["count"])
            if at is None:
                unseen += 1
            else:
                screen_latency.append(at - vote["sent"])
        # the sampled phones: for each vote, when the last sampled phone showed it
        traces = [_arrivals_from_trace(trace) for check in checks for trace in check["traces"]]
        phone_latency, phone_unseen = [], 0
        for vote in votes:
            if vote["count"] is None or not traces:
                continue
            latest = None
            for trace in traces:
                at = _first_at(trace, vote["q"], vote["count"])
                if at is None:
                    latest = None
                    break
                latest = at if latest is None else max(latest, at)
            if latest is None:
                phone_unseen += 1
            else:
                phone_latency.append(latest - vote["sent"])
        # lost: acknowledged but not counted; duplicated: counted more often than sent (a vote whose
        # answer never came may or may not have been counted: it is in votes_sent - votes_ok)
        lost = sum(max(0, self.cast.get(q, 0) - truth.get(q, 0)) for q in self.question_ids)
        duplicated = sum(max(0, truth.get(q, 0) - self.tried.get(q, 0)) for q in self.question_ids)
        statuses = {}
        for vote in votes:
            statuses[str(vote["status"])] = statuses.get(str(vote["status"]), 0) + 1
        screen_messages = len(self.screen_votes) - screen_from + len(self.screen_questions) - screen_questions_from
        moderator_messages = len(self.moderator_questions) - moderator_from
        phone_messages = sum(check["messages"] for check in checks)
        attendee_count = sum(check["attendees"] for check in checks)
        result = {
            "phase": name, "attendees": attendee_count, "rate": self.args.rate, "duration_s": self.args.duration,
            "wall_s": round(window, 2),
            "votes_sent": len(votes), "votes_ok": statuses.get("200", 0), "vote_statuses": statuses,
            "lost": lost, "duplicated": duplicated,
            "vote_screen_ms": percentiles(screen_latency), "votes_not_on_screen": unseen,
            "vote_http_ms": percentiles([v["answered"] - v["sent"] for v in votes if v["status"] == 200]),
            "vote_phones_ms": percentiles(phone_latency), "phones_sampled": len(traces),
            "votes_not_on_sampled_phones": phone_unseen,
            "phones_exact": sum(check["complete"] for check in checks),
            "phones_wrong_examples": [w for check in checks for w in check["wrong"]][:5],
            "phones_disconnected": sum(check["disconnected"] for check in checks),
            "votes_messages_to_screen": len(self.screen_votes) - screen_from,
            "messages_per_s": round((phone_messages + screen_messages + moderator_messages) / window, 1),
            "server_cpu_s": round(cpu, 2), "server_cpu_share": round(cpu / window, 2),
            "clients_cpu_s": round(worker_cpu, 2), "driver_cpu_s": round(self._driver_cpu, 2),
            "server_cpu_wait_s": round(self._waited, 2), "other_processes_cpu_s": round(self._others_cpu, 2),
            "peak_rss_mb": peak,
        }
        if name == "mixed":
            result.update(self._moderation_summary(submits, approvals, moderator_from, screen_questions_from))
        return result

    def _moderation_summary(self, submits, approvals, moderator_from, screen_questions_from):
        first_pending = {}
        for at, question in self.moderator_questions[moderator_from:]:
            if question["status"] == "pending":
                first_pending.setdefault(question["id"], at)
        submit_latency, missing = [], 0
        for record in submits:
            if record["id"] is None:
                continue
            at = first_pending.get(record["id"])
            if at is None:
                missing += 1
            else:
                submit_latency.append(at - record["sent"])
        on_screen = {}
        for at, question in self.screen_questions[screen_questions_from:]:
            if question["status"] == "approved":
                on_screen.setdefault(question["id"], at)
        approve_latency = [on_screen[a["id"]] - a["sent"] for a in approvals
                           if a["status"] == 200 and a["id"] in on_screen]
        statuses = {}
        for record in submits:
            statuses[str(record["status"])] = statuses.get(str(record["status"]), 0) + 1
        return {
            "submits_sent": len(submits), "submit_statuses": statuses,
            "submit_moderator_ms": percentiles(submit_latency), "submits_not_at_moderator": missing,
            "submit_http_ms": percentiles([r["answered"] - r["sent"] for r in submits if r["status"] == 201]),
            "approvals": len(approvals), "approvals_ok": sum(1 for a in approvals if a["status"] == 200),
            "approve_screen_ms": percentiles(approve_latency),
            "approvals_not_on_screen": sum(1 for a in approvals if a["status"] == 200 and a["id"] not in on_screen),
        }


async def phone_post(http, url, cookie, record, body=None):
    """POST `body` as the phone whose attendee cookie is `cookie`, timed into `record` ("sent",
    "status": the HTTP status or the error's name, "answered"); the JSON answer, or None."""
    record["sent"] = now()
    found = None
    try:
        async with http.post(url, json=body, headers={"Cookie": f"live_attendee={cookie}"}) as r:
            record["status"] = r.status
            found = await r.json(content_type=None)
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
        record["status"] = type(error).__name__
    record["answered"] = now()
    return found


def start_profiler(pid, seconds, out):
    """py-spy recording the process `pid` for `seconds` (wall clock, idle included) into `out`."""
    py_spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if py_spy is None:
        raise SystemExit("--profile needs py-spy (pip install py-spy)")
    command = [py_spy, "record", "--idle", "--pid", str(pid), "--duration", str(max(1, int(seconds))),
               "--rate", "200", "--format", "raw", "--nonblocking", "-o", str(out)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def summarise_profile(raw, top=25):
    """py-spy's raw (collapsed) stacks -> the share of samples per function, self and inclusive;
    idle (the hub waiting in epoll) is a function like the others."""
    total, own, inclusive = 0, {}, {}
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        count = int(count)
        total += count
        frames = stack.split(";")
        own[frames[-1]] = own.get(frames[-1], 0) + count
        for frame in set(frames):
            inclusive[frame] = inclusive.get(frame, 0) + count

    def ranked(table):
        return [[round(100 * n / total, 1), frame] for frame, n in sorted(table.items(), key=lambda i: -i[1])[:top]]
    return {"samples": total, "self_percent": ranked(own), "inclusive_percent": ranked(inclusive)} if total else {}


def _machine_busy():
    """CPU seconds the whole machine spent busy so far (every process, ours and others')."""
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0)


def _arrivals(messages):
    """{question id: (counts, times)} from (arrival, {qid: count}) messages; counts kept non-decreasing."""
    out = {}
    for at, counts in messages:
        for qid, count in counts.items():
            counts_list, times = out.setdefault(int(qid), ([], []))
            if counts_list and count <= counts_list[-1]:
                continue
            counts_list.append(count)
            times.append(at)
    return out


def _arrivals_from_trace(trace):
    return _arrivals((at, {qid: count}) for qid, count, at in trace)


def _first_at(arrivals, question_id, count):
    found = arrivals.get(question_id)
    if not found:
        return None
    counts, times = found
    index = bisect.bisect_left(counts, count)
    return times[index] if index < len(times) else None


# --- the report -------------------------------------------------------------------------------

def machine():
    return {
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "open_files_limit": list(raise_open_files_limit()),
        "somaxconn": _read("/proc/sys/net/core/somaxconn"),
        "packages": _versions(),
    }


def _cpu_model():
    for line in _read("/proc/cpuinfo", "").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def _read(path, default=None):
    try:
        return Path(path).read_text().strip()
    except OSError:
        return default


def _versions():
    from importlib import metadata
    names = ["flask", "flask-socketio", "python-socketio", "python-engineio", "eventlet", "gevent", "greenlet",
             "simple-websocket", "aiohttp"]
    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return found


def _fmt(value):
    return "-" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))


def table(rows, columns):
    widths = [max(len(title), *(len(_fmt(row[key])) for row in rows)) for title, key in columns]
    lines = ["  ".join(title.rjust(width) for (title, _), width in zip(columns, widths))]
    lines.append("  ".join("-" * width for width in widths))
    for row in rows:
        lines.append("  ".join(_fmt(row[key]).rjust(width) for (_, key), width in zip(columns, widths)))
    return "\n".join(lines)


def report(runs):
    connect_rows, storm_rows, moderation_rows = [], [], []
    for number, run in enumerate(runs, 1):
        label = f"{number}:{run['server']}/{run['mode']}"
        for step in run["connect"]:
            connect_rows.append({"run": label, "n": step["n"], "wall": step["wall_s"],
                                 "p50": step["connect_ms"]["p50"], "p99": step["connect_ms"]["p99"],
                                 "errors": step["errors"], "rss": step["rss_mb"], "cpu": step["cpu_s"]})
        for phase in run["phases"]:
            s, p = phase["vote_screen_ms"], phase["vote_phones_ms"]
            storm_rows.append({
                "run": label, "phase": phase["phase"], "n": phase["attendees"],
                "ok": f"{phase['votes_ok']}/{phase['votes_sent']}", "lost": phase["lost"], "dup": phase["duplicated"],
                "p50": s["p50"], "p95": s["p95"], "p99": s["p99"], "max": s["max"], "phones_p99": p["p99"],
                "exact": f"{phase['phones_exact']}/{phase['attendees']}", "http_p99": phase["vote_http_ms"]["p99"],
                "gone": phase["phones_disconnected"],
                "msgs": phase["messages_per_s"], "cpu": phase["server_cpu_s"], "rss": phase["peak_rss_mb"],
                "wait": phase["server_cpu_wait_s"], "others": phase["other_processes_cpu_s"],
                "stage": phase.get("stage_phones_ms", {}).get("p99"), "stage_missed": phase.get("stage_missed"),
            })
            if phase["phase"] == "mixed":
                m, a = phase["submit_moderator_ms"], phase["approve_screen_ms"]
                moderation_rows.append({"run": label, "submits": f"{m['n']}/{phase['submits_sent']}",
                                        "p50": m["p50"], "p95": m["p95"], "p99": m["p99"], "max": m["max"],
                                        "approvals": f"{a['n']}/{phase['approvals']}", "a50": a["p50"],
                                        "a99": a["p99"], "amax": a["max"]})
    out = ["Connect (attendees in steps; per-connection time = page load + Socket.IO connect + snapshot)",
           table(connect_rows, [("run", "run"), ("N", "n"), ("wall s", "wall"), ("p50 ms", "p50"), ("p99 ms", "p99"),
                                ("errors", "errors"), ("RSS MB", "rss"), ("CPU s", "cpu")]),
           "",
           "Vote storm (vote -> screen ms; phones p99 = the last of the sampled phones; exact = phones whose "
           "final counts equal the server's; gone = phones disconnected;\n CPU s = the server's; "
           "wait s = the server ready but waiting for a core; others s = CPU of processes not in the bench;\n"
           " stage p99 = a stage change to each phone, all phones; missed = phones a stage change never reached)",
           table(storm_rows, [("run", "run"), ("phase", "phase"), ("N", "n"), ("votes ok", "ok"), ("lost", "lost"),
                              ("dup", "dup"), ("p50", "p50"), ("p95", "p95"), ("p99", "p99"), ("max", "max"),
                              ("phones p99", "phones_p99"), ("exact", "exact"), ("gone", "gone"),
                              ("http p99", "http_p99"),
                              ("msgs/s", "msgs"), ("CPU s", "cpu"), ("wait s", "wait"), ("others s", "others"),
                              ("peak RSS MB", "rss"), ("stage p99", "stage"), ("missed", "stage_missed")])]
    if moderation_rows:
        out += ["", "Submit storm and approvals during the vote storm (submit -> moderator ms; approve -> screen ms)",
                table(moderation_rows, [("run", "run"), ("submits", "submits"), ("p50", "p50"), ("p95", "p95"),
                                        ("p99", "p99"), ("max", "max"), ("approvals", "approvals"),
                                        ("approve p50", "a50"), ("approve p99", "a99"), ("approve max", "amax")])]
    return "\n".join(out)


def verdicts(runs):
    """The issue's targets, per async mode: measured value, target, held or not."""
    out = []
    for mode in sorted({run["mode"] for run in runs}):
        apps = [run for run in runs if run["mode"] == mode and run["server"] == "app"]
        bases = [run for run in runs if run["mode"] == mode and run["server"] == "baseline"]
        if not apps:
            continue

        def phase(run, name):
            return next((p for p in run["phases"] if p["phase"] == name), None)

        def worst(values):
            values = [v for v in values if v is not None]
            return max(values) if values else None
        storm = [phase(run, "votes") for run in apps]
        mixed = [phase(run, "mixed") for run in apps if phase(run, "mixed")]
        app_p99 = worst([p["vote_screen_ms"]["p99"] for p in storm + mixed])
        app_votes_p99 = _median([p["vote_screen_ms"]["p99"] for p in storm])
        base_p99 = _median([phase(run, "votes")["vote_screen_ms"]["p99"] for run in bases])
        ratio = round(app_votes_p99 / base_p99, 2) if app_votes_p99 and base_p99 else None
        connected = min(run["attendees"] - run["connect"][-1]["errors"] for run in apps)
        lost = sum(p["lost"] + p["duplicated"] + p["votes_sent"] - p["votes_ok"] + p["votes_not_on_screen"]
                   for p in storm + mixed)
        exact = all(p["phones_exact"] == p["attendees"] for p in storm + mixed)
        rss = worst([run["peak_rss_mb"] for run in apps])
        submit_p99 = worst([p["submit_moderator_ms"]["p99"] for p in mixed])
        stage_p99 = worst([p.get("stage_phones_ms", {}).get("p99") for p in storm])
        stage_missed = sum(p.get("stage_missed", 0) for p in storm)
        attendee_kb = worst([run.get("pages", {}).get("attendee", {}).get("kb") for run in apps])
        screen_kb = worst([run.get("pages", {}).get("screen", {}).get("kb") for run in apps])
        rows = [
            ("attendees connected", connected, f">= {TARGETS['connected']}", connected >= TARGETS["connected"]),
            ("vote -> screen p99 ms (worst phase)", app_p99, f"<= {TARGETS['vote_screen_p99_ms']}",
             app_p99 is not None and app_p99 <= TARGETS["vote_screen_p99_ms"]),
            ("p99 app / baseline (vote storm)", ratio, f"<= {TARGETS['ratio_to_baseline']}",
             ratio is not None and ratio <= TARGETS["ratio_to_baseline"]),
            ("lost, duplicated, failed or unshown votes", lost, "0", lost == 0),
            ("every phone ends with the exact counts", "yes" if exact else "no", "yes", exact),
            ("peak RSS MB", rss, f"<= {TARGETS['peak_rss_mb']}", rss is not None and rss <= TARGETS["peak_rss_mb"]),
            ("submit -> moderator p99 ms (during the storm)", submit_p99, f"<= {TARGETS['submit_moderator_p99_ms']}",
             submit_p99 is not None and submit_p99 <= TARGETS["submit_moderator_p99_ms"]),
            ("stage change -> each phone p99 ms (vote storm)", stage_p99, f"<= {TARGETS['stage_phones_p99_ms']}",
             stage_p99 is not None and stage_p99 <= TARGETS["stage_phones_p99_ms"]),
            ("phones a stage change never reached", stage_missed, "0", stage_missed == 0),
            ("attendee page first load KB", attendee_kb, f"<= {TARGETS['attendee_page_kb']}",
             attendee_kb is not None and attendee_kb <= TARGETS["attendee_page_kb"]),
            ("projector page first load KB", screen_kb, f"<= {TARGETS['screen_page_kb']}",
             screen_kb is not None and screen_kb <= TARGETS["screen_page_kb"]),
        ]
        out.append({"mode": mode, "targets": [{"target": name, "measured": value, "wanted": wanted, "held": held}
                                              for name, value, wanted, held in rows]})
    return out


def _stage_summary(stages, checks):
    """Each stage change's delay to each phone (all phones, not a sample), and to the last phone."""
    staged = [arrivals for check in checks for arrivals in check["staged"]]
    each, last, missed = [], [], 0
    for stage in stages:
        if stage["status"] != 200:
            continue
        delays = [arrivals[stage["id"]] - stage["sent"] for arrivals in staged if stage["id"] in arrivals]
        missed += len(staged) - len(delays)
        each.extend(delays)
        if delays:
            last.append(max(delays))
    return {"stage_changes": len(stages), "stage_ok": sum(1 for s in stages if s["status"] == 200),
            "stage_phones_ms": percentiles(each), "stage_last_phone_ms": percentiles(last),
            "stage_missed": missed}


def markdown(runs, facts, checks):
    """The summary for README's Performance section, as a Markdown table."""
    lines = [f"Measured {facts.get('date', '')} on {facts['nproc']} cores ({facts['cpu']}), {facts['ram_gb']} GB RAM, "
             f"Python {facts['python']}, load average {facts['load_average_before'][0]:.1f} before the run.", "",
             "| run | phase | phones | votes ok | lost / dup | vote -> screen p50 / p95 / p99 / max ms | phones exact "
             "| submit -> moderator p99 ms | server CPU s | waited for a core s | others' CPU s | peak RSS MB |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for number, run in enumerate(runs, 1):
        for phase in run["phases"]:
            s = phase["vote_screen_ms"]
            submit = phase.get("submit_moderator_ms", {}).get("p99")
            lines.append(f"| {number}: {run['server']} ({run['mode']}) | {phase['phase']} | {phase['attendees']} "
                         f"| {phase['votes_ok']}/{phase['votes_sent']} | {phase['lost']} / {phase['duplicated']} "
                         f"| {_fmt(s['p50'])} / {_fmt(s['p95'])} / {_fmt(s['p99'])} / {_fmt(s['max'])} "
                         f"| {phase['phones_exact']}/{phase['attendees']} | {_fmt(submit)} | {phase['server_cpu_s']} "
                         f"| {phase['server_cpu_wait_s']} | {phase['other_processes_cpu_s']} "
                         f"| {phase['peak_rss_mb']} |")
    steps = " / ".join(f"{step['n']:,}" for step in runs[0]["connect"]) if runs else ""
    lines += ["", f"| run | connecting to {steps} phones: wall s per step | per phone p99 ms per step "
              "| RSS MB at each step |", "| --- | --- | --- | --- |"]
    for number, run in enumerate(runs, 1):
        connect = run["connect"]
        lines.append(f"| {number}: {run['server']} ({run['mode']}) | "
                     + " / ".join(_fmt(step["wall_s"]) for step in connect) + " | "
                     + " / ".join(_fmt(step["connect_ms"]["p99"]) for step in connect) + " | "
                     + " / ".join(_fmt(step["rss_mb"]) for step in connect) + " |")
    if checks:
        lines += ["", "| target | wanted | " + " | ".join(check["mode"] for check in checks) + " |",
                  "| --- | --- |" + " --- |" * len(checks)]
        for row, first in enumerate(checks[0]["targets"]):
            cells = []
            for check in checks:
                target = check["targets"][row]
                cells.append(f"{_fmt(target['measured'])} ({'held' if target['held'] else '**not held**'})")
            lines.append(f"| {first['target']} | {first['wanted']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _median(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def verdict_text(checks):
    lines = []
    for check in checks:
        lines.append(f"Targets ({check['mode']}, single server process):")
        rows = [{"target": t["target"], "measured": t["measured"], "wanted": t["wanted"],
                 "held": "yes" if t["held"] else "NO"} for t in check["targets"]]
        lines.append(table(rows, [("target", "target"), ("measured", "measured"), ("wanted", "wanted"),
                                  ("held", "held")]))
    return "\n".join(lines)


# --- main -------------------------------------------------------------------------------------

def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description="The hall benchmark (bench/README.md).")
    parser.add_argument("--modes", default="eventlet,gevent", help="async modes, comma-separated: eventlet,gevent")
    parser.add_argument("--sizes", default="300,1000,2000", help="attendees connected in steps")
    parser.add_argument("--rounds", type=int, default=1, help="app/baseline pairs per mode, alternating")
    parser.add_argument("--rate", type=float, default=200.0, help="votes per second in a storm")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of a storm")
    parser.add_argument("--submits", type=int, default=300, help="questions in the submit storm")
    parser.add_argument("--submit-seconds", type=float, default=10.0)
    parser.add_argument("--approve-every", type=float, default=0.5, help="seconds between the moderator's approvals")
    parser.add_argument("--interval", type=float, default=0.1, help="LIVE_VOTE_BROADCAST_INTERVAL for both servers")
    parser.add_argument("--workers", type=int, default=2, help="attendee processes")
    parser.add_argument("--sample-every", type=int, default=20, help="one phone in K keeps arrival times")
    parser.add_argument("--phones-nice", type=int, default=0,
                        help="niceness of the attendee processes (e.g. 10: they take what the server leaves)")
    parser.add_argument("--http-connections", type=int, default=100, help="keep-alive connections the voters share")
    add_hall_options(parser)
    parser.add_argument("--stage-every", type=float, default=1.5,
                        help="seconds between the moderator's stage changes in the vote storm (0: none)")
    parser.add_argument("--settle", type=float, default=3.0,
                        help="seconds for the phones after the screen settles (their counts come at the hall's pace)")
    parser.add_argument("--screen-first", action="store_true",
                        help="connect the screen and the moderator before the phones (first of each broadcast)")
    parser.add_argument("--no-mixed", action="store_true", help="skip the submit-and-approve storm")
    parser.add_argument("--only", choices=("app", "baseline"), help="run one server only")
    parser.add_argument("--profile", action="store_true", help="py-spy each server during the vote storm")
    parser.add_argument("--profile-dir", help="also keep py-spy's raw stacks there")
    parser.add_argument("--out", help="results file (default bench/results/<date>.json)")
    args = parser.parse_args(argv)
    args.modes = [mode.strip() for mode in args.modes.split(",") if mode.strip()]
    args.sizes = sorted(int(size) for size in args.sizes.split(","))
    return args


async def main_async(args):
    runs = []
    with tempfile.TemporaryDirectory(prefix="live-bench-") as tmp:
        workdir = Path(tmp)
        pair = 0
        for mode in args.modes:
            for number in range(args.rounds):
                # app and baseline alternate, each pair starting from the other side (A B B A ...)
                order = ["app", "baseline"] if pair % 2 == 0 else ["baseline", "app"]
                pair += 1
                for kind in order:
                    if args.only and kind != args.only:
                        continue
                    print(f"{kind} ({mode}), round {number + 1}", flush=True)
                    started = now()
                    result = await Round(kind, mode, args, workdir).run()
                    result["round"] = number + 1
                    result["seconds"] = round(now() - started, 1)
                    runs.append(result)
    return runs


def add_hall_options(parser):
    """How the phones connect and where the processes run: the hall benchmark's and the poll's."""
    parser.add_argument("--storm", type=float, default=0,
                        help="the last step's phones start within this many seconds, all at once (0: 50 at a time "
                             "per worker)")
    parser.add_argument("--pin", action="store_true",
                        help=f"the server on CPU {SERVER_CPU}, the phones and the rest of the bench on CPU "
                             f"{PHONES_CPU} (as taskset does)")


def pin(args):
    """With --pin, this process on the phones' core: what it starts inherits it, and the server moves
    to its own (Round)."""
    if args.pin:
        os.sched_setaffinity(0, {PHONES_CPU})


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--markdown"]:  # python -m bench --markdown bench/results/<date>.json
        print(json.loads(Path(argv[1]).read_text())["markdown"])
        return
    args = parse_args(argv)
    raise_open_files_limit()
    pin(args)
    began = time.time()
    facts = machine()
    facts["load_average_before"] = list(os.getloadavg())
    if facts["load_average_before"][0] > 0.5 * (os.cpu_count() or 1):
        print(f"Note: load average {facts['load_average_before'][0]:.1f} before the bench: other processes share "
              "the cores; see the 'wait s' and 'others s' columns.", flush=True)
    runs = asyncio.run(main_async(args))
    facts["load_average_after"] = list(os.getloadavg())
    checks = verdicts(runs)
    text = report(runs) + "\n\n" + verdict_text(checks)
    facts_line = (f"Machine: {facts['nproc']} cores ({facts['cpu']}), {facts['ram_gb']} GB RAM, "
                  f"Python {facts['python']}, {facts['platform']}")
    print("\n" + facts_line + "\n\n" + text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = Path(args.out) if args.out else RESULTS / f"{datetime.date.today().isoformat()}.json"
    settings = {key: value for key, value in vars(args).items() if key != "out"}
    facts["date"] = datetime.date.today().isoformat()
    out.write_text(json.dumps({"date": datetime.datetime.now().isoformat(timespec="seconds"), "machine": facts,
                               "settings": settings, "seconds": round(time.time() - began, 1), "runs": runs,
                               "targets": checks, "table": text, "markdown": markdown(runs, facts, checks)},
                              ensure_ascii=False, indent=1) + "\n")
    print(f"\nWrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} "
          f"({time.time() - began:.0f} s)")


if __name__ == "__main__":
    main()
