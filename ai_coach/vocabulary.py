"""The skills vocabulary: canonical skill names, their aliases and related skills.

Two vocabularies are built from the data: ``load_vocabulary`` (the curated ``data/skills.toml``), which
the engines and the fit score use, and ``load_cv_vocabulary``, the curated one widened by the technology
taxonomy of ``data/technologies.tsv`` (O*NET's named technologies), which the CV parser reads skills with
(``with_technologies`` says how the two are merged).

The data lives in ``data/skills.toml`` (owned by the project, meant to grow), with the skills' names in the
CV languages in ``data/skill_translations.toml`` (merged in as aliases, ``with_translations``); this module loads it
and answers three questions: what is the canonical name of a spelling (``canonical``), which skills
does a text mention (``find_in_text``) and which skills are close to a given one (``related``).

Matching rules for ``find_in_text`` (the reason each rule exists is next to it):

* Aliases and canonical names match case-insensitively, as whole "technical words": a match may
  not be glued to a letter, digit, ``+``, ``#``, ``@`` or ``.``/``-`` on its left, nor to a letter,
  digit, ``+`` or ``#`` (or a dot followed by a letter) on its right. That keeps ``C`` out of
  ``C++``, ``Java`` out of ``JavaScript``, ``js`` out of ``Node.js``, and lets ``C++``, ``C#``,
  ``.NET`` and ``Node.js`` match even though they contain punctuation.
* When several spellings start at the same place the longest wins (``Spring Boot`` over ``Spring``,
  ``ASP.NET`` over ``.NET``).
* Spellings listed under ``exact`` in the data file are ordinary words when written in lower case
  (``react``, ``swift``, ``excel``, ``express``): they count only with exactly that capitalisation.
* Skills marked ``ambiguous`` (``Go``, ``C``, ``R``) are ordinary words even when capitalised. On top
  of the exact-case rule they are not counted at the start of a sentence or line unless a list
  separator (``,`` ``;`` ``/`` ``|`` ``)`` or the line's end) follows them, and never when followed by
  a hyphen, ``&`` or an apostrophe. So "Go, Kubernetes" and "written in Go." count, while "Go to our
  site", "C-level" and "R&D" do not. Lower-case ``go`` never counts; ``golang`` always does.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ai_coach.data_files import DATA_DIR, tsv_rows

DEFAULT_VOCABULARY_PATH = DATA_DIR / "skills.toml"
DEFAULT_TECHNOLOGIES_PATH = DATA_DIR / "technologies.tsv"
# The skills' usual names in the CV languages, read beside a skills file (``SkillVocabulary.from_toml``): one table
# per curated skill, one list of spellings per language, so each concept is given in every language at once.
TRANSLATIONS_FILE_NAME = "skill_translations.toml"
TRANSLATION_LANGUAGES = frozenset("en de fr es pt it pl cs sk sv nl ru".split())
# The category of the skills that come from the technology taxonomy (data/technologies.tsv) only.
TECHNOLOGY_CATEGORY = "technology"
# Taxonomy products everyone uses to talk, mail, meet and search (and the social networks a CV links to
# in its header): skills when a CV lists them, but their name in a sentence or a link says nothing.
EVERYDAY_CATEGORY = "everyday_software"
EVERYDAY_COMMODITIES = frozenset({
    "Electronic mail software", "Instant messaging software", "Video conferencing software",
    "Web browser software", "Video creation and editing software", "Internet browser software",
    "Desktop communications software",
})
EVERYDAY_PRODUCTS = frozenset(
    {"Google", "LinkedIn", "Facebook", "Twitter", "Instagram", "YouTube", "WhatsApp", "Microsoft Teams"}
)
# Categories whose names say nothing of what the candidate can do by themselves: personal qualities (never a skill)
# and the software everyone uses. The CV's skills readers take no such name as evidence of a technical list or
# mention, and keep none of them from an inline or parenthesised list.
SOFT_SKILLS_CATEGORY = "soft_skills"
NO_EVIDENCE_CATEGORIES = frozenset({SOFT_SKILLS_CATEGORY, EVERYDAY_CATEGORY})

# A match must not continue a "technical word" on either side (see the module docstring).
_LEFT_BOUNDARY = r"(?<![\w+#@.\-])"
_RIGHT_BOUNDARY = r"(?![\w+#]|\.\w)"
# Characters after which an ambiguous word starts a new sentence or list item.
_SENTENCE_STARTERS = frozenset(".!?•*·-–—>\"'«(\n\r")
# Characters that, following an ambiguous word at a sentence start, show it is a list item.
_LIST_SEPARATORS = frozenset(",;/|)\n\r")
# Characters that, directly after an ambiguous word, show it is part of an ordinary phrase.
_AMBIGUOUS_FORBIDDEN_NEXT = frozenset("-&'’")
# A word of the word-by-word table: letters and digits with the + # of C++/C# and the inner dots, hyphens,
# colons and apostrophes of "Node.js", "Analyse-it", "Code::Blocks"; a slash or space separates words.
_WORD = re.compile(r"[^\W_][\w+#]*(?:[.\-:'’@]+[\w+#]+)*")
MAX_TABLE_WORDS = 8


# Spelling normalisation of ``canonical`` (see _loose_spelling).
_CYRILLIC_LOOKALIKES = re.compile("[асеорхуkмтвн]".replace("k", "к"))
_OTHER_CYRILLIC = re.compile("[бгдёжзийлпфцчшщъыьэюя]")
_LATIN_FOR_CYRILLIC = str.maketrans("асеорхукмтвн", "aceopxykmtbh")
_VERSION_SUFFIX = re.compile(r"\s*v?\d+(?:\.\d+)*\+?$|\s+(?:es)?20\d\d$")
MIN_SQUASHED_LENGTH = 4  # "c++" and "c#" squash to "c": short spellings must be written as they are


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def _word_key(text: str) -> str:
    return " ".join(match.group(0) for match in _WORD.finditer(text.casefold()))


@dataclass(frozen=True, slots=True)
class SkillEntry:
    """One skill of the vocabulary as written in the data file."""

    name: str
    category: str
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] | None = None  # None: the name itself matches case-insensitively
    ambiguous: bool = False
    related: tuple[str, ...] = ()
    # Spellings looked up word by word in a table rather than compiled into the regex (the technology
    # taxonomy's thousands, which would take seconds to compile): any case for these...
    word_spellings: tuple[str, ...] = ()
    # ...and exactly as written for these (one-word product names: "KiCad", "Ant", "Outlook").
    word_exact: tuple[str, ...] = ()
    # Spellings (among aliases/exact) that name the skill in a list but not in a sentence, where the same
    # word is usually part of a product's name or a qualifier ("Cloud" in "Genesys Cloud", "UI" in "UI bugs").
    loose: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SkillMention:
    """Where a skill was found in a text: canonical name, character span and the spelling used."""

    name: str
    start: int
    end: int
    surface: str


@dataclass(slots=True)
class _TrieNode:
    children: dict[str, _TrieNode] = field(default_factory=dict)
    terminal: bool = False


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` factored as a trie, so each position is tried once per prefix.

    Optional suffixes are greedy, so the longest spelling is tried first and shorter ones only on
    backtracking (when the longer one fails the boundary check).
    """
    root = _TrieNode()
    for word in words:
        node = root
        for char in word:
            node = node.children.setdefault(char, _TrieNode())
        node.terminal = True

    def render(node: _TrieNode) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.children.items())]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if node.terminal:
            return "(?:" + body + ")?"
        return body

    return render(root)


