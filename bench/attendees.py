"""A worker process holding a share of the simulated phones: raw Engine.IO/Socket.IO clients (Phone).

Each attendee first loads the attendee page (GET /e/demo), keeps the cookie the server sets,
then connects Socket.IO with that cookie (polling, then the WebSocket upgrade, as the browser
client does), joins the event and waits for its snapshot. It keeps the counts it was sent;
one attendee in `sample_every` also keeps when each count arrived, for delivery latency; every
attendee keeps when each question first reached it on stage.

The parent drives it over a multiprocessing pipe: ("connect", first, count) -> cookies and
connect latencies; ("reset",) starts a phase; ("check", truth, approved) -> what the phase's
messages did; ("check_poll", poll id, results, wait) -> whether each ended with those results (the poll
bench, bench/polls.py); ("close",) ends it. Every wait has a timeout.
"""
import asyncio
import json
import time

CONNECT_TIMEOUT = 30.0
STORM_TIMEOUT = 300.0  # a phone of a storm waits its turn at a saturated server: late, not failed


class Attendee:
    __slots__ = ("index", "client", "cookie", "counts", "seen", "staged", "trace", "messages", "snapshot",
                 "disconnects", "polls", "poll_trace", "leaked")

    def __init__(self, index, sampled):
        self.index = index
        self.client = None
        self.cookie = None
        self.counts = {}
        self.seen = set()  # ids of questions received in `question` messages this phase
        self.staged = {}  # question id -> when it was first received on stage, this phase
        self.trace = [] if sampled else None  # (question id, count, arrival) this phase
        self.messages = 0
        self.snapshot = asyncio.Event()
        self.disconnects = 0
        self.polls = {}  # poll id -> the last results received
        self.poll_trace = [] if sampled else None  # (poll id, total, arrival) this phase
        self.leaked = 0  # results messages with counts of a poll not revealed (policy: never)

    def on_snapshot(self, state):
        self.counts = {str(q["id"]): q["votes"] for q in state.get("questions", ())}
        self.snapshot.set()

    def on_votes(self, counts):
        self.messages += 1
        self.counts.update(counts)
        if self.trace is not None:
            now = time.monotonic()
            self.trace.extend((qid, count, now) for qid, count in counts.items())

    def on_question(self, question):
        self.messages += 1
        self.seen.add(question["id"])
        if question["on_stage"]:
            self.staged.setdefault(question["id"], time.monotonic())
        self.counts[str(question["id"])] = question["votes"]

    def on_poll_results(self, found):
        self.messages += 1
        self.polls[found["poll"]] = found
        if self.poll_trace is not None:
            self.poll_trace.append((found["poll"], found["total"], time.monotonic()))

    def on_poll(self, poll):
        self.messages += 1
        if not poll["revealed"] and "options" in poll["results"]:
            self.leaked += 1

    def on_other(self, *args):
        self.messages += 1

    def on_disconnect(self, *args):
        self.disconnects += 1


async def fetch(http, method, url, **options):
    """(response, body), sent again once if the server closed the kept-alive connection it went on,
    as a browser does: under a storm the server may close an idle connection as the phone reuses it."""
    import aiohttp
    for attempt in (1, 2):
        try:
            async with http.request(method, url, **options) as response:
                return response, await response.read()
        except aiohttp.ServerDisconnectedError:
            if attempt == 2:
                raise


