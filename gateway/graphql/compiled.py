"""Compiled completion of plain subtrees: one generated function builds a field's whole result.

Below the root resolver of a page, every field the web app asks for is a plain attribute of a Strawberry
object: the inbox's `jobFeed { nodes { ...JobSummaryFields } pageInfo { ... } }`, the board's columns and
cards. graphql-core completes them one by one: for each of the ~1,000 fields of an inbox page (2,000 on
the board) it looks the field up, collects sub-selections, builds a `Path`, calls the resolver, checks the
wrappers of the type and serialises; ~3 us a field even with `GatewayExecutionContext`'s leaf shortcut,
most of the gateway's CPU per page (docs/perf/README.md, third pass).

As graphql-jit does for JavaScript, `plan_for` compiles, once per (return type, field nodes, values of
the @skip/@include variables), the completion of a value whose subtree is all plain into Python source:

    def complete_Job_3(s):
        v0 = s.id
        if v0.__class__ is not str:
            v0 = leaf_1(v0)
        ...
        return {'id': v0, 'title': v1, ...}

A plan only ever answers the common case. It raises (`Decline`, or any error of the steps it takes) on
anything else: a null where the type forbids one, a value the scalar or enum refuses or that is not of
the exact types it knows, an exception, an awaitable or `Undefined` as a value, anything but a list or
tuple where a list is expected. The caller then completes the same value by graphql-core's own path,
which decides the result, the nulls and the located errors exactly as without plans. Nothing a plan does
has an effect (it reads attributes and serialises), so running graphql-core's path after it is safe.

What is compiled (else `plan_for` answers None and graphql-core completes the value as usual):

- object types without `is_type_of` (no interfaces), lists and non-null wrappers of them, and leaves;
  no interface or union anywhere below;
- fields that are basic Strawberry fields (no resolver, permission class, field extension or argument)
  read with the default resolver (`getattr`), and `__typename`;
- selections with fragments, inline fragments and aliases; the only directives allowed below are
  @skip and @include (their variables' values are part of the plan's key); no fragment variables;
- only when no resolver middleware runs (a schema extension hooking `resolve` sees every field).

Views (`register_view`, made by `gateway.graphql.base.message_view`): a resolver may answer, instead of a
Strawberry object, a view that reads each field from a protobuf message when it is read (the inbox's
`JobView`). A plan completes a view by a second function that reads the message directly, each field as
the view's property would (the same attribute, or the same conversion of the message): what a property
call per field cost was a fifth of the inbox's execution (docs/perf/README.md, fourth pass).
"""

from __future__ import annotations

import keyword
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from math import isfinite
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLString,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetails, collect_subfields
from graphql.language import (
    FieldNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
    VariableNode,
)
from graphql.pyutils import Undefined
from strawberry.schema.schema_converter import CustomGraphQLEnumType, GraphQLCoreConverter
from strawberry.schema.types import base_scalars as strawberry_scalars

Plan = Callable[[Any], Any]  # the resolved value -> the completed value; raises when graphql-core must decide


class Decline(Exception):
    """A plan met a value it does not complete itself."""


class _Unsupported(Exception):
    """A selection or a type that is not compiled."""


# A view class of a Strawberry type -> how it reads each field: ("copy", attribute of the message),
# ("convert", function of the message), ("timestamp", attribute, its value as the view answers it, its
# ISO string or None), ("strings", attribute, list) for a repeated string field, or ("enum", attribute,
# the ProtoEnum's from_pb, the ProtoEnum). Keyed by the type's class (its definition's `origin`).
_views: dict[type, tuple[type, dict[str, tuple[str, Any]]]] = {}


def register_view(origin: type, view: type, readers: dict[str, tuple[str, Any]]) -> None:
    """Plans complete instances of `view` (whose attribute `message` is the message) as values of
    `origin`'s type, reading `readers[python_name]` from the message: exactly what the view's property
    of that name answers. Views are registered at import, before any plan is compiled."""
    _views[origin] = (view, dict(readers))


_CONDITIONS = ("skip", "include")
_ISOFORMAT = getattr(strawberry_scalars, "isoformat", object())  # Strawberry's serialiser of dates and times
# Values that cannot be an exception, an awaitable or Undefined: a leaf's serialiser gets them without
# the checks that would send the field to graphql-core.
_PLAIN_VALUES = frozenset({str, int, float, bool, datetime, date, time, Decimal})


