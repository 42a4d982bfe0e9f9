"""A two-column CV's columns run on over the page break: the right column's jobs at the top of page 2 stay in the
experience section it ended page 1 in, although the reading order has just passed through the left column's own
heading on page 2."""

from __future__ import annotations

from ai_coach.cv.experience import build_experience
from ai_coach.cv.layout import Row
from ai_coach.cv.sections import split_sections
from tests.cv_rows import line

SIDEBAR, MAIN = 1, 2  # the layout's column numbers: the left and the right part of a page cut in two
X = {SIDEBAR: 40.0, MAIN: 260.0}


def _column(page: int, column: int, texts: list[tuple[str, float, bool]]) -> list[Row]:
    """One column's rows as the layout hands them over (page, column number, position)."""
    rows, y = [], 760.0
    for text, size, bold in texts:
        rows.append(Row([line(X[column], y, text, size=size, bold=bold)], page=page, column=column))
        y -= size * 1.7
    return rows


def _two_pages(page_two_sidebar: list[tuple[str, float, bool]],
               page_two_main: list[tuple[str, float, bool]]) -> dict[str, list[str]]:
    rows = _column(0, SIDEBAR, [("SKILLS", 14, True), ("Python", 10, False), ("SQL", 10, False), ("Excel", 10, False)])
    rows += _column(0, MAIN, [
        ("EXPERIENCE", 14, True),
        ("Warehouse Team Lead", 11, True), ("Nordlager GmbH", 10, False), ("03/2019 - 12/2023", 10, False),
        ("Ran the night shift of twelve pickers", 10, False),
        ("Forklift Driver", 11, True), ("Nordlager GmbH", 10, False), ("01/2016 - 02/2019", 10, False),
        ("Loaded and unloaded lorries on the dock", 10, False)])
    # The reading order: page 1's sidebar, then its main column; page 2's sidebar, then its main column.
    rows += _column(1, SIDEBAR, page_two_sidebar) + _column(1, MAIN, page_two_main)
    sections: dict[str, list[str]] = {}
    for section in split_sections(rows):
        sections.setdefault(section.name, []).extend(row.text for row in section.rows)
    sections["jobs"] = [entry.title or "" for entry in build_experience(
        [row for section in split_sections(rows) if section.name == "experience" for row in section.rows])]
    return sections


def test_the_main_column_continues_its_section_past_the_sidebars_heading_on_page_two() -> None:
    sections = _two_pages(
        [("EDUCATION", 14, True), ("Berufsschule Hamburg", 10, False), ("2013 - 2015", 10, False),
         ("Fachlagerist", 10, False)],
        [("Shelf Stocker", 11, True), ("Frischmarkt KG", 10, False), ("06/2014 - 12/2015", 10, False),
         ("Filled shelves and checked sell-by dates", 10, False)])
    assert sections["jobs"] == ["Warehouse Team Lead", "Forklift Driver", "Shelf Stocker"]
    assert not any("Frischmarkt" in text for text in sections["education"])
    assert any("Berufsschule" in text for text in sections["education"])


def test_a_heading_taken_up_again_on_page_two_means_the_text_flows_column_to_column() -> None:
    # Page 2 repeats EXPERIENCE at the top of the left column and then opens LANGUAGES; the right column's
    # rows are the languages running on (a newspaper flow), not more experience.
    sections = _two_pages(
        [("EXPERIENCE", 14, True), ("Picker", 11, True), ("Nordlager GmbH", 10, False),
         ("2014 - 2015", 10, False), ("LANGUAGES", 14, True), ("German (native)", 10, False)],
        [("English (B2), two years in a team at the Rotterdam port", 10, False),
         ("Polish (A2), evening classes at the Volkshochschule", 10, False)])
    assert "English (B2), two years in a team at the Rotterdam port" in sections["languages"]
    assert not any("English" in text for text in sections["experience"])
