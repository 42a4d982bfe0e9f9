"""Date ranges in the forms and languages CVs write them, read as the start and end of the entry a user sees.
Each form here was missed before (a month abbreviation of one language, a word for "until" or "now", a
two-digit end year, the same months of two years); an entry is built from positioned lines where the form
matters to the entry, else the range finder's reading is asserted."""

from __future__ import annotations

import pytest

from ai_coach.cv.dates import (
    find_closing_date,
    find_date_range,
    find_since,
    find_single_date,
    find_wrapped_range,
    is_date_only,
)
from ai_coach.cv.experience import build_experience
from ai_coach.cv.layout import Row
from tests.cv_rows import line


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Kwi 2022 - Lis 2022", "2022-04", "2022-11"),  # Polish abbreviations
        ("Sept ’17 – present", "2017-09", "present"),  # a two-digit year after an apostrophe (US CVs)
        ("Jan ’16 – Jul ’17", "2016-01", "2017-07"),
        ("Dec '15 – Jan '16", "2015-12", "2016-01"),
        ("01/2025 – Actuellement", "2025-01", "present"),  # French "currently"
        ("Sty 2019 – Gru 2020", "2019-01", "2020-12"),
        ("Paź 2023 – Wrz 2024", "2023-10", "2024-09"),
        ("Gen 2019 - Giu 2020", "2019-01", "2020-06"),  # Italian
        ("Mag 2018 – Ott 2018", "2018-05", "2018-10"),
        ("Abr 2021 – Dic 2022", "2021-04", "2022-12"),  # Spanish / Portuguese "abril"
        ("Mär 2015 – Déc 2016", "2015-03", "2016-12"),  # German "März", French "décembre"
        ("Июн 2020 – Нояб 2021", "2020-06", "2021-11"),  # Russian
        ("Setiembre 2017 – Julio 2018", "2017-09", "2018-07"),
        ("Maj - Sie 2020", "2020-05", "2020-08"),  # two months sharing the year
        ("Maj - Sie 2020 & 2021", "2020-05", "2021-08"),  # the same months of two summers
        ("Aprile 2025 - Ad Oggi", "2025-04", "present"),  # "until today" in Italian
        ("2022-Aktualnie", "2022", "present"),  # Polish "currently"
        ("Janvier 2020 – présent", "2020-01", "present"),
        ("2019 до 2021", "2019", "2021"),  # "to" in Russian, Polish, Dutch, Portuguese
        ("2019 do 2021", "2019", "2021"),
        ("2015 tot 2017", "2015", "2017"),
        ("2016 até 2018", "2016", "2018"),
        ("Enero 2016 al Marzo 2018", "2016-01", "2018-03"),
        ("2014 ‒ 2018", "2014", "2018"),  # figure dash
        ("01.08.2020 - 10.07.21", "2020-08", "2021-07"),  # a two-digit end year
        ("08/ 2024 to Present", "2024-08", "present"),  # month and year as typed in Word
        ("07 / 2025- Present", "2025-07", "present"),
        ("03-2019 – 11-2021", "2019-03", "2021-11"),
        ("desde marzo 2018 hasta la actualidad", "2018-03", "present"),  # the start's word is part of the dates
        ("de janvier 2019 à aujourd’hui", "2019-01", "present"),
        ("2019 – по наст. время", "2019", "present"),
        ("Summer 2019 - Fall 2020", "2019", "2020"),  # seasons stand for their years
        ("Sommer 2017 bis Herbst 2018", "2017", "2018"),
    ],
)
def test_range_forms(text: str, start: str, end: str) -> None:
    found = find_date_range(f"Analyst  {text}")
    # The whole of the dates is read (no word of them is left for the title): "Ad" of "Ad Oggi", "présent".
    assert found is not None and found == (start, end, (9, 9 + len(text)))


def test_a_latin_r_after_a_year_is_a_year_mark_only_with_its_dot() -> None:
    assert find_date_range("2018 - 2019 R&D Engineer") == ("2018", "2019", (0, 11))


