"""Date ranges in the forms and languages CVs write them, read as the start and end of the entry a user sees.
Each form here was missed before (a month abbreviation of one language, a word for "until" or "now", a
two-digit end year, the same months of two years); an entry is built from positioned lines where the form
matters to the entry, else the range finder's reading is asserted."""

from __future__ import annotations

import pytest

from ai_coach.cv.dates import find_date_range, find_since
from ai_coach.cv.experience import build_experience
from ai_coach.cv.layout import Row
from tests.cv_rows import line


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Kwi 2022 - Lis 2022", "2022-04", "2022-11"),  # Polish abbreviations
        ("Sept ’17 – present", "2017-09", "present"),  # a two-digit year after an apostrophe (US CVs)
        ("Jan ’16 – Jul ’17", "2016-01", "2017-07"),
        ("Dec '15 – Jan '16", "2015-12", "2016-01"),
        ("01/2025 – Actuellement", "2025-01", "present"),  # French "currently"
        ("Sty 2019 – Gru 2020", "2019-01", "2020-12"),
        ("Paź 2023 – Wrz 2024", "2023-10", "2024-09"),
        ("Gen 2019 - Giu 2020", "2019-01", "2020-06"),  # Italian
        ("Mag 2018 – Ott 2018", "2018-05", "2018-10"),
        ("Abr 2021 – Dic 2022", "2021-04", "2022-12"),  # Spanish / Portuguese "abril"
        ("Mär 2015 – Déc 2016", "2015-03", "2016-12"),  # German "März", French "décembre"
        ("Июн 2020 – Нояб 2021", "2020-06", "2021-11"),  # Russian
        ("Setiembre 2017 – Julio 2018", "2017-09", "2018-07"),
        ("Maj - Sie 2020", "2020-05", "2020-08"),  # two months sharing the year
        ("Maj - Sie 2020 & 2021", "2020-05", "2021-08"),  # the same months of two summers
        ("Aprile 2025 - Ad Oggi", "2025-04", "present"),  # "until today" in Italian
        ("2022-Aktualnie", "2022", "present"),  # Polish "currently"
        ("Janvier 2020 – présent", "2020-01", "present"),
        ("2019 до 2021", "2019", "2021"),  # "to" in Russian, Polish, Dutch, Portuguese
        ("2019 do 2021", "2019", "2021"),
        ("2015 tot 2017", "2015", "2017"),
        ("2016 até 2018", "2016", "2018"),
        ("Enero 2016 al Marzo 2018", "2016-01", "2018-03"),
        ("2014 ‒ 2018", "2014", "2018"),  # figure dash
        ("01.08.2020 - 10.07.21", "2020-08", "2021-07"),  # a two-digit end year
        ("08/ 2024 to Present", "2024-08", "present"),  # month and year as typed in Word
        ("07 / 2025- Present", "2025-07", "present"),
        ("03-2019 – 11-2021", "2019-03", "2021-11"),
        ("desde marzo 2018 hasta la actualidad", "2018-03", "present"),  # the start's word is part of the dates
        ("de janvier 2019 à aujourd’hui", "2019-01", "present"),
        ("2019 – по наст. время", "2019", "present"),
        ("Summer 2019 - Fall 2020", "2019", "2020"),  # seasons stand for their years
        ("Sommer 2017 bis Herbst 2018", "2017", "2018"),
    ],
)
def test_range_forms(text: str, start: str, end: str) -> None:
    found = find_date_range(f"Analyst  {text}")
    # The whole of the dates is read (no word of them is left for the title): "Ad" of "Ad Oggi", "présent".
    assert found is not None and found == (start, end, (9, 9 + len(text)))


def test_a_version_number_and_a_year_are_no_range() -> None:
    assert find_date_range("Java 8 - 2019 migration") is None


def test_since_in_german_with_ab() -> None:
    assert find_since("ab März 2021") is not None and find_since("ab März 2021")[0] == "2021-03"


