"""Every sample of README.md and docs/ runs, each by the runner of its kind (tests/docs_samples.py finds them):
Python programs under Pulumi's mocks (the dynamic resources applied through the SDK's provider server, the native
ones checked and created by the real plugin over gRPC), blocklist files read as load_blocklist reads them (with
the error shown after a bad one), shell lines against the emulator, and `$ command` transcripts compared with what
the command prints. TypeScript and YAML programs run through the real CLI in tests/cli_e2e/test_docs_samples_cli.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pulumi
import pulumi_zoom
import pytest
import yaml

from tests.conftest import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET
from tests.docs_samples import (
    LANGUAGES,
    REPO,
    Block,
    all_blocks,
    error_samples,
    runnable,
    shell_outputs,
    shown_after,
)  # fmt: skip
from tests.engine.harness import Engine
from tests.native.conftest import provider_config
from tests.native.harness import NativeEngine, NativeServer, from_struct
from tests.programs.harness import run_program
from zoom_blocklist_provider.core.files import BlocklistFileError, read_blocklist
from zoom_blocklist_provider.core.spec import ADOPT_DOC, ALLOW_EMERGENCY_DOC, BlockedNumberSpec
from zoom_blocklist_provider.emulator import Emulator

# What a program beside its blocklist files sees as `__file__`: examples/from-file holds blocklist.csv and .yaml.
PROGRAM_FILE = REPO / "examples" / "from-file" / "__main__.py"
# The second account of the several-accounts samples: the same emulator, reached through an explicit provider.
EMEA = {"emea:accountId": ACCOUNT_ID, "emea:clientId": CLIENT_ID, "emea:clientSecret": CLIENT_SECRET}
SHOWN_URL = "http://127.0.0.1:8787"  # the emulator's address as the docs show it (`--port 8787`)
SEEDED = [  # what the emulator holds when a shell sample or transcript runs
    {"phone_number": "+19075550100", "comment": "INC-4411: robocaller"},
    {"phone_number": "+442079460000", "block_type": "outbound", "status": "inactive", "comment": "CHG-2240"},
    {"phone_number": "+1900", "match_type": "prefix", "block_type": "outbound", "comment": "CHG-2201"},
]


def ids(blocks: list[Block]) -> list[str]:
    return [block.id for block in blocks]


# The blocks and their markers


def test_the_pages_hold_samples_of_every_runner() -> None:
    kinds = {block.kind for block in all_blocks() if block.runs}
    assert {"dynamic", "native", "typescript", "program", "data", "csv", "text"} <= kinds


@pytest.mark.parametrize("block", all_blocks(), ids=lambda block: block.id)
def test_every_block_is_fenced_with_a_language_a_runner_knows(block: Block) -> None:
    assert block.language in LANGUAGES, f"{block.id}: fence it as one of {', '.join(LANGUAGES)}"


@pytest.mark.parametrize("block", [b for b in all_blocks() if b.not_run is not None], ids=lambda block: block.id)
def test_a_block_not_run_says_why(block: Block) -> None:
    assert block.not_run, f"{block.id}: write the reason after `<!-- not run:`"


@pytest.mark.parametrize("block", [b for b in all_blocks() if b.checked_by is not None], ids=lambda block: block.id)
def test_a_block_checked_elsewhere_names_a_test_that_reads_its_page(block: Block) -> None:
    test = REPO / str(block.checked_by)
    assert test.is_file(), f"{block.id}: {block.checked_by} does not exist"
    assert Path(block.page).name in test.read_text(), f"{block.id}: {block.checked_by} never reads {block.page}"


@pytest.mark.parametrize("block", [b for b in all_blocks() if b.runs and b.kind == "text"], ids=lambda block: block.id)
def test_an_output_sample_is_compared_with_what_the_code_prints(block: Block) -> None:
    compared = block.id in error_samples() | shell_outputs() or block.text.startswith("$ ")
    assert compared, (
        f"{block.id}: no test compares this output: make it a `$ command` transcript, put it right after the shell "
        "block that prints it or the file whose error it shows, or mark it `<!-- checked by: <test> -->` or "
        "`<!-- not run: <reason> -->`"
    )


# Python programs under the mocks


@pytest.mark.parametrize("block", runnable("dynamic"), ids=lambda block: block.id)
def test_dynamic_python_sample_applies_against_the_emulator(engine: Engine, emu: Emulator, block: Block) -> None:
    scope = {"__file__": str(PROGRAM_FILE), "__name__": "__main__"}
    steps = run_program(engine, lambda: exec(compile(block.text, block.id, "exec"), scope))
    assert steps, f"{block.id} declares nothing"
    assert set(steps.values()) == {"create"}
    in_zoom = {entry["id"] for entry in emu.admin.entries()}
    for name, state in engine.state.items():  # a Blocklist's id is its own; its entries' ids are Zoom's
        assert state.id in in_zoom or set(state.outputs["__ids"].values()) <= in_zoom, name


class ApplyMocks(pulumi.runtime.Mocks):
    """Each of our resources checked and created by the real plugin against the emulator, as `pulumi up` would; one
    imported by id (the `import_` option) is checked only, its id being a stand-in. Providers are registered as they
    are, and every resource goes through the one plugin configured for the emulator, whichever provider it names: the
    CLI runs in tests/cli_e2e/test_docs_samples_cli.py give each provider its own configuration."""

    def __init__(self, engine: NativeEngine) -> None:
        self.engine = engine
        self.steps: dict[str, str] = {}
        self.created: dict[str, tuple[str, dict[str, Any]]] = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        if args.typ.startswith("pulumi:providers:"):
            self.steps[args.name] = "provider"
            return f"{args.name}-id", dict(args.inputs)
        checked = self.engine.check(args.typ, args.name, args.inputs)
        if args.resource_id:
            self.steps[args.name] = "import"
            return args.resource_id, checked
        reply = self.engine.create(args.typ, args.name, checked)
        self.steps[args.name] = "create"
        self.created[args.name] = (reply.id, from_struct(reply.properties))
        return reply.id, from_struct(reply.properties)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


@pytest.fixture(scope="module")
def plugin_engine(emulator: Emulator) -> Iterator[NativeEngine]:
    server = NativeServer()
    server.start(provider_config(emulator))
    yield NativeEngine(server)
    server.close()


@pytest.mark.parametrize("block", runnable("native"), ids=lambda block: block.id)
def test_native_python_sample_applies_against_the_emulator(
    plugin_engine: NativeEngine, emu: Emulator, block: Block
) -> None:
    plugin_engine.server.new_command()
    mocks = ApplyMocks(plugin_engine)
    pulumi.runtime.set_mocks(mocks, project="zoom-blocklist", stack="test", preview=False)
    for key, value in EMEA.items():
        pulumi.runtime.set_config(key, value)
    scope = {"__file__": str(PROGRAM_FILE), "__name__": "__main__", "zoom": pulumi_zoom}
    pulumi.runtime.test(lambda: exec(compile(block.text, block.id, "exec"), scope))()
    assert {step for step in mocks.steps.values() if step != "provider"} <= {"create", "import"}
    assert mocks.steps, f"{block.id} declares nothing"
    # Every entry created is in Zoom under the id the plugin returned (a Blocklist: each entry's, in its `ids`).
    recorded = {
        entry_id
        for created_id, outputs in mocks.created.values()
        for entry_id in (outputs["ids"].values() if "ids" in outputs else [created_id])
    }
    assert recorded == {entry["id"] for entry in emu.admin.entries()}


# Blocklist files


@pytest.mark.parametrize("block", runnable("csv") + runnable("data"), ids=lambda block: block.id)
def test_blocklist_file_sample_reads_or_fails_as_shown(
    block: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "blocklist.csv" if block.language == "csv" else "blocklist.yaml"
    Path(name).write_text(block.text)
    after = shown_after(block)
    if after is not None:
        with pytest.raises(BlocklistFileError) as failed:
            read_blocklist(name)
        assert str(failed.value) + "\n" == after.text
    else:
        loaded = yaml.safe_load(block.text) if block.language == "yaml" else None
        rows = len(block.text.splitlines()) - 1 if loaded is None else len(loaded.get("entries", loaded))
        assert len(read_blocklist(name)) == rows


# Shell lines and transcripts, against the emulator


@pytest.fixture
def shell(emu: Emulator, tmp_path: Path) -> dict[str, str]:
    """The environment a shell sample runs in: the project's commands first on PATH, ZOOM_* at the emulator, and
    any `pulumi` it runs kept to a home and file backend of this test's own (no login, nothing in ~/.pulumi)."""
    for entry in SEEDED:
        emu.admin.add_entry(**entry)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZOOM_", "PULUMI_"))}
    (tmp_path / "backend").mkdir()
    (tmp_path / "work").mkdir()  # where the sample runs
    env.update(
        PATH=os.pathsep.join([str(Path(sys.executable).parent), env["PATH"]]),
        PULUMI_HOME=str(tmp_path / "pulumi-home"),
        PULUMI_BACKEND_URL=f"file://{tmp_path / 'backend'}",
        PULUMI_CONFIG_PASSPHRASE="",
        PULUMI_SKIP_UPDATE_CHECK="true",
        ZOOM_ACCOUNT_ID=ACCOUNT_ID,
        ZOOM_CLIENT_ID=CLIENT_ID,
        ZOOM_CLIENT_SECRET=CLIENT_SECRET,
        ZOOM_API_URL=emu.api_url,
        ZOOM_OAUTH_URL=emu.oauth_url,
        ZOOM_EMULATOR_URL=emu.url,  # `emulator add` and `log` reach it as a reader's reach theirs on 8787
        NO_PROXY="127.0.0.1,localhost",
    )
    return env


