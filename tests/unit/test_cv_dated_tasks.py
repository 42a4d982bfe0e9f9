"""Experience given as "dates : task" lines with no employer (a Canva CV's rounded box; rows built in the test)."""

from __future__ import annotations

from ai_coach.cv.layout import Row
from tests.cv_rows import line, seen


def rows(*lines) -> list[Row]:
    return [Row([item]) for item in lines]


def test_the_task_after_the_dates_colon_is_the_title_up_to_the_end_of_its_line() -> None:
    assert seen(rows(
        line(342, 108, "Septembre 2022 - Décembre 2023 :", 12.0, bold=True),
        line(342, 88, "trésorière de l'association des étudiants", 12.0),
        line(342, 68, "2018 - aujourd'hui : revente de vêtements", 12.0, bold=True),
        line(342, 48, "sur des sites de seconde main,", 12.0),
        line(342, 27, "participation à des brocantes", 12.0),
    )) == [("trésorière de l'association des étudiants", None, "2022-09", "2023-12"),
           ("revente de vêtements sur des sites de seconde main", None, "2018", "present")]


def test_a_job_after_the_dates_colon_keeps_its_header_reading() -> None:
    assert seen(rows(
        line(0, 700, "June 2019 – August 2019: intern in satellites engineering", 11.0),
        line(0, 686, "Orbitex Satellites – Betzdorf, Luxembourg", 11.0),
        line(0, 672, "Data retrieval and standardization of the test telemetry of the fleet.", 11.0),
    )) == [("intern in satellites engineering", "Orbitex Satellites", "2019-06", "2019-08")]
