"""Forms that recurred on batches v, w and x (issue 16) read as general mechanisms: the Hungarian and Korean date
with each part closed by its dot, a pin icon's place cell beside the dates (not a description's bullet), a unit in
brackets under or after the employer's name, legal forms of more countries, and a known heading after one
qualifying word. Each test builds positioned lines, as a PDF would give them."""

from __future__ import annotations

import pytest

from ai_coach.cv.dates import find_date_range
from ai_coach.cv.experience import build_experience_sections
from ai_coach.cv.fields import LEGAL_FORM
from ai_coach.cv.layout import Row
from ai_coach.cv.sections import row_heading, split_sections
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
    assert LEGAL_FORM.search(name)


@pytest.mark.parametrize("text", ["Developer as contractor", "Das Team", "Sales Associate"])
def test_short_legal_forms_only_as_written(text: str) -> None:
    assert not LEGAL_FORM.search(text)


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


def test_a_second_experience_list_in_its_own_type_is_read_on_its_own() -> None:
    # Chromium (x01): "PRACOVNÍ ZKUŠENOSTI" with employer/dates rows over titles, then "DALŠÍ ZKUŠENOSTI" in a
    # smaller type, one line an entry: "dates: Employer (Job)". Read together, the first list's body type hides the
    # second list's entries in the last description.
    first = [Row(cells) for cells in (
        [line(39, 636, "BATZ CZECH s.r.o.", 10), line(252, 636, "09/2025 – 11/2025", 10)],
        [line(39, 623, "Montážní dělník", 9)],
        [line(39, 610, "Výroba a kompletace plastových dílů, kontrola kvality a technická", 8.5)],
        [line(39, 599, "dokumentace.", 8.5)],
        [line(39, 579, "HP TRONIC (DATART)", 10), line(249, 579, "02/2025 – 07/2025", 10)],
        [line(39, 565, "Specialista skladu a reklamací", 9)],
        [line(39, 552, "Příjem/výdej zboží, přímý prodej, diagnostika závad a řešení reklamací se", 8.5)],
        [line(39, 540, "servisy.", 8.5)],
    )]
    second = [Row([line(34, 347 - 11 * number, text, 8.2)]) for number, text in enumerate((
        "09/2014–11/2014: Continental Automotive (Materiálový dispečer)",
        "03/2011–06/2013: PZK Stavby (Obsluha čerpací stanice)",
        "Ostatní: LG Philips, TESCO (Elektro).",
    ))]
    found = [(entry.title, entry.company, entry.start, entry.end) for entry in build_experience_sections([first, second])]
    assert found == [("Montážní dělník", "BATZ CZECH s.r.o.", "2025-09", "2025-11"),
                     ("Specialista skladu a reklamací", "HP TRONIC (DATART)", "2025-02", "2025-07"),
                     ("Materiálový dispečer", "Continental Automotive", "2014-09", "2014-11"),
                     ("Obsluha čerpací stanice", "PZK Stavby", "2011-03", "2013-06")]


def test_a_remark_in_brackets_that_names_no_job_stays_with_the_name() -> None:
    rows = stacked([line(34, 347, "09/2014–11/2014: Adecco (Stanford health care)", 8.2)],
                   [line(34, 336, "03/2011–06/2013: Koch Teilzeit (20–40%)", 8.2)])
    found = seen(rows)
    assert found[0][:2] == (None, "Adecco (Stanford health care)")
    assert "20–40%" not in (found[1][0] or "").strip("()")


def test_the_header_goes_on_under_dates_wrapped_in_their_column() -> None:
    # Chromium (w09): a date column whose range wraps ("Jan. 2025" / "- bis jetzt") beside a bold title; the
    # employer's row (with its town) comes under the wrapped row, not right under the title.
    rows = stacked(
        [line(14, 573, "Jan. 2025", 9), line(82, 571, "Sales Manager", 10.8, bold=True)],
        [line(14, 559, "- bis jetzt", 9)],
        [line(82, 552, "SV Vermarktung GmbH & Co. KG, Ravensburg", 10.2)],
        [line(82, 533, "• Vertrieb von Verlagsprodukten", 9)],
        [line(14, 286, "Jan. 2024", 9), line(82, 284, "Sales Professional", 10.8, bold=True)],
        [line(14, 272, "- Juni 2024", 9)],
        [line(82, 265, "EverReal GmbH, München", 10.2)],
        [line(82, 246, "Beratung und Vertrieb von SaaS-Lösungen für Immobilienfirmen", 9)],
    )
    assert seen(rows) == [("Sales Manager", "SV Vermarktung GmbH & Co. KG", "2025-01", "present"),
                          ("Sales Professional", "EverReal GmbH", "2024-01", "2024-06")]


