"""Every job-board source against real responses of its board (../shared/fixtures/jobs_api).

Each fixture file is served byte for byte by a loopback fake board; the real source reads it
through the real HttpFetcher, and every normalised posting is compared field by field with values
written out by hand here from reading the fixture (never computed by the code under test).

The fixtures' authors trimmed long descriptions (cut mid-word or mid-tag), so descriptions are
checked by their first paragraphs and their paragraph/list structure, and some end abruptly.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from discovery_service.domain import Posting, RemoteType, Salary, SalaryPeriod, SearchQuery
from discovery_service.sources import build_sources
from discovery_service.web.fetch import HttpFetcher
from tests.fakes.boards import FakeBoard

UNKNOWN_SALARY = Salary()


@pytest.fixture(scope="module")
def board() -> Iterator[FakeBoard]:
    with FakeBoard() as fake:
        yield fake


@pytest.fixture
def jobs_api(fixtures_dir: Path, board: FakeBoard) -> Path:
    board.reset()
    return fixtures_dir / "jobs_api"


@pytest.fixture
async def fetcher() -> AsyncIterator[HttpFetcher]:
    async with HttpFetcher(per_host_interval_s=0, max_retries=0, backoff_base_s=0) as client:
        yield client


def serve(board: FakeBoard, path: str, fixture: Path) -> None:
    """Serve the fixture's exact bytes, as the board would."""
    board.add_text(path, fixture.read_bytes(), content_type="application/json; charset=utf-8")


async def run(board: FakeBoard, fetcher: HttpFetcher, name: str, params: dict[str, Any]) -> list[Posting]:
    source = build_sources({name: board.base_url})[name]
    return [posting async for posting in source.fetch(fetcher, SearchQuery(), params)]


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def check(posting: Posting, expected: dict[str, Any]) -> None:
    """Compare each expected field; descriptions by their leading paragraphs and paragraph count."""
    paragraph_starts = expected.pop("description_starts")
    paragraph_count = expected.pop("paragraphs", None)
    for field_name, value in expected.items():
        assert getattr(posting, field_name) == value, f"{posting.external_id}: {field_name}"
    paragraphs = posting.description_text.split("\n\n") if posting.description_text else []
    for index, start in enumerate(paragraph_starts):
        assert paragraphs[index].startswith(start), (
            f"{posting.external_id}: paragraph {index}: {paragraphs[index]!r}"
        )
    if paragraph_count is not None:
        assert len(paragraphs) == paragraph_count, f"{posting.external_id}: {len(paragraphs)} paragraphs"
    assert posting.posted_at is None or posting.posted_at.tzinfo is not None
    assert posting.url in posting.source_urls


async def test_greenhouse_vercel(jobs_api: Path, board: FakeBoard, fetcher: HttpFetcher) -> None:
    serve(board, "/v1/boards/vercel/jobs", jobs_api / "greenhouse_vercel_jobs__prettyirrelevant-hunt.json")

    postings = await run(board, fetcher, "greenhouse", {"board_token": "vercel"})

    assert board.requests_to("/v1/boards/vercel/jobs")[0].query == {"content": "true"}
    assert len(postings) == 2
    # Greenhouse escapes its HTML as entities; decoded once, "what&#39;s" reads "what's" and no tag leaks.
    about = [
        "About Vercel:",
        "Vercel is the agentic infrastructure company, freeing people and agents to ship what's next. For more "
        "than a decade we've helped builders move from idea to production with speed, security, and exceptional "
        "developer experience.",
        "Now we're scaling our products for both agents and people to ship and run software, built in the open "
        "and trusted by OpenAI, PayPal, Ramp, Supreme, and mill",
    ]
    common = dict(
        source="greenhouse",
        company="Vercel",
        locations=["Hybrid - London"],
        remote_type=RemoteType.HYBRID,
        salary=UNKNOWN_SALARY,
        employment_type="",
        skills=[],
        language="en",
        description_starts=about,
        paragraphs=3,
    )
    check(
        postings[0],
        dict(
            common,
            external_id="6136160004",
            title="Account Executive, Commercial",
            url="https://job-boards.greenhouse.io/vercel/jobs/6136160004",
            posted_at=utc(2026, 8, 6, 16, 50, 10),  # first_published 12:50:10-04:00
        ),
    )
    check(
        postings[1],
        dict(
            common,
            external_id="5999792004",
            title="Account Executive, Majors",
            url="https://job-boards.greenhouse.io/vercel/jobs/5999792004",
            posted_at=utc(2026, 5, 21, 13, 26, 9),  # first_published 09:26:09-04:00
        ),
    )
    assert "&lt;" not in postings[0].description_text and "<" not in postings[0].description_text
    assert postings[0].description_html.startswith("<h2>About Vercel:</h2>")


