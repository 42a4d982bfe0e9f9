"""common.wire: ids from requests, timestamps and salaries on the wire."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest

from common.errors import InvalidArgument
from common.wire import parse_uuid, salary, timestamp
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
