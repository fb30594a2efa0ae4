"""The word list: words and phrases a moderator should look at before a question goes public.

A curated data file (live/dialogue/data/flagged_words.txt), Vietnamese with and without diacritics and
English. Matching is whole-word on lower-cased NFC text, never on folded text: folding would make
"đeo" (to wear) match "đéo". A match only flags the question; nothing is dropped.
"""
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

WORD_LIST = Path(__file__).resolve().parent / "data" / "flagged_words.txt"


@lru_cache(maxsize=1)
def _pattern():
    words = []
    for line in WORD_LIST.read_text(encoding="utf-8").splitlines():
        line = unicodedata.normalize("NFC", line.split("#", 1)[0].strip().lower())
        if line:
            words.append(r"\s+".join(re.escape(part) for part in line.split()))
    # longest first, so a phrase wins over the word it starts with
    words.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)")


def flagged_words(value):
    """The listed words and phrases found in `value`, each once, in order of appearance."""
    found = _pattern().findall(unicodedata.normalize("NFC", value or "").lower())
    return list(dict.fromkeys(" ".join(match.split()) for match in found))
