"""The native provider from TypeScript: the generated Node.js SDK, installed from its tarball as the README says,
under the real CLI's Node.js language host; and its types catching a bad program before any call.

The packages are installed once a run (conftest's `node_project`), and each project links its node_modules there.
The program runs with ts-node transpiling only: `tsc` type-checks it once, after its last edit, rather than ts-node
at each command that runs it (the release and template tests run the host's type-checking default).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli_e2e.conftest import TYPESCRIPT, Stack, calls, link_node_modules, new_stack
from tests.conftest import CLIENT_ID, CLIENT_SECRET
from zoom_blocklist_provider.emulator import Emulator, EmulatorConfig

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
NATIVE = "zoom:phone:BlockedNumber"


def tsc(project: Path) -> subprocess.CompletedProcess[str]:
    """`tsc --noEmit` of the project's tsconfig.json (its index.ts)."""
    return subprocess.run(
        ["npx", "--no-install", "tsc", "--noEmit", "-p", "."], cwd=project, capture_output=True, text=True,
        timeout=300, check=False, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip


@pytest.fixture
def typescript(
    pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path, node_project: Path
) -> Iterator[tuple[Stack, Emulator]]:
    emea = Emulator(EmulatorConfig(account_id="emea-account")).start()
    stack = new_stack(pulumi_tools, user_venv, emu, tmp_path, TYPESCRIPT)
    settings = {"accountId": "emea-account", "clientId": CLIENT_ID, "apiUrl": emea.api_url, "oauthUrl": emea.oauth_url}
    stack.run("config", "set-all", *(f"--plaintext=emea:{k}={v}" for k, v in settings.items()),
              f"--secret=emea:clientSecret={CLIENT_SECRET}")  # fmt: skip
    link_node_modules(stack.project, node_project)
    stack.env["PULUMI_NODEJS_TRANSPILE_ONLY"] = "true"  # tsc checks the program after its last edit
    yield stack, emea
    emea.stop()


def test_cli_typescript_program_previews_applies_changes_imports_and_destroys(
    typescript: tuple[Stack, Emulator], emu: Emulator
) -> None:
    stack, emea = typescript
    preview = stack.run("preview")
    assert 'robocallerNumber: "+19075550100"' in preview.stdout
    assert (emu.admin.requests(), emea.admin.requests()) == ([], [])
    stack.run("up", "--yes")
    assert Counter(method for method, _ in calls(emu)) == {"POST": 6}
    assert [(c["method"], c["path"]) for c in emea.admin.api_calls()] == [("POST", "/v2/phone/blocked_list")]
    stack.run("preview", "--expect-no-changes")
    program = stack.project / "index.ts"
    program.write_text(program.read_text().replace("INC-4907: spoofs our helpdesk caller id", "INC-4907, INC-5300"))
    spoofed = stack.ids(NATIVE)["spoofed-helpdesk"]
    emu.admin.clear_requests()
    stack.run("up", "--yes")
    assert calls(emu) == [("PATCH", f"/v2/phone/blocked_list/{spoofed}")]
    entry_id = "_tsImportedFromPortal0"  # Zoom's ids may begin with '_' or '-': ids go after `--`
    emu.admin.add_entry(phone_number="+442079460099", block_type="outbound", comment="portal", id=entry_id)
    # The Node.js host built here cannot print program code (GenerateProgram), so the code is written by hand.
    stack.run("import", NATIVE, "imported", "--yes", "--generate-code=false", "--protect=false", "--", entry_id)
    declaration = (
        'new zoom.phone.BlockedNumber("imported", '
        '{ phoneNumber: "+44 20 7946 0099", blockType: "outbound", comment: "portal" });\n'
    )
    program.write_text(program.read_text() + declaration)
    checked = tsc(stack.project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    stack.run("preview", "--expect-no-changes")
    stack.run("destroy", "--yes")
    assert (emu.admin.entries(), emea.admin.entries()) == ([], [])


def test_a_typo_or_a_wrong_enum_fails_tsc_before_any_call(tmp_path: Path, node_project: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("tsconfig.json", "index.ts"):
        shutil.copy(TYPESCRIPT / name, project / name)
    link_node_modules(project, node_project)
    program = project / "index.ts"
    program.write_text(
        program.read_text()
        + 'new zoom.phone.BlockedNumber("typo", { phoneNumbr: "+19075550199" });\n'
        + 'new zoom.phone.BlockedNumber("enum", { phoneNumber: "+19075550198", blockType: "Inbound" });\n'
    )
    checked = tsc(project)
    assert checked.returncode != 0
    errors = [line for line in checked.stdout.splitlines() if ": error TS" in line]
    assert len(errors) == 2, checked.stdout
    assert "'phoneNumbr' does not exist in type 'BlockedNumberArgs'" in errors[0]
    assert errors[1].endswith(
        "error TS2820: Type '\"Inbound\"' is not assignable to type 'Input<BlockType | undefined>'. Did you mean "
        "'\"inbound\"'?"
    )
    enums = project / "node_modules" / "@zoom-blocklist-provider" / "zoom" / "types" / "enums" / "phone"
    # BlockType is the union of these literals: "inbound" | "outbound" | "threat".
    declared = (enums / "index.d.ts").read_text()
    assert (
        'readonly Inbound: "inbound";\n    readonly Outbound: "outbound";\n    readonly Threat: "threat";' in declared
    )
