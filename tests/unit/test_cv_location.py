"""Where the candidate lives, as the parser reads it from small synthetic page layouts: the location
outside the header line (beside the name in another column, in a contact sidebar, in the footer),
street addresses, Russian "г." and things that look like places but are not the candidate's."""

from __future__ import annotations

from ai_coach.cv.layout import TextLine, order_document
from ai_coach.cv.parser import parse_rows
from ai_coach.cv.text import clean_text
from ai_coach.domain import ParsedCv

PAGE_HEIGHT = 842.0


def parse_page(lines: list[tuple[float, float, str, float]]) -> ParsedCv:
    """One A4 page of (x, y, text, font size) lines through the parser's own reading order and fields."""
    page = [TextLine(x, y, x + 0.5 * size * len(text), y + size, size, False, text) for x, y, text, size in lines]
    rows = order_document([page], [PAGE_HEIGHT])
    return parse_rows(rows, "\n".join(clean_text(row.text) for row in rows), page_count=1)


BODY = [
    (230, 640, "Experience", 14),
    (230, 620, "Software Engineer", 11),
    (230, 606, "Northwind Traders", 11),
    (230, 592, "Jan 2020 - Present", 11),
    (230, 578, "Built the billing service in Python.", 11),
    (230, 540, "Education", 14),
    (230, 520, "University of Porto", 11),
    (230, 506, "BSc in Computer Science, 2015 - 2019", 11),
]


def sidebar(*lines: str, top: float = 700, pitch: float = 24) -> list[tuple[float, float, str, float]]:
    return [(30, top - pitch * number, text, 10) for number, text in enumerate(lines)]


def test_city_under_the_name_in_the_main_column_beside_a_contact_sidebar() -> None:
    cv = parse_page([
        *sidebar("Contact", "akash@example.com", "Top Skills", "Python", "Django", "Certifications", "AWS Developer"),
        (230, 744, "Akash Sample", 26),
        (230, 713, "Full Stack Developer", 12),
        (230, 698, "Nagpur", 12),
        *BODY,
    ])
    assert cv.full_name == "Akash Sample"
    assert cv.contact.location == "Nagpur"


def test_location_in_a_contact_column_read_under_another_section() -> None:
    cv = parse_page([
        (230, 760, "Ali Sample", 30),
        *sidebar("Iran, Tehran", "+98 990 319 0098", "ali.sample@example.com", "github.com/ali", top=505, pitch=47),
        *BODY,
    ])
    assert cv.contact.location == "Iran, Tehran"


def test_an_entry_place_far_below_the_contact_column_is_not_the_candidates() -> None:
    cv = parse_page([
        (30, 760, "Fernan Sample", 28),
        (402, 768, "fernan@example.com", 12),
        (402, 746, "(+63)916-314-4915", 12),
        (402, 627, "Bulacan, PH", 10),
        *BODY,
    ])
    assert cv.contact.location is None


def test_footer_line_with_the_address() -> None:
    cv = parse_page([
        (138, 800, "Shivank Sample", 24),
        (399, 780, "shivank@example.com", 12),
        *BODY,
        (168, 23, "West Rajiv Nagar, Gurugram-122001, Haryana", 13),
    ])
    assert cv.contact.location == "West Rajiv Nagar, Gurugram-122001, Haryana"


def test_street_and_number_before_the_city_give_the_city() -> None:
    cv = parse_page([
        (164, 767, "Boris Sample", 16),
        (166, 738, "Studentski Grad 33A, Sofia : Drava 29, apt. 1, 5800, Pleven, Bulgaria", 11),
        (164, 718, "Email: boris@example.com", 11),
        *BODY,
    ])
    assert cv.contact.location == "Sofia"


def test_city_line_under_the_name_is_the_location_not_the_headline() -> None:
    cv = parse_page([
        (206, 787, "Lucas Sample", 17),
        (209, 765, "São Bernardo do Campo – SP, Brasil", 11),
        (185, 751, "lucas@example.com | +55 (14) 99189-8115", 11),
        *BODY,
    ])
    assert cv.contact.location == "São Bernardo do Campo – SP, Brasil"
    assert cv.headline != "São Bernardo do Campo – SP, Brasil"


def test_city_with_remote_work_and_russian_city_prefix() -> None:
    polish = parse_page([(196, 770, "Sebastian Sample", 24), (142, 719, "seb@example.com", 10),
                         (266, 695, "Łódź / Zdalnie", 10), *BODY])
    russian = parse_page([(196, 770, "Иван Образцов", 24), (142, 719, "ivan@example.ru", 10),
                          (266, 695, "г. Москва", 10), *BODY])
    assert polish.contact.location == "Łódź / Zdalnie"
    assert russian.contact.location == "Москва"


def test_tab_spaced_city_and_country_in_the_header() -> None:
    cv = parse_page([(54, 812, "Joao Sample", 12), (54, 798, "joao@example.com  München,\tDeutschland", 9), *BODY])
    assert cv.contact.location == "München, Deutschland"


def test_a_value_after_another_label_is_not_a_location() -> None:
    cv = parse_page([
        (57, 760, "Dennis Sample", 20),
        (57, 700, "Persönliche Daten", 14),
        (57, 666, "Name, Vorname:", 10), (199, 666, "Sample, Dennis", 10),
        (57, 654, "Geburtsort:", 10), (199, 654, "Wernigerode", 10),
        (57, 642, "E-Mail:", 10), (199, 642, "dennis@example.de", 10),
        *BODY,
    ])
    assert cv.contact.location is None


def test_a_reference_number_before_words_is_not_a_postcode_and_city() -> None:
    cv = parse_page([
        (91, 805, "Mikhail Sample", 24),
        (107, 761, "Email: mikhail@example.ru", 11),
        (107, 741, "040279.00001 Certified Record Book", 11),
        *BODY,
    ])
    assert cv.contact.location is None


def test_the_location_tells_which_country_a_national_phone_number_is_in() -> None:
    # "504 602 420" is a Polish mobile number written without +48, in the footer; nothing but the city
    # under the name says Poland.
    cv = parse_page([(196, 770, "Sebastian Sample", 24), (142, 719, "seb@example.com", 10),
                     (266, 695, "Łódź / Zdalnie", 10), *BODY, (142, 30, "Tel. 504 602 420", 9)])
    assert cv.contact.location == "Łódź / Zdalnie"
    assert cv.contact.phone == "504 602 420"


def test_german_number_with_the_area_code_before_a_slash() -> None:
    cv = parse_page([(57, 780, "Eva Sample", 20), (57, 760, "Tel.: 0171/1234567  ·  eva@example.de", 10),
                     (57, 746, "80331 München", 10), *BODY])
    assert cv.contact.phone == "0171/1234567"
    assert cv.contact.location == "München"
