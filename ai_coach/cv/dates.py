"""Date ranges as CVs write them ("Jan 2023 - Present", "Sep. 2021 – Mar. 2024", "Май 2024 - н.в.",
"2014 - 2018", "December 2015 to Present") normalised to "YYYY-MM", "YYYY" or "present"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

MONTHS: dict[str, int] = {}
# Month words by language, each with its full name, the case forms a date takes in it ("stycznia", "ledna",
# "января": "of January", as Slavic CVs write a month before a year; "w listopadzie", "v lednu", "в январе":
# "in January"), its abbreviations and the forms typed
# without diacritics ("pazdziernik", "kasim"). A word shared by two languages names the same month in both.
_MONTH_WORDS = {
    "en": ["january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul", "august aug",
           "september sep sept", "october oct", "november nov", "december dec"],
    "de": ["januar jänner jän", "februar feber", "märz mär mrz maerz", "april", "mai", "juni", "juli", "august",
           "september", "oktober okt", "november", "dezember dez"],
    "fr": ["janvier janv", "février févr fév fevrier fevr", "mars", "avril avr", "mai", "juin", "juillet juil juill",
           "août aout aoû", "septembre", "octobre", "novembre", "décembre déc decembre"],
    # "Agt." for agosto as Latin American CVs abbreviate it ("Agt. 2012 – Jun. 2013").
    "es": ["enero ene", "febrero", "marzo", "abril abr", "mayo", "junio", "julio", "agosto ago agt",
           "septiembre setiembre set", "octubre", "noviembre", "diciembre dic"],
    "pt": ["janeiro", "fevereiro fev", "março marco", "abril", "maio", "junho", "julho", "agosto", "setembro",
           "outubro out", "novembro", "dezembro"],
    "it": ["gennaio gen", "febbraio", "marzo", "aprile", "maggio mag", "giugno giu", "luglio lug", "agosto",
           "settembre", "ottobre ott", "novembre", "dicembre"],
    "nl": ["januari", "februari", "maart mrt", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
    "pl": ["styczeń stycznia styczniu sty styczen", "luty lutego lutym lut", "marzec marca marcu",
           "kwiecień kwietnia kwietniu kwi kwiecien", "maj maja maju", "czerwiec czerwca czerwcu cze",
           "lipiec lipca lipcu lip", "sierpień sierpnia sierpniu sie sierpien",
           "wrzesień września wrześniu wrz wrzesien wrzesnia",
           "październik października październiku paź paz pazdziernik pazdziernika",
           "listopad listopada listopadzie lis", "grudzień grudnia grudniu gru grudzien"],
    "cs": ["leden ledna lednu", "únor února únoru", "březen března březnu", "duben dubna dubnu",
           "květen května květnu", "červen června červnu", "červenec července červenci", "srpen srpna srpnu",
           "září", "říjen října říjnu", "listopad listopadu", "prosinec prosince prosinci"],
    "sk": ["január januára", "február februára", "marec marca", "apríl apríla", "máj mája", "jún júna", "júl júla",
           "august augusta", "september septembra", "október októbra", "november novembra", "december decembra"],
    "hu": ["január", "február febr", "március márc", "április ápr", "május máj", "június jún", "július júl",
           "augusztus", "szeptember szept", "október", "november", "december"],
    # Croatian's "listopad" (October) is left out: Polish and Czech write it for November.
    "hr": ["siječanj siječnja", "veljača veljače", "ožujak ožujka", "travanj travnja", "svibanj svibnja",
           "lipanj lipnja", "srpanj srpnja", "kolovoz kolovoza", "rujan rujna", "", "studeni studenoga studenog",
           "prosinac prosinca"],
    "ro": ["ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie",
           "octombrie", "noiembrie", "decembrie"],
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december"],
    "da": ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december"],
    "no": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember"],
    "tr": ["ocak oca", "şubat şub subat", "mart", "nisan nis", "mayıs mayis", "haziran haz", "temmuz tem",
           "ağustos ağu agustos", "eylül eyl eylul", "ekim eki", "kasım kas kasim", "aralık ara aralik"],
    "ru": ["январь января январе янв", "февраль февраля феврале февр фев", "март марта марте мар",
           "апрель апреля апреле апр", "май мая мае", "июнь июня июне июн", "июль июля июле июл",
           "август августа августе авг", "сентябрь сентября сентябре сент сен", "октябрь октября октябре окт",
           "ноябрь ноября ноябре нояб ноя", "декабрь декабря декабре дек"],
    "uk": ["січень січня січ", "лютий лютого лют", "березень березня бер", "квітень квітня квіт кві",
           "травень травня трав тра", "червень червня черв чер", "липень липня лип", "серпень серпня серп сер",
           "вересень вересня вер", "жовтень жовтня жовт жов", "листопад листопада лист лис",
           "грудень грудня груд гру"],
}
for _names in _MONTH_WORDS.values():
    for number, names in enumerate(_names, start=1):
        for name in names.split():
            MONTHS[name] = number


def month_number(name: str) -> int:
    """The month a matched month word names, whatever its capitals: Turkish "EKİM" lowers to "eki̇m" (an i with a
    combining dot), which the table holds as "ekim"."""
    return MONTHS[name.lower().replace("\u0307", "").rstrip(".")]


# Words that end a range at the present, by language: "now", "today", "currently", "ongoing", "until now", and
# the phrases a connector leaves after it ("do chwili obecnej": "until the present moment", "по н.в.").
_PRESENT_BY_LANGUAGE = {
    "en": ["present", "current", "currently", "now", "today", "ongoing", "till date",  # "January 2017 to Till Date"
           "till now", "till today", "until today", "until now", "up to now", "to date",
           "still",  # "FEB 2018 to Still"
           "date", "present day"],
    "fr": ["aujourd'hui", "aujourd’hui", "actuel", "actuellement", "en cours", "présent", "maintenant", "ce jour"],
    "de": ["heute", "jetzt", "aktuell", "laufend", "heutzutage", "gegenwärtig", "gegenwart", "dato"],
    "es": ["actualidad", "la actualidad", "presente", "actual", "actualmente", "hoy", "la fecha"],
    "pt": ["atual", "atualmente", "o momento", "hoje", "presente"],
    "it": ["oggi", "ad oggi", "in corso", "attuale", "attualmente", "presente"],
    "nl": ["heden", "nu", "huidig", "dato"],
    "pl": ["obecnie", "nadal", "aktualnie", "teraz", "dziś", "dzisiaj", "chwili obecnej", "chwila obecna"],
    "cs": ["současnost", "současnosti", "dosud", "nyní", "doposud", "dodnes", "trvá"],
    "sv": ["nu", "idag", "i dag", "pågående", "tills vidare"],
    "da": ["nu", "i dag", "idag", "d.d.", "dags dato", "nuværende"],
    "no": ["nå", "i dag", "idag", "pågående"],
    "tr": ["günümüz", "günümüze", "halen devam ediyor", "halen", "hâlâ", "devam ediyor", "devam ediyorum", "şu an", "bugün"],
    "ru": ["н.в.", "н.в", "наст. время", "настоящее время", "по настоящее время", "настоящее", "в настоящем",
           "по н.в.", "по сей день", "по наст. время", "сейчас", "текущее время", "текущий момент", "сих пор", "по сегодняшний день", "сегодняшний день"],
    "hu": ["jelenleg", "napjainkig", "máig", "folyamatban"],
    "sk": ["súčasnosť", "súčasnosti", "doteraz", "dodnes"],
    "hr": ["danas", "trenutno", "sada"],
    "ro": ["prezent", "în prezent", "azi"],
    "uk": ["теперішній час", "теперішнього часу", "т.ч.", "дотепер", "досі", "зараз", "сьогодні", "нині"],
}
PRESENT_WORDS = tuple(dict.fromkeys(word for words in _PRESENT_BY_LANGUAGE.values() for word in words))



def _longest_first(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, escaped, the longest first: "sept" is tried before "sep", "fin de" before
    "fin", so a word is never cut by a shorter one that starts it."""
    return "|".join(sorted((re.escape(word) for word in dict.fromkeys(words)), key=len, reverse=True))


