"""The browser funnel (tests/web/funnel.py) with a real-world CV from ../shared/fixtures/cvs: a person
uploads it in the web app and sees the parsed profile, then goes all the way to an application.
Needs the built app and Debian's chromium-headless-shell, like `make test-web` (`make conformance`
builds the app first; .ci/run installs the browser)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.conftest import (  # noqa: F401 (fixtures shared with tests/web)
    Shots,
    WebMesh,
    artifacts,
    browser,
    chromium_executable,
    shots,
    web_build,
    web_mesh,
)
from tests.web.funnel import run_web_funnel

pytestmark = pytest.mark.web


async def test_the_web_funnel_with_a_real_world_cv(browser, web_mesh: WebMesh, shots: Shots,  # noqa: F811
                                                    fixtures_dir: Path, tmp_path: Path) -> None:
    cv = fixtures_dir / "cvs" / "awesome-cv_cv.pdf"  # Python, Docker, Kubernetes: matches the board's postings
    await run_web_funnel(browser, web_mesh, shots, cv.read_bytes(), cv.name, tmp_path, screenshots=False)
