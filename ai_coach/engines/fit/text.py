"""Words for the fit score: lower-cased, stop words out, reduced to Snowball stems.

Stems let "developer" meet "development" and "recruiter" meet "recruitment", while a real stemmer
keeps apart what a fixed-length prefix would join ("electronics" -> "electron", "electrician" ->
"electrician": a six-letter prefix made a Java developer with a BE in Electronics look like an
electrician). The stemmer follows the text's language among the five JobMate reads.

Mis-decoded UTF-8 (``â€¢`` for a bullet, common in pasted CVs) is repaired first when the repair is
exact, so its debris does not become words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import snowballstemmer

from ai_coach.language import detect_language

STEMMER_BY_LANGUAGE = {"en": "english", "de": "german", "fr": "french", "es": "spanish", "ru": "russian"}

# Words with letters, keeping the + # of C++ and C# and the dots of Node.js; digits alone carry no topic.
_TOKEN = re.compile(r"[^\W\d_][\w+#]*(?:\.[^\W\d_]\w*)*", re.UNICODE)
_MOJIBAKE = re.compile(r"[âÃÂ][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿]")

# Function words of the five languages, plus the filler of job texts in English that says nothing about
# the work ("responsibilities", "candidate"): without them a CV and any posting look alike.
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each etc few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my
    myself no nor not now of off on once only or other our ours ourselves out over own per same she should
    so some such than that the their theirs them themselves then there these they this those through to
    too under until up very via was we were what when where which while who whom why will with within
    would you your yours yourself yourselves well able may must us via etc ie eg
    le la les des et est une un du pour dans vous nous avec sur au aux ce qui que être votre vos nos notre
    der die das und ist mit für wir sie ein eine einen den dem des zu von auf bei du dich uns im oder als
    el los las y de en con para por una es del tu nuestro se al como más sus su
    и в на с по для не что это от как мы вы или к за из до о у же а но бы то
    experience experienced years year work working skills skill strong excellent good ability knowledge
    required requirements responsibilities responsible candidate candidates job jobs position role company
    opportunity looking join team teams including include includes environment based across various plus
    preferred minimum high highly level levels using use used time full part day days week weeks month
    months
    """.split()
)


@lru_cache(maxsize=8)
def _stemmer(language: str) -> Callable[[str], str]:
    stemmer = snowballstemmer.stemmer(STEMMER_BY_LANGUAGE.get(language, "english"))
    return lru_cache(maxsize=200_000)(stemmer.stemWord)


def repair_mojibake(text: str) -> str:
    """UTF-8 read as Latin-1/Windows-1252 turned back into UTF-8, when the whole text round-trips."""
    if not _MOJIBAKE.search(text):
        return text
    for encoding in ("cp1252", "latin-1"):
        try:
            return text.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


# Two words run together where markup was stripped without a separator: a posting's list items whose <li>
# tags went ("... a fast-paced environmentConsistently meets deadlines", "degree requiredAbility to lift"; 241
# of the 318 ranking postings have such words, 2,996 in all), a pasted CV's heading ("6 monthsCompany
# Details"). Kept whole, such a word is no word of either text: no stem to share, no skill found (48 of
# those postings name 73 more skills when split: "Hibernate" in "layerHibernate"), fragments for the
# embedding. A word that opens with two or more lower-case letters and goes on with capitalised ones is
# split before each capital by a line break (the separator lost was a list item's or a paragraph's). One
# letter before the capital is a name ("iPhone", "eBay", "jQuery"), so is an upper-case run after it
# ("macOS", "mongoDB"), and a written name of that shape the caller knows ("spaCy", "pfSense") is kept. A
# run-on that opens with a capital ("JavaModel") is left: it cannot be told from "JavaScript" or a
# company's name ("MarketInvoice").
_LOWER = "a-zß-öø-ÿа-яё"
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_RUN_ON = re.compile(rf"(?<!\w)[{_LOWER}]{{2,}}(?:[{_UPPER}][{_LOWER}]+)+(?!\w)")
_RUN_ON_BREAK = re.compile(rf"(?<=[{_LOWER}])(?=[{_UPPER}])")


def split_run_ons(text: str, known: Callable[[str], bool] | None = None) -> str:
    """``text`` with words run together where a separator was lost ("requiredAbility") split by line
    breaks; a word ``known`` accepts ("spaCy") is kept as written."""
    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        return word if known is not None and known(word) else _RUN_ON_BREAK.sub("\n", word)

    return _RUN_ON.sub(split, text)


LANGUAGE_SAMPLE_CHARS = 800  # a hundred-odd words: enough function words to tell the five apart


def language_of(text: str) -> str:
    return detect_language(text[:LANGUAGE_SAMPLE_CHARS]) or "en"


def tokens(text: str) -> list[str]:
    """The words of ``text`` as written (case kept: the embedding model tells "Go" from "go")."""
    return _TOKEN.findall(text)


def words(tokens_: list[str]) -> list[str]:
    """Lower-cased words without stop words and single letters (not stemmed)."""
    lowered = (token.casefold() for token in tokens_)
    return [word for word in lowered if word not in STOP_WORDS and len(word) > 1]


def stems(text: str, language: str | None = None) -> list[str]:
    """Stems of the words of ``text``, in order, stemmed for its language (detected when not given)."""
    stem = _stemmer(language or language_of(text))
    return [stem(word) for word in words(tokens(text))]


def stem_pairs(words_: list[str], language: str) -> list[tuple[str, str]]:
    """(stem, word) pairs, to show the user a word rather than a stem."""
    stem = _stemmer(language)
    return [(stem(word), word) for word in words_]
