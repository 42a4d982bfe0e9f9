"""Rebuild ``data/esco_job_heads.tsv``, the job nouns of the CV languages, from ESCO's occupation labels.

    python -m ai_coach.build_esco_heads /path/to/melo-benchmark

The source is ESCO's occupation labels (preferred and alternative, with the masculine and feminine forms)
in each CV language, as committed in the public repository Avature/melo-benchmark (MIT; the labels are
ESCO's, © European Union) at commit ``SOURCE_COMMIT``: ``data/processed/melo/<set>/corpus_elements.tsv``
(element id, label) with ``concept_mapping.tsv`` beside it (element id, ESCO concept URI). Only labels of
ESCO occupations are read (not of ISCO groups). The full label lists are not shipped.

A label names its job by one word, its head; the CV parser asks whether a piece of a header holds one
(cv/fields.py JOB_WORDS). The reduction rules, each with its reason:

- A label is cut at its first comma, parenthesis or " - " (what follows qualifies it: "chef, allmännyttiga
  bostäder", "maskinoperatør - formning af papirpulp"), and a "/" parts its masculine and feminine forms.
- Where the head sits depends on the language: the first noun in the Romance and Slavic languages and in
  Dutch and the Nordic ones ("técnico de ...", "vývojář softwaru", "medewerker tuinbouw", "lærer i ..."),
  after the adjectives that may stand before it ("zákonný opatrovník", "økonomisk rådgiver", "technisch
  ontwerpster"), known by their endings (``ADJECTIVE_ENDINGS``); the last word before the first lower-case
  word in German ("Technischer Leiter", "Softwareentwickler für Embedded Systems"); the last word before a
  preposition in English.
- A compound ends on its job in German, Dutch, Swedish and Danish ("Softwareentwickler",
  "systemutvecklare", "softwareudvikler"): the longest ending of a head that is itself a head
  ("entwickler", "utvecklare", "udvikler") counts for that head too, and is shipped as an ending
  (``Y``: the parser lets any stem stand before it; ``E`` when it heads too few labels alone to count
  as a word of its own: "Hilfe" is help, "Küchenhilfe" a job). An ending that is also an English word is
  matched as a word only ("Trigger" ends on no "rigger").
- A head is kept when it heads the labels of at least ``MIN_OCCUPATIONS`` different occupations (a word a
  single occupation is named by is as often a rare trade as a mistake of the rules above), and when it
  heads at least as many occupations as it stands in without heading them (``MIN_HEAD_SHARE``): "oddělení",
  "Vertrieb", "software" or "maschine" stand in many labels as the field, department or equipment of the
  job, not as the job.
- Words of fewer than ``MIN_LETTERS`` letters are dropped ("it", "ds", "pr"): as a word of a header they are
  as often something else. So are heads of the other languages that are ordinary English words and no
  English job noun ("personal", "stand"; the test of build_technologies.py: the Snowball stem in at least
  ``ORDINARY_WORD_DF`` ESCO descriptions) and heads that are a town's name ("guarda", "mestre", "weber").
- English heads are read (they tell which words are English job nouns) but not shipped: the parser's English
  job nouns are O*NET's (ai_coach/occupation_titles.py), whose shape test keeps out what ESCO's English heads
  would add of equipment, ordinary words and surnames ("printer", "blender", "holder", "woman", "major",
  "smith", "walker").
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from ai_coach.occupation_titles import job_noun_heads, onet_titles
from common.places import is_town_name

DATA_PATH = Path(__file__).resolve().parent / "data" / "esco_job_heads.tsv"
SOURCE_REPOSITORY = "Avature/melo-benchmark"
SOURCE_COMMIT = "014982fef0abf5149b16e75b1043bd286ae4c98f"
# The MELO data set whose corpus holds the ESCO labels of each language, and the ESCO version they are of
# (src/melo_benchmark/data_processing/dataset_builder.py of the same commit).
LANGUAGE_SETS = {
    "en": ("usa_q_en_c_en", "1.1.0"),
    "de": ("aut_q_de_c_de", "1.1.0"),
    "fr": ("fra_q_fr_c_fr", "1.0.9"),
    "es": ("esp_q_es_c_es", "1.0.8"),
    "it": ("ita_q_it_c_it", "1.0.8"),
    "pt": ("prt_q_pt_c_pt", "1.0.3"),
    "nl": ("nld_q_nl_c_nl", "1.0.3"),
    "pl": ("pol_q_pl_c_pl", "1.0.3"),
    "cs": ("cze_q_cs_c_cs", "1.0.9"),
    "sk": ("svk_q_sk_c_sk", "1.0.8"),
    "sv": ("swe_q_sv_c_sv", "1.1.1"),
    "da": ("dnk_q_da_c_da", "1.0.8"),
}
HEAD_LAST = frozenset(("en", "de"))
COMPOUNDING = frozenset(("de", "nl", "sv", "da"))
# Endings of the adjectives that may stand before the head noun in the head-first languages.
ADJECTIVE_ENDINGS = {
    "pl": ("owy", "owa", "ny", "na", "ki", "ka", "czy", "cza", "szy", "sza", "wy", "wa"),
    "cs": ("ý", "á", "é", "ní"),
    "sk": ("ý", "á", "é", "ny", "na"),
    "nl": ("isch", "ische", "eel", "ele", "aal", "ale", "ief", "ieve", "ig", "ige", "lijk", "lijke", "eerste",
           "tweede", "hoofd"),
    "sv": ("isk", "iska", "ad", "ade", "ig", "iga", "ell", "ella", "andre", "förste"),
    "da": ("isk", "iske", "ig", "ige", "el", "elle", "anden", "første"),
}
ENGLISH_STOPS = frozenset("of for in and or at on with to the a an".split())
MIN_OCCUPATIONS = 3
MIN_HEAD_SHARE = 0.5
MIN_LETTERS = 4
MIN_ENDING_LETTERS = 5
MIN_COMPOUNDS = 3
ORDINARY_WORD_DF = 10
BACKGROUND_DF_PATH = Path(__file__).resolve().parent / "engines" / "fit" / "data" / "background_df.json"
_CUT = re.compile(r",|\(|\s[-–]\s|;")
# The first half of a pair sharing its end: "Import- und Exportmanager", "geld- en waardetransport".
_TRUNCATED = re.compile(r"[^\W\d_]+-(?:\s+(?:und|oder|and|or|en|of|et|ou|y|o|e|och|eller|og)\b)?(?=\s|$)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

HEADER = """\
# JobMate job nouns of the CV languages: the words ESCO's occupation labels name their jobs by.
# Source: ESCO occupation labels (preferred and alternative) per language, as committed in the public
#   repository Avature/melo-benchmark (MIT) at commit {commit}, files
#   data/processed/melo/<set>/corpus_elements.tsv and concept_mapping.tsv; ESCO versions: {versions}.
# Licence: ESCO, (c) European Union, https://esco.ec.europa.eu; reuse authorised provided the source is
#   acknowledged (Commission Decision 2011/833/EU). This product uses the ESCO classification of the
#   European Commission. The European Commission has not approved or endorsed these modifications.
# Modifications: reduced by ai_coach/build_esco_heads.py (rules in its docstring) to the head words of the
#   labels that head labels of at least {min_occ} occupations; the labels themselves are not shipped; the
#   English labels only tell which words are English job nouns (no English rows).
# Columns: language <TAB> head (lower case) <TAB> occupations it heads <TAB> how it is matched: N a word
#   of its own; Y also the end of a compound after any stem ("entwickler" in "Softwareentwickler"); E only
#   the end of a compound ("hilfe" in "Küchenhilfe", not "Hilfe")
"""


def read_labels(root: Path, language: str) -> dict[str, list[str]]:
    """The labels of each ESCO occupation (concept URI -> labels) in ``language``."""
    folder = root / "data" / "processed" / "melo" / LANGUAGE_SETS[language][0]
    uris = {}
    for line in (folder / "concept_mapping.tsv").read_text(encoding="utf-8").splitlines():
        key, _, uri = line.partition("\t")
        uris[key] = uri
    labels: dict[str, list[str]] = defaultdict(list)
    for line in (folder / "corpus_elements.tsv").read_text(encoding="utf-8").splitlines():
        key, _, label = line.partition("\t")
        uri = uris.get(key, "")
        if "/esco/occupation/" in uri:
            labels[uri].append(label)
    return labels


def _adjective(word: str, language: str) -> bool:
    return word.casefold().endswith(ADJECTIVE_ENDINGS.get(language, ()))


def head_index(label: str, language: str) -> tuple[list[str], int] | None:
    """The words of ``label`` (its part before any comma or parenthesis) and the index of its head word."""
    part = _TRUNCATED.sub(" ", _CUT.split(label)[0])
    words = _WORD.findall(part.replace("-", " "))
    if not words:
        return None
    if language == "de":
        capitalised = [index for index, word in enumerate(words) if word[:1].isupper()]
        end = next((index for index, word in enumerate(words) if not word[:1].isupper()), len(words))
        heads = [index for index in capitalised if index < end]
        return (words, heads[-1]) if heads else None
    if language == "en":
        end = next((index for index, word in enumerate(words) if word.casefold() in ENGLISH_STOPS), len(words))
        return (words, end - 1) if end > 0 else None
    index = 0
    while (index + 1 < len(words) and _adjective(words[index], language)
           and len(words[index + 1]) >= MIN_LETTERS and not _adjective(words[index + 1], language) or
           index + 2 < len(words) and _adjective(words[index], language) and _adjective(words[index + 1], language)):
        index += 1
    return words, index


def _forms(labels: dict[str, list[str]], language: str):
    """(occupation URI, words, index of the head word by position) for every form of every label."""
    for uri, names in labels.items():
        for name in names:
            for form in name.split("/"):
                found = head_index(form, language)
                if found is not None:
                    yield uri, found[0], found[1]


def _ending(word: str, heads: dict[str, set[str]]) -> str | None:
    """The longest proper ending of a compound that is itself a head ("entwickler" of "softwareentwickler")."""
    for start in range(1, len(word) - MIN_ENDING_LETTERS + 1):
        if word[start:] in heads:
            return word[start:]
    return None


def _score(word: str, by_position: dict[str, int], language: str) -> int:
    """How many occupations a word heads by the first count, itself or, in a compounding language, by its
    ending ("Applikationsspezialist" by "spezialist")."""
    ending = _ending(word, by_position) if language in COMPOUNDING else None
    return max(by_position.get(word, 0), by_position.get(ending, 0) if ending else 0)


def _count(labels: dict[str, list[str]], language: str, by_position: dict[str, int] | None):
    """The occupations each word heads and the ones it stands in without heading them. The head of a label is
    the word its language puts the job in (``head_index``), or, given the first count (``by_position``), the
    word of the label that heads the most occupations there, itself or by its compound ending: "Ingenieur
    Elektrotechnik" is headed by "Ingenieur", "vedoucí střediska" by "vedoucí"."""
    heading: dict[str, set[str]] = defaultdict(set)
    standing: dict[str, set[str]] = defaultdict(set)
    for uri, words, index in _forms(labels, language):
        lowered = [word.casefold() for word in words]
        if by_position is not None:
            scores = [_score(word, by_position, language) for word in lowered]
            best = max(scores)
            if best > scores[index]:
                index = scores.index(best)
        for position, word in enumerate(lowered):
            (heading if position == index else standing)[word].add(uri)
    alone = {word: len(uris) for word, uris in heading.items()}
    if language in COMPOUNDING:
        for word, uris in list(heading.items()):
            ending = _ending(word, heading)
            if ending is not None:
                heading[ending] |= uris
    return heading, standing, alone


