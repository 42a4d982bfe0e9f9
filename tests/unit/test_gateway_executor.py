"""The gateway's execution context answers every operation exactly as graphql-core's own does: the same
data, the same errors at the same paths, resolvers, permissions and extensions run as before. Each
operation runs on one schema built twice, with and without `GatewayExecutionContext`."""

from __future__ import annotations

import asyncio
import enum
from datetime import UTC, datetime
from typing import Any

import pytest
import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.permission import BasePermission

from gateway.graphql.executor import GatewayExecutionContext, plans_of


@strawberry.enum
class Color(enum.Enum):
    RED = 1
    GREEN = 2


class NeverAllowed(BasePermission):
    message = "not for you"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return False


@strawberry.type
class Price:
    amount: float
    currency: str | None


@strawberry.type
class Item:
    id: strawberry.ID
    name: str
    count: int
    ratio: float | None
    color: Color | None
    seen_at: datetime | None
    tags: list[str]
    colors: list[Color]
    maybe_tags: list[str | None] | None
    price: Price | None
    secret: str = strawberry.field(permission_classes=[NeverAllowed])
    prices: list[Price | None] = strawberry.field(default_factory=list)

    @strawberry.field
    def shout(self, suffix: str = "!") -> str:
        return self.name.upper() + suffix


def item(n: int, **changes: Any) -> Item:
    values: dict[str, Any] = dict(
        id=strawberry.ID(f"i{n}"), name=f"item {n}", count=n, ratio=n / 3 if n % 2 else None,
        color=Color.GREEN if n % 2 else None, seen_at=datetime(2026, 12, 6, 10, n, tzinfo=UTC),
        tags=[f"t{n}", "x"], colors=[Color.RED, Color.GREEN][: n % 3], maybe_tags=[None, "y"] if n % 2 else None,
        price=Price(amount=9.5 * n, currency="EUR" if n % 2 else None), secret="s")
    values.update(changes)
    return Item(**values)


ITEMS: list[Item] = []


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return ITEMS

    @strawberry.field
    async def later(self) -> list[Item]:
        await asyncio.sleep(0)
        return ITEMS


class SeesEveryField(SchemaExtension):
    """Hooks `resolve`: every field, the plain ones included, must pass through it."""

    seen: list[str] = []

    def resolve(self, _next, root, info, *args, **kwargs):  # type: ignore[no-untyped-def]
        SeesEveryField.seen.append(info.field_name)
        return _next(root, info, *args, **kwargs)


def run(query: str, items: list[Item], *, fast: bool, extensions: list | None = None,
        variables: dict | None = None) -> dict:
    ITEMS[:] = items
    schema = strawberry.Schema(query=Query, extensions=extensions or [],
                               execution_context_class=GatewayExecutionContext if fast else None)
    result = asyncio.run(schema.execute(query, variable_values=variables))
    return {"data": result.data,
            "errors": [(e.message, e.path) for e in result.errors or []]}


FIELDS = "id name count ratio color seenAt tags colors maybeTags price { amount currency }"


def both(query: str, items: list[Item], **kwargs: Any) -> dict:
    fast, stock = run(query, items, fast=True, **kwargs), run(query, items, fast=False, **kwargs)
    assert fast == stock
    return fast


def test_a_page_of_plain_fields_is_the_same_data_in_the_same_order() -> None:
    shown = both(f"{{ items {{ {FIELDS} }} later {{ {FIELDS} }} }}", [item(n) for n in range(6)])
    assert shown["errors"] == []
    first = shown["data"]["items"][1]
    assert list(first) == ["id", "name", "count", "ratio", "color", "seenAt", "tags", "colors", "maybeTags",
                           "price"]
    assert first == {"id": "i1", "name": "item 1", "count": 1, "ratio": 1 / 3, "color": "GREEN",
                     "seenAt": "2026-12-06T10:01:00+00:00", "tags": ["t1", "x"], "colors": ["RED"],
                     "maybeTags": [None, "y"], "price": {"amount": 9.5, "currency": "EUR"}}
    assert shown["data"]["items"][2]["colors"] == ["RED", "GREEN"]
    assert shown["data"]["items"][0]["color"] is None and shown["data"]["later"] == shown["data"]["items"]


