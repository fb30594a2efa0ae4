"""The answer log, its commitments, and the written answers that follow."""
from .connection import now


ANSWER_SELECT = """SELECT an.*, a.code AS agency_code, a.name AS agency_name FROM answer an
    LEFT JOIN agency a ON a.id = an.agency_id"""


class AnswerRows:
    """Rows of answer, answer_question, commitment and written_answer."""

    # answers: one answer may cover several questions (answer_question)
    def insert_answer(self, fields, question_ids):
        answer_id = self._insert("answer", {**fields, "created_at": now()})
        for question_id in question_ids:
            self._run("INSERT INTO answer_question (answer_id, question_id) VALUES (?, ?)", (answer_id, question_id))
        return answer_id

    def update_answer(self, answer_id, fields):
        self._update("answer", answer_id, fields)

    def answer(self, answer_id):
        return self._one(f"{ANSWER_SELECT} WHERE an.id = ?", (answer_id,))

    def answers(self, question_ids):
        """The answers to these questions, oldest first, keyed by question id."""
        marks = ", ".join("?" for _ in question_ids) or "NULL"
        rows = self._all(
            f"""SELECT aq.question_id AS for_question, an.* FROM answer_question aq
                JOIN ({ANSWER_SELECT}) an ON an.id = aq.answer_id
                WHERE aq.question_id IN ({marks}) ORDER BY an.id""",
            tuple(question_ids),
        )
        grouped = {}
        for row in rows:
            grouped.setdefault(row["for_question"], []).append(row)
        return grouped

    def event_answers(self, event_id):
        """Every answer logged in the event, oldest first, with the ids of the questions it covers."""
        rows = self._all(
            f"""{ANSWER_SELECT} JOIN question q ON q.id = an.question_id WHERE q.event_id = ? ORDER BY an.id""",
            (event_id,))
        links = self._all(
            "SELECT aq.answer_id, aq.question_id FROM answer_question aq JOIN question q ON q.id = aq.question_id "
            "WHERE q.event_id = ? ORDER BY aq.question_id", (event_id,))
        for row in rows:
            row["question_ids"] = [link["question_id"] for link in links if link["answer_id"] == row["id"]]
        return rows

    def answered_question_ids(self, answer_id):
        return [row["question_id"] for row in self._all(
            "SELECT question_id FROM answer_question WHERE answer_id = ? ORDER BY question_id", (answer_id,))]

    # commitments made in an answer
    def replace_commitments(self, answer_id, commitments):
        self._run("DELETE FROM commitment WHERE answer_id = ?", (answer_id,))
        for commitment in commitments:
            self._insert("commitment", {**commitment, "answer_id": answer_id, "created_at": now()})

    def commitments(self, event_id):
        return self._all(
            """SELECT c.*, a.code AS agency_code, a.name AS agency_name FROM commitment c
               JOIN answer an ON an.id = c.answer_id JOIN question q ON q.id = an.question_id
               LEFT JOIN agency a ON a.id = c.agency_id
               WHERE q.event_id = ? ORDER BY a.position, c.id""", (event_id,))

    # answers in writing, after the session
    def save_written_answer(self, question_id, agency_id, text, answered_by):
        stamp = now()
        self._run(
            """INSERT INTO written_answer (question_id, agency_id, text, answered_by, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (question_id) DO UPDATE SET agency_id = excluded.agency_id,
               text = excluded.text, answered_by = excluded.answered_by, updated_at = excluded.updated_at""",
            (question_id, agency_id, text, answered_by, stamp, stamp))

    def written_answers(self, event_id):
        rows = self._all(
            """SELECT w.* FROM written_answer w JOIN question q ON q.id = w.question_id WHERE q.event_id = ?""",
            (event_id,))
        return {row["question_id"]: row for row in rows}
