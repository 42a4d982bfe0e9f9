"""CVs as Word documents and pasted text go through the same parser as a PDF; hostile ones end in a clear
CvParseError; and the parser's readings of phone numbers, names and section labels on their own."""

from __future__ import annotations

import pytest

from ai_coach.cv import CvParseError, parse_cv_document, parse_cv_docx, parse_cv_text
from ai_coach.cv.documents import rows_from_lines
from ai_coach.cv.fields import find_name
from ai_coach.cv.phones import find_phone_number, region_hints
from ai_coach.cv.sections import split_sections
from ai_coach.cv.text import clean_text
from tests.cv_documents import (
    CV_TEXT,
    damaged_word_cv,
    word_cv,
    word_with_broken_xml,
    word_zip_bomb,
    zip_without_word_document,
)


def test_a_word_cv_is_read_like_a_pdf() -> None:
    cv = parse_cv_docx(word_cv())
    assert cv.full_name == "Jane Doe"
    assert cv.headline == "Senior Backend Engineer"
    assert (cv.contact.email, cv.contact.phone) == ("jane.doe@example.org", "+44 20 7946 0958")
    assert cv.sections == ["experience", "education", "skills"]
    assert [(e.title, e.company, e.start, e.end) for e in cv.experience] == [
        ("Senior Backend Engineer", "Acme Widgets Ltd", "2020-01", "present")]
    assert {"Python", "PostgreSQL", "Docker", "Kubernetes", "Terraform"} <= set(cv.skills)


def test_text_word_does_not_show_is_left_out_of_the_profile() -> None:
    cv = parse_cv_docx(word_cv(hidden=True))
    assert "scoring instructions" not in cv.text and "Golang" not in cv.text
    assert not {"Rust", "Go", "Kafka"} & set(cv.skills)
    assert {"Python", "PostgreSQL", "Docker", "Kubernetes", "Terraform"} <= set(cv.skills)


def test_pasted_text_is_read_like_a_pdf() -> None:
    cv = parse_cv_text(CV_TEXT)
    assert (cv.full_name, cv.contact.email) == ("Jane Doe", "jane.doe@example.org")
    assert [(e.title, e.company) for e in cv.experience] == [
        ("Senior Backend Engineer", "Acme Widgets Ltd"), ("Backend Developer", "Initech")]
    assert "skills" in cv.sections and "Terraform" in cv.skills
    assert parse_cv_document(CV_TEXT.encode()).full_name == "Jane Doe"
    assert parse_cv_document(word_cv()).full_name == "Jane Doe"


@pytest.mark.parametrize(("build", "code", "phrase"), [
    (damaged_word_cv, "MALFORMED", "damaged"),
    (word_with_broken_xml, "MALFORMED", "damaged"),
    (zip_without_word_document, "NOT_A_PDF", "not a Word document"),
    (word_zip_bomb, "TOO_LARGE", "unpacks to far more data"),
], ids=["truncated archive", "broken XML", "zip of something else", "zip bomb"])
def test_hostile_word_documents_end_in_a_clear_error(build, code: str, phrase: str) -> None:
    with pytest.raises(CvParseError) as info:
        parse_cv_docx(build())
    assert (info.value.code, phrase in info.value.message) == (code, True)


def test_oversized_or_empty_text_and_unknown_bytes_are_refused() -> None:
    with pytest.raises(CvParseError) as info:
        parse_cv_text("Jane Doe\n" + "Python developer. " * 10_000)
    assert info.value.code == "TOO_LARGE" and "characters" in info.value.message
    with pytest.raises(CvParseError) as info:
        parse_cv_text("Jane\n")
    assert info.value.code == "NO_TEXT_LAYER"
    with pytest.raises(CvParseError) as info:
        parse_cv_document(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert info.value.code == "NOT_A_PDF" and ".docx" in info.value.message


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Cell: 304.261.1923", "en", "304.261.1923"),
    ("Tel. 06 83 60 47 89 · Bordeaux, France", "fr", "06 83 60 47 89"),
    ("+7 (915) 620\u201179\u201166", "ru", "+7 (915) 620\u201179\u201166"),
    ("Telefon: +49 176 2004 2329", "de", "+49 176 2004 2329"),
    ("(+63)916-314-4915", None, "(+63)916-314-4915"),
    ("+ 41 76 579 94 04", None, "+ 41 76 579 94 04"),
    ("Phone: +1 707 DEO BALD", "en", "+1 707 DEO BALD"),
])
def test_phone_numbers_in_national_and_international_forms(text: str, language: str | None, expected: str) -> None:
    assert find_phone_number([text], region_hints(text, language)) == expected


