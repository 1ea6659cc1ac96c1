"""Where a Zoom account's API and token endpoint live: commercial Zoom, ZoomGov, or any base URL.

Only checks the shape of the URLs; never connects to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from zoom_blocklist_provider.errors import ConfigurationError

__all__ = ["COMMERCIAL", "GOV", "Endpoints"]


@dataclass(frozen=True)
class Endpoints:
    """The API base URL (ending in /v2) and the Server-to-Server OAuth token URL of one Zoom cloud."""

    api_url: str
    oauth_url: str

    def checked(self) -> Endpoints:
        """These endpoints, API URL without a trailing slash; ConfigurationError if a URL is not http(s)."""
        for name, url in (("API URL", self.api_url), ("OAuth URL", self.oauth_url)):
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ConfigurationError(
                    f"the Zoom {name} {url!r} is not an http(s) URL",
                    operation="reading Zoom endpoints",
                    hint="set zoom:apiUrl / zoom:oauthUrl (or ZOOM_API_URL / ZOOM_OAUTH_URL) to full URLs",
                )
        return Endpoints(self.api_url.rstrip("/"), self.oauth_url)


COMMERCIAL = Endpoints("https://api.zoom.us/v2", "https://zoom.us/oauth/token")
GOV = Endpoints("https://api.zoomgov.com/v2", "https://zoomgov.com/oauth/token")
