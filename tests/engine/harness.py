"""Stand in for the Pulumi engine: run the SDK's own provider server and send it the engine's call sequences.

`ProviderServer` starts `python -u -m pulumi.dynamic` (what the CLI's `pulumi-resource-pulumi-python` runs) and speaks
gRPC to it. `Engine` keeps a stack's state and plays preview, up, refresh and destroy as ENGINE.md lays them out, one
step at a time or (`up_concurrently`) many at once, as the engine runs independent steps in parallel.
`assert_matches_declaration` is the end of every fault test: Zoom holds exactly what the stack declares and tracks.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import grpc
from google.protobuf import struct_pb2
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime import proto, rpc
from pulumi.runtime.proto import provider_pb2_grpc, status_pb2

from zoom_blocklist_provider import BlockedNumberProvider
from zoom_blocklist_provider.core.spec import normalize
from zoom_blocklist_provider.emulator import Emulator

REPO = Path(__file__).resolve().parents[2]
URN = "urn:pulumi:test::zoom-blocklist::pulumi-python:dynamic/zoom:BlockedNumber::{name}"
PROVIDER_BLOB = serialize_provider(BlockedNumberProvider())


class ProviderCallError(Exception):
    """A call the server aborted: `.details` is the whole traceback, `.last_line` what the user reads last, and
    `.partial` the state a create or update left (id, outputs) when it failed part way and said so."""

    def __init__(self, details: str, partial: tuple[str, dict[str, Any]] | None = None) -> None:
        super().__init__(details)
        self.details = details
        self.last_line = details.strip().splitlines()[-1] if details.strip() else ""
        self.partial = partial


def partial_state(error: grpc.RpcError) -> tuple[str, dict[str, Any]] | None:
    """The id and outputs an aborted call reports in its ErrorResourceInitFailed detail, as the engine reads it."""
    for key, value in error.trailing_metadata() or ():  # type: ignore[attr-defined]
        if key != "grpc-status-details-bin":
            continue
        status = status_pb2.Status.FromString(value)
        for detail in status.details:
            failed = proto.ErrorResourceInitFailed()
            if detail.Unpack(failed):
                return failed.id, from_struct(failed.properties)
    return None


@dataclass
class CheckFailed(Exception):
    failures: dict[str, str]


class StepsFailed(Exception):
    """Steps of a concurrent up failed: `.failures` maps each to its error; `.steps` holds those that succeeded."""

    def __init__(self, steps: dict[str, str], failures: dict[str, Exception]) -> None:
        super().__init__("; ".join(f"{name}: {_last_line(error)}" for name, error in sorted(failures.items())))
        self.steps = steps
        self.failures = failures


def _last_line(error: Exception) -> str:
    return error.last_line if isinstance(error, ProviderCallError) else repr(error)


def to_struct(props: Mapping[str, Any]) -> struct_pb2.Struct:
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(rpc.serialize_properties(dict(props), {}))
    finally:
        loop.close()


def from_struct(struct: struct_pb2.Struct, keep_unknowns: bool = False) -> dict[str, Any]:
    props: dict[str, Any] = rpc.deserialize_properties(struct, keep_unknowns)
    return props


class PluginProcess:
    """One provider plugin process, started as the engine starts it (`python -u -m <module>`, which prints its
    port), and its gRPC stub. A refused call raises `refused` with the details the engine would show."""

    deadline = 120.0  # seconds a call may take; a benchmark's 10,000-entry set needs more
    refused: type[Exception]

    def __init__(
        self, module: str, env: Mapping[str, str] | None = None, log: Path | None = None, *, path: Iterable[Path] = ()
    ) -> None:
        child_env = {k: v for k, v in os.environ.items() if not k.startswith("ZOOM_")}
        child_env.update(env or {})
        # `path` goes before the project, e.g. a sitecustomize.py that turns on debug logging in the provider.
        child_env["PYTHONPATH"] = os.pathsep.join([*(str(entry) for entry in path), str(REPO)])
        self.log_path = log
        self._log: IO[bytes] | None = open(log, "wb") if log else None  # noqa: SIM115 - closed in close()
        self.process = subprocess.Popen(
            [sys.executable, "-u", "-m", module],
            stdout=subprocess.PIPE,
            stderr=self._log or subprocess.DEVNULL,
            env=child_env,
            cwd=REPO,
        )
        assert self.process.stdout is not None
        port = int(self.process.stdout.readline().decode().strip())
        # The server prints nothing more, but a pipe nobody reads could fill and block it.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()
        # The engine reads metadata of any size; gRPC's Python client stops at 16 KiB, less than a large set's
        # partial state (its ErrorResourceInitFailed detail travels in the trailing metadata).
        self.channel = grpc.insecure_channel(f"127.0.0.1:{port}", options=[("grpc.max_metadata_size", 64 << 20)])
        self.stub = provider_pb2_grpc.ResourceProviderStub(self.channel)

    def close(self) -> None:
        self.channel.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        if self.process.stdout:
            self.process.stdout.close()
        if self._log:
            self._log.close()

    def call(self, method: str, request: Any) -> Any:
        try:
            return getattr(self.stub, method)(request, timeout=self.deadline)
        except grpc.RpcError as error:
            if self.refused is ProviderCallError:
                raise ProviderCallError(error.details() or "", partial_state(error)) from None
            raise self.refused(error.details() or "") from None


class ProviderServer(PluginProcess):
    """The SDK's dynamic provider server, as the engine starts it for a program's dynamic resources."""

    refused = ProviderCallError

    def __init__(
        self, env: Mapping[str, str] | None = None, log: Path | None = None, *, path: Iterable[Path] = ()
    ) -> None:
        super().__init__("pulumi.dynamic", env, log, path=path)

    config: Mapping[str, str] = {}

    def configure(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)
        self.call("Configure", proto.ConfigureRequest(args=to_struct(config), acceptSecrets=False))

    def new_command(self) -> None:
        """Configure the server again, as the engine configures the provider process it starts for each command:
        what the provider knows of one command (who holds which entry) does not outlive it."""
        self.configure(self.config)

    def check(
        self, name: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> tuple[dict[str, Any], dict[str, str]]:
        reply = self.call(
            "Check", proto.CheckRequest(urn=URN.format(name=name), olds=to_struct(olds), news=to_struct(news))
        )
        return from_struct(reply.inputs, keep_unknowns=True), {f.property: f.reason for f in reply.failures}

    def diff(self, name: str, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Any:
        request = proto.DiffRequest(id=id_, urn=URN.format(name=name), olds=to_struct(olds), news=to_struct(news))
        return self.call("Diff", request)

    def create(self, name: str, props: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        reply = self.call("Create", proto.CreateRequest(urn=URN.format(name=name), properties=to_struct(props)))
        return reply.id, from_struct(reply.properties)

    def read(
        self, name: str, id_: str, props: Mapping[str, Any], inputs: Mapping[str, Any]
    ) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
        request = proto.ReadRequest(
            id=id_, urn=URN.format(name=name), properties=to_struct(props), inputs=to_struct(inputs)
        )
        reply = self.call("Read", request)
        new_inputs = from_struct(reply.inputs) if reply.HasField("inputs") else None
        return reply.id, from_struct(reply.properties), new_inputs

    def update(self, name: str, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> dict[str, Any]:
        request = proto.UpdateRequest(id=id_, urn=URN.format(name=name), olds=to_struct(olds), news=to_struct(news))
        return from_struct(self.call("Update", request).properties)

    def delete(self, name: str, id_: str, props: Mapping[str, Any]) -> None:
        self.call("Delete", proto.DeleteRequest(id=id_, urn=URN.format(name=name), properties=to_struct(props)))


@dataclass
class Tracked:
    """One resource in the stack's state."""

    id: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]


