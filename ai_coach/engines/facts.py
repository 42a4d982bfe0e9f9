"""What a posting asks for and what a profile offers, read without any network or model.

``read_posting`` splits a posting into sections (requirements, nice-to-have, responsibilities,
about-us/benefits) using headings and phrases in English, French, German, Russian and Spanish, then
collects the vocabulary skills of each part, the years of experience asked (overall and per skill),
the seniority, the spoken languages and the posting's own language.

``read_profile`` gathers the candidate's skills with the evidence behind each one (years stated,
experience entries that mention it, the CV text), total years of experience and spoken languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ai_coach.domain import JobInput, ProfileInput
from ai_coach.language import detect_language
from ai_coach.vocabulary import SkillVocabulary

from .text import (
    LANGUAGE_BY_CODE,
    find_spoken_languages,
    plain_text,
    sentences,
    spoken_language,
)

# ----------------------------------------------------------------------------- section headings

_NICE_MARKERS = re.compile(
    r"nice[ -]to[ -]have|bonus|\bplus\b|preferred|ideally|advantage|would be great|desirable|good to have|"
    r"желательно|будет плюсом|плюсом будет|будет преимуществом|преимуществом|приветствуется|"
    r"wünschenswert|von vorteil|idealerweise|pluspunkt|"
    r"un plus|un atout|apprécié|souhaité|serait appréciée?|"
    r"deseable|se valorará|valorable|valoraremos|idealmente|será un plus",
    re.IGNORECASE,
)
_REQUIRED_HEADINGS = re.compile(
    r"requirements?|qualifications?|must[ -]have|what you (?:will )?bring|what we(?:'re| are) looking for|"
    r"who you are|about you|you have|you bring|skills|your profile|"
    r"responsibilit|what you(?:'ll| will) do|the role|your role|in this role|"
    r"требования|требуется|обязанности|ожидаем|мы ждем|мы ждём|что нужно|"
    r"anforderungen|dein profil|ihr profil|das bringst du mit|was du mitbringst|qualifikation|aufgaben|"
    r"profil recherché|exigences|compétences|vos missions|missions|"
    r"requisitos|perfil|responsabilidades|buscamos",
    re.IGNORECASE,
)
_OTHER_HEADINGS = re.compile(
    r"about (?:us|the company|[A-Z]\w+)|who we are|benefits|perks|what we offer|why join|our mission|"
    r"equal opportunit|compensation|салary|"
    r"о компании|мы предлагаем|условия|преимущества работы|"
    r"über uns|wir bieten|was wir bieten|benefits|"
    r"à propos|nous offrons|avantages|ce que nous offrons|"
    r"sobre nosotros|ofrecemos|beneficios",
    re.IGNORECASE,
)
_HEADING_MAX_WORDS = 8

# ----------------------------------------------------------------------------- years of experience

_YEARS_PATTERNS = [
    # "3+ years", "3-5 years of experience", "at least 3 years"
    re.compile(
        r"(?P<low>\d{1,2})\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*(?P<high>\d{1,2})\s*)?\+?\s*years?['’]?\s+"
        r"(?P<tail>[^.;\n]{0,80})",
        re.IGNORECASE,
    ),
    # Russian: "опыт ... от 3 лет", "от 1 года", "3+ лет опыта", "не менее 2 лет"
    re.compile(
        r"(?:от|не менее|более|минимум)\s*(?P<low>\d{1,2})(?:\s*(?:-|–|до)\s*(?P<high>\d{1,2}))?\s*(?:лет|года|год)"
        r"(?P<tail>[^.;\n]{0,80})",
        re.IGNORECASE,
    ),
    re.compile(r"(?P<low>\d{1,2})\s*\+?\s*(?:лет|года)\s+(?P<tail>опыт[^.;\n]{0,80})", re.IGNORECASE),
    # German, French, Spanish
    re.compile(
        r"(?P<low>\d{1,2})\s*\+?\s*(?:(?:-|–|bis)\s*(?P<high>\d{1,2})\s*)?(?:jahre?n?|ans?|años?)\s+"
        r"(?P<tail>[^.;\n]{0,80})",
        re.IGNORECASE,
    ),
]
_EXPERIENCE_WORDS = re.compile(
    r"experi|опыт|erfahrung|expérience|experiencia|industry|professional|commercial|hands-on|working with|"
    r"developing|building|in (?:a|an|the)? ?[\w ]{0,20}role",
    re.IGNORECASE,
)

# ----------------------------------------------------------------------------- seniority

_SENIORITY_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "intern",
        re.compile(
            r"\bintern(?:ship)?\b|стажер|стажёр|стажировк|werkstudent|praktik|stagiaire|alternan|becari|prácticas|trainee",
            re.I,
        ),
    ),
    (
        "junior",
        re.compile(
            r"\bjunior\b|\bjr\.?\b|младш|начинающ|graduate|entry[ -]level|einsteiger|débutant|\bjúnior\b",
            re.I,
        ),
    ),
    (
        "head",
        re.compile(
            r"\bhead of\b|\bdirector\b|\bvp\b|руководитель (?:отдела|направления|департамента)|директор|leiter|\bdirecteur|\bdirector",
            re.I,
        ),
    ),
    ("principal", re.compile(r"\bprincipal\b|\bstaff\b|\barchitect\b|архитектор", re.I)),
    (
        "lead",
        re.compile(
            r"\blead\b|\bteam ?lead|tech ?lead|тимлид|техлид|ведущ|\blead\b|\bchef d'équipe|\blíder", re.I
        ),
    ),
    ("senior", re.compile(r"\bsenior\b|\bsr\.?\b|старш|\bconfirmé|\bsénior", re.I)),
    ("middle", re.compile(r"\bmiddle\b|\bmid(?:-level|-senior)?\b|\bintermediate\b|мидл", re.I)),
]
# Years usually expected at each level, used when the posting gives a level but no number.
YEARS_FOR_SENIORITY = {
    "intern": 0.0,
    "junior": 0.5,
    "middle": 2.0,
    "senior": 5.0,
    "lead": 6.0,
    "principal": 8.0,
    "head": 8.0,
}


def seniority_of(text: str) -> str | None:
    """The first seniority level a title or headline names, checked from most to least specific."""
    for level, pattern in _SENIORITY_PATTERNS:
        if pattern.search(text):
            return level
    return None


def seniority_for_years(years: float) -> str:
    if years < 1:
        return "junior"
    if years < 3:
        return "middle" if years >= 2 else "junior"
    if years < 5:
        return "middle"
    if years < 8:
        return "senior"
    return "lead"


# ----------------------------------------------------------------------------- posting


@dataclass(slots=True)
class SkillRequirement:
    name: str
    evidence: str  # the sentence of the posting that asks for it, for pros and cons
    years: float | None = None


@dataclass(slots=True)
class PostingFacts:
    text: str
    language: str
    required: dict[str, SkillRequirement] = field(default_factory=dict)
    nice_to_have: dict[str, SkillRequirement] = field(default_factory=dict)
    required_years: float | None = None
    years_evidence: str = ""
    seniority: str | None = None
    spoken_languages: list[str] = field(default_factory=list)
    surfaces: dict[str, str] = field(default_factory=dict)  # canonical -> first spelling the posting used


def _section_of(line: str, current: str) -> str:
    """The section a line opens if it is a heading, else ``current``.

    A short line that ends as a sentence does ("Python services for payments; Kafka a plus.") is a
    sentence, not a heading: read as one, its "plus" made Python, the job's own language, nice to have."""
    words = line.split()
    if len(words) > _HEADING_MAX_WORDS or line.rstrip().endswith((".", "!", "?", ";")):
        return current
    if _NICE_MARKERS.search(line):
        return "nice"
    if _OTHER_HEADINGS.search(line):
        return "other"
    if _REQUIRED_HEADINGS.search(line):
        return "required"
    return current


