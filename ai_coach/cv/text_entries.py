"""Experience entries of a CV pasted as plain text or Markdown, read from the words and punctuation alone.

A pasted CV has no type sizes, bold or columns, so the layout reader (experience.py) has little to go on.
Text CVs write their positions in a few plain forms instead, and those are read here:

- label-value blocks: "Company: X" / "Position: Y" / "Period: ..." lines (and the same labels in de, fr, es,
  ru), or the Kaggle-style export "company - X" / "description - ..."; a block starts at its employer's
  label and its title and dates come from the labelled lines around it, a "Title - Company" line elsewhere
  in the CV that names the same employer, or a line of the block that names the employer beside a date range;
- header lines in an experience section: "Title at Company", "Title, Company | Jun 2021 -- Present | Town",
  "2018-2023  SALSIFY, Staff SE ---- Boston MA", Markdown headings ("### Title at [Company](url)") with the
  dates on the line under them ("*12.2014 - present* | Remote"), bullets ("* 2 years as Captain at
  Synthesio from 2014 to today"); dates anywhere on the entry's lines (dates.py);
- undated "Title - Company" / "Title at Company" / "Company | Title" lines, only under a heading that says
  experience, and only when the line reads as a position (a job-title word on one side, short, no sentence).

Used when the rows carry no layout (a pasted or uploaded text CV) or when the layout reader finds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ai_coach.cv.dates import find_date_range, find_since
from ai_coach.cv.experience import is_schooling
from ai_coach.cv.fields import EMPLOYER_JOIN, LEGAL_FORM, TITLE_WORDS, strip_bullet
from ai_coach.cv.layout import Row
from ai_coach.cv.text import clean_text
from ai_coach.domain import ExperienceEntry
from common.places import is_place

_SEPARATOR = r"\s*(?::|\s[-–—]|-(?=\s))\s*"
_COMPANY_LABEL = re.compile(
    r"^(?:company(?:\s+name)?|employer|organi[sz]ation|firma|arbeitgeber|unternehmen|entreprise|soci[ée]t[ée]|"
    r"employeur|empresa|компания|организация|работодатель|место работы)" + _SEPARATOR + r"(?P<value>.*)$",
    re.IGNORECASE,
)
_TITLE_LABEL = re.compile(
    r"^(?:position|job\s+title|title|designation|role|poste|fonction|intitul[ée] du poste|puesto|cargo|"
    r"posici[óo]n|должность|позиция|stelle|funktion|rolle|berufsbezeichnung)" + _SEPARATOR + r"(?P<value>.+)$",
    re.IGNORECASE,
)
_PERIOD_LABEL = re.compile(
    r"^(?:period|duration|dates?|tenure|zeitraum|dauer|p[ée]riode|dur[ée]e|periodo|per[íi]odo|fechas|"
    r"период|срок|даты)" + _SEPARATOR + r"(?P<value>.+)$",
    re.IGNORECASE,
)
# The label that opens an entry's free text in the export ("description - Duration: January 2017 to Till Date").
_DESCRIPTION_LABEL = re.compile(
    r"^(?:description|beschreibung|t[äa]tigkeiten|descriptif|descripci[óo]n|описание|обязанности)" + _SEPARATOR,
    re.IGNORECASE,
)
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
# A run of dashes or dots standing for a tab stop ("SALSIFY, Staff SE -------- Boston MA").
_LEADER = re.compile(r"\s*(?:-{3,}|\.{4,}|_{3,}|…{2,})\s*")
# "N years as", "1 year" before a position written in a sentence ("2 years as Front-End Captain at ...").
_LEADING_DURATION = re.compile(
    r"^\(?\d+(?:[.,]\d+)?\+?\s*(?:years?|yrs?|months?|mos?|jahre?|monate?|ans?|mois|años|meses|лет|года?|месяц\w*)\)?"
    r"(?:\s+(?:as|als|comme|como|в качестве))?\s+",
    re.IGNORECASE,
)
_TRAILING_LINK_WORD = re.compile(r"\s+(?:from|since|seit|von|depuis|de|desde|с|from the)\s*$", re.IGNORECASE)
_PART_SEPARATORS = re.compile(r"\s*(?:\||•|·|\s[-–—]\s|\s{2,})\s*")
_WORK_MODE = re.compile(r"^(?:remote(?:\s+job)?|hybrid|on[- ]site|full[- ]time|part[- ]time|freelance|contract|"
                        r"vollzeit|teilzeit|удал[её]нно|t[ée]l[ée]travail|remoto)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;!?]\s*$")
# A position read from an undated line: this many words at most (a description's sentence is longer).
MAX_UNDATED_HEADER_WORDS = 9
# A dated line that is an entry's header, not a sentence that mentions a year.
MAX_DATED_HEADER_WORDS = 14


def plain_line(text: str) -> str:
    """A line without its Markdown (heading marks, emphasis, links) and bullet; "--" read as a dash."""
    text = _MARKDOWN_HEADING.sub("", text)
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = re.sub(r"(?<=\s)--(?=\s)", "–", text)
    return strip_bullet(text).strip()


def rows_carry_layout(rows: list[Row]) -> bool:
    """Whether the rows have a typeface to read (a PDF or DOCX), rather than being one line each of pasted text."""
    styles = {(round(fragment.size, 1), fragment.bold) for row in rows for fragment in row.fragments}
    return len(styles) > 1 or any(len(row.fragments) > 1 for row in rows)


@dataclass
class _Entry:
    title: str | None = None
    company: str | None = None
    start: str | None = None
    end: str | None = None
    lines: list[str] = field(default_factory=list)

    def dated(self) -> bool:
        return bool(self.start or self.end)

    def result(self) -> ExperienceEntry:
        return ExperienceEntry(title=self.title, company=self.company, start=self.start, end=self.end,
                               description="\n".join(self.lines).strip() or None)


def _dates(text: str) -> tuple[str | None, str | None, tuple[int, int]] | None:
    found = find_date_range(text)
    if found is not None:
        return found
    since = find_since(text)
    return (since[0], "present", since[1]) if since else None


def _without_place(company: str, lines: list[str]) -> str:
    """The employer without a town written after it ("Life Insurance Corporation of India Bhopal"): a place
    the CV also names on its own elsewhere ("Bhopal, Madhya Pradesh"), so "The Tie Bar" keeps its "Bar"."""
    words = company.split()
    if len(words) < 3 or not is_place(words[-1]):
        return company
    town = re.compile(rf"(?<!{re.escape(words[-2])} ){re.escape(words[-1])}\b")
    if any(town.search(line) for line in lines if company not in line):
        return " ".join(words[:-1])
    return company


def _is_title(text: str) -> bool:
    return bool(TITLE_WORDS.search(text))


_TOWN_THEN_CODE = re.compile(r"([A-ZÀ-Þ][a-zà-ÿ'’.-]+(?:\s[A-ZÀ-Þ][a-zà-ÿ'’.-]+){0,2}),\s?[A-Z]{2}")


def _is_location(part: str) -> bool:
    """A place written after a position: "Kolkata, India", "Somerville MA", "Remote"."""
    if _WORK_MODE.match(part) or is_place(part):
        return True
    pieces = [re.sub(r"\s+[A-Z]{2}$", "", piece.strip()) for piece in part.split(",")]
    if all(piece and is_place(piece) for piece in pieces):
        return True
    # "Culiacan, MX", "Fresno, CA": a town the lists lack, then its country's or state's two-letter code (not a
    # legal form written the same way, "Acme, SA").
    coded = _TOWN_THEN_CODE.fullmatch(part.strip())
    return coded is not None and not LEGAL_FORM.search(part) and not _is_title(coded.group(1))


@dataclass
class _Header:
    """A header's title and employer; `title_first` is the order its words showed (None: only guessed)."""

    title: str | None
    company: str | None
    title_first: bool | None


