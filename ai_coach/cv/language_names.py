"""Names of spoken languages as CVs write them, in every language the CV parser reads, each with its
ISO 639 code: "Englisch", "anglais", "английский" and "English" all read as ``en``.

The names come from the Unicode CLDR data that Babel ships in its wheel (no download), built once on first
use. Only the languages people list on a CV are kept: those with a two-letter ISO 639-1 code (about 180,
from Afrikaans to Zulu) and a few widely spoken ones without one (Filipino, Cantonese); CLDR's thousands of
rarer languages would bring names that are also ordinary words. CLDR's regional forms ("British English",
"Brazilian Portuguese", "Schweizer Hochdeutsch") read as their language.

Case is part of the guard against false positives: English, German and Dutch capitalise a language's name,
so a name only those write capitalised ("Polish", "German") is not read from a lowercase word ("polish the
UI"), while the lowercase names of French, Spanish, Italian, Portuguese, Russian and Polish ("anglais",
"inglés", "английский") read in any case.
"""

from __future__ import annotations

import functools
from collections.abc import Container
from dataclasses import dataclass

# The languages CVs are read in (headings, dates, languages sections): their names for languages.
CV_LOCALES = ("en", "de", "fr", "es", "it", "pt", "ru", "nl", "pl", "tr", "sv")
# Widely spoken languages that have no ISO 639-1 code but are often listed on their own.
EXTRA_CODES = frozenset({"fil", "yue"})
# Names CVs use that CLDR does not give for the language: Mandarin for Chinese, Farsi for Persian,
# Castellano for Spanish (as Spanish speakers name it).
ALIASES = {
    "mandarin": "zh", "mandarín": "zh", "mandarino": "zh", "mandarim": "zh", "мандаринский": "zh",
    "farsi": "fa", "фарси": "fa", "castellano": "es",
}
# The longest name kept, in words ("Latin American Spanish").
MAX_NAME_WORDS = 3
MIN_NAME_LENGTH = 3
_EDGE_PUNCTUATION = ":-–—,;.()[]"


@dataclass(frozen=True)
class LanguageName:
    code: str
    # Whether some language writes this name in lowercase ("anglais"); if not, a lowercase word is not it.
    lowercase: bool


@functools.lru_cache(maxsize=1)
def language_names() -> dict[str, LanguageName]:
    """{casefolded name: its language}, every CV locale's name of every kept language."""
    from babel import Locale

    names: dict[str, LanguageName] = {}
    for locale in CV_LOCALES:
        for code, name in Locale(locale).languages.items():
            base = code.split("_")[0]
            if not (len(base) == 2 or base in EXTRA_CODES) or "(" in name or len(name.split()) > MAX_NAME_WORDS:
                continue  # a rarer language, or a display form such as "Hindi (Latin)"
            if len(name) < MIN_NAME_LENGTH:
                continue  # Italian "ci" (Twi) is a common word and the "CI" of CI/CD
            key = name.casefold()
            known = names.get(key)
            if known is not None and known.code != base:
                continue  # the first locale's reading wins (English, then the others as listed)
            lowercase = name == name.lower() or (known is not None and known.lowercase)
            names[key] = LanguageName(base, lowercase)
    for alias, code in ALIASES.items():
        names.setdefault(alias, LanguageName(code, True))
    return names


def _matches(written: str, name: LanguageName) -> bool:
    return name.lowercase or written != written.lower()


def language_code(written: str, *, any_case: bool = False) -> str | None:
    """The ISO 639 code of a language's name as a CV writes it ("Englisch" -> "en"), or None; ``any_case``
    drops the case guard (for names known to be languages, such as a label's)."""
    text = " ".join(written.split()).strip(_EDGE_PUNCTUATION + " ")
    name = language_names().get(text.casefold())
    return name.code if name is not None and (any_case or _matches(text, name)) else None


def language_at(words: list[str], start: int = 0, *, any_case: bool = False) -> tuple[str, int] | None:
    """The code and the word count of the longest language name that starts at ``words[start]``
    (["Brazilian", "Portuguese", "(native)"] -> ("pt", 2)), or None."""
    for length in range(min(MAX_NAME_WORDS, len(words) - start), 0, -1):
        if not any(char.isalpha() for char in words[start + length - 1]):
            continue  # "Englisch –": a dash is no part of the name
        code = language_code(" ".join(words[start:start + length]), any_case=any_case)
        if code is not None:
            return code, length
    return None


class LanguageWords(Container[object]):
    """Every language name in any case ("english", "Deutsch", "polish"), for ``in`` tests that keep language
    names out of the skills, where the case says nothing; the table is built on the first test."""

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.casefold() in language_names()