class Phone:
    """A phone's Socket.IO connection made by hand as the browser's client makes it (Engine.IO 4: the
    handshake over long-polling, the namespace joined, then the WebSocket upgrade, offering
    permessage-deflate), reading only what the bench needs. python-socketio's own client, a task and
    several layers per message, cost the phones' processes more CPU than the server spent on them at
    5,000 phones (bench/README.md)."""

    def __init__(self, http, url, headers, handlers):
        self.http, self.headers, self.handlers = http, headers, handlers
        self.polling = url + "/socket.io/?EIO=4&transport=polling"
        self.websocket_url = url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
        self.ws = self.reader = None
        self.connected = False

    async def connect(self):
        opened = await self._poll()
        sid = json.loads(opened[0][1:])["sid"]
        await fetch(self.http, "POST", f"{self.polling}&sid={sid}", data="40", headers=self.headers)
        if not any(packet.startswith("40") for packet in await self._poll(sid)):
            raise RuntimeError("the namespace was not joined")
        self.ws = await self.http.ws_connect(f"{self.websocket_url}&sid={sid}", headers=self.headers, compress=15)
        await self.ws.send_str("2probe")
        if (await self.ws.receive_str()) != "3probe":
            raise RuntimeError("the upgrade was not answered")
        await self.ws.send_str("5")
        self.connected = True
        self.reader = asyncio.create_task(self._read())

    async def _poll(self, sid=None):
        url = self.polling if sid is None else f"{self.polling}&sid={sid}"
        return (await fetch(self.http, "GET", url, headers=self.headers))[1].decode().split("\x1e")

    async def emit(self, name, data):
        await self.ws.send_str("42" + json.dumps([name, data]))

    async def _read(self):
        import aiohttp
        try:
            async for message in self.ws:
                if message.type != aiohttp.WSMsgType.TEXT:
                    break
                if message.data == "2":
                    await self.ws.send_str("3")
                elif message.data.startswith("42"):
                    name, *args = json.loads(message.data[2:])
                    handler = self.handlers.get(name)
                    if handler is not None:
                        handler(*args)
        finally:
            self.connected = False
            self.handlers["disconnect"]()

    async def disconnect(self):
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            await self.reader