def as_shown(text: str, emu: Emulator) -> str:
    return text.replace(emu.url, SHOWN_URL)


def as_run(command: str, emu: Emulator) -> str:
    """A command as the page shows it, with the emulator's shown address made the test's (a curl of the admin path)."""
    return command.replace(SHOWN_URL, emu.url)


@pytest.mark.parametrize("block", runnable("sh"), ids=lambda block: block.id)
def test_shell_sample_runs_and_prints_what_the_page_shows(
    block: Block, shell: dict[str, str], emu: Emulator, tmp_path: Path
) -> None:
    if re.search(r"^pulumi ", block.text, re.MULTILINE) and shutil.which("pulumi", path=shell["PATH"]) is None:
        reason = f"{block.id} runs pulumi, which `make setup` links into .venv/bin once `make cli` has found it"
        if os.environ.get("ZOOM_BLOCKLIST_REQUIRE_CLI"):
            pytest.fail(reason)
        pytest.skip(reason)
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", as_run(block.text, emu)], cwd=tmp_path / "work", env=shell, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"{block.id} failed:\n{done.stdout}\n{done.stderr}"
    shown = shown_after(block)
    if shown is not None:
        assert as_shown(done.stdout + done.stderr, emu) == shown.text, f"{block.id} printed otherwise than {shown.id}"


