"""Headers of the form "Employer, Town, RG — Title" (Google Docs' résumé templates): the town follows the
employer, and a title broken after a comma onto a second line stays one header (rows built in the test)."""

from __future__ import annotations

from ai_coach.cv.layout import Row
from tests.cv_rows import line, seen


def rows(*lines) -> list[Row]:
    return [Row([item]) for item in lines]


def test_the_name_a_town_follows_is_the_employer_when_both_names_hold_job_words() -> None:
    assert seen(rows(
        line(51, 380, "Independent Tutor, Wentzville, MO — ACT Tutor", 11.0),
        line(51, 365, "April 2022 - August 2022", 8.0),
        line(51, 348, "Helping high school students prepare for the ACT through practice", 9.0),
    )) == [("ACT Tutor", "Independent Tutor", "2022-04", "2022-08")]


def test_a_title_broken_after_a_comma_keeps_its_header_over_the_dates() -> None:
    assert seen(rows(
        line(51, 302, "Panera, Washington, MO — Cashier, drive through employee,", 11.0),
        line(51, 288, "barista", 11.0),
        line(51, 273, "June 2022 - PRESENT", 8.0),
        line(51, 257, "Working registers, talking to customers and ensuring a pleasant", 9.0),
        line(51, 243, "experience, keeping counters clean, making drinks.", 9.0),
        line(51, 196, "Lindenwood Writing Center, St. Charles, MO — Writing tutor", 11.0),
        line(51, 181, "August 2023 - PRESENT", 8.0),
        line(51, 165, "Assisting students with drafting, editing, and formatting various genres", 9.0),
    )) == [("Cashier, drive through employee, barista", "Panera", "2022-06", "present"),
           ("Writing tutor", "Lindenwood Writing Center", "2023-08", "present")]
