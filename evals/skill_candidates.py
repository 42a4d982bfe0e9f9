"""The candidates and features of the learned CV skill model that was measured and not shipped
(``python -m evals.train_skills``; docs/analysis.md, the CV skills section, says why).

Every item of a CV that might be a skill is a candidate: what the product's rules find
(``ai_coach.cv.fields.find_skills``), every item of a list in a skills section and of a comma or bullet
run elsewhere, every mention of a vocabulary skill, and the technical-looking words of sentences (inner
capitals, digits, ``+``/``#``, acronyms, capitalised words inside a sentence). Each is described by
features that name no file: whether the rules take it, whether the vocabulary knows it and its category,
where it stands (skills section, list, sentence, how far down the text), the share of known skills among
its siblings in a list and on its line, its case, length, digits and symbols, how common its words are in
job descriptions (the background table the fit score ships), whether it is a place or a spoken language,
and the CV's language. A known candidate is named canonically, an unknown one as written.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ai_coach.cv import fields
from ai_coach.cv.sections import classify_heading
from ai_coach.language import _STOPWORDS
from ai_coach.vocabulary import SkillVocabulary, load_cv_vocabulary
from common.places import is_place

# Curated categories of hard skills (the O*NET taxonomy's products are "technology", apart).
_TECHNICAL = frozenset(
    "programming_language frontend backend mobile database cloud devops data_ml testing security platforms_tools "
    "methods".split()
)
# The curated vocabulary's categories, each a feature of its own.
_CATEGORIES = (
    "programming_language", "frontend", "backend", "mobile", "database", "cloud", "devops", "data_ml", "testing",
    "security", "platforms_tools", "methods", "product_project", "design", "marketing", "science", "finance",
    "sales", "operations", "people", "office", "support",
)
_LIST_SOURCES = frozenset({"section_item", "section_mention", "section_paren", "soft_label", "inline_item", "rule_only"})
_STOPWORD_SET = frozenset().union(*_STOPWORDS.values())
# A word of a sentence, with the inner dots, hyphens and symbols of "Node.js", "nRF24L01", "C++".
_TOKEN = re.compile(r"(?<![\w@/.])[^\W_][\w+#]*(?:[.\-][\w+#]+)*(?![\w@/])")
_INNER_CAPITAL = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ]")
_URLISH = re.compile(r"\S+@\S+|\S*(?:https?://|www\.)\S*|\S+\.(?:com|org|net|io|de|fr|ru)\b\S*", re.IGNORECASE)
MAX_SENTENCE_NAME_WORDS = 3


@dataclass(slots=True)
class Candidate:
    """One item that may be a skill, with what was seen of it wherever it occurs in the CV."""

    name: str  # the vocabulary's canonical name, or the item as first written
    known: bool
    category: str | None
    order: int  # first appearance: skills-section items come first
    sources: set[str] = field(default_factory=set)
    occurrences: int = 0
    sibling_share: float = 0.0  # the best share of vocabulary skills among the items of a list it is in
    siblings: int = 0  # the length of that list
    position: float = 1.0  # where in the text it first appears, 0 (top) to 1 (end)
    line_skills: int = 0  # the most technical vocabulary skills named on one line it stands on


FEATURES = (
    "rule", "known", "cat_technical", "cat_technology", "cat_soft", "cat_everyday", "cat_other",
    "section_item", "section_mention", "section_paren", "soft_label", "inline_item", "text_mention",
    "sentence_token", "sentence_capitalised", "log_occurrences", "sibling_share", "log_siblings",
    "lower", "title", "all_caps", "inner_capital", "digit", "symbol", "one_word", "three_words",
    "log_chars", "stopword_share", "common_share", "english", "spoken_language", "heading_like",
    "position", "unknown_section_item", "unknown_title", "unknown_inline_item", "unknown_sentence",
    "log_line_skills", "unknown_line_skills", "unknown_sibling_share", "rare_share", "unknown_rare",
    "place", "unknown_capitalised_not_english", "unknown_common",
    "text_only", "has_skills_section", "text_only_with_section", "known_phrase_text_only",
    *(f"category_{name}" for name in _CATEGORIES),
)


def features(candidate: Candidate, rule: bool, language: str | None, has_skills_section: bool) -> list[float]:
    """The candidate's feature vector, in FEATURES order."""
    name, sources = candidate.name, candidate.sources
    words = name.split()
    category = candidate.category
    long_words = [word for word in words if len(word) > 3 and word[0].isalpha()]
    title = bool(long_words) and all(word[0].isupper() for word in long_words)
    lower = name == name.lower() and any(char.isalpha() for char in name)
    letters = [char for char in name if char.isalpha()]
    all_caps = len(letters) >= 2 and all(char.isupper() for char in letters)
    folded = [word.casefold() for word in words]
    unknown = not candidate.known
    common = sum(_common_stem(word) for word in folded) / len(folded)
    rare = sum(_unseen_stem(word) for word in folded) / len(folded)
    in_section_item = "section_item" in sources
    text_only = not sources & _LIST_SOURCES
    return [
        float(rule),
        float(candidate.known),
        float(category in _TECHNICAL or category in ("product_project", "design", "marketing", "science")),
        float(category == "technology"),
        float(category == "soft_skills"),
        float(category == "everyday_software"),
        float(candidate.known and category not in _TECHNICAL and category not in (
            "technology", "soft_skills", "everyday_software", "product_project", "design", "marketing", "science")),
        float(in_section_item),
        float("section_mention" in sources),
        float("section_paren" in sources),
        float("soft_label" in sources),
        float("inline_item" in sources),
        float("text_mention" in sources),
        float("sentence_token" in sources),
        float("sentence_capitalised" in sources),
        math.log1p(candidate.occurrences),
        candidate.sibling_share,
        math.log1p(candidate.siblings),
        float(lower),
        float(title),
        float(all_caps),
        float(bool(_INNER_CAPITAL.search(name))),
        float(any(char.isdigit() for char in name)),
        float(any(char in ".#+/-" for char in name)),
        float(len(words) == 1),
        float(len(words) >= 3),
        math.log1p(len(name)),
        sum(word in _STOPWORD_SET for word in folded) / len(folded),
        common,
        float(language == "en"),
        float(folded[0] in fields.KNOWN_LANGUAGES),
        float(classify_heading(name) is not None),
        candidate.position,
        float(unknown and in_section_item),
        float(unknown and title),
        float(unknown and "inline_item" in sources),
        float(unknown and bool(sources & {"sentence_token", "sentence_capitalised"})),
        math.log1p(candidate.line_skills),
        math.log1p(candidate.line_skills) if unknown else 0.0,
        candidate.sibling_share if unknown else 0.0,
        rare,
        rare if unknown else 0.0,
        float(unknown and is_place(name)),
        float(unknown and title and not all_caps and language != "en"),
        common if unknown else 0.0,
        float(text_only),
        float(has_skills_section),
        float(text_only and has_skills_section),
        float(text_only and candidate.known and len(words) >= 2),
        *(float(category == name) for name in _CATEGORIES),
    ]