async def test_lever_spotify(jobs_api: Path, board: FakeBoard, fetcher: HttpFetcher) -> None:
    serve(board, "/v0/postings/spotify", jobs_api / "lever_spotify_postings__prettyirrelevant-hunt.json")

    postings = await run(board, fetcher, "lever", {"company": "spotify"})

    assert board.requests_to("/v0/postings/spotify")[0].query["mode"] == "json"
    assert len(postings) == 2
    check(
        postings[0],
        dict(
            source="lever",
            external_id="2193db3f-77c5-43b8-b030-8f92c9882bf1",
            title="Android Engineer - Experience",
            company="spotify",
            url="https://jobs.lever.co/spotify/2193db3f-77c5-43b8-b030-8f92c9882bf1",
            locations=["London", "Stockholm"],
            remote_type=RemoteType.HYBRID,
            salary=UNKNOWN_SALARY,
            employment_type="FULL_TIME",  # commitment "Permanent"
            skills=[],
            posted_at=utc(2026, 6, 23, 11, 29, 45, 805000),  # createdAt 1782214185805 ms
            description_starts=[
                "We design Spotify’s consumer experience—end to end",
                "What You'll Do",
                "- Develop and maintain mobile client components that capture and report listening and user "
                "behavior signals across Spotify.\n- Build high-quality, well-tested, and well-documented Kotlin "
                "code",
                "Who You Are",
                "- You have experience developing Android and iOS applications using Kotlin using Swift or "
                "Objective-C\n- You have solid experience as a Engingeer I\n- You know how to build",
                "Where You'll Be",
                "- This role is based in London or Stockholm.\n- We offer you the flexibility to work where you "
                "work best!",
                "Spotify is an equal opportunity employer.",
            ],
        ),
    )
    check(
        postings[1],
        dict(
            source="lever",
            external_id="d87833d0-fb78-4794-b45d-3fe5c8274bc8",
            title="Artist & Label Partnerships Contractor, Vietnam",
            company="spotify",
            url="https://jobs.lever.co/spotify/d87833d0-fb78-4794-b45d-3fe5c8274bc8",
            locations=["Ho Chi Minh"],
            remote_type=RemoteType.HYBRID,
            salary=UNKNOWN_SALARY,
            employment_type="TEMPORARY",  # commitment "Short Term"
            skills=[],
            posted_at=utc(2026, 8, 27, 3, 43, 7, 805000),  # createdAt 1787802187805 ms
            description_starts=[
                "Spotify is looking for a short-term contractor for the Artist & Label Partnerships team in Vietnam.",
                "The Artist & Label Partnerships team are the face of Spotify",
                "What You'll Do",
                "- Maintain positive partnerships across artist and label communities within Vietnam.\n"
                "- Support our key partners in Vietnam on Spotify tools, resources and insights.\n",
                "Who You Are",
                "- You have at least 3+ years of working experience",
                "Where You'll Be",
                "- This contract is based in Ho Chi Minh City, Vietnam.",
                "Spotify is an equal opportunity employer.",
                "At Spotify, we are pas",
            ],
            paragraphs=10,
        ),
    )


