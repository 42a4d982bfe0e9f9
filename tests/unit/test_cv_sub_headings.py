"""Headings made of two heading phrases joined by a conjunction, and labels inside a section's entries that read
as headings only by their words (built from positioned lines, no PDF needed)."""

from __future__ import annotations

from ai_coach.cv.layout import Row
from ai_coach.cv.sections import split_sections
from tests.cv_rows import line


def rows(*lines) -> list[Row]:
    return [Row([item]) for item in lines]


def test_two_heading_phrases_joined_by_a_conjunction_open_their_section() -> None:
    sections = split_sections(rows(
        line(60, 700, "Nadia Berrada", 20.0),
        line(60, 650, "Diplômes et Formation académique", 14.0),
        line(60, 630, "2019 - 2021  Master en science des données, Université de Rabat"),
    ))
    assert [section.name for section in sections] == ["header", "education"]


def test_a_phrase_and_a_stem_joined_by_a_conjunction_stay_unread() -> None:
    sections = split_sections(rows(
        line(60, 700, "Nadia Berrada", 20.0),
        line(60, 650, "Recherche et Formation continue", 14.0),
        line(60, 630, "2019 - 2021  Master en science des données, Université de Rabat"),
    ))
    assert [section.name for section in sections] == ["header"]


def test_a_label_set_in_from_the_heading_and_smaller_stays_in_its_section() -> None:
    """"Projets et réalisations scolaires :" and "Outils utilisés :" inside an education entry, at the entries'
    left edge right of the heading's, in the body's size: part of the education section."""
    sections = split_sections(rows(
        line(60, 700, "Nadia Berrada", 20.0),
        line(60, 650, "Formation", 14.0),
        line(60, 630, "2019"), line(140, 630, "Master en science des données", bold=True),
        line(140, 615, "Université de Rabat"),
        line(140, 600, "Projets et réalisations scolaires :", bold=True),
        line(140, 585, "Création d'une application Android"),
        line(140, 570, "Outils utilisés :"),
        line(140, 555, "Flutter, Laravel"),
        line(60, 520, "Compétences", 14.0),
        line(60, 500, "Java, Python, SQL"),
    ))
    assert [section.name for section in sections] == ["header", "education", "skills"]
    assert "Outils utilisés :" in [row.text for row in sections[1].rows]


def test_a_label_at_the_headings_edge_still_opens_a_section() -> None:
    sections = split_sections(rows(
        line(60, 700, "Nadia Berrada", 20.0),
        line(60, 650, "Formation", 14.0),
        line(60, 630, "2019  Master en science des données"),
        line(60, 600, "Projets et réalisations scolaires :", bold=True),
        line(60, 585, "Création d'une application Android"),
    ))
    assert [section.name for section in sections] == ["header", "education", "projects"]


def test_programming_languages_curriculum_and_information_headings() -> None:
    from ai_coach.cv.sections import classify_styled_heading

    assert classify_styled_heading("LENGUAJES") == "skills"  # programming languages (spoken ones are "idiomas")
    assert classify_styled_heading("Langages de programmation") == "skills"
    assert classify_styled_heading("CURSUS") == "education"
    assert classify_styled_heading("Cursus universitaire") == "education"
    assert classify_styled_heading("INFORMACIÓN GENERAL") is None  # "formación" inside "información"
    assert classify_styled_heading("Informations complémentaires") is None
    assert classify_styled_heading("FORMACIÓN ACADÉMICA") == "education"


def test_a_smaller_heading_in_the_main_column_after_a_sidebars_heading_opens_its_section() -> None:
    sections = split_sections([
        Row([line(30, 700, "Nadia Berrada", 20.0)], column=1),
        Row([line(30, 650, "Langues", 16.0, bold=True)], column=1),
        Row([line(30, 630, "Arabe, Français, Anglais")], column=1),
        Row([line(250, 600, "Expérience en développement", 14.0, bold=True)], column=2),
        Row([line(250, 580, "2019 - 2021  Développeuse, Atlas Web, Rabat")], column=2),
    ])
    assert [section.name for section in sections] == ["header", "languages", "experience"]
