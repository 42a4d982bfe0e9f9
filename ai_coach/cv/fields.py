"""Every field finder of the CV parser, on rows in reading order and their sections: the name, headline,
contact details, summary, skills, and the entries of experience, education, projects, languages and
certifications. (The document's language is ai_coach.language's guess, shared with the engines.)"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ai_coach.cv.dates import find_date_range, find_single_date
from ai_coach.cv.europass_headings import PERSONAL_INFORMATION_HEADINGS
from ai_coach.cv.language_names import LanguageWords, language_at
from ai_coach.cv.layout import Row, TextLine, row_partners, same_row
from ai_coach.cv.phones import COUNTRY_NAMES, find_phone_number, is_calendar_date, region_hints
from ai_coach.cv.sections import (
    Section,
    body_size,
    classify_heading,
    classify_styled_heading,
    normalise_heading,
    one_i,
)
from ai_coach.cv.text import clean_text, fold_name_word
from ai_coach.data_files import DATA_DIR, tsv_rows
from ai_coach.domain import (
    Contact,
    EducationEntry,
    LanguageEntry,
    Link,
    LinkKind,
    ProjectEntry,
)
from ai_coach.occupation_titles import job_noun_heads, onet_titles
from ai_coach.vocabulary import (
    EVERYDAY_CATEGORY,
    NO_EVIDENCE_CATEGORIES,
    SOFT_SKILLS_CATEGORY,
    TECHNOLOGY_CATEGORY,
    SkillMention,
    SkillVocabulary,
    cv_vocabulary,
    load_vocabulary,
)
from common.places import bare_place, is_city, is_place, is_region, place_name, without_prefix

# Bullet glyphs of word processors and designers ("●" Google Docs, "■"/"❖"/"➢" Word's bullet libraries).
BULLET = re.compile(r"^\s*[•◦▪▸►‣⁃·\-–*o●○■□◆◇❖➢➤▶✓✔]\s+|^\s*[•◦▪▸►‣⁃●○■□◆◇❖➢➤▶✓✔]\s*")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?<![\w/.])(\(?\+?\(?\d[\d\s().\-]{6,}\d)(?![\w/])")
URL = re.compile(
    r"(?:https?://|www\.)[^\s,|;<>()\"']+|\b(?:[a-z0-9\-]+\.)*(?:linkedin\.com|github\.com|gitlab\.com)/[^\s,|;<>()\"']+",
    re.IGNORECASE,
)
LOCATION = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁ][\w.'’\- ]{1,40}(?:,\s*[A-ZÀ-ÖØ-ÞА-ЯЁ][\w.'’\- ]{1,40}){1,3}$")
# What parts the items of one contact line: bars, bullets, wide gaps, and icon glyphs (private use area, or
# an unmapped "(cid:131)") set between "Montreuil, FRANCE", "+33 6 50 37 76 08" and "hassan@oulcaid.com".
FRAGMENT_SEPARATORS = re.compile(r"\s*(?:\||•|·|,\s(?=\S+@)|\s{2,}|[\ue000-\uf8ff]|\(cid:\d+\))\s*")
NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_.'’\-]*(?:[.'’\-][^\W\d_]+)*\.?$")

TITLE_WORDS = re.compile(
    # Dutch and German compounds end on the job ("Studentconsultant", "Kundensupport"): a stem may come first.
    r"\b(?:\w{3,}?)?(engineer|developer|manager|intern|analyst|lead|architect|consultant|designer|scientist|director|"
    r"assistant|writer|specialist|officer|administrator|head\b|founder|co-founder|cofounder|cto|ceo|cio|coo|cfo|"
    r"programmer|researcher|member|teacher|professor|associate|coordinator|technician|sre|devops|job title|"
    r"mentor|instructor|coach|tutor|lecturer|freelancer|contractor|owner|volunteer|operator|clerk|"
    r"accountant|nurse|secretary|representative|editor|fellow|apprentice|trainee|student|supervisor|"
    r"executive|advisor|adviser|copywriter|tester|support|expert|partner|president|chef|investor|"
    r"ingénieur|ingenieure?|développeur|développeuse|developpeur|stagiaire|responsable|analyste|architecte|"
    r"technicien|technicienne|directeur|directrice|chargée?|gérante?|alternante?|"
    r"praktikant|praktikantin|werkstudent|werkstudentin|elektroniker|mechatroniker|model\b|berater|beraterin|leiter|leiterin|mitarbeiter|"
    r"softwareentwickler|entwickler|entwicklerin|softwareingenieur|systemadministrator|teamleiter|gastdozent|"
    r"ingeniero|ingeniera|desarrollador|desarrolladora|programador|programadora|becario|becaria|analista|"
    r"consultor|consultora|jefe|técnico|técnica|asistente|beca|"
    r"estagiário|estagiária|desenvolvedor|engenheiro|engenheira|assistente|"
    r"stażysta|stażystka|programista|inżynier|kierownik|specjalista|twórca|analityk|"
    r"ontwikkelaar|medewerker|stagiair|adviseur|monteur|"
    # Jobs outside the office in French, Spanish and German ("Tuteur en physique", "Camarero", "Servicekraft").
    r"tuteur|tutrice|adjointe?|vendeur|vendeuse|serveur|serveuse|enseignante?|formateur|formatrice|professeur|"
    r"conseill[eè]re?|conseiller|animateur|animatrice|employée?|ouvri[eè]re?|ouvrier|caissi[eè]re?|caissier|"
    r"infirmi[eè]re?|infirmier|profesor|profesora|camarer[oa]|diseñador|diseñadora|dependient[ea]|enfermer[oa]|"
    r"cajer[oa]|auxiliar|administrativ[oa]|vendedor|vendedora|prácticas|practicas|pasante|"
    r"helfer|kraft|angestellter?|verkäufer|kellner|lehrer|erzieher|sachbearbeiter|kauffrau|kaufmann|fachinformatiker|"
    # German compounds end on the job: "Berufspraktikum", "Krankenpflegerin", "Rettungssanitäter".
    r"\w*praktikum|zivildienst|fsj\b|\w*pfleger|\w*pflegerin|krankenschwester|\w*sanitäter|"
    r"vývojář|vedoucí|konzultant|manažer|programátor|"
    r"sviluppatore|ingegnere|tirocinante|tirocinio|stagista|"
    # Turkish: the internship, the intern, the developer, the engineer (with its compound's "-i": "Yazılım
    # Mühendisi"), the specialist.
    r"staj|stajyer|geliştirici|mühendisi?|uzmanı?|"
    r"разработчик|инженер|руководитель|аналитик|стажер|стажёр|преподаватель|волонтер|волонтёр|программист|"
    r"тимлид|менеджер|директор|архитектор|тестировщик|специалист|ведущий|старший)"
    # The job word ends there, or takes a plural or a feminine ending ("Consultante", "Entwicklerin"): "lead" is
    # not found in "Force Leadership Africain", "intern" not in "International", "partner" not in "Partnership".
    r"(?:s|es|e|en|in|innen|a|as|os)?\b|\binternships?\b",
    re.IGNORECASE,
)
# O*NET's occupation titles, shipped for the fit score: their head nouns ("Cashiers", "Retail Salespersons",
# "Butchers and Meat Cutters", "Fast Food and Counter Workers") name jobs the hand-written TITLE_WORDS (mostly
# office and software work) does not know. Only agent-noun shapes (-er, -or, -ist, -ian, -ant, ...) and a few
# other job nouns are kept (ai_coach.occupation_titles.job_noun_heads), and job nouns CVs use that O*NET's
# titles do not end on.
_CV_JOB_NOUNS = frozenset({"operative"})


@functools.lru_cache(maxsize=1)
def _occupation_heads() -> re.Pattern[str] | None:
    """A pattern of O*NET occupation titles' head nouns (singular or plural); None when the file is not there."""
    try:
        titles = onet_titles()
    except OSError:
        return None
    heads = job_noun_heads(titles) | _CV_JOB_NOUNS
    # Longest first, so that a noun is not cut short by another it starts with.
    return re.compile(r"\b(?:" + "|".join(sorted(heads, key=lambda head: (-len(head), head))) + r")(?:e?s)?\b",
                      re.IGNORECASE)


# ESCO's occupation labels in the CV languages, reduced to the words they name their jobs by
# (ai_coach/build_esco_heads.py; NOTICE.md beside the file): "vývojář", "programista", "técnico",
# "utvecklare", and the compound endings of German, Dutch and the Nordic languages ("entwickler" of
# "Softwareentwickler").
ESCO_JOB_HEADS_PATH = DATA_DIR / "esco_job_heads.tsv"
_HEAD_WORD = re.compile(r"[^\W\d_]+")
MIN_COMPOUND_STEM_LETTERS = 3
MIN_ENDING_LETTERS = 5


@functools.lru_cache(maxsize=1)
def _esco_heads() -> tuple[frozenset[str], frozenset[str]] | None:
    """The ESCO job heads of every language, lower case: the words that name a job alone ("programista") and the
    endings that name one at the end of a compound ("entwickler", "hilfe" of "Küchenhilfe" but not "Hilfe");
    None when the file is not there."""
    try:
        rows = tsv_rows(ESCO_JOB_HEADS_PATH)
    except OSError:
        return None
    words: set[str] = set()
    endings: set[str] = set()
    for fields in rows:
        if len(fields) < 4:
            continue
        if fields[3] in ("N", "Y"):
            words.add(fields[1])
        if fields[3] in ("Y", "E"):
            endings.add(fields[1])
    return frozenset(words), frozenset(endings)


def _esco_head_search(text: str) -> re.Match[str] | None:
    """The first word of the text that is an ESCO job head, or ends on a compound ending after a stem of at
    least MIN_COMPOUND_STEM_LETTERS letters ("Softwareentwickler")."""
    heads = _esco_heads()
    if heads is None:
        return None
    words, endings = heads
    for match in _HEAD_WORD.finditer(text):
        word = match.group().casefold()
        if word in words or any(word[start:] in endings
                                for start in range(MIN_COMPOUND_STEM_LETTERS, len(word) - MIN_ENDING_LETTERS + 1)):
            return match
    return None


class _JobWords:
    """TITLE_WORDS, an O*NET occupation's head noun, or an ESCO occupation's head noun in a CV language:
    ``JOB_WORDS.search(text)`` as with a pattern."""

    @staticmethod
    def search(text: str) -> re.Match[str] | None:
        found = TITLE_WORDS.search(text)
        if found is not None:
            return found
        heads = _occupation_heads()
        found = heads.search(text) if heads is not None else None
        return found if found is not None else _esco_head_search(text)


JOB_WORDS = _JobWords()


# A word that joins a job title to its employer, before the employer's first letter or quote: "Software Engineer
# at Google", "Engineer @ Acme", "Softwareentwickler bei media-streams.com ag", "Krankenpflegerin im UKE",
# "Ingeniero software en StarLeaf", "Studentconsultant bij ‘Fysicawinkel’", "Разработчик в Яндексе". Whether
# the word does join them there (it may be part of a name, or "in" a place) is the reader's to judge.
# French says "at" with "à" and its article too: "Stagiaire au Laboratoire AMSE", "Analyste à l'Institut National",
# "Chargée de mission à la Mairie", "Conseiller aux Archives" (as "en", these also say "in" a place).
EMPLOYER_JOIN = re.compile(r"\s(?:(?:at|@|bei|beim|im|am|an der|chez|в|en|na|bij|presso|ve|au|aux|à\s+la)\s+|à\s+l['’]\s*)"
                           r"(?=[\w‘'\"“«])", re.IGNORECASE)


INSTITUTION_WORDS = re.compile(
    r"(universit|college|school|institut|academy|polytechn|hochschule|école|ecole|lycée|gymnasium|"
    r"universidad|escuela|университет|институт|нитту|нииту|мисис|мгу|postech|mmcoe|berkeley|"
    r"institution|institución)",
    re.IGNORECASE,
)
DEGREE_WORDS = re.compile(
    r"(bachelor|master|b\.?\s?sc|m\.?\s?sc|b\.?\s?s\.|m\.?\s?s\.|b\.?\s?e\.|b\.?\s?tech|m\.?\s?tech|ph\.?\s?d|"
    r"mba|diploma|diplom|licence|licenciatura|grado|degree|doctorate|бакалавр|магистр|специалист|аспирантура|"
    r"certificate|abitur|baccalauréat)",
    re.IGNORECASE,
)
# Spoken languages' names in the CV languages (CLDR, ai_coach.cv.language_names), any case: "x in KNOWN_LANGUAGES".
KNOWN_LANGUAGES = LanguageWords()


def fragments_of(row: Row) -> list[str]:
    parts: list[str] = []
    for fragment in row.fragments:
        parts.extend(part for part in FRAGMENT_SEPARATORS.split(fragment.text) if part.strip())
    return [part.strip() for part in parts]


# "jb (at) example.net", "jane [at] example [dot] org": an address written so that spam robots miss it.
_SPELLED_AT = re.compile(r"\s*[\(\[\{]\s*(?:at|@)\s*[\)\]\}]\s*", re.IGNORECASE)
_SPELLED_DOT = re.compile(r"\s*[\(\[\{]\s*(?:dot|\.)\s*[\)\]\}]\s*", re.IGNORECASE)


# Top-level domains an e-mail address ends in: the common generic ones and every country's (the regions
# libphonenumber knows, which are ISO country codes, and "uk" and "eu").
_GENERIC_TLDS = frozenset((
    "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "mobi", "coop", "aero", "io",
    "dev", "app", "tech", "online", "site", "email", "me", "co", "ai", "cloud", "xyz", "eu", "uk",
))


@functools.lru_cache(maxsize=1)
def _known_tlds() -> frozenset[str]:
    import phonenumbers

    return _GENERIC_TLDS | {region.lower() for region in phonenumbers.SUPPORTED_REGIONS}


# An address whose domain ends a line, and a next line of nothing but a few lower-case letters: a narrow
# column wrapped the address inside its top-level domain ("isabella@gmail.co" / "m").
_WRAPPED_DOMAIN = re.compile(r"(@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.([A-Za-z]*))[ \t]*\n[ \t]*([a-z]{1,4})[ \t]*(?=\n|$)")


def join_wrapped_email(text: str) -> str:
    """The text with an e-mail address cut at a line wrap put back together, when the letters on the next
    line complete a known top-level domain ("gmail.co" + "m" -> "gmail.com", "web." + "de" -> "web.de")."""
    def joined(match: re.Match[str]) -> str:
        if (match.group(2) + match.group(3)).lower() in _known_tlds():
            return match.group(1) + match.group(3)
        return match.group(0)

    return _WRAPPED_DOMAIN.sub(joined, text)


def find_email(text: str) -> str | None:
    text = join_wrapped_email(text)
    match = EMAIL.search(text) or EMAIL.search(_SPELLED_DOT.sub(".", _SPELLED_AT.sub("@", text)))
    return match.group(0).rstrip(".") if match else None


def find_phone(text: str) -> str | None:
    for match in PHONE.finditer(text):
        candidate = match.group(1).strip()
        digits = re.sub(r"\D", "", candidate)
        if not 7 <= len(digits) <= 15:
            continue
        if find_date_range(candidate) or re.fullmatch(r"[\d.]+", candidate) or is_calendar_date(candidate):
            continue  # a date range, a date or an identifier such as 0000-0000-0000-0000 is not a phone number
        if re.fullmatch(r"(?:0{3,}[\s\-]?)+", candidate.replace("-", "0")):
            continue
        if len(set(digits)) == 1:
            continue
        return candidate
    return None


def link_kind(url: str) -> LinkKind:
    lowered = url.lower()
    if "linkedin.com" in lowered:
        return "linkedin"
    if "github.com" in lowered:
        return "github"
    if re.match(r"(https?://)?(www\.)?[a-z0-9\-]+(\.[a-z0-9\-]+)+/?$", lowered):
        return "website"
    return "other"


def find_links(text: str) -> list[Link]:
    links: list[Link] = []
    seen: set[str] = set()
    for match in URL.finditer(text):
        url = match.group(0).rstrip(".,;:")
        key = re.sub(r"^(https?://)?(www\.)?", "", url.lower()).rstrip("/")
        if key in seen or "@" in url:
            continue
        seen.add(key)
        links.append(Link(kind=link_kind(url), url=url))
    return links


NAME_PARTICLES = frozenset("van von der den de du da do dos das di del della la le el al bin ibn y e zu ten ter".split())
NOT_NAMES = frozenset(
    "resume résumé cv curriculum vitae lebenslauf profile profil portfolio contact contacts kontakt summary "
    "résumé резюме currículum".split()
)
# "Name: ...", or Europass's "personal information" label in the CV's language with the name beside it.
NAME_LABEL = re.compile(
    r"^(?:(?:name|full name|nom|nombre|имя|фио|(?:nach)?name\s*[,/]\s*vorname|vorname\s*[,/]\s*(?:nach)?name|"
    # the surname and given name asked together, as forms in the CV languages ask them
    r"vor-\s*und\s*(?:nach|zu)name|nom\s*(?:/|et)\s*prénoms?|prénoms?\s*(?:/|et)\s*nom|nom complet|"
    r"nombre\s*(?:/|y)\s*apellidos?|apellidos?\s*(?:/|y)\s*nombre|nombre completo|nome completo|"
    r"nome\s*(?:/|e)\s*cognome|cognome\s*(?:/|e)\s*nome)\s*:|personal information|"
    r"informazioni personali|informations personnelles|angaben zur person|persönliche angaben|información personal|"
    r"datos personales|informações pessoais|informação pessoal|dane osobowe|persoonlijke informatie|личная информация|"
    r"личные данные)\s*(.*)$", re.IGNORECASE)
# The document's title before the name on one line: "LEBENSLAUF – DOMINIQUE NEHRY", "Curriculum Vitae: Jan
# Novák", "CV | Ana Ruiz", "Resume of John Smith". What follows the title word is the name.
DOCUMENT_TITLE = re.compile(
    r"^(?:curriculum\s+vitae|curriculum|currículum(?:\s+vitae)?|lebenslauf|resume|résumé|cv|c\.\s?v\.|"
    r"hoja\s+de\s+vida|życiorys|životopis|резюме)\s*(?:[-–—|:]|\s(?:of|von|de|di|do|da|van)\s)\s*(?=\S)",
    re.IGNORECASE)
