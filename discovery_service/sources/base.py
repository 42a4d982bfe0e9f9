"""What every job-board source shares: parameter specs and validation, HTTP error mapping, payload
shape checks, and the small normalisers (dates, employment types, remote type, currency, salary text).

A source module subclasses `BoardSource`, describes its per-search parameters in `PARAMS`, and
implements `_fetch` (paging through its API with the `Fetcher`) plus a pure `parse_<board>_payload`
function that conformance tests call directly. `BoardSource.fetch` turns every failure of the
board (HTTP error, malformed JSON, unexpected shape, timeout) into a `SourceError` with a reason.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar

from common.html_text import html_to_text
from common.pay import Pay, find_pay, parse_pay
from discovery_service.domain import (
    Fetcher,
    Posting,
    RemoteType,
    Salary,
    SalaryPeriod,
    SearchQuery,
    SourceError,
)
from discovery_service.web.fetch import FetchError
from discovery_service.web.html import sanitize_html

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """One per-search parameter a source accepts (shown to the user when they set up a search)."""

    name: str
    description: str
    kind: type = str  # str, int, bool or list (a list of strings; a single string is accepted too)
    required: bool = False
    choices: tuple[str, ...] | None = None  # allowed values (for lists: allowed items)
    default: Any = None
    min_value: int | None = None  # for int
    max_value: int | None = None  # for int
    pattern: str | None = None  # regular expression a str (or each list item) must match in full
    secret: bool = False  # never logged or echoed back in error messages


# Board tokens, company slugs and account names end up inside a URL path on the board's host.
# Keeping them to this alphabet means a saved search can never point a request at another path or host.
SLUG_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}"


def validate_params(
    source: str, specs: Iterable[ParamSpec], params: Mapping[str, Any] | None
) -> dict[str, Any]:
    """Check `params` against `specs`; return them normalised with defaults filled in.

    Raises ValueError with a message a user can act on."""
    specs_by_name = {spec.name: spec for spec in specs}
    if params is None:
        params = {}
    if not isinstance(params, Mapping):
        raise ValueError(f"{source}: parameters must be a mapping of name to value")
    unknown = sorted(str(key) for key in params if key not in specs_by_name)
    if unknown:
        expected = ", ".join(specs_by_name) or "none"
        raise ValueError(f"{source}: unknown parameter(s) {', '.join(unknown)}; expected: {expected}")
    checked: dict[str, Any] = {}
    for spec in specs_by_name.values():
        value = params.get(spec.name)
        if value is None or value == "" or value == []:
            if spec.required:
                raise ValueError(f"{source}: parameter '{spec.name}' is required ({spec.description})")
            if spec.default is not None:
                checked[spec.name] = spec.default
            continue
        checked[spec.name] = _check_value(source, spec, value)
    return checked


def _check_value(source: str, spec: ParamSpec, value: Any) -> Any:
    shown = "the given value" if spec.secret else repr(value)
    where = f"{source}: parameter '{spec.name}'"
    if spec.kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"true", "false", "1", "0", "yes", "no"}:
            return value.lower() in {"true", "1", "yes"}
        raise ValueError(f"{where} must be true or false, not {shown}")
    if spec.kind is int:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError(f"{where} must be a whole number, not {shown}")
        try:
            number = int(value)
        except ValueError:
            raise ValueError(f"{where} must be a whole number, not {shown}") from None
        if spec.min_value is not None and number < spec.min_value:
            raise ValueError(f"{where} must be at least {spec.min_value}, not {number}")
        if spec.max_value is not None and number > spec.max_value:
            raise ValueError(f"{where} must be at most {spec.max_value}, not {number}")
        return number
    if spec.kind is list:
        items = [value] if isinstance(value, str | int) and not isinstance(value, bool) else value
        if not isinstance(items, list | tuple) or not items:
            raise ValueError(f"{where} must be a value or a list of values, not {shown}")
        return [_check_string(where, spec, item) for item in items]
    return _check_string(where, spec, value)


def _check_string(where: str, spec: ParamSpec, value: Any) -> str:
    shown = "the given value" if spec.secret else repr(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"{where} must be text, not {shown}")
    value = value.strip()
    if spec.choices is not None and value not in spec.choices:
        raise ValueError(f"{where} must be one of {', '.join(spec.choices)}, not {shown}")
    if spec.pattern is not None and not re.fullmatch(spec.pattern, value):
        raise ValueError(f"{where} has unexpected characters: {shown}")
    return value


# --------------------------------------------------------------------------------------------
# The source base class
# --------------------------------------------------------------------------------------------


class BoardSource:
    """Common behaviour of the job-board sources (implements domain.JobSource)."""

    name: ClassVar[str]
    default_base_url: ClassVar[str]
    # How often discovery may call this board for one saved search (the board's terms or politeness).
    min_fetch_interval: ClassVar[timedelta] = timedelta(minutes=30)
    PARAMS: ClassVar[tuple[ParamSpec, ...]] = ()

    def __init__(self, base_url: str | None = None) -> None:
        self.base_url = (base_url or self.default_base_url).rstrip("/")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def validate_params(self, params: Mapping[str, Any] | None) -> dict[str, Any]:
        """The saved search's parameters for this source, checked and normalised (ValueError if bad)."""
        return validate_params(self.name, self.PARAMS, params)

    async def fetch(
        self, fetcher: Fetcher, query: SearchQuery, params: Mapping[str, Any]
    ) -> AsyncIterator[Posting]:
        """Yield the board's postings; any failure of the board surfaces as SourceError.

        Postings of pages read before a failure have already been yielded when SourceError is raised."""
        try:
            checked = self.validate_params(params)
        except ValueError as error:
            raise SourceError(self.name, f"invalid parameters: {error}") from error
        try:
            async for posting in self._fetch(fetcher, query, checked):
                yield posting
        except FetchError as error:
            raise SourceError(self.name, _fetch_reason(error)) from error

    def _fetch(self, fetcher: Fetcher, query: SearchQuery, params: dict[str, Any]) -> AsyncIterator[Posting]:
        raise NotImplementedError

    async def _get_json(
        self,
        fetcher: Fetcher,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        return await fetcher.get_json(url, params=params, headers=headers)


def _fetch_reason(error: FetchError) -> str:
    # FetchError reasons already name the HTTP status when there is one ("HTTP 503 Service Unavailable").
    reason = error.reason or str(error)
    return f"{reason} ({error.url})" if error.url and error.url not in reason else reason


# --------------------------------------------------------------------------------------------
# Payload shape
# --------------------------------------------------------------------------------------------


def expect_object(source: str, payload: Any, what: str = "the response") -> Mapping[str, Any]:
    if not isinstance(payload, Mapping):
        raise SourceError(source, f"unexpected shape: {what} is {_kind(payload)}, expected a JSON object")
    return payload


def expect_list(source: str, value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise SourceError(source, f"unexpected shape: {what} is {_kind(value)}, expected a JSON array")
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "missing or null"
    if isinstance(value, Mapping):
        return "a JSON object"
    if isinstance(value, list):
        return "a JSON array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return type(value).__name__


def parse_items(
    source: str, items: list[Any], parse_one: Callable[[Mapping[str, Any]], Posting | None]
) -> list[Posting]:
    """Parse each job of a list; skip (and log) single jobs that are broken. A job whose board states
    no pay amount gets the pay its description states (`with_pay_from_description`).

    One odd job should not cost the user the whole board, but a list where no job parses means
    the board changed its format, which the run must record: SourceError then."""
    postings: list[Posting] = []
    problems: list[str] = []
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            problems.append(f"job #{index} is {_kind(item)}")
            continue
        try:
            posting = parse_one(item)
        except SourceError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            problems.append(f"job #{index}: {type(error).__name__}: {error}")
            continue
        if posting is not None:
            postings.append(with_pay_from_description(posting))
    if problems:
        logger.warning("%s: skipped %d malformed job(s): %s", source, len(problems), "; ".join(problems[:3]))
        if not postings:
            raise SourceError(
                source, f"unexpected shape: none of the {len(items)} jobs could be read ({problems[0]})"
            )
    return postings


def required_text(item: Mapping[str, Any], key: str) -> str:
    """A non-empty string field (ValueError otherwise, which `parse_items` reports)."""
    value = item.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"'{key}' is missing or empty")
    return value.strip()


def optional_text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


# --------------------------------------------------------------------------------------------
# Normalisers
# --------------------------------------------------------------------------------------------


def describe(*fragments: str | None) -> tuple[str, str]:
    """(description_text, description_html) from a board's HTML description.

    Several fragments (Lever's description, lists and closing text) are converted one by one, so
    a fragment a board cut off mid-tag cannot swallow the ones after it."""
    texts: list[str] = []
    htmls: list[str] = []
    for fragment in fragments:
        if not fragment or not fragment.strip():
            continue
        text = html_to_text(fragment)
        if text:
            texts.append(text)
        clean = sanitize_html(fragment)
        if clean:
            htmls.append(clean)
    return "\n\n".join(texts), "\n".join(htmls)


def parse_timestamp(value: Any) -> datetime | None:
    """A timezone-aware UTC datetime from ISO 8601 text, a date, or epoch seconds/milliseconds.

    Times without an offset are taken as UTC (the boards that omit it, Remotive, publish in UTC)."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 100_000_000_000 else value  # ms epochs are 13 digits
        return datetime.fromtimestamp(seconds, tz=UTC)
    if not isinstance(value, str):
        raise ValueError(f"not a timestamp: {value!r}")
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        day = date.fromisoformat(text)
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


_EMPLOYMENT_WORDS: tuple[tuple[str, str], ...] = (
    # Order matters: "full-time contract" is a contract, "part-time internship" an internship.
    # An internship in pt/es/it/nl/pl: "estágio", "prácticas", "pasantía", "tirocinio", "stagiair", "staż".
    (
        r"intern|internship|trainee|praktikum|apprentice|стажировк|working student|werkstudent"
        r"|est[aá]gi|pr[aá]cticas|pasant[ií]a|tirocinio|stagiair|sta[zż]\b",
        "INTERNSHIP",
    ),
    (r"temporary|temp\b|short[ -]?term|fixed[ -]?term|seasonal|befristet", "TEMPORARY"),
    (r"contract|contractor|freelance|freelancer|consultant|project|b2b|проектн", "CONTRACT"),
    (
        r"part[ -_]?time|parttime|teilzeit|частичн|неполн|temps\s+partiel|tiempo\s+parcial|media\s+jornada"
        r"|medio\s+tiempo|meio\s+per[ií]odo|tempo\s+parziale|deeltijd",
        "PART_TIME",
    ),
    (
        r"full[ -_]?time|fulltime|permanent|vollzeit|полная|полный\b|temps\s+plein|tiempo\s+completo"
        r"|jornada\s+completa|tempo\s+(?:integral|pieno)|voltijd",
        "FULL_TIME",
    ),
)


def normalise_employment_type(value: Any) -> str:
    """FULL_TIME, PART_TIME, CONTRACT, INTERNSHIP, TEMPORARY, or "" when the board's words are unclear."""
    if not isinstance(value, str) or not value.strip():
        return ""
    text = value.strip().lower()
    for pattern, normalised in _EMPLOYMENT_WORDS:
        if re.search(pattern, text):
            return normalised
    return ""


def remote_type_from_workplace(value: Any) -> RemoteType:
    """From a board's workplace type ("remote", "hybrid", "on-site", "OnSite", ...)."""
    if not isinstance(value, str):
        return RemoteType.UNKNOWN
    text = re.sub(r"[\s_-]", "", value.lower())
    if text == "remote":
        return RemoteType.REMOTE
    if text == "hybrid":
        return RemoteType.HYBRID
    if text in {"onsite", "office", "inoffice", "inperson"}:
        return RemoteType.ON_SITE
    return RemoteType.UNKNOWN


def remote_type_from_text(*texts: Any) -> RemoteType:
    """From free text such as a location name ("Hybrid - London", "Remote, US")."""
    words = " ".join(text.lower() for text in texts if isinstance(text, str))
    if re.search(r"\bhybrid\b", words):
        return RemoteType.HYBRID
    if re.search(r"\bremote\b|\banywhere\b", words):
        return RemoteType.REMOTE
    if re.search(r"\bon[- ]?site\b|\bin[- ]office\b", words):
        return RemoteType.ON_SITE
    return RemoteType.UNKNOWN


# Codes some boards use that are not (or no longer) ISO 4217: hh.ru's RUR is the Russian rouble
# (RUB) and its BYR is today's Belarusian rouble (BYN, redenominated in 2016).
_CURRENCY_ALIASES = {"RUR": "RUB", "BYR": "BYN"}


def normalise_currency(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    code = value.strip().upper()
    return _CURRENCY_ALIASES.get(code, code)


_INTERVAL_PERIODS: tuple[tuple[str, SalaryPeriod], ...] = (
    (r"hour|hr\b|hourly|wage", SalaryPeriod.HOUR),
    (r"\bday\b|daily|per-day", SalaryPeriod.DAY),
    (r"week|weekly", SalaryPeriod.WEEK),
    (r"month|monthly|\bmo\b", SalaryPeriod.MONTH),
    (r"year|yearly|annual|annum|\byr\b|\bp\.?a\.?\b", SalaryPeriod.YEAR),
)


def salary_period_from_text(value: Any) -> SalaryPeriod:
    """From a board's interval wording ("per-year-salary", "1 YEAR", "/hour", "monthly")."""
    if not isinstance(value, str):
        return SalaryPeriod.UNKNOWN
    text = value.lower().replace("_", "-")
    for pattern, period in _INTERVAL_PERIODS:
        if re.search(pattern, text):
            return period
    return SalaryPeriod.UNKNOWN


def salary_from_pay(pay: Pay | None, *, text: str | None = None) -> Salary:
    """The domain Salary for pay read by common.pay; `text` is what to keep as the wording (the
    matched span when None)."""
    if pay is None:
        return Salary(text=text or None)
    return Salary(
        min=pay.min, max=pay.max, currency=pay.currency, period=pay.period, gross=pay.gross,
        text=text if text is not None else pay.text,
    )  # fmt: skip


def parse_salary_text(text: Any) -> Salary:
    """A Salary from a board's salary field given as words ("$90k - $105k", "€50,000–60,000 per year",
    "Competitive"), read by the shared pay parser; the board's wording is always kept as `text`."""
    if not isinstance(text, str) or not text.strip():
        return Salary()
    wording = text.strip()
    return salary_from_pay(parse_pay(wording), text=wording)


def with_pay_from_description(posting: Posting) -> Posting:
    """A posting whose board gives no pay amount gets the pay its description states, if any
    (common.pay.find_pay, which needs a currency and pay words, and skips perks), marked inferred."""
    if posting.salary.min is not None or posting.salary.max is not None:
        return posting
    pay = find_pay(posting.description_text)
    if pay is None:
        return posting
    posting.salary = salary_from_pay(pay)
    if "salary" not in posting.inferred_fields:
        posting.inferred_fields.append("salary")
    return posting


def join_location(*parts: Any) -> str:
    """ "City, Region, Country" from the parts a board gives, skipping blanks and repeats."""
    seen: list[str] = []
    for part in parts:
        if isinstance(part, str) and part.strip() and part.strip() not in seen:
            seen.append(part.strip())
    return ", ".join(seen)


def unique(values: Iterable[str]) -> list[str]:
    """Non-empty stripped strings, first occurrence kept, order preserved."""
    result: list[str] = []
    for value in values:
        if isinstance(value, str) and value.strip() and value.strip() not in result:
            result.append(value.strip())
    return result


# A UTF-8 lead byte shown as Latin-1/cp1252 ("Ã", "Â", "â") followed by a continuation byte shown
# the same way ("¡", "©", "€", "™", U+00AD, ...): the signature of UTF-8 text decoded as Latin-1.
_CONTINUATION_CHARS = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION_CHARS}]")
SOFT_HYPHEN = "\u00ad"


