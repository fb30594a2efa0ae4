"""Intake at the scale of a province's pre-event collection: how long the moderators wait.

Imports a 1,000-row spreadsheet (XLSX) of realistic questions into a fresh database, then times
what the moderator console asks for over 2,000 questions: full-text search, the suggestions
for one question, the whole list, and a merge. Run: .venv/bin/python -m bench.intake
"""
import io
import json
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from live.dialogue import demo, intake, merges, questions
from live import storage

QUESTIONS = Path(__file__).resolve().parent.parent / "tests" / "data" / "duplicates_vi.json"
ROWS = 1000
DISTRICTS = ("Huyện Bát Xát", "Thị xã Sa Pa", "Huyện Bắc Hà", "Huyện Văn Bàn", "Thành phố Lào Cai")


def spreadsheet(texts):
    book = Workbook()
    sheet = book.active
    sheet.append(["Nội dung câu hỏi", "Họ và tên", "Huyện", "Nhóm thanh niên", "Kênh"])
    for number in range(ROWS):
        sheet.append([f"{texts[number % len(texts)]} ({number})", f"Người gửi {number}",
                      DISTRICTS[number % len(DISTRICTS)], "Thanh niên học sinh, sinh viên", "Đoàn huyện"])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def timed(label, action, repeat=1):
    started = time.perf_counter()
    for _ in range(repeat):
        result = action()
    print(f"{label:<52} {(time.perf_counter() - started) / repeat * 1000:8.1f} ms")
    return result


def main():
    texts = [q["text"] for q in json.loads(QUESTIONS.read_text(encoding="utf-8"))["questions"]]
    with tempfile.TemporaryDirectory() as folder:
        store = storage.connect(str(Path(folder) / "bench.db"), "NORMAL")
        demo.ensure(store, demo.PLAN_DAY)
        event = store.event_by_code(demo.CODE)
        data = spreadsheet(texts)
        table = timed(f"read a {ROWS}-row XLSX ({len(data) // 1024} KB)", lambda: intake.read(data))
        timed(f"preview {ROWS} rows", lambda: intake.preview(store, event, table, questions.DISTRICT))
        timed(f"import {ROWS} rows (one transaction)", lambda: intake.run(store, event, "bench", table))
        timed(f"import the same {ROWS} rows again (adds nothing)", lambda: intake.run(store, event, "bench", table))
        for number in range(ROWS):
            questions.submit(store, event, f"phone-{number}", texts[(number * 7) % len(texts)])
        staff = questions.Viewer(moderator=True)
        count = len(store.questions(event["id"]))
        print(f"{count} questions in the event")
        for query in ("viec lam", "an ninh mang", "Bát Xát"):
            found = timed(f"search {query!r}", lambda: questions.listing(store, event, staff, query=query), 20)
            print(f"{'':<4}{len(found)} found")
        last = store.question(count)
        timed("suggestions for one question, first time", lambda: merges.similar(store, last))
        timed("suggestions for one question, keys cached", lambda: merges.similar(store, last), 20)
        timed(f"the moderators' whole list ({count})", lambda: questions.listing(store, event, staff), 5)
        timed("merge one question into another", lambda: merges.merge(store, count, count - 1, "bench"))
        store.close()


if __name__ == "__main__":
    main()
