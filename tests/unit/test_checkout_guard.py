"""The guard that keeps test runs out of the checkout: it names what a run left behind, and only that."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.checkout import left_behind, top_level, untracked


def repository(root: Path) -> Path:
    subprocess.run(["git", "init", "--quiet", str(root)], check=True, timeout=60)
    (root / ".gitignore").write_text(".pulumi-state/\n")
    (root / "README.md").write_text("tracked\n")
    subprocess.run(["git", "-C", str(root), "add", "."], check=True, timeout=60)
    return root


def test_a_file_written_at_the_top_is_named(tmp_path: Path) -> None:
    root = repository(tmp_path)
    before = top_level(root)
    (root / "blocklist.csv").write_text("phone_number\n")
    assert left_behind(before, top_level(root)) == (
        "left in the checkout: blocklist.csv (write into tmp_path, never a path relative to the checkout)"
    )


def test_files_deeper_down_and_ignored_folders_are_named(tmp_path: Path) -> None:
    root = repository(tmp_path)
    (root / "examples").mkdir()
    before = untracked(root)
    (root / "examples" / "out.json").write_text("{}")
    (root / ".pulumi-state").mkdir()
    (root / ".pulumi-state" / "stack.json").write_text("{}")
    assert left_behind(before, untracked(root)) == (
        "left in the checkout: .pulumi-state/stack.json, examples/out.json (write into tmp_path, never a path relative to "
        "the checkout)"
    )


def test_caches_of_the_tools_running_the_suite_are_not_leftovers(tmp_path: Path) -> None:
    root = repository(tmp_path)
    before = (top_level(root), untracked(root))
    for cache in (".pytest_cache", ".hypothesis", "__pycache__"):
        (root / cache).mkdir()
        (root / cache / "x").write_text("")
    assert (left_behind(before[0], top_level(root)), left_behind(before[1], untracked(root))) == (None, None)


def test_files_there_before_the_run_are_not_blamed_on_it(tmp_path: Path) -> None:
    root = repository(tmp_path)
    (root / "notes.txt").write_text("the developer's own\n")
    assert left_behind(untracked(root), untracked(root)) is None