@lru_cache(maxsize=8192)
def _unseen_stem(word: str) -> bool:
    """A word no ESCO description uses: a product's or a person's name rather than a word of the trade."""
    stem, frequencies = fields._document_frequencies()
    return stem(word) not in frequencies


@lru_cache(maxsize=8192)
def _common_stem(word: str) -> bool:
    return word.isalpha() and fields._common_word_stem(word)


class _Collector:
    """Candidates by key (canonical name, or the written item case-folded), in order of first appearance."""

    def __init__(self, vocabulary: SkillVocabulary, text_length: int) -> None:
        self.vocabulary = vocabulary
        self.by_key: dict[str, Candidate] = {}
        self.text_length = max(text_length, 1)

    def add(self, written: str, source: str, *, canonical: str | None = None, siblings: int = 0,
            sibling_share: float = 0.0, at: int | None = None, line_skills: int = 0) -> None:
        written = written.strip()
        if not written:
            return
        name = canonical or self.vocabulary.canonical(written)
        key = (name or written).casefold()
        candidate = self.by_key.get(key)
        if candidate is None:
            candidate = Candidate(name or written, name is not None,
                                  self.vocabulary.category(name) if name else None, len(self.by_key))
            self.by_key[key] = candidate
        candidate.sources.add(source)
        candidate.occurrences += 1
        if sibling_share > candidate.sibling_share or (siblings > candidate.siblings and sibling_share >= candidate.sibling_share):
            candidate.sibling_share, candidate.siblings = sibling_share, siblings
        candidate.line_skills = max(candidate.line_skills, line_skills)
        if at is not None:
            candidate.position = min(candidate.position, at / self.text_length)


