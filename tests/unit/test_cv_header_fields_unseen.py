"""Name, e-mail, phone and place on layouts the header rules were not written on (issue 16, batch t): a
birth date in a table of personal data beside the phone, a document title before the name, a section
heading in large type above the name, an e-mail wrapped in a narrow column, address labels of the Europass
languages, a street line under an address label, and a town written after its district without a comma.
Small synthetic pages read through the parser's own reading order; what is asserted is what the user sees."""

from __future__ import annotations

import pytest

from ai_coach.cv.fields import find_email, labelled_location, looks_like_name
from ai_coach.cv.phones import find_phone_number, is_calendar_date, region_hints
from tests.cv_rows import line, stacked
from tests.unit.test_cv_location import BODY, parse_page


@pytest.mark.parametrize("text", ["06.11.1994", "2000-08-28", "1994.11.06", "28/08/2000", "12/31/1999"])
def test_a_calendar_date_is_never_a_phone_number(text: str) -> None:
    assert is_calendar_date(text)
    assert find_phone_number([text], ["DE", "PL", "US", "FR"]) is None


@pytest.mark.parametrize("text", ["+49 172/9553671", "030 12345678", "06 83 60 47 89", "508833632"])
def test_phone_numbers_are_no_dates(text: str) -> None:
    assert not is_calendar_date(text)


def test_the_birth_date_in_a_personal_data_table_above_the_phone_is_not_the_phone() -> None:
    cv = parse_page([
        (40, 800, "Jana Beispiel", 24),
        (40, 770, "Geburtsdatum", 10), (160, 770, "06.11.1994", 10),
        (40, 756, "Geburtsort", 10), (160, 756, "Stuttgart", 10),
        (40, 742, "jana@example.de", 10),
        (40, 728, "+49 172/9553671", 10),
        *BODY,
    ])
    assert cv.contact.phone == "+49 172/9553671"


def test_a_birth_date_in_a_contact_block_without_a_phone_gives_no_phone() -> None:
    cv = parse_page([
        (40, 800, "Jan Przykład", 24),
        (40, 770, "E-mail", 9), (40, 758, "jan@example.com", 9),
        (40, 740, "Data urodzenia", 9), (40, 728, "2000-08-28", 9),
        *BODY,
    ])
    assert cv.contact.phone is None


@pytest.mark.parametrize(("row", "name"), [
    ("LEBENSLAUF – DOMINIKA BEISPIEL", "Dominika Beispiel"),
    ("Curriculum Vitae: Jan Novák", "Jan Novák"),
    ("CV | Ana Ruiz", "Ana Ruiz"),
    ("Resume of John Smith", "John Smith"),
])
def test_a_document_title_and_a_dash_before_the_name_give_the_name(row: str, name: str) -> None:
    cv = parse_page([(34, 800, row, 24), (400, 770, "someone@example.com", 8), *BODY])
    assert cv.full_name == name


def test_a_sidebar_heading_far_under_a_title_line_is_no_headline() -> None:
    cv = parse_page([(34, 800, "LEBENSLAUF – DOMINIKA BEISPIEL", 24), (400, 770, "someone@example.com", 8),
                     (30, 540, "INFO", 11), (30, 524, "Geburtsort  Stuttgart", 10), *BODY])
    assert cv.full_name == "Dominika Beispiel"
    assert cv.headline is None


def test_a_profile_heading_set_larger_than_the_name_in_a_sidebar_layout_is_no_name() -> None:
    cv = parse_page([
        (40, 700, "Aurora Curcio", 16), (10, 670, "Data di nascita: 05/07/2006", 10),
        (10, 550, "CONTATTI", 14), (30, 527, "aurora@example.com", 10),
        (202, 786, "PRESENTAZIONE", 18), (202, 766, "Sono una studentessa curiosa e creativa.", 10),
        *BODY,
    ])
    assert cv.full_name == "Aurora Curcio"


@pytest.mark.parametrize("text", ["PRESENTAZIONE", "Persönliche Daten Geburtsdatum Nationalität", "Introdução"])
def test_known_section_headings_in_any_language_are_never_names(text: str) -> None:
    assert not looks_like_name(text, single_word=True)


@pytest.mark.parametrize("name", ["Aurora Curcio", "Fabricio Souza", "Lucio Dalla"])
def test_a_surname_ending_in_a_job_acronym_is_still_a_name(name: str) -> None:
    assert looks_like_name(name)


def test_an_e_mail_wrapped_inside_its_top_level_domain_in_a_narrow_column() -> None:
    cv = parse_page([
        (50, 790, "Isabel Sample", 30), (50, 760, "Teaching kids to love learning", 11),
        (409, 790, "17028 DL Bunge Ln", 9), (409, 777, "(636) 497-5595", 9),
        (409, 764, "isabelsample2004@gmail.co", 9), (409, 751, "m", 9), (409, 738, "is589@example.edu", 9),
        *BODY,
    ])
    assert cv.contact.email == "isabelsample2004@gmail.com"


