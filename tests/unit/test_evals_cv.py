"""The CV evaluation's scoring rules (evals/cv.py): what counts as a right name, phone, location,
section kind, experience entry and skill."""

from __future__ import annotations

import json
import re

import pytest

from ai_coach.domain import Contact, ExperienceEntry, ParsedCv
from evals import cv
from evals.paths import DataUnavailable
from tests.fakes.llm import FakeProvider, Reply


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


def _entry(title: str | None, company: str | None, start: str | None, end: str | None) -> ExperienceEntry:
    return ExperienceEntry(title=title, company=company, start=start, end=end)


def test_entries_pair_by_start_date_first_then_by_their_words() -> None:
    label = [
        {"title": "Nurse", "company": "City Hospital", "start": "2020-01", "end": "present"},
        {"title": "Care Assistant", "company": "Rose Home", "start": "2018-05", "end": "2019-12"},
        {"title": "Volunteer", "company": "Red Cross", "start": "2016", "end": "2017"},
    ]
    found = [
        _entry("Nurse", "City Hospital", "2019-01", "present"),  # the nurse's words, another start
        _entry("Ward Clerk", "Other Place", "2020-01", "present"),  # the nurse's start: the start decides first
        _entry("Care Assistant", "Rose Home Ltd", "2018", "2019-12"),  # the assistant's words
        _entry("Driver", "Taxi Co", "2010", "2011"),
    ]
    assert cv.pair_entries(label, found) == [(0, 1), (1, 2)]
    # Without a shared start, half the labelled words are needed; "Volunteer | Red Cross" shares none.
    assert cv.pair_entries(label[2:], found) == []
    assert cv.pair_entries(label[2:], [_entry("Volunteer", "Cross Trainers", "2015", "2017")]) == [(0, 0)]
    assert cv.pair_entries(label[2:], [_entry("Volunteer", "Gym", "2015", "2017")]) == []
    # An undated label is not near every undated parsed entry.
    assert cv.pair_entries([{"title": "A", "company": "B", "start": None, "end": None}], [_entry("C", "D", None, None)]) == []


def test_a_parsed_entry_answers_for_one_labelled_entry_only() -> None:
    label = [
        {"title": "Developer", "company": "Acme", "start": "2020", "end": "2021"},
        {"title": "Developer", "company": "Acme", "start": "2018", "end": "2019"},
    ]
    found = [_entry("Developer", "Acme", "2018", "2019")]
    assert cv.pair_entries(label, found) == [(1, 0)]


def test_experience_parts_say_which_part_of_an_entry_is_wrong() -> None:
    label = [
        {"title": "Intern", "company": "Persistent Systems Ltd", "start": "2022-01", "end": "present"},
        {"title": "Analyst", "company": "Bank of Nowhere", "start": "2020-03", "end": "2021-12"},
        {"title": "Tutor", "company": "Night School", "start": "2019", "end": "2020"},
        {"title": "Cashier", "company": "Corner Shop", "start": "2017", "end": "2018"},
    ]
    found = [
        _entry("INTERN", "Persistent Systems", "2022-01", "present"),  # all right (legal form dropped)
        _entry("Bank of Nowhere", "Analyst", "2020-03", "2021-12"),  # swapped
        _entry("Tutor", "Night", "2019", "2021"),  # title and start right, end and company wrong
        _entry("Lorem", "Ipsum", "2001", "2002"),  # near nothing: extra; the cashier is missed
    ]
    parts = cv.experience_parts(label, found)
    assert parts["found"] == (4, 4)
    assert parts["missed"] == (1, 4)
    assert parts["extra"] == (1, 4)
    assert parts["start"] == (3, 4)
    assert parts["dates"] == (2, 4)
    assert parts["title"] == (2, 4)
    assert parts["company"] == (1, 4)
    assert parts["title_company"] == (1, 4)
    assert parts["swapped"] == (1, 4)
    assert list(parts)[: len(cv.PARTS)] == list(cv.PARTS)
    assert cv.experience_parts([], [])["found"] == (0, 0)


