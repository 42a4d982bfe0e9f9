"""Experience entries from the layouts CV generators use: dates wrapped or stacked in a date column, headers
wrapped over rows, one-year positions, employers over their positions, sections without dates, headings
the phrase lists do not know. Positioned lines are built inside the test (no PDF needed); each test asserts
the entries a user would see (title, company, start, end)."""

from __future__ import annotations

import pytest

from ai_coach.cv.dates import find_date_range, find_wrapped_range
from ai_coach.cv.experience import build_experience
from ai_coach.cv.layout import Row
from ai_coach.cv.parser import parse_rows
from tests.cv_rows import line, seen, stacked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02/2022 – heute", ("2022-02", "present")),
        ("Juin 2021 - présent", ("2021-06", "present")),
        ("mars 2019 – actuel", ("2019-03", "present")),
        ("Enero 2020 - actualidad", ("2020-01", "present")),
        ("Сентябрь 2021 – по настоящее время", ("2021-09", "present")),
        ("Oktober 2009 - Juli 2012", ("2009-10", "2012-07")),
        ("Avr 2019 - Juil 2020", ("2019-04", "2020-07")),
        ("Febrero de 2019 - Marzo de 2020", ("2019-02", "2020-03")),
        ("2019 г. – 2021 г.", ("2019", "2021")),
        ("2019/09 - 2021/03", ("2019-09", "2021-03")),
        ("2021-03 – 2022-05", ("2021-03", "2022-05")),
    ],
)
def test_month_names_and_present_words_of_the_cv_languages(text: str, expected: tuple[str, str]) -> None:
    found = find_date_range(text)
    assert found is not None and found[:2] == expected


def test_a_range_broken_over_two_lines_is_joined_only_across_the_break() -> None:
    assert find_wrapped_range("Information Technology – August 2011 to", "May 2012") == ("2011-08", "2012-05")
    assert find_wrapped_range("2023 -", "н.в.") == ("2023", "present")
    assert find_wrapped_range("Software Engineer Intern, Albanian ELmarsos, April 2022", "until now.") == (
        "2022-04", "present")
    assert find_wrapped_range("Avr 2020", "Juil 2020") == ("2020-04", "2020-07")  # a date column, no dash
    assert find_wrapped_range("Graduated in 2015", "2016 – 2018 Acme") is None  # the next line's own dates
    assert find_wrapped_range("2022 -", "Built the billing service") is None


def test_dates_stacked_in_a_date_column_with_a_bar_between() -> None:
    rows = stacked(
        [line(37, 700, "Avr 2020", 8.4), line(102, 700, "Developpeur R Shiny, stage", 9.6, bold=True)],
        [line(53, 688, "|", 8.4), line(102, 688, "CERDI CNRS (Centre de Recherches et d’Etudes en", 9.0)],
        [line(37, 676, "Juil 2020", 8.4), line(102, 676, "Développement International)", 9.0)],
        [line(102, 664, "•", 8.4), line(108, 664, "Utilisation de R et du framework Shiny pour développer l’application", 8.4)],
        [line(107, 652, "EIVE (Economic Impacts of Volcanic Eruptions), stylisation avec CSS et JavaScript.", 8.4)],
        [line(37, 640, "Avr 2019", 8.4), line(102, 640, "Data Scientist, intern", 9.6, bold=True)],
        [line(53, 628, "|", 8.4), line(102, 628, "SAS LogoSapience", 9.0)],
        [line(37, 616, "Jun 2019", 8.4), line(102, 616, "•", 8.4), line(108, 616, "Système de recommandation basé sur contenu", 8.4)],
        [line(107, 604, "avec R et Python, base de données relationnelle qui stocke les résultats du calcul.", 8.4)],
    )
    assert seen(rows) == [
        ("Developpeur R Shiny, stage",
         "CERDI CNRS (Centre de Recherches et d’Etudes en Développement International)", "2020-04", "2020-07"),
        ("Data Scientist, intern", "SAS LogoSapience", "2019-04", "2019-06"),
    ]


