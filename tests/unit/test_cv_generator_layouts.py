"""Entries, headings and places laid out the way other generators set them (Awesome-CV and modern-cv,
Google Docs, a markdown page printed from a browser, Word tables, a LaTeX label column): positioned lines
built inside the test go through the parser's own reading order and entry reader, and each test asserts
what the user would see (title, company, dates; the section kinds; the town)."""

from __future__ import annotations

import pytest

from ai_coach.cv.dates import find_date_range
from ai_coach.cv.experience import build_experience
from ai_coach.cv.layout import TextLine, order_document
from ai_coach.cv.parser import parse_rows
from ai_coach.cv.text import clean_text
from tests.cv_rows import line

PAGE_HEIGHT = 842.0


def read(lines: list[TextLine]) -> list[tuple[str | None, str | None, str | None, str | None]]:
    rows = order_document([lines], [PAGE_HEIGHT])
    return [(entry.title, entry.company, entry.start, entry.end) for entry in build_experience(rows)]


def parse(lines: list[TextLine]):  # noqa: ANN201 - a ParsedCv
    rows = order_document([lines], [PAGE_HEIGHT])
    return parse_rows(rows, "\n".join(clean_text(row.text) for row in rows), page_count=1)


RIGHT = 556.0


def test_awesome_cv_employer_over_titles_with_places_and_dates_flush_right() -> None:
    """Bold employer with its town at the right, a small title with its dates at the right; the next
    position of the same employer has only its town above it, and its dates in lower case."""
    lines = [
        line(40, 700, "AFC Chile", 10, bold=True), line(0, 700, "Santiago, Chile", 9, right=RIGHT),
        line(40, 687, "ANALISTA DE SISTEMAS", 8), line(0, 687, "ago. 2023 \u2010 dic. 2023", 8, right=RIGHT),
        line(40, 674, "• Realizar análisis de los requerimientos y necesidades de los usuarios de AFC.", 9),
        line(0, 655, "Santiago, Chile", 9, right=RIGHT),
        line(40, 642, "ANALISTA FUNCIONAL PROYECTO RENOVACIÓN - BENEFICIOS Y PAGOS", 8),
        line(0, 642, "sept. 2018 \u2010 dic. 2020", 8, right=RIGHT),
        line(40, 629, "• Encargado del levantamiento de procesos y reglas de negocio de la unidad.", 9),
        line(40, 610, "Scotiabank Chile", 10, bold=True), line(0, 610, "Santiago, Chile", 9, right=RIGHT),
        line(40, 597, "ANALISTA REGULATORY REPORTING", 8), line(0, 597, "jul. 2013 \u2010 sept. 2015", 8, right=RIGHT),
        line(40, 584, "• Encargado de la generación y envío de reportes normativos.", 9),
    ]
    assert read(lines) == [
        ("ANALISTA DE SISTEMAS", "AFC Chile", "2023-08", "2023-12"),
        ("ANALISTA FUNCIONAL PROYECTO RENOVACIÓN - BENEFICIOS Y PAGOS", "AFC Chile", "2018-09", "2020-12"),
        ("ANALISTA REGULATORY REPORTING", "Scotiabank Chile", "2013-07", "2015-09"),
    ]


def test_a_dated_project_bullet_inside_a_job_stays_in_its_description() -> None:
    lines = [
        line(40, 700, "Link Consulting", 10, bold=True), line(0, 700, "Lisbon, Portugal (Remote)", 9, right=RIGHT),
        line(40, 687, "ASSOCIATE CONSULTANT (JAVA BACKEND DEVELOPER)", 8), line(0, 687, "Feb. 2023 - Present", 8, right=RIGHT),
        line(40, 674, "• EMSA - Maritime Safety (Dec. 2025 - Present)", 9, bold=True),
        line(52, 661, "– Migrated legacy services to modern Spring Boot applications.", 9),
        line(40, 648, "• MaxMat - Retail (Nov. 2024 - Dec. 2025)", 9, bold=True),
        line(52, 635, "– Worked on the Azure architecture of the warehouse management.", 9),
        line(40, 616, "Optiply", 10, bold=True), line(0, 616, "Évora, Portugal", 9, right=RIGHT),
        line(40, 603, "BACKEND INTERN", 8), line(0, 603, "Mar. 2022 - Jun. 2022", 8, right=RIGHT),
        line(52, 590, "– Developed a reactive microservice in Micronaut.", 9),
    ]
    assert read(lines) == [
        ("ASSOCIATE CONSULTANT (JAVA BACKEND DEVELOPER)", "Link Consulting", "2023-02", "present"),
        ("BACKEND INTERN", "Optiply", "2022-03", "2022-06"),
    ]


