"""General experience forms that recur across generators and languages (issue 16, batch r): a date grammar with
arrows, apostrophe years and US day dates, field labels that say which field a row is, and the employer/title
arrangements of Google Docs, LaTeX and moderncv. Each test builds positioned lines, as a PDF would give them,
and asserts the entries a user would see."""

from __future__ import annotations

import pytest

from ai_coach.cv.dates import find_date_range
from ai_coach.cv.layout import Row
from tests.cv_rows import line, seen, stacked


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("09/2023 -> 04/2024", "2023-09", "2024-04"),  # typed arrows (Figma)
        ("2019 -> Oggi", "2019", "present"),
        ("03/2020 → heute", "2020-03", "present"),  # one arrow glyph
        ("2018 ⇒ 2020", "2018", "2020"),
        ("01/'21-04/'22", "2021-01", "2022-04"),  # month numbers with apostrophe years (a LaTeX date column)
        ("09/’16-02/’17", "2016-09", "2017-02"),
        ("MAY 28, 2019 - JULY 3, 2019", "2019-05", "2019-07"),  # US dates with the day
        ("June 1st, 2020 – August 30th, 2020", "2020-06", "2020-08"),
        ("03-08/2015", "2015-03", "2015-08"),  # two month numbers sharing one year
        ("de janvier 2020 à mars 2021", "2020-01", "2021-03"),  # French range in words
        ("12 March 2019 – 15 June 2020", "2019-03", "2020-06"),  # the day before the month's name: no open range
        ("1er mars 2019 - 30 juin 2020", "2019-03", "2020-06"),
        ("15. März 2019 – 30. Juni 2020", "2019-03", "2020-06"),
        ("3 de marzo de 2019 - 5 de junio de 2020", "2019-03", "2020-06"),
        ("2019-03-12 – 2020-06-15", "2019-03", "2020-06"),  # ISO dates
        ("2017 – till today", "2017", "present"),
        ("dal 03/2019 fino al 06/2021", "2019-03", "2021-06"),  # "until" in Italian, Spanish, Dutch, German
        ("desde 2012 hasta el 2015", "2012", "2015"),
        ("van 2015 tot en met 2018", "2015", "2018"),
        ("2019 bis zum 2021", "2019", "2021"),
        ("juin-juillet-août 2023", "2023-06", "2023-08"),  # a chain of months of one year
    ],
)
def test_more_range_forms(text: str, start: str, end: str) -> None:
    found = find_date_range(f"Analyst  {text}")
    assert found == (start, end, (9, 9 + len(text)))


def test_until_in_a_remark_is_no_range() -> None:
    # "(Worked from 2018 until 2020 every summer)" in a description: English "until" joins no header's dates.
    assert find_date_range("(Worked from 2018 until 2020 every summer)") is None


def test_an_open_apostrophe_year_beside_title_and_employer_cells() -> None:
    rows = stacked(
        [line(48, 700, "07/‘22-"), line(136, 700, "Ingegnere - Ricercatore"), line(400, 700, "ONERA, Câtillon")],
        [line(136, 688, "Metodi e schemi numerici per la CFD. Calcolo numerico, HPC. Gestione di progetti.")],
        [line(48, 670, "01/‘21-04/‘22 PostDoc"), line(400, 670, "CEREA - École des Ponts ParisTech")],
        [line(136, 658, "Simulazioni CFD di volo di freccia in condizioni reali, analisi statistica.")],
    )
    assert [entry[2:] for entry in seen(rows)] == [("2022-07", "present"), ("2021-01", "2022-04")]


def test_arrow_dates_over_title_and_employer() -> None:
    rows = stacked(
        [line(71, 700, "09/2023 -> 04/2024", 10)],
        [line(71, 686, "Programmatore", 12)],
        [line(71, 672, "Adiacent - Cagliari", 12)],
        [line(71, 660, "Esperienza full stack principalmente focalizzata sul lato front-end.", 8)],
        [line(71, 640, "2019 -> Oggi", 10)],
        [line(71, 626, "Sviluppatore e Grafico", 12)],
        [line(71, 612, "Studio Rossi", 12)],
        [line(71, 600, "Creazione su commissione di uno strumento per la SEO.", 8)],
    )
    assert [entry[2:] for entry in seen(rows)] == [("2023-09", "2024-04"), ("2019", "present")]


