"""An experiment, not the product's reader: experience entries read by a small learned model over the rows
around each entry's dates (why it was not adopted, with figures: ai_coach/README.md).

The hand-written layout rules of ai_coach/cv/experience.py read about nine in ten entries on the CVs they
were written on and about four in ten on the next ones. This reader learns the same decision from the
labelled dev CVs instead (evals/train_experience.py, which writes data/experience_model.json):

- the entries are anchored on the rows that carry their dates (experience.py's date finder, dates.py);
- around each anchor (four rows above, three below) every row is cut into candidate pieces at every level
  a header can be split at: its cells (the layout's fragments, dates blanked out), then "|" and bullets,
  then " at "/" bei "/..., then dashes, then commas;
- each piece is described by features that name no file: type (size against the body, bold), x position,
  its row's offset from the dates and whether other dates stand between, how the row was cut (level,
  position, separators beside it), token shape, job-title words (experience rules' list and the ESCO/O*NET
  titles shipped for the fit score), legal forms, places, bullets, and how common its type is at that offset
  across the section's entries (a CV sets every title alike);
- two conditional-logit scorers (a linear score, softmax over an anchor's pieces and "none") pick the
  title and the company; the pair with the best summed score whose pieces do not overlap is the entry's.

Only numpy is needed at run time; the weights are a small JSON file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from ai_coach.cv.dates import find_closing_date, find_date_range, is_date_only
from ai_coach.cv.experience import (
    _anchors,
    _date_remark,
    _job_sentence,
    _trim,
    _without_place_remark,
    build_experience,
)
from ai_coach.cv.fields import LOCATION, TITLE_WORDS, is_bullet, row_is_entry_header, strip_bullet
from ai_coach.cv.layout import Row
from ai_coach.cv.sections import body_size
from ai_coach.cv.text import clean_text
from ai_coach.domain import ExperienceEntry
from ai_coach.occupation_titles import onet_titles
from common.places import is_place

WEIGHTS_PATH = Path(__file__).resolve().parent / "data" / "experience_model.json"
_FIT_DATA = Path(__file__).resolve().parents[1] / "ai_coach" / "engines" / "fit" / "data"
# Rows around an entry's dates that can hold its title or company.
ROWS_ABOVE, ROWS_BELOW = 4, 3
MAX_PIECE_WORDS = 14

_STRONG = re.compile(r"\s*(?:(?<!\w)\||\|(?!\w)|\s\|\s|•|·|¦|\s@\s)\s*")
# Not the parser's EMPLOYER_JOIN (ai_coach/cv/fields.py), on purpose: the weights in data/experience_model.json
# were trained on the pieces and features this list cuts ("with" and "for" among them, for the scorers to
# weigh; not German "im"/"am"/"beim"), so a change here is a change of the model and wants retraining
# (evals/train_experience.py).
_AT = re.compile(r"\s(?:at|bei|an der|chez|в|en|na|bij|presso|ve|with|for)\s", re.IGNORECASE)
# A colon parts like a dash: "Prácticas universitarias 3: Solver", "Editor de Imágenes, Freelance: Fiverr".
_DASH = re.compile(r"\s+[-–—]\s+|\s[-–—]$|^[-–—]\s|(?<=\w):\s+")
# A remark in brackets after a name that tells how long or on what terms, not what the job was: "Ingénieur
# DevOps (2 ans)", "Consultant Informatique (Indépendant)", "Application Developer (Remoto)"; the piece without
# it is a candidate too. A remark that names the field ("Software Engineer (Frontend)") is not cut: the labels
# keep it as part of the title.
_REMARK = re.compile(r"\s*\(([^()]*)\)?$")
_TERMS = re.compile(r"\d|\b(?:remote|remoto|remota|hybrid|freelance|indépendante?|independent|self-employed|"
                    r"part-time|full-time|teilzeit|vollzeit|werkstudent|contract|contrato|cdi|cdd|intern|stage|"
                    r"praktikum|temporary|interim)\b", re.IGNORECASE)
_COMMA = re.compile(r",\s+")
_LEGAL = re.compile(
    r"\b(?:inc|ltd|llc|gmbh|ag|sa|sas|sarl|bv|nv|plc|corp|corporation|limited|pvt|private|kg|oy|ab|s\.r\.o|"
    r"company|co|group|university|universität|université|universidad|institute|bank|labs?|technologies|solutions|"
    r"systems|software|consulting|services|ооо|оао|зао|пао)\b", re.IGNORECASE)
_URL = re.compile(r"https?://|www\.|\.com\b|\.org\b|\.io\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{3,}")
_REMOTE = re.compile(r"\b(?:remote|remotely|hybrid|on-?site|удал[её]нно|télétravail|homeoffice|zdalnie)\b", re.IGNORECASE)
_LEVELS = ("cell", "strong", "at", "dash", "comma")


@lru_cache(maxsize=1)
def _title_vocabulary() -> frozenset[str]:
    """Words of ESCO's occupation names and O*NET's occupation titles (lower case), shipped for the fit score."""
    words: set[str] = set()
    for line in (_FIT_DATA / "esco_titles.tsv").read_text(encoding="utf-8").splitlines():
        words.update(_WORD.findall(line.split("\t")[0].lower()))
    for title in onet_titles():
        words.update(_WORD.findall(title.lower()))
    return frozenset(words - {"and", "the", "for", "other", "all", "except"})


@dataclass(slots=True)
class Piece:
    """A candidate piece of a row: where it is (row, fragment, characters) and how it was cut."""

    row: int
    fragment: int
    start: int
    end: int
    text: str
    level: int
    index: int  # its place among the pieces its cell was cut into
    count: int  # how many pieces that cut made
    before: str  # the separator right before it ("" at the cell's start)
    after: str

    def overlaps(self, other: Piece) -> bool:
        return (self.row, self.fragment) == (other.row, other.fragment) and self.start < other.end and other.start < self.end


_LETTER = re.compile(r"^\S$")


def _without_letter_spacing(text: str) -> str:
    """"D e s a r r o l l a d o r  W e b" as "Desarrollador Web": a heading drawn letter by letter (a design
    tool's tracking), one space between letters and two between words."""
    tokens = [token for token in text.split(" ") if token]
    if len(tokens) < 4 or sum(bool(_LETTER.match(token)) for token in tokens) < 0.6 * len(tokens):
        return text
    return " ".join("".join(word.split(" ")) for word in re.split(r"\s{2,}", text.strip()))


def _masked_cell(text: str) -> str:
    """A cell's text with its dates blanked out as a "|" separator, same length, so pieces keep their offsets."""
    if is_date_only(text.strip()):
        return " " * len(text)
    found = find_date_range(text)
    while found is not None:
        start, end = _date_remark(text, *found[2])  # "Endatabas (2023-2024, Canada)": the whole remark
        text = text[:start] + " |" + " " * max(end - start - 2, 0) + text[end:]
        found = find_date_range(text)
    closing = find_closing_date(text)
    if closing is not None:
        text = text[: closing[1]] + " |" + " " * max(len(text) - closing[1] - 2, 0)
    return text


def _split(text: str, offset: int, pattern: re.Pattern[str]) -> list[tuple[int, int, str, str]]:
    """(start, end, separator before, separator after) of the pieces of text[...] between pattern's matches."""
    pieces = []
    last, before = 0, ""
    for match in pattern.finditer(text):
        pieces.append((offset + last, offset + match.start(), before, match.group(0).strip()))
        last, before = match.end(), match.group(0).strip()
    pieces.append((offset + last, offset + len(text), before, ""))
    return pieces


_TRIM = " ,;:-–—|•·()[]*\t"


def row_pieces(row: Row, row_number: int) -> list[Piece]:
    """Every candidate piece of one row, each at the coarsest level that produced it."""
    found: dict[tuple[int, int, int], Piece] = {}
    for fragment_number, fragment in enumerate(row.fragments):
        cell = _masked_cell(_without_letter_spacing(clean_text(fragment.text).replace("\n", " ")))
        bullet = len(cell) - len(strip_bullet(cell).lstrip()) if strip_bullet(cell) != cell.strip() else 0
        spans = [(bullet, len(cell), "", "")]
        for level, pattern in enumerate([None, _STRONG, _AT, _DASH, _COMMA]):
            if pattern is not None:
                spans = [piece for start, end, before, after in spans
                         for piece in _with_context(_split(cell[start:end], start, pattern), before, after)]
            for start, end, before, after in spans:
                text = cell[start:end]
                trimmed = text.strip(_TRIM)
                if not trimmed or not any(char.isalpha() for char in trimmed):
                    continue
                if len(trimmed.split()) > MAX_PIECE_WORDS:
                    continue
                start_at = start + text.index(trimmed)
                key = (fragment_number, start_at, start_at + len(trimmed))
                if key not in found:
                    siblings = [span for span in spans if cell[span[0]:span[1]].strip(_TRIM)]
                    position = next((i for i, span in enumerate(siblings) if span[0] == start), 0)
                    text = _without_place_remark(_trim(trimmed)) or trimmed
                    found[key] = Piece(row_number, fragment_number, key[1], key[2], _balanced(text), level,
                                       position, len(siblings), before, after)
                    remark = _REMARK.search(trimmed)
                    bare = trimmed[: remark.start()].strip(_TRIM) if remark and _TERMS.search(remark.group(1)) else trimmed
                    remark_key = (fragment_number, start_at, start_at + len(bare))
                    if bare != trimmed and any(char.isalpha() for char in bare) and remark_key not in found:
                        found[remark_key] = Piece(row_number, fragment_number, start_at, start_at + len(bare), bare,
                                                  level, position, len(siblings), before, "(")
    return list(found.values())


def _with_context(pieces: list[tuple[int, int, str, str]], before: str, after: str) -> list[tuple[int, int, str, str]]:
    """The outer separators carried onto the first and last piece of a cut."""
    if not pieces:
        return pieces
    first, last = pieces[0], pieces[-1]
    pieces[0] = (first[0], first[1], first[2] or before, first[3])
    pieces[-1] = (pieces[-1][0], pieces[-1][1], pieces[-1][2], last[3] or after)
    return pieces


def _balanced(text: str) -> str:
    """A bracket opened in the piece is closed again ("Acme (Remote" -> "Acme (Remote)")."""
    if text.count("(") > text.count(")"):
        text += ")"
    return text


def _style(row: Row, piece: Piece) -> tuple[float, bool]:
    fragment = row.fragments[piece.fragment]
    return round(fragment.size, 1), fragment.bold


FEATURE_NAMES: list[str] = (
    ["none"]
    + [f"offset={d}" for d in range(-ROWS_ABOVE, ROWS_BELOW + 1)]
    + ["other_dates_between", "closer_to_other_dates", "on_other_dates_row", "row_has_dates", "fragment_had_dates"]
    + ["bold", "bolder_than_dates_row", "size_ratio", "larger", "smaller", "same_style_as_dates",
       "style_share_at_offset", "style_share_in_windows", "x_indent", "first_fragment", "last_fragment",
       "fragments"]
    + [f"level={name}" for name in _LEVELS]
    + ["first_piece", "last_piece", "pieces", "whole_cell",
       "after_at", "before_at", "after_dash", "before_dash", "after_comma", "before_comma", "after_bar", "before_bar"]
    + ["words", "chars", "upper_share", "all_caps", "title_case_share", "has_digit", "lower_start", "ends_period",
       "has_comma", "has_bracket"]
    + ["title_word", "title_vocabulary_share", "legal_form", "place", "location_pattern", "url", "region_code",
       "remote", "places_only"]
    + ["bullet_row", "entry_header_row", "row_words", "row_above_blank_gap", "styled_row_above", "styled_row_below"]
)


def _features(rows: list[Row], piece: Piece, anchor: int, anchors: set[int], context: dict) -> list[float]:
    row = rows[piece.row]
    fragment = row.fragments[piece.fragment]
    body = context["body"]
    offset = piece.row - anchor
    between = any(other in anchors for other in range(min(anchor, piece.row) + 1, max(anchor, piece.row)))
    text = piece.text
    words = text.split()
    letters = [char for char in text if char.isalpha()]
    upper = sum(char.isupper() for char in letters) / max(len(letters), 1)
    style = _style(row, piece)
    anchor_row = rows[anchor]
    row_text = clean_text(row.text)
    title_words = [word.lower() for word in _WORD.findall(text)]
    vocabulary = _title_vocabulary()
    above = rows[piece.row - 1] if piece.row > 0 else None
    below = rows[piece.row + 1] if piece.row + 1 < len(rows) else None
    gap = (above.fragments[0].y0 - row.top) / max(fragment.size, 1.0) if above is not None and above.page == row.page else 0.0
    styled = lambda other: other is not None and (other.bold or other.size > body + 0.4)  # noqa: E731
    values = (
        [0.0]
        + [float(offset == d) for d in range(-ROWS_ABOVE, ROWS_BELOW + 1)]
        + [float(between), float(any(abs(other - piece.row) < abs(offset) for other in anchors)),
           float(piece.row != anchor and piece.row in anchors),
           float(piece.row in context["dated_rows"]), float(_masked_cell(clean_text(fragment.text)) != clean_text(fragment.text))]
        + [float(fragment.bold), float(fragment.bold and not anchor_row.bold), fragment.size / body - 1.0,
           float(fragment.size > body + 0.4), float(fragment.size < body - 0.4),
           float(style == context["dates_style"][anchor]),
           context["style_at_offset"].get((style, offset), 0) / context["anchor_count"],
           context["style_in_windows"].get(style, 0) / context["anchor_count"],
           (fragment.x0 - context["left"]) / context["width"], float(piece.fragment == 0),
           float(piece.fragment == len(row.fragments) - 1), min(len(row.fragments), 4) / 4]
        + [float(piece.level == level) for level in range(len(_LEVELS))]
        + [float(piece.index == 0), float(piece.index == piece.count - 1), min(piece.count, 5) / 5,
           float(piece.count == 1 and piece.level == 0)]
        + [float(bool(_AT.fullmatch(f" {piece.before} "))), float(bool(_AT.fullmatch(f" {piece.after} "))),
           float(piece.before[:1] in "-–—" and piece.before != ""), float(piece.after[:1] in "-–—" and piece.after != ""),
           float(piece.before == ","), float(piece.after == ","),
           float(piece.before in ("|", "•", "·", "¦")), float(piece.after in ("|", "•", "·", "¦"))]
        + [min(len(words), 10) / 10, min(len(text), 60) / 60, upper, float(upper > 0.8 and len(letters) > 2),
           sum(word[:1].isupper() for word in words) / max(len(words), 1), float(any(c.isdigit() for c in text)),
           float(text[:1].islower()), float(text.endswith(".")), float("," in text), float("(" in text)]
        + [float(bool(TITLE_WORDS.search(text))),
           sum(word in vocabulary for word in title_words) / max(len(title_words), 1),
           float(bool(_LEGAL.search(text))), float(is_place(text)), float(bool(LOCATION.match(text))),
           float(bool(_URL.search(text))), float(bool(re.fullmatch(r"[A-Z]{2}", text))),
           float(bool(_REMOTE.search(text))), float(all(is_place(part) for part in re.split(r"\s*[/,;]\s*", text)))]
        + [float(is_bullet(row)), float(row_is_entry_header(row)), min(len(row_text.split()), 20) / 20,
           float(gap > 0.8), float(styled(above)), float(styled(below))]
    )
    return values


NONE_FEATURES = [1.0] + [0.0] * (len(FEATURE_NAMES) - 1)


def _context(rows: list[Row], anchors: list[int], windows: dict[int, list[Piece]]) -> dict:
    body = body_size(rows)
    left = min(row.x0 for row in rows)
    width = max(max(row.fragments[-1].x1 for row in rows) - left, 1.0)
    style_at_offset: dict[tuple[tuple[float, bool], int], int] = {}
    style_in_windows: dict[tuple[float, bool], int] = {}
    for anchor in anchors:
        seen_offsets = {(_style(rows[piece.row], piece), piece.row - anchor) for piece in windows[anchor]}
        for key in seen_offsets:
            style_at_offset[key] = style_at_offset.get(key, 0) + 1
        for style in {style for style, _ in seen_offsets}:
            style_in_windows[style] = style_in_windows.get(style, 0) + 1
    dates_style = {anchor: (round(rows[anchor].fragments[0].size, 1), rows[anchor].fragments[0].bold) for anchor in anchors}
    return {"body": body, "left": left, "width": width, "style_at_offset": style_at_offset,
            "style_in_windows": style_in_windows, "anchor_count": max(len(anchors), 1), "dates_style": dates_style,
            "dated_rows": set(anchors)}


@dataclass(slots=True)
class AnchorCandidates:
    """An entry's dates and the pieces around them, with one feature row per piece (the last row is "none")."""

    anchor: int
    dates: tuple[str | None, str | None]
    pieces: list[Piece]
    features: np.ndarray
    rows: list[Row]


def candidates(rows: list[Row], anchors: list[tuple[int, tuple[str | None, str | None]]]) -> list[AnchorCandidates]:
    """For each anchor (row of dates), its window's pieces and their features."""
    pieces_of = {index: row_pieces(row, index) for index, row in enumerate(rows)}
    anchor_rows = [anchor for anchor, _ in anchors]
    anchor_set = set(anchor_rows)
    # A row holding another entry's dates belongs to that entry.
    windows = {anchor: [piece for index in range(max(anchor - ROWS_ABOVE, 0), min(anchor + ROWS_BELOW + 1, len(rows)))
                        if index == anchor or index not in anchor_set for piece in pieces_of[index]]
               for anchor in anchor_rows}
    context = _context(rows, anchor_rows, windows)
    found = []
    for anchor, dates in anchors:
        pieces = windows[anchor]
        matrix = np.array([_features(rows, piece, anchor, anchor_set, context) for piece in pieces] + [NONE_FEATURES],
                          dtype=float)
        found.append(AnchorCandidates(anchor, dates, pieces, matrix, rows))
    return found


@lru_cache(maxsize=1)
def load_weights() -> dict[str, np.ndarray]:
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    if data["features"] != FEATURE_NAMES:
        raise ValueError("experience_model.json was trained on other features; rebuild it (evals/train_experience.py)")
    if data["pair_features"] != PAIR_FEATURE_NAMES:
        raise ValueError("experience_model.json was trained on other pair features; rebuild it")
    return {target: np.array(data["weights"][target], dtype=float) for target in ("title", "company", "pair")}


# Pieces per role kept for the pair scorer.
TOP_PIECES = 8

PAIR_FEATURE_NAMES = [
    "title_score", "company_score", "no_title", "no_company", "same_row", "same_fragment", "adjacent_siblings",
    "title_first", "company_row_above", "company_row_just_below", "company_row_just_above", "comma_between",
    "dash_between", "at_between", "bar_between", "both_on_dates_row", "company_is_place", "same_style",
    "company_has_title_word", "title_has_title_word", "title_pattern_share", "company_pattern_share",
]


def _pattern(item: AnchorCandidates, piece: Piece) -> tuple:
    """Where and how a piece is set relative to its entry's dates: a CV sets every entry's title alike."""
    return (_style(item.rows[piece.row], piece), piece.row - item.anchor, piece.fragment, piece.level, piece.index)


def section_patterns(found: list[AnchorCandidates], weights: dict[str, np.ndarray]) -> dict[str, dict[tuple, float]]:
    """For each role, the share of the section's entries whose best piece by its own score has each pattern."""
    shares: dict[str, dict[tuple, float]] = {}
    for role in ("title", "company"):
        counts: dict[tuple, float] = {}
        for item in found:
            best = int(np.argmax(item.features @ weights[role]))
            if best < len(item.pieces):
                key = _pattern(item, item.pieces[best])
                counts[key] = counts.get(key, 0.0) + 1.0 / len(found)
        shares[role] = counts
    return shares


def pair_features(item: AnchorCandidates, t: int, c: int, title_scores: np.ndarray,
                  company_scores: np.ndarray, patterns: dict[str, dict[tuple, float]]) -> list[float]:
    """What ties a title piece to a company piece (either may be "none", numbered len(pieces))."""
    none = len(item.pieces)
    title = item.pieces[t] if t != none else None
    company = item.pieces[c] if c != none else None
    values = [float(title_scores[t]), float(company_scores[c]), float(title is None), float(company is None)]
    shares = [patterns["title"].get(_pattern(item, title), 0.0) if title is not None else 0.0,
              patterns["company"].get(_pattern(item, company), 0.0) if company is not None else 0.0]
    if title is None or company is None:
        return values + [0.0] * (len(PAIR_FEATURE_NAMES) - len(values) - 4) + [
            float(company is not None and bool(TITLE_WORDS.search(company.text))),
            float(title is not None and bool(TITLE_WORDS.search(title.text))), *shares]
    same_row = title.row == company.row
    same_fragment = same_row and title.fragment == company.fragment
    adjacent = same_fragment and title.level == company.level and abs(title.index - company.index) == 1
    first, second = (title, company) if (title.row, title.fragment, title.start) < (company.row, company.fragment, company.start) else (company, title)
    between = first.after if adjacent else ""
    values += [
        float(same_row), float(same_fragment), float(adjacent), float(first is title),
        float(company.row < title.row), float(company.row == title.row + 1), float(company.row == title.row - 1),
        float(between == ","), float(between[:1] in "-–—" and between != ""),
        float(bool(between) and bool(_AT.fullmatch(f" {between} "))), float(between in ("|", "•", "·", "¦")),
        float(title.row == item.anchor and company.row == item.anchor), float(is_place(company.text)),
        float(_style(item.rows[title.row], title) == _style(item.rows[company.row], company)),
        float(bool(TITLE_WORDS.search(company.text))), float(bool(TITLE_WORDS.search(title.text))), *shares,
    ]
    return values


def pair_candidates(item: AnchorCandidates, weights: dict[str, np.ndarray]) -> tuple[list[tuple[int, int]], np.ndarray, np.ndarray]:
    """The (title, company) pairs the pair scorer chooses among: the best pieces for each role by their own
    score, "none" included, that do not overlap; with both roles' scores."""
    title_scores = item.features @ weights["title"]
    company_scores = item.features @ weights["company"]
    none = len(item.pieces)
    titles = [int(i) for i in np.argsort(-title_scores)[:TOP_PIECES]]
    companies = [int(i) for i in np.argsort(-company_scores)[:TOP_PIECES]]
    titles += [none] if none not in titles else []
    companies += [none] if none not in companies else []
    pairs = [(t, c) for t in titles for c in companies
             if (t == none or c == none or (t != c and not item.pieces[t].overlaps(item.pieces[c])))]
    return pairs, title_scores, company_scores


def _place(piece: Piece) -> tuple[int, int, int]:
    return piece.row, piece.fragment, piece.start


def assemble(found: list[AnchorCandidates], weights: dict[str, np.ndarray], rows: list[Row]) -> list[ExperienceEntry]:
    """An entry per anchor: the (title, company) pair the pair scorer rates best among each role's best
    pieces (either may be "none"); an anchor with neither is no entry. The rows from the entry's last header
    row up to the next entry's first are its description."""
    entries: list[tuple[ExperienceEntry, int, int]] = []
    patterns = section_patterns(found, weights)
    titles_taken: set[tuple[int, int, int]] = set()  # a job title is one entry's; an employer may head several
    for item in found:
        pairs, title_scores, company_scores = pair_candidates(item, weights)
        none = len(item.pieces)
        matrix = np.array([pair_features(item, t, c, title_scores, company_scores, patterns) for t, c in pairs])
        scores = matrix @ weights["pair"]
        for number, (t, _) in enumerate(pairs):
            if t != none and _place(item.pieces[t]) in titles_taken:
                scores[number] = -np.inf
        t, c = pairs[int(np.argmax(scores))]
        if t != none:
            titles_taken.add(_place(item.pieces[t]))
        # A job told as a sentence ("Worked as Site Engineer with Larsen & Toubro from June 2015 to ...") has no
        # pieces to pick: its grammar names the two (experience.py's reading of such a sentence).
        sentence = _job_sentence(clean_text(rows[item.anchor].text))
        if t == none and c == none and sentence is None:
            continue
        title = item.pieces[t] if t != none else None
        company = item.pieces[c] if c != none else None
        used = [piece.row for piece in (title, company) if piece is not None] + [item.anchor]
        entry = ExperienceEntry(title=title.text if title else None, company=company.text if company else None,
                                start=item.dates[0], end=item.dates[1])
        if sentence is not None:
            entry.title, entry.company = sentence
        entries.append((entry, min(used), max(used)))
    for number, (entry, _, last) in enumerate(entries):
        following = entries[number + 1][1] if number + 1 < len(entries) else len(rows)
        entry.description = "\n".join(clean_text(row.text) for row in rows[last + 1 : following])
    return [entry for entry, _, _ in entries]


def model_entries(section_rows: list[Row], weights: dict[str, np.ndarray] | None = None) -> list[ExperienceEntry] | None:
    """The model's entries of an experience section (``weights``: the committed ones when None); None for a
    section with no rows of dates, which the model has no anchor to read."""
    rows = [row for row in section_rows if clean_text(row.text)]
    anchors = _anchors(rows, body_size(rows)) if rows else []
    if not anchors:
        return None
    return assemble(candidates(rows, anchors), load_weights() if weights is None else weights, rows)


def read_experience(section_rows: list[Row], *, undated: bool = True,
                    weights: dict[str, np.ndarray] | None = None) -> list[ExperienceEntry]:
    """The model's reading of an experience section: the model for a section with rows of dates, the layout
    rules (experience.build_experience) for one without, which the model has no anchor to read."""
    found = model_entries(section_rows, weights)
    return build_experience(section_rows, undated=undated) if found is None else found


# How the rules' entries and the model's are combined, per row of dates (an entry's start and end):
# - "rules_first": the rules' entry, unless it lacks a title or a company and the model's entry for the same
#   dates has both; and the model's complete entries for dates the rules read no entry for;
# - "rules_partial": the same without the model's entries for other dates (the rules' list of entries kept);
# - "fill": the rules' entries, an empty title or company filled from the model's entry for the same dates.
HYBRIDS = ("rules_first", "rules_partial", "fill")


def hybrid_entries(section_rows: list[Row], rules_entries: list[ExperienceEntry], *, kind: str = "rules_first",
                   weights: dict[str, np.ndarray] | None = None) -> list[ExperienceEntry]:
    """The rules' entries of a section (``rules_entries``, as build_experience read ``section_rows``) combined
    with the model's reading of the same rows, as ``kind`` (one of HYBRIDS) says."""
    if kind not in HYBRIDS:
        raise ValueError(f"unknown hybrid {kind!r}: one of {HYBRIDS}")
    by_model = {(entry.start, entry.end): entry for entry in model_entries(section_rows, weights) or []}
    if not by_model:
        return rules_entries
    chosen, seen = [], set()
    for entry in rules_entries:
        dates = (entry.start, entry.end)
        seen.add(dates)
        other = by_model.get(dates)
        if other is None or (entry.title and entry.company):
            chosen.append(entry)
        elif kind == "fill":
            chosen.append(replace(entry, title=entry.title or other.title, company=entry.company or other.company))
        else:
            chosen.append(other if other.title and other.company else entry)
    if kind == "rules_first":
        chosen += [entry for dates, entry in by_model.items() if dates not in seen and entry.title and entry.company]
    return chosen


def reader(kind: str = "model", weights: dict[str, np.ndarray] | None = None) -> Callable[..., list[ExperienceEntry]]:
    """A reader in build_experience's form (rows, undated) for the parser's place of it
    (evals.experience_rows.reading_experience_with): "rules", "model", or one of HYBRIDS."""
    if kind == "rules":
        return build_experience
    if kind == "model":
        return lambda rows, *, undated=True: read_experience(rows, undated=undated, weights=weights)
    if kind not in HYBRIDS:
        raise ValueError(f"unknown experience reader {kind!r}: rules, model or one of {HYBRIDS}")
    return lambda rows, *, undated=True: hybrid_entries(rows, build_experience(rows, undated=undated), kind=kind,
                                                        weights=weights)
