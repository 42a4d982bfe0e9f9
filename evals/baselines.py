"""Plain text-matching baselines the match score must beat, computed in the same run.

Each takes the CV text and the posting texts and returns one score per posting (higher = better
match). They are deliberately textbook: lower-cased ``\\w\\w+`` tokens (scikit-learn's default),
statistics from the postings being ranked, no stop-word list, no stemming.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from ai_coach.vocabulary import SkillVocabulary

_TOKEN = re.compile(r"\w\w+")

BM25_K1 = 1.2
BM25_B = 0.75


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


class TfidfCosine:
    """Cosine between TF-IDF vectors; IDF smoothed as scikit-learn does: ln((1+N)/(1+df)) + 1."""

    name = "TF-IDF cosine"

    def __init__(self, postings: Sequence[str]) -> None:
        self._counts = [Counter(tokens(text)) for text in postings]
        df: Counter[str] = Counter()
        for counts in self._counts:
            df.update(counts.keys())
        n = len(postings)
        self._idf = {term: math.log((1 + n) / (1 + count)) + 1 for term, count in df.items()}
        self._default_idf = math.log(1 + n) + 1
        self._vectors = [self._normalised(counts) for counts in self._counts]

    def _normalised(self, counts: Counter[str]) -> dict[str, float]:
        vector = {term: tf * self._idf.get(term, self._default_idf) for term, tf in counts.items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        return {term: value / norm for term, value in vector.items()}

    def scores(self, cv_text: str) -> list[float]:
        query = self._normalised(Counter(tokens(cv_text)))
        return [sum(weight * vector.get(term, 0.0) for term, weight in query.items()) for vector in self._vectors]


class Bm25:
    """Okapi BM25 (k1 = 1.2, b = 0.75) with the CV's distinct terms as the query."""

    name = "BM25"

    def __init__(self, postings: Sequence[str]) -> None:
        self._counts = [Counter(tokens(text)) for text in postings]
        self._lengths = [sum(counts.values()) for counts in self._counts]
        self._average = sum(self._lengths) / max(1, len(self._lengths))
        df: Counter[str] = Counter()
        for counts in self._counts:
            df.update(counts.keys())
        n = len(postings)
        self._idf = {term: math.log(1 + (n - count + 0.5) / (count + 0.5)) for term, count in df.items()}

    def scores(self, cv_text: str) -> list[float]:
        query = set(tokens(cv_text)) & self._idf.keys()
        results = []
        for counts, length in zip(self._counts, self._lengths, strict=True):
            norm = BM25_K1 * (1 - BM25_B + BM25_B * length / self._average)
            total = 0.0
            for term in query:
                tf = counts.get(term)
                if tf:
                    total += self._idf[term] * tf * (BM25_K1 + 1) / (tf + norm)
            results.append(total)
        return results


class SkillOverlap:
    """Share of the posting's vocabulary skills (ai_coach's skills.toml) that the CV text also names."""

    name = "keyword overlap"

    def __init__(self, postings: Sequence[str], vocabulary: SkillVocabulary) -> None:
        self._vocabulary = vocabulary
        self._skills = [set(vocabulary.find_in_text(text)) for text in postings]

    def scores(self, cv_text: str) -> list[float]:
        have = set(self._vocabulary.find_in_text(cv_text))
        return [len(have & asked) / len(asked) if asked else 0.0 for asked in self._skills]
