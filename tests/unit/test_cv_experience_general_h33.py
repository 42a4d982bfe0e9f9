"""General properties of experience headers (issue 16, stop 33): each test builds made-up positioned lines (no PDF,
no CV of the sets) and asserts the entries a user would see."""

from __future__ import annotations

from ai_coach.cv.experience import build_experience
from tests.cv_rows import line, seen, stacked


def _employer_dates_title_town(town: bool) -> list:
    cells = [[line(30, 100, "Acme Widgets", 12, True), line(0, 100, "Oct 2024 – Present", 12, right=560)],
             [line(30, 114, "Data Engineering Intern", 12)]]
    if town:
        cells.append([line(30, 128, "Madrid, Spain", 12)])
    cells += [[line(50, 142, "· Built pipelines with Python and Docker for the team.", 12)],
              [line(30, 170, "Globex", 12, True), line(0, 170, "Mar 2023 – Jul 2024", 12, right=560)],
              [line(30, 184, "Software Developer", 12)]]
    if town:
        cells.append([line(30, 198, "Málaga, Spain", 12)])
    cells.append([line(50, 212, "· Developed REST services for clinical systems.", 12)])
    return stacked(*cells)


def test_employer_beside_dates_then_title_then_town_keeps_the_employer() -> None:
    # A header says where once: with "Madrid, Spain" on a row of its own, the one name beside the dates is the
    # employer, not a town leading the dates.
    want = [("Data Engineering Intern", "Acme Widgets", "2024-10", "present"),
            ("Software Developer", "Globex", "2023-03", "2024-07")]
    assert seen(_employer_dates_title_town(town=True)) == want
    assert seen(_employer_dates_title_town(town=False)) == want


def test_town_beside_dates_over_employer_over_title_still_reads_the_town() -> None:
    # The layout the town-led rule was written for keeps working: town | dates, the employer set apart, the title.
    rows = stacked(
        [line(40, 100, "Gdynia | Kwi 2022 - Lis 2022", 10)],
        [line(40, 114, "SNIPES POLSKA", 10, True)],
        [line(40, 128, "Instruktor", 10)],
        [line(55, 142, "• Prowadzenie szkoleń dla nowych pracowników sklepu", 10)],
        [line(40, 170, "Sopot | Sty 2020 - Mar 2022", 10)],
        [line(40, 184, "DECATHLON", 10, True)],
        [line(40, 198, "Sprzedawca", 10)],
        [line(55, 212, "• Obsługa klientów i doradztwo przy wyborze sprzętu", 10)],
    )
    assert [(title, company) for title, company, _, _ in seen(rows)] == [("Instruktor", "SNIPES POLSKA"),
                                                                        ("Sprzedawca", "DECATHLON")]


def test_header_wrapped_onto_a_row_in_lower_case_keeps_its_dates() -> None:
    # "Research Worker | Research Institute of veterinary" / "medicine | 2019 – 2020", both rows in the headers'
    # bold: the second row ends the header (descriptions are set in body type), so its dates open the entry.
    rows = stacked(
        [line(245, 100, "Jewellery Maker | Earth Treasures | 2021 – present", 11, True)],
        [line(262, 114, "Design, handmade production and sale of jewellery", 10)],
        [line(245, 142, "Research Worker | Research Institute of veterinary", 11, True)],
        [line(245, 156, "medicine | 2019 – 2020", 11, True)],
        [line(262, 170, "Data analysis, documentation and visualisation", 10)],
    )
    assert seen(rows) == [("Jewellery Maker", "Earth Treasures", "2021", "present"),
                          ("Research Worker", "Research Institute of veterinary medicine", "2019", "2020")]


def test_dates_inside_a_description_sentence_in_body_type_open_no_entry() -> None:
    rows = stacked(
        [line(245, 100, "Data Analyst | Globex | 2021 – present", 11, True)],
        [line(262, 114, "Built the reporting of the sales team", 10)],
        [line(262, 128, "and ran the migration of the warehouse (2022 – 2023);", 10)],
    )
    assert seen(rows) == [("Data Analyst", "Globex", "2021", "present")]


