"""No module of the runtime imports another module's ``_private`` name.

A private name is free to move or change with its module. At stop 31 two branches merged cleanly while one of
them still imported ``experience._LEGAL_FORM``, which the other had moved to ``fields.LEGAL_FORM``: every CV
then failed to parse, and only the eval's totals showed it. ruff's import-private-name rule (PLC2701) does not
help here, since it ignores imports inside one top-level package, which is where this one happened. A name
two modules share is made public where it lives. Tests, evals and benchmarks reach into internals on purpose
and are not checked.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.unit.test_dependencies import REPO_ROOT, RUNTIME_PACKAGES


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_module(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    """The absolute name of the module an import reads from (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    # `from . import x` in a package's __init__ is the package itself; in a module, the module's package.
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join([*base, *([node.module] if node.module else [])])


def private_imports(path: Path, importer: str | None = None) -> list[str]:
    """``file:line: name from module`` for each private name the file imports from another module; the file's
    module name is read from its place in the repository unless given."""
    importer = importer or module_name(path)
    is_package = path.name == "__init__.py"
    shown = path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path.name
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(node, ast.ImportFrom):
            continue
        source = imported_module(node, importer, is_package)
        if source == importer:
            continue
        for alias in node.names:
            if alias.name.startswith("_") and not alias.name.startswith("__"):
                found.append(f"{shown}:{node.lineno}: {alias.name} from {source}")
    return found


def test_the_check_sees_a_private_import_inside_one_package(tmp_path: Path) -> None:
    probe = tmp_path / "text_entries.py"
    probe.write_text(
        "from ai_coach.cv.experience import _LEGAL_FORM\n"
        "from .fields import _body_size, LEGAL_FORM\n"
        "from . import _own_helper_module\n"
        "from ai_coach.cv.text_entries import _its_own_name\n"
    )
    assert private_imports(probe, importer="ai_coach.cv.text_entries") == [
        "text_entries.py:1: _LEGAL_FORM from ai_coach.cv.experience",
        "text_entries.py:2: _body_size from ai_coach.cv.fields",
        "text_entries.py:3: _own_helper_module from ai_coach.cv",
    ]


def test_no_runtime_module_imports_another_modules_private_name() -> None:
    offenders = [
        line for package in RUNTIME_PACKAGES for path in sorted((REPO_ROOT / package).rglob("*.py")) for line in private_imports(path)
    ]
    assert offenders == []
