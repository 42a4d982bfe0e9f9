"""The CV evaluation's scoring rules (evals/cv.py): what counts as a right name, phone, location,
section kind, experience entry and skill."""

from __future__ import annotations

from ai_coach.domain import Contact, ExperienceEntry, ParsedCv
from evals import cv


def test_names_and_emails_compare_without_case_accents_or_spacing() -> None:
    assert cv.same_text("JOÃO PAULO CERCAL", "João Paulo  Cercal")
    assert not cv.same_text("Akash Zalke", "Full Stack Developer")
    assert cv.same_text(None, None)
    assert not cv.same_text(None, "Someone")


def test_a_phone_is_right_by_its_digits_national_or_international() -> None:
    assert cv.same_phone("+7 (915) 620-79-66", "+79156207966")
    assert cv.same_phone("+31 (0)6 509 64 655", "06 509 64 655")
    assert not cv.same_phone("304.261.1923", "304.261.1924")
    assert not cv.same_phone("+49 1736127906", None)
    assert cv.same_phone(None, None)
    assert not cv.same_phone(None, "123 456 789")


def test_a_location_is_right_when_it_names_the_same_city() -> None:
    assert cv.same_location("Bern, Switzerland", "Bern")
    assert cv.same_location("Łódź / Zdalnie", "Łódź")
    assert not cv.same_location("Sofia", "Bulgaria")
    assert not cv.same_location("Sofia", None)


def test_section_kinds_cost_for_missed_and_invented_kinds_alike() -> None:
    # "interests" is not a kind the product reports, so it is left out on both sides.
    assert cv.section_score(["summary", "experience", "interests"], ["experience", "skills"]) == (1, 3)
    assert cv.section_score([], []) == (0, 0)


def test_an_experience_entry_needs_title_company_and_both_dates() -> None:
    label = [
        {"title": "Intern", "company": "Persistent Systems Ltd", "start": "2022-01", "end": "present"},
        {"title": "Developer", "company": "Acme", "start": "2020", "end": "2021"},
    ]
    found = [
        ExperienceEntry(title="INTERN", company="Persistent Systems", start="2022-01", end="present"),
        ExperienceEntry(title="Developer", company="Acme", start="2020", end="2022"),
        ExperienceEntry(title="Invented", company="Nowhere", start="2019", end="2019"),
    ]
    assert cv.experience_score(label, found) == (1, 3)
    # One parsed entry cannot answer for two labelled ones.
    assert cv.experience_score(label[:1] * 2, found[:1]) == (1, 2)


def test_skills_are_compared_by_canonical_name() -> None:
    recall, precision = cv.skill_scores(["golang", "PostgreSQL", "Web3"], ["Go", "PostgreSQL", "Docker"])
    assert recall == (2, 3)
    assert precision == (2, 3)


def test_a_refused_cv_gets_every_field_wrong() -> None:
    label = {"fields": {"name": "Ada Lovelace", "email": "ada@example.org", "phone": None, "location": None,
                        "sections": ["experience"], "experience": [], "skills": ["Python"]}}
    refused = cv.score(label, None)
    assert refused["name"] == (0, 1) and refused["phone"] == (0, 1) and refused["location"] == (0, 1)
    parsed = ParsedCv(full_name="Ada Lovelace", contact=Contact(email="ADA@example.org"),
                      sections=["experience"], skills=["Python"])
    read = cv.score(label, parsed)
    assert read["name"] == (1, 1) and read["email"] == (1, 1) and read["phone"] == (1, 1)
    assert read["sections"] == (1, 1) and read["skills_recall"] == (1, 1)