def test_a_wrong_title_or_company_is_told_how_it_is_wrong() -> None:
    label = [
        {"title": "Engineer", "company": "Acme", "start": "2020", "end": "2021"},
        {"title": "Designer", "company": "Blue Studio", "start": "2018", "end": "2019"},
        {"title": "Teacher", "company": "North School", "start": "2016", "end": "2017"},
        {"title": "Clerk", "company": None, "start": "2014", "end": "2015"},
    ]
    found = [
        _entry("Engineer at Acme", None, "2020", "2021"),  # company empty, in the title; title holds more
        _entry("Designer Blue", "Studio", "2018", "2019"),  # title holds more, company a part
        _entry("Head", "Town Hall", "2016", "2017"),  # both other
        _entry("Clerk", "City Archive", "2014", "2015"),  # the label has no company
    ]
    parts = cv.experience_parts(label, found)
    counts = {name: count for name, (count, _) in parts.items() if count}
    assert counts["title_longer"] == 2 and counts["title_other"] == 1
    assert counts["company_empty"] == 1 and counts["company_part"] == 1
    assert counts["company_other"] == 1 and counts["company_unlabelled"] == 1
    # A company read inside the title field (the split missed) is told apart from one simply wrong.
    inside = cv.experience_parts(label[:1], [_entry("Engineer at Acme", "Remote", "2020", "2021")])
    assert inside["company_other_field"] == (1, 1)


def test_wrong_names_shifted_between_entries_a_place_or_left_in_the_description_are_told_apart() -> None:
    label = [
        {"title": "Consultant", "company": "Mergado", "start": "2018", "end": "2019"},
        {"title": "Copywriter", "company": "Okay Media", "start": "2016", "end": "2017"},
        {"title": "Lab Technician", "company": "Cereal Genetics Unit", "start": "2013", "end": "2015"},
    ]
    found = [
        _entry("Consultant", "Berlin, Germany", "2018", "2019"),  # a place
        _entry("Copywriter", "Mergado", "2016", "2017"),  # another entry's employer
        ExperienceEntry(title="Lab Technician", company="Staff", start="2013", end="2015",
                        description="Cereal Genetics Unit\nSequencing and genotyping"),
    ]
    parts = cv.experience_parts(label, found)
    assert parts["company_place"] == (1, 3)
    assert parts["company_another_entry"] == (1, 3)
    assert parts["company_in_description"] == (1, 3)
    assert parts["missed_cv"] == (0, 3)
    assert cv.experience_parts(label, [])["missed_cv"] == (3, 3)


def test_a_total_prints_as_right_of_total_and_its_share_in_columns() -> None:
    from evals.compare import count_line

    assert count_line("sections", 4, 4, indent=2, name_width=17, count_width=4) == "  sections             4/4    100.0%"
    assert count_line("experience", 248, 299, indent=2, name_width=17, count_width=4) == (
        "  experience         248/299   82.9%")
    assert count_line("salary", 0, 0, indent=2, name_width=16, count_width=2) == "  salary            0/0     n/a"


def test_spoken_languages_compare_by_the_language_whatever_language_names_it() -> None:
    assert cv.language_key("Englisch") == cv.language_key("anglais") == cv.language_key("English") == "en"
    recall, precision = cv.language_scores(["English", "Deutsch", "Krio"], ["Englisch", "German", "Polish"])
    assert recall == (2, 3)  # Krio, not read, is still counted as labelled
    assert precision == (2, 3)  # Polish is not labelled
    # A name outside the table is compared as written.
    assert cv.language_scores(["Krio"], ["krio"]) == ((1, 1), (1, 1))
    assert cv.language_scores([], []) == ((0, 0), (0, 0))


def test_a_cvs_languages_are_scored_by_name_not_level() -> None:
    from ai_coach.domain import LanguageEntry

    label = {"fields": {"name": None, "email": None, "phone": None, "location": None, "sections": [],
                        "experience": [], "skills": [], "languages": ["English", "Français"]}}
    parsed = ParsedCv(languages=[LanguageEntry(name="anglais", level="C1"), LanguageEntry(name="Spanish")])
    results = cv.score(label, parsed)
    assert results["languages_recall"] == (1, 2)
    assert results["languages_precision"] == (1, 2)


def test_first_sight_ledger_names_labelled_batches_with_sane_figures() -> None:
    """Every batch in the first-sight ledger has labels, and its figures are counts a run could print."""
    ledger = json.loads(cv.FIRST_SIGHT_PATH.read_text(encoding="utf-8"))["batches"]
    labelled = {cv.batch_of(path.stem) for path in cv.LABELS_DIR.glob("*.json")}
    assert set(ledger) <= labelled
    for batch, figures in ledger.items():
        assert re.fullmatch(r"[0-9a-f]{7,40}", figures["commit"]), batch
        for field in cv.FIRST_SIGHT_FIELDS:
            right, total = figures[field]
            assert 0 <= right <= total, (batch, field)


