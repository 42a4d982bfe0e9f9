"""Date ranges as CVs write them ("Jan 2023 - Present", "Sep. 2021 – Mar. 2024", "Май 2024 - н.в.",
"2014 - 2018", "December 2015 to Present") normalised to "YYYY-MM", "YYYY" or "present"."""

from __future__ import annotations

import re
from datetime import date

MONTHS: dict[str, int] = {}
for number, names in enumerate(
    [
        "january jan janvier janv januar jänner jän enero ene январь января янв janeiro gennaio gen styczeń stycznia sty leden ledna januari",
        "february feb février févr fév fevrier februar febrero февраль февраля февр фев fevereiro fev febbraio luty lutego lut únor února februari",
        "march mar mars märz mär mrz marzo март марта мар março marco marzec marca březen března maart mrt",
        "april apr avril avr abril abr апрель апреля апр aprile kwiecień kwietnia kwi duben dubna",
        "may mai mayo май мая maio maggio mag maj maja květen května mei",
        "june jun juin juni junio июнь июня июн junho giugno giu czerwiec czerwca cze červen června",
        "july jul juillet juil juill juli julio июль июля июл julho luglio lug lipiec lipca lip červenec července",
        "august aug août aout aoû agosto ago август августа авг sierpień sierpnia sie srpen srpna augustus",
        "september sep sept septembre septiembre setiembre set сентябрь сентября сент сен setembro settembre wrzesień września wrz září",
        "october oct octobre oktober okt octubre октябрь октября окт outubro out ottobre ott październik października paź paz říjen října",
        "november nov novembre noviembre ноябрь ноября нояб ноя novembro listopad listopada lis",
        "december dec décembre déc decembre dezember dez diciembre dic декабрь декабря дек dezembro dicembre grudzień grudnia gru prosinec prosince",
    ],
    start=1,
):
    for name in names.split():
        MONTHS[name] = number

PRESENT_WORDS = (
    "present",
    "current",
    "currently",
    "now",
    "today",
    "ongoing",
    "till date",  # Indian English: "January 2017 to Till Date"
    "till now",
    "till today",
    "until today",
    "until now",
    "up to now",
    "to date",
    "still",  # "FEB 2018 to Still"
    "date",
    "aujourd'hui",
    "aujourd’hui",
    "actuel",
    "actuellement",
    "en cours",
    "heute",
    "jetzt",
    "aktuell",
    "laufend",
    "н.в.",
    "н.в",
    "наст. время",
    "настоящее время",
    "по настоящее время",
    "сейчас",
    "actualidad",
    "presente",
    "actual",
    "hoy",
    "atual",
    "o momento",
    "oggi",
    "in corso",
    "attuale",
    "obecnie",
    "nadal",
    "heden",
    "nu",
    "současnost",
    "dosud",
    "настоящее",
    "heutzutage",
    "в настоящем",
    "по н.в.",
    "по сей день",
    "по наст. время",
    "la actualidad",
    "la fecha",
    "présent",
    "maintenant",
    "ce jour",
    "ad oggi",
    "attualmente",
    "atualmente",
    "hoje",
    "aktualnie",
    "teraz",
    "dziś",
    "dzisiaj",
    "nyní",
    "doposud",
    "huidig",
    "dato",
)

_MONTH_ALTERNATION = "|".join(sorted((re.escape(name) for name in MONTHS), key=len, reverse=True))
_PRESENT_ALTERNATION = "|".join(sorted((re.escape(word) for word in PRESENT_WORDS), key=len, reverse=True))
# A point in time: "March 2019", "Febrero de 2019", "03/2019" (also "03-2019", "08/ 2024" and "07 / 2025" as
# typed in Word), "2019/03" or "2019-03", "2019" ("2019 г." in Russian), "Sept ’17" (a month and a year cut to
# two digits after an apostrophe, as US CVs write it), "May 28, 2019" and "12 March 2019", "1er mars 2019",
# "15. März 2019", "2019-03-12" (dates with their day: the day is dropped), "07/'22" (a month number and an
# apostrophe year, as LaTeX CVs print a date column).
_YEAR_MARK = r"(?:\s*г(?:\.|(?![\w])))?"
_POINT = (rf"(?:(?:(?:(?:0?[1-9]|[12]\d|3[01])(?:er|st|nd|rd|th|\.)?\s*(?:de\s+)?)?(?P<{{m}}>{_MONTH_ALTERNATION})\.?\s*(?:(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,\s*)?"
          rf"(?:de\s+|of\s+)?(?P<{{y}}>(?:19|20)\d\d){_YEAR_MARK})"
          rf"|(?P<{{qn}}>0?[1-9]|1[0-2])\s?[./]\s?['’‘](?P<{{qy}}>\d\d)(?!\d)"
          rf"|(?:(?:0?[1-9]|[12]\d|3[01])[./])?(?P<{{n}}>(?:0?[1-9]|1[0-2]))(?:[./-]|\s?/\s?)(?P<{{ny}}>(?:19|20)\d\d)"
          rf"|(?P<{{iy}}>(?:19|20)\d\d)[-/.](?P<{{im}}>0[1-9]|1[0-2])(?:[-/.](?:0[1-9]|[12]\d|3[01]))?(?![\d.])"
          rf"|(?P<{{am}}>{_MONTH_ALTERNATION})\.?\s*['’‘](?P<{{ay}}>\d\d)(?!\d)"
          rf"|(?P<{{yo}}>(?:19|20)\d\d){_YEAR_MARK})")