@dataclass
class Engine:
    """A stack's state and the engine's call sequences for preview, up, refresh and destroy."""

    server: ProviderServer
    provider_blob: str = PROVIDER_BLOB
    state: dict[str, Tracked] = field(default_factory=dict)
    # Steps of one up may run on many threads (up_concurrently): every change of `state` happens under this lock.
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    replaced: list[tuple[str, Tracked]] = field(default_factory=list, repr=False, compare=False)

    def _declared(self, inputs: Mapping[str, Any]) -> dict[str, Any]:
        return {**{k: v for k, v in inputs.items() if v is not None}, "__provider": self.provider_blob}

    def check(self, name: str, inputs: Mapping[str, Any]) -> dict[str, Any]:
        olds = self.state[name].inputs if name in self.state else {}
        checked, failures = self.server.check(name, olds, self._declared(inputs))
        if failures:
            raise CheckFailed(failures)
        return checked

    def plan(self, name: str, checked: Mapping[str, Any]) -> str:
        """What the engine would do to one declared resource: create, same, update or replace."""
        if name not in self.state:
            return "create"
        old = self.state[name]
        reply = self.server.diff(name, old.id, old.outputs, checked)
        if reply.changes != proto.DiffResponse.DIFF_SOME:
            return "same"
        if list(reply.replaces):
            return "replace-delete-first" if reply.deleteBeforeReplace else "replace"
        return "update"

    def preview(self, program: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
        self.server.new_command()
        steps = {name: self.plan(name, self.check(name, inputs)) for name, inputs in program.items()}
        return {**steps, **{name: "delete" for name in self.state if name not in program}}

    def apply(self, name: str, inputs: Mapping[str, Any]) -> str:
        """Check, diff and apply one declared resource; returns its step."""
        checked = self.check(name, inputs)
        step = self.plan(name, checked)
        if step == "replace-delete-first":
            self._delete(name)
        if step in ("create", "replace", "replace-delete-first"):
            old = self.state.get(name)
            id_, outputs = self._recording(name, checked, lambda: self.server.create(name, checked))
            with self.lock:
                self.state[name] = Tracked(id_, checked, outputs)
                if old is not None and step == "replace":
                    # As the engine does: the old resource of a create-before-delete replacement is deleted at the
                    # end of the update, with the resources the program no longer declares.
                    self.replaced.append((name, old))
        elif step == "update":
            old = self.state[name]
            _, outputs = self._recording(
                name, checked, lambda: (old.id, self.server.update(name, old.id, old.outputs, checked))
            )
            with self.lock:
                self.state[name] = Tracked(old.id, checked, outputs)
        return step

    def _recording(
        self, name: str, checked: Mapping[str, Any], step: Callable[[], tuple[str, dict[str, Any]]]
    ) -> tuple[str, dict[str, Any]]:
        """`step()`; when it fails part way and says what it did, record that first, as the engine does."""
        try:
            return step()
        except ProviderCallError as failed:
            if failed.partial is not None:
                with self.lock:
                    self.state[name] = Tracked(failed.partial[0], dict(checked), failed.partial[1])
            raise

    def _delete(self, name: str) -> str:
        # As the engine does: a resource leaves the state only once its Delete succeeded.
        old = self.state[name]
        self.server.delete(name, old.id, old.outputs)
        with self.lock:
            del self.state[name]
        return "delete"

    def remove_undeclared(self, declared: Iterable[str]) -> dict[str, str]:
        """Delete the replaced resources and what the program no longer declares, as the engine does at the end of
        an update."""
        kept = set(declared)
        steps = {}
        self._delete_replaced()
        for name in [name for name in self.state if name not in kept]:
            steps[name] = self._delete(name)
        return steps

    def _delete_replaced(self) -> None:
        while self.replaced:
            name, old = self.replaced.pop(0)
            self.server.delete(name, old.id, old.outputs)

    def up_concurrently(self, program: Mapping[str, Mapping[str, Any]], workers: int = 8) -> dict[str, str]:
        """up with `workers` steps in flight at once (creates and updates, then deletes); every step is tried,
        and StepsFailed lists the failed ones after all have finished, as the engine reports them at the end."""
        self.server.new_command()
        steps: dict[str, str] = {}
        failures: dict[str, Exception] = {}
        with self.lock:
            undeclared = [name for name in self.state if name not in program]
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for futures in (
                {name: pool.submit(self.apply, name, inputs) for name, inputs in program.items()},
                {name: pool.submit(self._delete, name) for name in undeclared},
            ):
                for name, future in futures.items():
                    try:
                        steps[name] = future.result()
                    except (ProviderCallError, CheckFailed) as error:
                        failures[name] = error
        self._delete_replaced()
        if failures:
            raise StepsFailed(steps, failures)
        return steps

    def up(self, program: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
        self.server.new_command()
        steps = {name: self.apply(name, inputs) for name, inputs in program.items()}
        return {**steps, **self.remove_undeclared(program)}

    def refresh(self) -> dict[str, str]:
        """Read every resource; report `gone`, `drift` (the engine's inverted Diff) or `same`."""
        self.server.new_command()
        seen: dict[str, str] = {}
        for name, old in list(self.state.items()):
            id_, outputs, inputs = self.server.read(name, old.id, old.outputs, old.inputs)
            if not id_:
                del self.state[name]
                seen[name] = "gone"
                continue
            drift = self.server.diff(name, id_, outputs, old.inputs).changes == proto.DiffResponse.DIFF_SOME
            self.state[name] = Tracked(id_, inputs if inputs is not None else old.inputs, outputs)
            seen[name] = "drift" if drift else "same"
        return seen

    def destroy(self) -> None:
        self.up({})


ENTRY_FIELDS = ("phone_number", "match_type", "block_type", "status", "comment")


def assert_matches_declaration(
    emu: Emulator,
    engine: Engine,
    program: Mapping[str, Mapping[str, Any]],
    unmanaged: Iterable[Mapping[str, Any]] = (),
) -> None:
    """Zoom holds one entry per declared resource, with the id in state and the declared normalized values, plus
    the `unmanaged` entries (made by hand) exactly as they were; no other entry, and no number twice."""
    entries = emu.admin.entries()
    problems = []
    keys = [(e["phone_number"], e["match_type"], e["block_type"]) for e in entries]
    problems += [f"duplicate entry {key}" for key in sorted(set(keys)) if keys.count(key) > 1]
    if sorted(engine.state) != sorted(program):
        problems.append(f"state tracks {sorted(engine.state)}, the program declares {sorted(program)}")
    live = {entry["id"]: entry for entry in entries}
    for name, inputs in program.items():
        declared = normalize({key: inputs.get(key) for key in (*ENTRY_FIELDS, "country")}).model_dump(mode="json")
        tracked = engine.state.get(name)
        entry = live.pop(tracked.id, None) if tracked else None
        if entry is None:
            problems.append(f"{name}: no entry with the id in state ({tracked.id if tracked else 'untracked'})")
            continue
        got = {key: entry[key] for key in ENTRY_FIELDS}
        if got != {key: declared[key] for key in ENTRY_FIELDS}:
            problems.append(f"{name}: Zoom holds {got}, the program declares {declared}")
    left = sorted(live.values(), key=lambda entry: str(entry["id"]))
    if left != sorted((dict(entry) for entry in unmanaged), key=lambda entry: str(entry["id"])):
        problems.append(f"entries nobody declared (orphans) or hand-made entries changed: {left}")
    assert not problems, "\n".join(problems)
