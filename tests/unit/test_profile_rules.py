"""profile_service's pure rules: the byte-level PDF check, CV storage, and filling a profile from a parse."""

from __future__ import annotations

from pathlib import Path

import pytest

from common.errors import InvalidArgument
from jobmate.profile.v1 import profile_pb2 as P
from profile_service.cv_files import CvStorage, check_pdf, safe_filename
from profile_service.passwords import PasswordHashing, check_password_policy, normalize_email
from profile_service.profile_rules import fill_from_parse, parse_gaps
from tests.integration.test_profile_support import make_pdf

TEN_MB = 10 * 1024 * 1024


def test_a_well_formed_pdf_passes_with_its_page_count() -> None:
    pdf = make_pdf(pages=3)
    checked = check_pdf(pdf, max_bytes=TEN_MB)
    assert (checked.page_count, checked.size_bytes, len(checked.sha256)) == (3, len(pdf), 64)


def test_pdf_quirks_that_real_files_have_are_accepted() -> None:
    pdf = make_pdf()
    # A few bytes before the header (some generators do this) and whitespace after %%EOF.
    assert check_pdf(b"\xef\xbb\xbf" + pdf + b"\r\n\r\n", max_bytes=TEN_MB).page_count == 1
    # An incremental update appends a second xref section; the last startxref counts.
    updated = pdf + b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nstartxref\n" + str(len(pdf)).encode() \
        + b"\n%%EOF\n"
    assert check_pdf(updated, max_bytes=TEN_MB).page_count == 1


@pytest.mark.parametrize(("content", "expected"), [
    (b"%PDF-1.7\n" + b"x" * 100, "incomplete or damaged"),
    (b"%PDF-1.7\nstartxref\n999999\n%%EOF\n", "incomplete or damaged"),  # offset beyond the file
    (b"PK\x03\x04 a docx in disguise", "not a PDF"),
    (make_pdf().replace(b"trailer\n<<", b"trailer\n<< /Encrypt 9 0 R"), "password-protected"),
])
def test_broken_or_unusable_pdfs_are_refused(content: bytes, expected: str) -> None:
    with pytest.raises(InvalidArgument, match=expected):
        check_pdf(content, max_bytes=TEN_MB)


def test_size_limit_is_exact_and_stated_in_megabytes() -> None:
    pdf = make_pdf()
    assert check_pdf(pdf, max_bytes=len(pdf)).size_bytes == len(pdf)
    with pytest.raises(InvalidArgument, match=r"the file is 0\.0 MB; a CV may be at most 0\.0 MB"):
        check_pdf(pdf, max_bytes=len(pdf) - 1)


@pytest.mark.parametrize(("raw", "expected"), [
    ("../../etc/passwd", "passwd"), ("C:\\Users\\me\\CV 2025.pdf", "CV 2025.pdf"), ("", "cv.pdf"),
    ("a\x00b\nc.pdf", "a_b_c.pdf"), ("..", "cv.pdf"), ("x" * 300 + ".pdf", "x" * 190 + ".pdf"),
])
def test_filenames_are_reduced_to_a_safe_display_name(raw: str, expected: str) -> None:
    assert safe_filename(raw) == expected


def files_under(root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]


async def test_storage_is_content_addressed_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    storage = CvStorage(tmp_path)
    pdf = make_pdf()
    sha = check_pdf(pdf, max_bytes=TEN_MB).sha256
    await storage.save(sha, pdf)
    await storage.save(sha, pdf)
    assert files_under(tmp_path) == [f"{sha[:2]}/{sha}"]
    assert await storage.read(sha) == pdf
    with pytest.raises(ValueError):
        await storage.read("../../etc/passwd")


