"""Sections of a CV: the headings that open them, in English, French, German, Russian and Spanish, and
the cut of the rows at those headings."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ai_coach.cv.dates import find_date_list, find_date_range, find_since, is_date_only
from ai_coach.cv.europass_headings import europass_phrases
from ai_coach.cv.language_names import language_at, language_code
from ai_coach.cv.layout import MIN_MENU_HEADINGS, Row, TextLine, unspace_line
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
        "acerca de mí",
        "extracto",
        "objetivo",
        "persoonlijk profiel",
        "profiel",
        "berufsziel",
        "profilo",
        "profilo professionale",
        "sommario",
        "chi sono",
        "resumo",
        "resumo profissional",
        # a web page's or a French CV's "Présentation" (of oneself); English "presentation" stays a talk (other)
        "présentation", "presentación", "apresentação", "presentazione",
        "sobre mim",
        "objetivo profissional",
        "podsumowanie",
        "o mnie",
        "profil zawodowy",
        "cel zawodowy",
        "over mij",
        "samenvatting",
        "profil kandidata",
        "o mně",
        "résumé professionnel",
        # Turkish (see _dotless_i: compared with either i)
        "hakkımda",
        "özet",
        "kariyer hedefi",
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
        "berufserfahrungen",
        "arbeitserfahrung",
        "arbeitserfahrungen",
        "expérience de travail",
        "expériences de travail",
        "experiencia de trabajo",
        "historial laboral",
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
        "berufliche laufbahn",
        "werdegang",
        "praktische erfahrung",
        "berufspraxis",
        "projekterfahrung",
        "parcours",
        "esperienza",
        "esperienze",
        "esperienza lavorativa",
        "esperienze lavorative",
        "esperienza professionale",
        "experiência",
        "experiência profissional",
        "experiências",
        "doświadczenie",
        "doświadczenie zawodowe",
        "werkervaring",
        "ervaring",
        "pracovní zkušenosti",
        "internship",
        "internships",
        "work placement",
        "praktikum",
        "praktika",
        "anstellung",
        "anstellungen",
        "beschäftigung",
        "berufstätigkeit",
        "berufliche tätigkeiten",
        "selbständigkeit",
        "selbstständigkeit",
        "stage",
        "stages",
        "emplois",
        "prácticas",
        "prácticas profesionales",
        "empleo",
        "estágio",
        "estágios",
        "histórico profissional",
        "tirocinio",
        "tirocini",
        "staż",
        "staże",
        "стажировка",
        "стажировки",
        "deneyim",
        "deneyimler",
        "iş deneyimi",
        "iş deneyimleri",
        "iş tecrübesi",
        "iş tecrübeleri",
        "tecrübe",
        "tecrübeler",
        "çalışma deneyimi",
        "profesyonel deneyim",
        "staj",
        "stajlar",
        "staj deneyimi",
    ),
    "education": (
        "education",
        "promotion",  # German: the doctorate, a Lebenslauf's step label
        "academic background",
        "studies",  # whole: "Case studies" names no schooling
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
        "schul- und berufsausbildung",
        "akademische ausbildung",
        "enseignement",
        "istruzione",
        "formazione",
        "istruzione e formazione",
        "formação",
        "formação acadêmica",
        "formação académica",
        "educação",
        "escolaridade",
        "wykształcenie",
        "edukacja",
        "opleiding",
        "opleidingen",
        "vzdělání",
        "cursus",
        "cursus scolaire",
        "cursus universitaire",
        "eğitim",
        "eğitim bilgileri",
        "eğitim durumu",
        "öğrenim",
        "öğrenim bilgileri",
        "parcours de formation",
        "parcours scolaire",
        "parcours universitaire",
        "parcours d'études",
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
        "tecnologías",
        "tecnologias",
        "programming languages",
        "technische kenntnisse",
        "fachkenntnisse",
        "kenntnisse und fähigkeiten",
        "fähigkeiten und kenntnisse",
        "compétences clés",
        "compétences professionnelles",
        "competenze",
        "competenze tecniche",
        "competenze informatiche",
        "habilidades técnicas",
        "competências",
        "competências técnicas",
        "conhecimentos",
        "umiejętności",
        "umiejętności techniczne",
        "vaardigheden",
        "technische vaardigheden",
        "dovednosti",
        "competencias técnicas",
        "lenguajes",
        "lenguajes de programación",
        "langages",
        "langages de programmation",
        "linguaggi",
        "linguaggi di programmazione",
        "linguagens",
        "linguagens de programação",
        "beceriler",
        "yetenekler",
        "yetkinlikler",
        "teknik beceriler",
        "teknik yetenekler",
        "bilgisayar becerileri",
        "programlama",
        "programlama dilleri",
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
        "certificazioni",
        "certificações",
        "certyfikaty",
        "certificaten",
        "certifikáty",
        "weiterbildungen",
        "fortbildungen",
        "sertifikalar",
        "sertifika",
        "sertifikalar ve kurslar",
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
        "progetti",
        "projetos",
        "projekty",
        "projecten",
        "projets professionnels",
        "projektauswahl",
        "projeler",
        "proje",
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
        "spoken languages",
        "foreign languages",
        "fremdsprachen",
        "langues étrangères",
        "lingue",
        "conoscenze linguistiche",
        "línguas",
        "języki",
        "znajomość języków",
        "talen",
        "talenkennis",
        "jazyky",
        "compétences linguistiques",
        "connaissances linguistiques",
        "diller",
        "yabancı diller",
        "yabancı dil",
        "dil becerileri",
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
        "qualités",  # personal qualities: "Ponctuel", "Soigneux", "Sérieux"
        "qualites",  # ("QUALITES", the capitals typed without their accent)
        "qualités personnelles",
        "savoir-être",
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
        "iletişim",
        "iletişim bilgileri",
        "kişisel bilgiler",
        "hobiler",
        "ilgi alanları",
        "referanslar",
        "ek bilgiler",
        "ödüller",
        "kurslar",
        # Publications under the names the CV languages give them ("Articles scientifiques", "Pubblicazioni"): the
        # titles of papers name skills' words ("Investment", "Taxation") that are no skills.
        "articles",
        "articles scientifiques",
        "publications scientifiques",
        "documents scientifiques",
        "communications scientifiques",
        "artículos",
        "artículos científicos",
        "pubblicazioni",
        "articoli",
        "publicações",
        "artigos",
        "artigos científicos",
        "publikacje",
        "artykuły",
        "publikace",
        "publicaties",
        "publikationer",
        "veröffentlichungen",
        "fachartikel",
        "статьи",
        "научные публикации",
    }
)


# The Europass CV's labels in the EU languages and Turkish (europass_headings.py, with their sources), beside the
# phrases above; a phrase listed above keeps its kind.
_LISTED = {phrase for phrases in SECTION_HEADINGS.values() for phrase in phrases} | OTHER_HEADINGS
for _kind, _phrases in europass_phrases().items():
    _new = tuple(phrase for phrase in _phrases if phrase not in _LISTED)
    if _kind == "other":
        OTHER_HEADINGS = OTHER_HEADINGS | frozenset(_new)
    else:
        SECTION_HEADINGS[_kind] = SECTION_HEADINGS[_kind] + _new


def one_i(text: str) -> str:
    """The text with Turkish's two i's as one: Turkish writes a dotted capital İ for i and a dotless small ı for I, so
    "EĞİTİM" and "Eğitim", "HAKKIMDA" and "Hakkımda" are one heading only once both i's read as "i" (Python lowers
    "İ" to "i" and a combining dot, which this also drops)."""
    return text.replace("İ", "i").replace("ı", "i").replace("i\u0307", "i")


OTHER_HEADINGS = frozenset(one_i(phrase) for phrase in OTHER_HEADINGS)
HEADING_TO_SECTION = {one_i(phrase): section for section, phrases in SECTION_HEADINGS.items() for phrase in phrases}
# Letter-spaced headings ("E X P E R I E N C E", "W O R K E X P E R I E N C E") lose the spaces
# between words along with those between letters, so they are looked up without any spaces.
_UNSPACED_HEADINGS = {phrase.replace(" ", ""): section for phrase, section in HEADING_TO_SECTION.items()}
# A heading set letter-spaced, as normalise_heading sees it (spaces folded, so its word gaps are gone): every
# piece one letter, or a hyphen letter-spaced too ("p c - k e n n t n i s s e"). Narrower on purpose than
# what layout.unspace_line reads (which un-spaces it): a kerned pair ("w o r k e x p e ri e n c e"), a digit
# or other punctuation among the letters, or a spaced run inside other words is not read as a heading here.
# One difference the other way: unspace_line wants three letters a space apart somewhere once a hyphen is
# among them, so a string like "a - b - c - d" is left as it is (no heading phrase is of that shape).
_LETTER_SPACED = re.compile(r"^(?:[^\W\d_-] |- ){3,}[^\W\d_]$")
MAX_HEADING_WORDS = 6

# Beyond the exact phrases: a short row set apart as a heading (bold, larger, capitals or a trailing
# colon) is a heading when it holds one of these word stems, in any of the languages the CVs come in
# (English, French, German, Spanish, Russian, Portuguese, Italian, Polish, Dutch, Czech). The stem
# that comes first in the row decides ("Skills & Awards" is skills, "Languages and skills" languages).
# Stems are matched without accents, so none may be a word that only its accents set apart: "résumé" (a French
# summary) is "resume" (an English CV's title) without them; its headings are listed whole above.
SECTION_STEMS: dict[str, tuple[str, ...]] = {
    "experience": (
        "experience", "expérience", "experiencia", "experiência", "esperienz", "erfahrung", "werdegang",
        "berufspraxis", "praktika", "опыт", "doświadczenie", "werkervaring", "ervaring", "zkušenost",
        "erfarenhet", "erfaring",  # Swedish, Danish and Norwegian ("Arbetslivserfarenhet" is a compound, below)
        "employ", "work history", "internship", "career", "laufbahn", "historial laboral", "trayectoria", "parcours pro",
        "работ", "emploi", "positions", "professional history",
        "deneyim", "tecrübe",  # Turkish ("İş Tecrübesi", "Deneyimler")
    ),
    "education": (
        "education", "formation", "ausbildung", "bildung", "studium", "образование", "educación",
        "formación", "formação", "educação", "istruzione", "formazione", "wykształcenie", "edukacja",
        "opleiding", "vzdělání", "academic", "académic", "accademic", "akademisch", "akademick", "études",
        "estudios", "escolaridade", "studia", "scolarit", "utbildning", "uddannelse", "utdanning",
        "cursus",  # French: "Cursus", "Cursus scolaire", "Cursus universitaire"
        "eğitim", "öğrenim",  # Turkish
    ),
    "skills": (
        "skill", "compétence", "competenc", "competênc", "kenntnis", "fähigkeit", "навык", "habilidad",
        "conocimiento", "habilidade", "competenze", "umiejętnoś", "vaardigheden", "dovednost",
        "programm", "języki programowania", "technolog", "tecnolog", "tech stack", "expertise", "qualifications", "технологии", "инструменты",
        "savoir-faire", "it-kenntnisse", "outils", "herramientas", "tools",
        "vaardigheid", "kompetenz", "programas", "programmes", "programy", "programmi",
        "kompetens", "färdighet", "kunskaper", "kompetencer", "ferdighet",
        # programming languages: "Lenguajes (de programación)", "Langages", "Linguaggi", "Linguagens" (the spoken
        # ones are "idiomas", "langues", "lingue", "línguas")
        "lenguaje", "langage", "linguagg", "linguage",
        "beceri", "yetenek", "yetkinlik",  # Turkish
    ),
    "summary": (
        "summary", "profile", "profil", "perfil", "profilo", "about me", "objective", "über mich",
        "o mnie", "о себе", "обо мне", "sobre mí", "sobre mim", "resumen", "zusammenfassung",
        "personal statement", "overview", "resumo", "chi sono", "o mně", "profiel", "sammanfattning", "om mig",
        "hakkımda",
    ),
    "languages": (
        "language", "langue", "sprach", "язык", "idioma", "lingue", "języ", "talen", "jazyk",
        "línguas", "lenguas", "språk", "sprog",
        "diller", "yabancı dil",  # Turkish
    ),
    "certifications": ("certif", "zertifi", "сертифик", "certyfikat", "licenses", "licences", "weiterbildung", "sertifika"),
    "projects": ("project", "projet", "projekt", "проект", "proyecto", "projeto", "progett", "proje"),
    "other": (
        "interest", "intérêt", "hobb", "loisir", "intereses", "interess", "zainteresowania", "zájmy", "увлечения",
        "reference", "référence", "referencia", "referenz", "referee", "award", "honor", "honour",
        "publication", "publikation", "публикац", "volunteer", "bénévol", "ehrenamt", "voluntari",
        "courses", "cursos", "kurse", "kursy", "corsi", "cours", "курсы", "achievement", "достижени", "contact", "contato", "contatti", "kontakt", "контакт", "coordonnées",
        "personal", "persönlich", "personnel", "datos personales", "dados pessoais", "osobní",
        "hobby", "miscellaneous", "activities", "activités", "actividades",
        "passatemp", "pasatiempo", "freizeit", "tempo libero", "wolontariat", "vrijwillig", "volontar",
        "auszeichnung", "distinction", "nagrod", "premios", "prémios", "награды", "publicaç", "publicac", "pubblicazion",
        "publikacj", "extracurricul", "extra-curricul", "zájm", "aktivität", "attività", "atividades",
        "intressen", "fritid", "interesser",
        "iletişim", "hobiler", "ilgi alan", "referans", "kişisel", "ödül",  # Turkish
    ),
}


# Headings of sections that never list jobs: courses, interests, publications, references, contacts. Their dated
# lines ("09 sty 2021 – IT Essentials: Podstawy ...", "Présidente de l'association – 2021-2022") are no experience
# entries even in a CV with no experience heading. (Achievements, awards, volunteering and personal data can sit
# among the jobs, a LaTeX CV's "Achievements:" label under each position, so they are not in this list.)
NO_JOB_STEMS = (
    "courses", "cursos", "kurse", "kursy", "corsi", "cours", "курсы", "schulungen", "formations",
    "interest", "intérêt", "hobb", "loisir", "intereses", "interess", "zainteresowania", "zájm", "увлечения", "intressen",
    "fritid", "interesser", "passatemp", "pasatiempo", "freizeit", "tempo libero",
    "reference", "référence", "referencia", "referenz", "referee", "publication", "publikation", "публикац",
    "publicaç", "publicac", "pubblicazion", "publikacj", "contact", "contato", "contatti", "kontakt", "контакт",
    "coordonnées",
)


def fold_accents(text: str) -> str:
    """The text without its accents ("académicos" -> "academicos", "formación" -> "formacion"): a stem
    matches however the CV (or a template's capitals, "FORMACION") writes the accent. Same length as the
    NFC text for Latin and Cyrillic letters."""
    decomposed = unicodedata.normalize("NFD", one_i(text))
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if not unicodedata.combining(char)))


def _stem_regex(stem: str) -> str:
    """A stem as a pattern; the schooling stems "formation", "formación", "formazione", "formação" not where they
    end a word for information ("Información general", "Informations complémentaires")."""
    folded = re.escape(fold_accents(stem))
    return f"(?<!in){folded}" if stem.startswith("forma") else folded


_STEM_PATTERN = re.compile(
    "|".join(
        f"(?P<{kind}>" + "|".join(_stem_regex(stem) for stem in sorted(stems, key=len, reverse=True)) + ")"
        for kind, stems in SECTION_STEMS.items()
    )
)

_NO_JOB_HEADING = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(fold_accents(stem)) for stem in NO_JOB_STEMS) + ")")


def heading_lists_no_jobs(heading: str) -> bool:
    """The heading names a kind of section that holds no jobs (NO_JOB_STEMS), at the start of one of its words."""
    return _NO_JOB_HEADING.search(fold_accents(normalise_heading(heading))) is not None


MAX_STYLED_HEADING_WORDS = 4
# An entry's header ("Project Intern — ML Data", "Licencjat | Uniwersytet"), a bullet, a date or an
# address is not a heading even when styled like one.
_NOT_A_HEADING = re.compile(r"\s[|—–-]\s|\s\|\s?|^\s*[•◦▪▸►‣⁃·*\-–]\s|\d|@|https?:|www\.|,|\s·\s")
_BULLET_START = re.compile(r"^\s*[•◦▪▸►‣⁃·*\-–]\s*")
# An icon font's glyph read as a lone letter before the heading ("g Persoonlijk profiel").
_LEADING_DECORATION = re.compile(r"^(?:[^\w]+|[a-z]\s+(?=[A-ZÀ-ÞА-Я]))+", re.UNICODE)
_TRAILING_DECORATION = re.compile(r"[\s:.\-–—|•]+$", re.UNICODE)
# "Skills: Python, Go", "Languages - English, French": a heading phrase, a separator, then its value.
_LABEL_SPLIT = re.compile(r"^(?P<label>[^:|\-–—]{2,40}?)\s*(?::|\s[-–—|]\s)\s*(?P<value>\S.*)$")


def normalise_heading(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip()
    text = _LEADING_DECORATION.sub("", text)
    text = _TRAILING_DECORATION.sub("", text)
    text = one_i(re.sub(r"\s+", " ", one_i(text)).lower())
    if _LETTER_SPACED.match(text):
        # "e x p e r i e n c e": the letters are one word (the word gaps are folded away above, hence the
        # lookup without spaces in classify_heading).
        text = unspace_line(text)
    return text


def classify_heading(text: str) -> str | None:
    """The canonical section a heading phrase opens, "other" for a known non-extracted heading, else None."""
    normalised = normalise_heading(text)
    if not normalised or len(normalised.split()) > MAX_HEADING_WORDS:
        return None
    if normalised in HEADING_TO_SECTION:
        return HEADING_TO_SECTION[normalised]
    if " " not in normalised and normalised in _UNSPACED_HEADINGS:
        return _UNSPACED_HEADINGS[normalised]
    if normalised in OTHER_HEADINGS or normalised.rstrip(":") in OTHER_HEADINGS:
        return "other"
    return None


# A job named as a whole word: "> EDUCATIONAL ENGINEER" is an entry's title, not an education heading.
_JOB_NOUN = re.compile(
    r"\b(?:engineer|developer|manager|analyst|designer|consultant|architect|programmer|scientist|director|"
    r"officer|technician|specialist|administrator|ingénieur|développeur|entwickler|ingeniero|desarrollador|"
    r"gerente|manažer|menedżer|kierownik|vedoucí|konzultant|programátor|programista|"
    r"разработчик|инженер|менеджер|руководитель|"
    # "Project Coordinator", "Research Assistant", "Praktikant Projekte": a job, not a projects or research heading
    r"coordinator|coordinador|coordinatore|coordinateur|koordinator|koordynator|koordinátor|координатор|"
    r"assistant|assistente|asystent|ассистент|intern|stagiaire|praktikant|trainee|lead|leader|leiter|"
    r"instructor|instruktor|teacher|tutor|adviser|advisor|fellow|associate|mitarbeiter|berater)s?\b", re.IGNORECASE)


# An elided article written onto the stem's word ("Centres d’intérêt", "Domaines d'expertise", "Esperienze
# dell'attività"): the stem still starts that word.
_ELISION = re.compile(r"\b(?:d|l|dell|all|nell|dall|sull|qu)['’]$")


MAX_INNER_STEM_LETTERS = 5
MAX_STEM_ENDING = 4


def _stem_stands(normalised: str, match: re.Match[str]) -> bool:
    """A stem found inside a word names the word only as the head of a compound, at its end ("Fremdsprachen",
    "Softskills", "Parcours"): a short stem that a longer word merely passes through ("sprak", Swedish "språk"
    without its accent, inside "Berufspraktische") is a chance run of letters. Long stems may sit anywhere."""
    start, end = match.span()
    if start == 0 or not normalised[start - 1].isalpha() or end - start > MAX_INNER_STEM_LETTERS:
        return True
    tail = re.match(r"[^\W\d_]*", normalised[end:])
    return len(tail.group(0)) <= MAX_STEM_ENDING if tail else True


def classify_styled_heading(text: str) -> str | None:
    """The section a short row opens by the word stems it holds (the caller checks it looks like a heading)."""
    normalised = fold_accents(normalise_heading(text))
    # A letter-spaced heading is read after its letters are joined ("P C - K E N N T N I S S E" is no range).
    spaced = " " in text.strip() and " " not in normalised and len(text.split()) >= 4
    probe = normalised if spaced else text
    if _NOT_A_HEADING.search(probe) or _JOB_NOUN.search(probe):
        return None
    words = normalised.split()
    if not words or len(words) > MAX_STYLED_HEADING_WORDS:
        return None
    # The stem names the section in the heading's first or last word ("Erfahrung und Kenntnisse",
    # "Berufliche Erfahrung"), not in the middle of a phrase ("School education and CV").
    stems = [match for match in _STEM_PATTERN.finditer(normalised) if _stem_stands(normalised, match)]
    matches = [match for match in stems
               if len(_ELISION.sub("", normalised[: match.start()]).split()) in (0, len(words) - 1)]
    first = stems[0] if stems else None
    if first is None or not matches or matches[0].start() != first.start():
        return _compound_heading(words) if len(words) == 1 else None
    # A heading that names a kind the parser reads besides one it does not ("Cursos y Certificaciones",
    # "Kurse & Zertifikate") opens the kind it reads; two cells read as one row ("INTERESSEN  SPRACHKENNTNISSE",
    # side by side over two columns) keep the first, as the rows under them mix both columns.
    if "  " in text or not _HEADINGS_JOINED.search(normalised):
        return first.lastgroup  # one heading: "Persönliche Kompetenzen" (soft skills) stays where "persönlich" puts it
    return next((match.lastgroup for match in matches if match.lastgroup != "other"), first.lastgroup)


# Words that head a section only alone and set as a heading ("SOFTWARE" over a list of programs), never as the
# start of a phrase ("Software Engineering", a field of study) nor as an unstyled item in a skills list.
_STYLED_WHOLE_HEADINGS = {"software": "skills", "logiciels": "skills", "programs": "skills", "programmes": "skills"}
# Two headings joined into one: "Cursos y Certificaciones", "Kurse & Zertifikate", "Awards and Certificates".
_HEADINGS_JOINED = re.compile(r"\s(?:&|\+|/|\||and|und|et|y|e|i|en|и)\s")


# German joins a heading's noun to what it qualifies: "Studienprojekte", "Arbeitserfahrung",
# "Dozentenerfahrungen", "Berufsausbildung". Only these nouns, after a qualifier of three letters or more:
# skill and language words end item names as often ("Teamfähigkeit", "Grundkenntnisse", "Muttersprache").
# "Kenntnisse" in the plural heads skills ("Computerkenntnisse", "PC-Kenntnisse", "Programmierkenntnisse")
# unless its qualifier is a level ("Grundkenntnisse", "Basiskenntnisse", "Vorkenntnisse": an item's level).
_COMPOUND_HEADS = {"erfahrung": "experience", "projekt": "projects", "ausbildung": "education", "werdegang": "experience",
                   "kenntnisse": "skills",
                   # Swedish, Danish and Norwegian join them the same way: "Arbetslivserfarenhet", "Yrkeserfaring",
                   # "Erhvervserfaring", "Vidareutbildning"
                   "erfarenhet": "experience", "erfaring": "experience", "utbildning": "education",
                   # publications of a kind ("Forskningspublikationer", "Fachpublikationen"): no jobs in them
                   "publikation": "other",
                   # a German Lebenslauf's step labels: "Berufspraxis", "Forschungstätigkeit", "Gasthörerstudium"
                   "praxis": "experience", "tatigkeit": "experience", "studium": "education"}  # (folded: "tätigkeit")
_COMPOUND_HEADING = re.compile(r"^([a-zäöüß]{3,}?|[a-zäöüß]{2,}-)(" + "|".join(_COMPOUND_HEADS) + r")(?:en|er|e|n|s)?$")
_LEVEL_QUALIFIERS = ("grund", "basis", "vor", "gut", "sehr", "erweitert", "fortgeschritten", "solid")


def _compound_heading(words: list[str]) -> str | None:
    match = _COMPOUND_HEADING.match(words[0])
    if match is None or (match.group(2) == "kenntnisse" and match.group(1).startswith(_LEVEL_QUALIFIERS)):
        return None
    if match.group(2) == "tatigkeit" and words[0].endswith("en"):
        return None  # "Haupttätigkeiten": the tasks listed inside an entry, not a step of the Lebenslauf
    return _COMPOUND_HEADS[match.group(2)]


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
    heading_row: Row | None = None  # the row of a heading that stands alone on its row


# A remark in parentheses after a heading, maybe wrapped to the next line: a template's hint left in
# ("PROJETOS (será um bom diferencial, principalmente caso não tenha experiência").
_HEADING_REMARK = re.compile(r"^(?P<heading>[^()]{3,40}?)\s*\((?!\s*\d)[^()]*\)?\s*$")
# Two headings given as one ("CURSOS | CERTIFICAÇÕES", "Skills / Languages").
_JOINED_HEADINGS = re.compile(r"\s+[|/&+]\s+")
_CONJUNCTION = re.compile(r"\s+(?:and|und|et|y|e|i|en|и)\s+", re.IGNORECASE)
# A misspelt heading ("BERUFSERFARUNG", "A CERCA DE MI") is read when it is one slip from a known one of at
# least this many letters (spaces and accents aside).
MIN_FUZZY_HEADING_LETTERS = 8


def _heading_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(char for char in decomposed if char.isalpha())


def _one_slip(typed: str, known: str) -> bool:
    """One letter dropped, added, changed, or two neighbours swapped."""
    if typed == known or abs(len(typed) - len(known)) > 1:
        return typed == known
    if len(typed) == len(known):
        diff = [i for i, (a, b) in enumerate(zip(typed, known, strict=True)) if a != b]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and typed[diff[0]] == known[diff[1]] and typed[diff[1]] == known[diff[0]])
    shorter, longer = sorted((typed, known), key=len)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def _fuzzy_headings() -> dict[int, list[tuple[str, str]]]:
    if not _FUZZY_HEADINGS:
        for phrase, kind in HEADING_TO_SECTION.items():
            key = _heading_key(phrase)
            if len(key) >= MIN_FUZZY_HEADING_LETTERS:
                _FUZZY_HEADINGS.setdefault(len(key), []).append((key, kind))
    return _FUZZY_HEADINGS


_FUZZY_HEADINGS: dict[int, list[tuple[str, str]]] = {}


def misspelt_heading(text: str) -> str | None:
    """The section a heading opens that is one slip from a known heading phrase."""
    if _NOT_A_HEADING.search(text) or _JOB_NOUN.search(text):
        return None  # a bullet item ("• Technologie"), an entry's header
    normalised = normalise_heading(text)
    key = _heading_key(normalised)
    if len(key) < MIN_FUZZY_HEADING_LETTERS or len(normalised.split()) > MAX_STYLED_HEADING_WORDS:
        return None
    index = _fuzzy_headings()
    candidates = [pair for size in (len(key) - 1, len(key), len(key) + 1) for pair in index.get(size, [])]
    kinds = {kind for known, kind in candidates if _one_slip(key, known)}
    return kinds.pop() if len(kinds) == 1 else None


# A heading whose first letter is set apart as a drop cap (a larger initial, its own text run), which the text layer
# reads as a letter alone before the rest of the word: "E DUCACIÓN", "I DIOMAS", "P ERFIL".
_DROP_CAP = re.compile(r"^([A-ZÀ-ÖØ-ÞА-ЯЁ]) (?=[A-ZÀ-ÖØ-ÞА-ЯЁ]{2,})")


# An outline number before a heading, as a word processor's numbered headings print it: "2. Expériences", "1.Sommaire",
# "b. Formations & Diplômes", "IV. Langues", "3) Skills".
_OUTLINE_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.|[ivx]{1,4}\.|[A-Za-z][.)]|\d{1,2}\))\s*(?=[^\W\d_])")


def row_heading(row: Row, body: float) -> str | None:
    """The section kind a whole row opens as a heading, else None; a heading whose first letter the text layer
    sets apart (a drop cap) is read with that letter joined to its word when it reads as none as it is. A row
    numbered as an outline's heading ("2. Expériences Professionnelle") is read without its number, and the
    numbering sets it apart as bold or a larger type would (a numbered document's headings may share the body's
    type); a table of contents' line keeps its page number and dot leader, so it reads as no heading."""
    text = clean_text(row.text)
    kind = _text_heading(row, text, body)
    if kind is None and _DROP_CAP.match(text):
        kind = _text_heading(row, _DROP_CAP.sub(r"\1", text), body)
    if kind is None and (outline := _OUTLINE_NUMBER.match(text)) is not None:
        rest = text[outline.end() :]
        kind = classify_heading(rest)
        if kind is None and len(row.fragments) <= 2 and not rest.rstrip().endswith((".", ",")):
            kind = _styled_phrase_heading(rest)  # the number sets the row apart as a heading's type would
    return kind


def _styled_phrase_heading(text: str) -> str | None:
    """The section a row set apart as a heading names by its words' stems, as headings joined by a bar or a
    conjunction, or misspelt."""
    return classify_styled_heading(text) or _joined_heading(text) or misspelt_heading(text)


def _text_heading(row: Row, text: str, body: float) -> str | None:
    kind = classify_heading(text)
    if kind is None and looks_like_heading(row, text, body):
        kind = (_styled_phrase_heading(text) or _STYLED_WHOLE_HEADINGS.get(fold_accents(normalise_heading(text)))
                or _qualified_heading(text))
    if kind is None and (remark := _HEADING_REMARK.match(text)) is not None:
        heading = remark.group("heading")
        if looks_like_heading(row, heading, body):
            kind = classify_heading(heading) or _joined_heading(heading)
    return kind


MIN_QUALIFIED_HEADING_WORDS = 2


def _qualified_heading(text: str) -> str | None:
    """A known heading phrase after one qualifying word, set as a heading: "KORÁBBI SZAKMAI TAPASZTALAT" (earlier
    professional experience), "Weitere Berufserfahrung", "Previous work experience". The phrase must be one of
    two words or more, or a single word the parser reads as a heading, with the qualifier no job noun."""
    words = text.split()
    if len(words) < MIN_QUALIFIED_HEADING_WORDS or _JOB_NOUN.search(text) or _NOT_A_HEADING.search(text):
        return None
    kind = classify_heading(" ".join(words[1:]))
    return kind if kind not in (None, "other") else None


def _joined_heading(text: str) -> str | None:
    """Two or more headings joined by a bar, slash, ampersand or plus: the first kind the parser reads."""
    parts = _JOINED_HEADINGS.split(text)
    if len(parts) == 1:
        # Two whole heading phrases joined by a conjunction ("Diplômes et Formation académique", "Studium und
        # Ausbildung"): each part must be a heading phrase by itself, as a stem in one part does not say that.
        parts = _CONJUNCTION.split(text)
        if len(parts) == 2 and not all(classify_heading(part) for part in parts):
            return None
    if not 2 <= len(parts) <= 3 or any("  " in part for part in parts):
        return None  # a wide gap inside a part: two cells read as one ("Copywriter  HOBBY & ZÁJMY")
    kinds = [classify_heading(part) or classify_styled_heading(part) for part in parts]
    if not all(kinds):
        return None
    return next((kind for kind in kinds if kind != "other"), "other")


def leading_heading(row: Row) -> tuple[str, Row] | None:
    """A heading in larger type at the start of a row whose other cells are the section's first row (a Word
    table with the headings in its first column: "EXPERIENCE | Software Engineer | 2018 - Present")."""
    if len(row.fragments) < 2:
        return None
    first, rest = row.fragments[0], row.fragments[1:]
    text = clean_text(first.text)
    kind = classify_heading(text)
    if kind is None:
        return None
    larger = first.size >= max(fragment.size for fragment in rest) + 1.5
    # A column of labels left of the content, in capitals at the body's size ("EXPERIENCE  • Backend Team
    # Lead, Skylead  Jun 2023 – Present"): set apart by a narrow gutter, not by size. A wide gap is two
    # columns' rows side by side, and a label with a colon ("Projekte:") is a label inside an entry.
    gutter = rest[0].x0 - first.x1
    label_column = (text.isupper() and not text.endswith(":") and LABEL_COLUMN_GUTTER <= gutter <= MAX_LABEL_COLUMN_GUTTER
                    and classify_heading(clean_text(rest[0].text)) is None)
    # A heading column's bold cell beside the plain first line of its block ("Contact" | "+33 7 79 49 55 74", a web
    # page printed): set apart by weight and a gutter.
    bold_label = (first.bold and not any(fragment.bold for fragment in rest) and not text.endswith(":")
                  and LABEL_COLUMN_GUTTER <= gutter <= MAX_BOLD_LABEL_GUTTER
                  and classify_heading(clean_text(rest[0].text)) is None)
    if not (larger or label_column or bold_label or _dates_only(rest)):
        return None
    return kind, Row(list(rest), page=row.page, column=row.column)


def _cell_heading(text: str) -> str | None:
    """The section kind a label cell names by its words alone (no styling needed: the column sets it apart)."""
    return classify_heading(text) or classify_styled_heading(text) or _joined_heading(text)


# A heading column's cells: at most this many words, and this share of them (from the first that names a kind)
# naming a section kind.
MAX_HEADING_CELL_WORDS = 3
MIN_HEADING_COLUMN_CELLS = 2
MIN_HEADING_COLUMN_SHARE = 2 / 3
SAME_COLUMN_EDGE = 2.0


def heading_column_cells(rows: list[Row]) -> set[int]:
    """The rows whose first cell sits in a column of section headings beside the content (a design that sets
    "Experience", "Leadership", "Education" in a narrow left column, each on the baseline of the first line
    of its block in the right column, however far the gutter and whatever the type).

    Layout facts relied on: the cells of such a column start at one left edge on the page, each is short
    (a few words, no digits) and stands on a row with content to its right; no row of that page starts at
    that edge without content beside it between the first and the last of them (the column holds the
    headings and nothing else); and most of them name a section kind (the others are headings the phrase
    lists do not know, "Leadership"). Cells above the first that names a kind are the CV's header (the name
    and headline set in the same column)."""
    by_left_edge: dict[tuple[int, int], list[int]] = {}
    right_edges: list[tuple[int, float, int]] = []
    for number, row in enumerate(rows):
        if len(row.fragments) < 2:
            continue
        first, second = row.fragments[0], row.fragments[1]
        text = clean_text(first.text)
        if (not text or len(text.split()) > MAX_HEADING_CELL_WORDS or re.search(r"[\d@:|,]", text)
                or second.x0 - first.x1 < LABEL_COLUMN_GUTTER or _cell_heading(clean_text(second.text))):
            # (a heading beside it: two columns' headings side by side, "Lingue  Volontariato")
            continue
        by_left_edge.setdefault((row.page, round(first.x0 / SAME_COLUMN_EDGE)), []).append(number)
        right_edges.append((row.page, first.x1, number))
    # A column of headings set flush right against the content ("Vzdělání", "Jazykové znalosti" ending at one edge
    # before their blocks) lines up on its right edge instead: cells whose right edges lie within SAME_COLUMN_EDGE
    # of the first of them.
    by_right_edge: list[tuple[int, float, list[int]]] = []  # page, the first cell's right edge, the rows
    for page, x1, number in sorted(right_edges):
        found = next((numbers for column_page, edge, numbers in by_right_edge
                      if column_page == page and abs(x1 - edge) <= SAME_COLUMN_EDGE), None)
        if found is None:
            by_right_edge.append((page, x1, [number]))
        else:
            found.append(number)
    columns = [(page, False, numbers) for (page, _), numbers in by_left_edge.items()]
    columns += [(page, True, sorted(numbers)) for page, _, numbers in by_right_edge]
    cells: set[int] = set()
    for page, right, numbers in columns:
        named = [number for number in numbers if _cell_heading(clean_text(rows[number].fragments[0].text))]
        if len(named) < MIN_HEADING_COLUMN_CELLS:
            continue
        column = [number for number in numbers if number >= named[0]]
        if len(named) < MIN_HEADING_COLUMN_SHARE * len(column):
            continue
        edge = rows[column[0]].fragments[0].x1 if right else rows[column[0]].fragments[0].x0
        types = {(round(rows[number].fragments[0].size, 1), rows[number].fragments[0].bold) for number in column}
        # (A heading of its own at that edge, "Interdisziplinäre Ausbildung" over its rows, is one of the column's.)
        alone = any(rows[number].page == page and len(rows[number].fragments) == 1
                    and abs((rows[number].fragments[0].x1 if right else rows[number].x0) - edge) <= SAME_COLUMN_EDGE
                    and _cell_heading(clean_text(rows[number].text)) is None
                    for number in range(column[0], column[-1]))
        if len(types) == 1 and not alone:
            cells.update(column)
    return cells


def _dates_only(fragments: list[TextLine]) -> bool:
    """Cells that hold only dates: beside a heading word at the body's size ("Experience    Summer 2020", a
    designer's column of labels with the first entry's dates level with it), they are its first row."""
    for fragment in fragments:
        text = clean_text(fragment.text).strip()
        found = find_date_range(text) or find_since(text)
        if not (is_date_only(text) or find_date_list(text) or (found is not None and found[-1] == (0, len(text)))):
            return False
    return True


# Points between a label column's heading and the content beside it.
LABEL_COLUMN_GUTTER = 12.0
MAX_LABEL_COLUMN_GUTTER = 60.0
MAX_BOLD_LABEL_GUTTER = 120.0


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
    cell = clean_text(row.fragments[0].text)
    beside = clean_text("  ".join(fragment.text for fragment in row.fragments[1:]))
    if match is None and len(row.fragments) >= 2 and classify_heading(cell) and (
            len(cell.split()) >= 2 or (classify_heading(cell) == "languages" and names_spoken_languages(beside))):
        # The label in its own cell and the values beside it: "Spoken languages | Russian, English". A
        # one-word cell ("DevOps | AWS, Docker") is a category row of a skills table, not a section of its
        # own, unless it is a languages row that lists spoken languages ("Languages | Korean, English" in
        # an awesome-cv skills table): what the row holds decides, since "Languages | Python, Go" is skills.
        match = _LABEL_SPLIT.match(cell + ": " + beside)
    if match is None:
        return None
    label = _BULLET_START.sub("", match.group("label"))
    if len(label.split()) > 3:
        return None
    kind = classify_heading(label) or classify_styled_heading(label)
    # Only a label that starts with its section's word: "Английский язык: B2" names a language, not a section.
    stem = _STEM_PATTERN.match(fold_accents(normalise_heading(label)))
    if kind not in ("skills", "languages", "certifications") or (stem is None and classify_heading(label) is None):
        return None
    if kind == "languages" and names_spoken_languages(label):
        return None  # "Język polski | Ojczysty": the word for language and a language's name, then its level
    if kind == "languages" and _names_technologies(match.group("value")):
        kind = "skills"  # "Languages: C++, Java, Python" lists programming languages
    first = row.fragments[0]
    value = TextLine(first.x0, first.y0, row.fragments[-1].x1, first.y1, first.size, False, match.group("value"))
    return kind, Row([value], page=row.page, column=row.column)


# A remark in brackets after a language's name: "(Native)", "(9 Jahre)", "[C1]".
_LANGUAGE_REMARK = re.compile(r"\([^)]*\)|\[[^]]*\]")
_LIST_SEPARATORS = re.compile(r"[,;/|•·]|\s{2,}")
MAX_LANGUAGE_ITEM_WORDS = 4


def names_spoken_languages(value: str) -> bool:
    """Most items of the value name a natural language, with or without a level ("Korean, English, Japanese",
    "Inglés básico, Español", "Portuguese (Native), English C1", "Muttersprache Deutsch"): a spoken-languages
    list, not programming languages."""
    items = [item.strip() for item in _LIST_SEPARATORS.split(value) if item.strip()]
    spoken = 0
    for item in items:
        words = _LANGUAGE_REMARK.sub(" ", item).split()
        # A name only English, German and Dutch capitalise needs its capital: "polish the UI" is no language.
        if len(words) <= MAX_LANGUAGE_ITEM_WORDS and any(language_at(words, start) for start in range(len(words))):
            spoken += 1
    return bool(items) and 2 * spoken > len(items)


def _names_technologies(value: str) -> bool:
    from ai_coach.vocabulary import SOFT_SKILLS_CATEGORY, cv_vocabulary

    vocabulary = cv_vocabulary()
    items = [item.strip() for item in re.split(r"[,;/|•·]", value) if item.strip()]
    known = [item for item in items if vocabulary.category(item) not in (None, SOFT_SKILLS_CATEGORY)]
    return bool(items) and 2 * len(known) > len(items)


# The tools an entry was done with: "Technologies used:", "Tecnologías utilizadas:", "Eingesetzte Technologien:".
_USED_IN_ENTRY = re.compile(r"^[^:]{0,30}\b(?:used|utili[sz]ed|utilisée?s?|utilizad[oa]s?|utilizzat[ieoa]|"
                            r"verwendete?|eingesetzte?|genutzte?|gebruikte?|użyte|wykorzystane|"
                            r"использованные|используемые)\b", re.IGNORECASE)


# Rows under a "Languages" heading that are read to tell programming languages from spoken ones.
LANGUAGE_ROWS_READ = 3


def _technologies_follow(rows: list[Row], number: int) -> bool:
    """Whether most of the rows right under a languages heading name technologies the vocabulary knows
    ("Python ●●●●●", "C/C++, Java") rather than spoken languages ("English: C2", "Deutsch – Muttersprache")."""
    from ai_coach.vocabulary import NO_EVIDENCE_CATEGORIES, cv_vocabulary

    vocabulary = cv_vocabulary()
    following = [clean_text(row.text) for row in rows[number + 1 : number + 1 + LANGUAGE_ROWS_READ]]
    technical = [text for text in following
                 if any(vocabulary.category(name) not in {None, *NO_EVIDENCE_CATEGORIES}
                        for name in vocabulary.find_in_text(text))]
    # The first row decides with the majority: "Filipino, English" / "Programming" / "Dart (Flutter), Go" is a
    # spoken languages' section with a skills list set under it.
    spoken = any(language_code(word, any_case=True)
                 for word in re.findall(r"[^\W\d_]+", " ".join(following[:1])))
    return bool(following) and following[0] in technical and not spoken and 2 * len(technical) > len(following)


# Sibling headings: set in the same larger type as the CV's own known headings.
MIN_SIBLING_HEADING_STEP = 1.5
MIN_SIBLING_ENTRIES = 2


def _heading_styles(rows: list[Row], body: float) -> set[tuple[float, bool]]:
    """(size, bold) of the rows that are known headings, when set larger than the body text."""
    return {(round(row.size, 1), row.bold) for row in rows
            if row.size >= body + MIN_SIBLING_HEADING_STEP and row_heading(row, body) is not None}


MIN_DATED_ROWS_OF_ENTRY_TYPE = 2


def _sibling_styles(rows: list[Row], styles: set[tuple[float, bool]]) -> set[tuple[float, bool]]:
    """The heading types that can tell a heading the lists do not know: not a type that rows of dates are set in.
    A type the entries' own date lines share (a LaTeX CV's "07.2011-04.2012  Software Development Engineer" and its
    employer's line at 10 pt over an 8 pt description, two of its rows "wykształcenie wyższe" degree lines that read
    as an education heading) is the entries' type: an unknown row in it is an entry's line (the employer), not a
    heading. Section headings carry no dates."""
    dated: dict[tuple[float, bool], int] = {}
    for row in rows:
        style = (round(row.size, 1), row.bold)
        if style in styles and find_date_range(clean_text(row.text)) is not None:
            dated[style] = dated.get(style, 0) + 1
    return {style for style in styles if dated.get(style, 0) < MIN_DATED_ROWS_OF_ENTRY_TYPE}


def sibling_heading(row: Row, styles: set[tuple[float, bool]]) -> bool:
    """A heading the phrase lists do not know ("TEACHING AND TRAINING", "INVESTING AND INNOVATION"), told by its
    type: one short cell in exactly the type of the CV's known headings, with no digits or sentence marks."""
    text = clean_text(row.text)
    words = text.split()
    return (len(row.fragments) == 1 and (round(row.size, 1), row.bold) in styles and 1 <= len(words) <= MAX_HEADING_WORDS
            and not re.search(r"[\d.,;:@|]", text))


def _look(row: Row) -> tuple[float, bool, bool]:
    """How a row is set: size, bold, in capitals."""
    letters = [char for char in clean_text(row.text) if char.isalpha()]
    capitals = bool(letters) and all(char.isupper() for char in letters)
    return round(row.size), row.bold, capitals


def _set_like_its_list(rows: list[Row], number: int, styles: set[tuple[float, bool]]) -> bool:
    """A row whose words hold a section's stem (not a whole heading phrase), in a CV whose headings share a
    larger type, set not in that type but
    exactly like a neighbouring row of the same column (size, weight, capitals): an item of the list it
    stands in ("Project/People management" under "SOFT SKILLS", "GUTE KENNTNISSE" as a language's level)."""
    row = rows[number]
    if (classify_heading(clean_text(row.text)) is not None or _style_of(row) in styles or row.size >= min(size for size, _ in styles) - 1.0 or len(row.fragments) > 1
            or clean_text(row.text).endswith(":")):
        return False  # a label ("Languages:") heads its rows whatever its type
    look = _look(row)
    neighbours = [rows[index] for index in (number - 1, number + 1) if 0 <= index < len(rows)]
    return any(other.page == row.page and other.column == row.column and _look(other) == look
               and row_heading(other, body_size([other])) is None for other in neighbours)


def _style_of(row: Row) -> tuple[float, bool]:
    """The type a row's words are set in: an icon beside a heading (a symbol font's glyph that reads as no
    letter, "(cid:30)") is no part of it, so "Edukacja" without its icon is set like "Doświadczenie" with one."""
    worded = [fragment for fragment in row.fragments if any(char.isalpha() for char in clean_text(fragment.text))]
    if not worded:
        return round(row.size, 1), row.bold
    return round(max(fragment.size for fragment in worded), 1), worded[0].bold


ENTRY_DATES_REACH = 2
HEADING_SIZE_SLACK = 0.5


def _near_style(style: tuple[float, bool], other: tuple[float, bool]) -> bool:
    """One type give or take HEADING_SIZE_SLACK points: a design that sizes each text box on its own (Canva) sets
    "EXPÉRIENCE PROFESSIONNELLE" at 11.6 pt and "ÉDUCATION" at 12.0, both its headings' type."""
    return style[1] == other[1] and abs(style[0] - other[0]) <= HEADING_SIZE_SLACK


def _dates_follow(rows: list[Row], number: int) -> bool:
    """One of the next two rows holds a date range, and the row right under is no heading-like line of its own
    type ("Title" / "Employer" / "Oct 2018 – 2021", "SELBSTSTÄNDIGKEIT" / "Club 21, Berlin  07/2012 - 10/2019")."""
    following = rows[number + 1 : number + 1 + ENTRY_DATES_REACH]
    return any(find_date_range(clean_text(row.text)) for row in following)


def _holds_jobs(rows: list[Row]) -> bool:
    """Dated entries with job titles: what an experience section holds, whatever its heading says."""
    from ai_coach.cv.experience import build_experience  # the entry reader builds on the field finders
    from ai_coach.cv.fields import TITLE_WORDS

    entries = build_experience(rows, undated=False)
    jobs = [entry for entry in entries if entry.start and entry.title and TITLE_WORDS.search(entry.title)]
    return len(jobs) >= MIN_SIBLING_ENTRIES and 2 * len(jobs) >= len(entries)


def _heads_an_entry(content: list[Row]) -> bool:
    """The rows under a sibling heading start with a bare job title over a row of dates ("Team Lead" over
    "September 2010 - Present"): the heading names the entry's employer, not a group of entries (whose
    first header names its own employer: "TEACHER, COACH – RICHARD KASPEROWSKI |" over its dates)."""
    if len(content) < 2:
        return False
    first = clean_text(content[0].text)
    return (find_date_range(first) is None and not re.search(r"\s[|—–-]\s|\||\s(?:at|bei|chez|en)\s", first)
            and find_date_range(clean_text(content[1].text)) is not None)


def _place_sibling_sections(sections: list[Section]) -> list[Section]:
    """A section under a sibling heading is experience when it holds dated jobs or continues an experience
    section; otherwise its rows, heading row included, stay in the section before it (a sub-heading inside
    skills or projects changes nothing). A sibling section's first row is its heading row."""
    placed: list[Section] = []
    for section in sections:
        if section.name != "sibling":
            placed.append(section)
            continue
        before, content = placed[-1], section.rows[1:]
        if before.name == "experience" and _heads_an_entry(content):
            # An employer set like the headings over its position (LinkedIn's "Save to PDF": employer, title,
            # dates): the employer's row is the entry's, so it stays in the experience rows.
            before.rows.extend(section.rows)
        elif before.name == "experience" or _holds_jobs(content):
            placed.append(Section("experience", content, heading=section.heading))
        else:
            before.rows.extend(section.rows)
    return placed


MIN_GUTTER = 6.0
# Points above the body's size from which a line is set like a name (a CV's largest type).
NAME_SIZE_STEP = 6.0


def _part_columns(heading_row: Row, kinds: list[str], filled: Section, other: Section) -> None:
    """Rows under two columns' headings that share a row ("COORDONNÉES  EXPÉRIENCES PRO") hold both columns;
    part each row at the widest gap that no line crosses between the two headings, and give each side
    to its heading's section."""
    left, right = heading_row.fragments[0], heading_row.fragments[-1]
    pages = {row.page for row in filled.rows}
    if len(pages) > 1 or not filled.rows:
        return
    spans = sorted((fragment.x0, fragment.x1) for row in filled.rows for fragment in row.fragments)
    best: tuple[float, float] | None = None
    edge = left.x0
    for x0, x1 in spans:
        if x0 > edge and left.x1 - 1 <= x0 and edge <= right.x0 + 1:
            gap = (max(edge, left.x0), min(x0, right.x0))
            if gap[1] - gap[0] >= MIN_GUTTER and (best is None or gap[1] - gap[0] > best[1] - best[0]):
                best = gap
        edge = max(edge, x1)
    if best is None:
        return
    boundary = (best[0] + best[1]) / 2
    by_kind = {filled.name: filled, other.name: other}
    left_section, right_section = by_kind[kinds[0]], by_kind[kinds[1]]
    rows = filled.rows
    filled.rows = []
    for row in rows:
        left_part = [fragment for fragment in row.fragments if fragment.x1 <= boundary]
        right_part = [fragment for fragment in row.fragments if fragment.x1 > boundary]
        if left_part:
            left_section.rows.append(Row(left_part, page=row.page, column=row.column))
        if right_part:
            right_section.rows.append(Row(right_part, page=row.page, column=row.column))


# A heading cell wrapped onto the next row: its lines at most this many of its type's size apart, top to top.
MAX_WRAPPED_CELL_STEP = 1.7


def _wrapped_heading_cells(rows: list[Row]) -> list[Row]:
    """A heading set in a column of labels beside the content may wrap over two lines ("Praktische" / "Erfahrung"
    at 15 pt left of an entry's rows at 11 pt). Each line then stands on a row of the content (or the content's
    rows fall between them), and the first line alone names no section, so the section would open a row late and
    its first rows be left in the section above. Layout fact: two cells at one left edge, in one type, a line
    apart, with only content to their right in the rows between, whose words read together name a heading (and
    the first's alone do not), are one heading, read on the first line's row."""
    joined: list[Row | None] = list(rows)
    for number, row in enumerate(rows):
        current = joined[number]
        if current is None or len(current.fragments) < 2:
            continue
        first = current.fragments[0]
        if current.fragments[1].x0 - first.x1 < LABEL_COLUMN_GUTTER or _cell_heading(clean_text(first.text)) is not None:
            continue
        for later in range(number + 1, min(number + 4, len(rows))):
            following = joined[later]
            if following is None or (following.page, following.column) != (row.page, row.column):
                break
            second = following.fragments[0]
            if second.x0 > first.x1:
                continue  # a content row between the two lines of the cell
            text = f"{clean_text(first.text)} {clean_text(second.text)}"
            if (abs(first.x0 - second.x0) <= SAME_COLUMN_EDGE and abs(first.size - second.size) <= 0.3
                    and first.bold == second.bold and 0 < first.y0 - second.y0 <= MAX_WRAPPED_CELL_STEP * first.size
                    and (len(following.fragments) == 1 or following.fragments[1].x0 - second.x1 >= LABEL_COLUMN_GUTTER)
                    and classify_heading(text) is not None):
                cell = TextLine(first.x0, second.y0, max(first.x1, second.x1), first.y1, first.size, first.bold, text)
                joined[number] = Row([cell, *current.fragments[1:]], page=row.page, column=row.column)
                rest = following.fragments[1:]
                joined[later] = Row(list(rest), page=following.page, column=following.column) if rest else None
            break
    return [row for row in joined if row is not None]


def split_sections(rows: list[Row]) -> list[Section]:
    """Cut the rows at headings. A row that is a label with its value ("Skills: Python, Go") puts the value
    in a section of its own kind and the rows after it stay where they were. A row set like the known
    headings but naming none opens an experience section when dated jobs follow it (else it is read as part
    of the section it stands in)."""
    rows = _wrapped_heading_cells(rows)
    body = body_size(rows)
    styles = _heading_styles(rows, body)
    sibling_styles = _sibling_styles(rows, styles)
    # Two columns' headings on one row: (heading row, kinds left to right, section with the rows, other section).
    column_groups: list[tuple[Row, list[str], Section, Section]] = []
    sections = [Section("header")]
    current = sections[0]
    experience_type: tuple[float, bool] | None = None  # the type of the heading that opened the experience section
    spoken: Section | None = None  # a languages label row's section, which the spoken languages under it continue
    bands = _column_bands(rows)
    heading_cells = heading_column_cells(rows)
    opened_by: Row | None = None  # the heading row that opened the current section
    column_sections: dict[int, tuple[Section, int]] = {}  # a column's section after its last row, and the page
    previous: Row | None = None
    page_opened = 0  # the index in `sections` of the first section opened on the current row's page
    largest = {row.page: max(other.size for other in rows if other.page == row.page) for row in rows}
    for number, row in enumerate(rows):
        if previous is not None and previous.column > 0:
            column_sections[previous.column] = (current, previous.page)
        if previous is not None and row.page != previous.page:
            page_opened = len(sections)
        if (previous is not None and row.column != previous.column and row.page == previous.page
                and row.size >= largest[row.page] and row.size >= body + NAME_SIZE_STEP and current is not sections[0]
                and any(row_heading(other, body) for other in rows[number + 1 :]
                        if (other.page, other.column) == (row.page, row.column))):
            # A column that opens, beside the column read before it, with the page's largest type and has headings
            # of its own further down (the name over a Canva main column whose sidebar is read first): the
            # header's block, not more of the sidebar's last section; its rows up to its first heading are header
            # rows. (A column with no heading at all is left to what reads it now.)
            current = sections[0]
        previous = row
        carried = _carried_section(row, column_sections, bands)
        if carried is not None and carried.name not in {section.name for section in sections[page_opened:]}:
            # Unless the new page already took that section up again under a repeated heading in another
            # column: then the text runs from column to column like a newspaper's, and this column goes on
            # with the reading order.
            current = carried
        continued, spoken = spoken, None  # only the rows right under a languages label row continue it
        kinds = side_by_side_headings(row, body)
        if len(kinds) >= MIN_MENU_HEADINGS:
            continue  # a navigation bar printed with a web page: it names the sections and opens none
        kind = row_heading(row, body) if len(kinds) < 2 else None
        if kind not in (None, "languages") and styles and _set_like_its_list(rows, number, styles):
            kind = None  # "Project/People management" amid "Problem-solving", "Mentoring" under SOFT SKILLS
        if kind is None and not kinds and sibling_heading(row, sibling_styles):
            kind = "sibling"
        if kind not in (None, "sibling") and _sub_heading(row, opened_by):
            kind = None  # "Projets et réalisations scolaires :" inside an education section's entries
        if (kind is not None and experience_type is not None and not _near_style(_style_of(row), experience_type)
                and _dates_follow(rows, number)):
            # "SELBSTSTÄNDIGKEIT" (self-employed) inside "BERUFSERFAHRUNG", "Doctoral Researcher" over "Cadence
            # Design Systems - IMEC" and its dates under "EXPERIENCE": a line that reads as a heading but is set
            # unlike the heading that opened the experience section, with an entry's dates right under it, is
            # that entry's title (or employer).
            current.rows.append(row)
            continue
        if kind == "languages" and _technologies_follow(rows, number):
            # "SKILLS" / "Languages:" / "Python ●●●●●" / "Rust ●●●●○": a label of programming languages,
            # not the spoken languages' section.
            kind = "skills"
        if kind is not None and kind != "sibling":
            experience_type = _style_of(row) if kind == "experience" else None
        if kind is not None:
            opened_by = row
            current = Section(kind, [row] if kind == "sibling" else [], heading=clean_text(row.text),
                              heading_row=row if len(row.fragments) == 1 else None)
            sections.append(current)
            continue
        leading = leading_heading(row)
        if leading is None and number in heading_cells and not kinds:
            # A cell of the heading column: it opens its section whatever it says (a heading the lists do not
            # know opens one of its own, so "Leadership" roles are not read into the experience above).
            cell = clean_text(row.fragments[0].text)
            leading = (_cell_heading(cell) or "other", Row(list(row.fragments[1:]), page=row.page, column=row.column))
        if leading is not None:
            opened_by = None
            current = Section(leading[0], [leading[1]], heading=clean_text(row.fragments[0].text))
            sections.append(current)
            continue
        if kinds:
            # The rows below mix both columns; they go to the first kind the parser reads, the others are
            # known to be there (two columns are parted at their gutter once their rows are known).
            ordered = sorted(kinds, key=lambda name: name == "other")
            opened_by = None
            current = Section(ordered[0], heading=clean_text(row.text))
            sections.append(current)
            others = [Section(name, heading=clean_text(row.text)) for name in ordered[1:]]
            sections.extend(others)
            if len(kinds) == 2:
                column_groups.append((row, kinds, current, others[0]))
            continue
        labelled = label_row(row)
        if labelled is not None and current.name in ("experience", "projects") and _USED_IN_ENTRY.search(row.text):
            labelled = None  # "Tecnologias utilizadas: Java e Git" under a job: that job's line, not a skills section
        if labelled is not None:
            sections.append(Section(labelled[0], [labelled[1]], heading=clean_text(row.text)))
            spoken = sections[-1] if labelled[0] == "languages" else None
            continue
        if continued is not None and len(row.fragments) == 1 and names_spoken_languages(clean_text(row.text)):
            # "Fremdsprachen | Englisch (9 Jahre)" then "Französisch (4 Jahre)" on the next row, under the value.
            continued.rows.append(row)
            spoken = continued
            continue
        current.rows.append(row)
    for heading_row, kinds, filled, other in column_groups:
        _part_columns(heading_row, kinds, filled, other)
    _label_column_table(sections)
    return _read_by_content(_place_sibling_sections(sections))


MIN_LABEL_COLUMN_HEADINGS = 3


def _label_column_table(sections: list[Section]) -> None:
    """A table CV whose left column holds the headings as label cells ("İş Tecrübesi", "Proje", "Sertifikalar") and
    whose right column the values, read as two columns: the headings come one after another with nothing under
    them, and the last of them takes all the values. Layout fact: a value belongs to the label cell beside it, so
    each value row goes to the last heading of that column whose top is no lower than one line under the row's
    top (a cell's text may start a little above or below its label's)."""
    number = 0
    while number < len(sections):
        run = [number]
        first = sections[number].heading_row
        while (first is not None and not sections[run[-1]].rows and run[-1] + 1 < len(sections)
               and (heading := sections[run[-1] + 1].heading_row) is not None
               and (heading.page, heading.column) == (first.page, first.column) and heading.x0 < first.x0 + 3
               and heading.top < sections[run[-1]].heading_row.top):
            run.append(run[-1] + 1)
        number = run[-1] + 1
        if first is None or len(run) < MIN_LABEL_COLUMN_HEADINGS or not sections[run[-1]].rows:
            continue
        last = sections[run[-1]]
        right = max(sections[index].heading_row.fragments[-1].x1 for index in run)
        values = [row for row in last.rows if row.page == first.page and row.column != first.column and row.x0 > right]
        if not values:
            continue
        tops = [sections[index].heading_row.top for index in run]
        last.rows = [row for row in last.rows if row not in values]
        for row in values:
            owner = next((index for index, top in zip(reversed(run), reversed(tops), strict=True)
                          if top >= row.top - row.size), None)
            (sections[owner] if owner is not None else last).rows.append(row)


# How far right of its section's heading (in ems of its own type) a row stands to be inside that section's entries.
SUB_HEADING_INDENT_EMS = 2.0


def _sub_heading(row: Row, opened_by: Row | None) -> bool:
    """A row that reads as a heading only by the stems it holds ("Projets et réalisations scolaires :",
    "Outils utilisés :"), set smaller than the heading of the section it stands in and well right of that
    heading's left edge, below it in its column: a label inside that section's entries, not a section of its own.
    Layout fact: a CV's section headings start at their column's left edge (or are centred over it, then
    the rows start left of them, and this does not apply); what starts further right in a smaller type
    belongs to the entries under the heading."""
    if (opened_by is None or (opened_by.page, opened_by.column) != (row.page, row.column)
            or classify_heading(clean_text(row.text)) is not None):
        return False  # (a heading in another column, a main column's beside a sidebar's, is its own)
    below = row.top <= min(fragment.y0 for fragment in opened_by.fragments) + 1.0  # (the origin is at the bottom)
    return below and row.x0 > opened_by.x0 + SUB_HEADING_INDENT_EMS * row.size and row.size <= opened_by.size - 1.0


# Two bands of text are the same column when they overlap by this share of their joint width.
SAME_COLUMN_OVERLAP = 0.6


def _column_bands(rows: list[Row]) -> dict[tuple[int, int], tuple[float, float]]:
    """Each page's columns (by the layout's column number) with the horizontal band their rows cover."""
    bands: dict[tuple[int, int], tuple[float, float]] = {}
    for row in rows:
        if row.column == 0 or not row.fragments:
            continue
        left, right = min(f.x0 for f in row.fragments), max(f.x1 for f in row.fragments)
        key = (row.page, row.column)
        if key in bands:
            left, right = min(left, bands[key][0]), max(right, bands[key][1])
        bands[key] = (left, right)
    return bands


def _carried_section(row: Row, column_sections: dict[int, tuple[Section, int]],
                     bands: dict[tuple[int, int], tuple[float, float]]) -> Section | None:
    """The section a column's first row on a new page continues: a two-column CV runs each column on over the
    page break, so the right column's jobs at the top of page 2 still belong to the experience section it
    ended page 1 in, although the reading order has just passed through the left column's "Education"
    (which starts the page with its own heading). Only when the column stands where it stood on the page
    before (its band overlaps that one), so a table's narrow date column is not taken for a sidebar."""
    if row.column == 0 or row.page == 0 or row.column not in column_sections:
        return None
    section, page = column_sections[row.column]
    if page >= row.page or section.name == "header":
        return None  # not the column's first row on this page, or a column that only held the CV's header
    here, before = bands.get((row.page, row.column)), bands.get((page, row.column))
    if here is None or before is None:
        return None
    overlap = min(here[1], before[1]) - max(here[0], before[0])
    joint = max(here[1], before[1]) - min(here[0], before[0])
    return section if joint > 0 and overlap / joint >= SAME_COLUMN_OVERLAP else None


# "Imię i nazwisko: Maja", "Data urodzenia: 13.02.2006", "Adres: …": a label row of personal data.
_PERSONAL_LABEL_ROW = re.compile(r"^[^:\d]{2,30}:\s*\S")
MIN_PERSONAL_ROWS = 2


def _heading_kinds(heading: str) -> set[str]:
    return {match.lastgroup or "" for match in _STEM_PATTERN.finditer(fold_accents(normalise_heading(heading)))}


def _read_by_content(sections: list[Section]) -> list[Section]:
    """Where a heading says less than what its rows hold:
    - a heading that joins experience and education ("Doświadczenie i edukacja", "Education & Experience")
      is experience when a dated job is under it, and then the CV has both kinds; with schools only under it,
      education;
    - a "profile"/"about me" section that only lists personal data as label rows ("Data urodzenia: …",
      "Adres: …") is no summary."""
    from ai_coach.cv.experience import build_experience  # the entry reader builds on the field finders
    from ai_coach.cv.fields import TITLE_WORDS

    read: list[Section] = []
    for section in sections:
        if section.name in ("experience", "education") and {"experience", "education"} <= _heading_kinds(section.heading):
            entries = build_experience(section.rows, undated=False)
            jobs = any(entry.start and entry.title and TITLE_WORDS.search(entry.title) for entry in entries)
            read.append(Section("experience" if jobs else "education", section.rows, heading=section.heading))
            if jobs:
                read.append(Section("education", [], heading=section.heading))
            continue
        texts = [clean_text(row.text) for row in section.rows]
        if (section.name == "summary" and len(texts) >= MIN_PERSONAL_ROWS
                and all(_PERSONAL_LABEL_ROW.match(text) for text in texts)):
            section.name = "other"
        read.append(section)
    return read
