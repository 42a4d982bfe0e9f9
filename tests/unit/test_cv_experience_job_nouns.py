"""Experience headers of jobs outside office and software work (issue 16): which piece is the title is decided by
job words, and O*NET's occupation titles (shipped for the fit score) name the jobs the hand-written list does not
know ("Cashier", "Warehouse Operative", "Barista"). Positioned lines are built inside the test (no PDF needed)."""

from __future__ import annotations

from ai_coach.cv.fields import JOB_WORDS
from ai_coach.cv.layout import Row
from tests.cv_rows import line, seen


def bullet(y: float) -> Row:
    return Row([line(60, y, "• Did the daily work of the job well and reliably")])


def test_occupation_head_nouns_of_onet_are_job_words_and_equipment_words_are_not() -> None:
    for title in ("Cashier", "Retail Salesperson", "Barista", "Warehouse Operative", "Electricians", "Dental Hygienist"):
        assert JOB_WORDS.search(title), title
    for text in ("Tesco Stores", "Amazon Logistics", "Computer", "SQL Server", "Berlin, Germany"):
        assert not JOB_WORDS.search(text), text


def test_the_employer_above_a_job_the_title_list_did_not_know_is_the_employer() -> None:
    rows = [
        Row([line(50, 100, "Tesco Stores", bold=True)]),
        Row([line(50, 114, "Cashier"), line(430, 114, "Jan 2019 – Mar 2021")]),
        bullet(128),
        Row([line(50, 152, "Costa Coffee", bold=True)]),
        Row([line(50, 166, "Barista"), line(430, 166, "Apr 2016 – Dec 2018")]),
        bullet(180),
    ]
    assert seen(rows) == [("Cashier", "Tesco Stores", "2019-01", "2021-03"),
                          ("Barista", "Costa Coffee", "2016-04", "2018-12")]


def test_employer_then_job_on_one_row_and_job_comma_employer() -> None:
    rows = [
        Row([line(50, 100, "Amazon Logistics — Warehouse Operative", bold=True), line(430, 100, "Jan 2019 – Mar 2021")]),
        bullet(114),
        Row([line(50, 138, "Tesco Stores | Cashier", bold=True), line(430, 138, "Apr 2016 – Dec 2018")]),
        bullet(152),
        Row([line(50, 176, "Cashier, Aldi Süd", bold=True), line(430, 176, "May 2014 – Mar 2016")]),
        bullet(190),
    ]
    assert seen(rows) == [("Warehouse Operative", "Amazon Logistics", "2019-01", "2021-03"),
                          ("Cashier", "Tesco Stores", "2016-04", "2018-12"),
                          ("Cashier", "Aldi Süd", "2014-05", "2016-03")]


def test_a_job_word_is_a_whole_word_or_ends_a_compound() -> None:
    for title in ("Studentconsultant", "Engineering Internship", "Softwareentwicklerin", "Consultante", "Tech Leads"):
        assert JOB_WORDS.search(title), title
    for text in ("Force Leadership Africain", "International Paper", "Partnership Fund", "Supporting Cast Ltd"):
        assert not JOB_WORDS.search(text), text


def test_an_employer_named_with_leadership_is_not_taken_for_the_title() -> None:
    rows = [
        Row([line(50, 100, "Adjoint administratif", bold=True), line(430, 100, "Été 2022")]),
        Row([line(50, 114, "Force Leadership Africain")]),
        bullet(128),
    ]
    assert seen(rows) == [("Adjoint administratif", "Force Leadership Africain", "2022", "2022")]


def test_every_header_of_a_section_is_read_alike_when_its_words_do_not_tell() -> None:
    """'Dates | Employer | Job' rows: the job words of two rows say the job stands last, so the row whose job
    the vocabulary does not know ("Kundenlenker") is read the same way, not as a job at "Kundenlenker"."""
    rows = [
        Row([line(50, 100, "Mars 2023 - Heute | Blaumond | Eventhelfer", bold=True)]),
        Row([line(60, 114, "Hilfe bei der Organisation von Events", bold=True)]),
        Row([line(50, 138, "November 2022 - Januar 2023 | Blank & Biehl | Kundenlenker", bold=True)]),
        Row([line(60, 152, "Hilfe bei der Fahrkarte aus Deutschland", bold=True)]),
        Row([line(50, 176, "Juni 2022 – August 2022 | PPS | Servicekraft", bold=True)]),
        Row([line(60, 190, "Service in Hotels, Schiffen und Restaurants", bold=True)]),
    ]
    assert seen(rows) == [("Eventhelfer", "Blaumond", "2023-03", "present"),
                          ("Kundenlenker", "Blank & Biehl", "2022-11", "2023-01"),
                          ("Servicekraft", "PPS", "2022-06", "2022-08")]