# What follows a name on its own row: "– Résumé", " - Common Lisp Developer", " | Software Engineer".
NAME_TAIL = re.compile(r"\s+[-–—|]\s+.*$")
# A bar of link labels set on the name's line ("Ivan Poliakov  Website | GitHub | LinkedIn"), and degrees
# written after the name ("Djordje Djokic B.Sc.", "Jane Roe, PhD"): neither is part of the name.
NAME_LINK_BAR = re.compile(
    r"(?:\s*[|•·,]?\s+(?:website|homepage|portfolio|github|gitlab|linkedin|xing|twitter|blog|e-?mail|orcid)"
    r"(?=\s*(?:[|•·,]|$)))+\s*[|•·,]?\s*$", re.IGNORECASE)
POST_NOMINAL = re.compile(
    r",?\s+(?:B\.?\s?Sc|M\.?\s?Sc|B\.?\s?Eng|M\.?\s?Eng|B\.\s?A|M\.\s?A|Ph\.?\s?D|MBA|LL\.?\s?M|Dipl\.-\w+)\.?\s*$")
# Type sizes a name set over two rows may differ by (a design tool scales each line of a title box to fit
# its width: "JOÃO VICTOR" at 25.7 points over "LISBOA PORCEL" at 25.0).
NAME_ROWS_SIZE_RATIO = 0.04


# Section headings no name holds, beside those the section reader knows (sections.HEADING_TO_SECTION): the
# profile and contact headings of the CV languages ("PRESENTAZIONE" set larger than the name in a Europass
# sidebar layout) and the labels of a personal-data table.
_HEADINGS_NO_NAME_HOLDS = frozenset((
    "presentazione", "présentation", "presentación", "apresentação", "prezentacja", "představení", "vorstellung",
    "presentatie", "introduction", "introducción", "introdução", "introduzione", "contatti", "contacto", "contato",
    "contactos", "kontakty", "kontaktdaten", "coordonnées", "stammdaten", "personalien", "personalia",
    "geburtsdatum", "familienstand", "nationalität", "staatsangehörigkeit", "personal", "info", "information",
    "informationen", "informations", "informazioni", "información", "informações", "informacje",
))
# A heading word that is also a first name or surname somewhere.
_HEADINGS_ALSO_NAMES = frozenset(("talen", "stage", "links", "divers", "about", "writing"))


@functools.lru_cache(maxsize=1)
def _heading_phrases() -> frozenset[str]:
    from ai_coach.cv.sections import HEADING_TO_SECTION, OTHER_HEADINGS

    return frozenset(HEADING_TO_SECTION) | OTHER_HEADINGS | _HEADINGS_NO_NAME_HOLDS


def _holds_a_heading(words: list[str]) -> bool:
    """A known section heading in any of the CV languages, as one word of the text or as two or three of
    its words in a row ("Persönliche Daten" over a table of personal data): no name holds one."""
    lowered = [word.lower().strip(".,:") for word in words]
    phrases = _heading_phrases()
    for size in (1, 2, 3):
        for start in range(len(lowered) - size + 1):
            phrase = " ".join(lowered[start : start + size])
            if phrase in phrases and phrase not in _HEADINGS_ALSO_NAMES:
                return True
    return False


# Job words that are acronyms: only a word of their own, never the end of a longer one ("Curcio", "Marco").
_ACRONYM_JOB_WORDS = frozenset(("cto", "ceo", "cio", "coo", "cfo", "sre", "fsj"))


def _names_a_job(text: str) -> bool:
    """A job word in the text (TITLE_WORDS), an acronym counting only as a word of its own: a surname that
    ends in "cio" (Curcio, Fabricio) names no chief information officer."""
    return any(not (match.group(1) and match.group(1).lower() in _ACRONYM_JOB_WORDS and match.start(1) > match.start())
               for match in TITLE_WORDS.finditer(text))


def looks_like_name(text: str, single_word: bool = False, lower_case: bool = False) -> bool:
    words = text.split()
    if not (1 if single_word else 2) <= len(words) <= 5 or len(text) > 60:
        return False
    if EMAIL.search(text) or URL.search(text) or any(char.isdigit() for char in text):
        return False
    if classify_heading(text) is not None or classify_styled_heading(text) is not None or _names_a_job(text):
        return False
    if any(word.lower().strip(".,") in NOT_NAMES for word in words) or _holds_a_heading(words):
        return False
    capitalised = [word for word in words if word.lower() not in NAME_PARTICLES]
    if lower_case and text.islower():
        # A name typed all in lower case ("jhonny ferreira dos santos"), accepted only where the caller
        # expects the name: words that are no common words of job texts.
        return bool(capitalised) and all(NAME_WORD.match(word) for word in words) and not any(
            is_common_word(word) for word in capitalised)
    return bool(capitalised) and all(
        NAME_WORD.match(word) and (word[0].isupper() or word.lower() in NAME_PARTICLES) for word in words
    )


def present_name(text: str) -> str:
    """CVs often set the name in capitals by style; store it the way it is written in prose."""
    return text.title() if text.isupper() else text


# A name label that asks the given name first ("Vorname / Name", "Prénom et nom", "Nombre y apellidos", "Nome e
# cognome"): its "A, B" value is in that order, where "Name, Vorname" puts the surname first.
_GIVEN_NAME_FIRST = re.compile(r"^(?:vor|prénom|prenom|nombre\s*(?:/|y)|nome\s*(?:/|e)\s)", re.IGNORECASE)
# A name given as two labelled rows, first name and surname ("First name: Ana" / "Last name: Ruiz",
# "Vorname / Nachname", "Prénom / Nom", "Nombre / Apellidos", "Имя / Фамилия"). "Nom", "Nombre" and "Имя" alone
# label the whole name (NAME_LABEL); beside the other label they are one half of it.
GIVEN_NAME_LABEL = re.compile(
    r"^(?:first\s*names?|given\s*names?|forenames?|vornamen?|prénoms?|prenoms?|nombres?|nome|imi[eę]|имя|ім'я|"
    r"voornaam|ad[ıi])\s*:\s*(.*)$", re.IGNORECASE)
FAMILY_NAME_LABEL = re.compile(
    r"^(?:last\s*name|surname|family\s*name|nachname|familienname|nom\s+de\s+famille|nom|apellidos?|cognome|"
    r"sobrenome|nazwisko|фамилия|прізвище|achternaam|soyad[ıi])\s*:\s*(.*)$", re.IGNORECASE)
# Rows apart that a first-name row and a surname row may be and still name one person.
LABELLED_NAME_REACH = 3
# A name over two rows in different type sizes ("NORBERT" above a larger "OCIOS"): both rows set this many
# times larger than the body text, the second straight under the first.
DISPLAY_NAME_SCALE = 1.5


def _labelled_value(row: Row, position: int, label: re.Pattern[str]) -> str | None:
    """The value of a "Label: value" fragment, or of the fragment beside a bare "Label:" (a table row), the
    colon left out too when the label is the whole cell ("Soyadı | Atik" over "Adı | Mehmet Ali Osman")."""
    text = clean_text(row.fragments[position].text).strip()
    match = label.match(text)
    if match is None and position + 1 < len(row.fragments):
        match = label.match(text + ":")
    if match is None:
        return None
    value = match.group(1).strip()
    if not value and position + 1 < len(row.fragments):
        value = clean_text(row.fragments[position + 1].text).strip()
    return value or None


def _labelled_name(rows: list[Row]) -> tuple[int, str] | None:
    """(row index, "First Last") from a first-name row and a surname row close to each other."""
    given: list[tuple[int, str]] = []
    family: list[tuple[int, str]] = []
    for index, row in enumerate(rows):
        for position in range(len(row.fragments)):
            if (value := _labelled_value(row, position, GIVEN_NAME_LABEL)) is not None:
                given.append((index, value))
            elif (value := _labelled_value(row, position, FAMILY_NAME_LABEL)) is not None:
                family.append((index, value))
    for given_row, first in given:
        for family_row, last in family:
            if abs(given_row - family_row) <= LABELLED_NAME_REACH and looks_like_name(f"{first} {last}"):
                return min(given_row, family_row), f"{first} {last}"
    return None


def _display_partner(rows: list[Row], index: int, fragment: TextLine, body: float) -> TextLine | None:
    """The surname set straight under first names in large type of another size: under one first name, or
    set larger than the two first names above it."""
    if index + 1 >= len(rows) or fragment.size < DISPLAY_NAME_SCALE * body:
        return None
    below = rows[index + 1]
    if below.page != rows[index].page or abs(rows[index].top - below.top) > 2 * max(fragment.size, below.size):
        return None
    return next((f for f in below.fragments if f.size >= DISPLAY_NAME_SCALE * body and len(f.text.split()) <= 3
                 and min(f.x1, fragment.x1) > max(f.x0, fragment.x0)
                 # "ANNA MARIA" over a larger "KOWALSKA"; two words over smaller ones are a name and a headline
                 and (len(fragment.text.split()) == 1 or f.size > fragment.size)), None)


def _name_candidates(rows: list[Row]) -> list[tuple[float, int, str]]:
    """(size, row index, text) for every fragment that could be a name: set larger than the body text or
    on the page's first rows, or given under a "Name:" label (or first-name and surname labels); a name
    set over two to four rows in the same large type ("MARIEN VAN" / "OVERBEEK") is joined, and so are
    first names over a surname in large type of another size (_display_partner)."""
    body = body_size(rows)
    candidates: list[tuple[float, int, str]] = []
    joined_rows: set[int] = set()
    labelled_pair = _labelled_name(rows)
    if labelled_pair is not None:
        candidates.append((200.0, *labelled_pair))
    for index, row in enumerate(rows):
        for position, fragment in enumerate(row.fragments):
            text = clean_text(fragment.text)
            labelled = NAME_LABEL.match(text)
            if labelled and not labelled.group(1).strip() and position + 1 < len(row.fragments):
                labelled = NAME_LABEL.match(text + " " + clean_text(row.fragments[position + 1].text))
            if labelled:
                parts = [part.strip() for part in labelled.group(1).split(",")]
                if _GIVEN_NAME_FIRST.match(text):
                    parts.reverse()  # "Vorname, Nachname:  Ramzi, Bani Saad": already in the given-first order
                text = " ".join(reversed(parts)) if len(parts) == 2 else labelled.group(1)
            elif fragment.size < body + 1.0 and index > 2:
                continue
            else:
                # A word processor's tab stop inside one line ("Kévin LEDEZ <tab> Né le 09 avril 1988"): two
                # cells, the name the first.
                text = clean_text(_TAB_GAP.split(fragment.text.strip())[0])
            text = DOCUMENT_TITLE.sub("", text)
            parts = [text]
            size = fragment.size
            same_size = max(0.3, NAME_ROWS_SIZE_RATIO * fragment.size)
            for following in rows[index + 1 : index + 4]:
                partner = next((f for f in following.fragments if abs(f.size - fragment.size) < same_size
                                and min(f.x1, fragment.x1) > max(f.x0, fragment.x0) and f.size > 11), None)
                if partner is not None:
                    parts.append(clean_text(partner.text))
                elif any(min(f.x1, fragment.x1) > max(f.x0, fragment.x0) for f in following.fragments):
                    break  # something else is set under the name
            if len(parts) == 1 and len(text.split()) <= 2 and not labelled:
                partner = _display_partner(rows, index, fragment, body)
                if partner is not None:
                    parts.append(clean_text(partner.text))
                    size = max(size, partner.size)
            # The page's first line, set apart from the body, may hold the name typed in lower case.
            first_line = index == 0 and (fragment.bold or fragment.size >= body + 1.0)
            for count in range(len(parts), 0, -1):
                joined = NAME_TAIL.sub("", " ".join(parts[:count])).strip(" ,")
                joined = POST_NOMINAL.sub("", NAME_LINK_BAR.sub("", joined)).strip(" ,")
                if looks_like_name(joined, single_word=joined.isupper() and fragment.size >= 14, lower_case=first_line):
                    # A name given under a "Name:" label is the name, whatever its type size.
                    candidates.append((size + (100.0 if labelled else 0.0), index, joined))
                    joined_rows.update(range(index + 1, index + count))
                    break
        # A first name and a surname set side by side in two large sizes ("JANE" in 30 points, "DOE" in 20):
        # the extraction cuts a line where the type size changes, so the halves are two fragments close together.
        for left, right in zip(row.fragments, row.fragments[1:], strict=False):
            close = right.x0 - left.x1 <= min(left.size, right.size)
            if close and min(left.size, right.size) >= body + 1.0 and abs(left.size - right.size) >= 0.3:
                joined = f"{clean_text(left.text)} {clean_text(right.text)}"
                if looks_like_name(joined):
                    candidates.append((max(left.size, right.size) + 0.01, index, joined))
    # A row read as the second half of a name is no name of its own.
    return [candidate for candidate in candidates if candidate[1] not in joined_rows or candidate[0] >= 100.0]


_TAB_GAP = re.compile(r"\s{4,}")


# How far under the first page's highest line (points, about a quarter of a page) the name may stand: under
# a photo in a sidebar, or under a tagline.
NAME_BAND = 210.0