# "Summer 2009", "Frühling 1998": a season stands for its year.
_SEASON = (r"(?:spring|summer|fall|autumn|winter|frühling|frühjahr|sommer|herbst|printemps|été|automne|hiver|"
           r"primavera|verano|otoño|invierno|verão|outono|inverno|весна|лето|осень|зима)")
_START = _POINT.format(m="sm", y="sy", n="sn", ny="sny", iy="siy", im="sim", am="sam", ay="say", yo="syo", qn="sqn",
                       qy="sqy")
# An end may be a full date with a two-digit year ("01.08.2020 - 10.07.21"): read only after a start.
_END = (_POINT.format(m="em", y="ey", n="en", ny="eny", iy="eiy", im="eim", am="eam", ay="eay", yo="eyo", qn="eqn",
                      qy="eqy")[:-1]
        + r"|(?:0?[1-9]|[12]\d|3[01])[./](?P<eshortm>0?[1-9]|1[0-2])[./](?P<eshorty>\d\d)(?![\d.]))")
# The dashes PDFs carry (hyphen, the Unicode hyphens, figure/en/em dash, soft hyphen, minus) and the words
# a range is written with: "to", "bis", "à"/"au", "a"/"al"/"hasta", "até", "tot", "do" (pl), "по"/"до".
# Arrows too: "09/2023 -> 04/2024", "2019 → heute" (Figma and Notion CVs, typed or as one glyph). A dash may be
# followed by the word too ("Seit 18/10/2022 - Bis heute": a table cell's German "from ... until today").
_DASH = "(?:-+>|=>|[→⟶➔➜➝⇒]|[-‐‑‒–—―­−~])"
_TO_WORD = (r"(?:to|bis zum|bis|à|au|jusqu['’](?:à|au|en)|a|al|hasta el|hasta|fino al|fino a|até|"
            r"tot en met|t/m|tot|do|по|до)")
# What a start may be introduced with: "since", "from", "von", "du"/"de", "desde", "dal", "od", "от", "с".
_FROM_WORD = r"(?:since|from|depuis|seit|von|vom|du|de|desde|dal|da|od|van|от|с)"
DATE_RANGE = re.compile(
    rf"(?<![\w])(?:{_FROM_WORD}\s+)?(?:{_SEASON}\s+)?{_START}\s*(?:{_DASH}(?:\s*{_TO_WORD}(?=\s))?|(?<=\s){_TO_WORD}(?=\s))\s*"
    rf"(?:(?:{_SEASON}\s+)?{_END}|(?P<present>{_PRESENT_ALTERNATION}))(?![\w])"
    rf"|(?<![\w])(?:start\s+)?{_START.replace('(?P<s', '(?P<x')}\s*{_DASH}\s*(?P<open>$|\s)",
    re.IGNORECASE,
)
# "Februar 2008 - December" with the end's year wrapped to the next line: the month belongs to the dates.
DANGLING_END_MONTH = re.compile(rf"\s*(?P<m>{_MONTH_ALTERNATION})\.?(?=\s{{2,}}|\s*$)", re.IGNORECASE)
# The same month at the end of a row's first fragment, with no year yet: "Dezember 2006 – Januar".
DANGLING_MONTH = re.compile(rf"[-–—]\s*({_MONTH_ALTERNATION})\.?\s*$", re.IGNORECASE)
SINCE_DATE = re.compile(rf"(?<![\w])(?:since|seit|ab|depuis|à partir de|a partir de|desde|dal|od|sinds|с)\s+{_START}(?![\w])", re.IGNORECASE)
SINGLE_DATE = re.compile(rf"(?<![\w]){_START}(?![\w])", re.IGNORECASE)


def _full_year(year: int) -> int:
    """A two-digit year: this century's unless that is the future."""
    return 2000 + year if year <= date.today().year % 100 else 1900 + year


