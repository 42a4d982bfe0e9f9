"""Entry rows that label their fields (issue 16, batch u): the employer in bold, 'Cargo: Title' under it, and a
word labelling the dates ('Período 08/2021 – 08/2023'), which names no employer. Synthetic rows."""

from __future__ import annotations

import pytest

from ai_coach.cv.experience import build_experience
from tests.cv_rows import line, seen, stacked


@pytest.mark.parametrize("label", ["Período", "Zeitraum:", "Dates :", "Dönem"])
def test_a_word_labelling_the_dates_is_no_employer(label: str) -> None:
    rows = stacked(
        [line(60, 700, "Koden Digital", 12, bold=True)],
        [line(60, 683, "Cargo: Desenvolvedor Front-end", 11)],
        [line(60, 653, f"{label} 08/2021 – 08/2023", 11)],
        [line(60, 623, "Principais atividades: Trabalhei com desenvolvimento de sistemas e websites.", 11)],
        [line(60, 560, "Itanet", 12, bold=True)],
        [line(60, 543, "Cargo: Analista de suporte computacional", 11)],
        [line(60, 513, f"{label} 09/2018 – 08/2021", 11)],
        [line(60, 483, "Principais atividades: Trabalhei com montagem de computadores.", 11)],
    )
    assert seen(rows) == [
        ("Desenvolvedor Front-end", "Koden Digital", "2021-08", "2023-08"),
        ("Analista de suporte computacional", "Itanet", "2018-09", "2021-08"),
    ]


def test_an_employer_with_its_legal_form_then_town_and_region() -> None:
    rows = stacked(
        [line(51, 432, "Practicante", 9.5, bold=True), line(461, 432, "May 2024 – Nov 2024", 8.5)],
        [line(51, 418, "HOLCIM S.A., Nobsa, Boyacá", 9)],
        [line(62, 402, "• Automatización de la recolección y procesamiento de datos operativos.", 9)],
    )
    assert seen(rows) == [("Practicante", "HOLCIM S.A.", "2024-05", "2024-11")]


def _employer_with_address(employer: str, y: float, bold: bool = True) -> list:
    return [line(51, y, employer, 11, bold=bold)]


def test_an_employer_line_closed_by_its_postcode_and_town_then_the_job_then_the_dates() -> None:
    rows = stacked(
        _employer_with_address("Enderli Metallbau, 8302 Kloten", 560),
        [line(51, 547, "Metallbaukonstrukteur", 11)],
        [line(51, 520, "Januar 2007 - Heute", 11)],
        _employer_with_address("Ernst Fischer AG, 8590 Romanshorn", 491),
        [line(51, 477, "Metallbaukonstrukteur", 11)],
        [line(51, 450, "März 2006 - Dezember 2006", 11)],
    )
    assert seen(rows) == [
        ("Metallbaukonstrukteur", "Enderli Metallbau", "2007-01", "present"),
        ("Metallbaukonstrukteur", "Ernst Fischer AG", "2006-03", "2006-12"),
    ]


def test_an_employer_line_with_its_address_in_the_body_type() -> None:
    rows = stacked(
        _employer_with_address("Enderli Metallbau, 8302 Kloten", 560),
        [line(51, 547, "Metallbaukonstrukteur", 11)],
        [line(51, 520, "Januar 2007 - Heute", 11)],
        _employer_with_address("Gubler Imaging, 8552 Felben-Wellhausen", 285, bold=False),
        [line(51, 272, "Fotodigitalisierer", 11)],
        [line(51, 252, "September 2004 - Dezember 2004", 11)],
    )
    assert seen(rows) == [
        ("Metallbaukonstrukteur", "Enderli Metallbau", "2007-01", "present"),
        ("Fotodigitalisierer", "Gubler Imaging", "2004-09", "2004-12"),
    ]


def test_a_turkish_duration_and_legal_form() -> None:
    rows = stacked(
        [line(165, 447, "Granitaş Granit San. Tic. A.Ş.", 12), line(330, 447, "07.2012 - 08.2014  (25ay)", 12)],
        [line(165, 426, "Veri tabanı Programlama & IT Sistemleri Destek", 12)],
    )
    assert seen(rows) == [("Veri tabanı Programlama & IT Sistemleri Destek", "Granitaş Granit San. Tic. A.Ş.",
                           "2012-07", "2014-08")]


def test_undated_employers_listed_under_the_kind_of_work() -> None:
    rows = stacked(
        [line(385, 300, "Internships", 13)],
        [line(385, 282, "Tesco, Reading", 13)],
        [line(385, 264, "Boots, Reading", 13)],
        [line(385, 217, "Summer jobs", 13)],
        [line(385, 200, "Riverside Park Cafe", 13)],
        [line(385, 182, "London", 13)],
    )
    assert [(entry.title, entry.company) for entry in build_experience(rows)] == [
        ("Internships", "Tesco"), ("Internships", "Boots"), ("Summer jobs", "Riverside Park Cafe")]


def test_an_undated_list_with_a_sentence_is_no_list_of_employers() -> None:
    rows = stacked(
        [line(385, 300, "Internships", 13)],
        [line(385, 282, "Tesco, Reading", 13)],
        [line(385, 264, "Boots, Reading", 13)],
        [line(385, 246, "I stacked shelves and served customers at the tills.", 13)],
    )
    assert build_experience(rows) == []


def test_a_line_that_sets_a_bar_apart_somewhere_parts_at_its_glued_bars_too() -> None:
    rows = stacked(
        [line(59, 578, "Intégratrice Multicanal|3magroup |Mars 2023", 9, bold=True)],
        [line(95, 561, "- Intégrer et réaliser la mise en page de modèles de documents.", 9)],
    )
    assert seen(rows) == [("Intégratrice Multicanal", "3magroup", "2023-03", "2023-03")]
