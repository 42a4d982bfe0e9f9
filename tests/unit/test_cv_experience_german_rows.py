"""Experience rows of German CVs as applicants send them (issue 16, batch f): a moderncv line "Title, Employer,
Town." beside its dates, a Word table whose header cell wraps under itself, "Title im Employer" and "Title.
Employer" in one cell. Positioned lines are built inside the test (no PDF needed)."""

from __future__ import annotations

from ai_coach.cv.layout import Row
from tests.cv_rows import line, seen


def test_a_moderncv_line_title_employer_town_is_the_whole_header_and_the_row_under_it_its_description() -> None:
    rows = [
        Row([line(42, 100, "03/2018 – 07/2018 Berufspraktikum, TGW Logistics Group, Wels.", size=10.9)]),
        Row([line(142, 114, "Entwicklung eines Predictive Maintenance Systems für Regalbediengeräte")]),
        Row([line(42, 130, "10/2017 – 01/2018 Berufspraktikum, FH OÖ, Wels.", size=10.9)]),
        Row([line(142, 144, "Entwicklung einer Datenaufzeichnungssoftware für Regalbediengeräte")]),
        Row([line(42, 160, "02/2011 – 09/2013 Vollzeit: Monteur im Sondermaschinenbau, Inocon, Attnang-Puchheim.",
                  size=10.9)]),
        Row([line(141, 174, "Aufgaben:")]),
    ]
    assert seen(rows) == [
        ("Berufspraktikum", "TGW Logistics Group", "2018-03", "2018-07"),
        ("Berufspraktikum", "FH OÖ", "2017-10", "2018-01"),
        ("Monteur im Sondermaschinenbau", "Inocon", "2011-02", "2013-09"),
    ]


def table_row(y: float, dates: str, cell: str, width: float | None = None) -> Row:
    return Row([line(77, y, dates, size=14.0), line(312, y, cell, size=14.0, width=width)])


def cell_line(y: float, text: str, width: float | None = None) -> Row:
    return Row([line(312, y, text, size=14.0, width=width)])


def test_a_word_table_cell_wrapped_under_itself_is_one_header_split_at_im_am_and_a_full_stop() -> None:
    # The right cell ends near x=540: a line that stops short of it before a long word was broken there.
    rows = [
        table_row(100, "02.2013-08.2013", "Notfallsanitäter (Feldscher) am", width=190),
        cell_line(116, "Notfalldienst, Kiew Ukraine", width=180),
        table_row(140, "08.2013-02.2015", "Krankenschwester. Fachklinik für", width=200),
        cell_line(156, "plastisch-ästhetische Chirurgie, Kiew", width=228),
        cell_line(172, "Ukraine", width=50),
        table_row(196, "03.2015-03.2016", "FSJ im Residenz am Wiesenkamp,", width=200),
        cell_line(212, "Hamburg, Deutschland", width=130),
        table_row(236, "03.2017-10.2020", "Gesund und Krankenpflegerin im UKE,", width=220),
        cell_line(252, "Dermatologie Station", width=130),
    ]
    assert seen(rows) == [
        ("Notfallsanitäter (Feldscher)", "Notfalldienst", "2013-02", "2013-08"),
        ("Krankenschwester", "Fachklinik für plastisch-ästhetische Chirurgie", "2013-08", "2015-02"),
        ("FSJ", "Residenz am Wiesenkamp", "2015-03", "2016-03"),
        ("Gesund und Krankenpflegerin", "UKE", "2017-03", "2020-10"),
    ]


def test_a_bold_title_cell_does_not_swallow_the_plain_employer_row_under_it() -> None:
    rows = [
        Row([line(57, 100, "05/2016 – 08/2019"), line(199, 100, "IT Consultant", bold=True)]),
        Row([line(199, 114, "Netlution GmbH")]),
        Row([line(199, 128, "Tätigkeiten: Beratung und Unterstützung")]),
        Row([line(57, 150, "09/2019 – 01/2022"), line(199, 150, "Software-Service & -Support,", bold=True)]),
        Row([line(199, 164, "MIPS Deutschland GmbH & Co. KG")]),
    ]
    assert [(title, company) for title, company, _, _ in seen(rows)] == [
        ("IT Consultant", "Netlution GmbH"), ("Software-Service & -Support", "MIPS Deutschland GmbH & Co. KG")]


