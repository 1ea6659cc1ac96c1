"""Stand in for the Pulumi engine: run the SDK's own provider server and send it the engine's call sequences.

`ProviderServer` starts `python -u -m pulumi.dynamic` (what the CLI's `pulumi-resource-pulumi-python` runs) and speaks
gRPC to it. `Engine` keeps a stack's state and plays preview, up, refresh and destroy as ENGINE.md lays them out.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import grpc
from google.protobuf import struct_pb2
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime import proto, rpc
from pulumi.runtime.proto import provider_pb2_grpc

from zoom_blocklist_provider import BlockedNumberProvider

REPO = Path(__file__).resolve().parents[2]
URN = "urn:pulumi:test::zoom-blocklist::pulumi-python:dynamic/zoom:BlockedNumber::{name}"
PROVIDER_BLOB = serialize_provider(BlockedNumberProvider())


class ProviderCallError(Exception):
    """A call the server aborted: `.details` is the whole traceback, `.last_line` what the user reads last."""

    def __init__(self, details: str) -> None:
        super().__init__(details)
        self.details = details
        self.last_line = details.strip().splitlines()[-1] if details.strip() else ""


@dataclass
class CheckFailed(Exception):
    failures: dict[str, str]


def to_struct(props: Mapping[str, Any]) -> struct_pb2.Struct:
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(rpc.serialize_properties(dict(props), {}))
    finally:
        loop.close()


def from_struct(struct: struct_pb2.Struct, keep_unknowns: bool = False) -> dict[str, Any]:
    props: dict[str, Any] = rpc.deserialize_properties(struct, keep_unknowns)
    return props


class ProviderServer:
    """One provider process, as the engine starts it for a program's dynamic resources."""

    def __init__(self, env: Mapping[str, str] | None = None, log: Path | None = None) -> None:
        child_env = {k: v for k, v in os.environ.items() if not k.startswith("ZOOM_")}
        child_env.update(env or {})
        child_env["PYTHONPATH"] = str(REPO)
        self.log_path = log
        self._log: IO[bytes] | None = open(log, "wb") if log else None  # noqa: SIM115 - closed in close()
        self.process = subprocess.Popen(
            [sys.executable, "-u", "-m", "pulumi.dynamic"],
            stdout=subprocess.PIPE,
            stderr=self._log or subprocess.DEVNULL,
            env=child_env,
            cwd=REPO,
        )
        assert self.process.stdout is not None
        port = int(self.process.stdout.readline().decode().strip())
        # The server prints nothing more, but a pipe nobody reads could fill and block it.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()
        self.channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        self.stub = provider_pb2_grpc.ResourceProviderStub(self.channel)

    def close(self) -> None:
        self.channel.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        if self.process.stdout:
            self.process.stdout.close()
        if self._log:
            self._log.close()

    def _call(self, method: str, request: Any) -> Any:
        try:
            return getattr(self.stub, method)(request, timeout=120)
        except grpc.RpcError as error:
            raise ProviderCallError(error.details() or "") from None

    def configure(self, config: Mapping[str, str]) -> None:
        self._call("Configure", proto.ConfigureRequest(args=to_struct(config), acceptSecrets=False))

    def check(
        self, name: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> tuple[dict[str, Any], dict[str, str]]:
        reply = self._call(
            "Check", proto.CheckRequest(urn=URN.format(name=name), olds=to_struct(olds), news=to_struct(news))
        )
        return from_struct(reply.inputs, keep_unknowns=True), {f.property: f.reason for f in reply.failures}

    def diff(self, name: str, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Any:
        request = proto.DiffRequest(id=id_, urn=URN.format(name=name), olds=to_struct(olds), news=to_struct(news))
        return self._call("Diff", request)

    def create(self, name: str, props: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        reply = self._call("Create", proto.CreateRequest(urn=URN.format(name=name), properties=to_struct(props)))
        return reply.id, from_struct(reply.properties)

    def read(
        self, name: str, id_: str, props: Mapping[str, Any], inputs: Mapping[str, Any]
    ) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
        request = proto.ReadRequest(
            id=id_, urn=URN.format(name=name), properties=to_struct(props), inputs=to_struct(inputs)
        )
        reply = self._call("Read", request)
        new_inputs = from_struct(reply.inputs) if reply.HasField("inputs") else None
        return reply.id, from_struct(reply.properties), new_inputs

    def update(self, name: str, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> dict[str, Any]:
        request = proto.UpdateRequest(id=id_, urn=URN.format(name=name), olds=to_struct(olds), news=to_struct(news))
        return from_struct(self._call("Update", request).properties)

    def delete(self, name: str, id_: str, props: Mapping[str, Any]) -> None:
        self._call("Delete", proto.DeleteRequest(id=id_, urn=URN.format(name=name), properties=to_struct(props)))


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
        steps = {name: self.plan(name, self.check(name, inputs)) for name, inputs in program.items()}
        return {**steps, **{name: "delete" for name in self.state if name not in program}}

    def apply(self, name: str, inputs: Mapping[str, Any]) -> str:
        """Check, diff and apply one declared resource; returns its step."""
        checked = self.check(name, inputs)
        step = self.plan(name, checked)
        if step == "replace-delete-first":
            self.server.delete(name, self.state[name].id, self.state.pop(name).outputs)
        if step in ("create", "replace", "replace-delete-first"):
            old = self.state.get(name)
            id_, outputs = self.server.create(name, checked)
            self.state[name] = Tracked(id_, checked, outputs)
            if old is not None:
                self.server.delete(name, old.id, old.outputs)
        elif step == "update":
            old = self.state[name]
            outputs = self.server.update(name, old.id, old.outputs, checked)
            self.state[name] = Tracked(old.id, checked, outputs)
        return step

    def remove_undeclared(self, declared: Iterable[str]) -> dict[str, str]:
        """Delete what the program no longer declares, as the engine does at the end of an update."""
        kept = set(declared)
        steps = {}
        for name in [name for name in self.state if name not in kept]:
            self.server.delete(name, self.state[name].id, self.state.pop(name).outputs)
            steps[name] = "delete"
        return steps

    def up(self, program: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
        steps = {name: self.apply(name, inputs) for name, inputs in program.items()}
        return {**steps, **self.remove_undeclared(program)}

    def refresh(self) -> dict[str, str]:
        """Read every resource; report `gone`, `drift` (the engine's inverted Diff) or `same`."""
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
