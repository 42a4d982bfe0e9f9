"""The extraction sandbox, child side: `python -m ai_coach.cv.sandbox_child LIMITS_JSON < cv.pdf > result.json`.

Everything that touches the untrusted PDF runs here, after the process has capped its own
address space and CPU time, so a hostile file can only kill this child, never the worker.
The output is one JSON object: either {"ok": true, "pages": [...]} with positioned text lines
(pdfminer layout analysis) or {"ok": false, "code": ..., "message": ...}. Reading order and
field extraction happen in the parent, on this small, already-decoded structure.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import resource
import sys
from typing import Any

from ai_coach.cv.errors import (
    ENCRYPTED,
    EXIT_OUT_OF_MEMORY,
    MALFORMED,
    NO_PAGES,
    RESOURCE_LIMIT,
    TOO_MANY_PAGES,
)
from ai_coach.cv.text import MIN_READABLE_PT

# Line tuple layout sent to the parent: x0, y0, x1, y1 (PDF points, origin bottom-left), font size, bold, text.
LineTuple = tuple[float, float, float, float, float, bool, str]

MAX_PAGE_TREE_DEPTH = 64
# Real PDFs nest arrays and dictionaries a handful of levels deep; thousands of levels are an attack
# on recursive readers, refused before pdfminer parses anything.
MAX_OBJECT_NESTING = 100
STREAM_BODY = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)
MAX_PAGE_TREE_NODES = 20_000


class ExtractionFailure(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def max_object_nesting(data: bytes) -> int:
    """Deepest nesting of [ ] and << >> outside stream bodies and literal strings, in one linear pass."""
    depth = deepest = 0
    string_depth = 0
    outside_streams = STREAM_BODY.sub(b"", data)
    index = 0
    length = len(outside_streams)
    while index < length:
        byte = outside_streams[index]
        if string_depth:
            if byte == 0x5C:  # backslash escapes the next byte inside a string
                index += 1
            elif byte == 0x28:
                string_depth += 1
            elif byte == 0x29:
                string_depth -= 1
        elif byte == 0x28:
            string_depth = 1
        elif byte == 0x5B or (byte == 0x3C and outside_streams[index + 1 : index + 2] == b"<"):
            depth += 1
            deepest = max(deepest, depth)
            index += 1 if byte == 0x3C else 0
        elif byte == 0x5D or (byte == 0x3E and outside_streams[index + 1 : index + 2] == b">"):
            depth = max(0, depth - 1)
            index += 1 if byte == 0x3E else 0
        index += 1
    return deepest


def apply_rlimits(memory_bytes: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    # The soft CPU limit sends SIGXCPU (which kills us); the hard one a second later is the backstop.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def count_pages(document: Any, max_pages: int) -> int:
    """Count leaf pages by walking the page tree iteratively, stopping as soon as the limit is passed.

    pdfminer skips repeated references to one page object, so a file that lists one page ten
    thousand times looks like one page to it; a viewer would show ten thousand. We count what a
    viewer would show, and refuse deep or looping trees before pdfminer's recursive walk sees them.
    """
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import LIT

    catalog = document.catalog
    root = catalog.get("Pages")
    root_dict = resolve1(root)
    if isinstance(root_dict, dict):
        declared = resolve1(root_dict.get("Count"))
        if isinstance(declared, int) and declared > max_pages:
            raise too_many_pages(declared, max_pages)
    if root is None:
        return -1  # no page tree: let pdfminer's fallback scan decide
    pages = 0
    nodes = 0
    seen_inner: set[int] = set()
    stack: list[tuple[Any, int]] = [(root, 0)]
    while stack:
        ref, depth = stack.pop()
        nodes += 1
        if depth > MAX_PAGE_TREE_DEPTH or nodes > MAX_PAGE_TREE_NODES:
            raise ExtractionFailure(
                MALFORMED, "This PDF's page structure is nested too deeply to be read safely."
            )
        node = resolve1(ref)
        if not isinstance(node, dict):
            continue
        kind = node.get("Type")
        kids = resolve1(node.get("Kids"))
        if kind is LIT("Pages") or (kind is None and isinstance(kids, list)):
            object_id = getattr(ref, "objid", None)
            if object_id is not None:
                if object_id in seen_inner:
                    raise ExtractionFailure(MALFORMED, "This PDF's page structure loops back on itself.")
                seen_inner.add(object_id)
            if isinstance(kids, list):
                stack.extend((kid, depth + 1) for kid in reversed(kids))
        elif kind is LIT("Page"):
            pages += 1
            if pages > max_pages:
                raise too_many_pages(None, max_pages)
    return pages


def too_many_pages(declared: int | None, max_pages: int) -> ExtractionFailure:
    amount = f"{declared} pages" if declared is not None else f"more than {max_pages} pages"
    return ExtractionFailure(
        TOO_MANY_PAGES,
        f"This PDF has {amount}; a CV can have at most {max_pages}. Please upload a shorter file.",
    )


def line_tuple(line: Any) -> LineTuple | None:
    from pdfminer.layout import LTChar

    text = line.get_text().strip()
    if not text:
        return None
    sizes: list[float] = []
    bold_chars = 0
    for char in line:
        if isinstance(char, LTChar):
            sizes.append(round(char.size, 1))
            name = char.fontname.lower()
            if "bold" in name or "black" in name or "heavy" in name or "semibold" in name:
                bold_chars += 1
    sizes.sort()
    size = sizes[len(sizes) // 2] if sizes else 0.0
    bold = bool(sizes) and bold_chars * 2 > len(sizes)
    return (round(line.x0, 1), round(line.y0, 1), round(line.x1, 1), round(line.y1, 1), size, bold, text)


# A line whose words change type size by this ratio or more at a space is two lines to the reader: a name
# in large type with the headline beside it in body type ("Dmitry Safonov  Kernel Engineer", one pdfminer
# line whose median size is the headline's).
SIZE_BREAK_RATIO = 1.4
# Letters each part needs (a superscript, a drop capital or an icon beside a word is no line of its own).
MIN_SIZE_RUN_LETTERS = 3


def size_runs(line: Any) -> list[list[Any]]:
    """The line's characters in runs of one type size, cut only between words."""
    from pdfminer.layout import LTChar

    runs: list[list[Any]] = [[]]
    run_size = 0.0
    after_space = False
    for char in line:
        if isinstance(char, LTChar) and char.get_text().strip():
            size = char.size
            if runs[-1] and after_space and run_size > 0 and max(size, run_size) >= SIZE_BREAK_RATIO * min(size, run_size):
                runs.append([])
            if not runs[-1] or not any(isinstance(item, LTChar) for item in runs[-1]):
                run_size = size
            runs[-1].append(char)
            after_space = False
        else:
            runs[-1].append(char)
            after_space = after_space or not char.get_text().strip()
    letters = [sum(1 for char in run if isinstance(char, LTChar) and char.get_text().isalpha()) for run in runs]
    return runs if len(runs) > 1 and min(letters) >= MIN_SIZE_RUN_LETTERS else [list(line)]


