"""Section headings set in a narrow column of their own left of the content, each on the baseline of its block's
first line, however wide the gutter and in no heading type (built from positioned lines, no PDF needed)."""

from __future__ import annotations

from ai_coach.cv.layout import order_page
from ai_coach.cv.sections import split_sections
from tests.cv_rows import line


def heading_column_cv() -> list:
    """A design CV: name and headline in the left column, then the headings "Experience", "Leadership",
    "Education", "Skills" at x=76 in the body's size, each beside its block's first line at x=236."""
    lines = [line(76, 732, "Dana Okafor", 9.0), line(236, 731, "danaokafor.me", 8.0),
             line(76, 716, "Product Designer", 8.0), line(236, 716, "dana@example.org", 8.0)]
    y = 670.0
    blocks = [
        ("Experience", ["2019 - 2020", "Lumen — Design Intern", "I designed the onboarding flow of the app."]),
        (None, ["2018 - 2019", "Northwind — Design Intern", "I built prototypes for the desktop app."]),
        ("Leadership", ["2017 - 2019", "Design Club — Head Instructor", "I taught weekly design lectures."]),
        ("Education", ["2016 - 2020", "Pacific University — B.A. in Psychology"]),
        ("Skills", ["Sketch, Figma, Illustrator, HTML/CSS"]),
    ]
    for heading, block in blocks:
        if heading is not None:
            lines.append(line(76, y, heading, 9.0))
        for text in block:
            lines.append(line(236, y, text, 9.0 if "—" in text else 8.0))
            y -= 15
        y -= 14
    return lines


def test_a_column_of_heading_cells_cuts_the_sections() -> None:
    sections = split_sections(order_page(heading_column_cv()))
    assert [(section.name, section.heading) for section in sections] == [
        ("header", ""), ("experience", "Experience"), ("other", "Leadership"), ("education", "Education"),
        ("skills", "Skills")]
    experience = [row.text for row in sections[1].rows]
    assert experience[0] == "2019 - 2020" and "Northwind — Design Intern" in experience
    assert not any("Design Club" in row for row in experience)  # the Leadership roles stay out of it


def test_one_heading_word_beside_content_makes_no_column() -> None:
    # (its content row holds a header, not only dates: a heading word beside a date cell opens its section by
    # another rule, sections._dates_only)
    lines = [line(76, 700, "Dana Okafor", 9.0), line(76, 670, "Experience", 9.0),
             line(236, 670, "Lumen — Design Intern", 9.0), line(236, 655, "2019 - 2020", 8.0),
             line(76, 620, "Portland", 9.0),
             line(236, 620, "I designed the onboarding flow.", 8.0)]
    assert [section.name for section in split_sections(order_page(lines))] == ["header"]
