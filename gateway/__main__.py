"""Run the gateway: `python -m gateway` (uvicorn serving gateway.app:create_app)."""

from __future__ import annotations

from types import FrameType

import uvicorn

from common.log import configure_logging
from common.settings import get_settings
from gateway.config import GatewaySettings


class GatewayServer(uvicorn.Server):
    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        # After a graceful shutdown uvicorn re-raises the signal it caught, so the process would report
        # "killed by SIGTERM"; like the other four processes, a requested stop exits with status 0.
        super().handle_exit(sig, frame)
        self._captured_signals.clear()


def main() -> None:
    settings = get_settings()
    configure_logging("gateway", settings.log_level)
    config = uvicorn.Config("gateway.app:create_app", factory=True, host="0.0.0.0", port=GatewaySettings().port,
                            log_config=None, timeout_graceful_shutdown=int(settings.shutdown_grace_s),
                            lifespan="on",
                            # Not uvloop: under grpc.aio it tripled p99 at 50 connections and cost more CPU per
                            # request; httptools saved nothing measurable over h11 (docs/perf/README.md).
                            loop="asyncio", http="h11")
    GatewayServer(config).run()


if __name__ == "__main__":
    main()