# Given names of 86 locales, case and accents folded (ai_coach/build_given_names.py, from Faker's first-name lists;
# NOTICE.md beside the file): evidence that a candidate is a person's name.
GIVEN_NAMES_PATH = DATA_DIR / "given_names.tsv"


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The known given names, folded; empty when the file is not there (the evidence is then never given)."""
    try:
        return frozenset(row[0].strip() for row in tsv_rows(GIVEN_NAMES_PATH))
    except OSError:
        return frozenset()


# Between the words of a name: spaces and hyphens ("Jean-Pierre").
_NAME_WORD_BREAK = re.compile(r"[\s\-‐–]+")


def _name_words(text: str) -> list[str]:
    return [word for word in _NAME_WORD_BREAK.split(text) if word]


def holds_given_name(text: str) -> bool:
    """Whether a word of the text is a known given name ("Dagmar Heintze", "ATIK Mehmet Ali", "Jean-Pierre
    Roux"), case and accents folded."""
    names = given_names()
    return any(fold_name_word(word) in names for word in _name_words(text))


def _plainly_no_name(text: str) -> bool:
    """A candidate no name would be: none of its words is a known given name, and one of them is a common word
    of job texts ("Hire Me", "Peer-reviewed Conference Proceedings"). Only ruled out beside a candidate that
    holds a given name."""
    return not holds_given_name(text) and any(is_common_word(word) for word in _name_words(text))


def find_name(header_rows: list[Row], all_rows: list[Row]) -> tuple[str | None, int | None]:
    """The name: the largest-type name-shaped text on the first page (a tagline or quote above it is not
    name-shaped; a label "Name: ..." is read too). Returns the name and its row's index in all_rows."""
    first_page = [row for row in all_rows[:60] if row.page == 0] or all_rows[:60]
    candidates = _name_candidates(first_page)
    if not candidates:
        return None, None
    # The name is set in the first page's top band; larger type further down is a heading or an employer
    # ("Arista Networks" in a LaTeX entry header under a name its template sets in one line with the headline).
    highest = max(row.top for row in first_page)
    in_band = [item for item in candidates if item[0] >= 100.0 or first_page[item[1]].top >= highest - NAME_BAND]
    pool = in_band or candidates
    # Given names as evidence, after the type size: beside a candidate that holds a known given name, one that
    # holds none and a common word of job texts is no name (a tagline or label in larger type); between two of
    # one size, the one that holds a given name wins ("Soyadı Adı İletişim Web" over "Atik Mehmet Ali Osman").
    named = {item for item in pool if holds_given_name(item[2])}
    if named:
        pool = [item for item in pool if item in named or not _plainly_no_name(item[2])]
    size, index, text = max(pool, key=lambda item: (item[0], item in named, -item[1]))
    if size < 100.0:
        text = _name_across_gap(first_page, index, text)
    return present_name(text), index


def _bare_name_label(text: str) -> bool:
    """A name label alone, its colon left out: "Name", "Nom", "Vorname", "Soyadı"."""
    return any((match := label.match(text.strip() + ":")) is not None and not match.group(1).strip()
               for label in (NAME_LABEL, GIVEN_NAME_LABEL, FAMILY_NAME_LABEL))


def _name_across_gap(rows: list[Row], index: int, text: str) -> str:
    """The name set in two halves either side of a photo ("JOANNA" left of a round portrait, "BRZÓSKA"
    right of it): the other half is the only other text on the name's baseline, in the same type (size
    and weight), and the two read as one name. The reading order may have put the halves in two columns,
    so any first-page row is looked at."""
    name_fragments = [f for f in rows[index].fragments if clean_text(f.text) and clean_text(f.text) in text]
    if not name_fragments or len(text.split()) > 2:
        return text
    anchor = max(name_fragments, key=lambda f: f.size)
    same_size = max(0.3, NAME_ROWS_SIZE_RATIO * anchor.size)
    on_baseline = [f for row in rows for f in row.fragments if same_row(f, anchor) and row_partners(f, anchor)]
    others = {clean_text(f.text): f for f in on_baseline
              if min(f.x1, anchor.x1) <= max(f.x0, anchor.x0) and clean_text(f.text) not in text}
    if len(others) != 1:
        return text
    other_text, other = next(iter(others.items()))
    if _bare_name_label(other_text):
        return text  # the label cell of a table row ("Name | Manuel Hänni")
    if abs(other.size - anchor.size) >= same_size or other.bold != anchor.bold or len(other_text.split()) > 2:
        return text
    joined = f"{text} {other_text}" if other.x0 > anchor.x0 else f"{other_text} {text}"
    return joined if looks_like_name(joined) else text


LOCATION_LABEL = re.compile(
    r"^(?:(?:home\s+|postal\s+|mailing\s+)?address|adresse|anschrift|location|wohnort|wohnhaft in|ort|city|ciudad|"
    r"ville|город(?: проживания)?|адрес|место жительства|местонахождение|проживание|localização|localidade|endereço|"
    r"morada|dirección|direccion|domicilio|residencia|lugar de residencia|indirizzo|residenza|luogo di residenza|"
    r"place of residence|residence|domicile|lieu de résidence|lieu|localisation|based in|located in|lives in|"
    r"miasto|miejsce zamieszkania|adres|woonplaats|bydliště|standort|wohnsitz|current location|ubicación|"
    r"località|"
    # Europass's address row, in the editor's languages: "Home: Praha (Česko)", "Domů:", "Abitazione:" (a colon
    # after them, since they are also ordinary words).
    r"(?:home|domů|domov|zuhause|abitazione|casa|thuis|dom|hogar)(?=\s*:)|"
    # A form's postcode row, which names the town after the code ("Postleitzahl:  51103 Köln", "PLZ/Ort: ...",
    # "Code postal : 75020 Paris"); with its colon, since "CAP" and "CP" are also diplomas and initials.
    r"(?:postleitzahl|plz(?:\s*/\s*ort)?|code postal|código postal|codigo postal|cep|cap|cp|post ?code|"
    r"postal code|zip(?: code)?)(?=\s*:))\s*:?\s*(.*)$",
    re.IGNORECASE,
)
# Where the candidate was born, whatever the label word ("Lieu de naissance", "Lugar de nacimiento" begin like
# location labels): never the candidate's location.
# "Born in", "geboren in", "né à", "nata a", "urodzona w", with a date between them too ("Née le 3 mars
# 1990 à Lyon", "born on 3 May 1990 in Leeds", "geb. 12.03.1990 in Bochum").
BIRTH_PLACE = re.compile(
    r"\b(?:place of birth|birthplace|lieu de naissance|geburtsort|lugar de nacimiento|luogo di nascita|"
    r"miejsce urodzenia|место рождения|local de nascimento|plaats van geboorte|geboorteplaats)"
    r"|(?<!\w)(?:born|née?|geboren|geb\.|nacid[oa]|nat[oa]|nascid[oa]|urodzon[aey]|urodził[ae]m się|"
    r"родил(?:ся|ась)|народив(?:ся|ся|ась))(?=\s)[^,;|:]{0,30}?\s(?:in|à|a|en|em|w|в|te|у)\s",
    re.IGNORECASE)
# "Label: value" where the label says something else ("Place of birth: Kyiv", "Nacionalidad: Argentina",
# "Geburtsort: Bad Soden"): not where the candidate lives.
OTHER_LABEL = re.compile(r"^[^\W\d][^:,\d]{1,30}:\s*\S")
# A postcode, then the town: "4553 Schlierbach", "75020 Paris, France", "7000-736 Évora, Portugal" (Portugal's
# four-and-three digits), "00-950 Warszawa" (Poland's two-and-three), "8331 DS, Steenwijk" (the Netherlands').
_POSTCODE = r"(?:[A-Z]{1,2}-)?(?:\d{4}-\d{3}|\d{2}-\d{3}|\d{4,5}(?:\s?[A-Z]{2},?)?|\d{6},?)"
# A town's first letter: Latin with accents and Polish/Czech letters ("Łódź", "Środa"), or Cyrillic.
_TOWN_START = r"[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ]"
POSTCODE_CITY = re.compile(r"(?<![\d.,/])\b" + _POSTCODE + r"\s+(?:г\.\s*)?(" + _TOWN_START
                           + r"[\w\-.'’ ]{2,40}?)(?:,\s*[\w ]+|\s*\([\w .]+\))?\.?$")  # "28440 Guadarrama (Madrid)"
_LEADING_POSTCODE = re.compile(r"^" + _POSTCODE + r"\s+(?=" + _TOWN_START + r")")
# "Pleasantville, CA 94588", "San Jose ca, 95129": a US city, its state and ZIP code; "Motta di Livenza, 31045
# TV.": an Italian town, its postcode and province.
CITY_STATE_ZIP = re.compile(r"^[A-Z][\w .'-]+,?\s*[A-Za-z]{2},?\s+\d{5}(?:-\d{4})?$"
                            r"|^[A-Z][\w .'-]+,\s*\d{5}(?:\s+[A-Z]{2}\.?)?$")
# A street line: a number before a comma, or a street word in one of the CV languages; German and Dutch
# write the street word at the end of one compound ("Kurpfalzstraße 154", "Lindenweg 3", "Kerkstraat 12").
_STREET = re.compile(
    r"\d+\w?\s*,|\b(?:str\.|straße|strasse|street|st\.|ave|avenue|road|rd\.|lane|drive|rue|avenida|av\.|calle|"
    r"c/|paseo|plaza|via|viale|piazza|corso|rua|travessa|ulica|ul\.|aleja|al\.|улица|ул\.|проспект|пр-т|пер\.)(?!\w)"
    r"|(?:straße|strasse|str\.|gasse|allee|weg|straat|laan|plein)\s+\d",
    re.IGNORECASE)
_COUNTRY_WORDS = re.compile(r"\b(?:" + "|".join(map(re.escape, COUNTRY_NAMES)) + r")\b", re.IGNORECASE)


def _location_pieces(rows: list[Row], whole: bool = False) -> list[tuple[int, str]]:
    """(row index, text piece) that could name a place; a value printed after a label of another kind
    ("Name, Vorname: Riemenschneider, Dennis", "Geburtsort: ...") is not the candidate's address. With
    whole, each fragment is also offered unsplit (justified text puts wide gaps inside one address)."""
    pieces: list[tuple[int, str]] = []
    for index, row in enumerate(rows):
        previous = ""
        parts = fragments_of(row)
        if whole:
            parts = [fragment.text for fragment in row.fragments if len(FRAGMENT_SEPARATORS.split(fragment.text)) > 1
                     and not EMAIL.search(fragment.text)] + parts
        for part in parts:
            part = _without_icon(" ".join(re.sub(r"^[^\w(+]+", "", clean_text(part)).strip(" ,.").split()))
            # The value after another label, or after a birthplace phrase in a cell of its own ("Born in" | "Kyiv").
            other_label = (previous.endswith(":") and not LOCATION_LABEL.match(previous)) or bool(
                previous and BIRTH_PLACE.search(previous.rstrip(":") + " "))
            previous = part or previous
            if other_label or BIRTH_PLACE.search(part) or (OTHER_LABEL.match(part) and not LOCATION_LABEL.match(part)):
                continue
            # A postcode and town ("7000-736 Évora", "P.O BOX 406-20300, Nyahururu") can pass for a phone
            # number; the town says it is not one.
            if part and not EMAIL.search(part) and not URL.search(part) and (
                    not find_phone(part) or POSTCODE_CITY.search(part) or _ends_in_town(part)):
                pieces.append((index, part))
    return pieces


# A LaTeX icon font's glyph read as an ASCII character before the place: "+ Perugia, Italy" (a map pin set
# as "+", which a phone number never has a space after), "R Milano" (a lone letter before a known city).
_ICON_PLUS = re.compile(r"^\+\s+(?=[^\W\d_])")
_ICON_LETTER = re.compile(r"^[^\W\d_]\s+(?=[^\W\d_])")


def _without_icon(part: str) -> str:
    part = _ICON_PLUS.sub("", part)
    if _ICON_LETTER.match(part):
        rest = _ICON_LETTER.sub("", part)
        town = re.split(r"[,/]", rest)[0]
        if is_city(town) and not is_city(re.split(r"[,/]", part)[0]):  # "A Coruña" is a city's own name
            return rest
    return part


def _ends_in_town(part: str) -> bool:
    town = part.rsplit(",", 1)[-1].strip() if "," in part else ""
    return bool(town) and town[:1].isupper() and not re.search(r"\d", town) and is_city(town)


def _town_after_postcode(text: str) -> str | None:
    """The town after a postcode ("Hofwiesenstraße 7, 4553 Schlierbach" -> "Schlierbach"); a house number
    before a street ("2623 University Ave") is no postcode."""
    city = POSTCODE_CITY.search(text)
    return city.group(1).strip() if city and not _STREET.search(city.group(1)) else None


def is_address(text: str) -> bool:
    """A street line or a postcode and town ("8 rue de la Morge, 63410 Vitrac", "Pleasantville, CA 94588")."""
    return bool(_town_after_postcode(text) or CITY_STATE_ZIP.match(text)
                or (_STREET.search(text) and re.search(r"\d", text)))


def _plausible_place(part: str) -> bool:
    if len(part.split()) > 7 or len(part.split(",")) > 4:
        return False
    # A job word rules a piece out ("Software Engineer, Berlin"), unless the words are a known city's whole
    # name ("Presidente Epitácio").
    if TITLE_WORDS.search(part) and not (len(part.split()) > 1 and is_city(part)):
        return False
    vocabulary = load_vocabulary()
    return not any(vocabulary.canonical(piece.strip()) for piece in re.split(r"[,/]", part))


# Parts of an address line: "Studentski Grad 33A, Sofia : Drava 29, ...", "Łódź / Zdalnie", "X – SP, Brasil".
_ADDRESS_PARTS = re.compile(r"\s*(?:[,;]|\s?/\s?|\s[:|–—-]\s)\s*")
MAX_ADDRESS_PARTS = 8


def known_place(piece: str, alone_on_row: bool = True) -> str | None:
    """The location a piece names by a known city (places.py): the whole "City, Region" piece, or only
    the city when a street and number come before it. A city after other words ("Mission - Altran,
    Bordeaux") counts only when the piece stands alone on its row and is short. Labels, dates and
    institutions ("University of Cincinnati, Cincinnati") are not locations."""
    if piece.endswith(":") or find_date_range(piece) or find_single_date(piece) or INSTITUTION_WORDS.search(piece):
        return None
    parts = [part for part in _ADDRESS_PARTS.split(piece) if part.strip()]
    if not parts or len(parts) > MAX_ADDRESS_PARTS:
        return None
    for position, part in enumerate(parts):
        # A place is written with a capital: "nivel" (Spanish "level") is a city's name only in the table.
        if not is_city(part) or not place_name(part)[:1].isupper() or not _plausible_place(place_name(part)):
            continue
        before = parts[:position]
        if any(re.search(r"\d", earlier) for earlier in before):
            return place_name(part)
        if not _plausible_place(piece):
            return None
        if all(is_place(earlier) for earlier in before):
            return without_prefix(piece)
        if alone_on_row and len(re.findall(r"[^\W\d_]+", piece)) <= 6:
            return without_prefix(piece)
        return None
    return None


def _excluded(part: str, exclude: set[str]) -> bool:
    """The name, the headline or a word of them ("ANDERSON" printed apart from "Jane")."""
    lowered = part.lower()
    return any(lowered == text.lower() or (" " not in lowered and lowered in text.lower().split())
               for text in exclude if text)


# Lines under an address label that may still be the address (street, then postcode and town).
ADDRESS_LINES = 2


# A street without a street word, then its house number: "Britzer Damm 147", "Slingerbos 8", "Hoofdweg 12a".
_HOUSE_NUMBER_LINE = re.compile(r"^[^\W\d_][^\d,:]*\s\d{1,4}\s?[a-zA-Z]?$")
# A row's own label before its value: "Postcode, plaats:  8331 DS, Steenwijk".
_ROW_LABEL_START = re.compile(r"^[^\W\d_][^:\d]{0,30}:\s*")


def _town_line_after_street(texts: list[str]) -> str | None:
    """Under a street and house number ("Britzer Damm 147", "Slingerbos 8"), the postcode and town on the
    next line, after its own label if it has one ("Postcode, plaats:  8331 DS, Steenwijk", or the label on a
    row of its own); None if the next line is something else."""
    for text in texts:
        town_line = _ROW_LABEL_START.sub("", text).strip(" ,.")
        if not town_line:
            continue  # a bare label row ("Postcode, plaats:"), its value on the next row
        return town_line if POSTCODE_CITY.search(town_line) else None
    return None


_OTHER_LABEL_ROW = re.compile(r"^[^\W\d_]{2,20}\s?:\s")


def labelled_location(rows: list[Row], exclude: set[str]) -> str | None:
    """The place given under a location label ("Address: ...", "Wohnort:  Bremen", "Адрес" over its lines):
    of a street line and a town line, the town."""
    pieces = [(index, part) for index, part in _location_pieces(rows) if not _excluded(part, exclude)]
    texts = [clean_text(row.text) for row in rows]
    for index, part in pieces:
        labelled = LOCATION_LABEL.match(part)
        if labelled is None:
            continue
        value = labelled.group(1).strip(" ,.:")
        if not value and not part.endswith(":") and part != clean_text(rows[index].fragments[0].text).strip(" ,.:"):
            continue  # a bare label opens its row ("Wohnort  Bern"); "... vor  Ort  migriert" labels nothing
        if not value and (same_row := LOCATION_LABEL.match(texts[index])) is not None:
            value = same_row.group(1).strip(" ,.:")  # the value in the label's table row ("Anschrift:  Hofwiesenstraße 7, ...")
        for position, following in enumerate(texts[index + 1 : index + 1 + ADDRESS_LINES], start=index + 1):
            if value and _HOUSE_NUMBER_LINE.match(value) and not _STREET.search(value):
                value = _town_line_after_street(texts[position : position + ADDRESS_LINES]) or value
                break
            if value and not (_STREET.search(value) and not _town_after_postcode(value)):
                break
            following = following.strip(" ,.")
            if (row_label := LOCATION_LABEL.match(following)) is not None and POSTCODE_CITY.search(row_label.group(1)):
                following = row_label.group(1).strip(" ,.")  # the street's town on a labelled row ("Postleitzahl:")
            elif not following or row_label is not None or EMAIL.search(following) or _OTHER_LABEL_ROW.match(following):
                break  # (a row labelling another field, "Pays: France", "Tel: ...", is no line of the address)
            if not _STREET.search(following) or POSTCODE_CITY.search(following):
                value = following
        city = POSTCODE_CITY.search(value)
        if city and _STREET.search(value.split(",")[0] + ","):
            return city.group(1).strip()
        value = _LEADING_POSTCODE.sub("", value)  # "75020 Paris, France": the town, not its postcode
        if value and _STREET.search(value) and "," not in value:
            continue  # a street with no town after it ("Rue Marthe Mourbel"): the town may have a label of its own
        if value and _plausible_place(value):
            return value
    return None


# Rows above a town line that the street and house number of the same address may take.
ADDRESS_BLOCK_LINES = 2
MAX_SIDE_BY_SIDE_TOWNS = 3


def _towns_side_by_side(part: str) -> bool:
    """A district and its city written without a comma ("INEZGANE AGADIR", "Inezgane Agadir"): two or three
    capitalised words, each a known town's name."""
    words = part.split()
    return 2 <= len(words) <= MAX_SIDE_BY_SIDE_TOWNS and all(
        len(word) >= 4 and word[0].isupper() and is_city(word) and _plausible_place(word) for word in words)


def find_location(rows: list[Row], exclude: set[str]) -> str | None:
    """The candidate's own place: a labelled one (labelled_location), else a postcode and city, a piece
    naming a known city, the last line of an address over several rows that names a district and its town
    without a comma ("N° 79 BD EL MEHDI" / ... / "INEZGANE AGADIR"), a "City, Region" piece, or a piece that
    names a country, in the contact rows (the header and the contact sections), never a list of skills."""
    labelled = labelled_location(rows, exclude)
    if labelled:
        return labelled
    pieces = [(index, part) for index, part in _location_pieces(rows) if not _excluded(part, exclude)]
    for _, part in pieces:
        city = POSTCODE_CITY.search(part)
        if city and not find_date_range(part) and _plausible_place(city.group(1)):
            return city.group(1).strip()
    for index, part in _location_pieces(rows, whole=True):
        place = known_place(part, alone_on_row=len(fragments_of(rows[index])) == 1)
        if place and not _excluded(part, exclude):
            return place
    for index, part in pieces:
        if _towns_side_by_side(part) and len(fragments_of(rows[index])) == 1 and any(
                re.search(r"\d", clean_text(above.text)) and above.column == rows[index].column and above.page == rows[index].page
                for above in rows[max(0, index - ADDRESS_BLOCK_LINES) : index]):
            return part
    for _, part in pieces:
        if re.search(r"\d{3,}", part) and not POSTCODE_CITY.search(part) and not CITY_STATE_ZIP.match(part):
            continue
        if (LOCATION.match(part) or (_COUNTRY_WORDS.search(part) and len(part.split()) <= 5) or is_region(part)) \
                and _plausible_place(part):
            return part
    return None


# A house number, then street words ending in a street type: "2259 Nw 80 St", "12 Baker Street", "4 Elm Ave".
_NUMBERED_STREET = re.compile(
    r"^.*?\b\d+\w?\b[^,]*?\b(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|ct|court|hwy|"
    r"pkwy|parkway|terrace|ter|cir|circle)\b\.?\s+", re.IGNORECASE)
# Words before the town that say it is where the candidate is now: "Currently in Dublin", "Basée à Lyon",
# "Mieszkam w Krakowie" (ending in a preposition; the town must be in the GeoNames table).
_PHRASE_BEFORE_TOWN = re.compile(r"^(?:[^\W\d_]+\s+){1,3}(?:in|à|a|en|em|w|в|im|te)\s+(?=[^\W\d_])", re.IGNORECASE)


def _street_part(part: str) -> bool:
    return bool(_STREET.search(part + ",") or re.search(r"\d", part)) and not is_place(part)


def without_street(location: str) -> str:
    """The town of an address the location readers kept whole: the street and house number before it are
    dropped ("ul. Morcinka, Dąbrowa Górnicza" -> "Dąbrowa Górnicza", "2259 Nw 80 St Miami Fl" -> "Miami"),
    and so are words that lead up to it ("Currently in Dublin, Ireland" -> "Dublin, Ireland"). Only a known
    place (common.places, GeoNames) is kept, else the location stays as read."""
    parts = [part.strip() for part in location.split(",")]
    for position in range(1, len(parts)):
        if is_place(parts[position]) and all(_street_part(part) for part in parts[:position]):
            return ", ".join(parts[position:])
    first, rest = parts[0], parts[1:]
    for pattern in (_NUMBERED_STREET, _PHRASE_BEFORE_TOWN):
        match = pattern.match(first)
        if match is None:
            continue
        words = first[match.end():].strip(" .").split()
        for count in range(len(words), 0, -1):
            town = " ".join(words[:count])
            if town[:1].isupper() and is_city(town) and all(is_region(word) or len(word) <= 2 for word in words[count:]):
                return ", ".join([town, *rest])
    return location


# Rows either side of the name or of an e-mail/phone row that still belong to the same contact block.
CONTACT_BLOCK_REACH = 3
# Line spacing (in font sizes) beyond which a line no longer belongs to the contact block.
CONTACT_BLOCK_GAP = 5.0
# The first rows in reading order: the name and the contact line under it.
HEADER_CONTACT_ROWS = 3
# A footer line sits in the page's bottom margin (PDF points from the bottom edge).
FOOTER_TOP = 50.0


# The first page's top band: lines this many points under the page's highest line (the name and the
# contact lines beside or under it).
TOP_BAND = 120.0


def top_band(rows: list[Row]) -> list[Row]:
    """The first page's rows in its top band, in reading order, whatever their column."""
    first_page = [row for row in rows if row.page == 0]
    if not first_page:
        return []
    highest = max(row.top for row in first_page)
    return [row for row in first_page if row.top >= highest - TOP_BAND]


def find_location_near_contacts(rows: list[Row], anchors: list[int], exclude: set[str]) -> str | None:
    """The place printed beside the name or the contact details when they stand outside the header (a
    sidebar, a contact column read under another section) or in the first page's footer: there only
    a known city, a "City, ST 12345" line, a postcode and town, or a country or region alone on its row
    counts. The anchors' own rows count too (an icon row "phone  town" beside the e-mail)."""
    chosen: list[int] = []
    # The header's contact line that the reading order parted into two columns ("e-mail  phone" on the left,
    # "Lyon, France  GitHub" on the right, on one baseline under the name): the row beside it is an anchor too.
    beside = [index for anchor in anchors if anchor < HEADER_CONTACT_ROWS for index, row in enumerate(rows) if index != anchor
              and row.page == rows[anchor].page and row.column != rows[anchor].column
              and abs(row.top - rows[anchor].top) < 0.5 * min(row.size, rows[anchor].size)]
    for anchor in [*anchors, *beside]:
        chosen.append(anchor)
        for step in (-1, 1):
            # Walk away from the anchor through its own column while the lines stay close together:
            # a wider gap ends the contact block (an entry's place further down is not the candidate's).
            last = rows[anchor]
            for index in range(anchor + step, anchor + step * (CONTACT_BLOCK_REACH + 1), step):
                if not 0 <= index < len(rows):
                    break
                row = rows[index]
                if row.page != last.page or row.column != last.column:
                    continue
                if abs(last.top - row.top) > CONTACT_BLOCK_GAP * min(last.size, row.size):
                    break
                chosen.append(index)
                last = row
    chosen.extend(index for index, row in enumerate(rows) if row.page == 0 and row.top <= FOOTER_TOP)
    block = [rows[index] for index in dict.fromkeys(chosen)]
    for index, part in _location_pieces(block, whole=True):
        if _excluded(part, exclude):
            continue
        if CITY_STATE_ZIP.match(part):
            return part
        alone = len(fragments_of(block[index])) == 1
        place = known_place(part, alone_on_row=alone)
        if place:
            return place
        if (town := _town_after_postcode(part)) and not find_date_range(part) and _plausible_place(town):
            return town
        if alone and is_region(part) and _plausible_place(part):
            return without_prefix(part)
    return None


# A handle, a bare web address or a link's label: "@hamzanasiem", "sebastiansadowy.com", "jane.github.io/Portfolio",
# "GitHub".
_HANDLE_OR_DOMAIN = re.compile(r"^@\S+|^[\w.-]+\.[a-z]{2,}(?:/\S*)?$|://|/in/|"
                               r"^(?:website|homepage|portfolio|github|gitlab|linkedin|xing|twitter|blog|e-?mail|orcid)$",
                               re.IGNORECASE)
# An icon glyph (private use area, or an unmapped "(cid:N)") opening a fragment.
_ICON_START = re.compile(r"^\s*(?:[\ue000-\uf8ff]|\(cid:\d+\))")
# An age: "21 anos", "22 ans", "30 years", "25 Jahre".
_AGE = re.compile(r"^\d{1,2}\s+(?:anos|ans|años|years|jahre|lat|let|anni|лет|jaar|år)\b", re.IGNORECASE)
# Digits enough for a phone number or an id ("513.502.9288 (cell)", "3420229931").
MIN_NUMBER_DIGITS = 7
# A heading of this many words or fewer is a heading, not a headline ("Stammdaten", "Personal", "Introdução").
MAX_HEADING_WORDS_IN_HEADLINE = 3


def _contact_item_or_data(text: str) -> bool:
    """What stands under a name and is no headline: a handle or web address, a number (phone or id) with a
    remark, a date or an age opening the line, a lone glyph, a section heading in any CV language."""
    words = text.split()
    return bool(
        _HANDLE_OR_DOMAIN.search(text)
        or not re.search(r"[^\W\d_]{2,}", text)
        or sum(char.isdigit() for char in text) >= MIN_NUMBER_DIGITS
        or _AGE.match(text) or is_calendar_date(words[0]) or find_date_range(text)
        or (len(words) <= MAX_HEADING_WORDS_IN_HEADLINE and _holds_a_heading(words))
    )


def _headline_beside_name(text: str, name: str | None) -> str | None:
    """The job after the name on its own line, past a dash or a bar: "Mikhail Glukhov - Common Lisp Developer"
    (a "– Résumé" after the name names no job)."""
    tail = NAME_TAIL.search(text)
    if not name or tail is None or " ".join(text[: tail.start()].split()).lower() != " ".join(name.split()).lower():
        return None
    job = tail.group(0).strip().lstrip("-–—|").strip()
    if not job or not JOB_WORDS.search(job) or _contact_item_or_data(job) or EMAIL.search(job) or find_phone(job):
        return None
    return job.title() if job.isupper() else job


def _job_on_name_row(row: Row, name_words: set[str]) -> str | None:
    """A job set in smaller type beside the name on its own row ("Dmitry Safonov   Kernel Engineer")."""
    for fragment in row.fragments:
        text = clean_text(fragment.text)
        if (text and fragment.size <= NAME_SHAPED_HEADLINE_SCALE * row.size and JOB_WORDS.search(text)
                and not set(text.lower().split()) <= name_words and not _contact_item_or_data(text)
                and not EMAIL.search(text) and not URL.search(text) and not find_phone(text)
                and len(text) <= MAX_HEADLINE_CHARACTERS and not known_place(text)):
            return text.title() if text.isupper() else text
    return None


# How far under the name (in the name's type size) its headline stands at most.
HEADLINE_REACH = 4.0
# Rows a name may be set over.
MAX_NAME_ROWS = 4
# A name-shaped line under the name may be the headline when set clearly smaller than the name (a name's own
# rows differ by a few per cent, NAME_ROWS_SIZE_RATIO): at most this share of the name's type size.
NAME_SHAPED_HEADLINE_SCALE = 0.85
MAX_HEADLINE_CHARACTERS = 120


def find_headline(rows: list[Row], name_row: int | None, name: str | None = None) -> str | None:
    """The line under the name that says what the candidate does: not the rest of a name set over two
    rows, an address, a contact or a "Label: value" row ("Last name: Ruiz", "Geburtsort: München")."""
    if name_row is None:
        return None
    name_words = set((name or "").lower().split())
    name_line = rows[name_row]
    beside = _headline_beside_name(clean_text(name_line.text), name) or _job_on_name_row(name_line, name_words)
    if beside:
        return beside
    start = name_row + 1
    # The rest of a name set over several rows ("Asmaa" / "Mohammed" / "Sayed") comes before its headline.
    while start < len(rows) and start - name_row < MAX_NAME_ROWS and rows[start].page == name_line.page and (
            words := clean_text(rows[start].text).lower().split()) and set(words) <= name_words:
        name_line = rows[start]
        start += 1
    for position, row in enumerate(rows[start : start + 2], start=start):
        if row.page == name_line.page and name_line.top - row.top > HEADLINE_REACH * name_line.size:
            break  # the next row in reading order is far under the name (a sidebar's first heading)
        if clean_text(row.fragments[0].text).endswith(":") or (
                len(row.fragments) > 1 and _bare_name_label(clean_text(row.fragments[0].text))):
            continue  # a table row "Wohnort:  Kleinkleckersdorf", or "Adı | Mehmet Ali Osman" under "Soyadı | Atik"
        for fragment in row.fragments:
            if _ICON_START.match(fragment.text):
                continue  # an icon before it marks a contact item ("(cid:135) InversionSpaces", a GitHub handle)
            candidate = clean_text(fragment.text)
            if (
                candidate
                and not set(candidate.lower().split()) <= name_words
                and not (OTHER_LABEL.match(candidate) and not LOCATION_LABEL.match(candidate))
                and not EMAIL.search(candidate)
                and not URL.search(candidate)
                and not find_phone(candidate)
                # Name-shaped words set near the name's size are more of a name; in smaller type under it, words
                # in capitals ("Studierende Informatik", "DESARROLLO WEB") say what the candidate does.
                and not (looks_like_name(candidate) and fragment.size > NAME_SHAPED_HEADLINE_SCALE * name_line.size)
                and classify_heading(candidate) is None
                and not candidate.startswith(("“", '"', "«"))
                and not candidate.endswith(":")
                and not LOCATION_LABEL.match(candidate)
                and len(candidate) <= MAX_HEADLINE_CHARACTERS
                # "São Bernardo do Campo – SP, Brasil", "+ Perugia, Italy" (a map pin read as "+"), "España."
                and not known_place(_without_icon(candidate)) and not is_region(candidate)
                and not is_address(candidate)  # "8 rue de la Morge, 63410 Vitrac"
                and not _contact_item_or_data(candidate)
            ):
                candidate = _wrapped_headline(rows, position, fragment, candidate)
                return candidate.title() if candidate.isupper() else candidate
    return None


# Words a wrapped line may end on, the rest of the phrase on the next line.
_HANGING_WORD = re.compile(r"(?:[,/|&+–-]|\s(?:and|or|of|in|for|et|ou|de|des|en|und|oder|für|y|o|e|di|del|da|do|i|w|z|в|и|с|для))$",
                           re.IGNORECASE)
# Line spacing (in type sizes) within one wrapped headline.
HEADLINE_LINE_GAP = 1.8


def _wrapped_headline(rows: list[Row], position: int, fragment: TextLine, text: str) -> str:
    """The headline with the line it wrapped onto: the next row's piece set in the same type (size and
    weight), at the same left edge or centre and a line's spacing under it, when the headline hangs on a
    hyphen, comma or joining word ("WIRTSCHAFTSINFORMATIK-" / "STUDENT", "Programmatore," / "Studente di
    informatica"), the next line goes on in lower case ("... modélisations et" / "machine learning"), or a
    line naming no job is followed by the job ("Creative and Innovative Web" / "Developer")."""
    if position + 1 >= len(rows) or rows[position + 1].page != rows[position].page:
        return text
    below = rows[position + 1]
    if rows[position].top - below.top > HEADLINE_LINE_GAP * fragment.size:
        return text
    piece = next((f for f in below.fragments if abs(f.size - fragment.size) < 0.3 and f.bold == fragment.bold and (
        abs(f.x0 - fragment.x0) < 2 or abs((f.x0 + f.x1) - (fragment.x0 + fragment.x1)) < 4)), None)
    if piece is None or _ICON_START.match(piece.text):
        return text
    more = clean_text(piece.text)
    if not more or EMAIL.search(more) or URL.search(more) or find_phone(more) or _contact_item_or_data(more) \
            or known_place(more) or is_address(more) or classify_heading(more) is not None or more.endswith(":"):
        return text
    hangs = bool(_HANGING_WORD.search(text)) or more[:1].islower()
    names_the_job = len(more.split()) <= 2 and JOB_WORDS.search(more) and not JOB_WORDS.search(text)
    if not (hangs or names_the_job):
        return text
    joined = text + more if text.endswith("-") else f"{text} {more}"
    # A paragraph under the name goes on for lines: a headline is one phrase, no longer than MAX_HEADLINE_CHARACTERS.
    return text if len(joined) > MAX_HEADLINE_CHARACTERS or re.search(r"[.!?]\s+[A-ZÀ-Þ]", joined) else joined


REFEREES = re.compile(r"^(referee|reference|référence|referencia|referenz|рекомендаци|referências)", re.IGNORECASE)


CONTACT_HEADINGS = re.compile(
    r"contact|contato|contatti|kontakt|контакт|coordonnées|personal|persönlich|personnel|datos|dados|osobn|info|details|address|"
    r"adress|anschrift|wohnort|dirección|direccion|domicilio|indirizzo|endereço|morada|adres|адрес|личные",
    re.IGNORECASE)


# "Additional information", "Informations complémentaires", "Weitere Angaben": a heading over what the CV adds at its
# end (a letter, references, hobbies), not over the candidate's contact details, though it says "information".
_ADDITIONAL_HEADING = re.compile(
    r"\b(?:additional|further|other|complémentaire|supplémentaire|weitere|zusätzlich|sonstig|adicional|aggiuntiv|"
    r"ulterior|overige|aanvullend|dodatkow|doplňuj|další|ďalšie|övrig|yderligere|lisätie|további|suplimentar|ek bilgi)",
    re.IGNORECASE)


_PERSONAL_INFORMATION = frozenset(one_i(phrase) for phrase in PERSONAL_INFORMATION_HEADINGS)


def is_contact_heading(heading: str) -> bool:
    """A heading over the candidate's own contact details: "Contact", "Address", or the Europass CV's "Personal
    information" in any of its languages ("Angaben zur Person", "Dane osobowe"); never "Additional information"."""
    if _ADDITIONAL_HEADING.search(heading):
        return False
    return bool(CONTACT_HEADINGS.search(heading)) or normalise_heading(heading) in _PERSONAL_INFORMATION


def find_contact(
    header: Section, sections: list[Section], text: str, exclude: set[str], language: str | None = None,
    name_row: Row | None = None,
) -> Contact:
    """Contact details, preferring the header (referees' addresses further down are not the candidate's).
    A phone number is looked for in the header, then in the other sections that are not about referees,
    then anywhere (a footer), read for the CV's own country (phones.region_hints)."""
    header_text = "\n".join(clean_text(row.text) for row in header.rows)
    contact_text = "\n".join(
        clean_text(row.text)
        for section in sections
        if section.name in ("header", "other") and not REFEREES.search(section.heading)
        for row in section.rows
    )
    own_text = "\n".join(
        clean_text(row.text) for section in sections if not REFEREES.search(section.heading) for row in section.rows
    )
    all_rows = [row for section in sections for row in section.rows]
    # The first page's top band, whatever column or section the reading order put its lines in (a Google
    # Docs header sets the phone and e-mail in a right-hand column that is read after the left one's last
    # section, "References" among them), and the pages' footers.
    band_text = "\n".join(clean_text(row.text) for row in top_band(all_rows))
    footer_text = "\n".join(clean_text(row.text) for row in all_rows if row.top <= FOOTER_TOP)
    contact = Contact()
    contact.email = (find_email(header_text) or find_email(band_text) or find_email(contact_text)
                     or find_email(own_text) or find_email(footer_text))
    contact_rows = [row for section in sections if section.name == "header"
                    or (section.name == "other" and is_contact_heading(section.heading)) for row in section.rows]
    contact.location = find_location(contact_rows[:40], exclude)
    if contact.location is None:
        anchors = [index for index, row in enumerate(all_rows) if row is name_row or (
            row.page == 0 and (EMAIL.search(row.text) or find_phone(clean_text(row.text))))]
        contact.location = find_location_near_contacts(all_rows, anchors, exclude)
    if contact.location is None:
        # An address label anywhere on the first page (a sidebar block whose heading the sections did not
        # take for one), referees' addresses apart.
        contact.location = labelled_location([row for section in sections if not REFEREES.search(section.heading)
                                              for row in section.rows if row.page == 0], exclude)
    if contact.location:
        # "Ząbki, 05-091": the postcode is no part of the place, nor is the street ("ul. Morcinka, Dąbrowa
        # Górnicza", "2259 Nw 80 St Miami Fl") or a phrase before the town ("Currently in Dublin, Ireland").
        contact.location = bare_place(without_street(bare_place(contact.location)))
    # The candidate's own place says which country a national number ("06 83 60 47 89") is dialled in.
    regions = region_hints(own_text, language, contact.location)
    # The page's footer is a contact line like the header ("Ana Ruiz · 348 7131298 · ana@…"): a national number
    # there is the candidate's even when the CV's country could not be told.
    # A number the national plans cannot place is taken as written from the header or a "Contact" block
    # ("CONTATO" / "TELEFONE:" / "(79) 996583969" in a sidebar), then from the footer.
    contact_block_text = "\n".join(clean_text(row.text) for row in contact_rows)
    contact.phone = (find_phone_number((header_text, band_text, contact_text, own_text), regions)
                     or find_phone(contact_block_text) or find_phone(band_text) or find_phone(footer_text))
    contact.links = find_links(header_text) or find_links(contact_text)
    return contact


# Skills found in running text count only from these categories (methods such as Scrum or code review name
# how the candidate worked); the others (business, people,
# design...) are taken from a skills list only, where the candidate names them as skills.
TECHNICAL_CATEGORIES = frozenset(
    "programming_language frontend backend mobile database cloud devops data_ml testing security platforms_tools methods "
    "product_project design marketing science operations support "
    "technology".split()
)
# Umbrella terms a headline or a sentence uses ("backend developer", "full-stack") are not skills listed,
# unless the text names the field of work itself ("led the web development", "software engineering").
_UMBRELLA = re.compile(r"\b(?:Development|Engineering)$")
_FIELD_OF_WORK = re.compile(r"(?:development|engineering|entwicklung|développement|desarrollo|разработка)$",
                            re.IGNORECASE)
# "and" in the CV languages; the one-letter words of Italian, Portuguese and the Slavic languages ("Excel e
# PowerPoint", "Upornost i ustrajnost") only between spaces, so "e-commerce" stays one word.
_LIST_SEPARATORS = re.compile(r"\s*(?:[,;|•·▪◦●○‣/]|\s{2,}|\s[-–—&]\s|\band\b|\bund\b|\bet\b|\by\b|\bи\b|"
                              r"\s(?:e|i|és|och|oraz|ja)\s)\s*")
_LEVEL_WORDS = re.compile(
    r"\b(?:basic|basics|intermediate|advanced|expert|proficient|familiar|fluent|beginner|good|very good|"
    r"excellent|strong|knowledge of|experience with|grundkenntnisse|anfängerkenntnisse|gute?|sehr gute?|kenntnisse in|"
    r"avançado|intermediário|básico|"
    r"notions?|avancé|débutant|básico|avanzado|intermedio|базовый|продвинутый|опыт|знание|"
    # The levels of the other CV languages ("Zaawansowany. LaTeX", "Word : Maîtrise", "Avancerad OOP"); words
    # that are also a name's ("base", "basis", "alto") are left out, so "Base de données" keeps its first word.
    r"junior(?: plus)?|fortgeschritten|fortgeschrittene|vertiefte|maîtrise|courant|confirmée?|intermédiaire|"
    r"experto|avanzato|avanzata|intermedi[oa]|ottim[oa]|buon[oa]|discreto|espert[oa]|elementare|"
    r"intermediário|fluente|"
    r"zaawansowan[ayei]|średniozaawansowan[ayei]|podstawow[ayei]|biegł[ayei]|sprawn[ayei]|dobr[ayei]|bardzo dobr[ayei]|"
    r"pokročil[ýáé]|středně pokročil[ýáé]|základní|základn[ýáé]|základy|výborn[ýáé]|podstawy|"
    r"haladó|középhaladó|alapfokú|középfokú|felsőfokú|"
    r"gevorderd|uitstekend|avancerad|grundläggande|edistynyt|erinomainen|napredn[oia]|osnovn[oia]|izvrsn[oia])\b",
    re.IGNORECASE,
)
# A skills row whose value after the label is only a level or rating ("Word : Maîtrise", "Excel: ●●●○"):
# the label is the item.
_RATING_MARKS = "●○◉◯★☆⭐■□▪▫•·/0123456789%-–— ()"
_PARENTHESES = re.compile(r"\s*[\(\[][^)\]]*[\)\]]")
# A company's legal form as a word of its name ("Acme GmbH", "Morningstar, Inc.", "Mahsan Co.", "SZE Sp. z o.o.",
# "LogoSapience SAS"), in the forms of the CV countries: Turkish A.Ş. and Ltd. Şti.; Hungarian Kft./Zrt./Nyrt.,
# Czech and Slovak a.s. and "s. r. o.", Croatian and Slovenian d.o.o./d.d., S.p.A./S.r.l., Ltda; the short capitals
# only as written ("AB", "AS", "SA": "as" is a word). One list for the experience reader (the employer's piece of a
# header) and the skills reader (a row naming a company lists employers, not skills).
_LEGAL_FORMS = (
    r"GmbH|AG|KG|Inc\.?|Ltd\.?|LLC|LLP|Corp\.?|Co\.|plc|S\.A\.?|SAS|SARL|S\.L\.|B\.V\.|N\.V\.|"
    r"s\.r\.o\.|sp\.\s?z\s?o\.\s?o\.|Pvt|OOO|ООО|АО|e\.\s?K\.|e\.V\.|A\.\s?Ş\.|Şti\.?|"
    r"Kft\.?|Zrt\.?|Nyrt\.?|a\.\s?s\.?|s\.\s?r\.\s?o\.?|d\.\s?o\.\s?o\.?|d\.d\.|S\.p\.A\.?|S\.r\.l\.?|Ltda\.?|"
    r"(?-i:SRL|SpA|AB|AS|ASA|A/S|ApS|Oy|Oyj|SA|NV|BV)")
LEGAL_FORM = re.compile(rf"(?:^|[\s,])(?:{_LEGAL_FORMS})(?=$|[\s,.)/])", re.IGNORECASE)
# What ends a list without naming an item ("Docker, Jira, etc."), in the CV languages: never a skill (the
# taxonomy's "ETC", Electronic Time Clock, is spelt that way).
_LIST_CONTINUATIONS = frozenset((
    "etc", "etc…", "e.g", "z.b", "usw", "u.a", "ecc", "eccetera", "etcétera", "и т.д", "и т.п", "и др", "and more",
    "and others", "y más", "et al"))
_ITEM = re.compile(r"^[^\W_][\w.+#/&' -]*[\w+#]$|^[^\W_]$", re.UNICODE)
MAX_SKILL_WORDS = 4
# A label inside a skills section over personal qualities, whose items are never skills.
_SOFT_LABEL = re.compile(
    r"\bsoft(?!ware)|personal|persönlich|sozial|interpersonal|interpessoa|personnel|savoir-être|blandas|личн|мягк|"
    r"methodisch|menschlich|qualit",
    re.IGNORECASE,
)

# A skills section's own heading over personal qualities only (not "Personal skills", which in a Europass CV
# holds the digital and technical skills too).
SOFT_HEADING = re.compile(r"\bsoft(?!ware)|sozial|social|interpersonal|interpessoa|savoir-être|blandas|мягк", re.IGNORECASE)

# A word broken at the line's end ("protein purifica-" / "tion", "Trans-" / "formers"); a capital after the
# hyphen is a compound's next part ("Hardware-" / "Entwicklung") and keeps its hyphen.
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_]{2})-\n(?=[a-zß-ÿа-яё])")
_ROW_LABEL = re.compile(r"^[^:,]{2,40}:")
# Punctuation around a list item: a bullet, a dash, a colon, or the "&" of "Matplotlib &" wrapped onto "& Seaborn".
_ITEM_PUNCTUATION = " .-–—*:&"


