"""FitScorer: the cheap, offline match score that orders the inbox (see the package docstring)."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ai_coach.domain import JobInput, ProfileInput
from ai_coach.engines.fit import lexical, occupation, skills
from ai_coach.engines.fit.confidence import LOW_CONFIDENCE, little_to_judge, shrunk
from ai_coach.engines.fit.occupation import OccupationIndex, Placement
from ai_coach.engines.fit.result import FitComponent, FitResult
from ai_coach.engines.fit.semantic import Embedder
from ai_coach.engines.fit.text import language_of, repair_mojibake, split_run_ons, tokens, words
from ai_coach.engines.text import plain_text
from ai_coach.vocabulary import SkillVocabulary, load_vocabulary

MODEL_VERSION = "fit-7"  # fit-7: words run together where a separator was lost ("requiredAbility") read as two
# (text.split_run_ons); fit-6: a posting more generic than the CV (near many occupations at once) counts for
# less in the occupation component (occupation.py, hubness); fit-5: acronyms of job names spelled out, a CV placed
# by a line naming its job by one ("HR", "PMO"), the fine share compares the SOC broad groups of the work done or managed, not minor groups
# (occupation.py); fit-4: managers compared by the field they manage (occupation.py); fit-3: low-confidence
# scores pulled toward the middle (confidence.py)

# Weights of the components (they sum to 1), fitted on the development half of the ranking data only
# (evals/fit_weights.py prints how); see docs/fit_score.md for the figures.
WEIGHTS: dict[str, float] = {
    "occupation": 0.65,
    "skills": 0.15,
    "semantic": 0.10,
    "lexical": 0.10,
}
# A posting with no vocabulary skill still gets a skills value, or every skill-less posting (drivers,
# nannies) would fall to the bottom for everyone (fitted with the weights).
NO_SKILLS_VALUE = 0.3

# Confidence: a posting of FULL_POSTING_WORDS words or more can be judged (shorter ones are usually
# teasers: a title, a line about the company, "apply now"); fewer words, proportionally less confidence.
# A profile under THIN_PROFILE_WORDS words lowers it the same way.
FULL_POSTING_WORDS = 80
THIN_PROFILE_WORDS = 50
NO_SKILLS_CONFIDENCE = 0.75
# The texts are compared with English models and tables (WordLlama, O*NET, ESCO); across languages the
# comparison says little (a Russian posting's vectors sit anywhere), so a posting written in another
# language than the CV keeps OTHER_LANGUAGE_FACTOR of its score and of its confidence, and says why.
OTHER_LANGUAGE_FACTOR = 0.6
LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "ru": "Russian"}
PROFILE_CACHE_SIZE = 16
REASON_TERMS = 6
REASON_SKILLS = 6


@dataclass(slots=True)
class _Profile:
    """Everything about the profile the score needs, computed once per profile (and cached)."""

    language: str
    words: int  # as written, stop words included
    query: lexical.LexicalQuery
    vector: np.ndarray
    placement: Placement | None
    skills: set[str]


@dataclass(slots=True)
class _Posting:
    language: str
    words: int  # as written, stop words included
    title_words: int
    terms: lexical.PostingTerms
    vector: np.ndarray
    placement: Placement | None
    skills: list[str]


def profile_text(profile: ProfileInput, known: Callable[[str], bool] | None = None) -> str:
    """The profile as one text: what the user wrote and the CV, in that order; words run together where a
    separator was lost split apart (``text.split_run_ons``; ``known``: written names kept whole)."""
    parts = [profile.headline, profile.summary, ", ".join(skill.name for skill in profile.skills)]
    parts += [f"{entry.title} {entry.company}\n{entry.description}" for entry in profile.experience]
    parts.append(profile.cv_text)
    return split_run_ons(repair_mojibake("\n".join(part for part in parts if part and part.strip())), known)


def posting_text(job: JobInput, known: Callable[[str], bool] | None = None) -> str:
    """The posting's title and plain description as one text, run-together words split (as profile_text)."""
    return split_run_ons(repair_mojibake(f"{job.title}\n{plain_text(job.description_text)}"), known)


@dataclass(slots=True)
class _Text:
    """One pass over a text: its tokens as written, its content words and its language."""

    tokens: list[str]
    words: list[str]
    language: str


