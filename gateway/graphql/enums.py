"""GraphQL enums built from the proto enums they mirror, so the two cannot drift apart.

    ApplicationStatus = proto_enum(tracker_pb2.ApplicationStatus.DESCRIPTOR)

is the GraphQL enum `ApplicationStatus { TO_APPLY APPLIED … WITHDRAWN }`: the proto's values in the
proto's order, without the type prefix (buf's ENUM_VALUE_PREFIX rule: APPLICATION_STATUS_APPLIED
becomes APPLIED) and without the zero `*_UNSPECIFIED` value, which GraphQL shows as null. A member's
value is its proto number, so converting is `ApplicationStatus.from_pb(number)` one way and
`to_pb(member)` the other; nothing names a prefix by hand.
"""

from __future__ import annotations

import enum
from typing import Self

import strawberry
from google.protobuf.descriptor import EnumDescriptor

_UNSPECIFIED = "UNSPECIFIED"


class ProtoEnum(enum.Enum):
    """The base of every enum `proto_enum` builds; its members' values are proto numbers."""

    @classmethod
    def from_pb(cls, number: int) -> Self | None:
        """The member for a proto number; None for UNSPECIFIED and for numbers this build does not know."""
        # The enum's own value index: `cls(number)` costs an exception for every unknown number and
        # several calls for each known one, on every enum field of every node of a page.
        return cls._value2member_map_.get(number)  # type: ignore[return-value]

    @classmethod
    def from_name(cls, name: str) -> Self | None:
        """The member for a proto value's name, with or without its prefix ("APPLIED" or
        "APPLICATION_STATUS_APPLIED"); None for a name this build does not know."""
        return cls.__members__.get(name.removeprefix(cls._pb_prefix))  # type: ignore[attr-defined]


def to_pb(member: ProtoEnum | None) -> int:
    """A member's proto number; None (a GraphQL null, or an argument left out) is UNSPECIFIED, 0."""
    return 0 if member is None else member.value


def proto_enum(descriptor: EnumDescriptor, *, description: str | None = None) -> type[ProtoEnum]:
    """The Strawberry enum mirroring `descriptor`, named as the proto enum is."""
    zero = descriptor.values_by_number.get(0)
    if zero is None or not zero.name.endswith("_" + _UNSPECIFIED):
        raise ValueError(f"{descriptor.full_name}: the zero value must be <PREFIX>_UNSPECIFIED")
    prefix = zero.name.removesuffix(_UNSPECIFIED)
    unprefixed = [value.name for value in descriptor.values if not value.name.startswith(prefix)]
    if unprefixed:
        raise ValueError(f"{descriptor.full_name}: values without the prefix {prefix}: {', '.join(unprefixed)}")
    members = [(value.name.removeprefix(prefix), value.number) for value in descriptor.values if value.number != 0]
    built = ProtoEnum(descriptor.name, members, module=__name__)  # type: ignore[call-overload]
    built._pb_prefix = prefix
    return strawberry.enum(built, description=description)
