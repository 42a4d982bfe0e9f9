"""Ranking conformance: real postings from ../shared/fixtures/jobs_api, profiles and relevance grades
written by hand, and the heuristic engine must rank each profile's fitting postings above its unrelated
ones. NDCG@10 is computed here and printed by bench/analysis.py.

The fixture files are parsed here on purpose (not through discovery_service.sources) so this test
checks the engine alone. Relevance grades: 3 = the profile's own job, 2 = a good fit, 1 = adjacent,
0 = unrelated (every posting not listed for a profile is 0). They were written from the postings'
titles and texts before looking at any score.
"""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest

from ai_coach.domain import (
    JobInput,
    LanguageSkill,
    ProfileExperience,
    ProfileInput,
    ProfileSkill,
    RemoteType,
    SalaryPeriod,
)
from ai_coach.engines import HeuristicEngine
from ai_coach.engines.text import plain_text

# ---------------------------------------------------------------------------------- fixture parsing

_HH_EXPERIENCE_YEARS = {"noExperience": 0.0, "between1And3": 1.0, "between3And6": 3.0, "moreThan6": 6.0}
_HH_REMOTE = {"remote": RemoteType.REMOTE, "flexible": RemoteType.UNKNOWN}


def _repair_mojibake(text: str) -> str:
    """UTF-8 that was decoded as Latin-1 (RemoteOK's second job) read back as UTF-8 when that works."""
    if "Ã" not in text and "Â" not in text:
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _workplace(value: str | None) -> RemoteType:
    key = (value or "").replace("-", "").replace("_", "").lower()
    return {"remote": RemoteType.REMOTE, "hybrid": RemoteType.HYBRID, "onsite": RemoteType.ON_SITE}.get(
        key, RemoteType.UNKNOWN
    )


def load_fixture_postings(fixtures_dir: Path) -> dict[str, JobInput]:
    """Every posting of the jobs_api fixtures as a JobInput, keyed '<board>:<id>'."""
    api = fixtures_dir / "jobs_api"
    postings: dict[str, JobInput] = {}

    def read(name: str) -> object:
        return json.loads((api / name).read_text(encoding="utf-8"))

    for job in read("greenhouse_vercel_jobs__prettyirrelevant-hunt.json")["jobs"]:
        where = job["location"]["name"]
        mode, _, place = where.partition(" - ")
        postings[f"greenhouse:{job['id']}"] = JobInput(
            title=job["title"],
            company=job["company_name"],
            description_text=plain_text(job["content"]),
            locations=[place or where],
            remote_type=_workplace(mode),
            language=job.get("language"),
            url=job["absolute_url"],
        )
    for job in read("lever_spotify_postings__prettyirrelevant-hunt.json"):
        sections = [
            job.get("openingPlain", ""),
            job.get("descriptionBodyPlain") or job.get("descriptionPlain", ""),
        ]
        for item in job.get("lists", []):
            sections.append(f"{item['text']}\n{plain_text(item['content'])}")
        sections.append(job.get("additionalPlain", ""))
        postings[f"lever:{job['id']}"] = JobInput(
            title=job["text"],
            company="Spotify",
            description_text="\n\n".join(s for s in sections if s),
            locations=job["categories"].get("allLocations") or [job["categories"].get("location", "")],
            remote_type=_workplace(job.get("workplaceType")),
            url=job["hostedUrl"],
        )
    for job in read("ashby_linear_jobboard__prettyirrelevant-hunt.json")["jobs"]:
        postings[f"ashby:{job['id']}"] = JobInput(
            title=job["title"],
            company="Linear",
            description_text=job["descriptionPlain"],
            locations=[
                job["location"],
                *(loc.get("location", "") for loc in job.get("secondaryLocations", [])),
            ],
            remote_type=_workplace(job.get("workplaceType")),
            url=job["jobUrl"],
        )
    for job in read("remotive_remote-jobs__prettyirrelevant-hunt.json")["jobs"]:
        postings[f"remotive:{job['id']}"] = JobInput(
            title=job["title"],
            company=job["company_name"],
            description_text=plain_text(job["description"]),
            locations=[job["candidate_required_location"]],
            remote_type=RemoteType.REMOTE,
            skills=job["tags"],
            url=job["url"],
        )
    for job in read("remoteok_api__prettyirrelevant-hunt.json")[1:]:
        postings[f"remoteok:{job['id']}"] = JobInput(
            title=_repair_mojibake(job["position"]),
            company=job["company"],
            description_text=plain_text(_repair_mojibake(job["description"])),
            locations=[job["location"]] if job["location"] else [],
            remote_type=RemoteType.REMOTE,
            skills=job["tags"],
            salary_min=job["salary_min"] or None,
            salary_max=job["salary_max"] or None,
            salary_currency="USD" if job["salary_max"] else None,
            url=job["url"],
        )
    for job in read("arbeitnow_job-board-api__prettyirrelevant-hunt.json")["data"]:
        postings[f"arbeitnow:{job['slug']}"] = JobInput(
            title=job["title"],
            company=job["company_name"],
            description_text=plain_text(job["description"]),
            locations=[job["location"]],
            remote_type=RemoteType.REMOTE if job["remote"] else RemoteType.ON_SITE,
            skills=job["tags"],
            url=job["url"],
        )
    workable = read("workable_zego_widget__AJ-Protzel-apply-engine.json")
    for job in workable["jobs"]:
        postings[f"workable:{job['shortcode']}"] = JobInput(
            title=job["title"],
            company=workable["name"],
            description_text=plain_text(job["description"]),
            locations=[f"{job['city']}, {job['country']}"],
            remote_type=RemoteType.REMOTE if job["telecommuting"] else RemoteType.UNKNOWN,
            seniority=job.get("experience") or None,
            url=job["url"],
        )
    hh_items = read("hh_vacancies_search_response__Aladser-hh_vacancy_search.json")["items"]
    hh_items.append(read("hh_vacancy_single_8331228__hhru-api-docs-example.json"))
    for job in hh_items:
        snippet = job.get("snippet") or {}
        text = "\n".join(
            part
            for part in (
                f"Требования: {snippet['requirement']}" if snippet.get("requirement") else "",
                f"Обязанности: {snippet['responsibility']}" if snippet.get("responsibility") else "",
                plain_text(job.get("description", "")),
            )
            if part and part != "..."
        )
        salary = job.get("salary") or {}
        currency = salary.get("currency")
        postings[f"hh:{job['id']}"] = JobInput(
            title=job["name"],
            company=job["employer"]["name"],
            description_text=text,
            locations=[job["area"]["name"]],
            remote_type=_HH_REMOTE.get(job["schedule"]["id"], RemoteType.ON_SITE),
            salary_min=salary.get("from"),
            salary_max=salary.get("to"),
            salary_currency="RUB" if currency == "RUR" else currency,
            salary_period=SalaryPeriod.MONTH,
            skills=[skill["name"] for skill in job.get("key_skills", [])],
            language="ru",
            url=job["alternate_url"],
            experience_years_min=_HH_EXPERIENCE_YEARS.get(job["experience"]["id"]),
        )
    return postings