def normalise_spelling(text: str) -> str:
    """A spelling as the vocabulary keys it: runs of white space made one space, case folded."""
    return " ".join(text.split()).casefold()


class SkillVocabulary:
    """Canonical skills with aliases and relations; immutable once built."""

    def __init__(self, entries: Iterable[SkillEntry]) -> None:
        self._entries: dict[str, SkillEntry] = {}
        self._by_spelling: dict[str, str] = {}
        self._exact_spellings: dict[str, str] = {}
        self._related: dict[str, set[str]] = {}
        self._squashed_spellings: dict[str, str] | None = None  # built on first use (see _squashed)
        self._word_table: dict[str, str] = {}  # word key -> name, for word_spellings
        self._word_exact: dict[str, str] = {}  # surface -> name, for word_exact
        self._loose: set[str] = set()  # normalised loose spellings (see SkillEntry.loose)
        for entry in entries:
            if entry.name in self._entries:
                raise ValueError(f"skill {entry.name!r} is defined twice")
            self._entries[entry.name] = entry
            self._related[entry.name] = set()
        for entry in self._entries.values():
            spellings = [entry.name, *entry.aliases, *(entry.exact or ()), *entry.word_spellings, *entry.word_exact]
            for spelling in spellings:
                key = normalise_spelling(spelling)
                owner = self._by_spelling.setdefault(key, entry.name)
                if owner != entry.name:
                    raise ValueError(f"spelling {spelling!r} belongs to both {owner!r} and {entry.name!r}")
            for spelling in entry.exact or ():
                self._exact_spellings[spelling] = entry.name
            for spelling in entry.loose:
                if normalise_spelling(spelling) not in {normalise_spelling(s) for s in spellings}:
                    raise ValueError(f"loose spelling {spelling!r} of {entry.name!r} is not one of its spellings")
                self._loose.add(normalise_spelling(spelling))
            for spelling in entry.word_spellings:
                key = _word_key(spelling)
                if key and len(key.split()) <= MAX_TABLE_WORDS:
                    self._word_table.setdefault(key, entry.name)
            for spelling in entry.word_exact:
                self._word_exact[spelling] = entry.name
            for other in entry.related:
                if other not in self._entries:
                    raise ValueError(f"skill {entry.name!r} is related to unknown skill {other!r}")
                if other != entry.name:
                    self._related[entry.name].add(other)
                    self._related[other].add(entry.name)
        self._word_starts = frozenset(key.split()[0] for key in self._word_table)
        self._table_length = max((len(key.split()) for key in self._word_table), default=0)
        self._insensitive_regex, self._sensitive_regex = self._compile()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> SkillVocabulary:
        """Build from the parsed TOML structure: ``{category: {name: {aliases, exact, ambiguous, related}}}``."""
        return cls(skill_entries(data))

    @classmethod
    def from_toml(cls, path: Path, *, programs_apart: bool = True) -> SkillVocabulary:
        """Build from a skills file (``read_skills_data``)."""
        return cls.from_mapping(read_skills_data(path, programs_apart=programs_apart))

    def _compile(self) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
        insensitive_words: dict[str, str] = {}
        for entry in self._entries.values():
            spellings = list(entry.aliases)
            if entry.exact is None:
                spellings.append(entry.name)
            for spelling in spellings:
                insensitive_words[normalise_spelling(spelling)] = entry.name
        # Spellings are case-folded, so the pattern needs no IGNORECASE when run over a lower-cased text
        # (three times faster); iter_mentions falls back to the IGNORECASE twin when lower-casing changes
        # the text's length (a few letters such as "İ"), which would shift the match positions.
        insensitive_pattern = _LEFT_BOUNDARY + "(?:" + _trie_pattern(insensitive_words) + ")" + _RIGHT_BOUNDARY
        self._lowercase_regex = re.compile(insensitive_pattern)
        insensitive = re.compile(insensitive_pattern, re.IGNORECASE)
        sensitive = None
        if self._exact_spellings:
            sensitive = re.compile(
                _LEFT_BOUNDARY + "(?:" + _trie_pattern(self._exact_spellings) + ")" + _RIGHT_BOUNDARY
            )
        return insensitive, sensitive

    # ----------------------------------------------------------------- lookups

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._entries

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self._entries)

    def entry(self, name: str) -> SkillEntry | None:
        canonical = self.canonical(name)
        return self._entries.get(canonical) if canonical else None

    def category(self, name: str) -> str | None:
        found = self.entry(name)
        return found.category if found else None

    def canonical(self, name: str) -> str | None:
        """The canonical name for a spelling given on its own (a CV skill, a posting tag), or None.

        A spelling given on its own is unambiguous, so case does not matter here ("go" -> "Go").
        """
        key = normalise_spelling(name)
        found = self._by_spelling.get(key)
        if found is None:
            # Tags and CV lines carry stray punctuation ("Python,", "• Docker"); ".NET" is tried first.
            key = key.strip(" .,;:!?*•-–—")
            found = self._by_spelling.get(key)
        if found is None and key:
            found = self._loose_spelling(key)
        return found

    def _loose_spelling(self, key: str) -> str | None:
        """A spelling written another way: Cyrillic look-alike letters in a Latin name ("С++" typed on a
        Russian keyboard), hyphens or underscores for spaces ("Web-Scraping", "PL-SQL"), spaces left out
        or put in ("SQLserver", "JavaEE"), or a version after the name ("Python 3.11", "Vue 3", "Angular 17")."""
        # Only in a name with a Latin letter, a digit or a sign in it, or a lone letter: a word all of Cyrillic
        # look-alikes is Russian ("так", "сено"), not a Latin acronym.
        if (_CYRILLIC_LOOKALIKES.search(key) and not _OTHER_CYRILLIC.search(key)
                and (len(key) == 1 or not all(_CYRILLIC_LOOKALIKES.match(char) for char in key))):
            key = key.translate(_LATIN_FOR_CYRILLIC)
            found = self._by_spelling.get(key)
            if found is not None:
                return found
        spaced = " ".join(re.sub(r"[-_]+", " ", key).split())
        found = self._by_spelling.get(spaced)
        if found is None:
            found = self._squashed().get(_squash(key))
        if found is None:
            unversioned = _VERSION_SUFFIX.sub("", key)
            if unversioned != key and unversioned:
                found = self._by_spelling.get(unversioned) or self._squashed().get(_squash(unversioned))
        return found

    def _squashed(self) -> dict[str, str]:
        """Spellings without spaces and punctuation -> name, for the spellings only one skill has that way."""
        if self._squashed_spellings is None:
            owners: dict[str, set[str]] = {}
            for spelling, name in self._by_spelling.items():
                squashed = _squash(spelling)
                if len(squashed) >= MIN_SQUASHED_LENGTH:
                    owners.setdefault(squashed, set()).add(name)
            self._squashed_spellings = {key: next(iter(names)) for key, names in owners.items() if len(names) == 1}
        return self._squashed_spellings

    def squashed_spellings(self) -> dict[str, str]:
        """Every spelling without spaces and punctuation -> its skill (one of them where two share it)."""
        return {_squash(spelling): name for spelling, name in self._by_spelling.items()}

    def is_ordinary_word(self, surface: str) -> bool:
        """Whether this spelling of a skill is also an ordinary word: the exact, ``ambiguous`` spellings
        ("Go", "Spring", "Chef"), not "Golang" or "Spring Boot"."""
        name = self._exact_spellings.get(surface) or self._word_exact.get(surface)
        return name is not None and self._entries[name].ambiguous

    def is_loose(self, surface: str) -> bool:
        """Whether this spelling names its skill only in a list, not in a sentence (``loose`` in the data:
        "Cloud" for Cloud Computing, "UI" for UI Design, "dashboards" for Data Visualization)."""
        return normalise_spelling(surface) in self._loose

    def related(self, name: str) -> set[str]:
        """Canonical names of skills related to ``name`` (symmetric; empty for unknown skills)."""
        canonical = self.canonical(name)
        return set(self._related.get(canonical, ())) if canonical else set()

    # ---------------------------------------------------------------- scanning

    def iter_mentions(self, text: str) -> Iterator[SkillMention]:
        """Every skill mention in ``text``, left to right, overlapping spellings resolved longest-first."""
        if not text:
            return
        candidates: list[SkillMention] = []
        lowered = text.lower()
        if len(lowered) == len(text):
            matches = self._lowercase_regex.finditer(lowered)
        else:
            matches = self._insensitive_regex.finditer(text)
        for match in matches:
            surface = text[match.start():match.end()]
            name = self._by_spelling.get(normalise_spelling(surface))
            if name is not None:
                candidates.append(SkillMention(name, match.start(), match.end(), surface))
        if self._sensitive_regex is not None:
            for match in self._sensitive_regex.finditer(text):
                surface = match.group(0)
                name = self._exact_spellings[surface]
                if self._entries[name].ambiguous and not _ambiguous_word_counts(
                    text, match.start(), match.end()
                ):
                    continue
                candidates.append(SkillMention(name, match.start(), match.end(), surface))
        if self._word_table or self._word_exact:
            candidates.extend(self._table_mentions(text))
        candidates.sort(key=lambda mention: (mention.start, -(mention.end - mention.start)))
        covered_until = -1
        for mention in candidates:
            if mention.start < covered_until:
                continue
            covered_until = mention.end
            yield mention

    def _table_mentions(self, text: str) -> Iterator[SkillMention]:
        """Mentions of the word-by-word spellings: the longest run of words that is a spelling, at each word."""
        words = list(_WORD.finditer(text))
        folded = [match.group(0).casefold() for match in words]
        for index, match in enumerate(words):
            if folded[index] in self._word_starts:
                for length in range(min(self._table_length, len(words) - index), 0, -1):
                    name = self._word_table.get(" ".join(folded[index:index + length]))
                    if name is not None:
                        end = words[index + length - 1].end()
                        yield SkillMention(name, match.start(), end, text[match.start():end])
                        break
            name = self._word_exact.get(match.group(0))
            if name is not None and (
                not self._entries[name].ambiguous or _ambiguous_word_counts(text, match.start(), match.end())
            ):
                yield SkillMention(name, match.start(), match.end(), match.group(0))

    def find_in_text(self, text: str) -> list[str]:
        """Canonical names of the skills ``text`` mentions, in order of first appearance."""
        seen: dict[str, None] = {}
        for mention in self.iter_mentions(text):
            seen.setdefault(mention.name, None)
        return list(seen)