async def test_ashby_linear(jobs_api: Path, board: FakeBoard, fetcher: HttpFetcher) -> None:
    serve(
        board, "/posting-api/job-board/linear", jobs_api / "ashby_linear_jobboard__prettyirrelevant-hunt.json"
    )

    postings = await run(board, fetcher, "ashby", {"board": "linear"})

    assert board.requests_to("/posting-api/job-board/linear")[0].query == {"includeCompensation": "true"}
    assert len(postings) == 2
    common = dict(
        source="ashby",
        title="Senior / Staff Fullstack Engineer",
        company="linear",
        remote_type=RemoteType.REMOTE,
        salary=UNKNOWN_SALARY,  # the compensation block is present but empty
        employment_type="FULL_TIME",
        skills=[],
        description_starts=[
            "At Linear, we're building the product development system for teams and agents.",
            "Founded in 2019, Linear has become the platform of choice for more than 40,000 companies",
        ],
        paragraphs=2,
    )
    check(
        postings[0],
        dict(
            common,
            external_id="d3bc1ced-3ce4-4086-a050-555055dbb1ff",
            url="https://jobs.ashbyhq.com/linear/d3bc1ced-3ce4-4086-a050-555055dbb1ff",
            locations=["Europe"],
            posted_at=utc(2021, 4, 27, 20, 13, 45, 158000),
        ),
    )
    check(
        postings[1],
        dict(
            common,
            external_id="cd5ae036-0223-427a-b038-ba16ef9dcb32",
            url="https://jobs.ashbyhq.com/linear/cd5ae036-0223-427a-b038-ba16ef9dcb32",
            locations=["North America"],
            posted_at=utc(2021, 8, 18, 20, 48, 26, 891000),
        ),
    )


async def test_workable_zego(jobs_api: Path, board: FakeBoard, fetcher: HttpFetcher) -> None:
    serve(
        board, "/api/v1/widget/accounts/zego", jobs_api / "workable_zego_widget__AJ-Protzel-apply-engine.json"
    )

    postings = await run(board, fetcher, "workable", {"account": "zego"})

    assert board.requests_to("/api/v1/widget/accounts/zego")[0].query == {"details": "true"}
    assert len(postings) == 2
    common = dict(
        source="workable",
        company="Zego",
        remote_type=RemoteType.UNKNOWN,  # telecommuting: false says "not fully remote", not "on site"
        salary=UNKNOWN_SALARY,
        employment_type="FULL_TIME",
        skills=[],
    )
    check(
        postings[0],
        dict(
            common,
            external_id="B76C11B977",
            title="Analytics Engineer",
            url="https://apply.workable.com/j/B76C11B977",
            locations=["London, England, United Kingdom"],
            posted_at=utc(2026, 7, 10),
            description_starts=[
                "About Zego",
                "Insurance hasn't changed much in over a century. The way we live, work and travel has.",
                "Good drivers are the entire point of Zego.",
            ],
        ),
    )
    check(
        postings[1],
        dict(
            common,
            external_id="450EC5C378",
            title="Claims Handler - Third Party",
            url="https://apply.workable.com/j/450EC5C378",
            locations=["Halifax, England, United Kingdom"],
            posted_at=utc(2026, 8, 7),  # published_on, not created_at (2024-09-20)
            description_starts=[
                "About Zego",
                "At Zego, we know that traditional motor insurance holds good drivers back.",
                "That’s why, since 2016, we’ve been on a mission",
            ],
        ),
    )


