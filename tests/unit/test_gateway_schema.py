"""The GraphQL schema as a client sees it (its SDL export), and the gateway's module layering."""

from __future__ import annotations

import ast
import asyncio
from pathlib import Path

import graphql
from strawberry.printer import print_schema

from gateway.config import GatewaySettings
from gateway.schema import build_schema, schema
from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2
from jobmate.profile.v1 import profile_pb2
from jobmate.tracker.v1 import tracker_pb2

GATEWAY = Path(__file__).resolve().parents[2] / "gateway"
PROTO_ENUMS = {enum.name: enum for module in (common_pb2, discovery_pb2, profile_pb2, tracker_pb2)
               for enum in module.DESCRIPTOR.enum_types_by_name.values()}


def test_the_schema_exports_to_sdl_that_a_client_can_build() -> None:
    sdl = print_schema(schema)
    rebuilt = graphql.build_schema(sdl)
    assert {"Query", "Mutation", "ApplicationStatus", "Job", "Upload"} <= set(rebuilt.type_map)
    assert graphql.print_schema(rebuilt).strip() == sdl.strip()


def test_every_enum_a_client_sees_is_its_proto_enum_without_prefix_and_unspecified() -> None:
    rebuilt = graphql.build_schema(print_schema(schema))
    enums = {name: t for name, t in rebuilt.type_map.items()
             if isinstance(t, graphql.GraphQLEnumType) and not name.startswith("__")}
    assert len(enums) == 18 and set(enums) <= set(PROTO_ENUMS), sorted(enums)  # 6 the CRM's, 1 HH applying, FeedSort
    for name, shown in enums.items():
        proto = PROTO_ENUMS[name]
        prefix = proto.values_by_number[0].name.removesuffix("UNSPECIFIED")
        assert list(shown.values) == [v.name.removeprefix(prefix) for v in proto.values if v.number], name


def _gateway_imports(path: Path) -> set[str]:
    """The gateway modules a file imports, wherever the import stands (TYPE_CHECKING blocks too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gateway"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("gateway"))
    return found


def test_the_gateway_has_no_import_circle_and_no_module_of_it_imports_the_app() -> None:
    modules = {".".join(("gateway", *path.relative_to(GATEWAY).with_suffix("").parts)).removesuffix(".__init__"): path
               for path in GATEWAY.rglob("*.py")}
    graph = {name: {m for m in _gateway_imports(path) if m in modules and m != name} for name, path in modules.items()}
    importers = {name for name, imported in graph.items() if "gateway.app" in imported}
    assert importers == set(), importers  # tests and benchmarks use devtools.gateway (outside the package)
    # The entry point names the app by string for uvicorn; it is the only other way in.
    assert '"gateway.app:create_app"' in (GATEWAY / "__main__.py").read_text()

    def visit(name: str, trail: tuple[str, ...]) -> None:
        assert name not in trail, " -> ".join((*trail[trail.index(name):], name))
        for imported in graph[name]:
            if imported not in done:
                visit(imported, (*trail, name))
        done.add(name)

    done: set[str] = set()
    for name in graph:
        visit(name, ())


def test_validation_is_the_same_each_time_a_query_text_comes_back() -> None:
    built = build_schema(GatewaySettings(max_query_depth=3), dev_mode=False)
    too_deep = "{ board { columns { cards { job { title } } } } }"
    unknown = "{ health nope }"

    async def errors_of(query: str) -> list[tuple[str, str]]:
        result = await built.execute(query)
        return [(error.message, (error.extensions or {}).get("code")) for error in result.errors or []]

    async def run() -> None:
        for _ in range(2):  # the second time from the cache, with the same errors and codes
            assert await errors_of(too_deep) == [("'anonymous' exceeds maximum operation depth of 3",
                                                  "GRAPHQL_VALIDATION_FAILED")]
            assert await errors_of(unknown) == [("Cannot query field 'nope' on type 'Query'.",
                                                 "GRAPHQL_VALIDATION_FAILED")]
            result = await built.execute("{ health }")
            assert result.errors is None and result.data == {"health": "ok"}

    asyncio.run(run())
