"""Every CV PDF in the shared fixtures parses with the name, email, sections and skills written down by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ai_coach.cv import parse_cv_pdf
from tests.conformance.cv_expectations import CV_EXPECTATIONS


def test_every_fixture_cv_has_written_expectations(fixtures_dir: Path) -> None:
    on_disk = sorted(path.name for path in (fixtures_dir / "cvs").glob("*.pdf"))
    assert on_disk, "no CV fixtures found"
    assert on_disk == sorted(CV_EXPECTATIONS)


@pytest.mark.parametrize("file_name", sorted(CV_EXPECTATIONS))
def test_fixture_cv_parses_as_expected(fixtures_dir: Path, file_name: str) -> None:
    expected = CV_EXPECTATIONS[file_name]
    cv = parse_cv_pdf((fixtures_dir / "cvs" / file_name).read_bytes())

    assert cv.full_name == expected["full_name"]
    assert cv.contact.email == expected["email"]
    assert cv.sections == expected["sections"]
    assert cv.language == expected["language"]
    missing = [skill for skill in expected["skills"] if skill not in cv.skills]
    assert not missing, f"skills not found: {missing}"
    assert len(cv.skills) == len(set(cv.skills))
    if "languages" in expected:
        # Spoken languages are the profile's languages, never skills.
        assert [language.name for language in cv.languages] == expected["languages"]
        assert not set(expected["languages"]) & set(cv.skills)
    for company in expected.get("experience_companies", []):
        assert company in [job.company for job in cv.experience]
    for job in cv.experience:
        assert job.start is None or re.fullmatch(r"\d{4}(-\d\d)?", job.start)
        assert job.end is None or re.fullmatch(r"\d{4}(-\d\d)?|present", job.end)
        for sidebar_text in expected.get("sidebar_text", []):
            assert sidebar_text not in job.description, f"sidebar text {sidebar_text!r} inside {job.title!r}"


def test_two_column_fixture_reads_sidebar_after_main_column(fixtures_dir: Path) -> None:
    cv = parse_cv_pdf((fixtures_dir / "cvs" / "resume-matcher_modern-two-column.pdf").read_bytes())
    # The Figma job's bullet points run on without the sidebar's skills list breaking in.
    assert "daily active users using CRDTs and WebSockets" in cv.experience[1].description
    assert "Optimized canvas rendering performance" in cv.experience[1].description
    text = cv.text
    assert text.index("Notion") < text.index("EDUCATION") < text.index("PagerDuty")


def test_russian_fixture_matches_its_markdown_source(fixtures_dir: Path) -> None:
    source = (fixtures_dir / "labels" / "teadove_RESUME_RU_source.md").read_text(encoding="utf-8")
    cv = parse_cv_pdf((fixtures_dir / "cvs" / "teadove_RESUME_RU_russian.pdf").read_bytes())
    assert cv.full_name is not None and cv.full_name in source
    assert cv.summary is not None and cv.summary.startswith("Backend-разработчик с 4+ годами опыта")
    assert [(job.start, job.end) for job in cv.experience] == [("2024-05", "present"), ("2021-09", "2024-05")]
    assert [language.name for language in cv.languages] == ["Английский", "Русский"]