def _ambiguous_word_counts(text: str, start: int, end: int) -> bool:
    """Whether an exact-case ambiguous word ("Go", "C", "R") at text[start:end] names the skill."""
    if end < len(text) and text[end] in _AMBIGUOUS_FORBIDDEN_NEXT:
        return False
    before = start - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    if before >= 0 and text[before] in "'’":
        return False
    at_sentence_start = before < 0 or text[before] in _SENTENCE_STARTERS
    if not at_sentence_start:
        return True
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    return after >= len(text) or text[after] in _LIST_SEPARATORS


def skill_entries(data: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> list[SkillEntry]:
    """The entries of the parsed skills data (``{category: {name: spec}}``), unchecked: a vocabulary built from them
    checks them."""
    entries = []
    for category, skills in data.items():
        for name, spec in skills.items():
            exact = spec.get("exact")
            entries.append(
                SkillEntry(
                    name=name,
                    category=category,
                    aliases=tuple(spec.get("aliases", ())),
                    exact=tuple(exact) if exact is not None else None,
                    ambiguous=bool(spec.get("ambiguous", False)),
                    related=tuple(spec.get("related", ())),
                    loose=tuple(spec.get("loose", ())),
                )
            )
    return entries


def read_skills_data(path: Path, *, programs_apart: bool = True) -> dict[str, Any]:
    """A skills file's data, with the translations file beside it when there is one (``TRANSLATIONS_FILE_NAME``;
    see ``with_translations``) and French capitals also read without their accent (``with_unaccented_capitals``);
    with ``programs_apart`` false, each program of a suite is read as its suite (``with_programs_in_their_suites``)."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    translations = path.with_name(TRANSLATIONS_FILE_NAME)
    if translations.is_file():
        with translations.open("rb") as handle:
            data = with_translations(data, tomllib.load(handle))
    data = with_unaccented_capitals(data)
    if not programs_apart:
        data = with_programs_in_their_suites(data)
    return data


def with_translations(
    data: Mapping[str, Mapping[str, Mapping[str, Any]]], translations: Mapping[str, Mapping[str, Any]]
) -> dict[str, dict[str, dict[str, Any]]]:
    """The skills data (``{category: {name: spec}}``) with each skill's translations added to its aliases.

    ``translations`` maps a skill's canonical name to ``{language: [spellings]}`` (the codes of
    ``TRANSLATION_LANGUAGES``) and an optional ``loose`` list: those of its spellings that are ordinary words in a
    sentence ("Vente", "Verwaltung") and name the skill only in a skills list (``SkillEntry.loose``). A name the
    skills data does not hold, or an unknown language code, is an error: a typo would otherwise drop a whole entry.
    """
    merged = {category: {name: dict(spec) for name, spec in skills.items()} for category, skills in data.items()}
    where = {name: category for category, skills in merged.items() for name in skills}
    for name, languages in translations.items():
        if name not in where:
            raise ValueError(f"translations given for {name!r}, which the skills data does not hold")
        unknown = set(languages) - TRANSLATION_LANGUAGES - {"loose"}
        if unknown:
            raise ValueError(f"translations of {name!r}: unknown language code(s) {sorted(unknown)}")
        spec = merged[where[name]][name]
        known = {normalise_spelling(spelling) for spelling in (name, *spec.get("aliases", ()), *spec.get("exact", ()))}
        aliases = list(spec.get("aliases", ()))
        for language, spellings in languages.items():
            if language == "loose":
                continue
            # French and Italian elisions are printed with either apostrophe ("d'information", "d’information").
            for spelling in (variant for written in spellings
                             for variant in dict.fromkeys((written, written.replace("'", "’")))):
                if normalise_spelling(spelling) not in known:
                    known.add(normalise_spelling(spelling))
                    aliases.append(spelling)
        spec["aliases"] = aliases
        if languages.get("loose"):
            spec["loose"] = [*spec.get("loose", ()), *languages["loose"]]
    return merged


def with_unaccented_capitals(data: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> dict[str, dict[str, dict[str, Any]]]:
    """The skills data with each alias that starts with "é" also written with a plain "e". French prints a capital
    without its accent ("Econométrie", "Electronique", "Etude de marché"), so such a spelling is written so at the
    start of a list item or a sentence, and is the same name. Every alias counts, the skills file's as well as the
    translations' (``with_translations``)."""
    merged = {category: {name: dict(spec) for name, spec in skills.items()} for category, skills in data.items()}
    for skills in merged.values():
        for spec in skills.values():
            aliases = list(spec.get("aliases", ()))
            known = {normalise_spelling(spelling) for spelling in aliases}
            for spelling in spec.get("aliases", ()):
                bare = "e" + spelling[1:] if spelling[:1] in "éÉ" else None
                if bare and normalise_spelling(bare) not in known:
                    known.add(normalise_spelling(bare))
                    aliases.append(bare)
            if len(aliases) != len(spec.get("aliases", ())):
                spec["aliases"] = aliases
    return merged