def test_dates_beside_the_description_take_the_styled_header_above() -> None:
    rows = stacked(
        [line(102, 700, "Fluence Labs - Aqua Language - Разработчик компилятора - Scala", 9.0)],
        [line(102, 688, "Разработка компилятора Aqua - языка оркестрации вычислений:", 8.0)],
        [line(64, 676, "2023 -", 9.0), line(118, 676, "• Разработка на всех стадиях компиляции.", 8.0)],
        [line(69, 664, "н.в.", 9.0), line(118, 664, "• Проектирование и реализация оптимизаций.", 8.0)],
        [line(102, 640, "Тинькофф - Отдел Брокерских Систем - Backend разработчик - Scala", 9.0)],
        [line(102, 628, "Разработка бэкенда кредитного брокера:", 8.0)],
        [line(64, 616, "2021 -", 9.0), line(118, 616, "• Проектирование бизнес функционала.", 8.0)],
        [line(67, 604, "2022", 9.0), line(118, 604, "• Работа с RabbitMQ и Kafka.", 8.0)],
        [line(66, 580, "2021,", 9.0), line(102, 580, "Летняя Школа Слон в Пущино - Волонтер-Преподаватель", 9.0)],
        [line(67, 568, "2022", 9.0), line(102, 568, "Проведение курсов по Scala.", 8.0)],
    )
    assert seen(rows) == [
        ("Разработчик компилятора", "Fluence Labs", "2023", "present"),
        ("Backend разработчик", "Тинькофф", "2021", "2022"),
        ("Волонтер-Преподаватель", "Летняя Школа Слон в Пущино", "2021", "2022"),
    ]


def test_a_header_line_wrapped_over_two_rows_is_read_whole() -> None:
    # The column's text reaches x=516; "MANAGEMENT" would not have fit after "PROGRAM" at x=476.
    rows = stacked(
        [line(79, 700, "DIRECTOR OF SOLUTIONS AND SERVICES, MANAGER OF ENGINEERING PROGRAM", bold=True, width=397)],
        [line(79, 686, "MANAGEMENT – NELLYMOSER – 2006-2010", bold=True, width=209)],
        [line(79, 672, "Managed digital product development teams, wrote code for our bespoke mobile", width=437)],
        [line(79, 658, "SOFTWARE TEAM LEAD, PRINCIPAL SOFTWARE ENGINEER, SALES ENGINEER –", bold=True, width=373)],
        [line(79, 644, "CENTREPATH – 2003-2006", bold=True, width=125)],
        [line(79, 630, "Software developer and sales engineer, building a network management tool", width=346)],
    )
    assert seen(rows) == [
        ("DIRECTOR OF SOLUTIONS AND SERVICES, MANAGER OF ENGINEERING PROGRAM MANAGEMENT", "NELLYMOSER", "2006", "2010"),
        ("SOFTWARE TEAM LEAD, PRINCIPAL SOFTWARE ENGINEER, SALES ENGINEER", "CENTREPATH", "2003", "2006"),
    ]


def test_positions_within_one_year_or_season() -> None:
    rows = stacked(
        [line(79, 700, "CONSULTANT, FOUNDER – ALTISIMO COMPUTING – 1997-2004", bold=True)],
        [line(79, 686, "Founder and consultant")],
        [line(79, 672, "CTO, COFOUNDER – MOBILINGUA – 2004", bold=True)],
        [line(79, 658, "English-language-learning mobile application")],
    )
    assert seen(rows) == [
        ("CONSULTANT, FOUNDER", "ALTISIMO COMPUTING", "1997", "2004"),
        ("CTO, COFOUNDER", "MOBILINGUA", "2004", "2004"),
    ]
    docx_like = stacked(
        [line(0, 700, "Siemens Product Lifecycle Management", 11, bold=True)],
        [line(0, 686, "Full-time co-op positions, January 2013 – January 2016", 11)],
        [line(0, 672, "Developed corporate software during five semester-long internships.", 11)],
        [line(0, 658, "Cincinnati Hills Christian Academy", 11, bold=True)],
        [line(0, 644, "Part-time, Summer 2009", 11)],
        [line(0, 630, "Worked for the school’s IT department in a team environment.", 11)],
    )
    # A header that names only the employer leaves the title empty rather than calling the employer a job.
    assert seen(docx_like) == [
        (None, "Siemens Product Lifecycle Management", "2013-01", "2016-01"),
        (None, "Cincinnati Hills Christian Academy", "2009", "2009"),
    ]


