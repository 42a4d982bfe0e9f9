"""Occupation-level similarity: do the CV and the posting belong to the same occupational family?

Both texts are placed among the 1,016 occupations of O*NET 29.2 (data/onet_occupations.tsv: SOC code,
title, description; CC BY 4.0): each is compared with every occupation's "title. description" in
WordLlama's space, and the nearest ``TOP_OCCUPATIONS`` get a softmax weight (temperature
``TEMPERATURE`` on the cosine). The weights are summed per SOC major group (the first two digits: 15
Computer and Mathematical, 41 Sales and Related, ...), and the value is the cosine between the CV's and
the posting's group profiles: 1 when both sit in the same family, near 0 when they share none.

The posting is placed by its title (what the job is); the CV by its whole text (what the person has
done). Families, not single occupations, are compared: a Java developer and a "Web Developer" posting
are different O*NET occupations but the same family, which is what "fits" means for an inbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from ai_coach.engines.fit.semantic import Embedder

OCCUPATIONS_PATH = Path(__file__).resolve().parent / "data" / "onet_occupations.tsv"
TOP_OCCUPATIONS = 20
TEMPERATURE = 0.1

# SOC 2018 major groups (the US Bureau of Labor Statistics' names).
MAJOR_GROUPS: dict[str, str] = {
    "11": "management",
    "13": "business and financial operations",
    "15": "computer and mathematical",
    "17": "architecture and engineering",
    "19": "life, physical and social science",
    "21": "community and social service",
    "23": "legal",
    "25": "education and library",
    "27": "arts, design, entertainment, sports and media",
    "29": "healthcare practitioners and technical",
    "31": "healthcare support",
    "33": "protective service",
    "35": "food preparation and serving",
    "37": "building and grounds cleaning and maintenance",
    "39": "personal care and service",
    "41": "sales",
    "43": "office and administrative support",
    "45": "farming, fishing and forestry",
    "47": "construction and extraction",
    "49": "installation, maintenance and repair",
    "51": "production",
    "53": "transportation and material moving",
    "55": "military",
}


@dataclass(slots=True)
class Placement:
    """Where a text sits among the occupations: its family profile and the nearest occupation."""

    groups: np.ndarray  # weight per major group (index into OccupationIndex.groups), unit length
    top_group: str  # SOC major group code with the largest weight
    top_occupation: str  # title of the nearest occupation
    top_similarity: float  # cosine with the nearest occupation


class OccupationIndex:
    """The O*NET occupations, embedded once per process on first use."""

    def __init__(self, embedder: Embedder, path: Path = OCCUPATIONS_PATH) -> None:
        self._embedder = embedder
        self._path = path

    @cached_property
    def _table(self) -> tuple[list[str], list[str], np.ndarray, list[str], np.ndarray]:
        codes, titles, texts = [], [], []
        for line in self._path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            code, title, description = line.split("\t")
            codes.append(code)
            titles.append(title)
            texts.append(f"{title}. {description}")
        groups = sorted({code[:2] for code in codes})
        membership = np.zeros((len(codes), len(groups)), dtype=np.float32)
        for row, code in enumerate(codes):
            membership[row, groups.index(code[:2])] = 1.0
        return codes, titles, self._embedder.embed(texts), groups, membership

    @property
    def groups(self) -> list[str]:
        return self._table[3]

    def place(self, vectors: np.ndarray) -> list[Placement]:
        """Placements of unit vectors (one per row)."""
        _codes, titles, matrix, groups, membership = self._table
        if len(vectors) == 0:
            return []
        similarities = vectors @ matrix.T
        placements = []
        for row in similarities:
            top = np.argpartition(-row, TOP_OCCUPATIONS)[:TOP_OCCUPATIONS]
            best = float(row[top].max())
            weights = np.exp((row[top] - best) / TEMPERATURE)
            profile = (weights / weights.sum()) @ membership[top]
            norm = float(np.linalg.norm(profile))
            profile = profile / norm if norm else profile
            nearest = int(top[int(np.argmax(row[top]))])
            placements.append(Placement(profile, groups[int(np.argmax(profile))], titles[nearest], best))
        return placements


def family_name(code: str) -> str:
    return MAJOR_GROUPS.get(code, f"SOC group {code}")


def family_similarity(cv: Placement, posting: Placement) -> float:
    return max(0.0, min(1.0, float(cv.groups @ posting.groups)))