@lru_cache(maxsize=4)
def load_vocabulary(path: Path = DEFAULT_VOCABULARY_PATH) -> SkillVocabulary:
    """The vocabulary of the engines and the fit score, from ``path`` (the shipped data file by default), parsed
    once per process: a suite's programs are read as the suite (``with_programs_in_their_suites``)."""
    return SkillVocabulary.from_toml(path, programs_apart=False)


def with_programs_in_their_suites(
    data: Mapping[str, Mapping[str, Mapping[str, Any]]],
) -> dict[str, dict[str, Mapping[str, Any]]]:
    """The skills data with each program of a suite (``part_of = "Microsoft Office"``: Word, PowerPoint) folded
    into the suite: its aliases become the suite's, its exact spellings are dropped, and no skill is related to it.

    Why: a CV that lists "Word, Excel, PowerPoint" beside "MS Office" names skills of its own, which the CV reader
    keeps apart. A job ad asking for "MS Word" asks for office skills, and the fit score's weights were fitted with
    the programs read as the suite: keeping Word apart there cost dev NDCG@10 0.801 -> 0.799 (stop 32).
    """
    programs = {name for skills in data.values() for name, spec in skills.items() if "part_of" in spec}
    program_aliases: dict[str, list[str]] = {}  # suite -> its programs' aliases
    for skills in data.values():
        for spec in skills.values():
            if "part_of" in spec:
                program_aliases.setdefault(spec["part_of"], []).extend(spec.get("aliases", ()))
    missing = program_aliases.keys() - {name for skills in data.values() for name in skills} - programs
    if missing:
        raise ValueError(f"part_of names a suite the skills data does not hold: {sorted(missing)}")
    return {
        category: {
            name: {
                **spec,
                "aliases": [*spec.get("aliases", ()), *program_aliases.get(name, ())],
                "related": [other for other in spec.get("related", ()) if other not in programs],
            }
            for name, spec in skills.items()
            if name not in programs
        }
        for category, skills in data.items()
    }