def _years_in(sentence: str) -> tuple[float, str] | None:
    for pattern in _YEARS_PATTERNS:
        for match in pattern.finditer(sentence):
            low = float(match.group("low"))
            if low > 20:
                continue
            context = sentence[max(0, match.start() - 40) : match.end()]
            tail = (match.group("tail") or "").lstrip().casefold()
            # "3 years of Go" is about experience even without the word; "10 years of history" is not.
            names_skill = tail.startswith(("of ", "in ", "with ", "using "))
            if not (_EXPERIENCE_WORDS.search(context) or names_skill):
                continue
            return low, match.group("tail") or ""
    return None


def read_posting(job: JobInput, vocabulary: SkillVocabulary) -> PostingFacts:
    text = plain_text(job.description_text)
    language = (job.language or "").lower()[:2] or detect_language(f"{job.title}\n{text}") or "en"
    facts = PostingFacts(text=text, language=language)

    mentioned: dict[str, SkillRequirement] = {}  # outside any recognised section
    required: dict[str, SkillRequirement] = {}
    nice: dict[str, SkillRequirement] = {}
    saw_required_section = False
    section = "neutral"
    required_years: list[tuple[float, str]] = []

    for tag in job.skills:
        name = vocabulary.canonical(tag)
        if name:
            required.setdefault(name, SkillRequirement(name, f"listed as a key skill: {tag.strip()}"))
    for mention in vocabulary.iter_mentions(job.title):
        required.setdefault(mention.name, SkillRequirement(mention.name, f"in the title: {job.title}"))
        facts.surfaces.setdefault(mention.name, mention.surface)

    for line in text.splitlines():
        heading_section = _section_of(line, section)
        if heading_section != section:
            section = heading_section
            saw_required_section = saw_required_section or section == "required"
        for sentence in sentences(line):
            mentions = list(vocabulary.iter_mentions(sentence))
            sentence_section = "nice" if _NICE_MARKERS.search(sentence) else section
            years = _years_in(sentence)
            skill_years: dict[str, float] = {}
            if years is not None:
                low, tail = years
                tail_skills = [m.name for m in vocabulary.iter_mentions(tail)]
                if tail_skills and sentence_section != "nice":
                    skill_years[tail_skills[0]] = low
                if sentence_section in ("required", "neutral") and (
                    not tail_skills or _EXPERIENCE_WORDS.search(tail)
                ):
                    required_years.append((low, sentence))
            if sentence_section == "other":
                continue
            target = {"required": required, "nice": nice}.get(sentence_section, mentioned)
            for mention in mentions:
                facts.surfaces.setdefault(mention.name, mention.surface)
                requirement = target.setdefault(mention.name, SkillRequirement(mention.name, sentence))
                if mention.name in skill_years:
                    requirement.years = skill_years[mention.name]

    # With no recognisable requirements section, whatever the posting mentions is what it asks for;
    # with one, mentions elsewhere (the team's stack, the intro) are only nice to have.
    for name, requirement in mentioned.items():
        (nice if saw_required_section else required).setdefault(name, requirement)
    for name in required:
        nice.pop(name, None)
    facts.required = required
    facts.nice_to_have = nice

    if required_years:
        facts.required_years, facts.years_evidence = max(required_years, key=lambda item: item[0])
    if job.experience_years_min is not None and facts.required_years is None:
        facts.required_years = job.experience_years_min
        facts.years_evidence = "the board's experience requirement"
    facts.seniority = (job.seniority and seniority_of(job.seniority)) or seniority_of(job.title)
    if facts.required_years is None and facts.seniority in YEARS_FOR_SENIORITY:
        facts.required_years = YEARS_FOR_SENIORITY[facts.seniority]
        facts.years_evidence = f"the title says {facts.seniority}"
    if facts.seniority is None and facts.required_years is not None:
        facts.seniority = seniority_for_years(facts.required_years)
    facts.spoken_languages = find_spoken_languages(f"{job.title}\n{text}")
    return facts


