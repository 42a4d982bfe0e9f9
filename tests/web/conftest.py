"""Browser tests of the web app: the built app (web/dist) served by the real gateway in front of the
real mesh (five processes, real PostgreSQL and Redis), a loopback fake job board, and Debian's headless
Chromium driven by Playwright (its own browser download is not used).

Run by `make test-web` (which builds the app first). Screenshots of every screen at phone and desktop
width go to `.artifacts/web/` (or $JOBMATE_ARTIFACTS_DIR), kept after the run; axe-core checks every
screen for serious and critical accessibility violations.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from devtools.devstack import PROCESSES, Mesh, free_port
from tests.fakes.boards import CannedResponse, FakeBoard

pytestmark = pytest.mark.web

REPO_ROOT = Path(__file__).resolve().parents[2]
WEB_DIST = REPO_ROOT / "web" / "dist"
AXE_SOURCE = REPO_ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("JOBMATE_CHROMIUM", "/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-dev-shm-usage"]
ARTIFACTS = Path(os.environ.get("JOBMATE_ARTIFACTS_DIR", REPO_ROOT / ".artifacts" / "web"))
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 860}
PASSWORD = "correct horse battery staple"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.web)


# --- the fake job board --------------------------------------------------------------------------------
def greenhouse_job(n: int, title: str, description: str, location: str = "Remote") -> dict:
    return {"id": n, "title": title, "absolute_url": f"https://boards.example.org/acme/jobs/{n}",
            "company_name": "Acme", "location": {"name": location}, "updated_at": "2026-01-10T09:00:00Z",
            "content": description.replace("<", "&lt;").replace(">", "&gt;")}


BOARD_JOBS = {"jobs": [
    greenhouse_job(201, "Backend Engineer (Python)",
                   "<p>Build Python and PostgreSQL services with Docker and Kubernetes.</p>"),
    greenhouse_job(202, "Senior Backend Engineer",
                   "<p>Own our Python APIs; PostgreSQL, Redis and gRPC.</p>", location="Paris"),
    greenhouse_job(203, "Backend Engineer, Payments",
                   "<p>Python services for payments; Kafka a plus.</p>", location="Berlin"),
    greenhouse_job(204, "Backend Engineer Intern", "<p>Unpaid internship writing Python.</p>"),
]}


# --- the mesh ----------------------------------------------------------------------------------------------
@dataclass
class WebMesh:
    mesh: Mesh
    board: FakeBoard
    work: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.mesh.ports['gateway']}"

    def logs(self, limit: int = 3000) -> str:
        out = []
        for log in sorted((self.work / "logs").glob("*.log")):
            out.append(f"--- {log.name}\n{log.read_text(errors='replace')[-limit:]}")
        return "\n".join(out)


def web_mesh_env(board: FakeBoard, database_url: str, redis_url: str, data_dir: Path, work: Path,
                 **extra: str) -> dict[str, str]:
    return {"JOBMATE_ENV": "test", "DATA_DIR": str(data_dir), "DATABASE_URL": database_url, "REDIS_URL": redis_url,
            "SHUTDOWN_DRAIN_S": "0.2", "CV_STORAGE_DIR": str(work / "cv"),
            "SOURCE_BASE_URL_OVERRIDES": json.dumps({"greenhouse": board.base_url}),
            # Runs happen when the user asks (the test watches one), not when the scheduler picks them up.
            "DISCOVERY_SCHEDULER_ENABLED": "false",
            "GATEWAY_WEB_DIST_DIR": str(WEB_DIST), **extra}


@pytest.fixture(scope="session")
def web_build() -> Path:
    if not (WEB_DIST / "index.html").is_file():
        pytest.fail("the web app is not built: run `make test-web` (or `make web` first)")
    return WEB_DIST


@asynccontextmanager
async def running_web_mesh(postgres_server_dsn: str, redis_server_url: str, test_data_dir: Path, work: Path,
                           extra: dict[str, str], ports: dict[str, int] | None = None) -> AsyncIterator[WebMesh]:
    """The mesh behind the built app, with `extra` environment; `ports` when the caller must know the
    gateway's address first (an OAuth redirect URI names it)."""
    from tests.conftest import fresh_redis_database
    from tests.helpers import create_database, drop_database

    redis_url = fresh_redis_database(redis_server_url)
    name, database_url = await create_database(postgres_server_dsn, "jm_web")
    board = FakeBoard().start()
    # The board answers a little slowly, so a run is visibly RUNNING before it finishes.
    board.add("/v1/boards/acme/jobs", CannedResponse(body=json.dumps(BOARD_JOBS).encode(), delay_s=1.5))
    mesh = Mesh(env=web_mesh_env(board, database_url, redis_url, test_data_dir, work, **extra),
                ports=ports or {p: free_port() for p in PROCESSES}, log_dir=work / "logs")
    mesh.start()
    running = WebMesh(mesh, board, work)
    try:
        await asyncio.to_thread(mesh.wait_healthy, 120)
        yield running
    finally:
        mesh.stop()
        board.stop()
        if os.environ.get("JOBMATE_SHOW_MESH_LOGS"):
            print(running.logs())
        await drop_database(postgres_server_dsn, name)


