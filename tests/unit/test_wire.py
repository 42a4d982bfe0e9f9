"""common.wire: ids from requests, timestamps and salaries on the wire."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from common.errors import InvalidArgument
from common.wire import from_timestamp, iso_from_timestamp, parse_uuid, salary, set_timestamp, timestamp
from jobmate.common.v1 import common_pb2


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


def test_a_salary_sets_only_what_is_known_so_zero_and_false_stay_apart_from_unsaid() -> None:
    said = salary(min=0.0, max=90_000.0, currency="EUR", period=common_pb2.SALARY_PERIOD_YEAR, gross=False,
                  text="up to 90k net")
    assert said.HasField("min") and said.min == 0 and said.max == 90_000 and said.HasField("gross") and not said.gross
    assert (said.currency, said.period, said.text) == ("EUR", common_pb2.SALARY_PERIOD_YEAR, "up to 90k net")
    unsaid = salary(min=None, max=None, currency="", period=0, gross=None, text="competitive")
    assert not unsaid.HasField("min") and not unsaid.HasField("max") and not unsaid.HasField("gross")


@pytest.mark.parametrize("value", [
    datetime(2025, 5, 1, 12, 30, 15, 123456, tzinfo=timezone(timedelta(hours=3))),
    datetime(2025, 5, 1, 12, 30, 15, 999999, tzinfo=UTC),
    datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=UTC),  # before the epoch: seconds < 0, nanos >= 0
    datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(2025, 5, 1, 12, 30, 15, 42),  # naive: taken as UTC
])
def test_timestamps_are_the_messages_protobuf_makes_and_read_back_to_the_same_instant(value) -> None:
    expected = Timestamp()
    expected.FromDatetime(value)
    assert timestamp(value) == expected
    assert from_timestamp(expected) == expected.ToDatetime(tzinfo=UTC)
    assert from_timestamp(timestamp(value)) == (value if value.tzinfo else value.replace(tzinfo=UTC))
    filled = Timestamp()  # set_timestamp fills a message's field in place to the same value
    set_timestamp(filled, value)
    assert filled == expected


@pytest.mark.parametrize(("seconds", "nanos"), [
    (0, 0), (1_765_000_000, 0), (1_765_000_000, 123_000), (1_765_000_000, 999_999_999), (1_765_000_000, 1_500),
    (-1, 500_000_000), (-62_135_596_800, 0), (253_402_300_799, 999_999_000), (951_782_400, 7_000)])
def test_a_timestamp_reads_as_its_datetime_isoformat(seconds: int, nanos: int) -> None:
    value = Timestamp(seconds=seconds, nanos=nanos)
    assert iso_from_timestamp(value) == from_timestamp(value).isoformat()
