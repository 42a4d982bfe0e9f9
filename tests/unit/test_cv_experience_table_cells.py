"""Experience entries laid out in table cells (issue 16): a narrow left cell holding each entry's dates and
header, a wide right cell holding its description. Each test builds positioned lines, as a PDF would give them,
and asserts the entries a user would see."""

from __future__ import annotations

from ai_coach.cv.layout import Row, TextLine
from tests.cv_rows import seen


def right_aligned(right: float, y: float, text: str, size: float = 8.0) -> TextLine:
    width = 0.5 * size * len(text)
    return TextLine(right - width, y, right, y + size, size, False, text)


def cells(page: int, column: int, *lines: TextLine) -> list[Row]:
    return [Row([item], page=page, column=column) for item in lines]


def test_stacked_header_cells_read_beside_their_descriptions() -> None:
    # The reading order took the table's two columns one after the other (their lines share no baselines):
    # every header cell of the page comes before every description. Each header cell stacks the dates, the
    # title and the employer in capitals, wrapped, with the town after it in mixed case.
    left = cells(
        0, 1,
        right_aligned(170, 700, "Mar 2019 – Jun 2021"),
        right_aligned(170, 684, "JEFE DE LOGISTICA"),
        right_aligned(170, 668, "NORDWIND TRANSPORTES"),
        right_aligned(170, 656, "MARITIMOS Valencia."),
        right_aligned(170, 644, "Com. Val."),
        right_aligned(170, 560, "Ene 2015 – Feb 2019"),
        right_aligned(170, 544, "COORDINADOR DE ALMACEN"),
        right_aligned(170, 528, "DISTRIBUIDORA SUR, SA."),
        right_aligned(170, 516, "Sevilla. And."),
    )
    right = cells(
        0, 2,
        TextLine(180, 699, 540, 708, 9.0, False, "Planificación de rutas de reparto para una flota de 40 camiones."),
        TextLine(180, 682, 520, 691, 9.0, False, "Negociación de tarifas con transportistas y proveedores."),
        TextLine(180, 665, 530, 674, 9.0, False, "Implantación de un sistema de gestión de almacenes."),
        TextLine(180, 559, 540, 568, 9.0, False, "Control de inventario y recepción de mercancía."),
        TextLine(180, 542, 500, 551, 9.0, False, "Formación del personal de almacén."),
    )
    entries = seen([*left, *right])
    assert entries == [
        ("JEFE DE LOGISTICA", "NORDWIND TRANSPORTES MARITIMOS", "2019-03", "2021-06"),
        ("COORDINADOR DE ALMACEN", "DISTRIBUIDORA SUR, SA.", "2015-01", "2019-02"),
    ]


def test_columns_not_level_with_the_dates_stay_as_read() -> None:
    # A sidebar's dated entries beside a main column whose rows start nowhere near the dates' heights: two
    # columns, not a table; the main column's rows are not cut into the sidebar's entries.
    left = cells(
        0, 1,
        right_aligned(170, 700, "2019 – 2021"),
        right_aligned(170, 684, "Analyst"),
        right_aligned(170, 668, "Acme Logistics"),
    )
    right = cells(0, 2, TextLine(180, 620, 540, 629, 9.0, False, "Volunteer work at the local library on weekends."))
    rows = [*left, *right]
    assert seen(rows) == [("Analyst", "Acme Logistics", "2019", "2021")]
    from ai_coach.cv.experience import _cell_columns_as_table_rows

    assert _cell_columns_as_table_rows(rows) == rows


def test_wrapped_date_cells_interleaved_with_their_right_cells() -> None:
    # Each table row: a left cell with the dates wrapped over two lines and centred, a right cell starting at its
    # top with "Employer – Title – share (stack):" and its description. No date line shares a baseline with the
    # right cell's lines, so the rows interleave; the table's rows are read whole again.
    rows = [
        Row([TextLine(130, 570, 430, 578, 8.0, False, "Migros – Data Engineer – 100% (Pipelines and reporting):")]),
        Row([TextLine(65, 563, 102, 571, 8.0, False, "03.2023 –")]),
        Row([TextLine(130, 557, 520, 565, 8.0, False, "Building the data platform for the logistics department.")]),
        Row([TextLine(65, 550, 85, 558, 8.0, False, "Today")]),
        Row([TextLine(130, 543, 480, 551, 8.0, False, "Owning the reporting pipelines of 20 teams.")]),
        Row([TextLine(130, 520, 470, 528, 8.0, False, "Helvetia AG – Junior developer – 80% (Python, SQL):")]),
        Row([TextLine(65, 513, 102, 521, 8.0, False, "01.2020 –")]),
        Row([TextLine(130, 507, 500, 515, 8.0, False, "Maintaining the claims services and their tests.")]),
        Row([TextLine(65, 500, 98, 508, 8.0, False, "02.2023")]),
    ]
    assert seen(rows) == [
        ("Data Engineer", "Migros", "2023-03", "present"),
        ("Junior developer", "Helvetia AG", "2020-01", "2023-02"),
    ]


