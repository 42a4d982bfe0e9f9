"""Experience entries of a CV: anchored on the rows that carry their dates, each entry's header (title,
company, location) read from the rows around its dates, the rest up to the next entry its description.

The layouts read, all from geometry and type rather than per-generator rules:
- dates in the header line ("Title – Company – 2019-2021"), in a cell of their own (a date column, a
  right-aligned date), wrapped over two lines ("August 2011 to" / "May 2012") or stacked in a date column
  ("Avr 2020" / "|" / "Juil 2020"); a single year or season for a short position; "since" dates; a lone
  "present" cell; no dates at all under an experience heading ("Title | Company" rows);
- the header above the dates, under them, or on their row; when the dates stand beside the first bullet of
  the description, the styled row above is the header;
- header lines wrapped over rows (joined when the next word would not have fit on the line);
- title and company told apart by job-title words, the order and separators of the CV ("|", "at", dashes,
  commas only where the title row is not), legal forms, places named by country or region;
- an employer's header over its positions set in another type;
- titles and employers each in a type of their own (Awesome-CV, modern-cv): each header row one name,
  positions under one employer sharing it, dated project bullets inside an entry left in its description;
- the employer in a larger type a few rows above a header that names only the job (a markdown CV), or a
  bare town in the employer's place; "Employer, Town, ST — Title" on one line;
- dates that close each position after its description.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from ai_coach.cv.dates import (
    DANGLING_MONTH,
    PRESENT_WORDS,
    find_closing_date,
    find_date_bound,
    find_date_cell,
    find_date_label,
    find_date_list,
    find_date_range,
    find_since,
    find_single_date,
    find_wrapped_range,
    is_date_only,
    is_present_only,
    month_number,
)
from ai_coach.cv.fields import (
    EMPLOYER_JOIN,
    INSTITUTION_WORDS,
    JOB_WORDS,
    LEGAL_FORM,
    LOCATION,
    is_bullet,
    row_is_entry_header,
    split_header_parts,
    strip_bullet,
)
from ai_coach.cv.layout import Row, TextLine, unspace_line
from ai_coach.cv.phones import COUNTRY_NAMES
from ai_coach.cv.sections import body_size
from ai_coach.cv.text import clean_text, unspace_letters
from ai_coach.domain import ExperienceEntry
from common.places import is_place

# A bar glued to letters on both sides ("Lisp|Erlang Developer") joins alternatives within one piece.
_STRONG_SEPARATORS = re.compile(r"\s*(?:(?<!\w)\||\|(?!\w)|\s\|\s|•|·|¦|\s@\s)\s*")
# "Krankenschwester. Fachklinik für …": a job title of a few words closed by a full stop, then the employer. The
# word before the stop is a whole word (four letters or more), not an abbreviation ("Sr. Developer").
_TITLE_STOP = re.compile(r"^((?:[^\s.]+\s){0,3}[^\W\d_]{4,})\.\s+(?=[A-ZÀ-ÖØ-ÞА-ЯЁ])")
_CAPITAL_START = re.compile(r"[A-ZА-ЯЁ0-9]")
# An en or em dash spaced on one side only parts pieces too ("Mt. Pleasant —Substitute Teacher", Google Docs).
_DASH_SEPARATOR = re.compile(r"\s+[-–—]\s+|\s[-–—]$|\s+[–—](?=[^\W\d_])|(?<=[^\W\d_])[–—]\s+")
_DURATION = re.compile(
    r"^\(?\s*(?:\d+(?:[.,]\d+)?\s*(?:yrs?|years?|mos?|months?|weeks?|jahre?|monate?|wochen|woche|ans?|mois|semaines?|"
    r"años|meses|semanas?|settimane|лет|года?|месяц\w*|недел\w*|tygod\w*|"
    r"mies\w*|lat|roky?|let|"
    r"ay|yıl|yil|hafta|m)\b[\s,]*)+\)?$", re.IGNORECASE)  # (Turkish months, years, weeks: "(25ay)"; "(1m)")
_FIELD_LABEL = re.compile(r"^(?:city|country|ort|ville|ciudad|город|страна|location|standort|lieu)\s*:\s*", re.I)
# Working for oneself, written where the employer would stand: the entry's employer as a user reads it.
_SELF_EMPLOYED = re.compile(r"freelance|self[- ]employed|selb(?:st)?st[äa]ndig|indépendante?|autónom[oa]|autônom[oa]|"
                            r"libero professionista|zelfstandige?|zzp|samozatrudnienie|фриланс", re.IGNORECASE)
def _working_for_oneself_over_job(title: str | None, company: str | None) -> bool:
    """A title that is only the word for working for oneself, beside a name that names a job (or says
    "self-employed" of one: "Geofísico Autônomo") and no organisation."""
    bare = (title or "").strip(" .")
    alone = _SELF_EMPLOYED.fullmatch(bare) or (" " not in bare and _SELF_EMPLOYED.match(bare))  # "Freelancer"
    return bool(alone and company and not _names_organisation(company)
                and (JOB_WORDS.search(company) or _SELF_EMPLOYED.search(company)))


_EMPLOYMENT_WORDS = re.compile(
    r"^(?:full[- ]time|part[- ]time|freelance|contract|remote|hybrid|on[- ]site|internship|cdi|cdd|"
    r"vollzeit|teilzeit|temps plein|jornada completa|удал[её]нно|полная занятость)"
    r"(?:$|\s+(?:co-?op\s+)?(?:positions?|jobs?|roles?|contracts?|work)$)", re.IGNORECASE)


def _split_at_word(text: str, one_cell: bool) -> list[str]:
    """"Title at Company" in two: when what comes before the word names a job, or, in a row of one cell,
    when a capital follows it ("TeamLead at Automaton")."""
    stop = _TITLE_STOP.match(text)
    if stop is not None and JOB_WORDS.search(stop.group(1)):
        return [stop.group(1), *_split_at_word(text[stop.end() :], one_cell)]
    # "Software Engineer at Google". When the job title sits in a cell of its own, the word is part of the
    # company's name ("Compass Group at Microsoft" beside "Software Engineer").
    match = EMPLOYER_JOIN.search(text)
    if match is None:
        return [text]
    titled = bool(JOB_WORDS.search(text[: match.start()]))
    # "at", "bei", "chez", "bij" join a title the vocabulary does not know to its employer; "в", "en", "na"
    # also mean "in" a place, so they need the title, and so do German "im", "am", "beim" ("Krankenpflegerin im
    # UKE"), which may come again inside the employer's name ("Residenz am Wiesenkamp"): no second split.
    word = " ".join(match.group(0).split()).lower().replace("’", "'")
    if word in ("en", "na", "в", "im", "am", "au", "aux", "à la", "à l'") and not _CAPITAL_START.match(text, match.end()):
        return [text]  # "Tuteur en physique", "Ingeniero en sistemas": the field of the job, not its employer
    if word in ("au", "aux", "à la", "à l'") and (not titled or is_place(text[match.end() :].split(",")[0].strip())):
        return [text]  # "Stage au Maroc", "Mission à la Réunion": where the job was, not its employer
    employer_word = word in ("at", "bei", "chez", "bij")
    if (word == "at" and not titled and _names_organisation(text[: match.start()])
            and is_place(text[match.end() :].split(",")[0].strip())):
        return [text]  # "University of Texas at Dallas": a campus named by its town, not a title and its employer
    if not (titled or (one_cell and employer_word and _CAPITAL_START.match(text, match.end()))):
        return [text]
    if word in ("im", "am", "beim"):
        rest = text[match.end() :]
        after_comma = rest.split(",")[1].strip(" .") if "," in rest else ""
        if (text.rstrip().endswith(".") and "," in rest) or (
                rest.count(",") >= 2 and not (is_place(after_comma) or _is_location(after_comma))):
            # "Monteur im Sondermaschinenbau, Inocon, Attnang-Puchheim.", "Praktikum im Kindergarten,
            # Sonnenkindergarten, Büderich": moderncv's "Title, Employer, Town"; the employer is after the comma
            return [text]
        return [text[: match.start()], text[match.end() :]]
    return [text[: match.start()], *_split_at_word(text[match.end() :], one_cell)]


def _strong_pieces(text: str, one_cell: bool = True) -> list[str]:
    return [item for piece in _STRONG_SEPARATORS.split(text) for item in _split_at_word(piece, one_cell)]


_SPACED_BAR = re.compile(r"\s\||\|\s")
_GLUED_BAR = re.compile(r"(?<=\w)\|(?=\w)")


def _header_parts(row: Row, keep_dashes: bool = False, commas: bool = True, dashes_first: bool = False) -> list[str]:
    """An entry header row's pieces: its dates cut out first, then split at its fragments and strong
    separators ("|", "•", " at ", " bei "), at dashes only when the row has no stronger separator
    ("Title — Subtitle | Company" keeps the title whole), and at commas only when it has neither
    ("TEACHER, COACH – HARVARD" keeps the titles together) and the header is this one row (`commas`; a
    title row over its company row keeps "Offering Manager, Technical Support Services" whole). In a CV whose
    headers are "Title – Company – Dates" (`dashes_first`), the dashes part the pieces and a "|" stays inside
    one ("RICHARD KASPEROWSKI | CERTIFIED AGILE TEAM BUILDING")."""
    texts = []
    fragments_with_text = 0
    for fragment in row.fragments:
        # A bullet that opens the row marks the line, it separates nothing.
        text = _RUN_IN_LABEL.sub("", strip_bullet(unspace_letters(clean_text(fragment.text)).replace("\n", " ")))
        if _SPACED_BAR.search(text):
            # A line that sets a bar apart as a separator somewhere ("Intégratrice Multicanal|3magroup Rouffach
            # |Mars 2023") uses its every bar so: one glued to letters there parts pieces too.
            text = _GLUED_BAR.sub(" | ", text)
        if fragment is row.fragments[0]:
            leading = find_date_range(text)
            if leading is None or leading[2][0] != 0:  # (not the year of a range it opens: "2019 August - 2019 Dezember")
                text = _LEADING_YEAR.sub("", text)  # "2016 Praktikum als Arzthilfe, ...": the date column's year
                opening = _opening_month(text) if leading is None else None
                if opening is not None:
                    text = text[opening[1][1] :]  # "07.2005 Administrator Sieci": the column's one month
            label = find_date_label(text)
            text = text[label[1]:] if label else text  # "Juillet 2024 : inscription ...": the date labels the line
        found = find_date_range(text)
        pieces = []
        while found:
            cut_start, cut_end = _date_remark(text, *found[2])
            pieces.append(text[:cut_start])
            text = text[cut_end:]
            found = find_date_range(text)
        closing = find_closing_date(text)
        if closing is not None and text[: closing[1]].strip(" ,-–—|("):
            text = text[: closing[1]]  # "CTO, COFOUNDER – MOBILINGUA – 2004": the year is no piece of the header
        # A date column's cell (one date, a start "since", a list of dates) is no header text; a slash set before
        # the dates parts them from the title like a dash ("Pracownik produkcji / 2015.04 - 2015.09").
        pieces = [piece.strip(" -–—|/") for piece in [*pieces, text] if piece.strip(" ,-–—|()[]/")
                  and not is_date_only(piece) and not _since_only(piece) and not find_date_list(piece)]
        fragments_with_text += bool(pieces)
        texts.extend(pieces)
    one_cell = fragments_with_text <= 1
    strong = keep_dashes or any(len(_strong_pieces(text, one_cell)) > 1 for text in texts) or not one_cell
    dashed = any(_DASH_SEPARATOR.search(text) for text in texts)
    parts: list[str] = []
    if dashes_first and dashed:
        parts = [piece for text in texts for piece in _DASH_SEPARATOR.split(text)]
        return [_without_place_remark(_trim(part)) for part in parts if _trim(part)]
    for text in texts:
        for piece in _strong_pieces(text, one_cell):
            pieces = [piece] if strong else _DASH_SEPARATOR.split(piece)
            for item in pieces:
                # A comma inside brackets parts nothing ("University of Central Florida (Orlando, FL)").
                split = "," in re.sub(r"\([^()]*\)", "", item) and commas and not (strong or dashed)
                parts.extend(split_header_parts(item) if split else [item])
    parts = [piece for part in parts for piece in _split_label(part)]
    return [_without_place_remark(_trim(part)) for part in parts if _trim(part)]


# "Externe stage: Philips HHDx": one or two words, a colon, then the employer.
_LABEL_COLON = re.compile(r"^([^\s:]+(?:\s[^\s:]+)?)\s*:\s+(\S.*)$")

# Rows whose label says which field the value is ("Stanowisko: Tester IT", "Poste : Chef de projet", "Employer:
# Acme"): the job's title or its employer, in the languages of the CVs read.
_TITLE_LABELS = (r"position|job title|title|role|stanowisko|funkcja|poste|fonction|intitulé du poste|funktion|rolle|"
                 r"position|tätigkeit|berufsbezeichnung|cargo|puesto|rol|ruolo|posizione|mansione|qualifica|functie|"
                 r"functietitel|befattning|titel|tjänst|stilling|função|funcao|должность|позиция")
_EMPLOYER_LABELS = (r"employer|company|organi[sz]ation|firma|pracodawca|arbeitgeber|unternehmen|entreprise|employeur|"
                    r"société|empresa|empleador|azienda|datore di lavoro|werkgever|bedrijf|bedrijfsnaam|organisatie|"
                    r"arbetsgivare|företag|arbejdsgiver|arbeidsgiver|nazwa firmy|nazwa pracodawcy|firmenname|"
                    r"nombre de la empresa|компания|"
                    r"работодатель|организация")
_FIELD_ROW = re.compile(rf"^(?:(?P<title>{_TITLE_LABELS})|(?P<employer>{_EMPLOYER_LABELS}))\s*:\s*(?P<value>\S.*)$",
                        re.IGNORECASE)
_LABEL_WORD = re.compile(rf"^(?:{_TITLE_LABELS}|{_EMPLOYER_LABELS})$", re.IGNORECASE)


def _field_row(row: Row) -> tuple[str, str] | None:
    """("title" or "company", value) of a row that labels its field, else None."""
    match = _FIELD_ROW.match(strip_bullet(clean_text(row.text)))
    if match is None:
        return None
    value = match.group("value")
    found = find_date_range(value)
    if found is not None:  # "Firma: QUATEST | 11.2018 - 06.2019": the dates are the row's, not the employer's
        value = value[: found[2][0]] + " " + value[found[2][1] :]
    value = _trim(value)
    words = len(value.split())
    if not value or words > MAX_FIELD_VALUE_WORDS or (value.endswith(".") and words >= PROSE_WORDS_BEFORE + 1):
        return None  # "Role: Responsible for the backend and its deployment.": a sentence of the description
    return ("title" if match.group("title") else "company", value)


MAX_FIELD_VALUE_WORDS = 10


def _since_only(text: str) -> bool:
    """A cell that holds only a start date written as "since ..." ("Depuis septembre 2020", "seit 2007")."""
    found = find_since(text)
    return found is not None and not (text[: found[1][0]] + text[found[1][1] :]).strip(" ,.-–—")


# A word that labels the dates on their row ("Período 08/2021 – 08/2023", "Zeitraum: 2019 - 2021", "Dates : ..."):
# it names the field, never a title, an employer or a place.
_DATE_LABEL = re.compile(
    r"^(?:per[ií]od[oe]?|period|zeitraum|dauer|dates?|datum|durée|duration|duração|duración|durata|fechas?|"
    r"datas?|okres|czas trwania|dönem|tarih(?:ler)?|период|сроки?|даты?|tidsperiod)\s*:?$", re.IGNORECASE)


def _named_parts(row: Row) -> list[str]:
    """The pieces of a header row that can name a title, a company or a place: no duration ("(4 years 2
    months)"), kind of employment ("Full-time") or label of the dates ("Período")."""
    parts = [part for part in _header_parts(row, commas=False)
             if not _DURATION.match(part) and not _EMPLOYMENT_WORDS.match(part) and not _DATE_LABEL.match(part)]
    # A line led by its date column's year is one moderncv entry line too, full stop or not.
    led_by_year = _LEADING_YEAR.match(clean_text(row.text)) is not None
    if len(parts) == 1 and _comma_sentence(parts[0], clean_text(row.text) + ("." if led_by_year else "")):
        return [part for part in (_trim(piece) for piece in parts[0].split(",")) if part]
    return parts


# "Berufspraktikum, TGW Logistics Group, Wels.": a job's title, employer and town in one line closed by a full
# stop, as LaTeX CV classes (moderncv's \cventry) print them beside the dates.
MIN_COMMA_PIECES = 3
# A piece of such a line names one thing: a long university name ("Pontifícia Universidade Católica do Rio Grande do
# Sul") still is one.
MAX_COMMA_PIECE_WORDS = 9


def _comma_sentence(piece: str, row_text: str) -> bool:
    """A header piece that is a whole "Title, Employer, Town." line: three or more short comma parts, none a
    sentence, the row closed by a full stop. Such a line is complete; the row under it is its description."""
    bare = re.sub(r"\([^()]*\)", "", piece)
    commas = [part.strip() for part in bare.split(",")]
    return (row_text.rstrip().endswith(".") and len(commas) >= MIN_COMMA_PIECES
            and all(part and len(part.split()) <= MAX_COMMA_PIECE_WORDS and not part[0].islower() for part in commas))


# "Prácticas universitarias 3: Solver", "Editor de Imágenes, Freelance: Fiverr": a job of up to five words, a
# colon, then the employer.
_JOB_COLON = re.compile(r"^((?:[^\s:]+\s){1,4}[^\s:]+)\s*:\s+([A-ZÀ-ÖØ-ÞА-ЯЁ0-9]\S*(?:\s\S+){0,5})$")


def _split_label(part: str) -> list[str]:
    match = _LABEL_COLON.match(part)
    if match is None and (job := _JOB_COLON.match(part)) is not None and JOB_WORDS.search(job.group(1)):
        match = job
    return [match.group(1), match.group(2)] if match else [part]


# A header run into its description: "Fietsenmaker – Budget Fietsenhuis. Taken: Verkoop, ..." ends at the label.
_RUN_IN_LABEL = re.compile(r"(?:\.|\s[-–—])\s+[^\W\d_][\w-]*:(?:\s.*)?$")


# "M&S AG, Bern", "Acme GmbH, Berlin.": after the legal form the company's name is over; the rest is the place.
_LEGAL_FORM_THEN_PLACE = re.compile(
    r"^(.*?\b(?:AG|ag|GmbH|Inc\.?|Ltd\.?|LLC|S\.?A\.?|SAS|SARL|B\.?V\.?|N\.?V\.?|plc|KG|Oy|AB|s\.r\.o\.|sp\. z o\.\s?o\.))"
    r",\s+(?:[A-Z]{1,2}-)?(?:\d{4,5}\s+)?[^\W\d_][\w .-]*$")  # (a postcode before the town: "AG, 8590 Romanshorn")