def test_a_version_number_and_a_year_are_no_range() -> None:
    assert find_date_range("Java 8 - 2019 migration") is None


def test_since_in_german_with_ab() -> None:
    assert find_since("ab März 2021") is not None and find_since("ab März 2021")[0] == "2021-03"


def test_town_then_polish_dates_then_employer_then_title() -> None:
    rows = [
        Row([line(300, 700, "Gdynia | Kwi 2022 - Lis 2022", 7.5)]),
        Row([line(300, 686, "SNIPES POLSKA", 8.5, bold=True)]),
        Row([line(300, 673, "Sprzedawca", 7.5)]),
        Row([line(300, 657, "Obsługa klienta, oparta na zapewnieniu możliwie pełnej informacji.", 8.0)]),
    ]
    # The town that leads the dates is where, the employer is set apart, the title is back in the dates' type.
    [entry] = build_experience(rows)
    assert (entry.title, entry.company, entry.location, entry.start, entry.end) == (
        "Sprzedawca", "SNIPES POLSKA", "Gdynia", "2022-04", "2022-11")


def test_german_full_dates_with_a_two_digit_end_year() -> None:
    rows = [
        Row([line(50, 700, "01.08.2020 - 10.07.21", 10.0), line(180, 700, "Jahrespraktikum bei Procter & Gamble", 10.0)]),
        Row([line(50, 686, "2019", 10.0), line(180, 686, "Werkfeuerwehr Infraserv Höchst", 10.0)]),
    ]
    entries = build_experience(rows)
    assert (entries[0].start, entries[0].end) == ("2020-08", "2021-07")


def test_letter_spaced_titles_beside_a_stacked_date_column() -> None:
    """A designer's layout: the start over the end of the dates in a column ("Abril 2022 ~" over "Actualidad",
    "Diciembre 2023" over "~ Actualidad"), the title letter-spaced beside the start, the employer beside the end."""
    rows = [
        Row([line(205, 700, "Diciembre 2023"), line(278, 700, "D e s a r r o l l a d o r   W e b   Fr e e l a n c e", 11, bold=True)]),
        Row([line(205, 686, "~ Actualidad"), line(279, 686, "PatagoniaDev - Viedma RN")]),
        Row([line(288, 672, "Desarrollo bajo demanda de tareas para los sistemas de los clientes.")]),
        Row([line(206, 650, "Abril 2022 ~"), line(280, 650, "D e s a r r o l l a d o r   P H P", 11, bold=True)]),
        Row([line(206, 636, "Actualidad"), line(280, 636, "Ministerio de Salud de Río Negro - Viedma RN")]),
        Row([line(289, 622, "Mantenimiento y desarrollo de nuevos módulos en el sistema.")]),
    ]
    assert [(e.title, e.company, e.start, e.end) for e in build_experience(rows)] == [
        ("Desarrollador Web Freelance", "PatagoniaDev", "2023-12", "present"),
        ("Desarrollador PHP", "Ministerio de Salud de Río Negro", "2022-04", "present"),
    ]


def test_an_employer_wrapped_after_a_comma_under_the_title_row() -> None:
    rows = [
        Row([line(216, 700, "Technicien de laboratoire", bold=True), line(468, 700, "2013 - aujourd’hui", bold=True)]),
        Row([line(216, 686, "Génétique, Diversité, et Ecophysiologie des Céréales,")]),
        Row([line(216, 672, "INRAE UMR GDEC 1095")]),
        Row([line(216, 658, "Mon travail se concentre principalement sur les analyses de données génétiques.")]),
    ]
    [entry] = build_experience(rows)
    assert (entry.title, entry.company, entry.start, entry.end) == (
        "Technicien de laboratoire", "Génétique, Diversité, et Ecophysiologie des Céréales, INRAE UMR GDEC 1095",
        "2013", "present")


