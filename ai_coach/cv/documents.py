"""CVs that are not PDFs: Word documents (.docx) and pasted plain text, laid out as rows and read by the
same parser as a PDF (parser.parse_rows).

- DOCX: every paragraph in document order (body, tables, text boxes, then the page header and footer,
  where Word templates often put the contact details), with its font size and weight from the run or
  its style, so that the name in large type and bold headings look as they do on the page. A table row
  becomes one row with a fragment per cell, like a PDF row with text side by side.
- Text: one row per line, all in the same type (a text has no layout).

A DOCX is a zip archive: before python-docx opens it, its directory is read to refuse what is not a Word
document, what is damaged, and what unpacks to far more than any CV (a zip bomb), each with a CvParseError
a user can act on. ``parse_cv_document`` picks the reader from the bytes themselves.
"""

from __future__ import annotations

import asyncio
import io
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ai_coach.cv.errors import MALFORMED, NO_TEXT_LAYER, NOT_A_PDF, TOO_LARGE, CvParseError
from ai_coach.cv.layout import Row, TextLine, unspace_line
from ai_coach.cv.text import MIN_READABLE_PT, clean_text
from ai_coach.domain import ParsedCv
from common import cv_formats

if TYPE_CHECKING:
    from ai_coach.vocabulary import SkillVocabulary

_LINE_HEIGHT = 14.0
_PAGE_WIDTH = 595.0
_CELL_WIDTH = 120.0
_DEFAULT_SIZE = 11.0
_MIN_CHARACTERS = 40


@dataclass(frozen=True, slots=True)
class DocumentLimits:
    """Bounds for the formats read in-process: a DOCX's packed and unpacked size, its compression ratio
    and entry count (common.cv_formats), and a pasted text's length."""

    max_bytes: int = 10 * 1024 * 1024
    max_unpacked_bytes: int = cv_formats.MAX_DOCX_UNPACKED_BYTES
    max_ratio: float = cv_formats.MAX_DOCX_RATIO
    max_entries: int = cv_formats.MAX_DOCX_ENTRIES
    max_text_characters: int = cv_formats.MAX_TEXT_CHARACTERS


DEFAULT_DOCUMENT_LIMITS = DocumentLimits()
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DAMAGED = "This Word document is damaged and cannot be read. Please save it again, or export it as PDF."


def document_kind(data: bytes) -> str:
    """"pdf", "docx" or "text", from the bytes (a file's name can lie); NOT_A_PDF for anything else."""
    kind = cv_formats.sniff_cv_format(data)
    if kind is None:
        raise CvParseError(
            NOT_A_PDF,
            "This file is not a CV we can read. Please upload a PDF, a Word document (.docx) or paste the text.",
        )
    return kind


# --------------------------------------------------------------------------------------------- DOCX
def check_docx(data: bytes, limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS) -> None:
    """Refuse a damaged archive, one that is not a Word document, and one that unpacks too far."""
    if len(data) > limits.max_bytes:
        raise CvParseError(TOO_LARGE, f"This file is {len(data) / 1_048_576:.1f} MB; CVs up to "
                                      f"{limits.max_bytes / 1_048_576:.0f} MB are accepted.")
    problem = cv_formats.docx_problem(data, max_unpacked_bytes=limits.max_unpacked_bytes,
                                      max_ratio=limits.max_ratio, max_entries=limits.max_entries)
    if problem is not None:
        code = TOO_LARGE if "unpacks" in problem else NOT_A_PDF if "not a Word" in problem else MALFORMED
        raise CvParseError(code, problem[0].upper() + problem[1:] + ".")


def parse_cv_docx(data: bytes, limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS, *,
                  vocabulary: SkillVocabulary | None = None) -> ParsedCv:
    check_docx(data, limits)
    import docx  # imported here: the PDF sandbox's child imports this package and must stay light
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError) as error:
        raise CvParseError(MALFORMED, _DAMAGED) from error
    except Exception as error:  # lxml's XMLSyntaxError and the like: a damaged part inside the archive
        raise CvParseError(MALFORMED, _DAMAGED) from error
    lines = _docx_lines(document)
    return _parse_lines(lines, page_count=1, what="This Word document", vocabulary=vocabulary)


