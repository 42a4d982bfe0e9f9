"""Between the wire (jobmate.discovery.v1, jobmate.profile.v1) and discovery's domain objects."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from google.protobuf import json_format
from google.protobuf.timestamp_pb2 import Timestamp

from discovery_service.filters import SearchCriteria
from discovery_service.model import Posting, RemoteType, Salary, SalaryPeriod
from discovery_service.repository import JobStatus, StoredJob
from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2
from jobmate.profile.v1 import profile_pb2

_REMOTE_TO_PB = {RemoteType.UNKNOWN: common_pb2.REMOTE_TYPE_UNSPECIFIED, RemoteType.REMOTE: common_pb2.REMOTE_TYPE_REMOTE,
                 RemoteType.HYBRID: common_pb2.REMOTE_TYPE_HYBRID, RemoteType.ON_SITE: common_pb2.REMOTE_TYPE_ON_SITE}
_REMOTE_FROM_PB = {value: key for key, value in _REMOTE_TO_PB.items()}
REMOTE_FROM_PB = _REMOTE_FROM_PB  # protobuf RemoteType -> model.RemoteType (the feed's filter)
_PERIOD_TO_PB = {SalaryPeriod.UNKNOWN: common_pb2.SALARY_PERIOD_UNSPECIFIED, SalaryPeriod.HOUR: common_pb2.SALARY_PERIOD_HOUR,
                 SalaryPeriod.DAY: common_pb2.SALARY_PERIOD_DAY, SalaryPeriod.WEEK: common_pb2.SALARY_PERIOD_WEEK,
                 SalaryPeriod.MONTH: common_pb2.SALARY_PERIOD_MONTH, SalaryPeriod.YEAR: common_pb2.SALARY_PERIOD_YEAR}
_PERIOD_FROM_PB = {value: key for key, value in _PERIOD_TO_PB.items()}
_STATUS_TO_PB = {JobStatus.PENDING: discovery_pb2.JOB_STATUS_PENDING, JobStatus.APPROVED: discovery_pb2.JOB_STATUS_APPROVED,
                 JobStatus.REJECTED: discovery_pb2.JOB_STATUS_REJECTED}
STATUS_FROM_PB = {value: key for key, value in _STATUS_TO_PB.items()}
_REMOTE_POLICY = {profile_pb2.REMOTE_POLICY_REMOTE: "REMOTE", profile_pb2.REMOTE_POLICY_HYBRID: "HYBRID",
                  profile_pb2.REMOTE_POLICY_ON_SITE: "ON_SITE"}


def timestamp(value: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(value.astimezone(UTC))
    return ts


def salary_to_pb(salary: Salary) -> common_pb2.Salary:
    message = common_pb2.Salary(currency=salary.currency or "", period=_PERIOD_TO_PB[salary.period],
                                text=salary.text or "")
    if salary.min is not None:
        message.min = salary.min
    if salary.max is not None:
        message.max = salary.max
    if salary.gross is not None:
        message.gross = salary.gross
    return message


def job_to_pb(job: StoredJob, *, expiry: dict[JobStatus, timedelta] | None = None,
              include_raw: bool = False) -> discovery_pb2.Job:
    """The wire form. `expiry` (status -> time to live) fills expires_at; the raw payload only on request."""
    p = job.posting
    message = discovery_pb2.Job(
        id=job.id, user_id=job.user_id, source=p.source, external_id=p.external_id, url=p.url, title=p.title,
        company=p.company, locations=p.locations, remote_type=_REMOTE_TO_PB[p.remote_type],
        salary=salary_to_pb(p.salary), employment_type=p.employment_type, description_text=p.description_text,
        description_html=p.description_html, skills=p.skills, source_urls=p.source_urls,
        status=_STATUS_TO_PB[job.status], red_flags=job.red_flags, search_config_id=job.search_config_id,
        discovered_at=timestamp(job.discovered_at), language=p.language, origin=job.origin.value,
        start_date=job.manual.start_date, duration=job.manual.duration, why_us=job.manual.why_us,
        status_changed_at=timestamp(job.status_changed_at))
    if p.posted_at is not None:
        message.posted_at.CopyFrom(timestamp(p.posted_at))
    if include_raw and p.raw:
        message.raw_json = json.dumps(p.raw, ensure_ascii=False, default=str)
    ttl = (expiry or {}).get(job.status)
    if ttl is not None:
        message.expires_at.CopyFrom(timestamp(job.status_changed_at + ttl))
    return message


def posting_from_pb(job: discovery_pb2.Job) -> Posting:
    """A posting sent by internal tooling (IngestJobs); the caller validates what it needs."""
    raw = json.loads(job.raw_json) if job.raw_json else {}
    salary = Salary(min=job.salary.min if job.salary.HasField("min") else None,
                    max=job.salary.max if job.salary.HasField("max") else None,
                    currency=job.salary.currency or None, period=_PERIOD_FROM_PB.get(job.salary.period, SalaryPeriod.UNKNOWN),
                    gross=job.salary.gross if job.salary.HasField("gross") else None, text=job.salary.text or None)
    return Posting(source=job.source, external_id=job.external_id, url=job.url, title=job.title, company=job.company,
                   locations=list(job.locations), remote_type=_REMOTE_FROM_PB.get(job.remote_type, RemoteType.UNKNOWN),
                   salary=salary, employment_type=job.employment_type, description_text=job.description_text,
                   description_html=job.description_html, skills=list(job.skills),
                   posted_at=job.posted_at.ToDatetime(UTC) if job.HasField("posted_at") else None,
                   raw=raw if isinstance(raw, dict) else {"raw": raw}, source_urls=list(job.source_urls),
                   language=job.language)


def criteria_from_config(config: profile_pb2.SearchConfig) -> SearchCriteria:
    return SearchCriteria(
        titles=[t for t in config.job_titles if t.strip()], keywords=[k for k in config.keywords if k.strip()],
        locations=[loc for loc in config.locations if loc.strip()],
        remote_policy=_REMOTE_POLICY.get(config.remote_policy, "ANY"),
        salary_min=config.salary_min if config.HasField("salary_min") else None,
        salary_currency=config.salary_currency or None, red_flags=[f for f in config.red_flags if f.strip()])


def config_to_json(config: profile_pb2.SearchConfig) -> dict:
    """A snapshot of a saved search as stored in discovery's schedule table."""
    return json_format.MessageToDict(config)


def config_from_json(data: dict) -> profile_pb2.SearchConfig:
    return json_format.ParseDict(data, profile_pb2.SearchConfig(), ignore_unknown_fields=True)
