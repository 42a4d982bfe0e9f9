"""Cover letters: the saved search's template or a built-in one, in the posting's language, and the
no-fabrication check every letter (heuristic or LLM) must pass before it is stored.

Placeholders, written ``{name}`` or ``{{name}}``: ``full_name``, ``company``, ``title``, ``matched_skills``
(every skill of the posting the candidate has), ``top_skills`` (the first three), ``years``,
``headline`` (as the profile has it), ``role`` (the headline's first part as a job, written for the middle of
a sentence: "Backend engineer, Python" gives "a backend engineer" in English), ``location``. An unknown
placeholder is left as written so the user sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ai_coach.vocabulary import SkillVocabulary

_PLACEHOLDER = re.compile(r"\{\{?\s*([a-z_]+)\s*\}?\}")

_AND = {"en": "and", "fr": "et", "de": "und", "ru": "и", "es": "y"}

# Built-in letters as (sentence, placeholders it needs): a sentence is dropped when a value it needs is
# empty, so the letter never says "my experience with ." or invents a number.
_BUILT_IN: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "en": [
        ("Dear {company} team,", ()),
        ("I am writing to apply for the {title} position.", ()),
        ("I bring {years} years of professional experience as {role}.", ("years", "role")),
        ("I bring {years} years of professional experience.", ("years", "!role")),
        ("My background in {matched_skills} matches what you are looking for.", ("matched_skills",)),
        (
            "In particular, I have worked hands-on with {top_skills}, and I would be glad to put that to work at {company}.",
            ("top_skills",),
        ),
        ("I would welcome the chance to discuss how I can contribute to your team.", ()),
        ("Kind regards,\n{full_name}", ("full_name",)),
        ("Kind regards", ("!full_name",)),
    ],
    "fr": [
        ("Madame, Monsieur,", ()),
        ("Je vous adresse ma candidature au poste de {title} chez {company}.", ()),
        (
            "Fort de {years} ans d'expérience professionnelle en tant que {role}, je souhaite rejoindre votre équipe.",
            ("years", "role"),
        ),
        (
            "Fort de {years} ans d'expérience professionnelle, je souhaite rejoindre votre équipe.",
            ("years", "!role"),
        ),
        ("Mon expérience en {matched_skills} correspond à ce que vous recherchez.", ("matched_skills",)),
        ("J'ai notamment travaillé concrètement avec {top_skills}.", ("top_skills",)),
        ("Je serais ravi d'échanger avec vous sur ma contribution possible.", ()),
        ("Veuillez agréer mes salutations distinguées,\n{full_name}", ("full_name",)),
        ("Veuillez agréer mes salutations distinguées.", ("!full_name",)),
    ],
    "de": [
        ("Sehr geehrtes {company}-Team,", ()),
        ("hiermit bewerbe ich mich auf die Stelle als {title}.", ()),
        ("Ich bringe {years} Jahre Berufserfahrung als {role} mit.", ("years", "role")),
        ("Ich bringe {years} Jahre Berufserfahrung mit.", ("years", "!role")),
        ("Meine Erfahrung mit {matched_skills} passt zu Ihren Anforderungen.", ("matched_skills",)),
        ("Insbesondere habe ich praktisch mit {top_skills} gearbeitet.", ("top_skills",)),
        ("Über die Gelegenheit zu einem persönlichen Gespräch freue ich mich sehr.", ()),
        ("Mit freundlichen Grüßen\n{full_name}", ("full_name",)),
        ("Mit freundlichen Grüßen", ("!full_name",)),
    ],
    "ru": [
        ("Здравствуйте, команда {company}!", ()),
        ("Прошу рассмотреть мою кандидатуру на вакансию «{title}».", ()),
        ("У меня {years} лет профессионального опыта, моя специализация: {role}.", ("years", "role")),
        ("У меня {years} лет профессионального опыта.", ("years", "!role")),
        ("Мой опыт в областях {matched_skills} соответствует вашим требованиям.", ("matched_skills",)),
        ("В частности, я практически работал(а) с {top_skills}.", ("top_skills",)),
        ("Буду рад(а) обсудить, чем могу быть полезен(на) вашей команде.", ()),
        ("С уважением,\n{full_name}", ("full_name",)),
        ("С уважением", ("!full_name",)),
    ],
    "es": [
        ("Estimado equipo de {company}:", ()),
        ("Me dirijo a ustedes para postularme al puesto de {title}.", ()),
        ("Cuento con {years} años de experiencia profesional como {role}.", ("years", "role")),
        ("Cuento con {years} años de experiencia profesional.", ("years", "!role")),
        ("Mi experiencia en {matched_skills} se ajusta a lo que buscan.", ("matched_skills",)),
        ("En particular, he trabajado de forma práctica con {top_skills}.", ("top_skills",)),
        ("Me encantaría conversar sobre cómo puedo aportar a su equipo.", ()),
        ("Atentamente,\n{full_name}", ("full_name",)),
        ("Atentamente", ("!full_name",)),
    ],
}

LETTER_LANGUAGES = tuple(_BUILT_IN)  # other postings get an English letter


@dataclass(slots=True)
class LetterValues:
    full_name: str
    company: str
    title: str
    matched_skills: list[str]
    years: float | None
    headline: str
    location: str
    role: str = ""  # role_phrase(headline, ...): set by the engine, which knows the vocabulary

    def as_placeholders(self, language: str) -> dict[str, str]:
        years = ""
        if self.years is not None and self.years >= 1:
            years = str(int(self.years))
        return {
            "full_name": self.full_name.strip(),
            "company": self.company.strip()
            or {"fr": "votre entreprise", "de": "Ihr Unternehmen", "ru": "компании", "es": "su empresa"}.get(
                language, "your company"
            ),
            "title": self.title.strip(),
            "matched_skills": join_list(self.matched_skills, language),
            "top_skills": join_list(self.matched_skills[:3], language),
            "years": years,
            "headline": self.headline.strip(),
            "role": self.role,
            "location": self.location.strip(),
        }


# Where a headline's first part ends: "Backend engineer, Python", "Data Scientist | ML | NLP",
# "Designer · Illustrator", "Engineer — building tools", "Developer (remote)". A slash between words
# without spaces ("UX/UI designer") is part of the name.
_HEADLINE_PART_END = re.compile(r"\s*(?:[,;|·•(]|\s[-–—/]\s)")
ROLE_WORDS = 5  # a longer first part is a sentence ("Passionate about building great products"), not a job
# Capitals whose English names start with a vowel sound: "an SEO specialist", but "a UX designer".
_VOWEL_SOUND_CAPITALS = frozenset("AEFHILMNORSX")


# Vocabulary categories of concepts ("Marketing", "Sales"), as against names ("Python", "Kubernetes").
_CONCEPT_CATEGORIES = frozenset({"marketing", "sales", "finance", "methods", "soft_skills", "design", "operations",
                                 "people", "support", "science", "product_project", "office"})


def _is_a_name(word: str, vocabulary: SkillVocabulary | None) -> bool:
    """A technology's own name, written as the vocabulary writes it: "Python" in "Python developer"
    keeps its capital; "Backend" (Backend Development) and "Marketing" (a concept) do not."""
    if vocabulary is None or vocabulary.canonical(word) != word:
        return False
    return vocabulary.category(word) not in _CONCEPT_CATEGORIES


def role_phrase(headline: str, language: str, *, vocabulary: SkillVocabulary | None = None,
                job_heads: frozenset[str] | None = None) -> str:
    """The headline's first part as a job the letter can name mid-sentence, or "" when it is not one.

    A sentence-case part ("Backend engineer") loses its first capital unless that word is a skill or a
    name ("Python developer"); Title Case ("Senior Data Scientist") is kept as a title. English gets
    its article. ``job_heads`` (the nouns O*NET names jobs by, from the fit score), when given, must
    name the part's job in an English letter: "Passionate about clean code" is not a role."""
    part = _HEADLINE_PART_END.split(headline.strip(), maxsplit=1)[0].strip(" .:-–—")
    words = part.split()
    if not 1 <= len(words) <= ROLE_WORDS:
        return ""
    if language == "en" and job_heads is not None and not any(
        word.casefold().strip(".").removesuffix("s") in job_heads for word in words
    ):
        return ""
    first = words[0]
    sentence_case = first[:1].isupper() and first[1:].islower() and all(
        not word[:1].isupper() for word in words[1:])
    if sentence_case and language != "de" and not _is_a_name(first, vocabulary):
        words[0] = first[:1].lower() + first[1:]  # German nouns keep their capital
    role = " ".join(words)
    if language != "en":
        return role
    head = words[0]
    if head.isupper() and len(head) > 1:
        vowel_sound = head[0] in _VOWEL_SOUND_CAPITALS
    else:
        vowel_sound = head[:1].casefold() in "aeiou" and not head.casefold().startswith(("uni", "use", "eu"))
    return ("an " if vowel_sound else "a ") + role


