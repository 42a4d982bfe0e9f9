"""Unit tests for the skills' names in the CV languages (ai_coach/data/skill_translations.toml)."""

from __future__ import annotations

import tomllib

import pytest

from ai_coach.cv import parse_cv_text
from ai_coach.cv.fields import find_skills
from ai_coach.vocabulary import (
    DEFAULT_VOCABULARY_PATH,
    TRANSLATIONS_FILE_NAME,
    SkillVocabulary,
    load_cv_vocabulary,
    with_translations,
)


def test_a_german_cv_names_its_competences_in_german() -> None:
    cv = parse_cv_text(
        """Max Mustermann
max@example.org

Kenntnisse
Appentwicklung, Web-Entwicklung, Qualitätskontrolle, Kommissionierung, Datenerfassung

Berufserfahrung
Lagerhelfer, Beispiel Logistik GmbH, 2019 - 2021
Verantwortlich für die Reklamationsbearbeitung und die Tourenplanung der Fahrer.
"""
    )
    for name in (
        "Mobile Development",
        "Web Development",
        "Quality Management",
        "Order Picking",
        "Data Entry",
        "Complaint Handling",
        "Transport Planning",
    ):
        assert name in cv.skills, name


def test_a_spanish_cv_names_its_competences_in_spanish() -> None:
    cv = parse_cv_text(
        """Ana Ejemplo
ana@example.org

Habilidades
Gestión de inventarios, Control de calidad, Diseño de logotipos, Metodologías ágiles

Experiencia
Diseñadora, Ejemplo S.L., 2020 - 2023
Diseño de páginas web y creación de contenido para redes sociales.
"""
    )
    for name in (
        "Inventory Management",
        "Quality Management",
        "Logo Design",
        "Agile",
        "Web Design",
        "Content Marketing",
    ):
        assert name in cv.skills, name


def test_a_translation_that_is_an_ordinary_word_counts_in_a_list_only() -> None:
    sentence = "Ich habe sechs Jahre in der Verwaltung einer Gemeinde gearbeitet, mit Excel."
    assert "Office Administration" not in find_skills("", sentence)
    assert "Office Administration" in find_skills("Verwaltung, Ablage, Excel", "")


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("Webentwicklung", "Web Development"),
        ("Web-Entwicklung", "Web Development"),
        ("Obsługa reklamacji", "Complaint Handling"),
        ("Zákaznický servis", "Customer Service"),
        ("Datavisualisation", "Data Visualization"),
        ("Système d’information géographique", "GIS"),  # the typographic apostrophe as well
        ("Maskininlärning", "Machine Learning"),
        ("Klantcontact", "Customer Service"),
    ],
)
def test_the_cv_vocabulary_knows_the_translations(spelling: str, name: str) -> None:
    assert load_cv_vocabulary().canonical(spelling) == name


def test_translations_are_added_to_a_known_skill_and_nothing_else() -> None:
    data = {"support": {"Customer Service": {"aliases": ["customer support"]}}}
    merged = with_translations(
        data, {"Customer Service": {"de": ["Kundenservice"], "pl": ["obsługa klienta"]}}
    )
    vocabulary = SkillVocabulary.from_mapping(merged)
    assert vocabulary.canonical("Kundenservice") == "Customer Service"
    assert vocabulary.canonical("customer support") == "Customer Service"
    with pytest.raises(ValueError, match="does not hold"):
        with_translations(data, {"Customer Sevrice": {"de": ["Kundenservice"]}})
    with pytest.raises(ValueError, match="language"):
        with_translations(data, {"Customer Service": {"german": ["Kundenservice"]}})


def test_no_soft_skill_is_translated() -> None:
    with DEFAULT_VOCABULARY_PATH.open("rb") as handle:
        soft_skills = set(tomllib.load(handle)["soft_skills"])
    with DEFAULT_VOCABULARY_PATH.with_name(TRANSLATIONS_FILE_NAME).open("rb") as handle:
        translated = set(tomllib.load(handle))
    assert not soft_skills & translated
