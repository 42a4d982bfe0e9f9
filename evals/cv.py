"""CV reading: how well the CV parser reads real CVs it was not written on.

The documents (PDF and DOCX) are kept outside the repository in ``$EVAL_DATA_DIR/cvs`` (default
/work/devdata/cvs; ``python -m evals.restore_data`` brings them back from their recorded sources); their
hand-written labels are ``evals/data/cv_labels/*.json`` (``split`` dev or check, and the ``fields`` read
from the page images). Rules are developed on the dev split only; check is reported beside it.

Each document goes through the product's own path: a PDF through the sandboxed extraction and the
parser (``ai_coach.cv``), a DOCX through the DOCX layout and the same parser. Figures, per file and per
split (right / total):

- name, e-mail, phone, location: one each per CV. Name and e-mail are equal after case, accents and
  spacing are ignored; a phone is right when its digits equal the label's, or both have at least seven
  digits and the last nine agree (a national "0..." and an international "+CC ..." form of the same
  number); a location is right when it equals the label or names the same first part (the city). A
  field the label leaves null is right only when the parser leaves it empty too.
- section kinds: over the kinds the product knows (``ai_coach.domain.SECTION_NAMES``), each kind in
  the label or found by the parser counts once; it is right when both have it (so a missed kind and
  an invented one are both wrong: right = |label ∩ found|, total = |label ∪ found|).
- experience entries: an entry is right when a parsed entry has the same title, company (legal forms
  dropped), start and end; each parsed entry matches at most one labelled one; total = the larger of
  the two counts (missing entries and invented ones both cost).
- skills: recall = labelled skills found / labelled skills, precision = found skills that are
  labelled / found skills, both after mapping spellings to the vocabulary's canonical names.
- languages (the spoken languages the CV lists): recall and precision of their names, not their levels,
  each name mapped to its language's code first (``ai_coach.cv.language_names``, the CLDR names), so
  "Englisch", "anglais" and "English" are one language; a name outside that table is compared as written.

Experience parts (totals only, every split, so a held-out split can be read without its per-file lines): which
part of an entry fails. Each labelled entry is paired with at most one parsed entry "near" it, one-to-one
(``pair_entries``): a parsed entry is near a labelled one when it has the same start date (both given), or when
at least half of the labelled entry's words (title and company together, legal forms dropped) are among the
parsed entry's title and company words, in either field. Near pairs are scored 2 for the same start + 1 for the
same end + the share of the labelled words found (0..1), and taken greedily, best score first (ties: the earlier
labelled entry, then the earlier parsed one), so the start date decides first and the words after. Over the
labelled entries then: how many have no parsed entry near them (missed), and, of the paired ones, how many have
the right start, the right start and end, the right company, the right title, both, and the title and company
swapped (the label's title is the parsed company and the label's company the parsed title); how a wrong title or
company is wrong, first that applies: the parsed field is empty; the label has none (the parser gave one); the
labelled value's words all sit in the other parsed field; the parsed field holds all the labelled words and more;
it holds only some of them (a part); it is another labelled entry's title or company (names shifted between
entries, or an employer heading several positions); it is a place (``common.places``); the labelled words
are all in the parsed entry's description; other. Missed entries are also counted apart when their CV has no
parsed entry at all (no section or no entry read there, rather than one entry lost). And over the parsed entries, how many are near no labelled entry
(extra). The parts use this pairing, not the headline's, so
"title and company right" with "start and end right" may differ by an entry or two from the headline figure,
which stays the only score.

``python -m evals.cv [DATA_DIR]`` prints a line per CV and the totals per split; ``run()`` returns the
totals as {split: {field: [right, total]}} (the experience parts as ``exp_<part>``: [count, of how many]).
``EVAL_CV_ONLY=c,b0`` restricts the run to the CVs whose id starts with one of those prefixes (e.g. a batch of
newly labelled files, to measure the current rules on them before they are used to change any rule);
``EVAL_LINES=dev`` (older name ``EVAL_CV_LINES``) prints the per-CV lines and the totals of those splits only
(``EVAL_TOTALS=dev,check`` prints every split's totals again; evals.paths.splits_with_lines/splits_with_totals).
``EVAL_LLM=1`` with LLM_BASE_URL and LLM_MODEL set scores the parse after the product's LLM refinement pass, as a
deployment with a model configured reads CVs (``llm_refinement``); the rules alone otherwise.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ai_coach.domain import SECTION_NAMES, ExperienceEntry, ParsedCv
from evals.compare import count_line, plain
from evals.paths import (
    DataUnavailable,
    cv_only_prefixes,
    eval_data_dir,
    load_labels,
    splits_with_lines,
    splits_with_totals,
    totals_splits,
)

if TYPE_CHECKING:
    from ai_coach.vocabulary import SkillVocabulary

LABELS_DIR = Path(__file__).resolve().parent / "data" / "cv_labels"
# Each fresh batch's figures at first sight, before any rule was written on it (see its "about").
FIRST_SIGHT_PATH = LABELS_DIR.parent / "cv_first_sight.json"
FIRST_SIGHT_FIELDS = ("experience", "sections")
SPLITS = ("dev", "check")
FIELDS = ("name", "email", "phone", "location", "sections", "experience", "skills_recall", "skills_precision",
          "languages_recall", "languages_precision")
# Experience parts: [count, of how many] per split; "found" is [parsed entries, labelled entries], "extra" is of the
# parsed entries, every other part of the labelled entries (see the module docstring).
PARTS = ("found", "missed", "missed_cv", "extra", "start", "dates", "company", "title", "title_company", "swapped")
PART_NAMES = {
    "found": "entries parsed / labelled",
    "missed": "labelled, no parsed entry near it",
    "missed_cv": "  of them, in a CV with no entry",
    "extra": "parsed, near no labelled entry",
    "start": "paired, right start",
    "dates": "paired, right start and end",
    "company": "paired, right company",
    "title": "paired, right title",
    "title_company": "paired, right title and company",
    "swapped": "paired, title and company swapped",
}
WRONG_KINDS = ("empty", "unlabelled", "other_field", "longer", "part", "another_entry", "place", "in_description",
               "other")
WRONG_NAMES = {"empty": "empty", "unlabelled": "label has none", "other_field": "in the other field",
               "longer": "holds more", "part": "a part", "another_entry": "another entry's",
               "place": "a place", "in_description": "label's in the description", "other": "other"}
_FEW_WORDS = 0.5  # share of a labelled entry's words a parsed entry must hold to be near it (without the start)
_LEGAL_FORMS = re.compile(
    r"\b(?:inc|ltd|llc|gmbh|ag|sa|sas|sarl|bv|nv|plc|corp|corporation|limited|pvt|private)\b"
)


def same_text(expected: str | None, found: str | None) -> bool:
    if not expected:
        return not found
    return plain(expected) == plain(found)


def same_phone(expected: str | None, found: str | None) -> bool:
    if not expected:
        return not found
    want, got = re.sub(r"\D", "", expected), re.sub(r"\D", "", found or "")
    if want == got:
        return bool(want)
    return len(want) >= 7 and len(got) >= 7 and want[-9:] == got[-9:]


def same_location(expected: str | None, found: str | None) -> bool:
    if not expected:
        return not found
    if not found:
        return False
    first = lambda text: plain(re.split(r"[,/(]| - ", text)[0])  # noqa: E731
    return plain(expected) == plain(found) or first(expected) == first(found)


def section_score(expected: list[str], found: list[str]) -> tuple[int, int]:
    """(right, total) over the product's section kinds: |label ∩ found| out of |label ∪ found|."""
    want = {kind for kind in expected if kind in SECTION_NAMES}
    got = {kind for kind in found if kind in SECTION_NAMES}
    return len(want & got), len(want | got)


