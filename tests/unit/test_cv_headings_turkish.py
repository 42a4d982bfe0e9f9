"""Turkish section headings with both i's (dotted capital İ, dotless small ı) read as one letter, French
'parcours de ...' schooling headings, and a main column that opens with the name beside a sidebar read first
(issue 16, batch u). Synthetic rows and headings."""

from __future__ import annotations

import pytest

from ai_coach.cv.layout import Row
from ai_coach.cv.sections import classify_heading, classify_styled_heading, row_heading, split_sections
from tests.cv_rows import line


@pytest.mark.parametrize(("heading", "kind"), [
    ("EĞİTİM", "education"),
    ("Eğitim", "education"),
    ("HAKKIMDA", "summary"),
    ("Hakkımda", "summary"),
    ("DİLLER", "languages"),
    ("Yabancı Dil", "languages"),
    ("BECERİLER", "skills"),
    ("SERTİFİKALAR", "certifications"),
    ("DENEYİMLER", "experience"),
    ("İş Tecrübesi", "experience"),
    ("İLETİŞİM", "other"),
    ("İlgi Alanları", "other"),
    ("PARCOURS DE FORMATION", "education"),
])
def test_heading_phrases(heading: str, kind: str) -> None:
    assert classify_heading(heading) == kind


@pytest.mark.parametrize(("heading", "kind"), [
    ("TEKNİK BECERİLERİM", "skills"),
    ("EĞİTİM BİLGİLERİM", "education"),
    ("YABANCI DİLLER", "languages"),
])
def test_heading_stems(heading: str, kind: str) -> None:
    assert classify_styled_heading(heading) == kind


def test_a_main_column_opening_with_the_name_is_the_header() -> None:
    # The sidebar (column 1) is read first and ends with a skills list; the main column (column 2) opens with
    # the name in the page's largest type, then a heading of its own.
    rows = [
        Row([line(20, 700, "SKILLS", 11, bold=True)], column=1),
        Row([line(20, 680, "Python", 9)], column=1),
        Row([line(20, 660, "Java", 9)], column=1),
        Row([line(260, 760, "AYŞE YILMAZ", 30, bold=True)], column=2),
        Row([line(260, 720, "BİLGİSAYAR ÖĞRENCİSİ", 13, bold=True)], column=2),
        Row([line(260, 680, "PROFILE", 11, bold=True)], column=2),
        Row([line(260, 660, "Bilgisayar programcılığı öğrencisiyim ve yazılım geliştiriyorum.", 9)], column=2),
    ]
    sections = split_sections(rows)
    skills = next(section for section in sections if section.name == "skills")
    assert [row.text for row in skills.rows] == ["Python", "Java"]
    assert "AYŞE YILMAZ" in [row.text for row in sections[0].rows]


@pytest.mark.parametrize(("heading", "kind"), [
    ("E DUCACIÓN", "education"),
    ("I DIOMAS", "languages"),
    ("P ERFIL", "summary"),
])
def test_a_heading_with_its_first_letter_set_apart(heading: str, kind: str) -> None:
    assert row_heading(Row([line(50, 700, heading, 9, bold=True)]), 9.0) == kind


def test_a_lone_letter_before_a_word_that_is_no_heading_stays_no_heading() -> None:
    assert row_heading(Row([line(50, 700, "A PROPOS", 9, bold=True)]), 9.0) is None


def test_two_drop_cap_headings_side_by_side_part_their_columns() -> None:
    rows = [
        Row([line(50, 700, "E DUCACIÓN", 9, bold=True, width=60), line(350, 700, "I DIOMAS", 9, bold=True, width=45)]),
        Row([line(50, 680, "Ingeniería Electrónica", 9.5, bold=True, width=100),
             line(350, 680, "Spanish — C2", 9, bold=True, width=60)]),
        Row([line(50, 666, "Universidad Nacional", 9, width=100), line(350, 666, "English — B1", 9, width=60)]),
    ]
    by_name = {section.name: [row.text for row in section.rows] for section in split_sections(rows)}
    assert by_name["languages"] == ["Spanish — C2", "English — B1"]
    assert by_name["education"] == ["Ingeniería Electrónica", "Universidad Nacional"]


def test_a_label_column_read_as_a_column_gives_each_value_row_to_the_label_beside_it() -> None:
    # A Word table CV: the label cells (column 1) are read as one column, the value cells (column 2) after them;
    # a value's first line may stand a little above its label's.
    labels = [("Experience", 452), ("Projects", 360), ("Certificates", 312), ("Languages", 255)]
    rows = [Row([line(72, top - 12, text, 12, bold=True)], column=1) for text, top in labels]
    values = [("Acme Software Ltd.    07.2012 - 08.2014", 459), ("Database Programmer", 438),
              ("Research project on open clusters    02.2022 - 07.2023", 363), ("Network course, 400 hours", 309),
              ("English (advanced)", 261)]
    rows += [Row([line(165, top - 12, text, 12)], column=2) for text, top in values]
    by_name = {section.name: [row.text for row in section.rows] for section in split_sections(rows)}
    assert by_name["experience"] == ["Acme Software Ltd.    07.2012 - 08.2014", "Database Programmer"]
    assert by_name["projects"] == ["Research project on open clusters    02.2022 - 07.2023"]
    assert by_name["certifications"] == ["Network course, 400 hours"]
    assert by_name["languages"] == ["English (advanced)"]
