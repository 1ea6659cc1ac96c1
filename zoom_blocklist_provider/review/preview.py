"""What `pulumi preview --json` prints, read into the steps, errors and policy results the summary needs.

The CLI prints one of two things: a digest (one JSON document with `steps`, `diagnostics` and `changeSummary`), or,
with PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true, the engine's events one JSON object a line, the form the Automation
API reads, which also carries each policy violation. Both hold every step's old and new state. Nothing here calls
Zoom or needs a credential: a secret value arrives as "[secret]" and stays that.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .entries import resource_kind

# The steps of a replacement beside its `replace` step, which says all the summary needs.
_REPLACEMENT_PARTS = {"create-replacement", "delete-replaced", "discard-replaced"}
_CHANGES = {"create", "update", "delete", "replace"}


class NotAPreview(ValueError):
    """The input is not what `pulumi preview --json` prints."""


@dataclass(frozen=True)
class Step:
    """One resource of either door that the preview plans to change."""

    op: str
    urn: str
    type: str
    old: Mapping[str, Any] | None
    new: Mapping[str, Any] | None
    replace_reasons: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.urn.rsplit("::", 1)[-1]


@dataclass(frozen=True)
class Violation:
    """A policy pack's finding: its level (advisory or mandatory), policy, resource and message lines."""

    level: str
    pack: str
    policy: str
    urn: str
    lines: tuple[str, ...]


@dataclass
class Preview:
    """The stack previewed, the steps of our resources, the errors it ended with, and the policy results."""

    project: str = ""
    stack: str = ""
    steps: list[Step] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    policy_packs: list[str] = field(default_factory=list)
    failed: bool = False

    def note_urn(self, urn: str) -> None:
        # urn:pulumi:<stack>::<project>::<type>::<name>
        if not self.stack and urn.startswith("urn:pulumi:"):
            parts = urn[len("urn:pulumi:") :].split("::")
            self.stack, self.project = parts[0], parts[1]


def read_preview(text: str) -> Preview:
    """The preview in `text`, whichever of the two forms it is."""
    stripped = text.strip()
    if not stripped:
        raise NotAPreview("it is empty: the preview printed nothing (see its error output)")
    try:
        document = json.loads(stripped)
    except json.JSONDecodeError:
        document = None
    if isinstance(document, dict) and "steps" in document:
        return _from_digest(document)
    return _from_events(_lines(stripped) if document is None else [document])


def _lines(text: str) -> list[Any]:
    events = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise NotAPreview(f"line {number} is not JSON ({error.msg})") from None
    return events


def _from_digest(document: Mapping[str, Any]) -> Preview:
    preview = Preview()
    for step in document.get("steps") or []:
        preview.note_urn(step.get("urn", ""))
        old, new = step.get("oldState") or {}, step.get("newState") or {}
        _add(preview, step.get("op", ""), step.get("urn", ""), (old, new), step.get("replaceReasons"))
    for diagnostic in document.get("diagnostics") or []:
        if diagnostic.get("severity") == "error":
            preview.failed = True
            preview.errors.append(diagnostic.get("message", ""))
    return preview


def _from_events(events: Iterable[Any]) -> Preview:
    preview = Preview()
    seen = False
    for event in events:
        if not isinstance(event, Mapping):
            raise NotAPreview("it holds a JSON value that is no engine event")
        if "resourcePreEvent" in event:
            seen = True
            meta = event["resourcePreEvent"].get("metadata", {})
            preview.note_urn(meta.get("urn", ""))
            _add(preview, meta.get("op", ""), meta.get("urn", ""), (meta.get("old"), meta.get("new")), meta.get("keys"))
        elif "diagnosticEvent" in event:
            diagnostic = event["diagnosticEvent"]
            if diagnostic.get("severity") == "error":
                preview.errors.append(diagnostic.get("prefix", "") + diagnostic.get("message", ""))
        elif "policyEvent" in event:
            preview.violations.append(_violation(event["policyEvent"]))
        elif "summaryEvent" in event:
            seen = True
            summary = event["summaryEvent"]
            preview.failed = preview.failed or summary.get("result") == "failed"
            preview.policy_packs = sorted(name.split("|")[0] for name in summary.get("PolicyPacks") or {})
    if not seen:
        raise NotAPreview("it has neither `steps` nor engine events")
    preview.failed = preview.failed or bool(preview.errors)
    return preview


def _add(preview: Preview, op: str, urn: str, states: tuple[Any, Any], reasons: Any) -> None:
    old, new = states
    if op in _REPLACEMENT_PARTS or op not in _CHANGES:
        return
    type_ = (new or old or {}).get("type", "")
    if resource_kind(type_) is None:
        return
    old_props = _props(old)
    new_props = (new or {}).get("inputs") if new else None
    preview.steps.append(Step(op, urn, type_, old_props, new_props, tuple(reasons or ())))


def _props(state: Any) -> Mapping[str, Any] | None:
    """A state's properties as stored: its outputs, which hold its normalized inputs under the same names."""
    if not state:
        return None
    props: Mapping[str, Any] = state.get("outputs") or state.get("inputs") or {}
    return props


def _violation(event: Mapping[str, Any]) -> Violation:
    lines = tuple(line for line in str(event.get("message", "")).splitlines() if line.strip())
    return Violation(
        level=str(event.get("enforcementLevel", "advisory")),
        pack=str(event.get("policyPackName", "")),
        policy=str(event.get("policyName", "")),
        urn=str(event.get("resourceUrn", "")),
        lines=lines,
    )
