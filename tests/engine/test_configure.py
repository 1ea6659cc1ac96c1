"""Where the provider process finds credentials: stack config first, then ZOOM_* variables. An account set nowhere
fails preview naming its key and variable, before anything is planned; a preview needs no credential, and up names
each missing one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET
from tests.engine.conftest import stack_config
from tests.engine.harness import CheckFailed, Engine, ProviderCallError, ProviderServer
from zoom_blocklist_provider.emulator import Emulator

ENTRY = {"phone_number": "+19075550100"}
MISSING = (
    "zoom_blocklist_provider.core.errors.ConfigurationError: reading Zoom credentials: missing zoom:clientId (or "
    "ZOOM_CLIENT_ID), zoom:clientSecret (or ZOOM_CLIENT_SECRET). "
    "Set them with `pulumi config set zoom:accountId ...`, `pulumi config set zoom:clientId ...` and "
    "`pulumi config set --secret zoom:clientSecret ...`, or export ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and "
    "ZOOM_CLIENT_SECRET"
)


def test_stack_config_reaches_the_emulator(emu: Emulator, tmp_path: Path) -> None:
    server = ProviderServer(log=tmp_path / "provider.log")
    try:
        server.configure(stack_config(emu))
        assert Engine(server).up({"n": ENTRY}) == {"n": "create"}
    finally:
        server.close()
    assert len(emu.admin.entries()) == 1


def test_environment_variables_reach_the_emulator(emu: Emulator, tmp_path: Path) -> None:
    env = {
        "ZOOM_ACCOUNT_ID": ACCOUNT_ID,
        "ZOOM_CLIENT_ID": CLIENT_ID,
        "ZOOM_CLIENT_SECRET": CLIENT_SECRET,
        "ZOOM_API_URL": emu.api_url,
        "ZOOM_OAUTH_URL": emu.oauth_url,
    }
    server = ProviderServer(env=env, log=tmp_path / "provider.log")
    try:
        server.configure({})
        assert Engine(server).up({"n": ENTRY}) == {"n": "create"}
    finally:
        server.close()
    assert len(emu.admin.entries()) == 1


def test_stack_config_wins_over_environment(emu: Emulator, tmp_path: Path) -> None:
    env = {"ZOOM_API_URL": "http://127.0.0.1:9/v2", "ZOOM_CLIENT_SECRET": "not-the-secret"}
    server = ProviderServer(env=env, log=tmp_path / "provider.log")
    try:
        server.configure(stack_config(emu))
        assert Engine(server).up({"n": ENTRY}) == {"n": "create"}
    finally:
        server.close()


def test_a_preview_with_the_account_set_nowhere_fails_naming_its_key_and_variable(
    emu: Emulator, tmp_path: Path
) -> None:
    server = ProviderServer(log=tmp_path / "provider.log")
    try:
        server.configure({})
        with pytest.raises(CheckFailed) as failure:
            Engine(server).preview({"n": ENTRY})
    finally:
        server.close()
    assert failure.value.failures == {
        "": "zoom:accountId is set nowhere: run `pulumi config set zoom:accountId <value>`, or export ZOOM_ACCOUNT_ID "
        "where pulumi runs"
    }
    assert emu.admin.requests() == []


def test_a_preview_needs_no_credential_and_up_names_both_ways_to_set_them(emu: Emulator, tmp_path: Path) -> None:
    server = ProviderServer(log=tmp_path / "provider.log")
    try:
        server.configure({"zoom:accountId": ACCOUNT_ID})
        assert Engine(server).preview({"n": ENTRY}) == {"n": "create"}
        with pytest.raises(ProviderCallError) as missing:
            Engine(server).up({"n": ENTRY})
    finally:
        server.close()
    assert missing.value.last_line == MISSING
    assert emu.admin.requests() == []
