"""ai_coach's one language guess, as postings (the cover letter's language) and CVs (the parse's `language`) use it."""

from __future__ import annotations

import pytest

from ai_coach.language import SAMPLE_CHARS, detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We are looking for a backend engineer to join our team. You will build the APIs of the platform "
         "and work with the product team on new features.", "en"),
        ("Nous recherchons un développeur pour rejoindre notre équipe. Vous travaillerez avec les équipes "
         "produit sur la plateforme et ses nouvelles fonctionnalités.", "fr"),
        ("Wir suchen eine Entwicklerin für unser Team. Du arbeitest mit dem Produktteam an der Plattform und "
         "bist für die Schnittstellen zuständig.", "de"),
        ("Buscamos un desarrollador para nuestro equipo. Trabajarás con el equipo de producto en la plataforma "
         "y en las nuevas funciones.", "es"),
        ("Мы ищем разработчика в нашу команду. Опыт работы от 3 лет, знание английского языка.", "ru"),
    ],
)
def test_each_of_the_five_languages(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_russian_with_technology_names_in_latin_letters() -> None:
    text = "Backend-разработчик. Требования: Java, Spring Boot, Kafka, PostgreSQL, Docker, Kubernetes, опыт от 3 лет."
    assert detect_language(text) == "ru"


def test_a_foreign_word_does_not_outvote_the_text() -> None:
    # "die" and "la" are German and Spanish function words, but the sentence is English.
    text = "The Die Hard fan club and La Liga: we are a sports media company and you will write for our readers."
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "   \n\t", "2019 - 2024, +49 30 1234567", "Python, Go, Kubernetes",
                                  "Senior Python Developer", "the"])
def test_too_little_to_tell_is_none(text: str) -> None:
    assert detect_language(text) is None


def test_only_the_opening_of_a_huge_text_is_read() -> None:
    english = "You will work with our team and the product. " * (SAMPLE_CHARS // 40)
    french = "Vous travaillerez avec les équipes et la plateforme. " * 2000
    assert detect_language(english + french) == "en"
    assert detect_language(french + english) == "fr"
