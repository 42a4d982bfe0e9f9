"""What ai_coach does with each command, from reading the inputs to handing the result to its owner.

A handler returns normally when the command is settled: its result or a failure a user can read has been
stored by the owner (or the owner said the command is no longer current). It raises `RetryLater` when the
command could not be settled now (an owner is unreachable, say): the worker then releases its claim and
the owner's outbox publishes the command again after its result timeout, up to its attempt limit, after
which the owner stores the failure itself. Nothing is ever half-done: the only write is the owner's
result RPC, which is idempotent by command id.

The worker never publishes EVENT_ANALYSIS_DONE or EVENT_CV_PARSED: the owner emits them from its outbox
in the same transaction as RecordAnalysis / RecordAnalysisFailure / ApplyParsedCv / RecordCvParseFailure,
so an event exists exactly when a result was stored.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Protocol

import grpc

from ai_coach import convert
from ai_coach.clients import OwnerClients
from ai_coach.cv import CvParseError, ParseLimits, parse_cv_document_async
from ai_coach.cv.refine import CvRefiner
from ai_coach.engines import HeuristicEngine, LlmEngine
from ai_coach.engines.fit import FitResult, FitScorer
from jobmate.events.v1 import events_pb2
from jobmate.profile.v1 import profile_pb2
from jobmate.tracker.v1 import tracker_pb2

log = logging.getLogger(__name__)

# Failure reasons, written for the person who reads them on their board.
JOB_GONE = "The job posting is no longer available, so it could not be analysed."
PROFILE_EMPTY = ("Your profile is empty, so there is nothing to compare this job with. Upload a CV or add "
                 "your skills and experience, then ask for a new analysis.")
ANALYSIS_CRASHED = ("The analysis stopped because of an internal error. Ask for a new analysis; if it "
                    "happens again, please report it.")
CV_PARSER_CRASHED = ("Your CV could not be read because of an internal error. Please try uploading it again; "
                     "if it happens again, please report it.")
INTERNAL_CODE = "INTERNAL"


class RetryLater(Exception):
    """The command could not be settled now; let the owner's outbox publish it again."""


class CommandHandler(Protocol):
    async def handle(self, command: events_pb2.Command) -> None: ...


def _transient(error: grpc.aio.AioRpcError, what: str) -> RetryLater:
    return RetryLater(f"{what}: {error.code().name} {error.details() or ''}".strip())


class AnalyzeJobHandler:
    """CMD_ANALYZE_JOB: score an approved posting against the user's profile and saved search."""

    def __init__(self, clients: OwnerClients, engine: HeuristicEngine | LlmEngine) -> None:
        self._clients = clients
        self._engine = engine

    async def handle(self, command: events_pb2.Command) -> None:
        request = command.analyze_job
        tracker = self._clients.tracker
        try:
            running = await tracker.MarkAnalysisRunning(tracker_pb2.MarkAnalysisRunningRequest(
                command_id=command.id, application_id=request.application_id))
        except grpc.aio.AioRpcError as error:
            if error.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.FAILED_PRECONDITION):
                log.info("application gone or closed; nothing to analyse", extra={"code": error.code().name})
                return
            raise _transient(error, "MarkAnalysisRunning") from error
        if not running.current:
            log.info("analysis command no longer current; skipped")
            return

        try:
            outcome = await self._analyse(command)
        except grpc.aio.AioRpcError as error:
            raise _transient(error, "reading the analysis inputs") from error
        if isinstance(outcome, str):
            await self._record_failure(command, outcome)
            return
        try:
            response = await tracker.RecordAnalysis(tracker_pb2.RecordAnalysisRequest(
                command_id=command.id, application_id=request.application_id, analysis=outcome))
        except grpc.aio.AioRpcError as error:
            if error.code() is grpc.StatusCode.NOT_FOUND:
                log.info("application deleted during the analysis; result dropped")
                return
            raise _transient(error, "RecordAnalysis") from error
        log.info("analysis recorded", extra={"score": outcome.score, "engine": outcome.engine,
                                             "duration_ms": outcome.duration_ms,
                                             "already_recorded": response.already_recorded})

    async def _analyse(self, command: events_pb2.Command) -> tracker_pb2.Analysis | str:
        """The analysis, or the reason (for the user) why there cannot be one."""
        request = command.analyze_job
        job_id, search_config_id = request.job_id, request.search_config_id
        if not job_id:  # an older command shape: the application knows its posting
            application = await self._clients.application(request.application_id)
            if application is None:
                return JOB_GONE
            job_id, search_config_id = application.job_id, search_config_id or application.search_config_id
        job, profile, search = await asyncio.gather(
            self._clients.job(job_id),
            self._clients.profile_of(command.user_id),
            self._clients.search_config(search_config_id),
        )
        if job is None or (job.user_id and job.user_id != command.user_id):
            return JOB_GONE
        if search is not None and search.user_id and search.user_id != command.user_id:
            search = None
        profile_input = convert.profile_input(profile or profile_pb2.Profile())
        if convert.profile_is_empty(profile_input):
            return PROFILE_EMPTY
        job_input, search_input = convert.job_input(job), convert.search_input(search)
        started = time.perf_counter()
        try:
            if isinstance(self._engine, HeuristicEngine):
                # CPU-bound (a long posting takes tens of ms): keep the event loop free for other commands.
                analysis = await asyncio.to_thread(self._engine.analyze, job_input, profile_input, search_input)
            else:
                analysis = await self._engine.analyze(job_input, profile_input, search_input)
        except Exception:
            log.exception("analysis engine failed")
            return ANALYSIS_CRASHED
        duration_ms = round((time.perf_counter() - started) * 1000)
        return convert.analysis_message(analysis, duration_ms=duration_ms)

    async def _record_failure(self, command: events_pb2.Command, reason: str) -> None:
        try:
            await self._clients.tracker.RecordAnalysisFailure(tracker_pb2.RecordAnalysisFailureRequest(
                command_id=command.id, application_id=command.analyze_job.application_id, reason=reason))
        except grpc.aio.AioRpcError as error:
            if error.code() is grpc.StatusCode.NOT_FOUND:
                return
            raise _transient(error, "RecordAnalysisFailure") from error
        log.info("analysis failure recorded", extra={"reason": reason})