def _as_byte(char: str) -> int | None:
    code = ord(char)
    if code < 256:
        return code
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return None


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as Latin-1/cp1252 ("MecÃ¡nico" -> "Mecánico"), then drop
    soft hyphens (U+00AD, invisible but they break search).

    Only byte sequences that form valid UTF-8 are re-decoded, so correct text (and any correct part
    of a mixed string) is left alone. A lead byte cut off at the very end of a repaired string (a
    board truncating mid-character) is dropped rather than shown as a stray "Ã"."""
    if not isinstance(text, str):
        return text
    if not _MOJIBAKE.search(text):
        return text.replace(SOFT_HYPHEN, "")
    out: list[str] = []
    index, length = 0, len(text)
    while index < length:
        lead = _as_byte(text[index])
        needed = 0
        if lead is not None:
            needed = (
                1 if 0xC2 <= lead <= 0xDF else 2 if 0xE0 <= lead <= 0xEF else 3 if 0xF0 <= lead <= 0xF4 else 0
            )
        if needed and index + needed < length:
            tail = [_as_byte(char) for char in text[index + 1 : index + 1 + needed]]
            if all(byte is not None and 0x80 <= byte <= 0xBF for byte in tail):
                try:
                    out.append(bytes([lead, *tail]).decode("utf-8"))  # type: ignore[list-item]
                    index += needed + 1
                    continue
                except UnicodeDecodeError:
                    pass
        if needed and index + needed >= length and index == length - 1:
            break  # a lone lead byte at the end: the rest of the character was cut off
        out.append(text[index])
        index += 1
    return "".join(out).replace(SOFT_HYPHEN, "")
