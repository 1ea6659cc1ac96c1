"""The stack's entries before the update, for the unblock limit.

Pulumi hands a policy pack only the resources the update leaves (their planned state), never the ones it deletes
nor what the others held before. So the pack reads the stack's last state itself, as `pulumi stack export` prints
it, with the Pulumi CLI that runs the pack, in the environment it gives the pack (the preview's own backend, login
and passphrase). It reads the state only: no Zoom call, and no secret is decrypted (`--show-secrets` is never given).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..review.entries import Entry, Unknown, entries_of, resource_kind
from .rules import Resource

EXPORT_TIMEOUT = 120.0


class StateUnreadable(Exception):
    """The stack's state could not be read: the message says why and what to do."""


@dataclass(frozen=True)
class StackName:
    """Which stack is being updated, as the engine told the pack (organization may be empty: then the default)."""

    organization: str
    project: str
    stack: str

    def reference(self) -> str:
        return "/".join(part for part in (self.organization, self.project, self.stack) if part)


def export_state(name: StackName) -> Mapping[str, Any]:
    """`pulumi stack export` of the stack: its last state, secrets left encrypted."""
    pulumi = _pulumi()
    if pulumi is None:
        raise StateUnreadable("the Pulumi CLI is not on PATH; put the folder holding `pulumi` on PATH")
    command = [pulumi, "stack", "export", "--stack", name.reference(), "--non-interactive"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=EXPORT_TIMEOUT, check=False)  # noqa: S603 - the CLI found on PATH, fixed arguments
    except subprocess.TimeoutExpired:
        raise StateUnreadable(f"`pulumi stack export` took longer than {EXPORT_TIMEOUT:.0f} s") from None
    if done.returncode != 0:
        said = " ".join(done.stderr.split()) or f"exit code {done.returncode}"
        raise StateUnreadable(f"`pulumi stack export --stack {name.reference()}` failed: {said}")
    try:
        exported: Mapping[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise StateUnreadable(f"`pulumi stack export` printed no JSON ({error.msg})") from None
    return exported


def _pulumi() -> str | None:
    """The CLI running the pack (its parent process, where /proc tells), else the first `pulumi` on PATH."""
    try:
        parent = Path(f"/proc/{os.getppid()}/exe").resolve(strict=True)
    except OSError:
        parent = None
    return str(parent) if parent is not None and parent.name == "pulumi" else shutil.which("pulumi")


def held_entries(exported: Mapping[str, Any]) -> dict[str, tuple[Resource, Mapping[str, Entry]]]:
    """Every resource of either door in an exported state, by URN, with the entries it holds."""
    held: dict[str, tuple[Resource, Mapping[str, Entry]]] = {}
    for state in (exported.get("deployment") or {}).get("resources") or []:
        kind = resource_kind(state.get("type", ""))
        if kind is None or state.get("delete"):
            continue
        urn = state["urn"]
        try:
            entries = entries_of(state["type"], state.get("outputs") or {})
        except Unknown:
            continue
        held[urn] = (Resource(urn.rsplit("::", 1)[-1], kind), entries)
    return held