def _company(text: str | None) -> str:
    return " ".join(_LEGAL_FORMS.sub(" ", plain(text)).split())


def same_entry(expected: dict[str, Any], found: ExperienceEntry) -> bool:
    return (
        plain(expected.get("title")) == plain(found.title)
        and _company(expected.get("company")) == _company(found.company)
        and (expected.get("start") or None) == (found.start or None)
        and (expected.get("end") or None) == (found.end or None)
    )


def matched(expected: list[dict[str, Any]], found: list[ExperienceEntry],
            same: Callable[[dict[str, Any], ExperienceEntry], bool]) -> tuple[int, int]:
    """(right, total): labelled entries matched one-to-one by a parsed entry `same` accepts, of the larger count
    (so missing entries and invented ones both cost)."""
    unused = list(found)
    right = 0
    for entry in expected:
        match = next((candidate for candidate in unused if same(entry, candidate)), None)
        if match is not None:
            unused.remove(match)
            right += 1
    return right, max(len(expected), len(found))


def experience_score(expected: list[dict[str, Any]], found: list[ExperienceEntry]) -> tuple[int, int]:
    """(right, total): labelled entries matched one-to-one by a parsed entry, out of the larger count."""
    return matched(expected, found, same_entry)


def _entry_words(title: str | None, company: str | None) -> set[str]:
    return set(plain(title).split()) | set(_company(company).split())