# "HOLCIM S.A., Nobsa, Boyacá" read as the employer: after its legal form, its town and region.
_LEGAL_FORM_THEN_TOWN = re.compile(_LEGAL_FORM_THEN_PLACE.pattern[:-1] + r"(?:,\s+[^\W\d_][\w .-]*)?$")


def _date_remark(text: str, start: int, end: int) -> tuple[int, int]:
    """The span to cut for dates at text[start:end]: the whole parenthesised remark when the dates sit in one
    ("Endatabas (2023-2024, Canada)", "Insolar [Jan 2020 - Jan 2021]"), since what shares the brackets with them is where or how, not a name."""
    for left, right in ("()", "[]"):
        opening = text.rfind(left, 0, start)
        closing = text.find(right, end)
        if opening != -1 and closing != -1 and right not in text[opening:start] and left not in text[end:closing]:
            return opening, closing + 1
    return start, end


# "Endatabas (Canada)", "Pariyatti (Volunteer, Remote)": where or how, not part of the company's name.
_COUNTRY_REMARK = re.compile(
    r"\s*\((?:[^()]*\b(?:remote|volunteer|" + "|".join(map(re.escape, COUNTRY_NAMES)) + r")\b[^()]*)\)$", re.IGNORECASE)
_LEADING_SYMBOLS = re.compile(r"^[^\w(\[.+#@&]+")
_TRAILING_REMARK = re.compile(r"\s*\(([^()]+)\)$")


# "Application Developer (Remoto)", "Consultant Informatique (Indépendant)", "Developer (Part-time)": how the
# job was done (remote, self-employed, part of the week), in the languages of the CVs read, is no part of its title;
# nor is a note that it is the job held now ("Lagerarbetare (Nuvarande roll)", "(current role)", "(poste actuel)").
_WORK_MODE_REMARK = re.compile(
    r"\s*\((?:(?:current|present|nuvarande|nåværende|nuværende|aktuelle|derzeitige|huidige|poste|puesto|cargo|"
    r"ruolo|obecne|obecna)\s+(?:role|position|job|roll|rolle|stilling|stelle|position|functie|rol|actuel|actual|"
    r"attuale|stanowisko)|"
    r"remote|remoto|remota|à distance|a distancia|télétravail|teletrabajo|híbrido|hybrid|hybride|"
    r"homeoffice|home office|fernarbeit|zdalnie|удал[её]нно|freelance|freelancer|indépendante?|autónomo|autônomo|"
    r"autonomo|selbstständig|selbständig|freiberuflich|part[- ]time|full[- ]time|teilzeit|vollzeit|"
    r"temps partiel|temps plein|tiempo parcial|tiempo completo|meio período|tempo integral|tempo parziale|"
    r"tempo pieno|deeltijd|voltijd|deltid|heltid|deltidsansat|fuldtid|osa-aikainen|kokoaikainen|"
    r"niepełny etat|pełny etat|contract|contrat)\)$", re.IGNORECASE)
# "Full-Stack Engineer(Java/JS)", "Backend Developer (Go, Kubernetes)": the stack the job was done with, two or
# more short names in brackets closing the title; one name in brackets ("Développeur (C++)") may be its field.
# "Aldi Süd Kriftel (Boys' Day)": the one-day job-shadowing occasion (Germany's and Austria's Boys'/Girls' Day, the
# "Zukunftstag"; Switzerland's "Schnuppertag"/"Schnupperlehre") the placement was made on, no part of the employer's name.
_OCCASION_REMARK = re.compile(r"\s*\((?:(?:boys|girls)\W{0,3}\s?day|zukunftstag|schnuppertag|schnupperlehre)\)$",
                              re.IGNORECASE)
# "JCL / Leiharbeit", "Contoso / Contract": how the job was held (through a temping agency, on contract) after a slash.
_SLASHED_MODE = re.compile(r"\s*/\s*(?:leiharbeit|zeitarbeit|arbeitnehmerüberlassung|intérim|interim|contract|"
                           r"freelance|part[- ]time|full[- ]time|remote)$", re.IGNORECASE)
_STACK_REMARK = re.compile(r"\s*\((?:[\w.+#-]+(?: [\w.+#-]+)?)(?:\s*[/,]\s*[\w.+#-]+(?: [\w.+#-]+)?)+\)$")


def _without_place_remark(part: str) -> str:
    """A piece without the remark that says where or how ("Endatabas (Canada)", "Friesland Campina
    (Eindhoven)": a known town or country in brackets, "(Remoto)": how the job was done, "(Golang/Rust)": the
    stack it was done with), which is no part of the employer's name or of the job's title."""
    part = _COUNTRY_REMARK.sub("", part)
    mode = _WORK_MODE_REMARK.search(part) or _OCCASION_REMARK.search(part) or _SLASHED_MODE.search(part)
    if mode is not None and mode.start() > 0:
        part = part[: mode.start()]
    stack = _STACK_REMARK.search(part)
    if stack is not None and stack.start() > 0:
        part = part[: stack.start()]
    remark = _TRAILING_REMARK.search(part)
    if remark is not None and remark.start() > 0 and _DURATION.match(remark.group(1)):
        return part[: remark.start()]  # "Immobilienverwaltung (2 Wochen)": how long, not part of the name
    if remark is not None and remark.start() > 0 and (is_place(remark.group(1)) or _is_location(remark.group(1))):
        part = part[: remark.start()]
    return part


MIN_REMARK_SENTENCE_WORDS = 5


def _without_phrase_remark(title: str | None) -> str | None:
    """A title without the phrase in brackets after it ("Sechswöchiger Werkstattgrundkurs (Grundkenntnisse in der
    mechanischen und elektronischen Fertigung)"): it says what the job was about, the description's matter. A word
    or two stay ("Notfallsanitäter (Feldscher)"), and an employer's remark is its own ("Knowledge Technologies
    International (formerly ICAD, acquired by Oracle and Dassault Systemes)")."""
    remark = _TRAILING_REMARK.search(title or "")
    if title and remark is not None and remark.start() > 0 and len(remark.group(1).split()) >= MIN_REMARK_SENTENCE_WORDS:
        return title[: remark.start()]
    return title


def _trim(part: str) -> str:
    """Spacing and separators off both ends; a bracket only when it has no partner ("(KarrotPay)" stays)."""
    part = _LEADING_SYMBOLS.sub("", " ".join(part.split())).strip(" ,-–—|:")
    for opening, closing in ("()", "[]"):
        if part.endswith(closing) and part.count(opening) < part.count(closing):
            part = part[:-1].rstrip()
        if part.startswith(opening) and part.count(opening) > part.count(closing):
            part = part[1:].lstrip()
    return part.strip(" ,-–—|:")


# A country, a two-letter region code ("CA", "NY") or remote work: what makes a "City, Region" piece a place.
_NAMED_PLACE = re.compile(
    r"\b(?:" + "|".join(map(re.escape, COUNTRY_NAMES)) + r")\b|(?-i:,\s*[A-Z]{2}\b)|\bremote\b", re.IGNORECASE)


# ", Palo Alto" closing an employer's name: one to three capitalised words, no legal form ("Foo, Inc.").
_TRAILING_TOWN = re.compile(
    r",\s+((?!(?:Inc|Ltd|LLC|GmbH|AG|SA|SAS|BV|NV|plc|Corp|Co)\b)[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]*(?:\s[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]*){0,2})\.?$")


def _town_in_lower_case(text: str) -> bool:
    """The first comma part of a "Town, Region" piece, the town, holds a word of four letters or more in lower
    case: town names capitalise theirs, all but short particles ("Frankfurt am Main", "São José dos Campos") and
    elided ones ("Reggio nell'Emilia"), so the piece is a name of something else ("Senior officer, Hygiene of
    health facilities")."""
    town = text.split(",", 1)[0]
    return any(len(word) >= 4 and word[0].islower() and word.isalpha() for word in town.split())


def _is_location(part: str) -> bool:
    if LEGAL_FORM.search(part) or _LEGAL_FORM_AFTER_COMMA.search(part):
        return False  # "Morningstar, Inc." or "PUERTOS DE ANZOATEGUI, SA." is a company, not a town
    return bool(LOCATION.match(part) and not JOB_WORDS.search(part) and len(part.split()) <= 6
                and not _town_in_lower_case(part)) or bool(
        re.fullmatch(r"(?:remote|удал[её]нно|télétravail|homeoffice|zdalnie)", part, re.IGNORECASE))


def _same_type(row: Row, other: Row) -> bool:
    return abs(row.size - other.size) < 0.3 and row.bold == other.bold


def _styled(row: Row, body: float) -> bool:
    return row.bold or row.size > body + 0.4


def _wrapped_at_comma(rows: list[Row], index: int, ceiling: int) -> bool:
    """Rows `index` and `index + 1` are one name broken after a comma: the first ends on the comma (so it is
    no header on its own), the second is a short header row that ends the name."""
    if index + 1 >= ceiling:
        return False
    text = strip_bullet(clean_text(rows[index].text))
    return (text.endswith(",") and bool(text) and not text[0].islower() and not is_bullet(rows[index])
            and len(rows[index].fragments) == 1 and row_is_entry_header(rows[index + 1])
            and _header_words(rows[index + 1]) <= 6
            and not find_date_range(clean_text(rows[index + 1].text)))


MAX_CELL_NAME_WORDS = 6


def _under_dates_cell(dated: Row, row: Row) -> bool:
    """A name flush right under the dates cell at the right end of an entry's title row, in that cell's type
    ("Jednoosobowa działalność gospodarcza   2021-2022" / "whIT"): the employer, whatever its first letter.
    Layout fact: a template that right-aligns the dates sets the employer (or the town) right-aligned under them,
    in their type, in the column right of the title."""
    if len(dated.fragments) < 2 or len(row.fragments) != 1:
        return False
    cell, name = dated.fragments[-1], row.fragments[0]
    text = clean_text(name.text)
    return (bool(find_date_range(clean_text(cell.text)) or is_date_only(clean_text(cell.text)))
            and abs(name.x1 - cell.x1) <= 2 and name.x0 > dated.fragments[0].x1
            and abs(name.size - cell.size) < 0.3 and name.bold == cell.bold
            and 0 < len(text.split()) <= MAX_CELL_NAME_WORDS and not find_date_range(text) and not is_bullet(row))


def _over_indented_description(rows: list[Row], index: int, ceiling: int, left: float) -> bool:
    """A short row at the entry's left edge with the entry's description set in under it (within two rows, only
    rows at that edge between): a header row whatever its first letter ("effektiv Arbeitsvermittlung", a name
    written in lower case, between "Mai 2019 – September 2019" and the indented task lines). Layout fact: a CV
    that indents its descriptions keeps every header row at the entry's left edge."""
    row = rows[index]
    text = strip_bullet(clean_text(row.text))
    if (not text or is_bullet(row) or abs(row.x0 - left) > 2 or _header_words(row) > 8
            or text.endswith((".", ";", ",", ":"))):
        return False
    for following in rows[index + 1 : min(ceiling, index + 3)]:
        if following.x0 >= left + following.size:
            return True
        if abs(following.x0 - left) > 2:
            return False
    return False


def _town_led(pieces: list[str]) -> bool:
    """A row of dates whose only other piece is one or two words naming no job: a town ("Władysławowo |")."""
    return len(pieces) == 1 and len(pieces[0].split()) <= 2 and not JOB_WORDS.search(pieces[0])


def _header_words(row: Row) -> int:
    """How many words a row holds outside a cell of dates ("Actualidad" or "Marzo 2024" ending the range
    above it, beside the employer's name); a dash between words is none."""
    return sum(sum(any(char.isalnum() for char in word) for word in text.split()) for fragment in row.fragments
               for text in [clean_text(fragment.text)] if not is_date_only(text))


def _header_row(row: Row, body: float, plain: bool) -> bool:
    """A row that can belong to an entry's header: styled apart from the description (bold or larger), or,
    in a CV without styling, short and not a sentence. A bullet set bold in a type larger than the body's
    marks the header it opens ("● Quality Plus Moto boy" over its dates), not a point of the description."""
    if not row_is_entry_header(row):
        return _bold_bullet_header(row, body)
    if _GLUED_DASH_POINT.match(clean_text(row.text)):
        return False  # "-Vente de contrats d'énergie": a point of the description typed with its dash glued on
    return plain or _styled(row, body) or bool(find_date_range(clean_text(row.text)))


_GLUED_DASH_POINT = re.compile(r"^\s*[-–](?=[^\W\d_])")


def _bold_bullet_header(row: Row, body: float) -> bool:
    if not (is_bullet(row) and row.bold and row.size > body):
        return False
    text = strip_bullet(clean_text(row.text))
    return bool(text) and row_is_entry_header(_with_text(row, text))


def _anchors(rows: list[Row], body: float) -> list[tuple[int, tuple[str | None, str | None]]]:
    """Rows holding an entry's dates, with the dates; a range split over two rows ("2022 -" / "2023") is joined."""
    anchors: list[tuple[int, tuple[str | None, str | None]]] = []
    consumed: set[int] = set()  # rows that only finish the dates of the row above
    for index, row in enumerate(rows):
        if index in consumed:
            continue  # it finishes the dates of the row above and opens no entry of its own
        found = find_date_range(clean_text(row.text))
        if found is None or found[1] == "present":
            wrapped = _wrapped_dates(rows, index)
            if wrapped is not None and (found is None or wrapped[0][1] != "present"):
                anchors.append((index, wrapped[0]))
                consumed.update(range(index + 1, wrapped[1] + 1))
                continue
            if wrapped is not None and found is not None and wrapped[0] == (found[0], "present"):
                consumed.update(range(index + 1, wrapped[1] + 1))  # "10/24 -" over "laufend": the same open range
        if found is not None and len(row.fragments) == 1 and _inside_sentence(row) and not (
                index and _styled(row, body) and _same_type(rows[index - 1], row)
                and find_date_range(clean_text(rows[index - 1].text)) is None):
            # "... high-performance teams (2018-2021);": dates inside a sentence of a description. A row in the
            # headers' own type (bold or larger than the body) under an undated row of that type is no sentence
            # but the end of the header wrapped onto it ("Researcher | Institute of Veterinary" / "medicine |
            # 2019 – 2020"): descriptions are set in the body's type.
            continue
        previous_row = rows[anchors[-1][0]] if anchors else None
        if found is not None and _introduced_in_sentence(row, clean_text(row.text), found[2][0], previous_row):
            continue
        if not found:
            since = find_since(clean_text(row.fragments[0].text))
            if since is not None and _introduced_in_sentence(row, clean_text(row.fragments[0].text), since[1][0],
                                                             previous_row):
                continue  # "• ..., in huidige functie sinds 2020.": a remark of the description
            if since is None and len(row.fragments) > 1 and _since_only(clean_text(row.fragments[-1].text)):
                # "t-systems MMS GmbH, Dresden    seit 02/2022": the start right-aligned in a cell of its own
                since = find_since(clean_text(row.fragments[-1].text))
            if since is not None:
                anchors.append((index, (since[0], "present")))
            elif len(row.fragments) > 1 and is_present_only(clean_text(row.fragments[-1].text)):
                anchors.append((index, (None, "present")))  # "FlixBus GmbH | Software-Ingenieur | Heutzutage"
            elif index not in consumed and row_is_entry_header(row) and (
                    listed := find_date_list(clean_text(row.fragments[0].text))) is not None:
                anchors.append((index, listed))  # "Summer 2017, Summer 2016": one position's spells, a cell of dates
            elif index not in consumed and (single := _single_date(rows, index, body)) is not None:
                anchors.append((index, (single, single)))  # a position within one year (or season)
            continue

        start, end = found[0], found[1]
        text = clean_text(row.text)
        later = _LATER_DATE.match(text, found[2][1])
        again = find_date_range(text[found[2][1] :]) if re.match(r"\s*[,;&]\s*\S", text[found[2][1] :]) else None
        if again is not None and not text[found[2][1] : found[2][1] + again[2][0]].strip(" ,;&"):
            end = again[1]  # "August 2022 - Mar 2024, Mar 2025 - Present": one position in two spells
        elif later is not None and end != "present":
            end = find_single_date(later.group(1))[0]  # "2018-2021, 2025": the position ran on to the last date
        if end == "present" and index + 1 < len(rows):
            following = find_single_date(clean_text(rows[index + 1].fragments[0].text))
            first = clean_text(row.fragments[0].text)
            open_range = re.search(r"[-–—]\s*$", first)
            month = DANGLING_MONTH.search(first)
            if following and (open_range or month) and following[1][0] <= 1:
                end = following[0]
                consumed.add(index + 1)
                if month and re.fullmatch(r"\d{4}", end):
                    end = f"{end}-{month_number(month.group(1)):02d}"
        anchors.append((index, (start, end)))
    return anchors


_LATER_DATE = re.compile(r"\s*,\s*((?:19|20)\d\d)(?!\d)")


def _undated_anchors(rows: list[Row], body: float, plain: bool) -> list[tuple[int, tuple[str | None, str | None]]]:
    """In a section with no dates at all, the header rows that pair a job title with another piece at a
    strong separator ("DC Analyst | Deloitte USI", "Intern at Pingalaksh") are the entries."""
    anchors: list[tuple[int, tuple[str | None, str | None]]] = []
    for index, row in enumerate(rows):
        if not _header_row(row, body, plain) or (not plain and not _styled(row, body)):
            continue
        pieces = [piece for piece in _strong_pieces(strip_bullet(clean_text(row.text))) if piece.strip()]
        if len(pieces) >= 2 and any(JOB_WORDS.search(piece) for piece in pieces):
            anchors.append((index, (None, None)))
    return anchors


_EMPLOYER_TOWN = re.compile(r"(?P<name>[^,]{2,60}),\s*(?P<town>[A-ZÀ-ÖØ-ÞÅÄÖ][\w.'’-]*(?:\s[A-ZÀ-ÖØ-Þ][\w.'’-]*){0,2})")
MAX_KIND_WORDS = 3
MIN_GROUPED_EMPLOYERS = 2


