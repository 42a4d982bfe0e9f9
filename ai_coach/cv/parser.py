"""Public entry points: PDF bytes in, ParsedCv out (or a CvParseError with a code and a sentence)."""

from __future__ import annotations

import re
from typing import Any

from ai_coach.cv.errors import NO_TEXT_LAYER, CvParseError
from ai_coach.cv.fields import (
    EMAIL,
    URL,
    Section,
    build_certifications,
    build_education,
    build_experience,
    build_languages,
    build_projects,
    clean_text,
    find_email,
    find_links,
    find_location,
    find_name,
    find_phone,
    looks_like_name,
    split_sections,
)
from ai_coach.cv.headings import classify_heading
from ai_coach.cv.layout import Row, TextLine, order_document
from ai_coach.cv.limits import DEFAULT_LIMITS, ParseLimits
from ai_coach.cv.runner import run_extraction, run_extraction_async
from ai_coach.domain import SECTION_NAMES, Contact, ParsedCv
from ai_coach.language import detect_language
from ai_coach.vocabulary import load_vocabulary

# Fewer readable characters than this over the whole document means there is no usable text layer
# (a scan, or text drawn as outlines); unmapped "(cid:N)" glyphs do not count.
MIN_TEXT_CHARACTERS = 40


def parse_cv_pdf(data: bytes, *, limits: ParseLimits = DEFAULT_LIMITS) -> ParsedCv:
    """Parse a CV PDF; the PDF itself is only ever opened in a resource-limited child process."""
    return build_parsed_cv(run_extraction(data, limits))


async def parse_cv_pdf_async(data: bytes, *, limits: ParseLimits = DEFAULT_LIMITS) -> ParsedCv:
    """Same as parse_cv_pdf, awaiting the child process instead of blocking the event loop."""
    return build_parsed_cv(await run_extraction_async(data, limits))


def rows_from_extraction(extraction: dict[str, Any]) -> list[Row]:
    pages = [[TextLine(*line) for line in page["lines"]] for page in extraction["pages"]]
    heights = [float(page["height"]) for page in extraction["pages"]]
    return order_document(pages, heights)


def build_parsed_cv(extraction: dict[str, Any]) -> ParsedCv:
    rows = rows_from_extraction(extraction)
    text = "\n".join(clean_text(row.text) for row in rows)
    if sum(1 for char in text if char.isalnum()) < MIN_TEXT_CHARACTERS:
        raise CvParseError(
            NO_TEXT_LAYER,
            "This PDF has no text layer (it looks like a scan or an image), so its text cannot be read. "
            "Please upload a PDF exported from a word processor, or run it through OCR first.",
        )
    return parse_rows(rows, text, page_count=len(extraction["pages"]))


def parse_rows(rows: list[Row], text: str, page_count: int = 0) -> ParsedCv:
    sections = split_sections(rows)
    header = sections[0]
    by_name: dict[str, list[Section]] = {}
    for section in sections[1:]:
        by_name.setdefault(section.name, []).append(section)

    parsed = ParsedCv(text=text, page_count=page_count, language=detect_language(text))
    parsed.sections = list(dict.fromkeys(s.name for s in sections[1:] if s.name in SECTION_NAMES))

    name, name_row = find_name(header.rows, rows)
    parsed.full_name = name
    parsed.headline = find_headline(header.rows, name_row)
    parsed.contact = find_contact(header, sections, text, exclude={name or "", parsed.headline or ""})

    summary_rows = [row for section in by_name.get("summary", []) for row in section.rows]
    if summary_rows:
        parsed.summary = (
            " ".join(clean_text(row.text) for row in summary_rows if not EMAIL.search(row.text)).strip()
            or None
        )

    def rows_of(section_name: str) -> list[Row]:
        return [row for section in by_name.get(section_name, []) for row in section.rows]

    parsed.experience = build_experience(rows_of("experience"))
    parsed.education = build_education(rows_of("education"))
    parsed.projects = build_projects(rows_of("projects"))
    parsed.languages = build_languages(rows_of("languages"))
    parsed.certifications = build_certifications(rows_of("certifications"))
    parsed.skills = find_skills("\n".join(clean_text(row.text) for row in rows_of("skills")), text)
    return parsed


def find_headline(header_rows: list[Row], name_row: int | None) -> str | None:
    if name_row is None:
        return None
    for row in header_rows[name_row + 1 : name_row + 3]:
        for fragment in row.fragments:
            candidate = clean_text(fragment.text)
            if (
                candidate
                and not EMAIL.search(candidate)
                and not URL.search(candidate)
                and not find_phone(candidate)
                and not looks_like_name(candidate)
                and classify_heading(candidate) is None
                and not candidate.startswith(("“", '"', "«"))
                and len(candidate) <= 120
            ):
                return candidate.title() if candidate.isupper() else candidate
    return None


def find_contact(header: Section, sections: list[Section], text: str, exclude: set[str]) -> Contact:
    """Contact details, preferring the header (referees' addresses further down are not the candidate's)."""
    header_text = "\n".join(clean_text(row.text) for row in header.rows)
    contact_text = "\n".join(
        clean_text(row.text)
        for section in sections
        if section.name in ("header", "other")
        for row in section.rows
    )
    contact = Contact()
    contact.email = find_email(header_text) or find_email(text)
    contact.phone = find_phone(header_text) or find_phone(contact_text)
    contact.links = find_links(header_text) or find_links(contact_text)
    contact.location = find_location(header.rows, exclude)
    return contact


def find_skills(skills_section_text: str, text: str) -> list[str]:
    """Canonical skill names: the skills section first (its order is the candidate's), then the rest."""
    vocabulary = load_vocabulary()
    found = vocabulary.find_in_text(skills_section_text) + vocabulary.find_in_text(text)
    return list(dict.fromkeys(found))


def normalise_for_comparison(text: str) -> str:
    return re.sub(r"\W+", " ", clean_text(text).casefold()).strip()
