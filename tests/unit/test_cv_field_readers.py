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
