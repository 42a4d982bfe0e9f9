"""Reading order for CV pages: turns pdfminer's positioned text lines into rows in the order a person reads them.

CVs mix two shapes that look alike to a naive reader:
- true columns (a sidebar beside the main column), which must be read one column after the other;
- row layouts (a date column beside entry text, a right-aligned date on a title's row), which must be
  read row by row.
The difference is row alignment: in a row layout most lines on the narrow side sit on the same row
as a line on the other side; in true columns they only line up by chance. We cut a page at a vertical
gutter that no line crosses (recursively, in the spirit of XY-cut), but only when the two sides are
not row-aligned. Full-width lines above or below a column zone (a name header, a footer) are read
before or after it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ai_coach.cv.text import clean_text, unspace_letters

GUTTER_STEP = 2.0
MIN_LINES_PER_COLUMN = 3
MAX_ROW_ALIGNED_SHARE = 0.5
MAX_CUT_DEPTH = 4
ROW_PARTNER_TOLERANCE = 0.3
MIN_COLUMN_WIDTH_SHARE = 0.12
# Lines continuing a sentence on each side that make two row-aligned sides columns of running text.
MIN_RUNNING_LINES = 3


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of text as laid out on the page (PDF points, origin at the bottom left)."""

    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool
    text: str

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(slots=True)
class Row:
    """Lines that share a baseline band, left to right; `column` tells which column zone it came from."""

    fragments: list[TextLine]
    page: int = 0
    column: int = 0
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.fragments.sort(key=lambda line: line.x0)
        self.text = "  ".join(fragment.text for fragment in self.fragments)

    @property
    def top(self) -> float:
        return max(fragment.y1 for fragment in self.fragments)

    @property
    def x0(self) -> float:
        return self.fragments[0].x0

    @property
    def size(self) -> float:
        return max(fragment.size for fragment in self.fragments)

    @property
    def bold(self) -> bool:
        return self.fragments[0].bold


def same_row(a: TextLine, b: TextLine) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap > 0.5 * min(a.y1 - a.y0, b.y1 - b.y0)


def group_rows(lines: list[TextLine]) -> list[list[TextLine]]:
    """Group lines into rows top to bottom; a line joins the current row when it overlaps it vertically."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda item: (-item.middle, item.x0)):
        if rows and any(same_row(line, other) for other in rows[-1]):
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


def row_partners(a: TextLine, b: TextLine) -> bool:
    """Tighter than same_row: two lines set on one row by design share their vertical centre almost exactly,
    while lines of two independent columns only come that close by chance."""
    return abs(a.middle - b.middle) <= ROW_PARTNER_TOLERANCE * min(a.y1 - a.y0, b.y1 - b.y0)


def row_aligned_share(left: list[TextLine], right: list[TextLine]) -> float:
    """Share of the smaller side's lines that sit on the same row as a line on the other side."""
    small, large = (left, right) if len(left) <= len(right) else (right, left)
    if not small:
        return 0.0
    aligned = sum(1 for line in small if any(row_partners(line, other) for other in large))
    return aligned / len(small)


def running_text_lines(lines: list[TextLine]) -> int:
    """How many lines continue the sentence of the line above them on the same side (it ends with a
    hyphen, or they start in lower case, at nearly the same left edge, right below it). Two columns of
    running text set with the same font and leading are row-aligned by construction, yet each side reads
    on by itself; a date or label column beside entry text never does."""
    rows = [min(row, key=lambda line: line.x0) for row in group_rows(lines)]
    count = 0
    for upper, lower in zip(rows, rows[1:], strict=False):
        height = max(upper.y1 - upper.y0, lower.y1 - lower.y0)
        close = upper.y0 - lower.y1 <= height and abs(upper.x0 - lower.x0) <= 2 * height
        text, following = upper.text.rstrip(), lower.text.lstrip()
        continues = following[:1].islower() or (text.endswith("-") and text[-2:-1].isalpha())
        count += close and continues
    return count