@pytest.mark.parametrize(("text", "email"), [
    ("jan@web.\nde", "jan@web.de"),
    ("ana@example.com\nmobile: 123", "ana@example.com"),  # a word on the next line completes no domain
    ("ana@example.co\nmx", "ana@example.co"),  # ".comx" is no top-level domain
])
def test_only_letters_completing_a_known_top_level_domain_are_joined(text: str, email: str) -> None:
    assert find_email(text) == email


@pytest.mark.parametrize(("row", "town"), [
    ("Domů: Praha (Česko)", "Praha, Česko"),
    ("Home: Leeds (United Kingdom)", "Leeds, United Kingdom"),
    ("Abitazione: Picerno", "Picerno"),
])
def test_the_europass_address_row_in_the_editors_languages(row: str, town: str) -> None:
    cv = parse_page([
        (155, 802, "Petr Vzor", 16), (155, 778, "Státní příslušnost: Česká republika  Pohlaví: Muž", 10),
        (169, 760, "Telefonní číslo: (+420) 775500156", 10), (169, 741, "E-mailová adresa: petr@example.com", 10),
        (169, 701, row, 10), *BODY,
    ])
    assert cv.contact.location == town


def test_an_ordinary_word_that_is_also_a_europass_label_labels_nothing_without_a_colon() -> None:
    cv = parse_page([(40, 800, "Ana Sample", 24), (40, 770, "ana@example.com", 10), (40, 756, "Home Depot", 10), *BODY])
    assert cv.contact.location is None


@pytest.mark.parametrize(("street", "town_row", "town"), [
    ("Britzer Damm 147", (135, 730, "12347 Berlin"), "Berlin"),
    ("Slingerbos 8", (71, 730, "Postcode, plaats:  8331 DS, Steenwijk"), "Steenwijk"),
])
def test_a_street_and_house_number_under_an_address_label_then_the_town(
        street: str, town_row: tuple[float, float, str], town: str) -> None:
    cv = parse_page([
        (68, 800, "AMANI SAMPLE", 30), (71, 775, "Persönliche Daten", 16),
        (71, 760, "Name", 10), (135, 760, "Amani Sample", 10),
        (71, 745, "Anschrift", 10), (135, 745, street, 10), (*town_row, 10),
        (71, 715, "Tel.", 10), (135, 715, "030/23932916", 10),
        (71, 700, "E-Mail", 10), (135, 700, "amani@example.de", 10),
        *BODY,
    ])
    assert cv.contact.location == town


def test_a_street_line_then_a_postcode_label_row_and_its_value_row() -> None:
    rows = stacked([line(41, 728, "Adres:", 12)], [line(312, 728, "Slingerbos 8", 12)],
                   [line(41, 714, "Postcode, plaats:", 12)], [line(312, 714, "8331 DS, Steenwijk", 12)],
                   [line(41, 700, "Telefoonnummer:", 12)], [line(312, 700, "06 81482624", 12)])
    assert labelled_location(rows, set()) == "Steenwijk"


def test_the_last_line_of_an_address_over_three_sidebar_rows_names_district_and_town() -> None:
    cv = parse_page([
        (134, 800, "Asma Sample", 16), (134, 772, "ETUDIANTE EN MASTER", 11),
        (47, 657, "asma@example.com", 11), (47, 640, "N° 79 BD EL MEHDI BEN", 11),
        (47, 624, "TOUMERT ELJIHADIA", 11), (47, 610, "INEZGANE AGADIR .", 11), (47, 594, "22 ans", 11),
        (47, 560, "+212 762-395257", 11), *[(280, y - 60, text, size) for _x, y, text, size in BODY],
    ])
    assert cv.contact.location == "INEZGANE AGADIR"


def test_two_town_names_on_a_row_with_no_address_above_are_no_location() -> None:
    cv = parse_page([(40, 800, "Ana Sample", 24), (40, 770, "ana@example.com", 10),
                     (40, 756, "Florence Nancy", 10), *BODY])
    assert cv.contact.location is None


@pytest.mark.parametrize("row", [
    "@jane_sample", "janesample.com", "jane.github.io/Portfolio", "513.502.9288 (cell)", "21 anos",
    "18/08/2000 Cento (FE)", "•", "Stammdaten", "Introdução", "GitHub",
])
def test_contact_items_data_and_headings_under_the_name_are_no_headline(row: str) -> None:
    cv = parse_page([(40, 800, "Jane Sample", 24), (40, 776, row, 10), (40, 700, "jane@example.com", 10), *BODY])
    assert cv.full_name == "Jane Sample"
    assert cv.headline is None


def test_the_headline_under_the_name_is_still_read() -> None:
    cv = parse_page([(40, 800, "Jane Sample", 24), (40, 776, "Front-End Developer", 10),
                     (40, 700, "jane@example.com", 10), *BODY])
    assert cv.headline == "Front-End Developer"


