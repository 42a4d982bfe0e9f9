"""Lexical relevance: Okapi BM25 of the posting for the CV's words, with a fixed background IDF.

The CV is the query (each distinct stem weighted by the square root of how often the CV uses it: a
CV that says "Java" twenty times is about Java, but not twenty times more than once), the posting is
the document. Rarity (IDF) comes from a background table shipped with the code (data/background_df.json,
ESCO's occupation and skill descriptions; see build_tables.py), not from the inbox: an inbox is one
user's postings, sometimes a handful, and a posting's score must not change with whatever else is
scored beside it. Stems the background never saw are treated as rare (document frequency 1), which is
right for product names and tools ("kubernetes", "salesforce") that ESCO's prose does not use.

The raw BM25 sum grows with the CV's length, so the value shown is the sum divided by the CV's own
"reach" (the largest sum any posting could give it, on the same scale) and then saturated: what share
of the CV's distinctive vocabulary the posting speaks to.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ai_coach.engines.fit.text import stem_pairs

BACKGROUND_PATH = Path(__file__).resolve().parent / "data" / "background_df.json"
K1 = 1.2
B = 0.75
# Length, in stems without stop words, of a typical posting (the median of real postings is ~250).
AVERAGE_POSTING_STEMS = 250.0
# The reach counts the CV's strongest REACH_STEMS stems; the share of it a posting scores is saturated
# with 1 - exp(-SATURATION * share).
REACH_STEMS = 40
SATURATION = 3.0


class BackgroundIdf:
    """IDF per stem from the shipped background table, loaded once."""

    def __init__(self, path: Path = BACKGROUND_PATH) -> None:
        self._path = path

    @cached_property
    def _table(self) -> tuple[int, dict[str, int]]:
        data = json.loads(self._path.read_text(encoding="utf-8"))
        return int(data["documents"]), {str(k): int(v) for k, v in data["df"].items()}

    def __call__(self, stem: str) -> float:
        documents, frequencies = self._table
        df = frequencies.get(stem, 1)
        return math.log(1 + (documents - df + 0.5) / (df + 0.5))


@dataclass(slots=True)
class LexicalQuery:
    """The CV side, computed once per profile: weight per stem and a surface word to show for it."""

    weights: dict[str, float]
    surfaces: dict[str, str]
    reach: float  # sum of the weights times the best a term can score: the ceiling of a BM25 sum


@dataclass(slots=True)
class PostingTerms:
    counts: Counter[str]
    length: int


def build_query(words: list[str], language: str, idf: BackgroundIdf) -> LexicalQuery:
    pairs = stem_pairs(words, language)
    counts = Counter(stem for stem, _ in pairs)
    surfaces: dict[str, str] = {}
    for stem, word in pairs:
        surfaces.setdefault(stem, word)
    weights = {stem: idf(stem) * math.sqrt(count) for stem, count in counts.items()}
    # A typical posting matches a few dozen query stems; normalising by the whole CV's weight would make
    # long CVs look like poor matches for everything, so the reach counts the CV's strongest stems only.
    strongest = sorted(weights.values(), reverse=True)[:REACH_STEMS]
    return LexicalQuery(weights, surfaces, sum(strongest) * (K1 + 1) / (1 + K1) or 1.0)


def posting_terms(words: list[str], language: str) -> PostingTerms:
    pairs = stem_pairs(words, language)
    return PostingTerms(Counter(stem for stem, _ in pairs), len(pairs))


def bm25(query: LexicalQuery, posting: PostingTerms) -> tuple[float, list[tuple[float, str]]]:
    """The BM25 sum and the contribution of each shared stem (largest first)."""
    norm = K1 * (1 - B + B * posting.length / AVERAGE_POSTING_STEMS)
    contributions = []
    weights = query.weights
    for stem, tf in posting.counts.items():
        weight = weights.get(stem)
        if weight:
            contributions.append((weight * tf * (K1 + 1) / (tf + norm), stem))
    contributions.sort(reverse=True)
    return sum(value for value, _ in contributions), contributions


def lexical_value(raw: float, query: LexicalQuery) -> float:
    """0..1: the BM25 sum as a share of the CV's reach, saturated (see the module docstring)."""
    share = raw / query.reach
    return 1.0 - math.exp(-SATURATION * share)
