"""Unit tests for the heuristic engine: what the user sees in the score, breakdown, pros and cons,
ATS advice and cover letter."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ai_coach.domain import (
    JobInput,
    LanguageSkill,
    ProfileExperience,
    ProfileInput,
    ProfileSkill,
    RemoteType,
    SearchInput,
)
from ai_coach.engines import WEIGHTS, HeuristicEngine
from ai_coach.language import detect_language
from ai_coach.vocabulary import load_vocabulary

BACKEND_JOB = JobInput(
    title="Senior Backend Engineer",
    company="Acme",
    description_text="""
About us
We build payment software; our web app uses React.
Requirements
- 5+ years of backend experience
- 3+ years of Python
- PostgreSQL, Docker and Kubernetes
- Fluent English
Nice to have
- Terraform and Kafka
""",
    locations=["Berlin, Germany"],
    remote_type=RemoteType.HYBRID,
    salary_min=70000,
    salary_max=90000,
    salary_currency="EUR",
)

FITTING = ProfileInput(
    full_name="Ana Lima",
    headline="Backend Engineer",
    skills=[
        ProfileSkill("Python", years=6),
        ProfileSkill("Postgres"),
        ProfileSkill("Docker"),
        ProfileSkill("k8s"),
    ],
    experience=[
        ProfileExperience(
            "Backend Engineer",
            "Shop",
            date(2017, 1, 1),
            date(2023, 1, 1),
            "Python services on PostgreSQL, Docker",
        ),
    ],
    languages=[LanguageSkill("English", "C1")],
    location="Berlin",
    cv_text="Backend engineer. Python, Postgres, Docker, Kubernetes since 2017.",
)

UNRELATED = ProfileInput(
    full_name="Bo Chen",
    headline="Account Executive",
    skills=[ProfileSkill("Sales", years=6), ProfileSkill("Salesforce"), ProfileSkill("Negotiation")],
    experience=[
        ProfileExperience("Account Executive", "SaaSCo", date(2018, 1, 1), None, "B2B sales, negotiation")
    ],
    languages=[LanguageSkill("English", "native")],
    location="London",
    cv_text="Account executive with B2B sales and negotiation experience.",
)


@pytest.fixture(scope="module")
def engine() -> HeuristicEngine:
    return HeuristicEngine()


def test_weights_sum_to_one_and_must_have_dominates() -> None:
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)
    others = [weight for name, weight in WEIGHTS.items() if name != "must_have_skills"]
    assert WEIGHTS["must_have_skills"] >= max(others) * 3


def test_fitting_profile_scores_well_above_unrelated(engine: HeuristicEngine) -> None:
    fit = engine.analyze(BACKEND_JOB, FITTING)
    unrelated = engine.analyze(BACKEND_JOB, UNRELATED)
    assert fit.score >= 70
    assert unrelated.score <= 35
    assert fit.score - unrelated.score >= 40


def test_score_is_the_documented_weighted_sum(engine: HeuristicEngine) -> None:
    analysis = engine.analyze(BACKEND_JOB, FITTING)
    assert [part.name for part in analysis.breakdown] == list(WEIGHTS)
    assert analysis.score == round(100 * sum(part.weight * part.score for part in analysis.breakdown))
    assert all(part.explanation for part in analysis.breakdown)


def test_posting_is_read_into_required_nice_to_have_and_years(engine: HeuristicEngine) -> None:
    analysis = engine.analyze(BACKEND_JOB, FITTING)
    assert {"Python", "PostgreSQL", "Docker", "Kubernetes"} <= set(analysis.required_skills)
    assert {"Terraform", "Apache Kafka"} <= set(analysis.nice_to_have_skills)
    assert "React" not in analysis.required_skills  # the about-us stack is not a requirement
    assert analysis.required_years == 5
    assert analysis.seniority == "senior"


def test_a_payments_posting_asks_for_payments_work_not_banking(engine: HeuristicEngine) -> None:
    job = JobInput(title="Backend Engineer, Payments", company="Acme",
                   description_text="We build the payment processing behind our checkout in Python.")
    analysis = engine.analyze(job, FITTING)
    assert "Payments" in analysis.required_skills and "Banking" not in analysis.required_skills
    assert "Banking" not in analysis.missing_skills


def test_the_skills_count_and_the_matched_list_are_one_set(engine: HeuristicEngine) -> None:
    # Seen in the app: "You have 1 of 2 required skills" beside "Skills that match: Backend Development,
    # Python" (Python was nice-to-have). The count now names every skill of the list, each as the posting
    # asks for it; soft skills are in neither.
    job = JobInput(title="Backend Engineer", company="Acme", description_text=(
        "Requirements\n- Python and PostgreSQL\n- Strong communication and teamwork\n"
        "Nice to have\n- Docker, Terraform"))
    profile = replace(FITTING, skills=[ProfileSkill("Python", years=6), ProfileSkill("Docker"),
                                       ProfileSkill("Communication")],
                      experience=[ProfileExperience("Backend Engineer", "Shop", date(2017, 1, 1), None,
                                                    "Python services in Docker")],
                      cv_text="Backend engineer. Python, Docker. Good communication.")
    analysis = engine.analyze(job, profile)
    assert analysis.matched_skills == ["Backend Development", "Python", "Docker"]
    assert analysis.pros[0] == ("You have 2 of 3 required skills (Backend Development, Python) "
                                "and 1 of 2 nice-to-have ones (Docker).")
    assert analysis.missing_skills == ["PostgreSQL"]
    assert not any("Communication" in text or "Teamwork" in text for text in analysis.pros + analysis.cons)
    must = next(part for part in analysis.breakdown if part.name == "must_have_skills")
    assert must.explanation.startswith("You have 2 of 3 required skills")
    assert "Soft skills asked for (Communication, Teamwork) count little" in must.explanation


def test_a_short_sentence_saying_a_plus_is_not_a_nice_to_have_heading(engine: HeuristicEngine) -> None:
    # "Python services for payments; Kafka a plus." made Python, the job's own language, nice to have.
    job = JobInput(title="Backend Engineer, Payments", company="Acme",
                   description_text="Python services for payments; Kafka a plus.")
    analysis = engine.analyze(job, FITTING)
    assert "Python" in analysis.required_skills
    assert analysis.nice_to_have_skills == ["Apache Kafka"]
    assert analysis.pros[0].startswith("You have 2 of 3 required skills (Backend Development, Python)")
    assert analysis.matched_skills == ["Backend Development", "Python"]


def test_pros_and_cons_cite_their_evidence(engine: HeuristicEngine) -> None:
    analysis = engine.analyze(BACKEND_JOB, FITTING)
    assert any(p.startswith("6 years of Python; the posting asks for 3 years") for p in analysis.pros)
    assert any("You speak English (C1)" in p for p in analysis.pros)

    junior = replace(
        FITTING,
        skills=[ProfileSkill("Python", years=1)],
        experience=[
            ProfileExperience("Backend Engineer", "Shop", date(2024, 1, 1), date(2025, 1, 1), "Python")
        ],
        cv_text="Python developer.",
    )
    cons = engine.analyze(BACKEND_JOB, junior).cons
    assert any(c.startswith("1 year of Python; the posting asks for 3 years") for c in cons)
    assert any("the posting asks for 5 years" in c and "5+ years of backend experience" in c for c in cons)
    assert any(c.startswith("Missing required skill Kubernetes") and "Kubernetes" in c for c in cons)


def test_keyword_stuffing_does_not_pay(engine: HeuristicEngine) -> None:
    honest = replace(FITTING, skills=[ProfileSkill("Python", years=6)])
    base = engine.analyze(BACKEND_JOB, honest).score

    vocabulary = load_vocabulary()
    unrelated_skills = [
        name
        for name in sorted(vocabulary.names)
        if vocabulary.category(name) in ("sales", "design", "finance")
    ]
    padded = replace(honest, skills=honest.skills + [ProfileSkill(name) for name in unrelated_skills])
    assert engine.analyze(BACKEND_JOB, padded).score <= base

    repeated = replace(honest, cv_text=honest.cv_text + " Python" * 200)
    assert engine.analyze(BACKEND_JOB, repeated).score == base

    # Listing every skill in the vocabulary without evidence earns less than proving the few that matter.
    everything = replace(
        honest,
        skills=[ProfileSkill(name) for name in sorted(vocabulary.names)],
        experience=[],
        cv_text="",
    )
    proven = engine.analyze(BACKEND_JOB, FITTING)
    stuffed = engine.analyze(BACKEND_JOB, everything)
    assert stuffed.score < proven.score
    must_have = next(p for p in stuffed.breakdown if p.name == "must_have_skills")
    assert must_have.score <= 0.5 and "without evidence" in must_have.explanation


def test_ats_advice_separates_unwritten_keywords_from_missing_skills(engine: HeuristicEngine) -> None:
    profile = replace(
        FITTING,
        skills=[*FITTING.skills, ProfileSkill("Terraform", years=2)],
        cv_text="Backend engineer. Python, Postgres, Kubernetes.",
    )
    advice = engine.analyze(BACKEND_JOB, profile).ats_advice
    assert "Docker" in advice.keywords_to_add  # in the profile, not in the CV text
    assert "Terraform" in advice.keywords_to_add
    assert "Python" not in advice.keywords_to_add
    assert advice.missing_skills == []
    assert any("'PostgreSQL'" in tip and "'Postgres'" in tip for tip in advice.tips)

    lacking = engine.analyze(
        BACKEND_JOB, replace(FITTING, skills=[ProfileSkill("Python", years=6)], cv_text="Python")
    )
    assert "Kubernetes" in lacking.ats_advice.missing_skills
    assert "Kubernetes" not in lacking.ats_advice.keywords_to_add


def test_related_skill_gives_partial_credit_and_an_honest_tip(engine: HeuristicEngine) -> None:
    job = JobInput(title="Platform Engineer", description_text="Requirements: Kubernetes")
    with_docker = engine.analyze(job, ProfileInput(skills=[ProfileSkill("Docker", years=3)]))
    with_nothing = engine.analyze(job, ProfileInput(skills=[ProfileSkill("Figma", years=3)]))
    assert with_docker.score > with_nothing.score
    assert with_docker.missing_skills == ["Kubernetes"]
    assert any("related Docker" in con for con in with_docker.cons)


@pytest.mark.parametrize(
    ("description", "language", "greeting"),
    [
        ("We are looking for a Python developer to join our team and work with our customers.", "en", "Dear"),
        (
            "Nous recherchons un développeur Python pour rejoindre notre équipe et travailler avec nos clients.",
            "fr",
            "Madame",
        ),
        (
            "Wir suchen einen Python-Entwickler für unser Team und die Arbeit mit unseren Kunden.",
            "de",
            "Sehr geehrtes",
        ),
        (
            "Мы ищем Python-разработчика в нашу команду для работы с клиентами и развития продукта.",
            "ru",
            "Здравствуйте",
        ),
        (
            "Buscamos un desarrollador Python para unirse a nuestro equipo y trabajar con los clientes.",
            "es",
            "Estimado",
        ),
    ],
)
def test_cover_letter_is_in_the_posting_language(
    engine: HeuristicEngine, description: str, language: str, greeting: str
) -> None:
    assert detect_language(description) == language
    job = JobInput(title="Python Developer", company="Acme", description_text=description)
    analysis = engine.analyze(job, FITTING)
    assert analysis.language == language
    assert analysis.cover_letter.startswith(greeting)
    assert "Acme" in analysis.cover_letter and "Python" in analysis.cover_letter
    assert "{" not in analysis.cover_letter


def test_cover_letter_never_names_a_skill_the_profile_lacks(engine: HeuristicEngine) -> None:
    vocabulary = load_vocabulary()
    analysis = engine.analyze(BACKEND_JOB, FITTING)
    checked = analysis.cover_letter.replace(BACKEND_JOB.title, "").replace(BACKEND_JOB.company, "")
    has = {"Python", "PostgreSQL", "Docker", "Kubernetes", "Backend Development"}
    assert set(vocabulary.find_in_text(checked)) <= has
    assert "Terraform" not in analysis.cover_letter and "Kafka" not in analysis.cover_letter


def test_saved_template_is_used_with_placeholders(engine: HeuristicEngine) -> None:
    search = SearchInput(
        cover_letter_template="Hello {company}! {{ full_name }} applies for {title} with {top_skills}. {unknown}"
    )
    letter = engine.analyze(BACKEND_JOB, FITTING, search).cover_letter
    assert letter.startswith("Hello Acme! Ana Lima applies for Senior Backend Engineer with ")
    assert "Python" in letter and letter.endswith("{unknown}")


def test_saved_template_claiming_a_missing_skill_is_replaced(engine: HeuristicEngine) -> None:
    search = SearchInput(cover_letter_template="Dear {company}, I am a Terraform expert.")
    analysis = engine.analyze(BACKEND_JOB, FITTING, search)
    assert "Terraform" not in analysis.cover_letter
    assert any("Terraform" in tip and "built-in letter" in tip for tip in analysis.ats_advice.tips)


def test_location_remote_and_salary_are_explained(engine: HeuristicEngine) -> None:
    search = SearchInput(remote_policy="REMOTE", salary_min=100000, salary_currency="EUR")
    analysis = engine.analyze(BACKEND_JOB, replace(FITTING, location="Lisbon"), search)
    parts = {part.name: part for part in analysis.breakdown}
    assert parts["location"].score < 0.5
    assert parts["salary"].score < 1
    assert any("Hybrid in Berlin, Germany" in c for c in analysis.cons)
    assert any("below your minimum of 100,000 EUR/year" in c for c in analysis.cons)

    remote = replace(BACKEND_JOB, remote_type=RemoteType.REMOTE)
    assert {p.name: p for p in engine.analyze(remote, FITTING, search).breakdown}["location"].score == 1.0

    other_currency = SearchInput(salary_min=1, salary_currency="USD")
    salary = {p.name: p for p in engine.analyze(BACKEND_JOB, FITTING, other_currency).breakdown}["salary"]
    assert "not converted" in salary.explanation


def test_russian_posting_years_and_languages() -> None:
    job = JobInput(
        title="Менеджер по продажам",
        company="Рост",
        description_text="Требования: опыт в продажах от 3 лет. Умение проводить переговоры. Знание английского языка (B2).",
        language="ru",
    )
    seller = ProfileInput(
        headline="Менеджер по продажам",
        skills=[ProfileSkill("Продажи", years=4), ProfileSkill("переговоры")],
        languages=[LanguageSkill("Русский", "native")],
    )
    analysis = HeuristicEngine().analyze(job, seller)
    assert analysis.required_years == 3
    assert {"Sales", "Negotiation"} <= set(analysis.required_skills)
    assert any("English" in con for con in analysis.cons)
    assert analysis.cover_letter.startswith("Здравствуйте")


def test_analysis_is_deterministic(engine: HeuristicEngine) -> None:
    first = engine.analyze(BACKEND_JOB, FITTING)
    second = engine.analyze(BACKEND_JOB, FITTING)
    assert replace(first, timings_ms={}) == replace(second, timings_ms={})
