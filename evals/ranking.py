"""Ranking quality: how well the match score ranks real postings for real resumes.

The method is the one in ../shared/fixtures/README.md (section "ranking"):

- the 318 genuine EMSCAD postings (``fraudulent`` = 1 left out), each read as title + description +
  requirements;
- the 90 resumes of ``resumes_dev.csv``, each read the way the product reads a pasted CV
  (``evals.cv_text.profile_from_cv_text``);
- a posting is relevant to a resume when its employer-chosen ``function`` is one of those the table
  below maps to the resume's ``Category`` (Advocate maps to none and is skipped);
- the figure is the mean NDCG@10 with binary gains, tie-aware: the expected value over random orders
  of tied scores, so neither integer scores nor file order help or hurt.

The 90 resumes are split into a development half (the model's weights are fitted on it) and a check
half (reported beside it, never used for fitting): within each category, resumes sorted by
``source_row`` alternate dev, check, dev, ... (so a category of three gives two to dev). The split was
fixed before any score was looked at.

Every scorer runs in the same process on the same profiles: ours (ai_coach.engines.fit), the
TF-IDF and BM25 baselines, a skill-keyword overlap and the current heuristic engine.
"""

from __future__ import annotations

import csv
import math
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ai_coach.domain import JobInput, ProfileInput
from ai_coach.engines import HeuristicEngine
from ai_coach.vocabulary import load_vocabulary
from evals.baselines import Bm25, SkillOverlap, TfidfCosine
from evals.cv_text import profile_from_cv_text
from evals.paths import DataUnavailable, shared_fixtures_dir, splits_with_lines, splits_with_totals

K = 10
POSTINGS_FILE = "ranking/jobs_emscad_with_function.csv"
RESUMES_FILE = "ranking/resumes_dev.csv"
SPLITS = ("dev", "check")

_IT = ("Information Technology", "Engineering")
RELEVANT_FUNCTIONS: dict[str, tuple[str, ...]] = {
    **{
        category: _IT
        for category in (
            "Java Developer", "Python Developer", "DotNet Developer", "SAP Developer", "Blockchain",
            "DevOps Engineer", "Network Security Engineer",
        )
    },
    **{category: (*_IT, "Data Analyst") for category in ("Database", "Hadoop", "ETL Developer")},
    "Data Science": (*_IT, "Data Analyst", "Research"),
    "Testing": ("Quality Assurance", *_IT),
    "Automation Testing": ("Quality Assurance", *_IT),
    "Web Designing": ("Design", "Art/Creative", *_IT),
    "Arts": ("Art/Creative", "Design"),
    "HR": ("Human Resources",),
    "Sales": ("Sales", "Business Development"),
    "Business Analyst": ("Business Analyst", "Data Analyst", "Strategy/Planning", "Product Management"),
    "Mechanical Engineer": ("Engineering", "Manufacturing", "Production"),
    "Electrical Engineering": ("Engineering", "Manufacturing", "Production"),
    "Civil Engineer": ("Engineering",),
    "Health and fitness": ("Health Care Provider",),
    "Operations Manager": ("Management", "Supply Chain", "Production"),
    "PMO": ("Project Management", "Management"),
    "Advocate": (),
}


# ------------------------------------------------------------------------------------------ data


@dataclass(slots=True)
class Posting:
    job_id: str
    function: str
    job: JobInput

    @property
    def text(self) -> str:
        return f"{self.job.title}\n{self.job.description_text}"


@dataclass(slots=True)
class Resume:
    source_row: int
    category: str
    text: str
    split: str = ""
    profile: ProfileInput = field(default_factory=ProfileInput)


def posting_text(row: dict[str, str]) -> str:
    return "\n".join(part for part in (row["description"], row["requirements"]) if part.strip())


def load_postings(fixtures: Path) -> list[Posting]:
    with (fixtures / POSTINGS_FILE).open(newline="", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["fraudulent"] == "0"]
    return [
        Posting(row["job_id"], row["function"],
                JobInput(title=row["title"], description_text=posting_text(row),
                         locations=[row["location"]] if row["location"] else []))
        for row in rows
    ]


def split_resumes(resumes: list[Resume]) -> None:
    """Within each category, by source_row: dev, check, dev, check, ... (see the module docstring)."""
    by_category: dict[str, list[Resume]] = {}
    for resume in resumes:
        by_category.setdefault(resume.category, []).append(resume)
    for members in by_category.values():
        for index, resume in enumerate(sorted(members, key=lambda r: r.source_row)):
            resume.split = SPLITS[index % 2]


