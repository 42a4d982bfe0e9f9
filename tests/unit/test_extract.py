"""extract_job_posting and canonical_url on hand-written pages covering the shapes sites use."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from discovery_service.domain import RemoteType, SalaryPeriod
from discovery_service.web.extract import ExtractionError, canonical_url, extract_job_posting

PAGE_URL = "https://careers.acme.example/jobs/42"


def json_ld_page(*blocks: object, body: str = "") -> str:
    # Sites escape "</" inside JSON-LD so a "</script>" in a description cannot end the element.
    encoded = [json.dumps(block).replace("</", "<\\/") for block in blocks]
    scripts = "".join(f'<script type="application/ld+json">{text}</script>' for text in encoded)
    return f'<html lang="en-GB"><head>{scripts}</head><body>{body}</body></html>'


FULL_POSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Senior Python Engineer",
    "identifier": {"@type": "PropertyValue", "name": "Acme", "value": "REQ-42"},
    "hiringOrganization": {"@type": "Organization", "name": "Acme &amp; Sons"},
    "jobLocation": [
        {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Berlin",
                                        "addressRegion": "BE", "addressCountry": {"@type": "Country", "name": "DE"}}},
        {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Munich", "addressCountry": "DE"}},
    ],
    "jobLocationType": "TELECOMMUTE",
    "baseSalary": {"@type": "MonetaryAmount", "currency": "EUR",
                   "value": {"@type": "QuantitativeValue", "minValue": 70000, "maxValue": "90,000", "unitText": "YEAR"}},
    "employmentType": ["FULL_TIME", "CONTRACTOR"],
    "datePosted": "2025-03-01T09:30:00+01:00",
    "description": "<p>Build <b>APIs</b>.</p><ul><li>Python</li><li>gRPC</li></ul><script>evil()</script>",
}  # fmt: skip


def test_full_json_ld_posting_is_mapped() -> None:
    posting = extract_job_posting(json_ld_page(FULL_POSTING), PAGE_URL)
    assert posting.source == "url"
    assert posting.external_id == "careers.acme.example:REQ-42"
    assert posting.url == PAGE_URL
    assert posting.title == "Senior Python Engineer"
    assert posting.company == "Acme & Sons"
    assert posting.locations == ["Berlin, BE, DE", "Munich, DE"]
    assert posting.remote_type is RemoteType.REMOTE
    assert (posting.salary.min, posting.salary.max, posting.salary.currency) == (70000.0, 90000.0, "EUR")
    assert posting.salary.period is SalaryPeriod.YEAR
    assert posting.employment_type == "FULL_TIME"
    assert posting.posted_at == datetime(2025, 3, 1, 8, 30, tzinfo=UTC)
    assert posting.description_text == "Build APIs.\n\n- Python\n- gRPC"
    assert posting.description_html == "<p>Build <b>APIs</b>.</p><ul><li>Python</li><li>gRPC</li></ul>"
    assert posting.language == "en"


def test_graph_arrays_and_several_blocks_are_searched() -> None:
    website = {"@context": "https://schema.org", "@type": "WebSite", "name": "Acme careers"}
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "BreadcrumbList"},
        {"@type": ["JobPosting"], "title": "Data Engineer", "url": "/jobs/42", "hiringOrganization": "Acme"},
    ]}  # fmt: skip
    other = {"@type": "JobPosting", "title": "Designer", "url": "/jobs/7"}
    posting = extract_job_posting(json_ld_page([website, other], graph), PAGE_URL)
    assert (posting.title, posting.company) == ("Data Engineer", "Acme")  # the one at the page's URL


def test_a_broken_block_does_not_hide_a_good_one() -> None:
    html = (
        '<script type="application/ld+json">{"@type": "JobPosting", "title": </script>'
        '<script type="application/ld+json">{"@type": "JobPosting", "title": "QA Lead",\n "description": "Line one\nline two"}</script>'
    )
    posting = extract_job_posting(html, PAGE_URL)
    assert posting.title == "QA Lead"
    assert posting.description_text == "Line one line two"


def test_escaped_html_description_and_plain_salary() -> None:
    node = {"@type": "JobPosting", "title": "Nurse", "description": "&lt;p&gt;Care &amp;amp; kindness&lt;/p&gt;",
            "baseSalary": "$80k - $100k", "employmentType": "part-time"}  # fmt: skip
    posting = extract_job_posting(json_ld_page(node), PAGE_URL)
    assert posting.description_text == "Care & kindness"
    assert posting.salary.text == "$80k - $100k"
    assert posting.salary.min is None
    assert posting.employment_type == "PART_TIME"
    assert posting.external_id == PAGE_URL


def test_microdata_posting() -> None:
    html = """<div itemscope itemtype="http://schema.org/JobPosting">
      <h1 itemprop="title">Barista</h1>
      <div itemprop="hiringOrganization" itemscope itemtype="http://schema.org/Organization"><span itemprop="name">Bean Co</span></div>
      <div itemprop="jobLocation" itemscope itemtype="http://schema.org/Place"><div itemprop="address" itemscope
        itemtype="http://schema.org/PostalAddress"><span itemprop="addressLocality">Lyon</span>
        <span itemprop="addressCountry">FR</span></div></div>
      <div itemprop="description">Make <em>great</em> coffee.</div></div>"""
    posting = extract_job_posting(html, PAGE_URL)
    assert (posting.title, posting.company, posting.locations) == ("Barista", "Bean Co", ["Lyon, FR"])
    assert posting.description_text == "Make great coffee."
    assert posting.raw["syntax"] == "microdata"


def test_rdfa_posting() -> None:
    html = """<html><body><div vocab="https://schema.org/" typeof="JobPosting">
      <h1 property="title">Welder</h1>
      <div property="hiringOrganization" typeof="Organization"><span property="name">Steel AG</span></div>
      <p property="description">Weld things safely.</p></div></body></html>"""
    posting = extract_job_posting(html, PAGE_URL)
    assert (posting.title, posting.company, posting.description_text) == (
        "Welder",
        "Steel AG",
        "Weld things safely.",
    )
    assert posting.raw["syntax"] == "rdfa"


def test_page_without_structured_data_falls_back_to_opengraph_and_text() -> None:
    body = (
        "<nav>Home | Jobs</nav><main><h1>Platform Engineer</h1>"
        + "<p>We run Kubernetes at scale.</p>" * 10
        + "</main>"
    )
    html = (
        '<html lang="de"><head><title>Jobs at Acme</title><meta property="og:site_name" content="Acme">'
        f'<meta name="description" content="Join us"></head><body>{body}</body></html>'
    )
    posting = extract_job_posting(html, PAGE_URL + "?utm_source=linkedin#apply")
    assert (posting.title, posting.company, posting.language) == ("Platform Engineer", "Acme", "de")
    assert posting.description_text.startswith("Platform Engineer\n\nWe run Kubernetes at scale.")
    assert "Home" not in posting.description_text
    assert posting.external_id == PAGE_URL


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><head><title>Home</title></head><body><p>Welcome!</p></body></html>",
        "<html><body></body></html>",
    ],
)
def test_pages_without_a_posting_raise(html: str) -> None:
    with pytest.raises(ExtractionError, match="https://careers.acme.example/jobs/42: "):
        extract_job_posting(html, PAGE_URL)


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "HTTPS://Jobs.Example.COM:443/a/b?utm_source=x&utm_medium=y&id=3&b=2#top",
            "https://jobs.example.com/a/b?b=2&id=3",
        ),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        (
            "https://boards.greenhouse.io/acme/jobs/1?gh_src=abc&gh_jid=1",
            "https://boards.greenhouse.io/acme/jobs/1?gh_jid=1",
        ),
        (
            "https://jobs.lever.co/acme/uuid?lever-source=LinkedIn&lever-origin=applied",
            "https://jobs.lever.co/acme/uuid",
        ),
        ("https://x.example/j?gclid=1&fbclid=2&mc_cid=3&mc_eid=4&ref=hn", "https://x.example/j"),
        ("https://user:pw@x.example/j", "https://x.example/j"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


@pytest.mark.parametrize("url", ["", "ftp://x.example/", "/relative", "https://x.example:99999/"])
def test_canonical_url_rejects_what_is_not_a_web_address(url: str) -> None:
    with pytest.raises(ValueError):
        canonical_url(url)