def _docx_lines(document: Any) -> list[list[tuple[str, float, bool]]]:
    """Visual lines, each a list of (text, size, bold) fragments side by side."""
    styles = _StyleSizes(document)
    lines: list[list[tuple[str, float, bool]]] = []
    for section in document.sections[:1]:
        lines += _block_lines(section.header._element, styles)  # noqa: SLF001 - python-docx has no public element
    lines += _block_lines(document.element.body, styles)
    for section in document.sections[:1]:
        lines += _block_lines(section.footer._element, styles)  # noqa: SLF001
    return lines


def _block_lines(block: Any, styles: _StyleSizes) -> list[list[tuple[str, float, bool]]]:
    lines: list[list[tuple[str, float, bool]]] = []
    for child in block:
        if child.tag == f"{_W}p":
            lines += [[fragment] for fragment in _paragraph_fragments(child, styles)]
        elif child.tag == f"{_W}tbl":
            for table_row in child.iter(f"{_W}tr"):
                cells = [
                    [fragment for p in cell.iter(f"{_W}p") for fragment in _paragraph_fragments(p, styles, False)]
                    for cell in table_row.findall(f"{_W}tc")
                ]
                for depth in range(max((len(cell) for cell in cells), default=0)):
                    lines.append([cell[depth] for cell in cells if depth < len(cell)])
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                lines += _block_lines(content, styles)
    return lines


def _paragraph_fragments(
    paragraph: Any, styles: _StyleSizes, with_boxes: bool = True
) -> list[tuple[str, float, bool]]:
    """The paragraph's own text, then the text boxes anchored in it (not their VML fallback copies)."""
    runs = [run for run in paragraph.iter(f"{_W}r") if _own_run(run, paragraph) and _shown(run)]
    text = "".join(_run_text(run) for run in runs).strip()
    style_size, style_bold = styles.of(paragraph)
    fragments: list[tuple[str, float, bool]] = []
    if text:
        sizes = [_run_size(run) for run in runs if _run_text(run).strip()]
        bolds = [_run_bold(run) for run in runs if _run_text(run).strip()]
        size = max((s for s in sizes if s), default=style_size)
        bold = all(b if b is not None else style_bold for b in bolds) if bolds else style_bold
        fragments.append((text, size, bold))
    if with_boxes:
        for box in paragraph.iter(f"{_W}txbxContent"):
            if any(ancestor.tag == _MC_FALLBACK for ancestor in box.iterancestors()):
                continue
            for line in _block_lines(box, styles):
                fragments.extend(line)
    return fragments


def _own_run(run: Any, paragraph: Any) -> bool:
    """A run of this paragraph, not one inside a text box nested in it."""
    for ancestor in run.iterancestors():
        if ancestor is paragraph:
            return True
        if ancestor.tag in (f"{_W}txbxContent", _MC_FALLBACK):
            return False
    return True


def _shown(run: Any) -> bool:
    """Word shows the run: not hidden (`w:vanish`) and not in type too small to read (text.MIN_READABLE_PT)."""
    hidden = run.find(f"{_W}rPr/{_W}vanish")
    if hidden is not None and hidden.get(f"{_W}val", "true") not in ("0", "false", "off"):
        return False
    size = _run_size(run)
    return size is None or size >= MIN_READABLE_PT


def _run_text(run: Any) -> str:
    parts = []
    for node in run:
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("  ")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("  ")
    return "".join(parts)


def _run_size(run: Any) -> float | None:
    size = run.find(f"{_W}rPr/{_W}sz")
    value = size.get(f"{_W}val") if size is not None else None
    return int(value) / 2 if value and value.isdigit() else None


def _run_bold(run: Any) -> bool | None:
    bold = run.find(f"{_W}rPr/{_W}b")
    if bold is None:
        return None
    return bold.get(f"{_W}val", "true") not in ("0", "false", "off")