def test_a_unit_then_its_organisation_after_a_comma() -> None:
    # jsPDF (v09): "Mechatronik, Hochschule Bochum" under the title: the field first, the organisation after the
    # comma is the employer (not a town); a name whose first part is an organisation stays whole.
    rows = stacked(
        [line(30, 526, "März 2022 - Aug. 2022", 10), line(205, 526, "Entwicklungsprojekt", 10)],
        [line(205, 513, "Mechatronik, Hochschule Bochum", 10)],
        [line(205, 500, "Entwickeln einer geeigneten Scheibenheizung für ein Elektrofahrzeug mit Steuerung", 10)],
        [line(30, 465, "Okt. 2021 - Feb. 2022", 10), line(205, 465, "Projekt", 10)],
        [line(205, 452, "Mechatronik, Hochschule Bochum", 10)],
        [line(205, 440, "Steuerung von Mikrocontrollern für den Bau eines autonomen Roboters", 10)],
    )
    assert [entry[:2] for entry in seen(rows)] == [("Entwicklungsprojekt", "Hochschule Bochum"),
                                                   ("Projekt", "Hochschule Bochum")]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2019 August- 2019 Dezember", "2019-08", "2019-12"),  # the year before the month's name
        ("2019 Dezember– 2020  März", "2019-12", "2020-03"),
        ("2021. szeptember – 2022. február", "2021-09", "2022-02"),  # Hungarian
        ("11/22 - 10/24", "2022-11", "2024-10"),  # month numbers with two-digit years
        ("08/19 - 11/22", "2019-08", "2022-11"),
    ],
)
def test_year_first_month_names_and_two_digit_years_as_ranges(text: str, start: str, end: str) -> None:
    assert find_date_range(text) == (start, end, (0, len(text)))


@pytest.mark.parametrize("text", ["available 24/7 - always", "a ratio of 3/4 - 5/6", "2015 – 2019"])
def test_no_short_year_range_in_other_numbers(text: str) -> None:
    found = find_date_range(text)
    assert found is None or found[:2] == ("2015", "2019")


def test_an_open_short_range_in_a_right_column_ends_on_the_row_under_it() -> None:
    # Google Docs (w11): employer and town on one row, the title and "10/24 -" on the next, "laufend" (ongoing)
    # beside the first bullet: one open range, not a second entry.
    rows = stacked(
        [line(24, 640, "POMATIS Software GmbH", 11, bold=True), line(524, 639, "Hamburg, De", 11, bold=True)],
        [line(24, 626, "Data Analytics Consultant", 11, bold=True), line(524, 625, "10/24 -", 11)],
        [line(24, 613, "• Gestaltung und Realisierung von Reporting-Dashboards, unter Nutzung", 11),
         line(524, 612, "laufend", 11)],
        [line(24, 599, "von Oracle Analytics-Produkten wie OTBI und BI Publisher.", 11)],
        [line(24, 548, "EMPIT GmbH", 11, bold=True), line(524, 547, "Hamburg, De", 11, bold=True)],
        [line(24, 534, "Data Analyst Werkstudent", 11, bold=True), line(524, 533, "11/22 - 10/24", 11)],
        [line(24, 521, "• Verantwortlich für Datenpipeline und Visualisierung von Inspektionsprojekten", 11)],
    )
    assert seen(rows) == [("Data Analytics Consultant", "POMATIS Software GmbH", "2024-10", "present"),
                          ("Data Analyst Werkstudent", "EMPIT GmbH", "2022-11", "2024-10")]


def test_one_entry_whose_words_tell_sets_the_order_for_the_others() -> None:
    # Chromium (w08): plain rows, each entry "year month – year month" / employer / job; only "Verkäuferin" is a job
    # word, and no entry tells otherwise, so the others read employer over job as well.
    rows = stacked(
        [line(324, 585, "2019 August- 2019 Dezember", 10)],
        [line(324, 569, "Keim Backt's", 10)],
        [line(324, 553, "Verkäuferin", 10)],
        [line(324, 528, "2019 Dezember– 2020  März", 10)],
        [line(324, 512, "Erima", 10)],
        [line(324, 496, "Kommissionierung", 10)],
    )
    assert seen(rows) == [("Verkäuferin", "Keim Backt's", "2019-08", "2019-12"),
                          ("Kommissionierung", "Erima", "2019-12", "2020-03")]


def test_an_employer_and_its_town_after_one_dash() -> None:
    # Pages (x06): "Employer – Town" in a bold row with the dates far right, the title under it; a name whose
    # part after the dash is no town ("THG - The Hut Group") stays whole.
    rows = stacked(
        [line(57, 699, "ERDF – Nanterre", 12, bold=True), line(420, 699, "Mai 2015 à Octobre 2015", 12, bold=True)],
        [line(57, 684, "Développeur Java/J2EE front et back end", 11, bold=True)],
        [line(57, 658, "Développement de nouvelles fonctionnalités pour les outils internes du client.", 10)],
        [line(57, 630, "Ministère du Travail – La Défense (92)", 12, bold=True),
         line(420, 630, "Décembre 2012 à Novembre 2013", 12, bold=True)],
        [line(57, 615, "Développeur Java-J2EE", 11, bold=True)],
        [line(57, 590, "Maintenance évolutive et corrective des applications du ministère.", 10)],
        [line(57, 560, "THG - The Hut Group", 12, bold=True), line(420, 560, "Mai 2011 à Mars 2012", 12, bold=True)],
        [line(57, 545, "Développeur Java", 11, bold=True)],
        [line(57, 520, "Développement de la boutique en ligne et de ses outils.", 10)],
    )
    assert [entry[:2] for entry in seen(rows)] == [("Développeur Java/J2EE front et back end", "ERDF"),
                                                   ("Développeur Java-J2EE", "Ministère du Travail"),
                                                   ("Développeur Java", "THG - The Hut Group")]


