"""The package's folders show its architecture: each a subpackage saying what it is for, small modules, one-way
imports (the core, the Zoom client and the review never import Pulumi; the emulator imports nothing of the rest)."""

from __future__ import annotations

import ast
from pathlib import Path

import zoom_blocklist_provider
from tests.sources import parse

PACKAGE = Path(zoom_blocklist_provider.__file__).parent
SUBPACKAGES = ["cli", "core", "dynamic", "emulator", "native", "operations", "policies", "review", "zoom"]
MAX_LINES = 340


def imports(source: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found


def test_every_folder_is_a_subpackage_with_a_docstring() -> None:
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith("__"))
    assert folders == SUBPACKAGES
    for name in SUBPACKAGES:
        assert ast.get_docstring(parse(PACKAGE / name / "__init__.py")), name


def test_no_module_is_longer_than_about_300_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_core_the_client_the_operations_and_the_review_never_import_pulumi() -> None:
    importing = [
        str(source.relative_to(PACKAGE))
        for folder in ("core", "zoom", "operations", "review")
        for source in sorted((PACKAGE / folder).glob("*.py"))
        if "pulumi" in imports(source)
    ]
    assert importing == []