_MONTH_ALTERNATION = _longest_first(MONTHS)
_PRESENT_ALTERNATION = _longest_first(PRESENT_WORDS)
# A point in time: "March 2019", "Febrero de 2019", "03/2019" (also "03-2019", "08/ 2024" and "07 / 2025" as
# typed in Word), "2019/03" or "2019-03", "2019" ("2019 г." in Russian), "Sept ’17" (a month and a year cut to
# two digits after an apostrophe, as US CVs write it), "May 28, 2019" and "12 March 2019", "1er mars 2019",
# "15. März 2019", "2019-03-12" (dates with their day: the day is dropped), "07/'22" (a month number and an
# apostrophe year, as LaTeX CVs print a date column), "out/2019", "Mar-2019" and "May, 2014" (a month word and
# its year joined by a slash, hyphen, comma or apostrophe ("Sept' 2017", "Jan '2012": Indian CVs), "18-Aug-2012" (Indian CVs' day-month-year), "Octubre del 2003", "03\\2019" (a backslash typed for a slash), "2016.12" with a day after a stray
# space ("2016.12 .01") or closed by a dot ("2016. 12.", as Korean and Hungarian CVs write it), also with the day
# ("2021. 09. 01.": the Hungarian and Korean standard form, each part closed by its dot).
# The word for "year" after a year, abbreviated: Russian "2019 г.", Ukrainian "2019 р.", Polish "2019 r." (the
# Latin r only with its dot: "2019 R&D Engineer" keeps its R).
_YEAR_MARK = r"(?:\s*(?:[гр](?:\.|(?![\w]))|r\.))?"
_POINT = (rf"(?:(?:(?:(?:0?[1-9]|[12]\d|3[01])(?:er|st|nd|rd|th|\.)?(?:\s*|-)(?:de\s+)?)?(?P<{{m}}>{_MONTH_ALTERNATION})\.?\s*(?:[/,'’‘-]\s*)?(?:(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,\s*)?"
          rf"(?:del?\s+|of\s+)?(?P<{{y}}>(?:19|20)\d\d){_YEAR_MARK})"
          rf"|(?P<{{qn}}>0?[1-9]|1[0-2])\s?[./]\s?['’‘](?P<{{qy}}>\d\d)(?!\d)"
          rf"|(?:(?:0?[1-9]|[12]\d|3[01])[./])?(?P<{{n}}>(?:0?[1-9]|1[0-2]))(?:[./\\-]|\s?/\s?)(?P<{{ny}}>(?:19|20)\d\d)"
          rf"|(?P<{{iy}}>(?:19|20)\d\d)(?:[-/]|\.\s?)(?P<{{im}}>0[1-9]|1[0-2])(?:(?:[-/.]|\s\.)(?:0[1-9]|[12]\d|3[01])|\.\s(?:0[1-9]|[12]\d|3[01])\.|\.(?!\d))?(?![\d.])"
          rf"|(?P<{{am}}>{_MONTH_ALTERNATION})\.?\s*['’‘](?P<{{ay}}>\d\d)(?!\d)"
          rf"|(?P<{{yo}}>(?:19|20)\d\d){_YEAR_MARK})")
