"""A local Zoom Phone API: token endpoint, blocked-list calls, faults and a request log, for tests and demos.

Re-exports only. Nothing in this package imports from the rest of zoom_blocklist_provider:
it plays Zoom's side.
"""

from .admin import EmulatorAdmin
from .config import EmulatorConfig
from .server import Emulator

__all__ = ["Emulator", "EmulatorAdmin", "EmulatorConfig"]