def test_parse_fills_empty_and_cv_provided_fields_but_not_user_set_ones() -> None:
    current = P.Profile(full_name="Set by user", headline="From an earlier CV", summary="")
    parsed = P.Profile(full_name="From CV", headline="Newer CV headline", summary="A summary",
                       skills=[P.Skill(name="Rust", years=2), P.Skill(name="Go", years=500)],
                       experience=[P.Experience(title="Dev", start="sometime")])
    updated, filled, user_set = fill_from_parse(current, parsed, user_set=frozenset({"full_name"}), overwrite=False)
    assert (updated.full_name, updated.headline, updated.summary) == ("Set by user", "Newer CV headline", "A summary")
    assert [(s.name, s.years) for s in updated.skills] == [("Rust", 2), ("Go", 0)]  # impossible years cleared
    assert updated.experience[0].start == ""  # an unreadable date is dropped, the job kept
    assert set(filled) == {"headline", "summary", "skills", "experience"}
    assert user_set == {"full_name"}

    overwritten, filled, user_set = fill_from_parse(current, parsed, user_set=frozenset({"full_name"}),
                                                    overwrite=True)
    assert overwritten.full_name == "From CV" and "full_name" in filled and user_set == set()


def test_a_parse_never_fills_the_job_preferences() -> None:
    current = P.Profile(headline="")
    parsed = P.Profile(headline="Data engineer", desired_locations=["Berlin"], remote_preference=P.REMOTE_POLICY_REMOTE,
                       salary_expectation=90000, salary_currency="EUR")
    updated, filled, _ = fill_from_parse(current, parsed, user_set=frozenset(), overwrite=True)
    assert filled == ["headline"]
    assert (list(updated.desired_locations), updated.remote_preference, updated.HasField("salary_expectation"),
            updated.salary_currency) == ([], P.REMOTE_POLICY_UNSPECIFIED, False, "")


def test_a_parse_names_the_expected_fields_it_found_nothing_for() -> None:
    # A CV with a name, an email and skills, but no phone and no work history (a student's first CV).
    parsed = P.Profile(full_name="Jane Roe", contact=P.Contact(email="jane@example.org", location="Leeds"),
                       skills=[P.Skill(name="Python")])
    assert parse_gaps(parsed, []) == ([], ["contact.phone", "experience"])
    # Cleaned as the fill sees it: an "email" that is no address, and skills without a name, were not found.
    junk = P.Profile(full_name="Jane Roe", contact=P.Contact(email="not an address", phone="+44 20 7946 0958"),
                     skills=[P.Skill(name="", level="expert")], experience=[P.Experience(company="Acme")])
    assert parse_gaps(junk, []) == ([], ["contact.email", "skills"])
    assert parse_gaps(P.Profile(), []) == ([], ["full_name", "contact.email", "contact.phone", "experience",
                                                "skills"])


def test_fields_the_parser_failed_on_are_unread_not_missing() -> None:
    # The contact reader failed: all four contact fields are unread, none is also called missing; the
    # experience reader failed too (named by ai_coach out of order, and once with a name the profile lacks).
    parsed = P.Profile(full_name="Jane Roe", skills=[P.Skill(name="Python")])
    unread = ["experience", "contact.email", "contact.phone", "contact.location", "contact.links", "hobbies"]
    assert parse_gaps(parsed, unread) == (
        ["contact.email", "contact.phone", "contact.location", "contact.links", "experience"], [])
    # A field ai_coach names unread but that its refinement filled after all was read.
    refined = P.Profile(full_name="Jane Roe", contact=P.Contact(email="jane@example.org"),
                        skills=[P.Skill(name="Python")])
    assert parse_gaps(refined, ["contact.email", "contact.phone"]) == (["contact.phone"], ["experience"])


def test_email_normalisation_and_password_policy() -> None:
    assert normalize_email("  Ｊane@Example.ORG ") == "jane@example.org"  # NFKC folds the full-width letter
    check_password_policy("a long enough passphrase", email="jane@example.org")
    with pytest.raises(InvalidArgument, match="too easy to guess"):
        check_password_policy("jane@example.org", email="jane@example.org")


async def test_password_hashes_are_argon2id_at_owasp_parameters_and_verify() -> None:
    hashing = PasswordHashing()
    stored = await hashing.hash("a long enough passphrase")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert await hashing.verify(stored, "a long enough passphrase")
    assert not await hashing.verify(stored, "a wrong passphrase")
    assert not await hashing.verify(None, "a long enough passphrase")  # unknown account: dummy hash, False
    assert not hashing.needs_rehash(stored)