@dataclass(frozen=True, slots=True)
class Technology:
    """One row of the technology taxonomy (data/technologies.tsv, reduced from O*NET's Technology Skills)."""

    name: str
    spellings: tuple[str, ...]  # the name first
    commodity: str  # what kind of software it is ("Configuration management software")
    hot: bool  # O*NET's "hot technology" mark
    ordinary_word: bool  # the name is also an ordinary word ("Chef", "Puppet")


def read_technologies(path: Path = DEFAULT_TECHNOLOGIES_PATH) -> list[Technology]:
    return [
        Technology(name, tuple(spellings.split("|")), commodity, hot == "Y", ordinary == "Y")
        for name, spellings, commodity, hot, ordinary in tsv_rows(path)
    ]


def with_technologies(curated: Iterable[SkillEntry], technologies: Iterable[Technology]) -> list[SkillEntry]:
    """The curated entries, widened by the technology taxonomy.

    The curated file wins: a technology one of whose spellings the curated file already has is the same
    skill, and lends it its other spellings ("Oracle Java" becomes a spelling of Java, "Atlassian JIRA" of
    Jira). Any other technology is a skill of its own, in the ``technology`` category. Its one-word
    spellings match only as written, in capitals or, for a name with capitals inside, with its first capital
    only ("Ant", "Outlook", "KiCad", "Kicad": CVs write product names with their own capitals, and "ant" or
    "outlook" in lower case are words), its longer ones in any case;
    a name that is also an ordinary word is ``ambiguous`` (see the module docstring).
    """
    entries = {entry.name: entry for entry in curated}
    owner: dict[str, str] = {}
    for entry in entries.values():
        for spelling in (entry.name, *entry.aliases, *(entry.exact or ())):
            owner.setdefault(normalise_spelling(spelling), entry.name)
    for technology in technologies:
        keys = [normalise_spelling(spelling) for spelling in technology.spellings]
        known = next((owner[key] for key in keys if key in owner), None)
        if known is not None:
            curated_entry = entries[known]
            extra = tuple(spelling for spelling, key in zip(technology.spellings, keys, strict=True)
                          if key not in owner and " " in spelling)
            if extra and curated_entry.category != TECHNOLOGY_CATEGORY:
                entries[known] = replace(curated_entry, word_spellings=curated_entry.word_spellings + extra)
                owner.update((normalise_spelling(spelling), known) for spelling in extra)
            continue
        single = [spelling for spelling in technology.spellings if " " not in spelling]
        everyday = technology.commodity in EVERYDAY_COMMODITIES or technology.name in EVERYDAY_PRODUCTS
        entries[technology.name] = SkillEntry(
            technology.name, EVERYDAY_CATEGORY if everyday else TECHNOLOGY_CATEGORY, exact=(), ambiguous=technology.ordinary_word,
            word_spellings=tuple(spelling for spelling in technology.spellings if " " in spelling),
            word_exact=tuple(dict.fromkeys([*single, *(spelling.upper() for spelling in single),
                                            *(spelling.capitalize() for spelling in single if _camel_case(spelling))])),
        )
        owner.update((key, technology.name) for key in keys)
    return list(entries.values())


