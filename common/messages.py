"""Building, encoding and decoding the `events.v1` Command and Event messages (protobuf's JSON mapping).

Channel names follow the seed: a command of type ANALYZE_JOB travels on `CMD_ANALYZE_JOB`, an event of
type CARD_MOVED on `EVENT_CARD_MOVED`.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from google.protobuf import json_format
from google.protobuf.message import Message

from jobmate.events.v1 import events_pb2

CommandType = events_pb2.CommandType
EventType = events_pb2.EventType


def command_channel(command_type: int) -> str:
    return "CMD_" + CommandType.Name(command_type).removeprefix("COMMAND_TYPE_")


def event_channel(event_type: int) -> str:
    return "EVENT_" + event_type_name(event_type)


def event_type_name(event_type: int) -> str:
    """The seed's short name (ANALYSIS_DONE), as SSE clients see it."""
    return EventType.Name(event_type).removeprefix("EVENT_TYPE_")


def new_id() -> str:
    return str(uuid.uuid4())


def _now_ts(message: Message, field: str) -> None:
    getattr(message, field).FromDatetime(datetime.now(UTC))


def new_command(command_type: int, user_id: str, **payload: Message) -> events_pb2.Command:
    """new_command(CommandType.COMMAND_TYPE_ANALYZE_JOB, uid, analyze_job=AnalyzeJob(...))"""
    command = events_pb2.Command(id=new_id(), type=command_type, user_id=user_id, attempt=0, **payload)
    _now_ts(command, "created_at")
    return command


def new_event(event_type: int, user_id: str, **payload: Message) -> events_pb2.Event:
    event = events_pb2.Event(id=new_id(), type=event_type, user_id=user_id, **payload)
    _now_ts(event, "occurred_at")
    return event


def to_json(message: Message) -> str:
    return json_format.MessageToJson(message, indent=None, preserving_proto_field_name=False)


def to_dict(message: Message, *, with_defaults: bool = False) -> dict:
    """The message as proto3 JSON; `with_defaults` also prints fields at their default (false, 0, "", [])."""
    return json_format.MessageToDict(message, always_print_fields_with_no_presence=with_defaults)


def command_from_json(data: str | bytes | dict) -> events_pb2.Command:
    if isinstance(data, dict):
        return json_format.ParseDict(data, events_pb2.Command(), ignore_unknown_fields=True)
    return json_format.Parse(data, events_pb2.Command(), ignore_unknown_fields=True)


def event_from_json(data: str | bytes | dict) -> events_pb2.Event:
    if isinstance(data, dict):
        return json_format.ParseDict(data, events_pb2.Event(), ignore_unknown_fields=True)
    return json_format.Parse(data, events_pb2.Event(), ignore_unknown_fields=True)
