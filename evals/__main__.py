"""Run the evaluation sections: ``python -m evals [SECTION ...]`` (``make eval`` runs them all).

A section whose data is missing is reported as skipped; a section that crashes is reported with its
traceback and the others still run. The exit status is non-zero only when a section crashed: the figures
themselves are reported, not judged.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback

from evals.paths import DataUnavailable

# name -> module; each module has run() that prints its figures.
SECTIONS: dict[str, str] = {
    "ranking": "evals.ranking",
    "pages": "evals.pages",
    "cv": "evals.cv",
    "text_cv": "evals.text_cv",
}


def main(argv: list[str]) -> int:
    wanted = argv or list(SECTIONS)
    unknown = [name for name in wanted if name not in SECTIONS]
    if unknown:
        print(f"unknown section(s): {', '.join(unknown)}; known: {', '.join(SECTIONS)}", file=sys.stderr)
        return 2
    crashed: list[str] = []
    for name in wanted:
        print(f"\n=== {name} " + "=" * max(0, 70 - len(name)))
        started = time.perf_counter()
        try:
            importlib.import_module(SECTIONS[name]).run()
        except DataUnavailable as missing:
            print(f"SKIPPED {name}: {missing}")
            continue
        except Exception:  # noqa: BLE001 - one section's crash must not hide the others' figures
            traceback.print_exc()
            crashed.append(name)
            print(f"CRASHED {name}")
            continue
        print(f"--- {name} done in {time.perf_counter() - started:.1f} s")
    if crashed:
        print(f"\ncrashed: {', '.join(crashed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
