"""Public entry points: PDF bytes in, ParsedCv out (or a CvParseError with a code and a sentence).

The PDF is opened only in the sandbox's child process (sandbox.py); what comes back is positioned text
lines, which are put in reading order (layout.py), cut into sections at their headings (sections.py)
and read field by field (fields.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ai_coach.cv.errors import NO_TEXT_LAYER, CvParseError
from ai_coach.cv.experience import build_experience, build_experience_sections, is_schooling
from ai_coach.cv.fields import (
    JOB_WORDS,
    SOFT_HEADING,
    build_certifications,
    build_education,
    build_languages,
    build_projects,
    find_contact,
    find_header_summary,
    find_headline,
    find_name,
    find_skills,
    find_summary,
    is_contact_heading,
    skills_rows_among_languages,
)
from ai_coach.cv.layout import Row, TextLine, order_document
from ai_coach.cv.sandbox import DEFAULT_LIMITS, ParseLimits, run_extraction, run_extraction_async
from ai_coach.cv.sections import Section, heading_lists_no_jobs, split_sections
from ai_coach.cv.text import clean_text
from ai_coach.cv.text_entries import read_text_entries, rows_carry_layout
from ai_coach.domain import SECTION_NAMES, Contact, ExperienceEntry, ParsedCv
from ai_coach.language import detect_language
from ai_coach.vocabulary import SkillVocabulary, reading_cv_with

log = logging.getLogger(__name__)
T = TypeVar("T")

# Fewer readable characters than this over the whole document means there is no usable text layer
# (a scan, or text drawn as outlines); unmapped "(cid:N)" glyphs do not count.
MIN_TEXT_CHARACTERS = 40
# Dated "Title at Company" entries needed to read an experience list that has no heading.
MIN_UNHEADED_ENTRIES = 2


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


def build_parsed_cv(extraction: dict[str, Any], *, vocabulary: SkillVocabulary | None = None) -> ParsedCv:
    hidden = sum(int(page.get("hidden_lines", 0)) for page in extraction["pages"])
    if hidden:  # text.MIN_READABLE_PT: words shown to software and not to the reader were left out
        log.info("CV lines hidden from the reader left out", extra={"hidden_lines": hidden})
    rows = rows_from_extraction(extraction)
    text = "\n".join(clean_text(row.text) for row in rows)
    if sum(1 for char in text if char.isalnum()) < MIN_TEXT_CHARACTERS:
        raise CvParseError(
            NO_TEXT_LAYER,
            "This PDF has no text layer (it looks like a scan or an image), so its text cannot be read. "
            "Please upload a PDF exported from a word processor, or run it through OCR first.",
        )
    return parse_rows(rows, text, page_count=len(extraction["pages"]), vocabulary=vocabulary)


def skills_blocks(sections: list[Section], language_sections: Sequence[Section] = ()) -> str:
    """The skills sections' text, one block per section (a blank line between), so a "Soft skills" label
    ends with its section. A section cut from a labelled row ("Tools: Git, Jira") starts with the whole
    row, label included, so the label still says what its items are. The skills lists a languages section
    holds under its spoken languages (skills_rows_among_languages) are blocks of their own."""
    blocks = []
    for section in sections:
        if SOFT_HEADING.search(section.heading):
            continue  # "Soft skills", "Soziale Kompetenzen": personal qualities, never skills
        lines = [clean_text(row.text) for row in section.rows]
        if lines and ":" in section.heading and section.heading.endswith(lines[0]):
            lines[0] = section.heading
        blocks.append("\n".join(lines))
    for section in language_sections:
        blocks.extend(skills_rows_among_languages([clean_text(row.text) for row in section.rows]))
    return "\n\n".join(blocks)


def _read(parsed: ParsedCv, field_name: str, reader: Callable[[], T], empty: T) -> T:
    """One field's reader. If it fails (a layout no rule foresaw), the field stays empty, is named in
    `parsed.unread` and logged with its traceback, and the CV's other fields are still read: the user keeps
    their name, contacts and skills instead of a CV refused with "internal error"."""
    try:
        return reader()
    except Exception:
        log.exception("CV field reader failed", extra={"field": field_name})
        parsed.unread.append(field_name)
        return empty


def parse_rows(rows: list[Row], text: str, page_count: int = 0, *,
               vocabulary: SkillVocabulary | None = None) -> ParsedCv:
    """The CV the rows hold. ``vocabulary``: the skills vocabulary its readers (sections and skills) read
    with; None, the shipped one (vocabulary.load_cv_vocabulary)."""
    with reading_cv_with(vocabulary):
        return _parse_rows(rows, text, page_count)


def _parse_rows(rows: list[Row], text: str, page_count: int) -> ParsedCv:
    sections = split_sections(rows)
    header = sections[0]
    by_name: dict[str, list[Section]] = {}
    for section in sections[1:]:
        by_name.setdefault(section.name, []).append(section)

    def rows_of(section_name: str) -> list[Row]:
        return [row for section in by_name.get(section_name, []) for row in section.rows]

    parsed = ParsedCv(text=text, page_count=page_count, language=detect_language(text))
    layout = rows_carry_layout(rows)  # a PDF's or DOCX's type to read, or pasted text without one
    parsed.sections = list(dict.fromkeys(s.name for s in sections[1:] if s.name in SECTION_NAMES))
    name, name_row = _read(parsed, "name", lambda: find_name(header.rows, rows), (None, None))
    parsed.full_name = name
    parsed.headline = _read(parsed, "headline", lambda: find_headline(rows, name_row, name), None)
    parsed.contact = _read(parsed, "contact", lambda: find_contact(
        header, sections, text, exclude={name or "", parsed.headline or ""}, language=parsed.language,
        name_row=rows[name_row] if name_row is not None else None,
    ), Contact())

    def read_summary() -> str | None:
        summary = find_summary(rows_of("summary"))
        if summary is None:
            # A profile paragraph under the name, read after a contact column that came first in reading
            # order (a sidebar's "Contact" heading then cuts it off from the header).
            summary = find_header_summary(header.rows, layout=layout) or next(
                (found for section in by_name.get("other", []) if is_contact_heading(section.heading)
                 for found in [find_header_summary(section.rows, layout=layout)] if found), None)
            if summary is not None:
                parsed.sections = ["summary", *parsed.sections]  # the header comes before every section
        return summary

    def read_experience() -> list[ExperienceEntry]:
        # Each experience section read on its own: a CV sets a second list ("Further experience") in its own
        # type and arrangement, which the first list's body type would hide.
        experience = build_experience_sections([section.rows for section in by_name.get("experience", [])])
        if not by_name.get("experience"):
            # No heading says "experience", yet dated "Title at Company" entries stand in the unnamed parts.
            unnamed = [row for section in sections if section.name in ("header", "other")
                       and not heading_lists_no_jobs(section.heading) for row in section.rows]
            # Several such entries, not one dated line that happens to have two parts.
            # With no heading to vouch for them, dated rows are positions only when they name a job: a table of
            # schools and courses under an unread heading has dates, an institution and a subject too.
            found = [entry for entry in build_experience(unnamed, undated=False)
                     if entry.title and entry.company and JOB_WORDS.search(entry.title) and not is_schooling(entry)]
            if len(found) >= MIN_UNHEADED_ENTRIES:
                experience = found
                parsed.sections.append("experience")
        if not experience or not layout:
            # Pasted text has no type to read entries from; its words and punctuation say where they are.
            from_text = read_text_entries(rows, rows_of("experience"))
            if from_text:
                experience = from_text
                if "experience" not in parsed.sections:
                    parsed.sections.append("experience")
        return experience

    parsed.summary = _read(parsed, "summary", read_summary, None)
    parsed.experience = _read(parsed, "experience", read_experience, [])
    parsed.education = _read(parsed, "education", lambda: build_education(rows_of("education")), [])
    parsed.projects = _read(parsed, "projects", lambda: build_projects(rows_of("projects")), [])
    parsed.languages = _read(parsed, "languages", lambda: build_languages(rows_of("languages")), [])
    parsed.certifications = _read(parsed, "certifications",
                                  lambda: build_certifications(rows_of("certifications")), [])
    parsed.skills = _read(parsed, "skills", lambda: find_skills(
        skills_blocks(by_name.get("skills", []), by_name.get("languages", [])), text), [])
    return parsed