def join_broken_words(text: str) -> str:
    """The text with words hyphenated across a line break written whole again."""
    return _BROKEN_WORD.sub("", text)


_ENDS_IN_BROKEN_WORD = re.compile(r"[^\W\d_]-$")


def _word_broken_across(line: str, next_line: str) -> bool:
    """A word broken at the row's end and carried on below ("Trans-" / "formers, PostgreSQL")."""
    return bool(_ENDS_IN_BROKEN_WORD.search(line)) and next_line[:1].islower()


# A parenthesis that starts a name rather than a remark: "(System)Verilog" is an item of its own.
_GLUED_PARENTHESIS = re.compile(r"^\([^()]*\)\w")


# The most words a list's last item has when a row ends with "and" and the item stands on the next row alone.
MAX_TAIL_WORDS = 3


def _continues_list(line: str, next_line: str) -> bool:
    """Whether ``next_line`` carries on the list that ``line`` started (the row was wrapped), rather than
    starting an item, a label or a sentence of its own."""
    if not line or not next_line or _ROW_LABEL.match(next_line) or strip_bullet(next_line) != next_line:
        return False
    if line.count("(") > line.count(")") or (next_line.startswith("(") and not _GLUED_PARENTHESIS.match(next_line)):
        return True  # "DNS (BIND," / "PowerDNS), Nginx": the parenthesis closes on the next row
    if _word_broken_across(line, next_line):
        return True
    # An item separator at the row's end. Without one the next row may as well start a list of its own
    # under a label set in the same line ("Технологии MongoDB, ...") or end a sentence.
    if line.endswith((",", "&", "/", "+")):
        return True
    if (_TRAILING_AND.search(line) and (":" in line or "," in line) and len(next_line.split()) <= MAX_TAIL_WORDS
            and not _LIST_SEPARATORS.search(next_line)):
        return True  # a list's "and" at the row's end, its last name below: "Eletromagnéticos: GPR GSSI e" / "LEICA DS200"
    # A known name cut at the row's end: "..., FastAPI, Robot" / "Framework" is Robot Framework.
    last, first = _LIST_SEPARATORS.split(line)[-1].strip(), _LIST_SEPARATORS.split(next_line)[0].strip()
    return bool(last and first) and cv_vocabulary().canonical(f"{last} {first}") is not None and (
        cv_vocabulary().canonical(last) is None or cv_vocabulary().canonical(first) is None)


