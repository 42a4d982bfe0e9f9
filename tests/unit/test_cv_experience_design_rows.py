"""Experience entries from designed layouts (Canva and word-processor CVs): dates set letter by letter, a header
line broken at its separator, the town beside the dates, an employer's row over several positions, how or with
what a job was done in brackets after its title. Positioned lines are built inside the test (no PDF needed);
each test asserts the entries a user would see (title, company, start, end)."""

from __future__ import annotations

from ai_coach.cv.experience import build_experience
from ai_coach.cv.text import unspace_letters
from tests.cv_rows import line, seen, stacked


def test_a_letter_spaced_line_of_dates_reads_as_its_words() -> None:
    assert unspace_letters("O K T .  2 0 2 3  –  A P R .  2 0 2 5") == "OKT. 2023 – APR. 2025"
    assert unspace_letters("M I C H E L S R O M B A C H") == "MICHELSROMBACH"
    assert unspace_letters("IT  HR  QA  PR") == "IT  HR  QA  PR"  # short words, not spaced letters
    assert unspace_letters("1 9 8 6  –") == "1986 –"  # a year set letter-spaced
    assert unspace_letters("1 2 3 4") == "1 2 3 4"  # neither letters nor a year spaced out: no such line


def test_canva_dates_set_letter_spaced_over_a_bold_header_broken_at_its_separator() -> None:
    # Dates in a spaced 13-point type over the bold header, the description in 12 points.
    rows = stacked(
        [line(255, 700, "O K T O B E R  2 0 2 3  –  M A I  2 0 2 4  |", 13.0, width=223)],
        [line(255, 684, "M I C H E L S R O M B A C H", 13.0, width=146)],
        [line(255, 668, "WERKSTUDENT DATENERFASSUNG", 13.0, bold=True, width=223)],
        [line(255, 652, "BEI TEGUT GMBH & CO. KG", 13.0, bold=True, width=173)],
        [line(255, 636, "Aktualisierung der Kundendaten in CRM-Systemen", 12.0, width=298)],
        [line(255, 620, "Unterstützung bei der Optimierung interner Prozesse", 12.0, width=310)],
        [line(255, 600, "O K T .  2 0 2 3  –  A P R .  2 0 2 5", 13.0, width=176)],
        [line(255, 584, "PROJEKTARBEIT BIG DATA MANAGER", 13.0, bold=True, width=239)],
        [line(255, 568, "– HOCHSCHULE FULDA", 13.0, bold=True, width=147)],
        [line(255, 552, "Koordination zwischen technischen Teams und", 12.0, width=274)],
        [line(255, 532, "J A N .  2 0 2 1  –  J A N .  2 0 2 2", 13.0, width=176)],
        [line(255, 516, "IT-SUPPORT UND WARTUNG –", 13.0, bold=True, width=194)],
        [line(255, 500, "PROYORK", 13.0, bold=True, width=63)],
        [line(255, 484, "Fehlerdiagnose und Behebung von Hardware- und", 12.0, width=292)],
    )
    entries = build_experience(rows)
    assert [(e.title, e.company, e.start, e.end) for e in entries] == [
        ("WERKSTUDENT DATENERFASSUNG", "TEGUT GMBH & CO. KG", "2023-10", "2024-05"),
        ("PROJEKTARBEIT BIG DATA MANAGER", "HOCHSCHULE FULDA", "2023-10", "2025-04"),
        ("IT-SUPPORT UND WARTUNG", "PROYORK", "2021-01", "2022-01"),
    ]
    assert entries[0].location == "MICHELSROMBACH"  # the word in the dates' cell is where, not who


