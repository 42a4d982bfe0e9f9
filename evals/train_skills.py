"""A learned accept/reject model for CV skill candidates, cross-validated by file on the dev CVs.

    EVAL_DATA_DIR=/work/devdata python -m evals.train_skills

Measured and not shipped (docs/analysis.md, the CV skills section): by leave-one-file-out it does not
reach a better recall/precision pair than the product's rules, so nothing is written to the product.

Only the dev split is read: the CV files in ``$EVAL_DATA_DIR/cvs`` through the product's extraction and
layout (``evals.cv.parse_document``), and their labels in ``evals/data/cv_labels``. The candidates and
features are ``evals.skill_candidates``'s; a candidate is a positive example when its name, after
canonical spelling, is a labelled skill. The model is an L2-regularised logistic regression over
standardised features, fitted by Newton's method in numpy. Printed, each from scores of models fitted
without the file being scored: the figure at a threshold chosen on the training files (the lowest whose
precision there is at least ``TARGET_PRECISION``), the best recall at a precision of at least 80%, and
the same when the model may only drop what the rules found or only add to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import numpy as np

from ai_coach.cv import fields, parser
from ai_coach.language import detect_language
from evals.cv import LABELS_DIR, canonical_skill, parse_document, skill_scores
from evals.paths import eval_data_dir, load_labels
from evals.skill_candidates import FEATURES, candidate_vectors

L2 = 10.0
TARGET_PRECISION = 0.83  # a margin over the 80%, since the threshold is chosen on the training files
NEWTON_STEPS = 25


@dataclass
class Document:
    """One dev CV: its candidates' names and feature rows, whether each is labelled, and its labels."""

    id: str
    names: list[str]
    vectors: np.ndarray
    positive: np.ndarray
    labels: list[str]


def skills_inputs(path: Path) -> tuple[str, str]:
    """The skills-section text and the whole text the parser hands ``find_skills`` for one CV."""
    seen: dict[str, tuple[str, str]] = {}

    def record(section: str, text: str) -> list[str]:
        seen["inputs"] = (section, text)
        return []

    with mock.patch.object(parser, "find_skills", record):
        parse_document(path)
    return seen["inputs"]


def load_documents(data_dir: Path) -> list[Document]:
    documents = []
    for label in load_labels(LABELS_DIR):
        if label["split"] != "dev":
            continue
        section, text = skills_inputs(data_dir / "cvs" / label["file"])
        labels = label["fields"].get("skills") or []
        wanted = {canonical_skill(name) for name in labels}
        rules = fields.find_skills(section, text)
        pairs = list(candidate_vectors(section, text, rules, detect_language(text)))
        names = [candidate.name for candidate, _ in pairs]
        vectors = np.array([vector for _, vector in pairs], dtype=float).reshape(-1, len(FEATURES))
        positive = np.array([canonical_skill(name) in wanted for name in names], dtype=bool)
        documents.append(Document(label["id"], names, vectors, positive, labels))
    return documents


