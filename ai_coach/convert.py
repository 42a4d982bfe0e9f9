"""The owners' protobuf messages to ai_coach's domain types (ai_coach/domain.py) and back.

The engines (ai_coach/engines) and the CV parser (ai_coach/cv) know nothing of gRPC; this module is
the one place that translates between their plain dataclasses and the owners' contracts:

- discovery `Job`, profile `Profile` and `SearchConfig` → `JobInput`, `ProfileInput`, `SearchInput`;
- the engines' `Analysis` → tracker `Analysis` (what RecordAnalysis stores);
- the fit scorer's `FitResult`s → discovery `RecordFitScoresRequest`;
- the parser's `ParsedCv` → profile `Profile` (what ApplyParsedCv merges: only non-empty fields are set,
  so "not found in the CV" never overwrites what the user wrote), and the fields its failed readers left
  empty (`unread_fields`), so "could not be read" reaches the user instead of only the logs.

Profile dates are text ("YYYY-MM", "YYYY", "present" or empty). An experience entry whose end is empty
has an unknown duration: it is mapped to a zero-length period (its skills count as used, but no years
are credited) rather than to "until today", which would invent years of experience.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from ai_coach.domain import (
    Analysis,
    JobInput,
    LanguageSkill,
    ParsedCv,
    ProfileExperience,
    ProfileInput,
    ProfileSkill,
    RemoteType,
    SalaryPeriod,
    SearchInput,
)
from ai_coach.engines.fit import FitResult
from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2
from jobmate.profile.v1 import profile_pb2
from jobmate.tracker.v1 import tracker_pb2

_REMOTE_TYPES = {
    common_pb2.REMOTE_TYPE_REMOTE: RemoteType.REMOTE,
    common_pb2.REMOTE_TYPE_HYBRID: RemoteType.HYBRID,
    common_pb2.REMOTE_TYPE_ON_SITE: RemoteType.ON_SITE,
}
_SALARY_PERIODS = {
    common_pb2.SALARY_PERIOD_HOUR: SalaryPeriod.HOUR,
    common_pb2.SALARY_PERIOD_DAY: SalaryPeriod.DAY,
    common_pb2.SALARY_PERIOD_WEEK: SalaryPeriod.WEEK,
    common_pb2.SALARY_PERIOD_MONTH: SalaryPeriod.MONTH,
    common_pb2.SALARY_PERIOD_YEAR: SalaryPeriod.YEAR,
}
_REMOTE_POLICIES = {
    profile_pb2.REMOTE_POLICY_REMOTE: "REMOTE",
    profile_pb2.REMOTE_POLICY_HYBRID: "HYBRID",
    profile_pb2.REMOTE_POLICY_ON_SITE: "ON_SITE",
}
_PRESENT = frozenset({"present", "current", "now", "today"})
_PROFILE_DATE = re.compile(r"((?:19|20)\d\d)(?:-(0[1-9]|1[0-2]))?")


# --- inputs ------------------------------------------------------------------------------------------
def job_input(job: discovery_pb2.Job) -> JobInput:
    salary = job.salary
    return JobInput(
        title=job.title,
        company=job.company,
        description_text=job.description_text,
        locations=list(job.locations),
        remote_type=_REMOTE_TYPES.get(job.remote_type, RemoteType.UNKNOWN),
        salary_min=salary.min if salary.HasField("min") else None,
        salary_max=salary.max if salary.HasField("max") else None,
        salary_currency=salary.currency or None,
        salary_period=_SALARY_PERIODS.get(salary.period, SalaryPeriod.YEAR),
        skills=list(job.skills),
        language=job.language or None,
        url=job.url,
    )


def profile_date(value: str) -> date | None:
    """"2019-03" → 2019-03-01, "2019" → 2019-01-01; anything else (empty, "present", free text) → None."""
    match = _PROFILE_DATE.fullmatch(value.strip())
    if not match:
        return None
    return date(int(match.group(1)), int(match.group(2) or 1), 1)


def _experience(entry: profile_pb2.Experience) -> ProfileExperience:
    start = profile_date(entry.start)
    if entry.end.strip().casefold() in _PRESENT:
        end = None  # the engines read None as "until today"
    else:
        end = profile_date(entry.end) or start  # unknown end: no years credited (module docstring)
    return ProfileExperience(title=entry.title, company=entry.company, start=start, end=end,
                           description=entry.description)


def profile_input(profile: profile_pb2.Profile) -> ProfileInput:
    status = profile_pb2.CareerStatus.Name(profile.status).removeprefix("CAREER_STATUS_")
    return ProfileInput(
        full_name=profile.full_name,
        headline=profile.headline,
        summary=profile.summary,
        status="" if status == "UNSPECIFIED" else status,
        skills=[ProfileSkill(name=s.name, level=s.level, years=s.years or None) for s in profile.skills if s.name],
        experience=[_experience(e) for e in profile.experience if e.title or e.company],
        languages=[LanguageSkill(name=lang.name, level=lang.level) for lang in profile.languages if lang.name],
        location=profile.contact.location,
        cv_text=profile.cv_text,
    )


def profile_is_empty(profile: ProfileInput) -> bool:
    """Nothing to compare a posting with: a score would only measure the absence of a profile."""
    return not (profile.skills or profile.experience or profile.headline or profile.summary
                or profile.cv_text.strip())


def search_input(config: profile_pb2.SearchConfig | None) -> SearchInput:
    if config is None:
        return SearchInput()
    return SearchInput(
        cover_letter_template=config.cover_letter_template,
        remote_policy=_REMOTE_POLICIES.get(config.remote_policy, "ANY"),
        locations=list(config.locations),
        salary_min=config.salary_min if config.HasField("salary_min") else None,
        salary_currency=config.salary_currency or None,
    )


# --- the analysis ------------------------------------------------------------------------------------
def _breakdown(analysis: Analysis) -> list[tracker_pb2.BreakdownItem]:
    return [tracker_pb2.BreakdownItem(name=part.name, weight=part.weight, score=part.score,
                                      explanation=part.explanation) for part in analysis.breakdown]


def analysis_message(analysis: Analysis, *, duration_ms: int, now: datetime | None = None) -> tracker_pb2.Analysis:
    """The engines' result as tracker stores it.

    The breakdown is always the rule-based one (the fit score's components when the engine scores with
    it; the LLM engine adjusts the total within its band but never rewrites the components), so
    `breakdown` and `heuristic_breakdown` hold the same items; when the LLM moved the score, the first
    con or pro explains why (see `_adjustment_note`).
    """
    message = tracker_pb2.Analysis(
        score=analysis.score,
        breakdown=_breakdown(analysis),
        heuristic_breakdown=_breakdown(analysis),
        pros=list(analysis.pros),
        cons=list(analysis.cons),
        cover_letter=analysis.cover_letter,
        ats_advice=tracker_pb2.AtsAdvice(keywords_to_add=list(analysis.ats_advice.keywords_to_add),
                                         missing_skills=list(analysis.ats_advice.missing_skills),
                                         tips=list(analysis.ats_advice.tips)),
        matched_skills=list(analysis.matched_skills),
        missing_skills=list(analysis.missing_skills),
        engine=analysis.engine,
        model=analysis.model or "",
        language=analysis.language,
        fallback_reason=analysis.fallback_reason or "",
        token_usage=tracker_pb2.TokenUsage(prompt_tokens=analysis.token_usage.prompt,
                                           completion_tokens=analysis.token_usage.completion,
                                           total_tokens=analysis.token_usage.total),
        duration_ms=duration_ms,
        score_adjustment=analysis.score_adjustment or 0,
        adjustment_reasons=list(analysis.adjustment_reasons or ()),
    )
    if analysis.heuristic_score is not None and analysis.engine == "llm":
        message.heuristic_score = analysis.heuristic_score
    if analysis.confidence is not None:
        message.confidence = analysis.confidence
    message.confidence_notes.extend(analysis.confidence_notes)
    message.created_at.FromDatetime(now or datetime.now(UTC))
    return message


# --- the parsed CV -----------------------------------------------------------------------------------
def fit_scores_request(command_id: str, user_id: str, scored: list[tuple[str, FitResult]],
                       profile: profile_pb2.Profile | None) -> discovery_pb2.RecordFitScoresRequest:
    """RecordFitScores for the postings scored (job id, result), from `profile` as it was read."""
    request = discovery_pb2.RecordFitScoresRequest(command_id=command_id, user_id=user_id, scores=[
        discovery_pb2.FitScoreEntry(job_id=job_id, fit=discovery_pb2.FitScore(
            score=result.score, confidence=result.confidence, reasons=result.top_reasons, missing=result.missing,
            model=result.model))
        for job_id, result in scored])
    if profile is not None and profile.HasField("updated_at"):
        request.profile_updated_at.CopyFrom(profile.updated_at)
    return request


def parsed_cv_profile(cv: ParsedCv) -> profile_pb2.Profile:
    """The parse as a Profile with only what was found; ApplyParsedCv fills what the user has not set."""
    profile = profile_pb2.Profile(
        full_name=cv.full_name or "",
        headline=cv.headline or "",
        summary=cv.summary or "",
    )
    contact = cv.contact
    profile.contact.CopyFrom(profile_pb2.Contact(
        email=contact.email or "", phone=contact.phone or "", location=contact.location or "",
        links=[profile_pb2.Link(kind=link.kind, url=link.url) for link in contact.links if link.url],
    ))
    if not profile.contact.ListFields():
        profile.ClearField("contact")
    profile.skills.extend(profile_pb2.Skill(name=name) for name in cv.skills if name)
    profile.experience.extend(
        profile_pb2.Experience(title=e.title or "", company=e.company or "", location=e.location or "",
                               start=e.start or "", end=e.end or "", description=e.description)
        for e in cv.experience if e.title or e.company
    )
    profile.education.extend(
        profile_pb2.Education(institution=e.institution or "", degree=e.degree or "", field=e.field or "",
                              start=e.start or "", end=e.end or "")
        for e in cv.education if e.institution or e.degree
    )
    profile.certifications.extend(profile_pb2.Certification(name=name) for name in cv.certifications if name)
    profile.projects.extend(profile_pb2.Project(name=p.name, description=p.description, url=p.url or "")
                            for p in cv.projects if p.name)
    profile.languages.extend(profile_pb2.Language(name=lang.name, level=lang.level or "")
                             for lang in cv.languages if lang.name)
    return profile


# The parser's field readers (ai_coach/cv/parser.py `_read`) by the profile fields each one fills, as the
# profile service names them (its PARSE_LEAVES): "name" fills full_name, and "contact" all of contact's
# fields at once, so when it fails none of them was read.
_READER_FIELDS = {
    "name": ("full_name",),
    "contact": ("contact.email", "contact.phone", "contact.location", "contact.links"),
}


def unread_fields(cv: ParsedCv) -> list[str]:
    """The profile fields left empty because their reader failed on this CV, in the parser's order; the
    owner tells the user which parts of their CV were not read (ApplyParsedCvRequest.fields_unread)."""
    fields: list[str] = []
    for reader in cv.unread:
        fields.extend(name for name in _READER_FIELDS.get(reader, (reader,)) if name not in fields)
    return fields


def found_fields(profile: profile_pb2.Profile) -> list[str]:
    """Names of the top-level profile fields the parse found (for logs; the owner reports what it filled)."""
    return [field.name for field, _ in profile.ListFields()]
