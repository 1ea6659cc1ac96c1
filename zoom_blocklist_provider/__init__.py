"""Manage the numbers and prefixes a Zoom Phone account blocks, as Pulumi resources (re-exports only).

The folders show the architecture: `core` (the rules of an entry), `zoom` (the Zoom client), `operations` (check,
diff and each CRUD step, for both doors), `dynamic` (the Python dynamic resources), `native` (the `zoom` provider
plugin), `cli` (the `zoom-blocklist` command) and `emulator` (a local Zoom).
"""

from .core.files import BlocklistFileError
from .core.spec import BlockType, MatchType, Status
from .dynamic.blocked_number import BlockedNumber, BlockedNumberArgs, BlockedNumberProvider
from .dynamic.blocklist import Blocklist, BlocklistProvider
from .dynamic.files import load_blocklist

__all__ = [
    "BlockType",
    "BlockedNumber",
    "BlockedNumberArgs",
    "BlockedNumberProvider",
    "Blocklist",
    "BlocklistFileError",
    "BlocklistProvider",
    "MatchType",
    "Status",
    "load_blocklist",
]
