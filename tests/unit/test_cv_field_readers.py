"""A field reader that fails on some CV's layout loses that field only: the rest of the CV is still read."""

from __future__ import annotations

import logging

import pytest

from ai_coach.cv import parse_cv_text, parser

CV = """Jane Roe
Backend developer
jane.roe@example.org · +44 20 7946 0958 · London

Experience
Senior Engineer, Contoso Ltd  Jan 2019 - Mar 2022
- Built the billing platform in Python and PostgreSQL.

Skills
Python, PostgreSQL, Docker, Kubernetes
"""


def test_a_cv_reads_whole_when_no_reader_fails() -> None:
    cv = parse_cv_text(CV)
    assert cv.unread == []
    assert cv.experience and cv.experience[0].company == "Contoso Ltd"


def test_a_failing_experience_reader_leaves_experience_empty_and_keeps_the_rest(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> list[object]:
        raise IndexError("list index out of range")

    monkeypatch.setattr(parser, "build_experience", broken)
    monkeypatch.setattr(parser, "read_text_entries", broken)
    with caplog.at_level(logging.ERROR, logger="ai_coach.cv.parser"):
        cv = parse_cv_text(CV)
    assert cv.unread == ["experience"]
    assert cv.experience == []
    # What the user still gets: name, contacts and skills.
    assert cv.full_name == "Jane Roe"
    assert cv.contact.email == "jane.roe@example.org"
    assert {"Python", "PostgreSQL", "Docker", "Kubernetes"} <= set(cv.skills)
    failure = next(record for record in caplog.records if record.getMessage() == "CV field reader failed")
    assert failure.field == "experience" and failure.exc_info is not None  # type: ignore[attr-defined]


def test_a_failing_name_reader_still_reads_the_contacts(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise ValueError("no name here")

    monkeypatch.setattr(parser, "find_name", broken)
    cv = parse_cv_text(CV)
    assert cv.unread == ["name"]
    assert cv.full_name is None
    assert cv.contact.email == "jane.roe@example.org"
    assert cv.experience and cv.experience[0].title == "Senior Engineer"


PASTED_WITHOUT_PROFILE = """Sam Roe
sam.roe@example.org
Sales Express mobile app
used by sales representatives
to sell enterprise products
and solutions to business
customers across the region,
with contracts signed online
and billing kept in one place.

Skills
Python, SQL
"""


def test_pasted_text_has_no_sidebar_so_a_run_of_short_lines_is_not_read_as_the_profile() -> None:
    # A narrow sidebar's profile wraps after a few words a line; pasted text has no sidebar, and a project's
    # description in short lines would be taken for the candidate's profile (it was, on the ranking resumes).
    cv = parse_cv_text(PASTED_WITHOUT_PROFILE)
    assert cv.summary is None
    from ai_coach.cv.documents import rows_from_lines
    from ai_coach.cv.fields import find_header_summary

    lines = [line for line in PASTED_WITHOUT_PROFILE.splitlines() if line.strip()]
    header = rows_from_lines([[(line, 10.0, False)] for line in lines[:9]])
    assert find_header_summary(header, layout=True) is not None  # the layout reading would take it
    assert find_header_summary(header, layout=False) is None
