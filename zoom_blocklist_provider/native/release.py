"""This installation's version and release location, read from its package metadata (nothing else imported).

pyproject.toml's [project.urls] "Plugin downloads" names the release location once; it reaches the plugin and the
SDKs through the package's metadata (a Project-URL field "<label>, <url>"), so a release built for another location
(`make dist PLUGIN_DOWNLOAD_URL=...`) carries that one.
"""

from __future__ import annotations

import importlib.metadata

DIST = "zoom-blocklist-provider"
DOWNLOADS_LABEL = "Plugin downloads"


def installed() -> tuple[str, str]:
    """This installation's version and release location."""
    metadata = importlib.metadata.metadata(DIST)
    urls = dict(field.split(", ", 1) for field in metadata.get_all("Project-URL", []))
    return metadata["Version"], urls[DOWNLOADS_LABEL]
