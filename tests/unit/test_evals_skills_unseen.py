"""The unseen-CV proxy for skills (evals.skills_unseen): dev labels only, totals per batch."""

from __future__ import annotations

from evals.skills_unseen import batch_totals, dev_labels


def test_check_split_labels_are_never_read() -> None:
    labels = [{"id": "a01", "split": "dev"}, {"id": "m01", "split": "check"}, {"id": "e02", "split": "dev"}]
    assert [label["id"] for label in dev_labels(labels)] == ["a01", "e02"]


def test_totals_per_batch_letter_and_overall() -> None:
    rows = [
        ("a01_x", {"python", "docker"}, {"python", "excel"}),
        ("a02_y", {"sql"}, {"sql"}),
        ("e01_z", {"kicad", "soldering"}, set()),
    ]
    totals = batch_totals(rows)
    assert totals["a"] == [2, 3, 3]  # 2 found of 3 labelled; 2 right of 3 found
    assert totals["e"] == [0, 2, 0]
    assert totals["all"] == [2, 5, 3]
