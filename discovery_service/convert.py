"""Between the wire (jobmate.discovery.v1, jobmate.profile.v1, jobmate.events.v1) and discovery's domain
objects: the one module that knows both. The servicer and the profile client call it at the edge; the
runner and ingestion call it for what discovery stores in wire form (a saved search's snapshot) and for
the events they publish.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from google.protobuf import json_format

from common import messages, wire
from common.errors import InvalidArgument
from common.wire import parse_uuid, set_timestamp, timestamp
from discovery_service.domain import (
    INFERABLE_FIELDS,
    FeedNarrowing,
    FeedSort,
    FitScore,
    IngestCounts,
    IngestItem,
    IngestTotals,
    JobStatus,
    Posting,
    RemoteType,
    RunRecord,
    RunStatus,
    Salary,
    SalaryPeriod,
    SavedSearch,
    SearchCriteria,
    StoredJob,
)
from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2
from jobmate.events.v1 import events_pb2
from jobmate.profile.v1 import profile_pb2

if TYPE_CHECKING:
    from discovery_service.sources import BoardSource

# How many job ids a JOB_DISCOVERED event carries; the count says how many there were in all.
EVENT_JOB_IDS = 10

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
_STATUS_FROM_PB = {value: key for key, value in _STATUS_TO_PB.items()}
_RUN_STATUS_TO_PB = {RunStatus.RUNNING: discovery_pb2.RUN_STATUS_RUNNING,
                     RunStatus.SUCCEEDED: discovery_pb2.RUN_STATUS_SUCCEEDED,
                     RunStatus.PARTIAL: discovery_pb2.RUN_STATUS_PARTIAL,
                     RunStatus.FAILED: discovery_pb2.RUN_STATUS_FAILED}
_REMOTE_POLICY = {profile_pb2.REMOTE_POLICY_REMOTE: "REMOTE", profile_pb2.REMOTE_POLICY_HYBRID: "HYBRID",
                  profile_pb2.REMOTE_POLICY_ON_SITE: "ON_SITE"}


# --- postings ----------------------------------------------------------------------------------------
def status_from_pb(status: int) -> JobStatus | None:
    """The job status a request names; None for JOB_STATUS_UNSPECIFIED and numbers this build does not know."""
    return _STATUS_FROM_PB.get(status)


def salary_to_pb(salary: Salary) -> common_pb2.Salary:
    return wire.salary(min=salary.min, max=salary.max, currency=salary.currency or "",
                       period=_PERIOD_TO_PB[salary.period], gross=salary.gross, text=salary.text or "")


def job_to_pb(job: StoredJob, *, expiry: dict[JobStatus, timedelta] | None = None,
              include_raw: bool = False) -> discovery_pb2.Job:
    """The wire form. `expiry` (status -> time to live) fills expires_at; the raw payload only on request.

    Built for speed, as the inbox converts 50 of these per page (docs/perf/README.md): the constructor
    takes only the scalars every posting has; text that is often empty (descriptions a list leaves out,
    what only a hand-added posting has) and repeated fields are set only when there is something to set,
    and nested messages (salary, timestamps) are filled in place rather than built and copied in."""
    p = job.posting
    message = discovery_pb2.Job(
        id=job.id, user_id=job.user_id, source=p.source, external_id=p.external_id, url=p.url, title=p.title,
        company=p.company, remote_type=_REMOTE_TO_PB[p.remote_type], employment_type=p.employment_type,
        status=_STATUS_TO_PB[job.status], search_config_id=job.search_config_id, language=p.language,
        origin=job.origin.value)
    for name, values in (("locations", p.locations), ("skills", p.skills), ("source_urls", p.source_urls),
                         ("red_flags", job.red_flags), ("inferred_fields", p.inferred_fields)):
        if values:
            getattr(message, name).extend(values)
    manual = job.manual
    for name, text in (("description_text", p.description_text), ("description_html", p.description_html),
                       ("start_date", manual.start_date), ("duration", manual.duration), ("why_us", manual.why_us)):
        if text:
            setattr(message, name, text)
    _fill_salary(message.salary, p.salary)
    set_timestamp(message.discovered_at, job.discovered_at)
    set_timestamp(message.status_changed_at, job.status_changed_at)
    if p.posted_at is not None:
        set_timestamp(message.posted_at, p.posted_at)
    if include_raw and p.raw:
        message.raw_json = json.dumps(p.raw, ensure_ascii=False, default=str)
    ttl = (expiry or {}).get(job.status)
    if ttl is not None:
        set_timestamp(message.expires_at, job.status_changed_at + ttl)
    if job.fit is not None:
        _fill_fit(message.fit, job.fit)
    return message


# A stored value (a row's text) -> its wire number, for the feed's rows.
_REMOTE_VALUE_TO_PB = {remote.value: number for remote, number in _REMOTE_TO_PB.items()}
_PERIOD_VALUE_TO_PB = {period.value: number for period, number in _PERIOD_TO_PB.items()}
_STATUS_VALUE_TO_PB = {status.value: number for status, number in _STATUS_TO_PB.items()}
_STATUS_BY_VALUE = {status.value: status for status in JobStatus}


def fill_job_from_feed_row(message: discovery_pb2.Job, row: Mapping[str, Any], *,
                           expiry: dict[JobStatus, timedelta] | None = None) -> None:
    """Fill `message` (a feed reply's `jobs.add()`) from one of the feed's stored rows
    (JobRepository.feed_rows): the very message `job_to_pb` makes of the row's StoredJob, without
    building that StoredJob (its five objects were a third of a page's conversion, docs/perf/README.md).
    The inbox's page is what users load most; every other reply goes through the domain objects.
    tests/integration/test_discovery_inbox.py holds the two equal on every kind of posting."""
    # Field by field, unrolled: loops over field names (getattr/setattr by name) cost half as much again.
    message.id = str(row["id"])
    message.user_id = row["user_id"]
    message.source = row["source"]
    message.external_id = row["external_id"]
    message.url = row["url"]
    message.title = row["title"]
    message.company = row["company"]
    message.employment_type = row["employment_type"]
    message.search_config_id = row["search_config_id"]
    message.language = row["language"]
    message.origin = row["origin"]
    message.remote_type = _REMOTE_VALUE_TO_PB[row["remote_type"]]
    status = row["status"]
    message.status = _STATUS_VALUE_TO_PB[status]
    if values := row["locations"]:
        message.locations.extend(values)
    if values := row["skills"]:
        message.skills.extend(values)
    if values := row["source_urls"]:
        message.source_urls.extend(values)
    if values := row["red_flags"]:
        message.red_flags.extend(values)
    if values := row["inferred_fields"]:
        message.inferred_fields.extend(values)
    if text := row["start_date"]:
        message.start_date = text
    if text := row["duration"]:
        message.duration = text
    if text := row["why_us"]:
        message.why_us = text
    if "description_text" in row:  # read only when the caller wants descriptions
        if text := row["description_text"]:
            message.description_text = text
        if text := row["description_html"]:
            message.description_html = text
    salary = message.salary
    salary.SetInParent()
    salary.currency = row["salary_currency"] or ""
    salary.period = _PERIOD_VALUE_TO_PB[row["salary_period"]]
    salary.text = row["salary_text"] or ""
    if (low := row["salary_min"]) is not None:
        salary.min = low
    if (high := row["salary_max"]) is not None:
        salary.max = high
    if (gross := row["salary_gross"]) is not None:
        salary.gross = gross
    set_timestamp(message.discovered_at, row["discovered_at"])
    changed_at = row["status_changed_at"]
    set_timestamp(message.status_changed_at, changed_at)
    if (posted_at := row["posted_at"]) is not None:
        set_timestamp(message.posted_at, posted_at)
    ttl = expiry.get(_STATUS_BY_VALUE[status]) if expiry else None
    if ttl is not None:
        set_timestamp(message.expires_at, changed_at + ttl)
    if (score := row["fit_score"]) is not None:
        fit = message.fit
        fit.SetInParent()
        fit.score = score
        fit.confidence = row["fit_confidence"]
        fit.model = row["fit_model"]
        if reasons := row["fit_reasons"]:
            fit.reasons.extend(reasons)
        if missing := row["fit_missing"]:
            fit.missing.extend(missing)
        if (scored_at := row["fit_scored_at"]) is not None:
            set_timestamp(fit.scored_at, scored_at)
        if (profile_at := row["fit_profile_updated_at"]) is not None:
            set_timestamp(fit.profile_updated_at, profile_at)


def _fill_salary(message: common_pb2.Salary, salary: Salary) -> None:
    """As `salary_to_pb`, in place (the Job's salary is always present on the wire, as before)."""
    message.SetInParent()
    message.currency = salary.currency or ""
    message.period = _PERIOD_TO_PB[salary.period]
    message.text = salary.text or ""
    if salary.min is not None:
        message.min = salary.min
    if salary.max is not None:
        message.max = salary.max
    if salary.gross is not None:
        message.gross = salary.gross


# --- fit scores (ai_coach's SCORE_POSTINGS and RecordFitScores) --------------------------------------
_FIT_REASONS = 3
_FIT_TEXT_CHARS = 1000


def fit_to_pb(fit: FitScore) -> discovery_pb2.FitScore:
    message = discovery_pb2.FitScore()
    _fill_fit(message, fit)
    return message


def _fill_fit(message: discovery_pb2.FitScore, fit: FitScore) -> None:
    message.SetInParent()  # present even for a score of 0
    message.score = fit.score
    message.confidence = fit.confidence
    message.model = fit.model
    if fit.reasons:
        message.reasons.extend(fit.reasons)
    if fit.missing:
        message.missing.extend(fit.missing)
    if fit.scored_at is not None:
        set_timestamp(message.scored_at, fit.scored_at)
    if fit.profile_updated_at is not None:
        set_timestamp(message.profile_updated_at, fit.profile_updated_at)


def _optional_time(message: Any, name: str) -> datetime | None:
    return getattr(message, name).ToDatetime(tzinfo=UTC) if message.HasField(name) else None


def fit_scores_from_pb(request: discovery_pb2.RecordFitScoresRequest) -> list[tuple[str, FitScore]]:
    """The scores a RecordFitScores request carries, checked: InvalidArgument for a bad id or value."""
    profile_at = _optional_time(request, "profile_updated_at")
    scores = []
    for entry in request.scores:
        parse_uuid(entry.job_id, "job id")
        fit = entry.fit
        if not (0.0 <= fit.score <= 100.0) or not (0.0 <= fit.confidence <= 1.0):
            raise InvalidArgument("a fit score is 0-100 and its confidence 0-1")
        scores.append((entry.job_id, FitScore(
            score=round(fit.score, 1), confidence=round(fit.confidence, 3),
            reasons=[reason[:_FIT_TEXT_CHARS] for reason in fit.reasons[:_FIT_REASONS]],
            missing=[item[:_FIT_TEXT_CHARS] for item in fit.missing[:10]], model=fit.model[:100],
            profile_updated_at=profile_at)))
    return scores


def score_postings_command(user_id: str, job_ids: list[str], *, reason: str,
                           command_id: str | None = None) -> events_pb2.Command:
    """SCORE_POSTINGS for ai_coach; `command_id` for a command that must be asked only once."""
    command = messages.new_command(events_pb2.COMMAND_TYPE_SCORE_POSTINGS, user_id,
                                   score_postings=events_pb2.ScorePostings(job_ids=job_ids, reason=reason))
    if command_id is not None:
        command.id = command_id
    return command


PROFILE_UPDATED_CHANNEL = messages.event_channel(events_pb2.EVENT_TYPE_PROFILE_UPDATED)


def profile_updated_from_json(data: str | bytes) -> tuple[str, datetime] | None:
    """(user id, the profile's updated_at) from an EVENT_PROFILE_UPDATED message; None when it is not one."""
    try:
        event = messages.event_from_json(data)
    except Exception:  # noqa: BLE001 - a foreign publisher's garbage is dropped by the caller
        return None
    if event.type != events_pb2.EVENT_TYPE_PROFILE_UPDATED or not event.user_id:
        return None
    updated = _optional_time(event.profile_updated, "updated_at") if event.HasField("profile_updated") else None
    return event.user_id, updated or event.occurred_at.ToDatetime(tzinfo=UTC)


def feed_sort_from_pb(sort: int) -> FeedSort:
    if sort not in _FEED_SORT_FROM_PB:
        raise InvalidArgument("unknown feed sort")
    return _FEED_SORT_FROM_PB[sort]


_FEED_SORT_FROM_PB = {discovery_pb2.FEED_SORT_UNSPECIFIED: FeedSort.NEWEST,
                      discovery_pb2.FEED_SORT_NEWEST: FeedSort.NEWEST, discovery_pb2.FEED_SORT_FIT: FeedSort.FIT}


def posting_from_pb(job: discovery_pb2.Job) -> Posting:
    """A posting sent by internal tooling (IngestJobs); the caller validates what it needs.
    ValueError when its raw payload is not JSON."""
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
                   language=job.language,
                   inferred_fields=[name for name in job.inferred_fields if name in INFERABLE_FIELDS])


def ingest_item_from_pb(request: discovery_pb2.IngestJobsRequest) -> IngestItem:
    try:
        posting: Posting | None = posting_from_pb(request.job)
    except ValueError:  # json.JSONDecodeError is one
        posting = None
    return IngestItem(user_id=request.user_id, search_config_id=request.search_config_id, posting=posting)


def ingest_totals_to_pb(totals: IngestTotals) -> discovery_pb2.IngestJobsResponse:
    return discovery_pb2.IngestJobsResponse(received=totals.received, inserted=totals.inserted,
                                            duplicates=totals.duplicates, filtered=totals.filtered,
                                            invalid=totals.invalid)


# --- runs and their events ---------------------------------------------------------------------------
def run_to_pb(run: RunRecord) -> discovery_pb2.DiscoveryRun:
    message = discovery_pb2.DiscoveryRun(
        id=run.id, search_config_id=run.search_config_id, status=_RUN_STATUS_TO_PB[run.status],
        fetched=run.fetched, new_count=run.new_count, duplicates=run.duplicates, filtered=run.filtered,
        filtered_by_reason=run.filtered_by_reason, trigger=run.trigger, started_at=timestamp(run.started_at),
        errors=[discovery_pb2.SourceError(source=e.get("source", ""), reason=e.get("reason", "")) for e in run.errors],
        skipped=[discovery_pb2.SourceError(source=e.get("source", ""), reason=e.get("reason", ""))
                 for e in run.skipped])
    if run.finished_at is not None:
        message.finished_at.CopyFrom(timestamp(run.finished_at))
        message.duration_ms = int((run.finished_at - run.started_at).total_seconds() * 1000)
    return message


def progress_event(run: RunRecord, *, sources_total: int = 0, sources_done: int = 0,
                   fetched: int | None = None) -> events_pb2.Event:
    """A run's progress; while it runs, `sources_done` of `sources_total` boards have answered with `fetched`
    postings so far."""
    return messages.new_event(
        events_pb2.EVENT_TYPE_DISCOVERY_RUN_PROGRESS, run.user_id,
        discovery_run_progress=events_pb2.DiscoveryRunProgress(
            run_id=run.id, search_config_id=run.search_config_id, status=run.status.value,
            fetched=run.fetched if fetched is None else fetched, new_count=run.new_count, duplicates=run.duplicates,
            filtered=run.filtered, sources_total=sources_total, sources_done=sources_done))


def discovered_event(user_id: str, counts: IngestCounts, *, run_id: str = "",
                     search_config_id: str = "") -> events_pb2.Event:
    """One event summarising every new posting of a run: the first few ids and the count."""
    payload = events_pb2.JobDiscovered(job_ids=counts.new_ids[:EVENT_JOB_IDS], count=len(counts.new_ids),
                                       search_config_id=search_config_id, run_id=run_id)
    if counts.first_new is not None and len(counts.new_ids) == 1:
        payload.title, payload.company = counts.first_new.title, counts.first_new.company
    return messages.new_event(events_pb2.EVENT_TYPE_JOB_DISCOVERED, user_id, job_discovered=payload)



def scored_event(user_id: str, job_ids: Sequence[str]) -> events_pb2.Event:
    """Fit scores were stored for these postings (all of them: one answer holds at most one batch)."""
    return messages.new_event(events_pb2.EVENT_TYPE_JOBS_SCORED, user_id,
                              jobs_scored=events_pb2.JobsScored(job_ids=list(job_ids), count=len(job_ids)))

# --- saved searches (profile's SearchConfig) ---------------------------------------------------------
def saved_search_from_pb(config: profile_pb2.SearchConfig) -> SavedSearch:
    return SavedSearch(id=config.id, user_id=config.user_id, active=config.active,
                       run_interval_minutes=config.run_interval_minutes,
                       snapshot=json_format.MessageToDict(config))


def config_from_snapshot(snapshot: Mapping[str, Any]) -> profile_pb2.SearchConfig:
    return json_format.ParseDict(snapshot, profile_pb2.SearchConfig(), ignore_unknown_fields=True)


def _criteria_from_config(config: profile_pb2.SearchConfig) -> SearchCriteria:
    return SearchCriteria(
        titles=[t for t in config.job_titles if t.strip()], keywords=[k for k in config.keywords if k.strip()],
        locations=[loc for loc in config.locations if loc.strip()],
        remote_policy=_REMOTE_POLICY.get(config.remote_policy, "ANY"),
        salary_min=config.salary_min if config.HasField("salary_min") else None,
        salary_currency=config.salary_currency or None, red_flags=[f for f in config.red_flags if f.strip()])


def criteria_from_snapshot(snapshot: Mapping[str, Any]) -> SearchCriteria:
    """The filters of a saved search's snapshot (SavedSearch.snapshot, ScheduledSearch.config)."""
    return _criteria_from_config(config_from_snapshot(snapshot))


def plan_from_snapshot(snapshot: Mapping[str, Any]) -> tuple[SearchCriteria, list[tuple[str, dict[str, str]]]]:
    """What a run of a saved search does: its filters, and the job boards it calls (name, parameters)."""
    config = config_from_snapshot(snapshot)
    return _criteria_from_config(config), [(s.source, dict(s.params)) for s in config.sources]


MAX_FEED_SOURCES = 20
_KIND_NAMES = {str: "string", int: "integer", bool: "boolean", list: "list"}


def feed_narrowing(request: discovery_pb2.GetJobFeedRequest) -> FeedNarrowing:
    """GetJobFeed's source, remote, salary and date filters, checked."""
    sources = tuple(dict.fromkeys(s.strip().lower() for s in request.sources if s.strip()))
    if len(sources) > MAX_FEED_SOURCES or any(len(s) > 50 for s in sources):
        raise InvalidArgument(f"sources: at most {MAX_FEED_SOURCES} board names")
    remote_types = []
    for value in request.remote_types:
        if value not in _REMOTE_FROM_PB:
            raise InvalidArgument(f"remote_types has an unknown value {value}")
        remote_types.append(_REMOTE_FROM_PB[value])
    salary = request.salary_at_least if request.HasField("salary_at_least") else None
    if salary is not None and not (0 <= salary < 1e12):
        raise InvalidArgument("salary_at_least must be a positive amount")
    currency = request.salary_currency.strip().upper()
    if currency and (len(currency) != 3 or not currency.isalpha()):
        raise InvalidArgument("salary_currency must be an ISO 4217 code such as EUR")
    after = request.discovered_after.ToDatetime(tzinfo=UTC) if request.HasField("discovered_after") else None
    return FeedNarrowing(sources=sources, remote_types=tuple(dict.fromkeys(remote_types)), salary_at_least=salary,
                         salary_currency=currency, discovered_after=after)


def source_info(source: BoardSource) -> discovery_pb2.SourceInfo:
    info = discovery_pb2.SourceInfo(
        name=source.name, min_fetch_interval_minutes=int(source.min_fetch_interval.total_seconds() // 60))
    for spec in source.PARAMS:
        param = info.params.add(name=spec.name, description=spec.description, kind=_KIND_NAMES.get(spec.kind, "string"),
                                required=spec.required, choices=list(spec.choices or ()), pattern=spec.pattern or "",
                                secret=spec.secret)
        if spec.default is not None:
            param.default_value = str(spec.default).lower() if isinstance(spec.default, bool) else str(spec.default)
        if spec.min_value is not None:
            param.min_value = spec.min_value
        if spec.max_value is not None:
            param.max_value = spec.max_value
    return info