def test_a_job_in_a_field_is_not_split_at_the_word_for_in() -> None:
    rows = [
        Row([line(50, 100, "Tuteur en physique", bold=True), line(430, 100, "Été 2022")]),
        bullet(114),
    ]
    assert seen(rows)[0][:2] == ("Tuteur en physique", None)


def test_an_employer_in_capitals_above_the_job_in_a_cv_of_one_type() -> None:
    """Reactive Resume's PDF keeps one type: the employer is told apart by its capitals, above the job, the town
    and the dates."""
    rows = [
        Row([line(50, 100, "ORANGE BUSINESS")]),
        Row([line(50, 114, "Technicien Support Technique (18 mois)")]),
        Row([line(50, 128, "Bagnolet, FRANCE")]),
        Row([line(50, 142, "04/2019–09/2020")]),
        bullet(156),
    ]
    assert seen(rows) == [("Technicien Support Technique", "ORANGE BUSINESS", "2019-04", "2020-09")]


def test_an_employer_line_with_a_dotted_leader_heads_each_of_its_positions() -> None:
    """moderncv's banking style: "Employer . . . . ." over italic positions, each with its dates; every position
    under the line is at that employer until the next such line."""
    rows = [
        Row([line(45, 100, "Amnpardaz Co.. . . . . . . . . . . . . . . . . . . . .", size=8.0)]),
        Row([line(45, 114, "Incident Response Analyst"), line(470, 114, "2011/01-2013/05")]),
        bullet(128),
        Row([line(45, 142, "Malware Analyst"), line(470, 142, "2010/09-2012/02")]),
        bullet(156),
        Row([line(45, 170, "TelecomRose Co.. . . . . . . . . . . . . . . . . . . .", size=8.0)]),
        Row([line(45, 184, "Reverse Engineer"), line(470, 184, "2013/06-2013/10")]),
        bullet(198),
    ]
    assert [(title, company) for title, company, _, _ in seen(rows)] == [
        ("Incident Response Analyst", "Amnpardaz Co."), ("Malware Analyst", "Amnpardaz Co."),
        ("Reverse Engineer", "TelecomRose Co.")]  # the legal form's full stop is the name's, not the leader's


def test_a_legal_form_names_the_employer_and_is_no_town() -> None:
    """"Employer - Division - Role": the piece with a legal form is the employer (and "Morningstar, Inc." no
    "Town, Region"); the role follows the entries whose job words tell."""
    rows = [
        Row([line(50, 100, "PingCAP Inc. - Database - Database Kernel R&D", bold=True), line(430, 100, "August 2023 – Present")]),
        bullet(114),
        Row([line(50, 138, "PingCAP Inc. - Database - Full-Stack Engineer", bold=True), line(430, 138, "Aug 2020 – July 2021")]),
        bullet(152),
        Row([line(50, 176, "Morningstar, Inc. - Financial Services - Full-Stack Engineer", bold=True),
             line(430, 176, "June 2019 – July 2020")]),
        bullet(190),
    ]
    assert [(title, company) for title, company, _, _ in seen(rows)] == [
        ("Database Kernel R&D", "PingCAP Inc."), ("Full-Stack Engineer", "PingCAP Inc."),
        ("Full-Stack Engineer", "Morningstar, Inc.")]


def test_a_job_then_a_colon_then_the_employer() -> None:
    rows = [
        Row([line(50, 100, "Prácticas universitarias 3: Solver", bold=True), line(430, 100, "Feb 2025 – Actualidad")]),
        bullet(114),
        Row([line(50, 138, "Editor de Imágenes, Freelance: Fiverr", bold=True), line(430, 138, "Ene 2022 – Jun 2024")]),
        bullet(152),
    ]
    assert [(title, company) for title, company, _, _ in seen(rows)] == [
        ("Prácticas universitarias 3", "Solver"), ("Editor de Imágenes", "Fiverr")]  # "Freelance": how, not who