def _same_date(expected: Any, found: str | None) -> bool:
    return (expected or None) == (found or None)


def pair_entries(expected: list[dict[str, Any]], found: list[ExperienceEntry]) -> list[tuple[int, int]]:
    """One-to-one (labelled index, parsed index) pairs of entries near each other, best overlap first (module
    docstring): near = same start date, or at least half the labelled entry's title and company words in the parsed
    entry's; score = 2 × same start + same end + share of the labelled words found."""
    scored: list[tuple[float, int, int]] = []
    for i, entry in enumerate(expected):
        want = _entry_words(entry.get("title"), entry.get("company"))
        for j, candidate in enumerate(found):
            same_start = bool(entry.get("start")) and _same_date(entry.get("start"), candidate.start)
            share = len(want & _entry_words(candidate.title, candidate.company)) / len(want) if want else 0.0
            if not same_start and share < _FEW_WORDS:
                continue
            scored.append((2 * same_start + _same_date(entry.get("end"), candidate.end) + share, i, j))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    pairs: list[tuple[int, int]] = []
    used_expected: set[int] = set()
    used_found: set[int] = set()
    for _, i, j in scored:
        if i not in used_expected and j not in used_found:
            pairs.append((i, j))
            used_expected.add(i)
            used_found.add(j)
    return sorted(pairs)


def experience_parts(expected: list[dict[str, Any]], found: list[ExperienceEntry]) -> dict[str, tuple[int, int]]:
    """Which part of the entries is right: {part: (count, of how many)} over `PARTS` (module docstring)."""
    pairs = pair_entries(expected, found)
    counts = dict.fromkeys(("start", "dates", "company", "title", "title_company", "swapped"), 0)
    wrong = {f"{field}_{kind}": 0 for field in ("title", "company") for kind in WRONG_KINDS}
    names = [{_company(entry.get(field)) for field in ("title", "company")} - {""} for entry in expected]
    others = [set().union(*(names[:i] + names[i + 1:])) - names[i] for i in range(len(expected))]
    for i, j in pairs:
        entry, candidate = expected[i], found[j]
        start = _same_date(entry.get("start"), candidate.start)
        title = plain(entry.get("title")) == plain(candidate.title)
        company = _company(entry.get("company")) == _company(candidate.company)
        counts["start"] += start
        counts["dates"] += start and _same_date(entry.get("end"), candidate.end)
        counts["title"] += title
        counts["company"] += company
        counts["title_company"] += title and company
        counts["swapped"] += bool(
            plain(entry.get("title")) and _company(entry.get("company"))
            and plain(entry.get("title")) != _company(entry.get("company"))
            and plain(entry.get("title")) == plain(candidate.company)
            and _company(entry.get("company")) == _company(candidate.title)
        )
        if not title:
            wrong["title_" + _wrong_kind(entry.get("title"), candidate, "title", others[i])] += 1
        if not company:
            wrong["company_" + _wrong_kind(entry.get("company"), candidate, "company", others[i])] += 1
    labelled = len(expected)
    parts = {part: (count, labelled) for part, count in counts.items()}
    parts["found"] = (len(found), labelled)
    parts["missed"] = (labelled - len(pairs), labelled)
    parts["missed_cv"] = (labelled if not found else 0, labelled)
    parts["extra"] = (len(found) - len(pairs), len(found))
    return {part: parts[part] for part in PARTS} | {name: (count, labelled) for name, count in wrong.items()}