async def test_remotive(jobs_api: Path, board: FakeBoard, fetcher: HttpFetcher) -> None:
    serve(board, "/api/remote-jobs", jobs_api / "remotive_remote-jobs__prettyirrelevant-hunt.json")

    postings = await run(board, fetcher, "remotive", {})

    assert len(postings) == 2
    check(
        postings[0],
        dict(
            source="remotive",
            external_id="2091144",
            title="Content Reviewer - United States",
            company="TELUS Digital",
            # The link back Remotive's terms ask for:
            url="https://remotive.com/remote-jobs/all-others/content-reviewer-united-states-2091144",
            source_urls=[
                "https://remotive.com/remote-jobs/all-others/content-reviewer-united-states-2091144"
            ],
            locations=["USA"],
            remote_type=RemoteType.REMOTE,
            salary=UNKNOWN_SALARY,  # salary ""
            employment_type="PART_TIME",
            skills=["android", "ios", "social media", "AI/ML"],
            posted_at=utc(2026, 9, 21, 12, 55, 11),
            # The fixture's description was cut inside the first tag's style attribute: no text at all.
            description_starts=[],
            paragraphs=0,
        ),
    )
    check(
        postings[1],
        dict(
            source="remotive",
            external_id="2091141",
            title="Frontend Web Application Developer",
            company="KoboToolbox",
            url="https://remotive.com/remote-jobs/design/frontend-web-application-developer-2091141",
            locations=["USA", "Canada", "Argentina", "Mexico", "Peru"],
            remote_type=RemoteType.REMOTE,
            salary=Salary(
                min=90_000, max=105_000, currency="USD", period=SalaryPeriod.UNKNOWN, text="$90k - $105k"
            ),
            employment_type="FULL_TIME",
            skills=[
                "api",
                "django",
                "docker",
                "frontend",
                "git",
                "python",
                "react",
                "security",
                "video",
                "AI/ML",
                "documentation",
                "Typescript",
            ],  # fmt: skip
            posted_at=utc(2026, 9, 18, 16, 43, 22),
            description_starts=[
                "Location: Remote\nAvailability: 35-40 hours per week\nWorking hours: US East business hours\n"
                "Reporting to: Lead developer",
                "KoboToolbox has an immediate opening for a Frontend Web Application Developer",
            ],
            paragraphs=2,
        ),
    )


async def test_remoteok(jobs_api: Path, board: FakeBoard, fetcher: HttpFetcher) -> None:
    serve(board, "/api", jobs_api / "remoteok_api__prettyirrelevant-hunt.json")

    postings = await run(board, fetcher, "remoteok", {})

    assert len(postings) == 2  # element 0, the legal notice, is not a job
    first_url = (
        "https://remoteOK.com/remote-jobs/"
        "remote-danish-speaking-solutions-consultant-work-sofia-bulgaria-mercier-consultancy-group-1137431"
    )
    check(
        postings[0],
        dict(
            source="remoteok",
            external_id="1137431",
            title="Danish Speaking Solutions Consultant Work Sofia Bulgaria",
            company="Mercier Consultancy Group",
            url=first_url,
            source_urls=[first_url],  # the link back RemoteOK's terms ask for
            locations=[],
            remote_type=RemoteType.REMOTE,
            salary=UNKNOWN_SALARY,  # salary_min/max 0 means none
            employment_type="",
            skills=[
                "consulting",
                "education",
                "technical",
                "customer support",
                "marketing",
                "travel",
                "excel",
                "medical",
                "recruiter",
            ],  # fmt: skip
            posted_at=utc(2026, 9, 24, 16, 0, 6),
            description_starts=[
                "Danish Speaking Solutions Consultant",
                "About Mercier Consultancy Group",
                "Mercier Consultancy Group is a premier international staffing firm",
                "Job Overview",
                "We are currently sourcing exceptional talent",
            ],
            paragraphs=5,
        ),
    )
    # UTF-8 read as Latin-1 upstream ("MecÃ¡nico", "vehÃ\xadculos"): repaired, no soft hyphen left.
    check(
        postings[1],
        dict(
            source="remoteok",
            external_id="1137429",
            title="Mecánico Automotriz Diagnóstico y Presupuestos",
            company="Workana",
            url="https://remoteOK.com/remote-jobs/remote-mecanico-automotriz-diagnostico-y-presupuestos-workana-1137429",
            locations=[],
            remote_type=RemoteType.REMOTE,
            salary=UNKNOWN_SALARY,
            employment_type="",
            skills=[],
            posted_at=utc(2026, 9, 24, 0, 0, 7),
            description_starts=[
                "Buscamos un/a Mecánico/a Automotriz con experiencia en diagnóstico técnico, mantenimiento y "
                "reparación de vehículos multimarca.",
                "La persona será responsable de analizar las fallas de los vehículos que ingresan al taller",
                "Responsabilidades",
                "- Realizar diagnósticos de fallas mecánicas, eléctricas y electrónicas.\n"
                "- Identificar las reparaciones y tareas de mantenimiento necesarias en cada veh",
            ],
            paragraphs=4,
        ),
    )
    for text in (postings[1].title, postings[1].description_text, postings[1].description_html):
        assert "Ã" not in text and "\u00ad" not in text


