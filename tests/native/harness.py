"""Stand in for the Pulumi engine in front of the native plugin: `pulumi-resource-zoom` driven over gRPC.

`NativeServer` starts the plugin as the engine does (no engine address: its log messages are dropped) and sends
it the engine's calls, secrets wrapped as the engine sends them to a provider that accepts secrets. `NativeEngine`
keeps a stack's state and plays preview, up, refresh, import and destroy with the calls a native provider gets:
CheckConfig and Configure first, then Check, Diff and Create/Update (with preview=true during a preview), Read and
Delete. Property bags use the schema's camelCase names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from google.protobuf import struct_pb2
from pulumi.runtime import proto, rpc

from tests.engine import harness as engine_harness
from tests.engine.harness import CheckFailed, PluginProcess, to_struct

PROVIDER_URN = "urn:pulumi:test::zoom-native::pulumi:providers:zoom::{name}"
URN = "urn:pulumi:test::zoom-native::{type}::{name}"
BLOCKED_NUMBER = "zoom:phone:BlockedNumber"
BLOCKLIST = "zoom:phone:Blocklist"


class NativeCallError(Exception):
    """A call the plugin refused: `.details` is exactly what the engine would show."""

    def __init__(self, details: str) -> None:
        super().__init__(details)
        self.details = details


def secret(value: Any) -> dict[str, Any]:
    return {rpc._special_sig_key: rpc._special_secret_sig, "value": value}


def from_struct(struct: struct_pb2.Struct) -> dict[str, Any]:
    return engine_harness.from_struct(struct, keep_unknowns=True)


class NativeServer(PluginProcess):
    """One plugin process, as the engine starts it for one provider instance."""

    refused = NativeCallError

    def __init__(self, env: Mapping[str, str] | None = None, log: Path | None = None) -> None:
        super().__init__("zoom_blocklist_provider.native.main", env, log)

    started: tuple[Mapping[str, Any], str] | None = None

    def start(self, config: Mapping[str, Any], name: str = "default_0_1_0") -> dict[str, str]:
        """CheckConfig then Configure, as the engine does for a provider instance; returns CheckConfig's failures."""
        self.started = (config, name)
        inputs = {key: secret(value) if key == "clientSecret" else value for key, value in config.items()}
        urn = PROVIDER_URN.format(name=name)
        reply = self.call("CheckConfig", proto.CheckRequest(urn=urn, olds=to_struct({}), news=to_struct(inputs)))
        failures = {f.property: f.reason for f in reply.failures}
        if not failures:
            variables = {f"zoom:{key}": str(value) for key, value in config.items()}
            self.call(
                "Configure",
                proto.ConfigureRequest(variables=variables, args=to_struct(inputs), acceptSecrets=True),
            )
        return failures

    def new_command(self) -> None:
        """Configure the plugin again, as the engine configures the process it starts for each command: what the
        provider knows of one command (who holds which entry) does not outlive it."""
        if self.started is not None:
            self.start(*self.started)

    def schema(self) -> str:
        return str(self.call("GetSchema", proto.GetSchemaRequest(version=0)).schema)


@dataclass
class Tracked:
    type: str
    id: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]


