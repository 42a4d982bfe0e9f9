"""Forms of stop 31 (issue 16), written on batches v, w and x: a town the place lists lack, then its country's
or state's two-letter code ("Culiacan, MX"), is a place, not the employer, in a header the text reader reads; a
university's campus named by its town after "at" ("University of Texas at Dallas") is one employer, not a title
and its employer; and a town no list knows that the reader took for the entry's place from the employer's own row
("OFFICE DEPOT, MEUNG SUR LOIRE") is not named again inside the employer. The layout tests build positioned
lines, as a PDF would give them; the text reader's test gives it the lines of text it reads. Job words of Turkish
(and Italian "tirocinio") tell a job under its employer's dated row; a bare word for working for oneself
("Freelancer") beside a job is the employer's place, the job the title."""

from __future__ import annotations

import pytest

from ai_coach.cv.experience import _split_at_word, _working_for_oneself_over_job
from ai_coach.cv.fields import JOB_WORDS
from ai_coach.cv.text_entries import _is_location, section_entries
from tests.cv_rows import line, seen, stacked


@pytest.mark.parametrize(
    ("text", "pieces"),
    [("University of Texas at Dallas", ["University of Texas at Dallas"]),
     ("University of California at Berkeley", ["University of California at Berkeley"]),
     ("Research Assistant at University of Texas at Dallas", ["Research Assistant", "University of Texas at Dallas"]),
     ("TeamLead at Automaton", ["TeamLead", "Automaton"])],
)
def test_an_organisation_at_a_town_is_one_name(text: str, pieces: list[str]) -> None:
    assert [piece.strip() for piece in _split_at_word(text, True)] == pieces


def test_a_campus_row_over_its_dates_keeps_its_town() -> None:
    rows = stacked(
        [line(35, 700, "University of Texas at Dallas", 11, bold=True), line(420, 700, "2022 – 2024", 10)],
        [line(35, 686, "Teaching Assistant", 10)],
        [line(35, 672, "Graded the papers of three undergraduate courses and held office hours.", 10)],
    )
    assert seen(rows) == [("Teaching Assistant", "University of Texas at Dallas", "2022", "2024")]


def entry(y: float, title: str, dates: str, employer: str) -> list[list]:
    return [[line(300, y, title, 12, bold=True)], [line(300, y - 15, dates, 10)],
            [line(300, y - 29, employer, 10, bold=True)],
            [line(300, y - 43, "Gestion administrative du personnel et suivi des dossiers.", 9)]]


def test_an_unknown_town_after_the_employer_is_its_place_only() -> None:
    rows = stacked(
        *entry(700, "ASSISTANTE RESSOURCES HUMAINES", "Septembre 2018 - Décembre 2018", "ORANGE SA"),
        *entry(630, "ASSISTANTE RESSOURCES HUMAINES", "Juin 2018 - Août 2018", "OFFICE DEPOT, MEUNG SUR LOIRE"),
        *entry(560, "CHEF DE RANG", "Avril 2012 - Octobre 2016", "NOVOTEL, ORLEANS"),
    )
    assert seen(rows) == [("ASSISTANTE RESSOURCES HUMAINES", "ORANGE SA", "2018-09", "2018-12"),
                          ("ASSISTANTE RESSOURCES HUMAINES", "OFFICE DEPOT", "2018-06", "2018-08"),
                          ("CHEF DE RANG", "NOVOTEL", "2012-04", "2016-10")]


def test_undated_employer_dash_job_lines_beside_a_town_and_its_code() -> None:
    lines = ["Culiacan, MX  IMEFU - Entrepreneurship Director",
             "Culiacan, MX  Credilike.me - Developer Web",
             "Improving landing page and application to give credit online.",
             "Fresno, CA  Coppel - Developer Python"]
    assert [(entry.title, entry.company) for entry in section_entries(lines, [False] * len(lines))] == [
        ("Entrepreneurship Director", "IMEFU"), ("Developer Web", "Credilike.me"), ("Developer Python", "Coppel")]


@pytest.mark.parametrize(("text", "place"), [("Culiacan, MX", True), ("Fresno, CA", True), ("Acme, SA", False),
                                             ("Manager, IT", False), ("IMEFU", False)])
def test_a_town_then_a_two_letter_code_is_a_place(text: str, place: bool) -> None:
    assert _is_location(text) is place


@pytest.mark.parametrize("text", ["Unity Geliştirici", "Yazılım Mühendisi", "Stajyer", "Veri Uzmanı", "Tirocinio"])
def test_job_words_of_turkish_and_the_italian_internship(text: str) -> None:
    assert JOB_WORDS.search(text)


def test_an_employer_over_its_turkish_job_under_the_dates_row() -> None:
    rows = stacked(
        [line(165, 447, "Granitaş Granit San. Tic. A.Ş.          07.2012 - 08.2014  (25ay)", 12)],
        [line(165, 426, "Veri tabanı Programlama & IT Sistemleri Destek", 12)],
        [line(165, 400, "Uğur Optik Makina                           03.2023 – 02.2024 (12ay)", 12)],
        [line(165, 379, "Unity Geliştirici", 12)],
    )
    assert seen(rows)[1] == ("Unity Geliştirici", "Uğur Optik Makina", "2023-03", "2024-02")


@pytest.mark.parametrize(("title", "company", "swapped"),
                         [("Freelancer", "Geofísico Autônomo", True), ("Selbständig", "Webentwickler", True),
                          ("Freelancer", "Linkedin, Upwork, Fiverr", False), ("Developer", "Freelance", False),
                          ("Freelancer", "Acme Consulting GmbH", False)])
def test_working_for_oneself_stands_where_the_employer_would(title: str, company: str, swapped: bool) -> None:
    assert _working_for_oneself_over_job(title, company) is swapped


def test_a_self_employed_job_over_the_freelancer_row() -> None:
    rows = stacked(
        [line(185, 583, "Geofísico Pleno", 8), line(548, 584, "2023–2026", 7)],
        [line(185, 572, "Signal Geofísica LTDA — Curitiba, PR", 7)],
        [line(183, 554, "• Responsável pela execução técnica completa de levantamentos geofísicos.", 7)],
        [line(185, 520, "Geofísico Autônomo", 8), line(548, 521, "2019–2022", 7)],
        [line(185, 509, "Freelancer — Santarém, PA", 7)],
        [line(183, 491, "• Processamento e interpretação de dados de campos potenciais.", 7)],
        [line(185, 457, "Diretor Administrativo", 8), line(548, 458, "2017–2018", 7)],
        [line(185, 446, "Prospecta Jr. — Belém, PA", 7)],
        [line(183, 428, "• Gestão financeira e administrativa da empresa júnior.", 7)],
    )
    assert seen(rows) == [("Geofísico Pleno", "Signal Geofísica LTDA", "2023", "2026"),
                          ("Geofísico Autônomo", "Freelancer", "2019", "2022"),
                          ("Diretor Administrativo", "Prospecta Jr.", "2017", "2018")]