def test_title_over_employer_with_a_place_that_starts_with_an_apostrophe() -> None:
    lines = [
        line(42, 700, "Senior Software Engineer (Frontend)", 12, bold=True),
        line(0, 700, "'s-Hertogenbosch, Netherlands", 11, bold=True, right=RIGHT),
        line(42, 686, "ENPICOM", 10), line(0, 686, "March 2020 - June 2021", 9, right=RIGHT),
        line(42, 672, "• Developed a web application to visualise immunogenomics data", 10),
        line(42, 652, "Cofounder / CTO", 12, bold=True), line(0, 652, "Paris, France", 11, bold=True, right=RIGHT),
        line(42, 638, "Baselist", 10), line(0, 638, "June 2019 - December 2019", 9, right=RIGHT),
        line(42, 624, "• Pitched to Y Combinator, but was not accepted", 10),
    ]
    assert read(lines) == [
        ("Senior Software Engineer (Frontend)", "ENPICOM", "2020-03", "2021-06"),
        ("Cofounder / CTO", "Baselist", "2019-06", "2019-12"),
    ]


def test_employer_town_and_region_before_the_title_on_one_line() -> None:
    """Google Docs: 'Employer, Town, ST — Title', the dates under it, bullets with a '●' glyph."""
    lines = [
        line(50, 700, "Laney Media, Denver, CO — CFO", 11, bold=True),
        line(50, 686, "October 2019 - Present", 8),
        line(68, 672, "●", 9), line(86, 672, "Built out financial systems and models.", 9),
        line(50, 650, "Orenco, Sutherland, OR — Draftsman", 11),
        line(50, 636, "May 2015 - April 2017", 8),
        line(68, 622, "●", 9), line(86, 622, "Collaborated with engineering, sales, production and", 9),
        line(86, 610, "manufacturing departments to create accurate drawings.", 9),
    ]
    assert read(lines) == [
        ("CFO", "Laney Media", "2019-10", "present"),
        ("Draftsman", "Orenco", "2015-05", "2017-04"),
    ]


def test_employer_in_a_larger_type_above_a_description_line_the_dates_and_the_title() -> None:
    """A markdown CV printed from a browser: '### Employer', a line about it, the dates, the title."""
    lines = [
        line(43, 700, 'МТС Веб Сервисы (ООО "МВС"), Центр Геосервисов', 12.3),
        line(43, 684, "Разработка коммунальных и продуктовых сервисов, связанных с гео.", 10.5),
        line(43, 670, "Май 2024 - н.в. (1 год)", 10.5),
        line(43, 656, "Senior backend go-python developer", 10.5),
        line(73, 642, "Go + Python backend разработка", 10.5),
        line(73, 628, "Настраивал nginx и gRPC балансеры", 10.5),
        line(43, 608, "Whoosh", 12.3),
        line(43, 592, "Сервис кикшеринга, whoosh-bike.ru, Москва.", 10.5),
        line(43, 578, "Сентябрь 2021 - Май 2024 (2.5 года)", 10.5),
        line(43, 564, "Backend python-go developer", 10.5),
        line(73, 550, "Разработал с нуля бекенд сервиса лояльности", 10.5),
    ]
    assert read(lines) == [
        ("Senior backend go-python developer", 'МТС Веб Сервисы (ООО "МВС")', "2024-05", "present"),
        ("Backend python-go developer", "Whoosh", "2021-09", "2024-05"),
    ]