def join_wrapped_list_rows(lines: list[str]) -> list[str]:
    """Rows of a list that the layout wrapped ("..., Ansys, Network" / "Architecture, Cybersecurity, ...")
    joined into one line, so an item cut at the row's end, or a parenthesis left open, is read whole."""
    joined: list[str] = []
    for line in lines:
        if joined and _continues_list(joined[-1], line):
            previous = joined[-1]
            joined[-1] = previous[:-1] + line if _word_broken_across(previous, line) else previous + " " + line
        else:
            joined.append(line)
    return joined


_PARENTHESISED = re.compile(r"([^,;|•·▪◦●○‣()]*?)\s*\(([^()]*)\)")


def parenthesised_items(row_text: str) -> list[tuple[str, list[str]]]:
    """The items a list row names in parentheses after another item, with that item: "AWS (S3, Lambda)"
    gives ("AWS", ["S3", "Lambda"]), "Azure (Functions, IoT Hub)" ("Azure", ["Functions", "IoT Hub"]).
    A level or a remark in parentheses ("Python (advanced)", "Erlang (telephony)") gives its words too;
    the caller decides what they are worth."""
    text = URL.sub(" ", EMAIL.sub(" ", row_text))
    text = text.split(":", 1)[1] if _ROW_LABEL.match(text) else text
    found = []
    for match in _PARENTHESISED.finditer(strip_bullet(text)):
        head = _LEVEL_WORDS.sub("", match.group(1)).strip(_ITEM_PUNCTUATION)
        parts = [_LEVEL_WORDS.sub("", part).strip(_ITEM_PUNCTUATION) for part in _LIST_SEPARATORS.split(match.group(2))]
        items = [part for part in parts if part and len(part.split()) <= MAX_SKILL_WORDS and _ITEM.match(part)
                 and not part[0].isdigit() and part.casefold() not in _LIST_CONTINUATIONS]
        if items:
            found.append((head if _ITEM.match(head or "-") else "", items))
    return found


def skills_in_parentheses(row_text: str) -> list[str]:
    """Skills named in parentheses after another item of a list row. Each is the item itself when the
    vocabulary knows it ("Docker" in "DevOps (CMake, Docker)"), else the item together with the one
    before the parenthesis when the vocabulary knows that ("Functions" in "Azure (Functions, IoT Hub)" is
    Azure Functions), else the item as written when it stands among names the vocabulary mostly knows
    ("Lambda" in "AWS (S3, Lambda, EC2)"); a lone remark ("Erlang (telephony)", "React (in progress)") is none."""
    vocabulary = cv_vocabulary()
    found: list[str] = []
    for head, items in parenthesised_items(row_text):
        head_name = vocabulary.canonical(head) if head else None
        names = []
        for item in items:
            name = vocabulary.canonical(item)
            if name is None and head:
                composed = vocabulary.canonical(f"{head} {item}")
                name = composed if composed != head_name else None
            names.append(name)
        # Items the vocabulary does not know count only among names it mostly knows: "Bus (UART, SPI,
        # I2C, CAN)" is a list of buses, "Électronique (BF, HF, CEM)" a list of abbreviations.
        known_list = len(items) >= 2 and 2 * sum(1 for name in names if name) >= len(items)
        for item, name in zip(items, names, strict=True):
            if name is not None:
                if vocabulary.category(name) not in NO_EVIDENCE_CATEGORIES:
                    found.append(name)
            elif known_list and _unknown_item_is_skill(item):
                found.append(item)
    return found


_SLASHED_NAME = re.compile(r"(?<![\w/])[\w.+#-]+/[\w.+#-]+(?![\w/])")
_KEPT_SLASH = "\u2044"  # a fraction slash, which no list separator matches, for the "/" of a known name
_TRAILING_AND = re.compile(r"\s(?:and|und|et|y|e|i|és|och|oraz|ja|и)$")


def skill_list_items(row_text: str) -> list[str]:
    """The items of a skills-list row ("Programming Languages: Python, C++ (advanced)", "Docker • Kubernetes"),
    each a few words long, without its label, level or parenthesised remark; a sentence gives none."""
    text = URL.sub(" ", EMAIL.sub(" ", row_text))
    if re.match(r"^[^:,]{2,40}:", text):
        label, value = text.split(":", 1)
        only_level = not _LEVEL_WORDS.sub("", value).strip(_RATING_MARKS + _ITEM_PUNCTUATION) and value.strip()
        text = label if only_level else value
    bulleted = strip_bullet(text) != text.strip()
    text = _PARENTHESES.sub("", strip_bullet(text))
    if text.rstrip().endswith(".") and "," not in text:
        # A sentence, unless it is a bullet's short phrase that a list closes with a full stop ("- Diseño de
        # logotipos."): an item, whose stop ends the item.
        if not (bulleted and len(text.split()) <= MAX_SKILL_WORDS):
            return []
        text = text.rstrip().rstrip(".")
    # A name the vocabulary knows with a slash in it ("CI/CD", "TCP/IP", "PL/SQL") is one item, not two.
    text = _SLASHED_NAME.sub(lambda match: match.group(0).replace("/", _KEPT_SLASH)
                             if cv_vocabulary().canonical(match.group(0)) is not None else match.group(0), text)
    parts = [part.strip(_ITEM_PUNCTUATION).replace(_KEPT_SLASH, "/") for part in _LIST_SEPARATORS.split(text)]
    # "JavaScript e" / "PHP": a row wrapped after its "and" leaves the word on the item before.
    parts = [_TRAILING_AND.sub("", _LEVEL_WORDS.sub("", part)).strip(_ITEM_PUNCTUATION) for part in parts if part]
    if len(parts) == 1 and len(parts[0].split()) > MAX_SKILL_WORDS - (0 if bulleted else 1):
        return []  # one long phrase: a sentence about skills, not a list of them (a bullet's item may be longer)
    if len(parts) > 1 and classify_styled_heading(text.strip(_ITEM_PUNCTUATION)) is not None:
        return []  # a heading of two parts ("Professional Society Memberships / Volunteerism")
    # A heading's words first on the row are its label ("Technologien  Docker, Git"); after another item
    # they are an item ("Genesys Cloud, Contact Center Automation" is a skill, not the contact section).
    return [part for index, part in enumerate(parts) if part and len(part.split()) <= MAX_SKILL_WORDS
            and _ITEM.match(part) and not part[0].isdigit() and len(part) <= 40
            and part.casefold() not in _LIST_CONTINUATIONS
            and (index > 0 or classify_styled_heading(part) is None)]


def find_skills(skills_section_text: str, text: str) -> list[str]:
    """Canonical skill names: the skills section first (its order is the candidate's), then the rest.

    From the skills section: every vocabulary skill, and every item of its lists even when the vocabulary
    does not know it (so unseen skills are found), except under a "soft skills" label. From the rest of
    the text: only technical skills the vocabulary knows (not "Backend Development" from a headline). Generic soft skills never count, and neither do spoken languages or bare levels."""
    vocabulary = cv_vocabulary()
    found: list[str] = []
    soft = False
    lines = join_wrapped_list_rows(skills_section_text.splitlines())
    items_of = [skill_list_items(line) for line in lines]
    in_column = _one_item_columns(lines, items_of)
    prose = _prose_rows(lines)
    sub_headings = _capitals_sub_headings(lines)
    for index, line in enumerate(lines):
        if not line.strip():
            soft = False  # a new section
            continue
        if sub_headings[index]:
            continue
        label = line.split(":", 1)[0] if ":" in line else (line if len(line.split()) <= 3 else "")
        if label:
            soft = bool(_SOFT_LABEL.search(label)) or (
                soft and ":" not in line and not _LIST_SEPARATORS.search(strip_bullet(line)))
        if soft:
            continue
        if prose[index]:
            # A paragraph about the candidate's skills: the names the vocabulary knows in it (read with the
            # justified line's gaps closed: "Apache  Kafka" is one name), and none of its words as items.
            # A loose spelling ("cloud", "UI", "GitHub") names its skill in a list, not in a sentence.
            found.extend(mention.name for mention in vocabulary.iter_mentions(_SPACE_RUN.sub(" ", line))
                         if vocabulary.category(mention.name) not in NO_EVIDENCE_CATEGORIES
                         and not vocabulary.is_loose(mention.surface))
            # A word written in camel case is a product's name, even one the vocabulary does not know
            # ("relatórios com JasperReports"): the words of a sentence are never written that way.
            found.extend(word for word in _CAMEL_CASE.findall(line)
                         if vocabulary.canonical(word) is None and not TITLE_WORDS.search(word))  # not "TeamLead"
            found.extend(_names_coordinated_with_skills(_SPACE_RUN.sub(" ", strip_bullet(line))))
            continue
        label, line = _category_label(line)
        if label and _SPOKEN_LABEL.search(label):
            continue  # "Spoken Languages English, French"
        title_fields = _group_title_fields(line)
        vendors = _vendors_of_longer_names(line)
        for name in vocabulary.find_in_text(line):
            if vocabulary.category(name) != SOFT_SKILLS_CATEGORY and name not in title_fields and name not in vendors:
                found.append(name)
        # A row whose category label was just cut off ("Frameworks React, ...") is cut again without it.
        items = skill_list_items(line) if label else items_of[index]
        known_names = [name for name in map(vocabulary.canonical, items) if name is not None]
        known = len(known_names)
        # A row whose known items are mostly soft skills ("Trabajo en equipo, Comunicación, Adaptabilidad,
        # Iniciativa") lists the person's qualities: its items the vocabulary does not know are qualities too.
        soft_known = sum(1 for name in known_names if vocabulary.category(name) == SOFT_SKILLS_CATEGORY)
        qualities_row = soft_known >= MIN_SOFT_ITEMS and 2 * soft_known >= known
        # A row cut into parts most of which are longer than an item ("Software implementation: signal integrity
        # testing using OP, Transient, and AC Sweep analyses in LTspice") is a sentence with commas: its short
        # parts are pieces of the sentence, not names.
        sentence_row = _sentence_parts(line) >= max(len(items), 1)
        # A row naming a company by its legal form ("Linux Härtung für ML Consulting, Schulung, Service & Support
        # GmbH/Bundeswehr") lists employers or clients: its names the vocabulary does not know are theirs.
        employer_row = bool(LEGAL_FORM.search(line))
        # A dated row ("Juni 2019", "JUIN 2018  Chef de projet", "Fev/2018 - Set/2019") is an entry's, which a
        # page's other column set among the skills: its words the vocabulary does not know are no skills.
        entry_row = employer_row or _dated(line)
        for item in items:
            canonical = vocabulary.canonical(item) or _misspelt_skill(item) or _name_before_generic_word(item)
            names_run_together = _known_names_run_together(item) if canonical is None else []
            if canonical is not None:
                if vocabulary.category(canonical) != SOFT_SKILLS_CATEGORY:
                    found.append(canonical)
            elif names_run_together:
                found.extend(names_run_together)  # "OpenGL WebGPU": two names whose separator the layout lost
            elif ((len(items) >= 2 or in_column[index]) and not entry_row and not qualities_row
                  and not sentence_row and _unknown_item_is_skill(item, sentence_case=in_column[index])):
                found.append(item)
            elif len(items) >= MIN_INLINE_LIST_ITEMS and 2 * known >= len(items) and _lower_case_tool(item):
                found.append(item)  # "Burp Suite, ffuf, curl, C++": a tool's own lower-case name among known ones
        found.extend(skills_in_parentheses(line))
    text = join_broken_words(text)
    found.extend(skills_in_running_text(text))
    found.extend(skills_in_inline_lists(text))
    found.extend(skills_in_parenthesised_lists(text))
    unique: dict[str, str] = {}
    for name in found:
        unique.setdefault(name.casefold(), name)
    return list(unique.values())


_PRODUCT_CATEGORIES = frozenset(("office", EVERYDAY_CATEGORY, TECHNOLOGY_CATEGORY))