def test_an_employer_row_over_its_positions_and_the_remote_remark() -> None:
    rows = stacked(
        [line(72, 700, "IBM", 11.0, bold=True), line(516, 700, "Brasil", 11.0)],
        [line(72, 686, "Application Developer (Remoto)", 11.0), line(468, 686, "2022 – Presente", 11.0)],
        [line(72, 672, "Responsável pelo desenvolvimento de soluções cloud-native para o maior cliente", 11.0)],
        [line(72, 644, "Estagiária em Associate Application Developer (Remoto)", 11.0), line(492, 644, "2021-2022", 11.0)],
        [line(72, 630, "Responsável pelo desenvolvimento de uma aplicação cloud-native para o RH", 11.0)],
    )
    assert seen(rows) == [
        ("Application Developer", "IBM", "2022", "present"),
        ("Estagiária em Associate Application Developer", "IBM", "2021", "2022"),
    ]


def test_a_position_in_the_employers_type_is_not_taken_for_the_employers_next_position() -> None:
    # The second row of dates is the employer's own bold type: another employer's header, not a position.
    rows = stacked(
        [line(72, 700, "Acme Corp", 11.0, bold=True), line(500, 700, "Berlin", 11.0)],
        [line(72, 686, "Software Engineer", 11.0), line(468, 686, "2020 – 2022", 11.0)],
        [line(72, 672, "Built the billing service used by every customer of the company.", 11.0)],
        [line(72, 644, "Freelance Developer", 11.0, bold=True), line(492, 644, "2018-2020", 11.0, bold=True)],
        [line(72, 630, "Web sites for small shops.", 11.0)],
    )
    assert seen(rows) == [
        ("Software Engineer", "Acme Corp", "2020", "2022"),
        ("Freelance Developer", None, "2018", "2020"),
    ]


def test_the_stack_in_brackets_after_a_title_is_not_part_of_it() -> None:
    rows = stacked(
        [line(43, 700, "PingCAP Inc. - Database - Full-Stack Engineer(Golang/JS)", 12.0, bold=True, width=354),
         line(441, 700, "Aug 2020 – July 2021", 12.0)],
        [line(43, 686, "Joined the community department to develop TiChi to support community collaboration.")],
        [line(43, 660, "Morningstar, Inc. - Financial Services - Backend Developer (Java, Vue)", 12.0, bold=True,
              width=380), line(441, 660, "June 2019 – July 2020", 12.0)],
        [line(43, 646, "First job after graduation, responsible for writing data presentation components.")],
    )
    assert [(title, start) for title, _, start, _ in seen(rows)] == [
        ("Full-Stack Engineer", "2020-08"), ("Backend Developer", "2019-06")]


def test_a_justified_paragraph_under_a_one_name_header_is_the_description() -> None:
    # Canva's justified text: the description's first line runs to the column's right edge (x=554) and goes on
    # below; the bold header names only the employer, so no title is read from the paragraph.
    rows = stacked(
        [line(311, 700, "IFSP (02/2024 - 06/2024)", 12.0, bold=True, width=137)],
        [line(311, 684, "Como  parte  da  Fábrica  de  Software", 12.0, width=243)],
        [line(311, 668, "Acadêmica  e  desenvolvi  o  sistema  de", 12.0, width=243)],
        [line(311, 652, "ágil, Scrum.", 12.0, width=63)],
        [line(311, 630, "IFSP (05/2023)", 12.0, bold=True, width=84)],
        [line(311, 614, "Apresentador", 12.0, width=75), line(407, 614, "do", 12.0, width=17),
         line(445, 614, '"Minicurso', 12.0, width=59), line(525, 614, "como", 12.0, width=29)],
        [line(311, 598, "desenvolver  bots  para  o  Discord  utilizando", 12.0, width=243)],
        [line(311, 582, "Python.", 12.0, width=40)],
    )
    assert seen(rows) == [(None, "IFSP", "2024-02", "2024-06"), (None, "IFSP", "2023-05", "2023-05")]


def test_a_header_row_with_a_place_at_the_right_edge_still_names_the_job() -> None:
    rows = stacked(
        [line(209, 700, "Creative Solutions Inc.", 9.7, width=103), line(473, 700, "January 2019 to Present", 9.7,
                                                                          width=112)],
        [line(209, 688, "Senior Web Developer", 9.7, width=101), line(503, 688, "San Francisco, CA", 9.7, width=82)],
        [line(209, 676, "https://creativesolutions.inc/", 9.7, width=145)],
        [line(228, 664, "Spearheaded the redesign of the main product website, resulting in a 40%", 9.7, width=339)],
    )
    assert seen(rows) == [("Senior Web Developer", "Creative Solutions Inc.", "2019-01", "present")]


