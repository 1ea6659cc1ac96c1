"""The emulator package plays Zoom's side alone: it imports nothing else from the project, and re-exports."""

from __future__ import annotations

import ast
from pathlib import Path

import zoom_blocklist_provider.emulator as emulator_package
from tests.sources import parse

EMULATOR = Path(emulator_package.__file__).parent


def _imported_modules(source: Path) -> list[str]:
    tree = parse(source)
    modules = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            modules.append("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            modules.extend(alias.name for alias in node.names)
    return modules


def test_emulator_imports_nothing_from_the_rest_of_the_package() -> None:
    outside = [
        f"{source.name}: {module}"
        for source in sorted(EMULATOR.glob("*.py"))
        for module in _imported_modules(source)
        if module.startswith(("..", "zoom_blocklist_provider"))
    ]
    assert outside == []


def test_init_reexports_a_sorted_complete_all() -> None:
    assert emulator_package.__all__ == sorted(emulator_package.__all__)
    assert emulator_package.__all__ == ["Emulator", "EmulatorAdmin", "EmulatorConfig"]


def test_config_repr_hides_the_client_secret() -> None:
    assert "emulator-secret" not in repr(emulator_package.EmulatorConfig())