@pytest.mark.parametrize(("row", "headline"), [
    ("Mikhail Sample - Common Lisp Developer", "Common Lisp Developer"),
    ("Jane Sample | SOFTWARE ENGINEER", "Software Engineer"),
    ("Jane Sample – Résumé", None),
])
def test_the_job_after_the_name_on_its_own_line_is_the_headline(row: str, headline: str | None) -> None:
    cv = parse_page([(90, 800, row, 24), (90, 770, "jane@example.com", 10), *BODY])
    assert cv.headline == headline


@pytest.mark.parametrize(("first", "second", "headline"), [
    ("WIRTSCHAFTSINFORMATIK-", "STUDENT", "Wirtschaftsinformatik-Student"),
    ("Programmatore,", "Studente di informatica", "Programmatore, Studente di informatica"),
    ("A la recherche d'un stage en data science et", "machine learning",
     "A la recherche d'un stage en data science et machine learning"),
    ("Creative and Innovative Web", "Developer", "Creative and Innovative Web Developer"),
    ("Software Engineer", "Berlin, Germany", "Software Engineer"),  # a place under the headline is no part of it
    ("Data Scientist", "Passionate about clean data", "Data Scientist"),  # a new sentence
])
def test_a_headline_wrapped_onto_a_second_line_in_the_same_type(first: str, second: str, headline: str) -> None:
    cv = parse_page([(214, 827, "Jacopo Sample", 24.8), (214, 800, first, 14.3), (214, 786, second, 14.3),
                     (214, 740, "jacopo@example.com", 10), *BODY])
    assert cv.headline == headline


def test_a_paragraph_under_the_name_is_not_joined_into_a_headline() -> None:
    first = "End user advocate. Software tester turned designer with experience"
    cv = parse_page([(214, 827, "Hannah Sample", 24.8), (214, 800, first, 10),
                     (214, 788, "stepping into users' shoes and a passion for usability and design.", 10),
                     (214, 740, "hannah@example.com", 10), *BODY])
    assert cv.headline != f"{first} stepping into users' shoes and a passion for usability and design."


def test_a_cv_written_in_polish_letters_reads_a_national_number_as_polish() -> None:
    text = "Umiejętność szybkiego uczenia się\nZaangażowanie w pracę\nZnajomość języków programowania\n508833632"
    assert "PL" in region_hints(text, "de")
    assert find_phone_number([text], region_hints(text, "de")) == "508833632"
    assert "PL" not in region_hints("Łukasz Kowalski, Berlin", "de")  # a name alone says nothing


def test_the_headline_under_a_name_set_over_three_rows() -> None:
    cv = parse_page([(60, 780, "JOÃO", 40), (60, 736, "GUILHERME", 40), (60, 692, "VIEIRA REIS", 40),
                     (60, 660, "Assistente Administrativo", 16), (60, 600, "joao@example.com", 10), *BODY])
    assert cv.full_name == "João Guilherme Vieira Reis"
    assert cv.headline == "Assistente Administrativo"


@pytest.mark.parametrize(("row", "headline"), [("DESARROLLO WEB", "Desarrollo Web"),
                                               ("Studierende Informatik", "Studierende Informatik")])
def test_name_shaped_words_in_small_type_under_the_name_are_the_headline(row: str, headline: str) -> None:
    cv = parse_page([(60, 800, "MANUEL SAMPLE JOVÉ", 30), (60, 760, row, 14), (60, 730, "manuel@example.com", 10),
                     *BODY])
    assert cv.full_name == "Manuel Sample Jové"
    assert cv.headline == headline


def test_a_job_in_smaller_type_beside_the_name_on_its_row() -> None:
    cv = parse_page([(40, 800, "Dmitry Sample", 17.2), (260, 800, "Kernel Engineer", 10),
                     (40, 780, "dmitry@example.com", 10), *BODY])
    assert cv.full_name == "Dmitry Sample"
    assert cv.headline == "Kernel Engineer"


def test_capitals_a_little_smaller_than_the_name_under_it_are_the_headline() -> None:
    cv = parse_page([(134, 800, "Asma Sample", 15.7), (134, 772, "ETUDIANTE EN MASTER A L'ENSIAS", 11.2),
                     (47, 700, "asma@example.com", 11), *BODY])
    assert cv.headline == "Etudiante En Master A L'Ensias"


@pytest.mark.parametrize("row", ["España.", "+ Perugia, Italy"])
def test_a_country_or_a_town_behind_an_icon_under_the_name_is_no_headline(row: str) -> None:
    cv = parse_page([(40, 800, "Juan Sample", 24), (40, 776, row, 10), (40, 700, "juan@example.com", 10), *BODY])
    assert cv.headline is None


def test_an_international_number_with_commas_between_its_digit_groups() -> None:
    assert find_phone_number(["Telephone  +58 281 268,72,85  +58 0414-802.23.64"], ["US", "ES"]) == "+58 281 268,72,85"
    assert find_phone_number(["Sales of 1,000,000 units; +49 30 1234567"], ["DE"]) == "+49 30 1234567"
