"""A CV pasted as plain text or Markdown gives its experience entries, whatever form it writes them in,
and lists that merely use dashes are not read as jobs."""

from __future__ import annotations

import pytest

from ai_coach.cv import parse_cv_text


def entries(text: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    return [(e.title, e.company, e.start, e.end) for e in parse_cv_text(text).experience]


def test_the_resume_site_export_gives_one_entry_per_company_block() -> None:
    text = """Skills * Python * SQL
Education Details
January 2015 to January 2019 B.E. Computer Science Pune, Maharashtra Pune University
Python Developer
Python Developer - Atos Syntel
Skill Details
PYTHON- Exprience - 15 months
MYSQL- Exprience - 7 monthsCompany Details
company - Atos Syntel
description - Duration: January 2017 to Till Date
Worked on computer vision for a bank.
company - Hamsa Hitech Pvt. Ltd
description - Design and coding in a .NET server-side environment.
company - Hamsa Hitech Pvt Ltd.
description - Maintenance of the CRM.
"""
    assert entries(text) == [("Python Developer", "Atos Syntel", "2017-01", "present"),
                             (None, "Hamsa Hitech Pvt. Ltd", None, None)]


@pytest.mark.parametrize(("company", "position", "period"), [
    ("Company", "Position", "Period"),
    ("Firma", "Position", "Zeitraum"),
    ("Entreprise", "Poste", "Période"),
    ("Empresa", "Puesto", "Periodo"),
    ("Компания", "Должность", "Период"),
])
def test_label_value_entries_in_five_languages(company: str, position: str, period: str) -> None:
    text = f"""Jana Novak
jana@example.org

{company}: Northwind Traders
{position}: Backend Engineer
{period}: 03/2019 - 06/2022
Built the ordering service.

{company}: Contoso
{position}: Junior Developer
{period}: 2016 - 2019
"""
    assert entries(text) == [("Backend Engineer", "Northwind Traders", "2019-03", "2022-06"),
                             ("Junior Developer", "Contoso", "2016", "2019")]


def test_title_at_company_with_the_dates_on_the_next_line() -> None:
    text = """Jana Novak
jana@example.org

EXPERIENCE

Senior Data Analyst at Fabrikam
Jan 2020 - Present
- Led the reporting team of four.

Data Analyst at Tailspin Toys
Sep 2017 - Dec 2019
- Built dashboards.

EDUCATION
MSc Statistics, University of Vienna, 2017
"""
    assert entries(text) == [("Senior Data Analyst", "Fabrikam", "2020-01", "present"),
                             ("Data Analyst", "Tailspin Toys", "2017-09", "2019-12")]


def test_company_title_and_dates_between_bars() -> None:
    text = """Jana Novak
jana@example.org

Work experience
Fabrikam | Product Manager | 2021 - present
Tailspin Toys | Business Analyst | 2018 - 2021
"""
    assert entries(text) == [("Product Manager", "Fabrikam", "2021", "present"),
                             ("Business Analyst", "Tailspin Toys", "2018", "2021")]


def test_markdown_headings_with_title_and_company() -> None:
    text = """# Jana Novak

jana@example.org

## Experience

### Tech Lead, Incubyte | Jun 2021 -- Present | Remote

- Led projects in Ruby on Rails.

### Software developer at [Reksoft](http://reksoft.com/)

*07.2012 - 08.2014* | Saint-Petersburg

- Developed features.

**Wipro** — Project Engineer, Sep 2020 -- Jun 2021

## Skills

- Ruby, Python
"""
    assert entries(text) == [("Tech Lead", "Incubyte", "2021-06", "present"),
                             ("Software developer", "Reksoft", "2012-07", "2014-08"),
                             ("Project Engineer", "Wipro", "2020-09", "2021-06")]


def test_undated_positions_under_an_experience_heading() -> None:
    text = """Jana Novak
jana@example.org

Professional Experience
Senior Accountant - Northwind Traders
Prepared the monthly close.
Accountant at Contoso
Handled payables.

Skills
Excel, SAP
"""
    assert entries(text) == [("Senior Accountant", "Northwind Traders", None, None),
                             ("Accountant", "Contoso", None, None)]


def test_a_skills_list_with_dashes_is_not_read_as_jobs() -> None:
    text = """Jana Novak
jana@example.org

Skills
- Python - Django - Flask
- Project management - Scrum
- Languages - English, German

Education
BSc Computer Science - University of Vienna
"""
    assert entries(text) == []


def test_a_labelled_volunteering_line_does_not_replace_the_positions() -> None:
    text = """# Jana Novak

jana@example.org

## Experience

### Backend Engineer at Northwind Traders
2019 - 2022

### Junior Developer at Contoso
2016 - 2019

## Volunteering

Organisation: Red Cross
Role: First-aid trainer
"""
    assert entries(text) == [("Backend Engineer", "Northwind Traders", "2019", "2022"),
                             ("Junior Developer", "Contoso", "2016", "2019")]


def test_a_header_line_of_places_only_is_no_position_and_no_error() -> None:
    """A dated line whose only words are places ("Dublin, Ireland") names no position; reading it must not fail."""
    cv = parse_cv_text("Jane Roe\njane@example.com\n\nExperience\nDublin, Ireland | Cork, Ireland  2017 - 2019\n"
                       "Kernel engineer, Arista Networks  2019 - 2021\n")
    assert ("Kernel engineer", "Arista Networks") in [(entry.title, entry.company) for entry in cv.experience]


@pytest.mark.parametrize(("header", "title", "company"), [
    ("Software Engineer at Acme Corp", "Software Engineer", "Acme Corp"),
    ("Software Engineer @ Acme Corp", "Software Engineer", "Acme Corp"),
    ("SOFTWARE ENGINEER AT ACME CORP", "SOFTWARE ENGINEER", "ACME CORP"),
    ("Softwareentwickler bei Acme Corp", "Softwareentwickler", "Acme Corp"),
    ("Développeur chez Acme Corp", "Développeur", "Acme Corp"),
    ("Ingeniero de software en Acme Corp", "Ingeniero de software", "Acme Corp"),
    # the words the layout reader splits at, pasted text splits at too (one EMPLOYER_JOIN)
    ("Krankenpfleger im Klinikum Nord", "Krankenpfleger", "Klinikum Nord"),
])
def test_a_word_joining_the_title_to_its_employer_splits_a_pasted_header(header: str, title: str, company: str) -> None:
    text = f"Jane Doe\njane@example.org\n\nExperience\n{header}, Jan 2020 - Mar 2022\n- Built things for the team.\n"
    assert entries(text) == [(title, company, "2020-01", "2022-03")]
