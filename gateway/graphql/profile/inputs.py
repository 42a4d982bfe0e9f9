"""Input types of the profile domain. Every field is optional: what is left out is left unchanged."""

from __future__ import annotations

from typing import Any, TypeVar

import strawberry
from google.protobuf import json_format

from gateway.errors import bad_input
from gateway.graphql.base import input_to_proto_dict
from gateway.graphql.profile.types import CareerStatus, RemotePolicy
from jobmate.profile.v1 import profile_pb2

M = TypeVar("M")

@strawberry.input
class LinkInput:
    kind: str
    url: str


@strawberry.input
class ContactInput:
    email: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    location: str | None = strawberry.UNSET
    links: list[LinkInput] | None = strawberry.UNSET


@strawberry.input
class SkillInput:
    name: str
    level: str = ""
    years: float = 0.0


@strawberry.input
class ExperienceInput:
    title: str
    company: str = ""
    location: str = ""
    start: str = ""
    end: str = ""
    description: str = ""


@strawberry.input
class EducationInput:
    institution: str
    degree: str = ""
    field: str = ""
    start: str = ""
    end: str = ""


@strawberry.input
class CertificationInput:
    name: str
    issuer: str = ""
    date: str = ""


@strawberry.input
class ProjectInput:
    name: str
    description: str = ""
    url: str = ""


@strawberry.input
class LanguageInput:
    name: str
    level: str = ""


@strawberry.input(description="Fields to change; a list given replaces the stored list.")
class ProfileInput:
    full_name: str | None = strawberry.UNSET
    status: CareerStatus | None = strawberry.UNSET
    headline: str | None = strawberry.UNSET
    summary: str | None = strawberry.UNSET
    contact: ContactInput | None = strawberry.UNSET
    skills: list[SkillInput] | None = strawberry.UNSET
    experience: list[ExperienceInput] | None = strawberry.UNSET
    education: list[EducationInput] | None = strawberry.UNSET
    certifications: list[CertificationInput] | None = strawberry.UNSET
    projects: list[ProjectInput] | None = strawberry.UNSET
    languages: list[LanguageInput] | None = strawberry.UNSET
    desired_locations: list[str] | None = strawberry.UNSET
    remote_preference: RemotePolicy | None = strawberry.UNSET
    salary_expectation: float | None = strawberry.UNSET
    salary_currency: str | None = strawberry.UNSET


@strawberry.input
class SourceParamInput:
    name: str
    value: str


@strawberry.input
class SourceSelectionInput:
    source: str
    params: list[SourceParamInput] = strawberry.field(default_factory=list)


@strawberry.input(description="Auto-apply of a saved search (HH.ru postings only, docs/hh.md): postings whose fit "
                              "score is at least minFitScore are approved and applied to with the default HH "
                              "resume, at most dailyCap a UTC day; dryRun only prepares the letters for review.")
class AutoApplyInput:
    enabled: bool
    min_fit_score: float = 70.0
    daily_cap: int = 5
    dry_run: bool = False


@strawberry.input(description="A saved search. On update, only the fields given change.")
class SearchConfigInput:
    name: str | None = strawberry.UNSET
    job_titles: list[str] | None = strawberry.UNSET
    locations: list[str] | None = strawberry.UNSET
    remote_policy: RemotePolicy | None = strawberry.UNSET
    keywords: list[str] | None = strawberry.UNSET
    red_flags: list[str] | None = strawberry.UNSET
    salary_min: float | None = strawberry.UNSET
    salary_max: float | None = strawberry.UNSET
    salary_currency: str | None = strawberry.UNSET
    start_date: str | None = strawberry.UNSET
    duration: str | None = strawberry.UNSET
    cover_letter_template: str | None = strawberry.UNSET
    sources: list[SourceSelectionInput] | None = strawberry.UNSET
    run_interval_minutes: int | None = strawberry.UNSET
    active: bool | None = strawberry.UNSET
    auto_apply: AutoApplyInput | None = strawberry.UNSET


def profile_update(value: ProfileInput) -> tuple[profile_pb2.Profile, list[str]]:
    data, paths = input_to_proto_dict(value)
    if isinstance(value.contact, ContactInput):  # a partial contact changes only its given sub-fields
        contact, contact_paths = input_to_proto_dict(value.contact)
        data["contact"] = contact
        paths = [p for p in paths if p != "contact"] + [f"contact.{p}" for p in contact_paths]
    return _parse(data, profile_pb2.Profile()), paths


def search_config(value: SearchConfigInput) -> tuple[profile_pb2.SearchConfig, list[str]]:
    data, paths = input_to_proto_dict(value)
    if "sources" in data:
        data["sources"] = [_source(s) for s in data["sources"]]
    return _parse(data, profile_pb2.SearchConfig()), paths


def _parse(data: dict[str, Any], message: M) -> M:
    try:
        return json_format.ParseDict(data, message)
    except json_format.ParseError as exc:  # out-of-range numbers, unpaired surrogates, ...
        detail = str(exc).rsplit(": ", 1)[-1]
        raise bad_input(f"invalid input: {detail}") from exc


def _source(source: dict[str, Any]) -> dict[str, Any]:
    return {"source": source["source"], "params": {p["name"]: p["value"] for p in source.get("params", [])}}
