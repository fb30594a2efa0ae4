"""Folding Vietnamese text for accent-insensitive search (NFD, drop combining marks, đ -> d), and
the bounded terms a search query becomes."""
import re
import unicodedata
from collections import namedtuple

TERMS_MAX = 8  # distinct words searched: more narrow nothing a person types, and each costs a scan
PREFIX_MIN = 2  # a shorter word matches whole words only: "c*" would expand to most of the index
TERM_MAX = 40  # longer words are cut to a prefix of this length (still matching the word)

Term = namedtuple("Term", "word prefix")


def fold(value):
    decomposed = unicodedata.normalize("NFD", value or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.replace("đ", "d").replace("Đ", "D").casefold().split())


def terms(query):
    """The query's distinct folded words, in order, at most TERMS_MAX of them, each a Term: a word
    of PREFIX_MIN letters or more matches as a prefix, a shorter one as a whole word."""
    words = dict.fromkeys(word[:TERM_MAX] for word in re.findall(r"\w+", fold(query)))  # as FTS5's unicode61 splits
    return [Term(word, len(word) >= PREFIX_MIN) for word in list(words)[:TERMS_MAX]]