def fit(vectors: np.ndarray, positive: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(means, scales, weights, bias) of an L2 logistic regression on standardised features."""
    means = vectors.mean(axis=0)
    scales = vectors.std(axis=0)
    scales[scales == 0] = 1.0
    design = np.hstack([(vectors - means) / scales, np.ones((len(vectors), 1))])
    target = positive.astype(float)
    coefficients = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], L2)
    penalty[-1] = 0.0  # the bias is not shrunk
    for _ in range(NEWTON_STEPS):
        probability = 1.0 / (1.0 + np.exp(-design @ coefficients))
        gradient = design.T @ (probability - target) + penalty * coefficients
        hessian = (design * (probability * (1 - probability))[:, None]).T @ design + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        coefficients -= step
        if np.abs(step).max() < 1e-8:
            break
    return means, scales, coefficients[:-1], float(coefficients[-1])


def probabilities(model: tuple[np.ndarray, np.ndarray, np.ndarray, float], vectors: np.ndarray) -> np.ndarray:
    means, scales, weights, bias = model
    return 1.0 / (1.0 + np.exp(-(((vectors - means) / scales) @ weights + bias)))


def totals(documents: list[Document], accepted: list[list[str]]) -> tuple[int, int, int, int]:
    """(recall right, labelled, precision right, found) as evals.cv counts them."""
    sums = [0, 0, 0, 0]
    for document, names in zip(documents, accepted, strict=True):
        (right, labelled), (right_found, found) = skill_scores(document.labels, names)
        sums = [sums[0] + right, sums[1] + labelled, sums[2] + right_found, sums[3] + found]
    return sums[0], sums[1], sums[2], sums[3]


def accepted_names(document: Document, scores: np.ndarray, threshold: float) -> list[str]:
    return [name for name, score in zip(document.names, scores, strict=True) if score >= threshold]


def choose_threshold(documents: list[Document], scores: list[np.ndarray]) -> float:
    """The lowest threshold at which the documents' precision is at least TARGET_PRECISION."""
    for threshold in np.arange(0.10, 0.95, 0.01):
        _, _, right, found = totals(
            documents, [accepted_names(d, s, threshold) for d, s in zip(documents, scores, strict=True)])
        if found and right / found >= TARGET_PRECISION:
            return float(round(threshold, 2))
    return 0.95


def train(documents: list[Document]) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray, float], float]:
    model = fit(np.vstack([d.vectors for d in documents]), np.concatenate([d.positive for d in documents]))
    threshold = choose_threshold(documents, [probabilities(model, d.vectors) for d in documents])
    return model, threshold


def leave_one_file_out(documents: list[Document]) -> tuple[list[np.ndarray], list[float]]:
    """Each document's candidate scores, and the threshold chosen, from a model fitted on the others."""
    scores, thresholds = [], []
    for index, held_out in enumerate(documents):
        model, threshold = train(documents[:index] + documents[index + 1:])
        scores.append(probabilities(model, held_out.vectors))
        thresholds.append(threshold)
    return scores, thresholds


def best_recall(documents: list[Document], accept: list[list[np.ndarray]], floor: float = 0.80) -> str:
    """The best recall at a precision of at least ``floor`` over the candidate acceptances given."""
    best: tuple[int, int, int, int] | None = None
    for accepted in accept:
        names = [[name for name, keep in zip(d.names, mask, strict=True) if keep]
                 for d, mask in zip(documents, accepted, strict=True)]
        figures = totals(documents, names)
        if figures[3] and figures[2] / figures[3] >= floor and (best is None or figures[0] > best[0]):
            best = figures
    return describe(best) if best else "none"


def describe(figures: tuple[int, int, int, int]) -> str:
    recall_right, labelled, right, found = figures
    return (f"recall {recall_right}/{labelled} = {recall_right / labelled:.1%}, "
            f"precision {right}/{found} = {right / found:.1%}")


def main() -> None:
    documents = load_documents(eval_data_dir())
    ruled = [d.vectors[:, FEATURES.index("rule")] > 0 for d in documents]
    rules = totals(documents, [[name for name, keep in zip(d.names, mask, strict=True) if keep]
                               for d, mask in zip(documents, ruled, strict=True)])
    print(f"{'rules (the product)':<44} {describe(rules)}")
    scores, thresholds = leave_one_file_out(documents)
    model = totals(documents, [accepted_names(d, s, t) for d, s, t in zip(documents, scores, thresholds, strict=True)])
    print(f"{'model, threshold from the training files':<44} {describe(model)}")
    grid = np.arange(0.05, 0.96, 0.05)
    print(f"{'model, best threshold at precision >= 80%':<44} "
          f"{best_recall(documents, [[s >= t for s in scores] for t in grid])}")
    print(f"{'model may only drop what the rules found':<44} "
          f"{best_recall(documents, [[r & (s >= t) for r, s in zip(ruled, scores, strict=True)] for t in grid])}")
    print(f"{'model may only add to what the rules found':<44} "
          f"{best_recall(documents, [[r | (s >= t) for r, s in zip(ruled, scores, strict=True)] for t in grid])}")


if __name__ == "__main__":
    main()
