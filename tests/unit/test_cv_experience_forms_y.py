"""Forms batch y showed (issue 16) read as general mechanisms: a job's first and last day each labelled on its
own row (HR forms: "Admissão:" / "Demissão:", "Eintritt:" / "Austritt:"), and a bold bullet that opens an entry's
header, two full years parted by a slash as a range, and a design (Canva) that sizes each text box on its own, so
that one type comes a few tenths of a point apart; a web page printed with its menu bar and a column of headings
set above their blocks; compound headings named by their last part; a form's postcode row. Each test builds positioned lines, as a PDF would give them."""

from __future__ import annotations

import pytest

from ai_coach.cv.dates import find_date_bound, find_date_range
from ai_coach.cv.experience import build_experience, build_experience_sections
from ai_coach.cv.fields import find_name, labelled_location
from ai_coach.cv.layout import order_page
from ai_coach.cv.sections import classify_styled_heading, split_sections
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


@pytest.mark.parametrize(("text", "start", "end"), [("Auto-entrepreneur (2020/2022)", "2020", "2022"),
                                                    ("Centre de long séjour (2004/2005)", "2004", "2005")])
def test_two_full_years_parted_by_a_slash(text: str, start: str, end: str) -> None:
    found = find_date_range(text)
    assert found is not None and found[:2] == (start, end)


@pytest.mark.parametrize("text", ["2019/03", "ISBN 2019/2020/1", "1990/2020"])
def test_no_slashed_years_range_in_a_month_a_number_or_over_decades(text: str) -> None:
    found = find_date_range(text)
    assert found is None or found[:2] != ("1990", "2020")


def canva_entry(y: float, title: str, title_size: float, employer: str, employer_size: float) -> list[list]:
    return [[line(292, y, title, title_size, bold=True)], [line(291, y - 14, employer, employer_size)],
            [line(292, y - 26, "-Accueil et conseil beauté auprès de la clientèle", 7.0)],
            [line(292, y - 36, "-Gestion des stocks", 7.5)]]


def test_title_and_employer_types_a_few_tenths_apart_and_points_with_a_glued_dash() -> None:
    rows = stacked(*canva_entry(780, "Agent commercial vrp", 10.7, "La Force verte (03/2022)", 8.9),
                   *canva_entry(725, "Commerciale indépendant", 10.7, "Auto-entrepreneur (2020/2022)", 8.9),
                   *canva_entry(670, "Technicienne SPA", 10.5, "Espace Beauté - Dunkerque (2010)", 9.0),
                   *canva_entry(615, "Technicien de Prestations", 10.0, "Caisse primaire d'Assurance Maladie (2007/2008)",
                                9.0),
                   *canva_entry(560, "Agent hospitalier", 10.0, "Centre de long séjour (2004/2005)", 8.9))
    assert seen(rows) == [("Agent commercial vrp", "La Force verte", "2022-03", "2022-03"),
                          ("Commerciale indépendant", "Auto-entrepreneur", "2020", "2022"),
                          ("Technicienne SPA", "Espace Beauté", "2010", "2010"),
                          ("Technicien de Prestations", "Caisse primaire d'Assurance Maladie", "2007", "2008"),
                          ("Agent hospitalier", "Centre de long séjour", "2004", "2005")]


def test_a_heading_a_few_tenths_larger_than_the_experience_heading_is_still_a_heading() -> None:
    rows = stacked([line(295, 790, "EXPÉRIENCE PROFESSIONNELLE", 11.6, bold=True)],
                   *canva_entry(770, "Agent hospitalier", 10.0, "Centre de long séjour (2004/2005)", 8.9),
                   [line(295, 456, "ÉDUCATION", 12.0, bold=True)],
                   [line(288, 428, "Développeur/Intégrateur Web", 10.1, bold=True)],
                   [line(293, 411, "Simplon (01/03/2023-19/04/2023)", 8.2)])
    assert [section.name for section in split_sections(rows)] == ["header", "experience", "education"]


