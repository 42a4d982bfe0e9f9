"""Checks on what a user sends to the CRM (a request, or a record of an imported file): text lengths,
addresses, figures, dates, and each kind of event's details. Each check returns the value tidied or
raises InvalidArgument saying what is wrong, so an RPC answers with it and an import reports it for
the record it skips.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime, timedelta
from typing import Any

from common.errors import InvalidArgument
from tracker_service.domain import (
    DETAILS_OF_KIND,
    AssessmentDetails,
    EmailDetails,
    EventKind,
    InterviewDetails,
    OfferDetails,
    Salary,
    SalaryKind,
)
from tracker_service.tracker import MAX_NOTE_CHARS

MAX_NAME_CHARS = 300
MAX_TITLE_CHARS = 300
MAX_SHORT_TEXT_CHARS = 1_000
MAX_URL_CHARS = 2_048
MAX_EMAIL_CHARS = 320
MAX_PHONE_CHARS = 50
MAX_EVENT_CONTACTS = 50
MAX_SALARY_AMOUNT = 1e10
# Events are dated within these bounds of now: a typo of a year in 2204 is refused, not stored.
EVENT_PAST_LIMIT = timedelta(days=50 * 365)
EVENT_FUTURE_LIMIT = timedelta(days=5 * 365)

_BOARD = re.compile(r"^[a-z0-9_-]{1,40}$")
_BOARD_TOKEN = re.compile(r"^[A-Za-z0-9_.-]{0,100}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_PHONE = re.compile(r"^[0-9 +()./-]*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DOMAIN = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/.*)?$")


def text(value: str, what: str, limit: int, *, required: bool = False) -> str:
    value = value.strip()
    if required and not value:
        raise InvalidArgument(f"{what} is required")
    if len(value) > limit:
        raise InvalidArgument(f"{what} is too long (at most {limit} characters)")
    return value


def check_url(value: str, what: str, *, bare_domain_ok: bool = False) -> str:
    value = value.strip()
    if not value:
        return ""
    if bare_domain_ok and _DOMAIN.match(value):
        value = "https://" + value
    if len(value) > MAX_URL_CHARS:
        raise InvalidArgument(f"{what} is too long (at most {MAX_URL_CHARS} characters)")
    if not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE) or any(c.isspace() for c in value):
        raise InvalidArgument(f"{what} must be an http:// or https:// address")
    return value


def check_email(value: str, what: str = "email") -> str:
    value = value.strip()
    if value and (len(value) > MAX_EMAIL_CHARS or not _EMAIL.match(value)):
        raise InvalidArgument(f"{what} is not an e-mail address")
    return value


def check_phone(value: str) -> str:
    value = value.strip()
    if len(value) > MAX_PHONE_CHARS or not _PHONE.match(value):
        raise InvalidArgument("phone may hold digits, spaces and + ( ) . / - only (at most 50 characters)")
    return value


def check_salary(salary: Salary, *, kind: SalaryKind, what: str = "salary") -> Salary:
    """Figures that make sense; ASKED and OFFERED also need a currency and a period."""
    for label, amount in (("min", salary.min), ("max", salary.max)):
        if amount is not None and not 0 <= amount <= MAX_SALARY_AMOUNT:
            raise InvalidArgument(f"{what}.{label} must be between 0 and {MAX_SALARY_AMOUNT:.0f}")
    if salary.min is None and salary.max is None:
        raise InvalidArgument(f"{what} needs an amount (min, max or both)")
    if salary.min is not None and salary.max is not None and salary.min > salary.max:
        raise InvalidArgument(f"{what}.min is more than {what}.max")
    currency = salary.currency.strip().upper()
    if currency and not _CURRENCY.match(currency):
        raise InvalidArgument(f"{what}.currency must be an ISO 4217 code such as EUR or USD")
    if kind is not SalaryKind.ADVERTISED and not currency:
        raise InvalidArgument(f"{what}.currency is required")
    if kind is not SalaryKind.ADVERTISED and salary.period is None:
        raise InvalidArgument(f"{what}.period is required (HOUR, DAY, WEEK, MONTH or YEAR)")
    return dataclasses.replace(salary, currency=currency, text=text(salary.text, f"{what}.text", MAX_SHORT_TEXT_CHARS))


def check_event_time(value: datetime | None, what: str, *, now: datetime, required: bool = True) -> datetime | None:
    if value is None:
        if required:
            raise InvalidArgument(f"{what} is required")
        return None
    if not now - EVENT_PAST_LIMIT <= value <= now + EVENT_FUTURE_LIMIT:
        raise InvalidArgument(f"{what} must be within 50 years before and 5 years after today")
    return value


def company_fields(values: dict[str, str]) -> dict[str, str]:
    """The company columns a create or update sets, checked and tidied."""
    checked: dict[str, str] = {}
    for name, value in values.items():
        if name == "name":
            checked[name] = " ".join(text(value, "name", MAX_NAME_CHARS, required=True).split())
        elif name in ("website", "careers_url"):
            checked[name] = check_url(value, name, bare_domain_ok=True)
        elif name == "board":
            board = value.strip().lower()
            if board and not _BOARD.match(board):
                raise InvalidArgument("board is a job board's name, such as greenhouse or lever")
            checked[name] = board
        elif name == "board_token":
            token = value.strip()
            if not _BOARD_TOKEN.match(token):
                raise InvalidArgument("board_token may hold letters, digits, '_', '.' and '-' (at most 100)")
            checked[name] = token
        elif name == "notes":
            checked[name] = text(value, "notes", MAX_NOTE_CHARS)
        else:
            raise InvalidArgument(f"{name!r} is not a field of a company")
    return checked


def contact_fields(values: dict[str, str]) -> dict[str, str]:
    checked: dict[str, str] = {}
    for name, value in values.items():
        if name == "name":
            checked[name] = text(value, "name", MAX_NAME_CHARS, required=True)
        elif name == "role":
            checked[name] = text(value, "role", MAX_NAME_CHARS)
        elif name == "email":
            checked[name] = check_email(value)
        elif name == "phone":
            checked[name] = check_phone(value)
        elif name == "profile_url":
            checked[name] = check_url(value, "profile_url", bare_domain_ok=True)
        elif name == "notes":
            checked[name] = text(value, "notes", MAX_NOTE_CHARS)
        else:
            raise InvalidArgument(f"{name!r} is not a field of a contact")
    return checked


def check_details(kind: EventKind, details: Any, *, now: datetime) -> Any:
    """The details of a recorded event: only its kind's, each field checked."""
    expected = DETAILS_OF_KIND.get(kind)
    if details is None:
        return expected() if expected is not None else None
    if expected is None or not isinstance(details, expected):
        raise InvalidArgument(f"a {kind} event takes no {type(details).__name__.removesuffix('Details').lower()}"
                              " details" + (f" (it takes {expected.__name__.removesuffix('Details').lower()})"
                                            if expected else ""))
    if isinstance(details, InterviewDetails):
        if not 0 <= details.duration_minutes <= 24 * 60:
            raise InvalidArgument("interview.duration_minutes must be between 0 and 1440")
        return InterviewDetails(stage=text(details.stage, "interview.stage", MAX_NAME_CHARS),
                                place=text(details.place, "interview.place", MAX_SHORT_TEXT_CHARS),
                                link=check_url(details.link, "interview.link"),
                                duration_minutes=details.duration_minutes)
    if isinstance(details, AssessmentDetails):
        return AssessmentDetails(link=check_url(details.link, "assessment.link"),
                                 due_at=check_event_time(details.due_at, "assessment.due_at", now=now, required=False))
    if isinstance(details, OfferDetails):
        return OfferDetails(
            salary=check_salary(details.salary, kind=SalaryKind.OFFERED, what="offer.salary") if details.salary else None,
            bonus=text(details.bonus, "offer.bonus", MAX_SHORT_TEXT_CHARS),
            equity=text(details.equity, "offer.equity", MAX_SHORT_TEXT_CHARS),
            benefits=text(details.benefits, "offer.benefits", MAX_SHORT_TEXT_CHARS),
            respond_by=check_event_time(details.respond_by, "offer.respond_by", now=now, required=False))
    assert isinstance(details, EmailDetails)
    return EmailDetails(subject=text(details.subject, "email.subject", MAX_SHORT_TEXT_CHARS),
                        address=text(details.address, "email.address", MAX_EMAIL_CHARS))


# Update-mask paths of UpdateTimelineEvent, and the details path each recorded kind accepts.
EVENT_PATHS = frozenset({"title", "body", "occurred_at", "contact_ids", "interview", "assessment", "offer", "email"})
DETAILS_PATH = {EventKind.INTERVIEW: "interview", EventKind.ASSESSMENT: "assessment", EventKind.OFFER: "offer",
                EventKind.EMAIL_SENT: "email", EventKind.EMAIL_RECEIVED: "email"}
