"""The package re-exports exactly what ordinary use needs, and nothing else."""

from __future__ import annotations

import types

import zoom_blocklist_provider


def test_all_is_sorted_and_names_every_public_re_export() -> None:
    public = {
        name
        for name, value in vars(zoom_blocklist_provider).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert zoom_blocklist_provider.__all__ == sorted(zoom_blocklist_provider.__all__)
    assert set(zoom_blocklist_provider.__all__) == public


def test_ordinary_use_needs_only_the_package() -> None:
    assert zoom_blocklist_provider.__all__ == [
        "BlockType",
        "BlockedNumber",
        "BlockedNumberArgs",
        "BlockedNumberProvider",
        "Blocklist",
        "BlocklistFileError",
        "BlocklistProvider",
        "MatchType",
        "Status",
        "load_blocklist",
    ]