def test_positions_under_an_employers_dotted_line_take_it_whatever_their_titles_say() -> None:
    # moderncv's employer line: a small type and a dotted leader to the margin, the positions under it.
    rows = stacked(
        [line(45, 700, "Amnpardaz Co.. . . . . . . . . . . . . . . . . . . . . . . . . . . . . .", 8.0, width=504)],
        [line(45, 686, "Incident Response Team", 10.9, width=111), line(471, 686, "2011/01-2013/05", 10.9, width=80)],
        [line(45, 672, "Worked with a group of security specialists, consulting companies hit by attacks.", 10.9)],
        [line(45, 658, "Malware Analyst Team Supervisor", 10.9, width=155), line(471, 658, "2012/03-2013/05", 10.9,
                                                                              width=80)],
        [line(45, 644, "Trained, directed, and managed a small scale team, about 40 personnel.", 10.9)],
    )
    assert seen(rows) == [
        ("Incident Response Team", "Amnpardaz Co.", "2011-01", "2013-05"),
        ("Malware Analyst Team Supervisor", "Amnpardaz Co.", "2012-03", "2013-05"),
    ]


def test_title_rows_of_their_own_keep_the_field_after_a_middle_dot() -> None:
    # Every title in one bold type, every employer with its dates in another: a title row is one name.
    rows = stacked(
        [line(230, 700, "Consultor GIS", 12.0, bold=True, width=83)],
        [line(230, 686, "Naciones Unidas · 2026 – Actualidad", 9.2, width=152)],
        [line(242, 674, "Consultoría técnica y estratégica en el desarrollo de productos GIS 3D.", 8.6, width=300)],
        [line(230, 656, "Responsable GIS · Brownfield", 12.0, bold=True, width=179)],
        [line(230, 642, "Capital Energy / Kynegos · 2023 – 2026", 9.2, width=165)],
        [line(242, 630, "Gestión de la base de datos geoespacial corporativa y del entorno ArcGIS", 8.6, width=316)],
        [line(230, 612, "Técnico GIS · Desarrollo de Negocio", 12.0, bold=True, width=217)],
        [line(230, 598, "Esri España · 2021 – 2023", 9.2, width=106)],
        [line(242, 586, "Producción de contenido cartográfico para el Esri Living Atlas.", 8.6, width=262)],
    )
    assert seen(rows) == [
        ("Consultor GIS", "Naciones Unidas", "2026", "present"),
        ("Responsable GIS · Brownfield", "Capital Energy / Kynegos", "2023", "2026"),
        ("Técnico GIS · Desarrollo de Negocio", "Esri España", "2021", "2023"),
    ]


def test_a_moderncv_year_read_into_its_header_line_with_a_hyphenated_break() -> None:
    # The date column holds one year, so the extraction reads it into the header's line; the rows under it
    # start at the header's indent, and LaTeX broke the employer's name with a hyphen.
    rows = stacked(
        [line(131, 700, "2018 Praktikum im Behindertenwohnheim, Haus Miteinander Behinderten-", 10.9, width=391)],
        [line(163, 686, "wohnheim, Büderich", 10.9, width=97)],
        [line(164, 672, "Betreuung von Menschen mit Behinderungen, Unterstützung bei alltäglichen Auf-", width=358)],
        [line(164, 660, "gaben wie Einkaufen und Freizeitgestaltung", width=191)],
        [line(131, 640, "2016 Praktikum als Arzthilfe, Dr. Gorinstein, Büderich", 10.9, width=289)],
        [line(164, 626, "Empfang von Patienten und Verwaltung von Patientendaten", width=264)],
        [line(131, 606, "2015 Praktikum im Kindergarten, Sonnenkindergarten, Büderich", 10.9, width=338)],
        [line(164, 592, "Betreuung von Kindern", width=103)],
    )
    assert seen(rows) == [
        ("Praktikum im Behindertenwohnheim", "Haus Miteinander Behindertenwohnheim", "2018", "2018"),
        ("Praktikum als Arzthilfe", "Dr. Gorinstein", "2016", "2016"),
        ("Praktikum im Kindergarten", "Sonnenkindergarten", "2015", "2015"),
    ]


