"""A faster path through graphql-core's executor for the fields that only read an attribute.

Two levels: where a value's whole selection is plain attributes (the inbox page, the board), a compiled
plan completes it in one call (`gateway.graphql.compiled`, through `complete_value`); elsewhere, the
plain leaf fields of an object are completed one by one as below (`execute_fields`).

Most fields of a page are plain attributes of a Strawberry type: `Job.title`, `Job.locations`,
`Salary.currency`. graphql-core resolves each of them like any field: a `Path`, a `GraphQLResolveInfo`
of 14 members, Strawberry's default resolver, then `complete_value`, which tests the type's wrappers one
by one before it serialises the value. The web app's inbox page has ~900 of them: about 6 us each, most
of the gateway's CPU per page (docs/perf/README.md, issue 20).

`GatewayExecutionContext` resolves those fields directly: the attribute, serialised by the same
`coerce_output_value` of the same GraphQL type, for a field that

- is a basic Strawberry field (no resolver, no permission classes, no field extension, no argument),
  read with the default resolver (`getattr`);
- returns a scalar or an enum, or a list of them, possibly non-null at either level;
- carries no directive in the operation (so no `@stream`), and runs with no resolver middleware
  (a schema extension that hooks `resolve` turns the shortcut off).

Whatever is unusual falls back to graphql-core's own path for that field, which then produces the
result or the located error exactly as before: a null where the type forbids one, a value the scalar
cannot serialise, anything that is not a list where a list is expected. The shortcut therefore never
decides an error or a null itself; it only skips the steps that would not have changed the value.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any
from weakref import WeakKeyDictionary

from graphql import (
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    is_leaf_type,
)
from graphql.pyutils import Path, Undefined, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import CustomGraphQLEnumType

from gateway.graphql.compiled import enum_names, plain_attribute, plan_for

# What a plan returns when graphql-core's own path must decide the field.
_SLOW = object()

Plan = Callable[[Any], Any]  # the source object -> the completed value, or _SLOW


def _coercer(leaf: GraphQLLeafType) -> Callable[[Any], Any]:
    """`leaf.coerce_output_value`, with a Strawberry enum's members named by a dict: Strawberry compares the
    member's `.value` with each of the enum's values in turn (an enum property read per comparison), ~2 us
    for a status, five times per card of the board. Anything not a member of the enum (a raw value, an
    error) still goes to Strawberry's method, so the result and the errors are its own."""
    coerce = leaf.coerce_output_value
    wrapped = getattr(leaf, "wrapped_cls", None)
    if not isinstance(leaf, CustomGraphQLEnumType) or not isinstance(wrapped, type) or not issubclass(wrapped, Enum):
        return coerce
    names = enum_names(leaf, wrapped)

    def coerce_enum(value: Any) -> Any:
        name = names.get(value) if type(value) is wrapped else None
        return name if name is not None else coerce(value)

    return coerce_enum


def _leaf_plan(attribute: str, leaf: GraphQLLeafType, non_null: bool) -> Plan:
    coerce = _coercer(leaf)

    def complete(source: Any) -> Any:
        value = getattr(source, attribute, _SLOW)
        if value is None:
            return _SLOW if non_null else None
        if value is _SLOW or isinstance(value, Exception):
            return _SLOW
        coerced = coerce(value)
        return _SLOW if coerced is None or coerced is Undefined else coerced

    return complete


def _list_plan(attribute: str, leaf: GraphQLLeafType, non_null: bool, items_non_null: bool) -> Plan:
    coerce = _coercer(leaf)

    def complete(source: Any) -> Any:
        value = getattr(source, attribute, _SLOW)
        if value is None:
            return _SLOW if non_null else None
        if type(value) is not list and type(value) is not tuple:  # generators, async iterables, errors
            return _SLOW
        completed = []
        for item in value:
            if item is None:
                if items_non_null:
                    return _SLOW
                completed.append(None)
                continue
            if isinstance(item, Exception):
                return _SLOW
            coerced = coerce(item)
            if coerced is None or coerced is Undefined:
                return _SLOW
            completed.append(coerced)
        return completed

    return complete