def test_a_header_line_in_the_body_type_ending_on_one_date() -> None:
    lines = [
        line(103, 700, "ELEKTRONIKER, MICHAEL KORN, 25548 KELLINGHUSEN – 09.2021", 9),
        line(103, 688, "• Elektroniker für Energie- und Gebäudetechnik", 9),
        line(103, 676, "ELEKTRONIKER, STADTWERKE NEUMÜNSTER, 24534 NEUMÜNSTER – 05.2023", 9),
        line(103, 664, "• Feine Glasfasern spleißen und installieren.", 9),
    ]
    assert read(lines) == [
        ("ELEKTRONIKER", "MICHAEL KORN", "2021-09", "2021-09"),
        ("ELEKTRONIKER", "STADTWERKE NEUMÜNSTER", "2023-05", "2023-05"),
    ]


def test_title_over_an_employer_wrapped_over_two_rows_over_the_dates() -> None:
    """The employer's name fills the column's width and goes on in the next row."""
    lines = [
        line(25, 700, "Data Science-лаборант", 11, bold=True),
        line(25, 686, "Лаборатория молекулярной нейродегенерации", 11),
        line(25, 672, "при СПбПУ", 11),
        line(25, 660, "04/2023 - В настоящем,", 7.1), line(0, 660, "Санкт-Петербург, Россия", 7.1, right=262),
        line(25, 650, "RnD в области нейробиологии, используя подходы ML", 7.1),
        line(34, 638, "Разработка сегментации калибровочных образцов", 8),
        line(25, 618, "Tech Lead, Software developer", 11, bold=True),
        line(25, 604, "Partner Finder (стартап)", 11),
        line(25, 592, "02/2023 - 06/2023", 7.1), line(0, 592, "Санкт-Петербург, Россия", 7.1, right=262),
        line(34, 580, "Создание поисковой системы для бизнес-предложений", 8),
    ]
    assert read(lines) == [
        ("Data Science-лаборант", "Лаборатория молекулярной нейродегенерации при СПбПУ", "2023-04", "present"),
        ("Tech Lead, Software developer", "Partner Finder (стартап)", "2023-02", "2023-06"),
    ]


def test_a_capitals_label_column_left_of_the_content_opens_its_sections() -> None:
    lines = [
        line(212, 780, "Božidar Mitrović", 20.7),
        line(36, 750, "ABOUT ME", 10), line(130, 750, "Computer science graduate building full-stack applications.", 10),
        line(36, 720, "EXPERIENCE", 10), line(132, 720, "• Backend Team Lead, Skylead", 10, bold=True),
        line(0, 720, "Jun 2023 – Present", 10, right=RIGHT),
        line(142, 708, "Led backend team, mentored junior developers and implemented scalable APIs", 10),
        line(132, 696, "• Backend Engineer Intern, YouTestMe", 10, bold=True), line(0, 696, "Oct 2019 – Jan 2020", 10, right=RIGHT),
        line(142, 684, "Built dynamic JSF-based web applications using PrimeFaces 7.0.", 10),
        line(36, 660, "EDUCATION", 10), line(130, 660, "University of Belgrade, Faculty of Mathematics", 10, bold=True),
        line(0, 660, "2017 – 2021", 10, right=RIGHT),
    ]
    cv = parse(lines)
    assert {"summary", "experience", "education"} <= set(cv.sections)
    assert [(entry.title, entry.company, entry.start, entry.end) for entry in cv.experience] == [
        ("Backend Team Lead", "Skylead", "2023-06", "present"),
        ("Backend Engineer Intern", "YouTestMe", "2019-10", "2020-01"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020, Jul-Okt. Die Hermes Software GmbH ist ein FinTech-", ("2020-07", "2020-10")),
        ("From May to August 2014, I was an intern", ("2014-05", "2014-08")),
        ("04/2023 - В настоящем", ("2023-04", "present")),
        (clean_text("ago. 2023 \u2010 dic. 2023"), ("2023-08", "2023-12")),
        ("Jan – Mar 2020", ("2020-01", "2020-03")),
    ],
)
def test_date_ranges_written_year_first_in_words_or_with_a_unicode_hyphen(text: str, expected: tuple[str, str]) -> None:
    found = find_date_range(text)
    assert found is not None and found[:2] == expected


