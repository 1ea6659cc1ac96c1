"""The policy pack `zoom-blocklist-policies`: guardrails a platform team sets on every change to the blocked list.

`rules` holds the four rules over plain entries (no Pulumi), `state` reads the stack's entries before an update,
and `pack` serves the rules to the engine with Pulumi's CrossGuard SDK (the `policies` extra installs it).
"""

from .rules import COMMENT_TICKET, EMERGENCY_TICKET, PREFIX_MIN_DIGITS, UNBLOCK_LIMIT, Resource

__all__ = ["COMMENT_TICKET", "EMERGENCY_TICKET", "PREFIX_MIN_DIGITS", "UNBLOCK_LIMIT", "Resource"]