def _title_and_company(text: str, dated: bool = False) -> _Header | None:
    """A header's text (dates cut out) as title and employer, or None when it does not read as a position."""
    text = _TRAILING_LINK_WORD.sub("", _LEADING_DURATION.sub("", text)).strip(" ,;:|–—-()")
    if not text:
        return None
    at = EMPLOYER_JOIN.search(text)
    # "Title at Company", the employer whole ("at Ecole D'Ingénieurs - Paris"); on a dated line the word says so
    # even for a title the vocabulary lacks ("Captain").
    if at is not None and (_is_title(text[: at.start()]) or (dated and len(text[: at.start()].split()) <= 5)):
        company = _PART_SEPARATORS.split(text[at.end():])[0] if "|" in text[at.end():] else text[at.end():]
        return _Header(text[: at.start()].strip(" ,"), company.strip(" ,") or None, True)
    parts = [part.strip(" ,") for part in _PART_SEPARATORS.split(text) if part.strip(" ,|")]
    parts = [part for part in parts if not _is_location(part)]
    if len(parts) == 1 and "," in parts[0]:
        parts = [part.strip() for part in parts[0].split(",") if part.strip()]
        # "SALSIFY, Staff SE, Senior SE3": an employer in capitals, then the titles held there.
        if len(parts) >= 2 and parts[0].isupper() and not any(part.isupper() for part in parts[1:]):
            return _Header(", ".join(parts[1:]), parts[0], False)
        parts = [part for part in parts if not _is_location(part)]
    if not parts:
        return None  # only places ("Dublin, Ireland"): no position named
    if len(parts) == 1:
        # "CROWDSTRIKE Senior SE": the employer in capitals before the title.
        caps = re.match(r"^((?:[A-Z0-9&.'’-]{2,}\s+)+)(\S.*)$", parts[0])
        if caps and not caps.group(2).isupper():
            return _Header(caps.group(2).strip(), caps.group(1).strip(), False)
        return _Header(parts[0], None, None) if _is_title(parts[0]) else None
    if len(parts) > 2:
        parts = [parts[0], ", ".join(parts[1:])] if not _is_title(parts[0]) or _is_title(parts[1]) else parts[:2]
    titled = [index for index, part in enumerate(parts) if _is_title(part)]
    if len(titled) == 1:
        return _Header(parts[titled[0]], parts[1 - titled[0]], titled[0] == 0)
    return _Header(parts[0], parts[1], None)