def test_a_title_with_a_comma_and_lower_case_words_is_no_town() -> None:
    # "Odborná rada, Ochrana veřejného zdraví | KHS Brno |" (a civil-service grade, then the field) over its dates:
    # town names capitalise their words, so the comma piece is the title, not the place, and the description's
    # first line does not stand in for it.
    rows = stacked(
        [line(245, 100, "Odborná rada, Ochrana veřejného zdraví | KHS Brno |", 11, True)],
        [line(245, 114, "2020 – současnost (mateřská dovolená od 2025)", 11)],
        [line(262, 128, "Státní dozor, Epidemiologická šetření a opatření", 10)],
        [line(262, 142, "Tvorba odborných stanovisek", 10)],
    )
    assert seen(rows) == [("Odborná rada, Ochrana veřejného zdraví", "KHS Brno", "2020", "present")]


def test_towns_with_short_particles_are_still_places() -> None:
    for place in ("Frankfurt am Main, Germany", "São José dos Campos, SP", "Alcalá de Henares, Madrid"):
        rows = stacked([line(40, 100, f"Data Analyst | Globex | {place} | 2021 – 2023", 10, True)],
                       [line(55, 114, "• Built the reporting of the sales team", 10)])
        entry = build_experience(rows)[0]
        assert (entry.title, entry.company, entry.location) == ("Data Analyst", "Globex", place)


def _parse(lines: list[tuple[float, float, str, float, bool]]):
    from ai_coach.cv.layout import TextLine, order_document
    from ai_coach.cv.parser import parse_rows
    from ai_coach.cv.text import clean_text

    page = [TextLine(x, y, x + 0.5 * size * len(text), y + size, size, bold, text) for x, y, text, size, bold in lines]
    rows = order_document([page], [842.0])
    return parse_rows(rows, "\n".join(clean_text(row.text) for row in rows), page_count=1)


def test_an_employer_line_in_the_dated_rows_type_opens_no_section() -> None:
    # A LaTeX CV: headings at 14 pt; each entry's dates and title, then its employer, at 10 pt; descriptions at 8 pt.
    # Two degree lines under Education ("Higher education") read as headings, so 10 pt is among the headings'
    # types; but rows of dates are set in it, so an unknown 10 pt line is an entry's line, not a heading.
    desc = "Built and maintained the services of the team in C++ and SQL."
    cv = _parse([
        (50, 800, "Jan Kowalski", 24, True), (50, 780, "jan@example.com", 10, False),
        (94, 740, "Experience", 14.3, False),
        (100, 720, "07.2011-04.2012  Software Development Engineer", 10, False),
        (205, 706, "Northwind Traders Polska", 10, False),
        (205, 692, desc, 8, False), (205, 682, desc, 8, False), (205, 672, desc, 8, False),
        (100, 656, "06.2010-04.2011  Software Development Engineer", 10, False),
        (205, 642, "Thomson Europe SA Polska", 10, False),
        (205, 628, desc, 8, False), (205, 618, desc, 8, False), (205, 608, desc, 8, False),
        (94, 580, "Education", 14.3, False),
        (100, 560, "10.2006-11.2009  Uniwersytet Gdański", 10, False),
        (189, 546, "Higher education", 10, False),
        (100, 530, "09.2002-06.2006  Liceum Ogólnokształcące", 10, False),
        (189, 516, "Secondary education", 10, False),
    ])
    assert [(entry.title, entry.company, entry.start, entry.end) for entry in cv.experience] == [
        ("Software Development Engineer", "Northwind Traders Polska", "2011-07", "2012-04"),
        ("Software Development Engineer", "Thomson Europe SA Polska", "2010-06", "2011-04")]


def test_a_heading_wrapped_over_two_lines_in_a_label_column_opens_its_section_on_its_first_line() -> None:
    # A Typst CV with its headings in a left column at 15 pt: "Work" / "Experience" wraps, and the first entry's
    # employer and dates stand level with "Work", above "Experience". The entry is the section's, not the header's.
    cv = _parse([
        (227, 806, "Jane Sample", 19.2, False), (195, 783, "jane@example.com", 11, False),
        (50, 730, "Work", 15.4, False), (178, 734, "Northwind Systems", 11, True), (439, 734, "Berlin, Germany", 11, False),
        (178, 720, "Role: Founder and Software Developer", 11, False), (492, 720, "2020 - 2024", 11, False),
        (50, 710, "Experience", 15.4, False), (178, 705, "Built a platform for booking patient transport.", 11, False),
        (178, 636, "Globex University", 11, True), (439, 636, "Berlin, Germany", 11, False),
        (178, 622, "Role: Student Assistant", 11, False), (464, 622, "12/2019 - 09/2020", 11, False),
        (182, 600, "• Added channels to the runtime enforcement framework", 11, False),
        (50, 560, "Education", 15.4, False), (178, 560, "Globex University - Computer Science B.Sc.", 11, True),
        (464, 546, "10/2015 - 04/2019", 11, False),
    ])
    assert [(entry.company, entry.start, entry.end) for entry in cv.experience] == [
        ("Northwind Systems", "2020", "2024"), ("Globex University", "2019-12", "2020-09")]


