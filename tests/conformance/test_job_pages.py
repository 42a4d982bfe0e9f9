"""Every real-world job page in fixtures_dir/"job_pages" extracts to the posting a reader sees.

Expected values are written by hand from reading each page, not produced by the extractor.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from discovery_service.web.extract import extract_job_posting, extract_job_postings

PAGE_URL = "https://careers.example.com/jobs/1"

SCHEMAORG_DESCRIPTION_START = (
    "Description: ABC Company Inc. seeks a full-time mid-level software engineer to develop in-house tools."
)

EXPECTED = {
    # schema.org example eg-0028, JSON-LD: it names no hiringOrganization, so no company.
    "schemaorg_eg-0028_JobPosting_jsonld.html": {
        "title": "Software Engineer",
        "company": "",
        "locations": ["Kirkland, WA"],
        "employment_type": "FULL_TIME",
        "posted_at": datetime(2011, 10, 31, tzinfo=UTC),
        "salary": (100000.0, 100000.0, "USD"),
    },
    # The same posting as microdata: the organisation is nested inside the description paragraph.
    "schemaorg_eg-0028_JobPosting_microdata.html": {
        "title": "Software Engineer",
        "company": "ABC Company Inc.",
        "locations": ["Kirkland, WA"],
        "employment_type": "FULL_TIME",
        "posted_at": datetime(2011, 10, 31, tzinfo=UTC),
        "salary": (100000.0, 100000.0, "USD"),
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_schemaorg_example_page(fixtures_dir: Path, name: str) -> None:
    expected = EXPECTED[name]
    posting = extract_job_posting((fixtures_dir / "job_pages" / name).read_text(encoding="utf-8"), PAGE_URL)
    assert posting.title == expected["title"]
    assert posting.company == expected["company"]
    assert posting.locations == expected["locations"]
    assert posting.employment_type == expected["employment_type"]
    assert posting.posted_at == expected["posted_at"]
    assert (posting.salary.min, posting.salary.max, posting.salary.currency) == expected["salary"]
    assert posting.description_text.startswith(SCHEMAORG_DESCRIPTION_START)
    # The sections the page keeps beside `description` are part of what a reader needs.
    assert "Design and write specifications for tools for in-house customers" in posting.description_text
    assert "Minumum 3 years experience as a software engineer" in posting.description_text
    assert "<script" not in posting.description_html
    assert posting.description_html.startswith(f"<p>{SCHEMAORG_DESCRIPTION_START}</p>")


def test_page_with_a_plain_and_a_graph_posting(fixtures_dir: Path) -> None:
    html = (
        fixtures_dir / "job_pages" / "jsonld_two_jobpostings_graph__Alleyfoo-Oppisopimushaku.html"
    ).read_text(encoding="utf-8")
    postings = extract_job_postings(html, "https://oppisopimus.example/jobs")
    summary = [
        (p.title, p.company, p.locations, p.description_text, p.employment_type, p.url) for p in postings
    ]
    assert summary == [
        (
            "Junior Developer",
            "",
            ["Helsinki"],
            "Oppisopimus ja junior",
            "FULL_TIME",
            "https://oppisopimus.example/jobs/1",
        ),
        ("Data Engineer", "", ["Espoo"], "Data rooli", "CONTRACT", "https://oppisopimus.example/jobs/2"),
    ]
    # Opened at the second posting's own URL, the page yields that posting.
    chosen = extract_job_posting(html, "https://oppisopimus.example/jobs/2?utm_source=newsletter")
    assert (chosen.title, chosen.posted_at) == ("Data Engineer", datetime(2024, 1, 2, tzinfo=UTC))
    assert chosen.external_id == "https://oppisopimus.example/jobs/2"


def test_every_job_page_fixture_is_covered(fixtures_dir: Path) -> None:
    # A page added to the fixtures without expected values here would otherwise go unchecked.
    names = {path.name for path in (fixtures_dir / "job_pages").glob("*.html")}
    assert names == set(EXPECTED) | {"jsonld_two_jobpostings_graph__Alleyfoo-Oppisopimushaku.html"}
