"""common.wire: ids from requests and timestamps on the wire."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest

from common.errors import InvalidArgument
from common.wire import parse_uuid, timestamp


def test_a_uuid_in_any_accepted_spelling_is_read() -> None:
    value = uuid.uuid4()
    assert parse_uuid(str(value).upper(), "job id") == value
    assert parse_uuid("{" + str(value) + "}", "job id") == value


@pytest.mark.parametrize("hostile", ["", "1", "x" * 10_000, "'; DROP TABLE jobs; --", None])
def test_anything_else_is_an_invalid_argument_naming_the_id_and_quoting_little(hostile) -> None:
    with pytest.raises(InvalidArgument) as error:
        parse_uuid(hostile, "job id")
    assert error.value.message.startswith("job id ") and error.value.message.endswith(" is not a valid id")
    assert len(error.value.message) < 120


def test_a_timestamp_keeps_the_instant_whatever_the_offset() -> None:
    moscow = datetime(2025, 5, 1, 12, 30, tzinfo=timezone(timedelta(hours=3)))
    assert timestamp(moscow).ToDatetime(UTC) == datetime(2025, 5, 1, 9, 30, tzinfo=UTC)