def test_labelled_title_rows_after_each_entrys_dates_stay_with_that_entry() -> None:
    # "DATES EMPLOYER" (bold), a plain line about the work, then "Stanowisko: <title>" (bold, right above the
    # next entry's dates): the label says the title is this entry's, whatever row it stands next to.
    rows = stacked(
        [line(312, 700, "07.2019 - ∞ DIEBOLD NIXDORF", 9, bold=True)],
        [line(312, 688, "Dufry, Vynamic Engage", 8.3)],
        [line(312, 676, "Stanowisko: Junior Test Engineer", 8.3, bold=True)],
        [line(312, 660, "11.2018 - ∞ QUATEST", 9, bold=True)],
        [line(312, 648, "Własna działaność gospodarcza", 8.3)],
        [line(312, 636, "Stanowisko: Tester IT", 8.3)],
        [line(312, 620, "05.2013 - 06.2018 BANK MILLENNIUM SA", 9, bold=True)],
        [line(312, 608, "Stanowisko: Asystent/ Konsultant ds. obsługi klienta", 8.3, bold=True)],
    )
    assert seen(rows) == [
        ("Junior Test Engineer", "DIEBOLD NIXDORF", "2019-07", "present"),
        ("Tester IT", "QUATEST", "2018-11", "present"),
        ("Asystent/ Konsultant ds. obsługi klienta", "BANK MILLENNIUM SA", "2013-05", "2018-06"),
    ]


@pytest.mark.parametrize(
    ("title_label", "employer_label"),
    [("Position:", "Employer:"), ("Poste :", "Entreprise :"), ("Funktion:", "Arbeitgeber:"), ("Stanowisko:", "Firma:"),
     ("Cargo:", "Empresa:")],
)
def test_labelled_rows_before_their_dates(title_label: str, employer_label: str) -> None:
    # Labels that lead each entry, the dates under them: both fields from the labels, in either order.
    rows = stacked(
        [line(50, 700, f"{title_label} Data Analyst", bold=True)],
        [line(50, 688, f"{employer_label} Northwind Traders")],
        [line(50, 676, "Jan 2021 - Mar 2023")],
        [line(50, 664, "Built the weekly sales dashboards and the forecasting model.")],
        [line(50, 646, f"{employer_label} Contoso Retail", bold=True)],
        [line(50, 634, f"{title_label} Junior Analyst")],
        [line(50, 622, "Feb 2019 - Dec 2020")],
        [line(50, 610, "Cleaned the store data for the finance team.")],
    )
    assert seen(rows) == [
        ("Data Analyst", "Northwind Traders", "2021-01", "2023-03"),
        ("Junior Analyst", "Contoso Retail", "2019-02", "2020-12"),
    ]


def test_employer_town_then_a_dash_glued_to_the_title() -> None:
    # Google Docs: "Employer, Town —Title" with the dash spaced on one side only, the dates on the small row under.
    rows = stacked(
        [line(51, 700, "North Sanpete School District, Mt. Pleasant —Substitute Teacher", 11)],
        [line(51, 686, "OCT 2022 - DEC 2022", 8)],
        [line(69, 674, "● Worked with kids grades 1st-12th.", 9)],
        [line(51, 656, "The Soap Factory, Provo —Shift Manager", 11)],
        [line(51, 642, "SEPTEMBER - DECEMBER 2020", 8)],
        [line(69, 630, "● Ran the store as the sole person on duty most shifts.", 9)],
    )
    assert seen(rows) == [
        ("Substitute Teacher", "North Sanpete School District", "2022-10", "2022-12"),
        ("Shift Manager", "The Soap Factory", "2020-09", "2020-12"),
    ]


def test_employer_and_place_row_over_title_and_dates_row() -> None:
    # LaTeX: the employer beside its town, the job under it beside the dates; a bullet's "sinds 2020" is a
    # remark of the description, no second entry.
    rows = stacked(
        [line(30, 700, "Albert Heijn", 10.9), line(420, 700, "Meerdere locaties, Groningen", 10.9)],
        [line(30, 686, "Teamleider", 10.9), line(440, 686, "September 2015 – Heden", 10.9)],
        [line(46, 672, "• Aansturen en verbinden van een dynamisch team in verschillende winkels, in huidige functie "
                       "sinds 2020.", 10.9)],
        [line(46, 658, "• Klantgericht werken op een actieve manier en schakelen in uitdagende situaties.", 10.9)],
    )
    assert seen(rows) == [("Teamleider", "Albert Heijn", "2015-09", "present")]