def _employers_under_kinds(rows: list[Row]) -> list[ExperienceEntry]:
    """A section with no dates that lists employers under a word naming the kind of work ("Praktikarbeten" /
    "Coop, Trelleborg" / "ÖoB, Trelleborg" / "Sommarjobb" / "Sommarhäng I stadsparken" / "Trelleborg"): each
    employer, with its town after a comma or on the row under it (a known town alone), is a position, and the
    kind of work above it its title. Every row must be of that shape (a short capitalised line, no sentence)."""
    entries: list[ExperienceEntry] = []
    kind: str | None = None
    number = 0
    while number < len(rows):
        row = rows[number]
        text = strip_bullet(clean_text(row.text)).strip()
        if len(row.fragments) != 1 or not text or not text[0].isupper() or text.endswith((".", ":", ";")) \
                or len(text.split()) > 6:
            return []
        following = clean_text(rows[number + 1].text).strip() if number + 1 < len(rows) else ""
        placed = _EMPLOYER_TOWN.fullmatch(text)
        if placed is not None and kind is not None and not JOB_WORDS.search(text):
            entries.append(ExperienceEntry(title=kind, company=placed.group("name").strip(),
                                           location=placed.group("town")))
        elif kind is not None and "," not in text and following and "," not in following and is_place(following):
            entries.append(ExperienceEntry(title=kind, company=text, location=following))
            number += 1
        elif "," not in text and len(text.split()) <= MAX_KIND_WORDS:
            kind = text
        else:
            return []
        number += 1
    return entries if len(entries) >= MIN_GROUPED_EMPLOYERS else []


def _undated_among_dated(rows: list[Row], anchors: list[tuple[int, tuple[str | None, str | None]]],
                         body: float) -> list[tuple[int, tuple[str | None, str | None]]]:
    """Positions with no dates in a section whose other positions have them ("Diseñador Grafico para pagina
    webs" / "Markingwebs - Tiempo Libre" after a dated entry): a row set apart in the very type of the dated
    entries' first header rows, naming a job, two rows or more from any dates."""
    header_types = set()
    for index, _ in anchors:
        first = index - 1 if index and not _named_parts(rows[index]) else index  # dates alone: the header is above
        if _styled(rows[first], body):
            header_types.add((round(rows[first].size, 1), rows[first].bold))
    found: list[tuple[int, tuple[str | None, str | None]]] = []
    for index, row in enumerate(rows):
        text = clean_text(row.text)
        if (any(abs(index - anchor) <= 2 for anchor, _ in anchors) or (round(row.size, 1), row.bold) not in header_types
                or not row_is_entry_header(row) or not JOB_WORDS.search(text) or find_single_date(text)
                or index + 1 >= len(rows) or _FIELD_ROW.match(text)):
            continue
        found.append((index, (None, None)))
    return found


def _inside_sentence(row: Row) -> bool:
    """A line that continues a sentence (starts in lower case or ends on ";" or ",") and does not start with
    its dates ("sep 2016 – heden" does)."""
    text = strip_bullet(clean_text(row.text))
    found = find_date_range(text)
    if not text or (found is not None and found[2][0] == 0):
        return False
    if found is not None:
        before, after = ([word for word in part.split() if any(char.isalnum() for char in word)]
                         for part in (text[: found[2][0]], text[found[2][1] :]))
        if (len(before) >= PROSE_WORDS_BEFORE and len(after) >= PROSE_WORDS_AFTER and len(before) + len(after) >= PROSE_WORDS
                and _job_sentence(text) is None):  # "Worked as Site Engineer with L&T from June 2015 to ..." is a job
            return True  # "J'ai effectué un stage d'un mois à l'OCP en juin-août 2023, où j'ai conçu": a sentence
    return text[0].islower() or text.endswith((";", ","))


# "since", "from" and their kin, perhaps with an article ("desde el 2019"), right before a line's dates.
_DATES_INTRO = re.compile(r"(?<!\w)(?:since|from|depuis|seit|desde|dal|dalla|dai|od|sinds|vanaf|sedan|с|от|"
                          r"à partir de|a partir de)(?:\s+(?:el|the|le|l['’]|dem|den|der|de))?\s*$", re.IGNORECASE)


def _introduced_in_sentence(row: Row, text: str, dates_at: int, previous_anchor: Row | None) -> bool:
    """Dates that a sentence of the description introduces with "since"/"from" after four words or more
    ("Trabaje en Don Felix desde el 2019 hasta 2021", "• Aansturen van een team, in huidige functie sinds 2020.")
    in a bullet, a line closed by a full stop, or a line set in from the entry above: no entry of their own."""
    before = text[:dates_at]
    intro = _DATES_INTRO.search(before)
    if intro is None:
        found = find_since(text[dates_at:])  # the since word inside the match ("sinds 2020")
        if found is None or found[1][0] != 0:
            return False
        intro_at = dates_at
    else:
        intro_at = intro.start()
    words = [word for word in strip_bullet(text[:intro_at]).split() if any(char.isalnum() for char in word)]
    if len(words) < PROSE_WORDS_BEFORE or _job_sentence(text) is not None:
        return False  # "Currently Working at NOVA ENGINEERING WORKS Since MAY 2018 ... as a CIVIL ENGINEER." is a job
    indented = previous_anchor is not None and row.x0 > previous_anchor.x0 + row.size
    return is_bullet(row) or text.rstrip().endswith(".") or indented


# Words around dates that make their line a sentence of a description rather than an entry's header.
PROSE_WORDS_BEFORE = 4
PROSE_WORDS_AFTER = 2
PROSE_WORDS = 10


def _single_date(rows: list[Row], index: int, body: float) -> str | None:
    """The one date of an entry's header row: closing a styled header line ("CTO, COFOUNDER – MOBILINGUA –
    2004") or the line right under one ("Part-time, Summer 2009"), or a date column's cell beside the
    header ("Frühling 1998 | Werkstattgrundkurs bei Ascom")."""
    row = rows[index]
    if not row_is_entry_header(row):
        return None
    cells = [clean_text(fragment.text) for fragment in row.fragments]
    if len(cells) > 1 and is_date_only(cells[0]) and not _BULLET_CELL.match(cells[1]):
        found = find_closing_date(cells[0])
        cell = find_date_cell(cells[0])  # "De24/09/2018": the date cell opened by "from"
        return found[0] if found else cell[0] if cell else None
    alone = find_date_cell(cells[0]) if len(cells) == 1 else None
    if alone is not None and alone[1]:
        # A row of one month or season over its entry ("Dezember 2012" among "Mai 2019 – September 2019" rows,
        # "Summer 2020"): a position within that month or season. A bare year alone may be half of a date column.
        return alone[0]
    label = find_date_label(cells[0])
    if label is not None:
        return label[0]  # "Juillet 2024 : inscription de nouveaux étudiants": a one-month job, its date its label
    leading = _LEADING_YEAR.match(cells[0])
    if leading is not None and index + 1 < len(rows) and rows[index + 1].x0 > row.x0 + 2 * row.size:
        # moderncv's date column holding one year, read into one line with the header beside it ("2016 Praktikum
        # als Arzthilfe, Dr. Gorinstein, Büderich"); the rows under it start further right, where the header does.
        return leading.group(1)
    opening = _opening_month(cells[0])
    if opening is not None and index + 1 < len(rows) and rows[index + 1].x0 > row.x0 + 2 * row.size:
        # The same column holding one month ("07.2005 Administrator Sieci Komputerowej" over its employer further
        # right): a position within that month.
        return opening[0]
    text = clean_text(row.text)
    found = find_closing_date(text)
    if found is None or not text[: found[1]].strip(" ,-–—|("):
        return None
    under_header = index > 0 and _styled(rows[index - 1], body) and row_is_entry_header(rows[index - 1])
    if _styled(row, body) or (under_header and not _styled(row, body)):
        return found[0]
    # A header line set in the description's type that names two or more pieces and ends on its one
    # date ("ELEKTRONIKER, MICHAEL KORN, 25548 KELLINGHUSEN – 09.2021").
    named = [piece for piece in re.split(r"\s*[,|–—]\s*|\s+-\s+", text[: found[1]]) if piece.strip(" ,-–—|(")]
    return found[0] if len(named) >= 2 else None


# A year opening a header line, a capital after it: a date column's cell read into the line.
_LEADING_YEAR = re.compile(r"^((?:19|20)\d\d)\s+(?=[A-ZÀ-ÖØ-Þ])")
_CAPITAL_AFTER = re.compile(r"\s+(?=[A-ZÀ-ÖØ-ÞА-ЯЁ])")


def _opening_month(text: str) -> tuple[str, tuple[int, int]] | None:
    """A single date opening a header line with a capital after it (``find_single_date``'s answer), else None: a
    date column's one month read into the line beside it ("07.2005 Administrator Sieci Komputerowej")."""
    opening = find_single_date(text)
    if opening is None or opening[1][0] != 0 or not _CAPITAL_AFTER.match(text, opening[1][1]):
        return None
    return opening
_SEPARATOR_ONLY = re.compile(r"^[\s|¦•·\-–—]+$")


def _dates_end(rows: list[Row], anchor: int, found: tuple[str | None, str | None]) -> int:
    """The row an anchor's dates end on: the next one (or the next but one) when they wrap there."""
    own = find_date_range(clean_text(rows[anchor].text))
    if own is not None and own[1] != "present":
        return anchor
    wrapped = _wrapped_dates(rows, anchor)
    return wrapped[1] if wrapped is not None and wrapped[0] == found else anchor


def _wrapped_dates(rows: list[Row], index: int) -> tuple[tuple[str | None, str | None], int] | None:
    """Dates that start at the end of this row's first cell (or of the row) and end at the start of the
    next row's first cell, the next but one when a separator stands between ("Avr 2020" / "|" / "Juil 2020");
    with the index of the row they end on."""
    if index + 1 >= len(rows):
        return None
    row, last = rows[index], index + 1
    following = clean_text(rows[last].fragments[0].text)
    if _SEPARATOR_ONLY.match(following) and index + 2 < len(rows):
        last = index + 2
        following = clean_text(rows[last].fragments[0].text)
    for text in dict.fromkeys((clean_text(row.fragments[0].text), clean_text(row.text))):
        found = find_wrapped_range(text, following)
        if found is not None:
            return found, last
    # A date column on the right ("Data Analytics Consultant  |  10/24 -" over "• Gestaltung ...  |  laufend"): the
    # dates go on in the next row's cell right under their own.
    for cell in row.fragments[1:]:
        under = [fragment for fragment in rows[index + 1].fragments[1:] if abs(fragment.x0 - cell.x0) < cell.size]
        if under:
            found = find_wrapped_range(clean_text(cell.text), clean_text(under[0].text))
            if found is not None:
                return found, index + 1
    return None


def _unspaced(row: Row) -> Row:
    """The row with its letter-spaced cells read as the words they spell: a design sets the dates and the
    town above each position letter by letter ("O K T .  2 0 2 3  –  A P R .  2 0 2 5"), which no date
    pattern reads as they are (layout.unspace_line, which the layout already gave every line of a PDF, DOCX
    or pasted text; rows built elsewhere get it here)."""
    texts = [unspace_line(clean_text(fragment.text)) for fragment in row.fragments]
    if all(text == clean_text(fragment.text) for text, fragment in zip(texts, row.fragments, strict=True)):
        return row
    fragments = [replace(fragment, text=text) for text, fragment in zip(texts, row.fragments, strict=True)]
    return Row(fragments, page=row.page, column=row.column)


def _with_text(row: Row, text: str) -> Row:
    """The row as one cell at its first cell's place, holding `text`."""
    return Row([replace(row.fragments[0], text=text, x1=row.fragments[-1].x1)], page=row.page, column=row.column)


_REMARK_ONLY = re.compile(r"^[\s,;:–—-]*(?:\([^()]*\))?[\s,;:.–—-]*$")


def _joined_spells(rows: list[Row], anchors: list[tuple[int, tuple[str | None, str | None]]]
                   ) -> list[tuple[int, tuple[str | None, str | None]]]:
    """A row of dates right under another, naming nothing but a remark in brackets ("21.02.2022 - 22.08.2022" /
    "22.08.2022 - 31.12.2022 (osa-aikainen)"): a second spell of the same job (part-time after full-time), so
    one entry from the first start to the last end, not an entry with no name."""
    joined: list[tuple[int, tuple[str | None, str | None]]] = []
    for index, found in anchors:
        if joined and index == joined[-1][0] + 1 and rows[index].page == rows[index - 1].page:
            text = clean_text(rows[index].text)
            dates = find_date_range(text)
            if dates is not None and _REMARK_ONLY.match(text[: dates[2][0]] + text[dates[2][1]:]):
                previous, (start, _) = joined[-1]
                joined[-1] = (previous, (start, found[1]))
                continue
        joined.append((index, found))
    return joined


def _labelled_bounds_as_ranges(rows: list[Row]) -> list[Row]:
    """Rows that label a job's first and last day each on its own ("Admissão: 01 de março de 2004" over
    "Demissão: 01 de março de 2006", or the two cells side by side) read as the one row of dates they are. A
    labelled first day with no last day under it is a job still held (the form leaves the end blank)."""
    joined: list[Row] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        cells = [find_date_bound(clean_text(fragment.text)) for fragment in row.fragments]
        if len(cells) == 2 and cells[0] and cells[1] and (cells[0][0], cells[1][0]) == ("start", "end"):
            joined.append(_with_text(row, f"{cells[0][1]} – {cells[1][1]}"))
            index += 1
            continue
        bound = find_date_bound(clean_text(row.text))
        if bound is None or bound[0] != "start":
            joined.append(row)
            index += 1
            continue
        following = rows[index + 1] if index + 1 < len(rows) and rows[index + 1].page == row.page else None
        end = find_date_bound(clean_text(following.text)) if following is not None else None
        if end is not None and end[0] == "end":
            joined.append(_with_text(row, f"{bound[1]} – {end[1]}"))
            index += 2
        else:
            joined.append(_with_text(row, f"{bound[1]} – {PRESENT_WORDS[0]}"))
            # "Atualmente trabalho na empresa" where the last day would stand: the end, said in words
            index += 2 if following is not None and _PRESENT_LEAD.match(clean_text(following.text)) else 1
    return joined


_PRESENT_LEAD = re.compile(rf"^(?:{'|'.join(re.escape(word) for word in PRESENT_WORDS if len(word) > 5)})\b(?!.*\d)",
                           re.IGNORECASE)


def build_experience_sections(sections_rows: list[list[Row]]) -> list[ExperienceEntry]:
    """The entries of several experience sections: a section whose body is set in another type than the one before
    it is read on its own (a CV sets a second list, "Further experience", in its own type and arrangement, which
    the first list's body type would hide); sections set alike are read together, as one list under several
    headings. Less a translated copy of the list (a CV bundled with its translation repeats its sections)."""
    groups: list[list[Row]] = []
    bodies: list[float] = []
    # A tabular Lebenslauf labels each step ("Berufspraxis", "Praktikum") with its one row of dates: every section
    # one entry, read each on its own (read together, one step's rows would head the next).
    dated = [count for rows in sections_rows if (count := _dated_rows(rows))]
    one_step_each = len(dated) >= MIN_STEP_SECTIONS and all(count == 1 for count in dated)
    for rows in sections_rows:
        kept = [row for row in rows if clean_text(row.text)]
        body = round(body_size(kept), 1) if kept else 0.0
        if groups and not one_step_each and (not kept or body == bodies[-1]):
            groups[-1].extend(rows)  # set like the list before it: one list under two headings, read together
        else:
            groups.append(list(rows))
            bodies.append(body)
    if len(groups) <= 1:
        return build_experience(groups[0]) if groups else []
    return _without_translated_copy([entry for rows in groups for entry in build_experience(rows)])


MIN_STEP_SECTIONS = 3


def _dated_rows(rows: list[Row]) -> int:
    texts = (clean_text(row.text) for row in rows)
    return sum(1 for text in texts if find_date_range(text) or find_since(text))


