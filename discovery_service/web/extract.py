"""Turning a job page (AddJobByUrl) into a `Posting`, and the canonical URL dedup relies on.

Career sites usually describe a posting as schema.org `JobPosting` for search engines; we read it
from JSON-LD (several blocks, top-level arrays, `@graph`), then microdata and RDFa (extruct). Pay
given as words (`baseSalary: "$80k - $100k"`) is read by the shared pay parser; a posting whose data
states no pay gets the pay its description states, marked inferred.

Pages without structured data are read from their structure by `web.page_reading` (title from the
headings, company, location, pay, remote, description from the main content), every field it sets
marked inferred. A page that is plainly not a posting (a blog post, a home page, a "job not found"
page) raises `ExtractionError` with the reason.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import extruct
import lxml.etree
import lxml.html

from common.html_text import html_to_text
from discovery_service.domain import Posting, RemoteType, Salary, SalaryPeriod
from discovery_service.sources.base import parse_salary_text, salary_from_pay, with_pay_from_description
from discovery_service.web.html import sanitize_html
from discovery_service.web.page_reading import NotAPosting, page_pay, read_page

SOURCE_NAME = "url"
# Query parameters that only say how someone got to a page, never which page it is.
TRACKING_PARAMETERS = frozenset(
    {
        "gclid", "gbraid", "wbraid", "dclid", "fbclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
        "_hsenc", "_hsmi", "ref", "ref_src", "trk", "trackingid", "gh_src", "lever-source", "lever-origin",
        "lever-source[]",
    }
)  # fmt: skip
_DEFAULT_PORTS = {"http": 80, "https": 443}

_EMPLOYMENT_TYPES = {
    "fulltime": "FULL_TIME", "parttime": "PART_TIME", "contract": "CONTRACT", "contractor": "CONTRACT",
    "freelance": "CONTRACT", "intern": "INTERNSHIP", "internship": "INTERNSHIP", "temporary": "TEMPORARY",
    "temp": "TEMPORARY", "seasonal": "TEMPORARY",
}  # fmt: skip
_SALARY_PERIODS = {
    "hour": SalaryPeriod.HOUR, "hourly": SalaryPeriod.HOUR, "day": SalaryPeriod.DAY, "daily": SalaryPeriod.DAY,
    "week": SalaryPeriod.WEEK, "weekly": SalaryPeriod.WEEK, "month": SalaryPeriod.MONTH,
    "monthly": SalaryPeriod.MONTH, "year": SalaryPeriod.YEAR, "yearly": SalaryPeriod.YEAR,
    "annual": SalaryPeriod.YEAR, "annually": SalaryPeriod.YEAR,
}  # fmt: skip
# Parts of a JobPosting that sites often keep out of `description`; a reader wants them too.
_EXTRA_SECTIONS = (
    ("responsibilities", "Responsibilities"),
    ("qualifications", "Qualifications"),
    ("skills", "Skills"),
    ("educationRequirements", "Education"),
    ("experienceRequirements", "Experience"),
    ("jobBenefits", "Benefits"),
)


class ExtractionError(Exception):
    """Nothing resembling a job posting was found on the page."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


def canonical_url(url: str) -> str:
    """The form of `url` used to recognise the same page: lower-case scheme and host, no default
    port, user info or fragment, tracking parameters (utm_*, gclid, fbclid, gh_src, ...) removed
    and the remaining query sorted."""
    if not isinstance(url, str):
        raise ValueError(f"canonical_url expects a str, got {type(url).__name__}")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"not a valid URL: {url!r} ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {url!r}")
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in TRACKING_PARAMETERS
    )
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def extract_job_posting(html: str, url: str) -> Posting:
    """The posting on a page. When the page lists several, the one whose own URL is the page's
    URL wins, otherwise the first. Raises ExtractionError when there is none."""
    postings = extract_job_postings(html, url)
    page = canonical_url(url)
    for posting in postings:
        if canonical_url(posting.url) == page:
            return posting
    return postings[0]


