"""The paraphrase sets of duplicate suggestions: tests/data/paraphrases_test_vi.json (held out) and
tests/data/paraphrases_tuning_vi.json (what an alternative may be tuned on); bench/duplicates.py
measures on them."""
import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from live.dialogue import similarity

DATA = Path(__file__).resolve().parent / "data"
HELD_OUT, TUNING = "paraphrases_test_vi.json", "paraphrases_tuning_vi.json"


def questions(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))["questions"]


@pytest.mark.parametrize("name, pairs_min", [(HELD_OUT, 60), (TUNING, 30)])
def test_a_set_is_pairs_and_near_misses_nfc_and_in_arrival_order(name, pairs_min):
    found = questions(name)
    assert [question["id"] for question in found] == list(range(1, len(found) + 1))
    groups = Counter(question["group"] for question in found if question["group"])
    assert len(groups) >= pairs_min and set(groups.values()) == {2}
    near = [question for question in found if not question["group"]]
    assert len(near) >= len(groups) // 3
    assert all(question["near"] in groups for question in near)
    for question in found:
        assert unicodedata.normalize("NFC", question["text"]) == question["text"]
        assert similarity.key(question["text"])


def test_the_held_out_and_the_tuning_sets_share_no_question():
    held_out, tuning = ({similarity.key(question["text"]) for question in questions(name)}
                        for name in (HELD_OUT, TUNING))
    assert not held_out & tuning
    assert len(held_out) == len(questions(HELD_OUT)) and len(tuning) == len(questions(TUNING))


def test_the_held_out_set_counts_one_positive_per_pair():
    found = questions(HELD_OUT)
    result = similarity.evaluate(found)
    assert result["positives"] == len({question["group"] for question in found} - {None})