def _point(match: re.Match[str], prefix: str) -> str | None:
    groups = match.groupdict()
    if groups.get(f"{prefix}m") and groups.get(f"{prefix}y"):
        return f"{groups[prefix + 'y']}-{MONTHS[groups[prefix + 'm'].lower()]:02d}"
    if groups.get(f"{prefix}n") and groups.get(f"{prefix}ny"):
        return f"{groups[prefix + 'ny']}-{int(groups[prefix + 'n']):02d}"
    if groups.get(f"{prefix}iy") and groups.get(f"{prefix}im"):
        return f"{groups[prefix + 'iy']}-{groups[prefix + 'im']}"
    if groups.get(f"{prefix}qn") and groups.get(f"{prefix}qy"):
        return f"{_full_year(int(groups[prefix + 'qy']))}-{int(groups[prefix + 'qn']):02d}"
    if groups.get(f"{prefix}am") and groups.get(f"{prefix}ay"):
        return f"{_full_year(int(groups[prefix + 'ay']))}-{MONTHS[groups[prefix + 'am'].lower()]:02d}"
    if groups.get(f"{prefix}shorty"):  # "10.07.21": a two-digit year is this century's unless that is the future
        return f"{_full_year(int(groups[prefix + 'shorty']))}-{int(groups[prefix + 'shortm']):02d}"
    if groups.get(f"{prefix}yo"):
        return groups[prefix + "yo"]
    return None


# "[Sep 2018  Dec 2019]": two dates in brackets whose dash the PDF lost.
_BRACKETED_PAIR = re.compile(rf"(?<=[\[(])\s*{_START}\s+(?:{_END}|(?P<present>{_PRESENT_ALTERNATION}))\s*(?=[\])])",
                             re.IGNORECASE)
# "June - August 2017", "From May to August 2014": two months sharing the year written after the second (or a
# chain of them: "juin-juillet-août 2023");
# "Maj - Sie 2020 & 2021", the same months of two years (summer jobs), runs from the first to the last.
MONTHS_OF_ONE_YEAR = re.compile(
    rf"(?<![\w])(?P<a>{_MONTH_ALTERNATION})\.?\s*(?:{_DASH}|\s{_TO_WORD}\s)\s*"
    rf"(?:(?:{_MONTH_ALTERNATION})\.?\s*{_DASH}\s*)*(?P<b>{_MONTH_ALTERNATION})\.?\s*"
    rf"(?P<y>(?:19|20)\d\d)(?:\s*(?:&|and|und|et|y|e|i|и)\s*(?P<y2>(?:19|20)\d\d))?(?![\w])",
    re.IGNORECASE,
)

