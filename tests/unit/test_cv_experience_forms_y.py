"""Forms batch y showed (issue 16) read as general mechanisms: a job's first and last day each labelled on its
own row (HR forms: "Admissão:" / "Demissão:", "Eintritt:" / "Austritt:"), and a bold bullet that opens an entry's
header. Each test builds positioned lines, as a PDF would give them."""

from __future__ import annotations

import pytest

from ai_coach.cv.dates import find_date_bound
from tests.cv_rows import line, seen, stacked


@pytest.mark.parametrize(
    ("text", "bound"),
    [("Admissão: 01 de março de 2004", ("start", "01 de março de 2004")),
     ("Demissão: 01 de março de 2006", ("end", "01 de março de 2006")),
     ("Eintritt: 03/2012", ("start", "03/2012")), ("Bis: heute", ("end", "heute")),
     ("Date de fin : juin 2021", ("end", "juin 2021")), ("Fecha de ingreso: 2019", ("start", "2019"))],
)
def test_a_labelled_bound_of_a_job(text: str, bound: tuple[str, str]) -> None:
    assert find_date_bound(text) == bound


@pytest.mark.parametrize("text", ["Início maio de 2022", "Start: 2019 at Google", "Função: Office Boy", "Von 2019"])
def test_no_bound_without_the_colon_or_with_more_than_a_date(text: str) -> None:
    assert find_date_bound(text) is None


def form_entry(y: float, employer: str, start: str, end: str | None, job: str) -> list[list]:
    cells = [[line(231, y, f"● {employer}", 11, bold=True)], [line(231, y - 22, f"Admissão: {start}", 10)]]
    cells.append([line(231, y - 44, f"Demissão: {end}" if end else "Atualmente trabalho na empresa", 10)])
    cells.append([line(231, y - 66, f"Função: {job}", 10)])
    cells.append([line(231, y - 88, "Obs.: Experiência no atendimento ao cliente e controle de estoque.", 10)])
    return cells


def test_first_and_last_day_labelled_on_their_own_rows_under_a_bold_bulleted_employer() -> None:
    rows = stacked(*form_entry(700, "Copacar", "01 de dezembro 2010", "02 de janeiro de 2012", "Auxiliar de mecânico"),
                   *form_entry(580, "Tucano Auto Pecas", "01 de fevereiro de 2012", "01 de abril de 2014",
                               "Vendedor/Mecânico"),
                   *form_entry(460, "Pará Centro Automotivo", "01 de maio de 2019", None, "Mecânico Automotivo"))
    assert seen(rows) == [("Auxiliar de mecânico", "Copacar", "2010-12", "2012-01"),
                          ("Vendedor/Mecânico", "Tucano Auto Pecas", "2012-02", "2014-04"),
                          ("Mecânico Automotivo", "Pará Centro Automotivo", "2019-05", "present")]


def test_labelled_bounds_side_by_side_on_one_row() -> None:
    rows = stacked([line(35, 700, "Projektingenieurin", 11, bold=True)],
                   [line(35, 686, "MEA Engineering GmbH", 10)],
                   [line(35, 672, "Von: 11/2012", 10), line(200, 672, "Bis: 07/2017", 10)],
                   [line(35, 658, "Entwicklung von Messsoftware für Prüfstände.", 10)])
    assert seen(rows) == [("Projektingenieurin", "MEA Engineering GmbH", "2012-11", "2017-07")]


def test_the_employer_on_the_line_under_the_dates_led_by_the_word_for_at() -> None:
    rows = stacked([line(75, 520, "Janvier 2016 à mars 2016 : Agent Polyvalent", 12, bold=True)],
                   [line(93, 506, "à Mairie de Desvres", 12)],
                   [line(75, 477, "2012 à 2015 : Agent d'entretien et de Maintenance", 12, bold=True)],
                   [line(93, 464, "chez Orange", 12)])
    assert seen(rows) == [("Agent Polyvalent", "Mairie de Desvres", "2016-01", "2016-03"),
                          ("Agent d'entretien et de Maintenance", "Orange", "2012", "2015")]