def transcript(text: str) -> list[tuple[str, str]]:
    """Each `$ command` of a transcript with the output shown under it."""
    steps: list[tuple[str, str]] = []
    for line in text.splitlines(keepends=True):
        if line.startswith("$ "):
            steps.append((line[2:].strip(), ""))
        else:
            command, shown = steps[-1]
            steps[-1] = (command, shown + line)
    return steps


@pytest.mark.parametrize("block", [b for b in runnable("text") if b.text.startswith("$ ")], ids=lambda block: block.id)
def test_transcript_prints_what_it_shows(block: Block, shell: dict[str, str], emu: Emulator, tmp_path: Path) -> None:
    for command, shown in transcript(block.text):
        done = subprocess.run(
            ["bash", "-c", as_run(command, emu)],
            cwd=tmp_path / "work",
            env=shell,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert as_shown(done.stdout + done.stderr, emu) == shown, f"{block.id}: `{command}` printed otherwise"


# The property table of the dynamic resources is their own descriptions


def test_the_dynamic_property_table_is_the_resource_descriptions() -> None:
    guide = (REPO / "docs" / "guides" / "dynamic-resources.md").read_text()
    for name, field in BlockedNumberSpec.model_fields.items():
        assert f"| `{name}` | {field.description} |" in guide
    assert f"| `adopt` | {ADOPT_DOC} |" in guide
    assert f"| `allow_emergency` | {ALLOW_EMERGENCY_DOC} |" in guide
