"""The client secret and every access token stay out of the state, the backend, the CLI's output and our resources."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from tests.cli_e2e.conftest import BLOCKED_NUMBER, BLOCKLIST, Stack, plain
from tests.conftest import CLIENT_SECRET
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]


def leaks(text: str, secrets: list[str]) -> list[str]:
    return [secret[:6] + "..." for secret in secrets if secret in text]


def test_cli_no_secret_in_state_backend_logs_or_our_resources(declared: Stack, emu: Emulator) -> None:
    declared.declare(
        numbers={"robocaller": {"phone_number": "+19075550100"}}, lists={"spam": [{"phone_number": "+19075550101"}]}
    )
    declared.run("up", "--yes", "-v=9", "--logtostderr")
    declared.declare(
        numbers={"robocaller": {"phone_number": "+19075550100", "comment": "x"}},
        lists={"spam": [{"phone_number": "+19075550102"}]},
    )
    declared.run("up", "--yes", "-v=9", "--logtostderr")
    declared.run("refresh", "--yes", "-v=9", "--logtostderr")
    # The verbose log does show the stack config going to the provider, with the secret masked.
    assert f"zoom:apiUrl:{{{emu.api_url}}} zoom:clientId:{{emulator-client}} zoom:clientSecret:{{[secret]}}" in (
        declared.transcript[-2].stderr
    )
    secrets = [CLIENT_SECRET, *emu.admin.issued_tokens()]
    assert len(secrets) >= 3  # the secret and a token per provider process, at least
    for result in declared.transcript:
        assert leaks(result.output, secrets) == [], f"pulumi {' '.join(result.args)}"
    assert leaks(declared.run("stack", "export").stdout, secrets) == []
    for folder in (declared.backend, declared.home):
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            assert leaks(path.read_text(errors="replace"), secrets) == [], str(path)
    decrypted = declared.export(show_secrets=True)["deployment"]["resources"]
    ours = [resource for resource in decrypted if resource["type"] in (BLOCKED_NUMBER, BLOCKLIST)]
    assert len(ours) == 2
    assert leaks(str(ours), secrets) == []


def test_cli_the_provider_in_state_is_tiny_and_holds_no_setting(declared: Stack, emu: Emulator) -> None:
    declared.declare(numbers={"a": {"phone_number": "+19075550100"}, "b": {"phone_number": "+19075550101"}})
    declared.run("up", "--yes", "--skip-preview")  # what is held is the state it writes
    blobs = {base64.b64decode(plain(resource["outputs"]["__provider"])) for resource in declared.resources().values()}
    assert len(blobs) == 1
    (blob,) = blobs
    assert (len(blob) < 512, b"emulator" in blob, b"127.0.0.1" in blob) == (True, False, False)
    # Holding nothing secret, it is stored as it is, not encrypted: every checkpoint writes two copies per resource.
    stored = declared.resources(show_secrets=False).values()
    encoded = base64.b64encode(blob).decode()
    assert [(r["inputs"]["__provider"], r["outputs"]["__provider"]) for r in stored] == [(encoded, encoded)] * 2
