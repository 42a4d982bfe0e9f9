"""ESCO's occupation labels in the CV languages, reduced to their head nouns (ai_coach/data/esco_job_heads.tsv,
built by ai_coach/build_esco_heads.py), as JOB_WORDS' third source (issue 16): job titles the hand-written
TITLE_WORDS and O*NET's English heads do not know are job words; fields, departments, places and ordinary
words are not. Positioned lines are built inside the test (no PDF needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ai_coach.build_esco_heads import head_index
from ai_coach.cv import fields
from ai_coach.cv.experience import _cleaned_from
from ai_coach.cv.fields import JOB_WORDS, TITLE_WORDS
from ai_coach.cv.layout import Row
from tests.cv_rows import line, seen


def test_the_shipped_table_is_small_and_well_formed() -> None:
    path = fields.ESCO_JOB_HEADS_PATH
    assert path.stat().st_size < 300_000
    rows = [row.split("\t") for row in path.read_text(encoding="utf-8").splitlines() if not row.startswith("#")]
    assert {row[0] for row in rows} == {"de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sv", "da"}
    assert all(len(row) == 4 and row[3] in ("N", "Y", "E") and int(row[2]) >= 3 for row in rows)
    assert "European Union" in path.read_text(encoding="utf-8")[:2000]


@pytest.mark.parametrize("title", [
    "Predavačka",                 # Slovak: shop assistant
    "Sprzedawca", "Kasjer",       # Polish: salesman, cashier
    "Operadora de caixa",         # Portuguese: cashier
    "Lagerarbetare",              # Swedish: warehouse worker (a compound)
    "Undersköterska",             # Swedish: assistant nurse
    "Tømrer",                     # Danish: carpenter
    "Kapper",                     # Dutch: hairdresser
    "Cameriere",                  # Italian: waiter
    "Prodavač",                   # Czech: shop assistant
    "Küchenhilfe",                # German: kitchen help (a compound ending on "hilfe")
])
def test_job_titles_of_the_cv_languages_are_job_words(title: str) -> None:
    assert not TITLE_WORDS.search(title), title  # the hand-written list does not know it
    assert JOB_WORDS.search(title), title


@pytest.mark.parametrize("text", [
    "Hilfe der Organisation von Events",  # "Hilfe" alone is help: it ends compounds only
    "Personal Projects", "Research", "Trigger",  # English words, never a compound's ending
    "Chemie", "Vertrieb", "oddělení", "Software",  # a label's field or department, not its head
    "Praha", "Schneider Electric", "Fischer GmbH", "Bauer AG",  # places, and surnames that are trades
    "Guarda", "Weber Shandwick", "Blender", "Walker & Co",  # town names; ESCO's English heads are not shipped
])
def test_fields_departments_places_and_ordinary_words_are_not(text: str) -> None:
    assert not JOB_WORDS.search(text), text


def test_a_head_is_a_whole_word_or_ends_a_compound_after_a_stem() -> None:
    assert JOB_WORDS.search("Systemutvecklare") is not None
    assert JOB_WORDS.search("Softwareontwikkelaar") is not None
    assert JOB_WORDS.search("Operadoras") is None or JOB_WORDS.search("Operadoras").group() != "Operadoras"


def test_no_table_no_third_source(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fields, "ESCO_JOB_HEADS_PATH", tmp_path / "missing.tsv")
    fields._esco_heads.cache_clear()
    try:
        assert fields._esco_heads() is None
        assert JOB_WORDS.search("Sprzedawca") is None
        assert JOB_WORDS.search("Software Engineer") is not None
    finally:
        fields._esco_heads.cache_clear()


@pytest.mark.parametrize(("label", "language", "head"), [
    ("técnico de mantenimiento", "es", "técnico"),
    ("vývojář softwaru", "cs", "vývojář"),
    ("zákonný opatrovník", "cs", "opatrovník"),
    ("økonomisk rådgiver", "da", "rådgiver"),
    ("Technischer Leiter", "de", "Leiter"),
    ("Softwareentwickler für Embedded Systems", "de", "Softwareentwickler"),
    ("chef, allmännyttiga bostäder", "sv", "chef"),
    ("software developer", "en", "developer"),
    ("Import- und Exportmanager", "de", "Exportmanager"),
])
def test_where_a_label_names_its_job(label: str, language: str, head: str) -> None:
    found = head_index(label, language)
    assert found is not None
    words, index = found
    assert words[index] == head


def test_a_name_read_clean_of_its_rows_label_slash_or_place_is_kept() -> None:
    assert _cleaned_from("Doradca Junior", "Stanowisko: Doradca Junior", "LUKAS BANK SA")
    assert _cleaned_from("Spedytor międzynarodowy", "Spedytor międzynarodowy /", "INTIME")
    assert _cleaned_from("KFC", "KFC, Wrocław", "Pracownik restauracji")
    # A title read beside its company on one row is a part of a longer title, not a clean reading.
    assert not _cleaned_from("ANALISTA FUNCIONAL", "ANALISTA FUNCIONAL - BENEFICIOS Y PAGOS", "BENEFICIOS Y PAGOS")
    assert not _cleaned_from("Analyst", "Senior Analyst", None)


def test_polish_jobs_under_their_employers_are_titles() -> None:
    rows = [
        Row([line(50, 100, "SNIPES POLSKA", bold=True), line(430, 100, "Kwi 2022 – Lis 2022")]),
        Row([line(50, 114, "Sprzedawca")]),
        Row([line(60, 128, "Obsługa klienta i przyjmowanie dostaw towarów.")]),
        Row([line(50, 152, "MOL POLSKA", bold=True), line(430, 152, "Kwi 2023 – Paź 2023")]),
        Row([line(50, 166, "Kasjer")]),
        Row([line(60, 180, "Obsługa klienta przy kasie i dystrybutorach.")]),
    ]
    assert [(title, company) for title, company, _, _ in seen(rows)] == [("Sprzedawca", "SNIPES POLSKA"),
                                                                         ("Kasjer", "MOL POLSKA")]