def _camel_case(spelling: str) -> bool:
    """Whether a name has a capital inside its small letters ("SketchUp", "NVivo", "CorelDraw"): CVs often
    write such a name with its first capital only ("Sketchup", "Nvivo"), which is still no word. A name all
    in capitals ("SAN", "MARS", "LES") is not one: with its first capital only it is the word."""
    return spelling[:1].isupper() and any(ch.islower() for ch in spelling) and any(ch.isupper() for ch in spelling[1:])


@lru_cache(maxsize=2)
def load_cv_vocabulary(
    path: Path = DEFAULT_VOCABULARY_PATH, technologies: Path = DEFAULT_TECHNOLOGIES_PATH
) -> SkillVocabulary:
    """The vocabulary the CV parser reads skills with: the curated skills and the technology taxonomy.

    The fit score keeps to the curated vocabulary (``load_vocabulary``): its must-haves are the skills a
    posting asks for, and a posting naming "Blackbaud The Raiser's Edge" is not asking for a skill the
    scorer can weigh; a CV naming it has still listed a skill the user wants to see in the profile.
    """
    curated = sorted(skill_entries(read_skills_data(path)), key=lambda entry: entry.name)
    return SkillVocabulary(with_technologies(curated, read_technologies(technologies)))


# The vocabulary the CV parse under way was handed (ai_coach.cv.parser.parse_rows(vocabulary=...)); None: the
# shipped one. A context variable, so that the section and skills readers deep inside the parse need not pass
# it along, and a parse in another thread or task keeps its own.
_CV_VOCABULARY: ContextVar[SkillVocabulary | None] = ContextVar("cv_vocabulary", default=None)


def cv_vocabulary() -> SkillVocabulary:
    """The vocabulary the CV parser reads skills with: the one the parse under way was handed
    (``reading_cv_with``), else the shipped one (``load_cv_vocabulary()``)."""
    handed = _CV_VOCABULARY.get()
    return load_cv_vocabulary() if handed is None else handed


@contextmanager
def reading_cv_with(vocabulary: SkillVocabulary | None) -> Iterator[None]:
    """Within the block, ``cv_vocabulary()`` answers ``vocabulary`` (None: the shipped one)."""
    token = _CV_VOCABULARY.set(vocabulary)
    try:
        yield
    finally:
        _CV_VOCABULARY.reset(token)
