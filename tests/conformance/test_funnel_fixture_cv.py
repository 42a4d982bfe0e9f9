"""The e2e funnel (tests/e2e/test_funnel.py) with a real-world CV from ../shared/fixtures/cvs instead of
the small generated PDF: upload, CV_PARSED, discovery, approval, ANALYSIS_DONE, the board, replay."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import mesh_factory  # noqa: F401 (the fixture, shared with the e2e funnel)
from tests.e2e.test_funnel import run_funnel


async def test_the_funnel_with_a_real_world_cv(mesh_factory, fixtures_dir: Path) -> None:  # noqa: F811
    cv = fixtures_dir / "cvs" / "awesome-cv_cv.pdf"  # Python, Docker, Kubernetes: matches the board's posting
    await run_funnel(mesh_factory, cv.read_bytes(), cv.name)