def _read(text: str, language: str | None = None) -> _Text:
    tokens_ = tokens(text)
    return _Text(tokens_, words(tokens_), language or language_of(text))


def _fingerprint(profile: ProfileInput) -> str:
    return hashlib.sha256(repr(profile).encode("utf-8", "surrogatepass")).hexdigest()


def _listing(names: Sequence[str], limit: int) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _occupation_named(placement: Placement) -> str:
    """The occupation a placement reads as or, when another of its family is about as near (the placement
    weighs them almost alike: occupation.ALIKE_WEIGHT), both: "Database Architects or Software Developers";
    the nearest alone claimed more than the placement knows."""
    return " or ".join(placement.alike or (placement.top_occupation,))


class FitScorer:
    """Scores postings for a profile, 0-100 with a readable breakdown; no network, deterministic.

    Build one per process and reuse it: the embeddings (WordLlama, the O*NET occupations) and the IDF
    table load on first use, once. ``score`` computes the profile's side once per call (and keeps the
    last few profiles), so scoring an inbox costs one pass over its postings.
    """

    version = MODEL_VERSION

    def __init__(self, vocabulary: SkillVocabulary | None = None) -> None:
        self.vocabulary = vocabulary or load_vocabulary()
        self._embedder = Embedder()
        self._occupations = OccupationIndex(self._embedder)
        self._idf = lexical.BackgroundIdf()
        self._known = skills.known_spelling(self.vocabulary)
        self._profiles: OrderedDict[str, _Profile] = OrderedDict()
        self._lock = threading.Lock()

    # ----------------------------------------------------------------------------------- public

    @property
    def job_heads(self) -> frozenset[str]:
        """The nouns O*NET names jobs by ("developer", "nurse"): whether a short line names a job."""
        return self._occupations.title_heads

    def score(self, profile: ProfileInput, jobs: Sequence[JobInput]) -> list[FitResult]:
        """One FitResult per job, in the same order."""
        prepared = self._profile(profile)
        postings = self._postings(jobs)
        return [self._result(prepared, posting) for posting in postings]

    def score_one(self, profile: ProfileInput, job: JobInput) -> FitResult:
        return self.score(profile, [job])[0]

    # ------------------------------------------------------------------------------ the two sides

    def _profile(self, profile: ProfileInput) -> _Profile:
        key = _fingerprint(profile)
        with self._lock:
            cached = self._profiles.get(key)
            if cached is not None:
                self._profiles.move_to_end(key)
                return cached
        text = profile_text(profile, self._known)
        read = _read(text)
        vector = self._embedder.embed_words([read.tokens])[0]
        prepared = _Profile(
            language=read.language,
            words=len(read.tokens),
            query=lexical.build_query(read.words, read.language, self._idf),
            vector=vector,
            placement=self._place_profile(profile, text, vector) if read.words else None,
            skills=skills.profile_skills(profile, self.vocabulary),
        )
        with self._lock:
            self._profiles[key] = prepared
            while len(self._profiles) > PROFILE_CACHE_SIZE:
                self._profiles.popitem(last=False)
        return prepared

    def _place_profile(self, profile: ProfileInput, text: str, vector: np.ndarray) -> Placement:
        """The CV's occupational family: its job titles (the headline, the experience entries' titles
        and the short lines of the text that name a job), blended with its whole text."""
        index = self._occupations
        by_text = index.place(vector[None, :])[0]
        lines = [profile.headline, *(entry.title for entry in profile.experience), *text.splitlines()]
        line_tokens = [tokens(repair_mojibake(line)) for line in lines if line and line.strip()]
        chosen = occupation.title_lines(line_tokens, index.title_heads, occupation.CV_TITLE_LINES)
        if not chosen:
            # a job named by its acronym alone ("HR", "PMO"): no title noun, and "hr" reads as no job
            chosen = occupation.acronym_lines(line_tokens, index.acronyms)[:occupation.CV_TITLE_LINES]
        if not chosen and occupation.LIKENESS_FLOOR < 1:
            short = [i for i, line in enumerate(line_tokens) if 1 <= len(line) <= occupation.TITLE_LINE_WORDS]
            if short:
                likeness = index.title_likeness(self._embedder.embed_words([line_tokens[i] for i in short]))
                best = int(np.argmax(likeness))
                if likeness[best] >= occupation.LIKENESS_FLOOR:
                    chosen = [short[best]]
        if not chosen:
            return by_text
        titles = index.place_titles(self._title_vectors([line_tokens[i] for i in chosen]))
        return occupation.blend(occupation.mean_placement(titles), by_text, occupation.CV_TITLE_SHARE)

    def _title_vectors(self, titles: list[list[str]]) -> np.ndarray:
        """Job titles embedded as SIF-weighted means of their words, acronyms of job names spelled out."""
        titles = [self._occupations.spelled_out(title) for title in titles]
        if occupation.SIF_A >= 1:
            return self._embedder.embed_words(titles)
        return self._embedder.embed_titles(titles, self._occupations.title_word_weight)

    def _postings(self, jobs: Sequence[JobInput]) -> list[_Posting]:
        texts = [posting_text(job, self._known) for job in jobs]
        reads = [_read(text, (job.language or "")[:2].lower() or None) for job, text in zip(jobs, texts, strict=True)]
        title_tokens = [tokens(split_run_ons(repair_mojibake(job.title), self._known)) for job in jobs]
        vectors = self._embedder.embed_words([read.tokens for read in reads])
        title_vectors = self._title_vectors(title_tokens)
        placeable = [i for i, title in enumerate(title_tokens) if title]
        placements: list[Placement | None] = [None] * len(jobs)
        by_title = self._occupations.place_titles(title_vectors[placeable])
        by_text = self._occupations.place(vectors[placeable])
        for index, placement in zip(placeable, occupation.blend_all(by_title, by_text), strict=True):
            placements[index] = placement
        return [
            _Posting(
                language=read.language,
                words=len(read.tokens),
                title_words=len(title),
                terms=lexical.posting_terms(read.words, read.language),
                vector=vector,
                placement=placement,
                skills=skills.posting_skills(text, job.skills, self.vocabulary),
            )
            for job, text, read, title, vector, placement
            in zip(jobs, texts, reads, title_tokens, vectors, placements, strict=True)
        ]

    # ---------------------------------------------------------------------------- the components

    def _occupation(self, profile: _Profile, posting: _Posting) -> FitComponent:
        weight = WEIGHTS["occupation"]
        if profile.placement is None or posting.placement is None:
            missing = "your profile" if profile.placement is None else "the posting's title"
            return FitComponent("occupation", weight, 0.0, f"Not compared: {missing} names no occupation.")
        value = occupation.family_similarity(profile.placement, posting.placement)
        mine, theirs = profile.placement, posting.placement
        my_field, their_field = (self._occupations.field_of(placement) for placement in (mine, theirs))
        their_name, my_name = _occupation_named(theirs), _occupation_named(mine)
        readings = f"the posting reads as {their_name}; your CV as {my_name}"
        if mine.top_group == theirs.top_group and my_field == their_field:
            reason = f"Same occupational family: {occupation.family_name(theirs.top_group)} ({readings})."
        elif mine.top_group == theirs.top_group:
            # managers of different work: an HR manager and a sales manager (both management)
            reason = (f"Same occupational family: {occupation.family_name(theirs.top_group)}, but another field of "
                      f"work: the posting's is {occupation.family_name(their_field)}, your CV's "
                      f"{occupation.family_name(my_field)} ({readings}).")
        elif my_field == their_field:
            # a manager and a specialist of the same work: a sales manager's CV and a sales posting
            reason = (f"Same field of work: {occupation.family_name(their_field)} (the posting reads as "
                      f"{their_name}, {occupation.family_name(theirs.top_group)}; your CV as "
                      f"{my_name}, {occupation.family_name(mine.top_group)}).")
        else:
            reason = (f"Different occupational family: the posting is {occupation.family_name(theirs.top_group)} "
                      f"({their_name}); your CV reads as {occupation.family_name(mine.top_group)} "
                      f"({my_name}).")
        return FitComponent("occupation", weight, round(value, 4), reason)

    def _skills(self, profile: _Profile, posting: _Posting) -> FitComponent:
        weight = WEIGHTS["skills"]
        if not posting.skills:
            return FitComponent("skills", weight, NO_SKILLS_VALUE,
                                "The posting names no specific skills; judged by the other parts.")
        found = skills.match(posting.skills, profile.skills, self.vocabulary)
        reason = f"You have {len(found.shared)} of the {len(found.asked)} skills the posting names"
        reason += f": {_listing(found.shared, REASON_SKILLS)}." if found.shared else "."
        if found.related:
            reason += " Related: " + ", ".join(f"{have} for {asked}" for asked, have in found.related[:3]) + "."
        if found.lacking:
            reason += f" Missing: {_listing(found.lacking, REASON_SKILLS)}."
        return FitComponent("skills", weight, round(found.value, 4), reason)

    def _semantic(self, profile: _Profile, posting: _Posting) -> FitComponent:
        weight = WEIGHTS["semantic"]
        # The cosine itself (negative ones, which mean "unrelated" as much as 0 does, count as 0). Mean-pooled
        # word vectors of two job texts rarely fall below 0.2: about the same work, they reach 0.6-0.9.
        value = min(1.0, max(0.0, float(profile.vector @ posting.vector)))
        closeness = "close to" if value >= 0.6 else "somewhat like" if value >= 0.4 else "unlike"
        return FitComponent("semantic", weight, round(value, 4),
                            f"The posting's text as a whole is {closeness} your CV in meaning.")

    def _lexical(self, profile: _Profile, posting: _Posting) -> FitComponent:
        weight = WEIGHTS["lexical"]
        raw, contributions = lexical.bm25(profile.query, posting.terms)
        value = lexical.lexical_value(raw, profile.query)
        if not contributions:
            return FitComponent("lexical", weight, 0.0, "Your CV and the posting share no distinctive words.")
        shown = [profile.query.surfaces.get(stem, stem) for _, stem in contributions[:REASON_TERMS]]
        return FitComponent("lexical", weight, round(value, 4),
                            f"Distinctive words you share with the posting: {', '.join(shown)}.")

    # -------------------------------------------------------------------------------- the result

    def _result(self, profile: _Profile, posting: _Posting) -> FitResult:
        components = [
            self._occupation(profile, posting),
            self._skills(profile, posting),
            self._semantic(profile, posting),
            self._lexical(profile, posting),
        ]
        total = 100.0 * sum(part.weight * part.value for part in components)
        confidence, missing = self._confidence(profile, posting)
        if profile.words and posting.words and posting.language != profile.language:
            total *= OTHER_LANGUAGE_FACTOR
            confidence *= OTHER_LANGUAGE_FACTOR
            missing.append(f"the posting is in {LANGUAGE_NAMES.get(posting.language, posting.language)}, "
                           f"your CV in {LANGUAGE_NAMES.get(profile.language, profile.language)}")
        ranked = sorted(components, key=lambda part: part.weight * part.value, reverse=True)
        reasons = [part.reason for part in ranked]
        total = min(100.0, max(0.0, total))
        score = shrunk(total, confidence)  # too little to judge: toward the middle (confidence.py)
        if confidence < LOW_CONFIDENCE:
            reasons.insert(0, little_to_judge(missing, confidence, total, score))
        return FitResult(
            score=round(score, 1),
            confidence=round(confidence, 3),
            components=components,
            top_reasons=reasons[:3],
            missing=missing,
            model=self.version,
        )

    def _confidence(self, profile: _Profile, posting: _Posting) -> tuple[float, list[str]]:
        # What is missing, in the words the user reads after "Little to judge:" and under "What is missing".
        confidence = min(1.0, posting.words / FULL_POSTING_WORDS)
        missing: list[str] = []
        description_words = posting.words - posting.title_words
        if description_words <= 0:
            missing.append("no description")
        elif posting.words < FULL_POSTING_WORDS:
            missing.append(f"a short description ({description_words} word{'s' if description_words != 1 else ''})")
        if not posting.skills:
            confidence *= NO_SKILLS_CONFIDENCE
            missing.append("no skills listed")
        if posting.placement is None:
            confidence *= NO_SKILLS_CONFIDENCE
            missing.append("no title")
        if profile.words < THIN_PROFILE_WORDS:
            confidence *= max(0.2, profile.words / THIN_PROFILE_WORDS)
            missing.append(f"a thin profile ({profile.words} words)" if profile.words else "an empty profile")
        return max(0.0, min(1.0, confidence)), missing
