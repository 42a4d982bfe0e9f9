"""Job-board sources without the network: registry, parameter checks, normalisers and payload parsing
on small synthetic payloads written here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from discovery_service.domain import RemoteType, Salary, SalaryPeriod, SearchQuery, SourceError
from discovery_service.sources import SOURCES, build_sources, get_source
from discovery_service.sources.ashby import parse_ashby_payload
from discovery_service.sources.base import (
    normalise_employment_type,
    parse_salary_text,
    parse_timestamp,
    repair_mojibake,
)
from discovery_service.sources.greenhouse import parse_greenhouse_payload
from discovery_service.sources.hh import parse_hh_vacancy_payload, search_text
from discovery_service.sources.lever import parse_lever_payload
from discovery_service.sources.remoteok import parse_remoteok_payload
from discovery_service.sources.rss import check_feed_url, parse_rss_payload


class TestRegistry:
    def test_every_board_of_the_issue_is_registered(self) -> None:
        assert set(SOURCES) == {
            "hh", "greenhouse", "lever", "ashby", "workable", "remotive", "remoteok", "arbeitnow", "rss",
            "smartrecruiters",
        }  # fmt: skip
        for name, source in SOURCES.items():
            assert source.name == name
            assert get_source(name) is source

    def test_production_sources_talk_to_the_real_hosts(self) -> None:
        assert get_source("greenhouse").base_url == "https://boards-api.greenhouse.io"
        assert get_source("hh").base_url == "https://api.hh.ru"
        assert get_source("lever").eu_base_url == "https://api.eu.lever.co"
        assert get_source("smartrecruiters").base_url == "https://api.smartrecruiters.com"

    def test_unknown_source_names_the_known_ones(self) -> None:
        with pytest.raises(KeyError, match="known sources: arbeitnow, ashby"):
            get_source("monster")

    def test_overrides_replace_hosts_for_tests_only(self) -> None:
        sources = build_sources({"greenhouse": "http://127.0.0.1:9999/", "lever.eu": "http://127.0.0.1:9998"})
        assert sources["greenhouse"].base_url == "http://127.0.0.1:9999"
        assert sources["lever"].eu_base_url == "http://127.0.0.1:9998"
        assert sources["lever"].base_url == "https://api.lever.co"
        assert SOURCES["greenhouse"].base_url == "https://boards-api.greenhouse.io"  # untouched
        with pytest.raises(ValueError, match="no source has a host named indeed"):
            build_sources({"indeed": "http://127.0.0.1:1"})

    def test_remotive_is_called_only_a_few_times_a_day(self) -> None:
        assert get_source("remotive").min_fetch_interval >= timedelta(hours=6)
        for source in SOURCES.values():
            assert source.min_fetch_interval > timedelta(0)


class TestParams:
    def test_required_parameter_missing(self) -> None:
        with pytest.raises(ValueError, match="'board_token' is required"):
            get_source("greenhouse").validate_params({})

    @pytest.mark.parametrize("token", ["../admin", "evil.com/x", "a b", "x?y=1", "@evil.com"])
    def test_path_parameters_cannot_leave_the_boards_api(self, token: str) -> None:
        with pytest.raises(ValueError, match="unexpected characters"):
            get_source("greenhouse").validate_params({"board_token": token})

    def test_unknown_parameter_lists_the_expected_ones(self) -> None:
        with pytest.raises(ValueError, match="unknown parameter.*base_url; expected: company, region"):
            get_source("lever").validate_params({"company": "x", "base_url": "http://evil"})

    def test_lever_region_choices_and_default(self) -> None:
        assert get_source("lever").validate_params({"company": "spotify"})["region"] == "global"
        with pytest.raises(ValueError, match="one of global, eu"):
            get_source("lever").validate_params({"company": "spotify", "region": "us"})

    def test_hh_parameters_are_normalised(self) -> None:
        checked = get_source("hh").validate_params(
            {"area": 1, "schedule": "remote", "period": "7", "only_with_salary": "true", "salary": 100000}
        )
        assert checked == {
            "area": ["1"],
            "schedule": ["remote"],
            "period": 7,
            "only_with_salary": True,
            "salary": 100000,
            "max_results": 100,
            "details": True,
        }

    @pytest.mark.parametrize(
        ("params", "message"),
        [
            ({"experience": "lots"}, "experience' must be one of noExperience"),
            ({"period": 31}, "period' must be at most 30"),
            ({"max_results": 5000}, "max_results' must be at most 2000"),
            ({"salary": "much"}, "salary' must be a whole number"),
            ({"only_with_salary": "maybe"}, "must be true or false"),
        ],
    )
    def test_hh_bad_parameters(self, params: dict[str, object], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            get_source("hh").validate_params(params)

    def test_secret_values_are_not_echoed(self) -> None:
        with pytest.raises(ValueError) as caught:
            get_source("hh").validate_params({"oauth_token": ["tok-SECRET"]})
        assert "SECRET" not in str(caught.value)

    @pytest.mark.parametrize(
        "url",
        [
            "file:///etc/passwd",
            "ftp://example.com/feed",
            "https://user:pw@example.com/feed",
            "http://127.0.0.1:8080/feed",
            "http://10.0.0.5/feed",
            "http://169.254.169.254/latest",
            "http://localhost/feed",
            "http://db.internal/feed",
        ],
    )
    def test_feed_urls_must_be_public_http(self, url: str) -> None:
        with pytest.raises(ValueError, match="rss: "):
            check_feed_url(url)

    def test_feed_urls_allowed(self) -> None:
        assert check_feed_url("https://weworkremotely.com/remote-jobs.rss")
        assert check_feed_url("http://127.0.0.1:8080/feed", allow_loopback=True)
        with pytest.raises(ValueError):
            check_feed_url("http://10.0.0.5/feed", allow_loopback=True)  # loopback only, never the LAN


class TestNormalisers:
    @pytest.mark.parametrize(
        ("broken", "repaired"),
        [
            ("MecÃ¡nico Automotriz DiagnÃ³stico", "Mecánico Automotriz Diagnóstico"),
            ("vehÃ\u00adculos", "vehículos"),  # U+00AD here is half of "í", not a soft hyphen
            ("Itâ€™s a â€œgreatâ€\x9d job", "It’s a “great” job"),  # cp1252 flavour
            # Cut mid-character by the board: the stray lead byte of an already broken text goes.
            ("reparaciÃ³n de cada vehÃ", "reparación de cada veh"),
            ("Mecánico ya está bien", "Mecánico ya está bien"),  # correct text is left alone
            ("naïve café Ã", "naïve café Ã"),  # nothing else broken: a final "Ã" may be meant
            ("Soft\u00adware", "Software"),
        ],
    )
    def test_repair_mojibake(self, broken: str, repaired: str) -> None:
        assert repair_mojibake(broken) == repaired

    @pytest.mark.parametrize(
        ("text", "salary"),
        [
            ("$90k - $105k", Salary(min=90_000, max=105_000, currency="USD", text="$90k - $105k")),
            (
                "€50,000 – €60,000 per year",
                Salary(
                    min=50_000,
                    max=60_000,
                    currency="EUR",
                    period=SalaryPeriod.YEAR,
                    text="€50,000 – €60,000 per year",
                ),
            ),
            # One amount is the pay, so it is both the least and the most (common.pay's convention).
            (
                "USD 40/hour",
                Salary(min=40, max=40, currency="USD", period=SalaryPeriod.HOUR, text="USD 40/hour"),
            ),
            ("up to $80/hr", Salary(max=80, currency="USD", period=SalaryPeriod.HOUR, text="up to $80/hr")),
            (
                "€55.000 – €65.000 brutto",
                Salary(min=55_000, max=65_000, currency="EUR", gross=True, text="€55.000 – €65.000 brutto"),
            ),
            ("Competitive", Salary(text="Competitive")),
            ("", Salary()),
        ],
    )
    def test_salary_text(self, text: str, salary: Salary) -> None:
        assert parse_salary_text(text) == salary

    @pytest.mark.parametrize(
        ("words", "normalised"),
        [
            ("full_time", "FULL_TIME"),
            ("Full-time", "FULL_TIME"),
            ("part_time", "PART_TIME"),
            ("Contract", "CONTRACT"),
            ("freelance", "CONTRACT"),
            ("Intern", "INTERNSHIP"),
            ("Short Term", "TEMPORARY"),
            ("Temporary", "TEMPORARY"),
            ("Temps partiel - 20H/SEMAINE", "PART_TIME"),
            ("temps plein", "FULL_TIME"),
            ("Jornada completa", "FULL_TIME"),
            ("media jornada", "PART_TIME"),
            ("deeltijd", "PART_TIME"),
            ("Estágio", "INTERNSHIP"),
            ("Prácticas", "INTERNSHIP"),
            ("other", ""),
            ("", ""),
        ],
    )
    def test_employment_type(self, words: str, normalised: str) -> None:
        assert normalise_employment_type(words) == normalised

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("2024-02-16T14:58:28+0300", datetime(2024, 2, 16, 11, 58, 28, tzinfo=UTC)),
            ("2026-09-24T13:34:54-04:00", datetime(2026, 9, 24, 17, 34, 54, tzinfo=UTC)),
            ("2026-09-21T12:55:11", datetime(2026, 9, 21, 12, 55, 11, tzinfo=UTC)),
            ("2026-07-10", datetime(2026, 7, 10, tzinfo=UTC)),
            (1790412915, datetime(2026, 9, 26, 8, 55, 15, tzinfo=UTC)),
            (1782214185805, datetime(2026, 6, 23, 11, 29, 45, 805000, tzinfo=UTC)),
            (None, None),
        ],
    )
    def test_timestamps_are_utc(self, value: object, expected: datetime | None) -> None:
        assert parse_timestamp(value) == expected

    def test_hh_search_text_from_the_saved_search(self) -> None:
        assert (
            search_text(SearchQuery(titles=["Python developer", "Backend"]))
            == '"Python developer" OR Backend'
        )
        assert search_text(SearchQuery(keywords=["django", "asyncio"])) == "django asyncio"


class TestPayloads:
    def test_ashby_compensation_and_unlisted_postings(self) -> None:
        payload = {
            "jobs": [
                {
                    "id": "a1",
                    "title": "Engineer",
                    "jobUrl": "https://jobs.ashbyhq.com/acme/a1",
                    "employmentType": "PartTime",
                    "location": "Berlin",
                    "secondaryLocations": [{"location": "Munich"}],
                    "workplaceType": "Hybrid",
                    "isListed": True,
                    "publishedAt": "2025-01-02T03:04:05.000+00:00",
                    "descriptionHtml": "<p>Hi</p><ul><li>One</li><li>Two</li></ul>",
                    "compensation": {
                        "compensationTierSummary": "€60K – €80K • Offers Equity",
                        "summaryComponents": [
                            {"compensationType": "EquityPercentage", "minValue": 0.1, "maxValue": 0.2},
                            {
                                "compensationType": "Salary",
                                "interval": "1 YEAR",
                                "currencyCode": "EUR",
                                "minValue": 60000,
                                "maxValue": 80000,
                            },
                        ],
                    },
                },
                {
                    "id": "a2",
                    "title": "Secret role",
                    "jobUrl": "https://jobs.ashbyhq.com/acme/a2",
                    "isListed": False,
                },
            ]
        }
        (posting,) = parse_ashby_payload(payload, board="acme")
        assert posting.title == "Engineer"
        assert posting.locations == ["Berlin", "Munich"]
        assert posting.remote_type == RemoteType.HYBRID
        assert posting.employment_type == "PART_TIME"
        assert posting.salary == Salary(
            min=60000, max=80000, currency="EUR", period=SalaryPeriod.YEAR, text="€60K – €80K • Offers Equity"
        )
        assert posting.description_text == "Hi\n\n- One\n- Two"

    def test_lever_salary_range_and_remote_workplace(self) -> None:
        payload = [
            {
                "id": "l1",
                "text": "SRE",
                "hostedUrl": "https://jobs.eu.lever.co/acme/l1",
                "categories": {"commitment": "Full-time", "location": "Remote - EU"},
                "workplaceType": "remote",
                "salaryRange": {"min": 70000, "max": 90000, "currency": "eur", "interval": "per-year-salary"},
                "createdAt": 1700000000000,
                "description": "<p>Run things.</p>",
                "lists": [{"text": "You", "content": "<li><p>Calm</p></li><li>Kind</li>"}],
            }
        ]
        (posting,) = parse_lever_payload(payload, company="acme")
        assert posting.remote_type == RemoteType.REMOTE
        assert posting.locations == ["Remote - EU"]
        assert posting.salary == Salary(min=70000, max=90000, currency="EUR", period=SalaryPeriod.YEAR)
        assert posting.description_text == "Run things.\n\nYou\n\n- Calm\n- Kind"

    def test_hh_detail_maps_salary_exactly_and_newer_fields(self) -> None:
        posting = parse_hh_vacancy_payload(
            {
                "id": "42",
                "name": "Python-разработчик",
                "alternate_url": "https://hh.ru/vacancy/42",
                "employer": {"name": "Acme"},
                "area": {"name": "Москва"},
                "salary_range": {
                    "from": None,
                    "to": 250000,
                    "currency": "RUR",
                    "gross": False,
                    "mode": {"id": "MONTH"},
                },
                "work_format": [{"id": "REMOTE"}, {"id": "ON_SITE"}],
                "employment_form": {"id": "PROJECT"},
                "description": "<p>О нас</p><ul><li>Python</li></ul>",
                "key_skills": [{"name": "Python"}, {"name": "Django"}],
                "published_at": "2025-03-01T10:00:00+0300",
            }
        )
        assert posting.salary == Salary(
            min=None, max=250000, currency="RUB", period=SalaryPeriod.MONTH, gross=False
        )
        assert posting.remote_type == RemoteType.HYBRID
        assert posting.employment_type == "CONTRACT"
        assert posting.skills == ["Python", "Django"]
        assert posting.description_text == "О нас\n\n- Python"

    def test_remoteok_salary_is_yearly_usd_and_notice_is_skipped(self) -> None:
        payload = [
            {"legal": "API Terms of Service: link back"},
            {
                "id": "9",
                "position": "Dev",
                "company": "Co",
                "url": "https://remoteOK.com/remote-jobs/9",
                "salary_min": 80000,
                "salary_max": 120000,
                "epoch": 1700000000,
            },
        ]
        (posting,) = parse_remoteok_payload(payload)
        assert posting.salary == Salary(min=80000, max=120000, currency="USD", period=SalaryPeriod.YEAR)
        assert posting.posted_at == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
        assert posting.source_urls == ["https://remoteOK.com/remote-jobs/9"]

    def test_one_broken_job_is_skipped_but_a_board_of_broken_jobs_is_an_error(self) -> None:
        good = {"id": 1, "title": "Dev", "absolute_url": "https://x.test/1", "content": ""}
        postings = parse_greenhouse_payload({"jobs": [good, {"id": 2}, "junk"]})
        assert [p.external_id for p in postings] == ["1"]
        with pytest.raises(SourceError, match="none of the 2 jobs could be read"):
            parse_greenhouse_payload({"jobs": [{"id": 2}, "junk"]})

    def test_rss_and_atom_feeds(self) -> None:
        rss = """<?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Jobs</title>
          <item><title>Backend Engineer</title><link>https://jobs.example.com/1</link>
            <guid>job-1</guid><category>python</category><category>remote</category>
            <description>&lt;p&gt;Build &amp;amp; run APIs.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Python&lt;/li&gt;&lt;/ul&gt;</description>
            <pubDate>Tue, 03 Jun 2025 09:30:00 +0200</pubDate></item>
        </channel></rss>"""
        (posting,) = parse_rss_payload(rss, company="Example")
        assert (posting.external_id, posting.title, posting.url) == (
            "job-1",
            "Backend Engineer",
            "https://jobs.example.com/1",
        )
        assert posting.company == "Example"
        assert posting.skills == ["python", "remote"]
        assert posting.description_text == "Build & run APIs.\n\n- Python"
        assert posting.posted_at == datetime(2025, 6, 3, 7, 30, tzinfo=UTC)

        atom = """<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
          <entry><id>urn:2</id><title>Designer</title><link href="https://jobs.example.com/2"/>
            <updated>2025-06-04T10:00:00Z</updated><author><name>Studio</name></author>
            <content type="html">&lt;p&gt;Draw.&lt;/p&gt;</content></entry></feed>"""
        (entry,) = parse_rss_payload(atom)
        assert (entry.external_id, entry.company, entry.description_text) == ("urn:2", "Studio", "Draw.")
        assert entry.posted_at == datetime(2025, 6, 4, 10, tzinfo=UTC)

    def test_a_feed_string_is_never_opened_as_a_path(self) -> None:
        with pytest.raises(SourceError, match="not an RSS or Atom feed"):
            parse_rss_payload("/etc/passwd")


def test_every_source_discovery_runs_can_be_named_in_a_saved_search() -> None:
    # profile_service validates saved searches against its own list; a board missing there could
    # never be chosen, one missing here would fail every run that names it.
    from discovery_service.sources import SOURCES
    from profile_service.search_rules import KNOWN_SOURCES

    assert sorted(KNOWN_SOURCES) == sorted(SOURCES)


def test_every_board_has_a_description_in_every_language_of_the_web_app() -> None:
    """The saved-search form shows each board as "name — what it is" from web/src/i18n; a board without
    its entry shows its bare name twice ("smartrecruiters — smartrecruiters")."""
    import re
    from pathlib import Path

    from discovery_service.sources import SOURCES

    i18n = Path(__file__).resolve().parents[2] / "web" / "src" / "i18n"
    for catalogue in ("en.ts", "fr.ts"):
        described = set(re.findall(r'^\s*"source\.([a-z0-9_.]+)":', (i18n / catalogue).read_text(), re.MULTILINE))
        assert set(SOURCES) <= described, f"{catalogue} lacks {sorted(set(SOURCES) - described)}"