async def test_arbeitnow(jobs_api: Path, board: FakeBoard, fetcher: HttpFetcher) -> None:
    serve(board, "/api/job-board-api", jobs_api / "arbeitnow_job-board-api__prettyirrelevant-hunt.json")

    postings = await run(board, fetcher, "arbeitnow", {})

    # The fixture has no `links`: it is the only page.
    assert [request.query for request in board.requests_to("/api/job-board-api")] == [{"page": "1"}]
    assert len(postings) == 2
    common = dict(
        source="arbeitnow",
        company="Doctolib",
        locations=["Berlin, Berlin"],
        remote_type=RemoteType.UNKNOWN,  # remote: false
        salary=UNKNOWN_SALARY,
        employment_type="",  # job_types: []
        posted_at=utc(2026, 9, 26, 8, 55, 15),  # created_at 1790412915
    )
    check(
        postings[0],
        dict(
            common,
            external_id="werkstudent-customer-success-berlin-berlin-72879",
            title="Werkstudent Customer Success (x/f/m)",
            url="https://www.arbeitnow.com/jobs/companies/doctolib/werkstudent-customer-success-berlin-berlin-72879",
            skills=["Operations"],
            # Entity-escaped HTML decoded once; "&amp;nbsp;" became a no-break space, not the text "&nbsp;".
            description_starts=[
                "Gemeinsam gestalten wir die Gesundheitsversorgung der Zukunft",
                "Doctolib sucht Dich ab sofort als Werkstudent:in im Bereich Customer Success für unseren Standort "
                "in Berlin.",
                "Das Customer Success Team bei Doctolib ist verantwortlich für die allgemeine Kundenzufriedenheit",
            ],
            paragraphs=3,
        ),
    )
    assert "&nbsp;" not in postings[0].description_text and "&lt;" not in postings[0].description_text
    check(
        postings[1],
        dict(
            common,
            external_id="senior-key-account-success-manager-berlin-berlin-316578",
            title="(Senior) Key Account Success Manager (x/f/m)",
            url="https://www.arbeitnow.com/jobs/companies/doctolib/senior-key-account-success-manager-berlin-berlin-316578",
            skills=["Sales"],
            # The fixture's description is only opening <div>s, cut before any text.
            description_starts=[],
            paragraphs=0,
        ),
    )