# ----------------------------------------------------------------------------- profile


@dataclass(slots=True)
class SkillEvidence:
    name: str
    years: float | None = None  # stated in the profile or summed from experience entries
    listed: bool = False  # in the profile's skills list
    in_experience: bool = False  # named in an experience entry's title or description
    in_cv: bool = False  # named in the CV text
    cv_surface: str | None = None  # how the CV spells it

    @property
    def strong(self) -> bool:
        """Backed by something more than a bare list entry."""
        return self.in_experience or (self.years is not None and self.years > 0)


@dataclass(slots=True)
class ProfileFacts:
    skills: dict[str, SkillEvidence]
    total_years: float | None
    seniority: str | None
    spoken_languages: dict[str, str]  # canonical name -> level
    titles_text: str
    cv_language: str | None


def _months_between(start: date, end: date) -> int:
    return max(0, (end.year - start.year) * 12 + end.month - start.month)


def read_profile(
    profile: ProfileInput, vocabulary: SkillVocabulary, today: date | None = None
) -> ProfileFacts:
    today = today or date.today()
    skills: dict[str, SkillEvidence] = {}

    def evidence(name: str) -> SkillEvidence:
        return skills.setdefault(name, SkillEvidence(name))

    for item in profile.skills:
        name = vocabulary.canonical(item.name)
        if name is None:
            # A skill the vocabulary lacks may still be in the CV as several known ones ("Python/Django").
            found = vocabulary.find_in_text(item.name)
            if not found:
                continue
            names = found
        else:
            names = [name]
        for each in names:
            entry = evidence(each)
            entry.listed = True
            if item.years is not None:
                entry.years = max(entry.years or 0.0, float(item.years))

    # Years per skill from dated experience entries that name it, merged as month ranges so two
    # overlapping jobs do not count twice.
    months_by_skill: dict[str, set[int]] = {}
    all_months: set[int] = set()
    for job in profile.experience:
        named = vocabulary.find_in_text(f"{job.title}\n{job.description}")
        months: set[int] = set()
        if job.start is not None:
            end = job.end or today
            first = job.start.year * 12 + job.start.month
            months = set(range(first, first + _months_between(job.start, end)))
            all_months |= months
        for name in named:
            entry = evidence(name)
            entry.in_experience = True
            months_by_skill.setdefault(name, set()).update(months)
    for name, months in months_by_skill.items():
        if months:
            derived = round(len(months) / 12, 1)
            entry = skills[name]
            entry.years = max(entry.years or 0.0, derived)

    for mention in vocabulary.iter_mentions(f"{profile.headline}\n{profile.summary}"):
        entry = evidence(mention.name)
        entry.listed = True
    for mention in vocabulary.iter_mentions(profile.cv_text):
        entry = evidence(mention.name)
        if not entry.in_cv:
            entry.in_cv = True
            entry.cv_surface = mention.surface

    total_years: float | None = round(len(all_months) / 12, 1) if all_months else None
    if total_years is None:
        stated = [e.years for e in skills.values() if e.years]
        total_years = max(stated) if stated else None
    if total_years is None:
        years_in_cv = _years_in(f"{profile.summary}\n{profile.cv_text[:3000]}")
        total_years = years_in_cv[0] if years_in_cv else None

    titles_text = "\n".join([profile.headline, *(job.title for job in profile.experience)])
    seniority = seniority_of(profile.headline) or (
        seniority_for_years(total_years) if total_years is not None else None
    )

    spoken: dict[str, str] = {}
    for language in profile.languages:
        canonical = spoken_language(language.name) or language.name.strip().title()
        spoken[canonical] = language.level
    cv_language = detect_language(profile.cv_text)
    if cv_language:
        # Whoever wrote a CV in a language can at least work in it.
        spoken.setdefault(LANGUAGE_BY_CODE.get(cv_language, cv_language), "CV written in it")
    return ProfileFacts(
        skills=skills,
        total_years=total_years,
        seniority=seniority,
        spoken_languages=spoken,
        titles_text=titles_text,
        cv_language=cv_language,
    )
