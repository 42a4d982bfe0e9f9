"""Headings by their type (issue 16, batch r): in a CV whose headings share one larger type, a list item that
holds a heading's word but is set like the items around it opens no section ("Project/People management" under
SOFT SKILLS), and a sidebar's last section ends where the sidebar does when the main column opens with no
heading in a type the section does not have (a PowerPoint CV's name over an icon-headed timeline), while a
section that flows on into the next column keeps its rows. Small synthetic pages through the parser."""

from __future__ import annotations

from ai_coach.cv.layout import TextLine, order_document
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


SIDEBAR = [(30, 700, "Compétences", 14, False)] + [
    (30, 680 - 13 * number, text, 9, False)
    for number, text in enumerate(["HTML5/CSS3", "JavaScript", "Python", "PHP", "SQL", "Linux", "Git", "Docker"])]


def test_a_sidebar_section_ends_where_the_sidebar_does() -> None:
    main = [(250, 790, "Manon Sample", 40, False), (250, 745, "Août 2019  Stagiaire développement", 14, False),
            (250, 722, "Gamned! - Marseille", 14, False), (330, 703, "Développement de modules back et front", 9, False),
            (250, 671, "Juin 2018  Chef de projet", 14, False), (330, 652, "Projet de jeu HTML en équipe", 9, False),
            (250, 617, "Sept. 2018  Ynov Aix Campus", 14, False), (330, 598, "Première année de bachelor", 9, False)]
    sections = dict(_page([*SIDEBAR, *main]))
    assert sections["skills"] == ["HTML5/CSS3", "JavaScript", "Python", "PHP", "SQL", "Linux", "Git", "Docker"]


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
