"""Every operation the web app sends (web/src/api/operations.graphql) answers the same JSON through the
gateway's execution (compiled plans, leaf shortcuts) as through graphql-core's own path: the same data
in the same key order, the same errors with their paths and codes.

Both run the gateway's real schema and resolvers on one set of replies from the services: every RPC
answers a message of its type with every field set (lists of two, nested messages, each enum's values
in turn), so every field a page can show has a value to complete. This tests the gateway's execution,
not the services: what the services answer is the subject of their own tests. The inbox, the board and
the job page must be completed by compiled plans, not by the fallback."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from google.protobuf import message_factory
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from graphql import (
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    OperationDefinitionNode,
    parse,
    type_from_ast,
)
from starlette.requests import Request
from starlette.responses import Response

from common.auth import Identity, TokenKind
from gateway.caller import Caller
from gateway.config import GatewaySettings
from gateway.context import GatewayContext
from gateway.schema import build_schema
from jobmate.discovery.v1 import discovery_pb2
from jobmate.profile.v1 import profile_pb2
from jobmate.tracker.v1 import tracker_pb2

OPERATIONS = Path(__file__).resolve().parents[2] / "web" / "src" / "api" / "operations.graphql"
SETTINGS = GatewaySettings()
FAST = build_schema(SETTINGS, dev_mode=False)
PLAIN = build_schema(SETTINGS, dev_mode=False, execution_context_class=None)


def web_operations() -> Iterator[tuple[str, str]]:
    """(name, the operation's text with the fragments it uses), as the web app sends each."""
    source = OPERATIONS.read_text()
    document = parse(source)
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}

    def spreads(node: Any, found: dict[str, FragmentDefinitionNode]) -> None:
        for selection in getattr(getattr(node, "selection_set", None), "selections", ()) or ():
            if isinstance(selection, FragmentSpreadNode) and selection.name.value not in found:
                found[selection.name.value] = fragments[selection.name.value]
                spreads(fragments[selection.name.value], found)
            spreads(selection, found)

    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            used: dict[str, FragmentDefinitionNode] = {}
            spreads(definition, used)
            parts = [definition, *used.values()]
            yield definition.name.value, "\n".join(source[part.loc.start:part.loc.end] for part in parts)


# --- the services' replies: every field set ------------------------------------------------------------
def filled(descriptor: Descriptor, index: int = 0, depth: int = 0) -> Any:
    message = message_factory.GetMessageClass(descriptor)()
    fill(message, index, depth)
    return message


def fill(message: Any, index: int, depth: int) -> None:
    if message.DESCRIPTOR.full_name == "google.protobuf.Timestamp":
        message.seconds, message.nanos = 1_765_000_000 + 3_600 * index, 123_000 * index
        return
    for field in message.DESCRIPTOR.fields:
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            target = getattr(message, field.name)
            for n in range(2):
                key = scalar(field.message_type.fields_by_name["key"], n)
                value_field = field.message_type.fields_by_name["value"]
                if value_field.message_type is not None:
                    fill(target[key], n, depth + 1)
                else:
                    target[key] = scalar(value_field, n)
            continue
        if field.is_repeated:
            target = getattr(message, field.name)
            for n in range(2):
                if field.message_type is not None:
                    if depth < 4:
                        fill(target.add(), index + n, depth + 1)
                else:
                    target.append(scalar(field, index + n))
            continue
        if field.message_type is not None:
            if depth < 4:
                fill(getattr(message, field.name), index, depth + 1)
            continue
        setattr(message, field.name, scalar(field, index))


def scalar(field: FieldDescriptor, index: int) -> Any:
    kind = field.type
    if kind == FieldDescriptor.TYPE_STRING:
        return f"{field.name} {index}"
    if kind == FieldDescriptor.TYPE_BYTES:
        return f"{field.name} {index}".encode()
    if kind == FieldDescriptor.TYPE_BOOL:
        return index % 2 == 0
    if kind == FieldDescriptor.TYPE_ENUM:
        values = [v.number for v in field.enum_type.values if v.number != 0] or [0]
        return values[index % len(values)]
    if kind in (FieldDescriptor.TYPE_FLOAT, FieldDescriptor.TYPE_DOUBLE):
        return 1.25 + index
    return 3 + index


class Service:
    """A service whose every RPC answers a filled reply of its type."""

    def __init__(self, module: Any, name: str) -> None:
        self.methods = module.DESCRIPTOR.services_by_name[name].methods_by_name
        self.requests: list[Any] = []

    def __getattr__(self, rpc: str) -> Any:
        output = self.methods[rpc].output_type

        async def answer() -> Any:
            return filled(output)

        def call(request: Any, **kwargs: Any) -> Any:
            self.requests.append(request)
            return answer()
        return call