class ScorePostingsHandler:
    """SCORE_POSTINGS: score a batch of a user's postings against their profile for the inbox's fit order.

    The profile is read when the command is handled, so a batch asked for before a profile change is
    scored from the new profile; the scores carry the profile's updated_at, and discovery keeps the
    freshest. With an empty profile nothing is scored (the postings stay "not scored yet" until the
    profile changes, which asks again); the command is still answered so it is not published again."""

    def __init__(self, clients: OwnerClients, scorer: FitScorer) -> None:
        self._clients = clients
        self._scorer = scorer

    async def handle(self, command: events_pb2.Command) -> None:
        job_ids = list(dict.fromkeys(command.score_postings.job_ids))
        try:
            jobs, profile = await asyncio.gather(self._clients.jobs(job_ids),
                                                 self._clients.profile_of(command.user_id))
        except grpc.aio.AioRpcError as error:
            raise _transient(error, "reading the postings and the profile") from error
        jobs = [job for job in jobs if job.user_id == command.user_id]  # never score another user's posting
        profile_input = convert.profile_input(profile or profile_pb2.Profile())
        scored: list[tuple[str, FitResult]] = []
        if jobs and not convert.profile_is_empty(profile_input):
            started = time.perf_counter()
            # CPU-bound (about 2 ms a posting): keep the event loop free for other commands.
            results = await asyncio.to_thread(self._scorer.score, profile_input,
                                              [convert.job_input(job) for job in jobs])
            scored = [(job.id, result) for job, result in zip(jobs, results, strict=True)]
            log.info("postings scored", extra={"count": len(scored),
                                               "duration_ms": round((time.perf_counter() - started) * 1000)})
        try:
            response = await self._clients.discovery.RecordFitScores(
                convert.fit_scores_request(command.id, command.user_id, scored, profile))
        except grpc.aio.AioRpcError as error:
            raise _transient(error, "RecordFitScores") from error
        log.info("fit scores recorded", extra={"recorded": response.recorded,
                                               "already_recorded": response.already_recorded})


class ParseCvHandler:
    """CMD_PARSE_CV: read the uploaded CV (a PDF in the sandboxed parser, a DOCX or a pasted text through the
    same parser after layout) and fill the profile with what it finds."""

    def __init__(self, clients: OwnerClients, limits: ParseLimits, refiner: CvRefiner | None = None) -> None:
        self._clients = clients
        self._limits = limits
        self._refiner = refiner

    async def handle(self, command: events_pb2.Command) -> None:
        cv_id = command.parse_cv.cv_id
        profile = self._clients.profile
        try:
            download = await profile.DownloadCv(profile_pb2.DownloadCvRequest(cv_id=cv_id))
        except grpc.aio.AioRpcError as error:
            if error.code() is grpc.StatusCode.NOT_FOUND:
                log.info("CV gone (replaced or deleted); nothing to parse")
                return
            raise _transient(error, "DownloadCv") from error
        if download.user_id and download.user_id != command.user_id:
            log.error("CV belongs to another user than the command says; dropped")
            return

        try:
            parsed = await parse_cv_document_async(download.content, limits=self._limits)
        except CvParseError as error:
            await self._record_failure(command, error.message, error.code)
            return
        except Exception:
            log.exception("CV parser failed")
            await self._record_failure(command, CV_PARSER_CRASHED, INTERNAL_CODE)
            return
        if self._refiner is not None:
            parsed = await self._refiner.refine(parsed)

        found = convert.parsed_cv_profile(parsed)
        unread = convert.unread_fields(parsed)
        try:
            response = await profile.ApplyParsedCv(profile_pb2.ApplyParsedCvRequest(
                command_id=command.id, cv_id=cv_id, parsed=found, cv_text=parsed.text, fields_unread=unread))
        except grpc.aio.AioRpcError as error:
            if error.code() is grpc.StatusCode.NOT_FOUND:
                log.info("CV deleted during parsing; result dropped")
                return
            raise _transient(error, "ApplyParsedCv") from error
        log.info("parsed CV applied", extra={"found": convert.found_fields(found), "unread": unread,
                                             "filled": list(response.fields_filled),
                                             "already_applied": response.already_applied,
                                             # the user uploaded a newer CV meanwhile: nothing was filled
                                             "superseded": response.superseded})

    async def _record_failure(self, command: events_pb2.Command, reason: str, code: str) -> None:
        try:
            await self._clients.profile.RecordCvParseFailure(profile_pb2.RecordCvParseFailureRequest(
                command_id=command.id, cv_id=command.parse_cv.cv_id, reason=reason, code=code))
        except grpc.aio.AioRpcError as error:
            if error.code() is grpc.StatusCode.NOT_FOUND:
                return
            raise _transient(error, "RecordCvParseFailure") from error
        log.info("CV parse failure recorded", extra={"code": code})