def test_aliases_fragments_and_skipped_fields_come_out_as_before() -> None:
    shown = both("""query($skip: Boolean!) { items { __typename a: name b: name ...F count @skip(if: $skip)
                    ratio @include(if: $skip) } }
                    fragment F on Item { id name tags }""", [item(1), item(2)], variables={"skip": True})
    assert shown["data"]["items"][0] == {"__typename": "Item", "a": "item 1", "b": "item 1", "id": "i1",
                                         "name": "item 1", "tags": ["t1", "x"], "ratio": 1 / 3}


@pytest.mark.parametrize(("change", "path", "message"), [
    ({"name": None}, ["items", 1, "name"], "Cannot return null for non-nullable field Item.name."),
    ({"tags": ["a", None]}, ["items", 1, "tags", 1], "Cannot return null for non-nullable field Item.tags."),
    ({"count": "many"}, ["items", 1, "count"], "Int cannot represent non-integer value: 'many'"),
    ({"tags": "not a list"}, ["items", 1, "tags"], "Expected Iterable, but did not find one for field 'Item.tags'."),
])
def test_a_value_the_type_refuses_is_the_same_error_at_the_same_path(change, path, message) -> None:
    shown = both(f"{{ items {{ {FIELDS} }} }}", [item(0), item(1, **change), item(2)])
    assert shown["data"] is None  # a non-null field's error reaches the non-null list, then the root
    assert shown["errors"] == [(message, path)]


def test_a_nullable_field_that_fails_is_null_with_its_error_and_the_rest_stays() -> None:
    shown = both("{ items { name ratio color price { amount } } }",
                 [item(1, ratio="half"), item(2, color="PURPLE"), item(3, color=Color.RED)])
    assert shown["data"]["items"][:2] == [{"name": "item 1", "ratio": None, "color": "GREEN", "price": {"amount": 9.5}},
                                          {"name": "item 2", "ratio": None, "color": None, "price": {"amount": 19.0}}]
    assert shown["data"]["items"][2]["color"] == "RED"
    assert shown["errors"] == [("Float cannot represent non numeric value: 'half'", ["items", 0, "ratio"]),
                               ("Enum 'Color' cannot represent value: 'PURPLE'", ["items", 1, "color"])]


def test_resolvers_and_permissions_still_run() -> None:
    shown = both('{ items { shout(suffix: "?") secret } }', [item(1)])
    assert shown["data"] is None and shown["errors"] == [("not for you", ["items", 0, "secret"])]
    assert both("{ items { shout } }", [item(1)])["data"] == {"items": [{"shout": "ITEM 1!"}]}


def test_an_extension_that_hooks_resolve_sees_every_field() -> None:
    SeesEveryField.seen = []
    run("{ items { name tags } }", [item(1), item(2)], fast=True, extensions=[SeesEveryField])
    assert SeesEveryField.seen == ["items", "name", "tags", "name", "tags"]


def test_only_plain_attribute_fields_of_leaf_types_take_the_shortcut() -> None:
    schema = strawberry.Schema(query=Query, execution_context_class=GatewayExecutionContext)
    item_type = schema._schema.type_map["Item"]
    assert set(plans_of(item_type)) == {"id", "name", "count", "ratio", "color", "seenAt", "tags", "colors",
                                        "maybeTags"}


# --- compiled plans (gateway.graphql.compiled): a whole plain subtree completed by one function ------------

def test_a_plain_page_is_completed_by_one_plan(completed_by_plans: list[str]) -> None:
    shown = both(f"{{ items {{ {FIELDS} }} }}", [item(n) for n in range(3)])
    assert shown["errors"] == [] and len(shown["data"]["items"]) == 3
    assert completed_by_plans == ["[Item!]!"]  # the fast run: one plan for the list, nothing else


