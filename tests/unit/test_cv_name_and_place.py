"""The CV's name and the candidate's place on layouts the first rules were not written on: a name set over
two rows in large type of different sizes, name fields labelled in several languages, addresses in a
sidebar or under a contact label, postcodes in several countries' formats, and a location given only by
a region, on small synthetic pages read through the parser's own reading order."""

from __future__ import annotations

import pytest

from tests.unit.test_cv_location import BODY, parse_page, sidebar


def test_a_first_name_over_a_larger_surname_is_one_name_and_the_headline_is_under_both() -> None:
    cv = parse_page([
        (200, 780, "NORBERT", 21), (200, 752, "OCIOS", 37), (200, 720, "GAME DEV STUDENT", 8),
        (200, 700, "norbert@example.com", 8), *BODY,
    ])
    assert cv.full_name == "Norbert Ocios"
    assert cv.headline == "Game Dev Student"


def test_two_first_names_over_a_larger_surname_but_not_a_name_over_its_smaller_headline() -> None:
    over_surname = parse_page([
        (200, 780, "ANNA MARIA", 22), (200, 752, "KOWALSKA", 36), (200, 720, "ux designer", 9),
        (200, 700, "anna@example.com", 9), *BODY,
    ])
    over_headline = parse_page([
        (200, 780, "MANUEL LOPEZ", 30), (200, 752, "DESARROLLO WEB", 18), (200, 720, "manuel@example.com", 9), *BODY,
    ])
    assert over_surname.full_name == "Anna Maria Kowalska"
    assert over_headline.full_name == "Manuel Lopez"


@pytest.mark.parametrize(("first_row", "second_row", "name"), [
    ("First Name: Vladyslav", "Last name: Kucherovsky", "Vladyslav Kucherovsky"),
    ("Vorname: Jonas", "Nachname: Weber", "Jonas Weber"),
    ("Nom : Martin", "Prénom : Claire", "Claire Martin"),
    ("Nombre: Lucía", "Apellidos: García López", "Lucía García López"),
    ("Фамилия: Иванова", "Имя: Мария", "Мария Иванова"),
])
def test_a_name_given_as_first_name_and_surname_rows(first_row: str, second_row: str, name: str) -> None:
    cv = parse_page([(60, 780, first_row, 11), (60, 764, second_row, 11), (60, 748, "E-mail: a@example.com", 11),
                     *BODY])
    assert cv.full_name == name
    assert cv.headline is None  # the other label's row says nothing about what the candidate does


def test_the_name_beside_europass_personal_information_label() -> None:
    cv = parse_page([(60, 780, "Curriculum vitae", 10), (60, 750, "INFORMAZIONI PERSONALI Enrico Rossi", 9),
                     (200, 730, "enrico@example.com", 10), (200, 715, "Sesso Maschio", 10), *BODY])
    assert cv.full_name == "Enrico Rossi"


def test_a_street_and_small_town_in_a_contact_sidebar_are_the_location_not_the_headline() -> None:
    cv = parse_page([(30, 780, "Jonathan Kitt", 17), (30, 740, "Contact", 17),
                     (30, 710, "8 rue de la Morge, 63410 Vitrac", 10), (30, 690, "+33 6 12 05 27 48", 10),
                     (30, 670, "jk@example.com", 10), *BODY])
    assert cv.contact.location == "Vitrac"
    assert cv.headline is None


def test_a_german_address_label_with_the_street_then_the_town_on_the_next_line() -> None:
    cv = parse_page([(60, 780, "Persönliche Daten", 16), (60, 750, "Name:", 12), (200, 750, "Johannes Müller", 12),
                     (60, 736, "Adresse:", 12), (200, 736, "Lindenweg 15", 12), (200, 722, "35390 Gießen", 12),
                     (200, 708, "Telefon: 0163 2055604", 12), *BODY])
    assert cv.contact.location == "Gießen"
    assert cv.headline is None


def test_the_place_of_residence_not_the_place_of_birth() -> None:
    both = parse_page([(60, 780, "Vlad Kowalski", 20), (60, 750, "Place of birth: Ukraine, Kyiv", 12),
                       (60, 736, "Place of residence Poland, Warsaw", 12), (60, 720, "vlad@example.com", 12), *BODY])
    birth_only = parse_page([(60, 780, "Vlad Kowalski", 20), (60, 750, "Place of birth: Ukraine, Kyiv", 12),
                             (60, 736, "Nationality: Ukrainian", 12), (60, 720, "vlad@example.com", 12), *BODY])
    assert both.contact.location == "Poland, Warsaw"
    assert birth_only.contact.location is None