def test_at_joins_a_title_to_its_employer_but_not_two_names() -> None:
    rows = stacked(
        [line(38, 700, "Aug. 2024–Oct. 2025 Compass Group at Microsoft", 11), line(479, 700, "Software Engineer")],
        [line(164, 686, "Implemented server-side rendering using Next.js.", 12)],
    )
    assert seen(rows) == [("Software Engineer", "Compass Group at Microsoft", "2024-08", "2025-10")]
    one_cell = stacked(
        [line(91, 700, "TeamLead at Automaton [Dec 2015 - Mar 2017]", 14.3)],
        [line(91, 686, "The company builds automated parking lots.", 10.9)],
        [line(44, 660, "Februar 2001 – April 2002", 11), line(192, 660, "Softwareentwickler bei media-streams.com ag, Zürich:", 11)],
        [line(192, 646, "• Teilzeitstelle parallel zum Studium", 11)],
    )
    assert seen(one_cell) == [
        ("TeamLead", "Automaton", "2015-12", "2017-03"),
        ("Softwareentwickler", "media-streams.com ag", "2001-02", "2002-04"),
    ]


def test_commas_split_the_company_row_not_the_title_row() -> None:
    rows = stacked(
        [line(57, 700, "08/2012 – 03/2014"), line(199, 700, "Offering Manager, Technical Support Services", bold=True)],
        [line(199, 686, "IBM Deutschland Customer Support Services GmbH")],
        [line(199, 672, "Tätigkeiten: Controlling Wartungs-Abdeckung")],
        [line(33, 640, "Сентябрь 2021 – наст. время Младший разработчик бэкенда", 12)],
        [line(164, 626, "Яндекс, группа разработки бэкенда SmartTV")],
        [line(164, 612, "• Занимаюсь разработкой видеосценария голосового ассистента")],
    )
    assert seen(rows) == [
        ("Offering Manager, Technical Support Services", "IBM Deutschland Customer Support Services GmbH",
         "2012-08", "2014-03"),
        ("Младший разработчик бэкенда", "Яндекс", "2021-09", "present"),
    ]


def test_employer_and_town_are_told_apart() -> None:
    rows = stacked(
        [line(13, 700, "[ 31/05/2020 – 29/08/2020 ]")],
        [line(145, 686, "Manager", 11, bold=True)],
        [line(145, 672, "Hotel Phoenix, Kiten", 11, bold=True)],
        [line(145, 658, "Manage reservations, staff and inventory.")],
        [line(44, 630, "Praktikum als Softwareentwickler bei Inalp AG, Bern: Juli 2000 - Oktober 2000", 11)],
        [line(192, 616, "• Produktentwicklung für Voice-Over-IP", 11)],
    )
    entries = build_experience(rows)
    assert [(e.title, e.company, e.location, e.start, e.end) for e in entries] == [
        ("Manager", "Hotel Phoenix", "Kiten", "2020-05", "2020-08"),
        ("Praktikum als Softwareentwickler", "Inalp AG", None, "2000-07", "2000-10"),
    ]
    wrapped = stacked(
        [line(44, 700, "Adecco (Stanford health care), Palo Alto — Service Support", 11, bold=True, width=300)],
        [line(44, 686, "Assistant/ materials management", 11, width=160)],
        [line(44, 672, "August 2017 - February 2018", 8)],
        [line(44, 658, "Assisted with frontline phone service, cycle count, and data entry.", 9, width=310)],
    )
    [entry] = build_experience(wrapped)
    assert (entry.title, entry.company, entry.location) == (
        "Service Support Assistant/ materials management", "Adecco (Stanford health care)", "Palo Alto")


