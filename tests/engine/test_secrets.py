"""The client secret never reaches state, `__provider`, a returned property bag, a log or an error text."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tests.conftest import CLIENT_SECRET
from tests.engine.conftest import stack_config
from tests.engine.harness import PROVIDER_BLOB, Engine, ProviderCallError, ProviderServer
from zoom_blocklist_provider.emulator import Emulator

ENTRY = {"phone_number": "+19075550100", "comment": "INC-4411"}


def test_serialized_provider_is_small_and_holds_no_credential() -> None:
    pickled = base64.b64decode(PROVIDER_BLOB)
    assert len(PROVIDER_BLOB) < 1024
    for credential in (CLIENT_SECRET, "emulator-client", "emulator-account"):
        assert credential.encode() not in pickled


def test_no_property_bag_of_a_whole_lifecycle_holds_the_secret(engine: Engine, emu: Emulator) -> None:
    bags = []
    engine.up({"n": ENTRY})
    bags.append(engine.state["n"])
    emu.admin.edit_entry(engine.state["n"].id, status="inactive")
    engine.refresh()
    bags.append(engine.state["n"])
    engine.up({"n": {**ENTRY, "comment": "INC-4412"}})
    bags.append(engine.state["n"])
    engine.destroy()
    text = json.dumps([[bag.id, bag.inputs, bag.outputs] for bag in bags])
    assert CLIENT_SECRET not in text
    assert "INC-4412" in text


def test_wrong_secret_error_does_not_echo_it(emu: Emulator, tmp_path: Path) -> None:
    wrong = "wrong-secret-5f3a"
    server = ProviderServer(log=tmp_path / "provider.log")
    try:
        server.configure({**stack_config(emu), "zoom:clientSecret": wrong})
        with pytest.raises(ProviderCallError) as failure:
            Engine(server).up({"n": ENTRY})
    finally:
        server.close()
    assert "AuthenticationError" in failure.value.last_line
    assert wrong not in failure.value.details
    assert wrong not in (tmp_path / "provider.log").read_text()
