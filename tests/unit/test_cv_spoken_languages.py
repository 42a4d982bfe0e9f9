"""The spoken languages a CV lists, read by their names in the CV languages (CLDR through Babel): each name
as printed with its level as printed, and words that only look like a language's name left alone."""

from __future__ import annotations

import pytest

from ai_coach.cv.documents import rows_from_lines
from ai_coach.cv.fields import KNOWN_LANGUAGES, build_languages
from ai_coach.cv.language_names import language_at, language_code
from ai_coach.cv.sections import names_spoken_languages, split_sections


@pytest.mark.parametrize("name", ["Korean", "Koreanisch", "coréen", "coreano", "корейский", "Koreaans", "koreański",
                                  "KOREAN"])
def test_korean_in_every_cv_language_is_korean(name: str) -> None:
    assert language_code(name) == "ko"


def test_names_in_other_languages_and_regional_forms_read_as_their_language() -> None:
    assert {language_code(name) for name in ("English", "Englisch", "anglais", "inglés", "inglese", "inglês",
                                             "английский", "Engels", "angielski")} == {"en"}
    assert language_code("Mandarin") == language_code("Simplified Chinese") == "zh"
    assert language_at("Brazilian Portuguese (native)".split()) == ("pt", 2)
    assert language_code("Filipino") == "fil"


def test_words_that_are_not_a_spoken_language_are_not_read_as_one() -> None:
    # A name only English, German and Dutch write, and only capitalised: a lowercase word is the verb.
    assert language_code("polish") is None and language_code("Polish") == "pl"
    assert not names_spoken_languages("polish the UI")
    assert names_spoken_languages("Polish, English")
    # Programming languages and an island are no spoken languages; the Italian "ci" (Twi) is not kept.
    assert language_code("Java") is None and language_code("Python") is None and language_code("ci") is None
    assert not names_spoken_languages("Java, Python, Go")
    # Lowercase names of the languages that write them so ("anglais", "английский") are read.
    assert language_code("français") == "fr" and language_code("английский") == "en"


def test_the_skills_finders_still_see_every_language_name_in_any_case() -> None:
    assert "english" in KNOWN_LANGUAGES and "polish" in KNOWN_LANGUAGES and "Koreanisch" in KNOWN_LANGUAGES
    assert "python" not in KNOWN_LANGUAGES and None not in KNOWN_LANGUAGES


def _languages(*lines: str) -> list[tuple[str, str | None]]:
    rows = rows_from_lines([[("Languages", 12, True)], *[[(line, 10, False)] for line in lines]])
    section = next(section for section in split_sections(rows) if section.name == "languages")
    return [(entry.name, entry.level) for entry in build_languages(section.rows)]


def test_names_and_levels_are_kept_as_printed() -> None:
    assert _languages("Koreanisch (Muttersprache), Englisch – C1") == [("Koreanisch", "Muttersprache"),
                                                                       ("Englisch", "C1")]
    assert _languages("Brazilian Portuguese (native), Swahili") == [("Brazilian Portuguese", "native"),
                                                                   ("Swahili", None)]


def test_a_list_joined_by_a_conjunction_and_levels_with_commas_in_brackets() -> None:
    assert _languages("français (parlé, écrit), anglais (parlé, écrit) et mandarin (parlé)") == [
        ("français", "parlé, écrit"), ("anglais", "parlé, écrit"), ("mandarin", "parlé")]
    assert _languages("Greek (beginner) and Latin (beginner).") == [("Greek", "beginner"), ("Latin", "beginner")]
    assert _languages("Русский(родной), English(B2)") == [("Русский", "родной"), ("English", "B2")]


def test_one_language_named_twice_is_listed_once() -> None:
    assert _languages("English (C1), Englisch") == [("English", "C1")]


def test_a_level_before_the_languages_it_is_for_and_the_word_for_language_before_a_name() -> None:
    assert _languages("Professionele werkvaardigheid: Nederlands, Engels", "Beperkte werkvaardigheid: Spaans") == [
        ("Nederlands", "Professionele werkvaardigheid"), ("Engels", "Professionele werkvaardigheid"),
        ("Spaans", "Beperkte werkvaardigheid")]
    assert _languages("English: C1", "Deutsch: Muttersprache") == [("English", "C1"), ("Deutsch", "Muttersprache")]
    # "Język polski | Ojczysty" is a language and its level, not a "Languages" label with its value.
    assert _languages("•  Język Polski | Ojczysty", "Język angielski | B2") == [("Polski", "Ojczysty"),
                                                                               ("angielski", "B2")]