def trim_header_block(
    left: list[TextLine], right: list[TextLine]
) -> tuple[list[TextLine], list[TextLine], list[TextLine]]:
    """A short block at the top beside a long column is a header (e.g. contact details beside the name),
    not a sidebar: only the long column's lines beside it belong to the zone; the rest is read after it."""

    def extent(lines: list[TextLine]) -> float:
        return max(line.y1 for line in lines) - min(line.y0 for line in lines)

    # "Short" is the side that ends in the upper half of the other one.
    short, long_ = (left, right) if extent(left) <= extent(right) else (right, left)
    starts_at_top = max(line.y1 for line in short) >= max(line.y1 for line in long_) - 2 * max(
        line.size for line in short
    )
    short_bottom = min(line.y0 for line in short)
    long_middle = (max(line.y1 for line in long_) + min(line.y0 for line in long_)) / 2
    if short_bottom <= long_middle or not starts_at_top:
        return left, right, []
    beside = [line for line in long_ if line.middle >= short_bottom]
    spill = [line for line in long_ if line.middle < short_bottom]
    if short is left:
        return left, beside, spill
    return beside, right, spill


def column_width(lines: list[TextLine]) -> float:
    return max(line.x1 for line in lines) - min(line.x0 for line in lines)


@dataclass(slots=True)
class ColumnCut:
    gutter: float
    above: list[TextLine]
    left: list[TextLine]
    right: list[TextLine]
    below: list[TextLine]


def zone_for_gutter(lines: list[TextLine], gutter: float, min_width: float = 0.0) -> ColumnCut | None:
    """The largest band of the page, free of lines crossing `gutter`, with real text on both sides."""
    ordered = sorted(lines, key=lambda item: -item.middle)
    crossing_positions = [i for i, line in enumerate(ordered) if line.x0 < gutter < line.x1]
    bounds = [-1, *crossing_positions, len(ordered)]
    best: tuple[int, int] | None = None
    for start, end in zip(bounds, bounds[1:], strict=False):
        if end - start - 1 > (best[1] - best[0] if best else 0):
            best = (start + 1, end)
    if best is None:
        return None
    zone = ordered[best[0] : best[1]]
    left = [line for line in zone if line.x1 <= gutter]
    right = [line for line in zone if line.x0 >= gutter]
    if len(group_rows(left)) < MIN_LINES_PER_COLUMN or len(group_rows(right)) < MIN_LINES_PER_COLUMN:
        return None
    below = ordered[best[1] :]
    left, right, spill = trim_header_block(left, right)
    below = spill + below
    if left and right:
        left, right, spill = trim_full_width_section(left, right)
        below = spill + below
        if len(group_rows(left)) < MIN_LINES_PER_COLUMN or len(group_rows(right)) < MIN_LINES_PER_COLUMN:
            return None
    if not left or not right:  # the header block had nothing beside it
        return None
    # A column is a column only if it is wide enough to hold running text; rows of skill chips are not.
    if column_width(left) < min_width or column_width(right) < min_width:
        return None
    if label_column(left, right) or heading_column(left, right):
        return None
    if (
        row_aligned_share(left, right) > MAX_ROW_ALIGNED_SHARE
        and not (
            running_text_lines(left) >= MIN_RUNNING_LINES and running_text_lines(right) >= MIN_RUNNING_LINES
        )
        and not (holds_section_heading(left) and holds_section_heading(right))
    ):
        return None
    if right_aligned_margin(right):
        return None
    return ColumnCut(gutter, ordered[: best[0]], left, right, below)


# A label cell: a few words ending in a colon ("Bedrijfsnaam:", "Geboortedatum:", "Februari 2010 - Februari 2011:").
_LABEL_CELL = re.compile(r"^\S(?:[^:]{0,38}\S)?\s*:$")
# Share of the label side's lines (headings aside) that must be such label cells.
MIN_LABEL_SHARE = 0.25