def build_experience(section_rows: list[Row], *, undated: bool = True) -> list[ExperienceEntry]:
    """Entries anchored on the rows that carry their dates. An entry's header is the anchor row and the
    styled rows right around it (at most two before, two after, never into the previous entry); its
    pieces are the title (the piece with a job-title word, else the first), the company (the next) and
    the location (a "City, Region" piece). What follows the header, up to the next entry, is its
    description. In a section with no dates, `undated` reads "Title | Company" rows as the entries (not
    for rows that no experience heading vouches for)."""
    rows = _labelled_bounds_as_ranges([_unspaced(row) for row in section_rows if clean_text(row.text)])
    if not rows:
        return []
    rows = _date_cells_as_table_rows(_cell_columns_as_table_rows(rows))
    rows = _join_open_lines(_join_hyphenated(_join_wrapped_cells(rows, _right_edges(rows))))
    body = body_size(rows)
    plain = not any(_styled(row, body) for row in rows)
    anchors = _joined_spells(rows, _anchors(rows, body))
    if anchors and undated:
        anchors = sorted([*anchors, *_undated_among_dated(rows, anchors, body)])
    anchors = anchors or (_undated_anchors(rows, body, plain) if undated else [])
    if not anchors and undated and (grouped := _employers_under_kinds(rows)):
        return grouped
    right_edges = _right_edges(rows)
    # Rows that label their field ("Stanowisko: Tester IT"): the label, not the row's place, says whose field it
    # is. They follow each entry's dates, unless the first of them comes before the first dates (they lead).
    labelled = {index: field for index, row in enumerate(rows) if (field := _field_row(row)) is not None}
    labels_lead = bool(labelled) and bool(anchors) and min(labelled) < anchors[0][0]
    label_owner = _label_owners(labelled, [anchor for anchor, _ in anchors], labels_lead)
    entries: list[ExperienceEntry] = []
    styles: list[tuple[float, bool]] = []  # each entry's header type, to tell an employer's positions
    header_sets: list[list[Row]] = []  # each entry's header rows
    header_slots: list[dict[Slot, str]] = []  # each entry's named pieces by their place in its header
    # Rows above an entry's dates belong to it before they can trail the entry above. Without styling, a
    # section that opens with dates ("• jul 2016 – sep 2016" / "Fietsenmaker – Budget Fietsenhuis") puts every
    # header under its dates, so the rows above a date are the previous entry's description.
    dates_lead = plain and bool(anchors) and anchors[0][0] == 0
    named = {anchor: _named_parts(rows[anchor]) for anchor, _ in anchors}  # each row of dates' own pieces
    starts: list[int] = []
    # The last row of each entry's dates: a range wrapped onto the next row ("1986 –" / "1989") ends there, and
    # that row (with the title beside its date cell) is the entry's, not the next one's.
    dates_end = [_dates_end(rows, anchor, found) for anchor, found in anchors]
    header_leads = bool(anchors) and any(_styled(rows[index], body) and row_is_entry_header(rows[index])
                                         for index in range(anchors[0][0]))
    # Entries whose dates stand in a date column beside the first line of the description ("2023 -  • Built
    # ..."): their header is the styled row above, and the row of dates adds nothing to it.
    headed_above: dict[int, int] = {}
    trailing = {} if plain else _headers_before_trailing_dates(rows, [anchor for anchor, _ in anchors], body)
    for number, (anchor, _) in enumerate(anchors):
        floor = dates_end[number - 1] + 1 if number else 0
        if number in trailing:
            starts.append(trailing[number][0])
            headed_above[number] = trailing[number][1]
            continue
        above = _header_above(rows, anchor, floor, body) if _dates_beside_description(
            rows[anchor], rows[anchor + 1] if anchor + 1 < len(rows) else None) else None
        if above is not None:
            headed_above[number] = above
            starts.append(above)
            continue
        start = anchor
        # Without styling, a row of dates that holds the title and the company too is the whole header
        # (the row above it ends the previous entry's description).
        whole = plain and (dates_lead or len(named[anchor]) >= 2)
        # Styled or not, a row of dates that names the title and the employer ("Mars 2023 - Heute | Blaumond |
        # Eventhelfer") is the whole header when the row above is in its very type: a header above it would be
        # set apart (a Canva CV sets its descriptions in the headers' bold).
        whole = whole or (len(named[anchor]) >= 2 and anchor - 1 >= floor and _same_type(rows[anchor - 1], rows[anchor])
                          and not _wrapped_into(rows[anchor - 1], rows[anchor], right_edges))
        reach = 2
        # A row of dates alone whose styled header follows it, the row above in the description's type: that
        # row ends the previous entry's description ("OKT. 2023 – APR. 2025" / "PROJEKTARBEIT BIG DATA MANAGER").
        # (Not when a styled header opens the section before its first dates: then each entry's header leads
        # its dates, and the styled row after them is the next entry's.)
        header_below = (not plain and anchor + 1 < len(rows) and _styled(rows[anchor + 1], body)
                        and row_is_entry_header(rows[anchor + 1]) and not header_leads)
        while not whole and start - 1 >= floor and anchor - (start - 1) <= reach:
            if not labels_lead and start - 1 in labelled:
                break  # the field of the entry above, labelled as its own
            if start < anchor and rows[start - 1].page != rows[start].page:
                break  # a header row on the dates' page already; the last rows of the page before are not its
            if _header_row(rows[start - 1], body, plain) or (
                    start == anchor and not named[anchor] and row_is_entry_header(rows[start - 1])
                    and not (header_below and not _styled(rows[start - 1], body))) or (
                    start == anchor == 1 and row_is_entry_header(rows[0])) or (
                    start == anchor - 1 and not named[anchor] and row_is_entry_header(rows[start - 1])
                    and _POSTCODE_TOWN_END.search(clean_text(rows[start - 1].text))):
                # styled rows, or the one row right above a row of dates alone, or the one row between the
                # heading and the first dates (it can belong to no other entry), or an employer's line closed by its
                # postcode and town over that row ("Gubler Imaging, 8552 Felben-Wellhausen" / "Fotodigitalisierer")
                start -= 1
                if _BRACKETED_ROW.fullmatch(clean_text(rows[start].text)):
                    reach += 1  # a remark in brackets under the employer's line ("(Compliance Osztály)") takes no slot
            elif (not plain and start - 2 >= floor and _header_row(rows[start - 2], body, plain)
                  and _wrapped_into(rows[start - 2], rows[start - 1], right_edges)):
                # A header line wrapped onto this row ("Лаборатория молекулярной нейродегенерации" /
                # "при СПбПУ"): one row of the header, so the reach grows by one.
                start -= 2
                reach += 1
            elif (not plain and start - 2 >= floor and _styled(rows[start - 1], body)
                  and _wrapped_into(rows[start - 2], rows[start - 1], right_edges)
                  and len(joined := _join_wrapped(rows[start - 2 : start], right_edges)) == 1
                  and _header_row(joined[0], body, plain)):
                # A header line broken after a comma inside its title ("Panera, Washington, MO — Cashier, drive
                # through employee," / "barista"): neither line is a header by itself (one ends on the comma,
                # the other starts in lower case), the two joined are, so they are one row of the header.
                start -= 2
                reach += 1
            else:
                break
        starts.append(start)
    dash_style = _dash_style([rows[anchor] for anchor, _ in anchors])
    # When most rows of dates hold the title and the company, a one-piece header is complete as it is and
    # the plain row under it is its description ("ANGEL INVESTOR – 2021-PRESENT" / "Investments focused on ...").
    complete = 2 * sum(len(named[anchor]) >= 2 for anchor, _ in anchors) > len(anchors)
    spans: list[tuple[int, int]] = []
    towns: dict[int, str] = {}  # entries whose row of dates names only their town, by number
    for number, (anchor, _) in enumerate(anchors):
        ceiling = starts[number + 1] if number + 1 < len(anchors) else len(rows)
        if number in headed_above:
            spans.append((starts[number], headed_above[number] + 1))
            continue
        # Dates wrapped onto the row under them ("Jan. 2025" / "- bis jetzt" in a date column): the header goes
        # on under the dates' last row.
        tail = dates_end[number]
        end = tail + 1
        while end < ceiling and end - tail <= 2 and not plain and (
                _header_row(rows[end], body, plain) or _under_dates_cell(rows[anchor], rows[end])):
            end += 1
        # One plain row right under a one-piece header holds the rest of it (the company under the title),
        # perhaps wrapped after a comma onto a second row ("Génétique, Diversité, et Ecophysiologie des
        # Céréales," / "INRAE UMR GDEC 1095").
        comma_wrapped = _wrapped_at_comma(rows, end, ceiling)
        left = rows[anchor].x0
        if (not complete and end == tail + 1 and end < ceiling
                and (row_is_entry_header(rows[end]) or comma_wrapped
                     or (plain and _over_indented_description(rows, end, ceiling, left)))
                and _header_words(rows[end]) <= 8 and not _paragraph_line(rows, end, right_edges)
                and len(named[anchor]) + (anchor - starts[number]) <= 1):
            end += 2 if comma_wrapped else 1
            # Under dates that lead each entry, title and company may take a row each.
            if (dates_lead and end < ceiling and not named[anchor]
                    and len(_named_parts(rows[end - 1])) == 1
                    and (row_is_entry_header(rows[end]) or _over_indented_description(rows, end, ceiling, left))
                    and _header_words(rows[end]) <= 8):
                end += 1
        if (not plain and end == tail + 2 and end < ceiling and _town_led(named[anchor])
                and len(rows[end].fragments) == 1 and not _styled(rows[end], body)
                and abs(rows[end].size - rows[anchor].size) < 0.3 and row_is_entry_header(rows[end])
                and _header_words(rows[end]) <= 4 and not _place_cell(clean_text(rows[end].text))):
            # "Gdynia | Kwi 2022 - Lis 2022" / "SNIPES POLSKA" / "Instruktor": dates led by the town, the
            # employer set apart under them, then the title back in the dates' own type. Not when that third row
            # names a place itself ("Lentisco  Oct 2025 – Actualidad" / "Data Intern" / "Madrid, Spain"): a header
            # says where once, so the one name beside the dates is the employer, not a town.
            end += 1
            towns[number] = named[anchor][0]
        spans.append((starts[number], end))
    employer_line: str | None = None  # the employer's line above the entry before, when it had one
    # The employer named on a row of its own above the entry before's title, set apart in another type, with
    # that title's type: a position after it with no employer and its title in that same type is the next
    # position under the same employer ("IBM  Brasil" / "Application Developer  2022 – Presente" /
    # ... / "Estagiária em Associate Application Developer  2021-2022").
    employer_row: tuple[str, Style] | None = None
    for number, ((_, (date_start, date_end)), (start, end)) in enumerate(zip(anchors, spans, strict=True)):
        following_start = spans[number + 1][0] if number + 1 < len(spans) else len(rows)
        entry = ExperienceEntry(start=date_start, end=date_end)
        parts: list[str] = []
        # A header over several rows whose company row is split at "|" keeps dashes in the title row whole.
        keep_dashes = not dash_style and end - start > 1 and any(
            len(_strong_pieces(strip_bullet(clean_text(row.text)))) > 1 for row in rows[start:end])
        header_rows = _join_wrapped(rows[start:end], right_edges)
        row_starts: list[int] = []  # where each header row's pieces begin in `parts`
        dated_row = _dated_row(header_rows)
        slot_of: dict[str, Slot] = {}  # each piece's place in the header (for `_agree_on_slots`)
        for row_number, (row, commas) in enumerate(zip(header_rows, _comma_rows(header_rows, keep_dashes), strict=True)):
            # A name long enough to wrap after a comma keeps its commas: they are inside the name.
            commas = commas and not (len(header_rows) > 1 and all(row is not kept for kept in rows[start:end])
                                     and ", " in clean_text(row.text) and row is not header_rows[0])
            row_parts = _header_parts(row, keep_dashes, commas, dash_style)
            if len(row_parts) == 1 and _comma_sentence(row_parts[0], clean_text(row.text)) and not dash_style:
                # moderncv's "Title, Employer, Town." beside its dates: the commas part it, whatever the rows around.
                row_parts = [piece for piece in (_trim(item) for item in row_parts[0].split(",")) if piece]
                town = row_parts[-1].rstrip(".")
                if entry.location is None and len(row_parts) >= MIN_COMMA_PIECES and not JOB_WORDS.search(town):
                    entry.location = town
                    row_parts = row_parts[:-1]
            if parts and len(row_parts) == 1 and _BRACKETED_ROW.fullmatch(row_parts[0]):
                # "BKM Nonprofit Zrt." / "(Compliance Szabályozás és Folyamatmenedzsment Osztály)": a row wholly in
                # brackets under a name is a remark on it (the unit), neither the title nor the employer.
                row_parts = []
            for part in row_parts:
                found = find_date_range(part)
                if found:
                    part = _trim(part[: found[2][0]] + " " + part[found[2][1] :])
                part = _trim(_FIELD_LABEL.sub("", re.sub(r"^(?:start|since|from|seit|depuis|desde)\b", "", part,
                                                         flags=re.IGNORECASE)))
                if _DATE_LABEL.match(part):
                    part = ""  # "Período" before the dates labels them
                if part:
                    slot_of.setdefault(part, (row_number - dated_row, len(parts) - (row_starts[-1] if row_starts else 0),
                                              round(row.size, 1), row.bold))
                    parts.append(part)
            row_starts.append(len(parts))
        parts = _close_brackets(parts, set(row_starts))
        parts = [piece for part in parts for piece in _slashed_place(part)]
        if number in towns:
            entry.location = towns[number]
            parts = [part for part in parts if part != towns[number]]
        self_employed = next((part for part in parts if _SELF_EMPLOYED.fullmatch(part)), None)
        parts = [part for part in parts if not _DURATION.match(part) and not _EMPLOYMENT_WORDS.match(part)
                 and not re.fullmatch(r"[\d\W]+", part) and not find_single_date(part) and len(part) > 1]
        # "Inalp AG, Bern": a company and its place, not a "City, Region" location.
        parts, echoed = _without_echoed_place(parts)
        if echoed is not None:
            entry.location = echoed
        parts = [_LEGAL_FORM_THEN_PLACE.sub(r"\1", part) for part in parts]
        locations = [part for part in parts if ((_is_location(part) and ("," in part or part.lower() == "remote"))
                     or ("," in part and not JOB_WORDS.search(part) and _place_cell(part)))
                     and not LEGAL_FORM.search(part)]
        rest = [part for part in parts if part not in locations]
        if locations:
            entry.location = locations[0]
        dated = named[anchors[number][0]]
        if (not locations and number not in towns and _town_led(dated) and dated[0] in rest
                and start == anchors[number][0] and len(rows[start].fragments) == 1
                and sum(part != dated[0] for part in rest) >= 2):
            # "OKTOBER 2023 – MAI 2024 | MICHELSROMBACH" over "WERKSTUDENT DATENERFASSUNG BEI TEGUT GMBH": when
            # the rows under the dates name the job and the employer, the one short word in the dates' own cell
            # is where the job was (a name in a cell of its own beside the dates is the entry's, e.g. its title).
            entry.location = dated[0]
            rest = [part for part in rest if part != entry.location]
        # A piece with a legal form names the employer ("Software Consultants Ltd"), whatever its words.
        titled = [part for part in rest if JOB_WORDS.search(part) and not (len(rest) > 1 and LEGAL_FORM.search(part))]
        # "Independent Tutor, Wentzville, MO — ACT Tutor": both names hold a job word, but a town is written after
        # the place of work, not after the job, so the name the town follows is the employer.
        placed = [part for part in titled if _name_then_town(part)] if len(titled) >= 2 and not locations else []
        if len(placed) == 1 and any("," not in part for part in titled):
            head, _, town = placed[0].partition(",")
            entry.title = next(part for part in titled if "," not in part)
            entry.company, entry.location = head.strip(), town.strip()
        elif titled:
            entry.title = titled[0]
            others = [part for part in rest if part != entry.title and not _is_location(part)]
            entry.company = others[0] if others else None
            if entry.company is None and entry.location and not _NAMED_PLACE.search(entry.location):
                # "Manager" over "Hotel Phoenix, Kiten": with no employer named elsewhere, a "Name, Place"
                # piece that names no country or region is the employer and its town.
                entry.company, _, town = entry.location.rpartition(",")
                entry.company, entry.location = entry.company.strip(), town.strip()
        elif number in towns and len(rest) == 2:
            entry.company, entry.title = rest  # the employer set apart, the title under it in the dates' type
        elif rest:
            entry.title = rest[0]
            entry.company = rest[1] if len(rest) > 1 else None
            if entry.company and ((LEGAL_FORM.search(entry.title) and not LEGAL_FORM.search(entry.company))
                                  or _orientation(entry.title, entry.company) < 0):
                # "PingCAP Inc. - Database"; or the first piece names an organisation and the second does not
                # ("Deutsche Bank | Kundenbetreuung": neither names a job, the employer's word says which is which).
                entry.title, entry.company = entry.company, entry.title
            if (entry.company is None and entry.location and locations and len(header_rows) > 1
                    and slot_of.get(entry.title, (0,))[0] < slot_of.get(entry.location, (0,))[0]
                    and not _NAMED_PLACE.search(entry.location) and not is_place(entry.location.split(",")[0])):
                # "Kinder und Jugendarbeit" over "Evangelische Auferstehungskirche, Kriftel": a "Name, Town" row
                # under the one name of the header, naming no country or region, is the employer and its town,
                # and the name over it what was done there.
                entry.company, _, town = entry.location.rpartition(",")
                entry.company, entry.location = entry.company.strip(), town.strip()
        addressed = [part for part in rest if _POSTCODE_TOWN_END.search(part) and not JOB_WORDS.search(part)]
        if len(addressed) == 1 and len(rest) == 2:
            # "Gubler Imaging, 8552 Felben-Wellhausen" / "Fotodigitalisierer": the name an address (postcode and
            # town) follows is the employer; the other name is the job.
            address = _POSTCODE_TOWN_END.search(addressed[0])
            entry.title = next(part for part in rest if part != addressed[0])
            entry.company = addressed[0][: address.start()].strip()
            entry.location = entry.location or address.group(0).lstrip(", ")
        if entry.company is None and entry.location and "," in entry.location:
            # "Laney Media, Denver, CO — CFO": the employer's name, then its town and region, in one piece.
            head, _, place = entry.location.partition(",")
            if not is_place(head) and _place_cell(place.strip()) and len(head.split()) <= 6:
                entry.company, entry.location = head.strip(), place.strip()
        if entry.company:
            entry.company = _LEGAL_FORM_THEN_PLACE.sub(r"\1", entry.company)
            if (placed := _LEGAL_FORM_THEN_TOWN.match(entry.company)) is not None:
                # The employer ends at its legal form; what follows, a town and its region, is the place.
                entry.company = placed.group(1)
                entry.location = entry.location or _trim(placed.string[placed.end(1) :].lstrip(", "))
            town = _TRAILING_TOWN.search(entry.company)
            if town is not None and not JOB_WORDS.search(town.group(1)) and (
                    entry.location is None or entry.location.rsplit(",", 1)[-1].strip() == town.group(1)):
                # "Adecco (Stanford health care), Palo Alto": the employer, then its town; and so when the town
                # was read as the place already ("OFFICE DEPOT, MEUNG SUR LOIRE"): it is named there, not twice.
                entry.company = entry.company[: town.start()].strip()
                entry.location = entry.location or town.group(1)
        if entry.company:
            entry.company, entry.location = _employer_before_town(entry.company, entry.location, header_rows)
            entry.company = _UNIT_REMARK.sub("", entry.company) or entry.company
            if (entry.location and _role(entry.location) < 0 and len(entry.location.split()) >= 2
                    and _role(entry.company) == 0
                    and any(f"{entry.company}, {entry.location}" in clean_text(row.text) for row in header_rows)):
                # "Mechatronik, Hochschule Bochum": what follows the comma names an organisation ("Hochschule",
                # "GmbH"), not a town, and what comes before names neither a job nor one: a unit within it.
                entry.company, entry.location = entry.location, None
        _title_beside_dates(entry, header_rows)
        read_title = entry.title
        _title_row_whole(entry, header_rows)
        if entry.title != read_title and read_title in slot_of:
            slot_of[entry.title or ""] = slot_of[read_title]  # the whole row stands where its first piece did
            rest = [entry.title if part == read_title else part for part in rest]
        if entry.company is None and entry.title and self_employed and self_employed != entry.title:
            entry.company = self_employed  # "Sviluppatore e Grafico" / "Freelance": worked for oneself
        told = _job_sentence(clean_text(rows[start].text)) if end - start == 1 else None
        if told is not None:
            entry.title, entry.company = told
        # A job named with no employer, or with only a town where the employer would be ("Palo Alto —
        # Inventor control coordinator"): the employer's line in a larger type above, if there is one.
        bare_town = entry.company is not None and entry.location is None and is_place(entry.company)
        floor = spans[number - 1][1] if number else 0
        # A one-name header right under an employer's line set apart names the job, whatever its words
        # ("Amnpardaz Co. . . . . ." / "Incident Response Team  2011/01-2013/05").
        named_job = bool(entry.title) and (bool(JOB_WORDS.search(entry.title or "")) or (
            entry.company is None and _employer_above(rows, start, floor, body) is not None))
        if (entry.company is None or bare_town) and entry.title and named_job:
            above = _employer_above(rows, start, floor, body)
            if above is not None and bare_town:
                entry.location = entry.company
            if above is None and entry.company is None:
                # The next position under the same employer's line ("Amnpardaz Co. ……" / "Incident Response
                # Team" / ... / "Malware Analyst"): no other employer's line since, so the same employer.
                above = employer_line
            title_slot = slot_of.get(entry.title or "")
            if (above is None and entry.company is None and employer_row is not None and title_slot is not None
                    and title_slot[2:] == employer_row[1]):
                above = employer_row[0]
            entry.company = above if above is not None else entry.company
            employer_line = above
        else:
            employer_line = None
        employer_row = None
        company_slot, title_slot = slot_of.get(entry.company or ""), slot_of.get(entry.title or "")
        if (company_slot is not None and title_slot is not None and company_slot[0] < title_slot[0]
                and company_slot[1] == 0 and company_slot[2:] != title_slot[2:]):
            employer_row = (entry.company or "", title_slot[2:])
        if entry.company is None and entry.title and (job := _JOB_IN_BRACKETS.match(entry.title)) is not None \
                and _role(job.group("job")) > 0 and _role(job.group("name")) <= 0:
            # "09/2014–11/2014: Continental Automotive (Materiálový dispečer)": one name with a job in brackets
            # after it, the name naming none: the employer, and the job done there.
            entry.company, entry.title = job.group("name"), job.group("job")
        entry.description = "\n".join(clean_text(row.text) for row in rows[end:following_start])
        if entry.company is None and entry.title:
            entry.company = _employer_line_under(rows[end:following_start])
        if entry.company is None and entry.title and not JOB_WORDS.search(entry.title):
            _title_from_first_line(entry, rows[end:following_start])
        if entry.company is None and entry.title and not JOB_WORDS.search(entry.title):
            # One name and no job title anywhere ("Complubot  2016 – 2018", "Siemens Product Lifecycle
            # Management" over "Full-time co-op positions, January 2013 – January 2016"): the employer.
            entry.title, entry.company = None, entry.title
        entry.title = _without_phrase_remark(entry.title)
        task = _task_after_dates(rows, anchors[number][0], following_start, titled=bool(entry.title))
        if task is not None:
            entry.title, entry.company, entry.location = task  # (its rows stay the description: what was done)
        anchor = anchors[number][0]
        fields = dict(labelled[index] for index in sorted(labelled, reverse=True) if label_owner.get(index) == number)
        if fields:
            _apply_field_labels(entry, fields, named[anchor], [field[1] for field in labelled.values()])
        entries.append(entry)
        styles.append((round(rows[start].size, 1), rows[start].bold))
        header_sets.append(header_rows)
        header_slots.append({} if fields else {slot_of[part]: part for part in rest if part in slot_of})
    kept = [number for number, entry in enumerate(entries) if not is_schooling(entry) and not _is_training(entry)]
    if len(kept) < len(entries):
        # Schools under a heading shared with the jobs ("Doświadczenie i edukacja"): education, not positions.
        entries, styles = [entries[number] for number in kept], [styles[number] for number in kept]
        header_sets, header_slots = [header_sets[number] for number in kept], [header_slots[number] for number in kept]
        anchors, spans = [anchors[number] for number in kept], [spans[number] for number in kept]
    _employer_rows_under_titles(entries, rows, [anchor for anchor, _ in anchors], spans, body)
    _agree_on_slots(entries, header_slots)
    entries, styles = _read_by_row_types(entries, styles, header_sets, body)
    for entry in entries:
        if _working_for_oneself_over_job(entry.title, entry.company):
            # "Geofísico Autônomo" / "Freelancer — Santarém, PA": the bare word for working for oneself stands
            # where the employer would; the other name is the job (itself perhaps "self-employed ..."). Read
            # after the slots are agreed: "Freelancer" is a job word, so it would vote the employer's slot a title's.
            entry.title, entry.company = entry.company, entry.title
    return _without_translated_copy(_employer_as_shared_prefix(_nest_positions(entries, styles)))