# (id, title, company, area, salary from, to, currency, gross, employment, remote, published UTC)
HH_SEARCH_ITEMS: list[tuple[Any, ...]] = [
    ("93353083", "Тестировщик комфорта квартир", "Специализированный застройщик BM GROUP", "Воронеж",
     350000, 450000, "RUB", False, "FULL_TIME", RemoteType.UNKNOWN, utc(2024, 2, 16, 11, 58, 28)),
    ("92223756", "Удаленный диспетчер чатов (в Яндекс)", "Яндекс Команда для бизнеса", "Россия",
     30000, 44000, "RUB", True, "FULL_TIME", RemoteType.REMOTE, utc(2024, 1, 25, 14, 37, 4)),
    ("92223870", "Удаленный специалист службы поддержки (в Яндекс)", "Яндекс Команда для бизнеса", "Россия",
     30000, 44000, "RUB", True, "FULL_TIME", RemoteType.REMOTE, utc(2024, 1, 25, 14, 39, 1)),
    ("92752367", "Менеджер по продажам недвижимости", "Витрина Недвижимости", "Астана",
     500000, 1000000, "KZT", True, "FULL_TIME", RemoteType.UNKNOWN, utc(2024, 2, 6, 8, 30, 2)),
    ("92223673", "Менеджер чатов, удалённо (в Яндекс)", "Яндекс Команда для бизнеса", "Россия",
     30000, 44000, "RUB", True, "FULL_TIME", RemoteType.REMOTE, utc(2024, 1, 25, 14, 34, 32)),
    ("93209001", "Бортпроводник", "«MY FREIGHTER» LLC", "Ташкент",
     None, None, None, None, "FULL_TIME", RemoteType.UNKNOWN, utc(2024, 2, 14, 9, 32, 6)),
    ("92195003", "Наборщик текста/верстальщик", "ПроТекст", "Минск",
     800, None, "BYN", False, "PART_TIME", RemoteType.REMOTE, utc(2024, 1, 25, 8, 58, 58)),
    ("93166058", "Менеджер по продажам (МЕРКАТОР)", "Рост Развитие Решение", "Казань",
     160000, None, "RUB", True, "FULL_TIME", RemoteType.UNKNOWN, utc(2024, 2, 13, 16, 21, 57)),
    ("91178034", "Оператор call-центра", "IN-FIN-STROY INVEST", "Ташкент",
     3500000, 20000000, "UZS", True, "FULL_TIME", RemoteType.UNKNOWN, utc(2024, 1, 25, 7, 10, 0)),
    ("92818620", "Менеджер по работе с клиентами", "Агентство Недвижимости Абажур", "Астана",
     418500, 1000000, "KZT", True, "FULL_TIME", RemoteType.UNKNOWN, utc(2024, 2, 7, 8, 34, 26)),
    ("93119114", "Стажер", "Научно информационный центр новых технологий при ГНК РУз", "Ташкент",
     2000000, 2000000, "UZS", False, "INTERNSHIP", RemoteType.UNKNOWN, utc(2024, 2, 13, 5, 39, 43)),
    ("92405436", "Хозработник", "Нордстрой", "Санкт-Петербург",
     65000, 70000, "RUB", False, "FULL_TIME", RemoteType.UNKNOWN, utc(2024, 1, 30, 9, 59, 55)),
    ("87122346", "Продавец-консультант", "Магазины Ароматный Мир формата food & wine", "Москва",
     70000, 110000, "RUB", True, "FULL_TIME", RemoteType.UNKNOWN, utc(2024, 2, 20, 8, 0, 11)),
    ("77069438", "Менеджер по туризму", "NurAi & Co", "Алматы",
     180000, 200000, "KZT", False, "FULL_TIME", RemoteType.UNKNOWN, utc(2024, 2, 2, 2, 38, 18)),
    ("92210019", "Junior back-end developer", "OOO UZGPS", "Ташкент",
     4000000, 8000000, "UZS", True, "FULL_TIME", RemoteType.UNKNOWN, utc(2024, 1, 25, 11, 24, 55)),
    ("93523045", "Менеджер по сопровождению закупок (контрольно-измерительное оборудование)", "BY business group",
     "Москва", 90000, None, "RUB", False, "FULL_TIME", RemoteType.UNKNOWN, utc(2024, 2, 20, 8, 7, 12)),
    ("93514566", "Водитель-помощник", "SNK CONSULT GROUP", "Астана",
     300000, None, "KZT", False, "FULL_TIME", RemoteType.UNKNOWN, utc(2024, 2, 20, 6, 52, 2)),
    ("93254580", "Машинист буровой установки RU-75", "Охотская Горно-Геологическая Компания", "Хабаровск",
     228000, 228000, "RUB", False, "FULL_TIME", RemoteType.UNKNOWN, utc(2024, 2, 15, 5, 0, 54)),
    ("93545071", "Семейный водитель", "ТТО АМИК", "Москва",
     120000, 120000, "RUB", False, "FULL_TIME", RemoteType.UNKNOWN, utc(2024, 2, 20, 11, 19, 36)),
    ("93161709", "Менеджер по работе с клиентами (МЕРКАТОР)", "Рост Развитие Решение", "Казань",
     100000, None, "RUB", True, "FULL_TIME", RemoteType.UNKNOWN, utc(2024, 2, 13, 14, 6, 4)),
]  # fmt: skip