def test_the_employer_on_the_one_row_between_the_heading_and_the_first_dates() -> None:
    """A Word CV in one type: the employer and its town in brackets, then the title beside its dates
    ("08/ 2024 to Present"): the row above the first dates can belong to no other entry."""
    rows = [
        Row([line(72, 700, "University of Central Florida (Orlando, FL)", 12)]),
        Row([line(72, 686, "Graduate Research Assistant  08/ 2024 to Present", 12)]),
        Row([line(72, 672, "Assist the Principal Investigator in research design, collecting and analyzing data.", 12)]),
        Row([line(72, 658, "Prepare and review reports and materials for the research group.", 12)]),
    ]
    [entry] = build_experience(rows)
    assert (entry.title, entry.company, entry.start, entry.end) == (
        "Graduate Research Assistant", "University of Central Florida", "2024-08", "present")


# The date grammar by language and form: every (language, dates as a CV prints them, start, end). A case here
# that fails is a gap in the month, season or "present" tables or in the connectors, not a file's quirk.
RANGE_TABLE = [
    # English: full and abbreviated months, with and without a dot, connectors, dashes, arrows, apostrophe years
    ("en", "January 2019 - March 2021", "2019-01", "2021-03"),
    ("en", "Jan. 2019 – Mar. 2021", "2019-01", "2021-03"),
    ("en", "Sept 2018 — Present", "2018-09", "present"),
    ("en", "from June 2015 to May 2017", "2015-06", "2017-05"),
    ("en", "June 2015 till May 2017", "2015-06", "2017-05"),
    ("en", "03/2019 → 11/2021", "2019-03", "2021-11"),
    ("en", "03/2019 -> now", "2019-03", "present"),
    ("en", "Fall 2017 to Now", "2017", "present"),
    ("en", "Summer 2019 – Winter 2020", "2019", "2020"),
    ("en", "Jan '19 – Mar '21", "2019-01", "2021-03"),
    ("en", "2018 – Current", "2018", "present"),
    ("en", "2018 – present day", "2018", "present"),
    ("en", "May, 2014 - June, 2016", "2014-05", "2016-06"),
    ("en", "16-Aug-2012 to 30-Sep-2015", "2012-08", "2015-09"),
    ("en", "Sept' 2017 to till date", "2017-09", "present"),
    ("en", "Jan '2012 - Mar '2014", "2012-01", "2014-03"),
    ("en", "Mar-2019 – Jun-2020", "2019-03", "2020-06"),
    ("en", "Jan 2019 -- Mar 2020", "2019-01", "2020-03"),  # LaTeX's en dash typed as two hyphens
    ("en", "Q1 2019 - Q3 2020", "2019", "2020"),
    ("en", "9/1/2019 - 8/31/2020", "2019-09", "2020-08"),  # US month/day/year
    ("en", "'17 – '19", "2017", "2019"),
    ("en", "SPRING/SUMMER 2019 - Fall 2020", "2019", "2020"),
    # numeric forms
    ("num", "03/2019 - 11/2021", "2019-03", "2021-11"),
    ("num", "03.2019 - 11.2021", "2019-03", "2021-11"),
    ("num", "03-2019 - 11-2021", "2019-03", "2021-11"),
    ("num", "03\\2019 - 11\\2021", "2019-03", "2021-11"),
    ("num", "2019.03 - 2021.11", "2019-03", "2021-11"),
    ("num", "2019-03 - 2021-11", "2019-03", "2021-11"),
    ("num", "2019/03 - 2021/11", "2019-03", "2021-11"),
    ("num", "01.03.2019 - 30.11.2021", "2019-03", "2021-11"),
    ("num", "2016.12.01 - 2018.03.31", "2016-12", "2018-03"),
    ("num", "2016.12 .01 - 2018.03 .31", "2016-12", "2018-03"),
    ("num", "2016. 12. - 2018. 03.", "2016-12", "2018-03"),
    ("num", "3/2019 – 11/2021", "2019-03", "2021-11"),
    ("num", "24/09/2018 - 30/06/2020", "2018-09", "2020-06"),
    ("num", "2019-21", "2019", "2021"),  # a two-digit end year
    ("num", "2019/20", "2019", "2020"),
    ("num", "2011 – 12", "2011", "2012"),
    # German
    ("de", "Januar 2019 - März 2021", "2019-01", "2021-03"),
    ("de", "Maerz 2019 - Dezember 2021", "2019-03", "2021-12"),
    ("de", "Okt. 2019 – Dez. 2021", "2019-10", "2021-12"),
    ("de", "von 03/2019 bis 11/2021", "2019-03", "2021-11"),
    ("de", "seit 03/2019 bis heute", "2019-03", "present"),
    ("de", "Sommer 2019 - Herbst 2020", "2019", "2020"),
    ("de", "04/2019 – dato", "2019-04", "present"),
    ("de", "2019 - gegenwärtig", "2019", "present"),
    # French
    ("fr", "Janvier 2019 - Mars 2021", "2019-01", "2021-03"),
    ("fr", "janv. 2019 – févr. 2021", "2019-01", "2021-02"),
    ("fr", "de mars 2019 à juin 2021", "2019-03", "2021-06"),
    ("fr", "De24/09/2018 a 30/06/2020", "2018-09", "2020-06"),
    ("fr", "Septembre 2020 – aujourd'hui", "2020-09", "present"),
    ("fr", "été 2019 - hiver 2020", "2019", "2020"),
    ("fr", "2019 – à ce jour", "2019", "present"),
    ("fr", "2019 – à présent", "2019", "present"),
    ("fr", "JANV, 2016 - JUIN 2018", "2016-01", "2018-06"),
    # Spanish
    ("es", "Enero 2019 - Marzo 2021", "2019-01", "2021-03"),
    ("es", "desde marzo de 2019 hasta junio de 2021", "2019-03", "2021-06"),
    ("es", "Sept. 2019 – Actualidad", "2019-09", "present"),
    ("es", "verano 2019 - otoño 2020", "2019", "2020"),
    ("es", "2019 – actualmente", "2019", "present"),
    ("es", "Octubre del 2003 - Enero del 2005", "2003-10", "2005-01"),
    ("es", "Agt. 2012 – Jun. 2013", "2012-08", "2013-06"),
    # Portuguese
    ("pt", "Fevereiro 2019 - Dezembro 2021", "2019-02", "2021-12"),
    ("pt", "set. 2019 – atual", "2019-09", "present"),
    ("pt", "2019 – o momento", "2019", "present"),
    ("pt", "out/2019 - dez/2021", "2019-10", "2021-12"),
    # Italian
    ("it", "Gennaio 2019 - Dicembre 2021", "2019-01", "2021-12"),
    ("it", "dal 03/2019 al 11/2021", "2019-03", "2021-11"),
    ("it", "Settembre 2019 – oggi", "2019-09", "present"),
    ("it", "2019 – in corso", "2019", "present"),
    ("it", "estate 2019 - inverno 2020", "2019", "2020"),
    # Dutch
    ("nl", "januari 2019 - maart 2021", "2019-01", "2021-03"),
    ("nl", "mrt. 2019 – okt. 2021", "2019-03", "2021-10"),
    ("nl", "mei 2019 - heden", "2019-05", "present"),
    ("nl", "2019 – nu", "2019", "present"),
    ("nl", "van 2019 tot 2021", "2019", "2021"),
    ("nl", "zomer 2019 - najaar 2020", "2019", "2020"),
    # Polish: nominative and genitive month names, abbreviations, ASCII forms, "od ... do ..."
    ("pl", "styczeń 2019 - marzec 2021", "2019-01", "2021-03"),
    ("pl", "stycznia 2019 – marca 2021", "2019-01", "2021-03"),
    ("pl", "od października 2019 do grudnia 2021", "2019-10", "2021-12"),
    ("pl", "Październik 2019 – obecnie", "2019-10", "present"),
    ("pl", "pazdziernik 2019 - wrzesien 2020", "2019-10", "2020-09"),
    ("pl", "lis. 2019 – do teraz", "2019-11", "present"),
    ("pl", "od 2019 do teraz", "2019", "present"),
    ("pl", "2019 – nadal", "2019", "present"),
    ("pl", "2019 – do chwili obecnej", "2019", "present"),
    ("pl", "lato 2019 - zima 2020", "2019", "2020"),
    ("pl", "styczeń 2019 r. – marzec 2021 r.", "2019-01", "2021-03"),
    ("pl", "2019 r. - obecnie", "2019", "present"),
    ("pl", "od listopadzie 2018 do maju 2019", "2018-11", "2019-05"),
    # Czech
    ("cs", "leden 2019 - březen 2021", "2019-01", "2021-03"),
    ("cs", "od ledna 2019 do listopadu 2021", "2019-01", "2021-11"),
    ("cs", "září 2019 – současnost", "2019-09", "present"),
    ("cs", "2019 – dosud", "2019", "present"),
    ("cs", "2019 – dodnes", "2019", "present"),
    ("cs", "2019 – do současnosti", "2019", "present"),
    ("cs", "od lednu 2019 do prosinci 2020", "2019-01", "2020-12"),
    ("cs", "červenec 2019 – prosinec 2020", "2019-07", "2020-12"),
    # Swedish
    ("sv", "januari 2019 - augusti 2021", "2019-01", "2021-08"),
    ("sv", "2019 – pågående", "2019", "present"),
    ("sv", "aug 2019 – nu", "2019-08", "present"),
    ("sv", "2019 till 2021", "2019", "2021"),
    ("sv", "sommar 2019 - höst 2020", "2019", "2020"),
    ("sv", "2019 – i dag", "2019", "present"),
    ("sv", "2019 – idag", "2019", "present"),
    # Danish
    ("da", "marts 2019 - december 2021", "2019-03", "2021-12"),
    ("da", "2019 – d.d.", "2019", "present"),
    ("da", "maj 2019 – i dag", "2019-05", "present"),
    ("da", "2019 til nu", "2019", "present"),
    # Norwegian
    ("no", "mars 2019 - desember 2021", "2019-03", "2021-12"),
    ("no", "2019 – nå", "2019", "present"),
    ("no", "2019 – pågående", "2019", "present"),
    ("no", "2019 til i dag", "2019", "present"),
    # Turkish (dotted and dotless i in capitals)
    ("tr", "Ocak 2019 - Mart 2021", "2019-01", "2021-03"),
    ("tr", "Eylül 2019 – Günümüz", "2019-09", "present"),
    ("tr", "EKİM 2019 – ARALIK 2021", "2019-10", "2021-12"),
    ("tr", "Şubat 2019 - Halen", "2019-02", "present"),
    ("tr", "Ağustos 2019 – Devam Ediyor", "2019-08", "present"),
    ("tr", "Kasım 2019 - Haziran 2020", "2019-11", "2020-06"),
    ("tr", "Tem 2019 - Ara 2020", "2019-07", "2020-12"),
    ("tr", "2019 – Günümüze", "2019", "present"),
    ("tr", "Eylül 2019 – Halen devam ediyor", "2019-09", "present"),
    # Russian
    ("ru", "Январь 2019 - Март 2021", "2019-01", "2021-03"),
    ("ru", "января 2019 – марта 2021", "2019-01", "2021-03"),
    ("ru", "с сентября 2019 по настоящее время", "2019-09", "present"),
    ("ru", "Сент. 2019 – по н.в.", "2019-09", "present"),
    ("ru", "2019 г. – 2021 г.", "2019", "2021"),
    ("ru", "2019 – наст. время", "2019", "present"),
    ("ru", "2019 – текущее время", "2019", "present"),
    ("ru", "2019 – до сих пор", "2019", "present"),
    ("ru", "2019 – по сегодняшний день", "2019", "present"),
    ("ru", "с января 2019 по декабрь 2020", "2019-01", "2020-12"),
    # Ukrainian
    ("uk", "Січень 2019 - Березень 2021", "2019-01", "2021-03"),
    ("uk", "з вересня 2019 по теперішній час", "2019-09", "present"),
    ("uk", "Жовтень 2019 – дотепер", "2019-10", "present"),
    ("uk", "лист. 2019 – зараз", "2019-11", "present"),
    ("uk", "2019 – досі", "2019", "present"),
    ("uk", "2019 р. – 2021 р.", "2019", "2021"),
    ("uk", "травня 2019 – грудня 2020", "2019-05", "2020-12"),
]