MIN_SOFT_ITEMS = 2
_NEXT_WORD = re.compile(r"[ \t]+([A-ZÀ-ÖØ-Þ][\w.+#-]*)")


def _vendors_of_longer_names(line: str) -> set[str]:
    """Everyday products whose name, on this row, opens a longer name the vocabulary does not know ("Google Earth
    Engine", "Google Studio AI", "LinkedIn Learning"): the vendor's or the network's name, not the product it is on
    its own (a search engine, a social network). Unless named alone elsewhere on the row."""
    vocabulary = cv_vocabulary()
    opened: set[str] = set()
    alone: set[str] = set()
    for mention in vocabulary.iter_mentions(line):
        if vocabulary.category(mention.name) != EVERYDAY_CATEGORY:
            continue
        after = _NEXT_WORD.match(line, mention.end)
        if after is not None and vocabulary.canonical(after.group(1)) is None:
            opened.add(mention.name)
        else:
            alone.add(mention.name)
    return opened - alone


def _kin(name: str) -> set[str]:
    """The skills the vocabulary relates to a skill, and those related to them (MySQL: SQL, then Databases)."""
    vocabulary = cv_vocabulary()
    near = vocabulary.related(name)
    return near.union(*(vocabulary.related(other) for other in near))


def _sentence_parts(line: str) -> int:
    """How many of a skills row's comma- or 'and'-separated parts (after its label) are as long as a skill's
    name can be or longer ("AC Sweep analyses in", cut by the row's end): the parts of a sentence with commas."""
    text = _PARENTHESES.sub("", strip_bullet(URL.sub(" ", line)))
    text = text.split(":", 1)[1] if _ROW_LABEL.match(text) else text
    return sum(1 for part in _LIST_SEPARATORS.split(text) if len(part.split()) >= MAX_SKILL_WORDS)


def _group_title_fields(line: str) -> set[str]:
    """The fields of work a skills row's label names as the title of its items ("Bases de Datos: MySQL,
    MongoDB", "Frontend Development: React, Vue", "Cloud & DevOps: Git, Linux"): the label says what kind of
    thing the items are, and is not a claim of its own (SKILLS.md, rule 2: a field counts where the page names it
    as something the person does or knows). A field is a name of the kind its known items are (the vocabulary
    relates them, or relates them to a name it relates to: MySQL to SQL to Databases, Docker to DevOps), a field of work ("... Development", "... Engineering") or
    a spelling that names a field in a list only ("Cloud", "Databases"). A product before its programs
    ("Microsoft Office: Word, Excel") and a name before its level ("Python: Intermediate") stay what they are."""
    text = strip_bullet(line)
    if not _ROW_LABEL.match(text):
        return set()
    label, value = text.split(":", 1)
    items = skill_list_items(value)
    if len(items) < 2:
        return set()
    vocabulary = cv_vocabulary()
    known = {name for name in map(vocabulary.canonical, items) if name is not None}
    fields: set[str] = set()
    for mention in vocabulary.iter_mentions(label):
        if vocabulary.category(mention.name) in _PRODUCT_CATEGORIES:
            continue  # a suite before its programs
        if (_UMBRELLA.search(mention.name) or vocabulary.is_loose(mention.surface)
                or any(mention.name in _kin(name) for name in known if name != mention.name)):
            fields.add(mention.name)
    return fields


def _dated(line: str) -> bool:
    """Whether a row carries an entry's date: a month and year ("Juni 2019", "05/2019") or a range of years;
    a year alone is a version's ("ERDAS IMAGINE 2014", "Office 2016")."""
    if find_date_range(line) is not None:
        return True
    date = find_single_date(line)
    return date is not None and len(date[0]) > len("2019")


# A run of rows under the spoken languages that names at least this many technical skills is a skills list.
MIN_SKILLS_AMONG_LANGUAGES = 2
_WORD = re.compile(r"[^\W\d_]+")


def skills_rows_among_languages(lines: list[str]) -> list[str]:
    """The skills lists a languages section holds: a sidebar sets its skills under the spoken languages with a
    sub-heading the section reader does not know ("PROGRAMAÇÃO", "KI & IT-KOMPETENZEN"), or a joined heading
    names both ("Languages and Professional Skills"), and the rows stay in the languages section. A run of rows
    that names no spoken language is such a list when the vocabulary finds technical skills in it and it holds no
    date; a level row ("C2 – Muttersprache") or a remark has none. Each run is one block of lines."""
    vocabulary = cv_vocabulary()
    runs: list[list[str]] = [[]]
    headed = [False]  # whether a run starts under a skills sub-heading
    for line in lines:
        kind = _sub_heading_kind(line)
        if kind is not None:
            # "PC-Kenntnisse", "Persönliche Stärken": a sub-heading ends the run before it and says what its own is
            runs.append([])
            headed.append(kind == "skills")
        elif any(word in KNOWN_LANGUAGES for word in _WORD.findall(line)):
            runs.append([])  # a spoken language's row ends the run before it
            headed.append(False)
        else:
            runs[-1].append(line)
    blocks = []
    for run, under_skills_heading in zip(runs, headed, strict=True):
        if any(_dated(line) for line in run):
            continue  # dated rows are entries (courses, certificates under a "Language" heading), not a list
        technical = {name for name in vocabulary.find_in_text("\n".join(run))
                     if vocabulary.category(name) in TECHNICAL_CATEGORIES}
        if run and (under_skills_heading or len(technical) >= MIN_SKILLS_AMONG_LANGUAGES):
            blocks.append("\n".join(run))
    return blocks


MAX_SUB_HEADING_ROW_WORDS = 3


def _sub_heading_kind(line: str) -> str | None:
    """The section kind a short row inside another section names as a sub-heading ("PC-Kenntnisse" under
    "Fremdsprachen" where a sidebar's skills box set its groups alike, "Persönliche Stärken"), else None. A row of
    a few words, none of them a spoken language, not closed by a stop, with no gap of cells in it (a language and
    its level, "Englisch  Sehr gute Kenntnisse")."""
    text = line.strip()
    if (not text or text.endswith((".", ",")) or "  " in text or len(text.split()) > MAX_SUB_HEADING_ROW_WORDS
            or any(word.casefold() in KNOWN_LANGUAGES for word in _WORD.findall(text))):
        return None
    return classify_heading(text) or classify_styled_heading(text)


# A sub-heading of a skills list set in capitals ("PROGRAMAÇÃO", "OFFICE / DESIGN", "KI & IT-KOMPETENZEN"):
# a few words, one of them longer than an acronym, among rows that are mostly not in capitals.
MAX_SUB_HEADING_WORDS = 4
MIN_SUB_HEADING_WORD_LETTERS = 6


def _capitals_sub_headings(lines: list[str]) -> list[bool]:
    """Which rows of a skills section are sub-headings written in capitals: they name a group of the items
    below them, never a skill (a row naming a skill the vocabulary knows, "JAVASCRIPT", "MATLAB SQL",
    "HTML\\CSS", stays a row of items). A section whose rows are mostly in capitals writes its items that way, so none is a heading there."""
    vocabulary = cv_vocabulary()

    def in_capitals(line: str) -> bool:
        letters = [char for char in line if char.isalpha()]
        return bool(letters) and all(char.isupper() for char in letters)

    written = [line for line in lines if line.strip()]
    if 2 * sum(1 for line in written if in_capitals(line)) >= len(written):
        return [False] * len(lines)
    marks = []
    for line in lines:
        text = strip_bullet(line).strip(_ITEM_PUNCTUATION)
        words = text.split()
        marks.append(in_capitals(text) and "," not in text and 0 < len(words) <= MAX_SUB_HEADING_WORDS
                     and any(sum(char.isalpha() for char in word) >= MIN_SUB_HEADING_WORD_LETTERS for word in words)
                     and not vocabulary.find_in_text(text))
    return marks


MIN_INLINE_LIST_ITEMS = 3
# A row of running text inside a skills section ("Eu sei utilizar o CSS para a estilização", "Proficient in
# Python and experienced with Docker"): a sentence's words are mostly lower case, a list's items are names.
# Justified text sets two spaces or more between its words, the gap a list of cells has between its items, so
# without this rule every word of a paragraph would be read as an item ("de", "uso", "Sistemas").
MIN_PROSE_WORDS = 5
MIN_PROSE_LOWER_WORDS = 3
MIN_CARRIED_LOWER_WORDS = 2
_PROSE_WORD = re.compile(r"[^\W\d_][\w.+#'’-]*")
_PROSE_LIST_SEPARATORS = re.compile(r"[,;|•·▪◦●○‣]")
_SENTENCE_END = re.compile(r"[.!?:;]$")
_CAMEL_CASE = re.compile(r"(?<![\w.-])[A-Z][a-z]+(?:[A-Z][a-z]+)+(?![\w-])")


# Two names joined in a sentence: a comma, a semicolon or "and" in the CV languages.
_COORDINATION = re.compile(r"\s*(?:[,;]|\s(?:and|und|et|y|e|i|en|и|or|ou|oder|o)\s)\s*")
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w+#.-]*[\w+#]$")


def _names_coordinated_with_skills(sentence: str) -> list[str]:
    """Capitalised words a sentence of a skills section joins to a skill by a comma or an "and" ("Swing e JPA",
    "Lawson, Helios and Peoplesoft ERP"): names of the same kind as the skill, so skills even when the vocabulary
    does not know them. Not the sentence's first word, a language, a job noun or a common English word."""
    vocabulary = cv_vocabulary()
    pairs = []
    for match in _COORDINATION.finditer(sentence):
        left = sentence[:match.start()].split()[-1:]
        right = sentence[match.end():].split()[:1]
        if left and right and match.start() > len(left[0]):
            pairs.append((left[0], right[0]))
    known = {word for pair in pairs for word in pair if vocabulary.canonical(word) is not None}
    found: list[str] = []
    changed = True
    while changed:  # "Lawson, Helios and Peoplesoft": Helios by Peoplesoft, then Lawson by Helios
        changed = False
        for left, right in pairs:
            for word, other in ((left, right), (right, left)):
                if word not in known and other in known and _NAME_WORD.match(word) and not (
                        word.casefold() in KNOWN_LANGUAGES or JOB_WORDS.search(word) or is_common_word(word)):
                    known.add(word)
                    found.append(word)
                    changed = True
    return found


def _prose_rows(lines: list[str]) -> list[bool]:
    """For each line of a skills section, whether it is a line of a paragraph rather than of a list: at least
    MIN_PROSE_WORDS words after its label if it has one, of which those the vocabulary does not know are mostly
    lower case (at least MIN_PROSE_LOWER_WORDS of them), and at most one comma or bullet (a list of phrases,
    "control de versiones, bases de datos, ...", has more); or the next line of such a paragraph, when the sentence did not end there
    and the line has lower-case words of its own ("Orientado à Objetos, Desenvolvimento de")."""
    vocabulary = cv_vocabulary()
    flags: list[bool] = []
    previous = ""  # the line before, stripped (read only from the second line on)
    for line in lines:
        text = strip_bullet(line)
        text = text.split(":", 1)[1] if _ROW_LABEL.match(text) else text  # "Netzwerktechnik : Ich habe ..."
        words = _PROSE_WORD.findall(text)
        unknown = [word for word in words if vocabulary.canonical(word) is None]
        lower = sum(1 for word in unknown if word[0].islower())
        listed = len(_PROSE_LIST_SEPARATORS.findall(text)) >= 2
        sentence = (len(words) >= MIN_PROSE_WORDS and lower >= MIN_PROSE_LOWER_WORDS and 2 * lower > len(unknown)
                    and not listed)
        carried = (bool(flags) and flags[-1] and lower >= MIN_CARRIED_LOWER_WORDS and not listed
                   and not _SENTENCE_END.search(previous))
        flags.append(sentence or carried)
        previous = strip_bullet(line).rstrip()
    return flags


# A category label set before its items without a colon ("Frameworks React, Node.JS", "Cloud Platforms AWS,
# Azure", a table's label cell): one or two words naming a kind of skill.
_CATEGORY_LABEL = re.compile(
    r"^(?:(?:programming|scripting|spoken|foreign|cloud|web|mobile|other|technical|data|front-?end|back-?end)\s+)?"
    r"(?:languages?|frameworks?|librar(?:y|ies)|tools?|platforms?|databases?|technologies|programming|"
    r"operating systems|methodologies|methods|concepts)\s+(?=\S)",
    re.IGNORECASE)
_SPOKEN_LABEL = re.compile(r"spoken|foreign|^languages?\s*$", re.IGNORECASE)


def _category_label(line: str) -> tuple[str, str]:
    """A skills row's category label without a colon and the rest of the row, when what follows the label
    is a name the vocabulary knows ("Frameworks React, Node.JS" is React and Node.js under "Frameworks");
    else ("", the row)."""
    text = strip_bullet(line)
    match = _CATEGORY_LABEL.match(text)
    if match is None or ":" in text:
        return "", line
    rest = text[match.end():]
    first = _LIST_SEPARATORS.split(rest)[0].strip(_ITEM_PUNCTUATION)
    if first and (cv_vocabulary().canonical(first) is not None
                  or first.split()[0].casefold() in KNOWN_LANGUAGES):
        return match.group(0).strip(), rest
    return "", line
# A skills section set as a column of one item per row ("Business Cases" / "Reporting" / "Canva"): this many
# such rows in a row make a list, whose items count even when the vocabulary does not know them.
MIN_COLUMN_ROWS = 3


def _one_item_columns(lines: list[str], items_of: list[list[str]]) -> list[bool]:
    """For each line of a skills section, whether it is one of at least MIN_COLUMN_ROWS consecutive rows
    that each hold a single short item and no label ("Kdenlive (Videobearbeitung)" is one item).
    ``items_of`` holds each line's skill_list_items."""
    vocabulary = cv_vocabulary()
    single = []
    for line, items in zip(lines, items_of, strict=True):
        text = strip_bullet(line)
        # One item, or a name the vocabulary knows whole ("Project Planning", whose words alone look like
        # a heading), or a pair set on one row ("Zoom / Teams").
        bare = _PARENTHESES.sub("", text).strip(_ITEM_PUNCTUATION)
        single.append(bool(text) and not _ROW_LABEL.match(text) and (
            (len(items) == 1 and len(items[0]) >= len(bare) - 1) or vocabulary.canonical(bare) is not None
            or (len(items) == 2 and len(" ".join(items)) >= len(bare) - 3)))
    flags = [False] * len(lines)
    start = 0
    for index in range(len(lines) + 1):
        if index == len(lines) or not single[index]:
            if index - start >= MIN_COLUMN_ROWS:
                flags[start:index] = [True] * (index - start)
            start = index + 1
    return flags


_LOWER_TOOL = re.compile(r"^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*$")


def _lower_case_tool(item: str) -> bool:
    """A single lower-case word written like a command-line tool's name ("curl", "ffuf", "go_router"), not a
    short word of a sentence ("and", "etc") nor a word of the language ("testing", "design")."""
    return (bool(_LOWER_TOOL.match(item)) and len(item) >= 3 and item not in ("etc", "and", "more", "other", "others")
            and not is_common_word(item) and item not in KNOWN_LANGUAGES)


# Words a list adds after a product's name to say what kind of thing it is ("ROS Framework", "Spyder IDE").
_GENERIC_LAST_WORD = re.compile(r"\s+(?:framework|library|ide|software|platform|suite|toolkit|tool)$", re.IGNORECASE)


def _name_before_generic_word(item: str) -> str | None:
    """The vocabulary skill an unknown list item names before a generic word ("ROS Framework" is ROS)."""
    head = _GENERIC_LAST_WORD.sub("", item)
    if head == item or not head:
        return None
    return cv_vocabulary().canonical(head)


def _known_names_run_together(item: str) -> list[str]:
    """The skills an unknown item of two or three words names one word each, when every word is a skill the
    vocabulary knows by itself ("OpenGL WebGPU" from a row set in columns) or a product's name beside one it
    knows ("Plotly PyVista"), else none."""
    vocabulary = cv_vocabulary()
    words = item.split()
    if not 2 <= len(words) <= 3:
        return []
    names = [vocabulary.canonical(word) for word in words]
    if any(name is not None and vocabulary.category(name) in NO_EVIDENCE_CATEGORIES for name in names):
        return []
    # A word the vocabulary does not know is a name of its own beside known ones when it is written as only a
    # product's name is, with a capital inside ("Plotly PyVista": two tags of a row of tags, their gap lost).
    if all(name is None for name in names) or LEGAL_FORM.search(item) or any(
            name is None and not _INNER_CAPITAL.match(word) for word, name in zip(words, names, strict=True)):
        return []
    return [name or word for word, name in zip(words, names, strict=True)]


_INNER_CAPITAL = re.compile(r"^[A-Z][a-z]+[A-Z][A-Za-z]*$")


MIN_FUZZY_LENGTH = 5


def _misspelt_skill(item: str) -> str | None:
    """The vocabulary skill an unknown list item is a one-letter slip of ("SQLLite", "KiKad", "Eagel"): one
    letter left out, put in, changed or two swapped, on a name of at least MIN_FUZZY_LENGTH letters, when
    only one skill is that close."""
    key = re.sub(r"[\W_]+", "", item.casefold())
    if len(key) < MIN_FUZZY_LENGTH or " " in item.strip() or not key.isascii() or is_common_word(item):
        return None
    real, deletions = _fuzzy_index(cv_vocabulary())
    names = set(deletions.get(key, ()))  # a letter left out of the item
    for variant in _deletions(key):
        names |= {real[variant]} if variant in real else set()  # a letter put in
        names |= deletions.get(variant, set())  # a letter changed, or two swapped
    spellings = {spelling for spelling, name in real.items() if name in names} if len(names) == 1 else set()
    return next(iter(names)) if any(_one_slip(key, spelling) for spelling in spellings) else None


def _one_slip(typed: str, spelling: str) -> bool:
    """Whether ``typed`` is ``spelling`` with one letter (never a digit: "Apache" is not "Apache2")
    left out, put in or changed, or two neighbouring letters swapped."""
    if typed == spelling or abs(len(typed) - len(spelling)) > 1 or typed[0] != spelling[0]:
        return False  # a slip of the first letter is rare, and "Cadstar" is not "ADSTAR"
    start = 0
    while start < min(len(typed), len(spelling)) and typed[start] == spelling[start]:
        start += 1
    end_typed, end_spelling = len(typed), len(spelling)
    while end_typed > start and end_spelling > start and typed[end_typed - 1] == spelling[end_spelling - 1]:
        end_typed, end_spelling = end_typed - 1, end_spelling - 1
    changed = typed[start:end_typed] + spelling[start:end_spelling]
    if any(char.isdigit() for char in changed):
        return False
    if len(changed) == 1 or (len(typed[start:end_typed]) == 1 and len(spelling[start:end_spelling]) == 1):
        return True
    return (end_typed - start == 2 and end_spelling - start == 2
            and typed[start:end_typed] == spelling[start:end_spelling][::-1])


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1:] for i in range(len(key))}