def heads_of(labels: dict[str, list[str]], language: str) -> list[tuple[str, int, str]]:
    """(head, occupations it heads, how it is matched) for the kept heads of one language: "N" as a word of
    its own, "Y" also as a compound's ending, "E" only as a compound's ending (a word that heads the labels
    of fewer than ``MIN_OCCUPATIONS`` occupations on its own: "Hilfe" of "Küchenhilfe" is, alone, help)."""
    first, _, _ = _count(labels, language, None)
    by_position = {word: len(uris) for word, uris in first.items()}
    heading, standing, alone = _count(labels, language, by_position)
    compounds: dict[str, set[str]] = defaultdict(set)
    if language in COMPOUNDING:
        for word in heading:
            ending = _ending(word, heading)
            if ending is not None:
                compounds[ending].add(word)
    endings = {ending for ending, words in compounds.items() if len(words) >= MIN_COMPOUNDS}
    kept = []
    for word in sorted(heading):
        uris = heading[word]
        others = standing.get(word, set()) - uris
        if (len(word) >= MIN_LETTERS and len(uris) >= MIN_OCCUPATIONS
                and len(uris) >= MIN_HEAD_SHARE * (len(uris) + len(others))):
            kept.append((word, len(uris), ("Y" if alone.get(word, 0) >= MIN_OCCUPATIONS else "E")
                         if word in endings else "N"))
    return kept