# "Summer 2009", "Frühling 1998": a season stands for its year. Spring, summer, autumn and winter by language.
_SEASONS_BY_LANGUAGE = {
    "en": "spring summer fall autumn winter",
    "de": "frühling frühjahr sommer herbst winter",
    "fr": "printemps été automne hiver",
    "es": "primavera verano otoño invierno",
    "pt": "primavera verão outono inverno",
    "it": "primavera estate autunno inverno",
    "nl": "lente voorjaar zomer herfst najaar winter",
    "pl": "wiosna lato jesień zima",
    "cs": "jaro léto podzim zima",
    "sv": "vår sommar höst vinter",
    "da": "forår sommer efterår vinter",
    "no": "vår sommer høst vinter",
    "tr": "ilkbahar yaz sonbahar kış",
    "ru": "весна лето осень зима",
    "uk": "весна літо осінь зима",
    # Quarters and halves of a year stand for their year the same way: "Q1 2019 – Q3 2020".
    "any": "q1 q2 q3 q4 h1 h2",
}
_SEASON = "(?:" + _longest_first(word for words in _SEASONS_BY_LANGUAGE.values() for word in words.split()) + ")"
# Two seasons of one year: "SPRING/SUMMER 2019".
_SEASONS = rf"(?:{_SEASON}\s*[/&-]\s*)?{_SEASON}"
_START = _POINT.format(m="sm", y="sy", n="sn", ny="sny", iy="siy", im="sim", am="sam", ay="say", yo="syo", qn="sqn",
                       qy="sqy")