def test_phone_and_town_on_the_e_mail_line_of_a_header_above_a_sidebar() -> None:
    cv = parse_page([
        (184, 812, "MANUEL LOPEZ JOVE", 30), (277, 769, "DESARROLLO WEB", 18),
        (185, 740, "manuel@example.com", 11), (339, 740, "299-4643957", 11), (445, 740, "Viedma - Río Negro", 11),
        *sidebar("PERSONAL", "Fecha de Nacimiento: 27-09-1991", "Nacionalidad: Argentina", "HABILIDADES", "PHP",
                 "Python", "Docker", top=692, pitch=14),
        (205, 692, "PERFIL PROFESIONAL", 14),
        (207, 659, "Desarrollador web con experiencia en PHP.", 11),
        *BODY,
    ])
    assert cv.contact.location == "Viedma - Río Negro"


@pytest.mark.parametrize(("address", "town"), [
    ("12 Baker Street, London NW1 6XE", "London"),  # British postcode after the town
    ("ul. Długa 5, 80-831 Gdańsk", "Gdańsk"),  # Polish 00-000
    ("Calle Mayor 5, 28440 Guadarrama (Madrid)", "Guadarrama"),  # Spanish, province in brackets
    ("Адрес: 630090, г. Новосибирск", "Новосибирск"),  # Russian six digits before "г."
    ("Madrid 28804  ·  lucia@example.com", "Madrid"),  # postcode after a known city
])
def test_postcode_and_town_formats_give_the_town(address: str, town: str) -> None:
    cv = parse_page([(60, 780, "Ana Sample", 20), (60, 750, address, 12), (60, 736, "ana@example.com", 12), *BODY])
    assert cv.contact.location == town


def test_a_region_alone_in_the_contact_column_or_on_the_header_line() -> None:
    column = parse_page([(230, 760, "Ana Sample", 30),
                         *sidebar("Contact", "ana@example.com", "+1 415 555 0100", "California", top=505), *BODY])
    header = parse_page([(60, 780, "Ana Sample", 20), (60, 750, "Texas  |  ana@example.com  |  +1 415 555 0100", 11),
                         *BODY])
    assert column.contact.location == "California"
    assert header.contact.location == "Texas"


def test_an_address_label_in_a_sidebar_far_from_the_contacts() -> None:
    cv = parse_page([(230, 760, "Мария Иванова", 30),
                     *sidebar("Навыки", "Python", "SQL", "Адрес", "ул. Ленина 5, кв. 3", "620014 Екатеринбург",
                              top=700), *BODY])
    assert cv.contact.location == "Екатеринбург"


def test_a_birthplace_label_that_begins_like_a_location_label_gives_no_location() -> None:
    born = parse_page([(60, 780, "Claire Martin", 20), (60, 750, "Lieu de naissance : Lyon", 11),
                       (60, 736, "claire@example.com", 11), *BODY])
    lives = parse_page([(60, 780, "Ana Sample", 20), (60, 750, "Standort: Kleinstadt", 11),
                        (60, 736, "ana@example.com", 11), *BODY])
    assert born.contact.location is None
    assert lives.contact.location == "Kleinstadt"


def test_a_word_table_of_personal_data_gives_the_name_and_the_town() -> None:
    """A DOCX's personal-data table: labels in one cell, values in the next, the street over the town."""
    from ai_coach.cv.documents import rows_from_lines
    from ai_coach.cv.parser import parse_rows

    rows = rows_from_lines([
        [("Lebenslauf", 16, True)],
        [("Vorname:", 11, False), ("Jonas", 11, False)],
        [("Nachname:", 11, False), ("Weber", 11, False)],
        [("Anschrift:", 11, False), ("Kurpfalzstraße 154", 11, False)],
        [("", 11, False), ("67435 Neustadt an der Weinstraße", 11, False)],
        [("Geburtsort:", 11, False), ("Bad Soden", 11, False)],
        [("Berufserfahrung", 14, True)],
        [("2019 - 2022", 11, False), ("Mediengestalter, Studio Nord", 11, False)],
    ])
    cv = parse_rows(rows, "\n".join(row.text for row in rows))
    assert cv.full_name == "Jonas Weber"
    assert cv.contact.location == "Neustadt an der Weinstraße"
