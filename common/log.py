"""JSON logs to stdout, one object a line, with the service name and the request id of the current task;
`ThrottledLog` for warnings that would otherwise repeat on every request (a dependency down)."""

from __future__ import annotations

import contextvars
import json
import logging
import sys
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

_SERVICE = "jobmate"
_STANDARD_ATTRS = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


def new_request_id() -> str:
    return uuid.uuid4().hex[:16]


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "service": _SERVICE,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        request_id = request_id_var.get()
        if request_id:
            entry["request_id"] = request_id
        # Anything passed through `extra=` becomes a field of its own.
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure_logging(service: str, level: str = "INFO") -> None:
    global _SERVICE
    _SERVICE = service
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("asyncio", "grpc", "httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))


class ThrottledLog:
    """Warnings about a state that lasts (Redis down), written at most once per `every_s` seconds per kind.

    A request that finds Redis down says so; while it stays down every request would say it again, and a
    busy gateway would write thousands of lines a minute of the same news. The first warning of a kind is
    written, then the same kind is held back for `every_s` seconds, counted; the next one written carries
    `suppressed`: how many were held back since the last one (0 on the first). Kinds are independent: a
    down rate limiter does not hold back the session check's warning. Safe from any thread.
    """

    def __init__(self, logger: logging.Logger, every_s: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._logger = logger
        self._every_s = every_s
        self._clock = clock
        self._lock = threading.Lock()
        self._last: dict[str, float] = {}  # kind -> when it was last written
        self._held: dict[str, int] = {}  # kind -> how many were held back since

    def warning(self, kind: str, message: str, *, extra: dict[str, Any] | None = None) -> bool:
        """Write `message` as a warning unless a `kind` warning was written less than `every_s` seconds ago
        (then count it); True when it was written."""
        now = self._clock()
        with self._lock:
            last = self._last.get(kind)
            if last is not None and now - last < self._every_s:
                self._held[kind] = self._held.get(kind, 0) + 1
                return False
            self._last[kind] = now
            suppressed = self._held.pop(kind, 0)
        self._logger.warning(message, extra={**(extra or {}), "suppressed": suppressed})
        return True
