"""The parser's tab-separated data files (``ai_coach/data/*.tsv``): one way to read their rows.

Each file opens with ``#`` comment lines (its source, licence and columns; ``data/NOTICE.md``) and holds one row a
line, its columns parted by tabs. Each reader decides what a missing file means (no evidence, an empty list or an
error), so ``tsv_rows`` lets the ``OSError`` through.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def tsv_rows(path: Path) -> list[list[str]]:
    """The rows of a data file, each a list of its tab-separated columns; comment and blank lines left out."""
    return [
        line.split("\t")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
