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