def web_page_lines() -> list:
    """A web page printed (iLovePDF): a menu bar of the section names, then a column of bold headings each a few
    points above the first line of its block, and title / employer / smaller dates entries with no description."""
    lines = [line(78, 771, "CREPIN Dylan", 24.8, bold=True),
             line(104, 714, "Présentation", 9.9), line(215, 714, "Formations", 9.9),
             line(320, 714, "Expériences", 9.9), line(430, 714, "Compétences", 9.9),
             line(75, 671, "Contact", 9.9, bold=True), line(197, 667, "+33 7 79 49 55 74", 9.9),
             line(197, 651, "dy.crepin@gmail.com", 9.9),
             line(81, 615, "Présentation", 9.9, bold=True),
             line(200, 614, "Hello ! Je m’appelle Dylan, je suis un passionné de programmation.", 9.9),
             line(75, 494, "Formations", 9.9, bold=True), line(203, 489, "Développeur Web et Web mobile", 9.9),
             line(203, 477, "AFCI formation", 9.9), line(203, 467, "Mai 2023", 7.9),
             line(75, 319, "Expériences", 9.9, bold=True)]
    entries = [("Manutentionnaire", "SEDIS LOGISTICS", "Octobre 2021 - Juillet 2022"),
               ("Emballeur", "POPPIES", "Aout 2021 - Septembre 2021"),
               ("Livreur", "SUSHIBOUTIK", "Avril 2019 - Mars 2023"),
               ("Préparateur de commandes", "DEJBOX", "Fevrier 2019 - Avril 2019")]
    for number, (title, employer, dates) in enumerate(entries):
        y = 314 - 39 * number
        lines += [line(203, y, title, 9.9), line(203, y - 12, employer, 9.9), line(203, y - 22, dates, 7.9)]
    return lines + [line(75, 144, "Compétences", 9.9, bold=True), line(262, 132, "HTML", 9.9, bold=True),
                    line(417, 132, "JavaScript", 9.9, bold=True), line(265, 118, "CSS", 9.9, bold=True),
                    line(432, 118, "PHP", 9.9, bold=True)]


def test_a_column_of_headings_above_their_blocks_and_a_menu_bar_open_the_right_sections() -> None:
    sections = split_sections(order_page(web_page_lines()))
    assert [section.name for section in sections] == ["header", "other", "summary", "education", "experience",
                                                      "skills"]
    experience = next(section for section in sections if section.name == "experience")
    assert [(entry.title, entry.company, entry.start, entry.end) for entry in build_experience(experience.rows)] == [
        ("Manutentionnaire", "SEDIS LOGISTICS", "2021-10", "2022-07"), ("Emballeur", "POPPIES", "2021-08", "2021-09"),
        ("Livreur", "SUSHIBOUTIK", "2019-04", "2023-03"),
        ("Préparateur de commandes", "DEJBOX", "2019-02", "2019-04")]


def test_the_widest_of_short_lines_was_not_broken_for_want_of_room() -> None:
    rows = stacked([line(203, 314, "Livreur", 9.9)], [line(203, 302, "SUSHIBOUTIK", 9.9)],
                   [line(203, 292, "Avril 2019 - Mars 2023", 7.9)],
                   [line(203, 274, "Préparateur de commandes", 9.9)], [line(203, 263, "DEJBOX", 9.9)],
                   [line(203, 253, "Fevrier 2019 - Avril 2019", 7.9)])
    assert seen(rows) == [("Livreur", "SUSHIBOUTIK", "2019-04", "2023-03"),
                          ("Préparateur de commandes", "DEJBOX", "2019-02", "2019-04")]


@pytest.mark.parametrize(("text", "kind"), [("Forskningspublikationer", "other"), ("Fachpublikationen", "other"),
                                            ("Arbetslivserfarenhet", "experience")])
def test_a_compound_heading_named_by_its_last_part(text: str, kind: str) -> None:
    assert classify_styled_heading(text) == kind


def test_a_street_under_its_label_and_the_town_on_a_postcode_row() -> None:
    rows = stacked([line(57, 665, "Name / Vorname:", 12), line(234, 665, "Fang, Zhi Yang", 12)],
                   [line(57, 610, "Wohnort:", 12), line(234, 610, "An St. Elisabeth 5", 12)],
                   [line(57, 582, "Postleitzahl:", 12), line(234, 582, "51103 Köln", 12)],
                   [line(57, 554, "Telefon:", 12), line(234, 554, "01522 9754800", 12)])
    assert labelled_location(rows, set()) == "Köln"


@pytest.mark.parametrize(("label", "value", "name"),
                         [("Name / Vorname:", "Fang, Zhi Yang", "Zhi Yang Fang"),
                          ("Vorname, Nachname:", "Ramzi, Bani Saad", "Ramzi Bani Saad"),
                          ("Nom et prénom :", "Ledez, Kévin", "Kévin Ledez"),
                          ("Nome e cognome:", "Silviu, Chiriac", "Silviu Chiriac")])
