"""Reading order of two-column pages built from positioned lines inside the test (no PDF needed)."""

from __future__ import annotations

import functools

from ai_coach.cv.layout import TextLine, order_page
from tests import cv_rows

# Cells a fixed 180 points wide (a column's width), not sized to their text.
line = functools.partial(cv_rows.line, width=180.0)


def texts(lines: list[TextLine]) -> list[str]:
    return [row.text for row in order_page(lines)]


def grid_two_columns() -> list[TextLine]:
    """A name across the page, then two columns set on one 16-point baseline grid (an HTML template with one
    font and leading for both), so most of their lines sit on common rows. Each column opens its own
    sections with a 16-point heading."""
    left = [
        (640, "Ausbildung", 16.0),
        (608, "2016 - 2018", 10.0),
        (592, "Frankfurt University of Applied Sciences", 10.0),
        (576, "Informatik Bachelor", 10.0),
        (544, "Kenntnisse", 16.0),
        (512, "Englisch C1", 10.0),
        (496, "Deutsch B2", 10.0),
    ]
    right = [
        (640, "Berufliche Laufbahn", 16.0),
        (608, "August 2019 - April 2020", 10.0),
        (592, "AdConnector", 10.0),
        (576, "Full-stack Developer", 10.0),
        (544, "Dezember 2018 - Juni 2019", 10.0),
        (528, "McDonalds", 10.0),
        (512, "Teilzeit Mitarbeiter", 10.0),
    ]
    return [
        line(70, 700, "Laurynas Puskunigis", size=40.0, width=260.0),
        *(line(70, y, text, size=size) for y, text, size in left),
        *(line(320, y, text, size=size) for y, text, size in right),
    ]


def test_two_columns_on_one_baseline_grid_are_read_one_after_the_other() -> None:
    order = texts(grid_two_columns())
    # The right column's jobs come in one run, not interleaved with the left column's education.
    jobs = order.index("Berufliche Laufbahn")
    assert order[jobs : jobs + 7] == [
        "Berufliche Laufbahn",
        "August 2019 - April 2020",
        "AdConnector",
        "Full-stack Developer",
        "Dezember 2018 - Juni 2019",
        "McDonalds",
        "Teilzeit Mitarbeiter",
    ]
    education = order.index("Ausbildung")
    assert order[education : education + 7] == [
        "Ausbildung",
        "2016 - 2018",
        "Frankfurt University of Applied Sciences",
        "Informatik Bachelor",
        "Kenntnisse",
        "Englisch C1",
        "Deutsch B2",
    ]


def test_label_column_with_body_size_heading_words_stays_row_layout() -> None:
    """A date column beside entry text shares its rows by design; a wrapped line of the text that happens to
    be a heading word ("Publications"), set like the body, does not make the two sides columns."""
    lines = [
        line(44, 700, "Berufserfahrung", size=14.0, width=120.0),
        line(44, 680, "seit 2014", width=100.0),
        line(192, 680, "Senior Developer bei IvoryCode GmbH", width=300.0),
        line(44, 666, "2007 - 2014", width=100.0),
        line(192, 666, "Review von Manuskripten für Manning", width=300.0),
        line(192, 652, "Publications", width=300.0),
        line(44, 638, "2002 - 2007", width=100.0),
        line(192, 638, "Softwareentwickler bei M&S AG", width=300.0),
    ]
    assert texts(lines)[1:] == [
        "seit 2014  Senior Developer bei IvoryCode GmbH",
        "2007 - 2014  Review von Manuskripten für Manning",
        "Publications",
        "2002 - 2007  Softwareentwickler bei M&S AG",
    ]


def test_a_full_width_section_under_two_columns_is_not_read_into_the_left_column() -> None:
    """Two columns of running text, then an "Experience" heading at the left margin with entry headers whose
    place and dates sit at the right: those short lines cross no gutter, yet they are a page-wide section
    read after both columns, each header's parts on one row."""
    left_text = [
        "Low-level engineer and maintainer,",
        "focused on long-term projects that",
        "have priority on correct-",
        "ness and doing the right thing.",
        "Born in Russia; self-taught in",
        "Linux and assembly.",
    ]
    right_text = [
        "Moved to bash scripting projects,",
        "including a home web scraper that",
        "gathered some data and",
        "statistics; a skill that was",
        "very handy since then. Emigrated",
        "to Ireland in 2017.",
    ]
    lines = [line(54, 700 - 12 * number, text) for number, text in enumerate(left_text)]
    lines += [line(300, 700 - 12 * number, text) for number, text in enumerate(right_text)]
    lines += [
        line(54, 610, "Experience", size=14.0, width=80.0),
        line(69, 592, "Arista Networks", width=90.0),
        line(468, 592, "Dublin, Ireland", width=80.0),
        line(84, 578, "Linux kernel engineer", width=110.0),
        line(468, 578, "Sept 17 - present", width=80.0),
        line(
            99, 560, "Currently working on TCP-AO support in the Linux kernel and its selftests.", width=450.0
        ),
    ]
    order = texts(lines)
    assert order[-4:] == [
        "Experience",
        "Arista Networks  Dublin, Ireland",
        "Linux kernel engineer  Sept 17 - present",
        "Currently working on TCP-AO support in the Linux kernel and its selftests.",
    ]
    assert order.index("to Ireland in 2017.") < order.index("Experience")


