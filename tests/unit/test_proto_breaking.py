"""`make proto-lint` checks every landed change to proto/ against its parent, so a renumbered field fails
the check naming the commit that renumbered it, even in CI where the tip is main itself."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from devtools import proto_breaking

ROOT = Path(__file__).resolve().parents[2]
BUF = ROOT / proto_breaking.DEFAULT_BUF
COMMON = Path("proto/jobmate/common/v1/common.proto")

pytestmark = pytest.mark.skipif(not BUF.exists(), reason="buf comes with `make proto-lint`, which runs this test")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout.strip()


def commit_edit(repo: Path, message: str, old: str, new: str) -> str:
    path = repo / COMMON
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture edit no longer applies: {old!r} is not in {COMMON}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    git(repo, "commit", "-qam", message)
    return git(repo, "rev-parse", "--short", "HEAD")


def add_a_field(repo: Path) -> str:
    """A harmless, additive change: a new field under a new number."""
    return commit_edit(repo, "page size hint", "string page_token = 2;\n", "string page_token = 2;\n  int32 offset = 3;\n")


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, str]:
    """A repository holding a copy of today's contracts (sources only) as its baseline commit."""
    repo = tmp_path / "repo"
    shutil.copytree(
        ROOT / "proto", repo / "proto", ignore=lambda _, names: [n for n in names if n.endswith((".py", ".pyi"))]
    )
    (repo / "proto/.generated").unlink(missing_ok=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "test@example.invalid")
    git(repo, "config", "user.name", "test")
    git(repo, "add", "proto")
    git(repo, "commit", "-qm", "baseline")
    return repo, git(repo, "rev-parse", "HEAD")


def run(repo: Path, baseline: str, capsys) -> tuple[int, str]:
    code = proto_breaking.main(["--repo", str(repo), "--since", baseline, "--buf", str(BUF)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_an_additive_change_passes(repo, capsys) -> None:
    path, baseline = repo
    add_a_field(path)
    code, output = run(path, baseline, capsys)
    assert code == 0, output
    assert "1 change(s)" in output


def test_a_renumbered_field_fails_naming_the_commit(repo, capsys) -> None:
    path, baseline = repo
    add_a_field(path)
    renumber = commit_edit(path, "renumber total_count", "int32 total_count = 3;", "int32 total_count = 9;")
    commit_edit(path, "a later harmless change", "message PageInfo {", "// Where a page ends.\nmessage PageInfo {")
    code, output = run(path, baseline, capsys)
    assert code == 1
    assert f"commit {renumber} renumber total_count" in output
    assert 'Previously present field "3" with name "total_count" on message "PageInfo"' in output
    assert "page size hint" not in output and "a later harmless change" not in output


def test_a_merge_is_checked_against_its_first_parent(repo, capsys) -> None:
    path, baseline = repo
    git(path, "checkout", "-qb", "feature")
    commit_edit(path, "renumber total_count", "int32 total_count = 3;", "int32 total_count = 9;")
    git(path, "checkout", "-q", "main")
    git(path, "merge", "-q", "--no-ff", "-m", "Merge branch 'feature'", "feature")
    merge = git(path, "rev-parse", "--short", "HEAD")
    code, output = run(path, baseline, capsys)
    assert code == 1
    assert f"commit {merge} Merge branch 'feature'" in output


def test_uncommitted_changes_are_checked_against_head(repo, capsys) -> None:
    path, baseline = repo
    common = path / COMMON
    common.write_text(common.read_text(encoding="utf-8").replace("total_count = 3;", "total_count = 9;"), "utf-8")
    code, output = run(path, baseline, capsys)
    assert code == 1
    assert "uncommitted changes under proto/" in output


def test_a_baseline_missing_from_the_clone_is_reported(repo, capsys) -> None:
    path, _ = repo
    code, output = run(path, "0" * 40, capsys)
    assert code == 2
    assert "is not an ancestor of HEAD" in output


def test_a_shallow_clone_is_deepened_from_origin(repo, tmp_path, capsys) -> None:
    path, baseline = repo
    add_a_field(path)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", path.as_uri(), str(clone)], check=True)
    assert git(clone, "rev-parse", "--is-shallow-repository") == "true"
    code, output = run(clone, baseline, capsys)
    assert code == 0, output
    assert "1 change(s)" in output
