"""Run a Pulumi program under the SDK's mocks, forwarding each registration to the real provider server.

The program's `BlockedNumber(...)` calls go through the SDK exactly as under `pulumi up` (serialization of the
provider, Output resolution); the mocks hand each registration to `tests.engine.harness.Engine`, which plays the
engine's Check/Diff/Create/Update over gRPC against the emulator. Resources the program no longer declares are
deleted once it finishes, as the engine does.
"""

from __future__ import annotations

import runpy
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi
from pulumi.runtime import rpc

from tests.engine.harness import Engine

SECRET_SIG = rpc._special_sig_key


def _plain(value: Any) -> Any:
    """Unwrap a secret-wrapped value (the mocks hand `__provider` over as a secret)."""
    if isinstance(value, dict) and value.get(SECRET_SIG) == rpc._special_secret_sig:
        return value["value"]
    return value


class ForwardingMocks(pulumi.runtime.Mocks):
    """Mocks whose every resource is planned (preview) or applied (up) by the engine stand-in."""

    def __init__(self, engine: Engine, preview: bool) -> None:
        self.engine = engine
        self.preview = preview
        self.steps: dict[str, str] = {}
        self.declared: set[str] = set()
        self._lock = threading.Lock()

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        inputs = {key: _plain(value) for key, value in args.inputs.items()}
        self.engine.provider_blob = inputs.pop("__provider")
        with self._lock:  # one registration at a time, as the state dict is shared
            self.declared.add(args.name)
            if self.preview:
                self.steps[args.name] = self.engine.plan(args.name, self.engine.check(args.name, inputs))
                return None, inputs
            self.steps[args.name] = self.engine.apply(args.name, inputs)
            tracked = self.engine.state[args.name]
            return tracked.id, {k: v for k, v in tracked.outputs.items() if k != "__provider"}

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


def run_program(engine: Engine, program: Callable[[], None], *, preview: bool = False) -> dict[str, str]:
    """Run `program` as `pulumi preview` or `pulumi up` would; returns each resource's step."""
    engine.server.new_command()
    mocks = ForwardingMocks(engine, preview)
    pulumi.runtime.set_mocks(mocks, project="zoom-blocklist", stack="test", preview=preview)
    pulumi.runtime.test(program)()
    if preview:
        mocks.steps.update({name: "delete" for name in engine.state if name not in mocks.declared})
    else:
        mocks.steps.update(engine.remove_undeclared(mocks.declared))
    return mocks.steps


def example_program(path: Path) -> Callable[[], None]:
    """An example's `__main__.py`, run with its own folder as the working directory's stand-in."""

    def run() -> None:
        runpy.run_path(str(path / "__main__.py"), run_name="__main__")

    return run