def line_tuples(line: Any) -> list[LineTuple]:
    """The line as sent to the parent, cut where its type size changes (size_runs)."""
    from pdfminer.layout import LTChar

    runs = size_runs(line)
    if len(runs) == 1:
        converted = line_tuple(line)
        return [converted] if converted is not None else []
    out: list[LineTuple] = []
    for run in runs:
        chars = [char for char in run if isinstance(char, LTChar) and char.get_text().strip()]
        part = _CharRun(run, min(c.x0 for c in chars), min(c.y0 for c in chars), max(c.x1 for c in chars),
                        max(c.y1 for c in chars))
        converted = line_tuple(part)
        if converted is not None:
            out.append(converted)
    return out


class _CharRun(list):  # type: ignore[type-arg]
    """Characters of one size run, with the bounding box and get_text of a pdfminer line."""

    def __init__(self, chars: list[Any], x0: float, y0: float, x1: float, y1: float) -> None:
        super().__init__(chars)
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1

    def get_text(self) -> str:
        return "".join(char.get_text() for char in self)


def visible(line: LineTuple, width: float, height: float) -> bool:
    """Whether a person reading the page sees the line: type of at least MIN_READABLE_PT, and on the page
    (text placed outside the page box is hidden the same way as text too small to read)."""
    x0, y0, x1, y1, size = line[:5]
    return size >= MIN_READABLE_PT and x1 > 0 and y1 > 0 and x0 < width and y0 < height