def label_column(left: list[TextLine], right: list[TextLine]) -> bool:
    """A column of short label cells ending in a colon, most of them on the baseline of a cell right of the gutter
    ("Naam:" | "Arjen de Haan", "Functie:" | "Game Artist"), is the label half of a table of label-value rows,
    read row by row (label, then value), however many sections both sides open; a sidebar's labels carry their
    values in the sidebar itself, beside or under them ("E-mail:" over the address), not across a gutter. The two sides must be row-aligned as a
    whole (the rule only overrides the running-text and section-heading tests, which a table whose value column
    repeats the section headings, or wraps long values, would otherwise pass)."""
    headings = set(map(id, section_headings(left)))
    body = [line for line in left if id(line) not in headings]
    def label(line: TextLine) -> bool:
        return bool(_LABEL_CELL.match(clean_text(line.text).strip()))

    def value_under(line: TextLine) -> bool:  # "E-mail:" over "jan@example.com": the value is on its own side
        height = line.y1 - line.y0
        return any(
            not label(other) and abs(other.x0 - line.x0) <= 2.0 and 0 < line.middle - other.middle <= 1.5 * height
            for other in body
        )

    paired = [
        line
        for line in body
        if label(line) and any(row_partners(line, other) for other in right) and not value_under(line)
    ]
    return (
        len(paired) >= MIN_LINES_PER_COLUMN
        and len(paired) >= MIN_LABEL_SHARE * len(body)
        and row_aligned_share(left, right) > MAX_ROW_ALIGNED_SHARE
    )


# Share of a heading column's lines that name a section (the others: a date of birth, a menu's first item).
MIN_HEADING_COLUMN_SHARE = 2 / 3
# How far (in the heading's line heights) the first line of its block may sit under the heading's baseline.
HEADING_BLOCK_REACH = 1.5


def heading_column(left: list[TextLine], right: list[TextLine]) -> bool:
    """A narrow column of section headings beside the content, each a few points above the first line of its
    block (a web page printed: "Formations" at 494 pt beside "Développeur Web et Web mobile" at 489): no column to
    read on its own, but the headings of the rows beside them, read by height with them. (Set exactly on the
    first line's baseline they share its row anyway: sections.heading_column_cells.)"""
    from ai_coach.cv.sections import classify_heading  # sections reads rows built here: import on use

    headings = [line for line in left if classify_heading(clean_text(line.text)) is not None]
    if len(headings) < MIN_LINES_PER_COLUMN or len(headings) < MIN_HEADING_COLUMN_SHARE * len(left):
        return False

    def heads_a_block(heading: TextLine) -> bool:
        height = heading.y1 - heading.y0
        return any(0 <= heading.middle - line.middle <= HEADING_BLOCK_REACH * height for line in right)

    return all(heads_a_block(heading) for heading in headings)


def section_headings(lines: list[TextLine]) -> list[TextLine]:
    """Lines that open a section: a known section heading ("Ausbildung", "Work Experience") set apart from
    the body text of `lines` (larger, or bold where the body is not). The style matters: a wrapped line of
    running text can be a heading word ("Publications")."""
    from ai_coach.cv.sections import classify_heading  # sections reads rows built here: import on use

    if not lines:
        return []
    body_size, body_bold = Counter((round(line.size, 1), line.bold) for line in lines).most_common(1)[0][0]
    headings = [
        line
        for line in lines
        if (line.size > body_size + 0.5 or (line.bold and not body_bold))
        and classify_heading(clean_text(line.text)) is not None
    ]
    return [line for line in headings if not in_menu_bar(line, headings)]


# Section names side by side on one row, this many or more: a web page's navigation bar printed with it
# ("Présentation  Formations  Expériences  Compétences"), which opens no section; two side by side are two
# columns' headings ("EDUCATION  SKILLS").
MIN_MENU_HEADINGS = 3


def in_menu_bar(line: TextLine, headings: list[TextLine]) -> bool:
    return sum(1 for other in headings if other is not line and same_row(line, other)) >= MIN_MENU_HEADINGS - 1


def holds_section_heading(lines: list[TextLine]) -> bool:
    """Two sides that each open their own sections are two columns read one after the other, even when a
    shared baseline grid (an HTML or LaTeX template setting both columns with one font and leading) puts
    most of their lines on common rows; a date or label column beside entry text never opens sections on
    both sides."""
    return bool(section_headings(lines))


# How far (points) a heading may start right of the zone's left edge and still start at the left margin.
LEFT_MARGIN_TOLERANCE = 3.0