# ---------------------------------------------------------------------------------- profiles

RANKING_PROFILES: dict[str, ProfileInput] = {
    "frontend_typescript": ProfileInput(
        full_name="Maya Frontend",
        headline="Frontend Engineer",
        skills=[
            ProfileSkill("TypeScript", years=5),
            ProfileSkill("React", years=5),
            ProfileSkill("Next.js", years=3),
            ProfileSkill("CSS", years=6),
            ProfileSkill("HTML", years=6),
            ProfileSkill("GraphQL", years=2),
            ProfileSkill("Jest"),
            ProfileSkill("Figma"),
        ],
        experience=[
            ProfileExperience(
                "Senior Frontend Engineer",
                "Webshop",
                date(2020, 1, 1),
                date(2025, 1, 1),
                "Built the React and TypeScript storefront with Next.js, GraphQL and a design system.",
            ),
            ProfileExperience(
                "Frontend Developer",
                "Agency",
                date(2018, 1, 1),
                date(2020, 1, 1),
                "JavaScript, HTML and CSS sites.",
            ),
        ],
        languages=[LanguageSkill("English", "C1")],
        location="London",
        cv_text="Frontend engineer: React, TypeScript, Next.js, GraphQL, CSS, accessibility, design systems.",
    ),
    "go_kubernetes_backend": ProfileInput(
        full_name="Sam Backend",
        headline="Backend Engineer",
        skills=[
            ProfileSkill("Go", years=6),
            ProfileSkill("Kubernetes", years=4),
            ProfileSkill("Docker", years=6),
            ProfileSkill("PostgreSQL", years=6),
            ProfileSkill("gRPC", years=3),
            ProfileSkill("Terraform", years=2),
            ProfileSkill("Python", years=2),
            ProfileSkill("SQL", years=6),
        ],
        experience=[
            ProfileExperience(
                "Senior Backend Engineer",
                "Cloudco",
                date(2019, 1, 1),
                date(2025, 1, 1),
                "Go microservices on Kubernetes, PostgreSQL, gRPC APIs, CI/CD and observability.",
            ),
        ],
        languages=[LanguageSkill("English", "C1"), LanguageSkill("German", "B1")],
        location="Berlin",
        cv_text="Backend engineer. Go, Kubernetes, Docker, PostgreSQL, gRPC, Terraform, distributed systems.",
    ),
    "sales_marketing": ProfileInput(
        full_name="Alex Seller",
        headline="Account Executive, B2B SaaS sales",
        skills=[
            ProfileSkill("Sales", years=7),
            ProfileSkill("Negotiation", years=7),
            ProfileSkill("Salesforce", years=5),
            ProfileSkill("Account Management", years=5),
            ProfileSkill("Business Development", years=4),
            ProfileSkill("Marketing", years=2),
            ProfileSkill("CRM", years=5),
            ProfileSkill("Customer Success", years=2),
        ],
        experience=[
            ProfileExperience(
                "Account Executive",
                "SaaSCo",
                date(2018, 1, 1),
                date(2025, 1, 1),
                "Closed new business and expanded key accounts; owned pipeline and forecasting in Salesforce; "
                "negotiation with enterprise customers; partnerships with marketing.",
            ),
        ],
        languages=[LanguageSkill("English", "native"), LanguageSkill("German", "B2")],
        location="London",
        cv_text="Account executive: B2B sales, new business, key account management, negotiation, Salesforce.",
    ),
    "ru_backend_developer": ProfileInput(
        full_name="Иван Разработчик",
        headline="Backend-разработчик (Java, Python)",
        skills=[
            ProfileSkill("Java", years=2),
            ProfileSkill("Spring Boot", years=2),
            ProfileSkill("Python", years=2),
            ProfileSkill("PostgreSQL", years=2),
            ProfileSkill("REST API", years=2),
            ProfileSkill("Docker", years=1),
            ProfileSkill("Git", years=2),
            ProfileSkill("ООП"),
        ],
        experience=[
            ProfileExperience(
                "Junior Backend Developer",
                "Стартап",
                date(2022, 9, 1),
                date(2024, 9, 1),
                "Разработка микросервисов на Java и Spring Boot, REST API, PostgreSQL, Docker.",
            ),
        ],
        languages=[LanguageSkill("Русский", "родной"), LanguageSkill("Английский", "B1")],
        location="Ташкент",
        cv_text="Backend-разработчик: Java, Spring Boot, Python, PostgreSQL, REST, микросервисы, Git.",
    ),
    "ru_sales_manager": ProfileInput(
        full_name="Ольга Продажи",
        headline="Менеджер по продажам",
        skills=[
            ProfileSkill("Продажи", years=5),
            ProfileSkill("Переговоры", years=5),
            ProfileSkill("Работа с клиентами", years=5),
            ProfileSkill("Холодные звонки", years=3),
            ProfileSkill("CRM", years=4),
            ProfileSkill("1С", years=2),
            ProfileSkill("Коммуникабельность"),
        ],
        experience=[
            ProfileExperience(
                "Менеджер по продажам",
                "Торговый дом",
                date(2019, 3, 1),
                date(2024, 6, 1),
                "Активные продажи, ведение переговоров, работа с клиентами и клиентской базой, холодные звонки, "
                "отчетность в 1С и CRM, презентации продукта.",
            ),
        ],
        languages=[LanguageSkill("Русский", "родной")],
        location="Москва",
        cv_text="Менеджер по продажам: продажи, переговоры, работа с клиентами, CRM, 1С.",
    ),
}