def load_resumes(fixtures: Path) -> list[Resume]:
    with (fixtures / RESUMES_FILE).open(newline="", encoding="utf-8") as handle:
        resumes = [Resume(int(row["source_row"]), row["Category"], row["Resume"]) for row in csv.DictReader(handle)]
    unknown = {r.category for r in resumes} - RELEVANT_FUNCTIONS.keys()
    if unknown:
        raise ValueError(f"resume categories without a relevance mapping: {sorted(unknown)}")
    split_resumes(resumes)
    for resume in resumes:
        resume.profile = profile_from_cv_text(resume.text)
    return resumes


def relevance(resume: Resume, postings: Sequence[Posting]) -> list[int]:
    wanted = RELEVANT_FUNCTIONS[resume.category]
    return [1 if posting.function in wanted else 0 for posting in postings]


# ---------------------------------------------------------------------------------------- metric


def _discount(position: int) -> float:
    return 1.0 / math.log2(position + 2)


def tie_aware_ndcg(scores: Sequence[float], gains: Sequence[int], k: int = K) -> float:
    """Expected NDCG@k over uniformly random orders within groups of equal score (binary gains).

    Each tie group occupies a run of positions; by linearity of expectation every position of the run
    holds the group's mean gain, so a group straddling the cut-off contributes its mean gain times the
    discounts of the positions it occupies above the cut-off.
    """
    if len(scores) != len(gains):
        raise ValueError("one gain per score")
    ideal = sum(_discount(p) for p in range(min(k, sum(1 for g in gains if g > 0))))
    if ideal == 0:
        raise ValueError("no relevant item: NDCG is undefined")
    groups: dict[float, list[int]] = {}
    for score, gain in zip(scores, gains, strict=True):
        groups.setdefault(score, []).append(gain)
    dcg, position = 0.0, 0
    for score in sorted(groups, reverse=True):
        if position >= k:
            break
        members = groups[score]
        mean_gain = sum(members) / len(members)
        end = min(k, position + len(members))
        dcg += mean_gain * sum(_discount(p) for p in range(position, end))
        position += len(members)
    return dcg / ideal


# --------------------------------------------------------------------------------------- scorers

Scorer = Callable[[Resume], list[float]]


SCORERS = ("ours", "TF-IDF", "BM25", "keywords", "heuristic")


def build_scorers(postings: Sequence[Posting], names: Sequence[str] = SCORERS) -> dict[str, Scorer]:
    """Name -> function giving one score per posting for a resume (see SCORERS)."""
    texts = [posting.text for posting in postings]
    jobs = [posting.job for posting in postings]
    vocabulary = load_vocabulary()
    scorers: dict[str, Scorer] = {}
    for name in names:
        if name == "ours":
            from ai_coach.engines.fit import FitScorer

            fit = FitScorer(vocabulary)
            scorers[name] = lambda resume, fit=fit: [result.score for result in fit.score(resume.profile, jobs)]
        elif name == "TF-IDF":
            baseline = TfidfCosine(texts)
            scorers[name] = lambda resume, baseline=baseline: baseline.scores(resume.text)
        elif name == "BM25":
            baseline = Bm25(texts)
            scorers[name] = lambda resume, baseline=baseline: baseline.scores(resume.text)
        elif name == "keywords":
            baseline = SkillOverlap(texts, vocabulary)
            scorers[name] = lambda resume, baseline=baseline: baseline.scores(resume.text)
        elif name == "heuristic":
            engine = HeuristicEngine(vocabulary)
            scorers[name] = lambda resume, engine=engine: [
                float(engine.analyze(job, resume.profile).score) for job in jobs
            ]
        else:
            raise ValueError(f"unknown scorer {name!r}; known: {', '.join(SCORERS)}")
    return scorers


BASELINES_TO_BEAT = ("TF-IDF", "BM25")


@dataclass(slots=True)
class RankingReport:
    scorers: list[str]
    per_resume: list[tuple[Resume, dict[str, float]]]  # resumes with at least one relevant posting
    skipped: list[Resume]
    seconds: dict[str, float]

    def mean(self, scorer: str, split: str | None = None, category: str | None = None) -> float:
        values = [
            figures[scorer]
            for resume, figures in self.per_resume
            if (split is None or resume.split == split) and (category is None or resume.category == category)
        ]
        return statistics.fmean(values) if values else float("nan")

    def count(self, split: str | None = None) -> int:
        return sum(1 for resume, _ in self.per_resume if split is None or resume.split == split)

    def best_baseline(self, split: str | None = None) -> tuple[str, float]:
        return max(((name, self.mean(name, split)) for name in BASELINES_TO_BEAT), key=lambda item: item[1])