def test_a_town_after_the_comma_leaves_im_to_join_the_title_to_its_employer() -> None:
    rows = stacked(
        [line(77, 700, "03.2015-03.2016", 14.0, width=145), line(312, 700, "FSJ im Residenz am Wiesenkamp, Hamburg, Deutschland",
                                                                14.0, width=188)],
        [line(77, 680, "03.2017-10.2020", 14.0, width=92), line(312, 680, "Gesund und Krankenpflegerin im UKE", 14.0,
                                                               width=222)],
    )
    assert [(title, company) for title, company, _, _ in seen(rows)] == [
        ("FSJ", "Residenz am Wiesenkamp"), ("Gesund und Krankenpflegerin", "UKE")]


def test_the_translated_copy_of_the_same_positions_is_read_once() -> None:
    rows = stacked(
        [line(57, 700, "Flysoft Informática", 10.9, width=105), line(477, 700, "2017 – 2018", 10.9, width=56)],
        [line(73, 686, "• Assistente técnico geral, prestando suporte a dispositivos e sistemas Windows.", 10.9)],
        [line(57, 666, "Câmara Municipal de São Bernardo do Campo", 10.9, width=257),
         line(472, 666, "2025 – Atual", 10.9, width=61)],
        [line(73, 652, "• Estagiário na área de informática;", 10.9)],
        [line(57, 400, "Flysoft Informática", 10.9, width=105), line(477, 400, "2017 – 2018", 10.9, width=56)],
        [line(73, 386, "• General technical assistant providing support for Windows and Unix systems.", 10.9)],
        [line(57, 366, "House of representatives of São Bernardo do Campo", 10.9, width=286),
         line(464, 366, "2025 – present", 10.9, width=69)],
        [line(73, 352, "• IT support intern;", 10.9)],
    )
    assert [(company, start) for _, company, start, _ in seen(rows)] == [
        ("Flysoft Informática", "2017"), ("Câmara Municipal de São Bernardo do Campo", "2025")]


def test_two_positions_with_the_same_dates_are_both_kept() -> None:
    rows = stacked(
        [line(45, 700, "Embedded System Engineer", 10.9, width=127), line(471, 700, "2016/12-2023/11", 10.9, width=80)],
        [line(45, 686, "Engineered multi-task telephony software on a DSP series processor.", 10.9)],
        [line(45, 666, "Software Engineer", 10.9, width=82), line(471, 666, "2016/12-2023/11", 10.9, width=80)],
        [line(45, 652, "Built a multi-threaded middle-ware module for the telephony hardware.", 10.9)],
    )
    assert [title for title, _, _, _ in seen(rows)] == ["Embedded System Engineer", "Software Engineer"]


def test_the_employer_alone_on_the_plain_row_under_each_bold_title_row() -> None:
    rows = stacked(
        [line(48, 700, "Studentischer Mitarbeiter – Institut für Finanzwissenschaft", 10.9, bold=True, width=328),
         line(466, 700, "04/2025 – 02/2026", width=81)],
        [line(48, 686, "Universität Innsbruck", width=95)],
        [line(48, 672, "Forschungsunterstützung und Datenanalyse für Forschungsprojekte.", width=296)],
        [line(48, 652, "Mitarbeiter Datenerhebung", 10.9, bold=True, width=152), line(466, 652, "11/2023 – 01/2024",
                                                                                 width=81)],
        [line(48, 638, "Medizinische Universität Innsbruck", width=154)],
        [line(48, 624, "Systematische Datenerhebung und Qualitätssicherung im Rahmen eines Verwaltungsprojekts.",
              width=408)],
        [line(48, 604, "Studentischer Mitarbeiter – Institut für Anglistik", 10.9, bold=True, width=273),
         line(466, 604, "06/2022 – 09/2023", width=81)],
        [line(48, 590, "Universität Innsbruck", width=95)],
        [line(48, 576, "Mitarbeit bei der Datenerhebung für ein Forschungsprojekt.", width=262)],
    )
    entries = build_experience(rows)
    assert [(e.title, e.company, e.start, e.end) for e in entries] == [
        ("Studentischer Mitarbeiter – Institut für Finanzwissenschaft", "Universität Innsbruck", "2025-04", "2026-02"),
        ("Mitarbeiter Datenerhebung", "Medizinische Universität Innsbruck", "2023-11", "2024-01"),
        ("Studentischer Mitarbeiter – Institut für Anglistik", "Universität Innsbruck", "2022-06", "2023-09"),
    ]
    assert entries[0].description == "Forschungsunterstützung und Datenanalyse für Forschungsprojekte."


