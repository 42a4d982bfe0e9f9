"""Unit tests for the skills vocabulary: the shipped data file and the matching rules."""

from __future__ import annotations

import tomllib

import pytest

from ai_coach.vocabulary import DEFAULT_VOCABULARY_PATH, SkillEntry, SkillVocabulary, load_vocabulary


@pytest.fixture(scope="module")
def vocabulary() -> SkillVocabulary:
    return load_vocabulary()


def test_shipped_file_is_large_and_covers_several_job_families(vocabulary: SkillVocabulary) -> None:
    with DEFAULT_VOCABULARY_PATH.open("rb") as handle:
        categories = tomllib.load(handle)
    assert len(vocabulary) >= 300
    for family in (
        "programming_language",
        "database",
        "cloud",
        "devops",
        "data_ml",
        "soft_skills",
        "design",
        "sales",
        "marketing",
        "finance",
    ):
        assert len(categories[family]) >= 5, family


def test_load_vocabulary_is_cached() -> None:
    assert load_vocabulary() is load_vocabulary()


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("JS", "JavaScript"),
        ("k8s", "Kubernetes"),
        ("Postgres", "PostgreSQL"),
        ("golang", "Go"),
        ("go", "Go"),  # a spelling given on its own (a CV skill) is unambiguous
        ("Typescript ", "TypeScript"),
        ("reactjs", "React"),
        ("машинное обучение", "Machine Learning"),
        ("Projektmanagement", "Project Management"),
        ("gestión de proyectos", "Project Management"),
        ("négociation", "Negotiation"),
        ("коммуникабельность", "Communication"),
        ("1С", "1C"),  # Cyrillic С, as hh.ru writes it
        ("Knitting", None),
        ("", None),
    ],
)
def test_canonical_resolves_aliases_and_translations(
    vocabulary: SkillVocabulary, spelling: str, expected: str | None
) -> None:
    assert vocabulary.canonical(spelling) == expected


def test_related_is_symmetric_and_canonical(vocabulary: SkillVocabulary) -> None:
    assert "TypeScript" in vocabulary.related("JS")
    assert "JavaScript" in vocabulary.related("TypeScript")
    for name in vocabulary.names:
        for other in vocabulary.related(name):
            assert other in vocabulary
            assert name in vocabulary.related(other)
    assert vocabulary.related("Knitting") == set()


def test_find_in_text_handles_punctuated_names_in_order(vocabulary: SkillVocabulary) -> None:
    text = "Experience with C++ and C# on .NET, Node.js services, ASP.NET Core and plain C/C++."
    assert vocabulary.find_in_text(text) == ["C++", "C#", ".NET", "Node.js", "ASP.NET", "C"]


def test_find_in_text_does_not_match_inside_longer_words(vocabulary: SkillVocabulary) -> None:
    assert vocabulary.find_in_text("JavaScript only") == ["JavaScript"]
    assert "Java" not in vocabulary.find_in_text("JavaScript and TypeScript")
    assert vocabulary.find_in_text("Objective-C") == ["Objective-C"]
    assert vocabulary.find_in_text("Spring/Spring Boot, Java-backend") == ["Spring", "Java"]


@pytest.mark.parametrize(
    ("text", "has_go"),
    [
        ("We write services in Go, Kubernetes and Postgres.", True),
        ("Skills: Go, Python", True),
        ("Backend written in Go.", True),
        ("Go\nKubernetes", True),
        ("We use golang everywhere", True),
        ("Go to our careers page and apply.", False),
        ("Ready to go the extra mile", False),
        ("Our go-to-market team", False),
        ("Go-getters welcome", False),
    ],
)
def test_go_needs_case_and_context(vocabulary: SkillVocabulary, text: str, has_go: bool) -> None:
    assert ("Go" in vocabulary.find_in_text(text)) is has_go