@dataclass
class NativeEngine:
    """A stack's state and the engine's call sequences against one native plugin."""

    server: NativeServer
    state: dict[str, Tracked] = field(default_factory=dict)

    def urn(self, type_: str, name: str) -> str:
        return URN.format(type=type_, name=name)

    def check(self, type_: str, name: str, inputs: Mapping[str, Any]) -> dict[str, Any]:
        olds = self.state[name].inputs if name in self.state else {}
        request = proto.CheckRequest(urn=self.urn(type_, name), olds=to_struct(olds), news=to_struct(inputs))
        reply = self.server.call("Check", request)
        if reply.failures:
            raise CheckFailed({f.property: f.reason for f in reply.failures})
        return from_struct(reply.inputs)

    def diff(self, type_: str, name: str, checked: Mapping[str, Any]) -> Any:
        old = self.state[name]
        request = proto.DiffRequest(
            id=old.id,
            urn=self.urn(type_, name),
            olds=to_struct(old.outputs),
            news=to_struct(checked),
            old_inputs=to_struct(old.inputs),
        )
        return self.server.call("Diff", request)

    def plan(self, type_: str, name: str, checked: Mapping[str, Any]) -> str:
        if name not in self.state:
            return "create"
        reply = self.diff(type_, name, checked)
        if reply.changes != proto.DiffResponse.DIFF_SOME:
            return "same"
        return "replace" if list(reply.replaces) else "update"

    def create(self, type_: str, name: str, checked: Mapping[str, Any], *, preview: bool = False) -> Any:
        request = proto.CreateRequest(urn=self.urn(type_, name), properties=to_struct(checked), preview=preview)
        return self.server.call("Create", request)

    def preview(self, program: Mapping[str, tuple[str, Mapping[str, Any]]]) -> dict[str, tuple[str, dict[str, Any]]]:
        """Each resource's step and planned outputs (a create or update previewed by the provider itself)."""
        self.server.new_command()
        planned = {}
        for name, (type_, inputs) in program.items():
            checked = self.check(type_, name, inputs)
            step = self.plan(type_, name, checked)
            if step == "create":
                reply = self.create(type_, name, checked, preview=True)
                outputs = from_struct(reply.properties)
            elif step == "update":
                old = self.state[name]
                request = proto.UpdateRequest(
                    id=old.id,
                    urn=self.urn(type_, name),
                    olds=to_struct(old.outputs),
                    news=to_struct(checked),
                    preview=True,
                )
                outputs = from_struct(self.server.call("Update", request).properties)
            else:
                outputs = self.state[name].outputs if name in self.state else {}
            planned[name] = (step, outputs)
        return planned

    def apply(self, type_: str, name: str, inputs: Mapping[str, Any]) -> str:
        checked = self.check(type_, name, inputs)
        step = self.plan(type_, name, checked)
        if step == "replace":  # the provider asks to delete first: Zoom refuses two entries for one number
            self.delete(name)
        if step in ("create", "replace"):
            reply = self.create(type_, name, checked)
            self.state[name] = Tracked(type_, reply.id, checked, from_struct(reply.properties))
        elif step == "update":
            old = self.state[name]
            request = proto.UpdateRequest(
                id=old.id, urn=self.urn(type_, name), olds=to_struct(old.outputs), news=to_struct(checked)
            )
            outputs = from_struct(self.server.call("Update", request).properties)
            self.state[name] = Tracked(type_, old.id, checked, outputs)
        return step

    def delete(self, name: str) -> None:
        old = self.state[name]
        request = proto.DeleteRequest(id=old.id, urn=self.urn(old.type, name), properties=to_struct(old.outputs))
        self.server.call("Delete", request)
        del self.state[name]

    def up(self, program: Mapping[str, tuple[str, Mapping[str, Any]]]) -> dict[str, str]:
        self.server.new_command()
        steps = {name: self.apply(type_, name, inputs) for name, (type_, inputs) in program.items()}
        for name in [name for name in self.state if name not in program]:
            self.delete(name)
            steps[name] = "delete"
        return steps

    def refresh(self) -> dict[str, str]:
        self.server.new_command()
        seen = {}
        for name, old in list(self.state.items()):
            request = proto.ReadRequest(
                id=old.id,
                urn=self.urn(old.type, name),
                properties=to_struct(old.outputs),
                inputs=to_struct(old.inputs),
            )
            reply = self.server.call("Read", request)
            if not reply.id:
                del self.state[name]
                seen[name] = "gone"
                continue
            outputs = from_struct(reply.properties)
            seen[name] = "same" if outputs == old.outputs else "drift"
            self.state[name] = Tracked(old.type, reply.id, from_struct(reply.inputs), outputs)
        return seen

    def import_(self, type_: str, name: str, id_: str) -> Tracked:
        """`pulumi import`: a Read with the id alone."""
        self.server.new_command()
        reply = self.server.call("Read", proto.ReadRequest(id=id_, urn=self.urn(type_, name)))
        if not reply.id:
            raise NativeCallError(f"{id_} does not exist")
        tracked = Tracked(type_, reply.id, from_struct(reply.inputs), from_struct(reply.properties))
        self.state[name] = tracked
        return tracked

    def destroy(self) -> None:
        self.up({})