def test_a_start_date_right_aligned_as_since_opens_the_entry() -> None:
    rows = [
        Row([line(205, 100, "SOFTWARE ENGINEER (WERKSTUDENT)", bold=True)]),
        Row([line(205, 114, "t-systems MMS GmbH, Dresden"), line(515, 114, "seit 02/2022")]),
        Row([line(205, 128, "Backend, Modellierung von Formularen")]),
        Row([line(205, 150, "BÜROKAUFFRAU", bold=True)]),
        Row([line(205, 164, "Vital Akademie, Berlin"), line(489, 164, "11/2006 - 05/2009")]),
    ]
    assert seen(rows) == [
        ("SOFTWARE ENGINEER (WERKSTUDENT)", "t-systems MMS GmbH", "2022-02", "present"),
        ("BÜROKAUFFRAU", "Vital Akademie", "2006-11", "2009-05"),
    ]


def test_a_description_ending_on_a_season_word_does_not_take_the_next_entrys_dates() -> None:
    from ai_coach.cv.dates import find_wrapped_range

    assert find_wrapped_range("Spring", "2018 - 2019") is None  # the Java framework over the next row's own range
    assert find_wrapped_range("Spring 2018 -", "2019") == ("2018", "2019")
    rows = [
        Row([line(214, 100, "2020 - attuale Sviluppatore Junior", bold=True), line(521, 100, "A.S. Watson eLab", size=8.0)]),
        Row([line(284, 114, "Sviluppatore Junior. Utilizzo della piattaforma SAP Hybris e di Java")]),
        Row([line(284, 128, "Spring")]),
        Row([line(214, 142, "2018 - 2019"), line(284, 142, "Segretario", bold=True),
             line(480, 142, "Sede INFN di Milano-Bicocca", size=8.0)]),
        Row([line(284, 156, "Collaborazione studentesca.")]),
    ]
    assert [(title, start, end) for title, _, start, end in seen(rows)] == [
        ("Sviluppatore Junior", "2020", "present"), ("Segretario", "2018", "2019")]


def test_a_heading_word_set_as_an_entry_title_inside_its_own_section_stays_an_entry() -> None:
    from ai_coach.cv.sections import split_sections

    rows = [
        Row([line(205, 80, "BERUFSERFAHRUNG", size=14.0)]),
        Row([line(205, 100, "BÜROKAUFFRAU", bold=True)]),
        Row([line(205, 114, "Vital Akademie, Berlin"), line(489, 114, "11/2006 - 05/2009")]),
        Row([line(205, 128, "Büroorganisation, Verwaltung, Kundenservice und noch mehr Text hier")]),
        Row([line(205, 150, "SELBSTSTÄNDIGKEIT", bold=True)]),
        Row([line(205, 164, "Club 21 forever, Berlin"), line(489, 164, "07/2012 - 10/2019")]),
        Row([line(205, 178, "Führung, Organisation, Verwaltung und noch mehr Text hier")]),
        Row([line(205, 200, "AUSBILDUNG", size=14.0)]),
        Row([line(205, 214, "Bachelor of Science, HTW Berlin")]),
    ]
    sections = split_sections(rows)
    assert [section.name for section in sections] == ["header", "experience", "education"]
    assert [(title, company) for title, company, _, _ in seen(sections[1].rows)] == [
        ("BÜROKAUFFRAU", "Vital Akademie"), ("SELBSTSTÄNDIGKEIT", "Club 21 forever")]