def test_an_employer_header_groups_only_the_positions_set_apart_from_it() -> None:
    rows = stacked(
        [line(92, 700, "Orbital Sciences Corporation, Dulles, VA – May 2010 to August 2011", 12, width=380)],
        [line(92, 686, "Software Engineering Intern – May 2010 to August 2010", bold=True, width=290)],
        [line(93, 672, "• Documented and tested flight code software.", width=250)],
        [line(92, 658, "Private Software Engineering Contractor – May 2012 to August 2012", 12, width=380)],
        [line(93, 644, "• Developed applications for various clients.", width=250)],
    )
    assert seen(rows) == [
        ("Software Engineering Intern", "Orbital Sciences Corporation", "2010-05", "2010-08"),
        ("Private Software Engineering Contractor", None, "2012-05", "2012-08"),
    ]


def test_dates_inside_a_description_sentence_open_no_entry() -> None:
    rows = stacked(
        [line(79, 714, "MENTOR – TECHSTARS BOSTON – 2015-2018", bold=True)],
        [line(79, 707, "Focused on agile software product development")],
        [line(79, 700, "FOUNDING INSTRUCTOR AND MENTOR – BOSTON UNIVERSITY – 2018-2021, 2025", bold=True)],
        [line(79, 686, "Spark! fellowship: founding instructor recruited to develop original curriculum; team lead for")],
        [line(79, 672, "software engineering, agile software development, and high-performance teams (2018-2021);")],
        [line(79, 658, "mentor (2025).")],
        [line(79, 644, "ANGEL INVESTOR – 2021-PRESENT", bold=True)],
        [line(79, 630, "Investments focused on women and POC founders")],
    )
    # Most headers here hold title and employer on their line, so the plain line under "ANGEL INVESTOR" is its
    # description, not its employer.
    assert seen(rows) == [
        ("MENTOR", "TECHSTARS BOSTON", "2015", "2018"),
        ("FOUNDING INSTRUCTOR AND MENTOR", "BOSTON UNIVERSITY", "2018", "2025"),
        ("ANGEL INVESTOR", None, "2021", "present"),
    ]


def test_a_present_cell_alone_dates_the_current_position() -> None:
    rows = stacked(
        [line(54, 700, "FlixBus GmbH", 10.8), line(250, 700, "Software-Ingenieur", 10.8), line(485, 700, "Heutzutage", 10.8)],
        [line(68, 686, "Änderung des Lebens von ungefähr einer Milliarde Reisender.", 9.2)],
        [line(54, 672, "NeoGrid", 10.8), line(243, 672, "Senior PHP-Entwickler", 10.8), line(482, 672, "2015 - 2017", 10.8)],
        [line(68, 658, "Ich habe eine Web-App mit AngularJS entwickelt.", 9.2)],
    )
    assert seen(rows) == [
        ("Software-Ingenieur", "FlixBus GmbH", None, "present"),
        ("Senior PHP-Entwickler", "NeoGrid", "2015", "2017"),
    ]


def test_an_experience_section_without_dates_reads_its_title_and_company_rows() -> None:
    rows = stacked(
        [line(22, 700, "DC Analyst | Deloitte USI", 12, bold=True)],
        [line(22, 686, "Project Lead | Caddman 3d Technologies", 12, bold=True)],
        [line(19, 672, "-Designed wireless remote using nrf24l01", 12)],
        [line(21, 658, "Intern | Pingalaksh", 12, bold=True)],
        [line(21, 644, "-Designed a machine to purify air", 12)],
    )
    assert seen(rows) == [
        ("DC Analyst", "Deloitte USI", None, None),
        ("Project Lead", "Caddman 3d Technologies", None, None),
        ("Intern", "Pingalaksh", None, None),
    ]
    # Without an experience heading, such rows in the header are no entries (a name and headline row is not a job).
    header = stacked([line(22, 760, "Jane Sample | Software Engineer", 20, bold=True)],
                     [line(22, 740, "Product Lead | Example Corp", 12, bold=True)])
    cv = parse_rows(header + [Row([line(22, 720, "EDUCATION", 14, bold=True)])], "Jane Sample")
    assert cv.experience == []


