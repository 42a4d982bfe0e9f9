"""The analysis on approval scores with the fit score (the real FitScorer, the one ai_coach runs), so the
inbox's order and the analysis agree: the same number, its breakdown readable, the rules' pros and cons
around it; a posting too thin to judge says so; with an LLM configured, the model refines that score
within its band."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from ai_coach import convert
from ai_coach.domain import JobInput, ProfileExperience, ProfileInput, ProfileSkill
from ai_coach.engines import LLM_SCORE_BAND, HeuristicEngine, LlmEngine, build_engine
from ai_coach.engines.fit import FitScorer
from ai_coach.llm_client import JsonChatClient
from tests.fakes.llm import FakeProvider, Reply
from tests.unit.test_llm_engine import llm_reply

PROFILE = ProfileInput(
    full_name="Ana Lima",
    headline="Python backend developer",
    summary="Backend developer with six years of Python, building web services and APIs on PostgreSQL.",
    skills=[ProfileSkill("Python", years=6), ProfileSkill("Django"), ProfileSkill("PostgreSQL"),
            ProfileSkill("Docker")],
    experience=[ProfileExperience("Backend developer", "Initech", date(2019, 1, 1), None,
                                  "REST APIs in Python with Django, PostgreSQL data models, Docker on Kubernetes.")],
    cv_text="Python backend developer. Django, PostgreSQL, Docker, Kubernetes, pytest, Celery, Redis.",
)
FULL = JobInput(
    title="Python Developer", company="Acme",
    description_text=(
        "We are looking for a Python developer to build and run our backend services. You will design REST "
        "APIs with Django, model data in PostgreSQL, write tests with pytest, and ship with Docker on "
        "Kubernetes. Requirements: 4+ years of Python, solid SQL, experience with Git and code review. Nice "
        "to have: Celery, Redis, AWS. You will work with product managers and other engineers to deliver "
        "features, fix bugs and improve the performance and reliability of the platform."))
THIN = JobInput(title="Engineer", company="Acme", description_text="Join us. Apply now.")


@pytest.fixture(scope="module")
def scorer() -> FitScorer:
    return FitScorer()


def test_the_analysis_score_is_the_inbox_fit_score_with_its_breakdown(scorer: FitScorer) -> None:
    fit = scorer.score_one(PROFILE, FULL)
    analysis = HeuristicEngine(fit=scorer).analyze(FULL, PROFILE)
    assert analysis.score == round(fit.score)
    assert [part.name for part in analysis.breakdown] == [part.name for part in fit.components]
    assert all(part.explanation for part in analysis.breakdown)
    assert abs(100 * sum(part.weight * part.score for part in analysis.breakdown) - fit.score) < 0.5
    assert analysis.confidence == fit.confidence and analysis.confidence >= 0.5
    assert not analysis.cons or not analysis.cons[0].startswith("Little to judge")
    # The rules still read the skills and write the rest.
    assert {"Python", "Django", "PostgreSQL"} <= set(analysis.matched_skills)
    assert analysis.pros and analysis.cover_letter
    stored = convert.analysis_message(analysis, duration_ms=3)
    assert stored.score == analysis.score and stored.HasField("confidence")
    assert [item.name for item in stored.breakdown] == ["occupation", "skills", "semantic", "lexical"]


def test_a_posting_too_thin_to_judge_gets_an_analysis_that_says_so(scorer: FitScorer) -> None:
    analysis = HeuristicEngine(fit=scorer).analyze(THIN, PROFILE)
    assert analysis.confidence is not None and analysis.confidence < 0.5
    fit = scorer.score_one(PROFILE, THIN)
    # The analysis says what the inbox says: little to judge, what is missing, and what the number rests on.
    assert analysis.cons[0].startswith(fit.top_reasons[0]) and fit.top_reasons[0].startswith("Little to judge")
    assert "a short description" in analysis.cons[0]  # what is missing, in words
    assert analysis.confidence_notes == fit.missing and analysis.score == round(fit.score)
    assert all(part.explanation for part in analysis.breakdown)
    stored = convert.analysis_message(analysis, duration_ms=1)
    assert list(stored.confidence_notes) == analysis.confidence_notes


def test_without_a_scorer_the_rules_score_alone(scorer: FitScorer) -> None:
    analysis = HeuristicEngine().analyze(FULL, PROFILE)
    assert analysis.confidence is None
    assert "must_have_skills" in {part.name for part in analysis.breakdown}


@pytest.fixture
def provider() -> Iterator[FakeProvider]:
    with FakeProvider.serve() as fake:
        yield fake


async def test_with_an_llm_the_model_refines_the_fit_score_within_its_band(provider: FakeProvider,
                                                                          scorer: FitScorer) -> None:
    provider.script = [Reply(llm_reply(score_adjustment=-5))]
    client = JsonChatClient(base_url=provider.base_url, model="fake-model")
    engine = build_engine(client, scorer)
    assert isinstance(engine, LlmEngine)
    base = round(scorer.score_one(PROFILE, FULL).score)
    analysis = await engine.analyze(FULL, PROFILE)
    assert analysis.engine == "llm" and analysis.fallback_reason is None
    assert analysis.heuristic_score == base and analysis.score == max(0, base - 5)
    assert abs(analysis.score - base) <= LLM_SCORE_BAND
    assert [part.name for part in analysis.breakdown] == ["occupation", "skills", "semantic", "lexical"]
    await client.aclose()


@pytest.mark.parametrize(("headline", "sentence"), [
    ("Backend engineer, Python", "I bring 6 years of professional experience as a backend engineer."),
    ("Data Scientist | ML | NLP", "I bring 6 years of professional experience as a Data Scientist."),
    ("Python developer", "I bring 6 years of professional experience as a Python developer."),
    ("SEO specialist", "I bring 6 years of professional experience as an SEO specialist."),
    # Not a job: the letter says the years alone rather than "as a Passionate about ...".
    ("Passionate about building great products", "I bring 6 years of professional experience. "),
])
def test_the_letter_names_the_headline_as_a_job_in_a_sentence(scorer: FitScorer, headline: str,
                                                              sentence: str) -> None:
    profile = replace(PROFILE, headline=headline,
                      experience=[replace(PROFILE.experience[0], start=date(2019, 1, 1), end=date(2025, 6, 1))])
    letter = HeuristicEngine(fit=scorer).analyze(FULL, profile).cover_letter
    assert sentence in letter


def test_a_german_letter_keeps_the_role_as_written(scorer: FitScorer) -> None:
    job = replace(FULL, description_text=(
        "Wir suchen einen Python-Entwickler für unser Backend-Team. Sie entwickeln REST-APIs mit Django und "
        "PostgreSQL und arbeiten eng mit dem Produktteam zusammen. Anforderungen: 4 Jahre Erfahrung mit Python, "
        "gute SQL-Kenntnisse und Erfahrung mit Git. Wir bieten flexible Arbeitszeiten und ein tolles Team."))
    profile = replace(PROFILE, headline="Softwareentwickler, Python")
    letter = HeuristicEngine(fit=scorer).analyze(job, profile).cover_letter
    assert "Berufserfahrung als Softwareentwickler mit." in letter