def test_a_main_columns_last_section_after_the_sidebar_ends_stays_in_the_main_column() -> None:
    """A main column at the left and a sidebar at the right that ends early: the main column's last section
    ("Projects", its dates at the main column's right edge, left of the gutter) has nothing beside it, yet it
    is that column's section, not a page-wide one. The sidebar is read after the whole main column, so the
    main column's sections keep their order and no sidebar line breaks into a job's bullet points."""
    main = [
        (700, "Experience", 14.0, 90.0),
        (680, "Senior Software Engineer", 10.0, 200.0),
        (666, "Stripe - San Francisco", 10.0, 200.0),
        (652, "Designed and implemented fraud detection", 10.0, 300.0),
        (638, "pipelines processing events in real time.", 10.0, 300.0),
        (610, "Software Engineer", 10.0, 200.0),
        (596, "Notion - San Francisco", 10.0, 200.0),
        (582, "Built real-time collaboration features.", 10.0, 300.0),
        (550, "Projects", 14.0, 80.0),
        (530, "DevFlow", 10.0, 120.0),
        (516, "Open-source CLI tool for automating PR", 10.0, 300.0),
        (502, "workflows with 2.5K GitHub stars.", 10.0, 300.0),
        (480, "Transit Prediction App", 10.0, 200.0),
        (466, "Built a transit prediction application.", 10.0, 300.0),
    ]
    sidebar = [
        (700, "Skills", 14.0, 60.0),
        (680, "Python", 10.0, 60.0),
        (666, "Go", 10.0, 60.0),
        (652, "Kubernetes", 10.0, 60.0),
        (624, "Links", 14.0, 60.0),
        (604, "github.com/johndoe", 10.0, 100.0),
    ]
    lines = [line(40, 760, "John Doe", size=24.0, width=150.0)]
    lines += [line(40, y, text, size=size, bold=size > 10, width=width) for y, text, size, width in main]
    lines.append(line(305, 480, "2022", width=25.0))  # the project's year, at the main column's right edge
    lines += [line(400, y, text, size=size, bold=size > 10, width=width) for y, text, size, width in sidebar]
    order = texts(lines)
    assert order.index("Notion - San Francisco") < order.index("Projects") < order.index("DevFlow")
    assert order.index("Transit Prediction App  2022") < order.index("Skills")
    assert order.index("Built real-time collaboration features.") + 1 == order.index("Projects")


def test_a_full_width_section_whose_lines_cross_the_gutter_is_read_after_a_grid_of_sections() -> None:
    """A grid of two-column sections, then a "Praktika" heading at the left margin whose entry lines run
    across the page: the heading has nothing under it in the zone (its first entry line crosses the gutter),
    so it heads the page-wide section below, not the left column's last one."""
    left = [(600, "Projekte", 12.0), (584, "To-do-Liste", 10.0), (570, "Schere-Stein-Papier Spiel", 10.0),
            (540, "Interessen", 12.0), (524, "Software", 10.0), (510, "Fitness", 10.0)]
    right = [(600, "Zertifikate", 12.0), (584, "Mittlerer Schulabschluss", 10.0), (570, "Udemy Kurs", 10.0),
             (540, "Sprachkenntnisse", 12.0), (524, "Arabisch", 10.0), (510, "Deutsch", 10.0)]
    lines = [line(40, 700, "Ramzi Bani Saad", size=20.0, width=200.0)]
    lines += [line(40, y, text, size=size, bold=size > 10) for y, text, size in left]
    lines += [line(300, y, text, size=size, bold=size > 10) for y, text, size in right]
    lines += [
        line(40, 480, "Praktika", size=12.0, bold=True, width=70.0),
        line(40, 464, "Elektroniker, Michael Korn, Kellinghusen - 09.2021", width=420.0),
        line(50, 450, "Elektroniker für Energie- und Gebäudetechnik", width=200.0),
    ]
    order = texts(lines)
    assert order[-3:] == [
        "Praktika",
        "Elektroniker, Michael Korn, Kellinghusen - 09.2021",
        "Elektroniker für Energie- und Gebäudetechnik",
    ]
    assert order.index("Deutsch") < order.index("Praktika")
