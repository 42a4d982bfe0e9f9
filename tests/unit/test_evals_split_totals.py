"""Held-out totals stay out of sight while rules are tuned on dev (EVAL_LINES), until asked for (EVAL_TOTALS)."""

from __future__ import annotations

import pytest

from evals.cv import SPLITS, print_totals
from evals.paths import splits_with_totals, totals_splits


def test_totals_follow_the_lines_unless_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVAL_LINES", raising=False)
    monkeypatch.delenv("EVAL_CV_LINES", raising=False)
    monkeypatch.delenv("EVAL_TOTALS", raising=False)
    assert splits_with_totals(SPLITS) == {"dev", "check"}  # make eval: every figure
    monkeypatch.setenv("EVAL_LINES", "dev")
    assert splits_with_totals(SPLITS) == {"dev"}
    monkeypatch.setenv("EVAL_TOTALS", "dev,check")
    assert splits_with_totals(SPLITS) == {"dev", "check"}


def test_the_cv_report_says_the_check_totals_are_hidden(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("EVAL_LINES", "dev")
    monkeypatch.delenv("EVAL_TOTALS", raising=False)
    totals = {split: {} for split in SPLITS}
    totals["dev"] = {field: [3, 4] for field in ("name", "email", "phone", "location", "sections", "experience",
                                                  "skills_recall", "skills_precision", "languages_recall",
                                                  "languages_precision")}
    print_totals(totals)
    shown = capsys.readouterr().out
    assert "dev:" in shown and "3/4" in shown
    assert "check: totals hidden" in shown


def test_each_shown_split_is_headed_and_each_hidden_one_said_to_be_hidden(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("EVAL_LINES", "dev")
    monkeypatch.delenv("EVAL_TOTALS", raising=False)
    assert list(totals_splits(("dev", "check"))) == ["dev"]
    assert capsys.readouterr().out == ("\ndev:\n"
                                       "\ncheck: totals hidden (EVAL_LINES; EVAL_TOTALS=dev,check shows them)\n")
    monkeypatch.setenv("EVAL_TOTALS", "dev,check")
    assert list(totals_splits(("dev", "check"))) == ["dev", "check"]
    assert capsys.readouterr().out == "\ndev:\n\ncheck:\n"
