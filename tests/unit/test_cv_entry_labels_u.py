"""Entry rows that label their fields (issue 16, batch u): the employer in bold, 'Cargo: Title' under it, and a
word labelling the dates ('Período 08/2021 – 08/2023'), which names no employer. Synthetic rows."""

from __future__ import annotations

import pytest

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