def test_town_then_polish_dates_then_employer_then_title() -> None:
    rows = [
        Row([line(300, 700, "Gdynia | Kwi 2022 - Lis 2022", 7.5)]),
        Row([line(300, 686, "SNIPES POLSKA", 8.5, bold=True)]),
        Row([line(300, 673, "Sprzedawca", 7.5)]),
        Row([line(300, 657, "Obsługa klienta, oparta na zapewnieniu możliwie pełnej informacji.", 8.0)]),
    ]
    # The town that leads the dates is where, the employer is set apart, the title is back in the dates' type.
    [entry] = build_experience(rows)
    assert (entry.title, entry.company, entry.location, entry.start, entry.end) == (
        "Sprzedawca", "SNIPES POLSKA", "Gdynia", "2022-04", "2022-11")


def test_german_full_dates_with_a_two_digit_end_year() -> None:
    rows = [
        Row([line(50, 700, "01.08.2020 - 10.07.21", 10.0), line(180, 700, "Jahrespraktikum bei Procter & Gamble", 10.0)]),
        Row([line(50, 686, "2019", 10.0), line(180, 686, "Werkfeuerwehr Infraserv Höchst", 10.0)]),
    ]
    entries = build_experience(rows)
    assert (entries[0].start, entries[0].end) == ("2020-08", "2021-07")


def test_letter_spaced_titles_beside_a_stacked_date_column() -> None:
    """A designer's layout: the start over the end of the dates in a column ("Abril 2022 ~" over "Actualidad",
    "Diciembre 2023" over "~ Actualidad"), the title letter-spaced beside the start, the employer beside the end."""
    rows = [
        Row([line(205, 700, "Diciembre 2023"), line(278, 700, "D e s a r r o l l a d o r   W e b   Fr e e l a n c e", 11, bold=True)]),
        Row([line(205, 686, "~ Actualidad"), line(279, 686, "PatagoniaDev - Viedma RN")]),
        Row([line(288, 672, "Desarrollo bajo demanda de tareas para los sistemas de los clientes.")]),
        Row([line(206, 650, "Abril 2022 ~"), line(280, 650, "D e s a r r o l l a d o r   P H P", 11, bold=True)]),
        Row([line(206, 636, "Actualidad"), line(280, 636, "Ministerio de Salud de Río Negro - Viedma RN")]),
        Row([line(289, 622, "Mantenimiento y desarrollo de nuevos módulos en el sistema.")]),
    ]
    assert [(e.title, e.company, e.start, e.end) for e in build_experience(rows)] == [
        ("Desarrollador Web Freelance", "PatagoniaDev", "2023-12", "present"),
        ("Desarrollador PHP", "Ministerio de Salud de Río Negro", "2022-04", "present"),
    ]


def test_an_employer_wrapped_after_a_comma_under_the_title_row() -> None:
    rows = [
        Row([line(216, 700, "Technicien de laboratoire", bold=True), line(468, 700, "2013 - aujourd’hui", bold=True)]),
        Row([line(216, 686, "Génétique, Diversité, et Ecophysiologie des Céréales,")]),
        Row([line(216, 672, "INRAE UMR GDEC 1095")]),
        Row([line(216, 658, "Mon travail se concentre principalement sur les analyses de données génétiques.")]),
    ]
    [entry] = build_experience(rows)
    assert (entry.title, entry.company, entry.start, entry.end) == (
        "Technicien de laboratoire", "Génétique, Diversité, et Ecophysiologie des Céréales, INRAE UMR GDEC 1095",
        "2013", "present")


def test_the_employer_on_the_one_row_between_the_heading_and_the_first_dates() -> None:
    """A Word CV in one type: the employer and its town in brackets, then the title beside its dates
    ("08/ 2024 to Present"): the row above the first dates can belong to no other entry."""
    rows = [
        Row([line(72, 700, "University of Central Florida (Orlando, FL)", 12)]),
        Row([line(72, 686, "Graduate Research Assistant  08/ 2024 to Present", 12)]),
        Row([line(72, 672, "Assist the Principal Investigator in research design, collecting and analyzing data.", 12)]),
        Row([line(72, 658, "Prepare and review reports and materials for the research group.", 12)]),
    ]
    [entry] = build_experience(rows)
    assert (entry.title, entry.company, entry.start, entry.end) == (
        "Graduate Research Assistant", "University of Central Florida", "2024-08", "present")
