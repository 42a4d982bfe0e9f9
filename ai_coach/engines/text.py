"""Text helpers for the engines: HTML to plain text, sentence splitting, posting-language detection
and spoken-language names in the five languages JobMate writes letters in.
"""

from __future__ import annotations

import html
import re
from collections import Counter

SUPPORTED_LETTER_LANGUAGES = ("en", "fr", "de", "ru", "es")

# The commonest short function words of each language; they are rare in the other four, so counting
# them is a dependable detector for texts longer than a sentence or two.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the and of to in for with you we our are is will on as be this that your an or at".split()
    ),
    "fr": frozenset(
        "le la les des et est une du pour dans vous nous avec sur au aux ce qui que être votre".split()
    ),
    "de": frozenset(
        "der die das und ist mit für wir sie ein eine den dem zu von auf bei du dich uns im".split()
    ),
    "es": frozenset("el la los las y de en con para por una un es que del tu nuestro se al como más".split()),
    "ru": frozenset("и в на с по для не что это от как мы вы или к за работы опыт из до".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)

_TAG = re.compile(r"<[^>]+>")
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article)\b[^>]*>", re.IGNORECASE)
_SCRIPT_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"[ \t\u00a0\u00ad]+")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[^\s])|\n+|\s+[•·▪◦]\s*|(?:^|\s)[-–—*]\s+(?=\w)")


def plain_text(text: str) -> str:
    """Plain text from a posting body that may be HTML or HTML-entity-escaped HTML."""
    if not text:
        return ""
    # Some boards escape their HTML once more (Greenhouse, Arbeitnow): unescape until it is stable.
    for _ in range(2):
        if "&lt;" in text or "&amp;" in text or "&#" in text:
            text = html.unescape(text)
    if "<" in text and ">" in text:
        text = _SCRIPT_STYLE.sub(" ", text)
        text = _BLOCK_TAG.sub("\n", text)
        text = _TAG.sub(" ", text)
        text = html.unescape(text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def sentences(text: str) -> list[str]:
    """Sentences, list items and lines of a plain text, stripped and non-empty."""
    return [part.strip(" -–—*•") for part in _SENTENCE_SPLIT.split(text) if part and part.strip(" -–—*•")]


def detect_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of the language among en/fr/de/ru/es whose stopwords ``text`` uses most."""
    words = _WORD.findall(text[:20000].casefold())
    if not words:
        return default
    counts: Counter[str] = Counter()
    for word in words:
        for language, stopwords in _STOPWORDS.items():
            if word in stopwords:
                counts[language] += 1
    # Cyrillic script alone is strong evidence: Russian postings often list tech names in Latin.
    cyrillic_words = sum(1 for word in words if _CYRILLIC.search(word))
    if cyrillic_words >= max(3, len(words) // 4):
        return "ru"
    if not counts:
        return default
    language, hits = counts.most_common(1)[0]
    return language if hits >= 2 else default


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