def test_a_name_label_that_asks_surname_and_given_name_together(label: str, value: str, name: str) -> None:
    rows = stacked([line(229, 720, "Tabellarischer Lebenslauf", 13, bold=True)],
                   [line(57, 665, label, 12), line(234, 665, value, 12)],
                   [line(57, 637, "Geb. Datum / Ort:", 12), line(234, 637, "18.01.2003 in Köln", 12)])
    assert find_name(rows, rows)[0] == name


def test_a_second_spell_of_one_job_under_its_first_and_a_work_mode_remark() -> None:
    rows = stacked([line(304, 119, "Jäteautonkuljettaja")], [line(304, 105, "Urbaser Oy")],
                   [line(304, 92, "21.02.2022 - 22.08.2022")], [line(304, 78, "22.08.2022 - 31.12.2022 (osa-aikainen)")],
                   [line(304, 51, "Jäteautonkuljettaja (osa-aikainen)")], [line(304, 38, "Envor group")],
                   [line(304, 24, "29.09.2022 -")])
    assert seen(rows) == [("Jäteautonkuljettaja", "Urbaser Oy", "2022-02", "2022-12"),
                          ("Jäteautonkuljettaja", "Envor group", "2022-09", "present")]


def test_a_name_with_a_tab_stop_to_the_birth_date_on_its_line_and_a_qualities_heading() -> None:
    rows = stacked([line(57, 780, "Kévin LEDEZ" + " " * 40 + "Né le 09 avril 1988", 12, bold=True)],
                   [line(57, 766, "24 Résidence le Caraquet", 12)], [line(57, 752, "62240 Desvres", 12)],
                   [line(244, 600, "COMPETENCES", 14, bold=True)], [line(75, 586, "Réparation Électronique", 12)],
                   [line(244, 500, "QUALITES", 14, bold=True)], [line(75, 486, "Ponctuel", 12)])
    assert find_name(rows, rows)[0] == "Kévin LEDEZ"
    assert [section.name for section in split_sections(rows)] == ["header", "skills", "other"]


@pytest.mark.parametrize(("text", "kind"), [("Berufpraxis", "experience"), ("Forschungstätigkeit", "experience"),
                                            ("Gasthörerstudium", "education")])
def test_a_lebenslauf_step_label_named_by_its_last_part(text: str, kind: str) -> None:
    assert classify_styled_heading(text) == kind


def test_haupttaetigkeiten_inside_an_entry_is_no_heading() -> None:
    assert classify_styled_heading("Haupttätigkeiten") is None


def step(y: float, label: str, dates: str, first: str, second: str) -> list[list]:
    return [[line(71, y, label, 12, bold=True), line(212, y, first, 12)],
            [line(71, y - 14, dates, 12), line(212, y - 14, second, 12)]]


def test_a_tabular_lebenslauf_one_labelled_step_a_section_each_read_on_its_own() -> None:
    rows = stacked([line(263, 754, "Lebenslauf", 16, bold=True)],
                   *step(602, "Berufpraxis", "seit 12/2017", "GlavKom GmbH, Moskau", "Web-Entwicklerin"),
                   *step(568, "Weiterbildung", "08/2017 - 11/2017", "Alfatraining Bildungszentrum, Leipzig",
                         '"Apps-Programmierung Android" (sehr gut)'),
                   *step(515, "Forschungstätigkeit", "01/2008 - 10/2012", "Leibniz-Institut, Leipzig",
                         "Wissenschaftliche Mitarbeiterin"),
                   [line(71, 480, "Interdisziplinäre Ausbildung", 12, bold=True)],
                   [line(71, 466, "01/2008-10/2012", 12), line(212, 466, "Research Academy Leipzig", 12)],
                   *step(440, "Praktikum", "09/2007 - 11/2007", "Krüger EDV Systemhaus, Markranstädt",
                         "Webdesign und Datenbankentwicklung"),
                   *step(400, "Studium", "09/1993 - 07/1998", "Staatliche Universität Kemerowo",
                         "Studienrichtung: Festkörperphysik"))
    sections = split_sections(rows)
    assert [section.name for section in sections] == ["header", "experience", "certifications", "experience",
                                                      "education", "experience", "education"]
    found = build_experience_sections([section.rows for section in sections if section.name == "experience"])
    assert [(entry.start, entry.end) for entry in found] == [("2017-12", "present"), ("2008-01", "2012-10"),
                                                             ("2007-09", "2007-11")]
    assert found[0].title == "Web-Entwicklerin" and found[0].company == "GlavKom GmbH"