class Worker:
    def __init__(self, url, sample_every, concurrency):
        self.url = url
        self.sample_every = sample_every
        self.concurrency = concurrency
        self.attendees = []
        self.page_http = None
        self.ws_http = None

    async def start(self):
        import aiohttp
        # one pool for page loads, one (unlimited) for the Socket.IO connections; cookies are
        # sent by hand so that every attendee keeps its own
        self.page_http = aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar(),
                                               connector=aiohttp.TCPConnector(limit=self.concurrency))
        self.ws_http = aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar(),
                                             connector=aiohttp.TCPConnector(limit=0))

    async def connect(self, first, count, storm=0):
        """Connect `count` phones, `concurrency` at a time; with `storm` seconds, each starts at its
        moment within them instead (evenly spread), however many are still connecting."""
        gate = asyncio.Semaphore(count if storm else self.concurrency)
        new = [Attendee(index, index % self.sample_every == 0) for index in range(first, first + count)]
        began = time.monotonic()

        async def one(position, attendee):
            await asyncio.sleep(max(0.0, began + position * storm / count - time.monotonic()))
            async with gate:
                started = time.monotonic()
                try:
                    await asyncio.wait_for(self._connect_one(attendee, storm),
                                           STORM_TIMEOUT if storm else CONNECT_TIMEOUT)
                except Exception as error:  # noqa: BLE001 - reported, not raised
                    return None, f"{type(error).__name__}: {error}"[:200]
                return time.monotonic() - started, None
        outcomes = await asyncio.gather(*(one(position, attendee) for position, attendee in enumerate(new)))
        self.attendees.extend(new)
        return {
            "cookies": [attendee.cookie for attendee in new],
            "latencies": [latency for latency, _ in outcomes if latency is not None],
            "errors": [error for _, error in outcomes if error is not None],
        }

    async def _connect_one(self, attendee, storm=0):
        response, _ = await fetch(self.ws_http if storm else self.page_http, "GET", self.url + "/e/demo")
        if response.status != 200 or "live_attendee" not in response.cookies:
            raise RuntimeError(f"page load answered {response.status} without a cookie")
        attendee.cookie = response.cookies["live_attendee"].value
        attendee.client = Phone(self.ws_http, self.url, {"Cookie": f"live_attendee={attendee.cookie}"}, {
            "snapshot": attendee.on_snapshot, "votes": attendee.on_votes, "question": attendee.on_question,
            "question_removed": attendee.on_other, "poll": attendee.on_poll, "poll_results": attendee.on_poll_results,
            "disconnect": attendee.on_disconnect})
        await attendee.client.connect()
        await attendee.client.emit("join", {"event": "demo", "role": "attendee"})
        await attendee.snapshot.wait()

    def reset(self):
        for attendee in self.attendees:
            attendee.messages = 0
            attendee.seen, attendee.staged = set(), {}
            if attendee.trace is not None:
                attendee.trace, attendee.poll_trace = [], []
        return True

    def check(self, truth, approved):
        """How many attendees ended the phase with exactly the true counts and every approval."""
        approved = set(approved)
        complete, wrong, missing_approvals = 0, [], 0
        for attendee in self.attendees:
            counts = attendee.counts
            bad = {qid: counts.get(qid) for qid, count in truth.items() if counts.get(qid) != count}
            lacks = approved - attendee.seen
            if not bad and not lacks:
                complete += 1
            elif len(wrong) < 5:
                wrong.append({"attendee": attendee.index, "counts_off": dict(list(bad.items())[:5]),
                              "approvals_missing": len(lacks)})
            missing_approvals += bool(lacks)
        return {
            "attendees": len(self.attendees),
            "complete": complete,
            "wrong": wrong,
            "missing_approvals": missing_approvals,
            "messages": sum(attendee.messages for attendee in self.attendees),
            "disconnected": sum(1 for attendee in self.attendees if attendee.disconnects),
            "traces": [attendee.trace for attendee in self.attendees if attendee.trace is not None],
            "staged": [attendee.staged for attendee in self.attendees],
        }

    async def check_poll(self, poll_id, shown, wait):
        """How many attendees ended the phase with `shown`, the poll's results as a phone may see them,
        once they all do or `wait` seconds have passed (a worker short of CPU is late, not wrong)."""
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and any(a.polls.get(poll_id) != shown for a in self.attendees):
            await asyncio.sleep(0.05)
        exact = [attendee for attendee in self.attendees if attendee.polls.get(poll_id) == shown]
        wrong = [{"attendee": a.index, "last": a.polls.get(poll_id)} for a in self.attendees
                 if a.polls.get(poll_id) != shown][:5]
        return {
            "attendees": len(self.attendees),
            "complete": len(exact),
            "wrong": wrong,
            "leaked": sum(attendee.leaked for attendee in self.attendees),
            "messages": sum(attendee.messages for attendee in self.attendees),
            "disconnected": sum(1 for attendee in self.attendees if attendee.disconnects),
            "traces": [a.poll_trace for a in self.attendees if a.poll_trace is not None],
        }

    async def close(self):
        async def quietly(client):
            try:
                await asyncio.wait_for(client.disconnect(), 5)
            except Exception:  # noqa: BLE001 - closing anyway
                pass
        await asyncio.gather(*(quietly(a.client) for a in self.attendees if a.client is not None))
        for session in (self.page_http, self.ws_http):
            if session is not None:
                await session.close()


async def _serve(conn, url, sample_every, concurrency):
    worker = Worker(url, sample_every, concurrency)
    await worker.start()
    loop = asyncio.get_running_loop()
    while True:
        ready = await loop.run_in_executor(None, conn.poll, 600)
        if not ready:
            break  # the parent went away: stop by ourselves
        command, *args = conn.recv()
        if command == "connect":
            conn.send(await worker.connect(*args))
        elif command == "reset":
            conn.send(worker.reset())
        elif command == "check":
            conn.send(worker.check(*args))
        elif command == "check_poll":
            conn.send(await worker.check_poll(*args))
        elif command == "close":
            await worker.close()
            conn.send(True)
            break


def main(conn, url, sample_every=20, concurrency=50, nice=0):
    """Process entry point (multiprocessing, spawn). The phones are other devices in a hall but
    share the server's cores here; `nice` lowers their priority (bench --phones-nice)."""
    import os
    from .run import raise_open_files_limit
    raise_open_files_limit()
    if nice:
        os.nice(nice)
    asyncio.run(_serve(conn, url, sample_every, concurrency))
