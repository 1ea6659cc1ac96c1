"""Manage the numbers and prefixes a Zoom Phone account blocks, as Pulumi resources."""

from .blocked_number import BlockedNumber, BlockedNumberArgs, BlockedNumberProvider
from .blocklist import Blocklist, BlocklistProvider
from .files import BlocklistFileError, load_blocklist
from .spec import BlockType, MatchType, Status

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
