"""Pieces shared by every domain: timestamps, cursor pagination, the authentication permission."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from operator import attrgetter
from typing import Any, Generic, TypeVar

import strawberry
from google.protobuf.timestamp_pb2 import Timestamp
from graphql import FieldNode, FragmentSpreadNode, SelectionNode
from strawberry.permission import BasePermission
from strawberry.types import Info

from common import wire
from common.wire import from_timestamp, iso_from_timestamp
from gateway.graphql.compiled import register_view
from gateway.graphql.enums import ProtoEnum
from jobmate.common.v1 import common_pb2

NodeT = TypeVar("NodeT")


def ts(value: Timestamp, *, present: bool = True) -> datetime | None:
    """A protobuf Timestamp as an aware datetime; None when unset (proto3 zero)."""
    if not present or (value.seconds == 0 and value.nanos == 0):
        return None
    return from_timestamp(value)


def iso_ts(value: Timestamp) -> str | None:
    """`ts(value)` as Strawberry's DateTime shows it (its `isoformat()`), without the datetime."""
    if value.seconds == 0 and value.nanos == 0:
        return None
    return iso_from_timestamp(value)


to_ts = wire.timestamp  # a naive datetime is taken as UTC


@strawberry.type(description="Where a page ends; pass endCursor as `after` to get the next one.")
class PageInfo:
    end_cursor: str | None
    has_next_page: bool
    total_count: int | None

    @classmethod
    def from_pb(cls, info: common_pb2.PageInfo) -> PageInfo:
        return cls(end_cursor=info.next_page_token or None, has_next_page=info.has_more,
                   total_count=info.total_count if info.total_count else None)


@strawberry.type(description="One page of a list.")
class Connection(Generic[NodeT]):
    nodes: list[NodeT]
    page_info: PageInfo


def message_view(type_: type, copied: Iterable[str], converted: Mapping[str, Callable[[Any], Any]],
                 timestamps: Iterable[str] = (), strings: Iterable[str] = (),
                 enums: Mapping[str, type[ProtoEnum]] | None = None) -> type:
    """A class whose instances show a protobuf message as the Strawberry `type_` shows it, field by field,
    read from the message only when a field is read: `copied` fields are the message's attribute of the
    same name, each `converted` field is its function of the message, and `timestamps` the message's
    Timestamp of the same name as `ts()` reads it (compiled plans then write its ISO string directly),
    `strings` its repeated string field of the same name as a list, `enums` its enum field of the same
    name as that ProtoEnum's member (`from_pb`; plans write the GraphQL name by number). Together they must be every field of `type_`, which must have no resolver (so an instance completes
    exactly as `type_`'s would).

    Why: a feed page shows 14 of a posting's 27 fields; building a `Job` per posting (the dataclass's
    `__init__` and every conversion) was ~half of the gateway's GraphQL execution of an inbox page
    (docs/perf/README.md, fourth pass). The compiled plans and graphql-core read fields with `getattr`,
    so a view answers them as the object would; `built(type_, view)` makes the object when one is needed."""
    copied, converted, timestamps = tuple(copied), dict(converted), tuple(timestamps)
    strings, enums = tuple(strings), dict(enums or {})
    fields = type_.__strawberry_definition__.fields  # type: ignore[attr-defined]
    names = {field.python_name for field in fields}
    given = [*copied, *converted, *timestamps, *strings, *enums]
    if len(given) != len(set(given)) or names != set(given):
        raise ValueError(f"a view of {type_.__name__} must give each of its fields once: {sorted(names)}")
    if any(field.base_resolver is not None for field in fields):
        raise ValueError(f"{type_.__name__} has a resolver: a view would skip it")

    def __init__(self: Any, message: Any) -> None:
        self.message = message

    namespace: dict[str, Any] = {"__slots__": ("message",), "__init__": __init__,
                                 "__doc__": f"The {type_.__name__} a message shows, read as its fields are read."}
    for name in copied:
        namespace[name] = property(attrgetter(f"message.{name}"))  # C all the way: no Python frame
    for name, convert in converted.items():
        namespace[name] = property(lambda view, convert=convert: convert(view.message))
    for name in timestamps:
        namespace[name] = property(lambda view, read=attrgetter(name): ts(read(view.message)))
    for name in strings:
        namespace[name] = property(lambda view, read=attrgetter(name): list(read(view.message)))
    for name, enum in enums.items():
        namespace[name] = property(lambda view, read=attrgetter(name), enum=enum: enum.from_pb(read(view.message)))
    view = type(f"{type_.__name__}View", (), namespace)
    # Compiled plans read the message directly, each field as its property here does.
    register_view(type_, view, {**{name: ("copy", name) for name in copied},
                                **{name: ("convert", convert) for name, convert in converted.items()},
                                **{name: ("timestamp", name, ts, iso_ts) for name in timestamps},
                                **{name: ("strings", name, list) for name in strings},
                                **{name: ("enum", name, enum.from_pb, enum) for name, enum in enums.items()}})
    return view


