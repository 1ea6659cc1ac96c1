"""The Zoom client: authentication, transport, retries, rate limiting and the five blocked-list calls.

Re-exports only. It speaks HTTP to Zoom (or the emulator) and never imports Pulumi.
"""

from zoom_blocklist_provider.core.account import COMMERCIAL, GOV, Credentials, Endpoints
from zoom_blocklist_provider.zoom.client import ZoomPhoneClient

__all__ = ["COMMERCIAL", "GOV", "Credentials", "Endpoints", "ZoomPhoneClient"]
