"""Duplicate suggestions for moderators: the earlier questions most like a new one.

Plain functions, no Flask, no database. A question's comparable form (`key`) is its text folded
(search_text.fold: no accents, đ -> d), without punctuation and without the words that carry no
topic (data/stopwords_vi.txt). Vietnamese words are often two syllables ("việc làm", "khởi
nghiệp"), so a question is compared as the set of its syllables and of its adjacent syllable pairs.
The score is the mean of Dice (fair between questions of like length) and the overlap coefficient
(fair to a short phone question repeating a long one). `evaluate` measures it on a set of questions
labelled with their duplicate groups (tests/data/duplicates_vi.json); THRESHOLD comes from there, and
bench/duplicates.py weighs it against the alternatives it beat.
"""
import functools
import re
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import LCSseq

from ..text.search_text import fold

THRESHOLD = 37  # evaluate() on tests/data/duplicates_vi.json: precision 0.95, recall 0.87; 36 lets in 3 more wrong, 38 loses 2 right
STOPWORDS_FILE = Path(__file__).resolve().parent / "data" / "stopwords_vi.txt"
_NOT_WORD = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=1)
def _phrases():
    """({folded syllables: keep?}, longest) from the data file: stopwords, "+" phrases kept whole."""
    phrases = {}
    for line in STOPWORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            syllables = tuple(fold(line.lstrip("+ ")).split())
            keep = line.startswith("+")
            if keep and len(syllables) < 2:
                raise ValueError(f"{STOPWORDS_FILE.name}: a kept phrase needs two syllables: {line}")
            if phrases.setdefault(syllables, keep) != keep:
                raise ValueError(f"{STOPWORDS_FILE.name}: folds like a line of the other kind: {line}")
    return phrases, max(map(len, phrases))


def _content(syllables):
    """The syllables left once stopwords go."""
    kept, i = [], 0
    while i < len(syllables):
        length, keep = longest_at(_phrases(), syllables, i)
        if keep is not False:
            kept.extend(syllables[i:i + length])
        i += length
    return kept


def longest_at(table, syllables, start):
    """(length, value) of the longest phrase of `table` ({phrase as a tuple of syllables: value},
    longest) starting there; (1, None) for a syllable no phrase starts with."""
    phrases, longest = table
    for length in range(min(longest, len(syllables) - start), 0, -1):
        value = phrases.get(tuple(syllables[start:start + length]))
        if value is not None:
            return length, value
    return 1, None


@functools.lru_cache(maxsize=16384)
def key(text):
    """The comparable form of a question's text: folded content syllables, space-separated."""
    return " ".join(_content(_NOT_WORD.sub(" ", fold(text)).split()))


@functools.lru_cache(maxsize=16384)
def _features(comparable):
    """Syllables and adjacent pairs, sorted: the longest common subsequence of two such tuples
    is the number of features they share, which rapidfuzz's LCSseq counts in C."""
    syllables = comparable.split()
    pairs = (f"{a} {b}" for a, b in zip(syllables, syllables[1:]))
    return tuple(sorted(set(syllables).union(pairs)))


def _score(shared, size_a, size_b):
    dice = 2 * shared / (size_a + size_b)
    overlap = shared / min(size_a, size_b)
    return round(50 * (dice + overlap))


def suggest(text, candidates, limit=3, threshold=THRESHOLD):
    """[(candidate id, score 0..100)] for the `limit` candidates most like `text`, best first,
    scores >= threshold. `candidates` is an iterable of (id, text)."""
    query = _features(key(text))
    ids, features = [], []
    for candidate_id, candidate_text in candidates:
        ids.append(candidate_id)
        features.append(_features(key(candidate_text)))
    if not query:
        return []
    shared = process.extract(query, features, scorer=LCSseq.similarity, limit=None, score_cutoff=1)
    scored = sorted((-_score(count, len(query), len(features[i])), i) for _, count, i in shared)
    return [(ids[i], -score) for score, i in scored[:limit] if -score >= threshold]


def best_earlier(text, earlier):
    """(index into `earlier`, score) of the text's best suggestion at any score, or None."""
    found = suggest(text, enumerate(earlier), limit=1, threshold=0)
    return found[0] if found else None


def replay(texts, top=best_earlier):
    """Each text's best earlier match as (index, score), or None: the questions in arrival order,
    each compared with all before it, as a moderator would have been shown them."""
    return [top(text, texts[:position]) for position, text in enumerate(texts)]


def evaluate(questions, threshold=THRESHOLD, best=None):
    """{made, correct, positives, precision, recall} of the top suggestions at `threshold` over
    `questions` ({"text", "group"} in arrival order; `best` as `replay` gives, computed when None).
    A question is a positive when an earlier one shares its group; precision = correct / made,
    recall = correct / positives."""
    best = replay([question["text"] for question in questions]) if best is None else best
    made = correct = positives = 0
    for position, question in enumerate(questions):
        group = question["group"]
        positives += bool(group) and any(earlier["group"] == group for earlier in questions[:position])
        if best[position] and best[position][1] >= threshold:
            made += 1
            correct += bool(group) and questions[best[position][0]]["group"] == group
    return {"made": made, "correct": correct, "positives": positives,
            "precision": correct / made if made else 1.0, "recall": correct / positives if positives else 1.0}
