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
    # Pay given as words is read by the shared pay parser; the page's wording is kept.
    salary = posting.salary
    assert (salary.min, salary.max, salary.currency, salary.text) == (80_000, 100_000, "USD", "$80k - $100k")
    assert posting.inferred_fields == []  # stated by the page's data, only read from its words
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


def test_page_without_structured_data_is_read_from_its_structure() -> None:
    body = (
        "<nav>Home | Jobs</nav><main><h1>Platform Engineer</h1>"
        + "<p>We run Kubernetes at scale.</p>" * 10
        + "<h2>Requirements</h2><ul><li>Kubernetes in production</li></ul><a href='/apply'>Apply</a></main>"
    )
    html = (
        '<html lang="de"><head><title>Jobs at Acme</title><meta property="og:site_name" content="Acme">'
        f'<meta name="description" content="Join us"></head><body>{body}</body></html>'
    )
    posting = extract_job_posting(html, PAGE_URL + "?utm_source=linkedin#apply")
    assert (posting.title, posting.company, posting.language) == ("Platform Engineer", "Acme", "de")
    assert posting.description_text.startswith("We run Kubernetes at scale.")
    assert "Requirements\n\n- Kubernetes in production" in posting.description_text
    assert "Home" not in posting.description_text
    assert posting.external_id == PAGE_URL
    assert posting.inferred_fields == ["title", "company", "description"]
    assert posting.raw["syntax"] == "page"


def test_issue_page_with_an_h2_title_and_no_title_element_gives_the_posting() -> None:
    # The issue's case: no structured data, no <title>, the heading an <h2>, company, place and pay in the text.
    html = """<html><body><div class="top"><a href="/">Nordlicht Studio</a></div>
    <section><h2>Motion Designer (m/w/d)</h2><p>Nordlicht Studio · Leipzig, Germany</p>
    <p>We are a small animation studio making explainer films for museums and universities. We are looking for
    a motion designer who loves clean typography and careful timing.</p>
    <h3>Your tasks</h3><ul><li>Animate storyboards in After Effects.</li><li>Prepare files for print and web.</li></ul>
    <h3>What we offer</h3><p>€3.200 – €3.800 brutto per month, 28 days of holiday.</p>
    <a href="mailto:jobs@nordlicht.example">Apply by e-mail</a></section></body></html>"""
    posting = extract_job_posting(html, PAGE_URL)
    assert (posting.title, posting.company, posting.locations) == (
        "Motion Designer (m/w/d)", "Nordlicht Studio", ["Leipzig, Germany"],
    )  # fmt: skip
    salary = posting.salary
    assert (salary.min, salary.max, salary.currency, salary.period, salary.gross) == (
        3200, 3800, "EUR", SalaryPeriod.MONTH, True,
    )  # fmt: skip
    assert salary.text == "€3.200 – €3.800 brutto per month"
    assert posting.description_text.startswith("We are a small animation studio")
    assert posting.inferred_fields == ["title", "company", "locations", "salary", "description"]


def test_a_page_with_only_a_job_heading_is_not_taken_for_a_posting() -> None:
    html = (
        "<html><body><h1>Platform Engineer</h1>"
        + "<p>We run Kubernetes at scale.</p>" * 10
        + "</body></html>"
    )
    with pytest.raises(ExtractionError, match="the page does not read as a job posting"):
        extract_job_posting(html, PAGE_URL)


def test_structured_posting_without_pay_gets_the_pay_its_description_states() -> None:
    node = {"@type": "JobPosting", "title": "Welder", "hiringOrganization": "Steel AG",
            "description": "<p>Join our yard.</p><p>Pay: $28 - $34 per hour, plus overtime.</p>"}  # fmt: skip
    posting = extract_job_posting(json_ld_page(node), PAGE_URL)
    salary = posting.salary
    assert (salary.min, salary.max, salary.currency, salary.period) == (28, 34, "USD", SalaryPeriod.HOUR)
    assert posting.inferred_fields == ["salary"]


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><head><title>Home</title></head><body><p>Welcome!</p></body></html>",
        "<html><body></body></html>",
        "<html><head><title>Our blog</title></head><body><article><h1>Ten years of Acme</h1>"
        + "<p>We started in a garage, and today we ship to forty countries.</p>" * 8
        + "</article></body></html>",
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


def test_structured_posting_without_pay_gets_the_pay_written_under_its_heading() -> None:
    html = """<html><head><script type="application/ld+json">{"@context": "https://schema.org",
    "@type": "JobPosting", "title": "Patient Service Representative", "hiringOrganization": {"name": "Lakeside Clinic"},
    "baseSalary": {"@type": "MonetaryAmount", "currency": "", "value": {"@type": "QuantitativeValue", "unitText": ""}},
    "description": "<p>Check patients in and out, collect co-payments and schedule appointments.</p>"}</script></head>
    <body><h1>Patient Service Representative</h1><p>Location Springfield, Illinois</p>
    <p>The salary range for this position is $18.06 - $23.48 (Hourly Rate)</p>
    <h3>Benefits</h3><ul><li>$10,000 Tuition Reimbursement per year</li><li>$250 Wellbeing Fund per year</li></ul>
    <p>Check patients in and out, collect co-payments and schedule appointments.</p></body></html>"""
    posting = extract_job_posting(html, "https://careers.example.org/jobs/4")
    salary = posting.salary
    assert (salary.min, salary.max, salary.currency, salary.period) == (
        18.06,
        23.48,
        "USD",
        SalaryPeriod.HOUR,
    )
    assert "salary" in posting.inferred_fields


def test_structured_posting_does_not_take_pay_from_benefits_or_other_jobs() -> None:
    html = """<html><head><script type="application/ld+json">{"@context": "https://schema.org",
    "@type": "JobPosting", "title": "Nurse", "description": "<p>Care for patients on our surgical ward.</p>"}</script>
    </head><body><h1>Nurse</h1><p>Care for patients on our surgical ward.</p>
    <h2>Similar jobs</h2><p>Ward Nurse, night shifts</p><p>Ward Nurse, night shifts</p><p>x</p><p>x</p><p>x</p>
    <p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p>
    <p>Senior Nurse: $95,000 per year</p></body></html>"""
    posting = extract_job_posting(html, "https://careers.example.org/jobs/5")
    assert posting.salary.min is None and posting.salary.max is None
