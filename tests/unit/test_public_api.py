"""The package re-exports exactly what ordinary use needs, and nothing else."""

from __future__ import annotations

import types

import pytest

import zoom_blocklist_provider
from zoom_blocklist_provider.core.files import BlocklistFileError
from zoom_blocklist_provider.dynamic.blocked_number import BlockedNumber


def test_all_is_sorted_and_names_every_public_re_export() -> None:
    public = {
        name
        for name in dir(zoom_blocklist_provider)
        if not name.startswith("_") and not isinstance(getattr(zoom_blocklist_provider, name), types.ModuleType)
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


def test_each_name_is_the_object_its_home_module_defines() -> None:
    assert zoom_blocklist_provider.BlockedNumber is BlockedNumber
    assert zoom_blocklist_provider.BlocklistFileError is BlocklistFileError


def test_a_name_it_does_not_export_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError) as raised:
        zoom_blocklist_provider.Blocklists  # noqa: B018
    assert str(raised.value) == "module 'zoom_blocklist_provider' has no attribute 'Blocklists'"