def trim_full_width_section(
    left: list[TextLine], right: list[TextLine]
) -> tuple[list[TextLine], list[TextLine], list[TextLine]]:
    """A zone ends where a full-width section starts whose short lines happen not to cross the gutter (a
    "Praktika" heading under a grid of two-column sections, an "Experience" heading over entry headers with
    the title, place or dates further right). Its heading starts at the left margin, has nothing beside it,
    and below it the right side holds only lines on the rows of lines at the left (an entry header's parts),
    no column text of its own. That heading and everything under it are read after the zone, as rows. A
    sidebar's heading fails this: the main column beside it goes on, or the heading is centred. So does the
    last section of a main column once the sidebar beside it has ended ("Projects" under a sidebar's last
    links): the section is measured against the left column's extent, not the page's. It is page-wide only
    if something under its heading stands right of the gutter (on the rows of its entries' headers), or if
    the zone ends right under it (its first line crosses the gutter); not when left-column lines go on under
    it with nothing beside them."""
    left_edge = min(line.x0 for line in left)
    for heading in sorted(section_headings(left), key=lambda line: -line.y1):
        if heading.x0 - left_edge > LEFT_MARGIN_TOLERANCE:
            continue  # a page-wide section's heading starts at the left margin; a centred one heads a sidebar
        if any(same_row(heading, line) for line in right):
            continue  # a heading beside text or beside the other column's heading heads a column of its own
        under_left = [line for line in left if line.middle < heading.y0]
        under_right = [line for line in right if line.middle < heading.y0]
        if under_left and not under_right:
            continue  # the left column goes on under it, nothing beside: that column's own section
        if all(any(row_partners(line, other) for other in under_left) for line in under_right):
            return (
                [line for line in left if line.middle >= heading.y0 and line is not heading],
                [line for line in right if line.middle >= heading.y0],
                [heading, *under_left, *under_right],
            )
    return left, right, []


# Lines of a right margin that end at one edge (within this many points) while their left edges wander.
RIGHT_EDGE_TOLERANCE = 3.0
MIN_RAGGED_LEFT = 8.0
MIN_RIGHT_ALIGNED_SHARE = 0.8


def right_aligned_margin(lines: list[TextLine]) -> bool:
    """Short lines set flush right against the page's right margin, their left edges ragged: the dates and
    places an entry's header puts at the right (Awesome-CV, modern-cv, a word processor's right tab). They belong to the rows beside them, even where a row has
    nothing else on it ("Santiago, Chile" over a title that shares its employer with the entry above), so
    they are no column of their own, even when dates in lower case ("sept. 2018 - dic. 2020") look like
    running text. A sidebar sets its text flush left."""
    right_edge = max(line.x1 for line in lines)
    flush = sum(1 for line in lines if right_edge - line.x1 <= RIGHT_EDGE_TOLERANCE)
    lefts = [line.x0 for line in lines]
    return flush >= MIN_RIGHT_ALIGNED_SHARE * len(lines) and max(lefts) - min(lefts) >= MIN_RAGGED_LEFT


