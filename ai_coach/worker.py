"""ai_coach: the Redis worker that answers CMD_ANALYZE_JOB and CMD_PARSE_CV.

It has no inbound port but its health endpoint, owns nothing in PostgreSQL, and reads and writes only
through the owners' RPCs with a service token. This module holds the life cycle; command handling
is added by the analysis and CV issues.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from common.auth import ensure_dev_keys
from common.bus import Bus
from common.health_http import start_health_server
from common.log import configure_logging
from common.settings import Settings, get_settings

log = logging.getLogger(__name__)

COMMAND_CHANNELS = ["CMD_ANALYZE_JOB", "CMD_PARSE_CV"]


class Worker:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.bus = Bus.from_url(settings.require_redis_url(), stream_maxlen=settings.event_stream_maxlen)
        self.subscription = self.bus.subscribe(COMMAND_CHANNELS)

    async def ready(self) -> tuple[bool, dict]:
        redis_ok = await self.bus.ping()
        subscribed = self.subscription.connected.is_set()
        return redis_ok and subscribed, {"redis": redis_ok, "subscribed": subscribed}

    async def consume(self) -> None:
        async for channel, data in self.subscription:
            log.info("command received", extra={"channel": channel, "bytes": len(data)})

    async def close(self) -> None:
        self.subscription.close()
        await self.bus.close()


async def serve() -> None:
    settings = get_settings()
    configure_logging("ai_coach", settings.log_level)
    ensure_dev_keys(settings)
    worker = Worker(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    health = await start_health_server(settings.ai_coach_health_port, worker.ready)
    consumer = asyncio.create_task(worker.consume())
    log.info("ai_coach started", extra={"health_port": settings.ai_coach_health_port})
    try:
        await stop.wait()
    finally:
        consumer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await consumer
        health.close()
        await worker.close()
        log.info("stopped")