def test_french_a_and_au_join_a_title_to_its_employer_but_not_to_a_place() -> None:
    rows = stacked(
        [line(55, 100, "•  Juin 2021 - juillet 2022 : Assistant de Recherche au Laboratoire AMSE", 10)],
        [line(73, 114, "-  Analyses économiques et création de nouveaux indicateurs", 10)],
        [line(55, 128, "•  Janvier  2020  -  juin  2020  :  Stagiaire  Data  Analyst  à  l’Institut  National  de  Statistique", 10)],
        [line(73, 142, "-  Collecte et analyse de données d’enquêtes nationales", 10)],
        [line(55, 156, "•  Mars 2019 - avril 2019 : Stagiaire au Canada", 10)],
        [line(73, 170, "-  Rédaction des rapports de séance", 10)],
    )
    assert [(title, company) for title, company, _, _ in seen(rows)] == [
        ("Assistant de Recherche", "Laboratoire AMSE"), ("Stagiaire Data Analyst", "Institut National de Statistique"),
        ("Stagiaire au Canada", None)]


def test_a_short_stem_passed_through_inside_a_longer_word_names_no_section() -> None:
    from ai_coach.cv.sections import classify_styled_heading

    # "sprak" (Swedish "språk" without its accent) runs through "Berufspraktische": no languages heading.
    assert classify_styled_heading("Berufspraktische Tage") != "languages"
    # Stems that end a compound, or start a word, still name it.
    assert classify_styled_heading("Sprachkenntnisse") == "languages"
    assert classify_styled_heading("Vreemde talen") == "languages"
    assert classify_styled_heading("Berufserfahrung") == "experience"
    assert classify_styled_heading("IT-Kenntnisse") == "skills"


def test_a_date_column_holding_one_month_read_into_the_title_line() -> None:
    # A LaTeX date column beside the header, read into one line: "07.2005 Network Administrator", the employer
    # under it further right where the header starts. A one-month position, as a one-year cell is a one-year one.
    rows = stacked(
        [line(100, 100, "06.2009-08.2009", 10), line(189, 100, "Java Developer", 10)],
        [line(189, 114, "Tieto Polska sp. z o.o.", 10)],
        [line(189, 128, "Added features to the products of the company in Java and C++.", 8)],
        [line(140, 150, "07.2005 Network Administrator", 10)],
        [line(189, 164, "Regional Hospital in Torun", 10)],
        [line(189, 178, "Solved problems with the hospital network, computers and systems.", 8)],
    )
    assert seen(rows) == [("Java Developer", "Tieto Polska sp. z o.o.", "2009-06", "2009-08"),
                          ("Network Administrator", "Regional Hospital in Torun", "2005-07", "2005-07")]


def test_outline_numbered_headings_in_body_type_open_their_sections_and_a_contents_line_does_not() -> None:
    from ai_coach.cv.layout import Row
    from ai_coach.cv.sections import split_sections

    def row(y: float, text: str) -> Row:
        return Row([line(90, y, text, 14)])

    rows = [row(800, "Jean Sample"), row(780, "1. Sommaire………………………1"), row(766, "2. Expériences professionnelles……5"),
            row(700, "1. Formation"), row(686, "(2019 - 2021) Lycée Chevrollier | Angers"),
            row(650, "2. Expériences Professionnelles"),
            row(636, "(2021 - 2021) Technicien réseau | Collège Saint Joseph"),
            row(622, "-Déploiement de services Linux dans Docker"),
            row(590, "IV. Langues"), row(576, "Anglais, espagnol")]
    assert [section.name for section in split_sections(rows)] == ["header", "education", "experience", "languages"]
