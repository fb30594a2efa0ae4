"""Duplicate suggestions for moderators: the earlier questions most like a new one.

Plain functions, no Flask, no database. A question's comparable form (`key`) is its text folded
(search_text.fold: no accents, đ -> d), without punctuation and without the words that carry no
topic (data/stopwords_vi.txt). Vietnamese words are often two syllables ("việc làm", "khởi
nghiệp"), so a question is compared as the set of its syllables and of its adjacent syllable pairs.
The score is the mean of Dice (fair between questions of like length) and the overlap coefficient
(fair to a short phone question repeating a long one). bench/duplicates.py measures this, and the
alternatives it beat, on tests/data/duplicates_vi.json; THRESHOLD comes from there.
"""
import functools
import re
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import LCSseq

from ..text.search_text import fold

THRESHOLD = 37  # bench/duplicates.py: precision 0.95, recall 0.87; 36 lets in 3 more wrong, 38 loses 2 right
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
        length, keep = _phrase_at(syllables, i)
        if keep:
            kept.extend(syllables[i:i + length])
        i += length
    return kept


def _phrase_at(syllables, start):
    """(length, keep?) of the longest listed phrase starting there; (1, True) for a content word."""
    phrases, longest = _phrases()
    for length in range(min(longest, len(syllables) - start), 0, -1):
        keep = phrases.get(tuple(syllables[start:start + length]))
        if keep is not None:
            return length, keep
    return 1, True


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
