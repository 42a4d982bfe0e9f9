"""The Europass CV's section labels, language by language (ai_coach/cv/europass_headings.py, with their sources),
each read as the heading of its section kind, in the case a CV writes it and as a row of its own; and the
Europass CV's body words (the language and digital self-assessment grids, items of a skills list) that must stay
body text. Table-driven: a language or phrase added to the table is tested here without a new test."""

from __future__ import annotations

import pytest

from ai_coach.cv.europass_headings import EUROPASS_HEADINGS, PERSONAL_INFORMATION_HEADINGS, europass_phrases
from ai_coach.cv.fields import is_contact_heading
from ai_coach.cv.layout import Row
from ai_coach.cv.sections import HEADING_TO_SECTION, OTHER_HEADINGS, classify_heading, one_i, row_heading
from tests.cv_rows import line

LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sv", "da", "fi", "hu", "ro", "hr", "sl", "tr")
KINDS = {"experience", "education", "skills", "languages", "summary", "certifications", "projects", "other"}
CASES = [(language, kind, phrase) for language, kinds in EUROPASS_HEADINGS.items()
         for kind, phrases in kinds.items() for phrase in phrases]


def test_the_table_covers_the_languages_and_kinds() -> None:
    assert set(LANGUAGES) <= set(EUROPASS_HEADINGS)
    for language in LANGUAGES:
        kinds = EUROPASS_HEADINGS[language]
        assert set(kinds) <= KINDS
        # every language names at least the Europass CV's main sections
        assert {"experience", "education", "skills", "languages", "other"} <= set(kinds), language


def test_no_phrase_names_two_kinds() -> None:
    kind_of: dict[str, str] = {}
    for kind, phrases in europass_phrases().items():
        for phrase in phrases:
            assert kind_of.setdefault(phrase, kind) == kind, phrase
    # nor one kind here and another in the section table's own phrases
    for phrase, kind in kind_of.items():
        listed = HEADING_TO_SECTION.get(one_i(phrase), "other" if one_i(phrase) in OTHER_HEADINGS else None)
        assert listed == kind, phrase


@pytest.mark.parametrize(("language", "kind", "phrase"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_each_label_opens_its_kind(language: str, kind: str, phrase: str) -> None:
    assert classify_heading(phrase) == kind
    assert classify_heading(phrase.upper()) == kind  # a template's capitals
    assert classify_heading(phrase.capitalize() + ":") == kind
    # a row of its own at the body's size and weight (a Word CV's unstyled heading) is read as the heading
    assert row_heading(Row([line(40, 600, phrase.upper(), 10)]), 10.0) == kind


@pytest.mark.parametrize("text", [
    "Şişli, İstanbul", "Mother tongue: English",  # a label with its value is no heading by itself
    "Communication", "Kommunikation", "Sicherheit", "Problem solving", "Content creation",  # digital grid columns
    "Information processing", "Listening", "Reading", "Spoken interaction", "Spoken production",
    "Independent user", "Proficient user", "Basic user", "Self-assessment", "European level",
    "Deutsch", "English", "Muttersprachler", "Teamfähigkeit", "Kommunikationsfähigkeit",  # skills and language items
    "Developed digital skills training for 40 staff", "Responsible for work experience placements",
    "Organised courses and seminars for students", "Langue maternelle : français",
])
def test_body_words_stay_body_text(text: str) -> None:
    assert classify_heading(text) is None
    assert row_heading(Row([line(40, 600, text, 10)]), 10.0) is None


@pytest.mark.parametrize("heading", sorted(PERSONAL_INFORMATION_HEADINGS))
def test_the_personal_information_block_holds_the_contact_details(heading: str) -> None:
    assert classify_heading(heading) == "other"
    assert is_contact_heading(heading.upper())


@pytest.mark.parametrize(
    ("heading", "contact"),
    [("Personal information", True), ("Angaben zur Person", True), ("Dane osobowe", True), ("Kontakt", True),
     ("Contact info", True), ("Additional information", False), ("Informations complémentaires", False),
     ("Weitere Informationen", False), ("Información adicional", False), ("Mother tongue(s)", False)],
)
def test_a_contact_block_is_a_heading_about_the_candidate_not_the_cvs_additional_information(heading: str,
                                                                                            contact: bool) -> None:
    """The Europass "Additional information" heading says "information" like a contact block's "Personal
    information" does; what follows it (a letter, references) is no contact block and no summary."""
    assert is_contact_heading(heading) is contact