def _condition_variables(field_details: list[FieldDetails], fragments: dict[str, Any]) -> tuple[str, ...]:
    """The variables of the @skip/@include directives anywhere below the fields, in a fixed order; raises
    _Unsupported for any other directive (@defer, @stream, a custom one) or a fragment with variables."""
    names: set[str] = set()
    seen_fragments: set[str] = set()

    def directives(node: Any) -> None:
        for directive in node.directives or ():
            if directive.name.value not in _CONDITIONS:
                raise _Unsupported(directive.name.value)
            for argument in directive.arguments or ():
                if isinstance(argument.value, VariableNode):
                    names.add(argument.value.name.value)

    def walk(selection_set: SelectionSetNode | None) -> None:
        if selection_set is None:
            return
        for selection in selection_set.selections:
            directives(selection)
            if isinstance(selection, FieldNode):
                if selection.arguments:
                    raise _Unsupported("arguments")
                walk(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                if getattr(selection, "arguments", None):  # graphql-core's experimental fragment arguments
                    raise _Unsupported("fragment arguments")
                name = selection.name.value
                if name in seen_fragments:
                    continue
                seen_fragments.add(name)
                fragment = fragments.get(name)
                if fragment is None or fragment.variable_signatures:
                    raise _Unsupported("fragment variables")
                directives(fragment.definition)
                walk(fragment.definition.selection_set)
            else:  # pragma: no cover - a selection kind of a later graphql-core
                raise _Unsupported(type(selection).__name__)

    for details in field_details:
        if details.fragment_variable_values is not None or details.defer_usage is not None:
            raise _Unsupported("fragment variables or defer")
        directives(details.node)  # @stream on the field itself changes how its list completes
        walk(details.node.selection_set)
    return tuple(sorted(names))


def plain_attribute(field: Any) -> str | None:
    """The Python attribute a basic Strawberry field reads with the default resolver (no resolver,
    permission class, field extension or argument); None for any other field."""
    definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if definition is None or field.args or not getattr(field.resolve, "_is_default", False):
        return None
    if not definition.is_basic_field or definition.default_resolver is not getattr:
        return None
    return definition.python_name


def enum_names(leaf: CustomGraphQLEnumType, wrapped: type[Enum]) -> dict[Enum, str]:
    """Each member's GraphQL name: the first name whose value matches, as Strawberry's own loop finds it."""
    names: dict[Enum, str] = {}
    for member in wrapped:
        for name, value in leaf.values.items():
            if member.value == value.value:
                names.setdefault(member, name)
                break
    return names


class _Compiler:
    """Python source for one plan, and the objects it refers to (its globals)."""

    def __init__(self, executor: Any) -> None:
        self.executor = executor
        self.is_awaitable = executor.is_awaitable
        self.namespace: dict[str, Any] = {"Decline": Decline, "plain_dates": (datetime, date, time)}
        self.functions: list[str] = []
        self.count = 0

    def name(self, prefix: str, value: Any = None) -> str:
        self.count += 1
        name = f"{prefix}_{self.count}"
        if value is not None:
            self.namespace[name] = value
        return name

    # --- the checks a value goes through when it is not of the one class a plan expects ----------------
    def unusual(self) -> Callable[[Any], None]:
        is_awaitable = self.is_awaitable

        def check(value: Any) -> None:
            # graphql-core raises an Exception given as a value, awaits an awaitable, and treats Undefined
            # as null: let it.
            if value is Undefined or isinstance(value, Exception) or is_awaitable(value):
                raise Decline
        return check

    def leaf(self, leaf: GraphQLLeafType, var: str, indent: str) -> list[str]:
        """Lines completing a leaf value: the serialiser's own result, computed inline for the values a
        page is made of (graphql-core's serialisers return these unchanged, or as stated below), and
        by the leaf's `coerce_output_value` for anything else."""
        check = self.unusual()
        coerce = leaf.coerce_output_value
        trusted = _PLAIN_VALUES
        inline: str | None = None  # a condition under which `var` is its own serialisation
        wrapped = getattr(leaf, "wrapped_cls", None)
        names_global = None
        if leaf is GraphQLString or leaf is GraphQLID:
            inline = f"{var}.__class__ is str"
        elif leaf is GraphQLBoolean:
            inline = f"{var}.__class__ is bool"
        elif leaf is GraphQLInt:  # serialize_int: an int within 32 bits, as it is
            inline = f"{var}.__class__ is int and -2147483648 <= {var} <= 2147483647"
        elif leaf is GraphQLFloat:  # serialize_float: a finite float, as it is
            inline = f"{var}.__class__ is float and isfinite({var})"
            self.namespace["isfinite"] = isfinite
        elif isinstance(leaf, CustomGraphQLEnumType) and isinstance(wrapped, type) and issubclass(wrapped, Enum):
            # Strawberry compares the member's `.value` with each of the enum's values in turn; the same
            # name by a dict (members are singletons: keyed by identity, as hashing an Enum is a call).
            names = enum_names(leaf, wrapped)
            names_global = self.name("names", {id(member): name for member, name in names.items()})
            enum_class = self.name("enum", wrapped)
        elif leaf.coerce_output_value is _ISOFORMAT:  # Strawberry's DateTime, Date, Time
            inline_call = f"{var}.isoformat()"
            function = self.name("leaf", self.leaf_function(coerce, trusted, check))
            return [f"{indent}{var} = {inline_call} if {var}.__class__ in plain_dates else {function}({var})"]

        function = self.name("leaf", self.leaf_function(coerce, trusted, check))
        if names_global is not None:
            # A member missing from the names (a value no GraphQL name has) raises KeyError: graphql-core decides.
            return [f"{indent}{var} = {names_global}[id({var})] if {var}.__class__ is {enum_class} "
                    f"else {function}({var})"]
        if inline is None:
            return [f"{indent}{var} = {function}({var})"]
        return [f"{indent}if not ({inline}):", f"{indent}    {var} = {function}({var})"]

    @staticmethod
    def leaf_function(coerce: Callable[[Any], Any], trusted: frozenset, check: Callable[[Any], None]) -> Callable:
        def complete(value: Any) -> Any:
            if type(value) not in trusted:
                check(value)
            coerced = coerce(value)
            if coerced is None or coerced is Undefined:
                raise Decline
            return coerced
        return complete

    # --- source ----------------------------------------------------------------------------------------
    def complete(self, type_: GraphQLOutputType, field_details: list[FieldDetails], var: str,
                 indent: str) -> list[str]:
        """Lines that replace `var` by its completed value of `type_` (or raise)."""
        if isinstance(type_, GraphQLNonNull):
            return [f"{indent}if {var} is None:", f"{indent}    raise Decline",
                    *self.complete_non_null(type_.of_type, field_details, var, indent)]
        return [f"{indent}if {var} is not None:",
                *self.complete_non_null(type_, field_details, var, indent + "    ")]

    def complete_non_null(self, type_: GraphQLOutputType, field_details: list[FieldDetails], var: str,
                          indent: str) -> list[str]:
        if is_leaf_type(type_):
            return self.leaf(type_, var, indent)  # type: ignore[arg-type]
        if isinstance(type_, GraphQLList):
            return [f"{indent}{var} = {self.list_function(type_, field_details)}({var})"]
        if isinstance(type_, GraphQLObjectType):
            function, origin, view = self.object_function(type_, field_details)
            if view is not None:
                function_of_view, view_class = view
                return [f"{indent}if {var}.__class__ is {view_class}:",
                        f"{indent}    {var} = {function_of_view}({var}.message)",
                        f"{indent}else:",
                        f"{indent}    if {var}.__class__ is not {origin}:", f"{indent}        unusual({var})",
                        f"{indent}    {var} = {function}({var})"]
            return [f"{indent}if {var}.__class__ is not {origin}:", f"{indent}    unusual({var})",
                    f"{indent}{var} = {function}({var})"]
        raise _Unsupported(f"abstract type {type_}")

    def list_function(self, type_: GraphQLList, field_details: list[FieldDetails]) -> str:
        name = self.name("complete_list")
        lines = [f"def {name}(items):",
                 "    if items.__class__ is not list and items.__class__ is not tuple:",
                 "        raise Decline",  # a generator, an async iterable, a string: graphql-core's call
                 "    completed = []",
                 "    append = completed.append",
                 "    for item in items:",
                 *self.complete(type_.of_type, field_details, "item", "        "),
                 "        append(item)",
                 "    return completed"]
        self.functions.append("\n".join(lines))
        return name

    def object_function(self, type_: GraphQLObjectType, field_details: list[FieldDetails]
                        ) -> tuple[str, str, tuple[str, str] | None]:
        """The name of the function completing an object of `type_`, of the class it expects, and, when
        that class has a registered view, of the function completing a view's message and of the view."""
        if type_.is_type_of is not None:
            raise _Unsupported("is_type_of")
        executor = self.executor
        collected = collect_subfields(executor.schema, executor.fragments, executor.variable_values,
                                      executor.operation, type_, field_details, executor.hide_suggestions)
        if collected.new_defer_usages or collected.forbidden_directive_instances:
            raise _Unsupported("defer")
        definition = type_.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
        origin_class = getattr(definition, "origin", None)
        origin = self.name("origin", origin_class or Decline)
        registered = _views.get(origin_class) if origin_class is not None else None
        self.namespace.setdefault("unusual", self.unusual())
        name = self.name(f"complete_{type_.name}")
        lines = [f"def {name}(s):"]
        view_lines = [f"def {name}_view(m):"]
        keys = []
        for index, (response_name, details) in enumerate(collected.grouped_field_set.items()):
            var = f"v{index}"
            keys.append(f"{response_name!r}: {var}")
            field_name = details[0].node.name.value
            if field_name == "__typename":
                lines.append(f"    {var} = {type_.name!r}")
                view_lines.append(f"    {var} = {type_.name!r}")
                continue
            field = type_.fields.get(field_name)
            if field is None:
                raise _Unsupported(field_name)
            attribute = plain_attribute(field)
            if attribute is None:
                raise _Unsupported(field_name)
            lines.append(f"    {var} = {self.read('s', attribute)}")
            completion = self.complete(field.type, details, var, "    ")
            lines += completion
            if registered is not None:
                kind, how, *functions = registered[1][attribute]
                if kind == "copy":
                    view_lines += [f"    {var} = {self.read('m', how)}", *completion]
                elif kind == "timestamp" and getattr(_named(field.type), "coerce_output_value", None) is _ISOFORMAT \
                        and not isinstance(_unwrapped(field.type), GraphQLList):
                    # The leaf's serialisation (Strawberry's isoformat) straight from the message;
                    # None for an unset timestamp, as the view's datetime.
                    view_lines.append(f"    {var} = {self.name('iso', functions[1])}({self.read('m', how)})")
                    if isinstance(field.type, GraphQLNonNull):
                        view_lines += [f"    if {var} is None:", "        raise Decline"]
                elif kind == "strings" and _is_list_of_strings(field.type):
                    # A repeated string field's items are `str`: the list is its own completion.
                    view_lines.append(f"    {var} = list({self.read('m', how)})")
                elif kind == "enum" and (names := self.enum_names_by_number(field.type, functions[1])) is not None:
                    view_lines.append(f"    {var} = {self.name('by_number', names)}.get({self.read('m', how)})")
                    if isinstance(field.type, GraphQLNonNull):
                        view_lines += [f"    if {var} is None:", "        raise Decline"]
                else:
                    convert = how if kind == "convert" else functions[0]
                    read = "m" if kind == "convert" else self.read("m", how)
                    view_lines += [f"    {var} = {self.name('convert', convert)}({read})", *completion]
        returned = "    return {" + ", ".join(keys) + "}"
        self.functions.append("\n".join([*lines, returned]))
        if registered is None:
            return name, origin, None
        self.functions.append("\n".join([*view_lines, returned]))
        return name, origin, (f"{name}_view", self.name("view", registered[0]))

    @staticmethod
    def enum_names_by_number(type_: GraphQLOutputType, enum: type[Enum]) -> dict[int, str] | None:
        """For a field of the GraphQL enum wrapping `enum` (a ProtoEnum: members' values are the proto
        numbers): each number's GraphQL name, as `enum.from_pb` and the enum's serialiser give it; a number
        without a member is absent (null, as from_pb's None). None when not that enum, or a member has no name."""
        leaf = _unwrapped(type_)
        if not isinstance(leaf, CustomGraphQLEnumType) or getattr(leaf, "wrapped_cls", None) is not enum:
            return None
        names = enum_names(leaf, enum)
        if len(names) != len(enum):
            return None
        return {member.value: name for member, name in names.items()}

    @staticmethod
    def read(var: str, attribute: str) -> str:
        if attribute.isidentifier() and not keyword.iskeyword(attribute) and not attribute.startswith("__"):
            return f"{var}.{attribute}"
        return f"getattr({var}, {attribute!r})"

    def build(self, type_: GraphQLOutputType, field_details: list[FieldDetails]) -> Plan:
        lines = ["def plan(value):", *self.complete(type_, field_details, "value", "    "), "    return value"]
        source = "\n\n".join([*self.functions, "\n".join(lines)])
        exec(compile(source, f"<plan {type_}>", "exec"), self.namespace)  # noqa: S102 - our own source
        plan = self.namespace["plan"]
        plan.source = source  # for reading a plan while debugging
        return plan


def _is_list_of_strings(type_: GraphQLOutputType) -> bool:
    """[String!]! or [ID!]!: a list of `str` is its own completion."""
    if not isinstance(type_, GraphQLNonNull) or not isinstance(type_.of_type, GraphQLList):
        return False
    item = type_.of_type.of_type
    return isinstance(item, GraphQLNonNull) and item.of_type in (GraphQLString, GraphQLID)


def _unwrapped(type_: GraphQLOutputType) -> Any:
    """The type without its non-null wrapper."""
    return type_.of_type if isinstance(type_, GraphQLNonNull) else type_


def _named(type_: GraphQLOutputType) -> Any:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_


_NOT_COMPILED = object()
_MAX_SELECTIONS = 512  # distinct (type, field nodes) kept; the gateway's ParserCache keeps 256 documents
_MAX_PLANS_PER_SELECTION = 16  # distinct values of the @skip/@include variables


class _Selection:
    """What is kept per (return type, field nodes): the nodes themselves (so their ids stay theirs), the
    condition variables, and a plan per combination of their values (or _NOT_COMPILED)."""

    __slots__ = ("keep", "variables", "plans")

    def __init__(self, keep: tuple, variables: tuple[str, ...] | None) -> None:
        self.keep = keep
        self.variables = variables
        self.plans: dict[tuple, Any] = {}


_selections: OrderedDict[tuple, _Selection] = OrderedDict()


def plan_for(executor: Any, return_type: GraphQLOutputType, field_details: list[FieldDetails]) -> Plan | None:
    """The compiled completion of `return_type` for these fields in this execution, or None."""
    if not isinstance(_named(return_type), GraphQLObjectType):
        return None
    # The parsed document is cached by query text (ParserCache), so the same operation brings the same
    # node objects: their ids are the key, and the entry keeps the nodes alive so no other node takes an id.
    key = (id(return_type), *(id(details.node) for details in field_details))
    selection = _selections.get(key)
    if selection is not None:
        _selections.move_to_end(key)
    else:
        try:
            variables: tuple[str, ...] | None = _condition_variables(field_details, executor.fragments)
        except _Unsupported:
            variables = None
        selection = _Selection((return_type, *(details.node for details in field_details)), variables)
        _selections[key] = selection
        if len(_selections) > _MAX_SELECTIONS:
            _selections.popitem(last=False)
    if selection.variables is None:
        return None
    coerced = executor.variable_values.coerced
    values = tuple(coerced.get(name) for name in selection.variables)
    plan = selection.plans.get(values)
    if plan is None:
        try:
            plan = _Compiler(executor).build(return_type, field_details)
        except _Unsupported:
            plan = _NOT_COMPILED
        if len(selection.plans) >= _MAX_PLANS_PER_SELECTION:
            selection.plans.clear()
        selection.plans[values] = plan
    return None if plan is _NOT_COMPILED else plan


__all__ = ["Decline", "Plan", "enum_names", "plain_attribute", "plan_for", "register_view"]