def _in_one_order(entries: list[tuple[_Entry, _Header]]) -> None:
    """A CV writes all its headers in one order: a header whose words did not show which part is the title
    takes the order most of the others showed ("Hewlett Packard Enterprise, Research SE" among
    "SALSIFY, Staff SE")."""
    shown = [header.title_first for _, header in entries if header.title_first is not None]
    if not shown or shown.count(False) <= shown.count(True):
        return
    for entry, header in entries:
        if header.title_first is None and header.company:
            entry.title, entry.company = header.company, header.title


# --------------------------------------------------------------------------- label-value blocks
def _labelled_value(line: str) -> tuple[str, str] | None:
    """(kind, value) of a labelled line: company, title, period or description."""
    for kind, label in (("company", _COMPANY_LABEL), ("title", _TITLE_LABEL), ("period", _PERIOD_LABEL)):
        match = label.match(line)
        if match is not None:
            return kind, match.group("value").strip()
    match = _DESCRIPTION_LABEL.match(line)
    return ("description", line[match.end():].strip()) if match else None


def _title_lines(lines: list[str]) -> dict[str, str]:
    """Employer -> title from "Title - Company" lines ("Web Designer - Trust Systems and Software")."""
    titles: dict[str, str] = {}
    for line in lines:
        parts = re.split(r"\s+[-–—]\s+", line)
        if len(parts) == 2 and _labelled_value(line) is None and 0 < len(parts[0].split()) <= 8 \
                and _is_title(parts[0]):
            titles.setdefault(_key(parts[1]), parts[0].strip())
    return titles


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def label_value_entries(lines: list[str]) -> list[ExperienceEntry]:
    """Entries written as labelled lines: each employer label opens one, the labels next to it fill it."""
    entries: list[_Entry] = []
    current: _Entry | None = None
    in_head = False  # still in the run of labelled lines that opens the entry
    for index, line in enumerate(lines):
        labelled = _labelled_value(line)
        if labelled is not None and labelled[0] == "company":
            # A title label just above the employer's belongs to it ("Position: Y" / "Company: X").
            above = _labelled_value(lines[index - 1]) if index else None
            current = _Entry(company=labelled[1] or None, title=above[1] if above and above[0] == "title" else None)
            entries.append(current)
            in_head = True
            continue
        if current is None:
            continue
        if in_head and labelled is not None:
            kind, value = labelled
            if kind == "title" and not current.title:
                current.title = value
            elif kind in ("period", "description") and not current.dated():
                inner = _labelled_value(value) if kind == "description" else None
                if inner is not None and inner[0] == "title":
                    current.title = current.title or inner[1]
                else:
                    found = _dates(inner[1] if inner else value)
                    if found is not None and (kind == "period" or inner or found[2][0] <= 1 or len(value.split()) <= 8):
                        current.start, current.end = found[0], found[1]
            if kind == "description" and value:
                current.lines.append(value)
            continue
        in_head = False
        current.lines.append(line)
    titles = _title_lines(lines)
    merged: list[_Entry] = []
    for entry in entries:
        if not entry.company:
            continue  # "company - " with nothing after it: a description without an employer
        entry.company = _without_place(entry.company, lines)
        if not entry.dated():
            # "FEB 2018 to Still: Sri Ramesh Gaarment Tirupur.": a line of the block naming the employer, dated.
            for line in entry.lines:
                found = _dates(line)
                if found is not None and _key(entry.company) in _key(line):
                    entry.start, entry.end = found[0], found[1]
                    break
        entry.title = entry.title or titles.get(_key(entry.company))
        previous = merged[-1] if merged else None
        if previous is not None and _same_employer(previous.company, entry.company) and not entry.dated():
            previous.lines.extend(entry.lines)  # the same job's description continued in another block
            continue
        merged.append(entry)
    return [entry.result() for entry in merged]