@pytest.mark.parametrize(("lang", "text", "start", "end"), RANGE_TABLE, ids=[f"{row[0]}:{row[1]}" for row in RANGE_TABLE])
def test_range_table(lang: str, text: str, start: str, end: str) -> None:
    found = find_date_range(f"Analyst  {text}  Acme")
    assert found is not None and (found[0], found[1]) == (start, end)
    assert found[2] == (9, 9 + len(text)), "the whole of the dates is read, and nothing of the words around them"


# One date alone in its cell: a position within one month or season, or a start "since ...".
SINGLE_TABLE = [
    ("fr", "Juillet 2024 :", "2024-07"),
    ("de", "Dezember 2012", "2012-12"),
    ("de", "Sommer 2019", "2019"),
    ("fr", "été 2019", "2019"),
    ("es", "verano 2019", "2019"),
    ("en", "Summer 2019", "2019"),
    ("pl", "lipiec 2019", "2019-07"),
    ("cs", "srpen 2019", "2019-08"),
    ("tr", "Temmuz 2019", "2019-07"),
    ("uk", "липень 2019", "2019-07"),
    ("sv", "juli 2019", "2019-07"),
    ("nl", "augustus 2019", "2019-08"),
    ("num", "07/2019", "2019-07"),
    ("num", "2019.07", "2019-07"),
    ("num", "2011-12", "2011-12"),  # a two-digit end that can be a month stays the ISO month
]