# An end may be a full date with a two-digit year ("01.08.2020 - 10.07.21"): read only after a start.
_END = (_POINT.format(m="em", y="ey", n="en", ny="eny", iy="eiy", im="eim", am="eam", ay="eay", yo="eyo", qn="eqn",
                      qy="eqy")[:-1]
        + r"|(?:0?[1-9]|[12]\d|3[01])[./](?P<eshortm>0?[1-9]|1[0-2])[./](?P<eshorty>\d\d)(?![\d.]))")
# The dashes PDFs carry (hyphen, the Unicode hyphens, figure/en/em dash, soft hyphen, minus) and the words
# a range is written with: "to", "till", "bis", "à"/"au", "a"/"al"/"hasta", "até", "tot",
# "do" (pl), "až" (cs), "till" (sv), "til" (da, no), "по"/"до". Not "until" or "through": "(Worked from 2018
# until 2020 every summer)" is a remark inside a description far more often than a header's dates.
# Arrows too: "09/2023 -> 04/2024", "2019 → heute" (Figma and Notion CVs, typed or as one glyph). A dash may be
# followed by the word too ("Seit 18/10/2022 - Bis heute": a table cell's German "from ... until today").
_DASH = "(?:-+>|=>|[→⟶➔➜➝⇒]|[-‐‑‒–—―­−~]{1,3})"  # "Jan 2019 -- Mar 2020": LaTeX's en dash typed as two hyphens
_TO_WORD = (r"(?:to|till|til|až|bis zum|bis|à|au|jusqu['’](?:à|au|en)|a|al|hasta el|hasta|fino al|fino a|até|"
            r"tot en met|t/m|tot|do|по|до)")
# What a start may be introduced with: "since", "from", "von", "du"/"de", "desde", "dal", "od", "от", "с",
# "з"/"від" (uk); glued to the digits of a start typed without its space ("De24/09/2018 a 30/06/2020").
_FROM_WORD = r"(?:since|from|depuis|seit|von|vom|du|de|desde|dal|da|od|van|от|с|з|від)"
# An open range's end may be a mark instead of nothing: "2019 – ...", "2019 – ?", or an icon for "ongoing" that a
# symbol font extracts as a stray sign ("2018-<", a LaTeX CV's circular arrow).
_OPEN_MARK = r"[^\w\s()\[\]]{1,3}(?=\s|$)"
DATE_RANGE = re.compile(
    rf"(?<![\w])(?:{_FROM_WORD}(?:\s+|(?=\d)))?(?:{_SEASONS}\s+)?{_START}\s*(?:{_DASH}(?:\s*{_TO_WORD}(?=\s))?|(?<=\s){_TO_WORD}(?=\s))\s*"
    rf"(?:(?:{_SEASONS}\s+)?{_END}|(?P<present>{_PRESENT_ALTERNATION}))(?![\w])"
    rf"|(?<![\w])(?:start\s+)?{_START.replace('(?P<s', '(?P<x')}\s*{_DASH}\s*(?P<open>$|\s|{_OPEN_MARK})",
    re.IGNORECASE,
)
# "Februar 2008 - December" with the end's year wrapped to the next line: the month belongs to the dates.
DANGLING_END_MONTH = re.compile(rf"\s*(?P<m>{_MONTH_ALTERNATION})\.?(?=\s{{2,}}|\s*$)", re.IGNORECASE)
# The same month at the end of a row's first fragment, with no year yet: "Dezember 2006 – Januar".
DANGLING_MONTH = re.compile(rf"[-–—]\s*({_MONTH_ALTERNATION})\.?\s*$", re.IGNORECASE)
# "since" by language: en, de, fr, es/pt, it, pl/cs, nl, sv, da/no, ru, uk.
_SINCE_WORD = r"(?:since|seit|ab|depuis|à partir de|a partir de|desde|dal|od|sinds|vanaf|sedan|siden|с|з|від)"
SINCE_DATE = re.compile(rf"(?<![\w]){_SINCE_WORD}\s+{_START}(?![\w])", re.IGNORECASE)
SINGLE_DATE = re.compile(rf"(?<![\w]){_START}(?![\w])", re.IGNORECASE)


def _full_year(year: int) -> int:
    """A two-digit year: this century's unless that is the future."""
    return 2000 + year if year <= date.today().year % 100 else 1900 + year