def test_a_heading_set_like_the_known_ones_opens_experience_when_dated_jobs_follow() -> None:
    rows = stacked(
        [line(153, 760, "Richard Sample – Résumé", 20, bold=True)],
        [line(79, 740, "TEACHING AND TRAINING", 14, bold=True)],
        [line(79, 726, "INSTRUCTOR – HARVARD UNIVERSITY – 2015-2024", bold=True)],
        [line(79, 712, "CSCI E-71 Agile Software Development: author and instructor.")],
        [line(79, 698, "TEACHING ASSISTANT – HARVARD UNIVERSITY – 1997-2000", bold=True)],
        [line(79, 684, "CSCI E-124 Data Structures and Algorithms")],
        [line(79, 664, "SKILLS", 14, bold=True)],
        [line(79, 650, "Python, Java, Kotlin")],
        [line(79, 630, "FRAMEWORKS AND TOOLS", 14, bold=True)],
        [line(79, 616, "Django, Spring, Docker")],
        [line(79, 596, "CORPORATE EXPERIENCE", 14, bold=True)],
        [line(79, 582, "MENTOR – TECHSTARS BOSTON – 2015-2018", bold=True)],
        [line(79, 568, "Focused on agile software product development.")],
        [line(79, 548, "INVESTING AND INNOVATION", 14, bold=True)],
        [line(79, 534, "ANGEL INVESTOR – 2021-PRESENT", bold=True)],
        [line(79, 520, "Investments focused on women and POC founders")],
    )
    cv = parse_rows(rows, "\n".join(row.text for row in rows))
    assert [(e.title, e.company, e.start, e.end) for e in cv.experience] == [
        ("INSTRUCTOR", "HARVARD UNIVERSITY", "2015", "2024"),
        ("TEACHING ASSISTANT", "HARVARD UNIVERSITY", "1997", "2000"),
        ("MENTOR", "TECHSTARS BOSTON", "2015", "2018"),
        ("ANGEL INVESTOR", None, "2021", "present"),
    ]
    # A sub-heading in the skills section's type, with no jobs under it, leaves its rows to the skills.
    assert {"Django", "Docker", "Python"} <= set(cv.skills)
    assert cv.sections == ["experience", "skills"]


def test_a_cv_that_parts_its_headers_with_dashes_keeps_a_bar_inside_a_piece() -> None:
    rows = stacked(
        [line(79, 700, "INSTRUCTOR – HARVARD UNIVERSITY – 2015-2024", bold=True)],
        [line(79, 686, "Author and instructor of the agile course.")],
        [line(79, 672, "INSTRUCTOR – LINKEDIN LEARNING – 2018-PRESENT", bold=True)],
        [line(79, 658, "Author and instructor: Extreme Programming.")],
        [line(79, 651, "LEAD MENTOR, ORGANIZER – CHARLES RIVER CODERDOJO – 2014-PRESENT", bold=True)],
        [line(79, 648, "Lead mentor and co-organizer")],
        [line(79, 644, "TEACHER, COACH, AUTHOR – RICHARD SAMPLE | CERTIFIED TEAM BUILDING – 2013-PRESENT", bold=True)],
        [line(79, 630, "Certified Team Building program: author and instructor.")],
    )
    assert seen(rows)[3] == ("TEACHER, COACH, AUTHOR", "RICHARD SAMPLE | CERTIFIED TEAM BUILDING", "2013", "present")