def collect_candidates(skills_section_text: str, text: str) -> list[Candidate]:
    """Every item of the CV that may be a skill (see the module docstring)."""
    vocabulary = load_cv_vocabulary()
    collector = _Collector(vocabulary, len(text))
    soft = False
    block: list[tuple[str, str | None]] = []

    def close_block() -> None:
        # Items one per line ("Docker" / "Kubernetes" / "Terraform") are siblings in their block.
        if len(block) >= 2:
            share = sum(1 for _, name in block if name) / len(block)
            for item, name in block:
                collector.add(item, "section_item", canonical=name, siblings=len(block), sibling_share=share)
        block.clear()

    for line in fields.join_wrapped_list_rows(skills_section_text.splitlines()):
        if not line.strip():
            soft = False
            close_block()
            continue
        label = line.split(":", 1)[0] if ":" in line else (line if len(line.split()) <= 3 else "")
        if label:
            soft = bool(fields._SOFT_LABEL.search(label)) or (
                soft and ":" not in line and not fields._LIST_SEPARATORS.search(line))
        for mention in vocabulary.iter_mentions(line):
            collector.add(mention.surface, "soft_label" if soft else "section_mention", canonical=mention.name)
        items = fields.skill_list_items(line)
        names = [vocabulary.canonical(item) for item in items]
        if soft:
            for item, name in zip(items, names, strict=True):
                collector.add(item, "soft_label", canonical=name)
            continue
        if len(items) == 1:
            block.append((items[0], names[0]))
        elif items:
            close_block()
            share = sum(1 for name in names if name) / len(items)
            for item, name in zip(items, names, strict=True):
                collector.add(item, "section_item", canonical=name, siblings=len(items), sibling_share=share)
        for _, parenthesised in fields.parenthesised_items(line):
            for item in parenthesised:
                collector.add(item, "section_paren")
    close_block()
    text = fields.join_broken_words(text)
    mentions = list(vocabulary.iter_mentions(text))
    lines = text.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    line_skills = [0] * len(lines)
    line_of = [bisect.bisect_right(starts, mention.start) - 1 for mention in mentions]
    for mention, line in zip(mentions, line_of, strict=True):
        if vocabulary.category(mention.name) in _TECHNICAL or vocabulary.category(mention.name) == "technology":
            line_skills[line] += 1
    for mention, line in zip(mentions, line_of, strict=True):
        collector.add(mention.surface, "text_mention", canonical=mention.name, at=mention.start,
                      line_skills=line_skills[line])
    for line, offset, skills in zip(lines, starts, line_skills, strict=False):
        _collect_line(collector, line, offset, skills)
    return sorted(collector.by_key.values(), key=lambda candidate: candidate.order)


def _collect_line(collector: _Collector, line: str, offset: int, line_skills: int) -> None:
    vocabulary = collector.vocabulary
    if len(fields._ITEM_SEPARATORS.findall(line)) >= 2:
        items = fields.skill_list_items(line)
        if len(items) >= 2:
            names = [vocabulary.canonical(item) for item in items]
            share = sum(1 for name in names if name) / len(items)
            for item, name in zip(items, names, strict=True):
                collector.add(item, "inline_item", canonical=name, siblings=len(items), sibling_share=share,
                              at=offset + max(line.find(item), 0), line_skills=line_skills)
    plain = _URLISH.sub(lambda match: " " * len(match.group(0)), line)
    if plain.isupper():
        return  # a heading in capitals: every word looks like an acronym
    tokens = list(_TOKEN.finditer(plain))
    run: list[re.Match[str]] = []
    for index, token in enumerate(tokens):
        word = token.group(0)
        technical = (bool(_INNER_CAPITAL.search(word)) or (any(c.isdigit() for c in word) and any(c.isalpha() for c in word))
                     or "+" in word or "#" in word or (word.isupper() and 2 <= len(word) <= 6 and word.isalpha()))
        if technical and not vocabulary.canonical(word):
            collector.add(word, "sentence_token", at=offset + token.start(), line_skills=line_skills)
        before = plain[:token.start()].rstrip()
        sentence_start = index == 0 or not before or before[-1] in ".!?:;•(\"'–—-"
        capitalised = word[0].isupper() and word[1:].islower() and len(word) > 2 and word.isalpha()
        if capitalised and not sentence_start and word.casefold() not in _STOPWORD_SET:
            if run and plain[run[-1].end():token.start()] == " " and len(run) < MAX_SENTENCE_NAME_WORDS:
                run.append(token)
            else:
                _close_run(collector, run, plain, offset, line_skills)
                run = [token]
        else:
            _close_run(collector, run, plain, offset, line_skills)
            run = []
    _close_run(collector, run, plain, offset, line_skills)


def _close_run(collector: _Collector, run: list[re.Match[str]], plain: str, offset: int, line_skills: int) -> None:
    if not run:
        return
    written = plain[run[0].start():run[-1].end()]
    if collector.vocabulary.canonical(written) is None:
        collector.add(written, "sentence_capitalised", at=offset + run[0].start(), line_skills=line_skills)


def candidate_vectors(skills_section_text: str, text: str, rule_names: list[str],
                      language: str | None) -> Iterator[tuple[Candidate, list[float]]]:
    """Each candidate with its feature vector (``rule_names``: what the product's rules found)."""
    ruled = {name.casefold() for name in rule_names}
    candidates = collect_candidates(skills_section_text, text)
    seen = {candidate.name.casefold() for candidate in candidates}
    # What the rules composed rather than read ("Azure Functions" from "Azure (Functions)") is a candidate too.
    for name in rule_names:
        if name.casefold() not in seen:
            vocabulary = load_cv_vocabulary()
            canonical = vocabulary.canonical(name)
            candidates.append(Candidate(name, canonical is not None, vocabulary.category(canonical) if canonical else None,
                                        len(candidates), {"rule_only"}, 1))
            seen.add(name.casefold())
    for candidate in candidates:
        yield candidate, features(candidate, candidate.name.casefold() in ruled, language,
                                  bool(skills_section_text.strip()))
