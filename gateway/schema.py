"""The root GraphQL schema: it only assembles the per-domain Query and Mutation types and the extensions.

Cost limits (depth, aliases, tokens) are on from the start; introspection only in dev mode; no
operation batching (a batch would multiply every limit by its length).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Iterator

import strawberry
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import validate_document
from strawberry.tools import merge_types

from gateway import metrics
from gateway.config import GatewaySettings
from gateway.errors import ErrorCode, MaskUnexpectedErrors
from gateway.graphql.discovery.mutations import DiscoveryMutation
from gateway.graphql.discovery.queries import DiscoveryQuery
from gateway.graphql.events.mutations import EventsMutation
from gateway.graphql.executor import GatewayExecutionContext
from gateway.graphql.profile.mutations import ProfileMutation
from gateway.graphql.profile.queries import ProfileQuery
from gateway.graphql.tracker.mutations import TrackerMutation
from gateway.graphql.tracker.queries import TrackerQuery


@strawberry.type
class HealthQuery:
    @strawberry.field(description="Liveness of the API itself.")
    def health(self) -> str:
        return "ok"


Query = merge_types("Query", (HealthQuery, ProfileQuery, DiscoveryQuery, TrackerQuery))
Mutation = merge_types("Mutation", (ProfileMutation, TrackerMutation, DiscoveryMutation, EventsMutation))


class OperationMetrics(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        context = self.execution_context
        try:
            kind = context.operation_type.value
        except Exception:  # the document did not parse: there is no operation type
            kind = "invalid"
        result = context.result
        errors = getattr(result, "errors", None) or []
        for error in errors:
            metrics.GRAPHQL_ERRORS.labels((error.extensions or {}).get("code", "UNKNOWN")).inc()
        metrics.GRAPHQL_OPERATIONS.labels(kind, "error" if errors else "ok").inc()
        metrics.GRAPHQL_DURATION.labels(kind).observe(time.perf_counter() - started)


class ValidationByQueryText(SchemaExtension):
    """Validation results kept by query text, in place of Strawberry's `ValidationCache`.

    ValidationCache keys its LRU on the parsed document, and graphql-core's syntax nodes do not keep
    their hash: each request hashed the whole tree of the inbox's operation again, ~3% of the gateway's
    CPU (docs/perf/README.md, issue 20). The document is the parse of the query text with the same
    options every time (ParserCache, MaxTokensLimiter), so the text and the rules are the same key, and
    Python keeps a string's hash. `cache` is the schema's own (built with it), at most `maxsize` texts.
    """

    def __init__(self, cache: OrderedDict, maxsize: int) -> None:
        super().__init__()
        self._cache = cache
        self._maxsize = maxsize

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.query is None or context.graphql_document is None:
            yield  # nothing to key on: Strawberry validates as usual
            return
        key = (context.query, context.validation_rules)
        errors = self._cache.get(key)
        if errors is None:
            errors = validate_document(context.schema._schema, context.graphql_document, context.validation_rules)
            self._cache[key] = errors
            if len(self._cache) > self._maxsize:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        # A list of its own: MaskUnexpectedErrors rewrites the request's errors in place.
        context.pre_execution_errors = list(errors)
        yield


class GatewaySchema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None) -> None:  # type: ignore[no-untyped-def]
        # Strawberry logs every error with a traceback; expected ones (NOT_FOUND, ...) are not worth a
        # log line, and MaskUnexpectedErrors logs the unexpected ones with the request id. Parse errors
        # can bypass the extensions' hooks, so their code is set here too.
        for error in errors:
            if error.original_error is None and not (error.extensions or {}).get("code"):
                error.extensions = {**(error.extensions or {}), "code": ErrorCode.VALIDATION}


def build_schema(settings: GatewaySettings, *, dev_mode: bool,
                 execution_context_class: type | None = GatewayExecutionContext) -> GatewaySchema:
    """The gateway's schema. `execution_context_class=None` is Strawberry's own execution (graphql-core's
    path for every field), which tests compare the gateway's with."""
    # The limiters' validation rules are built once: ValidationByQueryText keys on the rule classes, and
    # limiters constructed per request would make new classes and miss the cache every time.
    cost_rules = [*QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules,
                  *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules]
    validated: OrderedDict = OrderedDict()
    extensions: list = [
        # Factories: every request gets fresh extension instances (the caches are shared module-wide).
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: AddValidationRules(cost_rules),
        lambda: ParserCache(maxsize=256),
        lambda: ValidationByQueryText(validated, maxsize=256),
        OperationMetrics,
        MaskUnexpectedErrors,  # last: runs first on the way out, so metrics see the final codes
    ]
    if not dev_mode:
        extensions.insert(0, DisableIntrospection)
    return GatewaySchema(query=Query, mutation=Mutation, extensions=extensions,
                         config=StrawberryConfig(batching_config=None),
                         execution_context_class=execution_context_class)


# The schema as dev mode builds it, for tooling (printing the SDL: `strawberry export-schema gateway.schema`).
schema = build_schema(GatewaySettings(), dev_mode=True)

__all__ = ["build_schema", "schema"]
