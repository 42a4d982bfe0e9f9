"""The header fields on header layouts the first rules were not written on, from positioned lines read
through the parser's own reading order: a name set letter-spaced, a name in two halves either side of a
photo, contacts in a right-hand column of the header or only in the footer, a street before the town,
and a birthplace that is not where the candidate lives."""

from __future__ import annotations

from ai_coach.cv.layout import TextLine, order_document, unspace_line
from ai_coach.cv.parser import parse_rows
from ai_coach.cv.text import clean_text
from ai_coach.domain import ParsedCv
from tests.cv_rows import line

PAGE_HEIGHT = 842.0

BODY = [
    line(45, 640, "Experience", 14, bold=True),
    line(45, 620, "Software Engineer", 11),
    line(45, 606, "Northwind Traders", 11),
    line(45, 592, "Jan 2020 - Present", 11),
    line(45, 578, "Built the billing service in Python.", 11),
    line(45, 540, "Education", 14, bold=True),
    line(45, 520, "University of Porto", 11),
    line(45, 506, "BSc in Computer Science, 2015 - 2019", 11),
]


def parse_lines(*lines: TextLine) -> ParsedCv:
    rows = order_document([list(lines)], [PAGE_HEIGHT])
    return parse_rows(rows, "\n".join(clean_text(row.text) for row in rows), page_count=1)


def test_a_letter_spaced_name_heading_and_dates_read_as_their_words() -> None:
    cv = parse_lines(
        line(320, 770, "E N V E R   K A Y H A N", 24, width=250),
        line(350, 750, "Schenkendorfstraße 6, 44339 Dortmund", 12),
        line(350, 735, "enver@example.com", 12),
        line(45, 640, "B E R U F S E R F A H R U N G", 14, bold=True, width=190),
        line(45, 620, "Lagerist", 10, bold=True),
        line(45, 606, "GLS Germany, Dortmund", 10),
        line(45, 592, "0 2 / 2 0 2 1  –  0 4 / 2 0 2 1", 10, width=90),
        *BODY[5:],
    )
    assert cv.full_name == "Enver Kayhan"
    assert "experience" in cv.sections
    assert [(entry.start, entry.end) for entry in cv.experience] == [("2021-02", "2021-04")]


def test_a_letter_spaced_run_inside_a_line_of_words_but_not_a_row_of_short_words() -> None:
    assert unspace_line("Name:  J O H N   D O E") == "Name:  JOHN DOE"
    assert unspace_line("IT  HR  QA  PR") == "IT  HR  QA  PR"
    assert unspace_line("Klasse A B und C") == "Klasse A B und C"


REFERENCES = [
    line(45, 200, "References", 14, bold=True),
    line(45, 180, "Mark Goaslind - Arizona Tempe Mission, Former President", 11),
    line(45, 166, "(801) 953-5031", 9),
]


SKILLS = ("Spanish", "Accounting", "Retail", "Customer service", "Teaching", "Training")
AWARDS = ("Eagle Scout", "Honor roll", "Dean's list", "Choir", "Sports", "Debate", "Chess")


def test_phone_and_e_mail_in_the_right_column_of_a_header_read_after_the_references() -> None:
    cv = parse_lines(
        line(51, 700, "Carli Johansen", 34, bold=True, width=250),
        line(430, 719, "(435) 469-1870", 8.5, bold=True),
        line(430, 707, "carli@example.com", 8.5, bold=True),
        line(430, 669, "Skills", 9, bold=True),
        *[line(430, 650 - 20 * number, skill, 9) for number, skill in enumerate(SKILLS)],
        line(430, 470, "Awards", 9, bold=True),
        *[line(430, 445 - 23 * number, award, 9) for number, award in enumerate(AWARDS)],
        *BODY, *REFERENCES,
    )
    assert cv.full_name == "Carli Johansen"
    assert cv.contact.email == "carli@example.com"
    assert cv.contact.phone == "(435) 469-1870"


def test_e_mail_and_phone_only_in_the_footer_under_the_references() -> None:
    cv = parse_lines(
        line(45, 760, "Joanna Nowak", 22, bold=True),
        *BODY, *REFERENCES,
        line(45, 30, "joanna@example.com", 8), line(300, 30, "+48 601 234 567", 8),
    )
    assert cv.contact.email == "joanna@example.com"
    assert cv.contact.phone == "+48 601 234 567"


def test_a_name_in_large_type_with_its_headline_beside_it_in_body_type_on_one_pdf_line() -> None:
    from ai_coach.cv.parser import parse_cv_pdf
    from tests.unit.test_cv_pdfs import text_pdf

    shown = [(17, 54, 740, "Dmitry Safonov"), (10, 186, 742, "Kernel Engineer"),
             (10, 54, 720, "dmitry@example.com"), (12, 54, 680, "Experience"), (11, 72, 662, "Arista Networks"),
             (10, 72, 648, "Linux kernel engineer"), (10, 400, 648, "Sept 2017 - present"),
             (10, 72, 634, "Worked on TCP-AO support in the Linux kernel."), (12, 54, 600, "Education"),
             (10, 72, 582, "Moscow Institute of Physics and Technology"), (10, 72, 568, "MSc, 2008 - 2014")]
    cv = parse_cv_pdf(text_pdf([(x, y, text, size) for size, x, y, text in shown]))
    assert cv.full_name == "Dmitry Safonov"
    assert cv.contact.email == "dmitry@example.com"


