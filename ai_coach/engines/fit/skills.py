"""Skills match: how many of the hard skills a posting names the candidate has.

Skills are the canonical names of ai_coach's vocabulary (skills.toml). Skills of the ``soft_skills``
category (Communication, Teamwork, Leadership...) are left out on both sides: every posting asks for
them and every CV claims them, so they say nothing about fit, and counting them as must-haves made a
posting asking for "communication" look half-matched by any CV that says "communication".

A posting's skill the candidate lacks but has a related skill for (Spring for Spring Boot) earns
``RELATED_CREDIT``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ai_coach.domain import ProfileInput
from ai_coach.engines.fit.text import split_run_ons
from ai_coach.vocabulary import SOFT_SKILLS_CATEGORY, SkillVocabulary

RELATED_CREDIT = 0.5


@dataclass(slots=True)
class SkillMatch:
    asked: list[str]  # the posting's hard skills, in order of first mention
    shared: list[str]
    related: list[tuple[str, str]]  # (asked skill, the candidate's related skill)
    lacking: list[str]

    @property
    def value(self) -> float:
        if not self.asked:
            return 0.0
        return (len(self.shared) + RELATED_CREDIT * len(self.related)) / len(self.asked)


def hard_skills(names: Iterable[str], vocabulary: SkillVocabulary) -> list[str]:
    return [name for name in dict.fromkeys(names) if vocabulary.category(name) not in (None, SOFT_SKILLS_CATEGORY)]


def profile_skills(profile: ProfileInput, vocabulary: SkillVocabulary) -> set[str]:
    """Hard skills the profile lists or its texts (headline, summary, experience, CV) name."""
    listed = []
    for skill in profile.skills:
        canonical = vocabulary.canonical(skill.name)
        listed.extend([canonical] if canonical else vocabulary.find_in_text(skill.name))
    texts = [profile.headline, profile.summary, profile.cv_text]
    texts += [f"{entry.title}\n{entry.description}" for entry in profile.experience]
    known = known_spelling(vocabulary)
    for text in texts:
        if text:
            listed.extend(vocabulary.find_in_text(split_run_ons(text, known)))
    return set(hard_skills(listed, vocabulary))


def known_spelling(vocabulary: SkillVocabulary) -> Callable[[str], bool]:
    """Whether a word is a name the vocabulary knows as written ("spaCy", "pfSense"): not two words run
    together (text.split_run_ons)."""
    return lambda word: vocabulary.canonical(word) is not None


def posting_skills(text: str, tags: Iterable[str], vocabulary: SkillVocabulary) -> list[str]:
    """Hard skills of a posting: the board's tags, then those its text (title included) names."""
    found = [vocabulary.canonical(tag) for tag in tags]
    found = [name for name in found if name]
    found += vocabulary.find_in_text(text)
    return hard_skills(found, vocabulary)


def match(asked: list[str], have: set[str], vocabulary: SkillVocabulary) -> SkillMatch:
    shared, related, lacking = [], [], []
    for name in asked:
        if name in have:
            shared.append(name)
            continue
        near = sorted(vocabulary.related(name) & have)
        if near:
            related.append((name, near[0]))
        else:
            lacking.append(name)
    return SkillMatch(asked, shared, related, lacking)
