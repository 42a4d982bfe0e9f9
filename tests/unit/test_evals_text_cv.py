"""The text-CV evaluation's scoring (evals/text_cv.py): an entry is right with its title, an employer with
its company and dates alone; missing and invented entries both cost."""

from __future__ import annotations

from ai_coach.domain import ExperienceEntry
from evals.cv import same_entry
from evals.text_cv import matched, same_employer

LABELLED = [
    {"title": "ETL Developer", "company": "Reliance Infocomm Ltd", "start": None, "end": None},
    {"title": None, "company": "Tata Consultancy Services", "start": "2017-01", "end": "present"},
]


def test_an_employer_without_its_title_counts_as_an_employer_only() -> None:
    found = [ExperienceEntry(company="Reliance Infocomm"),
             ExperienceEntry(company="Tata Consultancy Services", start="2017-01", end="present")]
    assert matched(LABELLED, found, same_entry) == (1, 2)
    assert matched(LABELLED, found, same_employer) == (2, 2)


def test_wrong_dates_and_invented_entries_cost() -> None:
    found = [ExperienceEntry(company="Tata Consultancy Services", start="2017", end="present"),
             ExperienceEntry(company="UGC NET"), ExperienceEntry(company="Skill Details")]
    assert matched(LABELLED, found, same_employer) == (0, 3)