def test_dates_a_sentence_introduces_under_an_entry_are_no_entry() -> None:
    # Canva: the lines under the entry, set in, tell where the cook worked "desde el 2019 hasta 2021".
    rows = stacked(
        [line(254, 700, "Cocinero en Tgi Fridays", 9.2, bold=True)],
        [line(254, 688, "2012 – 2015", 9.4)],
        [line(270, 676, "Trabaje en Casa del Cafe desde el 2015 hasta el 2016", 9.4)],
        [line(270, 664, "Trabaje en Don Felix desde el 2019 hasta 2021", 9.4)],
    )
    assert [entry[2:] for entry in seen(rows)] == [("2012", "2015")]


def test_moderncv_title_employer_town_beside_a_wrapped_date_column() -> None:
    # moderncv: "Title, Employer, Town." beside "06/2012 –" / "11/2012", the description under it; a long line
    # wraps in both columns at once ("09/2015 –" / "12/2016" beside "... do Rio Grande" / "do Sul, Porto Alegre.").
    rows = stacked(
        [line(61, 700, "06/2012 –", 10.9), line(116, 700, "Estagiário, Prefeitura Municipal de São Jerônimo, São Jerônimo.", 10.9)],
        [line(69, 686, "11/2012", 10.9), line(116, 686, "Serviços de informática internos", 10.9)],
        [line(116, 672, "Atendimento ao publico", 10)],
        [line(61, 650, "09/2015 –", 10.9), line(116, 650, "Estagiário de R&D em Inteligência Artificial, Pontifícia "
                                                          "Universidade Católica do Rio Grande", 10.9, width=430)],
        [line(69, 636, "12/2016", 10.9), line(116, 636, "do Sul, Porto Alegre.", 10.9)],
        [line(116, 622, "Realização de levantamento bibliográfico", 10)],
    )
    assert seen(rows) == [
        ("Estagiário", "Prefeitura Municipal de São Jerônimo", "2012-06", "2012-11"),
        ("Estagiário de R&D em Inteligência Artificial", "Pontifícia Universidade Católica do Rio Grande do Sul",
         "2015-09", "2016-12"),
    ]


def test_schools_listed_with_the_jobs_are_no_positions() -> None:
    # A heading shared by jobs and schools ("Doświadczenie i edukacja"): the schools are left out, the job and
    # a thesis at a company (a degree word, a legal form) stay.
    rows = stacked(
        [line(78, 700, "Szkoła średnia | Technikum nr 17 w Katowicach | 2020 – 2025", 11)],
        [line(78, 686, "Sprzedawca | Żabka Polska | 2023 – 2024", 11)],
        [line(78, 672, "Masterarbeit | Siemens Mobility GmbH | 2025 – 2025", 11)],
        [line(78, 658, "Liceum Ogólnokształcące | Akademia WSB | 2016 – 2020", 11)],
    )
    assert [entry[1] for entry in seen(rows)] == ["Żabka Polska", "Siemens Mobility GmbH"]


def test_freelance_where_the_employer_stands_is_the_employer() -> None:
    rows = stacked(
        [line(71, 700, "2019 -> Oggi", 10)],
        [line(71, 686, "Sviluppatore e Grafico", 12)],
        [line(71, 672, "Freelance", 12)],
        [line(71, 660, "Creazione su commissione di uno strumento per la SEO.", 8)],
    )
    assert seen(rows) == [("Sviluppatore e Grafico", "Freelance", "2019", "present")]


def test_labels_on_both_sides_of_the_dates_and_beside_them() -> None:
    rows = stacked(
        [line(50, 700, "Position: Data Analyst", bold=True)],
        [line(50, 688, "01/2021 - 03/2023")],
        [line(50, 676, "Company: Northwind Traders")],
        [line(50, 664, "Built the weekly sales dashboards and the forecasting model.")],
        [line(50, 646, "Position: Junior Analyst", bold=True)],
        [line(50, 634, "Company: Contoso Retail | 02/2019 - 12/2020")],
        [line(50, 622, "Cleaned the store data for the finance team.")],
    )
    assert seen(rows) == [
        ("Data Analyst", "Northwind Traders", "2021-01", "2023-03"),
        ("Junior Analyst", "Contoso Retail", "2019-02", "2020-12"),
    ]


