"""A date range whose start keeps two digits of its year and whose end has four (issue 16, batch u)."""

from __future__ import annotations

import pytest

from ai_coach.cv.dates import find_date_range


@pytest.mark.parametrize(("text", "start", "end"), [
    ("juillet 19 – Février 2023", "2019-07", "2023-02"),
    ("Conseillère de vente | BUT | juillet 19 – Février 2023", "2019-07", "2023-02"),
    ("Sep 98 - Jan 2001", "1998-09", "2001-01"),
])
def test_a_two_digit_start_year_takes_the_end_years_century(text: str, start: str, end: str) -> None:
    found = find_date_range(text)
    assert found is not None and found[:2] == (start, end)


def test_a_start_after_the_end_is_not_read_so() -> None:
    assert find_date_range("mai 25 – juin 2023") is None