def test_a_name_and_town_row_under_a_one_name_header_is_the_employer() -> None:
    rows = stacked(
        [line(64, 700, "2017-2020", 12.0, width=58), line(206, 700, "Bühnentechnik AG", 12.0, width=100)],
        [line(64, 684, "Seit 2017", 12.0, width=51), line(206, 684, "Kinder und Jugendarbeit", 12.0, width=131)],
        [line(206, 668, "Evangelische Auferstehungskirche, Kriftel", 12.0, width=222)],
        [line(64, 652, "2016", 12.0, width=27), line(206, 652, "Aldi Süd Kriftel", 12.0, width=96)],
    )
    entries = build_experience(rows)
    assert [(e.title, e.company) for e in entries] == [
        (None, "Bühnentechnik AG"), ("Kinder und Jugendarbeit", "Evangelische Auferstehungskirche"),
        (None, "Aldi Süd Kriftel")]
    assert entries[1].location == "Kriftel"


def test_a_phrase_in_brackets_after_a_title_is_left_to_the_description() -> None:
    rows = stacked(
        [line(64, 700, "1998", width=25), line(206, 700, "Sechswöchiger Werkstattgrundkurs (Grundkenntnisse in der "
                                                        "mechanischen und elektronischen Fertigung) bei Ascom", width=330)],
        [line(64, 680, "2013-02 – 2013-08", width=80), line(206, 680, "Notfallsanitäter (Feldscher) bei Notfalldienst",
                                                           width=220)],
    )
    assert [(title, company) for title, company, _, _ in seen(rows)] == [
        ("Sechswöchiger Werkstattgrundkurs", "Ascom"), ("Notfallsanitäter (Feldscher)", "Notfalldienst")]


def test_stacked_letter_spaced_years_keep_the_title_beside_their_end_with_their_entry() -> None:
    # A date column set letter-spaced: "1 9 8 6  –" over "1 9 8 9", the employer beside the start, the title
    # beside the end; the next entry's dates start on the row after.
    rows = stacked(
        [line(281, 700, "1 9 8 6  –", 11.1, bold=True, width=43), line(356, 700, "Elliot’s Bakeries", 13.9, bold=True,
                                                                       width=111)],
        [line(288, 686, "1 9 8 9", 11.1, bold=True, width=29), line(356, 686, "Shift supervisor", 10.1, bold=True,
                                                                   width=81)],
        [line(356, 672, "Supervised the night shift of the bakery's production line.", 10.1, width=250)],
        [line(278, 652, "1 9 8 9  -", 11.1, bold=True, width=42), line(352, 652, "Various schools", 13.9, bold=True,
                                                                       width=114)],
        [line(285, 638, "2 0 2 2", 11.1, bold=True, width=29), line(356, 638, "Trained Technical Teacher", 10.1,
                                                                   bold=True, width=126)],
        [line(356, 624, "Taught technical drawing and workshop practice.", 10.1, width=220)],
    )
    assert seen(rows) == [
        ("Shift supervisor", "Elliot’s Bakeries", "1986", "1989"),
        ("Trained Technical Teacher", "Various schools", "1989", "2022"),
    ]