def built(type_: type[NodeT], view: Any, **objects: Any) -> NodeT:
    """The Strawberry object a `message_view` instance shows, every field read once; `objects`: fields
    given instead (the objects of nested types, where the view answers views)."""
    values = {field.python_name: getattr(view, field.python_name)
              for field in type_.__strawberry_definition__.fields  # type: ignore[attr-defined]
              if field.python_name not in objects}
    return type_(**values, **objects)


def selected(info: Info, *path: str) -> set[str]:
    """The names of the fields the operation asks for at `path` below the field being resolved, through
    fragments: `selected(info, "nodes")` on a connection. A resolver asks its service only for what will
    be shown (a list without descriptions, cards with a score but no analysis).

    Read from the operation's syntax tree (fragments by name from the document): Strawberry's
    `info.selected_fields` converts every selection of the page, arguments and all, into its own objects
    first, ~6% of the gateway's CPU per inbox page (docs/perf/README.md, third pass). As those, @skip and
    @include are not evaluated: a field that may be skipped counts as asked for."""
    raw = info._raw_info
    fragments = raw.fragments
    level = [selection for node in raw.field_nodes if node.selection_set
             for selection in node.selection_set.selections]
    for name in path:
        level = [selection for field in _fields(level, fragments) if field.name.value == name and field.selection_set
                 for selection in field.selection_set.selections]
    return {field.name.value for field in _fields(level, fragments)}


def _fields(selections: Iterable[SelectionNode], fragments: Mapping[str, Any]) -> Iterator[FieldNode]:
    for selection in selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, FragmentSpreadNode):  # a fragment's own selections count
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                definition = getattr(fragment, "definition", fragment)  # graphql-core 3.3 wraps it in FragmentDetails
                yield from _fields(definition.selection_set.selections, fragments)
        elif selection.selection_set is not None:  # an inline fragment
            yield from _fields(selection.selection_set.selections, fragments)


def page_request(first: int, after: str | None) -> common_pb2.PageRequest:
    return common_pb2.PageRequest(page_size=first, page_token=after or "")


class IsAuthenticated(BasePermission):
    """A signed-in caller; otherwise UNAUTHENTICATED saying why (no token, not Bearer, invalid or expired)."""

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        info.context.caller.require_user()
        return True


AUTHENTICATED = [IsAuthenticated]


def input_to_proto_dict(value: Any) -> tuple[dict[str, Any], list[str]]:
    """A Strawberry input object as a dict for `json_format.ParseDict` (proto field names), and the
    field-mask paths of the fields the client actually sent (UNSET ones are left out; null clears)."""
    result: dict[str, Any] = {}
    paths: list[str] = []
    for f in dataclasses.fields(value):
        item = getattr(value, f.name)
        if item is strawberry.UNSET:
            continue
        paths.append(f.name)
        if item is None:
            continue
        result[f.name] = _convert(item)
    return result, paths


def _convert(item: Any) -> Any:
    if isinstance(item, ProtoEnum):
        return item.value  # the proto number, which ParseDict takes as well as a name
    if isinstance(item, list):
        return [_convert(x) for x in item]
    if dataclasses.is_dataclass(item):
        return input_to_proto_dict(item)[0]
    return item