@pytest.mark.parametrize(("lang", "text", "point"), SINGLE_TABLE, ids=[f"{row[0]}:{row[1]}" for row in SINGLE_TABLE])
def test_single_date_table(lang: str, text: str, point: str) -> None:
    assert is_date_only(text)
    found = find_single_date(text)
    assert found is not None and found[0] == point


SINCE_TABLE = [
    ("en", "since March 2019", "2019-03"),
    ("en", "since 18-Aug-2012", "2012-08"),
    ("de", "seit 03/2019", "2019-03"),
    ("fr", "depuis septembre 2019", "2019-09"),
    ("es", "desde 2019", "2019"),
    ("nl", "sinds mei 2019", "2019-05"),
    ("nl", "vanaf mei 2019", "2019-05"),
    ("sv", "sedan maj 2019", "2019-05"),
    ("da", "siden maj 2019", "2019-05"),
    ("pl", "od maja 2019", "2019-05"),
    ("ru", "с мая 2019", "2019-05"),
    ("uk", "з травня 2019", "2019-05"),
    ("it", "dal 2019", "2019"),
    ("pt", "desde 2019", "2019"),
]


@pytest.mark.parametrize(("lang", "text", "point"), SINCE_TABLE, ids=[f"{row[0]}:{row[1]}" for row in SINCE_TABLE])
def test_since_table(lang: str, text: str, point: str) -> None:
    found = find_since(text)
    assert found is not None and found[0] == point and found[1] == (0, len(text))