# Kinds and names of schools beyond INSTITUTION_WORDS, in the CV languages ("Szkoła średnia", "Technikum nr 17").
_SCHOOL_WORDS = re.compile(r"szkoł|szkol|technikum|liceum|akademi|schule|scuola|liceo|escola|colegio|collège|"
                           r"gymnas|high school|primary school|secondary school|школа|гимназ|лицей", re.IGNORECASE)


def _names_school(text: str) -> bool:
    return bool(_SCHOOL_WORDS.search(text) or INSTITUTION_WORDS.search(text))


# German words for further training attended ("Weiterbildung zur KI-Managerin (IHK)", "Intensivierungskurs: Power BI",
# "Sprachkurs", "Umschulung zum Fachinformatiker"): a course taken, listed with the jobs, not a position.
_TRAINING_WORD = re.compile(r"^(?:weiterbildung|fortbildung|umschulung|lehrgang|[^\W\d_]*kurs)\b", re.IGNORECASE)


def _is_training(entry: ExperienceEntry) -> bool:
    """An entry whose name opens with a word for a training course taken (the title's, or the employer's where
    the course was read as the employer): a course listed among the positions."""
    return any(_TRAINING_WORD.match(name) for name in (entry.title or "", entry.company or ""))


def is_schooling(entry: ExperienceEntry) -> bool:
    """An entry whose title names a school and no job, and whose other name no job either ("Szkoła średnia |
    Technikum nr 17 w Katowicach", "Szkoła wyższa: Akademia WSB | Informatyka"): a school attended, listed with
    the jobs under a heading they share ("Doświadczenie i edukacja")."""
    title, company = entry.title or "", entry.company or ""
    if (not title or not company or JOB_WORDS.search(title) or JOB_WORDS.search(company)
            or LEGAL_FORM.search(company)):
        return False
    return _names_school(title)


def _label_owners(labelled: dict[int, tuple[str, str]], anchors: list[int], lead: bool) -> dict[int, int]:
    """Which entry (by number) each labelled row belongs to. Labels that follow the dates belong to the entry
    above them; labels that lead belong to the next dates, and so do the labels right under those dates, in a
    run with no other row between, that name a field the entry has no label for yet ("Position: X" / dates /
    "Company: Y")."""
    owners: dict[int, int] = {}
    for index in sorted(labelled):
        before = [number for number, anchor in enumerate(anchors) if anchor <= index]
        after = [number for number, anchor in enumerate(anchors) if anchor >= index]
        if not lead:
            if before:
                owners[index] = before[-1]
            continue
        if before and after and anchors[after[0]] == index:
            owners[index] = after[0]
            continue
        if before and all(row in labelled for row in range(anchors[before[-1]] + 1, index)) and all(
                labelled[row][0] != labelled[index][0] for row, owner in owners.items() if owner == before[-1]):
            owners[index] = before[-1]
        elif after:
            owners[index] = after[0]
    return owners


def _apply_field_labels(entry: ExperienceEntry, fields: dict[str, str], dated: list[str], values: list[str]) -> None:
    """An entry whose rows label its title or employer ("Stanowisko: Tester IT", "Firma: QUATEST"): the labelled
    values are those fields; a field no label names is the other name the entry's header gives, the one beside
    its dates first (neither a label word nor any labelled value)."""
    candidates = [*dated, entry.title, entry.company]
    others = [name for name in candidates if name and not _LABEL_WORD.match(name) and name not in values
              and not any(name in value or value in name for value in fields.values())]
    title, company = fields.get("title"), fields.get("company")
    if title is None:
        title = next((name for name in others if name != company), None)
    if company is None:
        company = next((name for name in others if name != title), None)
    entry.title, entry.company = title, company


MIN_UNIT_PIECES = 3
_REGION_CODE = re.compile(r"^[A-Z]{2,3}$")


_DEPARTMENT_NUMBER = re.compile(r"\s*\(\d{1,3}\)$")


def _known_town(text: str) -> bool:
    """A known town, perhaps with its département's number after it ("La Défense (92)")."""
    return is_place(_DEPARTMENT_NUMBER.sub("", text))


def _employer_before_town(company: str, location: str | None, header_rows: list[Row]) -> tuple[str, str | None]:
    """An employer's cell "Universidad Nacional del Comahue - CURZA - Viedma RN": its name, the unit within it, then
    the town (a known town, perhaps with its region's code) after the last dash. The dashes before the town part
    no fields: the employer is all of it up to the town. (With two pieces, "PatagoniaDev - Viedma RN", the
    employer was read whole already.) Read whole with its town, "ERDF – Nanterre", "Ministère du Travail – La Défense
    (92)": the name, and after the one dash a known town (perhaps with its département's number)."""
    halves = [piece.strip() for piece in re.split(r"\s[-–—]\s", company)]
    bare_town = _DEPARTMENT_NUMBER.sub("", halves[-1])
    if (len(halves) == 2 and _known_town(halves[-1]) and not is_place(halves[0])
            and not any(JOB_WORDS.search(half) for half in halves)):
        return halves[0], location or bare_town
    for row in header_rows:
        for fragment in row.fragments:
            text = clean_text(fragment.text)
            if not text.startswith(company):
                continue
            pieces = [piece.strip() for piece in re.split(r"\s[-–—]\s", text)]
            town = pieces[-1].split()
            known = bool(town) and (is_place(pieces[-1]) or (
                len(town) >= 2 and bool(_REGION_CODE.match(town[-1])) and is_place(" ".join(town[:-1]))))
            if len(pieces) >= MIN_UNIT_PIECES and known and not any(JOB_WORDS.search(piece) for piece in pieces):
                return " - ".join(pieces[:-1]), location or pieces[-1]
    return company, location


_AFTER_DATES_COLON = re.compile(r"^\s*:\s*(?P<task>.*)$")
MAX_TASK_ROWS = 2


def _task_rows(rows: list[Row], anchor: int, ceiling: int) -> tuple[str, int] | None:
    """The task a "dates : task" row gives, over the rows it wraps onto, and the row after them."""
    text = clean_text(rows[anchor].text)
    found = find_date_range(text)
    label = find_date_label(text)
    if label is not None:  # one date and its colon ("Juillet 2024 : accueil des nouveaux étudiants")
        colon = _AFTER_DATES_COLON.match(":" + text[label[1]:])
    elif found is None or text[: found[2][0]].strip():
        return None  # the dates must open the row
    else:
        colon = _AFTER_DATES_COLON.match(text[found[2][1] :])
    if colon is None:
        return None
    task, index = colon.group("task").strip(), anchor + 1
    while index < ceiling and index - anchor <= MAX_TASK_ROWS and not task.endswith((",", ".", ";")):
        task = f"{task} {clean_text(rows[index].text)}".strip()
        index += 1
    return task, index


def _task_after_dates(rows: list[Row], anchor: int, ceiling: int,
                      titled: bool = True) -> tuple[str, None, None] | None:
    """A list of "dates : task" lines ("Septembre 2023 - Décembre 2024 :" / "déléguée aux semestres 1, 2, 3 du
    BUT", "2017 - aujourd'hui : vente de nombreux" / "objets sur Leboncoin et Vinted,"): each names what was done
    and no employer, so the task (up to the comma or full stop that ends its line) is the title. Layout fact: the
    dates open the row and a colon follows them; the task then starts in lower case, being no name, and names no
    job (a "2019 : Google, Software Engineer" or "2019: intern in machine learning" row keeps its header reading,
    when that reading found a title: ``titled``)."""
    found = _task_rows(rows, anchor, ceiling)
    if found is None or not found[0] or not found[0][0].islower() or (titled and JOB_WORDS.search(found[0])):
        return None  # "June – August 2019: intern in satellites engineering" (small capitals read in lower case)
    return found[0].rstrip(",.;").strip(), None, None


def _title_row_whole(entry: ExperienceEntry, header_rows: list[Row]) -> None:
    """The employer alone on a row of its own and the title on another that goes on with a joining word
    ("effektiv Arbeitsvermittlung" / "Studentische Hilfskraft an der FU"): the employer's row names the employer,
    so the title row's "an der FU" says where the job was done and stays in the title. Layout fact: a header
    that gives the employer a row of its own does not name it again in the title's row."""
    if not (entry.title and entry.company) or len(header_rows) < 2:
        return
    rows = [_trim(strip_bullet(clean_text(row.text))) for row in header_rows if len(row.fragments) == 1]
    if entry.company not in rows:
        return
    for text in rows:
        if text != entry.title and text.startswith(entry.title) and EMPLOYER_JOIN.match(text[len(entry.title):]):
            entry.title = text
            return


def _title_beside_dates(entry: ExperienceEntry, header_rows: list[Row]) -> None:
    """A header of two rows, each a name with a cell beside it, one cell the dates and the other a place
    ("Albert Heijn | Meerdere locaties, Groningen" / "Teamleider | September 2015 – Heden", as LaTeX templates
    set it in either order): the name beside the place is the employer, the one beside the dates the job,
    unless the job words say the other way round."""
    if not (entry.title and entry.company):
        return
    beside_place = beside_dates = None
    for row in header_rows:
        if len(row.fragments) != 2:
            continue
        name, cell = (_trim(strip_bullet(clean_text(fragment.text))) for fragment in row.fragments)
        if find_date_range(cell) or is_date_only(cell) or _since_only(cell):
            beside_dates = name
        elif _place_cell(cell):
            beside_place = name
    if beside_place is None or beside_dates is None or {beside_place, beside_dates} != {entry.title, entry.company}:
        return
    if JOB_WORDS.search(beside_place) and not JOB_WORDS.search(beside_dates):
        return
    entry.title, entry.company = beside_dates, beside_place


MIN_COPIED_ENTRIES = 2