def contact_cv(*rows: list[tuple[float, str]]):  # noqa: ANN201 - a ParsedCv
    """A header: the name, then rows of (x, text) cells, then one experience entry."""
    lines = [line(40, 780, "Stefan Haas", 24)]
    for number, cells in enumerate(rows):
        lines += [line(x, 750 - 14 * number, text, 10) for x, text in cells]
    lines += [line(40, 600, "Experience", 14, bold=True), line(40, 584, "Software Engineer, Acme — 2019 - 2021", 10)]
    return parse(lines)


def test_the_address_beside_its_label_in_a_table_row_gives_the_town() -> None:
    cv = contact_cv([(40, "E-Mail:"), (170, "stefan@example.com")],
                    [(40, "Anschrift:"), (170, "Hofwiesenstraße 7, 4553 Schlierbach")],
                    [(40, "Geburtsdatum:"), (170, "01.12.2000")])
    assert cv.contact.location == "Schlierbach"


def test_a_street_after_the_label_gives_way_to_the_town_line_under_it() -> None:
    cv = contact_cv([(40, "Address:"), (170, "2623 University Ave")], [(40, "Morgantown, West Virginia, 26505.")])
    assert cv.contact.location is not None and cv.contact.location.startswith("Morgantown")


def test_a_postcode_before_the_town_is_left_out_and_a_portuguese_postcode_is_no_phone() -> None:
    assert contact_cv([(40, "Adresse : 120 rue des Pyrénées,")], [(40, "75020 Paris, France.")]).contact.location == (
        "Paris, France")
    cv = contact_cv([(40, "Rua do Monte Redondo e Torrão 10A, 7000-736 Évora, Portugal")],
                    [(40, "(+351) 969 229 908 | goncalo@example.com")])
    assert cv.contact.location == "Évora"
    assert cv.contact.phone == "(+351) 969 229 908"


def test_an_international_number_outside_the_listed_ranges_is_still_the_phone() -> None:
    """'+44 7700 900123', printed in a contact block at the end, is in no range libphonenumber lists as
    valid, yet the '+' and the country code make it a phone number."""

    def with_contact_block(value: str):  # noqa: ANN202 - a ParsedCv
        return parse([
            line(40, 780, "Jane Sample", 24),
            line(40, 740, "Experience", 14, bold=True), line(40, 724, "Software Engineer, Acme — 2019 - 2021", 10),
            line(40, 680, "Contact", 14, bold=True), line(40, 664, value, 10), line(40, 650, "jane@example.com", 10),
        ])

    assert with_contact_block("+44 7700 900123").contact.phone == "+44 7700 900123"


def test_a_job_title_with_a_heading_word_in_it_is_an_entry_not_a_heading() -> None:
    """'> EDUCATIONAL ENGINEER' (Canva, bold caps like the headings) holds 'education' but names a job."""
    lines = [
        line(40, 780, "Julien Richard", 24),
        line(276, 740, "EXPÉRIENCES :", 13),
        line(276, 722, "> DEVOPS ENGINEER INTERN (CONSULTANT)", 11, bold=True),
        line(298, 708, "Technology and Strategy, Boulogne, 2023", 10),
        line(292, 694, "DevOps - Déploiement d'infrastructures interne avec Docker.", 10),
        line(276, 674, "> EDUCATIONAL ENGINEER", 11, bold=True),
        line(290, 660, "Colombbus & Play'n'Prog, Paris, 2018 - 2022", 10),
        line(290, 646, "Gestion de cours de programmation et de robotique.", 10),
        line(276, 620, "HOBBIES :", 13),
        line(279, 606, "Musique, programmation, jardinage.", 10),
    ]
    cv = parse(lines)
    assert "education" not in cv.sections
    assert [(entry.title, entry.company, entry.start, entry.end) for entry in cv.experience] == [
        ("DEVOPS ENGINEER INTERN (CONSULTANT)", "Technology and Strategy", "2023", "2023"),
        ("EDUCATIONAL ENGINEER", "Colombbus & Play'n'Prog", "2018", "2022"),
    ]


