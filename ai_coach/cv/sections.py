"""Sections of a CV: the headings that open them, in English, French, German, Russian and Spanish, and
the cut of the rows at those headings."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ai_coach.cv.layout import Row, TextLine
from ai_coach.cv.text import clean_text

# Canonical section -> heading phrases (lower case, accents kept; compared after normalise_heading).
SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary",
        "professional summary",
        "profile",
        "professional profile",
        "about me",
        "about",
        "objective",
        "career objective",
        "overview",
        "executive summary",
        "personal statement",
        "summary of qualifications",
        "profil",
        "résumé",
        "à propos",
        "à propos de moi",
        "profil professionnel",
        "objectif",
        "kurzprofil",
        "zusammenfassung",
        "über mich",
        "persönliches profil",
        "краткое резюме",
        "резюме",
        "о себе",
        "обо мне",
        "профиль",
        "resumen",
        "perfil",
        "perfil profesional",
        "sobre mí",
        "extracto",
        "objetivo",
    ),
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "relevant experience",
        "experience & employment",
        "expérience",
        "expériences",
        "expérience professionnelle",
        "expériences professionnelles",
        "parcours professionnel",
        "berufserfahrung",
        "erfahrung",
        "berufliche erfahrung",
        "beruflicher werdegang",
        "praxiserfahrung",
        "опыт работы",
        "опыт",
        "трудовой опыт",
        "профессиональный опыт",
        "experiencia",
        "experiencia laboral",
        "experiencia profesional",
        "trayectoria profesional",
    ),
    "education": (
        "education",
        "academic background",
        "education & training",
        "education and training",
        "formation",
        "formations",
        "études",
        "formation académique",
        "diplômes",
        "parcours académique",
        "ausbildung",
        "bildung",
        "bildungsweg",
        "studium",
        "schulbildung",
        "akademischer werdegang",
        "образование",
        "educación",
        "formación",
        "formación académica",
        "estudios",
    ),
    "skills": (
        "skills",
        "technical skills",
        "core skills",
        "key skills",
        "competencies",
        "core competencies",
        "technologies",
        "tech stack",
        "technical expertise",
        "expertise",
        "strengths",
        "computer skills",
        "skills & tools",
        "skills and tools",
        "it skills",
        "skills & awards",
        "skills and awards",
        "compétences",
        "compétences techniques",
        "savoir-faire",
        "compétences informatiques",
        "kenntnisse",
        "fähigkeiten",
        "fertigkeiten",
        "it-kenntnisse",
        "kompetenzen",
        "edv-kenntnisse",
        "навыки",
        "ключевые навыки",
        "технические навыки",
        "стек",
        "технологии",
        "профессиональные навыки",
        "habilidades",
        "competencias",
        "conocimientos",
        "aptitudes",
        "conocimientos de computación",
        "conocimientos informáticos",
    ),
    "certifications": (
        "certifications",
        "certificates",
        "certification",
        "licenses & certifications",
        "licenses and certifications",
        "certifications & awards",
        "certificats",
        "certifications professionnelles",
        "zertifikate",
        "zertifizierungen",
        "zertifikate und weiterbildungen",
        "сертификаты",
        "сертификаты и достижения",
        "сертификация",
        "certificaciones",
        "certificados",
    ),
    "projects": (
        "projects",
        "personal projects",
        "side projects",
        "selected projects",
        "project",
        "key projects",
        "projets",
        "projets personnels",
        "projekte",
        "проекты",
        "личные проекты",
        "proyectos",
        "proyectos personales",
    ),
    "languages": (
        "languages",
        "language skills",
        "language",
        "langues",
        "sprachen",
        "sprachkenntnisse",
        "языки",
        "знание языков",
        "иностранные языки",
        "idiomas",
        "lenguas",
    ),
}

# Headings that end a section without starting one we extract (so their text does not leak into it).
OTHER_HEADINGS = frozenset(
    {
        "publications",
        "referees",
        "references",
        "interests",
        "hobbies",
        "hobbys and interests",
        "hobbies and interests",
        "honors & awards",
        "honors and awards",
        "awards",
        "achievements",
        "miscellaneous",
        "extracurricular activities",
        "activities",
        "volunteering",
        "volunteer experience",
        "personal information",
        "master thesis",
        "most proud of",
        "my life philosophy",
        "a day of my life",
        "other knowledge",
        "contact",
        "contacts",
        "links",
        "honours",
        "writing",
        "presentation",
        "centres d'intérêt",
        "loisirs",
        "divers",
        "références",
        "publikationen",
        "interessen",
        "hobbys",
        "sonstiges",
        "persönliche daten",
        "увлечения",
        "хобби",
        "контакты",
        "публикации",
        "достижения",
        "связаться:",
        "связаться",
        "intereses",
        "publicaciones",
        "misceláneo",
        "referencias",
        "pasatiempos",
        "tesis de maestría",
        "comentario",
        "extra 1",
        "extra 2",
    }
)

HEADING_TO_SECTION = {phrase: section for section, phrases in SECTION_HEADINGS.items() for phrase in phrases}
MAX_HEADING_WORDS = 6

# Beyond the exact phrases: a short row set apart as a heading (bold, larger, capitals or a trailing
# colon) is a heading when it holds one of these word stems, in any of the languages the CVs come in
# (English, French, German, Spanish, Russian, Portuguese, Italian, Polish, Dutch, Czech). The stem
# that comes first in the row decides ("Skills & Awards" is skills, "Languages and skills" languages).
SECTION_STEMS: dict[str, tuple[str, ...]] = {
    "experience": (
        "experience", "expérience", "experiencia", "experiência", "esperienz", "erfahrung", "werdegang",
        "berufspraxis", "praktika", "опыт", "doświadczenie", "werkervaring", "ervaring", "zkušenost",
        "employ", "work history", "career", "laufbahn", "historial laboral", "trayectoria", "parcours pro",
        "работ", "emploi", "positions", "professional history",
    ),
    "education": (
        "education", "formation", "ausbildung", "bildung", "studium", "образование", "educación",
        "formación", "formação", "educação", "istruzione", "formazione", "wykształcenie", "edukacja",
        "opleiding", "vzdělání", "academic", "études", "estudios", "escolaridade", "studia",
    ),
    "skills": (
        "skill", "compétence", "competenc", "competênc", "kenntnis", "fähigkeit", "навык", "habilidad",
        "conocimiento", "habilidade", "competenze", "umiejętnoś", "vaardigheden", "dovednost",
        "programm", "języki programowania", "technolog", "tech stack", "expertise", "qualifications", "технологии", "инструменты",
        "savoir-faire", "it-kenntnisse", "outils", "herramientas", "tools",
        "vaardigheid", "kompetenz",
    ),
    "summary": (
        "summary", "profile", "profil", "perfil", "profilo", "about me", "objective", "über mich",
        "o mnie", "о себе", "обо мне", "sobre mí", "sobre mim", "resumen", "zusammenfassung",
        "personal statement", "overview", "résumé", "resumo", "chi sono", "o mně",
    ),
    "languages": (
        "language", "langue", "sprach", "язык", "idioma", "lingue", "języ", "talen", "jazyk",
        "línguas", "lenguas",
    ),
    "certifications": ("certif", "zertifi", "сертифик", "certyfikat", "licenses", "licences", "weiterbildung"),
    "projects": ("project", "projet", "projekt", "проект", "proyecto", "projeto", "progett"),
    "other": (
        "interest", "hobb", "loisir", "intereses", "interess", "zainteresowania", "zájmy", "увлечения",
        "reference", "référence", "referencia", "referenz", "referee", "award", "honor", "honour",
        "publication", "publikation", "публикац", "volunteer", "bénévol", "ehrenamt", "voluntari",
        "courses", "cursos", "kurse", "achievement", "достижени", "contact", "kontakt", "контакт", "coordonnées",
        "personal", "persönlich", "personnel", "datos personales", "dados pessoais", "osobní",
        "hobby", "miscellaneous", "activities", "activités", "actividades",
    ),
}
_STEM_PATTERN = re.compile(
    "|".join(
        f"(?P<{kind}>" + "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True)) + ")"
        for kind, stems in SECTION_STEMS.items()
    )
)

MAX_STYLED_HEADING_WORDS = 4
# An entry's header ("Project Intern — ML Data", "Licencjat | Uniwersytet"), a bullet, a date or an
# address is not a heading even when styled like one.
_NOT_A_HEADING = re.compile(r"\s[|—–-]\s|\s\|\s?|^\s*[•◦▪▸►‣⁃·*\-–]\s|\d|@|https?:|www\.|,|\s·\s")
_BULLET_START = re.compile(r"^\s*[•◦▪▸►‣⁃·*\-–]\s*")
_LEADING_DECORATION = re.compile(r"^[^\w]+", re.UNICODE)
_TRAILING_DECORATION = re.compile(r"[\s:.\-–—|•]+$", re.UNICODE)
# "Skills: Python, Go", "Languages - English, French": a heading phrase, a separator, then its value.
_LABEL_SPLIT = re.compile(r"^(?P<label>[^:|\-–—]{2,40}?)\s*(?::|\s[-–—|]\s)\s*(?P<value>\S.*)$")


def normalise_heading(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip()
    text = _LEADING_DECORATION.sub("", text)
    text = _TRAILING_DECORATION.sub("", text)
    return re.sub(r"\s+", " ", text).lower()


def classify_heading(text: str) -> str | None:
    """The canonical section a heading phrase opens, "other" for a known non-extracted heading, else None."""
    normalised = normalise_heading(text)
    if not normalised or len(normalised.split()) > MAX_HEADING_WORDS:
        return None
    if normalised in HEADING_TO_SECTION:
        return HEADING_TO_SECTION[normalised]
    if normalised in OTHER_HEADINGS or normalised.rstrip(":") in OTHER_HEADINGS:
        return "other"
    return None


def classify_styled_heading(text: str) -> str | None:
    """The section a short row opens by the word stems it holds (the caller checks it looks like a heading)."""
    if _NOT_A_HEADING.search(text):
        return None
    normalised = normalise_heading(text)
    words = normalised.split()
    if not words or len(words) > MAX_STYLED_HEADING_WORDS:
        return None
    match = _STEM_PATTERN.search(normalised)
    # The stem names the section in the heading's first or last word ("Erfahrung und Kenntnisse",
    # "Berufliche Erfahrung"), not in the middle of a phrase ("School education and CV").
    if match is None:
        return None
    words_before = len(normalised[: match.start()].split())
    if words_before and words_before != len(words) - 1:
        return None
    return match.lastgroup


def body_size(rows: list[Row]) -> float:
    """The font size most of the text is set in."""
    sizes: dict[float, int] = {}
    for row in rows:
        for fragment in row.fragments:
            size = round(fragment.size, 1)
            sizes[size] = sizes.get(size, 0) + len(fragment.text)
    return max(sizes, key=lambda size: sizes[size]) if sizes else 0.0


def looks_like_heading(row: Row, text: str, body: float) -> bool:
    """Set apart as a heading: bold, larger than the body text, in capitals, or ending in a colon."""
    letters = [char for char in text if char.isalpha()]
    capitals = bool(letters) and sum(char.isupper() for char in letters) >= 0.8 * len(letters)
    return (
        len(row.fragments) <= 2
        and not text.rstrip().endswith((".", ","))
        and (all(fragment.bold for fragment in row.fragments) or row.size >= body + 1.0 or capitals
             or text.rstrip().endswith(":"))
    )


@dataclass(slots=True)
class Section:
    name: str  # canonical name, "header" for what precedes the first heading, or "other"
    rows: list[Row] = field(default_factory=list)
    heading: str = ""


def row_heading(row: Row, body: float) -> str | None:
    """The section kind a whole row opens as a heading, else None."""
    text = clean_text(row.text)
    kind = classify_heading(text)
    if kind is None and looks_like_heading(row, text, body):
        kind = classify_styled_heading(text)
    return kind


def leading_heading(row: Row) -> tuple[str, Row] | None:
    """A heading in larger type at the start of a row whose other cells are the section's first row (a Word
    table with the headings in its first column: "EXPERIENCE | Software Engineer | 2018 - Present")."""
    if len(row.fragments) < 2:
        return None
    first, rest = row.fragments[0], row.fragments[1:]
    kind = classify_heading(clean_text(first.text))
    if kind is None or first.size < max(fragment.size for fragment in rest) + 1.5:
        return None
    return kind, Row(list(rest), page=row.page, column=row.column)


def side_by_side_headings(row: Row, body: float) -> list[str]:
    """Two columns' headings that share a row ("EDUCATION  SKILLS"): every fragment is a heading by itself."""
    if len(row.fragments) < 2:
        return []
    kinds = [row_heading(Row([fragment], page=row.page, column=row.column), body) for fragment in row.fragments]
    return [kind for kind in kinds if kind] if all(kinds) else []