def _without_translated_copy(entries: list[ExperienceEntry]) -> list[ExperienceEntry]:
    """The entries without a second copy of the same list: a CV bundled with its translation repeats every
    position's dates in the same order (Portuguese "Flysoft Informática 2017 – 2018" / ... then the English
    page's "Flysoft Informática 2017 – 2018" / ...). The last entries, two or more, whose dates repeat the first
    entries' one by one are that copy."""
    dates = [(entry.start, entry.end) for entry in entries]
    count = len(entries)
    for split in range((count + 1) // 2, count - MIN_COPIED_ENTRIES + 1):
        copied = dates[split:]
        if all(start for start, _ in copied) and copied == dates[: count - split]:
            return entries[:split]
    return entries


Style = tuple[float, bool]
MAX_EMPLOYER_ROW_WORDS = 6


def _employer_row_under(rows: list[Row], anchor: int, ceiling: int, body: float) -> int | None:
    """The row right under a styled title row of dates (a wrapped date's end skipped) that holds one short name in
    the description's type: no date, no place, no job word, no kind of employment."""
    if not _styled(rows[anchor], body) or not JOB_WORDS.search(clean_text(rows[anchor].text)):
        return None
    index = anchor + 1
    while index < ceiling and is_date_only(clean_text(rows[index].text)):
        index += 1
    if index >= ceiling:
        return None
    row = rows[index]
    text = strip_bullet(clean_text(row.text))
    if (len(row.fragments) != 1 or _styled(row, body) or not row_is_entry_header(row) or not text
            or len(text.split()) > MAX_EMPLOYER_ROW_WORDS or text.endswith(".") or find_date_range(text)
            or find_single_date(text) or JOB_WORDS.search(text) or _EMPLOYMENT_WORDS.match(text)
            or _place_cell(text) or is_place(text)):
        return None
    return index


def _employer_rows_under_titles(entries: list[ExperienceEntry], rows: list[Row], anchors: list[int],
                                spans: list[tuple[int, int]], body: float) -> None:
    """A CV that sets each job's title row apart (bold, with its dates) and the employer alone on the plain row
    under it ("Studentischer Mitarbeiter – Institut für Finanzwissenschaft  04/2025 – 02/2026" / "Universität
    Innsbruck" / description): when most entries, and at least two, have such a row, it is the employer, and the
    title row is the title whole, its department after the dash included."""
    found: dict[int, int] = {}
    for number, anchor in enumerate(anchors):
        ceiling = spans[number + 1][0] if number + 1 < len(spans) else len(rows)
        if spans[number][0] != anchor or entries[number].start is None:
            continue  # a header that starts above its dates, or an undated one, is read as it is
        index = _employer_row_under(rows, anchor, ceiling, body)
        if index is not None:
            found[number] = index
    if len(found) < MIN_AGREEING_ENTRIES or 3 * len(found) < 2 * len(anchors):
        return
    for number, index in found.items():
        entry = entries[number]
        text = _trim(strip_bullet(clean_text(rows[index].text)))
        # "Яндекс, группа разработки бэкенда SmartTV": the employer, then its department after the comma.
        employer = text if _LEGAL_FORM_AFTER_COMMA.search(text) else _trim(text.split(", ")[0])
        title = " ".join(_header_parts(rows[anchors[number]], keep_dashes=True, commas=False))
        if not title or (entry.company and text.startswith(entry.company)):
            continue
        entry.title, entry.company = _trim(title), employer
        lines = entry.description.split("\n")
        if lines and lines[0] == clean_text(rows[index].text):
            entry.description = "\n".join(lines[1:])
# Where a piece stands in an entry's header: its row counted from the row of dates, its place in that row, and
# the row's type (size, bold).
Slot = tuple[int, int, float, bool]
# Entries whose title a job word names that must agree on where the title and the employer stand.
MIN_AGREEING_ENTRIES = 2


def _dated_row(header_rows: list[Row]) -> int:
    """Which of an entry's header rows holds its dates (the first that does; 0 when none does)."""
    for number, row in enumerate(header_rows):
        text = clean_text(row.text)
        if find_date_range(text) or find_closing_date(text) or find_since(text):
            return number
    return 0


def _role(text: str | None) -> int:
    """What a header piece's own words say it is: 1 a job ("Kundenberater", "Software Engineer"), -1 an
    organisation ("Ruhr-Universität Bochum", "Acme GmbH", "City Council"), 0 when they do not tell."""
    if not text:
        return 0
    job, organisation = bool(JOB_WORDS.search(text)), _names_organisation(text)
    return int(job and not organisation) - int(organisation and not job)


def _orientation(title: str | None, company: str | None) -> int:
    """Whether an entry's pieces tell which is which: 1 as read (the title reads as a job and the employer not,
    or the employer as an organisation and the title not), -1 the other way round, 0 when they do not tell."""
    title_role, company_role = _role(title), _role(company)
    if title_role >= 0 >= company_role and title_role > company_role:
        return 1
    if title_role <= 0 <= company_role and title_role < company_role:
        return -1
    return 0


def _names_job_only(title: str | None, company: str | None) -> bool:
    """A job word in the title, and the employer's words name no job (they may name an organisation)."""
    return _role(title) > 0 >= _role(company)


def _agree_on_slots(entries: list[ExperienceEntry], header_slots: list[dict[Slot, str]]) -> None:
    """A CV sets every entry's header alike: when the entries whose job words tell title from employer agree on
    where each stands (the bold dated row's first piece is the title, the plain row under it the employer;
    "dates | Employer | Title"), an entry whose words do not tell ("Adjoint administratif" over "Force
    Leadership Africain", "Blank & Biehl | Kundenlenker") is read the same way. An entry read the wrong way
    round (its employer's piece names the job, its title's does not) tells too: it votes for the places the
    other way round, and is then read the agreed way like the rest."""
    agreed: dict[tuple[Slot, Slot], int] = {}
    sure = 0
    for entry, slots in zip(entries, header_slots, strict=True):
        if not entry.title or not entry.company:
            continue
        if _names_job_only(entry.title, entry.company):
            title, company = entry.title, entry.company
        elif _names_job_only(entry.company, entry.title):
            title, company = entry.company, entry.title
        else:
            continue
        where = {text: slot for slot, text in slots.items()}
        if title in where and company in where:
            sure += 1
            key = (where[title], where[company])
            agreed[key] = agreed.get(key, 0) + 1
    if not agreed:
        return
    (title_slot, company_slot), count = max(agreed.items(), key=lambda item: item[1])
    if (count < MIN_AGREEING_ENTRIES and not (count == sure and len(entries) > count)) or 3 * count < 2 * sure:
        return  # (one entry that tells, and none that tells otherwise, is enough: "Keim Backt's" / "Verkäuferin")
    for entry, slots in zip(entries, header_slots, strict=True):
        # An entry whose title names a job is left as read (its pieces may have been joined since); so is a lone
        # name, with nothing where the other would stand, which may be either ("Bühnentechnik AG").
        if _names_job_only(entry.title, entry.company) or title_slot not in slots or company_slot not in slots:
            continue
        title, company = slots[title_slot], slots[company_slot]
        if _names_job_only(company, title):
            continue  # its own words say the other way round
        entry.title, entry.company = _cleaned_or(entry.title, title), _cleaned_or(entry.company, company)
def _cleaned_or(read: str | None, agreed: str) -> str:
    """The agreed piece, unless the entry read it this way round already and cleaned it since of a town ("SP. Z O.
    O., WROCŁAW") or a remark in brackets ("Werkstattgrundkurs (Grundkenntnisse in ...)"): the cleaned name stays."""
    if read and agreed.startswith(read) and agreed[len(read) :].lstrip()[:1] in (",", "("):
        return read
    return agreed


# A type that names an entry's title (or its employer) in at least this many entries, and this share of them.
MIN_TYPE_ENTRIES = 2
MIN_TYPE_SHARE = 1 / 3


def _style(fragment: TextLine) -> Style:
    return round(fragment.size, 1), fragment.bold


def _place_cell(text: str) -> bool:
    """A cell beside an entry's name that says where: "Lisbon, Portugal (Remote)", "'s-Hertogenbosch,
    Netherlands", "Santiago, Chile" (a known city, region or country in one of its comma parts)."""
    bare = re.sub(r"\([^()]*\)", "", text).strip(" ,'’")
    return bool(bare) and (_is_location(bare) or any(is_place(part) or _town_country(part)
                                                     for part in bare.split(",") if part.strip()))


def _name_then_town(text: str) -> bool:
    """"Independent Tutor, Wentzville, MO": a name (itself no place), then after its first comma a known town
    or a town and its region's code."""
    head, comma, tail = text.partition(",")
    return bool(comma) and bool(head.strip()) and not is_place(head.strip()) and bool(
        _NAMED_PLACE.search(tail) or any(is_place(part.strip()) for part in tail.split(",") if part.strip()))


def _town_country(text: str) -> bool:
    """"Kiew Ukraine", "Hamburg Deutschland": a known town, then its country, with no comma between."""
    words = text.split()
    return len(words) >= 2 and is_place(words[-1]) and bool(_NAMED_PLACE.fullmatch(words[-1])) and is_place(" ".join(words[:-1]))


def _row_name(row: Row) -> tuple[Style, str] | None:
    """The one name a header row gives, with its type: the first cell that is no date and no place (a
    cell of dates or a place beside it is left out). None for a row that reads as a sentence."""
    if not row_is_entry_header(row):
        return None
    for number, fragment in enumerate(row.fragments):
        text = strip_bullet(clean_text(fragment.text))
        found = find_date_range(text)
        while found is not None:
            start, end = _date_remark(text, *found[2])
            text = f"{text[:start]} {text[end:]}"
            found = find_date_range(text)
        if (closing := find_closing_date(text)) is not None and text[: closing[1]].strip():
            text = text[: closing[1]]  # "La Force verte (03/2022)": the one date closing the row is no name either
        text = _trim(text)
        if not text or is_date_only(text) or (number and _place_cell(text)):
            continue
        # "Stripe • San Francisco, CA": the name before a strong separator, its place after it left out. With no
        # place among them the pieces are one name of the row's type ("Responsable GIS · Brownfield": a title
        # and its field, on a title row of its own).
        pieces = [_trim(piece) for piece in _STRONG_SEPARATORS.split(text) if _trim(piece)]
        named = [piece for piece in pieces if not _place_cell(piece)] or pieces
        if len(named) == len(pieces) > 1:
            return _style(fragment), _trim(text)
        return _style(fragment), named[0]
    return None


def _read_by_row_types(entries: list[ExperienceEntry], styles: list[Style], header_sets: list[list[Row]],
                       body: float) -> tuple[list[ExperienceEntry], list[Style]]:
    """When a CV sets its job titles in one type and its employers in another, both apart from the
    description's type (Awesome-CV: the employer bold over a small-caps title with the dates beside it),
    each header row is one name whole: the title row's "ANALISTA FUNCIONAL - BENEFICIOS Y PAGOS" is one
    title, not a title and a company. Which type is the titles' is told by job-title words; an entry with
    no employer row under an employer's entry shares its employer (positions listed under one employer),
    and a dated row of neither type inside an entry (a project bullet "EMSA - Maritime Safety (Dec. 2025 -
    Present)") is part of that entry's description, not an entry."""
    plain = (round(body, 1), False)
    named = _types_merged([[name for row in rows if (name := _row_name(row)) is not None and name[0] != plain]
                           for rows in header_sets])
    entries_with: dict[Style, int] = {}
    for names in named:
        for style in {style for style, _ in names}:
            entries_with[style] = entries_with.get(style, 0) + 1
    recurring = [style for style, count in entries_with.items()
                 if count >= MIN_TYPE_ENTRIES and count >= MIN_TYPE_SHARE * len(entries)]
    if len(recurring) < 2:
        return entries, styles

    def titled_share(style: Style) -> float:
        texts = [text for names in named for kind, text in names if kind == style]
        return sum(bool(JOB_WORDS.search(text)) for text in texts) / len(texts)

    shares = {style: titled_share(style) for style in recurring}
    title_style = max(recurring, key=lambda style: (shares[style], entries_with[style]))
    others = [style for style in recurring if style != title_style and shares[style] < 0.5]
    if shares[title_style] < 0.5 or not others:
        return entries, styles
    employer_style = max(others, key=lambda style: entries_with[style])
    kept: list[ExperienceEntry] = []
    kept_styles: list[Style] = []
    employer: str | None = None
    for entry, style, names in zip(entries, styles, named, strict=True):
        # Of two rows in the titles' type, the one with a job word is the title ("Władysławowo | 2020" over
        # "Instruktor": the place of the dates' row is not).
        titles = sorted((text for kind, text in names if kind == title_style),
                        key=lambda text: not JOB_WORDS.search(text))
        employers = [text for kind, text in names if kind == employer_style]
        if not titles and not employers and kept:
            kept[-1].description = "\n".join(filter(None, [kept[-1].description, entry.description]))
            continue  # a dated line inside the entry above
        # A name the reading above carried on over the next row ("CERDI CNRS (Centre de Recherches et" /
        # "Développement International)") stays as long as it was; one it cleaned of a label, a slash or a
        # place stays as it was read ("Stanowisko: Doradca Junior" -> "Doradca Junior", "Spedytor /").
        if titles and not (entry.title or "").startswith(titles[0]) and not _cleaned_from(entry.title, titles[0],
                                                                                       entry.company):
            entry.title = titles[0]
        if employers:
            if not (entry.company or "").startswith(employers[0]) and not _cleaned_from(
                    entry.company, employers[0], entry.title, entry.location):
                entry.company = employers[0]
            if not titles and entry.title and entry.title in employers[0]:
                entry.title = None  # a piece of the employer's own row ("Curso: Energía ..." cut at its colon)
            # An entry with an employer row but no title row is an employer's (or a course's) entry of its own, with
            # its own dates: the positions after it, each under its own dates, are not listed under it.
            employer = entry.company if titles else None
        elif titles and employer is not None:
            entry.company = employer
        elif titles and entry.company and not any(entry.company in text for _, text in names):
            # No row in the employers' type and none to share: a company read from a row in the description's
            # type ("Funciones: Clases personalizadas ...", the description's label) is none.
            entry.company = None
        kept.append(entry)
        kept_styles.append(style)
    return kept, kept_styles


TYPE_SIZE_SLACK = 0.8


def _types_merged(named: list[list[tuple[Style, str]]]) -> list[list[tuple[Style, str]]]:
    """The header names with each type read as its cluster's: a design that sizes each text box on its own (Canva:
    titles at 10.7, 10.5 and 10.0 pt, employers at 8.9 and 9.0) sets one type a few tenths apart. Sizes of one
    weight each within TYPE_SIZE_SLACK of the next are one type, named by the cluster's most used size, unless
    one entry's header sets both (LinkedIn's employer at 12 pt over its title at 11.5: two types)."""
    counts: dict[Style, int] = {}
    together: set[tuple[Style, Style]] = set()
    for names in named:
        for style, _ in names:
            counts[style] = counts.get(style, 0) + 1
        together.update((one, other) for one, _ in names for other, _ in names if one != other)
    canonical: dict[Style, Style] = {}
    for weight in (False, True):
        sizes = sorted(size for size, bold in counts if bold == weight)
        cluster: list[float] = []
        for size in [*sizes, None]:
            if size is not None and (not cluster or (size - cluster[-1] <= TYPE_SIZE_SLACK and not any(
                    ((member, weight), (size, weight)) in together for member in cluster))):
                cluster.append(size)
                continue
            if cluster:
                leader = max(cluster, key=lambda member: (counts[(member, weight)], member))
                canonical.update({(member, weight): (leader, weight) for member in cluster})
            cluster = [size] if size is not None else []
    return [[(canonical[style], text) for style, text in names] for names in named]


_LEFT_OVER = re.compile(r"^[\s/|,;:–—-]*$")


# Nouns that name a part of an organisation, so a name after the employer's comma holding one is a unit, not a town
# ("Microscopy Centre, Research Office").
_UNIT_NOUN = re.compile(r"\b(?:office|cent(?:re|er)|unit|division|desk|team|section|bureau|service|abteilung|b[üu]ro|"
                        r"oficina|ufficio|dienst|afdeling|servicio|servizio)s?\b", re.IGNORECASE)


def _cleaned_from(parsed: str | None, row_name: str, other: str | None, place: str | None = None) -> bool:
    """Whether a name read from an entry's header is its row's name less a label before a colon, stray
    separators or a place after a comma, and the row holds nothing of the entry's other name: the row's name
    whole is then no better. A title read as a part of its row beside a company from the same row ("ANALISTA
    FUNCIONAL" of "ANALISTA FUNCIONAL - BENEFICIOS Y PAGOS") is not."""
    if not parsed or parsed not in row_name or (other and other in row_name):
        return False
    before, _, after = row_name.partition(parsed)
    before_ok = _LEFT_OVER.match(before) is not None or (before.rstrip().endswith(":") and len(before.split()) <= 2)
    # ("Selbständig, Homeoffice global": working for oneself names no employer whose name could go on after a comma.)
    after_ok = _LEFT_OVER.match(after) is not None or (after.lstrip().startswith(",") and (
        _place_cell(after.lstrip(" ,")) or bool(_SELF_EMPLOYED.fullmatch(parsed))
        # "OFFICE DEPOT, MEUNG SUR LOIRE": a town no list knows, read as the entry's place from this very row
        or (place is not None and after.strip(" ,.") == place.rsplit(",", 1)[-1].strip()
            and not _names_organisation(after) and not _UNIT_NOUN.search(after)))) or (
        # "ERDF – Nanterre", "Ministère du Travail – La Défense (92)": a known town after a dash
        re.match(r"\s[-–—]\s", after) is not None and _known_town(after.strip(" -–—"))) or (
        # "AAS academy / Bratislava, Slovenská republika /": a known town set apart by slashes
        re.match(r"\s/\s", after) is not None and is_place(after.strip(" /").split(",")[0].strip()))
    return before_ok and after_ok


def _header_like(row: Row, body: float) -> bool:
    """A styled short line that can name a title or an employer, a decorative bullet before it allowed
    ("• Mergado technologies s.r.o.")."""
    text = strip_bullet(clean_text(row.text))
    return (_styled(row, body) and bool(text) and not text[0].islower() and len(text.split()) <= 12
            and not text.endswith((";", ",")) and not (text.endswith(".") and len(text.split()[-1]) > 6)
            and not find_date_range(text))


MIN_TRAILING_ENTRIES = 2
MAX_SHORT_NAME_WORDS = 5


def _short_name(row: Row) -> bool:
    """One short line that can name a job: a few words, not a sentence, no dates."""
    text = strip_bullet(clean_text(row.text))
    return (len(row.fragments) == 1 and bool(text) and not text[0].islower() and len(text.split()) <= MAX_SHORT_NAME_WORDS
            and not text.endswith((".", ",", ";", ":")) and not find_date_range(text))


def _headers_before_trailing_dates(rows: list[Row], anchors: list[int], body: float) -> dict[int, tuple[int, int]]:
    """A CV that closes each position with its dates ("Konzultant" / "Komunikace s klienty." / "srpen 2017 -
    současnost"): the styled block that opens the stretch since the previous dates is the header, the lines
    after it the description, and the dates end the entry. Told by the layout of most entries, the first
    among them (a CV whose dates lead puts nothing before its first dates): a description line right above
    the dates, a styled block before it, and the next header (or nothing) right after the dates.
    {entry number: (first header row, last header row)}."""
    found: dict[int, tuple[int, int]] = {}
    for number, anchor in enumerate(anchors):
        floor = anchors[number - 1] + 1 if number else 0
        block = next((index for index in range(floor, anchor) if _header_like(rows[index], body)), None)
        if block is None or _styled(rows[anchor - 1], body):
            continue
        after = rows[anchor + 1] if anchor + 1 < len(rows) else None
        if after is not None and not _header_like(after, body):
            continue
        last = block
        while last + 1 < anchor and _header_like(rows[last + 1], body):
            last += 1
        if last + 1 < anchor and _POSTCODE_TOWN_END.search(clean_text(rows[last].text)) and _short_name(rows[last + 1]):
            # "Enderli Metallbau, 8302 Kloten" / "Metallbaukonstrukteur": a header closed by the employer's postcode
            # and town names the employer; the short line under it, in the body's type, is the job.
            last += 1
        if last + 1 < anchor:  # a description between the header and its dates
            found[number] = (block, last)
    if 0 not in found or len(found) < MIN_TRAILING_ENTRIES or 3 * len(found) < 2 * len(anchors):
        return {}
    return found



# Rows above an entry's header searched for its employer's line.
EMPLOYER_REACH = 3
_LEGAL_FORM_AFTER_COMMA = re.compile(r",\s*(?:Inc|Ltd|LLC|GmbH|AG|SA|SAS|BV|NV|plc|Corp|Co)\b\.?", re.IGNORECASE)


# "Mahsan Co. . . . . . . . .": a name followed by a dotted leader to the margin (LaTeX's \dotfill) is set apart
# as an employer's line, whatever its type.
# ("Co.. . . .": the name's own full stop stays with it.)
_DOT_LEADER = re.compile(r"(?<=\.)(?:\s?\.){3,}\s*$|(?<!\.)(?:\s?\.){4,}\s*$|…{2,}\s*$")
MAX_CAPITALS_NAME_WORDS = 6


def _capitals_name(text: str) -> bool:
    """A short line in capitals that names no job ("OULCAID CLOUD SOLUTION", "ORANGE BUSINESS"): capitals set
    an employer apart where a CV has no other type for it."""
    letters = [char for char in text if char.isalpha()]
    return (len(letters) >= 3 and all(char.isupper() for char in letters)
            and len(text.split()) <= MAX_CAPITALS_NAME_WORDS and not JOB_WORDS.search(text))


_ABBREVIATED_LEGAL_FORM = re.compile(r"\b(?:Co|Inc|Ltd|Corp)$", re.IGNORECASE)


def _before_leader(text: str, start: int) -> str:
    """The name before a dotted leader starting at `start`, with an abbreviated legal form's own full stop
    ("Amnpardaz Co.. . . .": "Amnpardaz Co.")."""
    name = text[:start].rstrip()
    return name + "." if _ABBREVIATED_LEGAL_FORM.search(name) and text[start:].lstrip().startswith(".") else name


def _employer_above(rows: list[Row], start: int, floor: int, body: float) -> str | None:
    """The employer of an entry whose header names only the job, set above it in a larger type (or in capitals,
    or before a dotted leader) with a line
    about the employer between ("МТС Веб Сервисы (ООО "МВС"), Центр Геосервисов" / "Разработка сервисов
    ..." / "Май 2024 - н.в." / "Senior backend developer"): the nearest such line within a few rows, up to
    the end of the entry above; a department after its comma is left out."""
    for index in range(start - 1, max(floor, start - EMPLOYER_REACH) - 1, -1):
        row = rows[index]
        text = strip_bullet(clean_text(row.text))
        leader = _DOT_LEADER.search(text)
        if leader is not None:  # the dots are no words of the name
            text = _before_leader(text, leader.start())
            named = bool(text) and not text[0].islower() and len(text.split()) <= MAX_CAPITALS_NAME_WORDS
        else:
            named = row_is_entry_header(row)
        set_apart = row.size > body + 0.4 or _capitals_name(text) or leader is not None
        if set_apart and named and not find_date_range(text) and not find_single_date(text):
            name = text if _LEGAL_FORM_AFTER_COMMA.search(text) else text.split(", ")[0]
            return _trim(name) or None
    return None


# A job told as a sentence, as plain-text CVs often do: "1) Currently Working at NOVA ENGINEERING WORKS Since
# MAY 2018 to TILL DATE as a CIVIL ENGINEER." or "Worked as Site Engineer with Larsen & Toubro from June 2015
# to April 2018". Read once its dates are cut out; the employer follows at/with/for, the job follows "as".
_PROSE_VERB = (r"^(?:\d{1,2}[.)]\s*)?(?:(?:currently|presently)\s+)?"
               r"(?:working|worked|employed|serving|served|joined)\s+")
_PROSE_AT_AS = re.compile(_PROSE_VERB + r"(?:at|with|for|in)\s+(?P<company>.+?)\s+as\s+(?:an?\s+)?(?P<title>.+)$",
                          re.IGNORECASE)
_PROSE_AS_AT = re.compile(_PROSE_VERB + r"as\s+(?:an?\s+)?(?P<title>.+?)\s+(?:at|with|for|in)\s+(?P<company>.+)$",
                          re.IGNORECASE)
# The date clause itself, whatever form its dates take ("Since MAY 2018 to TILL DATE"), up to "as" or the end.
_DATE_CLAUSE = re.compile(r"\s+(?:since|from|during)\s+.*?(?=\s+as\s|$)", re.IGNORECASE)


def _job_sentence(text: str) -> tuple[str, str] | None:
    """(title, company) of a one-row header written as a sentence, else None."""
    found = find_date_range(text)
    if found is not None:
        text = text[: found[2][0]] + " " + text[found[2][1] :]
    text = _DATE_CLAUSE.sub("", re.sub(r"\s+", " ", strip_bullet(text)).strip()).strip(" .;,")
    for pattern in (_PROSE_AT_AS, _PROSE_AS_AT):
        match = pattern.match(text)
        if match is not None:
            title, company = _trim(match.group("title")), _trim(match.group("company"))
            # The job must name a job ("part of a team" does not), and neither side may run on as prose.
            if title and company and JOB_WORDS.search(title) and len(title.split()) <= 6 and len(company.split()) <= 8:
                return title, company
    return None


_BULLET_CELL = re.compile(r"^\s*[•◦▪▸►‣⁃·*\-–●○■□◆◇❖➢➤▶✓✔]")


def _without_echoed_place(parts: list[str]) -> tuple[list[str], str | None]:
    """A header that names the place twice, closing a name and again in a cell of its own ("Hotel Blumenstein,
    Frauenfeld | Frauenfeld | 02/2004 – 02/2006", "Chalet Suisse, New York | New York, USA"): the CV itself says
    which piece is the place. The cell is the location, and the name without its ", Town" the employer (or title)."""
    for place in parts:
        town = place.split(",")[0].strip().lower()
        if not town or JOB_WORDS.search(place):
            continue
        for number, other in enumerate(parts):
            head, comma, tail = other.rpartition(",")
            if other is place or not comma or tail.strip().lower() != town or not head.strip():
                continue
            kept = [head.strip() if index == number else part for index, part in enumerate(parts) if part is not place]
            return kept, place
    return parts, None


def _slashed_place(part: str) -> list[str]:
    """"AAS academy / Bratislava, Slovenská republika / FEBRUÁR 2025 - DOTERAZ" (the dates cut out): slashes that
    set a known town apart part the employer from its place, as a bar would. (A slash between two names that
    are no place, "Prodavač / Pokladní", stays inside the name.)"""
    pieces = [piece.strip() for piece in part.strip(" /").split(" / ")]
    if len(pieces) < 2 or not all(pieces):
        return [part]
    if any(is_place(piece.split(",")[0].strip()) and not JOB_WORDS.search(piece) for piece in pieces[1:]):
        return pieces
    return [part]


_JOB_IN_BRACKETS = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<job>[^()]+)\)$")
MIN_BULLET_POINT_WORDS = 3
# A unit of the employer in brackets after its name ("Főtáv Zrt. (Biztonságvédelmi Főosztály)", "Siemens AG
# (Abteilung Einkauf)"): the department, not part of the employer's name (an acronym or a brand in brackets is).
_UNIT_REMARK = re.compile(
    r"\s*\((?=[^()]*(?:\b(?:department|dept\.?|division|abteilung|fachbereich|lehrstuhl|département|departamento|"
    r"dipartimento|departament|oddělení|odbor|katedra|wydział|zakład|afdeling|avdelning|szak)\b|osztály|tanszék))"
    r"[^()]*\)$", re.IGNORECASE)