def test_a_header_row_holding_its_dates_is_no_date_cell() -> None:
    # Bold header rows that end with their dates, bullets under them: no column of date cells, read as they are.
    rows = [
        Row([TextLine(72, 436, 353, 447, 11.0, True, "Shop Assistant — Coop Pronto | 2019 – Present")]),
        Row([TextLine(90, 410, 414, 421, 11.0, False, "●  Served customers at the till")]),
        Row([TextLine(72, 354, 434, 365, 11.0, True, "Marketing Intern — Significant Ltd | Mar 2018 – May 2019")]),
        Row([TextLine(90, 328, 448, 339, 11.0, False, "●  Wrote posts for the company's social media")]),
    ]
    from ai_coach.cv.experience import _date_cells_as_table_rows

    assert _date_cells_as_table_rows(rows) == rows


def test_the_occasion_of_a_placement_is_no_part_of_the_employer() -> None:
    # A date cell beside the employer's cell, the job-shadowing day it was on in brackets after the name.
    rows = [
        Row([TextLine(64, 400, 91, 412, 12.0, False, "2016"),
             TextLine(206, 400, 380, 412, 12.0, False, "Bäckerei Sonnenschein (Girls´ Day)")]),
        Row([TextLine(64, 386, 91, 398, 12.0, False, "2015"),
             TextLine(206, 386, 380, 398, 12.0, False, "Stadtwerke Nordheim (Zukunftstag)")]),
    ]
    assert [entry[1] for entry in seen(rows)] == ["Bäckerei Sonnenschein", "Stadtwerke Nordheim"]


def test_an_employer_run_into_each_title_is_the_words_the_headers_share() -> None:
    # "Employer Title – dates" with no separator between employer and title, two positions at one employer.
    rows = [
        Row([TextLine(92, 486, 552, 498, 12.0, False, "Institute of Marine Biology & Oceans Lab Technician – May 2015 to June 2016")]),
        Row([TextLine(93, 460, 500, 470, 10.0, False, "• Ran the water quality tests of the research tanks.")]),
        Row([TextLine(92, 430, 552, 442, 12.0, False, "Institute of Marine Biology & Oceans Data Analyst – July 2016 to May 2018")]),
        Row([TextLine(93, 404, 500, 414, 10.0, False, "• Built the sampling database and its reports.")]),
    ]
    assert [entry[:2] for entry in seen(rows)] == [
        ("Lab Technician", "Institute of Marine Biology & Oceans"), ("Data Analyst", "Institute of Marine Biology & Oceans")]


def test_titles_sharing_their_first_words_stay_titles() -> None:
    # Two titles at no named employer that begin alike: a shared start that names a job is no employer.
    rows = [
        Row([TextLine(92, 486, 552, 498, 12.0, True, "Senior Software Engineer Backend – 2019 to 2021")]),
        Row([TextLine(93, 460, 500, 470, 10.0, False, "• Wrote the billing services.")]),
        Row([TextLine(92, 430, 552, 442, 12.0, True, "Senior Software Engineer Platform – 2021 to 2023")]),
        Row([TextLine(93, 404, 500, 414, 10.0, False, "• Ran the deployment pipelines.")]),
    ]
    assert all(entry[1] != "Senior Software Engineer" for entry in seen(rows))


