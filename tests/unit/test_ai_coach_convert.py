"""ai_coach's translation between the owners' protobuf messages and its domain types (ai_coach/convert.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ai_coach import convert
from ai_coach.domain import Contact, ExperienceEntry, LanguageEntry, Link, ParsedCv, RemoteType, SalaryPeriod
from ai_coach.engines import HeuristicEngine
from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2
from jobmate.profile.v1 import profile_pb2

JOB = discovery_pb2.Job(
    id="job-1", user_id="u1", title="Senior Python Engineer", company="Acme", locations=["Berlin"],
    remote_type=common_pb2.REMOTE_TYPE_HYBRID,
    salary=common_pb2.Salary(max=90000, currency="EUR", period=common_pb2.SALARY_PERIOD_YEAR),
    description_text="Requirements:\n- 5+ years of Python\n- PostgreSQL and Kubernetes\nNice to have: Go",
    skills=["Python"], language="en",
)
PROFILE = profile_pb2.Profile(
    user_id="u1", full_name="Ada Lovelace", headline="Backend engineer", status=profile_pb2.CAREER_STATUS_SENIOR,
    contact=profile_pb2.Contact(location="Berlin"),
    skills=[profile_pb2.Skill(name="Python", years=6), profile_pb2.Skill(name="PostgreSQL")],
    experience=[profile_pb2.Experience(title="Backend engineer", company="Initech", start="2018-03", end="present",
                                       description="Python services on PostgreSQL")],
    languages=[profile_pb2.Language(name="English", level="C2")],
)


def test_job_input_keeps_what_the_posting_says_and_nothing_more() -> None:
    job = convert.job_input(JOB)
    assert (job.title, job.company, job.locations, job.remote_type) == (
        "Senior Python Engineer", "Acme", ["Berlin"], RemoteType.HYBRID)
    assert job.salary_min is None and job.salary_max == 90000  # an unset optional is not a zero salary
    assert (job.salary_currency, job.salary_period, job.language) == ("EUR", SalaryPeriod.YEAR, "en")
    bare = convert.job_input(discovery_pb2.Job(title="Driver"))
    assert (bare.remote_type, bare.salary_currency, bare.language) == (RemoteType.UNKNOWN, None, None)


def test_profile_dates_never_invent_years_of_experience() -> None:
    profile = profile_pb2.Profile(experience=[
        profile_pb2.Experience(title="Current", start="2020-05", end="present"),
        profile_pb2.Experience(title="Dated", start="2015", end="2017-06"),
        profile_pb2.Experience(title="Open-ended", start="2012-01", end=""),
    ])
    current, dated, open_ended = convert.profile_input(profile).experience
    assert (current.start, current.end) == (date(2020, 5, 1), None)  # None: until today
    assert (dated.start, dated.end) == (date(2015, 1, 1), date(2017, 6, 1))
    assert open_ended.end == open_ended.start  # unknown end: zero length, not "until today"


def test_profile_input_and_emptiness() -> None:
    profile = convert.profile_input(PROFILE)
    assert profile.status == "SENIOR" and profile.location == "Berlin"
    assert [(s.name, s.years) for s in profile.skills] == [("Python", 6.0), ("PostgreSQL", None)]
    assert not convert.profile_is_empty(profile)
    assert convert.profile_is_empty(convert.profile_input(profile_pb2.Profile(user_id="u1", full_name="Ada")))


def test_search_input_defaults_to_no_preferences() -> None:
    assert convert.search_input(None).remote_policy == "ANY"
    config = profile_pb2.SearchConfig(remote_policy=profile_pb2.REMOTE_POLICY_REMOTE, salary_min=70000,
                                      salary_currency="EUR", cover_letter_template="Dear {company}")
    search = convert.search_input(config)
    assert (search.remote_policy, search.salary_min, search.cover_letter_template) == (
        "REMOTE", 70000, "Dear {company}")


def test_analysis_message_carries_the_whole_analysis() -> None:
    analysis = HeuristicEngine().analyze(convert.job_input(JOB), convert.profile_input(PROFILE))
    message = convert.analysis_message(analysis, duration_ms=12)
    assert message.score == analysis.score and 0 < message.score <= 100
    assert [item.name for item in message.breakdown] == [part.name for part in analysis.breakdown]
    assert list(message.heuristic_breakdown) == list(message.breakdown)
    assert round(100 * sum(i.weight * i.score for i in message.breakdown)) == pytest.approx(message.score, abs=1)
    assert "Python" in message.matched_skills and "Kubernetes" in message.missing_skills
    assert list(message.ats_advice.missing_skills) == analysis.ats_advice.missing_skills
    assert message.cover_letter and message.engine == "heuristic" and message.duration_ms == 12
    assert message.created_at.seconds > 0 and message.token_usage.total_tokens == 0  # no LLM, no tokens


def test_an_llm_score_change_is_shown_with_its_reasons() -> None:
    base = HeuristicEngine().analyze(convert.job_input(JOB), convert.profile_input(PROFILE))
    lowered = replace(base, engine="llm", model="m", score=base.score - 10, heuristic_score=base.score,
                      score_adjustment=-10, adjustment_reasons=["the role is mostly on-call support"])
    message = convert.analysis_message(lowered, duration_ms=1)
    assert message.score == base.score - 10
    assert message.HasField("heuristic_score") and message.heuristic_score == base.score
    assert message.score_adjustment == -10
    assert list(message.adjustment_reasons) == ["the role is mostly on-call support"]
    assert list(message.pros) == base.pros and list(message.cons) == base.cons


def test_a_heuristic_analysis_has_no_adjustment() -> None:
    base = HeuristicEngine().analyze(convert.job_input(JOB), convert.profile_input(PROFILE))
    message = convert.analysis_message(base, duration_ms=1)
    assert not message.HasField("heuristic_score")
    assert message.score_adjustment == 0 and not message.adjustment_reasons


def test_parsed_cv_profile_sets_only_what_was_found() -> None:
    parsed = ParsedCv(full_name="Ada Lovelace", skills=["Python", "SQL"],
                      experience=[ExperienceEntry(title="Engineer", company="Initech", start="2019", end="present"),
                                  ExperienceEntry()],
                      languages=[LanguageEntry(name="French", level=None)], text="...")
    profile = convert.parsed_cv_profile(parsed)
    assert convert.found_fields(profile) == ["full_name", "skills", "experience", "languages"]
    assert not profile.HasField("contact")  # nothing found: the user's contact details stay untouched
    assert [(e.title, e.end) for e in profile.experience] == [("Engineer", "present")]
    with_contact = convert.parsed_cv_profile(ParsedCv(contact=Contact(email="ada@example.org",
                                                                      links=[Link("github", "github.com/ada")])))
    assert with_contact.contact.email == "ada@example.org" and with_contact.contact.links[0].kind == "github"


def test_failed_readers_are_named_by_the_profile_fields_they_leave_empty() -> None:
    assert convert.unread_fields(ParsedCv()) == []
    # The parser names its readers: "name" fills full_name, "contact" every contact field at once.
    cv = ParsedCv(unread=["name", "contact", "experience", "skills"])
    assert convert.unread_fields(cv) == ["full_name", "contact.email", "contact.phone", "contact.location",
                                         "contact.links", "experience", "skills"]
    assert convert.unread_fields(ParsedCv(unread=["experience", "experience"])) == ["experience"]
