"""Positioned text lines built inside a test (no PDF needed), and the experience entries a user would see from them."""

from __future__ import annotations

from ai_coach.cv.experience import build_experience
from ai_coach.cv.layout import Row, TextLine


def line(x: float, y: float, text: str, size: float = 10.0, bold: bool = False, width: float | None = None,
         right: float | None = None) -> TextLine:
    """A line at (x, y), its width from the text at about half an em a character (as a PDF would give it)
    unless `width` is given; `right` sets it flush against that edge instead of at x."""
    width = width if width is not None else 0.5 * size * len(text)
    x0 = right - width if right is not None else x
    return TextLine(x0, y, x0 + width, y + size, size, bold, text)


def stacked(*cells: list[TextLine]) -> list[Row]:
    return [Row(fragments) for fragments in cells]


def seen(rows: list[Row]) -> list[tuple[str | None, str | None, str | None, str | None]]:
    """(title, company, start, end) of each entry the experience reader finds in the rows."""
    return [(entry.title, entry.company, entry.start, entry.end) for entry in build_experience(rows)]