def test_a_header_does_not_reach_back_over_a_page_break() -> None:
    # The title over its right-aligned dates at the top of page 2, the employer under them: the last bullet of
    # page 1 is the entry before's, not this one's employer.
    rows = [
        Row([line(257, 200, "Vollzeit Ausbildung technische Systemplanerin", 12)], page=0),
        Row([line(468, 188, "2022.08 – 2025.01", 9)], page=0),
        Row([line(257, 178, "AFRY Deutschland GmbH", 8)], page=0),
        Row([line(257, 160, "•  Anwendung von Kostenkalkulation und", 12)], page=0),
        Row([line(275, 146, "Qualitätssicherung im Rahmen von Projektarbeit", 12)], page=0),
        Row([line(259, 778, "Pädagogische Assistenz, FSJ", 12)], page=1),
        Row([line(471, 767, "2007.10 – 2009.07", 9)], page=1),
        Row([line(259, 759, "Heilpädagogisches Heim, Dresden", 8)], page=1),
        Row([line(259, 740, "Betreuung und Begleitung von Kindern und Jugendlichen", 12)], page=1),
    ]
    assert [entry[1] for entry in seen(rows)] == ["AFRY Deutschland GmbH", "Heilpädagogisches Heim"]


def test_employer_line_over_a_long_title_line_in_a_narrow_column() -> None:
    # A sidebar column: the title's first word would not have fit after the employer's name, yet the two rows
    # are the employer and the job, as every entry of the column sets them.
    rows = stacked(
        [line(324, 700, "August 2019 – April 2020", width=110)],
        [line(324, 686, "AdConnector", width=55)],
        [line(324, 672, "Full-stack Developer", width=95)],
        [line(324, 652, "Mai 2017 - August 2017", width=105)],
        [line(324, 638, "Quantum Edge Informatics", width=125)],
        [line(324, 624, "Büromitarbeiter und Datacenter techniker", width=196)],
    )
    assert seen(rows) == [
        ("Full-stack Developer", "AdConnector", "2019-08", "2020-04"),
        ("Büromitarbeiter und Datacenter techniker", "Quantum Edge Informatics", "2017-05", "2017-08"),
    ]


def test_an_undated_position_after_dated_ones_in_their_header_type() -> None:
    rows = stacked(
        [line(254, 700, "Cocinero en Tgi Fridays", 9.2, bold=True)],
        [line(254, 688, "2012 – 2015", 9.4)],
        [line(270, 676, "Preparación de platos y control de inventario de la cocina.", 9.4)],
        [line(270, 664, "Formación de nuevos ayudantes de cocina.", 9.4)],
        [line(254, 646, "Diseñador Grafico para pagina webs", 9.2, bold=True)],
        [line(254, 634, "Markingwebs - Tiempo Libre", 9.4)],
        [line(254, 622, "-Creador de contenido", 9.4)],
    )
    assert [entry[2:] for entry in seen(rows)] == [("2012", "2015"), (None, None)]
    assert seen(rows)[1][:2] == ("Diseñador Grafico para pagina webs", "Markingwebs")


def test_a_labelled_sentence_of_the_description_is_no_title() -> None:
    rows = stacked(
        [line(50, 700, "Backend Developer | Contoso | 2020 - 2022", bold=True)],
        [line(50, 688, "Role: Responsible for the payment service and its deployment on Kubernetes.")],
    )
    assert seen(rows) == [("Backend Developer", "Contoso", "2020", "2022")]


def test_a_dash_then_until_today() -> None:
    # "Seit 18/10/2022 - Bis heute": the dash and the "until" word both, the whole cell is the range.
    assert find_date_range("Seit 18/10/2022 - Bis heute  Werkstudent") == ("2022-10", "present", (0, 27))
    assert find_date_range("01.2020 - bis 03.2021") == ("2020-01", "2021-03", (0, 21))


def test_an_organisation_first_and_a_piece_naming_nothing_are_employer_then_title() -> None:
    """No piece names a job ("Kundenbetreuung" is a field of work, not a job noun), so the order of the pieces
    would decide; the employer's own word ("Bank", "Universidade") says which is which."""
    rows = stacked(
        [line(48, 700, "03/2019 – 06/2021"), line(160, 700, "Deutsche Bank | Kundenbetreuung", bold=True)],
        [line(160, 688, "Beratung von Privatkunden zu Konten und Karten.")],
        [line(48, 670, "2016 – 2019"), line(160, 670, "Universidade do Porto | Investigação", bold=True)],
        [line(160, 658, "Projeto sobre redes de sensores.")],
    )
    assert [entry[:2] for entry in seen(rows)] == [("Kundenbetreuung", "Deutsche Bank"),
                                                   ("Investigação", "Universidade do Porto")]