def extract_job_postings(html: str, url: str) -> list[Posting]:
    """Every posting a page describes (structured data first, else one from the page itself)."""
    if not isinstance(html, str):
        raise TypeError(f"extract_job_postings expects html as str, got {type(html).__name__}")
    canonical_url(url)  # a clear ValueError for a bad page URL before any work
    document = _parse_document(html)
    if document is None:
        raise ExtractionError(url, "the page is empty")
    language = _page_language(document)
    postings = [
        _posting_from_node(node, syntax, url, language)
        for syntax, node in _structured_job_postings(html, document, url)
    ]
    postings = [with_pay_from_description(posting) for posting in postings if posting.title]
    if len(postings) == 1 and postings[0].salary.min is None and postings[0].salary.max is None:
        _with_pay_from_page(postings[0], document)
    if postings:
        return postings
    return [_posting_from_page(document, url, language)]


# ---- structured data --------------------------------------------------------------------------


def _parse_document(html: str) -> lxml.html.HtmlElement | None:
    cleaned = re.sub(r"^\s*<\?xml[^>]*\?>", "", html.replace("\x00", ""), count=1)
    if not cleaned.strip():
        return None
    try:
        return lxml.html.document_fromstring(cleaned)
    except (lxml.etree.ParserError, ValueError):
        return None


def _structured_job_postings(
    html: str, document: lxml.html.HtmlElement, url: str
) -> Iterator[tuple[str, dict[str, Any]]]:
    for node in _json_ld_nodes(document):
        if _is_job_posting(node):
            yield "json-ld", node
    try:
        data = extruct.extract(
            html, base_url=url, syntaxes=["microdata", "rdfa"], uniform=True, errors="ignore"
        )
    except Exception:  # noqa: BLE001 - extruct raises many parser-specific errors on broken markup
        data = {}
    items_by_syntax = {
        "microdata": data.get("microdata") or [],
        "rdfa": _compact_rdfa(data.get("rdfa") or []),
    }
    for syntax, items in items_by_syntax.items():
        for item in items:
            for node in _walk_nodes(item):
                if _is_job_posting(node):
                    yield syntax, node