def _wrong_kind(expected: str | None, candidate: ExperienceEntry, field: str, other_names: set[str]) -> str:
    """How a wrong title or company is wrong (module docstring): a `WRONG_KINDS` name; `other_names` are the other
    labelled entries' titles and companies (as ``_company`` writes them)."""
    from common.places import is_place

    found = getattr(candidate, field)
    other_found = candidate.company if field == "title" else candidate.title
    want, got, other = (set(_company(text).split()) for text in (expected, found, other_found))
    if not got:
        return "empty"
    if not want:
        return "unlabelled"
    if want <= other:
        return "other_field"
    if want < got:
        return "longer"
    if got < want:
        return "part"
    if _company(found) in other_names:
        return "another_entry"
    if is_place(found) or is_place(re.split(r"[,(]", found)[0].strip()):
        return "place"
    if want <= set(_company(candidate.description).split()):
        return "in_description"
    return "other"


def canonical_skill(name: str, vocabulary: SkillVocabulary | None = None) -> str:
    """The plain canonical name of a skill in ``vocabulary`` (None: the shipped CV vocabulary)."""
    from ai_coach.vocabulary import load_cv_vocabulary

    return plain((load_cv_vocabulary() if vocabulary is None else vocabulary).canonical(name) or name)


def skill_scores(expected: list[str], found: list[str]) -> tuple[tuple[int, int], tuple[int, int]]:
    """((recall right, labelled), (precision right, found)) after canonical spelling."""
    want = {canonical_skill(name) for name in expected}
    got = {canonical_skill(name) for name in found}
    both = len(want & got)
    return (both, len(want)), (both, len(got))


def language_key(name: str) -> str:
    """The language a name means, whatever language it is written in ("Englisch" and "anglais" -> "en")."""
    from ai_coach.cv.language_names import language_code

    return language_code(name, any_case=True) or plain(name)


def language_scores(expected: list[str], found: list[str]) -> tuple[tuple[int, int], tuple[int, int]]:
    """((recall right, labelled), (precision right, found)) over the languages the names mean."""
    want = {language_key(name) for name in expected}
    got = {language_key(name) for name in found}
    both = len(want & got)
    return (both, len(want)), (both, len(got))


def score(label: dict[str, Any], parsed: ParsedCv | None) -> dict[str, tuple[int, int]]:
    """Every figure for one CV: {field: (right, total)}; a CV the parser refused gets everything wrong."""
    fields = label["fields"]
    cv = parsed or ParsedCv()
    recall, precision = skill_scores(fields.get("skills") or [], cv.skills)
    languages_recall, languages_precision = language_scores(fields.get("languages") or [],
                                                            [entry.name for entry in cv.languages])
    results = {
        "name": (int(parsed is not None and same_text(fields.get("name"), cv.full_name)), 1),
        "email": (int(parsed is not None and same_text(fields.get("email"), cv.contact.email)), 1),
        "phone": (int(parsed is not None and same_phone(fields.get("phone"), cv.contact.phone)), 1),
        "location": (int(parsed is not None and same_location(fields.get("location"), cv.contact.location)), 1),
        "sections": section_score(fields.get("sections") or [], cv.sections),
        "experience": experience_score(fields.get("experience") or [], cv.experience),
        "skills_recall": recall,
        "skills_precision": precision,
        "languages_recall": languages_recall,
        "languages_precision": languages_precision,
    }
    return results


def _cache_dir() -> Path:
    return Path(os.environ.get("EVAL_CACHE_DIR", "/tmp/jobmate-eval-cache")) / "cv-extraction"


