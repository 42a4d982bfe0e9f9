"""Headings by their type (issue 16, batch r): in a CV whose headings share one larger type, a list item that
holds a heading's word but is set like the items around it opens no section ("Project/People management" under
SOFT SKILLS); a section that flows on into the next column keeps its rows, an experience section laid out in
two columns too. Small synthetic pages through the parser."""

from __future__ import annotations

from ai_coach.cv.layout import Row, TextLine, order_document
from ai_coach.cv.sections import split_sections
from ai_coach.cv.text import clean_text
from tests.unit.test_cv_location import PAGE_HEIGHT, parse_page


def _page(lines: list[tuple[float, float, str, float, bool]]) -> list[tuple[str, list[str]]]:
    page = [TextLine(x, y, x + 0.5 * size * len(text), y + size, size, bold, text) for x, y, text, size, bold in lines]
    rows = order_document([page], [PAGE_HEIGHT])
    return [(section.name, [clean_text(row.text) for row in section.rows]) for section in split_sections(rows)]


def test_an_item_with_a_heading_word_set_like_its_list_opens_no_section() -> None:
    sections = _page([
        (50, 800, "Maria Sample", 24, True), (50, 770, "maria@example.com", 10, False),
        (50, 730, "EXPERIENCE", 17, True), (50, 710, "Software Engineer at Northwind", 10, False),
        (50, 696, "Jan 2020 - Present", 10, False),
        (50, 660, "SOFT SKILLS", 17, True), (50, 640, "Problem-solving", 10, False),
        (50, 626, "Project/People management", 10, False), (50, 612, "Mentoring", 10, False),
        (50, 580, "EDUCATION", 17, True), (50, 560, "University of Porto, 2015 - 2019", 10, False),
    ])
    assert [name for name, _ in sections] == ["header", "experience", "skills", "education"]
    assert "Project/People management" in dict(sections)["skills"]


def test_a_heading_word_in_the_headings_type_still_opens_its_section() -> None:
    cv = parse_page([(50, 800, "Maria Sample", 24), (50, 770, "maria@example.com", 10),
                     (50, 730, "Skills", 17), (50, 710, "Python", 10), (50, 696, "Go", 10),
                     (50, 660, "Projects", 17), (50, 640, "Billing service in Python", 10)])
    assert cv.sections == ["skills", "projects"]



def test_an_experience_section_in_two_columns_keeps_its_descriptions_and_later_entries() -> None:
    # A LibreOffice CV (held-out batch s): dates, title and employer in a narrow left column, the duties in
    # body type in the right one, read column by column. The right column opens in a type none of the left
    # column's rows has; a rule that ended the section there (a sidebar's end, written on one dev CV) lost 8
    # of that CV's 11 jobs. The rows are given in the order the layout reads such a page, columns marked.
    def row(x: float, y: float, text: str, size: float, bold: bool, column: int) -> Row:
        return Row([TextLine(x, y, x + 0.5 * size * len(text), y + size, size, bold, text)], page=0, column=column)

    rows = [row(40, 790, "Pedro Sample", 22, True, 0), row(40, 740, "EXPERIENCIA LABORAL", 14, True, 0)]
    jobs = [("Jun 2024 – Sep 2024", "ANALISTA DE SISTEMAS", "COSTA NORTE"),
            ("Jun 2021 – Jun 2023", "ASISTENTE ADMINISTRATIVO", "OASIS"),
            ("Mar 2013 – Dic 2019", "JEFE DE SISTEMAS", "GRASACA")]
    for number, job in enumerate(jobs):
        rows += [row(40, 700 - 90 * number - 14 * line, text, 10, line < 2, 1) for line, text in enumerate(job)]
    rows += [row(220, 700 - 90 * number - 11 * line, f"Atención a usuarios y soporte, tarea {number}.{line}", 9,
                 False, 2) for number in range(3) for line in range(5)]
    sections = [(section.name, [clean_text(r.text) for r in section.rows]) for section in split_sections(rows)]
    assert [name for name, _ in sections] == ["header", "experience"]
    experience = dict(sections)["experience"]
    assert "JEFE DE SISTEMAS" in experience and "Atención a usuarios y soporte, tarea 2.4" in experience


def test_a_section_that_flows_into_the_next_column_keeps_its_rows() -> None:
    left = [(30, 760, "HABILIDADES", 15, True), (30, 740, "HTML e CSS", 12, True),
            (30, 722, "Sei desenvolver landing pages com Bootstrap", 12, False),
            (30, 704, "e uso CSS para a estilização de sites", 12, False),
            (30, 686, "com responsividade e efeitos de design", 12, False)]
    right = [(300, 770, "JAVA", 12, True), (300, 752, "Sou familiarizado com a linguagem Java", 12, False),
             (300, 734, "e desenvolvi sistemas com Swing e JPA", 12, False),
             (300, 716, "sigo estudando o framework Spring e Kafka", 12, False)]
    sections = dict(_page([*left, *right]))
    assert "JAVA" in sections["skills"]
