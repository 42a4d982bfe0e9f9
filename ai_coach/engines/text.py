"""Text helpers for the engines: plain text from a posting body, sentence splitting, and spoken-language
names in the five languages JobMate writes letters in (the posting's own language is ai_coach.language's).
"""

from __future__ import annotations

import html
import re

from common.html_text import html_to_text

_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_SPACES = re.compile(r"[ \t\u00a0\u00ad]+")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[^\s])|\n+|\s+[•·▪◦]\s*|(?:^|\s)[-–—*]\s+(?=\w)")


def plain_text(text: str) -> str:
    """Plain text lines from a posting body that may be HTML or HTML-entity-escaped HTML.

    Discovery stores descriptions already as text; HTML still reaches the engines from postings added
    by hand and from tests, and is read with the converter discovery uses (common.html_text). Blank
    lines and runs of spaces are dropped either way, so sections and sentences read the same.
    """
    if not text:
        return ""
    # Some boards escape their HTML once more (Greenhouse, Arbeitnow): unescape until it is stable.
    for _ in range(2):
        if "&lt;" in text or "&amp;" in text or "&#" in text:
            text = html.unescape(text)
    if _HTML_TAG.search(text):
        text = html_to_text(text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def sentences(text: str) -> list[str]:
    """Sentences, list items and lines of a plain text, stripped and non-empty."""
    return [part.strip(" -–—*•") for part in _SENTENCE_SPLIT.split(text) if part and part.strip(" -–—*•")]


# Spoken languages: canonical English name -> stems of its name in en/ru/de/fr/es (matched as prefixes
# of words, so inflected forms like "английского" or "Deutschkenntnisse" are found).
SPOKEN_LANGUAGE_STEMS: dict[str, tuple[str, ...]] = {
    "English": ("english", "англ", "englisch", "anglais", "inglés", "ingles"),
    "German": ("german", "немец", "немецк", "deutsch", "allemand", "alemán", "aleman"),
    "French": (
        "french",
        "француз",
        "französisch",
        "franzosisch",
        "français",
        "francais",
        "francés",
        "frances",
    ),
    "Russian": ("russian", "русск", "russisch", "russe", "ruso", "rusa"),
    "Spanish": ("spanish", "испанск", "spanisch", "espagnol", "español", "espanol", "castellano"),
    "Italian": ("italian", "итальянск", "italienisch", "italien", "italiano"),
    "Portuguese": ("portuguese", "португальск", "portugiesisch", "portugais", "portugués"),
    "Dutch": ("dutch", "нидерландск", "голландск", "niederländisch", "néerlandais", "neerlandés"),
    "Polish": ("polish", "польск", "polnisch", "polonais", "polaco"),
    "Ukrainian": ("ukrainian", "украинск", "ukrainisch", "ukrainien", "ucraniano"),
    "Uzbek": ("uzbek", "узбекск", "usbekisch", "ouzbek", "uzbeko"),
    "Kazakh": ("kazakh", "казахск", "kasachisch", "kazakh", "kazajo"),
    "Chinese": ("chinese", "mandarin", "китайск", "chinesisch", "chinois", "chino"),
    "Japanese": ("japanese", "японск", "japanisch", "japonais", "japonés"),
    "Arabic": ("arabic", "арабск", "arabisch", "arabe"),
    "Turkish": ("turkish", "турецк", "türkisch", "turc", "turco"),
    "Danish": ("danish", "датск", "dänisch", "danois", "danés"),
    "Swedish": ("swedish", "шведск", "schwedisch", "suédois", "sueco"),
    "Norwegian": ("norwegian", "норвежск", "norwegisch", "norvégien", "noruego"),
    "Finnish": ("finnish", "финск", "finnisch", "finnois", "finlandés"),
}
LANGUAGE_BY_CODE = {"en": "English", "de": "German", "fr": "French", "ru": "Russian", "es": "Spanish"}

# Some stems are also ordinary words or nationalities in context ("German market", "French fries" are
# rare in postings; "russe" is fine). Words that must follow or precede to count as a language need:
_LANGUAGE_CONTEXT = re.compile(
    r"speak|speaking|spoken|fluen|native|proficien|language|written|verbal|level|b1|b2|c1|c2|"
    r"язык|владени|знани|уровен|sprach|kenntnis|fließend|langue|courant|parlé|idioma|nivel|hablad|"
    r"\ba1\b|\ba2\b",
    re.IGNORECASE,
)
_WORD_WITH_POSITION = re.compile(r"[^\W\d_]+", re.UNICODE)


def spoken_language(name: str) -> str | None:
    """Canonical English name of a spoken language written in any of the five languages, or None."""
    word = name.strip().casefold()
    if not word:
        return None
    for canonical, stems in SPOKEN_LANGUAGE_STEMS.items():
        if any(word.startswith(stem) for stem in stems):
            return canonical
    return None


def find_spoken_languages(text: str) -> list[str]:
    """Spoken languages a posting asks for, in order of first mention.

    A language name counts only in a sentence that also talks about language skills ("fluent",
    "знание", "Kenntnisse", "courant", "nivel", CEFR levels...), so "our German office" is not a requirement.
    """
    found: dict[str, None] = {}
    for sentence in sentences(text):
        if not _LANGUAGE_CONTEXT.search(sentence):
            continue
        for match in _WORD_WITH_POSITION.finditer(sentence):
            canonical = spoken_language(match.group(0))
            if canonical:
                found.setdefault(canonical, None)
    return list(found)