def _compact_rdfa(items: list[Any]) -> list[dict[str, Any]]:
    """extruct gives RDFa as expanded JSON-LD (full IRIs, nodes linked by @id); make it look like
    the compact JSON-LD the mapping reads ("title", nested "hiringOrganization")."""
    by_id = {item["@id"]: item for item in items if isinstance(item, dict) and "@id" in item}

    def compact(node: dict[str, Any], seen: frozenset[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "@type":
                out[key] = [re.split(r"[/#:]", str(t))[-1] for t in _as_list(value)]
                continue
            if key.startswith("@"):
                out[key] = value
                continue
            values = []
            for item in _as_list(value):
                ref = item.get("@id") if isinstance(item, dict) and len(item) == 1 else None
                if ref in by_id and ref not in seen:  # `seen` stops reference cycles
                    values.append(compact(by_id[ref], seen | {ref}))
                elif isinstance(item, dict) and "@value" in item:
                    values.append(item["@value"])
                else:
                    values.append(item)
            out[re.split(r"[/#]", key)[-1]] = values[0] if len(values) == 1 else values
        return out

    return [compact(item, frozenset({item.get("@id", "")})) for item in items if isinstance(item, dict)]


def _json_ld_nodes(document: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    # Each block is parsed on its own, so one broken block does not hide the others.
    for script in document.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        text = (script.text or "").strip()
        if text.startswith("<!--"):
            text = text.removeprefix("<!--").removesuffix("-->")
        try:
            data = json.loads(text, strict=False)  # strict=False: raw newlines inside strings are common
        except ValueError:
            continue
        yield from _walk_nodes(data)


def _walk_nodes(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _walk_nodes(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk_nodes(data["@graph"])


def _is_job_posting(node: dict[str, Any]) -> bool:
    types = node.get("@type")
    type_list = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and re.split(r"[/#:]", t)[-1] == "JobPosting" for t in type_list)


def _value(data: Any) -> Any:
    """Unwrap the shapes structured data takes: lists (first item), {"@value": x}."""
    while isinstance(data, list):
        data = data[0] if data else None
    if isinstance(data, dict) and "@value" in data:
        return data["@value"]
    return data


def _text(data: Any) -> str:
    value = _value(data)
    if isinstance(value, str):
        return html_to_text(value) if "<" in value or "&" in value else " ".join(value.split())
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _name(data: Any) -> str:
    value = _value(data)
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("legalName"))
    return _text(value)


def _as_list(data: Any) -> list[Any]:
    if data is None:
        return []
    return data if isinstance(data, list) else [data]


def _location(place: Any) -> str:
    place = _value(place)
    if isinstance(place, str):
        return _text(place)
    if not isinstance(place, dict):
        return ""
    address = _value(place.get("address"))
    if isinstance(address, str):
        return _text(address)
    if isinstance(address, dict):
        parts = [_name(address.get(key)) for key in ("addressLocality", "addressRegion", "addressCountry")]
        joined = ", ".join(part for part in parts if part)
        if joined:
            return joined
    return _name(place)


def _employment_type(data: Any) -> str:
    for item in _as_list(data):
        key = re.sub(r"[^a-z]", "", str(_value(item) or "").lower())
        if key in _EMPLOYMENT_TYPES:
            return _EMPLOYMENT_TYPES[key]
    return ""


def _number(data: Any) -> float | None:
    value = _value(data)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        cleaned = value.strip().replace(",", "").replace(" ", "")
        try:
            return float(cleaned)
        except ValueError:
            return None
    return None


def _salary(node: dict[str, Any]) -> Salary:
    raw = _value(node.get("baseSalary") or node.get("estimatedSalary"))
    currency = _text(node.get("salaryCurrency")).upper() or None
    if raw is None:
        return Salary()
    if not isinstance(raw, dict):
        amount = _number(raw)
        if amount is not None:
            return Salary(min=amount, max=amount, currency=currency, text=_text(raw) or None)
        salary = parse_salary_text(_text(raw))  # pay given as words: "$80k - $100k"
        salary.currency = salary.currency or currency
        return salary
    currency = _text(raw.get("currency")).upper() or currency
    quantity = _value(raw.get("value"))
    unit = ""
    if isinstance(quantity, dict):
        low, high = _number(quantity.get("minValue")), _number(quantity.get("maxValue"))
        single = _number(quantity.get("value"))
        if low is None and high is None and single is not None:
            low = high = single
        unit = _text(quantity.get("unitText"))
    else:
        low = high = _number(quantity)
    unit = unit or _text(raw.get("unitText"))
    period = _SALARY_PERIODS.get(unit.lower(), SalaryPeriod.UNKNOWN)
    if currency == "RUR":
        currency = "RUB"
    return Salary(min=low, max=high, currency=currency, period=period)


def _posted_at(data: Any) -> datetime | None:
    value = _text(data)
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _description(node: dict[str, Any]) -> tuple[str, str]:
    """Plain text and sanitised HTML of the description plus the sections kept beside it."""
    raw = _value(node.get("description"))
    body = raw if isinstance(raw, str) else ""
    if "<" not in body and "&lt;" in body:
        body = html_lib.unescape(body)  # HTML escaped once more inside the JSON string
    text_parts = [html_to_text(body)] if body else []
    html_parts = [sanitize_html(body if "<" in body else _plain_to_html(body))] if body else []
    for key, heading in _EXTRA_SECTIONS:
        value = _value(node.get(key))
        if not isinstance(value, str) or not value.strip():
            continue
        if "<" in value:
            section_text, section_html = html_to_text(value), sanitize_html(value)
        else:
            lines = [" ".join(line.split()) for line in value.splitlines() if line.strip()]
            section_text = "\n".join(f"- {line}" for line in lines) if len(lines) > 1 else lines[0]
            section_html = (
                "<ul>" + "".join(f"<li>{html_lib.escape(line)}</li>" for line in lines) + "</ul>"
                if len(lines) > 1
                else f"<p>{html_lib.escape(lines[0])}</p>"
            )
        if section_text and section_text not in "\n".join(text_parts):
            text_parts.append(f"{heading}\n\n{section_text}")
            html_parts.append(f"<h3>{heading}</h3>{section_html}")
    return "\n\n".join(part for part in text_parts if part), "".join(html_parts)


def _plain_to_html(text: str) -> str:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html_lib.escape(p)}</p>" for p in paragraphs)


def _identifier(node: dict[str, Any]) -> str:
    identifier = _value(node.get("identifier"))
    if isinstance(identifier, dict):
        return _text(identifier.get("value") or identifier.get("@id") or identifier.get("name"))
    return _text(identifier)


def _posting_from_node(node: dict[str, Any], syntax: str, page_url: str, language: str) -> Posting:
    own_url = _text(node.get("url"))
    url = urljoin(page_url, own_url) if own_url else page_url
    if urlsplit(url).scheme not in ("http", "https"):
        url = page_url
    locations = [loc for loc in (_location(place) for place in _as_list(node.get("jobLocation"))) if loc]
    location_types = {str(_value(t) or "").upper() for t in _as_list(node.get("jobLocationType"))}
    remote_type = RemoteType.REMOTE if "TELECOMMUTE" in location_types else RemoteType.UNKNOWN
    if not locations and remote_type is RemoteType.REMOTE:
        locations = [n for n in (_name(r) for r in _as_list(node.get("applicantLocationRequirements"))) if n]
    description_text, description_html = _description(node)
    identifier = _identifier(node)
    host = urlsplit(url).hostname or ""
    skills_value = node.get("skills")
    return Posting(
        source=SOURCE_NAME,
        external_id=f"{host}:{identifier}" if identifier else canonical_url(url),
        url=url,
        title=_text(node.get("title") or node.get("name")),
        company=_name(node.get("hiringOrganization")),
        locations=list(dict.fromkeys(locations)),
        remote_type=remote_type,
        salary=_salary(node),
        employment_type=_employment_type(node.get("employmentType")),
        description_text=description_text,
        description_html=description_html,
        skills=[_text(s) for s in skills_value if _text(s)] if isinstance(skills_value, list) else [],
        posted_at=_posted_at(node.get("datePosted")),
        raw={"syntax": syntax, "item": node},
        source_urls=[url] + ([page_url] if page_url != url else []),
        language=language,
    )


# ---- fallback: OpenGraph and page structure ---------------------------------------------------


def _with_pay_from_page(posting: Posting, document: lxml.html.HtmlElement) -> None:
    """The one posting of a page whose structured data and description state no pay gets the pay
    the page shows beside them ("The salary range for this position is $18.06 - $23.48 (Hourly
    Rate)" above the description), marked inferred."""
    pay = page_pay(document, posting.title)
    if pay is not None:
        posting.salary = salary_from_pay(pay)
        if "salary" not in posting.inferred_fields:
            posting.inferred_fields.append("salary")


def _page_language(document: lxml.html.HtmlElement) -> str:
    lang = (document.get("lang") or "").strip().lower()
    code = re.split(r"[-_]", lang)[0]
    return code if re.fullmatch(r"[a-z]{2}", code) else ""


def _posting_from_page(document: lxml.html.HtmlElement, url: str, language: str) -> Posting:
    try:
        reading = read_page(document, url)
    except NotAPosting as refused:
        raise ExtractionError(url, refused.reason) from None
    return Posting(
        source=SOURCE_NAME,
        external_id=canonical_url(url),
        url=url,
        title=reading.title,
        company=reading.company,
        locations=reading.locations,
        remote_type=reading.remote_type,
        salary=salary_from_pay(reading.pay),
        employment_type=reading.employment_type,
        description_text=reading.description_text,
        description_html=reading.description_html,
        raw={"syntax": "page", "title": reading.title, "inferred": reading.inferred},
        language=language,
        inferred_fields=list(reading.inferred),
    )