DOWNSTREAM = SimpleNamespace(
    discovery=Service(discovery_pb2, "DiscoveryService"), tracker=Service(tracker_pb2, "TrackerService"),
    tracker_feeds=Service(tracker_pb2, "TrackerService"), profile=Service(profile_pb2, "ProfileService"),
    profile_exchange=Service(profile_pb2, "ProfileService"), channels={})


# --- the variables the web app would send --------------------------------------------------------------
NAMED_VALUES = {"url": "https://boards.example.org/jobs/1", "email": "ada@example.org",
                "password": "correct horse battery staple"}
SCALARS = {"String": "Acme", "ID": "00000000-0000-4000-8000-000000000001", "Int": 3, "Float": 1.5,
           "Boolean": True, "DateTime": "2026-12-06T10:00:00+00:00", "Upload": "not a file"}


def value_of(type_: Any, name: str = "", depth: int = 0) -> Any:
    if isinstance(type_, GraphQLNonNull):
        return value_of(type_.of_type, name, depth)
    if isinstance(type_, GraphQLList):
        return [value_of(type_.of_type, name, depth)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {field_name: value_of(field.type, field_name, depth + 1) for field_name, field in type_.fields.items()
                if depth < 3 or isinstance(field.type, GraphQLNonNull)}
    return NAMED_VALUES.get(name, SCALARS.get(type_.name, "x"))


def variables_of(text: str) -> dict[str, Any]:
    operation = next(d for d in parse(text).definitions if isinstance(d, OperationDefinitionNode))
    schema = FAST._schema
    return {v.variable.name.value: value_of(type_from_ast(schema, v.type), v.variable.name.value)
            for v in operation.variable_definitions or ()}


class Unlimited:
    """Rate limits are not this test's subject (tests/integration/test_gateway_security.py)."""

    async def hit(self, *args: Any, **kwargs: Any) -> None:
        return None


def request() -> Request:
    """A POST /graphql from the web app, with its session cookie."""
    return Request({"type": "http", "method": "POST", "path": "/graphql", "query_string": b"", "scheme": "https",
                    "server": ("jobmate.example.org", 443), "client": ("127.0.0.1", 5000), "root_path": "",
                    "headers": [(b"host", b"jobmate.example.org"), (b"cookie", b"jm_refresh=refresh-token")]})


def run(schema: Any, text: str, variables: dict[str, Any]) -> str:
    context = GatewayContext(request=request(), response=Response(), caller=Caller(
        address="127.0.0.1", identity=Identity(TokenKind.USER, "00000000-0000-4000-8000-00000000000a", token="t")),
        state=SimpleNamespace(downstream=DOWNSTREAM, gateway_settings=SETTINGS, rate_limiter=Unlimited(),
                              public_base_url=lambda connection: "https://jobmate.example.org"))
    result = asyncio.run(schema.execute(text, variable_values=variables, context_value=context))
    errors = [{"message": e.message, "path": e.path, "code": (e.extensions or {}).get("code")}
              for e in result.errors or []]
    return json.dumps({"data": result.data, "errors": errors}, default=str)


OPERATION_LIST = list(web_operations())


def test_the_web_app_sends_the_operations_this_test_runs() -> None:
    names = [name for name, _ in OPERATION_LIST]
    assert {"Feed", "Board", "Job", "Card", "Application", "Companies", "Company", "Stats"} <= set(names)
    assert len(names) == len(set(names)) >= 70


@pytest.mark.parametrize(("name", "text"), OPERATION_LIST, ids=[name for name, _ in OPERATION_LIST])
def test_an_operation_of_the_web_app_answers_the_same_json_either_way(name: str, text: str,
                                                                      completed_by_plans: list[str]) -> None:
    variables = variables_of(text)
    fast = run(FAST, text, variables)
    assert completed_by_plans or name not in {"Feed", "Board", "Job", "Card", "Companies", "HhApplies"}
    assert fast == run(PLAIN, text, variables)
    shown = json.loads(fast)
    if name in {"Feed", "Board", "Job", "Card"}:  # the pages the plans are for answer in full, no error
        assert shown["errors"] == [] and shown["data"]


def test_the_inbox_page_shows_every_posting_with_its_fields(completed_by_plans: list[str]) -> None:
    text = dict(OPERATION_LIST)["Feed"]
    shown = json.loads(run(FAST, text, {"status": "PENDING", "first": 50}))
    assert completed_by_plans == ["JobConnection"]  # the whole page by one plan
    first = shown["data"]["jobFeed"]["nodes"][0]
    assert list(first) == ["id", "source", "title", "company", "locations", "remoteType", "url", "status",
                           "redFlags", "discoveredAt", "postedAt", "origin", "salary", "fit"]
    assert first["title"] == "title 0" and first["locations"] == ["locations 0", "locations 1"]
    assert first["remoteType"] == "REMOTE" and first["status"] == "PENDING"
    assert first["postedAt"] == "2025-12-06T05:46:40.000000+00:00".replace(".000000", "")
    assert first["salary"] == {"min": 1.25, "max": 1.25, "currency": "currency 0", "period": "HOUR", "text": "text 0"}
    assert shown["data"]["jobFeed"]["pageInfo"] == {"endCursor": "next_page_token 0", "hasNextPage": True,
                                                    "totalCount": 3}


@pytest.mark.parametrize(("query", "omitted"), [
    ("{ jobFeed { nodes { id title } } }", True),
    ("{ jobFeed { nodes { ...J } } } fragment J on Job { ... on Job { descriptionText } }", False),
    ("query($d: Boolean!) { jobFeed { nodes { id descriptionText @include(if: $d) } } }", False),
])
def test_the_feed_asks_for_descriptions_only_when_the_page_shows_them(query: str, omitted: bool) -> None:
    DOWNSTREAM.discovery.requests.clear()
    assert json.loads(run(FAST, query, {"d": False} if "$d" in query else {}))["errors"] == []
    assert DOWNSTREAM.discovery.requests[-1].omit_descriptions is omitted


@pytest.mark.parametrize(("query", "score_only"), [
    (dict(OPERATION_LIST)["Board"], True),
    ("{ board { columns { cards { analysis { __typename score } } } } }", True),
    ("{ board { columns { cards { ...A } } } } fragment A on Application { analysis { score pros } }", False),
    ("{ board { columns { count } } }", True),
])
def test_the_board_asks_for_scores_alone_when_the_cards_show_nothing_else(query: str, score_only: bool) -> None:
    DOWNSTREAM.tracker.requests.clear()
    assert json.loads(run(FAST, query, {"perColumn": 50} if "$perColumn" in query else {}))["errors"] == []
    assert DOWNSTREAM.tracker.requests[-1].analysis_score_only is score_only


# --- the feed's postings are views over their messages (types.JobView), read by the plan directly ---------
def a_feed_of_sparse_postings() -> Any:
    """Postings with parts left out: no fit, a salary by its text alone, enum numbers this build does not
    know (a newer service's), one with nothing but an id."""
    reply = filled(DOWNSTREAM.discovery.methods["GetJobFeed"].output_type)
    first, second = reply.jobs
    first.ClearField("fit")
    first.salary.ClearField("min")
    first.salary.ClearField("max")
    first.ClearField("posted_at")
    first.search_config_id = ""
    first.remote_type, first.salary.period = 99, 42
    second.Clear()
    second.id = "j-bare"
    return reply


@pytest.mark.parametrize("sparse", [False, True], ids=["filled", "sparse"])
@pytest.mark.parametrize("query", [
    dict(OPERATION_LIST)["Feed"],
    "{ jobFeed { nodes { __typename a: title ...F fit { __typename score reasons missing scoredAt model } "
    "salary { min max currency period gross text } } } } "
    "fragment F on Job { id searchConfigId inferredFields matchReasons descriptionText skills sourceUrls "
    "statusChangedAt expiresAt language startDate duration whyUs employmentType ... on Job { b: title } }",
])
def test_a_feed_page_of_views_answers_as_graphql_core_does(query: str, sparse: bool,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          completed_by_plans: list[str]) -> None:
    if sparse:
        reply = a_feed_of_sparse_postings()

        async def answer() -> Any:
            return reply
        monkeypatch.setattr(DOWNSTREAM, "discovery", SimpleNamespace(GetJobFeed=lambda request, **kw: answer()))
    variables = {"status": "PENDING", "first": 50} if "$" in query else {}
    fast = run(FAST, query, variables)
    assert completed_by_plans == ["JobConnection"]
    assert fast == run(PLAIN, query, variables)
    nodes = json.loads(fast)["data"]["jobFeed"]["nodes"]
    assert len(nodes) == 2
    if sparse:
        assert nodes[0]["fit"] is None and nodes[0]["salary"]["max"] is None
        assert nodes[0].get("remoteType") is None and nodes[0]["salary"]["period"] is None
        assert nodes[1]["id"] == "j-bare" and nodes[1]["salary"] is None


def test_the_feed_plan_reads_the_postings_messages_directly() -> None:
    from gateway.graphql import compiled
    from gateway.graphql.discovery.types import Job, JobView

    compiled._selections.clear()  # a cache: only the plans of this page are left to read
    run(FAST, dict(OPERATION_LIST)["Feed"], {"status": "PENDING", "first": 50})
    sources = [plan.source for selection in compiled._selections.values() for plan in selection.plans.values()
               if plan is not compiled._NOT_COMPILED and "complete_JobConnection_" in plan.source]
    assert sources and all("_view(m)" in source and "m.title" in source and "(m.posted_at)" in source
                           and "list(m.locations)" in source and ".get(m.remote_type)" in source
                           for source in sources)
    assert compiled._views[Job][0] is JobView