def _point(match: re.Match[str], prefix: str) -> str | None:
    groups = match.groupdict()
    if groups.get(f"{prefix}m") and groups.get(f"{prefix}y"):
        return f"{groups[prefix + 'y']}-{month_number(groups[prefix + 'm']):02d}"
    if groups.get(f"{prefix}n") and groups.get(f"{prefix}ny"):
        return f"{groups[prefix + 'ny']}-{int(groups[prefix + 'n']):02d}"
    if groups.get(f"{prefix}iy") and groups.get(f"{prefix}im"):
        return f"{groups[prefix + 'iy']}-{groups[prefix + 'im']}"
    if groups.get(f"{prefix}qn") and groups.get(f"{prefix}qy"):
        return f"{_full_year(int(groups[prefix + 'qy']))}-{int(groups[prefix + 'qn']):02d}"
    if groups.get(f"{prefix}am") and groups.get(f"{prefix}ay"):
        return f"{_full_year(int(groups[prefix + 'ay']))}-{month_number(groups[prefix + 'am']):02d}"
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


# The digits of a phone number right before a match: a "+" country code or a group opening with 0 ("0221",
# "(0)30") or of three digits or more, then a space, slash or hyphen. Years after them are the number's ("Tel.: 0221
# 1998-2004", "+49 30 2012-2019"); a month number before a year ("03 2019") is two digits, a year four.
_PHONE_BEFORE = re.compile(r"(?:\+\s?\d[\d\s()/.-]*|(?<![\w.,])(?:\(?0\d*\)?|\d{3,}))(?:[\s/]+|-)$")


def _after_phone_digits(text: str, at: int) -> bool:
    before = _PHONE_BEFORE.search(text[:at])
    return before is not None and not re.fullmatch(r"(?:19|20)\d\d", before.group().strip(" /-"))


def _date_range_match(text: str) -> re.Match[str] | None:
    """The first DATE_RANGE match that does not go on from a phone number's digits."""
    at = 0
    while (match := DATE_RANGE.search(text, at)) is not None and _after_phone_digits(text, match.start()):
        at = match.start() + 1
    return match


# Full dates with slashes on both sides of a range: day first ("24/09/2018 - 30/06/2020") unless a middle number
# over 12 shows the US order, month first ("9/1/2019 - 8/31/2020"), which the point grammar alone misreads.
_SLASHED_RANGE = re.compile(
    rf"(?<![\w/.])(?P<a1>\d{{1,2}})/(?P<a2>\d{{1,2}})/(?P<ay>(?:19|20)\d\d)\s*{_DASH}\s*"
    rf"(?P<b1>\d{{1,2}})/(?P<b2>\d{{1,2}})/(?P<by>(?:19|20)\d\d)(?![\w/])")
# Two full years parted by a slash, in brackets or alone in their cell, "(2020/2022)", "2007/2008": a range (a school
# year, or a job over the years between); a second number of four digits is no month, and a span of more than
# MAX_SLASHED_YEARS_SPAN years is no one position. Inside a line the two are versions ("Windows Server 2012/2016").
_YEAR_SLASH_YEAR = re.compile(r"(?:^\s*|\(\s*)(?P<a>(?:19|20)\d\d)\s?/\s?(?P<b>(?:19|20)\d\d)(?=\s*\)|\s*$)")
MAX_SLASHED_YEARS_SPAN = 10
# A year range whose end keeps two digits: "2019-21", "2019/20", "2011 – 12", "'17 – '19". A two-digit end that
# could be a month ("2011-12", "2011/12") stays the ISO month unless the dash is spaced or a long one.
_SHORT_YEAR_RANGE = re.compile(
    rf"(?<![\w./-])(?:(?P<y>(?:19|20)\d\d)(?P<dash>\s*{_DASH}\s*|/)|['’‘](?P<ay>\d\d)\s*{_DASH}\s*['’‘]?)"
    rf"(?P<e>\d\d)(?![\w./-])")