def test_labels_brackets_and_the_employer_named_again_in_the_first_line() -> None:
    labelled = stacked(
        [line(308, 700, "• jul 2016 – sep 2016")],
        [line(308, 686, "Fietsenmaker – Budget Fietsenhuis Eindhoven. Taken:")],
        [line(308, 672, "Verkoop, opknappen en reparaties van tweedehands fiets-")],
        [line(308, 658, "• jan 2016 – mei 2016")],
        [line(308, 644, "Externe stage: Philips HHDx. Onderwerp: Quantification")],
        [line(308, 630, "of the antibody affinity of the Minicare BNP assay.")],
    )
    assert seen(labelled) == [
        ("Fietsenmaker", "Budget Fietsenhuis Eindhoven", "2016-07", "2016-09"),
        ("Externe stage", "Philips HHDx", "2016-01", "2016-05"),
    ]
    bracketed = stacked(
        [line(91, 640, "Blockchain researcher at Waves [Sep 2018  Dec 2019]", 14.3)],
        [line(91, 626, "Waves is an open blockchain protocol and development toolset.", 10.9)],
    )
    assert seen(bracketed) == [("Blockchain researcher", "Waves", "2018-09", "2019-12")]
    glued = stacked(
        [line(91, 640, "Lisp|Erlang Developer at Algorithmic Trading Company [Apr 2012 - Feb 2014]", 14.3)],
        [line(91, 626, "Trading robots for the exchange.", 10.9)],
    )
    # A bar glued to letters on both sides joins alternatives inside the title.
    assert seen(glued) == [("Lisp|Erlang Developer", "Algorithmic Trading Company", "2012-04", "2014-02")]
    from_description = stacked(
        [line(57, 700, "StarLeaf", 10.9), line(477, 700, "2021 – 2022", 10.9)],
        [line(73, 686, "Ingeniero software en StarLeaf, compañía de soluciones de comunicación.", 10.9)],
        [line(57, 660, "Câmara Municipal de São Bernardo do Campo", 10.9), line(472, 660, "2025 – Atual", 10.9)],
        [line(73, 646, "• Estagiário na área de informática;", 10.9)],
        [line(73, 632, "• Desenvolvimento e manutenção da estrutura de rede;", 10.9)],
    )
    assert seen(from_description) == [
        ("Ingeniero software", "StarLeaf", "2021", "2022"),
        ("Estagiário na área de informática", "Câmara Municipal de São Bernardo do Campo", "2025", "present"),
    ]


def test_the_employer_named_again_in_the_first_line_is_cut_whatever_the_spacing() -> None:
    # A justified Word line doubles its spaces: "Ingeniero  software  en  StarLeaf".
    for first_line in ("Ingeniero software en StarLeaf, compañía de soluciones.",
                       "Ingeniero  software  en  StarLeaf, compañía de soluciones.",
                       "Ingeniero software EN StarLeaf, compañía de soluciones."):
        rows = stacked(
            [line(57, 700, "StarLeaf", 10.9), line(477, 700, "2021 – 2022", 10.9)],
            [line(73, 686, first_line, 10.9)],
        )
        assert [(title.split(), company, start, end) for title, company, start, end in seen(rows)] == [
            (["Ingeniero", "software"], "StarLeaf", "2021", "2022")], first_line


def test_linkedin_layout_with_durations_and_a_place_under_the_dates() -> None:
    rows = stacked(
        [line(40, 700, "Acme Corp", 12)],
        [line(40, 686, "Senior Software Engineer", 10.5)],
        [line(40, 674, "January 2020 - Present (4 years 2 months)", 10.5)],
        [line(40, 662, "Berlin, Germany", 10.5)],
        [line(40, 650, "Built the billing system used by 2M customers.", 10.5)],
        [line(40, 630, "Initech", 12)],
        [line(40, 616, "Software Engineer", 10.5)],
        [line(40, 604, "March 2017 - December 2019 (2 years 10 months)", 10.5)],
        [line(40, 592, "Munich Area, Germany", 10.5)],
    )
    # The place under the dates is not a wrapped part of them: a line that ends with its dates is finished.
    assert seen(rows) == [
        ("Senior Software Engineer", "Acme Corp", "2020-01", "present"),
        ("Software Engineer", "Initech", "2017-03", "2019-12"),
    ]


def test_company_over_title_with_dates_and_places_on_the_right() -> None:
    rows = stacked(
        [line(40, 700, "Acme Corp", 10, bold=True), line(480, 700, "Berlin, Germany", 10)],
        [line(40, 688, "Senior Software Engineer", 9), line(470, 688, "Jan 2020 – Present", 9)],
        [line(50, 676, "• Built the billing system used by two million customers", 9)],
        [line(40, 660, "Initech", 10, bold=True), line(480, 660, "Austin, TX", 10)],
        [line(40, 648, "Software Engineer Intern", 9), line(470, 648, "May 2016 – Aug 2016", 9)],
        [line(50, 636, "• Wrote the reporting service", 9)],
    )
    assert seen(rows) == [
        ("Senior Software Engineer", "Acme Corp", "2020-01", "present"),
        ("Software Engineer Intern", "Initech", "2016-05", "2016-08"),
    ]


