"""Tables of label cells ("Functie:") beside their values, set as two cells on one baseline: read as label-value
rows, not as a column of labels followed by a column of values (built from positioned lines, no PDF needed)."""

from __future__ import annotations

from ai_coach.cv.layout import TextLine, order_page
from tests.cv_rows import seen


def cell(x: float, y: float, text: str, bold: bool = False, size: float = 12.0) -> TextLine:
    return TextLine(x, y, x + 0.5 * size * len(text), y + size, size, bold, text)


def table_cv() -> list[TextLine]:
    """A word-processor table: a narrow label column, a value column at x=312, every section heading repeated in
    both cells of its row, each job's dates alone in the label column over its labelled rows."""
    lines = [cell(41, 785, "Curriculum Vitae", True, 18.0), cell(312, 785, "Curriculum Vitae", True, 18.0)]
    y = 758.0

    def pair(label: str, value: str | None, x: float = 41, bold: bool = False) -> None:
        nonlocal y
        lines.append(cell(x, y, label, bold))
        if value is not None:
            lines.append(cell(312, y, value, bold))
        y -= 14.4

    pair("Personalia", "Personalia", bold=True)
    pair("Naam:", "Eva Jansen")
    pair("Woonplaats:", "Utrecht")
    pair("Geboortedatum:", "02-03-1990")
    pair("Werkervaring", "Werkervaring", bold=True)
    for dates, company, place, title in [
        ("Maart 2015  - Juni 2018:", "Pixelhaven", "Amersfoort", "Grafisch Ontwerper"),
        ("Juli 2018  - Heden:", "Studio Noord", "Zwolle", "Art Director"),
    ]:
        pair(dates, None)
        pair("Bedrijfsnaam:", company, x=77)
        pair("Plaats:", place, x=77)
        pair("Functie:", title, x=77)
        pair("Werkzaamheden:", "Ik ontwierp huisstijlen en verpakkingen voor", x=77)
        lines.append(cell(312, y, "klanten in de regio."))
        y -= 30
    return lines


def test_label_cells_are_read_with_the_value_on_their_baseline() -> None:
    rows = [row.text for row in order_page(table_cv())]
    assert "Naam:  Eva Jansen" in rows
    assert "Geboortedatum:  02-03-1990" in rows
    assert rows.index("Bedrijfsnaam:  Pixelhaven") < rows.index("Functie:  Grafisch Ontwerper") < rows.index(
        "Bedrijfsnaam:  Studio Noord"
    )


def test_labelled_table_rows_give_each_job_its_title_and_employer() -> None:
    rows = order_page(table_cv())
    start = next(i for i, row in enumerate(rows) if row.text.startswith("Werkervaring"))
    assert seen(rows[start + 1 :]) == [
        ("Grafisch Ontwerper", "Pixelhaven", "2015-03", "2018-06"),
        ("Art Director", "Studio Noord", "2018-07", "present"),
    ]


def test_a_sidebar_with_labels_over_their_values_stays_a_column() -> None:
    """Labels whose values stand under them in their own column ("E-mail:" over the address) head no table,
    even where a shared baseline grid puts them on the rows of the main column's lines."""
    lines = [cell(41, 714.4, "Contact", bold=True)]
    for index, (label, value) in enumerate([("E-mail:", "eva@example.com"), ("Telefoon:", "06 12345678"),
                                            ("Adres:", "Utrecht"), ("Talen:", "Nederlands")]):
        y = 700 - 2 * index * 14.4 - 14.4
        lines += [cell(41, y, label), cell(41, y - 14.4, value)]
    main = ["Werkervaring", "Pixelhaven - Grafisch Ontwerper", "Maart 2015 - Juni 2018", "ik ontwierp huisstijlen",
            "en verpakkingen voor klanten", "Studio Noord - Art Director", "Juli 2018 - heden", "ik leid een team",
            "van vier ontwerpers"]
    lines += [cell(312, 714.4 - index * 14.4, text, bold=index == 0) for index, text in enumerate(main)]
    rows = [row.text for row in order_page(lines)]
    assert rows[:9] == ["Contact", "E-mail:", "eva@example.com", "Telefoon:", "06 12345678", "Adres:", "Utrecht", "Talen:",
                        "Nederlands"]


def test_title_and_employer_labels_of_more_languages() -> None:
    from tests.cv_rows import line, stacked

    rows = stacked(
        [line(40, 700, "2019-03 - 2021-08")],
        [line(40, 686, "Befattning:"), line(200, 686, "Lagerarbetare")],
        [line(40, 672, "Arbetsgivare:"), line(200, 672, "Nordlager AB")],
        [line(40, 644, "2021-09 - 2023-01")],
        [line(40, 630, "Nazwa firmy:"), line(200, 630, "Kowalski Sp. z o.o.")],
        [line(40, 616, "Stanowisko:"), line(200, 616, "Magazynier")],
    )
    assert seen(rows) == [
        ("Lagerarbetare", "Nordlager AB", "2019-03", "2021-08"),
        ("Magazynier", "Kowalski Sp. z o.o.", "2021-09", "2023-01"),
    ]