@pytest.fixture(scope="module")
async def web_mesh(postgres_server_dsn: str, redis_server_url: str, test_data_dir: Path, web_build: Path,
                   tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> AsyncIterator[WebMesh]:
    extra = getattr(request.module, "MESH_ENV", {})
    async with running_web_mesh(postgres_server_dsn, redis_server_url, test_data_dir,
                                tmp_path_factory.mktemp("web-mesh"), extra) as running:
        yield running


# --- the browser -------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def chromium_executable() -> str:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium-headless-shell "
                    "(apt-get install -y chromium-headless-shell); .ci/run does it")
    return CHROMIUM


@pytest.fixture(scope="session")
async def browser(chromium_executable: str) -> AsyncIterator:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            await chromium.close()


@dataclass
class PageWatch:
    """What a page reported that a user would never want: script errors and failed loads (CSP included)."""

    problems: list[str] = field(default_factory=list)

    def attach(self, page) -> None:  # type: ignore[no-untyped-def]
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("console", lambda message: self.problems.append(f"console {message.type}: {message.text}")
                if message.type == "error" and not _expected_console_error(message.text) else None)


def _expected_console_error(text: str) -> bool:
    # A failed request the app handles (e.g. a 401 the test provokes) is logged by Chromium itself.
    return "Failed to load resource" in text


@pytest.fixture(scope="session")
def artifacts() -> Iterator[Path]:
    # Not emptied: `make conformance` runs after `make test-web` in CI and must not wipe its pictures;
    # each screen's files are overwritten by the next run.
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield ARTIFACTS
    print(f"\nweb app screenshots: {ARTIFACTS}")


class Shots:
    """Screenshots of a screen at phone and desktop width, and an axe-core check of each."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.taken: list[Path] = []
        self._axe = AXE_SOURCE.read_text(encoding="utf-8") if AXE_SOURCE.is_file() else None

    async def capture(self, page, name: str, *, widths=(PHONE, DESKTOP), settle=None) -> None:  # type: ignore[no-untyped-def]
        original = page.viewport_size
        for size in widths:
            await page.set_viewport_size(size)
            if settle is not None:
                await settle()
            await page.wait_for_timeout(150)  # layout after the resize; not an assertion
            await self.check_accessibility(page, f"{name} at {size['width']} px")
            # The whole page in one picture: the window is made as tall as the page (a full-page capture
            # would leave sticky bars and toasts where the window's bottom was, mid-page).
            height = await page.evaluate("Math.ceil(document.documentElement.scrollHeight)")
            await page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(height, 8000))})
            await page.wait_for_timeout(100)
            path = self.directory / f"{name}-{size['width']}.png"
            await page.screenshot(path=str(path))
            self.taken.append(path)
            await page.set_viewport_size(size)
        if original:
            await page.set_viewport_size(original)

    async def check_accessibility(self, page, where: str) -> None:  # type: ignore[no-untyped-def]
        assert self._axe is not None, f"{AXE_SOURCE} missing: run `make web` (npm ci installs axe-core)"
        # Injected through the DevTools protocol: the page's CSP (no inline script) does not apply to it.
        if not await page.evaluate("typeof window.axe === 'object'"):
            await page.evaluate(self._axe)
        violations = await page.evaluate("""async () => {
            const result = await axe.run(document, { resultTypes: ["violations"] });
            return result.violations
              .filter((v) => v.impact === "serious" || v.impact === "critical")
              .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                             nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary) }));
        }""")
        assert violations == [], f"accessibility violations on {where}: {json.dumps(violations, indent=1)}"


@pytest.fixture
def shots(artifacts: Path) -> Shots:
    return Shots(artifacts)