def _ordinary_english_words():
    """Whether a word is an ordinary English word: its Snowball stem occurs in at least ``ORDINARY_WORD_DF``
    of the ESCO occupation and skill descriptions the fit score ships (as build_technologies.py reads them)."""
    import snowballstemmer

    table = json.loads(BACKGROUND_DF_PATH.read_text(encoding="utf-8"))["df"]
    stem = snowballstemmer.stemmer("english").stemWord
    return lambda word: table.get(stem(word), 0) >= ORDINARY_WORD_DF


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    root = Path(argv[1])
    heads = {language: heads_of(read_labels(root, language), language) for language in LANGUAGE_SETS}
    english = {head for head, _, _ in heads["en"]} | job_noun_heads(onet_titles())
    ordinary = _ordinary_english_words()
    rows = []
    for language, kept in heads.items():
        if language == "en":
            continue  # English job nouns come from O*NET (occupation_titles.job_noun_heads); see the docstring
        for head, count, compound in kept:
            if (head not in english and ordinary(head)) or is_town_name(head):
                continue
            # An English word as the end of a longer word is as often something else ("Trigger", "Performer").
            if compound != "N" and (head in english or ordinary(head)):
                compound = "N"
            rows.append(f"{language}\t{head}\t{count}\t{compound}")
    versions = ", ".join(f"{language} {version}" for language, (_, version) in LANGUAGE_SETS.items())
    DATA_PATH.write_text(HEADER.format(commit=SOURCE_COMMIT, versions=versions, min_occ=MIN_OCCUPATIONS)
                         + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} heads written to {DATA_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
