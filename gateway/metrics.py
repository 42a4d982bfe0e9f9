"""Prometheus metrics of the gateway, served at /metrics."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import Response

GRAPHQL_OPERATIONS = Counter("jobmate_gateway_graphql_operations_total", "GraphQL operations executed",
                             ["operation_type", "outcome"])
GRAPHQL_DURATION = Histogram("jobmate_gateway_graphql_duration_seconds", "GraphQL operation duration",
                             ["operation_type"],
                             buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
GRAPHQL_ERRORS = Counter("jobmate_gateway_graphql_errors_total", "GraphQL errors by code", ["code"])
SSE_CONNECTIONS = Gauge("jobmate_gateway_sse_connections", "Open SSE connections on this replica")
SSE_EVENTS = Counter("jobmate_gateway_sse_events_total", "Live events sent over SSE")
RATE_LIMITED = Counter("jobmate_gateway_rate_limited_total", "Attempts refused by a rate limit", ["action"])


async def metrics_endpoint(request: Request) -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
