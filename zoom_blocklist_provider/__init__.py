"""Manage the numbers and prefixes a Zoom Phone account blocks, as Pulumi resources (re-exports only).

The folders show the architecture: `core` (the rules of an entry), `zoom` (the Zoom client), `operations` (check,
diff and each CRUD step, for both doors), `dynamic` (the Python dynamic resources), `native` (the `zoom` provider
plugin), `cli` (the `zoom-blocklist` command) and `emulator` (a local Zoom).

Each name is imported from its home on first use (PEP 562), not when the package is: every process that imports a
submodule runs this file first, and the native plugin, the emulator and the command line must not pay for the
dynamic door's imports (the pulumi SDK's dynamic provider, pickling) on every start. Type checkers see the imports.
"""

import importlib
import typing

if typing.TYPE_CHECKING:
    from .core.files import BlocklistFileError
    from .core.spec import BlockType, MatchType, Status
    from .dynamic.blocked_number import BlockedNumber, BlockedNumberArgs, BlockedNumberProvider
    from .dynamic.blocklist import Blocklist, BlocklistProvider
    from .dynamic.files import load_blocklist

# Each public name and the module that defines it.
_HOMES = {
    "BlockType": ".core.spec",
    "BlockedNumber": ".dynamic.blocked_number",
    "BlockedNumberArgs": ".dynamic.blocked_number",
    "BlockedNumberProvider": ".dynamic.blocked_number",
    "Blocklist": ".dynamic.blocklist",
    "BlocklistFileError": ".core.files",
    "BlocklistProvider": ".dynamic.blocklist",
    "MatchType": ".core.spec",
    "Status": ".core.spec",
    "load_blocklist": ".dynamic.files",
}

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


def __getattr__(name: str) -> typing.Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value  # later lookups find it without coming here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
