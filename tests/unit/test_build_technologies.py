"""The short names the technology builder derives from O*NET's full product names."""

from collections import Counter

from ai_coach.build_technologies import _add_short_names, short_names

VENDORS = Counter({"IBM": 80, "Trimble": 14, "Teradata": 8, "Microsoft": 100})
ORDINARY = {"statistics", "database", "parallel", "transporter", "fluency", "category", "test", "server",
            "office", "word", "compiler"}


def is_word(word: str) -> bool:
    return word.casefold() in ORDINARY


def test_vendor_and_kind_words_are_cut():
    assert short_names("IBM SPSS Statistics", VENDORS, is_word) == ["SPSS"]
    assert short_names("Trimble SketchUp Pro", VENDORS, is_word) == ["SketchUp"]


def test_a_vendor_name_ending_with_a_company_word_is_cut():
    assert short_names("QSR International NVivo", VENDORS, is_word) == ["NVivo"]


def test_no_short_name_that_is_an_ordinary_word():
    assert short_names("Category Fluency Test", VENDORS, is_word) == []
    assert short_names("Microsoft Word", VENDORS, is_word) == []
    assert short_names("Microsoft SQL Server 2019", VENDORS, is_word) == ["SQL"]  # dropped later: taken


def _row(name: str, hot: bool) -> list[str]:
    return [name, name, "Data mining software", "Y" if hot else "N", "N"]


def test_short_names_go_to_one_product_or_to_the_hot_one():
    rows = {name.casefold(): _row(name, hot) for name, hot in [
        ("Acme Gizmo Pro", True), ("Other Gizmo Pro", False),
        ("Acme Widget Pro", False), ("Other Widget Pro", False),
        ("Wind River Systems C/C++ Compiler Suite", False), ("Obscure HCS Suite", False),
        ("IBM SPSS Statistics", True), ("Microsoft SQL Server", True), ("FileMaker Bento", False),
    ]}
    vendors = Counter({**VENDORS, "Acme": 5, "Other": 5, "FileMaker": 5})
    _add_short_names(rows, vendors, {}, frozenset(ORDINARY), frozenset({"bento"}))
    spellings = {key: row[1].split("|") for key, row in rows.items()}
    assert spellings["acme gizmo pro"] == ["Acme Gizmo Pro", "Gizmo"]  # the hot one of two
    assert spellings["other gizmo pro"] == ["Other Gizmo Pro"]
    assert spellings["acme widget pro"] == ["Acme Widget Pro"]  # "Widget" is two products'
    assert spellings["wind river systems c/c++ compiler suite"] == ["Wind River Systems C/C++ Compiler Suite"]
    assert spellings["obscure hcs suite"] == ["Obscure HCS Suite"]  # capitals of an obscure product
    assert spellings["ibm spss statistics"] == ["IBM SPSS Statistics", "SPSS"]
    assert spellings["microsoft sql server"] == ["Microsoft SQL Server"]  # "SQL" is a curated skill
    assert spellings["filemaker bento"] == ["FileMaker Bento"]  # a given name


def test_ordinary_words_are_all_of_english_and_the_most_frequent_of_the_other_languages(tmp_path):
    import gzip
    import json

    from ai_coach.build_technologies import COMMON_WORD_LANGUAGES, common_words

    for language in COMMON_WORD_LANGUAGES:
        counts = {"Finder": 1, "retention": 2} if language == "en" else {f"{language}often": 9, f"{language}rare": 1}
        with gzip.open(tmp_path / f"{language}.json.gz", "wt", encoding="utf-8") as handle:
            json.dump(counts, handle)
    words = common_words(tmp_path, rank=1)
    assert {"finder", "retention", "deoften", "froften"} <= words  # English whole, lower case
    assert "derare" not in words and "frrare" not in words  # past the rank of a CV language
