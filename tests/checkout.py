"""The checkout stays as git has it: what a test run leaves behind in the repository's folder, named.

A test that writes a relative path while its working folder is the checkout (the way `blocklist.csv` once landed at
the root) leaves a file that the next `git add .` commits. tests/conftest.py checks each test's top-level leftovers
as it ends, naming the test, and the whole checkout at the end of the run, where a file deeper down shows.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

# What tools running the suite write by design; all of it is in .gitignore.
TOOLING = frozenset({".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache", "__pycache__", ".venv"})


def top_level(root: Path) -> frozenset[str]:
    """The names in the checkout's own folder: cheap enough to compare around every test."""
    return frozenset(entry.name for entry in root.iterdir()) - TOOLING


def untracked(root: Path) -> frozenset[str]:
    """Every path git does not track, ignored ones included (each file), tooling left out."""
    listed = subprocess.run(
        ["git", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=traditional"],
        cwd=root, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    paths = (record[3:] for record in listed.stdout.split("\0") if record[:2] in ("??", "!!"))
    return frozenset(path for path in paths if not TOOLING.intersection(Path(path).parts))


def left_behind(before: frozenset[str], after: frozenset[str]) -> str | None:
    """The message that fails a run which added `after - before`, or None when it added nothing."""
    added = sorted(after - before)
    if not added:
        return None
    return f"left in the checkout: {', '.join(added)} (write into tmp_path, never a path relative to the checkout)"