def _same_employer(first: str | None, second: str | None) -> bool:
    legal = r"\b(?:pvt|private|ltd|limited|llc|llp|inc|gmbh|ag|sa|plc|corp)\b"
    return bool(first and second) and " ".join(re.sub(legal, " ", _key(first or "")).split()) == " ".join(
        re.sub(legal, " ", _key(second or "")).split())


# --------------------------------------------------------------------------- header lines in a section
def section_entries(lines: list[str], markdown_heads: list[bool]) -> list[ExperienceEntry]:
    """Entries of an experience section from its header lines (dated, or Markdown headings), or, when it
    has none, from undated lines that each read as "Title - Company"."""
    entries: list[tuple[_Entry, _Header]] = []
    current: _Entry | None = None
    for index, (line, heading) in enumerate(zip(lines, markdown_heads, strict=True)):
        previous = lines[index - 1] if index else ""
        found = _dates(line)
        rest = line
        if found is not None:
            rest = (line[: found[2][0]] + " " + line[found[2][1]:]).strip()
            rest = _LEADER.sub("  ", rest)
            dates_only = len(rest.strip(" |,–—-()").split()) <= 3
            if dates_only and current is not None and not current.dated() and not current.lines:
                current.start, current.end = found[0], found[1]  # the dates under a heading ("*12.2014 - present* | Town")
                continue
            # The dates on a line of their own under a plain "Title at Company" line.
            above = _title_and_company(_LEADER.sub("  ", previous), dated=True) if dates_only and previous else None
            if above is not None and above.company and not _SENTENCE_END.search(previous) \
                    and len(previous.split()) <= MAX_UNDATED_HEADER_WORDS:
                if current is not None and current.lines and current.lines[-1] == previous:
                    current.lines.pop()
                current = _Entry(title=above.title, company=above.company, start=found[0], end=found[1])
                entries.append((current, above))
                continue
        else:
            rest = _LEADER.sub("  ", line)
        if (heading or found is not None) and len(rest.split()) <= MAX_DATED_HEADER_WORDS \
                and not (_SENTENCE_END.search(rest) and not heading):
            header = _title_and_company(rest, dated=found is not None)
            if header is not None:
                current = _Entry(title=header.title, company=header.company,
                                 start=found[0] if found else None, end=found[1] if found else None)
                entries.append((current, header))
                continue
        if current is not None:
            current.lines.append(line)
    if entries:
        _in_one_order(entries)
        return [entry.result() for entry, _ in entries]
    undated = []
    for line in lines:
        if len(line.split()) > MAX_UNDATED_HEADER_WORDS or _SENTENCE_END.search(line):
            continue
        header = _title_and_company(_LEADER.sub("  ", line))
        if header is not None and header.title and header.company and header.title_first is not None:
            undated.append(ExperienceEntry(title=header.title, company=header.company))
    return undated


def read_text_entries(rows: list[Row], experience_rows: list[Row]) -> list[ExperienceEntry]:
    """The experience entries a text CV writes: the header lines of its experience sections, or its
    label-value blocks anywhere in the document when those give more (an export with no experience
    heading; one "Organisation: ..." line among volunteering does not outweigh a section of positions)."""
    lines = [plain_line(clean_text(row.text)) for row in rows]
    labelled = label_value_entries([line for line in lines if line])
    texts = [clean_text(row.text) for row in experience_rows]
    section_lines = [(plain_line(text), bool(_MARKDOWN_HEADING.match(text))) for text in texts]
    section_lines = [(line, heading) for line, heading in section_lines if line]
    headed = section_entries([line for line, _ in section_lines], [heading for _, heading in section_lines])
    entries = labelled if len(labelled) > len(headed) else headed
    return [entry for entry in entries if not is_schooling(entry)]
