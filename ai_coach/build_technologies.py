"""Rebuild ``data/technologies.tsv``, the broad technology taxonomy, from O*NET's Technology Skills file.

    python -m ai_coach.build_technologies "/path/to/Technology Skills.txt" /path/to/spellchecker/resources

The second argument is the ``resources`` folder of pyspellchecker (requirements-dev.lock; print it with
``python -c "import spellchecker, os; print(os.path.dirname(spellchecker.__file__) + '/resources')"``): its
word-frequency lists tell the ordinary words of the CV languages (``common_words``).

The source is the O*NET database's "Technology Skills" file (tab-separated: O*NET-SOC code, Example,
Commodity Code, Commodity Title, Hot Technology, In Demand): about 8,700 named software products and
languages that O*NET lists as used in some occupation. O*NET is licensed under CC BY 4.0; the
attribution is in the header of the data file and in ``engines/fit/data/NOTICE.md``.

The file is reduced to what the CV parser needs: one row per named product, with its commodity title
(what kind of software it is), whether O*NET marks it a "hot technology", the spellings a CV uses for it
and whether its name is also an ordinary word. The reduction rules, each with its reason:

- Examples that describe a kind of software rather than name one ("Word processing software",
  "Rust programming language": every word after the first in lower case) are dropped; they are
  commodity descriptions, and their words are ordinary words of a sentence.
- A trailing " software" is cut ("Microsoft Azure software" -> "Microsoft Azure"): CVs never write it.
- A name that ends with the acronym of its own words ("Amazon Web Services AWS",
  "JavaScript Object Notation JSON") gives two spellings, the long form and the acronym.
- A vendor's name in front ("Atlassian JIRA", "Oracle Java", "Autodesk AutoCAD") is also dropped as a
  second spelling when the vendor names at least ``MIN_VENDOR_PRODUCTS`` products (so it is a vendor,
  not the first word of a product) and what remains still names a product: no ordinary word in it
  ("Microsoft Word" does not give "Word", nor "ABB Production Planning" "Production Planning").
- A one-word name that is also an ordinary English word is kept only when O*NET marks it a hot
  technology ("Chef", "Puppet", "Go"; not "Edible" or "Dig", obscure products whose name is mostly
  met as the word), and is marked ``word``: the vocabulary then matches it only with its own capitalisation and with the context rules
  of ambiguous skills. "Ordinary" means its stem occurs in at least ``ORDINARY_WORD_DF`` of the ESCO
  occupation and skill descriptions (``engines/fit/data/background_df.json``).
- The short name a product is written by is derived from its full name (``short_names``): the vendor in
  front ("IBM", "Trimble", and a vendor's name ending with a company word: "QSR International") and the
  edition, version or kind words behind ("Pro", "Enterprise", "Suite", "2019", "Statistics", "Database")
  are cut, so "IBM SPSS Statistics" is also "SPSS", "QSR International NVivo" "NVivo", "Trimble SketchUp
  Pro" "SketchUp" (CVs name the product, not the catalogue entry). A short name is kept only when it
  still names a product: no word of it is an ordinary word of English (as above, or any word of
  pyspellchecker's English word-frequency list) or one of the ``COMMON_WORD_RANK`` most frequent words of
  another CV language (German, French, Spanish, Italian, Portuguese, Dutch: the same package's lists; a
  build-time tool only, pinned in requirements-dev), it is not already the spelling of
  another product or of a curated skill (``data/skills.toml``: "Microsoft SQL Server" gives no "SQL") nor
  joins such spellings with a slash ("C/C++" of a compiler suite is two skills) nor is one word that is a
  given name (``data/given_names.tsv``: "Bento" of "FileMaker Bento" is a person or a street in a CV), and
  it is derived from one product only, or from several of which exactly one is a hot technology (the one a
  CV means by it: "Teradata" is "Teradata Database", not "Teradata Parallel Transporter"). A short name in
  capitals ("PED", "HCS", "SISTEM") stands for too many things, or is a word the vendor set in capitals, and
  is kept for a hot technology only ("SPSS").
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

DATA_PATH = Path(__file__).resolve().parent / "data" / "technologies.tsv"
BACKGROUND_DF_PATH = Path(__file__).resolve().parent / "engines" / "fit" / "data" / "background_df.json"
MIN_VENDOR_PRODUCTS = 5
ORDINARY_WORD_DF = 10
COMMON_WORD_RANK = 20_000
COMMON_WORD_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl")
MIN_SHORT_NAME = 3  # "R", "QA": two letters are too often something else
# Words that end a vendor's name ("QSR International NVivo", "Adobe Systems Adobe Acrobat").
COMPANY_WORDS = frozenset({
    "international", "inc", "inc.", "corporation", "corp", "corp.", "technologies", "technology", "solutions",
    "systems", "software", "labs", "ltd", "ltd.", "llc", "gmbh", "ag", "group", "associates", "company",
})
# Words that name an edition, a packaging or a platform of a product, not the product.
EDITION_WORDS = frozenset({
    "pro", "professional", "enterprise", "suite", "software", "standard", "premium", "edition", "express",
    "ultimate", "desktop", "server", "online", "lite", "basic", "advanced", "version", "release",
})
_VERSION = re.compile(r"^(v?\d[\d.x]*|[IVX]{1,4}|\d{4}|\(.*\)?|.*\))$", re.IGNORECASE)
_SOFTWARE_SUFFIX = re.compile(r"\s+software$", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")

HEADER = """\
# JobMate technology taxonomy: named software, languages and platforms a CV may list.
# Source: O*NET "Technology Skills" file (O*NET-SOC Code, Example, Commodity Code, Commodity Title,
#   Hot Technology, In Demand), as committed in the public repository bstunney/onet-analysis at commit
#   b01bdf77910d509252bfde1dd3322a8a1f694b08 (O*NET database release of early 2024).
# Licence: CC BY 4.0. This product includes information from the O*NET Database by the U.S. Department
#   of Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 licence.
#   O*NET(R) is a trademark of USDOL/ETA. USDOL/ETA has not approved, endorsed, or tested these
#   modifications.
# Modifications: reduced by ai_coach/build_technologies.py (rules in its docstring): one row per named
#   product; generic descriptions dropped; " software" cut; acronym, vendor-less and short-name spellings
#   (vendor, edition and kind words cut: "IBM SPSS Statistics" -> "SPSS") added.
# Columns: name <TAB> spellings ("|"-separated, the name first) <TAB> commodity title <TAB> hot (Y/N)
#   <TAB> ordinary word (Y/N: matched only as written, with the context rules of ambiguous skills)
"""


def _is_description(example: str) -> bool:
    words = example.split()
    return len(words) > 1 and all(word[0].islower() for word in words[1:] if word[0].isalpha())


def _ordinary(word: str, document_frequency: dict[str, int]) -> bool:
    from ai_coach.engines.fit.text import stems

    found = stems(word, "en")
    return len(found) == 1 and document_frequency.get(found[0], 0) >= ORDINARY_WORD_DF


def _names_a_product(words: str, document_frequency: dict[str, int]) -> bool:
    """Whether what follows a vendor's name still names a product on its own: "JIRA", "RobotStudio",
    "Java", not "Production Planning" or "Word"."""
    tokens = [token for token in re.split(r"[\s/&-]+", words) if token]
    if len(words) < 2 or not tokens or not tokens[0][0].isupper():
        return False
    return not any(token.isalpha() and _ordinary(token, document_frequency) for token in tokens)


def _acronym_split(name: str) -> list[str]:
    """["Amazon Web Services", "AWS"] for "Amazon Web Services AWS"; [] when the last word is not the
    acronym of the words before it."""
    words = name.split()
    if len(words) < 3 or not _ACRONYM.match(words[-1]):
        return []
    initials = "".join(word[0] for word in words[:-1] if word[0].isupper()).upper()
    acronym = words[-1]
    if initials.endswith(acronym) or acronym == "".join(word[0] for word in words[:-1]).upper():
        long_form = " ".join(words[:-1])
        return [long_form, acronym]
    return []


def common_words(word_lists: Path, rank: int = COMMON_WORD_RANK) -> frozenset[str]:
    """Every word of the English list and the ``rank`` most frequent words of each other CV language, lower
    case, from pyspellchecker's word-frequency lists (``word_lists`` is its ``resources`` folder:
    ``<language>.json.gz``, word -> count; read as data, so the build needs no import of a dev-only package).
    All of English: the products are named in English, so any English word ("Fluency", "Retention", "Finder")
    left of a catalogue name is that word in a CV, not the product."""
    words: set[str] = set()
    for language in COMMON_WORD_LANGUAGES:
        with gzip.open(word_lists / f"{language}.json.gz", "rt", encoding="utf-8") as handle:
            frequency: dict[str, int] = {word.lower(): count for word, count in json.load(handle).items()}
        words.update(frequency if language == "en" else sorted(frequency, key=frequency.__getitem__,
                                                                 reverse=True)[:rank])
    return frozenset(words)


def short_names(name: str, vendors: Counter[str], is_word: Callable[[str], bool]) -> list[str]:
    """The shorter names a CV may write a product by: ``name`` less its vendor in front and its edition,
    version and kind words behind ("IBM SPSS Statistics" -> ["SPSS Statistics", "SPSS"]). Only the ones
    no word of which is an ordinary word (``is_word``) and that differ from ``name``."""
    words = name.split()
    start = 0
    company = next((index for index, word in enumerate(words[:-1]) if word.casefold() in COMPANY_WORDS), None)
    if company is not None and company < len(words) - 1:
        start = company + 1
    elif len(words) > 1 and vendors[words[0]] >= MIN_VENDOR_PRODUCTS:
        start = 1
    while start < len(words) - 1 and words[start] == words[0]:
        start += 1  # "Adobe Systems Adobe Acrobat"
    found = []
    end = len(words)
    while end > start:
        candidate = words[start:end]
        if candidate != words and _is_product_name(candidate, is_word):
            found.append(" ".join(candidate))
        last = words[end - 1]
        if not (last.casefold() in EDITION_WORDS or _VERSION.match(last) or is_word(last)):
            break
        end -= 1
    return found


def _is_product_name(words: list[str], is_word: Callable[[str], bool]) -> bool:
    text = " ".join(words)
    return (len(text) >= MIN_SHORT_NAME and words[0][0].isupper() and any(ch.isalpha() for ch in text)
            and not any(word.casefold() in EDITION_WORDS or _VERSION.match(word) or is_word(word)
                        for word in words))


def build(source: Path, word_lists: Path) -> str:
    document_frequency: dict[str, int] = json.loads(BACKGROUND_DF_PATH.read_text(encoding="utf-8"))["df"]
    commodity: dict[str, str] = {}
    hot: dict[str, bool] = defaultdict(bool)
    with source.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            example = " ".join(row["Example"].split())
            if not example or _is_description(example):
                continue
            commodity.setdefault(example, row["Commodity Title"].strip())
            hot[example] |= row["Hot Technology"].strip() == "Y"
    vendors = Counter(example.split()[0] for example in commodity if len(example.split()) > 1)
    rows: dict[str, list[str]] = {}
    for example in sorted(commodity, key=str.casefold):
        name = _SOFTWARE_SUFFIX.sub("", example).strip()
        if not name:
            continue
        spellings = [name]
        split = _acronym_split(name)
        if split:
            spellings = split[1:] if _is_description(split[0]) else split
        words = spellings[0].split()
        if len(words) > 1 and vendors[words[0]] >= MIN_VENDOR_PRODUCTS:
            rest = " ".join(words[1:])
            if _names_a_product(rest, document_frequency):
                spellings.append(rest)
        spellings = list(dict.fromkeys(spellings))
        ordinary = len(spellings[0].split()) == 1 and _ordinary(spellings[0], document_frequency)
        if (ordinary or len(spellings[0]) <= 2) and not hot[example]:
            continue  # an obscure product called by a common word ("Edible", "Dig") is mostly that word
        key = spellings[0].casefold()
        if key in rows:
            continue  # "X" and "X software" are one product
        rows[key] = [spellings[0], "|".join(spellings), commodity[example], "Y" if hot[example] else "N",
                     "Y" if ordinary else "N"]
    from ai_coach.cv.fields import given_names

    _add_short_names(rows, vendors, document_frequency, common_words(word_lists), given_names())
    lines = ["\t".join(row) for row in rows.values()]
    return HEADER + "\n".join(lines) + "\n"


def _add_short_names(rows: dict[str, list[str]], vendors: Counter[str], document_frequency: dict[str, int],
                     common: frozenset[str], given_names: frozenset[str] = frozenset()) -> None:
    """Add to ``rows`` (name, spellings, commodity, hot, ordinary) the short names of their products that
    name one product only (rules in the module docstring)."""
    from ai_coach.cv.text import fold_name_word
    from ai_coach.vocabulary import load_vocabulary, normalise_spelling

    def is_word(word: str) -> bool:
        return word.casefold() in common or (word.isalpha() and _ordinary(word, document_frequency))

    curated = load_vocabulary()
    taken = {normalise_spelling(spelling) for row in rows.values() for spelling in row[1].split("|")}
    for name in curated.names:
        entry = curated.entry(name)
        taken.update(normalise_spelling(spelling) for spelling in (name, *entry.aliases, *(entry.exact or ())))
    contenders: dict[str, list[str]] = defaultdict(list)
    spelled: dict[str, str] = {}
    for key, row in rows.items():
        for short in short_names(row[1].split("|")[0], vendors, is_word):
            short_key = normalise_spelling(short)
            joins_known = "/" in short and all(normalise_spelling(part) in taken for part in short.split("/"))
            a_given_name = " " not in short and fold_name_word(short) in given_names
            if short_key not in taken and not (joins_known or a_given_name) and key not in contenders[short_key]:
                contenders[short_key].append(key)
                spelled[short_key] = short
    for key in rows:  # a vendor's name is as much every product of that vendor
        vendor = rows[key][0].split()[0]
        vendor_key = normalise_spelling(vendor)
        if vendor_key in contenders and key not in contenders[vendor_key] and vendors[vendor] >= MIN_VENDOR_PRODUCTS:
            contenders[vendor_key].append(key)
    for short_key, keys in contenders.items():
        hot = [key for key in keys if rows[key][3] == "Y"]
        owner = keys[0] if len(keys) == 1 else hot[0] if len(hot) == 1 else None
        short = spelled[short_key]
        if owner is not None and (rows[owner][3] == "Y" or not short.isupper()):
            rows[owner][1] += "|" + short


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    DATA_PATH.write_text(build(Path(sys.argv[1]), Path(sys.argv[2])), encoding="utf-8")
    print(f"wrote {DATA_PATH}")