# "2020, Jul-Okt.", "2018 Aug–Sep": the year first, then two months of it (a year after the second month
# makes it "Jan – Mar 2020", an ordinary range).
YEAR_THEN_MONTHS = re.compile(
    rf"(?<![\w])(?P<y>(?:19|20)\d\d)\s*,?\s*(?P<a>{_MONTH_ALTERNATION})\.?\s*{_DASH}\s*(?P<b>{_MONTH_ALTERNATION})\.?"
    rf"(?![\w])(?!\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)


# "03-08/2015", "09–12/2019": two month numbers sharing the year written after the second (a date column's
# short form for a position within one year).
NUMERIC_MONTHS_OF_ONE_YEAR = re.compile(
    r"(?<![\w./-])(?P<a>0?[1-9]|1[0-2])\s?[-–]\s?(?P<b>0?[1-9]|1[0-2])\s?[/.]\s?(?P<y>(?:19|20)\d\d)(?![\w.-])")


def find_date_range(text: str) -> tuple[str | None, str | None, tuple[int, int]] | None:
    """(start, end, span) of the first date range in `text`; an open range ("June 2021 –") ends "present"."""
    numeric = NUMERIC_MONTHS_OF_ONE_YEAR.search(text)
    if numeric is not None and int(numeric.group("a")) <= int(numeric.group("b")):
        year = numeric.group("y")
        return f"{year}-{int(numeric.group('a')):02d}", f"{year}-{int(numeric.group('b')):02d}", numeric.span()
    shared = MONTHS_OF_ONE_YEAR.search(text)
    if shared is not None:
        year = shared.group("y")
        end_year = shared.group("y2") or year
        return (f"{year}-{MONTHS[shared.group('a').lower()]:02d}", f"{end_year}-{MONTHS[shared.group('b').lower()]:02d}",
                shared.span())
    year_first = YEAR_THEN_MONTHS.search(text)
    if year_first is not None:
        year = year_first.group("y")
        return (f"{year}-{MONTHS[year_first.group('a').lower()]:02d}",
                f"{year}-{MONTHS[year_first.group('b').lower()]:02d}", year_first.span())
    match = DATE_RANGE.search(text)
    if match is None:
        paired = _BRACKETED_PAIR.search(text)
        if paired is not None:
            return _point(paired, "s"), _point(paired, "e") or "present", paired.span()
        return None
    if match.group("present") is not None:
        return _point(match, "s"), "present", match.span()
    start = _point(match, "s")
    if start is not None:
        return start, _point(match, "e"), match.span()
    dangling = DANGLING_END_MONTH.match(text, match.end())
    span = (match.start(), dangling.end() if dangling else match.end())
    return _point(match, "x"), "present", span


def find_since(text: str) -> tuple[str, tuple[int, int]] | None:
    """A start date written as "since ..." ("seit Oktober 2014", "depuis 2020"): the position runs to the present."""
    match = SINCE_DATE.search(text)
    if match is None:
        return None
    point = _point(match, "s")
    return (point, match.span()) if point else None


def find_single_date(text: str) -> tuple[str, tuple[int, int]] | None:
    match = SINGLE_DATE.search(text)
    if match is None:
        return None
    point = _point(match, "s")
    return (point, match.span()) if point else None


_CONNECTOR_FIRST = re.compile(r"^\s*(?:until|till|bis|to|[-–—~])\s+", re.IGNORECASE)
_UNTIL = re.compile(r"^(?:until|till|bis)\s+", re.IGNORECASE)
_PRESENT_ONLY = re.compile(rf"^\s*(?:{_PRESENT_ALTERNATION})\s*\.?$", re.IGNORECASE)
_SINGLE_ONLY = re.compile(rf"^\s*(?:{_SEASON}\s+)?{_START}\s*[,.]?\s*$", re.IGNORECASE)
# One date closing a header line after a separator: "CTO, COFOUNDER – MOBILINGUA – 2004", "Part-time, Summer 2009".
_SINGLE_AT_END = re.compile(rf"(?:^|[-–—|,(]|\s{{2,}})\s*(?:{_SEASON}\s+)?{_START}\s*\)?\s*$", re.IGNORECASE)


def find_wrapped_range(first: str, second: str) -> tuple[str | None, str | None] | None:
    """A date range broken over two lines: "August 2011 to" / "May 2012", "2023 -" / "н.в.", "April 2022" /
    "until now.", or a date column with the start over the end and no dash ("Avr 2020" / "Juil 2020",
    "2021," / "2022"). The range must run across the break, so a line that merely ends in a date and a next
    line that starts with dates of its own are not joined."""
    start_alone = _SINGLE_ONLY.match(first)
    if start_alone is not None and (_SINGLE_ONLY.match(second) or _PRESENT_ONLY.match(second)):
        end = "present" if _PRESENT_ONLY.match(second) else _point(_SINGLE_ONLY.match(second), "s")  # type: ignore[arg-type]
        start = _point(start_alone, "s")
        if start and end and end != "present" and end[:4] < start[:4]:
            return None  # "2022" over "2021": two entries' dates, not one range
        return start, end
    # A next line that opens with a whole range of its own ("Spring" ending a description over "2018 - 2019
    # Segretario") starts the next entry; only a line left open by a dash or "to" hands its dates on.
    own = find_date_range(second.lstrip())
    if own is not None and own[1] is not None and own[2][0] == 0 and not re.search(
            r"(?:[-–—]|\bto|\bbis|\bau|\bal|\ba)\s*$", first.rstrip(), re.IGNORECASE):
        return None
    # "April 2022" / "until now.": the word that carries the range over the break is a dash here (and only
    # here: "from 2018 until 2020" in a sentence is no entry's dates).
    joined = f"{first.rstrip()} {_UNTIL.sub('– ', second.lstrip())}"
    found = find_date_range(joined)
    if found is None or found[1] is None:
        return None
    (span_start, span_end), cut = found[2], len(first.rstrip())
    if not span_start < cut < span_end - 1 or joined[cut + 1 : span_end].strip() == "":
        return None
    if found[1] == "present" and not _PRESENT_ONLY.match(joined[cut:span_end]) and not re.search(
            rf"(?:{_PRESENT_ALTERNATION})\W*$", joined[:span_end], re.IGNORECASE):
        return None  # an open range ("2022 –") is not ended by whatever the next line starts with
    return found[0], found[1]


def is_date_only(text: str) -> bool:
    """A cell that holds one date or a word for the present and nothing else ("2021,", "Avr 2020", "н.в."),
    perhaps after the word or dash that carried a range over a line break ("until now.", "– 2012")."""
    text = _CONNECTOR_FIRST.sub("", text)
    return bool(_SINGLE_ONLY.match(text) or _PRESENT_ONLY.match(text))


def find_closing_date(text: str) -> tuple[str, int] | None:
    """(date, where it starts) of a single date that ends a line after a separator, else None."""
    match = _SINGLE_AT_END.search(text)
    if match is None:
        return None
    point = _point(match, "s")
    return (point, match.start()) if point else None


def is_present_only(text: str) -> bool:
    """A cell that says only "present" in one of the CV languages ("Heutzutage", "по настоящее время")."""
    return bool(_PRESENT_ONLY.match(text))
