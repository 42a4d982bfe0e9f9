"""common.pagination: opaque keyset cursors bound to their filters."""

from __future__ import annotations

import pytest

from common.errors import InvalidArgument
from common.pagination import decode_cursor, encode_cursor, page_size


def test_a_cursor_round_trips_for_the_same_filters() -> None:
    token = encode_cursor({"seq": 42}, filters=("PENDING", "python"))
    assert decode_cursor(token, filters=("PENDING", "python")) == {"seq": 42}
    assert decode_cursor("", filters=("PENDING", "python")) == {}


def test_a_cursor_reused_with_other_filters_is_refused() -> None:
    token = encode_cursor({"seq": 42}, filters=("PENDING", "python"))
    with pytest.raises(InvalidArgument, match="other filters"):
        decode_cursor(token, filters=("APPROVED", "python"))


@pytest.mark.parametrize("token", ["garbage!", "eyJ4IjoxfQ", "a" * 3000])
def test_a_forged_cursor_is_refused_clearly(token: str) -> None:
    with pytest.raises(InvalidArgument, match="page_token is not valid"):
        decode_cursor(token)


def test_page_size_defaults_caps_and_refuses_negative() -> None:
    assert page_size(0) == 20
    assert page_size(500) == 100
    assert page_size(7) == 7
    with pytest.raises(InvalidArgument):
        page_size(-1)