def test_dates_ids_and_years_are_not_phone_numbers() -> None:
    for text in ("09/2019 – 01/2022", "ORCID 0000-0002-1825-0097", "2016 - 2020", "040279.00001", "1996\n2020"):
        assert find_phone_number([text], region_hints(text, "de")) is None, text


def test_a_phone_number_in_the_footer_is_found_after_the_header() -> None:
    assert find_phone_number(["Jane Doe", "Experience ...", "jane@example.org · +31 6 15399756"],
                             region_hints("", "nl")) == "+31 6 15399756"


def _rows(lines: list[tuple[str, float, bool]]):
    return rows_from_lines([[line] for line in lines])


def test_the_name_is_the_largest_name_shaped_text_not_a_tagline_above_it() -> None:
    rows = _rows([("“Simplicity is prerequisite for reliability.”", 11, False), ("MARIEN VAN", 30, True),
                  ("OVERBEEK", 30, True), ("Front-end developer", 12, False), ("Top Skills", 13, True)])
    name, index = find_name(rows, rows)
    assert (name, index) == ("Marien Van Overbeek", 1)


def test_a_labelled_name_is_read_in_its_natural_order() -> None:
    rows = _rows([("Persönliche Daten", 14, True), ("Name, Vorname: Riemenschneider, Dennis", 10, False)])
    assert find_name(rows, rows)[0] == "Dennis Riemenschneider"


def test_headings_in_several_languages_and_labels_on_the_same_line() -> None:
    rows = _rows([("Jane Doe", 20, True), ("Berufliche Erfahrung", 14, True), ("Entwicklerin bei Acme", 10, False),
                  ("Formation", 14, True), ("Master, Université de Lyon", 10, False),
                  ("Skills: Python, Go, Rust", 10, False), ("Doświadczenie zawodowe", 14, True),
                  ("Programista", 10, False), ("Języki: polski, angielski", 10, False)])
    sections = [(section.name, [clean_text(row.text) for row in section.rows]) for section in split_sections(rows)]
    assert sections == [
        ("header", ["Jane Doe"]),
        ("experience", ["Entwicklerin bei Acme"]),
        ("education", ["Master, Université de Lyon"]),
        ("skills", ["Python, Go, Rust"]),
        ("experience", ["Programista"]),
        ("languages", ["polski, angielski"]),
    ]


def test_accents_set_apart_by_latex_are_joined_to_their_letter() -> None:
    assert clean_text("Pavel Rusinsk ´y, f ̈ur, ZKU ˇSENOSTI") == "Pavel Rusinský, für, ZKUŠENOSTI"


def test_skills_lists_give_unseen_skills_but_no_soft_skills_or_labels() -> None:
    from ai_coach.cv.fields import find_skills

    section = ("Programming languages: Python, Rust (advanced), Zig\n"
               "Tools  Appwrite • Rive • Twilio\n"
               "Soft skills: Teamwork, Empathie, Selbstdisziplin\n")
    found = find_skills(section, section + "\nI like teamwork and sales. Built with PostgreSQL.")
    assert {"Python", "Rust", "Zig", "Appwrite", "Rive", "Twilio", "PostgreSQL"} <= set(found)
    assert not {"Teamwork", "Empathie", "Selbstdisziplin", "Programming languages", "Sales"} & set(found)


def test_a_heading_in_a_tables_first_column_opens_its_section_and_keeps_the_row() -> None:
    rows = rows_from_lines([[("Jane Doe", 22, False)],
                            [("EXPERIENCE", 14, False), ("Software Engineer", 10, True), ("June - August 2017", 10, False)],
                            [("Gilt | New York, NY", 10, False)]])
    sections = [(section.name, [clean_text(row.text) for row in section.rows]) for section in split_sections(rows)]
    assert sections == [("header", ["Jane Doe"]),
                        ("experience", ["Software Engineer  June - August 2017", "Gilt | New York, NY"])]
    from ai_coach.cv.experience import build_experience

    entry = build_experience(sections and split_sections(rows)[1].rows)[0]
    assert (entry.title, entry.company, entry.start, entry.end) == ("Software Engineer", "Gilt", "2017-06", "2017-08")


def test_a_languages_label_over_programming_languages_is_a_skills_row() -> None:
    rows = _rows([("Jane Doe", 20, True), ("Languages: C++, Java, Python", 10, False),
                  ("Languages: English, French", 10, False), ("Certifications: AWS Certified Developer", 10, False)])
    assert [section.name for section in split_sections(rows)] == ["header", "skills", "languages", "certifications"]


def test_an_address_spelled_out_against_spam_robots_is_an_email() -> None:
    from ai_coach.cv.fields import find_email

    assert find_email("mail: jb (at) example.net") == "jb@example.net"
    assert find_email("jane [at] example [dot] org") == "jane@example.org"
    assert find_email("we meet at the office (at) noon") is None
