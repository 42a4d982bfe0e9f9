"""Rules of the profile document: which paths a user may change, limits, and filling from a parsed CV.

The document is the `jobmate.profile.v1.Profile` message without its read-only parts (user id, CV
info, CV text, timestamps); it is stored as protobuf's JSON mapping (convert.py). The generated
message type is the one definition of its shape, so there is no parallel set of dataclasses to keep in
step: `ProfileDocument` names it for the logic, which passes it between these rules and convert.py.

Two levels of strictness: what a user sends is validated and refused with a message naming the field;
what a CV parse produces is machine output, so it is cleaned instead (too-long text cut, invalid items
dropped), because one odd line in a CV should not lose the rest of the parse.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from google.protobuf.field_mask_pb2 import FieldMask

from common.errors import InvalidArgument
from jobmate.profile.v1 import profile_pb2

# Provenance is kept per "leaf": a top-level field, or one of contact's fields.
CONTACT_LEAVES = ("contact.email", "contact.phone", "contact.location", "contact.links")
# What the user wants from a job: only ever set by the user, never filled from a CV.
PREFERENCE_LEAVES = ("desired_locations", "remote_preference", "salary_expectation", "salary_currency")
PARSE_LEAVES = ("full_name", "status", "headline", "summary", *CONTACT_LEAVES, "skills", "experience", "education",
                "certifications", "projects", "languages")
LEAVES = (*PARSE_LEAVES, *PREFERENCE_LEAVES)
# What an employer reads first and the matching needs: a CV that gives none of one of these leaves a gap
# the user is asked to fill (CvInfo.fields_missing). Headline, summary, education and the rest are often
# absent from good CVs (a graduate's first CV has no experience, but most readers' have), so their absence
# is no gap worth a notice.
EXPECTED_FROM_CV = ("full_name", "contact.email", "contact.phone", "experience", "skills")
EDITABLE_PATHS = frozenset({*LEAVES, "contact"})
READ_ONLY = ("user_id", "cv", "cv_text", "updated_at", "user_set_fields")

ProfileDocument = profile_pb2.Profile

_TEXT_LIMITS: dict[str, dict[str, int]] = {
    "Profile": {"full_name": 200, "headline": 300, "summary": 5000},
    "Contact": {"email": 254, "phone": 50, "location": 200},
    "Link": {"kind": 30, "url": 2048},
    "Skill": {"name": 100, "level": 50},
    "Experience": {"title": 200, "company": 200, "location": 200, "start": 10, "end": 10, "description": 5000},
    "Education": {"institution": 200, "degree": 200, "field": 200, "start": 10, "end": 10},
    "Certification": {"name": 200, "issuer": 200, "date": 10},
    "Project": {"name": 200, "description": 5000, "url": 2048},
    "Language": {"name": 100, "level": 50},
}
_LIST_LIMITS = {"links": 20, "skills": 200, "experience": 100, "education": 50, "certifications": 100,
                "projects": 100, "languages": 50, "desired_locations": 20}
_STRING_ITEM_LIMIT = 200  # each entry of a list of plain strings (desired_locations)
_CURRENCY = re.compile(r"^[A-Z]{3}$")
MAX_SALARY_EXPECTATION = 100_000_000.0
# Each item of these lists needs at least one of the named fields.
_ITEM_NEEDS = {"Link": ("url",), "Skill": ("name",), "Experience": ("title", "company"),
               "Education": ("institution", "degree"), "Certification": ("name",), "Project": ("name",),
               "Language": ("name",)}
_DATE_FIELDS = {"Experience": ("start", "end"), "Education": ("start", "end"), "Certification": ("date",)}
_URL_FIELDS = {"Link": ("url",), "Project": ("url",)}
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_SKILL_YEARS = 80.0


def leaves_of(paths: Iterable[str]) -> set[str]:
    """The provenance leaves an update mask touches ("contact" covers all of contact's fields)."""
    leaves: set[str] = set()
    for path in paths:
        leaves.update(CONTACT_LEAVES if path == "contact" else (path,))
    return leaves


def check_update_mask(mask: FieldMask) -> list[str]:
    paths = list(mask.paths)
    if not paths:
        raise InvalidArgument("update_mask is empty: list the fields to change, e.g. \"headline\" or \"skills\"")
    for path in paths:
        if path not in EDITABLE_PATHS:
            hint = " (it is read-only)" if path.split(".")[0] in READ_ONLY else ""
            raise InvalidArgument(f"update_mask path {path!r} is not a profile field you can change{hint}; "
                                  f"allowed: {', '.join(sorted(EDITABLE_PATHS))}")
    return paths


def apply_update(current: profile_pb2.Profile, patch: profile_pb2.Profile, paths: list[str]) -> profile_pb2.Profile:
    """Only the masked paths change; a masked path absent from `patch` is cleared."""
    updated = profile_pb2.Profile()
    updated.CopyFrom(current)
    FieldMask(paths=paths).MergeMessage(patch, updated, replace_message_field=True, replace_repeated_field=True)
    clean(updated, strict=True)
    return updated


def fill_from_parse(current: profile_pb2.Profile, parsed: profile_pb2.Profile, *, user_set: frozenset[str],
                    overwrite: bool) -> tuple[profile_pb2.Profile, list[str], set[str]]:
    """Copy the parse's non-empty leaves into the profile, except those the user set (unless `overwrite`).

    Returns the new profile, the leaves that changed, and the new set of user-set leaves (an overwritten
    leaf now comes from the CV)."""
    parsed = _copy(parsed)
    clean(parsed, strict=False)
    updated = _copy(current)
    filled: list[str] = []
    still_user_set = set(user_set)
    for leaf in PARSE_LEAVES:
        if _is_empty(parsed, leaf) or (leaf in user_set and not overwrite):
            continue
        before = _leaf_value(updated, leaf)
        FieldMask(paths=[leaf]).MergeMessage(parsed, updated, replace_message_field=True, replace_repeated_field=True)
        still_user_set.discard(leaf)
        if _leaf_value(updated, leaf) != before:
            filled.append(leaf)
    return updated, filled, still_user_set


def parse_gaps(parsed: profile_pb2.Profile, unread: Iterable[str]) -> tuple[list[str], list[str]]:
    """What a parse did not give, as (unread, missing), each in PARSE_LEAVES order.

    unread: the leaves ai_coach says its reader failed on and that are still empty (a leaf it names but
    filled after all, by its LLM refinement, was read; a name the profile does not know is dropped).
    missing: the EXPECTED_FROM_CV leaves the parse found nothing for, apart from the unread ones. Both are
    judged after cleaning, as fill_from_parse sees the parse: an email that is no email was not found."""
    parsed = _copy(parsed)
    clean(parsed, strict=False)
    named = set(unread)
    failed = [leaf for leaf in PARSE_LEAVES if leaf in named and _is_empty(parsed, leaf)]
    missing = [leaf for leaf in EXPECTED_FROM_CV if leaf not in failed and _is_empty(parsed, leaf)]
    return failed, missing


def still_lacking(profile: profile_pb2.Profile, leaves: Iterable[str]) -> list[str]:
    """The leaves that are empty in the saved profile: a gap the user (or an earlier CV) filled is no gap."""
    return [leaf for leaf in leaves if _is_empty(profile, leaf)]


def _copy(message: profile_pb2.Profile) -> profile_pb2.Profile:
    copy = profile_pb2.Profile()
    copy.CopyFrom(message)
    return copy


def _leaf_value(profile: profile_pb2.Profile, leaf: str) -> Any:
    owner: Any = profile
    *parents, name = leaf.split(".")
    for parent in parents:
        owner = getattr(owner, parent)
    value = getattr(owner, name)
    if hasattr(value, "__len__") and not isinstance(value, str):
        return [item.SerializeToString(deterministic=True) for item in value]
    return value


def _is_empty(profile: profile_pb2.Profile, leaf: str) -> bool:
    value = _leaf_value(profile, leaf)
    return not value


# --- cleaning and validation --------------------------------------------------------------------------
def clean(message: Any, *, strict: bool, path: str = "") -> None:
    """Trim text and enforce limits in place. strict: raise InvalidArgument naming the field; otherwise fix."""
    type_name = message.DESCRIPTOR.name
    for field in message.DESCRIPTOR.fields:
        name = field.name
        where = f"{path}{name}"
        value = getattr(message, name)
        if field.type == field.TYPE_STRING and not _is_repeated(field):
            setattr(message, name, value.strip())
            _check_text(message, type_name, name, where, strict)
        elif field.type == field.TYPE_STRING and _is_repeated(field):
            _clean_string_list(value, where, name, strict)
        elif field.type == field.TYPE_MESSAGE and _is_repeated(field):
            limit = _LIST_LIMITS.get(name)
            if limit is not None and len(value) > limit:
                if strict:
                    raise InvalidArgument(f"{where} has {len(value)} entries; at most {limit} are allowed")
                del value[limit:]
            for index in reversed(range(len(value))):
                try:
                    clean(value[index], strict=True, path=f"{where}[{index}].")
                except InvalidArgument:
                    if strict:
                        raise
                    # Machine input: fix what can be fixed, drop what cannot.
                    clean(value[index], strict=False, path=f"{where}[{index}].")
                    if not _item_complete(value[index]):
                        del value[index]
        elif field.type == field.TYPE_ENUM and value not in field.enum_type.values_by_number:
            if strict:
                raise InvalidArgument(f"{where} has an unknown value {value}")
            setattr(message, name, 0)
        elif field.type == field.TYPE_MESSAGE and message.HasField(name) and name in ("contact",):
            clean(value, strict=strict, path=f"{where}.")
    if type_name == "Skill":
        years = message.years
        if not math.isfinite(years) or years < 0 or years > MAX_SKILL_YEARS:
            if strict:
                raise InvalidArgument(f"{path}years must be between 0 and {MAX_SKILL_YEARS:g}")
            message.years = 0.0
    if type_name == "Profile":
        _check_salary(message, strict)
    if type_name in _ITEM_NEEDS and not _item_complete(message):
        needs = " or ".join(_ITEM_NEEDS[type_name])
        if strict:
            raise InvalidArgument(f"{path.rstrip('.')} needs a {needs}")


def _clean_string_list(values: Any, where: str, name: str, strict: bool) -> None:
    """Trimmed, without blanks or case-insensitive repeats, each at most _STRING_ITEM_LIMIT characters."""
    cleaned: list[str] = []
    seen: set[str] = set()
    for index, raw in enumerate(values):
        item = raw.strip()
        if len(item) > _STRING_ITEM_LIMIT:
            if strict:
                raise InvalidArgument(f"{where}[{index}] is {len(item)} characters long; "
                                      f"at most {_STRING_ITEM_LIMIT} are allowed")
            item = item[:_STRING_ITEM_LIMIT]
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            cleaned.append(item)
    limit = _LIST_LIMITS.get(name)
    if limit is not None and len(cleaned) > limit:
        if strict:
            raise InvalidArgument(f"{where} has {len(cleaned)} entries; at most {limit} are allowed")
        del cleaned[limit:]
    del values[:]
    values.extend(cleaned)


def _check_salary(profile: Any, strict: bool) -> None:
    profile.salary_currency = profile.salary_currency.upper()
    problem = None
    if profile.HasField("salary_expectation"):
        amount = profile.salary_expectation
        if not math.isfinite(amount) or amount <= 0 or amount > MAX_SALARY_EXPECTATION:
            problem = f"salary_expectation must be a yearly amount between 1 and {MAX_SALARY_EXPECTATION:,.0f}"
        elif not profile.salary_currency:
            problem = "salary_currency is required with salary_expectation (an ISO code such as EUR)"
    if problem is None and profile.salary_currency and not _CURRENCY.match(profile.salary_currency):
        problem = "salary_currency must be an ISO 4217 code such as EUR or USD"
    if problem:
        if strict:
            raise InvalidArgument(problem)
        profile.ClearField("salary_expectation")
        profile.salary_currency = ""


def _is_repeated(field: Any) -> bool:
    return bool(field.is_repeated)


def _item_complete(message: Any) -> bool:
    needs = _ITEM_NEEDS.get(message.DESCRIPTOR.name, ())
    return not needs or any(getattr(message, name) for name in needs)


def _check_text(message: Any, type_name: str, name: str, where: str, strict: bool) -> None:
    value: str = getattr(message, name)
    limit = _TEXT_LIMITS.get(type_name, {}).get(name)
    if limit is not None and len(value) > limit:
        if strict:
            raise InvalidArgument(f"{where} is {len(value)} characters long; at most {limit} are allowed")
        value = value[:limit]
        setattr(message, name, value)
    if not value:
        return
    problem = None
    if name in _DATE_FIELDS.get(type_name, ()) and not (_DATE.match(value) or (name == "end" and value == "present")):
        problem = f"{where} must look like 2024 or 2024-03" + (" (or \"present\")" if name == "end" else "")
    elif name in _URL_FIELDS.get(type_name, ()) and not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE):
        problem = f"{where} must be a web address starting with http:// or https://"
    elif type_name == "Contact" and name == "email" and not _EMAIL.match(value):
        problem = f"{where} is not a valid email address"
    if problem:
        if strict:
            raise InvalidArgument(problem)
        setattr(message, name, "")