_BRACKETED_ROW = re.compile(r"\([^()]+\)")


def _dates_beside_description(row: Row, following: Row | None = None) -> bool:
    """A row whose dates have a cell of their own and whose other cells are a description's bullet point. A
    short cell after an icon ("z 2021. 09. 01. – 2022. 02. 09." / "* XI. kerület": a pin an icon font gives as
    "*") is the entry's place, not a point, unless the description goes on under it."""
    cells = [clean_text(fragment.text) for fragment in row.fragments]
    rest = [cell for cell in cells if not is_date_only(cell) and not find_date_range(cell)
            and not re.fullmatch(r"[\s\-–—,]*", cell)]
    if not (len(rest) < len(cells) and bool(rest) and bool(_BULLET_CELL.match(rest[0]))):
        return False
    if len(_BULLET_CELL.sub("", rest[0]).split()) >= MIN_BULLET_POINT_WORDS or following is None:
        return True
    cell = next(fragment for fragment in row.fragments if clean_text(fragment.text) == rest[0])
    return any(abs(fragment.x0 - cell.x0) < 2 * cell.size for fragment in following.fragments)


def _header_above(rows: list[Row], anchor: int, floor: int, body: float) -> int | None:
    """The nearest styled entry-header row within three rows above `anchor`, not above `floor`."""
    for index in range(anchor - 1, max(floor, anchor - 3) - 1, -1):
        if _styled(rows[index], body) and row_is_entry_header(rows[index]):
            return index
    return None


MIN_DASH_STYLE_HEADERS = 3


def _dash_style(anchor_rows: list[Row]) -> bool:
    """The CV writes its headers "Title – Company – Dates": two thirds of its rows of dates, and at least
    three, part their pieces with dashes alone."""
    texts = [strip_bullet(clean_text(row.text)) for row in anchor_rows]
    dashed = [text for text in texts if _DASH_SEPARATOR.search(text) and not _STRONG_SEPARATORS.search(text)]
    return len(dashed) >= MIN_DASH_STYLE_HEADERS and 3 * len(dashed) >= 2 * len(texts)


def _right_edges(rows: list[Row]) -> dict[tuple[int, int], float]:
    """Where the text of each page's column ends on the right: the line that reaches furthest, when that edge is a
    margin (running text reaches it, or two lines end there). A column of short lines ("Préparateur de commandes"
    over "DEJBOX", the widest line of a list of titles and employers) shows no margin: no line of it was broken
    for want of room, so its edge is infinitely far."""
    edges: dict[tuple[int, int], float] = {}
    for row in rows:
        key = (row.page, row.column)
        edges[key] = max(edges.get(key, 0.0), row.fragments[-1].x1)
    reaching: dict[tuple[int, int], list[Row]] = {}
    for row in rows:
        key = (row.page, row.column)
        if row.fragments[-1].x1 >= edges[key] - MARGIN_SLACK:
            reaching.setdefault(key, []).append(row)
    def running_text(row: Row) -> bool:
        text = clean_text(row.text)
        return len(text.split()) >= MIN_PARAGRAPH_LINE_WORDS and find_date_range(text) is None

    return {key: edge if len(reaching[key]) >= 2 or any(running_text(row) for row in reaching[key]) else math.inf
            for key, edge in edges.items()}


MARGIN_SLACK = 3.0


MIN_PARAGRAPH_LINE_WORDS = 4
MAX_JUSTIFIED_GAP_EMS = 3


def _paragraph_line(rows: list[Row], index: int, right_edges: dict[tuple[int, int], float]) -> bool:
    """Row `index` is the first line of a paragraph, not a header line: it runs to the column's right edge (set
    justified or filled) and the next row goes on in its type at its left edge. ("IFSP (02/2024 - 06/2024)" /
    "Como parte da Fábrica de Software" / "Acadêmica e desenvolvi o sistema de": the second row starts the
    description; a header's name stops where it ends.)"""
    if index + 1 >= len(rows):
        return False
    row, following = rows[index], rows[index + 1]
    if (row.page, row.column) != (following.page, following.column) or not _same_type(row, following):
        return False
    text = clean_text(row.text)
    if _DASH_SEPARATOR.search(text) or _STRONG_SEPARATORS.search(text) or _RUN_IN_LABEL.search(text):
        return False  # a header run into its description ("Fietsenmaker – Budget Fietsenhuis. Taken: ...")
    # Justified text parts a line into fragments at wide word gaps; a cell beside a name (a place, dates on the
    # right) stands much further off.
    gaps = [right.x0 - left.x1 for left, right in zip(row.fragments, row.fragments[1:], strict=False)]
    if any(gap > MAX_JUSTIFIED_GAP_EMS * row.size for gap in gaps):
        return False
    return (len(text.split()) >= MIN_PARAGRAPH_LINE_WORDS and abs(row.x0 - following.x0) <= 3
            and row.fragments[-1].x1 >= right_edges.get((row.page, row.column), row.fragments[-1].x1) - 2)


# A postcode (4 or 5 digits, maybe after a country letter and a hyphen) and its town after a comma: the last part of
# an employer's address, which closes its line ("Enderli Metallbau, 8302 Kloten", "Acme, D-80331 München").
_POSTCODE_TOWN_END = re.compile(r",\s*(?:[A-Z]{1,2}-)?\d{4,5}\s+[A-ZÀ-ÖØ-Þ][\w.'’-]*(?:\s[A-ZÀ-ÖØ-Þ][\w.'’-]*){0,2}$")


def _wrapped_into(row: Row, following: Row, right_edges: dict[tuple[int, int], float]) -> bool:
    """`following` continues `row`'s text: same type and left edge, and its first word would not have fit
    at the end of `row` (the line was broken there), or `row` ends on a separator ("... SALES ENGINEER –")."""
    last, first = row.fragments[-1], following.fragments[0]
    if len(row.fragments) > 1 or (row.page, row.column) != (following.page, following.column):
        return False
    if abs(first.x0 - row.fragments[0].x0) > 3 or abs(first.size - last.size) > 0.3:
        return False
    text = clean_text(last.text).rstrip()
    dates = find_date_range(text)
    after = text[dates[2][1]:].strip(" )]") if dates is not None else None
    if (after is not None and (not after or _DURATION.match(after + ")"))) or find_closing_date(text):
        return False  # a line that ends with its dates is finished ("January 2020 - Present")
    if _POSTCODE_TOWN_END.search(text):
        return False  # a line that ends with an address's postcode and town is finished ("Enderli Metallbau, 8302 Kloten")
    if re.search(r"(?:\s[-–—|&]|,)$", text) and first.bold == last.bold:
        return True
    # (The line's weight may differ: a word processor marks a line bold by its first characters.)
    following_text = clean_text(first.text)
    word = following_text.split()[0] if following_text.split() else ""
    char_width = (first.x1 - first.x0) / max(len(following_text), 1)
    return last.x1 + char_width * (len(word) + 1) > right_edges.get((row.page, row.column), last.x1)


# A cell's line that cannot end there: it ends on a joining word or a comma ("Notfallsanitäter (Feldscher) am").
_OPEN_END = re.compile(r"(?:,|\s(?:at|bei|beim|im|am|an der|in|für|of|for|and|und|et|de|du|des|en|y|e|di|del|chez|bij))$",
                       re.IGNORECASE)
MAX_CELL_ROWS = 3


def _join_wrapped_cells(rows: list[Row], right_edges: dict[tuple[int, int], float]) -> list[Row]:
    """A table row whose dates fill the left cell and whose header's cell wraps onto the rows under it
    ("02.2013-08.2013 | Notfallsanitäter (Feldscher) am" / "Notfalldienst, Kiew Ukraine"): the rows that
    only continue the header's cell (one fragment under it, same type, and the line above could not have
    ended where it did) are read as part of it."""
    joined: list[Row] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        index += 1
        cells = [clean_text(fragment.text) for fragment in row.fragments]
        if len(cells) < 2 or not all(find_date_range(cell) or is_date_only(cell) or _since_only(cell)
                                     for cell in cells[:-1]) or find_date_range(cells[-1]):
            joined.append(row)
            continue
        merged = 0
        while index < len(rows) and merged < MAX_CELL_ROWS - 1:
            following, cell = rows[index], row.fragments[-1]
            date_cell = None
            if (len(row.fragments) == 2 and len(following.fragments) == 2
                    and re.search(r"[-–—]\s*$", clean_text(row.fragments[0].text))
                    and is_date_only(clean_text(following.fragments[0].text))
                    and following.fragments[0].x1 < cell.x0):
                # moderncv's date column: "09/2015 –" / "12/2016" beside a header cell that wraps on the same rows
                # ("…, Pontifícia Universidade Católica do Rio Grande" / "do Sul, Porto Alegre."): the date cell is
                # the range whole, the header cell one line.
                date_cell = following.fragments[0]
                following = Row(following.fragments[1:], page=following.page, column=following.column)
            first = following.fragments[0]
            text, next_text = clean_text(cell.text).rstrip(), clean_text(first.text).strip()
            if (len(following.fragments) > 1 or (following.page, following.column) != (row.page, row.column)
                    or abs(first.x0 - cell.x0) > 3 or abs(first.size - cell.size) > 0.3 or first.bold != cell.bold or is_bullet(following)
                    or not next_text or find_date_range(next_text) or text.endswith(".")):
                break
            word = next_text.split()[0]
            char_width = (first.x1 - first.x0) / max(len(next_text), 1)
            no_room = cell.x1 + char_width * (len(word) + 1) > right_edges.get((row.page, row.column), cell.x1)
            if not (_OPEN_END.search(text) or next_text[0].islower() or no_room):
                break
            line = TextLine(cell.x0, min(cell.y0, first.y0), max(cell.x1, first.x1), max(cell.y1, first.y1),
                            cell.size, cell.bold, f"{text} {next_text}")
            leading = row.fragments[:-1]
            if date_cell is not None:
                dates = leading[0]
                leading = [TextLine(dates.x0, min(dates.y0, date_cell.y0), max(dates.x1, date_cell.x1),
                                    max(dates.y1, date_cell.y1), dates.size, dates.bold,
                                    f"{clean_text(dates.text).rstrip()} {clean_text(date_cell.text).strip()}")]
            row = Row([*leading, line], page=row.page, column=row.column)
            index += 1
            merged += 1
        joined.append(row)
    return joined


MIN_LEVEL_CELLS = 2


def _level(row: Row, other: Row) -> bool:
    """Two rows whose first lines start at one height: the tops of two cells of one table row."""
    return abs(row.top - other.top) <= 0.5 * min(row.size, other.size)


def _cell_columns_as_table_rows(rows: list[Row]) -> list[Row]:
    """A table of two columns, each table row an entry: a narrow left cell holding its dates and header
    (stacked: "Jun 2024 – sep 2024" / "ANALISTA DE SISTEMAS" / "COSTA NORTE CONSTRUCCIONES"), a wide right cell
    holding its description. The reading order may take the two columns one after the other (their lines are
    set in different types and spacings, so they share no baselines), which leaves every header of the page
    before every description. What tells the table: on a page, the section's rows stand in two column zones,
    the left one ending before the right one starts, only the left one holds dates, and the dates' rows are
    level with a right-hand row (each table row starts both cells at one height) for most of them. Then each
    right-hand row is read after the left cell whose dates are at or above its height (rows above the first
    dates go on from the previous page's entry, so they come first)."""
    pages: dict[int, list[int]] = {}
    for index, row in enumerate(rows):
        pages.setdefault(row.page, []).append(index)
    result = list(rows)
    for indices in reversed(pages.values()):  # from the last page, so the earlier pages' places stay put
        if indices != list(range(indices[0], indices[-1] + 1)):
            continue  # the page's rows are not one block of the section
        columns = sorted({rows[index].column for index in indices})
        if len(columns) != 2:
            continue
        left = [rows[index] for index in indices if rows[index].column == columns[0]]
        right = [rows[index] for index in indices if rows[index].column == columns[1]]
        if max(row.fragments[-1].x1 for row in left) >= min(row.x0 for row in right):
            left, right = right, left
            if max(row.fragments[-1].x1 for row in left) >= min(row.x0 for row in right):
                continue  # not side by side
        width = {side: max(row.fragments[-1].x1 for row in rows_of) - min(row.x0 for row in rows_of)
                 for side, rows_of in (("left", left), ("right", right))}
        if width["left"] >= width["right"]:
            continue  # the header cells are the narrow column beside the descriptions
        dated = [row for row in left if find_date_range(clean_text(row.text))]
        if not dated or any(find_date_range(clean_text(row.text)) for row in right):
            continue
        level = sum(any(_level(row, other) for other in right) for row in dated)
        if level < min(MIN_LEVEL_CELLS, len(dated)) or 3 * level < 2 * len(dated):
            continue
        before_dates = [row for row in left if row.top > dated[0].top]  # a cell going on from the page before
        ordered = [*before_dates, *(row for row in right if row.top > dated[0].top + 0.5 * row.size)]
        count = len(ordered)
        for number, dates in enumerate(dated):
            floor = dated[number + 1].top if number + 1 < len(dated) else float("-inf")
            cell = [row for row in left if floor < row.top <= dates.top]
            description = [row for row in right if floor + 0.5 * row.size < row.top <= dates.top + 0.5 * row.size]
            count += len(cell) + len(description)
            ordered.extend([*_stacked_cell(cell), *description])
        if count != len(indices):
            continue  # rows the cut would lose or repeat: leave the page as it was read
        result[indices[0] : indices[-1] + 1] = ordered
    return result


def _date_cell(text: str) -> bool:
    """A cell that holds dates and nothing else: a range, or one line of a range wrapped over two."""
    found = find_date_range(text)
    if found is not None:
        return not any(char.isalnum() for char in text[: found[2][0]] + text[found[2][1] :])
    return is_date_only(text) or _since_only(text) or is_present_only(text)


def _gutter_near(band: list[TextLine], fragment: TextLine, edge: float) -> float:
    """Where the date cells within two lines of `fragment`'s height end (their left edge when there are none)."""
    return max((cell.x1 for cell in band if abs(cell.middle - fragment.middle) <= 2 * fragment.size), default=edge)