def _pdf_extraction(data: bytes) -> dict[str, Any]:
    """The sandbox's positioned lines for a PDF, cached by content and by the extraction's own code (a
    change to sandbox_child.py makes new entries; layout and parsing run every time)."""
    from ai_coach.cv import sandbox_child
    from ai_coach.cv.sandbox import run_extraction

    code = Path(sandbox_child.__file__).read_bytes()
    cache = _cache_dir() / (hashlib.sha256(data + hashlib.sha256(code).digest()).hexdigest() + ".json")
    if cache.is_file():
        return json.loads(cache.read_text(encoding="utf-8"))
    extraction = run_extraction(data, _limits())
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(extraction), encoding="utf-8")
    return extraction


def _limits() -> Any:
    from ai_coach.cv.sandbox import DEFAULT_LIMITS

    return DEFAULT_LIMITS


def parse_document(path: Path, *, vocabulary: SkillVocabulary | None = None) -> ParsedCv:
    """The product's reading of one CV file (PDF or DOCX), with the skills ``vocabulary`` given (None: the
    shipped one)."""
    from ai_coach.cv.parser import build_parsed_cv

    data = path.read_bytes()
    if path.suffix.lower() == ".docx":
        from ai_coach.cv import parse_cv_docx

        return parse_cv_docx(data, vocabulary=vocabulary)
    return build_parsed_cv(_pdf_extraction(data), vocabulary=vocabulary)


def _shown(label: dict[str, Any], cv: ParsedCv, field: str) -> str:
    fields = label["fields"]
    if field == "sections":
        want = [kind for kind in fields.get("sections") or [] if kind in SECTION_NAMES]
        return f"expected {sorted(want)}, got {sorted(cv.sections)}"
    if field == "experience":
        want = [f"{e.get('title')} | {e.get('company')} | {e.get('start')}–{e.get('end')}" for e in fields["experience"]]
        got = [f"{e.title} | {e.company} | {e.start}–{e.end}" for e in cv.experience]
        return "\n      expected " + "\n               ".join(want or ["-"]) + "\n      got      " + "\n               ".join(got or ["-"])
    if field in ("skills_recall", "skills_precision"):
        want = {canonical_skill(name) for name in fields.get("skills") or []}
        got = {canonical_skill(name) for name in cv.skills}
        return f"missed {sorted(want - got)}" if field == "skills_recall" else f"extra {sorted(got - want)}"
    if field in ("languages_recall", "languages_precision"):
        want_names = {language_key(name): name for name in fields.get("languages") or []}
        got_names = {language_key(entry.name): entry.name for entry in cv.languages}
        if field == "languages_recall":
            return f"missed {sorted(want_names[key] for key in want_names.keys() - got_names.keys())}"
        return f"extra {sorted(got_names[key] for key in got_names.keys() - want_names.keys())}"
    found = {"name": cv.full_name, "email": cv.contact.email, "phone": cv.contact.phone,
             "location": cv.contact.location}[field]
    return f"expected {fields.get(field)!r}, got {found!r}"


def llm_refinement() -> Callable[[ParsedCv], ParsedCv] | None:
    """With ``EVAL_LLM=1``: the product's LLM refinement pass (ai_coach/cv/refine.py) over each parse, against the
    model LLM_BASE_URL and LLM_MODEL name (LLM_API_KEY, LLM_TIMEOUT_S as the service reads them), so the figures
    are those of a deployment with a model configured; None without EVAL_LLM (the offline reader alone)."""
    if not os.environ.get("EVAL_LLM"):
        return None
    import asyncio

    from ai_coach.cv.refine import CvRefiner
    from ai_coach.llm_client import JsonChatClient

    client = JsonChatClient.configured(base_url=os.environ.get("LLM_BASE_URL"), model=os.environ.get("LLM_MODEL"),
                                       api_key=os.environ.get("LLM_API_KEY"),
                                       timeout_s=float(os.environ.get("LLM_TIMEOUT_S", "60")))
    if client is None:
        raise DataUnavailable("EVAL_LLM is set but LLM_BASE_URL and LLM_MODEL are not: no model to refine with")
    refiner = CvRefiner(client)
    loop = asyncio.new_event_loop()  # one loop for the run: the client's connections are kept across CVs
    return lambda parsed: loop.run_until_complete(refiner.refine(parsed))


