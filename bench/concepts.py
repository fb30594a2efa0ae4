"""An alternative for duplicate suggestions, measured by bench/duplicates.py and not live: the
same ask in other words, through a curated concept lexicon (bench/concepts_vi.txt).

A question's concept view is the concepts its phrases stand for (each counted CONCEPT_WEIGHT
times) and the content syllables no phrase covers ("generic" phrases, words of any ask, dropped).
A candidate scores the better of the live score and the Dice of the two concept views less
OFFSET, so one threshold serves both. CONCEPT_WEIGHT and OFFSET were chosen on
tests/data/paraphrases_tuning_vi.json and tests/data/duplicates_vi.json; bench/README.md has what
it does on the held-out tests/data/paraphrases_test_vi.json, and why it is not live.
"""
import functools
import re
from pathlib import Path

from live.dialogue import similarity

CONCEPTS_FILE = Path(__file__).resolve().parent / "concepts_vi.txt"
CONCEPT_WEIGHT = 2
OFFSET = 16
IGNORED = "generic"
_NAME = re.compile(r"[a-z][a-z_]*")


@functools.lru_cache(maxsize=4)
def load(path=CONCEPTS_FILE, reduce=None):
    """({phrase as syllables: concept}, longest) from a lexicon file, each phrase reduced as a
    question's key is unless `reduce` (phrase -> tuple of syllables) says otherwise."""
    concepts = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, phrases = _line(line, reduce)
            for phrase in phrases:
                if concepts.setdefault(phrase, name) != name:
                    raise ValueError(f"\"{' '.join(phrase)}\" of two concepts: {line}")
    return concepts, max(map(len, concepts), default=1)


def _line(line, reduce=None):
    """(concept, [phrase as syllables]) of a line "concept: phrase, phrase"."""
    name, colon, phrases = line.partition(":")
    if not colon or not _NAME.fullmatch(name.strip()):
        raise ValueError(f"not \"concept: phrase, phrase\": {line}")
    reduce = reduce or (lambda phrase: tuple(similarity.key(phrase).split()))
    reduced = [reduce(phrase) for phrase in phrases.split(",")]
    if not all(reduced):
        raise ValueError(f"an empty phrase, or one of stopwords only: {line}")
    return name.strip(), reduced


@functools.lru_cache(maxsize=16384)
def marks(comparable):
    """The concepts of a key ("#name") and the syllables no phrase covers."""
    syllables, found, i = comparable.split(), set(), 0
    while i < len(syllables):
        length, concept = similarity.longest_at(load(), syllables, i)
        if concept is None:
            found.add(syllables[i])
        elif concept != IGNORED:
            found.add(f"#{concept}")
        i += length
    return frozenset(found)


@functools.lru_cache(maxsize=16384)
def view(comparable):
    """The concept view of a key: its marks, each concept counted CONCEPT_WEIGHT times."""
    found = marks(comparable)
    return frozenset(found).union(f"{mark}{'+' * n}" for mark in found if mark.startswith("#")
                                  for n in range(1, CONCEPT_WEIGHT))


def score(text, other):
    """The better of the live score and the concept views' Dice less OFFSET, 0..100."""
    a, b = similarity.key(text), similarity.key(other)
    surface_a, surface_b = set(similarity._features(a)), set(similarity._features(b))
    if not surface_a or not surface_b:
        return 0
    live = similarity._score(len(surface_a & surface_b), len(surface_a), len(surface_b))
    view_a, view_b = view(a), view(b)
    dice = 100 * 2 * len(view_a & view_b) / (len(view_a) + len(view_b))
    return max(live, round(dice) - OFFSET)


def best_earlier(text, earlier):
    """(index into `earlier`, score) of the best, as similarity.best_earlier."""
    scores = [(score(text, other), -index) for index, other in enumerate(earlier)]
    best = max(scores, default=None)
    return (-best[1], best[0]) if best else None