LEFT_COLUMN = [line(132, 607, "Profil zawodowy", 15, bold=True),
               *[line(60, 592 - 12 * number, text, 8.3) for number, text in enumerate((
                   "Od marca 2018 roku pracuję jako tester oprogramowania.", "Jestem zainteresowana pracą w zespole,",
                   "poznawaniem nowych ludzi i wymianą pomysłów.", "Mój cel to automatyzacja testów."))],
               line(199, 487, "Edukacja", 15, bold=True), line(177, 472, "UMK, Toruń 10.2005 - 07.2010", 9, bold=True),
               line(176, 463, "Wydział Nauk Historycznych", 8.3)]
RIGHT_COLUMN = [line(312, 607, "Doświadczenie", 15, bold=True),
                line(312, 592, "07.2019 - 06.2021 Diebold Nixdorf", 9, bold=True),
                line(312, 574, "Stanowisko: Junior Test Engineer", 8.3), line(312, 556, "11.2018 - 06.2019 Quatest", 9, bold=True),
                line(312, 537, "Stanowisko: Tester IT", 8.3), line(312, 500, "joanna@example.com", 8.3)]


def test_a_name_in_two_halves_either_side_of_a_photo_in_the_same_type() -> None:
    cv = parse_lines(line(126, 731, "JOANNA", 22.5, bold=True, width=95),
                     line(374, 731, "BRZÓSKA", 22.5, bold=True, width=111), *LEFT_COLUMN, *RIGHT_COLUMN)
    assert cv.full_name == "Joanna Brzóska"


def test_a_name_beside_a_town_in_another_weight_across_the_gap_is_only_the_name() -> None:
    cv = parse_lines(line(126, 731, "Anna Nowak", 22.5, bold=True, width=120),
                     line(374, 731, "Kraków", 22.5, width=80), *LEFT_COLUMN, *RIGHT_COLUMN)
    assert cv.full_name == "Anna Nowak"


def test_the_name_is_in_the_top_band_not_a_larger_employer_further_down() -> None:
    cv = parse_lines(line(45, 780, "Dmitry Safonov", 17, bold=True), line(45, 760, "dmitry@example.com", 10),
                     line(45, 640, "Experience", 14, bold=True), line(45, 420, "Arista Networks", 20),
                     line(45, 404, "Linux kernel engineer", 10), line(300, 404, "Sept 2017 - present", 10),
                     line(45, 390, "Worked on TCP-AO support in the Linux kernel.", 10))
    assert cv.full_name == "Dmitry Safonov"


def header_with(*contact_lines: str) -> ParsedCv:
    return parse_lines(line(45, 780, "Maja Szczepańska", 22),
                       *[line(45, 750 - 16 * number, text, 11) for number, text in enumerate(contact_lines)], *BODY)


def test_the_street_and_house_number_before_the_town_are_dropped() -> None:
    assert header_with("Adres: ul. Morcinka, Dąbrowa Górnicza, 41-303",
                       "maja@example.com").contact.location == "Dąbrowa Górnicza"
    assert header_with("maja@example.com", "+1 (786) 255 0098",
                       "2259 Nw 80 St Miami Fl.").contact.location == "Miami"
    assert header_with("Currently in Dublin, Ireland", "maja@example.com").contact.location == "Dublin, Ireland"


def test_a_birthplace_with_a_date_or_in_a_cell_of_its_own_is_not_the_location() -> None:
    assert header_with("Geboren te Utrecht, Nederland", "maja@example.com").contact.location is None
    assert header_with("Née le 03/02/1995 à Lyon, France", "maja@example.com").contact.location is None
    lived = parse_lines(line(45, 780, "Maja Szczepańska", 22), line(45, 750, "Born in", 11), line(150, 750, "Kyiv", 11),
                        line(45, 734, "Warsaw, Poland", 11), line(45, 718, "maja@example.com", 11), *BODY)
    assert lived.contact.location == "Warsaw, Poland"


def test_a_pasted_cv_with_a_letter_spaced_name_and_heading() -> None:
    from ai_coach.cv.documents import parse_cv_text

    cv = parse_cv_text("J O H N   D O E\njohn@example.com\n\nE X P E R I E N C E\nSoftware Engineer at Northwind Traders\n"
                       "Jan 2020 - Present\nBuilt the billing service in Python.\n")
    assert cv.full_name == "John Doe"
    assert "experience" in cv.sections


def test_a_first_name_and_a_surname_side_by_side_in_two_large_sizes_on_one_pdf_line() -> None:
    from ai_coach.cv.parser import parse_cv_pdf
    from tests.unit.test_cv_pdfs import text_pdf

    shown = [(30, 54, 740, "JANE"), (20, 140, 740, "DOE"), (10, 54, 716, "UX Designer"),
             (10, 54, 700, "jane@example.com"), (12, 54, 660, "Experience"), (10, 72, 642, "UX Designer"),
             (10, 72, 628, "Northwind Traders"), (10, 400, 642, "Jan 2020 - Present"),
             (10, 72, 614, "Designed the checkout flow."), (12, 54, 580, "Education"),
             (10, 72, 562, "University of Porto"), (10, 72, 548, "BA in Design, 2015 - 2019")]
    cv = parse_cv_pdf(text_pdf([(x, y, text, size) for size, x, y, text in shown]))
    assert cv.full_name == "Jane Doe"