def test_positions_in_a_smaller_type_within_the_employers_dates() -> None:
    # Chromium (x12): "dates EMPLOYER" in bold, then its positions, each "dates Title" in a smaller plain type and
    # within the employer's dates: positions at that employer, not entries naming an employer each.
    rows = stacked(
        [line(312, 467, "02.2015 - 10.2015 ECONNECT4U", 9.8, bold=True)],
        [line(312, 458, "Zlecenia głównie z Wielkiej Brytanii i Polski", 8.3)],
        [line(312, 448, "Stanowisko: Frontend Developer", 8.3, bold=True)],
        [line(312, 432, "01.2012 - 06.2014 ALIOR BANK SA", 9.8, bold=True)],
        [line(312, 424, "07.2013 - 06.2014 Bankier Klienta Indyw. i Małych Przeds.", 8.3)],
        [line(312, 414, "01.2012 - 06.2013 Bankier Transakcyjny", 8.3)],
        [line(312, 398, "08.2010 - 08.2011 INVEST BANK SA", 9.8, bold=True)],
        [line(312, 389, "Stanowisko: Menedżer Sprzedaży", 8.3)],
    )
    assert seen(rows) == [("Frontend Developer", "ECONNECT4U", "2015-02", "2015-10"),
                          ("Bankier Klienta Indyw. i Małych Przeds.", "ALIOR BANK SA", "2013-07", "2014-06"),
                          ("Bankier Transakcyjny", "ALIOR BANK SA", "2012-01", "2013-06"),
                          ("Menedżer Sprzedaży", "INVEST BANK SA", "2010-08", "2011-08")]


def test_a_heading_column_set_flush_right_against_its_blocks() -> None:
    # wkhtmltopdf (x08): the headings end at one right edge (their left edges differ), each beside its block.
    rows = [Row(cells) for cells in (
        [line(184, 791, "Ing Adam Pokorný", 17.3, bold=True)],
        [line(101.1, 669, "Vzdělání", 8.6, bold=True, width=58.3), line(184, 675, "2020–2024", 7.8),
         line(256, 673, "EDUCAnet - střední škola a základní škola České Budějovice", 8.6, bold=True)],
        [line(256, 652, "SŠ s maturitou", 8.6)],
        [line(112.6, 613, "Praxe", 8.6, bold=True, width=46.2), line(184, 619, "2021–2021", 7.8),
         line(256, 618, "Cracking Bits", 8.6, bold=True)],
        [line(256, 607, "Spolupracovník", 8.6)],
        [line(63.2, 546, "Jazykové znalosti", 8.6, bold=True, width=95.6), line(256, 551, "angličtina", 8.6, bold=True)],
        [line(256, 540, "čeština", 8.6, bold=True)],
        [line(111.2, 356, "Zájmy", 8.6, bold=True, width=47.3), line(256, 360, "3D, hudba", 8.6)],
    )]
    assert [section.name for section in split_sections(rows)] == ["header", "education", "experience", "languages",
                                                                  "other"]


def test_slashes_that_set_a_known_town_apart_part_the_employer_from_it() -> None:
    # pdfmake (v04): "EMPLOYER / Town, Country / MONTH YEAR - MONTH YEAR" under the bold title; a slash between two
    # names that are no place ("Prodavač / Pokladní") stays inside the name.
    rows = stacked(
        [line(35, 459, "SOFTWARE TESTER STÁŽ", 10, bold=True)],
        [line(35, 445, "AAS academy / Bratislava, Slovenská republika / FEBRUÁR 2025 - DOTERAZ", 10)],
        [line(35, 428, "Statická analýza špecifikácie a písanie testovacích scenárov", 9)],
        [line(35, 400, "PREDAVAČKA / POKLADNÍČKA", 10, bold=True)],
        [line(35, 386, "Action s.r.o. / Bratislava, Slovenská republika / NOVEMBER 2023 - JANUÁR 2024", 10)],
        [line(35, 370, "Dodržiavanie procesov a komunikácia so zákazníkom.", 9)],
    )
    assert seen(rows) == [("SOFTWARE TESTER STÁŽ", "AAS academy", "2025-02", "present"),
                          ("PREDAVAČKA / POKLADNÍČKA", "Action s.r.o.", "2023-11", "2024-01")]


@pytest.mark.parametrize("line", ["Linux Härtung für ML Consulting, Schulung, Service & Support GmbH/Bundeswehr",
                                  "ООО Ромашка", "АО Газпром", "Müller e.K.", "Mahsan Co."])
def test_one_legal_form_list_for_the_skills_and_the_experience_reader(line: str) -> None:
    # fields.LEGAL_FORM is the experience reader's and the skills reader's: a form before a slash still counts
    # (the skills reader's employer rows), and the forms either reader knew before are both known.
    assert LEGAL_FORM.search(line)
