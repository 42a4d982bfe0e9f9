"""The parser's tab-separated data files are read one way (ai_coach.data_files.tsv_rows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ai_coach.data_files import DATA_DIR, tsv_rows


def test_rows_leave_out_comments_and_blank_lines_and_keep_every_column(tmp_path: Path) -> None:
    path = tmp_path / "heads.tsv"
    path.write_text("# source: ESCO\n# columns: language, head\n\nde\tentwickler\tY\n  \npl\tprogramista\tN\n")
    assert tsv_rows(path) == [["de", "entwickler", "Y"], ["pl", "programista", "N"]]


def test_a_missing_file_is_an_error_each_reader_decides_on(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        tsv_rows(tmp_path / "absent.tsv")


def test_the_shipped_files_read_as_their_readers_expect() -> None:
    assert {len(row) for row in tsv_rows(DATA_DIR / "technologies.tsv")} == {5}
    assert {len(row) for row in tsv_rows(DATA_DIR / "personal_qualities.tsv")} == {2}
    assert {len(row) for row in tsv_rows(DATA_DIR / "given_names.tsv")} == {1}
    assert min(len(row) for row in tsv_rows(DATA_DIR / "esco_job_heads.tsv")) >= 4
