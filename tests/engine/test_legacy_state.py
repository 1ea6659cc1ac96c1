"""A stack applied before the package was regrouped: its pickled providers name the old modules, and still work."""

from __future__ import annotations

import base64

from tests.engine.harness import Engine, ProviderServer
from zoom_blocklist_provider.emulator import Emulator

# `__provider` as states written by 0.1.0 hold it: pickles of zoom_blocklist_provider.blocked_number and .blocklist.
LEGACY_BLOCKED_NUMBER = (
    "gASVRwAAAAAAAACMJnpvb21fYmxvY2tsaXN0X3Byb3ZpZGVyLmJsb2NrZWRfbnVtYmVylIwVQmxvY2tlZE51bWJlclByb3ZpZGVylJOUKYGULg=="
)
LEGACY_BLOCKLIST = (
    "gASVPgAAAAAAAACMIXpvb21fYmxvY2tsaXN0X3Byb3ZpZGVyLmJsb2NrbGlzdJSMEUJsb2NrbGlzdFByb3ZpZGVylJOUKYGULg=="
)


def test_the_legacy_pickles_name_the_old_modules() -> None:
    assert b"zoom_blocklist_provider.blocked_number" in base64.b64decode(LEGACY_BLOCKED_NUMBER)
    assert b"zoom_blocklist_provider.blocklist" in base64.b64decode(LEGACY_BLOCKLIST)


def test_a_blocked_number_of_a_legacy_state_updates_and_deletes(server: ProviderServer, emu: Emulator) -> None:
    engine = Engine(server, provider_blob=LEGACY_BLOCKED_NUMBER)
    engine.up({"robocaller": {"phone_number": "+19075550100"}})
    engine.up({"robocaller": {"phone_number": "+19075550100", "comment": "INC-1"}})
    assert [entry["comment"] for entry in emu.admin.entries()] == ["INC-1"]
    engine.destroy()
    assert emu.admin.entries() == []


def test_a_blocklist_of_a_legacy_state_refreshes_and_deletes(server: ProviderServer, emu: Emulator) -> None:
    engine = Engine(server, provider_blob=LEGACY_BLOCKLIST)
    engine.up({"spam": {"entries": [{"phone_number": "+19075550100"}, {"phone_number": "+19075550101"}]}})
    assert engine.refresh() == {"spam": "same"}
    engine.destroy()
    assert emu.admin.entries() == []