def find_column_cut(lines: list[TextLine]) -> ColumnCut | None:
    """Pick the gutter whose column zone holds the most lines; among equals, the middle of the free strip."""
    if len(lines) < 2 * MIN_LINES_PER_COLUMN:
        return None
    left_edge = min(line.x0 for line in lines)
    right_edge = max(line.x1 for line in lines)
    span = right_edge - left_edge
    if span <= 0:
        return None
    best_cut: ColumnCut | None = None
    best_key: tuple[int, int] | None = None
    run: list[ColumnCut] = []
    gutter = left_edge + 0.15 * span
    while gutter <= left_edge + 0.85 * span:
        cut = zone_for_gutter(lines, gutter, MIN_COLUMN_WIDTH_SHARE * span)
        if cut is not None:
            key = (len(cut.left) + len(cut.right), -len(cut.above) - len(cut.below))
            if run and (len(run[-1].left), len(run[-1].right)) == (len(cut.left), len(cut.right)):
                run.append(cut)
            else:
                run = [cut]
            if (
                best_key is None
                or key > best_key
                or (key == best_key and best_cut is not None and run[0] is not cut)
            ):
                best_key = key
                best_cut = run[len(run) // 2]
        else:
            run = []
        gutter += GUTTER_STEP
    return best_cut


def order_lines(lines: list[TextLine], depth: int = 0, column: int = 0) -> list[tuple[int, list[TextLine]]]:
    """Rows (with a column number) in reading order."""
    cut = find_column_cut(lines) if depth < MAX_CUT_DEPTH else None
    if cut is None:
        return [(column, row) for row in group_rows(lines)]
    ordered: list[tuple[int, list[TextLine]]] = []
    if cut.above:
        ordered += order_lines(cut.above, depth + 1, column)
    ordered += order_lines(cut.left, depth + 1, column * 2 + 1)
    ordered += order_lines(cut.right, depth + 1, column * 2 + 2)
    if cut.below:
        ordered += order_lines(cut.below, depth + 1, column)
    return ordered


def order_page(lines: list[TextLine], page: int = 0) -> list[Row]:
    return [Row(fragments, page=page, column=column) for column, fragments in order_lines(lines)]


def repeated_margin_texts(pages: list[list[TextLine]], heights: list[float]) -> set[str]:
    """Texts printed in the top or bottom margin of several pages (running headers, footers, page numbers)."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        margin_texts = {
            margin_key(line.text) for line in lines if line.y0 > height * 0.92 or line.y1 < height * 0.08
        }
        counts.update(margin_texts)
    return {text for text, count in counts.items() if count >= 2}


def margin_key(text: str) -> str:
    """Page numbers differ from page to page; compare margin lines with their digits blanked out."""
    return "".join("#" if char.isdigit() else char for char in text.strip().lower())


# An e-mail address or a run of digits long enough to be a phone number.
_CONTACT_LIKE = re.compile(r"@|\d[\d\s().\-]{6,}\d")


# Runs of four or more letters standing alone a space apart inside a line ("Name:  J O H N   D O E"); the
# run's words are set further apart than its letters (two spaces or more).
_SPACED_RUNS = re.compile(r"(?<!\S)[^\W\d_](?: [^\W\d_]){3,}(?: {2,}[^\W\d_](?: [^\W\d_])*)*(?!\S)")


def unspace_line(text: str) -> str:
    """The words a letter-spaced line spells, for every reader after the layout: a designer's name
    ("E N V E R   K A Y H A N" -> "ENVER KAYHAN"), a heading ("P C - K E N N T N I S S E"), dates ("O K T .
    2 0 2 3"), or a spaced run inside a line of ordinary words ("Name:  J O H N   D O E"). The letters of a
    word are a space apart, its words further apart; a line of short words ("IT  HR  QA  PR") is no such
    line (text.unspace_letters)."""
    squeezed = re.sub(r" {3,}", "  ", text.strip())
    whole = unspace_letters(squeezed)
    if whole != squeezed:
        return whole
    if not _SPACED_RUNS.search(squeezed):
        return text
    return _SPACED_RUNS.sub(lambda run: " ".join(word.replace(" ", "") for word in re.split(r" {2,}", run.group())),
                            squeezed)


def unspaced(line: TextLine) -> TextLine:
    text = unspace_line(line.text)
    return line if text == line.text else replace(line, text=text)


def order_document(pages: list[list[TextLine]], heights: list[float]) -> list[Row]:
    """All rows of a document in reading order, running headers and footers removed, letter-spaced lines
    read as the words they spell (unspace_line)."""
    pages = [[unspaced(line) for line in lines] for lines in pages]
    repeated = repeated_margin_texts(pages, heights)
    seen: set[str] = set()
    footer: list[TextLine] = []  # a running footer's contact details, read once after the last page
    rows: list[Row] = []
    for page_number, (lines, height) in enumerate(zip(pages, heights, strict=True)):
        kept = []
        for line in lines:
            key = margin_key(line.text)
            if key in repeated and (line.y0 > height * 0.92 or line.y1 < height * 0.08):
                if key not in seen and _CONTACT_LIKE.search(line.text):
                    footer.append(line)
                seen.add(key)
                continue
            kept.append(line)
        rows.extend(order_page(kept, page=page_number))
    if footer:
        rows.extend(order_page(footer, page=len(pages)))
    return rows
