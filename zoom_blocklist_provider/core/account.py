"""Which Zoom account and cloud: a Server-to-Server OAuth app's credentials, and the API and token endpoints.

Only checks the shape of the values; never connects anywhere. `Credentials` hides the secret from repr.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .errors import CREDENTIALS_HINT, ConfigurationError

__all__ = ["COMMERCIAL", "GOV", "Credentials", "Endpoints"]


@dataclass(frozen=True)
class Credentials:
    """A Server-to-Server OAuth app's credentials; the secret never shows in repr."""

    account_id: str
    client_id: str
    client_secret: str = field(repr=False)

    def checked(self) -> Credentials:
        """These credentials, or a ConfigurationError naming the empty ones and both ways to set them."""
        empty = [name for name, value in vars(self).items() if not value]
        if empty:
            raise ConfigurationError(
                "missing " + ", ".join(empty), operation="reading Zoom credentials", hint=CREDENTIALS_HINT
            )
        return self


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
