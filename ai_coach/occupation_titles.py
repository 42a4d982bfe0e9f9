"""O*NET's occupation titles and the nouns they name jobs by, read once for the CV parser (does a piece of
a header name a job? cv/fields.py JOB_WORDS) and the fit score (which short CV lines are job titles?
engines/fit/occupation.py OccupationIndex.title_heads).

The titles are O*NET 29.2's (engines/fit/data/onet_occupations.tsv: code, title, description; CC BY 4.0, see
the NOTICE.md beside it), shipped for the fit score. This module sits beside ai_coach.vocabulary and
ai_coach.language, below both the CV parser and the engines: the parser may not import the engines
(their package loads the embedding model), and the engines use the parser's output, not its rules.

Both users read the same head words (``title_head_words``); each keeps the ones its test can use:
- the fit score every plural head, singular by its last "s" (``plural_heads``): it asks only whether one
  word of a line of at most eight words is a head, so "Sales" or "Customs" alone count as a job line;
- the CV parser only heads of a job noun's shape (``job_noun_heads``): it searches whole header pieces,
  where "sales", "claims" or "operations" name a department or a field, not the job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

ONET_OCCUPATIONS_PATH = Path(__file__).resolve().parent / "engines" / "fit" / "data" / "onet_occupations.tsv"

# A title's conjuncts: "Dietitians and Nutritionists", "Helpers--Carpenters", "Dancers/Choreographers".
_TITLE_PARTS = re.compile(r"\band\b|\bor\b|--|/")
_LETTERS = re.compile(r"[A-Za-z]+")
# Agent nouns (-er, -or, -ist, -ian, -ant, ...) and a few other job nouns, less the words of that shape that
# are as often equipment or a field ("computer", "server", "motor").
_AGENT_NOUN = re.compile(r"(?:er|or|ist|ian|ant|ier|eer|ee|man|person|ess|ive)$")
_OTHER_JOB_NOUNS = frozenset(
    "agent aide actuary athlete bailiff barista bellhop captain chauffeur concierge guard guide judge lifeguard "
    "locksmith maid mason mechanic nanny paralegal paramedic pilot poet registrar scout superintendent surgeon "
    "warden".split())
_NOT_JOB_NOUNS = frozenset(
    "automotive career computer counter elevator fitness hoist layer monitor motor person plant water server "
    "compressor competitor changer caster filler marker sewer tender taper sander reader maker helper".split())
MIN_JOB_NOUN_LETTERS = 4


@lru_cache(maxsize=4)
def onet_titles(path: Path = ONET_OCCUPATIONS_PATH) -> tuple[str, ...]:
    """The occupation titles of the O*NET table at ``path`` ("Chief Executives", "Cashiers", ...), in its
    order; OSError when the file is not there."""
    titles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 2:
            titles.append(fields[1])
    return tuple(titles)


def title_head_words(titles: Iterable[str]) -> list[str]:
    """The word each title names its jobs by, as written, one per conjunct: in the part of a title before its
    first comma (what follows qualifies it: "Roustabouts, Oil and Gas"), the last word of each conjunct
    ("Dietitians", "Nutritionists" of "Dietitians and Nutritionists"), the one before "of" ("Representatives"
    of "Sales Representatives of Services")."""
    heads = []
    for title in titles:
        for part in _TITLE_PARTS.split(title.split(",")[0]):
            last = part.split(" of ")[0].split()[-1:]
            if last:
                heads.append(last[0])
    return heads


def plural_heads(titles: Iterable[str]) -> frozenset[str]:
    """The fit score's job nouns: every capitalised plural head word, lower case, less its final "s"
    ("developer", "nutritionist", "electrician"; "secretarie" for "Secretaries", which is how a line's
    words are looked up too: ``word.casefold().removesuffix("s")``)."""
    return frozenset(word.casefold().removesuffix("s") for word in title_head_words(titles)
                     if word[:1].isupper() and word.endswith("s") and not word.endswith("ss"))


def singular(word: str) -> str:
    """An English plural's singular, for the endings job nouns have ("secretaries", "coaches", "cashiers")."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def job_noun_heads(titles: Iterable[str]) -> frozenset[str]:
    """The CV parser's job nouns: the head words of agent-noun shape or known as job nouns, singular and lower
    case, at least MIN_JOB_NOUN_LETTERS long ("cashier", "butcher", "salesperson", "nanny")."""
    heads = set()
    for word in title_head_words(titles):
        letters = _LETTERS.findall(word)
        head = singular(letters[-1].lower()) if letters else ""
        if (len(head) >= MIN_JOB_NOUN_LETTERS and head not in _NOT_JOB_NOUNS
                and (_AGENT_NOUN.search(head) or head in _OTHER_JOB_NOUNS)):
            heads.add(head)
    return frozenset(heads)