def _date_cells_as_table_rows(rows: list[Row]) -> list[Row]:
    """A table whose left cells hold only each entry's dates, wrapped over two lines ("08.2024 –" / "Now"),
    beside a right cell of several lines: the two cells' lines do not share baselines (the dates are centred in
    their cell, the header starts at its top), so the rows read interleave them ("Coop – IT Business Analyst"
    / "08.2024 –" / "Defining and maintaining ..." / "Now") and neither the range nor the header is whole. What
    tells the table: in a column of the section, every line left of a gutter is a date cell's line, every other
    line starts right of it, and some date line stands on a row of its own. Then each date cell (its lines
    joined while they carry one range over) is one table row with the right-hand lines nearest to it: the
    dates beside the cell's first line, the other lines under it."""
    blocks: dict[tuple[int, int], list[int]] = {}
    for index, row in enumerate(rows):
        blocks.setdefault((row.page, row.column), []).append(index)
    result = list(rows)
    for indices in reversed(blocks.values()):
        if indices != list(range(indices[0], indices[-1] + 1)):
            continue
        block = [rows[index] for index in indices]
        firsts = [row.fragments[0] for row in block if _date_cell(clean_text(row.fragments[0].text))]
        if len(firsts) < MIN_LEVEL_CELLS:
            continue
        edge = min(fragment.x0 for fragment in firsts)
        band = [fragment for fragment in firsts if fragment.x0 - edge <= 3]
        rights = [Row([fragment for fragment in row.fragments if fragment not in band], page=row.page, column=row.column)
                  for row in block if any(fragment not in band for fragment in row.fragments)]
        if any(fragment.x0 <= _gutter_near(band, fragment, edge) for row in rights for fragment in row.fragments):
            continue  # a line across the gutter: no table of date cells
        if not any(len(row.fragments) == 1 and row.fragments[0] in band for row in block):
            continue  # every date line shares its row with the right cell's line: the rows are the table's already
        cells: list[list[TextLine]] = []
        for fragment in sorted(band, key=lambda item: -item.y1):
            if cells:
                above = cells[-1][-1]
                joined = " ".join(clean_text(line.text) for line in cells[-1])
                if (above.y0 - fragment.y1 <= 1.5 * fragment.size
                        and find_wrapped_range(joined, clean_text(fragment.text)) is not None):
                    cells[-1].append(fragment)
                    continue
            cells.append([fragment])
        # A right-hand row is the table row's whose date cell starts at most a line below the row's top (the
        # right cell starts at the table row's top, the dates at its top or centred a little lower), the lowest
        # such; rows above every date cell stay before them.
        owned: list[list[Row]] = [[] for _ in cells]
        leading: list[Row] = []
        for row in rights:
            candidates = [number for number, cell in enumerate(cells) if row.top <= cell[0].y1 + cell[0].size]
            (owned[candidates[-1]] if candidates else leading).append(row)
        ordered: list[Row] = list(leading)
        for cell, own in zip(cells, owned, strict=True):
            first = own[0] if own else None
            dates = TextLine(cell[0].x0, first.fragments[0].y0 if first else cell[-1].y0, max(line.x1 for line in cell),
                             first.fragments[0].y1 if first else cell[0].y1, cell[0].size, cell[0].bold,
                             " ".join(clean_text(line.text) for line in cell))
            ordered.append(Row([dates, *(first.fragments if first else [])], page=block[0].page, column=block[0].column))
            ordered.extend(own[1:])
        result[indices[0] : indices[-1] + 1] = ordered
    return result


MAX_CELL_LINE_WORDS = 8
# A short word left before a cell's dates once they are read ("Maz 2013 – Dic 2019"): a month mistyped.
_LEFT_BEFORE_DATES = re.compile(r"^\W*[^\W\d_]{1,4}\.?\s*$")


MIN_CAPITALS_WORDS = 2


def _capitals_then_mixed(text: str) -> list[str]:
    """"GRASACA GRASAS SAN CARLOS, Barcelona. Edo. Anz." in two: a name set in capitals (two words or more), then
    words in mixed case (the capitals set the name apart from the town after it). Text in one case stays whole,
    and so does a name led by one acronym ("IBM Deutschland GmbH")."""
    words = text.split()
    count = 0
    while count < len(words) and not any(char.islower() for char in words[count]):
        count += 1
    if (MIN_CAPITALS_WORDS <= count < len(words) and any(char.isalpha() for char in words[0])
            and words[count][:1].isupper() and words[count][1:2].islower()):
        return [" ".join(words[:count]).strip(" ,-–—"), " ".join(words[count:])]
    return [text]


def _stacked_cell(cell: list[Row]) -> list[Row]:
    """A table's header cell that stacks its entry's fields on lines of their own under its dates ("Jun 2024 –
    sep 2024" / "ANALISTA DE SISTEMAS" / "COSTA NORTE" / "CONSTRUCCIONES Barcelona." / "Edo. Anz."): one header
    row whose pieces are the dates, the line under them (one field, the title or the employer, told apart as
    in any header) and the rest of the cell read as the one text it wraps (the other field, and where). A name
    in capitals followed by words in mixed case is two pieces: the capitals set the name apart from the
    town after it. A cell with a line of running text is left as it is."""
    if len(cell) < 2 or any(len(clean_text(row.text).split()) > MAX_CELL_LINE_WORDS or is_bullet(row)
                            or clean_text(row.text)[:1].islower() for row in cell):
        return cell
    dates_text = clean_text(cell[0].text)
    found = find_date_range(dates_text)
    if found is None:
        return cell
    before, after = dates_text[: found[2][0]], dates_text[found[2][1] :]
    if _LEFT_BEFORE_DATES.match(before) and not after.strip(" -–—"):
        dates_text = dates_text[found[2][0] :]
    rest = " ".join(clean_text(row.text) for row in cell[2:])
    pieces = [dates_text, clean_text(cell[1].text), *_capitals_then_mixed(rest)]
    line = TextLine(min(row.x0 for row in cell), min(row.fragments[0].y0 for row in cell),
                    max(row.fragments[-1].x1 for row in cell), cell[0].top, cell[0].size, cell[0].bold,
                    " | ".join(piece for piece in pieces if piece.strip()))
    return [Row([line], page=cell[0].page, column=cell[0].column)]


# "Haus Miteinander Behinderten-" / "wohnheim, Büderich": a word broken at the line's end with a hyphen, the next
# row going on in lower case. German keeps the hyphen before a conjunction ("Hardware- und Software...").
_BROKEN_WORD_END = re.compile(r"[^\W\d_]{2}-$")
_KEPT_HYPHEN_WORDS = frozenset({"und", "oder", "bis", "sowie", "and", "or", "et", "ou", "y", "o", "e"})
MAX_HANGING_INDENT_EMS = 5


def _join_hyphenated(rows: list[Row]) -> list[Row]:
    """A line whose last word is broken with a hyphen and carried over to the next row (in the same type, at its
    left edge or a hanging indent under it) read as one row, the word made whole: LaTeX hyphenates a header
    as readily as a description ("2018 Praktikum im Behindertenwohnheim, Haus Miteinander Behinderten-" /
    "wohnheim, Büderich")."""
    joined: list[Row] = []
    for row in rows:
        previous = joined[-1] if joined else None
        if previous is not None and len(row.fragments) == 1 and not is_bullet(row) \
                and (previous.page, previous.column) == (row.page, row.column):
            last, first = previous.fragments[-1], row.fragments[0]
            text, following = clean_text(last.text), clean_text(first.text)
            indent = first.x0 - previous.x0
            if (_BROKEN_WORD_END.search(text) and following[:1].islower() and abs(first.size - last.size) < 0.3
                    and first.bold == last.bold and -3 <= indent <= MAX_HANGING_INDENT_EMS * first.size):
                word = following.split()[0].strip(",.;:")
                glued = f"{text} {following}" if word in _KEPT_HYPHEN_WORDS else f"{text[:-1]}{following}"
                merged = TextLine(last.x0, min(last.y0, first.y0), first.x1, last.y1, last.size, last.bold, glued)
                whole = Row([*previous.fragments[:-1], merged], page=row.page, column=row.column)
                # A header run into its description ("TU/e. Taken: Organ-" / "isatie introductieweek; ...") stays
                # apart from the description's rows.
                if not _RUN_IN_LABEL.search(text) and (row_is_entry_header(whole) or not row_is_entry_header(previous)):
                    joined[-1] = whole
                    continue
        joined.append(row)
    return joined


# A header line left open at a separator ("OKTOBER 2023 – MAI 2024 |", "IT-SUPPORT UND WARTUNG –") or taken up
# by one ("– HOCHSCHULE FULDA", "BEI TEGUT GMBH & CO. KG"): the two rows are one line, however short the first.
_OPEN_SEPARATOR_END = re.compile(r"\s[|–—-]$")
_SEPARATOR_START = re.compile(r"^[|–—]\s|^(?:at|bei|chez|bij|@)\s+[A-ZÀ-ÖØ-Þ]", re.IGNORECASE)
MAX_OPEN_LINE_WORDS = 8


def _join_open_lines(rows: list[Row]) -> list[Row]:
    """Two rows of one header line broken at its separator (the first ends on "|" or a dash, or the second
    starts with a dash or "bei"/"at"), in the same type at the same left edge, each a short cell of its own:
    read as one row, so the pieces on both sides of the separator stay in one header."""
    joined: list[Row] = []
    for row in rows:
        previous = joined[-1] if joined else None
        if previous is not None and len(previous.fragments) == 1 and len(row.fragments) == 1 \
                and (previous.page, previous.column) == (row.page, row.column) and _same_type(previous, row) \
                and abs(previous.x0 - row.x0) <= 3 and not is_bullet(previous) \
                and (not is_bullet(row) or _SEPARATOR_START.match(clean_text(row.text))):
            text, following = clean_text(previous.text), clean_text(row.text)
            short = max(len(text.split()), len(following.split())) <= MAX_OPEN_LINE_WORDS
            if short and (_OPEN_SEPARATOR_END.search(text) or _SEPARATOR_START.match(following)):
                line, first = previous.fragments[0], row.fragments[0]
                merged = TextLine(line.x0, min(line.y0, first.y0), first.x1, line.y1, line.size, line.bold,
                                  f"{text} {following}")
                joined[-1] = Row([merged], page=row.page, column=row.column)
                continue
        joined.append(row)
    return joined


def _join_wrapped(header_rows: list[Row], right_edges: dict[tuple[int, int], float]) -> list[Row]:
    """A header line broken over two rows ("DIRECTOR OF SOLUTIONS AND SERVICES, MANAGER OF ENGINEERING PROGRAM" /
    "MANAGEMENT – NELLYMOSER – 2006-2010") read as the one line it is."""
    joined: list[Row] = []
    for row in header_rows:
        previous = joined[-1] if joined else None
        if previous is not None and _wrapped_into(previous, row, right_edges) and not _job_under_name(previous, row):
            line, first = previous.fragments[0], row.fragments[0]
            merged = TextLine(line.x0, min(line.y0, first.y0), max(line.x1, first.x1), line.y1, line.size, line.bold,
                              f"{clean_text(line.text)} {clean_text(first.text)}")
            joined[-1] = Row([merged, *row.fragments[1:]], page=previous.page, column=previous.column)
        else:
            joined.append(row)
    return joined


def _job_under_name(row: Row, following: Row) -> bool:
    """`following` names a job and `row` above it does not, nor is `row` left open (a comma, a dash, a joining
    word at its end): the employer's line over the title's line ("Quantum Edge Informatics" / "Büromitarbeiter und
    Datacenter techniker"), two rows of the header even where the title's first word would not have fit above."""
    text, next_text = clean_text(row.text).rstrip(), clean_text(following.text).strip()
    return (bool(next_text) and next_text[0].isupper() and not _OPEN_END.search(text)
            and not re.search(r"(?:\s[-–—|&]|[-/])$", text)
            and not JOB_WORDS.search(text) and bool(JOB_WORDS.search(next_text)))


def _close_brackets(parts: list[str], row_starts: set[int]) -> list[str]:
    """A row's last piece that leaves a bracket open goes on in the next row's first piece: one name broken
    over two rows ("CERDI CNRS (Centre de Recherches et d’Etudes en" / "Développement International)")."""
    closed: list[str] = []
    for index, part in enumerate(parts):
        if closed and index in row_starts and closed[-1].count("(") > closed[-1].count(")"):
            closed[-1] = f"{closed[-1]} {part}" + (")" if part.count(")") <= part.count("(") else "")
        else:
            closed.append(part)
    return closed


def _comma_rows(header_rows: list[Row], keep_dashes: bool) -> list[bool]:
    """Which header rows a comma splits. A one-row header, yes ("Software Engineer, Nilenso — 2013-Present").
    Over several rows, the job title's row stays whole ("Offering Manager, Technical Support Services") and
    the rows under it split ("Яндекс, поисковый портал"); with no job-title word, the first row is the title's."""
    texts = [" ".join(_header_parts(row, keep_dashes, commas=False)) for row in header_rows]
    if sum(bool(text) for text in texts) <= 1:
        return [True] * len(header_rows)
    titled = [bool(JOB_WORDS.search(text)) for text in texts]
    if not any(titled):
        first = next(index for index, text in enumerate(texts) if text)
        titled = [index == first for index in range(len(texts))]
    return [not keep_whole for keep_whole in titled]


def _nest_positions(entries: list[ExperienceEntry], styles: list[tuple[float, bool]]) -> list[ExperienceEntry]:
    """An employer's own header with its overall dates, directly followed by its positions ("Orbital Sciences
    Corporation, Dulles, VA – May 2010 to August 2011" / "Software Engineering Intern – May 2010 to ..."):
    not an entry itself; its name is the company of the positions under it that name none and are set in
    another type than its header (one in the employer's type is the next employer's, not its position)."""
    nested: list[ExperienceEntry] = []
    employer: str | None = None
    employer_group = ExperienceEntry()
    employer_style: tuple[float, bool] | None = None
    for number, entry in enumerate(entries):
        following = entries[number + 1] if number + 1 < len(entries) else None
        is_group = (not entry.description.strip() and following is not None and (
                        following.company is None or _lone_name_within(following, entry, styles[number + 1],
                                                                       styles[number]))
                    and not (entry.title and JOB_WORDS.search(entry.title))
                    and (entry.title or entry.company or entry.location)
                    and not _starts_earlier_year(following, entry))
        if is_group:
            employer = entry.company or entry.title or (entry.location or "").split(",")[0].strip() or None
            employer_group = entry
            employer_style = styles[number]
            continue
        if (entry.company is None and employer is not None and entry.title and JOB_WORDS.search(entry.title)
                and styles[number] != employer_style):
            entry.company = employer
        elif employer is not None and employer_style is not None and _lone_name_within(
                entry, employer_group, styles[number], employer_style):
            # "01.2012 - 06.2014 ALIOR BANK SA" / "07.2013 - 06.2014 Bankier Klienta ..." in a smaller type: a name
            # alone under the employer's header, its dates within the employer's, is a position there.
            entry.title, entry.company = entry.company, employer
        else:
            employer = None  # only the positions right under the employer's header are its own
        nested.append(entry)
    return nested


def _lone_name_within(position: ExperienceEntry, header: ExperienceEntry, style: Style, header_style: Style) -> bool:
    """A dated entry read as a name alone (no title), set smaller and not bold unlike the employer's header above
    it, whose dates lie within the header's: one of the positions the header groups."""
    if position.title is not None or not position.company or not position.start or not header.start:
        return False
    ends = [end if end != "present" else "9999" for end in (position.end, header.end)]
    return (style[0] < header_style[0] and not style[1] and header_style[1] and position.start >= header.start
            and (ends[0] or "") <= (ends[1] or "9999"))


def _starts_earlier_year(position: ExperienceEntry, header: ExperienceEntry) -> bool:
    # A position under an employer's header starts within the header's overall dates, so one that starts in an
    # earlier year is the next entry of a list ("Juillet 2024 : accueil …" / "Septembre 2023 - Décembre 2024 :
    # déléguée …"), not a position of the entry above.
    return bool(position.start and header.start and position.start[:4] < header.start[:4])


MIN_PREFIX_WORDS = 3
# Words that make a name an organisation's (besides schools and legal forms).
_ORGANISATION_WORD = re.compile(r"\b(?:corporation|company|group|systems|services|solutions|foundation|hospital|"
                                r"clinic|bank|agency|department|ministry|council|association|society|laborator\w*|"
                                r"resources|technologies|industries|enterprises|partners)\b", re.IGNORECASE)


def _names_organisation(text: str) -> bool:
    return bool(INSTITUTION_WORDS.search(text) or LEGAL_FORM.search(text) or _ORGANISATION_WORD.search(text))


def _employer_as_shared_prefix(entries: list[ExperienceEntry]) -> list[ExperienceEntry]:
    """Positions at one employer whose headers run its name and the job together with no separator ("College of
    Engineering & Mineral Resources Information Technology", "College of Engineering & Mineral Resources Software
    Developer"), each read as one name: the words the names share from their start (three or more, naming an
    organisation and no job) are the employer, and the rest of each name its title, when one of the rests names a
    job. (Titles that begin alike, "Research and Development Engineer", name no organisation.)"""
    lone = [entry for entry in entries if bool(entry.title) != bool(entry.company)]
    for number, entry in enumerate(lone):
        name = (entry.title or entry.company or "").split()
        for other in lone[number + 1 :]:
            if bool(entry.title) == bool(entry.company) or bool(other.title) == bool(other.company):
                continue  # one of them parted already
            other_name = (other.title or other.company or "").split()
            shared = 0
            while shared < min(len(name), len(other_name)) - 1 and name[shared] == other_name[shared]:
                shared += 1
            prefix = " ".join(name[:shared])
            rests = [" ".join(name[shared:]), " ".join(other_name[shared:])]
            if (shared < MIN_PREFIX_WORDS or JOB_WORDS.search(prefix) or not _names_organisation(prefix)
                    or not any(JOB_WORDS.search(rest) for rest in rests)
                    or not all(rests) or rests[0] == rests[1]):
                continue
            for position, rest in zip((entry, other), rests, strict=True):
                position.company, position.title = prefix.rstrip(" ,-–—"), rest
    return entries


_FIRST_CLAUSE = re.compile(r"^(.+?)(?:[,;:(]|\s[-–—]\s|$)")


# A line that opens on the word for "at" and a capital names where the job above it was done: "à Mairie de
# Desvres", "chez Orange", "bei Siemens AG", "presso Fiat", "hos Volvo", "na Copacar".
_AT_EMPLOYER_LINE = re.compile(r"^(?i:at|@|à|au|chez|auprès de|bei|beim|presso|bij|hos|na|no|em|w)\s+"
                               r"(?P<name>[A-ZÀ-ÖØ-ÞÅÄÖ][^,.;:]*(?:[,.][^,.;:]*)?)$")
MAX_AT_EMPLOYER_WORDS = 6


def _employer_line_under(description_rows: list[Row]) -> str | None:
    """The employer an entry's header left out, from the description's first line when that line says only
    where the job was done ("Janvier 2016 à mars 2016 : Agent Polyvalent" over "à Mairie de Desvres")."""
    if not description_rows:
        return None
    found = _AT_EMPLOYER_LINE.match(strip_bullet(clean_text(description_rows[0].text)).strip())
    if found is None or len(found.group("name").split()) > MAX_AT_EMPLOYER_WORDS:
        return None
    return _trim(found.group("name"))


def _title_from_first_line(entry: ExperienceEntry, description_rows: list[Row]) -> None:
    """A header that holds only the company ("Flysoft Informática  2017 – 2018") leaves the job title to the
    description's first line ("• Assistente técnico geral, prestando suporte ...", "Ingeniero software en
    StarLeaf, ..."): its first clause, when it is short and names a job."""
    if not description_rows:
        return
    clause = _FIRST_CLAUSE.match(strip_bullet(clean_text(description_rows[0].text)))
    if clause is None:
        return
    title = clause.group(1)
    at = EMPLOYER_JOIN.search(title)
    company_word = (entry.title or "").split()[0].lower() if entry.title else ""
    if at is not None and company_word and company_word in title[at.start():].lower():
        title = title[: at.start()]  # "Ingeniero software en StarLeaf": the employer again, not the job
    title = title.strip(" .")
    if title and len(title.split()) <= 6 and JOB_WORDS.search(title):
        entry.title, entry.company = title, entry.title