def evaluate(fixtures: Path | None = None, splits: Sequence[str] = SPLITS,
             scorer_names: Sequence[str] | None = None) -> RankingReport:
    fixtures = fixtures or shared_fixtures_dir()
    if not (fixtures / POSTINGS_FILE).is_file() or not (fixtures / RESUMES_FILE).is_file():
        raise DataUnavailable(f"ranking fixtures not found under {fixtures}; set JOBMATE_SHARED_DIR")
    postings = load_postings(fixtures)
    resumes = [resume for resume in load_resumes(fixtures) if resume.split in splits]
    scorers = build_scorers(postings, scorer_names or SCORERS)
    seconds = dict.fromkeys(scorers, 0.0)
    per_resume: list[tuple[Resume, dict[str, float]]] = []
    skipped: list[Resume] = []
    for done, resume in enumerate(resumes, start=1):
        if done % 10 == 0:
            print(f"  ... {done} of {len(resumes)} resumes scored", file=sys.stderr, flush=True)
        gains = relevance(resume, postings)
        if not any(gains):
            skipped.append(resume)
            continue
        figures: dict[str, float] = {}
        for name, scorer in scorers.items():
            started = time.perf_counter()
            scores = scorer(resume)
            seconds[name] += time.perf_counter() - started
            figures[name] = tie_aware_ndcg(scores, gains)
        per_resume.append((resume, figures))
    return RankingReport(list(scorers), per_resume, skipped, seconds)


# ---------------------------------------------------------------------------------------- report


def print_report(report: RankingReport, out=sys.stdout) -> None:
    names = report.scorers
    line_splits = splits_with_lines(SPLITS)  # EVAL_LINES=dev: held-out resumes' lines out of sight
    header = f"{'split':<6}{'row':>5}  {'category':<26}" + "".join(f"{name:>10}" for name in names)
    print(f"NDCG@{K} per resume (tie-aware, binary gains):", file=out)
    print(header, file=out)
    for resume, figures in sorted(report.per_resume, key=lambda item: (item[0].split, item[0].category,
                                                                       item[0].source_row)):
        if resume.split not in line_splits:
            continue
        print(f"{resume.split:<6}{resume.source_row:>5}  {resume.category[:25]:<26}"
              + "".join(f"{figures[name]:>10.3f}" for name in names), file=out)
    if report.skipped:
        print(f"skipped (no relevant posting): {len(report.skipped)} resumes "
              f"({', '.join(sorted({r.category for r in report.skipped}))})", file=out)

    print(f"\nmean NDCG@{K} per category and split:", file=out)
    print(f"{'category':<26}{'split':<7}{'n':>3}" + "".join(f"{name:>10}" for name in names), file=out)
    categories = sorted({resume.category for resume, _ in report.per_resume})
    for category in categories:
        for split in SPLITS:
            n = sum(1 for r, _ in report.per_resume if r.category == category and r.split == split)
            if n and split in line_splits:
                print(f"{category[:25]:<26}{split:<7}{n:>3}"
                      + "".join(f"{report.mean(name, split, category):>10.3f}" for name in names), file=out)

    print(f"\nmean NDCG@{K} in total:", file=out)
    print(f"{'split':<14}{'n':>3}" + "".join(f"{name:>10}" for name in names) + "   margin over best of TF-IDF/BM25",
          file=out)
    shown = splits_with_totals(SPLITS)
    # "all" mixes the held-out resumes in, so it is shown only with every split's totals.
    rows: list[str | None] = [split for split in SPLITS if split in shown]
    for split in rows + ([None] if shown.issuperset(SPLITS) else []):
        if not report.count(split):
            continue
        label = split or "all"
        line = f"{label:<14}{report.count(split):>3}" + "".join(f"{report.mean(name, split):>10.3f}" for name in names)
        if "ours" in names and all(name in names for name in BASELINES_TO_BEAT):
            best, value = report.best_baseline(split)
            line += f"   {report.mean('ours', split) - value:+.3f} (vs {best} {value:.3f})"
        print(line, file=out)
    timing = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.seconds.items())
    print(f"scoring time over all resumes: {timing}", file=out)


def run() -> None:
    print_report(evaluate())


if __name__ == "__main__":
    run()