def test_an_entry_title_in_the_type_of_known_headings_stays_in_the_experience_section() -> None:
    # AltaCV: titles at 12 pt like the small headings, employers bold, dates under them; the real headings are
    # larger, bold capitals. "Engineering Internship" is a heading phrase, "Huawei Technologies" reads as skills.
    from ai_coach.cv.sections import split_sections

    def entry(y: float, title: str, employer: str, dates: str) -> list[Row]:
        return [Row([line(28, y, title, size=12.0)]), Row([line(28, y + 14, employer, bold=True)]),
                Row([line(28, y + 28, dates, size=9.0), line(198, y + 28, "Leuven, BE", size=9.0)]),
                Row([line(33, y + 40, "– Define roadmap and specifications for a platform", size=9.0)])]

    rows = [
        Row([line(28, 60, "EXPERIENCE", size=17.2, bold=True)]),
        *entry(80, "R&D Project Leader", "IMEC", "Jul 2024 – Present"),
        *entry(140, "Doctoral Researcher", "Cadence Design Systems - IMEC", "Oct 2018 – 2021"),
        *entry(200, "Engineering Internship", "Huawei Technologies", "Feb 2018 – Jul 2018"),
        Row([line(28, 260, "EDUCATION", size=17.2, bold=True)]),
        Row([line(28, 280, "MSc, Electrical Engineering", size=12.0)]),
        Row([line(28, 294, "Politecnico di Bari", bold=True)]),
        Row([line(28, 308, "Jan 2016 – Jul 2018", size=9.0)]),
    ]
    sections = split_sections(rows)
    assert [section.name for section in sections] == ["header", "experience", "education"]
    assert [(title, company) for title, company, _, _ in seen(sections[1].rows)] == [
        ("R&D Project Leader", "IMEC"), ("Doctoral Researcher", "Cadence Design Systems - IMEC"),
        ("Engineering Internship", "Huawei Technologies")]


def test_dates_inside_a_sentence_of_the_description_open_no_entry() -> None:
    rows = [
        Row([line(234, 100, "06/07/2023 - 06/08/2023")]),
        Row([line(233, 114, "Stage fonctionnel", size=12.0)]),
        Row([line(234, 130, "Office Chérifien des Phosphates (OCP), El Jadida")]),
        Row([line(233, 144, "J'ai effectué un stage d'un mois à l'OCP en juin-août 2023, où j'ai conçu", size=8.0)]),
        Row([line(233, 154, "un site web détaillant les fonctions d'une de ses unités", size=8.0)]),
        Row([line(232, 170, "01/07/2024 - 31/08/2024")]),
        Row([line(231, 184, "Stage opérationnel", size=12.0)]),
        Row([line(232, 200, "Casa Prestations, Casablanca")]),
    ]
    assert seen(rows) == [
        ("Stage fonctionnel", "Office Chérifien des Phosphates (OCP)", "2023-07", "2023-08"),
        ("Stage opérationnel", "Casa Prestations", "2024-07", "2024-08"),
    ]


def test_one_position_in_two_spells_runs_to_the_end_of_the_last() -> None:
    rows = [
        Row([line(185, 100, "Integration tester @ Nokia", bold=True)]),
        Row([line(185, 114, "August 2022 - Mar 2024, Mar 2025 - Present")]),
        Row([line(185, 128, "• Developed and maintained automated Python test suites")]),
    ]
    assert seen(rows) == [("Integration tester", "Nokia", "2022-08", "present")]


def test_a_duration_in_brackets_after_the_employer_is_no_part_of_its_name() -> None:
    rows = [
        table_row(100, "2019", "Helga und Alois Bohnert Vermögens- und", width=200),
        cell_line(116, "Immobilienverwaltung (2 Wochen)", width=170),
        table_row(140, "2017-2020", "Bühnentechnik AG", width=100),
    ]
    assert [company for _, company, _, _ in seen(rows)] == [
        "Helga und Alois Bohnert Vermögens- und Immobilienverwaltung", "Bühnentechnik AG"]