async def test_hh_search(jobs_api: Path, board: FakeBoard, fetcher: HttpFetcher) -> None:
    serve(board, "/vacancies", jobs_api / "hh_vacancies_search_response__Aladser-hh_vacancy_search.json")

    postings = await run(board, fetcher, "hh", {"area": "1", "max_results": 20, "details": False})

    assert len(postings) == 20
    for posting, row in zip(postings, HH_SEARCH_ITEMS, strict=True):
        vacancy_id, title, company, area, low, high, currency, gross, employment, remote, published = row
        salary = (
            Salary(min=low, max=high, currency=currency, period=SalaryPeriod.MONTH, gross=gross)
            if currency
            else UNKNOWN_SALARY
        )
        assert posting.source == "hh"
        assert posting.external_id == vacancy_id
        assert posting.url == f"https://hh.ru/vacancy/{vacancy_id}"
        assert posting.title == title
        assert posting.company == company
        assert posting.locations == [area]
        assert posting.salary == salary, vacancy_id
        assert posting.employment_type == employment, vacancy_id
        assert posting.remote_type == remote, vacancy_id
        assert posting.posted_at == published, vacancy_id
        assert posting.skills == []  # key skills come only with the detail call
    # Without the detail call the description is the search snippet: responsibility, then requirement.
    assert postings[0].description_text.split("\n\n") == [
        "Оценивать вид из окна: встречать рассветы на кухне, и провожать алые закаты в спальне. Оценивать "
        "инфраструктуру района: ежедневно ходить на...",
        "Занимать активную жизненную позицию, уметь активно танцевать и громко петь. Обладать навыками "
        "коммуникации, чтобы налаживать добрососедские отношения. Обладать системным мышлением...",
    ]
    (request,) = board.requests_to("/vacancies")
    assert request.query["area"] == "1" and request.query["page"] == "0" and request.query["per_page"] == "20"
    assert request.headers["hh-user-agent"]


async def test_hh_vacancy_detail(jobs_api: Path, board: FakeBoard, fetcher: HttpFetcher) -> None:
    # A one-item search written here; the detail call is served the official docs' example vacancy.
    board.add_json(
        "/vacancies",
        {
            "items": [
                {"id": "8331228", "name": "Секретарь", "alternate_url": "https://hh.ru/vacancy/8331228"}
            ],
            "found": 1,
            "pages": 1,
            "page": 0,
            "per_page": 100,
        },
    )
    serve(board, "/vacancies/8331228", jobs_api / "hh_vacancy_single_8331228__hhru-api-docs-example.json")

    (posting,) = await run(board, fetcher, "hh", {"area": ["1"]})

    check(
        posting,
        dict(
            source="hh",
            external_id="8331228",
            title="Секретарь",
            company="HeadHunter",
            url="https://hh.ru/vacancy/8331228",
            locations=["Москва"],
            remote_type=RemoteType.UNKNOWN,  # schedule fullDay
            salary=Salary(min=30000, max=None, currency="RUB", period=SalaryPeriod.MONTH, gross=True),
            employment_type="FULL_TIME",
            skills=["Прием посетителей", "Первичный документооборот"],
            posted_at=utc(2013, 7, 8, 12, 17, 21),  # 16:17:21+0400
            description_starts=["..."],  # the docs' placeholder description
            paragraphs=1,
        ),
    )
    assert len(board.requests_to("/vacancies/8331228")) == 1