def _slashed_or_short_range(text: str) -> tuple[str, str, tuple[int, int]] | None:
    slashed = _SLASHED_RANGE.search(text)
    if slashed is not None:
        first, second = (int(slashed.group(name)) for name in ("a1", "a2"))
        end_first, end_second = (int(slashed.group(name)) for name in ("b1", "b2"))
        us = max(second, end_second) > 12 and max(first, end_first) <= 12
        start_month, end_month = (first, end_first) if us else (second, end_second)
        if 1 <= start_month <= 12 and 1 <= end_month <= 12:
            return (f"{slashed.group('ay')}-{start_month:02d}", f"{slashed.group('by')}-{end_month:02d}",
                    slashed.span())
    years = _YEAR_SLASH_YEAR.search(text)
    if years is not None and 0 <= int(years.group("b")) - int(years.group("a")) <= MAX_SLASHED_YEARS_SPAN:
        return years.group("a"), years.group("b"), (years.start("a"), years.end("b"))
    for short in _SHORT_YEAR_RANGE.finditer(text):
        start = int(short.group("y")) if short.group("y") else _full_year(int(short.group("ay")))
        end = start // 100 * 100 + int(short.group("e"))
        end = end if end >= start else end + 100
        dash = short.group("dash") or "/"
        spaced = dash.strip() != dash or dash.strip() not in ("-", "/")
        if 0 < end - start <= 10 and (int(short.group("e")) > 12 or spaced or not short.group("y")):
            return str(start), str(end), short.span()
    return None


# A range whose start keeps two digits of its year and whose end has four ("juillet 19 – Février 2023"): both ends are a
# month and its year, written alike but for the century, which the end gives (or the one before it; a span of over
# MAX_SHORT_START_SPAN years is not one position).
_SHORT_START_YEAR = re.compile(
    rf"(?<![\w])(?P<m1>{_MONTH_ALTERNATION})\.?\s+(?P<y1>\d\d)\s*{_DASH}\s*(?P<m2>{_MONTH_ALTERNATION})\.?\s+"
    rf"(?P<y2>(?:19|20)\d\d)(?![\w])", re.IGNORECASE)


MAX_SHORT_START_SPAN = 40


def _short_start_year(text: str) -> tuple[str, str, tuple[int, int]] | None:
    found = _SHORT_START_YEAR.search(text)
    if found is None:
        return None
    end_year = int(found.group("y2"))
    start_year = end_year // 100 * 100 + int(found.group("y1"))
    start_year -= 100 if start_year > end_year else 0  # "Sep 98 - Jan 2001"
    if end_year - start_year > MAX_SHORT_START_SPAN:
        return None
    return (f"{start_year}-{month_number(found.group('m1')):02d}", f"{end_year}-{month_number(found.group('m2')):02d}",
            found.span())


# The year before the month's name ("2019 August – 2019 Dezember", Hungarian "2021. szeptember – 2022. február"), and
# month numbers with two-digit years ("11/22 - 10/24", "10/24 -" open at the end of its cell): read only as a range,
# as "10/24" alone is as often a ratio or a day.
_YEAR_MONTH_RANGE = re.compile(
    rf"(?<![\w])(?P<y1>(?:19|20)\d\d)\.?\s+(?P<m1>{_MONTH_ALTERNATION})\.?\s*{_DASH}\s*"
    rf"(?:(?P<y2>(?:19|20)\d\d)\.?\s+(?P<m2>{_MONTH_ALTERNATION})|(?P<present>{_PRESENT_ALTERNATION}))(?![\w])",
    re.IGNORECASE)
_SHORT_MONTH_YEAR_RANGE = re.compile(
    rf"(?<![\w/.])(?P<m1>0?[1-9]|1[0-2])/(?P<y1>\d\d)\s*{_DASH}\s*"
    rf"(?:(?P<m2>0?[1-9]|1[0-2])/(?P<y2>\d\d)(?![\w/.])|(?P<present>{_PRESENT_ALTERNATION})(?![\w])|(?P<open>\s*$))",
    re.IGNORECASE)


def _year_month_range(text: str) -> tuple[str, str, tuple[int, int]] | None:
    found = _YEAR_MONTH_RANGE.search(text)
    if found is not None:
        start = f"{found.group('y1')}-{month_number(found.group('m1')):02d}"
        end = (f"{found.group('y2')}-{month_number(found.group('m2')):02d}" if found.group("y2") else "present")
        if end == "present" or end >= start:
            return start, end, found.span()
    short = _SHORT_MONTH_YEAR_RANGE.search(text)
    if short is not None:
        start_year = _full_year(int(short.group("y1")))
        start = f"{start_year}-{int(short.group('m1')):02d}"
        if short.group("y2") is None:
            return start, "present", (short.start(), len(text.rstrip()) if short.group("open") is not None else short.end())
        end_year = start_year // 100 * 100 + int(short.group("y2"))
        end_year += 100 if end_year < start_year else 0
        end = f"{end_year}-{int(short.group('m2')):02d}"
        if end >= start and end_year - start_year <= MAX_SHORT_START_SPAN:
            return start, end, short.span()
    return None


