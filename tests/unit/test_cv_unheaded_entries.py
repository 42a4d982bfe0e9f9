"""Dated entries under no experience heading (issue 16): read as positions only when they name a job. Small
synthetic pages through the parser's own reading order and fields."""

from __future__ import annotations

from tests.unit.test_cv_location import parse_page

HEADER = [(50, 790, "Jonas Beispiel", 22), (50, 770, "jonas.beispiel@example.com", 10),
          (50, 700, "Persönliche Daten", 14), (50, 680, "Geburtsdatum: 01.01.2000", 11)]


def test_a_table_of_courses_under_an_unread_heading_is_no_experience() -> None:
    # Dates, a course and where it was taken on each row, a detail row under it: no job is named, so with no
    # heading to vouch for them these are no positions (before: two entries, "Programmierkurs" at "Codeakademie").
    cv = parse_page([
        *HEADER,
        (50, 660, "24/06/2019 - 19/04/2021   Deutschkurs am Sprachzentrum Nord", 11),
        (50, 646, "Von A1 - C1 mit Abschlussprüfung", 11),
        (50, 620, "19/07/2017 - 30/09/2018   Programmierkurs bei Codeakademie Süd", 11),
        (50, 606, "Grundlagen: HTML, CSS und PHP", 11),
    ])
    assert cv.experience == []
    assert "experience" not in cv.sections


def test_unheaded_positions_that_name_a_job_are_still_read() -> None:
    cv = parse_page([
        *HEADER,
        (50, 660, "2021 - 2023   Software Engineer at Northwind Traders", 11),
        (50, 640, "2019 - 2021   Junior Developer at Contoso GmbH", 11),
    ])
    assert [(entry.title, entry.company) for entry in cv.experience] == [
        ("Software Engineer", "Northwind Traders"), ("Junior Developer", "Contoso GmbH")]
    assert "experience" in cv.sections
