"""Section headings by their words, in the languages the CVs come in (issue 16, batch r): word stems matched
without accents ("DATOS ACADÉMICOS", "FORMACION"), German compounds on "Kenntnisse" ("PC-Kenntnisse",
"Computerkenntnisse", letter-spaced "P C - K E N N T N I S S E") but not a level ("Grundkenntnisse"), a list
of programs under "PROGRAMAS" or "SOFTWARE", a heading joining experience and education read by what is under
it, and an "about me" block of personal data that is no summary. Small synthetic pages through the parser."""

from __future__ import annotations

import pytest

from ai_coach.cv.sections import classify_styled_heading
from tests.unit.test_cv_location import parse_page

HEADER = [(50, 790, "Maria Sample", 22), (50, 770, "maria.sample@example.com", 10)]


@pytest.mark.parametrize(("heading", "kind"), [
    ("DATOS ACADÉMICOS", "education"),
    ("Formacion", "education"),
    ("Formação Académica", "education"),
    ("PROGRAMAS", "skills"),
    ("PC-Kenntnisse", "skills"),
    ("P C - K E N N T N I S S E", "skills"),
    ("Computerkenntnisse", "skills"),
    ("Sprachkenntnisse", "languages"),
    ("Kursy", "other"),
])
def test_heading_words_by_their_stems(heading: str, kind: str) -> None:
    assert classify_styled_heading(heading) == kind


@pytest.mark.parametrize("item", ["Grundkenntnisse", "Spanisch (Grundkenntnisse)", "KI-Kompetenz", "Teamfähigkeit",
                                  "Software", "Software Engineering"])
def test_an_item_or_a_level_is_no_heading(item: str) -> None:
    assert classify_styled_heading(item) is None


def _sections(*lines: tuple[float, float, str, float]) -> list[str]:
    return parse_page([*HEADER, *lines]).sections


def test_an_unknown_spanish_heading_reads_as_education_and_its_schools_leave_the_experience() -> None:
    cv = parse_page([*HEADER,
                     (50, 700, "EXPERIENCIA LABORAL", 14), (50, 680, "Cocinero", 11), (50, 666, "Tgi Fridays", 11),
                     (50, 652, "2012 - 2015", 11),
                     (50, 620, "DATOS ACADÉMICOS", 14), (50, 600, "Universidad de Occidente", 11),
                     (50, 586, "Química y Farmacia, 2016 - 2018", 11),
                     (50, 550, "PROGRAMAS", 14), (50, 530, "Photoshop", 11), (50, 516, "Illustrator", 11)])
    assert cv.sections == ["experience", "education", "skills"]
    assert len(cv.experience) == 1  # the school under DATOS ACADÉMICOS is no job
    assert {"adobe photoshop", "adobe illustrator"} <= {skill.lower() for skill in cv.skills}


def test_a_letter_spaced_compound_heading_opens_the_skills() -> None:
    sections = _sections((50, 700, "S P R A C H E N", 14), (50, 680, "Deutsch", 11), (50, 666, "Englisch", 11),
                         (50, 630, "P C - K E N N T N I S S E", 14), (50, 610, "MS-Office", 11), (50, 596, "HTML", 11))
    assert sections == ["languages", "skills"]


def test_a_software_heading_set_as_a_heading_is_skills_but_a_tagline_is_not() -> None:
    assert _sections((50, 700, "SOFTWARE", 14), (50, 680, "Photoshop", 11), (50, 666, "Figma", 11)) == ["skills"]
    assert "skills" not in _sections((50, 740, "Software Engineering", 14), (50, 700, "Education", 14),
                                     (50, 680, "University of Porto", 11), (50, 666, "BSc, 2015 - 2019", 11))


def test_a_heading_joining_experience_and_education_over_schools_only_is_education() -> None:
    sections = _sections((50, 700, "Doświadczenie i edukacja", 14),
                         (50, 680, "Szkoła średnia: Technikum nr 17 w Katowicach (2020 – 2025)", 11),
                         (50, 666, "Szkoła podstawowa: Szkoła Podstawowa nr 29 (2012 – 2020)", 11),
                         (50, 630, "Umiejętności", 14), (50, 610, "Python, SQL", 11))
    assert sections == ["education", "skills"]


def test_a_heading_joining_experience_and_education_over_a_job_keeps_both_kinds() -> None:
    cv = parse_page([*HEADER, (50, 700, "Experience and Education", 14),
                     (50, 680, "Software Engineer", 11), (50, 666, "Northwind Traders", 11),
                     (50, 652, "Jan 2020 - Present", 11),
                     (50, 620, "University of Porto", 11), (50, 606, "BSc in Computer Science, 2015 - 2019", 11)])
    assert {"experience", "education"} <= set(cv.sections)
    assert cv.experience and cv.experience[0].title == "Software Engineer"


def test_an_about_me_block_of_personal_data_is_no_summary() -> None:
    sections = _sections((50, 700, "O mnie", 14), (50, 680, "Imię i nazwisko: Maja Sample", 11),
                         (50, 666, "Data urodzenia: 13.02.2006", 11), (50, 652, "Adres: ul. Morcinka, Katowice", 11),
                         (50, 620, "Umiejętności", 14), (50, 600, "Python, SQL", 11))
    assert "summary" not in sections
    assert _sections((50, 700, "O mnie", 14), (50, 680, "Jestem programistką z pasją do danych.", 11),
                     (50, 640, "Umiejętności", 14), (50, 620, "Python, SQL", 11))[0] == "summary"


@pytest.mark.parametrize("line", ["Tecnologias utilizadas: Java e Git", "Technologies used: Java, Git",
                                  "Eingesetzte Technologien: Java, Git"])
def test_the_tools_a_job_was_done_with_stay_in_the_job(line: str) -> None:
    sections = _sections((50, 700, "Experience", 14), (50, 680, "Software Engineer", 11),
                         (50, 666, "Northwind Traders", 11), (50, 652, "Jan 2020 - Present", 11), (50, 638, line, 11),
                         (50, 600, "Education", 14), (50, 580, "University of Porto", 11),
                         (50, 566, "BSc in Computer Science, 2015 - 2019", 11))
    assert sections == ["experience", "education"]
    assert "skills" in _sections((50, 700, "Experience", 14), (50, 680, "Software Engineer", 11),
                                 (50, 666, "Jan 2020 - Present", 11), (50, 640, "Skills: Java, Git", 11))


@pytest.mark.parametrize("heading", ["Passatempos", "Freizeit", "Aktivitäten & Engagement", "Attività extra-curricolari",
                                     "Wolontariat", "Publicações", "Nagrody"])
def test_headings_of_sections_the_parser_does_not_read(heading: str) -> None:
    assert classify_styled_heading(heading) == "other"
    assert classify_styled_heading("Premiere Pro") is None  # a program, not "premios"


def test_an_english_resume_title_is_no_french_summary_once_accents_are_dropped() -> None:
    assert classify_styled_heading("Resumé title") is None
    assert classify_styled_heading("RESUME") is None


def test_studies_alone_heads_education_but_case_studies_does_not() -> None:
    from ai_coach.cv.sections import classify_heading

    assert classify_heading("Studies") == "education"
    assert classify_heading("Case studies") != "education"
    assert classify_styled_heading("Case studies") != "education"
