"""Dates, entry headers and reading order on positioned lines built inside the test (no PDF needed)."""

from __future__ import annotations

import functools

from ai_coach.cv.dates import find_date_range, find_since
from ai_coach.cv.experience import build_experience
from ai_coach.cv.layout import Row, order_page
from ai_coach.cv.parser import parse_rows
from tests import cv_rows

# Cells a fixed 230 points wide (a column's width), not sized to their text.
line = functools.partial(cv_rows.line, width=230.0)


def rows_of(*texts: str, bold_first: bool = False) -> list[Row]:
    return [Row([line(50, 700 - 14 * number, text, bold=bold_first and number == 0)]) for number, text in enumerate(texts)]


def test_since_and_wrapped_end_year() -> None:
    assert find_since("seit Oktober 2014  Senior Developer") == ("2014-10", (0, 17))
    assert find_since("depuis 2020") == ("2020", (0, 11))
    start, end, span = find_date_range("Februar 2008 - December  Software Engineer") or (None, None, (0, 0))
    assert (start, end, span) == ("2008-02", "present", (0, 23))  # the dangling month belongs to the dates


def test_entry_headers() -> None:
    rows = [
        Row([line(50, 700, "Founder and CEO, Endatabas (2023-2024, Canada)", bold=True)]),
        Row([line(60, 686, "• Built the product")]),
        Row([line(50, 672, "Fietsenmaker – Budget Fietsenhuis. Taken: Verkoop en reparaties 2016 – 2017", bold=True)]),
        Row([line(60, 658, "• Repaired bicycles")]),
        Row([line(50, 644, "Februar 2008 - December", width=120), line(192, 644, "Softwareentwickler bei M&S AG, Bern")]),
        Row([line(50, 630, "2009", width=40), line(192, 630, "• Entwicklung eines Informationssystems")]),
        Row([line(50, 616, "seit Oktober 2014", width=120), line(192, 616, "Senior Developer bei IvoryCode GmbH")]),
        Row([line(192, 602, "• Moderne Frontend-Entwicklung")]),
    ]
    entries = [(e.title, e.company, e.start, e.end) for e in build_experience(rows)]
    assert entries == [
        ("Founder and CEO", "Endatabas", "2023", "2024"),
        ("Fietsenmaker", "Budget Fietsenhuis", "2016", "2017"),
        ("Softwareentwickler", "M&S AG", "2008-02", "2009-12"),
        ("Senior Developer", "IvoryCode GmbH", "2014-10", "present"),
    ]


def test_title_row_keeps_its_dash_when_the_company_row_is_split_at_bars() -> None:
    rows = [
        Row([line(50, 700, "AWS Serverless Engineer — Cloud Integration Specialist", bold=True)]),
        Row([line(50, 686, "Astro Cloud Ltd  |  Hamilton, New Zealand  |  Apr 2024 — Present", size=9)]),
        Row([line(60, 672, "• Built serverless backends", size=9)]),
        Row([line(60, 658, "• Kept them running", size=9)]),
    ]
    [entry] = build_experience(rows)
    assert (entry.title, entry.company) == ("AWS Serverless Engineer — Cloud Integration Specialist", "Astro Cloud Ltd")


def test_two_row_aligned_columns_of_running_text_are_read_one_after_the_other() -> None:
    left = ["Biomedical Engineering at the university of", "technology, graduated on a novel glucose", "biosensor based on tethered particle mo-",
            "tion and magnetic particles.", "Erasmus exchange in Barcelona with", "courses on molecular biology."]
    right = ["Process Test Engineer at Philips, with", "measurements on the product under", "development and analysis of the re-",
             "sults for the team.", "Bicycle mechanic at a repair shop", "selling and repairing used bicycles."]
    lines = [line(34, 700 - 12 * n, text) for n, text in enumerate(left)]
    lines += [line(308, 700 - 12 * n, text) for n, text in enumerate(right)]
    texts = [row.text for row in order_page(lines)]
    assert texts == left + right


def test_an_experience_list_without_a_heading_is_still_read() -> None:
    rows = rows_of(
        "Mikhail Sample - Lisp Developer", "sample@example.org",
        "Solution Architect at Insolar [Jan 2020 - Jan 2021]", "Designed the node software.",
        "System Architect at Enecuum [Mar 2017 - Sep 2018]", "Built the virtual machine.",
    )
    cv = parse_rows(rows, "\n".join(row.text for row in rows))
    assert [(e.title, e.company, e.start, e.end) for e in cv.experience] == [
        ("Solution Architect", "Insolar", "2020-01", "2021-01"),
        ("System Architect", "Enecuum", "2017-03", "2018-09"),
    ]
    assert "experience" in cv.sections
