"""Sections of a CV: the headings that open them, in English, French, German, Russian and Spanish, and
the cut of the rows at those headings."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ai_coach.cv.layout import Row
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
MAX_HEADING_WORDS = 5

_LEADING_DECORATION = re.compile(r"^[^\w]+", re.UNICODE)
_TRAILING_DECORATION = re.compile(r"[\s:.\-–—|•]+$", re.UNICODE)


def normalise_heading(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip()
    text = _LEADING_DECORATION.sub("", text)
    text = _TRAILING_DECORATION.sub("", text)
    return re.sub(r"\s+", " ", text).lower()


def classify_heading(text: str) -> str | None:
    """The canonical section a heading row opens, "other" for a known non-extracted heading, else None."""
    normalised = normalise_heading(text)
    if not normalised or len(normalised.split()) > MAX_HEADING_WORDS:
        return None
    if normalised in HEADING_TO_SECTION:
        return HEADING_TO_SECTION[normalised]
    if normalised in OTHER_HEADINGS or normalised.rstrip(":") in OTHER_HEADINGS:
        return "other"
    return None


@dataclass(slots=True)
class Section:
    name: str  # canonical name, "header" for what precedes the first heading, or "other"
    rows: list[Row] = field(default_factory=list)


def split_sections(rows: list[Row]) -> list[Section]:
    """Cut the rows at headings. Only a whole row can be a heading: a heading phrase followed on its row
    by more text is a label with its value (awesome-cv's "Languages  Korean, English, Japanese")."""
    sections = [Section("header")]
    for row in rows:
        kind = classify_heading(clean_text(row.text))
        if kind is not None:
            sections.append(Section(kind))
        else:
            sections[-1].rows.append(row)
    return sections
