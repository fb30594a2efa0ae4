"""Paraphrases by concept and ask, measured by bench/duplicates.py and not live.

bench/concepts.py gives a question's topic concepts; the near misses of the paraphrase sets share
those too (same topic, another ask). Here a candidate reached through concepts must also:
- share at least one SPECIFIC concept (not one of CONTEXT: who asks, where, on which medium);
- ask the same kind of answer: the strong asks of bench/asks_vi.txt (an amount, an age, a time,
  criteria), found in the folded text with its stopwords, must be the same on both sides.
Its score is then the Dice of weighted views (a specific concept SPECIFIC times, a context concept
and an uncovered syllable once, a weak ask ASK times) less OFFSET; a candidate scores the better of
that and the live score, so similarity.THRESHOLD serves both. The weights were chosen on
tests/data/paraphrases_tuning_vi.json and tests/data/duplicates_vi.json (bench/README.md).
"""
import functools
import re

from rapidfuzz import process
from rapidfuzz.distance import LCSseq

from live.dialogue import similarity
from live.text.search_text import fold

from . import concepts

ASKS_FILE = concepts.CONCEPTS_FILE.parent / "asks_vi.txt"
STRONG = frozenset({"amount", "age", "time", "criteria"})
CONTEXT = frozenset({"online", "student", "union", "parents", "worker", "highland", "ethnic", "poor",
                     "device", "cost", "police", "law", "teach", "prevent", "report", "dialogue", "behaviour"})
SPECIFIC, ASK, OFFSET = 3, 1, 22  # tuning 0.95 / 0.45, duplicates_vi.json 0.91 / 0.87 (bench/README.md)
_NOT_WORD = re.compile(r"[\W_]+")


def _folded(text):
    return _NOT_WORD.sub(" ", fold(text)).split()


@functools.lru_cache(maxsize=1)
def _asks():
    return concepts.load(ASKS_FILE, reduce=lambda phrase: tuple(_folded(phrase)))


@functools.lru_cache(maxsize=16384)
def asks(text):
    """The asks of a question's text, as a frozenset of names."""
    syllables, found, i = _folded(text), set(), 0
    while i < len(syllables):
        length, ask = similarity.longest_at(_asks(), syllables, i)
        if ask is not None:
            found.add(ask)
        i += length
    return frozenset(found)


@functools.lru_cache(maxsize=16384)
def view(text):
    """(specific concepts, strong asks, weighted features) of a question's text."""
    found = asks(text)
    marks = concepts.marks(similarity.key(text))
    specific = frozenset(mark for mark in marks if mark.startswith("#") and mark[1:] not in CONTEXT)
    features = {mark for mark in marks - specific}
    features.update(f"{mark}+{n}" for mark in specific for n in range(SPECIFIC))
    features.update(f"?{ask}+{n}" for ask in found - STRONG for n in range(ASK))
    return specific, found & STRONG, frozenset(features)


def concept_score(text, other):
    """The concept path's score, 0..100: 0 unless a specific concept is shared and the strong asks agree."""
    specific_a, strong_a, features_a = view(text)
    specific_b, strong_b, features_b = view(other)
    if specific_a.isdisjoint(specific_b) or strong_a != strong_b:
        return 0
    shared = len(features_a & features_b)
    return max(0, round(100 * 2 * shared / (len(features_a) + len(features_b))) - OFFSET)


def best_earlier(text, earlier):
    """(index into `earlier`, score) of the best, as similarity.best_earlier: the live scores in C
    for all, the concept path in Python for the candidates sharing a specific concept."""
    if not earlier:
        return None
    query = similarity._features(similarity.key(text))
    scores = [0] * len(earlier)
    if query:
        features = [similarity._features(similarity.key(other)) for other in earlier]
        for _, count, i in process.extract(query, features, scorer=LCSseq.similarity, limit=None, score_cutoff=1):
            scores[i] = similarity._score(count, len(query), len(features[i]))
    specific = view(text)[0]
    for i, other in enumerate(earlier):
        if not specific.isdisjoint(view(other)[0]):
            scores[i] = max(scores[i], concept_score(text, other))
    best = max(range(len(earlier)), key=lambda i: (scores[i], -i))
    return best, scores[best]