# Hand-written relevance per profile; postings not listed are 0 (unrelated).
RELEVANCE: dict[str, dict[str, int]] = {
    "frontend_typescript": {
        "remotive:2091141": 3,  # Frontend Web Application Developer (React, TypeScript)
        "ashby:d3bc1ced-3ce4-4086-a050-555055dbb1ff": 2,  # Senior / Staff Fullstack Engineer
        "ashby:cd5ae036-0223-427a-b038-ba16ef9dcb32": 2,  # Senior / Staff Fullstack Engineer
        "lever:2193db3f-77c5-43b8-b030-8f92c9882bf1": 1,  # Android Engineer: a client engineer, other stack
        "hh:93119114": 1,  # hh intern (Java backend / Flutter mobile)
    },
    "go_kubernetes_backend": {
        "ashby:d3bc1ced-3ce4-4086-a050-555055dbb1ff": 2,
        "ashby:cd5ae036-0223-427a-b038-ba16ef9dcb32": 2,
        "workable:B76C11B977": 2,  # Analytics Engineer: SQL, data pipelines
        "remotive:2091141": 1,  # frontend, but Python/Django/Docker in its tags
        "lever:2193db3f-77c5-43b8-b030-8f92c9882bf1": 1,
    },
    "sales_marketing": {
        "greenhouse:6136160004": 3,  # Account Executive, Commercial
        "greenhouse:5999792004": 3,  # Account Executive, Majors
        "arbeitnow:senior-key-account-success-manager-berlin-berlin-316578": 2,
        "lever:d87833d0-fb78-4794-b45d-3fe5c8274bc8": 2,  # Artist & Label Partnerships
        "remoteok:1137431": 1,  # Danish-speaking solutions consultant (customer support)
        "arbeitnow:werkstudent-customer-success-berlin-berlin-72879": 1,
    },
    "ru_backend_developer": {
        "hh:92210019": 3,  # Junior back-end developer (Java Core, Spring)
        "hh:93119114": 2,  # Стажер: Java-backend internship
    },
    "ru_sales_manager": {
        "hh:93166058": 3,  # Менеджер по продажам (МЕРКАТОР)
        "hh:92752367": 3,  # Менеджер по продажам недвижимости
        "hh:93161709": 2,  # Менеджер по работе с клиентами (МЕРКАТОР)
        "hh:92818620": 2,  # Менеджер по работе с клиентами (недвижимость)
        "hh:87122346": 2,  # Продавец-консультант
        "hh:77069438": 1,  # Менеджер по туризму
        "hh:93523045": 1,  # Менеджер по сопровождению закупок
        "hh:91178034": 1,  # Оператор call-центра
    },
}

