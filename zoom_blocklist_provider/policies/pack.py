"""The policy pack `zoom-blocklist-policies`, served to the engine with Pulumi's CrossGuard SDK (`pulumi-policy`).

The console script `zoom-blocklist-policies` is the pack: `pulumi preview --policy-pack "$(command -v
zoom-blocklist-policies)"` runs it as an executable analyzer (CLI 3.2xx and later run an executable given to
--policy-pack directly, with no language host), and `--policy-pack-config FILE` sets each rule's settings and its
enforcement level (advisory or mandatory). Three rules judge each resource's entries as the engine checked them,
before anything reaches Zoom; the unblock limit judges the whole update against the stack's state before it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from typing import Any

from ..native.release import installed
from ..review.entries import TICKET, Entry, Unknown, entries_of, resource_kind
from . import rules
from .state import StackName, StateUnreadable, export_state, held_entries

PACK = "zoom-blocklist-policies"
MIN_DIGITS = 4
MAX_ENTRIES = 20
MAX_PERCENT = 50.0
INSTALL = "pip install 'zoom-blocklist-provider[policies]'"
# The stack under analysis, as the engine names it when it configures the pack (see _remember_the_stack).
STACK: dict[str, str] = {}


def main() -> None:
    """Serve the pack to the engine (it prints the port and serves until the engine stops it)."""
    try:
        from pulumi_policy import EnforcementLevel, PolicyPack
    except ImportError:
        print(f"{PACK} needs Pulumi's pulumi-policy package, which is not installed: {INSTALL}", file=sys.stderr)
        raise SystemExit(1) from None
    _remember_the_stack()
    PolicyPack(name=PACK, policies=policies(), enforcement_level=EnforcementLevel.ADVISORY)


def policies() -> list[Any]:
    """The four policies, each advisory unless the pack's config says mandatory."""
    from pulumi_policy import PolicyConfigSchema, ResourceValidationPolicy, StackValidationPolicy

    pattern = {"pattern": {"type": "string", "default": TICKET, "description": "A ticket reference (a regex)."}}
    digits = {"minDigits": {"type": "integer", "minimum": 1, "default": MIN_DIGITS}}
    limits = {
        "maxEntries": {"type": "integer", "minimum": 0, "default": MAX_ENTRIES},
        "maxPercent": {"type": "number", "minimum": 0, "maximum": 100, "default": MAX_PERCENT},
    }
    return [
        ResourceValidationPolicy(
            name=rules.COMMENT_TICKET,
            description="Every entry's comment carries a ticket reference.",
            validate=_each_resource(lambda res, found, cfg: rules.comment_ticket(res, found, _pattern(cfg))),
            config_schema=PolicyConfigSchema(pattern),
        ),
        ResourceValidationPolicy(
            name=rules.PREFIX_MIN_DIGITS,
            description="No prefix is shorter than the digits the platform team allows.",
            validate=_each_resource(
                lambda res, found, cfg: rules.prefix_min_digits(res, found, int(cfg.get("minDigits", MIN_DIGITS)))
            ),
            config_schema=PolicyConfigSchema(digits),
        ),
        StackValidationPolicy(
            name=rules.UNBLOCK_LIMIT,
            description="No update unblocks more entries at once than the platform team allows.",
            validate=_unblock_limit,
            config_schema=PolicyConfigSchema(limits),
        ),
        ResourceValidationPolicy(
            name=rules.EMERGENCY_TICKET,
            description="allowEmergency only with a ticket reference in the entry's comment.",
            validate=_each_resource(lambda res, found, cfg: rules.emergency_ticket(res, found, _pattern(cfg))),
            config_schema=PolicyConfigSchema(pattern),
        ),
    ]


Rule = Callable[[rules.Resource, Mapping[str, Entry], Mapping[str, Any]], list[str]]


def _each_resource(rule: Rule) -> Callable[[Any, Callable[..., None]], None]:
    def validate(args: Any, report: Callable[..., None]) -> None:
        kind = resource_kind(args.resource_type)
        found = _entries(args.resource_type, args.props) if kind is not None else None
        if kind is None or found is None:
            return
        try:
            lines = rule(rules.Resource(args.name, kind), found, args.get_config())
        except ValueError as error:
            lines = [f"{error}; fix it in the file given to --policy-pack-config"]
        for line in lines:
            report(line)

    return validate


def _unblock_limit(args: Any, report: Callable[..., None]) -> None:
    config = args.get_config()
    try:
        before = held_entries(export_state(_stack_name(args.resources)))
    except StateUnreadable as error:
        report(f"cannot count the entries this update unblocks: {error}")
        return
    after = {
        resource.urn: _entries(resource.resource_type, resource.props)
        for resource in args.resources
        if resource_kind(resource.resource_type) is not None
    }
    held = sum(len(entries) for _, entries in before.values())
    report_unblocks(rules.unblocked(before, after), held, config, report)


def report_unblocks(
    found: list[rules.Unblocked], held: int, config: Mapping[str, Any], report: Callable[..., None]
) -> None:
    """One finding per resource that unblocks entries, when the update as a whole is over a limit; none under it."""
    # Numbers reach the pack as floats (a protobuf Struct has no integers).
    max_entries, max_percent = int(config.get("maxEntries", MAX_ENTRIES)), float(config.get("maxPercent", MAX_PERCENT))
    lines = rules.unblock_limit(found, held, max_entries, max_percent)
    for item, line in zip(found if lines else [], lines, strict=True):
        report(line, None if item.gone else item.urn)


def _entries(type_: str, props: Mapping[str, Any]) -> Mapping[str, Entry] | None:
    """The resource's entries; None while the preview cannot know them (they are judged again at `up`)."""
    from pulumi_policy.proxy import UnknownValueError

    try:
        return entries_of(type_, props)
    except (Unknown, UnknownValueError):
        return None


def _pattern(config: Mapping[str, Any]) -> str:
    pattern = str(config.get("pattern", TICKET))
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(
            f"the pack's config gives pattern {pattern!r}, which is no regular expression ({error})"
        ) from None
    return pattern


def _stack_name(resources: Any) -> StackName:
    """The stack the engine configured the pack for; its URNs name the stack and project if it did not say."""
    urn = next((resource.urn for resource in resources if resource.resource_type == "pulumi:pulumi:Stack"), "")
    stack, project = [*urn.removeprefix("urn:pulumi:").split("::"), "", ""][:2]
    return StackName(STACK.get("organization", ""), STACK.get("project") or project, STACK.get("stack") or stack)


def _remember_the_stack() -> None:
    """Keep the organization, project and stack the engine sends when it configures the pack, and give the pack
    this installation's version.

    CrossGuard's Python SDK reads only the stack's tags from that call; the organization is nowhere else (URNs name
    the project and stack only), and `pulumi stack export` needs it for a stack outside the default organization.
    The SDK gives every pack version 0.0.1, expecting a PulumiPolicy.yaml beside the pack to say the real one, which
    an installed console script has none of.
    """
    from pulumi_policy import policy

    servicer = policy._PolicyAnalyzerServicer
    configure, init = servicer.ConfigureStack, servicer.__init__

    def configure_stack(self: Any, request: Any, context: Any) -> Any:
        STACK.update(organization=request.organization, project=request.project, stack=request.stack)
        return configure(self, request, context)

    def versioned(self: Any, name: str, _version: str, *rest: Any) -> None:
        init(self, name, installed()[0], *rest)

    servicer.ConfigureStack = configure_stack  # type: ignore[method-assign,assignment]
    servicer.__init__ = versioned  # type: ignore[method-assign,assignment]
