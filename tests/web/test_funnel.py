"""The funnel in a real browser (see tests/web/funnel.py), with a CV generated here (the real-world CVs
run the same funnel in tests/conformance/test_web_funnel_fixture_cv.py)."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_cv_pdfs import one_column_cv
from tests.web.conftest import Shots, WebMesh
from tests.web.funnel import run_web_funnel


async def test_the_whole_loop_in_a_browser(browser, web_mesh: WebMesh, shots: Shots, tmp_path: Path) -> None:
    await run_web_funnel(browser, web_mesh, shots, one_column_cv(), "jane-example-cv.pdf", tmp_path)