def test_first_sight_table_sets_each_batch_then_and_now_and_pools_them(tmp_path, capsys) -> None:
    ledger = tmp_path / "first_sight.json"
    ledger.write_text(json.dumps({"batches": {
        "x": {"commit": "abc1234", "experience": [2, 10], "sections": [8, 10]},
        "y": {"commit": "def5678", "experience": [3, 10], "sections": [9, 10]},
        "z": {"commit": "0123456", "experience": [1, 5], "sections": [5, 5]},
    }}), encoding="utf-8")
    now = {"x": {"experience": [8, 10], "sections": [10, 10]}, "y": {"experience": [4, 10], "sections": [9, 10]}}
    cv.print_first_sight(now, ledger)
    lines = capsys.readouterr().out.splitlines()
    assert any(line.split()[:2] == ["x", "abc1234"] and "2/10" in line and "8/10" in line for line in lines)
    pooled = next(line for line in lines if line.split()[:1] == ["all"])
    assert "5/20" in pooled and "12/20" in pooled  # y and x pooled; z was not in this run
    assert not any(line.split()[:1] == ["z"] for line in lines)
    assert cv.batch_of("w03_marmotaart-expertpdf-de") == "w"


def test_the_llm_path_is_scored_only_when_asked_and_configured(monkeypatch) -> None:
    for name in ("EVAL_LLM", "LLM_BASE_URL", "LLM_MODEL"):
        monkeypatch.delenv(name, raising=False)
    assert cv.llm_refinement() is None  # the offline reader alone, by default
    monkeypatch.setenv("EVAL_LLM", "1")
    with pytest.raises(DataUnavailable, match="LLM_BASE_URL and LLM_MODEL"):
        cv.llm_refinement()


def test_the_llm_path_scores_the_refined_parse_against_a_provider(monkeypatch) -> None:
    text = "Ada Lovelace\nExperience\nInitech 2018 - present\nBackend engineer\nSkills\nPython"
    heuristic = ParsedCv(full_name="Ada Lovelace", text=text,
                         experience=[ExperienceEntry(title="Initech", start="2018", end="present")])
    refined_entry = {"title": "Backend engineer", "company": "Initech", "start": "2018", "end": "present"}
    with FakeProvider.serve() as provider:
        provider.script = [Reply(json.dumps({"experience": [refined_entry]}))]
        monkeypatch.setenv("EVAL_LLM", "1")
        monkeypatch.setenv("LLM_BASE_URL", provider.base_url)
        monkeypatch.setenv("LLM_MODEL", "fake-model")
        refine = cv.llm_refinement()
        assert refine is not None
        refined = refine(heuristic)
    assert [(entry.title, entry.company) for entry in refined.experience] == [("Backend engineer", "Initech")]
    assert cv.experience_score([refined_entry], refined.experience) == (1, 1)
    assert cv.experience_score([refined_entry], heuristic.experience) == (0, 1)
    assert provider.requests[0]["model"] == "fake-model"


def test_a_cv_the_parser_could_not_read_is_counted_apart_in_the_totals(tmp_path, monkeypatch, capsys) -> None:
    # A parser that cannot read a file (here: bytes that are no PDF) scores zero everywhere; the totals say how
    # many CVs went unparsed, so a broken parser is not mistaken for one that found nothing.
    label = next(label for label in cv.load_labels(cv.LABELS_DIR) if label["split"] == "dev")
    (tmp_path / "cvs").mkdir()
    (tmp_path / "cvs" / label["file"]).write_bytes(b"not a PDF at all")
    monkeypatch.setenv("EVAL_CV_ONLY", label["id"])
    monkeypatch.setenv("EVAL_LINES", "none")
    monkeypatch.setenv("EVAL_TOTALS", "dev")
    totals = cv.run(tmp_path)
    assert totals["dev"]["unparsed"] == [1, 1]
    assert totals["dev"]["name"][0] == 0
    assert any(line.split()[:4] == ["CVs", "not", "parsed", "at"] and "1/1" in line
               for line in capsys.readouterr().out.splitlines())