# Text painted over afterwards is hidden from the reader: a design tool that keeps an older copy of a text box
# under the new one covers it with an opaque filled box (PowerPoint's white shape over a previous layout of the
# same block: the text layer held both, the page shows one). A character counts as covered when an opaque fill
# painted after it holds its whole box. Only what is sure to paint over is counted: a single axis-aligned
# rectangle filled in a plain colour, at full opacity (ExtGState ca 1, Normal blend, no soft mask), inside a
# clip made of rectangles (a clip of another shape, or a form's box, could leave the text showing). Images are
# never counted (their transparency is not read), nor strokes.
COVER_TOLERANCE = 0.5
# Fills smaller than this on either side (rules, bullets, rating dots) cannot hide a character.
MIN_COVER_SIDE = 3.0
FULL_CLIP = (-1e9, -1e9, 1e9, 1e9)
# Character-by-fill comparisons a page may cost (real CVs: a few thousand characters, tens of fills, well under a
# tenth of a second); a page built to cost more keeps all its text rather than spending the CPU limit on it.
MAX_COVER_CHECKS = 2_000_000
Box = tuple[float, float, float, float]


def _intersect(a: Box, b: Box) -> Box:
    return max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])


def _rectangle(path: Any, ctm: Any) -> Box | None:
    """The page box of a path that is one axis-aligned rectangle ("re", or m l l l h), else None."""
    from pdfminer.utils import apply_matrix_pt

    ops = "".join(str(segment[0]) for segment in path)
    if ops not in ("re", "mlllh", "mllll", "mlll", "mllllh"):
        return None
    if ops == "re":
        x, y, w, h = (float(value) for value in path[0][1:5])
        points = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    else:
        points = [(float(segment[-2]), float(segment[-1])) for segment in path if str(segment[0]) != "h"][:4]
    points = [apply_matrix_pt(ctm, point) for point in points]
    xs, ys = sorted({round(x, 2) for x, _ in points}), sorted({round(y, 2) for _, y in points})
    if len(xs) > 2 or len(ys) > 2:
        return None  # rotated or not a rectangle
    return xs[0], ys[0], xs[-1], ys[-1]


def _covering_classes() -> tuple[type, type]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import literal_name

    class CoverAggregator(PDFPageAggregator):
        """The layout aggregator that also records, in painting order, the opaque fills that can cover text,
        and drops the characters they cover before the page's lines are made."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.unknown_glyphs = UnknownGlyphs()  # for the whole document: resolved once every page is read

        def begin_page(self, page: Any, ctm: Any) -> None:
            super().begin_page(page, ctm)
            self.painted = 0
            self.covers: list[tuple[int, Box]] = []
            self.clip: Box | None = FULL_CLIP  # None: a clip whose shape is not known to be rectangles
            self.opaque = True
            self.saved: list[tuple[Box | None, bool]] = []
            self.covered_chars = 0
            self.in_path = False

        def render_char(self, matrix: Any, font: Any, fontsize: float, scaling: float, rise: float, cid: int,
                        ncs: Any, graphicstate: Any) -> float:
            advance = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
            self.painted += 1
            char = self.cur_item._objs[-1]
            char.painted = self.painted
            text = char.get_text()
            if text == "\ufffd":
                char._text = self.unknown_glyphs.mark(font, cid, text)
            return advance

        def paint_path(self, gstate: Any, stroke: bool, fill: bool, evenodd: bool, path: Any) -> None:
            if self.in_path:  # pdfminer's own call for each subpath of the path below: already looked at whole
                super().paint_path(gstate, stroke, fill, evenodd, path)
                return
            self.painted += 1
            if fill and self.opaque and self.clip is not None and isinstance(gstate.ncolor, (int, float, tuple, list)):
                box = _rectangle(path, self.ctm)  # one rectangle: a frame (two subpaths, even-odd) covers no hole
                if box is not None:
                    box = _intersect(box, self.clip)
                    if box[2] - box[0] >= MIN_COVER_SIDE and box[3] - box[1] >= MIN_COVER_SIDE:
                        self.covers.append((self.painted, box))
            self.in_path = True
            try:
                super().paint_path(gstate, stroke, fill, evenodd, path)
            finally:
                self.in_path = False

        def begin_figure(self, name: str, bbox: Any, matrix: Any) -> None:
            from pdfminer.utils import mult_matrix

            self.saved.append((self.clip, self.opaque))
            if self.clip is not None:  # a form shows nothing outside its box
                box = _rectangle([("re", bbox[0], bbox[1], bbox[2] - bbox[0], bbox[3] - bbox[1])],
                                 mult_matrix(matrix, self.ctm))
                self.clip = _intersect(self.clip, box) if box is not None else None
            super().begin_figure(name, bbox, matrix)

        def end_figure(self, name: str) -> None:
            super().end_figure(name)
            self.clip, self.opaque = self.saved.pop()

        def end_page(self, page: Any) -> None:
            if self.covers and len(self.covers) * self.painted <= MAX_COVER_CHECKS:
                self.covered_chars = _drop_covered(self.cur_item, self.covers)
            super().end_page(page)

    class CoverInterpreter(PDFPageInterpreter):
        """Keeps the aggregator's clip and opacity with the graphics state (q/Q, W, gs)."""

        device: CoverAggregator

        def do_q(self) -> None:
            self.device.saved.append((self.device.clip, self.device.opaque))
            super().do_q()

        def do_Q(self) -> None:
            if self.device.saved:
                self.device.clip, self.device.opaque = self.device.saved.pop()
            super().do_Q()

        def _clip(self) -> None:
            box = _rectangle(self.curpath, self.ctm)
            if self.device.clip is not None:
                self.device.clip = _intersect(self.device.clip, box) if box is not None else None

        def do_W(self) -> None:
            self._clip()

        def do_W_a(self) -> None:
            self._clip()

        def do_gs(self, name: Any) -> None:
            states = resolve1((self.resources or {}).get("ExtGState")) or {}
            state = resolve1(states.get(literal_name(name))) if isinstance(states, dict) else None
            if not isinstance(state, dict):
                return
            alpha = resolve1(state.get("ca", 1))
            blend = resolve1(state.get("BM"))
            blend = resolve1(blend[0]) if isinstance(blend, list) and blend else blend
            mask = resolve1(state.get("SMask"))
            self.device.opaque = (
                (not isinstance(alpha, (int, float)) or alpha >= 1)
                and (blend is None or literal_name(blend) in ("Normal", "Compatible"))
                and (mask is None or literal_name(mask) == "None")
            )

    return CoverAggregator, CoverInterpreter