def find_date_range(text: str) -> tuple[str | None, str | None, tuple[int, int]] | None:
    """(start, end, span) of the first date range in `text`; an open range ("June 2021 –") ends "present"."""
    year_month = _year_month_range(text)
    if year_month is not None:
        regular = _date_range_match(text)
        if regular is None or year_month[2][0] <= regular.start():
            return year_month
    short_start = _short_start_year(text)
    if short_start is not None:
        regular = _date_range_match(text)
        if regular is None or short_start[2][0] < regular.start():
            return short_start
    special = _slashed_or_short_range(text)
    if special is not None and not _after_phone_digits(text, special[2][0]):
        regular = _date_range_match(text)
        if regular is None or special[2][0] <= regular.start():
            return special
    numeric = NUMERIC_MONTHS_OF_ONE_YEAR.search(text)
    if numeric is not None and int(numeric.group("a")) <= int(numeric.group("b")):
        year = numeric.group("y")
        return f"{year}-{int(numeric.group('a')):02d}", f"{year}-{int(numeric.group('b')):02d}", numeric.span()
    shared = MONTHS_OF_ONE_YEAR.search(text)
    if shared is not None:
        year = shared.group("y")
        end_year = shared.group("y2") or year
        return (f"{year}-{month_number(shared.group('a')):02d}", f"{end_year}-{month_number(shared.group('b')):02d}",
                shared.span())
    year_first = YEAR_THEN_MONTHS.search(text)
    if year_first is not None:
        year = year_first.group("y")
        return (f"{year}-{month_number(year_first.group('a')):02d}",
                f"{year}-{month_number(year_first.group('b')):02d}", year_first.span())
    match = _date_range_match(text)
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
# A date cell may end in a comma, a stop or a colon ("Juillet 2024 :", a one-month job heading its lines).
# It may open with the word for "from", glued or not ("De24/09/2018", "De 15/01/2019" over "18/03/2019"), but
# not with one that also means "since" ("Seit 2017" is a start running to the present: find_since).
_FROM_NOT_SINCE = r"(?:from|von|vom|du|de|da|van|от)"
_SINGLE_ONLY = re.compile(rf"^\s*(?:{_FROM_NOT_SINCE}(?:\s+|(?=\d)))?(?:{_SEASONS}\s+)?{_START}\s*[,.:]?\s*$", re.IGNORECASE)
# One date closing a header line after a separator: "CTO, COFOUNDER – MOBILINGUA – 2004", "Part-time, Summer 2009";
# a hyphen glued to a number before it joins the two into one ("ISO 9001-2015", "0221 1998-2004").
_SINGLE_AT_END = re.compile(rf"(?:^|(?<!\d)-|[–—|,(]|\s{{2,}})\s*(?:{_SEASONS}\s+)?{_START}\s*\)?\s*$", re.IGNORECASE)


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
        if start and end and end != "present" and end < start:
            return end, start  # "Août 2019" over "Juil. 2019": a column that prints the end over the start
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


def find_date_cell(text: str) -> tuple[str, bool] | None:
    """(date, whether it is finer than a year) of a cell that holds one date and nothing else ("Dezember 2012",
    "Summer 2020", "De24/09/2018"): a month or a season names a position within it; a bare year is as often a
    stacked date column's half."""
    match = _SINGLE_ONLY.match(_CONNECTOR_FIRST.sub("", text))
    if match is None or (point := _point(match, "s")) is None:
        return None
    return point, len(point) > 4 or re.match(rf"\s*(?:\w+\s+)?{_SEASON}[\s/&-]", match.group(), re.IGNORECASE) is not None


# A date that labels the line it opens, before a colon: "Juillet 2024 : inscription de nouveaux étudiants".
_DATE_LABEL = re.compile(rf"^\s*(?:{_SEASONS}\s+)?{_START}\s*:\s+(?=\S)", re.IGNORECASE)


def find_date_label(text: str) -> tuple[str, int] | None:
    """(date, where the rest starts) of a line opened by one date and a colon, else None."""
    match = _DATE_LABEL.match(text)
    if match is None or (point := _point(match, "s")) is None:
        return None
    return point, match.end()