@functools.lru_cache(maxsize=2)
def _fuzzy_index(vocabulary: SkillVocabulary) -> tuple[dict[str, str], dict[str, set[str]]]:
    """The vocabulary's squashed spellings of at least MIN_FUZZY_LENGTH letters, and each one-letter
    deletion of them -> the skills it comes from (a symmetric-deletion index)."""
    real = {key: name for key, name in vocabulary.squashed_spellings().items()
            if len(key) >= MIN_FUZZY_LENGTH and key.isascii()}
    deletions: dict[str, set[str]] = {}
    for key, name in real.items():
        for variant in _deletions(key):
            deletions.setdefault(variant, set()).add(name)
    return real, deletions
_SPACE_RUN = re.compile(r"[ \t\u00a0]{2,}")
_ITEM_SEPARATORS = re.compile(r"[,;|•·▪◦●○‣/]")


def skills_in_inline_lists(text: str) -> list[str]:
    """The items of a list of skills set in another section ("Tech stack: React, Node.js, Appwrite",
    "Tools: Jira, MS Project, Gantt charts" under a project, a course list): in a line of at least three
    short items, most of which the vocabulary knows, every item the vocabulary knows counts, whatever its
    category (a sentence would give only technical ones). Items it does not know are left out here: out
    of a skills section they are as often places, courses or employers as skills."""
    vocabulary = cv_vocabulary()
    found: list[str] = []
    for line in join_wrapped_list_rows(text.splitlines()):
        if len(_ITEM_SEPARATORS.findall(line)) < MIN_INLINE_LIST_ITEMS - 1:
            continue  # not a list: no need to cut it into items
        items = skill_list_items(line)
        if len(items) < MIN_INLINE_LIST_ITEMS:
            continue
        known = {item: vocabulary.canonical(item) for item in items}
        if 2 * sum(1 for name in known.values() if name) < len(items):
            continue
        found.extend(name for name in known.values()
                     if name is not None and vocabulary.category(name) not in NO_EVIDENCE_CATEGORIES)
        found.extend(skills_in_parentheses(line))
    return found


def skills_in_parenthesised_lists(text: str) -> list[str]:
    """The programs a known product's parentheses list in another section ("MS Office (Word, Excel, PowerPoint,
    Teams)" among certificates, "Microsoft Office (Word, Excel, Outlook)" under a languages heading): at least
    MIN_INLINE_LIST_ITEMS items, most of them known, after a head the vocabulary knows. The row itself is no list
    (one item outside the parentheses), so skills_in_inline_lists passes it by; only known names count, whatever
    their category, as in an inline list."""
    vocabulary = cv_vocabulary()
    found: list[str] = []
    for line in join_wrapped_list_rows(text.splitlines()):
        for head, items in parenthesised_items(line) if "(" in line else ():
            names = [vocabulary.canonical(item) for item in items]
            if (not head or vocabulary.canonical(head) is None or len(items) < MIN_INLINE_LIST_ITEMS
                    or 2 * sum(1 for name in names if name) < len(items)):
                continue
            found.extend(name for name in names
                         if name is not None and vocabulary.category(name) not in NO_EVIDENCE_CATEGORIES)
    return found


_JOINING_HYPHEN = re.compile(r"(?<=[^\W\d_]{2})-(?=[^\W\d_]{2})")
# A row break inside a sentence: a word ends the row and the next row goes on in lower case.
_WRAPPED_SENTENCE = re.compile(r"(?<=[^\W\d_])\n(?=[a-zà-ÿа-яё])")


def skills_in_running_text(text: str) -> list[str]:
    """Technical skills the sentences and bullets of a CV name ("Built the billing service in Go and
    PostgreSQL"). A skill whose name is also an ordinary word ("Go", "R", "C", "Swift", "Rust", "Spring",
    "Chef"), written that way, counts only with technical company: another skill named on the same line.
    "Spring 2021 semester", "Chef de partie" and "Plan C" are not skills; "Go, gRPC and Kafka" is.
    An acronym written in capitals in a line that is not all capitals ("APIs REST", "a mini CNC machine",
    "Implementace CRM") is not the ordinary word it spells, and names a skill of any category but the
    soft skills: a sentence says "HR" or "CRM" only to name the field."""
    vocabulary = cv_vocabulary()
    found: list[str] = []
    # Justified text: "Inteligencia  Artificial" is one name, and so is "Material\tDesign" (HTML-to-PDF
    # renderers set a tab between the words of a justified line).
    text = _SPACE_RUN.sub(" ", text.replace("\t", " "))
    # A web address names no skill ("http://blog.example.net", "github.com/x/react-app"): blanked, each
    # character a space, so positions and lines stay where they were.
    text = URL.sub(lambda match: " " * len(match.group(0)), text)
    # A sentence wrapped onto the next row ("enhancing data" / "visualization for clients") names its
    # skills across the break, and an acronym's plural ("patching PCBs", "Web APIs") the acronym; a space
    # for the newline or the "s" keeps every position, so lines are still counted.
    sentences = _WRAPPED_SENTENCE.sub(" ", text)
    sentences = _ACRONYM_PLURAL.sub(lambda match: match.group(1) + " ", sentences)
    mentions = list(vocabulary.iter_mentions(sentences))
    # Words joined by a hyphen to qualify what follows ("high-availability infrastructure", "event-driven
    # design") name the same skill as when written apart; read again with spaces, only where a hyphen was.
    offset = 0
    for sentence_line in sentences.split("\n"):
        if _JOINING_HYPHEN.search(sentence_line):
            spaced = _JOINING_HYPHEN.sub(" ", sentence_line)
            mentions.extend(
                replace(mention, start=offset + mention.start, end=offset + mention.end)
                for mention in vocabulary.iter_mentions(spaced) if "-" in sentence_line[mention.start:mention.end])
        offset += len(sentence_line) + 1
    lines = text.split("\n")
    by_line: dict[int, list[SkillMention]] = {}
    acronyms: set[str] = set()
    for mention in mentions:  # one pass over the text, then grouped by line
        line = text.count("\n", 0, mention.start)
        category = vocabulary.category(mention.name)
        acronym = _is_acronym(mention.surface, lines[line])
        if acronym:
            acronyms.add(mention.surface)
        if vocabulary.is_loose(mention.surface):
            continue  # "Genesys Cloud", "UI bugs", "Grafana dashboards": a word that names the skill only in a list
        if _capitals_line_word(mention.surface, lines[line]):
            continue  # "KEYNOTE SPEAKER, AUTHOR", "FELIX CHEN", "FAST NUCES CFD": a name or a title set in capitals
        if _COMPANY_NAME_REST.match(sentences, mention.end):
            continue  # "MIPS Deutschland GmbH", "IBM Deutschland Customer Support Services GmbH": an employer's name
        if _names_a_school_or_degree(lines[line], mention):
            continue  # "DUT Réseaux et Télécoms", "College für Elektronik": a school's or a degree's name
        if _in_job_title(sentences, mention.start, mention.end):
            continue  # "Site Reliability Engineer", "TECH SUPPORT INTERN", "Ingénieur systèmes embarqués"
        vendor_product = bool(_VENDOR_PRODUCT.match(mention.surface)) or _product_capitalised(mention)
        if (category in TECHNICAL_CATEGORIES
                or ((acronym or vendor_product) and category not in NO_EVIDENCE_CATEGORIES)) and (
            not _UMBRELLA.search(mention.name) or _FIELD_OF_WORK.search(mention.surface)
        ):
            by_line.setdefault(line, []).append(mention)
    for line_mentions in by_line.values():
        ordinary = {mention.surface for mention in line_mentions if mention.surface not in acronyms and (
            vocabulary.is_ordinary_word(mention.surface) or is_common_word(mention.surface))}
        plain = {mention.name for mention in line_mentions if mention.surface not in ordinary}
        for mention in line_mentions:
            if mention.surface not in ordinary or plain - {mention.name}:
                found.append(mention.name)
    return found


MAX_NAME_LINE_WORDS = 10
# A degree's or a school's word at a word's start, written with its capital as in a name ("Bachelor of", "DUT",
# "Masterstudium", "Hochschule"); not "Scrum master", nor the "ms." that ends "Systems.".
_SCHOOL_OR_DEGREE = re.compile(r"\b(?:" + DEGREE_WORDS.pattern[1:-1] + "|" + INSTITUTION_WORDS.pattern[1:-1] + ")",
                               re.IGNORECASE)


def _names_a_school_or_degree(line: str, mention: SkillMention) -> bool:
    """Whether a line naming a skill is a school's or a degree's name ("Bachelor of Science in Software
    Engineering", "College für Elektronik", "Abbott Community Primary School", "Bachelor Digital Business & AI"):
    a short line (no sentence) with a degree's or a school's word. The degree or the school is not a skill the
    person claims (SKILLS.md, rules 1 and 4); the subjects a line lists ("Relevant coursework: Physics,
    Calculus") carry no such word and still count."""
    line = EMAIL.sub(" ", line)
    return len(line.split()) <= MAX_NAME_LINE_WORDS and any(
        match.group(0)[0].isupper() for match in _SCHOOL_OR_DEGREE.finditer(line))


def _product_capitalised(mention: SkillMention) -> bool:
    """Whether a mention is a product's name written with the product's own capital, one the vocabulary matches
    only that way because in lower case it is an ordinary word ("Excel", "Slack", "Notion"; not "excel at"):
    so written in a sentence ("Auswertung von Daten mit Excel und SQL") it names the product, whatever the
    product's category. Not the names that are ordinary words even capitalised ("Controlling", "Go", "Word")."""
    entry = cv_vocabulary().entry(mention.name)
    return entry is not None and not entry.ambiguous and mention.surface in (entry.exact or ())


# The job noun of a title that a skill's name qualifies ("Site Reliability Engineer", "NLP Engineer (internship)",
# "TECH SUPPORT INTERN", "Incident Response Team"), written after it; or before it, as French, Spanish and
# Portuguese titles are ("Ingénieur systèmes embarqués", "Technicien Support Technique"). A job title names the
# post, not a skill its holder claims (the labelling convention, SKILLS.md rule 4). Words that are job nouns only
# in some titles ("support", "lead", "expert", "member", "head", "model", "partner") stay out of it.
_TITLE_NOUN = re.compile(r"[ \t]*[-–]?[ \t]*\(?([^\W\d_]+)")
_TITLE_NOUN_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+$")
_NOT_TITLE_NOUNS = frozenset("support lead leads expert experts member members head model models partner partners".split())
_TEAM_WORDS = frozenset("team teams équipe équipes equipo equipe".split())


def _job_noun(word: str) -> bool:
    """A job noun written as a title's is, with a capital ("Engineer", "INTERN"; "a python developer" or "Android
    teams" in a sentence name the skill)."""
    return word[:1].isupper() and word.casefold() not in _NOT_TITLE_NOUNS and (
        word.casefold() in _TEAM_WORDS or TITLE_WORDS.fullmatch(word) is not None)


def _in_job_title(text: str, start: int, end: int) -> bool:
    """Whether the skill named at text[start:end] is part of a job title (see _TITLE_NOUN)."""
    after = _TITLE_NOUN.match(text, end)
    if after is not None and _job_noun(after.group(1)):
        return True
    before = _TITLE_NOUN_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and _job_noun(before.group(1))


# A product named with its maker ("Microsoft Excel", "Adobe InDesign", "SAP S/4HANA"): in a sentence it is the
# tool whatever its category, never the ordinary word its last part may be ("excel", "design").
_VENDOR_PRODUCT = re.compile(
    r"^(?:Microsoft|MS|Adobe|Google|Autodesk|SAP|Oracle|IBM|Apple|Amazon|AWS|Atlassian|Salesforce|Siemens|"
    r"JetBrains|Zoho|Intuit|Dassault)[ -][A-Z0-9]")
MAX_ACRONYM_LETTERS = 5
# An acronym's plural: "PCBs", "APIs", "GPUs".
_ACRONYM_PLURAL = re.compile(rf"\b([A-Z]{{2,{MAX_ACRONYM_LETTERS}}})s\b")


# The rest of a company's name after a skill's: capitalised words, then a legal form.
_COMPANY_NAME_REST = re.compile(r"(?:[ \t]+[A-ZÀ-ÖØ-Þ&][\w&.'’-]*){0,4}?[ \t]+(?i:" + _LEGAL_FORMS + r")(?=$|[\s,.)/])")


def _capitals_line_word(surface: str, line: str) -> bool:
    """Whether a one-word name is read from a line set all in capitals (a heading, a job title, a person's or a
    school's name), where every word is written like an acronym ("KEYNOTE SPEAKER", "SOUZA DOS SANTOS")."""
    return (" " not in surface and surface.isupper() and line == line.upper()
            and len(_PROSE_WORD.findall(line)) >= 2)


def _is_acronym(surface: str, line: str) -> bool:
    """Whether ``surface`` is written as an acronym: two to five capitals, in a line of mixed case (in an
    all-capitals heading every word looks like one)."""
    return (surface.isalpha() and surface.isupper() and 2 <= len(surface) <= MAX_ACRONYM_LETTERS
            and line != line.upper())


# How many of the ESCO occupation and skill descriptions a word's stem must occur in to be a common word.
COMMON_WORD_DOCUMENTS = 10


def is_common_word(surface: str) -> bool:
    """Whether a one-word skill name is also a common word of job descriptions ("security", "cloud",
    "testing", "assembly", "statistics"), judged by the ESCO document frequencies the fit score ships."""
    if " " in surface or not surface.isalpha():
        return False
    return _common_word_stem(surface.casefold())


# The fit score's background table: in how many ESCO descriptions each English Snowball stem occurs.
_BACKGROUND_DF = Path(__file__).resolve().parents[1] / "engines" / "fit" / "data" / "background_df.json"


@functools.lru_cache(maxsize=1)
def _document_frequencies() -> tuple[Callable[[str], str], dict[str, int]]:
    import snowballstemmer

    table = json.loads(_BACKGROUND_DF.read_text(encoding="utf-8"))["df"]
    return snowballstemmer.stemmer("english").stemWord, table


@functools.lru_cache(maxsize=4096)
def _common_word_stem(word: str) -> bool:
    stem, frequencies = _document_frequencies()
    return frequencies.get(stem(word), 0) >= COMMON_WORD_DOCUMENTS


@functools.lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Country names in the languages libphonenumber's geocoder knows them in ("Iran", "Deutschland")."""
    from phonenumbers.geodata.locale import LOCALE_DATA

    return frozenset(name.casefold() for names in LOCALE_DATA.values() for name in names.values()
                     if not name.startswith("*"))


# A level of the Common European Framework for languages ("C1", "B2+"), never a skill.
_CEFR_LEVEL = re.compile(r"^[ABC][12]\+?$")
# The column titles of the Europass self-assessment grid for languages (its own template, in the CV languages):
# a CV made with it sets them in a row, and they are never skills.
_LANGUAGE_GRID_WORDS = frozenset(word.casefold() for word in (
    "Understanding", "Speaking", "Writing", "Listening", "Reading", "Spoken interaction", "Spoken production",
    "Comprensione", "Parlato", "Produzione scritta", "Ascolto", "Lettura", "Interazione", "Produzione orale",
    "Comprendre", "Parler", "Écrire", "Écouter", "Lire", "Prendre part à une conversation",
    "S'exprimer oralement en continu", "Verstehen", "Sprechen", "Schreiben", "Hören", "Lesen",
    "An Gesprächen teilnehmen", "Zusammenhängendes Sprechen", "Comprensión", "Habla", "Expresión escrita",
    "Comprensión auditiva", "Comprensión de lectura", "Interacción oral", "Expresión oral", "Compreender", "Falar",
    "Escrever", "Compreensão oral", "Leitura", "Interação oral", "Produção oral", "Rozumienie", "Mówienie",
    "Pisanie", "Słuchanie", "Czytanie", "Begrijpen", "Spreken", "Schrijven", "Luisteren", "Lezen",
))
# A short lower-case word that opens an item ("in Turchia", "um Fehlkonfigurationen") or is the whole item ("de",
# "o"): a preposition or article of the sentence the item was cut from, not a name.
MAX_FUNCTION_WORD_LETTERS = 3


# The words that title a group of skills in the CV languages ("Ferramentas", "Anwendungen", "Frameworks",
# "Principali" / "Secondarie"), written alone on a row or before the group's items without a colon: never an item.
# ("Programming", "Software" and "Databases" are left out: the labels take them for skills when a list names them.)
_GROUP_WORDS = frozenset("""
tools tool tooling ferramentas herramientas outils werkzeuge strumenti narzędzia nástroje alati eszközök verktyg työkalut
gereedschappen инструменты
frameworks framework фреймворки frameworki bibliotecas librairies bibliothèques bibliotheken librerie biblioteki
libraries knihovny библиотеки
concepts konzepte conceptos concetti conceitos koncepcje koncepty
applications anwendungen aplicaciones applicazioni aplicativos aplicações aplikacje aplikace приложения
technologies technologien tecnologías tecnologie tecnologias technologie technológiák teknologier технологии
other others sonstiges andere autres divers otros altro altri outros inne ostatní ostalo egyéb övrigt muut другое
main secondary principali secondarie principales secundarias principais secundárias
administration administración amministrazione administração
development développement desarrollo sviluppo desenvolvimento entwicklung
computer ordinateur computadora computador
""".split())
# Of them, the words that name a kind of thing or the rest ("tools", "frameworks", "other") rather than a field
# ("applications", "development": "Diseño de aplicaciones" is a skill).
_KIND_WORDS = frozenset("""
tools tool tooling ferramentas herramientas outils werkzeuge strumenti narzędzia nástroje alati eszközök verktyg työkalut
gereedschappen инструменты
frameworks framework фреймворки frameworki bibliotecas librairies bibliothèques bibliotheken librerie biblioteki
libraries knihovny библиотеки
other others sonstiges andere autres divers otros altro altri outros inne ostatní ostalo egyéb övrigt muut другое
""".split())
PERSONAL_QUALITIES_PATH = DATA_DIR / "personal_qualities.tsv"


