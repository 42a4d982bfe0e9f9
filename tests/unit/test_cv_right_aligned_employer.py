"""An employer set flush right under the dates cell that ends the title's row, in the dates' type (a LaTeX
sidebar class; rows built in the test)."""

from __future__ import annotations

from ai_coach.cv.layout import Row
from tests.cv_rows import line, seen


def test_a_name_flush_right_under_the_dates_cell_is_the_employer_whatever_its_first_letter() -> None:
    rows = [
        Row([line(213, 282, "Obsługa rezerwacji i social mediów", 11.4, bold=True),
             line(0, 283, "2016-2018", 9.5, bold=True, right=581)]),
        Row([line(0, 271, "Ośrodek Sportów Wodnych", 9.5, bold=True, right=581)]),
        Row([line(213, 260, "Sezonowa obsługa strony internetowej firmy oraz klientów na miejscu.", 10.4)]),
        Row([line(213, 220, "Jednoosobowa działalność gospodarcza", 11.4, bold=True),
             line(0, 220, "2021-2022", 9.5, bold=True, right=581)]),
        Row([line(0, 209, "webLab", 9.5, bold=True, right=581)]),
        Row([line(213, 197, "Wypożyczalnia sprzętu wodnego, marketing, social media, strony internetowe.", 10.4)]),
    ]
    assert seen(rows) == [
        ("Obsługa rezerwacji i social mediów", "Ośrodek Sportów Wodnych", "2016", "2018"),
        ("Jednoosobowa działalność gospodarcza", "webLab", "2021", "2022"),
    ]


def test_a_slash_before_the_dates_is_no_part_of_the_title() -> None:
    rows = [
        Row([line(297, 727, "KFC, WROCŁAW", 10.0, bold=True)]),
        Row([line(288, 700, "Pracownik restauracji / 2015.09 - 2016.12", 11.0, bold=True)]),
        Row([line(306, 671, "Podawanie posiłków i napoi", 10.0)]),
    ]
    assert [(title, company) for title, company, _, _ in seen(rows)] == [("Pracownik restauracji", "KFC")]


def test_a_polish_legal_form_spaced_out_keeps_the_employer_from_being_read_as_a_place() -> None:
    """"SP. Z O. O." (sp. z o.o. with a space inside) names a company, so "..., WROCŁAW" is its town."""
    rows = [
        Row([line(301, 237, "NORDTRANS EXPRESS LOGISTICS SP. Z O. O., WROCŁAW", 10.0, bold=True)]),
        Row([line(301, 224, "Spedytor międzynarodowy / 2016.12 - 2020.01", 11.0, bold=True)]),
        Row([line(310, 195, "Kontrola przebiegu procesu transportowego", 10.0)]),
    ]
    assert seen(rows) == [("Spedytor międzynarodowy", "NORDTRANS EXPRESS LOGISTICS SP. Z O. O.", "2016-12", "2020-01")]