# What joins the dates of a list: a comma, "&", or "and" in the CV languages.
_LIST_JOIN = re.compile(r"\s*[,;&]\s*|\s+(?:and|und|et|y|e|i|и|og|och|en|ve)\s+", re.IGNORECASE)


def find_date_list(text: str) -> tuple[str, str] | None:
    """(earliest, latest) of a cell that lists two single dates or more and nothing else ("Summer 2017, Summer
    2016", "2018 & 2020"): the spells of one position, which ran from the earliest to the latest."""
    parts = [part for part in _LIST_JOIN.split(text.strip(" .")) if part.strip()]
    if len(parts) < 2:
        return None
    points = []
    for part in parts:
        match = _SINGLE_ONLY.match(part)
        if match is None or (point := _point(match, "s")) is None:
            return None
        points.append(point)
    return min(points), max(points)


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


# Labels of a job's first and last day, each before its own date and a colon, as HR forms and form-like CVs print
# them ("Admissão: 01 de março de 2004" over "Demissão: 01 de março de 2006", "Eintritt: 03/2012" / "Austritt:
# 04/2014", "Date de début : 2019" / "Date de fin : 2021"), by language: (start labels, end labels).
_BOUND_LABELS_BY_LANGUAGE = {
    "en": (["start date", "start", "started", "from", "date of joining", "joined", "date started"],
           ["end date", "end", "ended", "to", "until", "date of leaving", "left", "date ended"]),
    "fr": (["date de début", "début", "du", "date d'entrée", "date d’entrée", "entrée"],
           ["date de fin", "fin", "au", "jusqu'au", "jusqu’au", "date de sortie", "sortie"]),
    "de": (["von", "vom", "beginn", "eintritt", "eintrittsdatum", "startdatum", "anfang"],
           ["bis", "ende", "austritt", "austrittsdatum", "enddatum"]),
    "es": (["fecha de inicio", "inicio", "fecha de ingreso", "ingreso", "desde", "fecha de entrada", "entrada"],
           ["fecha de fin", "fecha de finalización", "fin", "fecha de término", "término", "fecha de salida",
            "salida", "fecha de egreso", "egreso", "hasta"]),
    "pt": (["data de admissão", "admissão", "admissao", "data de início", "início", "inicio", "data de entrada",
            "entrada", "desde"],
           ["data de demissão", "demissão", "demissao", "data de saída", "saída", "saida", "término", "termino",
            "fim", "data de término", "até", "ate"]),
    "it": (["data di inizio", "data inizio", "inizio", "dal", "data di assunzione", "assunzione"],
           ["data di fine", "data fine", "fine", "al", "data di cessazione", "cessazione"]),
    "nl": (["startdatum", "begindatum", "begin", "van", "in dienst"], ["einddatum", "einde", "tot", "uit dienst"]),
    "pl": (["data rozpoczęcia", "rozpoczęcie", "od"], ["data zakończenia", "zakończenie", "do"]),
    "sv": (["startdatum", "från", "anställd från"], ["slutdatum", "till", "anställd till"]),
    "ru": (["дата начала", "начало", "дата приёма", "дата приема"], ["дата окончания", "окончание", "дата увольнения"]),
}


_START_LABEL = re.compile(
    rf"^\s*(?:{_longest_first([w for starts, _ in _BOUND_LABELS_BY_LANGUAGE.values() for w in starts])})\s*:\s*",
    re.IGNORECASE)
_END_LABEL = re.compile(
    rf"^\s*(?:{_longest_first([w for _, ends in _BOUND_LABELS_BY_LANGUAGE.values() for w in ends])})\s*:\s*",
    re.IGNORECASE)


def find_date_bound(text: str) -> tuple[str, str] | None:
    """("start" or "end", the date as printed) of a cell that labels one bound of a job and holds nothing but
    its date ("Admissão: 01 de março de 2004", "Bis: heute"), else None. The label needs its colon: "Início maio
    de 2022" under a course is a sentence, and "Von 2019" a range's first half."""
    for kind, label in (("start", _START_LABEL), ("end", _END_LABEL)):
        match = label.match(text)
        if match is None:
            continue
        date = text[match.end():].strip()
        if _SINGLE_ONLY.match(date) or (kind == "end" and _PRESENT_ONLY.match(date)):
            return kind, date
    return None