# Numbers that are no job's dates: no range, no date cell, no date closing a header.
NEGATIVE_TABLE = [
    "Tel.: 0221 1998-2004",
    "+49 30 2012-2019",
    "+48 601 200 2019",
    "Kerkstraat 12, 2000 Antwerpen",
    "Rue de Rivoli, 75001 Paris",
    "2018 Antwerpen",
    "2 years",
    "3 years 2 months",
    "Python 3.10, Django 4.2",
    "Angular 12-15",
    "Note: 1,9",
    "Durchschnittsnote 1,9 (sehr gut)",
    "10:30-12:00",
    "Geb. am 12.01.2004",
    "geboren am 12.01.2004 in Köln",
    "ISO 9001-2015",
    "1500-2000 users",
    "+49 30 2019-21",
    "Mobil: 0176-2019-2020",
    "Tel: +49 (0) 170 1234567",
    "ISBN 978-3-16-148410-0",
    "GPA 3.8/4.0",
    "24/7 support",
    "Windows Server 2012/2016",
    "12:00-20:19",
    "Room 2019-20B",
    "DOB: 01/12/2004",
    "born 15th of December 1982",
]


@pytest.mark.parametrize("text", NEGATIVE_TABLE)
def test_negative_table(text: str) -> None:
    assert find_date_range(text) is None
    assert not is_date_only(text)
    assert find_closing_date(text) is None