def experience_reader() -> Callable[[], contextlib.AbstractContextManager[None]]:
    """The experience reader the run parses with, as a context to parse each CV in: unset or "rules", the
    product's (the layout rules); "model" or a hybrid of the rules and the model (``evals.experience_model.HYBRIDS``:
    rules_first, rules_partial, fill), the trained experiment of evals/experience_model.py with its committed
    weights, put in the rules' place on the parser's own path (``evals.experience_rows.reading_experience_with``),
    so its figures compare with the rules' line for line. An unknown name fails here, before any CV is read."""
    kind = os.environ.get("EVAL_EXPERIENCE_READER", "rules")
    if kind == "rules":
        return contextlib.nullcontext
    from evals.experience_model import reader
    from evals.experience_rows import reading_experience_with

    chosen = reader(kind)
    return lambda: reading_experience_with(chosen)


def run(data_dir: Path | None = None, *, verbose: bool = True, details: bool = False) -> dict[str, dict[str, list[int]]]:
    """Parse every labelled CV (refined by the configured LLM with EVAL_LLM=1); print per CV and per split;
    return {split: {field: [right, total]}}."""
    cvs_dir = (data_dir or eval_data_dir()) / "cvs"
    if not cvs_dir.is_dir():
        raise DataUnavailable(f"CVs not found at {cvs_dir}; set EVAL_DATA_DIR (python -m evals.restore_data)")
    # EVAL_DETAILS=dev prints what each dev CV got wrong (never look at check's details while tuning).
    detail_splits = {split for split in SPLITS if details or split in os.environ.get("EVAL_DETAILS", "")}
    only = cv_only_prefixes()
    refine = llm_refinement()
    if verbose and refine is not None:
        print(f"reader: the rules, then the LLM refinement pass ({os.environ.get('LLM_MODEL')})")
    reading_experience = experience_reader()
    if verbose and os.environ.get("EVAL_EXPERIENCE_READER", "rules") != "rules":
        print(f"experience reader: {os.environ['EVAL_EXPERIENCE_READER']} (evals/experience_model.py, committed weights)")
    line_splits = splits_with_lines(SPLITS)
    names = (*FIELDS, "unparsed", "unread", *(f"exp_{part}" for part in PARTS),
             *(f"exp_{field}_{kind}" for field in ("title", "company") for kind in WRONG_KINDS))
    totals = {split: {name: [0, 0] for name in names} for split in SPLITS}
    by_batch: dict[str, dict[str, list[int]]] = {}  # dev figures by batch ("e" of "e03_..."), for the first-sight table
    for label in load_labels(LABELS_DIR):
        if only and not label["id"].startswith(only):
            continue
        split, path = label["split"], cvs_dir / label["file"]
        parsed: ParsedCv | None = None
        problem = ""
        if not path.is_file():
            problem = "file missing"
        else:
            try:
                with reading_experience():
                    parsed = parse_document(path)
                if refine is not None:
                    parsed = refine(parsed)
            except Exception as error:  # noqa: BLE001 - a refused or crashed CV scores zero and is reported
                problem = f"{type(error).__name__}: {error}"
        results = score(label, parsed)
        for field, (right, total) in results.items():
            totals[split][field][0] += right
            totals[split][field][1] += total
        if split == "dev":
            batch = by_batch.setdefault(batch_of(label["id"]), {field: [0, 0] for field in FIRST_SIGHT_FIELDS})
            for field in FIRST_SIGHT_FIELDS:
                batch[field][0] += results[field][0]
                batch[field][1] += results[field][1]
        # A CV the parser refused or crashed on scores zero in every field; counted apart so that a broken parser
        # (an import error in a merge) reads as such in the totals, not as a reader that found nothing.
        totals[split]["unparsed"][0] += parsed is None
        totals[split]["unparsed"][1] += 1
        # A CV one of whose field readers failed (the field left empty, the rest read: parser._read).
        totals[split]["unread"][0] += bool(parsed and parsed.unread)
        totals[split]["unread"][1] += 1
        parts = experience_parts(label["fields"].get("experience") or [], parsed.experience if parsed else [])
        for part, (count, total) in parts.items():
            totals[split][f"exp_{part}"][0] += count
            totals[split][f"exp_{part}"][1] += total
        if verbose and split in line_splits:
            marks = " ".join(
                f"{field.replace('skills_', 'sk_').replace('languages_', 'lang_')}={right}/{total}" for field, (right, total) in results.items()
            )
            print(f"{label['id'][:34]:<34} {split:<5} {marks}")
            if problem:
                print(f"    not parsed: {problem}")
            if parsed is not None and parsed.unread:
                print(f"    readers failed (fields left empty): {', '.join(parsed.unread)}")
            elif split in detail_splits and parsed is not None:
                for field, (right, total) in results.items():
                    if right < total:
                        print(f"    {field}: {_shown(label, parsed, field)}")
    if verbose:
        print_totals(totals)
        if "dev" in splits_with_totals(SPLITS):
            print_first_sight(by_batch)
    return totals