def _unwrap(type_: GraphQLOutputType) -> tuple[GraphQLOutputType, bool]:
    if isinstance(type_, GraphQLNonNull):
        return type_.of_type, True
    return type_, False


def _plan(field: Any) -> Plan | None:
    """The shortcut for one GraphQL field, or None when graphql-core's path must resolve it."""
    attribute = plain_attribute(field)
    if attribute is None:
        return None
    inner, non_null = _unwrap(field.type)
    if is_leaf_type(inner):
        return _leaf_plan(attribute, inner, non_null)
    if isinstance(inner, GraphQLList):
        item, items_non_null = _unwrap(inner.of_type)
        if is_leaf_type(item):
            return _list_plan(attribute, item, non_null, items_non_null)
    return None


# Per object type of a built schema: types are built once per schema and live as long as it does.
_plans: WeakKeyDictionary[GraphQLObjectType, dict[str, Plan]] = WeakKeyDictionary()


def plans_of(parent_type: GraphQLObjectType) -> dict[str, Plan]:
    plans = _plans.get(parent_type)
    if plans is None:
        plans = {name: plan for name, field in parent_type.fields.items() if (plan := _plan(field)) is not None}
        _plans[parent_type] = plans
    return plans


class GatewayExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, with plain subtrees completed by a compiled plan
    (`gateway.graphql.compiled`) and, elsewhere, plain attribute fields completed by their plan."""

    def complete_value(self, return_type, field_details_list, info, path, result, position_context):  # type: ignore[no-untyped-def]
        middleware = self.middleware_manager
        if middleware is None or not middleware.middlewares:
            plan = plan_for(self, return_type, field_details_list)
            if plan is not None:
                try:
                    return plan(result)
                except Exception:  # noqa: BLE001 - graphql-core's path decides: the result, nulls and errors
                    pass
        return super().complete_value(return_type, field_details_list, info, path, result, position_context)

    def execute_fields(self, parent_type, source_value, path, grouped_field_set, position_context):  # type: ignore[no-untyped-def]
        # graphql-core's loop (Executor.execute_fields), with each field that has a plan tried first; a
        # field without one, or whose plan declines, takes graphql-core's path in the same order.
        middleware = self.middleware_manager
        plans = {} if middleware is not None and middleware.middlewares else plans_of(parent_type)
        if not plans:
            return super().execute_fields(parent_type, source_value, path, grouped_field_set, position_context)
        results: dict[str, Any] = {}
        is_awaitable = self.is_awaitable
        awaitable_fields: list[str] = []
        try:
            for response_name, field_details_list in grouped_field_set.items():
                node = field_details_list[0].node
                plan = plans.get(node.name.value)
                if plan is not None and not node.directives:
                    try:
                        value = plan(source_value)
                    except Exception:  # graphql-core's path raises it again, located
                        value = _SLOW
                    if value is not _SLOW:
                        results[response_name] = value
                        continue
                result = self.execute_field(parent_type, source_value, field_details_list,
                                            Path(path, response_name, parent_type.name), position_context)
                if result is not Undefined:
                    results[response_name] = result
                    if is_awaitable(result):
                        awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[field] for field in awaitable_fields])
            raise
        if not awaitable_fields:
            return results

        async def get_results() -> dict[str, Any]:
            if len(awaitable_fields) == 1:
                field = awaitable_fields[0]
                results[field] = await results[field]
            else:
                awaited = await gather_with_cancel(*(results[field] for field in awaitable_fields))
                results.update(zip(awaitable_fields, awaited, strict=True))
            return results

        return get_results()


__all__ = ["GatewayExecutionContext", "plans_of"]