def test_a_row_of_one_month_over_its_entry_among_ranges() -> None:
    """A date column of rows that hold only dates: "Dezember 2012" alone is a position within that month."""
    rows = [
        Row([line(300, 700, "Juni 2018 - September 2018")]),
        Row([line(300, 686, "GVO (StudyHeads)")]),
        Row([line(300, 672, "Inventurhelferin / Promoter")]),
        Row([line(310, 658, "Zählen und Sortieren der Waren")]),
        Row([line(300, 636, "Dezember 2012")]),
        Row([line(300, 622, "Onlinevertrieb GmbH")]),
        Row([line(300, 608, "Schülerpraktikum im Büro")]),
        Row([line(310, 594, "Bearbeitung von Aufträgen am PC")]),
    ]
    assert [(entry.start, entry.end) for entry in build_experience(rows)] == [
        ("2018-06", "2018-09"), ("2012-12", "2012-12")]


def test_a_date_that_labels_its_line_with_a_colon() -> None:
    rows = [
        Row([line(300, 700, "Juillet 2024 : accueil des nouveaux étudiants en médecine")]),
        Row([line(300, 686, "Septembre 2023 - Décembre 2024 : déléguée de promotion")]),
    ]
    entries = build_experience(rows)
    assert [(entry.start, entry.end) for entry in entries] == [("2024-07", "2024-07"), ("2023-09", "2024-12")]
    assert "Juillet" not in f"{entries[0].title} {entries[0].company}"


def test_a_date_cell_opened_by_a_glued_from_word_and_an_open_range_ended_by_an_icon() -> None:
    rows = [
        Row([line(50, 700, "De24/09/2018"), line(200, 700, "Participación en maratones de programación")]),
        Row([line(200, 686, "Participante")]),
        Row([line(200, 660, "Zarządzanie rezerwacjami i social mediami"), line(480, 660, "2018-<")]),
        Row([line(400, 646, "Ośrodek AWF / AQUA s.c.")]),
    ]
    assert [(entry.start, entry.end) for entry in build_experience(rows)] == [
        ("2018-09", "2018-09"), ("2018", "present")]


def test_a_date_column_that_prints_the_end_over_the_start_within_a_year() -> None:
    assert find_wrapped_range("Août 2019", "Juil. 2019") == ("2019-07", "2019-08")
    assert find_wrapped_range("Avr 2020", "Juil 2020") == ("2020-04", "2020-07")
    assert find_wrapped_range("2022", "2021") is None  # two entries' years, not one range


def test_a_cell_listing_the_spells_of_one_position() -> None:
    """"Summer 2017, Summer 2016" over "Warner Bros. — Design Intern": one position held in two summers."""
    rows = [
        Row([line(236, 700, "Summer 2018")]),
        Row([line(236, 686, "Adobe — Experience Design Intern")]),
        Row([line(236, 672, "I worked on the Lightroom team, creating prototypes for the desktop app.")]),
        Row([line(236, 640, "Summer 2017, Summer 2016")]),
        Row([line(236, 626, "Warner Bros. — Design Intern")]),
        Row([line(236, 612, "I redesigned an internal safety production resource with the safety team.")]),
    ]
    assert [(entry.start, entry.end) for entry in build_experience(rows)] == [("2018", "2018"), ("2016", "2017")]
    assert build_experience(rows)[1].title == "Design Intern"
