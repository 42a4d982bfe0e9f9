"""ai_coach's life cycle: the Redis worker that answers CMD_ANALYZE_JOB, CMD_PARSE_CV and CMD_SCORE_POSTINGS.

How a command flows is told in ai_coach/README.md, failures and shutdown in docs/ai_coach.md. Here: the
subscription (it re-connects by itself after a Redis restart), a slot per command (AI_COACH_CONCURRENCY
per replica, so a full replica leaves commands to the others), the claim on the command id (claims.py),
the handler (handlers.py), and on SIGTERM the drain: stop taking commands, let in-flight ones finish for
SHUTDOWN_GRACE_S, cancel the rest and release their claims, exit 0. A handler that cannot settle its
command releases the claim; the owner's outbox publishes the command again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from redis.exceptions import RedisError

from ai_coach.claims import CommandClaims
from ai_coach.clients import OwnerClients
from ai_coach.cv import ParseLimits
from ai_coach.cv.refine import CvRefiner
from ai_coach.engines import build_engine
from ai_coach.engines.fit import FitScorer
from ai_coach.handlers import (
    AnalyzeJobHandler,
    CommandHandler,
    ParseCvHandler,
    RetryLater,
    ScorePostingsHandler,
)
from ai_coach.llm_client import JsonChatClient
from ai_coach.settings import AiCoachSettings
from common import messages
from common.auth import ensure_dev_keys
from common.bus import Bus
from common.health_http import start_health_server
from common.log import configure_logging, request_id_var
from common.settings import get_settings
from jobmate.events.v1 import events_pb2

log = logging.getLogger(__name__)

CommandType = events_pb2.CommandType
HANDLED_TYPES = (CommandType.COMMAND_TYPE_ANALYZE_JOB, CommandType.COMMAND_TYPE_PARSE_CV,
                 CommandType.COMMAND_TYPE_SCORE_POSTINGS)
# CMD_ANALYZE_JOB, CMD_PARSE_CV, CMD_SCORE_POSTINGS
COMMAND_CHANNELS = [messages.command_channel(t) for t in HANDLED_TYPES]
# Which oneof payload each command type must carry.
PAYLOADS = {CommandType.COMMAND_TYPE_ANALYZE_JOB: "analyze_job", CommandType.COMMAND_TYPE_PARSE_CV: "parse_cv",
            CommandType.COMMAND_TYPE_SCORE_POSTINGS: "score_postings"}


class Worker:
    """Consumes commands until stopped; `handlers` may be given (tests), else built from settings."""

    def __init__(self, settings: AiCoachSettings, *, handlers: dict[int, CommandHandler] | None = None) -> None:
        self.settings = settings
        self.bus = Bus.from_url(settings.require_redis_url(), stream_maxlen=settings.event_stream_maxlen)
        self.subscription = self.bus.subscribe(COMMAND_CHANNELS)
        self.claims = CommandClaims(self.bus.redis, ttl_s=settings.ai_coach_claim_ttl_s,
                                    done_ttl_s=settings.ai_coach_done_ttl_s)
        self._slots = asyncio.Semaphore(settings.ai_coach_concurrency)
        self._in_flight: set[asyncio.Task] = set()
        self._accepting = True
        self._closers: list = []
        if handlers is None:
            handlers = self._default_handlers(settings)
        self.handlers = handlers

    def _default_handlers(self, settings: AiCoachSettings) -> dict[int, CommandHandler]:
        clients = OwnerClients(settings)
        self._closers.append(clients.close)
        # One LLM client (one connection pool) for analysis and CV refinement; None: rules only.
        llm = JsonChatClient.configured(base_url=settings.llm_base_url, model=settings.llm_model,
                                        api_key=settings.llm_api_key, timeout_s=settings.llm_timeout_s)
        if llm is not None:
            self._closers.append(llm.aclose)
        limits = ParseLimits(max_bytes=settings.cv_max_bytes)
        scorer = FitScorer()  # one per process (the inbox's scores and the analyses): models load once
        return {CommandType.COMMAND_TYPE_ANALYZE_JOB: AnalyzeJobHandler(clients, build_engine(llm, scorer)),
                CommandType.COMMAND_TYPE_PARSE_CV: ParseCvHandler(clients, limits, CvRefiner(llm) if llm else None),
                CommandType.COMMAND_TYPE_SCORE_POSTINGS: ScorePostingsHandler(clients, scorer)}

    @property
    def in_flight(self) -> int:
        return len(self._in_flight)

    async def ready(self) -> tuple[bool, dict]:
        redis_ok = await self.bus.ping()
        subscribed = self.subscription.connected.is_set()
        ok = redis_ok and subscribed and self._accepting
        return ok, {"redis": redis_ok, "subscribed": subscribed, "accepting": self._accepting,
                    "in_flight": self.in_flight}

    # --- consuming -----------------------------------------------------------------------------------
    async def consume(self) -> None:
        """Take commands until `stop_accepting()`; each runs in a task of its own."""
        async for channel, data in self.subscription:
            command = self._decode(channel, data)
            if command is None:
                continue
            await self._slots.acquire()  # back-pressure: a full replica leaves the command to the others
            if not self._accepting:
                self._slots.release()
                return
            task = asyncio.create_task(self._run(command), name=f"command-{command.id}")
            self._in_flight.add(task)
            task.add_done_callback(self._in_flight.discard)

    def _decode(self, channel: str, data: bytes) -> events_pb2.Command | None:
        try:
            command = messages.command_from_json(data)
        except Exception as exc:  # a foreign publisher's garbage must not stop the worker
            log.warning("undecodable command dropped", extra={"channel": channel, "error": str(exc)})
            return None
        payload = PAYLOADS.get(command.type)
        if payload is None or command.WhichOneof("payload") != payload or not command.id or not command.user_id:
            log.warning("malformed command dropped", extra={"channel": channel, "command_id": command.id})
            return None
        return command

    async def _run(self, command: events_pb2.Command) -> None:
        request_id_var.set(command.id)  # ties the worker's logs and the owners' logs (x-request-id) together
        context = {"command_id": command.id, "type": CommandType.Name(command.type), "attempt": command.attempt}
        try:
            try:
                claim = await self.claims.try_claim(command.id)
            except (RedisError, OSError) as exc:
                log.warning("could not claim command; leaving it to re-publication",
                            extra={**context, "error": str(exc)})
                return
            if claim is None:
                log.info("command claimed elsewhere or already done; skipped", extra=context)
                return
            log.info("command started", extra=context)
            try:
                async with self.claims.renewed(claim):
                    await self.handlers[command.type].handle(command)
            except RetryLater as exc:
                log.warning("command not settled; the owner will publish it again", extra={**context, "reason": str(exc)})
                await self._settle(claim.release)
            except asyncio.CancelledError:
                log.warning("command abandoned at shutdown; the owner will publish it again", extra=context)
                await self._settle(claim.release)
                raise
            except Exception:
                log.exception("command handler crashed; the owner will publish it again", extra=context)
                await self._settle(claim.release)
            else:
                await self._settle(claim.finish)
                log.info("command settled", extra=context)
        finally:
            self._slots.release()

    @staticmethod
    async def _settle(action) -> None:
        try:
            await action()
        except (RedisError, OSError) as exc:  # the claim then expires by itself within its TTL
            log.warning("could not update the command claim", extra={"error": str(exc)})

    # --- stopping ------------------------------------------------------------------------------------
    def stop_accepting(self) -> None:
        self._accepting = False
        self.subscription.close()

    async def drain(self, grace_s: float) -> int:
        """Wait up to `grace_s` for in-flight commands, then cancel the rest; returns how many were cancelled."""
        pending = set(self._in_flight)
        if pending:
            _, pending = await asyncio.wait(pending, timeout=grace_s)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
        return len(pending)

    async def close(self) -> None:
        self.subscription.close()
        for close in self._closers:
            with contextlib.suppress(Exception):
                await close()
        await self.bus.close()


async def run_worker(worker: Worker, stop: asyncio.Event) -> None:
    """Consume until `stop` is set, then drain within the grace period."""
    consumer = asyncio.create_task(worker.consume(), name="consumer")
    stopper = asyncio.create_task(stop.wait(), name="stop")
    done, _ = await asyncio.wait({consumer, stopper}, return_when=asyncio.FIRST_COMPLETED)
    if consumer in done and not stop.is_set():
        stopper.cancel()
        consumer.result()  # the consumer only ends on its own by failing: surface it
    worker.stop_accepting()
    consumer.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await consumer
    cancelled = await worker.drain(worker.settings.shutdown_grace_s)
    log.info("drained", extra={"cancelled": cancelled})


async def serve() -> None:
    settings = get_settings(AiCoachSettings)
    configure_logging("ai_coach", settings.log_level)
    ensure_dev_keys(settings)
    worker = Worker(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    health = await start_health_server(settings.ai_coach_health_port, worker.ready)
    log.info("ai_coach started", extra={"health_port": settings.ai_coach_health_port,
                                        "concurrency": settings.ai_coach_concurrency,
                                        "engine": "llm" if settings.llm_base_url and settings.llm_model else "heuristic"})
    try:
        await run_worker(worker, stop)
    finally:
        health.close()
        await worker.close()
        log.info("stopped")
