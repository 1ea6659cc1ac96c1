"""The Zoom Phone blocked-list client: credentials, endpoints and ZoomPhoneClient (re-exports only)."""

from zoom_blocklist_provider.zoom.auth import Credentials
from zoom_blocklist_provider.zoom.client import ZoomPhoneClient
from zoom_blocklist_provider.zoom.endpoints import COMMERCIAL, GOV, Endpoints

__all__ = ["COMMERCIAL", "GOV", "Credentials", "Endpoints", "ZoomPhoneClient"]