def test_nested_objects_merge_their_selections_from_fragments_and_aliases(completed_by_plans: list[str]) -> None:
    query = """{ items { ...Prices first: price { amount } price { currency } second: price { __typename amount }
                         ... on Item { price { amount } prices { amount } } }
               }
               fragment Prices on Item { prices { __typename currency } id }"""
    items = [item(1, prices=[Price(amount=1.0, currency="EUR"), None]), item(2, price=None)]
    shown = both(query, items)
    assert shown["errors"] == [] and completed_by_plans
    assert shown["data"]["items"][0] == {
        "prices": [{"__typename": "Price", "currency": "EUR", "amount": 1.0}, None], "id": "i1",
        "first": {"amount": 9.5}, "price": {"currency": "EUR", "amount": 9.5},
        "second": {"__typename": "Price", "amount": 9.5}}
    assert shown["data"]["items"][1]["price"] is None and shown["data"]["items"][1]["first"] is None


def test_skip_and_include_follow_each_request_s_variables_on_the_same_query_text() -> None:
    query = """query($with: Boolean!, $without: Boolean!) {
                 items { name count @include(if: $with) price @skip(if: $without) { amount currency @include(if: $with) }
                         ...F @include(if: $without) } }
               fragment F on Item { tags }"""
    items = [item(1)]
    for with_, without in ((True, False), (False, True), (True, True), (True, False)):
        shown = both(query, items, variables={"with": with_, "without": without})
        expected: dict[str, Any] = {"name": "item 1"}
        if with_:
            expected["count"] = 1
        if not without:
            expected["price"] = {"amount": 9.5, **({"currency": "EUR"} if with_ else {})}
        if without:
            expected["tags"] = ["t1", "x"]
        assert shown["data"]["items"][0] == expected, (with_, without)


def test_a_null_in_a_non_null_field_below_makes_the_nearest_nullable_parent_null() -> None:
    items = [item(1), item(2, prices=[Price(amount=None, currency="EUR"), Price(amount=2.0, currency=None)])]
    shown = both("{ items { name prices { amount currency } price { amount } } }", items)
    assert shown["data"]["items"][1] == {"name": "item 2", "prices": [None, {"amount": 2.0, "currency": None}],
                                         "price": {"amount": 19.0}}
    assert shown["errors"] == [("Cannot return null for non-nullable field Price.amount.",
                                ["items", 1, "prices", 0, "amount"])]


def test_values_a_plan_does_not_know_are_completed_by_graphql_core(completed_by_plans: list[str]) -> None:
    class Named(str):  # a str subclass: serialize_string keeps it, the plan hands it over
        pass

    kept = both("{ items { name count ratio colors tags } }",
                [item(1, name=Named("named"), count=True, ratio=3, colors=(Color.GREEN,), tags=("a", "b"))])
    assert kept["data"]["items"][0] == {"name": "named", "count": 1, "ratio": 3.0, "colors": ["GREEN"],
                                        "tags": ["a", "b"]}
    for odd, path, message in [
            (item(2, count=2**40), ["items", 1, "count"], "Int cannot represent non 32-bit signed integer value"),
            (item(2, seen_at="not a date"), ["items", 1, "seenAt"], "'str' object has no attribute 'isoformat'"),
            (item(2, colors=[7]), ["items", 1, "colors", 0], "Enum 'Color' cannot represent value: 7")]:
        shown = both(f"{{ items {{ {FIELDS} }} }}", [item(0), odd])
        if path[-1] == "seenAt":  # nullable: null, and the rest stays
            assert shown["data"]["items"][1]["seenAt"] is None and shown["data"]["items"][1]["name"] == "item 2"
        else:  # a non-null field: the list and then the root are null
            assert shown["data"] is None
        assert [(error[0].split(":")[0], error[1]) for error in shown["errors"]] == [(message.split(":")[0], path)]


def test_a_field_with_a_resolver_or_a_permission_is_left_to_graphql_core(completed_by_plans: list[str]) -> None:
    shown = both("{ items { name shout price { amount } } }", [item(1)])
    assert shown["data"]["items"] == [{"name": "item 1", "shout": "ITEM 1!", "price": {"amount": 9.5}}]
    assert completed_by_plans == ["Price"]  # Item has a resolver selected: only its price is compiled