def test_ordinary_words_with_exact_spellings_need_their_capitalisation(vocabulary: SkillVocabulary) -> None:
    assert vocabulary.find_in_text("You react calmly and excel at swift delivery") == []
    assert vocabulary.find_in_text("React, Swift and Excel") == ["React", "Swift", "Microsoft Excel"]
    assert "C" not in vocabulary.find_in_text("Reporting to C-level executives")
    assert "R" not in vocabulary.find_in_text("Our R&D department")


def test_find_in_text_reads_russian_german_french_spanish(vocabulary: SkillVocabulary) -> None:
    assert vocabulary.find_in_text("Опыт в продажах. Умение проводить переговоры. Коммуникабельность.") == [
        "Sales",
        "Negotiation",
        "Communication",
    ]
    assert vocabulary.find_in_text("Erfahrung im Vertrieb und Projektmanagement") == [
        "Sales",
        "Project Management",
    ]
    assert vocabulary.find_in_text("Expérience en gestion de projet et négociation") == [
        "Project Management",
        "Negotiation",
    ]
    assert vocabulary.find_in_text("Experiencia en ventas y atención al cliente") == [
        "Sales",
        "Customer Service",
    ]


def test_duplicate_spellings_and_unknown_relations_are_rejected() -> None:
    with pytest.raises(ValueError, match="belongs to both"):
        SkillVocabulary([SkillEntry("A", "x", aliases=("same",)), SkillEntry("B", "x", aliases=("same",))])
    with pytest.raises(ValueError, match="unknown skill"):
        SkillVocabulary([SkillEntry("A", "x", related=("Nope",))])


def test_mentions_report_spans_and_spelling(vocabulary: SkillVocabulary) -> None:
    text = "Kubernetes (k8s) and Postgres"
    mentions = list(vocabulary.iter_mentions(text))
    assert [(m.name, text[m.start : m.end], m.surface) for m in mentions] == [
        ("Kubernetes", "Kubernetes", "Kubernetes"),
        ("Kubernetes", "k8s", "k8s"),
        ("PostgreSQL", "Postgres", "Postgres"),
    ]


@pytest.mark.parametrize("prefix", ["", "İstanbul office (İ lower-cases to two characters): "])
def test_mentions_keep_their_positions_and_case_whether_or_not_lower_casing_changes_the_length(
    vocabulary: SkillVocabulary, prefix: str
) -> None:
    # The case-insensitive scan runs over the lower-cased text; when lower-casing changes the text's
    # length it runs over the text itself, so a mention's position always points at the original words.
    text = prefix + "Senior PYTHON developer: PostgreSQL, Node.js and C# on Kubernetes."
    mentions = list(vocabulary.iter_mentions(text))
    assert [mention.name for mention in mentions] == ["Python", "PostgreSQL", "Node.js", "C#", "Kubernetes"]
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.surface
    assert mentions[0].surface == "PYTHON"


def test_the_fit_score_reads_a_program_as_its_suite_and_the_cv_reader_keeps_it_apart() -> None:
    from ai_coach.vocabulary import load_cv_vocabulary

    text = "Skills: MS Word, PowerPoint, Excel"
    assert load_vocabulary().find_in_text(text) == ["Microsoft Office", "Microsoft Excel"]
    assert load_cv_vocabulary().find_in_text(text) == ["Word", "PowerPoint", "Microsoft Excel"]
    assert "Word" not in load_vocabulary() and "Word" not in load_vocabulary().related("Microsoft Office")


def test_a_program_of_a_suite_the_data_does_not_hold_is_an_error() -> None:
    from ai_coach.vocabulary import with_programs_in_their_suites

    data = {"office": {"Word": {"aliases": ["ms word"], "part_of": "Microsoft Office"}}}
    with pytest.raises(ValueError, match="Microsoft Office"):
        with_programs_in_their_suites(data)
    data["office"]["Microsoft Office"] = {"aliases": ["ms office"], "related": ["Word"]}
    assert with_programs_in_their_suites(data) == {
        "office": {"Microsoft Office": {"aliases": ["ms office", "ms word"], "related": []}}
    }