# A glyph the font's ToUnicode map gives as U+FFFD ("a character I cannot name") inside a word is a ligature the
# PDF writer could not spell: Office's Calibri "ti" and "ft" ("Crea\ufffde", "Microso\ufffd"). Which one is read from
# the glyph's advance width (a ligature is about as wide as its letters in the same font, within
# LIGATURE_WIDTH_SHARE), and, among ligatures of that width, from the letter pairs the document's own words use most
# around it ("ti" in "Crea_e", "Mul_media" and "Ar_st" rather than "fi" or "fl"). A glyph whose width fits no
# ligature (an icon) stays as it was. Glyphs left out of the map altogether ("(cid:17)") are not guessed: letter
# pairs cannot tell "fi" from "ti" in "Certi_ed" (tried on a dev CV: "Certitied"), nor a plain unmapped letter.
LIGATURES = ("ff", "fi", "fl", "ffi", "ffl", "ft", "ti", "tt", "fj")
LIGATURE_WIDTH_SHARE = 0.06


class UnknownGlyphs:
    """Glyphs without letters, each marked in the text with a private character of its own until the whole
    document's letters are known (resolve)."""

    FIRST_MARK = 0xF0000  # Supplementary Private Use Area-A: no CV text uses it

    def __init__(self) -> None:
        self.marks: dict[tuple[str, int], str] = {}
        self.originals: dict[str, str] = {}
        self.candidates: dict[str, list[str]] = {}
        self.keys: dict[str, tuple[str, int]] = {}

    def mark(self, font: Any, cid: int, text: str) -> str:
        key = (str(getattr(font, "fontname", "")), cid)
        if key not in self.marks:
            mark = chr(self.FIRST_MARK + len(self.marks))
            self.marks[key] = mark
            self.originals[mark] = text
            self.candidates[mark] = _ligatures_of_width(font, cid)
            self.keys[mark] = key
        return self.marks[key]

    def resolve(self, pages: list[dict[str, Any]]) -> int:
        """Put each marked glyph's ligature (or its original text) back into the lines; how many were read."""
        if not self.marks:
            return 0
        texts = [line[6] for page in pages for line in page["lines"]]
        pairs, firsts = _letter_pairs(texts)
        chosen = {mark: self.originals[mark] for mark in self.originals}
        for mark, candidates in self.candidates.items():
            around = [(text[index - 1 : index], text[index + 1 : index + 2]) for text in texts
                      for index in range(len(text)) if text[index] == mark]
            if not candidates or not any(left.isalpha() or right.isalpha() for left, right in around):
                continue  # an icon standing alone, or no ligature of its width
            chosen[mark] = max(candidates, key=lambda letters: sum(
                _pair_score(pairs, firsts, (left + letters + right).lower()) for left, right in around))
        # A weight whose subset lacks the letters to measure by ("Calibri-Bold" without an "f") reads the glyph
        # as the same glyph number of its family's other weight does (one family, one glyph order).
        family = {(_family(self.keys[mark][0]), self.keys[mark][1]): chosen[mark] for mark in chosen
                  if self.candidates[mark] and chosen[mark] != self.originals[mark]}
        for mark in chosen:
            if not self.candidates[mark]:
                chosen[mark] = family.get((_family(self.keys[mark][0]), self.keys[mark][1]), chosen[mark])
        table = str.maketrans(chosen)
        for page in pages:
            page["lines"] = [(*line[:6], line[6].translate(table)) for line in page["lines"]]
        return sum(1 for mark in chosen if chosen[mark] != self.originals[mark])


