"""GraphQL types of the profile domain and their mapping from jobmate.profile.v1."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.graphql.base import ts
from gateway.graphql.enums import proto_enum
from jobmate.profile.v1 import profile_pb2

CareerStatus = proto_enum(profile_pb2.CareerStatus.DESCRIPTOR)
CvParseStatus = proto_enum(profile_pb2.CvParseStatus.DESCRIPTOR)
RemotePolicy = proto_enum(profile_pb2.RemotePolicy.DESCRIPTOR)


@strawberry.type
class User:
    id: strawberry.ID
    email: str
    created_at: datetime | None

    @classmethod
    def from_pb(cls, user: profile_pb2.User) -> User:
        return cls(id=strawberry.ID(user.id), email=user.email, created_at=ts(user.created_at))


@strawberry.type(description="Tokens after register, login or refresh. Keep the refresh token secret.")
class AuthPayload:
    user: User | None
    access_token: str
    access_expires_at: datetime | None
    refresh_token: str
    refresh_expires_at: datetime | None

    @classmethod
    def from_pb(cls, tokens: profile_pb2.TokenPair, user: profile_pb2.User | None = None) -> AuthPayload:
        return cls(user=User.from_pb(user) if user is not None else None, access_token=tokens.access_token,
                   access_expires_at=ts(tokens.access_expires_at), refresh_token=tokens.refresh_token,
                   refresh_expires_at=ts(tokens.refresh_expires_at))


@strawberry.type
class Link:
    kind: str
    url: str


@strawberry.type
class Contact:
    email: str
    phone: str
    location: str
    links: list[Link]


@strawberry.type
class Skill:
    name: str
    level: str
    years: float | None


@strawberry.type
class Experience:
    title: str
    company: str
    location: str
    start: str
    end: str
    description: str


@strawberry.type
class Education:
    institution: str
    degree: str
    field: str
    start: str
    end: str


@strawberry.type
class Certification:
    name: str
    issuer: str
    date: str


@strawberry.type
class Project:
    name: str
    description: str
    url: str


@strawberry.type
class Language:
    name: str
    level: str


@strawberry.type(description="The uploaded CV and where its parsing stands.")
class CvInfo:
    id: strawberry.ID
    filename: str
    size_bytes: int
    sha256: str
    page_count: int
    parse_status: CvParseStatus | None
    parse_error: str | None
    uploaded_at: datetime | None
    parsed_at: datetime | None
    unread_fields: list[str] = strawberry.field(
        description="Once parsed: the profile fields (\"experience\", \"contact.phone\", ...) the parser failed to "
                    "read on this CV's layout; they stay as they were, and the rest of the CV was still read.")
    missing_fields: list[str] = strawberry.field(
        description="Once parsed: the fields a CV is expected to give (fullName, contact.email, contact.phone, "
                    "experience, skills) that this one gave nothing for; never repeats an unread field.")

    @classmethod
    def from_pb(cls, cv: profile_pb2.CvInfo) -> CvInfo | None:
        if not cv.cv_id:
            return None
        return cls(id=strawberry.ID(cv.cv_id), filename=cv.filename, size_bytes=cv.size_bytes, sha256=cv.sha256,
                   page_count=cv.page_count,
                   parse_status=CvParseStatus.from_pb(cv.parse_status),
                   parse_error=cv.parse_error or None, uploaded_at=ts(cv.uploaded_at), parsed_at=ts(cv.parsed_at),
                   unread_fields=[_graphql_path(path) for path in cv.fields_unread],
                   missing_fields=[_graphql_path(path) for path in cv.fields_missing])


@strawberry.type
class Profile:
    user_id: strawberry.ID
    full_name: str
    status: CareerStatus | None
    headline: str
    summary: str
    contact: Contact
    skills: list[Skill]
    experience: list[Experience]
    education: list[Education]
    certifications: list[Certification]
    projects: list[Project]
    languages: list[Language]
    cv: CvInfo | None
    updated_at: datetime | None
    desired_locations: list[str] = strawberry.field(description="Where the user wants to work.")
    remote_preference: RemotePolicy | None
    salary_expectation: float | None = strawberry.field(description="Expected yearly pay, in salaryCurrency.")
    salary_currency: str
    user_set_fields: list[str] = strawberry.field(
        description="The fields the user set themselves (\"headline\", \"contact.phone\", \"skills\", ...): a CV "
                    "parse leaves them alone unless uploadCV asks to overwrite. The others came from the CV.")

    @classmethod
    def from_pb(cls, p: profile_pb2.Profile) -> Profile:
        c = p.contact
        return cls(
            user_id=strawberry.ID(p.user_id), full_name=p.full_name,
            status=CareerStatus.from_pb(p.status),
            headline=p.headline, summary=p.summary,
            contact=Contact(email=c.email, phone=c.phone, location=c.location,
                            links=[Link(kind=link.kind, url=link.url) for link in c.links]),
            skills=[Skill(name=s.name, level=s.level, years=s.years or None) for s in p.skills],
            experience=[Experience(title=e.title, company=e.company, location=e.location, start=e.start, end=e.end,
                                   description=e.description) for e in p.experience],
            education=[Education(institution=e.institution, degree=e.degree, field=e.field, start=e.start,
                                 end=e.end) for e in p.education],
            certifications=[Certification(name=x.name, issuer=x.issuer, date=x.date) for x in p.certifications],
            projects=[Project(name=x.name, description=x.description, url=x.url) for x in p.projects],
            languages=[Language(name=x.name, level=x.level) for x in p.languages],
            cv=CvInfo.from_pb(p.cv), updated_at=ts(p.updated_at), desired_locations=list(p.desired_locations),
            remote_preference=RemotePolicy.from_pb(p.remote_preference),
            salary_expectation=p.salary_expectation if p.HasField("salary_expectation") else None,
            salary_currency=p.salary_currency,
            user_set_fields=[_graphql_path(path) for path in p.user_set_fields])


def _graphql_path(path: str) -> str:
    """A profile field path as the GraphQL API names it: "full_name" -> "fullName", "contact.phone" stays."""
    return ".".join(part.split("_")[0] + "".join(w.title() for w in part.split("_")[1:]) for part in path.split("."))


@strawberry.type
class SourceParam:
    name: str
    value: str


@strawberry.type(description="A job board a saved search runs on, with that board's own parameters.")
class SourceSelection:
    source: str
    params: list[SourceParam]


@strawberry.type(description="Auto-apply of a saved search (docs/hh.md): off unless enabled.")
class AutoApply:
    enabled: bool
    min_fit_score: float = strawberry.field(description="0-100: postings scored at least this are applied to.")
    daily_cap: int = strawberry.field(description="Automatic applies of this search per UTC day.")
    dry_run: bool = strawberry.field(description="Only prepare the letters for your review; nothing is sent.")

    @classmethod
    def from_pb(cls, auto: profile_pb2.AutoApply) -> AutoApply:
        return cls(enabled=auto.enabled, min_fit_score=auto.min_fit_score, daily_cap=auto.daily_cap,
                   dry_run=auto.dry_run)


@strawberry.type(description="A saved search: what discovery looks for, and where.")
class SearchConfig:
    id: strawberry.ID
    name: str
    job_titles: list[str]
    locations: list[str]
    remote_policy: RemotePolicy | None
    keywords: list[str]
    red_flags: list[str]
    salary_min: float | None
    salary_max: float | None
    salary_currency: str
    start_date: str
    duration: str
    cover_letter_template: str
    sources: list[SourceSelection]
    run_interval_minutes: int
    active: bool
    created_at: datetime | None
    updated_at: datetime | None
    inactive_reason: str | None = strawberry.field(description=(
        "Why an inactive search is inactive: null while active or when the user paused it, \"deleted\" "
        "after deleteSearchConfig, otherwise why it was archived (e.g. the user was hired)."))
    auto_apply: AutoApply = strawberry.field(description="Auto-apply to this search's HH.ru postings; off by default.")

    @classmethod
    def from_pb(cls, c: profile_pb2.SearchConfig) -> SearchConfig:
        return cls(
            id=strawberry.ID(c.id), name=c.name, job_titles=list(c.job_titles), locations=list(c.locations),
            remote_policy=RemotePolicy.from_pb(c.remote_policy),
            keywords=list(c.keywords), red_flags=list(c.red_flags),
            salary_min=c.salary_min if c.HasField("salary_min") else None,
            salary_max=c.salary_max if c.HasField("salary_max") else None,
            salary_currency=c.salary_currency, start_date=c.start_date, duration=c.duration,
            cover_letter_template=c.cover_letter_template,
            sources=[SourceSelection(source=s.source, params=[SourceParam(name=k, value=v)
                                                             for k, v in sorted(s.params.items())])
                     for s in c.sources],
            run_interval_minutes=c.run_interval_minutes, active=c.active, created_at=ts(c.created_at),
            updated_at=ts(c.updated_at), inactive_reason=c.inactive_reason or None,
            auto_apply=AutoApply.from_pb(c.auto_apply))


@strawberry.type(description="The signed-in user.")
class Viewer:
    id: strawberry.ID


@strawberry.type(description="The user's linked HH.ru account (docs/hh.md). Tokens never leave profile_service.")
class HhAccount:
    enabled: bool = strawberry.field(description="False: this installation has no HH application; linking and "
                                                 "applying through HH are off (open the vacancy on hh.ru instead).")
    linked: bool
    hh_user_id: str
    email: str
    name: str
    default_resume_id: str
    linked_at: datetime | None
    needs_relink_reason: str = strawberry.field(description="Non-empty: HH no longer accepts the link; link again.")

    @classmethod
    def from_pb(cls, account: profile_pb2.HhAccount) -> HhAccount:
        return cls(enabled=account.enabled, linked=account.linked, hh_user_id=account.hh_user_id,
                   email=account.email, name=account.name, default_resume_id=account.default_resume_id,
                   linked_at=ts(account.linked_at), needs_relink_reason=account.needs_relink_reason)


@strawberry.type(description="One of the user's resumes on HH.ru.")
class HhResume:
    id: strawberry.ID
    title: str
    status: str = strawberry.field(description="HH's status id: published, not_published, blocked...")
    url: str
    updated_at: datetime | None
    is_default: bool

    @classmethod
    def from_pb(cls, resume: profile_pb2.HhResume, default_id: str) -> HhResume:
        return cls(id=strawberry.ID(resume.id), title=resume.title, status=resume.status, url=resume.url,
                   updated_at=ts(resume.updated_at), is_default=bool(default_id) and resume.id == default_id)


@strawberry.type(description="Where to send the browser to link an HH.ru account.")
class HhLinkStart:
    authorize_url: str
    expires_at: datetime | None


@strawberry.type(description="A personal access token for a script, gRPC tooling or an AI agent (send it as "
                             "`Authorization: Bearer jm_pat_…`). Its secret is shown once, by createAccessToken.")
class AccessToken:
    id: strawberry.ID
    name: str
    prefix: str = strawberry.field(description="The secret's first characters, to recognise it.")
    scopes: list[str]
    created_at: datetime | None
    last_used_at: datetime | None = strawberry.field(description="Null: never used. Updated at most once a minute.")
    expires_at: datetime | None = strawberry.field(description="Null: never expires.")

    @classmethod
    def from_pb(cls, token: profile_pb2.PersonalAccessToken) -> AccessToken:
        return cls(id=strawberry.ID(token.id), name=token.name, prefix=token.prefix, scopes=list(token.scopes),
                   created_at=ts(token.created_at), last_used_at=ts(token.last_used_at),
                   expires_at=ts(token.expires_at))


@strawberry.type
class CreatedAccessToken:
    token: AccessToken
    secret: str = strawberry.field(description="The token itself (jm_pat_…): shown this once, store it now.")


@strawberry.type(description="The short-lived access token a personal access token was exchanged for, for "
                             "gRPC tooling (grpcurl -H 'authorization: Bearer …').")
class ExchangedAccessToken:
    access_token: str
    expires_at: datetime | None
    token_id: strawberry.ID
    scopes: list[str]