def label_row(row: Row) -> tuple[str, Row] | None:
    """A label and its value on one row ("Skills: Python, Go", or "Languages" then its value in a second
    fragment): the section kind and a row holding only the value."""
    text = clean_text(row.text)
    match = _LABEL_SPLIT.match(text)
    if match is None:
        return None
    label = _BULLET_START.sub("", match.group("label"))
    if len(label.split()) > 3:
        return None
    kind = classify_heading(label) or classify_styled_heading(label)
    # Only a label that starts with its section's word: "Английский язык: B2" names a language, not a section.
    stem = _STEM_PATTERN.match(normalise_heading(label))
    if kind not in ("skills", "languages", "certifications") or (stem is None and classify_heading(label) is None):
        return None
    if kind == "languages" and _names_technologies(match.group("value")):
        kind = "skills"  # "Languages: C++, Java, Python" lists programming languages
    first = row.fragments[0]
    value = TextLine(first.x0, first.y0, row.fragments[-1].x1, first.y1, first.size, False, match.group("value"))
    return kind, Row([value], page=row.page, column=row.column)


def _names_technologies(value: str) -> bool:
    from ai_coach.vocabulary import load_cv_vocabulary

    vocabulary = load_cv_vocabulary()
    items = [item.strip() for item in re.split(r"[,;/|•·]", value) if item.strip()]
    known = [item for item in items if vocabulary.category(item) not in (None, "soft_skills")]
    return bool(items) and 2 * len(known) > len(items)


def split_sections(rows: list[Row]) -> list[Section]:
    """Cut the rows at headings. A row that is a label with its value ("Skills: Python, Go") puts the value
    in a section of its own kind and the rows after it stay where they were."""
    body = body_size(rows)
    sections = [Section("header")]
    current = sections[0]
    for row in rows:
        kinds = side_by_side_headings(row, body)
        kind = row_heading(row, body) if len(kinds) < 2 else None
        if kind is not None:
            current = Section(kind, heading=clean_text(row.text))
            sections.append(current)
            continue
        leading = leading_heading(row)
        if leading is not None:
            current = Section(leading[0], [leading[1]], heading=clean_text(row.fragments[0].text))
            sections.append(current)
            continue
        if kinds:
            # The rows below mix both columns; they go to the first kind the parser reads, the others are
            # known to be there.
            ordered = sorted(kinds, key=lambda name: name == "other")
            current = Section(ordered[0], heading=clean_text(row.text))
            sections.append(current)
            sections.extend(Section(name, heading=clean_text(row.text)) for name in ordered[1:])
            continue
        labelled = label_row(row)
        if labelled is not None:
            sections.append(Section(labelled[0], [labelled[1]], heading=clean_text(row.text)))
            continue
        current.rows.append(row)
    return sections
