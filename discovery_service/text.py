"""Text normalisation shared by the filters, the de-duplication fingerprint and the feed's text search.

`fold` removes case and accents and nothing else ("Café München" -> "cafe munchen"; punctuation kept, so
a search's quotes and minus signs survive). `normalise` folds case and accents and keeps only letters and digits as space-separated words, so
"Café  Senior-Engineer!" and "cafe senior engineer" compare equal, and phrase matching is a plain
substring test on word boundaries.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# ASCII letters to lower case, digits kept, everything else a space (what _NON_WORD and casefold do to ASCII).
_ASCII_WORDS = {code: (chr(code).lower() if chr(code).isalnum() else " ") for code in range(128)}
# Letters that NFKD does not split into a base letter and an accent.
_FOLD = str.maketrans({"ß": "ss", "ẞ": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
                       "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ı": "i", "þ": "th", "Þ": "th"})


def fold(text: str) -> str:
    """`text` without case or accents, everything else as it was ("Ça Marche!" -> "ca marche!").

    NFKD splits a letter from its accents, which are dropped; letters NFKD keeps whole (ß, ø, ł...)
    are spelt out first. The feed's search text is stored folded and queries are folded the same way."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def normalise(text: str) -> str:
    """Case- and accent-folded words separated by single spaces ("Ça   Marche!" -> "ca marche")."""
    if not text:
        return ""
    if text.isascii():  # most postings: no accents to fold; one C-level pass instead of a regex
        return " ".join(text.translate(_ASCII_WORDS).split())
    return _NON_WORD.sub(" ", fold(text)).strip()


@functools.lru_cache(maxsize=4096)
def normalise_phrase(phrase: str) -> str:
    """`normalise` for the short, repeated strings of a saved search (titles, red flags, keywords)."""
    return normalise(phrase)


class MatchText:
    """A text normalised once and searched for many phrases as whole words."""

    __slots__ = ("padded",)

    def __init__(self, *parts: str) -> None:
        self.padded = " " + " ".join(filter(None, (normalise(part) for part in parts))) + " "

    def has(self, phrase: str) -> bool:
        """Whether `phrase` occurs as whole words ("java" is not in "javascript", "c++" is "c")."""
        needle = normalise_phrase(phrase)
        return bool(needle) and f" {needle} " in self.padded

    def has_all_words(self, phrase: str) -> bool:
        """Whether every word of `phrase` occurs, in any order ("Python Developer" in "Developer (Python)")."""
        words = normalise_phrase(phrase).split()
        return bool(words) and all(f" {word} " in self.padded for word in words)
