"""Company normalisation (tracker_service/companies.py): which names are one company, country by country,
which are not, and the job board a posting's URL shows. Migration 0003 computes the same key in SQL for
the applications stored before it: tests/integration/test_tracker_migrations.py checks it on these cases."""

from __future__ import annotations

import pytest

from tracker_service.companies import NO_COMPANY_NAME, board_of, company_key, display_name
from tracker_service.domain import BoardLink

# Names that must be one company: each group shares one key.
SAME_COMPANY: list[tuple[str, ...]] = [
    # US, UK: suffixes with and without dots and commas, case, "the", "&"
    ("ACME Inc.", "Acme", "acme, inc", "ACME GmbH", "Acme Incorporated", "The Acme Company", "ACME, L.L.C.",
     "Acme Corp.", "acme ltd", "ACME Limited", "Acme plc", "Acme Co., Ltd."),
    ("Johnson & Johnson", "Johnson and Johnson", "JOHNSON & JOHNSON Inc"),
    ("O'Reilly Media, Inc.", "OReilly Media", "O’Reilly Media"),
    ("Open AI", "OpenAI", "OpenAI, L.L.C."),
    # Germany: GmbH & Co. KG, UG (haftungsbeschränkt), e.V., accents
    ("Müller Logistik GmbH & Co. KG", "Müller Logistik", "MÜLLER LOGISTIK GMBH", "Muller Logistik AG",
     "Müller Logistik UG (haftungsbeschränkt)"),
    ("Straße der Daten e.V.", "Strasse der Daten"),
    # France, Spain, Italy, Portugal, Brazil, Mexico
    ("Société Générale S.A.", "Societe Generale", "SOCIÉTÉ GÉNÉRALE SAS"),
    ("Telefónica, S.L.U.", "Telefonica S.L.", "Telefónica SA"),
    ("Enel S.p.A.", "Enel SpA", "ENEL S.R.L."),
    ("Natura Cosméticos S/A", "Natura Cosmeticos Ltda.", "Natura Cosméticos LDA"),
    ("Grupo Bimbo, S.A.B. de C.V.", "Grupo Bimbo S.A. de C.V.", "Grupo Bimbo"),
    # Benelux, Nordics
    ("Adyen N.V.", "Adyen B.V.", "Adyen"),
    ("Spotify AB (publ)", "Spotify AB", "Spotify"),
    ("Novo Nordisk A/S", "Novo Nordisk AS", "Novo Nordisk ApS"),
    ("Equinor ASA", "Equinor"), ("Supercell Oy", "Supercell Oyj"),
    # Central Europe
    ("Allegro.eu Sp. z o.o.", "Allegro.eu S.A.", "Allegroeu"),
    ("Avast s.r.o.", "Avast a.s.", "Avast"), ("Prezi Kft.", "Prezi Zrt.", "prezi"),
    # Asia-Pacific
    ("Atlassian Pty Ltd", "Atlassian"), ("Infosys Pvt. Ltd.", "Infosys Private Limited", "Infosys Limited"),
    ("Grab Pte. Ltd.", "Grab"), ("Toyota Motor Co., Ltd.", "Toyota Motor K.K.", "Toyota Motor Kabushiki Kaisha"),
    # Russia (HH.ru): the legal form before the name, in quotes, Cyrillic or transliterated
    ("ООО «Яндекс»", "Яндекс", "Яндекс, ООО", "ООО \"Яндекс\"", "ПАО Яндекс"),
    ("OOO Acme Rus", "Acme Rus"),
]

# Names that must stay apart.
DIFFERENT_COMPANIES: list[tuple[str, str]] = [
    ("Acme", "Acme Group"),           # "Group" is part of a name, not a legal form
    ("Acme", "Acme Holding"),
    ("Müller GmbH", "Mueller GmbH"),  # transliteration is not folded: a user merges such pairs by hand
    ("Meta", "Metal"),
    ("AB InBev", "InBev"),            # a legal-form word at the front is part of the name (only Russian forms go)
]


@pytest.mark.parametrize("names", SAME_COMPANY, ids=lambda names: names[0])
def test_names_of_one_company_share_a_key(names: tuple[str, ...]) -> None:
    keys = {name: company_key(name) for name in names}
    assert len(set(keys.values())) == 1, keys
    assert next(iter(keys.values())), "a real name never has an empty key"


@pytest.mark.parametrize(("first", "second"), DIFFERENT_COMPANIES)
def test_different_companies_keep_different_keys(first: str, second: str) -> None:
    assert company_key(first) != company_key(second)


@pytest.mark.parametrize(("name", "key"), [
    ("Inc.", "inc"),             # a legal form alone is kept: something must be left
    ("The", "the"),
    ("GmbH & Co. KG", "gmbh"),     # forms come off from the end while a word is left
    ("", ""), ("   ", ""), ("«»", ""),
    ("Acme Holding GmbH & Co. KG", "acmeholding"),
])
def test_edge_cases(name: str, key: str) -> None:
    assert company_key(name) == key


def test_display_name_keeps_what_the_posting_wrote() -> None:
    assert display_name("  ACME   Inc. ") == "ACME Inc."
    assert display_name("") == NO_COMPANY_NAME


@pytest.mark.parametrize(("url", "expected"), [
    ("https://boards.greenhouse.io/acme/jobs/4012345", BoardLink("greenhouse", "acme", "https://job-boards.greenhouse.io/acme")),
    ("https://job-boards.eu.greenhouse.io/acme-eu/jobs/1?gh_src=x", BoardLink("greenhouse", "acme-eu", "https://job-boards.greenhouse.io/acme-eu")),
    ("https://boards.greenhouse.io/embed/job_app?for=acme&token=4012345", BoardLink("greenhouse", "acme", "https://job-boards.greenhouse.io/acme")),
    ("https://jobs.lever.co/acme/5c2f-44/apply", BoardLink("lever", "acme", "https://jobs.lever.co/acme")),
    ("https://jobs.eu.lever.co/acme/5c2f", BoardLink("lever", "acme", "https://jobs.lever.co/acme")),
    ("https://jobs.ashbyhq.com/Acme/8d1e", BoardLink("ashby", "Acme", "https://jobs.ashbyhq.com/Acme")),
    ("https://apply.workable.com/acme/j/ABC123/", BoardLink("workable", "acme", "https://apply.workable.com/acme/")),
    ("https://jobs.smartrecruiters.com/AcmeInc/7434", BoardLink("smartrecruiters", "AcmeInc", "https://jobs.smartrecruiters.com/AcmeInc")),
    ("https://acme.recruitee.com/o/backend-engineer", BoardLink("recruitee", "acme", "https://acme.recruitee.com/")),
    ("https://acme-gmbh.jobs.personio.de/job/1234", BoardLink("personio", "acme-gmbh", "https://acme-gmbh.jobs.personio.de/")),
])
def test_a_board_url_names_the_board_and_the_company_token(url: str, expected: BoardLink) -> None:
    assert board_of(url) == expected


@pytest.mark.parametrize("url", [
    "", "not a url", "https://acme.com/careers/123", "https://www.linkedin.com/jobs/view/123",
    "https://boards.greenhouse.io/", "https://boards.greenhouse.io/embed/job_app?token=1",
    "ftp://jobs.lever.co/acme/1", "https://jobs.lever.co.evil.example/acme/1",
    "https://jobs.lever.co/<script>/1", "http://[::1",
])
def test_other_urls_show_no_board(url: str) -> None:
    assert board_of(url) is None
