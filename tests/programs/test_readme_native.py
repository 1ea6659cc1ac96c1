"""The README's native-provider examples run: each Python block under the SDK's mocks, every registration
checked and previewed by the real plugin over gRPC, with no call to Zoom."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pulumi
import pulumi_zoom
import pytest

from tests.native.conftest import provider_config
from tests.native.harness import NativeEngine, NativeServer, from_struct
from zoom_blocklist_provider.emulator import Emulator

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
NATIVE_BLOCKS = [block for block in re.findall(r"```python\n(.*?)```", README, re.S) if "zoom.phone." in block]


class EmeaConfig:
    """The README's `emea_config`: a project config with the second account's settings."""

    def require(self, key: str) -> str:
        return f"emea-{key}"

    def require_secret(self, key: str) -> pulumi.Output[str]:
        return pulumi.Output.secret(f"emea-{key}")


class PreviewMocks(pulumi.runtime.Mocks):
    """Each of our resources checked and previewed by the plugin; providers registered as they are."""

    def __init__(self, engine: NativeEngine) -> None:
        self.engine = engine
        self.planned: dict[str, str] = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        if args.typ.startswith("pulumi:providers:"):
            self.planned[args.name] = args.typ
            return f"{args.name}-id", dict(args.inputs)
        checked = self.engine.check(args.typ, args.name, args.inputs)
        reply = self.engine.create(args.typ, args.name, checked, preview=True)
        self.planned[args.name] = args.typ
        return None, from_struct(reply.properties)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


@pytest.fixture(scope="module")
def preview_engine(emulator: Emulator) -> Iterator[NativeEngine]:
    server = NativeServer()
    server.start(provider_config(emulator))
    yield NativeEngine(server)
    server.close()


def test_readme_has_native_python_examples() -> None:
    assert len(NATIVE_BLOCKS) >= 2


@pytest.mark.parametrize("block", NATIVE_BLOCKS, ids=lambda block: block.splitlines()[-1][:40])
def test_readme_native_example_previews_cleanly(preview_engine: NativeEngine, emu: Emulator, block: str) -> None:
    mocks = PreviewMocks(preview_engine)
    pulumi.runtime.set_mocks(mocks, project="zoom-blocklist", stack="test", preview=True)
    scope = {"pulumi": pulumi, "zoom": pulumi_zoom, "emea_config": EmeaConfig()}
    pulumi.runtime.test(lambda: exec(compile(block, "README.md", "exec"), scope))()
    assert {kind for kind in mocks.planned.values() if not kind.startswith("pulumi:providers:")} <= {
        "zoom:phone:BlockedNumber",
        "zoom:phone:Blocklist",
    }
    assert mocks.planned
    assert emu.admin.requests() == []
