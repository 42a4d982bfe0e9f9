"""Small conversions every service's gRPC edge needs: ids that arrive as strings, timestamps that leave as
`google.protobuf.Timestamp`."""

from __future__ import annotations

import uuid
from datetime import datetime

from google.protobuf.timestamp_pb2 import Timestamp

from common.errors import InvalidArgument


def parse_uuid(value: str, what: str) -> uuid.UUID:
    """`value` as a UUID; InvalidArgument naming `what` ("job id") otherwise. The value is quoted cut to 64
    characters, so a hostile one cannot flood the message."""
    try:
        return uuid.UUID(value)
    except (ValueError, TypeError, AttributeError):
        raise InvalidArgument(f"{what} {str(value)[:64]!r} is not a valid id") from None


def timestamp(value: datetime) -> Timestamp:
    """A timezone-aware datetime on the wire (a naive one is taken as UTC, as protobuf does)."""
    message = Timestamp()
    message.FromDatetime(value)
    return message