def test_dates_that_lead_each_entry_with_title_and_company_on_rows_of_their_own() -> None:
    rows = stacked(
        [line(40, 700, "Jan 2020 – Present")],
        [line(40, 688, "Software Engineer")],
        [line(40, 676, "Acme Corp")],
        [line(50, 664, "• Built the billing system for the whole company.")],
        [line(40, 650, "Mar 2017 – Dec 2019")],
        [line(40, 638, "Junior Developer")],
        [line(40, 626, "Initech")],
        [line(40, 614, "Wrote the reporting service for the finance team.")],
    )
    assert seen(rows) == [
        ("Software Engineer", "Acme Corp", "2020-01", "present"),
        ("Junior Developer", "Initech", "2017-03", "2019-12"),
    ]


def test_rows_under_two_columns_headings_on_one_row_are_parted_at_the_gutter() -> None:
    rows = stacked(
        [line(218, 760, "Thomas Sample", 20.7)],
        [line(81, 740, "COORDONNÉES", bold=True, width=76), line(357, 740, "EXPÉRIENCES PRO", bold=True, width=90)],
        [line(133, 726, "Bordeaux", width=44), line(229, 726, "Juin 2021 - Décembre 2021", bold=True, width=127)],
        [line(41, 712, "thomas@example.org", width=136), line(260, 712, "Développeur C++ chez Altran", bold=True, width=150)],
        [line(121, 698, "0683604789", width=56), line(288, 698, "- Travail sur un simulateur de prototypage", width=188)],
        [line(138, 684, "Permis B", width=39), line(288, 670, "- Travail sur un gros projet", width=150)],
    )
    cv = parse_rows(rows, "\n".join(row.text for row in rows))
    assert [(e.title, e.company, e.start, e.end) for e in cv.experience] == [
        ("Développeur C++", "Altran", "2021-06", "2021-12")]
    assert cv.contact.email == "thomas@example.org"
    # The contact column's lines no longer stand in the experience entry's description.
    assert "Permis B" not in cv.experience[0].description


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (stacked(
            [line(40, 700, "Depuis septembre 2020"), line(160, 700, "Ingénieur logiciel – Thales, Bordeaux", bold=True)],
            [line(160, 688, "Développement d’un simulateur de vol en C++.")],
            [line(40, 674, "2017 – 2020"), line(160, 674, "Développeur web – Capgemini, Paris", bold=True)],
            [line(160, 662, "Applications Angular pour des clients bancaires.")],
        ), [("Ingénieur logiciel", "Thales", "2020-09", "present"), ("Développeur web", "Capgemini", "2017", "2020")]),
        (stacked(
            [line(40, 700, "10/2018 – heute"), line(160, 700, "Softwareentwickler", bold=True)],
            [line(160, 688, "SAP SE, Walldorf")],
            [line(160, 676, "• Entwicklung von Cloud-Diensten")],
            [line(40, 662, "04/2015 – 09/2018"), line(160, 662, "Werkstudent", bold=True)],
            [line(160, 650, "Bosch GmbH, Stuttgart")],
            [line(160, 638, "• Testautomatisierung")],
        ), [("Softwareentwickler", "SAP SE", "2018-10", "present"), ("Werkstudent", "Bosch GmbH", "2015-04", "2018-09")]),
        (stacked(
            [line(40, 700, "Ведущий разработчик", 12, bold=True), line(420, 700, "Март 2019 — по настоящее время")],
            [line(40, 686, "ООО «Яндекс», Москва")],
            [line(50, 672, "• Разработка сервисов поиска")],
            [line(40, 656, "Разработчик", 12, bold=True), line(420, 656, "2016 г. — 2019 г.")],
            [line(40, 642, "АО «Тинькофф Банк»")],
            [line(50, 628, "• Бэкенд кредитных продуктов")],
        ), [("Ведущий разработчик", "ООО «Яндекс»", "2019-03", "present"),
            ("Разработчик", "АО «Тинькофф Банк»", "2016", "2019")]),
        (stacked(
            [line(40, 700, "Desarrollador Full Stack", 11, bold=True)],
            [line(40, 688, "Globant | Buenos Aires, Argentina | Ene 2019 - Actualidad")],
            [line(50, 676, "• APIs REST en Node.js")],
            [line(40, 660, "Programador Junior", 11, bold=True)],
            [line(40, 648, "Accenture | Madrid, España | Mar 2016 - Dic 2018")],
            [line(50, 636, "• Mantenimiento de aplicaciones Java")],
        ), [("Desarrollador Full Stack", "Globant", "2019-01", "present"),
            ("Programador Junior", "Accenture", "2016-03", "2018-12")]),
    ],
    ids=["french-since", "german-date-column", "russian-right-dates", "spanish-bars"],
)
def test_layouts_in_the_cv_languages(rows: list[Row], expected: list[tuple[str, str, str, str]]) -> None:
    assert seen(rows) == expected