def test_a_town_in_brackets_after_the_employer_is_no_part_of_its_name() -> None:
    lines = [
        line(40, 700, "Orderpicker – Friesland Campina (Eindhoven)", 10, bold=True),
        line(0, 700, "jun 2008 – jan 2010", 10, right=RIGHT),
        line(40, 686, "Orders verzameld in het magazijn van de fabriek.", 10),
        line(40, 666, "Software Engineer – Endatabas (Berlin)", 10, bold=True),
        line(0, 666, "2023 – 2024", 10, right=RIGHT),
        line(40, 652, "Built the query engine.", 10),
    ]
    assert read(lines) == [
        ("Orderpicker", "Friesland Campina", "2008-06", "2010-01"),
        ("Software Engineer", "Endatabas", "2023", "2024"),
    ]


def test_dates_that_close_each_position_after_its_description() -> None:
    """The title in bold, its description, then its dates; the next title right after them."""
    lines = [
        line(50, 700, "Vedoucí vývoje", 10, bold=True),
        line(50, 686, "Vedení týmu (vývojáři, produktoví manažeři, testeři).", 10),
        line(50, 672, "Implementace procesů a organizace práce", 10),
        line(50, 658, "květen 2018 - současnost", 10),
        line(50, 640, "Konzultant", 10, bold=True),
        line(50, 626, "Komunikace s klienty a partnery.", 10),
        line(50, 612, "srpen 2017 - květen 2018", 10),
        line(50, 594, "Copywriter", 10, bold=True),
        line(50, 580, "Tvorba textů pro celý omnichannel", 10),
        line(50, 566, "září 2015 - leden 2016", 10),
    ]
    assert read(lines) == [
        ("Vedoucí vývoje", None, "2018-05", "present"),
        ("Konzultant", None, "2017-08", "2018-05"),
        ("Copywriter", None, "2015-09", "2016-01"),
    ]


def test_an_accent_set_over_latex_dotless_i_joins_its_letter() -> None:
    assert clean_text("Vedouc \u0301ı vývoje") == "Vedoucí vývoje"
    assert clean_text("Rusinsk ´y") == "Rusinský"


def test_a_town_where_the_employer_would_be_gives_way_to_the_employer_line_above() -> None:
    lines = [
        line(43, 700, "Stanford Healthcare/ Lucille Packard Children's Hospital", 11, bold=True),
        line(43, 686, "Palo Alto — Inventor control coordinator", 11),
        line(43, 673, "Demand planning, Data analytics and Reporting", 9),
        line(45, 661, "February 2018 -  PRESENT", 8),
        line(43, 649, "Creating item specific usage data pulled from multiple systems", 9),
        line(43, 637, "Analyzing and auditing data with vendors to prevent surplus", 9),
    ]
    assert read(lines) == [
        ("Inventor control coordinator", "Stanford Healthcare/ Lucille Packard Children's Hospital", "2018-02", "present"),
    ]


def test_an_employer_row_with_its_place_after_a_bullet_gives_the_employer_alone() -> None:
    lines = [
        line(40, 700, "Stripe • San Francisco, CA", 10, bold=True),
        line(40, 687, "SENIOR SOFTWARE ENGINEER", 8), line(0, 687, "Jan 2021 - Present", 8, right=RIGHT),
        line(40, 674, "• Led the payments API team of five engineers across two time zones.", 9),
        line(40, 655, "Figma • San Francisco, CA", 10, bold=True),
        line(40, 642, "SOFTWARE ENGINEER", 8), line(0, 642, "Jun 2018 - Dec 2020", 8, right=RIGHT),
        line(40, 629, "• Built the multiplayer editing service.", 9),
    ]
    assert read(lines) == [
        ("SENIOR SOFTWARE ENGINEER", "Stripe", "2021-01", "present"),
        ("SOFTWARE ENGINEER", "Figma", "2018-06", "2020-12"),
    ]