NDCG_K = 10


def ndcg_at_k(ranked_grades: list[int], all_grades: list[int], k: int = NDCG_K) -> float:
    """Normalised discounted cumulative gain of a ranking, with gains 2^grade - 1."""

    def dcg(grades: list[int]) -> float:
        return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades[:k]))

    ideal = dcg(sorted(all_grades, reverse=True))
    return dcg(ranked_grades) / ideal if ideal else 0.0


def rank_postings(
    engine: HeuristicEngine, profile: ProfileInput, postings: dict[str, JobInput]
) -> list[tuple[str, int]]:
    """(posting key, score) best first; ties broken by key so the order is reproducible."""
    scored = [(key, engine.analyze(job, profile).score) for key, job in postings.items()]
    return sorted(scored, key=lambda item: (-item[1], item[0]))


def ranking_report(fixtures_dir: Path, engine: HeuristicEngine | None = None) -> dict[str, dict[str, object]]:
    """Per profile: the ranking, NDCG@k and how many (fitting, unrelated) pairs are misordered."""
    engine = engine or HeuristicEngine()
    postings = load_fixture_postings(fixtures_dir)
    report: dict[str, dict[str, object]] = {}
    for name, profile in RANKING_PROFILES.items():
        grades = RELEVANCE[name]
        ranking = rank_postings(engine, profile, postings)
        scores = dict(ranking)
        fitting = [key for key, grade in grades.items() if grade >= 2]
        unrelated = [key for key in postings if grades.get(key, 0) == 0]
        misordered = [(good, bad) for good in fitting for bad in unrelated if scores[good] <= scores[bad]]
        report[name] = {
            "ndcg": ndcg_at_k(
                [grades.get(key, 0) for key, _ in ranking], [grades.get(key, 0) for key in postings]
            ),
            "ranking": ranking,
            "misordered": misordered,
            "pairs": len(fitting) * len(unrelated),
        }
    return report


# ---------------------------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def report(fixtures_dir: Path) -> dict[str, dict[str, object]]:
    return ranking_report(fixtures_dir)


def test_every_graded_posting_exists_in_the_fixtures(fixtures_dir: Path) -> None:
    postings = load_fixture_postings(fixtures_dir)
    assert len(postings) == 35
    for grades in RELEVANCE.values():
        assert set(grades) <= set(postings)


@pytest.mark.parametrize("profile_name", list(RANKING_PROFILES))
def test_fitting_postings_rank_above_unrelated_ones(
    report: dict[str, dict[str, object]], profile_name: str
) -> None:
    result = report[profile_name]
    assert result["misordered"] == [], (
        f"{profile_name}: fitting posting not above unrelated: {result['misordered']}"
    )


@pytest.mark.parametrize("profile_name", list(RANKING_PROFILES))
def test_ndcg_is_high(report: dict[str, dict[str, object]], profile_name: str) -> None:
    assert report[profile_name]["ndcg"] >= 0.75


def test_cover_letters_for_fixture_postings_name_only_profile_skills(fixtures_dir: Path) -> None:
    from ai_coach.engines.facts import read_profile
    from ai_coach.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    engine = HeuristicEngine()
    for profile in RANKING_PROFILES.values():
        has = set(read_profile(profile, vocabulary).skills)
        for job in load_fixture_postings(fixtures_dir).values():
            letter = engine.analyze(job, profile).cover_letter
            checked = letter.replace(job.title, " ").replace(job.company, " ")
            assert set(vocabulary.find_in_text(checked)) <= has, (job.title, letter)