def test_jobs_told_as_sentences_in_a_pasted_cv_give_their_title_and_employer() -> None:
    # Plain-text CVs often tell each job as a sentence; the title was read as "1) Currently Working" with
    # no employer, so the CV lost its occupation (a civil engineer ranked among unrelated postings).
    from ai_coach.cv import parse_cv_text

    cv = parse_cv_text(
        "Rahul Sharma\nSkills\nAutoCAD, Estimation, Site supervision\nExperience\n"
        "1) Currently Working at NOVA ENGINEERING WORKS Since MAY 2018 to TILL DATE as a CIVIL ENGINEER.\n"
        "2) Worked as Site Engineer with Larsen & Toubro Ltd from June 2015 to April 2018.\n"
        "3) Worked in a small team from 2013 to 2015 as part of the survey crew.\n"
        "Education\nB.E. Civil Engineering, Pune University, 2015\n")
    told = [(entry.title, entry.company, entry.start, entry.end) for entry in cv.experience]
    assert told[:2] == [("CIVIL ENGINEER", "NOVA ENGINEERING WORKS", "2018-05", "present"),
                        ("Site Engineer", "Larsen & Toubro Ltd", "2015-06", "2018-04")]
    # A sentence that names no job is not split into a title and an employer.
    assert all(title != "part of the survey crew" for title, *_ in told)


def test_linkedin_employers_set_like_the_headings_stay_with_their_positions() -> None:
    """LinkedIn's "Save to PDF": each employer in the type of the sidebar's headings, then the title a little
    smaller, then the dates. The employer is the entry's, and a title with a heading word in it ("Project
    Coordinator") opens no section."""
    rows = stacked(
        [line(40, 780, "Jane Sample", 26)],
        [line(40, 760, "Languages", 12)],
        [line(40, 746, "English (Native or Bilingual)", 10.5)],
        [line(40, 726, "Experience", 15.8)],
        [line(40, 706, "Water Network of Sierra Leone", 12)],
        [line(40, 692, "Team Lead", 11.5)],
        [line(40, 678, "September 2010 - Present (15 years 7 months)", 10.5)],
        [line(40, 664, "Promoting multi-stakeholder processes at the national and district levels.", 10.5)],
        [line(40, 644, "Global Call to Action Against Poverty", 12)],
        [line(40, 630, "National Contact Point", 11.5)],
        [line(40, 616, "September 2015 - Present (10 years 7 months)", 10.5)],
        [line(40, 602, "Coordinated the national campaign with partner organisations.", 10.5)],
        [line(40, 582, "Frontier Health Market Engage", 12)],
        [line(40, 568, "Project Coordinator", 11.5)],
        [line(40, 554, "July 2024 - October 2024 (4 months)", 10.5)],
        [line(40, 540, "Coordinated the health market programme across the districts.", 10.5)],
        [line(40, 520, "Education", 15.8)],
        [line(40, 500, "Njala University", 12)],
    )
    cv = parse_rows(rows, "\n".join(row.text for row in rows))
    assert [(e.title, e.company, e.start, e.end) for e in cv.experience] == [
        ("Team Lead", "Water Network of Sierra Leone", "2010-09", "present"),
        ("National Contact Point", "Global Call to Action Against Poverty", "2015-09", "present"),
        ("Project Coordinator", "Frontier Health Market Engage", "2024-07", "2024-10"),
    ]
    assert "projects" not in cv.sections
