"""The province's overview at the scale of a province: how long the page takes to render.

Builds a fresh database with a province of 100 communes and wards, each with a dialogue in each of
three years (a few not held yet, a few drafts), and 50,000 questions in realistic proportions
(pending, rejected, approved, answered on the spot, some with a promise in writing; written answers
to most of what is owed), then times GET /admin/overview (this year) through the Flask test client,
and its JSON and XLSX: p50 and p99 over REQUESTS requests after a warm-up. Target: the page under
300 ms. Run: .venv/bin/python -m bench.overview
"""
import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from live import create_app
from live.dialogue import areas, events

AREAS, QUESTIONS, REQUESTS, TARGET_MS = 100, 50_000, 20, 300
AGENCIES = [{"code": code, "name": name, "email": f"{code.lower()}@laocai.gov.vn"} for code, name in (
    ("CA", "Công an tỉnh"), ("SGDDT", "Sở Giáo dục và Đào tạo"), ("SYT", "Sở Y tế"), ("SNV", "Sở Nội vụ"),
    ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội"), ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("STTTT", "Sở Thông tin và Truyền thông"), ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"))]
PASSWORD = "bench-password"


def areas_and_events(store, today, rng):
    """The province, AREAS communes and wards, and a dialogue per area and year (three years to
    this one): the past ones closed; this year's closed, live, collecting or a draft, or not yet held."""
    areas.create(store, "bench", "tinh", "Tỉnh Lào Cai", "province")
    codes = []
    for number in range(AREAS):
        level, name = ("ward", "Phường") if number % 5 == 0 else ("commune", "Xã")
        codes.append(areas.create(store, "bench", f"dia-ban-{number:03d}", f"{name} số {number:03d}", level,
                                  parent="tinh")["code"])
    made = []
    for year in range(today.year - 2, today.year + 1):
        for area in ["tinh", *codes]:
            if year == today.year and rng.random() < 0.15:
                continue  # not held yet this year
            day = date(year, rng.randint(1, 11), rng.randint(1, 28))
            event = events.create(store, "bench", f"{area}-{year}", title=f"Đối thoại {area} năm {year}",
                                  date=day.isoformat(), area=area, agencies=AGENCIES)
            events.set_phase(store, "bench", event["code"], events.DRAFT)  # prepared as a draft first
            if rng.random() < 0.1:
                phase = events.DRAFT  # still a draft: not held
            elif day < today - timedelta(days=3):
                phase = events.CLOSED
            else:
                phase = rng.choice((events.LIVE, events.COLLECTING))
            made.append(events.set_phase(store, "bench", event["code"], phase))
            if phase == events.CLOSED and rng.random() < 0.7:
                notice_day = day + timedelta(days=rng.randint(3, 20))
                events.update_notice(store, "bench", event["code"], {"date": notice_day.isoformat()})
    return [event for event in made if event["phase"] != events.DRAFT]


def questions_and_answers(store, held, rng):
    """QUESTIONS questions over the events held, with answers on the spot and in writing, written in bulk
    (the domain's submit would take minutes; the overview only reads)."""
    agency_ids = {event["id"]: [a["id"] for a in store.agencies(event["id"])] for event in held}
    rows, spoken, written = [], [], []
    for number in range(QUESTIONS):
        event = held[number % len(held)]
        status = rng.choices(("pending", "rejected", "approved", "answered"), (15, 5, 45, 35))[0]
        routed = status in ("approved", "answered") and rng.random() < 0.9
        rows.append({"id": number + 1, "event_id": event["id"], "attendee_id": f"a{number}", "client_id": f"c{number}",
                     "text": f"Câu hỏi số {number} về việc làm cho thanh niên", "status": status,
                     "agency_id": rng.choice(agency_ids[event["id"]]) if routed else None,
                     "channel": rng.choice(("onsite", "web", "district")), "created_at": f"{event['date']}T02:00:00"})
        if status == "answered":
            spoken.append({"id": len(spoken) + 1, "question_id": number + 1, "summary": "Đã trả lời",
                           "follow_up": int(rng.random() < 0.3)})
        if routed and rng.random() < 0.6:
            written.append({"question_id": number + 1, "text": "Trả lời bằng văn bản", "answered_by": "bench"})
    with store.transaction():
        store.db["question"].insert_all(rows, batch_size=1000)
        store.db["answer"].insert_all(spoken, batch_size=1000)
        store.db["answer_question"].insert_all([{"answer_id": a["id"], "question_id": a["question_id"]}
                                                for a in spoken], batch_size=1000)
        store.db["written_answer"].insert_all(written, batch_size=1000)
    return len(rows), len(spoken), len(written)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=REQUESTS)
    options = parser.parse_args()
    rng = random.Random(14)
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"LIVE_DB": str(Path(folder) / "bench.db"), "LIVE_ADMIN_PASSWORD": PASSWORD,
                          "LIVE_SECRET_KEY": "bench", "LIVE_ASYNC_MODE": "threading", "TESTING": True})
        store = app.extensions["live_store"]
        started = time.perf_counter()
        today = date.today()
        held = areas_and_events(store, today, rng)
        counts = questions_and_answers(store, held, rng)
        print(f"built in {time.perf_counter() - started:.1f} s: {AREAS} areas and the province, "
              f"{len(store.events())} events ({len(held)} held), {counts[0]} questions, {counts[1]} answers "
              f"on the spot, {counts[2]} written answers")
        client = app.test_client()
        assert client.post("/api/v1/login", json={"username": "admin", "password": PASSWORD}).status_code == 200
        report = {}
        for label, path in (("GET /admin/overview", "/admin/overview"), ("GET /api/v1/overview", "/api/v1/overview"),
                            ("GET /admin/overview.xlsx", "/admin/overview.xlsx")):
            client.get(path)  # warm-up: templates compiled, pages cached
            times = []
            for _ in range(options.requests):
                begun = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - begun) * 1000)
                assert response.status_code == 200, response.status_code
            report[label] = (statistics.median(times), percentile(times, 0.99))
        data = client.get("/api/v1/overview").get_json()
        print(f"this year ({data['year']}): {len(data['dialogues'])} dialogues, "
              f"{data['totals']['questions']} questions, {sum(not a['held'] for a in data['areas'])} areas "
              f"without a dialogue")
        for label, (p50, p99) in report.items():
            print(f"{label:<28} p50 {p50:7.1f} ms   p99 {p99:7.1f} ms   ({options.requests} requests)")
        p50, p99 = report["GET /admin/overview"]
        print(f"target: the page under {TARGET_MS} ms: {'met' if p99 < TARGET_MS else 'NOT met'} (p99 {p99:.0f} ms)")


if __name__ == "__main__":
    main()
