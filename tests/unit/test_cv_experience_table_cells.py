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