@functools.cache
def _personal_qualities() -> frozenset[str]:
    """The personal qualities' forms in the CV languages (data/personal_qualities.tsv), in lower case."""
    forms: set[str] = set()
    for quality, spellings in tsv_rows(PERSONAL_QUALITIES_PATH):
        forms.update(form.strip().casefold() for form in [quality, *spellings.split(",")] if form.strip())
    return frozenset(forms)


def _unknown_item_is_skill(item: str, sentence_case: bool = False) -> bool:
    """An item the vocabulary does not know counts when it is written like a name ("Appwrite", "GDAL",
    "Siemens Tecnomatix"), not like a phrase of the sentence it was cut from ("willing to learn", "in Turchia",
    "de"), a language level ("B1", "Lettura" of a Europass grid) or a company ("Support GmbH")."""
    words = item.split()
    if words[0].lower() in KNOWN_LANGUAGES or classify_heading(item) is not None or len(words) > 3:
        return False
    if _CEFR_LEVEL.match(item) or item.casefold() in _LANGUAGE_GRID_WORDS or LEGAL_FORM.search(item):
        return False
    first = words[0]
    if first.isalpha() and first.islower() and (
            len(first) <= MAX_FUNCTION_WORD_LETTERS - 1 or (len(words) > 1 and len(first) <= MAX_FUNCTION_WORD_LETTERS)):
        return False
    if item.casefold() in _country_names():
        return False  # an address that a sidebar set among the skills
    if item.casefold() in _GROUP_WORDS or (len(words) > 1 and (
            words[0].casefold() in _KIND_WORDS or words[-1].casefold() in _KIND_WORDS)):
        # "Ferramentas", "Anwendungen", "Principali": a sub-list's title, not one of its items; so is a title
        # with its kind ("AI nástroje", "Outils bureautique") or one run into its first item ("Sonstiges Emacs"),
        # whose known names the vocabulary finds on the row anyway.
        return False
    if _SENTENCE_BREAK.search(item):
        return False  # "XHTML. Używane": the end of one sentence and the start of the next, not a name
    if item.casefold() in _personal_qualities():
        return False  # "Zuverlässig", "Csapatjátékos", "Tenace": a quality of the person, in the CV's language
    if _person_name(words):
        return False  # "Maria Nascimento Silva": a signature or a referee below the list, never a skill
    if len(item) == 1 or words[0].casefold() in _DRIVING_LICENCE_WORDS or " ".join(words[:2]).casefold() in (
            _DRIVING_LICENCE_WORDS):
        return False  # "Führerschein B", "Rijbewijs AM", a lone "B": a driving licence and its class, not a skill
    if item.casefold() in _PASTIMES or words[-1].casefold() in _GAMES:
        return False  # "Olvasás", "Kirándulás", "Strategy Games": a hobby listed beside the skills
    if sentence_case:
        # A row of a column of one item per row (see _one_item_columns) is an item by its place, so a phrase
        # written in sentence case ("Diseño de logotipos", "Gestión de redes sociales") names a skill there.
        return first[0].isupper()
    return all(word[0].isupper() or not word[0].isalpha() for word in words if len(word) > 3)


# The words a driving licence is written with in the CV languages (then its class: "Führerschein B", "Permis B",
# "ŘP sk. B"): a licence, never a skill of the list it stands in.
_DRIVING_LICENCE_WORDS = frozenset(word.casefold() for word in (
    "driving licence", "driving license", "driver's license", "führerschein", "rijbewijs", "permis", "permis de",
    "carnet de", "carnet", "carta de", "carteira de", "cnh", "patente", "prawo jazdy", "prawo", "řidičský", "ŘP",
    "vodičský", "jogosítvány", "körkort", "ajokortti", "vozačka", "vozačku", "permis auto"))
# Pastimes a CV lists among its skills or right after them with no heading of their own, in the CV languages:
# whole items only, and only pastimes that are no trade's skill (not cooking, gardening, painting, photography).
_PASTIMES = frozenset(word.casefold() for word in """
reading travel travelling traveling hiking sports sport music movies films cinema chess swimming cycling running
dancing yoga lesen reisen wandern musik filme kino schach schwimmen radfahren laufen tanzen lecture voyages
voyager randonnée musique échecs natation vélo danse lectura viajes viajar senderismo deportes deporte música cine
ajedrez natación ciclismo baile leitura viagens viajar trilhas esportes esporte xadrez natação ciclismo dança
lettura viaggi viaggiare escursionismo musica scacchi nuoto ciclismo danza czytanie podróże muzyka kino szachy
pływanie rower taniec čtení cestování turistika hudba šachy plavání kolo tanec čítanie cestovanie hudba plávanie
olvasás utazás kirándulás zene sakk úszás kerékpározás tánc lezen reizen wandelen muziek films schaken zwemmen
fietsen dansen läsning resor vandring musik schack simning
""".split())
_GAMES = frozenset("games game spiele jeux juegos jogos giochi gry hry játékok".split())
# A full stop between two words inside an item: a sentence ends there.
_SENTENCE_BREAK = re.compile(r"[^\W\d_]{2}\.\s+[^\W\d_]{3}")


def _person_name(words: list[str]) -> bool:
    """Whether an item's words are a person's name: two words or more, capitalised, the first a known given name
    and none a word of job texts or a name the vocabulary knows ("Maria Nascimento Silva", not "Ruby Rails",
    "Adobe Illustrator" or "Julia Computing Platform")."""
    if len(words) < 2 or not looks_like_name(" ".join(words)) or not holds_given_name(words[0]):
        return False
    vocabulary = cv_vocabulary()
    return not any(is_common_word(word) or vocabulary.canonical(word) is not None for word in words)


def find_summary(summary_rows: list[Row]) -> str | None:
    """The summary section as one paragraph, without a line that only carries an e-mail address."""
    text = " ".join(clean_text(row.text) for row in summary_rows if not EMAIL.search(row.text)).strip()
    return text or None


MIN_SUMMARY_WORDS = 25


def find_header_summary(header_rows: list[Row], *, layout: bool = True) -> str | None:
    """A summary set without a heading: a paragraph of running text among the header's rows (lines of
    six words or more, at least one sentence, 25 words in all), not the contact lines around it."""
    if any(is_bullet(row) for row in header_rows):
        return None  # points, not a paragraph: a profile the CV did not set apart as a summary
    best: list[str] = []
    paragraph: list[str] = []
    span: tuple[float, float] | None = None  # left and right edges of the paragraph's lines so far
    for row in [*header_rows, None]:
        # The paragraph's own column: a contact column set beside it shares its rows. A justified line
        # whose wide word gaps part it into cells stays one line when its cells fill the paragraph's width.
        text = clean_text(row.fragments[0].text) if row is not None else ""
        justified = (row is not None and span is not None and len(row.fragments) > 1
                     and abs(row.fragments[0].x0 - span[0]) <= 2 and row.fragments[-1].x1 <= span[1] + 2)
        if justified:
            text = " ".join(clean_text(fragment.text) for fragment in row.fragments)
        prose = (row is not None and (len(text.split()) >= 6 or justified) and not EMAIL.search(text)
                 and not URL.search(text) and not is_bullet(row) and not find_phone(text))
        if prose:
            paragraph.append(text)
            first = row.fragments[0]
            span = (first.x0, first.x1) if span is None else (span[0], max(span[1], first.x1))
            continue
        span = None
        if paragraph and row is not None and re.search(r"[.!?]$", text) and len(text.split()) < 6:
            paragraph.append(text)  # the short last line of the paragraph ("d'Angers.")
        if sum(len(line.split()) for line in paragraph) > sum(len(line.split()) for line in best):
            best = paragraph
        paragraph = []
    joined = " ".join(best)
    if len(joined.split()) < MIN_SUMMARY_WORDS or not re.search(r"[.!?]", joined):
        # A sidebar's narrow column is a layout; pasted text (`layout` False) has none, and every run of its
        # lines would look like one (a project's description read as the profile).
        return _narrow_paragraph(header_rows) if layout else None
    return joined


# A profile in a narrow sidebar column wraps after two to five words a line ("Motivierter Student der" /
# "Wirtschaftsinformatik an der" / ...): many lines with one left edge and one line pitch, three words or more a
# line on average, no digits, addresses or links, read as one paragraph.
MIN_NARROW_PARAGRAPH_LINES = 5
MIN_NARROW_WORDS_PER_LINE = 3.0


def _narrow_paragraph(header_rows: list[Row]) -> str | None:
    best: list[str] = []
    run: list[Row] = []
    for row in [*header_rows, None]:
        text = clean_text(row.text) if row is not None else ""
        fits = (row is not None and len(row.fragments) == 1 and not re.search(r"\d|@|https?:|www\.", text)
                and not is_bullet(row))
        if fits and run:
            pitch = run[-1].top - row.top
            first_pitch = run[0].top - run[1].top if len(run) > 1 else pitch
            fits = (abs(row.fragments[0].x0 - run[-1].fragments[0].x0) <= 2 and 0 < pitch < 2 * row.size
                    and abs(pitch - first_pitch) <= 1.5)
        if fits:
            run.append(row)
            continue
        lines = [clean_text(line.text) for line in run]
        if (len(lines) >= MIN_NARROW_PARAGRAPH_LINES and sum(len(line.split()) for line in lines) >= MIN_NARROW_WORDS_PER_LINE * len(lines)
                and len(" ".join(lines).split()) > len(" ".join(best).split())):
            best = lines
        run = [row] if row is not None and len(row.fragments) == 1 and not re.search(r"\d|@|https?:|www\.", text) else []
    joined = join_broken_words("\n".join(best)).replace("\n", " ")
    if len(joined.split()) < MIN_SUMMARY_WORDS or not re.search(r"[.!?]", joined):
        return None
    return joined


def strip_bullet(text: str) -> str:
    return BULLET.sub("", text).strip()


def is_bullet(row: Row) -> bool:
    return bool(BULLET.match(row.text))


_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]{1,4}\.|\b(?:[A-Za-z]\.){2,})$")


def row_is_entry_header(row: Row) -> bool:
    text = strip_bullet(clean_text(row.text))
    # Wrapped description lines start in lower case; entry headers (titles, companies, names) do not.
    return (
        bool(text)
        and not is_bullet(row)
        and not text[0].islower()
        # Words counted per cell: a long employer's name beside its place, or a title beside its dates
        # ("ANALISTA FUNCIONAL PROYECTO RENOVACIÓN TECNOLÓGICA - BENEFICIOS Y PAGOS  sept. 2018 - dic. 2020"),
        # is still one header; a sentence is one long cell.
        and max(len(clean_text(fragment.text).split()) for fragment in row.fragments) <= 12
        and not text.endswith((";", ","))
        and not (text.endswith(".") and len(text.rsplit(maxsplit=1)[-1]) > 5)  # "Ltd." ends a name, not a sentence
        # ... but a line of five words or more that ends on a full stop after no abbreviation is a sentence
        # ("Built dynamic JSF-based web applications using PrimeFaces 7.0.").
        and not (text.endswith(".") and len(text.split()) >= 5 and not _ABBREVIATION_END.search(text))
    )


def split_header_parts(text: str) -> list[str]:
    """Split an entry header into its pieces; "City, Region" stays whole so it can be seen as a location."""
    parts: list[str] = []
    for part in re.split(r"\s*(?:\||•|·|\s{2,}|\s[-–—]\s)\s*", text):
        part = part.strip(" ,-–—")
        if not part:
            continue
        if "," in part and not (
            LOCATION.match(part) and not JOB_WORDS.search(part) and len(part.split()) <= 5
        ):
            parts.extend(piece.strip(" ,") for piece in part.split(", ") if piece.strip(" ,"))
        else:
            parts.append(part)
    return parts


def build_education(section_rows: list[Row]) -> list[EducationEntry]:
    entries: list[EducationEntry] = []
    current: EducationEntry | None = None
    for row in section_rows:
        text = clean_text(row.text)
        if not text or is_bullet(row):
            continue
        date = find_date_range(text)
        single = find_single_date(text) if date is None else None
        bare = text
        if date:
            bare = (text[: date[2][0]] + text[date[2][1] :]).strip(" |,-–")
        elif single:
            bare = (text[: single[1][0]] + text[single[1][1] :]).strip(" |,-–")
        parts = split_header_parts(bare)
        institution = next((part for part in parts if INSTITUTION_WORDS.search(part)), None)
        degree = next((part for part in parts if DEGREE_WORDS.search(part) and part != institution), None)
        if institution is None and degree is None:
            if current is not None and (date or single) and current.start is None and current.end is None:
                current.start, current.end = (
                    (date[0], date[1]) if date else (None, single[0] if single else None)
                )
            continue
        starts_new = current is None or (institution and current.institution) or (degree and current.degree)
        if starts_new:
            current = EducationEntry()
            entries.append(current)
        assert current is not None
        if institution and not current.institution:
            current.institution = institution
        if degree and not current.degree:
            current.degree, current.field = split_degree(degree, parts)
        if date:
            current.start, current.end = date[0], date[1]
        elif single and current.end is None:
            current.end = single[0]
    return entries


def split_degree(degree: str, parts: list[str]) -> tuple[str, str | None]:
    match = re.match(
        r"(.+?)\s+(?:in|en|of science in|im fach|по специальности)\s+(.+)$", degree, re.IGNORECASE
    )
    if match and DEGREE_WORDS.search(match.group(1)):
        return match.group(1).strip(), re.sub(r"\s*-\s*[\d.]+\s*GPA.*$", "", match.group(2)).strip()
    index = parts.index(degree)
    following = parts[index + 1] if index + 1 < len(parts) else None
    if following and not INSTITUTION_WORDS.search(following) and not re.search(r"\d", following):
        return degree, following
    return degree, None


def build_projects(section_rows: list[Row]) -> list[ProjectEntry]:
    projects: list[ProjectEntry] = []
    previous_was_body = True
    for row in section_rows:
        text = clean_text(row.text)
        if not text:
            continue
        if row_is_entry_header(row) and previous_was_body and not find_date_range(text):
            name = split_header_parts(text)[0] if split_header_parts(text) else text
            if find_single_date(name) and len(name) <= 12:
                continue
            projects.append(ProjectEntry(name=name))
            previous_was_body = False
            continue
        if not projects:
            continue
        if is_bullet(row) or not row_is_entry_header(row):
            previous_was_body = True
        line = strip_bullet(text)
        projects[-1].description = (projects[-1].description + "\n" + line).strip()
        if projects[-1].url is None:
            links = find_links(text)
            projects[-1].url = links[0].url if links else None
    return projects


# The word that joins the last item of a list ("français, anglais et mandarin", "Greek and Latin").
_LIST_CONJUNCTIONS = frozenset({"and", "&", "et", "und", "y", "e", "i", "и", "en", "oraz"})
_LIST_SEPARATOR = re.compile(r"\s*(?:,|;|\||•|·|\s{2,})\s*")


def _language_items(text: str) -> list[str]:
    """The items of a languages row: split at separators outside brackets ("anglais (parlé, écrit)" is one
    item) and before a conjunction that leads to a language ("... et mandarin (parlé)")."""
    text = re.sub(r"(\w)([(\[])", r"\1 \2", text)  # "Русский(родной)": the level in brackets after the name
    items: list[str] = []
    depth, start = 0, 0
    for match in re.finditer(r"[(\[]|[)\]]|" + _LIST_SEPARATOR.pattern, text):
        if match.group(0) in "([":
            depth += 1
        elif match.group(0) in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            items.append(text[start:match.start()])
            start = match.end()
    items.append(text[start:])
    parts: list[str] = []
    for item in items:
        words = item.split()
        cut = 0
        for index, word in enumerate(words):
            if word.lower() in _LIST_CONJUNCTIONS and language_at(words, index + 1) is not None:
                parts.append(" ".join(words[cut:index]))
                cut = index + 1
        parts.append(" ".join(words[cut:]))
    return [part.strip() for part in parts if part.strip()]


# A level, a colon, then the languages at that level ("Beperkte werkvaardigheid: Spaans").
_SHARED_LEVEL = re.compile(r"^([^:]{2,40}):\s*(\S.*)$")
# The word for "language" that may stand before a language's name.
_LANGUAGE_WORDS = frozenset({"language", "langue", "sprache", "idioma", "lingua", "língua", "язык", "język", "taal"})


def build_languages(section_rows: list[Row]) -> list[LanguageEntry]:
    """The spoken languages of a languages section, each item's name as printed and its level as printed:
    "Brazilian Portuguese (Native)", "Englisch – C1", or the name then its level as the next item."""
    languages: list[LanguageEntry] = []
    seen: set[str] = set()
    for row in section_rows:
        text = clean_text(row.text)
        shared_level = None
        label = _SHARED_LEVEL.match(text)
        if label and classify_heading(label.group(1)) is None and language_at(label.group(1).split()) is None \
                and language_at(_language_items(label.group(2))[0].split()) is not None:
            # "Professionele werkvaardigheid: Nederlands, Engels": one level before the languages it is for.
            shared_level, text = label.group(1).strip(), label.group(2)
        parts = _language_items(text)
        for index, part in enumerate(parts):
            words = part.split()
            if len(words) > 1 and words[0].lower() in _LANGUAGE_WORDS:
                words = words[1:]  # "Język polski", "Idioma inglés": the word for language before the name
            found = language_at(words) if words else None
            if found is None:
                continue
            code, length = found
            name = " ".join(words[:length]).strip(":")
            level_words = re.sub(
                r"^(?:язык|language|langue|sprache|idioma)\s*:?", "", " ".join(words[length:]), flags=re.I
            )
            level_words = level_words.strip(" :-–().")  # "Portuguese (Native)": the level is "Native"
            if (
                not level_words
                and index + 1 < len(parts)
                and language_at(parts[index + 1].split()) is None
            ):
                level_words = parts[index + 1].strip(" :-–")
            level = level_words if re.search(r"\w", level_words) else shared_level
            if code not in seen:  # "English" and "Englisch" in a bilingual CV are one language
                seen.add(code)
                languages.append(LanguageEntry(name=name, level=level))
    return languages


def build_certifications(section_rows: list[Row]) -> list[str]:
    items: list[str] = []
    for row in section_rows:
        text = strip_bullet(clean_text(row.text))
        if text and not re.fullmatch(r"[\d\s\-–/.]+", text):
            items.append(text)
    return items
