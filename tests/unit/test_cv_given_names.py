"""Given names as evidence for the CV's name (issue 16): a list of given names of 86 locales, shipped as data
(ai_coach/data/given_names.tsv, built by ai_coach/build_given_names.py from Faker's first-name lists), breaks
ties between name-shaped texts of one size and rules out a tagline, label or company name set larger than the
name when it holds no given name but a common word of job texts. The type size stays the first evidence: a
name with no known given name keeps its place, and the only candidate is never ruled out."""

from __future__ import annotations

import pytest

from ai_coach.cv.fields import holds_given_name
from ai_coach.cv.text import fold_name_word
from tests.unit.test_cv_location import BODY, parse_page


@pytest.mark.parametrize("text", ["DAGMAR HEINTZE", "Hélène Roux", "Jean-Pierre Roux", "ATIK Mehmet Ali",
                                  "Žofie Nováková", "İsmail Yılmaz", "Ewa Kowalska"])
def test_given_names_are_known_whatever_their_case_and_accents(text: str) -> None:
    assert holds_given_name(text)


@pytest.mark.parametrize("text", ["Hire Me", "Conference Proceedings",
                                  "Northwind Traders", "Soyadı İletişim Web", "Software Engineer"])
def test_taglines_labels_and_companies_hold_no_given_name(text: str) -> None:
    assert not holds_given_name(text)


def test_folding_drops_case_and_accents() -> None:
    assert [fold_name_word(word) for word in ("Hänni", "ÉLODIE", "Łukasz", "Çağla")] == [
        "hanni", "elodie", "łukasz", "cagla"]


def test_a_tagline_in_larger_type_above_the_name_is_not_the_name() -> None:
    cv = parse_page([(200, 800, "HIRE ME", 24), (200, 760, "Eduardo Murrieta", 18),
                     (200, 735, "eduardo@example.com", 10), *BODY])
    assert cv.full_name == "Eduardo Murrieta"


def test_a_company_name_in_larger_type_above_the_name_is_not_the_name() -> None:
    cv = parse_page([(200, 800, "Northwind Traders", 24), (200, 760, "Dagmar Heintze", 18),
                     (200, 735, "dagmar@example.com", 10), *BODY])
    assert cv.full_name == "Dagmar Heintze"


def test_a_name_with_no_known_given_name_keeps_its_place_by_size() -> None:
    cv = parse_page([(200, 800, "Zakaro Vuntel", 24), (200, 760, "Maria Conference", 14),
                     (200, 735, "zakaro@example.com", 10), *BODY])
    assert cv.full_name == "Zakaro Vuntel"


def test_the_only_candidate_is_never_ruled_out() -> None:
    cv = parse_page([(200, 800, "Hire Me", 24), (200, 735, "someone@example.com", 10), *BODY])
    assert cv.full_name == "Hire Me"


def test_a_cv_set_as_a_label_value_table_gives_the_labelled_name_in_its_natural_order() -> None:
    cv = parse_page([(50, 800, "Soyadı", 12), (150, 800, "Atik", 12),
                     (50, 770, "Adı", 12), (150, 770, "Mehmet Ali Osman", 12),
                     (50, 740, "İletişim", 12), (150, 740, "mehmet@example.com", 12),
                     (50, 710, "Web", 12), (150, 710, "example.com.tr", 12), *BODY])
    assert cv.full_name == "Mehmet Ali Osman Atik"
    assert cv.headline != "Adı"  # the given-name row's label cell says nothing of the candidate's job


def test_a_name_label_cell_beside_the_name_is_not_half_of_it() -> None:
    cv = parse_page([(50, 800, "Lebenslauf", 16), (50, 770, "Persönliche Daten", 12),
                     (50, 750, "Name", 12), (150, 750, "Manuel Hänni", 12),
                     (50, 735, "Geburtsdatum", 12), (150, 735, "08.03.2002", 12),
                     (50, 720, "E-Mail", 12), (150, 720, "manuel@example.com", 12), *BODY])
    assert cv.full_name == "Manuel Hänni"


def test_the_build_cuts_names_into_folded_words_of_three_letters_or_more() -> None:
    from ai_coach.build_given_names import given_name_words

    assert given_name_words(["Jean-Pierre", "Mary Ann", "Ömer", "Jo", "O'Neil"]) == {"jean", "pierre", "mary", "ann",
                                                                                      "omer"}


def test_the_shipped_list_is_compact_and_says_where_it_comes_from() -> None:
    from ai_coach.cv.fields import GIVEN_NAMES_PATH

    text = GIVEN_NAMES_PATH.read_text(encoding="utf-8")
    assert "Faker" in text.splitlines()[1] and "MIT" in text.splitlines()[1]
    assert len(text.encode()) < 400_000
    assert {"mehmet", "dagmar", "zofie", "joao", "agnieszka"} <= {line for line in text.splitlines()}
