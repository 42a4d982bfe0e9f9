"""The one guess of a text's language in ai_coach, for postings (the cover letter's language) and CVs.

It tells apart the five languages JobMate writes in (en, fr, de, ru, es) by counting their commonest
short function words, which are rare in the other four; that is dependable for anything longer than a
sentence or two, and needs no model. Cyrillic script alone settles Russian, as Russian postings and
CVs often write technology names in Latin letters.

A library (langdetect, lingua...) would tell apart more languages, but the product only needs these
five, and a guess that changed with a library's version would move scores and parse results.
"""

from __future__ import annotations

import re
from collections import Counter

SAMPLE_CHARS = 20_000  # the opening of a text is enough, and keeps the cost bounded on huge inputs
MIN_STOPWORD_HITS = 2  # one "die" or "la" in an English text is a name, not a language

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to in for with you we our are is will on as be this that your an or at".split()),
    "fr": frozenset("le la les des et est une du pour dans vous nous avec sur au aux ce qui que être votre".split()),
    "de": frozenset("der die das und ist mit für wir sie ein eine den dem zu von auf bei du dich uns im".split()),
    "es": frozenset("el la los las y de en con para por una un es que del tu nuestro se al como más".split()),
    "ru": frozenset("и в на с по для не что это от как мы вы или к за работы опыт из до".split()),
}
LANGUAGES = tuple(_STOPWORDS)
# word -> the languages (in LANGUAGES order) it is a function word of: one lookup per word
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {
    word: tuple(language for language in LANGUAGES if word in _STOPWORDS[language])
    for word in set().union(*_STOPWORDS.values())
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code among LANGUAGES whose function words `text` uses most; None when it cannot tell."""
    sample = text[:SAMPLE_CHARS].casefold()
    words = _WORD.findall(sample)
    if not words:
        return None
    # most texts have no Cyrillic letter at all: one search over the sample settles it
    cyrillic_words = sum(1 for word in words if _CYRILLIC.search(word)) if _CYRILLIC.search(sample) else 0
    if cyrillic_words >= max(3, len(words) // 4):
        return "ru"
    counts: Counter[str] = Counter()
    languages_of = _LANGUAGES_OF
    for word in words:
        for language in languages_of.get(word, ()):
            counts[language] += 1
    if not counts:
        return None
    language, hits = counts.most_common(1)[0]
    return language if hits >= MIN_STOPWORD_HITS else None
