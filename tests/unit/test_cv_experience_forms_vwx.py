"""Forms that recurred on batches v, w and x (issue 16) read as general mechanisms: the Hungarian and Korean date
with each part closed by its dot, a pin icon's place cell beside the dates (not a description's bullet), a unit in
brackets under or after the employer's name, legal forms of more countries, and a known heading after one
qualifying word. Each test builds positioned lines, as a PDF would give them."""

from __future__ import annotations

import pytest

from ai_coach.cv.dates import find_date_range
from ai_coach.cv.experience import _LEGAL_FORM
from ai_coach.cv.layout import Row
from ai_coach.cv.sections import row_heading
from tests.cv_rows import line, seen, stacked


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2021. 09. 01. – 2022. 02. 09.", "2021-09", "2022-02"),
        ("1995. 05. 01. - 2004. 12. 30.", "1995-05", "2004-12"),
        ("2021. 09. 01. – jelenleg", "2021-09", "present"),
    ],
)
def test_year_month_day_each_closed_by_a_dot(text: str, start: str, end: str) -> None:
    assert find_date_range(f"z {text}") == (start, end, (2, 2 + len(text)))


def test_a_number_of_people_after_a_date_is_no_day() -> None:
    # "2021. 09. 15 fő": no dot after the number, so no day is read into the date
    found = find_date_range("2021. 09. – 2022. 02. 15 fő")
    assert found is not None and found[:2] == ("2021-09", "2022-02")


def header(y: float, title: str, employer: str, unit: str | None, dates: str, place: str) -> list[list]:
    cells = [[line(35, y, title, 12)], [line(35, y - 16, employer, 10, bold=True)]]
    if unit:
        cells.append([line(35, y - 28, unit, 10, bold=True)])
    cells.append([line(38, y - 42, f"z {dates}", 9), line(186, y - 42, f"* {place}", 9)])
    cells.append([line(43, y - 57, "• A folyamatok optimális kialakításának koordinálása.", 10)])
    cells.append([line(43, y - 70, "• A szabályozók jogi kodifikációjának elvégzése.", 10)])
    return cells


def test_title_employer_unit_then_dates_with_a_pinned_place() -> None:
    rows = stacked(
        *header(700, "Osztályvezető", "BKM Nonprofit Zrt.", "(Compliance Szabályozás Osztály)",
                "2021. 09. 01. – 2022. 02. 09.", "XI. kerület"),
        *header(600, "Compliance szakreferens", "Főtáv Zrt. (Biztonságvédelmi Főosztály)", None,
                "2020. 04. 01. – 2021. 09. 01.", "Budapest"),
    )
    assert seen(rows) == [("Osztályvezető", "BKM Nonprofit Zrt.", "2021-09", "2022-02"),
                          ("Compliance szakreferens", "Főtáv Zrt.", "2020-04", "2021-09")]


@pytest.mark.parametrize("name", ["CompArt Stúdió Kft.", "Főtáv Zrt.", "Bonton film a.s", "VEPAK s. r. o.",
                                  "LPP Croatia d.o.o.", "Signal Geofísica LTDA", "ALIOR BANK SA", "Volvo AB"])
def test_legal_forms_of_more_countries(name: str) -> None:
    assert _LEGAL_FORM.search(name)


@pytest.mark.parametrize("text", ["Developer as contractor", "Das Team", "Sales Associate"])
def test_short_legal_forms_only_as_written(text: str) -> None:
    assert not _LEGAL_FORM.search(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("KORÁBBI SZAKMAI TAPASZTALAT", "experience"), ("Weitere Berufserfahrung", "experience"),
     ("Previous Work Experience", "experience"), ("KOMPETENCIÁK", "skills"), ("NYELVEK", "languages")],
)
def test_a_heading_after_one_qualifying_word(text: str, kind: str) -> None:
    assert row_heading(Row([line(35, 700, text, 17, bold=True)]), 10.0) == kind


def test_a_job_before_a_heading_word_is_no_heading() -> None:
    assert row_heading(Row([line(35, 700, "Senior Manager Education", 12, bold=True)]), 10.0) != "education"


def test_a_place_named_twice_is_the_place_and_the_name_before_it_the_employer() -> None:
    # Expert PDF (w03): "Name, Town   |   Town   |   dates" under a bold title; the cell that repeats the name's
    # tail is the place, whether the name has a legal form or not.
    rows = stacked(
        [line(202, 700, "Koch Teilzeit (20–40%)", 10, bold=True)],
        [line(202, 688, "Berit Klinik AG, Niederteufen   |   Niederteufen   |   06/2006 – 11/2006", 9)],
        [line(210, 673, "–  Kochen für Patienten und Personal", 9)],
        [line(202, 650, "Küchenchef", 10, bold=True)],
        [line(202, 638, "Hotel Blumenstein, Frauenfeld   |   Frauenfeld   |   02/2004 – 02/2006", 9)],
        [line(210, 623, "–  Führung der Küchenbrigade", 9)],
        [line(202, 600, "Sous-Chef / Saucier", 10, bold=True)],
        [line(202, 588, "Chalet Suisse, New York   |   New York, USA   |   04/1990 – 08/1990", 9)],
        [line(210, 573, "–  Saucen und Fonds", 9)],
    )
    assert seen(rows) == [("Koch Teilzeit (20–40%)", "Berit Klinik AG", "2006-06", "2006-11"),
                          ("Küchenchef", "Hotel Blumenstein", "2004-02", "2006-02"),
                          ("Sous-Chef / Saucier", "Chalet Suisse", "1990-04", "1990-08")]
