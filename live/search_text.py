"""Folding Vietnamese text for accent-insensitive search: NFD, drop combining marks, đ -> d."""
import unicodedata


def fold(value):
    decomposed = unicodedata.normalize("NFD", value or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.replace("đ", "d").replace("Đ", "D").casefold().split())
