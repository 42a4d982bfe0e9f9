"""Entries whose dates lead, then the employer's row, then the title's row, all in one plain type, with the tasks
indented under them (a Chromium-printed HTML CV; rows built in the test)."""

from __future__ import annotations

from ai_coach.cv.layout import Row
from tests.cv_rows import line, seen


def rows(*lines) -> list[Row]:
    return [Row([item]) for item in lines]


def entries() -> list[Row]:
    return rows(
        line(324, 586, "Mai 2019 – September 2019"),
        line(324, 570, "quickstaff Personalvermittlung"),
        line(324, 555, "Studentische Hilfskraft an der TU"),
        line(336, 540, "Datenerfassung"),
        line(336, 525, "Poststelle: Sortieren der Post"),
        line(324, 487, "Juni 2018 - September 2018"),
        line(324, 471, "Lagerwelt GmbH"),
        line(324, 456, "Inventurhelferin / Promoter"),
        line(336, 441, "Zählen und Sortieren der Waren"),
        line(324, 417, "August 2015 - Oktober 2015"),
        line(324, 401, "Nordmarkt"),
        line(324, 385, "Zeitungsträgerin (Schülerjob)"),
        line(336, 370, "Austragen der Wochenzeitung"),
    )


def test_rows_at_the_entrys_edge_over_its_indented_tasks_are_its_header() -> None:
    """"quickstaff Personalvermittlung" starts in lower case, yet stands at the entry's edge over the indented
    tasks: the employer; "an der TU" stays in the title, as the employer has its row; and with two entries
    agreeing that the employer's row comes first, "Nordmarkt" / "Zeitungsträgerin" is read the same way."""
    assert seen(entries()) == [
        ("Studentische Hilfskraft an der TU", "quickstaff Personalvermittlung", "2019-05", "2019-09"),
        ("Inventurhelferin / Promoter", "Lagerwelt GmbH", "2018-06", "2018-09"),
        ("Zeitungsträgerin (Schülerjob)", "Nordmarkt", "2015-08", "2015-10"),
    ]


def test_a_job_row_with_its_employer_after_at_is_still_parted_when_no_row_names_the_employer() -> None:
    assert seen(rows(
        line(324, 586, "Mai 2019 – September 2019"),
        line(324, 570, "Studentische Hilfskraft an der TU Berlin"),
        line(336, 555, "Datenerfassung"),
    )) == [("Studentische Hilfskraft", "TU Berlin", "2019-05", "2019-09")]