class _StyleSizes:
    """Font size and weight a paragraph's style gives its text, following the style's base styles."""

    def __init__(self, document: Any) -> None:
        self._styles = {style.style_id: style for style in document.styles if getattr(style, "style_id", None)}
        self._cache: dict[str, tuple[float, bool]] = {}

    def of(self, paragraph: Any) -> tuple[float, bool]:
        style_ref = paragraph.find(f"{_W}pPr/{_W}pStyle")
        style_id = style_ref.get(f"{_W}val") if style_ref is not None else "Normal"
        if style_id not in self._cache:
            self._cache[style_id] = self._resolve(self._styles.get(style_id))
        return self._cache[style_id]

    def _resolve(self, style: Any) -> tuple[float, bool]:
        size: float | None = None
        bold: bool | None = None
        for _ in range(10):
            if style is None:
                break
            font = style.font
            size = size if size is not None else (font.size.pt if font.size is not None else None)
            bold = bold if bold is not None else font.bold
            style = style.base_style
        return size or _DEFAULT_SIZE, bool(bold)


# --------------------------------------------------------------------------------------------- text
def parse_cv_text(text: str, limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS, *,
                  vocabulary: SkillVocabulary | None = None) -> ParsedCv:
    if len(text) > limits.max_text_characters:
        raise CvParseError(TOO_LARGE, f"This text has {len(text):,} characters; a CV of up to "
                                      f"{limits.max_text_characters:,} characters is accepted.")
    lines = [[(line.strip(), _DEFAULT_SIZE, False)] for line in text.splitlines() if line.strip()]
    return _parse_lines(lines, page_count=0, what="This text", vocabulary=vocabulary)


def rows_from_lines(lines: list[list[tuple[str, float, bool]]]) -> list[Row]:
    """Rows top to bottom on one tall page; fragments of a line side by side, letter-spaced ones read as
    the words they spell (layout.unspace_line, as for a PDF)."""
    rows: list[Row] = []
    top = _LINE_HEIGHT * (len(lines) + 1)
    for index, line in enumerate(lines):
        y1 = top - index * _LINE_HEIGHT
        fragments = [
            TextLine(column * _CELL_WIDTH, y1 - size, column * _CELL_WIDTH + min(_PAGE_WIDTH, 6.0 * len(text)),
                     y1, size, bold, text)
            for column, (text, size, bold) in enumerate((unspace_line(text), size, bold) for text, size, bold in line)
        ]
        rows.append(Row(fragments))
    return rows


def _parse_lines(lines: list[list[tuple[str, float, bool]]], *, page_count: int, what: str,
                 vocabulary: SkillVocabulary | None = None) -> ParsedCv:
    from ai_coach.cv.parser import parse_rows

    rows = rows_from_lines(lines)
    text = "\n".join(clean_text(row.text) for row in rows)
    if sum(1 for char in text if char.isalnum()) < _MIN_CHARACTERS:
        raise CvParseError(NO_TEXT_LAYER, f"{what} holds too little text to be read as a CV.")
    return parse_rows(rows, text, page_count=page_count, vocabulary=vocabulary)


# ----------------------------------------------------------------------------------- any document
def parse_cv_document(data: bytes, **pdf_options: Any) -> ParsedCv:
    """A CV in any accepted format (PDF, DOCX or UTF-8 text), told apart by its bytes."""
    from ai_coach.cv.parser import parse_cv_pdf

    kind = document_kind(data)
    if kind == "pdf":
        return parse_cv_pdf(data, **pdf_options)
    if kind == "docx":
        return parse_cv_docx(data)
    return parse_cv_text(data.decode("utf-8"))


async def parse_cv_document_async(data: bytes, **pdf_options: Any) -> ParsedCv:
    """Same as parse_cv_document; a PDF in the sandbox's child, the others in a worker thread."""
    from ai_coach.cv.parser import parse_cv_pdf_async

    kind = document_kind(data)
    if kind == "pdf":
        return await parse_cv_pdf_async(data, **pdf_options)
    if kind == "docx":
        return await asyncio.to_thread(parse_cv_docx, data)
    return await asyncio.to_thread(parse_cv_text, data.decode("utf-8"))
