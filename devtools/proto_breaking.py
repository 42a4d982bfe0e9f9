"""`buf breaking` over history: every first-parent commit since the baseline that touches `proto/` is
checked against its parent (a merge against its first parent, i.e. main as it was before the merge).

Comparing the tip with `main` proves nothing in CI, where the tip *is* main; walking the commits catches a
renumbered or reused field in any change that landed, and names the commit. Uncommitted changes under
`proto/` are checked against HEAD as well, so the check also works before committing.

    python -m devtools.proto_breaking [--since COMMIT] [--buf PATH] [--repo DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

# The first commit whose contracts were reviewed as a whole (issue 14's baseline); older history predates
# the rule and is not re-litigated.
BASELINE = "ddcfd6528e8669baf2266d7f53d8c53c8443711c"
PROTO_DIR = "proto"
DEFAULT_BUF = Path("node_modules/.bin/buf")


class HistoryMissing(Exception):
    """The baseline commit is not in this clone (a shallow or partial clone that could not be deepened)."""


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=check)


def has_commit(repo: Path, commit: str) -> bool:
    return git(repo, "cat-file", "-e", f"{commit}^{{commit}}", check=False).returncode == 0


def ensure_history(repo: Path, since: str) -> None:
    """CI may clone shallowly; deepen from origin once, and say plainly what is missing if that fails."""
    if has_commit(repo, since) and git(repo, "merge-base", "--is-ancestor", since, "HEAD", check=False).returncode == 0:
        return
    if git(repo, "rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        fetched = git(repo, "fetch", "--quiet", "--unshallow", "origin", check=False)
        if fetched.returncode == 0 and has_commit(repo, since):
            return
        raise HistoryMissing(
            f"this clone is shallow and `git fetch --unshallow origin` failed ({fetched.stderr.strip()}); "
            f"the breaking check needs history back to {since[:12]}: clone without --depth"
        )
    raise HistoryMissing(f"commit {since[:12]} is not an ancestor of HEAD in this clone: nothing to check from")


def commits_touching_proto(repo: Path, since: str) -> list[str]:
    """Oldest first, so the first failure reported is the change that introduced the break."""
    commits = git(repo, "rev-list", "--first-parent", "--reverse", f"{since}..HEAD").stdout.split()
    return [c for c in commits if touches_proto(repo, f"{c}^1", c)]


def touches_proto(repo: Path, before: str, after: str) -> bool:
    return git(repo, "diff", "--quiet", before, after, "--", PROTO_DIR, check=False).returncode != 0


def buf_breaking(repo: Path, buf: Path, against: str, commit: str | None) -> subprocess.CompletedProcess[str]:
    """`commit=None` checks the working tree's proto/ against `against`."""
    # The common dir holds every commit, also when `repo` is a linked worktree (whose .git is a file).
    git_dir = git(repo, "rev-parse", "--path-format=absolute", "--git-common-dir").stdout.strip()
    source = git_input(git_dir, commit) if commit else str(repo / PROTO_DIR)
    return subprocess.run(
        [str(buf), "breaking", source, "--against", git_input(git_dir, against)],
        cwd=repo / PROTO_DIR,
        capture_output=True,
        text=True,
    )


def git_input(git_dir: str, ref: str) -> str:
    return f"{git_dir}#format=git,ref={ref},subdir={PROTO_DIR}"


def subject(repo: Path, commit: str) -> str:
    return git(repo, "log", "-1", "--format=%h %s", commit).stdout.strip()


def uncommitted_proto(repo: Path) -> bool:
    """Modified or new (untracked, not ignored) files under proto/."""
    return bool(git(repo, "status", "--porcelain", "--", PROTO_DIR).stdout.strip())


def check(repo: Path, buf: Path, since: str = BASELINE) -> tuple[int, list[str]]:
    """The number of changes checked, and one message per change that breaks its parent's contracts."""
    ensure_history(repo, since)
    commits = commits_touching_proto(repo, since)
    failures = []
    for commit in commits:
        result = buf_breaking(repo, buf, git(repo, "rev-parse", f"{commit}^1").stdout.strip(), commit)
        if result.returncode != 0:
            failures.append(f"commit {subject(repo, commit)}\n  breaks its parent's contracts:\n{indent(result)}")
    if not uncommitted_proto(repo):
        return len(commits), failures
    result = buf_breaking(repo, buf, "HEAD", None)
    if result.returncode != 0:
        failures.append(f"uncommitted changes under {PROTO_DIR}/ break HEAD's contracts:\n{indent(result)}")
    return len(commits) + 1, failures


def indent(result: subprocess.CompletedProcess[str]) -> str:
    text = (result.stdout + result.stderr).strip()
    return "\n".join(f"    {line}" for line in text.splitlines())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.proto_breaking", description=__doc__.split("\n\n")[0])
    parser.add_argument("--since", default=BASELINE, help="baseline commit (exclusive); default: %(default)s")
    parser.add_argument("--buf", type=Path, default=DEFAULT_BUF, help="the buf binary; default: %(default)s")
    parser.add_argument("--repo", type=Path, default=Path.cwd(), help="the repository; default: the current directory")
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    buf = args.buf if args.buf.is_absolute() else (Path.cwd() / args.buf).resolve()
    try:
        checked, failures = check(repo, buf, args.since)
    except HistoryMissing as missing:
        print(f"proto breaking check: {missing}", file=sys.stderr)
        return 2
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    print(f"buf breaking: {checked} change(s) to {PROTO_DIR}/ since {args.since[:12]} keep their parents' contracts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
