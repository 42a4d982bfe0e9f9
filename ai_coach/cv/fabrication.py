"""Guard for LLM refinement: keep only what the CV's own text supports.

An LLM asked to tidy a heuristic parse may "improve" it with things the candidate never wrote
(a degree, a skill, a plausible employer). enforce_no_fabrication walks the LLM's result and drops
every value that cannot be found in the extracted text, comparing case-, accent-, punctuation-
and spacing-insensitively. Derived values are checked for what they derive from: a "2019-03" date
needs its year in the text, "present" needs a word for it, a canonical skill needs the vocabulary
to find it in the text, a link needs its address without scheme or "www.".
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ai_coach.cv.dates import PRESENT_WORDS
from ai_coach.cv.text import clean_text
from ai_coach.domain import SECTION_NAMES
from ai_coach.language import LANGUAGES
from ai_coach.vocabulary import load_cv_vocabulary

LABEL_VALUES: dict[str, frozenset[str]] = {
    "kind": frozenset({"linkedin", "github", "website", "other"}),
    "sections": frozenset(SECTION_NAMES),
    "language": frozenset(LANGUAGES),
}
DATE_KEYS = frozenset({"start", "end"})
# Keys that identify an entry: an entry none of whose identifying values survives is dropped whole.
IDENTIFYING_KEYS = frozenset({"title", "company", "institution", "degree", "name", "url"})
DROPPED_KEYS = frozenset({"text", "page_count"})


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", clean_text(text).casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"[\W_]+", " ", text).strip()


class _SourceText:
    def __init__(self, text: str) -> None:
        self.raw = text
        self.normalised = f" {normalise(text)} "
        self._skills: set[str] | None = None

    def contains(self, value: str) -> bool:
        needle = normalise(value)
        return bool(needle) and f" {needle} " in self.normalised

    def supports_date(self, value: str) -> bool:
        if value == "present":
            lowered = self.raw.casefold()
            return any(word in lowered for word in PRESENT_WORDS)
        match = re.fullmatch(r"((?:19|20)\d\d)(?:-(\d\d))?", value)
        return bool(match) and match.group(1) in self.raw

    def supports_url(self, value: str) -> bool:
        bare = re.sub(r"^(https?://)?(www\.)?", "", value.strip().casefold()).rstrip("/")
        return bool(bare) and bare in self.raw.casefold()

    def supports_skill(self, value: str) -> bool:
        if self._skills is None:
            self._skills = set(load_cv_vocabulary().find_in_text(self.raw))
        return value in self._skills or self.contains(value)


def _check(value: Any, key: str | None, source: _SourceText) -> Any:
    """The supported part of `value`, or None when nothing of it is supported."""
    if isinstance(value, dict):
        kept = {k: _check(v, k, source) for k, v in value.items() if k not in DROPPED_KEYS}
        identifying = [k for k in value if k in IDENTIFYING_KEYS]
        if identifying and all(kept.get(k) in (None, "", []) for k in identifying):
            return None
        return kept
    if isinstance(value, list):
        items = [_check(item, key, source) for item in value]
        return [item for item in items if item not in (None, "", {})]
    if isinstance(value, str):
        if key in LABEL_VALUES:
            return value if value in LABEL_VALUES[key] else None
        if key in DATE_KEYS:
            return value if source.supports_date(value) else None
        if key == "url":
            return value if source.supports_url(value) else None
        if key == "skills":
            return value if source.supports_skill(value) else None
        if key == "description" or key == "summary":
            return _supported_sentences(value, source)
        return value if source.contains(value) else None
    return None  # numbers, booleans and anything else cannot be checked against text


def _supported_sentences(value: str, source: _SourceText) -> str | None:
    """Long free text is kept line by line: the LLM may reflow it, but every line must come from the CV."""
    lines = [line for line in re.split(r"\n+", value) if line.strip()]
    kept = [line for line in lines if source.contains(re.sub(r"^\s*[•\-*]\s*", "", line))]
    return "\n".join(kept) or None


def enforce_no_fabrication(llm_result: dict[str, Any], text: str) -> dict[str, Any]:
    """A copy of `llm_result` without any value that does not appear in `text` (the CV's extracted text)."""
    if not isinstance(llm_result, dict):
        raise TypeError("llm_result must be a dict shaped like ParsedCv.to_dict()")
    checked = _check(llm_result, None, _SourceText(text))
    return checked if isinstance(checked, dict) else {}