def join_list(items: list[str], language: str) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {_AND.get(language, 'and')} " + items[-1]


def render_template(template: str, values: dict[str, str]) -> str:
    def substitute(match: re.Match[str]) -> str:
        key = match.group(1)
        return values[key] if key in values else match.group(0)

    return _PLACEHOLDER.sub(substitute, template).strip()


def built_in_letter(values: dict[str, str], language: str) -> str:
    sentences = _BUILT_IN.get(language, _BUILT_IN["en"])
    kept: list[str] = []
    for sentence, needs in sentences:
        satisfied = all(
            (not values.get(need[1:])) if need.startswith("!") else bool(values.get(need)) for need in needs
        )
        if satisfied:
            kept.append(render_template(sentence, values))
    greeting, *body = kept
    closing = body.pop() if body else ""
    return "\n\n".join([greeting, " ".join(body), closing]).strip()


def unsupported_skills(
    letter: str, profile_skills: set[str], vocabulary: SkillVocabulary, quoted: list[str]
) -> list[str]:
    """Vocabulary skills a letter names that the profile does not have.

    Text the letter quotes from the posting (the job title, the company name) is taken out first:
    "applying for the Go Engineer position" names Go without claiming it.
    """
    checked = letter
    for phrase in sorted(filter(None, (q.strip() for q in quoted)), key=len, reverse=True):
        checked = checked.replace(phrase, " ")
    return [name for name in vocabulary.find_in_text(checked) if name not in profile_skills]
