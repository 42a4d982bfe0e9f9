"""Occupation-level similarity: do the CV and the posting belong to the same occupational family?

Both texts are placed among the 1,016 occupations of O*NET 29.2 (data/onet_occupations.tsv: SOC code,
title, description; CC BY 4.0): each is compared with every occupation's "title. description" in
WordLlama's space, and the nearest ``TOP_OCCUPATIONS`` get a softmax weight (temperature
``TEMPERATURE`` on the cosine). The weights are summed per SOC major group (the first two digits: 15
Computer and Mathematical, 41 Sales and Related, ...), and the value is the cosine between the CV's and
the posting's group profiles: 1 when both sit in the same family, near 0 when they share none.

The posting is placed mostly by its title (what the job is), partly by its whole text (a title can be
terse or odd: "IT Rockstar Wanted"): its profile is ``TITLE_SHARE`` of the title's and the rest of the
text's, renormalised. O*NET's 1,016 titles are few for the names jobs go by, so a title is also compared
with the names of ESCO's 3,658 occupations (data/esco_titles.tsv: each with the SOC families its
description falls in, computed once by build_tables.py), and the title's profile is ``ESCO_SHARE`` of
that and the rest of O*NET's. The CV is placed by its whole text (what the person has done). Families, not single occupations, are compared: a Java developer and a "Web Developer" posting
are different O*NET occupations but the same family, which is what "fits" means for an inbox.

Managers (SOC 11) share one family whatever they manage, so each placement also has a field profile:
the major groups of the work done or, for a manager, managed (read from O*NET: the groups of the
non-management occupations nearest to the manager's own; see ``OccupationIndex._field_membership``).
Half of the family comparison is the fields': an HR manager's CV comes near a recruiter's posting and
away from a sales manager's.

Some texts sit near many occupations at once ("General Manager", "Engagement Manager"), and so near
every CV of their family, as hubs do among nearest neighbours. Each placement keeps how generic it is
(``Placement.hub``, the mean cosine with its HUB_NEIGHBOURS nearest occupations), and the family value
is lowered by HUB_WEIGHT times how much more generic the posting is than the CV (CSLS, Conneau et al.
2018, relative to the CV; fit-6).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from ai_coach.engines.fit.semantic import Embedder
from ai_coach.occupation_titles import ONET_OCCUPATIONS_PATH, onet_titles, plural_heads

OCCUPATIONS_PATH = ONET_OCCUPATIONS_PATH
ESCO_TITLES_PATH = Path(__file__).resolve().parent / "data" / "esco_titles.tsv"
_WORD = re.compile(r"[^\W\d_]+")
SIF_A = 0.1
_ACRONYM = re.compile(r"[A-Z]{2,5}")
TOP_OCCUPATIONS = 20
FINE_SHARE = 0.2
BROAD_GROUP = 6  # characters of an O*NET code that name its SOC broad group: "13-107" of "13-1071.00"
LIKENESS_FLOOR = 0.8
CENTROID_SHARE = 0.2
CENTROID_FLOOR = 0.5
TITLE_LINE_WORDS = 8
CV_TITLE_LINES = 1
CV_TITLE_SHARE = 0.6
TEMPERATURE = 0.15
MANAGEMENT = "11"
FIELD_NEIGHBOURS = 10
FIELD_SHARE = 0.5
TITLE_SHARE = 0.5
ESCO_SHARE = 0.5  # of a title's placement: ESCO's job names beside O*NET's occupations
# fit-6, hubness: a text close to many occupations at once ("General Manager", "Engagement Manager") is
# close to every CV of its family; how much more generic a posting is than the CV is taken off the value
HUB_NEIGHBOURS = 10
HUB_WEIGHT = 0.3
# Naming a placement (the reason's "the posting reads as ..."; no part of the value): the nearest occupation of
# the shown family, and beside it those the placement weighs almost as much (a softmax weight, at TEMPERATURE,
# of at least ALIKE_WEIGHT of the nearest's), at most ALIKE_NAMES in all: a backend posting's text sat 0.003
# nearer "Database Architects" than "Software Developers", and the reason named the first as if the
# placement knew it. (Naming until half the family's weight is held named two in every large family,
# "Human Resources Managers or Water Resource Specialists".)
ALIKE_WEIGHT = 0.8
ALIKE_NAMES = 2  # more made the reason a list of long O*NET titles

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
    # weight per SOC broad group of the work done or managed (O*NET's occupations only), unit length
    fine: np.ndarray | None = None
    centroid: np.ndarray | None = None  # the weighted mean of the nearest occupations' vectors, unit length
    # weight per major group of the work done or, for managers, managed (OccupationIndex._field_membership)
    field: np.ndarray | None = None
    # how generic the text is: the mean cosine of its HUB_NEIGHBOURS nearest O*NET occupations (fit-6)
    hub: float = 0.0
    # the occupations of top_group about as near as top_occupation (ALIKE_WEIGHT), nearest first; only names
    alike: tuple[str, ...] = ()


class OccupationIndex:
    """The O*NET occupations, embedded once per process on first use."""

    def __init__(self, embedder: Embedder, path: Path = OCCUPATIONS_PATH,
                 esco_path: Path = ESCO_TITLES_PATH) -> None:
        self._embedder = embedder
        self._path = path
        self._esco_path = esco_path

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

    @cached_property
    def _fine_field_membership(self) -> np.ndarray:
        """Per occupation, the SOC broad groups of the work it does (13-1071 Human Resources Specialists:
        13-107, human resources workers; 13-1020 Buyers: 13-102) or, for a manager, manages (read as for
        the field, below: Human Resources Managers -> 13-107 first, 0.28). The major groups and their minor
        groups are coarse for business work: human resources, purchasing and accounting are all 13-1 or
        13-2, and their managers all 11-3."""
        codes = self._table[0]
        broads = sorted({code[:BROAD_GROUP] for code in codes})
        membership = np.zeros((len(codes), len(broads)), dtype=np.float32)
        for row, code in enumerate(codes):
            membership[row, broads.index(code[:BROAD_GROUP])] = 1.0
        return self._managed(membership)

    @cached_property
    def _field_membership(self) -> np.ndarray:
        """Per occupation, the major groups of the work it does: its own group, except for managers
        (SOC 11), whose field is the group of the non-management occupations nearest to them in
        meaning (Sales Managers: sales; Computer and Information Systems Managers: computing)."""
        return self._managed(self._table[4])

    def _managed(self, membership: np.ndarray) -> np.ndarray:
        """``membership`` (occupations x groups) with each manager's row replaced by the softmax-weighted
        rows of the FIELD_NEIGHBOURS non-management occupations nearest to it."""
        codes, _titles, matrix, _groups, _membership = self._table
        field = membership.copy()
        managers = np.array([code.startswith(MANAGEMENT) for code in codes])
        others = np.flatnonzero(~managers)
        similarities = matrix[managers] @ matrix[others].T
        top = np.argsort(-similarities, axis=1)[:, :FIELD_NEIGHBOURS]
        weights = np.exp((np.take_along_axis(similarities, top, axis=1) - similarities.max(axis=1, keepdims=True))
                         / TEMPERATURE)
        weights /= weights.sum(axis=1, keepdims=True)
        field[managers] = np.einsum("rk,rkg->rg", weights, membership[others][top])
        return field

    def field_of(self, placement: Placement) -> str:
        """The SOC major group of the work a placement does or manages (its own group without a field)."""
        if placement.field is None:
            return placement.top_group
        return self.groups[int(np.argmax(placement.field))]

    @property
    def groups(self) -> list[str]:
        return self._table[3]

    @cached_property
    def _esco(self) -> tuple[np.ndarray, np.ndarray]:
        """ESCO's job names, embedded, and the family weights of each (rows align)."""
        groups = self.groups
        names, weights = [], []
        for line in self._esco_path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            labels, families = line.split("\t")
            row = np.zeros(len(groups), dtype=np.float32)
            for item in families.split():
                group, weight = item.split(":")
                if group in groups:
                    row[groups.index(group)] = float(weight)
            names.append(labels)
            weights.append(row)
        return self._embedder.embed(names), np.array(weights, dtype=np.float32)

    @cached_property
    def _title_names(self) -> np.ndarray:
        """O*NET's titles alone and ESCO's job names, embedded: what a job title reads like."""
        _codes, titles, _matrix, _groups, _membership = self._table
        names, _families = self._esco
        return np.concatenate([self._embedder.embed(titles), names])

    @cached_property
    def title_heads(self) -> frozenset[str]:
        """The nouns O*NET's titles name jobs by, singular ("developer", "nutritionist", "electrician"; read
        as ai_coach.occupation_titles.plural_heads says). A short CV line with one of them names a job;
        "Education Details" or "Skill Details" do not."""
        return plural_heads(onet_titles(self._path))

    @cached_property
    def acronyms(self) -> dict[str, tuple[str, ...]]:
        """The acronyms job names are written with, read from ESCO's names, with what they stand for:
        an occupation's names that use an upper-case acronym ("HR officer", "real estate PMO", "QA
        inspector") and, among the same occupation's names, the words whose initials spell it ("human
        resources officer", "project management officer", "quality assurance inspector"). WordLlama has
        no useful vector for "hr" (a CV line "HR" read as nothing like a job, and the CV's schools placed
        it among teachers); the words it stands for have one. Where the names give an acronym several
        meanings ("AI": artificial intelligence or insemination), the one nearest the acronym's own vector."""
        readings: dict[str, set[str]] = {}
        for line in self._esco_path.read_text(encoding="utf-8").splitlines():
            names = line.split("\t")[0].split()
            lowered = [word.lower() for word in names]
            for acronym in {word for word in names if _ACRONYM.fullmatch(word)}:
                size = len(acronym)
                for start in range(len(lowered) - size + 1):
                    words = lowered[start:start + size]
                    # the acronym's own letters are no reading of it ("ICT": not "ict compatibility tester")
                    if acronym.lower() not in words and all(
                            len(word) > 2 and word.isalpha() and word[0] == letter.lower()
                            for word, letter in zip(words, acronym, strict=True)):
                        readings.setdefault(acronym, set()).add(" ".join(words))
        table: dict[str, tuple[str, ...]] = {}
        for acronym, meanings in sorted(readings.items()):
            ordered = sorted(meanings)
            vectors = self._embedder.embed_words([[acronym.lower()]] + [meaning.split() for meaning in ordered])
            table[acronym] = tuple(ordered[int(np.argmax(vectors[1:] @ vectors[0]))].split())
        return table

    def spelled_out(self, words: list[str]) -> list[str]:
        """A title's words with the acronyms of job names spelled out ("HR Executive": "human resources
        Executive"); other words, and acronyms in lower case ("hr" in "$16.50/hr"), as they are."""
        table = self.acronyms
        if not any(word in table for word in words):
            return words
        return [part for word in words for part in table.get(word, (word,))]

    @cached_property
    def _title_word_frequency(self) -> tuple[int, dict[str, int]]:
        """In how many of O*NET's titles and ESCO's occupations' names each (lower-cased) word occurs."""
        from collections import Counter

        _codes, titles, _matrix, _groups, _membership = self._table
        records = list(titles) + [line.split("\t")[0] for line in
                                  self._esco_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        counts: Counter[str] = Counter()
        for record in records:
            counts.update(set(_WORD.findall(record.lower())))
        return len(records), dict(counts)

    def title_word_weight(self, word: str) -> float:
        """SIF weight (Arora et al., 2017) of a word in a job title: a / (a + p(word)), p its share of
        the occupations whose names use it. "engineer" (in hundreds of names) weighs far less than
        "frontend" or "civil"."""
        records, counts = self._title_word_frequency
        return SIF_A / (SIF_A + counts.get(word, 0) / records)

    def title_likeness(self, vectors: np.ndarray) -> np.ndarray:
        """Per row, the cosine with the nearest occupation name: how much a short line reads as a job title."""
        if len(vectors) == 0:
            return np.zeros(0, dtype=np.float32)
        return (vectors @ self._title_names.T).max(axis=1)

    def place_titles(self, vectors: np.ndarray) -> list[Placement]:
        """Placements of job titles: O*NET's occupations and ESCO's job names together (ESCO_SHARE)."""
        similarities = vectors @ self._table[2].T
        by_onet = self.place(vectors, similarities, named=False)  # named below, in the blended family
        if len(vectors) == 0:
            return by_onet
        names, families = self._esco
        (esco,), _, _, _ = _soft_profiles(vectors @ names.T, families)
        onet = np.stack([placement.groups for placement in by_onet])
        profiles = _unit_rows((1 - ESCO_SHARE) * onet + ESCO_SHARE * esco)
        _codes, titles, _matrix, _groups, membership = self._table
        nearest, best, alike = _nearest_in_family(similarities, membership, profiles.argmax(axis=1), titles)
        return [
            Placement(profile, self.groups[int(np.argmax(profile))], titles[index], similarity,
                      placement.fine, placement.centroid, placement.field, placement.hub, names)
            for profile, placement, index, similarity, names
            in zip(profiles, by_onet, nearest.tolist(), best.tolist(), alike, strict=True)
        ]

    def place(self, vectors: np.ndarray, similarities: np.ndarray | None = None,
              named: bool = True) -> list[Placement]:
        """Placements of unit vectors (one per row); ``similarities`` with the occupations if known;
        ``named``: with the occupations about as near as the nearest (``Placement.alike``)."""
        _codes, titles, matrix, groups, membership = self._table
        if len(vectors) == 0:
            return []
        similarities = vectors @ matrix.T if similarities is None else similarities
        (profiles, fine, centroids, fields), _, _, hubs = _soft_profiles(
            similarities, membership, self._fine_field_membership, matrix, self._field_membership)
        nearest, best, alike = _nearest_in_family(similarities, membership, profiles.argmax(axis=1),
                                                  titles if named else None)
        return [
            Placement(profile, groups[int(np.argmax(profile))], titles[index], similarity, broad, centroid, field, hub,
                      names)
            for profile, index, similarity, broad, centroid, field, hub, names
            in zip(profiles, nearest.tolist(), best.tolist(), fine, centroids, fields, hubs.tolist(), alike,
                   strict=True)
        ]


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def _nearest_in_family(similarities: np.ndarray, membership: np.ndarray, families: np.ndarray,
                       titles: list[str] | None = None) -> tuple[np.ndarray, np.ndarray, list[tuple[str, ...]]]:
    """Per row, the most similar occupation within the row's family (the name shown for a placement
    must belong to the family it is shown with), its similarity, and, given the occupations' ``titles``,
    the names of those the placement weighs about as much (_alike); else no names."""
    masked = np.where(membership[:, families].T > 0, similarities, -np.inf)
    nearest = masked.argmax(axis=1)
    alike = _alike(masked, titles) if titles is not None else [()] * len(masked)
    return nearest, masked[np.arange(len(masked)), nearest], alike


def _alike(masked: np.ndarray, titles: list[str]) -> list[tuple[str, ...]]:
    """Per row of similarities within the row's family (others -inf), the names of the nearest occupations
    whose softmax weight is at least ALIKE_WEIGHT of the nearest's (a cosine within TEMPERATURE *
    ln(1 / ALIKE_WEIGHT)), nearest first, at most ALIKE_NAMES."""
    top = np.argpartition(-masked, ALIKE_NAMES, axis=1)[:, :ALIKE_NAMES]
    values = np.take_along_axis(masked, top, axis=1)
    order = np.argsort(-values, axis=1)
    top, values = np.take_along_axis(top, order, axis=1), np.take_along_axis(values, order, axis=1)
    floor = values[:, :1] - TEMPERATURE * np.log(1 / ALIKE_WEIGHT)
    return [tuple(titles[index] for index, value in zip(row, row_values, strict=True) if value >= row_floor)
            for row, row_values, row_floor in zip(top.tolist(), values.tolist(), floor[:, 0].tolist(), strict=True)]


def _soft_profiles(similarities: np.ndarray, *memberships: np.ndarray) -> tuple[
        list[np.ndarray], np.ndarray, np.ndarray, np.ndarray]:
    """Per row: the profiles (unit length; one per membership matrix) of a softmax over the
    TOP_OCCUPATIONS most similar entries, the index of the most similar entry, its similarity, and the
    mean similarity of the HUB_NEIGHBOURS most similar entries (Placement.hub)."""
    top = np.argpartition(-similarities, TOP_OCCUPATIONS, axis=1)[:, :TOP_OCCUPATIONS]
    values = np.take_along_axis(similarities, top, axis=1)
    best = values.max(axis=1)
    weights = np.exp((values - best[:, None]) / TEMPERATURE)
    weights /= weights.sum(axis=1, keepdims=True)
    nearest = top[np.arange(len(top)), values.argmax(axis=1)]
    # each profile is the softmax-weighted sum of the TOP_OCCUPATIONS entries' rows of the membership
    profiles = [_unit_rows(np.einsum("rk,rkg->rg", weights, membership[top])) for membership in memberships]
    hubs = np.sort(values, axis=1)[:, -HUB_NEIGHBOURS:].mean(axis=1)
    return profiles, nearest, best, hubs


def title_lines(lines: list[list[str]], heads: frozenset[str], limit: int) -> list[int]:
    """Indexes of the first ``limit`` distinct lines (given as words) that read as a job title: short,
    and naming a job by one of O*NET's title nouns."""
    chosen: list[int] = []
    seen: set[str] = set()
    for index, line in enumerate(lines):
        if not 1 <= len(line) <= TITLE_LINE_WORDS:
            continue
        key = " ".join(line).casefold()
        if key in seen or not any(word.casefold().removesuffix("s") in heads for word in line):
            continue
        seen.add(key)
        chosen.append(index)
        if len(chosen) == limit:
            break
    return chosen


def acronym_lines(lines: list[list[str]], acronyms: dict[str, tuple[str, ...]]) -> list[int]:
    """Indexes of the short lines made only of the acronyms of job names ("HR", "PMO"): the job a CV
    names when it names it the way it is said."""
    return [index for index, line in enumerate(lines)
            if 1 <= len(line) <= TITLE_LINE_WORDS and all(word in acronyms for word in line)]


def mean_placement(placements: list[Placement]) -> Placement:
    profile = _unit_rows(np.mean([p.groups for p in placements], axis=0)[None, :])[0]
    fine = _unit_rows(np.mean([p.fine for p in placements], axis=0)[None, :])[0]
    centroid = _unit_rows(np.mean([p.centroid for p in placements], axis=0)[None, :])[0]
    field = _unit_rows(np.mean([p.field for p in placements], axis=0)[None, :])[0]
    first = placements[0]
    hub = float(np.mean([p.hub for p in placements]))
    return Placement(profile, first.top_group, first.top_occupation, first.top_similarity, fine, centroid, field, hub,
                     first.alike)


def blend(title: Placement, text: Placement, title_share: float | None = None) -> Placement:
    """A posting's placement: its title's, with (1 - title_share) of its whole text's mixed in."""
    title_share = TITLE_SHARE if title_share is None else title_share
    profile = _unit_rows((title_share * title.groups + (1 - title_share) * text.groups)[None, :])[0]
    fine = _unit_rows((title_share * title.fine + (1 - title_share) * text.fine)[None, :])[0]
    centroid = _unit_rows((title_share * title.centroid + (1 - title_share) * text.centroid)[None, :])[0]
    field = _unit_rows((title_share * title.field + (1 - title_share) * text.field)[None, :])[0]
    # shown by the family that weighs most in the blend and the nearest occupation of the part (the
    # title first) whose own family it is; when neither part leads with it (rare), by the title's
    top = int(np.argmax(profile))
    named = text if int(np.argmax(title.groups)) != top and int(np.argmax(text.groups)) == top else title
    hub = title_share * title.hub + (1 - title_share) * text.hub
    return Placement(profile, named.top_group, named.top_occupation, named.top_similarity, fine, centroid, field, hub,
                     named.alike)


def blend_all(titles: list[Placement], texts: list[Placement], title_share: float | None = None) -> list[Placement]:
    """blend() of each pair, computed for the whole batch at once (the same result)."""
    if not titles:
        return []
    share = TITLE_SHARE if title_share is None else title_share

    def mixed(field: str) -> np.ndarray:
        ours = np.stack([getattr(placement, field) for placement in titles])
        theirs = np.stack([getattr(placement, field) for placement in texts])
        return _unit_rows(share * ours + (1 - share) * theirs)

    profiles, fine, centroids, fields = mixed("groups"), mixed("fine"), mixed("centroid"), mixed("field")
    top = profiles.argmax(axis=1)
    title_top = np.stack([placement.groups for placement in titles]).argmax(axis=1)
    text_top = np.stack([placement.groups for placement in texts]).argmax(axis=1)
    use_text = (title_top != top) & (text_top == top)
    placed = []
    for row, (title, text) in enumerate(zip(titles, texts, strict=True)):
        named = text if use_text[row] else title
        placed.append(Placement(profiles[row], named.top_group, named.top_occupation, named.top_similarity,
                                fine[row], centroids[row], fields[row], share * title.hub + (1 - share) * text.hub,
                                named.alike))
    return placed


def family_name(code: str) -> str:
    return MAJOR_GROUPS.get(code, f"SOC group {code}")


def family_similarity(cv: Placement, posting: Placement) -> float:
    """Cosine of the major-group profiles, half of it the fields' (FIELD_SHARE), with FINE_SHARE of the
    broad groups of the work (an HR manager's CV and a recruiter's posting: both 13-107, human resources
    workers; a buyer's posting is 13-102) and CENTROID_SHARE of the centroids' cosine; less HUB_WEIGHT
    times how much more generic the posting is than the CV (``Placement.hub``: a posting such as "General
    Manager" or "Engagement Manager" sits near dozens of occupations, and so near every manager's CV, as
    a hub does among nearest neighbours; the correction is CSLS's, Conneau et al. 2018, taken relative
    to the CV so that a score keeps its scale)."""
    value = float(cv.groups @ posting.groups)
    if FIELD_SHARE and cv.field is not None and posting.field is not None:
        value = (1 - FIELD_SHARE) * value + FIELD_SHARE * float(cv.field @ posting.field)
    if FINE_SHARE and cv.fine is not None and posting.fine is not None:
        value = (1 - FINE_SHARE) * value + FINE_SHARE * float(cv.fine @ posting.fine)
    if CENTROID_SHARE and cv.centroid is not None and posting.centroid is not None:
        near = (float(cv.centroid @ posting.centroid) - CENTROID_FLOOR) / (1 - CENTROID_FLOOR)
        value = (1 - CENTROID_SHARE) * value + CENTROID_SHARE * max(0.0, near)
    value = max(0.0, min(1.0, value))
    # hubness (fit-6): a posting that reads as many occupations at once is near every CV of its family
    value -= HUB_WEIGHT * (posting.hub - cv.hub)
    return max(0.0, min(1.0, value))
