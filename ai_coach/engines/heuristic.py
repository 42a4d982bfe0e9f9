"""The heuristic engine: the default analysis, with no network, deterministic and explainable.

The score is ``round(100 * sum(weight * component_score))`` over the components in ``WEIGHTS``; each
component comes with a sentence saying why it scored as it did, and the list is stored with the
result. docs/analysis.md explains the weights. In short: must-have coverage carries half of the
score, so nothing else can make up for missing what the posting requires; coverage is measured
against the posting's list, so skills the posting does not ask for (however many, however often
repeated) add nothing; and skills that are only listed, without years or an experience entry that
uses them, earn less than proven ones, and less still when the profile lists a great many of them.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from ai_coach.domain import (
    PERIODS_PER_YEAR,
    Analysis,
    AtsAdvice,
    BreakdownComponent,
    JobInput,
    ProfileInput,
    RemoteType,
    SearchInput,
)
from ai_coach.engines.fit import FitResult, FitScorer
from ai_coach.engines.fit.confidence import LOW_CONFIDENCE, little_to_judge
from ai_coach.vocabulary import SOFT_SKILLS_CATEGORY, SkillVocabulary, load_vocabulary

from .cover_letter import (
    LETTER_LANGUAGES,
    LetterValues,
    built_in_letter,
    render_template,
    role_phrase,
    unsupported_skills,
)
from .facts import (
    YEARS_FOR_SENIORITY,
    PostingFacts,
    ProfileFacts,
    SkillEvidence,
    SkillRequirement,
    read_posting,
    read_profile,
)
from .text import LANGUAGE_BY_CODE

WEIGHTS: dict[str, float] = {
    "must_have_skills": 0.45,
    "nice_to_have_skills": 0.10,
    "experience": 0.10,
    "role": 0.15,
    "languages": 0.10,
    "location": 0.05,
    "salary": 0.05,
}

# Credit a posting's skill earns from the candidate's evidence for it.
PROVEN_CREDIT = 1.0  # years stated, or named in an experience entry
LISTED_CREDIT = 0.8  # only in the skills list, summary or CV text
STUFFED_LISTED_CREDIT = 0.5  # the same, when the profile looks keyword-stuffed
RELATED_CREDIT = 0.35  # the candidate lacks it but has a related skill
SOFT_SKILL_WEIGHT = 0.5  # soft skills count half as much as hard skills in coverage
SHOWN_SKILLS = 8  # skills named in the pro that counts them
# A profile listing more than this many skills, most of them unproven, is treated as keyword-stuffed.
STUFFING_MIN_SKILLS = 30
STUFFING_UNPROVEN_SHARE = 0.7


_SNIPPET_CHARS = 110
_TITLE_NOISE = frozenset(
    "senior junior middle lead staff principal head intern the and of for with in to at a an m w d f x h "
    "remote hybrid onsite on-site full part time ii iii iv sr jr mid level".split()
)
_TITLE_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _low_confidence_note(fit: FitResult) -> str:
    """The fit score's own "Little to judge" sentence (what is missing, what the number rests on), so the
    inbox and the analysis say the same, and what to do about it."""
    lead = fit.top_reasons[0] if fit.top_reasons and fit.top_reasons[0].startswith("Little to judge") \
        else little_to_judge(fit.missing, fit.confidence, fit.score, fit.score)
    return lead + " Read the posting itself, or add it with its full description, before relying on the score."


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET_CHARS else text[: _SNIPPET_CHARS - 1].rstrip() + "…"


def _years_phrase(years: float) -> str:
    if years < 1:
        months = max(1, round(years * 12))
        return f"{months} month{'s' if months != 1 else ''}"
    # Whole years read better and the profile's dates are rarely precise to the month anyway.
    whole = int(years) if years >= 2 or float(years).is_integer() else round(years, 1)
    return f"{whole} year{'s' if whole != 1 else ''}"


def _title_stems(text: str) -> set[str]:
    return {
        word[:6]
        for word in _TITLE_WORD.findall(text.casefold())
        if word not in _TITLE_NOISE and len(word) > 1
    }


def _money(amount: float) -> str:
    return f"{amount:,.0f}"


def _has(score: _SkillScore) -> bool:
    """The candidate has the skill itself (a related one earns credit but is not the skill)."""
    return score.credit > 0 and score.via_related is None


def _skills_pro(required: list[_SkillScore], nice: list[_SkillScore]) -> str | None:
    """One sentence naming every skill of "Skills that match", each under what the posting makes of it:
    "You have 1 of 2 required skills (Backend Development) and 1 of 2 nice-to-have ones (Python)."
    (The count once said "1 of 2 required skills" beside a list of two, the other one nice-to-have.)"""

    def part(scores: list[_SkillScore], kind: str, noun: str) -> str:
        have = [s.name for s in scores if _has(s)]
        named = f" ({', '.join(have[:SHOWN_SKILLS])}{', ...' if len(have) > SHOWN_SKILLS else ''})" if have else ""
        return f"{len(have)} of {len(scores)} {kind} {noun}{'s' if len(scores) != 1 else ''}{named}"

    if not any(map(_has, required + nice)):
        return None
    parts = []
    if required:
        parts.append(part(required, "required", "skill"))
    if any(map(_has, nice)):  # "and 0 of 1 nice-to-have one" would name nothing of the list
        parts.append(part(nice, "nice-to-have", "one" if required else "skill"))
    return f"You have {' and '.join(parts)}."


@dataclass(slots=True)
class _SkillScore:
    name: str
    credit: float
    weight: float
    via_related: str | None = None
    years_short: tuple[float, float] | None = None  # (candidate years, asked years)


class HeuristicEngine:
    """Scores a posting against a profile with the rules above; ``analyze`` is pure and fast.

    With ``fit`` (a FitScorer: what ai_coach runs), the score and its breakdown are the fit score's, the
    same that orders the inbox, so the two agree; the rules above still give the pros and cons, the
    matched and missing skills, the letter and the ATS advice. A posting too thin to judge gets a first
    con saying so and what is missing, and the analysis carries the fit score's confidence."""

    def __init__(self, vocabulary: SkillVocabulary | None = None, fit: FitScorer | None = None) -> None:
        self.vocabulary = vocabulary or load_vocabulary()
        self.fit = fit

    def analyze(self, job: JobInput, profile: ProfileInput, search: SearchInput | None = None) -> Analysis:
        started = time.perf_counter()
        search = search or SearchInput()
        posting = read_posting(job, self.vocabulary)
        candidate = read_profile(profile, self.vocabulary)
        stuffed = self._looks_stuffed(candidate)

        required_scores = [self._skill_score(req, candidate, stuffed) for req in posting.required.values()]
        nice_scores = [self._skill_score(req, candidate, stuffed) for req in posting.nice_to_have.values()]
        pros: list[str] = []
        cons: list[str] = []

        role = self._role_component(job, posting, candidate, required_scores)
        components = [
            self._must_have_component(posting, required_scores, stuffed, pros, cons, role.score),
            self._nice_component(nice_scores),
            self._experience_component(posting, candidate, pros, cons),
            role,
            self._language_component(posting, candidate, pros, cons),
            self._location_component(job, profile, search, pros, cons),
            self._salary_component(job, search, pros, cons),
        ]
        score = round(100 * sum(part.weight * part.score for part in components))
        breakdown, confidence, notes = components, None, []
        if self.fit is not None:
            fit = self.fit.score_one(profile, job)
            score, confidence, notes = round(fit.score), fit.confidence, list(fit.missing)
            breakdown = [BreakdownComponent(part.name, part.weight, part.value, part.reason)
                         for part in fit.components]
            if fit.confidence < LOW_CONFIDENCE:
                cons.insert(0, _low_confidence_note(fit))
        # What the analysis shows of the skills (the pros' count, "Skills that match", the missing ones) is one
        # set: the posting's hard skills, required first, then nice-to-have (soft skills count for little in
        # the score and say nothing about fit; the fit score's skills part leaves them out too).
        hard_required, hard_nice = self._hard(required_scores), self._hard(nice_scores)
        matched = [s.name for s in hard_required + hard_nice if _has(s)]
        missing = [s.name for s in hard_required if not _has(s)]
        skills_pro = _skills_pro(hard_required, hard_nice)
        if skills_pro:
            pros.insert(0, skills_pro)
        ats = self._ats_advice(posting, candidate, profile, required_scores, nice_scores, components)

        language = posting.language if posting.language in LETTER_LANGUAGES else "en"
        letter_skills = [s.name for s in required_scores + nice_scores if _has(s)]
        letter, letter_note = self.cover_letter(job, profile, search, candidate, letter_skills, language)
        if letter_note:
            ats.tips.append(letter_note)

        return Analysis(
            score=max(0, min(100, score)),
            breakdown=breakdown,
            pros=pros,
            cons=cons,
            cover_letter=letter,
            ats_advice=ats,
            required_skills=list(posting.required),
            nice_to_have_skills=list(posting.nice_to_have),
            matched_skills=matched,
            missing_skills=missing,
            seniority=posting.seniority,
            engine="heuristic",
            language=posting.language,
            timings_ms={"heuristic": round((time.perf_counter() - started) * 1000, 3)},
            heuristic_score=max(0, min(100, score)),
            required_years=posting.required_years,
            confidence=confidence,
            confidence_notes=notes,
        )

    # ------------------------------------------------------------------ skills

    @staticmethod
    def _looks_stuffed(candidate: ProfileFacts) -> bool:
        listed = [e for e in candidate.skills.values() if e.listed]
        if len(listed) < STUFFING_MIN_SKILLS:
            return False
        unproven = sum(1 for e in listed if not e.strong)
        return unproven / len(listed) >= STUFFING_UNPROVEN_SHARE

    def _own_credit(self, evidence: SkillEvidence | None, stuffed: bool) -> float:
        if evidence is None:
            return 0.0
        if evidence.strong:
            return PROVEN_CREDIT
        return STUFFED_LISTED_CREDIT if stuffed else LISTED_CREDIT

    def _skill_score(
        self, requirement: SkillRequirement, candidate: ProfileFacts, stuffed: bool
    ) -> _SkillScore:
        weight = SOFT_SKILL_WEIGHT if self.vocabulary.category(requirement.name) == SOFT_SKILLS_CATEGORY else 1.0
        evidence = candidate.skills.get(requirement.name)
        credit = self._own_credit(evidence, stuffed)
        result = _SkillScore(requirement.name, credit, weight)
        if credit == 0:
            best = max(
                (
                    (other, self._own_credit(candidate.skills.get(other), stuffed))
                    for other in sorted(self.vocabulary.related(requirement.name))
                ),
                key=lambda item: item[1],
                default=(None, 0.0),
            )
            if best[0] is not None and best[1] > 0:
                result.credit = RELATED_CREDIT * best[1]
                result.via_related = best[0]
        elif (
            requirement.years
            and evidence is not None
            and evidence.years is not None
            and evidence.years < requirement.years
        ):
            result.credit *= max(0.5, evidence.years / requirement.years)
            result.years_short = (evidence.years, requirement.years)
        return result

    def _hard(self, scores: list[_SkillScore]) -> list[_SkillScore]:
        return [s for s in scores if self.vocabulary.category(s.name) != SOFT_SKILLS_CATEGORY]

    @staticmethod
    def _coverage(scores: list[_SkillScore]) -> float:
        total = sum(s.weight for s in scores)
        return sum(s.weight * s.credit for s in scores) / total if total else 0.0

    def _must_have_component(
        self,
        posting: PostingFacts,
        scores: list[_SkillScore],
        stuffed: bool,
        pros: list[str],
        cons: list[str],
        role_score: float,
    ) -> BreakdownComponent:
        weight = WEIGHTS["must_have_skills"]
        if not scores:
            # A neutral 0.5 here would lift every skill-less posting (drivers, cleaners) to mid-table for
            # everyone; the job title is then the only evidence of what the job needs.
            return BreakdownComponent(
                "must_have_skills",
                weight,
                round(role_score, 4),
                "The posting names no skills from the vocabulary; judged by how its title matches your roles.",
            )
        hard = self._hard(scores)
        coverage = self._coverage(scores)
        explanation = (
            f"You have {sum(map(_has, hard))} of {len(hard)} required skills (weighted coverage {coverage:.0%})."
        )
        soft = [s.name for s in scores if s not in hard]
        if soft:
            explanation += f" Soft skills asked for ({', '.join(soft[:4])}) count little and are not in that count."
        if stuffed:
            explanation += (
                " Listed-only skills earn less because the profile lists many skills without evidence."
            )
        for s in hard:
            requirement = posting.required[s.name]
            if s.years_short:
                own, asked = s.years_short
                cons.append(f"{_years_phrase(own)} of {s.name}; the posting asks for {_years_phrase(asked)}.")
            elif s.via_related:
                cons.append(
                    f'No {s.name}, which the posting requires ("{_snippet(requirement.evidence)}"); '
                    f"you have the related {s.via_related}."
                )
            elif s.credit == 0:
                cons.append(f'Missing required skill {s.name} ("{_snippet(requirement.evidence)}").')
        return BreakdownComponent("must_have_skills", weight, round(coverage, 4), explanation)

    def _nice_component(self, scores: list[_SkillScore]) -> BreakdownComponent:
        weight = WEIGHTS["nice_to_have_skills"]
        if not scores:
            return BreakdownComponent(
                "nice_to_have_skills", weight, 0.5, "The posting lists no nice-to-have skills; neutral."
            )
        coverage = self._coverage(scores)
        hard = self._hard(scores)
        return BreakdownComponent(
            "nice_to_have_skills",
            weight,
            round(coverage, 4),
            f"You have {sum(map(_has, hard))} of {len(hard)} nice-to-have skills.",
        )

    # -------------------------------------------------------------- experience

    def _experience_component(
        self, posting: PostingFacts, candidate: ProfileFacts, pros: list[str], cons: list[str]
    ) -> BreakdownComponent:
        weight = WEIGHTS["experience"]
        for name, requirement in posting.required.items():
            evidence = candidate.skills.get(name)
            if requirement.years and evidence and evidence.years and evidence.years >= requirement.years:
                pros.append(
                    f"{_years_phrase(evidence.years)} of {name}; the posting asks for {_years_phrase(requirement.years)}."
                )
        asked, have = posting.required_years, candidate.total_years
        if asked is None:
            return BreakdownComponent(
                "experience", weight, 0.7, "The posting states no experience requirement; neutral."
            )
        source = f' ("{_snippet(posting.years_evidence)}")' if posting.years_evidence else ""
        if have is None:
            cons.append(
                f"The posting asks for {_years_phrase(asked)} of experience{source}; your profile shows no dated experience."
            )
            return BreakdownComponent(
                "experience", weight, 0.4, "The profile has no dated experience to compare."
            )
        if asked <= 0:
            score = 1.0
            if have >= YEARS_FOR_SENIORITY["senior"]:
                score = 0.8
                cons.append(
                    f"An entry-level posting; with {_years_phrase(have)} of experience you may be overqualified."
                )
            return BreakdownComponent("experience", weight, score, "The posting needs no prior experience.")
        if have >= asked:
            pros.append(
                f"About {_years_phrase(have)} of experience; the posting asks for {_years_phrase(asked)}{source}."
            )
            return BreakdownComponent(
                "experience",
                weight,
                1.0,
                f"{_years_phrase(have)} of experience meets the {_years_phrase(asked)} asked.",
            )
        cons.append(
            f"About {_years_phrase(have)} of experience; the posting asks for {_years_phrase(asked)}{source}."
        )
        return BreakdownComponent(
            "experience",
            weight,
            round(have / asked, 4),
            f"{_years_phrase(have)} of the {_years_phrase(asked)} asked.",
        )

    def _role_component(
        self,
        job: JobInput,
        posting: PostingFacts,
        candidate: ProfileFacts,
        required_scores: list[_SkillScore],
    ) -> BreakdownComponent:
        weight = WEIGHTS["role"]
        wanted = _title_stems(job.title)
        held = _title_stems(candidate.titles_text)
        if not wanted:
            return BreakdownComponent("role", weight, 0.5, "The job title has no words to compare; neutral.")
        if not held:
            return BreakdownComponent(
                "role", weight, 0.3, "The profile has no headline or job titles to compare with."
            )
        overlap = wanted & held
        score = len(overlap) / len(wanted)
        return BreakdownComponent(
            "role",
            weight,
            round(score, 4),
            f"{len(overlap)} of {len(wanted)} words of the title '{job.title}' appear in your headline or past titles.",
        )

    def _language_component(
        self, posting: PostingFacts, candidate: ProfileFacts, pros: list[str], cons: list[str]
    ) -> BreakdownComponent:
        weight = WEIGHTS["languages"]
        asked = list(posting.spoken_languages)
        implied = LANGUAGE_BY_CODE.get(posting.language)
        if implied and implied not in asked:
            asked.append(implied)
        if not asked:
            return BreakdownComponent(
                "languages", weight, 0.5, "The posting asks for no particular language."
            )
        if not candidate.spoken_languages:
            return BreakdownComponent(
                "languages", weight, 0.5, "The profile lists no languages; not compared."
            )
        spoken = [name for name in asked if name in candidate.spoken_languages]
        lacking = [name for name in asked if name not in candidate.spoken_languages]
        for name in spoken:
            if name in posting.spoken_languages:
                level = candidate.spoken_languages[name]
                pros.append(f"You speak {name}{f' ({level})' if level else ''}, which the posting asks for.")
        for name in lacking:
            why = "asks for" if name in posting.spoken_languages else "is written in"
            cons.append(f"The posting {why} {name}; your profile does not list it.")
        return BreakdownComponent(
            "languages",
            weight,
            round(len(spoken) / len(asked), 4),
            f"You speak {len(spoken)} of the {len(asked)} languages the posting needs ({', '.join(asked)}).",
        )

    @staticmethod
    def _place_matches(places: list[str], wanted: list[str]) -> str | None:
        for place in places:
            place_key = place.casefold()
            for want in wanted:
                want_key = want.casefold().split(",")[0].strip()
                if want_key and (want_key in place_key or place_key.split(",")[0].strip() in want.casefold()):
                    return place
        return None

    def _location_component(
        self, job: JobInput, profile: ProfileInput, search: SearchInput, pros: list[str], cons: list[str]
    ) -> BreakdownComponent:
        weight = WEIGHTS["location"]
        policy = (search.remote_policy or "ANY").upper()
        if job.remote_type == RemoteType.REMOTE:
            pros.append("Fully remote position.")
            return BreakdownComponent("location", weight, 1.0, "Remote: location does not matter.")
        wanted = [place for place in [profile.location, *search.locations] if place.strip()]
        where = ", ".join(job.locations) or "an unstated place"
        mode = {RemoteType.HYBRID: "Hybrid", RemoteType.ON_SITE: "On-site"}.get(job.remote_type, "Work")
        if not wanted:
            return BreakdownComponent("location", weight, 0.6, "Your profile has no location to compare.")
        match = self._place_matches(job.locations, wanted)
        if match:
            if job.remote_type == RemoteType.HYBRID and policy == "REMOTE":
                cons.append(f"Hybrid in {match}; your search asks for remote work.")
                return BreakdownComponent("location", weight, 0.6, f"Hybrid in {match}, but you want remote.")
            pros.append(f"{mode} in {match}, where you want to work.")
            return BreakdownComponent("location", weight, 1.0, f"{mode} in {match}, one of your locations.")
        if job.remote_type == RemoteType.UNKNOWN and not job.locations:
            return BreakdownComponent(
                "location", weight, 0.6, "The posting states neither location nor remote policy."
            )
        score = 0.1 if policy == "REMOTE" else 0.3
        cons.append(f"{mode} in {where}; you are looking in {', '.join(wanted)}.")
        return BreakdownComponent("location", weight, score, f"{mode} in {where}, outside your locations.")

    def _salary_component(
        self, job: JobInput, search: SearchInput, pros: list[str], cons: list[str]
    ) -> BreakdownComponent:
        weight = WEIGHTS["salary"]
        if not search.salary_min:
            return BreakdownComponent("salary", weight, 0.7, "You set no salary expectation; neutral.")
        top = job.salary_max or job.salary_min
        if not top:
            return BreakdownComponent("salary", weight, 0.6, "The posting states no salary.")
        job_currency = (job.salary_currency or "").upper()
        want_currency = (search.salary_currency or job_currency).upper()
        if job_currency and want_currency and job_currency != want_currency:
            return BreakdownComponent(
                "salary",
                weight,
                0.6,
                f"The posting pays in {job_currency}, you asked in {want_currency}; not converted.",
            )
        yearly_top = top * PERIODS_PER_YEAR[job.salary_period]
        yearly_wanted = search.salary_min * PERIODS_PER_YEAR[search.salary_period]
        offered = f"{_money(top)} {job_currency}/{job.salary_period.value.lower()}".replace(" /", "/")
        wanted = f"{_money(search.salary_min)} {want_currency}/{search.salary_period.value.lower()}".replace(
            " /", "/"
        )
        if yearly_top >= yearly_wanted:
            pros.append(f"Pays up to {offered}, at or above your minimum of {wanted}.")
            return BreakdownComponent(
                "salary", weight, 1.0, f"Up to {offered} meets your minimum of {wanted}."
            )
        ratio = yearly_top / yearly_wanted
        cons.append(f"Pays at most {offered}, below your minimum of {wanted}.")
        return BreakdownComponent(
            "salary", weight, round(ratio * ratio, 4), f"Up to {offered} is {ratio:.0%} of your minimum."
        )

    # --------------------------------------------------------------- ATS advice

    def _ats_advice(
        self,
        posting: PostingFacts,
        candidate: ProfileFacts,
        profile: ProfileInput,
        required_scores: list[_SkillScore],
        nice_scores: list[_SkillScore],
        components: list[BreakdownComponent],
    ) -> AtsAdvice:
        advice = AtsAdvice()
        has_cv = bool(profile.cv_text.strip())
        for s in required_scores + nice_scores:
            evidence = candidate.skills.get(s.name)
            if evidence is None or s.via_related is not None:
                continue
            written = evidence.in_cv if has_cv else evidence.in_experience
            if not written:
                advice.keywords_to_add.append(s.name)
            elif has_cv and evidence.cv_surface:
                posting_spelling = posting.surfaces.get(s.name)
                if posting_spelling and posting_spelling.casefold() != evidence.cv_surface.casefold():
                    advice.tips.append(
                        f"Write '{posting_spelling}' as the posting does; your CV says '{evidence.cv_surface}'."
                    )
        for s in required_scores:
            if s.credit == 0 or s.via_related is not None:
                advice.missing_skills.append(s.name)
                if s.via_related:
                    advice.tips.append(
                        f"You lack {s.name}; point to your {s.via_related} experience rather than claiming {s.name}."
                    )
        if advice.keywords_to_add:
            where = "CV" if has_cv else "experience descriptions"
            advice.tips.insert(
                0,
                f"Your profile has {', '.join(advice.keywords_to_add)} but your {where} never says so: "
                "applicant-tracking systems only see what is written.",
            )
        role = next(part for part in components if part.name == "role")
        if role.score < 0.5:
            advice.tips.append(
                "Use the posting's job title wording in your headline if it truly describes your role."
            )
        if not has_cv:
            advice.tips.append("Upload a CV: keyword checks above use your experience descriptions instead.")
        return advice

    # ------------------------------------------------------------- cover letter

    def cover_letter(
        self,
        job: JobInput,
        profile: ProfileInput,
        search: SearchInput,
        candidate: ProfileFacts,
        matched: list[str],
        language: str,
    ) -> tuple[str, str | None]:
        """The letter and, if the saved template had to be set aside, a note saying why."""
        values = LetterValues(
            full_name=profile.full_name,
            company=job.company,
            title=job.title,
            matched_skills=[name for name in matched if name in candidate.skills],
            years=candidate.total_years,
            headline=profile.headline,
            location=profile.location,
            role=role_phrase(profile.headline, language, vocabulary=self.vocabulary,
                             job_heads=self.fit.job_heads if self.fit is not None else None),
        ).as_placeholders(language)
        quoted = [job.title, job.company]
        note = None
        if search.cover_letter_template.strip():
            letter = render_template(search.cover_letter_template, values)
            invented = unsupported_skills(letter, set(candidate.skills), self.vocabulary, quoted)
            if not invented:
                return letter, None
            note = (
                f"Your saved cover-letter template names {', '.join(invented)}, which your profile does not show; "
                "the built-in letter was used instead."
            )
        letter = built_in_letter(values, language)
        invented = unsupported_skills(letter, set(candidate.skills), self.vocabulary, quoted)
        if invented:  # a headline or name that itself names a skill; drop those sentences' sources
            values["headline"] = ""
            letter = built_in_letter(values, language)
        return letter, note