def test_courses_listed_with_the_jobs_are_no_positions() -> None:
    # Date cells over each header, German further-training courses among the positions, one job held through
    # a temping agency ("/ Zeitarbeit" after the employer).
    rows = [
        Row([TextLine(221, 463, 300, 473, 10.0, False, "01/2024 – aktuell")]),
        Row([TextLine(221, 450, 435, 461, 11.0, False, "Weiterbildung zum Projektmanager (IHK)")]),
        Row([TextLine(221, 425, 307, 435, 10.0, False, "06/2023 – 12/2023")]),
        Row([TextLine(221, 412, 407, 423, 11.0, False, "Sprachkurs: Englisch für den Beruf")]),
        Row([TextLine(221, 387, 307, 397, 10.0, False, "10/2019 – 06/2023")]),
        Row([TextLine(221, 374, 509, 385, 11.0, False, "Sachbearbeiterin • Muster Logistik • Bamberg")]),
        Row([TextLine(239, 346, 551, 357, 11.0, False, "•  Abrechnung der Transportaufträge")]),
        Row([TextLine(221, 320, 307, 330, 10.0, False, "01/2018 – 10/2019")]),
        Row([TextLine(221, 307, 509, 318, 11.0, False, "Sachbearbeiterin • Muster Logistik / Zeitarbeit • Bamberg")]),
        Row([TextLine(239, 280, 551, 291, 11.0, False, "•  Pflege der Kundendaten")]),
    ]
    assert seen(rows) == [
        ("Sachbearbeiterin", "Muster Logistik", "2019-10", "2023-06"),
        ("Sachbearbeiterin", "Muster Logistik", "2018-01", "2019-10"),
    ]


def test_an_employer_cell_with_its_unit_and_town_keeps_the_unit() -> None:
    # A date cell beside the title, the employer's cell under it: "Name - Unit - Town": the town after the last
    # dash is where, the dash before it is inside the employer's name.
    rows = [
        Row([TextLine(206, 700, 263, 710, 10.0, False, "Julio 2022 ~"),
             TextLine(278, 700, 418, 711, 11.0, True, "Desarrollador Web")]),
        Row([TextLine(206, 688, 260, 698, 10.0, False, "Marzo 2024"),
             TextLine(278, 688, 544, 698, 10.0, False, "Universidad de Ejemplo - Centro Regional - Córdoba")]),
        Row([TextLine(288, 670, 551, 680, 10.0, False, "Desarrollo de sistemas para el uso interno del centro.")]),
    ]
    assert seen(rows) == [("Desarrollador Web", "Universidad de Ejemplo - Centro Regional", "2022-07", "2024-03")]


def test_a_long_description_stays_with_its_own_top_aligned_date_cell() -> None:
    # Date cells at the top of each table row, the first wrapped over two lines; the first description runs on
    # to just above the next table row: its last line is the first entry's, not the next one's header.
    rows = [
        Row([TextLine(65, 700, 102, 708, 8.0, False, "01.2021 –"),
             TextLine(130, 700, 430, 708, 8.0, False, "Northwind – Data Engineer")]),
        Row([TextLine(65, 688, 85, 696, 8.0, False, "Today")]),
        Row([TextLine(130, 676, 520, 684, 8.0, False, "Building the data platform for the logistics department.")]),
        Row([TextLine(130, 664, 520, 672, 8.0, False, "Owning the reporting pipelines of twenty teams.")]),
        Row([TextLine(130, 652, 520, 660, 8.0, False, "Migrating the warehouse to the new cloud.")]),
        Row([TextLine(65, 640, 102, 648, 8.0, False, "03.2018 –"),
             TextLine(130, 640, 300, 648, 8.0, False, "Contoso AG – Junior developer")]),
        Row([TextLine(65, 628, 98, 636, 8.0, False, "12.2020")]),
        Row([TextLine(130, 616, 500, 624, 8.0, False, "Maintaining the claims services and their tests.")]),
    ]
    assert seen(rows) == [
        ("Data Engineer", "Northwind", "2021-01", "present"),
        ("Junior developer", "Contoso AG", "2018-03", "2020-12"),
    ]


def test_capitals_part_a_name_from_its_town_but_not_an_acronym_from_its_name() -> None:
    from ai_coach.cv.experience import _capitals_then_mixed

    assert _capitals_then_mixed("NORDWIND TRANSPORTES, Valencia. Com. Val.") == ["NORDWIND TRANSPORTES", "Valencia. Com. Val."]
    assert _capitals_then_mixed("IBM Deutschland GmbH") == ["IBM Deutschland GmbH"]
    assert _capitals_then_mixed("Contoso Logistics, Berlin") == ["Contoso Logistics, Berlin"]


def test_a_shared_start_that_names_no_organisation_is_no_employer() -> None:
    rows = [
        Row([TextLine(92, 486, 552, 498, 12.0, False, "Research and Development Software Engineer – 2019 to 2021")]),
        Row([TextLine(93, 460, 500, 470, 10.0, False, "• Wrote the firmware of the sensors.")]),
        Row([TextLine(92, 430, 552, 442, 12.0, False, "Research and Development Team Lead – 2021 to 2023")]),
        Row([TextLine(93, 404, 500, 414, 10.0, False, "• Led the sensor team.")]),
    ]
    assert all(entry[1] != "Research and Development" for entry in seen(rows))