def batch_of(label_id: str) -> str:
    """The batch a label belongs to: the letters before its number ("e" of "e03_liaima-inkscape-es")."""
    return re.match(r"[a-z]*", label_id).group(0)


def print_first_sight(by_batch: dict[str, dict[str, list[int]]], path: Path = FIRST_SIGHT_PATH) -> None:
    """Each fresh batch's figures when it was first measured, before any rule saw it, beside its figures now:
    the first are the honest estimate for layouts the reader has never met, the second a dev figure."""
    first = json.loads(path.read_text(encoding="utf-8"))["batches"]
    shown = [batch for batch in first if batch in by_batch]
    if not shown:
        return
    print("\nfirst sight (each fresh batch before any rule saw it; evals/data/cv_first_sight.json) -> now:")
    pooled = {field: [0, 0, 0, 0] for field in FIRST_SIGHT_FIELDS}
    for batch in [*shown, "all"]:
        cells = []
        for field in FIRST_SIGHT_FIELDS:
            if batch == "all":
                before_right, before_total, now_right, now_total = pooled[field]
            else:
                (before_right, before_total), (now_right, now_total) = first[batch][field], by_batch[batch][field]
                for number, value in enumerate((before_right, before_total, now_right, now_total)):
                    pooled[field][number] += value
            cells.append(f"{field} {before_right:>3}/{before_total:<3} {before_right / before_total:6.1%} -> "
                         f"{now_right:>3}/{now_total:<3} {now_right / now_total:6.1%}")
        commit = first[batch]["commit"] if batch != "all" else ""
        print(f"  {batch:<4} {commit:<8} " + "   ".join(cells))


def print_totals(totals: dict[str, dict[str, list[int]]]) -> None:
    for split in totals_splits(SPLITS):
        for field in FIELDS:
            print(count_line(field, *totals[split][field], indent=2, name_width=19, count_width=4))
        if "unparsed" in totals[split]:
            print(count_line("CVs not parsed at all", *totals[split]["unparsed"], indent=2, name_width=30,
                             count_width=4))
        if "unread" in totals[split]:
            print(count_line("CVs with a failed field reader", *totals[split]["unread"], indent=2, name_width=30,
                             count_width=4))
        if f"exp_{PARTS[0]}" in totals[split]:
            print("  experience parts (labelled entries paired one-to-one with parsed ones near them):")
            for part in PARTS:
                print(count_line(PART_NAMES[part], *totals[split][f"exp_{part}"], indent=4, name_width=34,
                                 count_width=4))
            for field in ("title", "company"):
                kinds = [f"{WRONG_NAMES[kind]} {totals[split][f'exp_{field}_{kind}'][0]}" for kind in WRONG_KINDS]
                lines = textwrap.wrap(" | ".join(kind.replace(" ", "\0") for kind in kinds), 88)
                print(f"    {field + ' wrong:':<14} " + "\n                   ".join(lines).replace("\0", " "))


if __name__ == "__main__":
    try:
        run(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    except DataUnavailable as missing:
        print(f"SKIPPED cv: {missing}")
