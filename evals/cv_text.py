"""A CV's plain text read the way the product reads it, into the engines' ProfileInput.

``profile_from_cv_text`` is the one place the evaluations turn a CV text into a profile; point it at
the product's pasted-text path (``profileFromText``) when that lands. Today the product has no text
entry point, so the text goes through what a PDF goes through after layout: one row per line into the
CV parser (``ai_coach.cv.parser.parse_rows``), the parse into a profile as ApplyParsedCv stores it
(``convert.parsed_cv_profile``, with the parse's text as ``cv_text``), and that profile into the
engines' input as the worker builds it (``convert.profile_input``).
"""

from __future__ import annotations

from ai_coach import convert
from ai_coach.cv.layout import Row, TextLine
from ai_coach.cv.parser import parse_rows
from ai_coach.domain import ProfileInput

_LINE_HEIGHT = 12.0
_FONT_SIZE = 10.0
_PAGE_WIDTH = 595.0


def rows_from_text(text: str) -> list[Row]:
    """One row per non-empty line, top to bottom, all in the same plain font (a text has no layout)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    top = _LINE_HEIGHT * (len(lines) + 1)
    return [
        Row([TextLine(0.0, top - (i + 1) * _LINE_HEIGHT, _PAGE_WIDTH, top - i * _LINE_HEIGHT - 2.0,
                      _FONT_SIZE, False, line)])
        for i, line in enumerate(lines)
    ]


def profile_from_cv_text(text: str) -> ProfileInput:
    rows = rows_from_text(text)
    parsed = parse_rows(rows, "\n".join(row.text for row in rows), page_count=1)
    profile = convert.parsed_cv_profile(parsed)
    profile.cv_text = parsed.text
    return convert.profile_input(profile)