def _family(fontname: str) -> str:
    """"ZBYRHV+Calibri-Bold" -> "calibri": the subset tag and the weight or style after the hyphen dropped."""
    return fontname.split("+")[-1].split("-")[0].split(",")[0].lower()


def _ligatures_of_width(font: Any, cid: int) -> list[str]:
    """The ligatures whose letters, in this font, are as wide together as the glyph."""
    try:
        width = float(font.char_width(cid))
        letters: dict[str, float] = {}
        mapping = getattr(getattr(font, "unicode_map", None), "cid2unichr", None) or getattr(font, "cid2unicode", None) or {}
        for code, letter in mapping.items():
            if letter in "fijlt" and len(letter) == 1 and letter not in letters:
                letters[letter] = float(font.char_width(code))
    except Exception:  # noqa: BLE001 - a font whose widths cannot be read: no guess
        return []
    fitting = []
    for ligature in LIGATURES:
        if all(letter in letters for letter in ligature):
            total = sum(letters[letter] for letter in ligature)
            if total > 0 and abs(width - total) <= LIGATURE_WIDTH_SHARE * total:
                fitting.append(ligature)
    return fitting


def _letter_pairs(texts: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    pairs: dict[str, int] = {}
    firsts: dict[str, int] = {}
    for text in texts:
        lowered = text.lower()
        for a, b in zip(lowered, lowered[1:], strict=False):
            if a.isalpha() and b.isalpha() and ord(a) < UnknownGlyphs.FIRST_MARK and ord(b) < UnknownGlyphs.FIRST_MARK:
                pairs[a + b] = pairs.get(a + b, 0) + 1
                firsts[a] = firsts.get(a, 0) + 1
    return pairs, firsts


def _pair_score(pairs: dict[str, int], firsts: dict[str, int], letters: str) -> float:
    """Log-likelihood of the letter pairs in `letters` under the document's own letter pairs (add-one)."""
    import math

    score = 0.0
    for a, b in zip(letters, letters[1:], strict=False):
        if a.isalpha() and b.isalpha():
            score += math.log((pairs.get(a + b, 0) + 1) / (firsts.get(a, 0) + 30))
    return score


def _drop_covered(container: Any, covers: list[tuple[int, Box]]) -> int:
    """Take out of the page's items (figures included) the characters an opaque fill painted later holds."""
    from pdfminer.layout import LTChar, LTContainer

    dropped = 0
    kept = []
    for item in container:
        if isinstance(item, LTChar) and item.get_text().strip():
            painted = getattr(item, "painted", 0)
            t = COVER_TOLERANCE
            if any(order > painted and box[0] - t <= item.x0 and box[1] - t <= item.y0 and item.x1 <= box[2] + t
                   and item.y1 <= box[3] + t for order, box in covers):
                dropped += 1
                continue
        elif isinstance(item, LTContainer):
            dropped += _drop_covered(item, covers)
        kept.append(item)
    if dropped and hasattr(container, "_objs"):
        container._objs = kept
    return dropped


def collect_lines(container: Any, out: list[LineTuple]) -> None:
    from pdfminer.layout import LTContainer, LTTextLineHorizontal

    for item in container:
        if isinstance(item, LTTextLineHorizontal):
            out.extend(line_tuples(item))
        elif isinstance(item, LTContainer):
            collect_lines(item, out)


def extract(data: bytes, max_pages: int) -> dict[str, Any]:
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    if max_object_nesting(data) > MAX_OBJECT_NESTING:
        raise ExtractionFailure(MALFORMED, "This PDF's structure is nested too deeply to be read safely.")
    parser = PDFParser(io.BytesIO(data))
    try:
        document = PDFDocument(parser, password="")
    except PDFPasswordIncorrect as exc:
        raise ExtractionFailure(
            ENCRYPTED, "This PDF is protected by a password. Please upload a copy saved without a password."
        ) from exc
    except PDFEncryptionError as exc:
        raise ExtractionFailure(
            ENCRYPTED,
            "This PDF is encrypted in a way that cannot be opened. Please upload an unencrypted copy.",
        ) from exc
    declared_pages = count_pages(document, max_pages)

    laparams = LAParams(all_texts=True)
    manager = PDFResourceManager(caching=True)
    aggregator_class, interpreter_class = _covering_classes()
    aggregator = aggregator_class(manager, laparams=laparams)
    interpreter = interpreter_class(manager, aggregator)
    pages: list[dict[str, Any]] = []
    for page_number, page in enumerate(PDFPage.create_pages(document), start=1):
        if page_number > max_pages:
            raise too_many_pages(None, max_pages)
        interpreter.process_page(page)
        layout = aggregator.get_result()
        lines: list[LineTuple] = []
        collect_lines(layout, lines)
        shown = [line for line in lines if visible(line, layout.width, layout.height)]
        pages.append({"width": round(layout.width, 1), "height": round(layout.height, 1), "lines": shown,
                      "hidden_lines": len(lines) - len(shown), "covered_chars": aggregator.covered_chars})
    if not pages:
        if declared_pages == 0:
            raise ExtractionFailure(NO_PAGES, "This PDF has no pages.")
        # No readable page tree at all (e.g. a broken cross-reference table hid it): damaged, not empty.
        raise ExtractionFailure(MALFORMED, "This PDF is damaged and cannot be read.")
    aggregator.unknown_glyphs.resolve(pages)
    return {"ok": True, "pages": pages}


def run(data: bytes, max_pages: int) -> dict[str, Any]:
    try:
        from pdfminer.pdfexceptions import PDFException
        from pdfminer.psexceptions import PSException
    except MemoryError:  # the memory limit is too small even to load the PDF library
        return {
            "ok": False,
            "code": RESOURCE_LIMIT,
            "message": "There was not enough memory to read this PDF.",
        }
    try:
        return extract(data, max_pages)
    except ExtractionFailure as failure:
        return {"ok": False, "code": failure.code, "message": failure.message}
    except MemoryError:
        return {
            "ok": False,
            "code": RESOURCE_LIMIT,
            "message": "This PDF needs more memory to read than a CV should; it may be damaged or built to overload readers.",
        }
    except RecursionError:
        return {
            "ok": False,
            "code": MALFORMED,
            "message": "This PDF's structure is nested too deeply to be read safely.",
        }
    except (PSException, PDFException) as exc:
        return {
            "ok": False,
            "code": MALFORMED,
            "message": "This PDF is damaged and cannot be read.",
            "detail": repr(exc)[:300],
        }
    except Exception as exc:  # noqa: BLE001 - any other crash inside pdfminer on a hostile file is "damaged"
        return {
            "ok": False,
            "code": MALFORMED,
            "message": "This PDF is damaged and cannot be read.",
            "detail": repr(exc)[:300],
        }



def main() -> int:
    limits = json.loads(sys.argv[1])
    # Load the reader before capping memory, so the limit measures the document, not the libraries.
    import pdfminer.converter  # noqa: F401
    import pdfminer.layout  # noqa: F401
    import pdfminer.pdfinterp  # noqa: F401
    import pdfminer.pdfpage  # noqa: F401

    apply_rlimits(int(limits["memory_bytes"]), int(limits["cpu_seconds"]))
    try:
        logging.basicConfig(level=logging.CRITICAL)
        data = sys.stdin.buffer.read()
        result = run(data, int(limits["max_pages"]))
        sys.stdout.buffer.write(json.dumps(result, ensure_ascii=False).encode("utf-8"))
        sys.stdout.buffer.flush()
    except MemoryError:
        os._exit(EXIT_OUT_OF_MEMORY)
    return 0


if __name__ == "__main__":
    sys.exit(main())
