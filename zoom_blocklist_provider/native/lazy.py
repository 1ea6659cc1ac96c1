"""The plugin's first answers before its heavy imports: the schema from the committed file, the rest on first need.

The YAML language host starts the plugin at every command only to ask for its schema, then stops it; the engine
starts it again for the resources. Computing the schema means importing the provider's models (pydantic, the phone
number rules, the Zoom client), about half of the plugin's 0.4 s start. So `LazyProvider` answers GetSchema from
`sdk/schema.json` (a wheel carries it beside this module: pyproject's force-include) with this installation's version
and release location, and imports `ZoomProvider` at the first other call. Without the file (a copy of the sources
that lacks it) the schema is computed, as before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from pulumi.provider.experimental.provider import (
    CheckRequest,
    CheckResponse,
    ConfigureRequest,
    ConfigureResponse,
    CreateRequest,
    CreateResponse,
    DeleteRequest,
    DiffRequest,
    DiffResponse,
    GetSchemaRequest,
    GetSchemaResponse,
    Provider,
    ReadRequest,
    ReadResponse,
    UpdateRequest,
    UpdateResponse,
)

from .engine_log import EngineLog
from .release import installed

if TYPE_CHECKING:
    from .provider import ZoomProvider

# Where the committed schema is: beside this module in a wheel (and the release's bundle), at sdk/ in a checkout.
SCHEMA_FILES = (Path(__file__).with_name("schema.json"), Path(__file__).parents[2] / "sdk" / "schema.json")


def served_schema(files: tuple[Path, ...] = SCHEMA_FILES) -> str | None:
    """The committed schema with this installation's version and release location, or None without the file.

    The committed file holds pyproject.toml's version and URL; a release built for another location (`make dist
    PLUGIN_DOWNLOAD_URL=...`) carries that location in its metadata, which wins here as it does in schema().
    """
    found = next((path for path in files if path.is_file()), None)
    if found is None:
        return None
    schema = json.loads(found.read_text(encoding="utf-8"))
    schema["version"], schema["pluginDownloadURL"] = installed()
    return json.dumps(schema)


class LazyProvider(Provider):
    """GetSchema at once; every other call by the ZoomProvider made (and imported) at the first of them."""

    def __init__(self, log: EngineLog, schema_files: tuple[Path, ...] = SCHEMA_FILES) -> None:
        self.log = log
        self.schema_files = schema_files
        self._real: ZoomProvider | None = None

    @property
    def real(self) -> ZoomProvider:
        if self._real is None:
            from .provider import ZoomProvider

            self._real = ZoomProvider(self.log)
        return self._real

    @property
    def started(self) -> ZoomProvider | None:
        """The ZoomProvider, if a call has made it."""
        return self._real

    async def get_schema(self, request: GetSchemaRequest) -> GetSchemaResponse:
        served = served_schema(self.schema_files)
        if served is None:
            return await self.real.get_schema(request)
        return GetSchemaResponse(served)

    async def check_config(self, request: CheckRequest) -> CheckResponse:
        return await self.real.check_config(request)

    async def diff_config(self, request: DiffRequest) -> DiffResponse:
        return await self.real.diff_config(request)

    async def configure(self, request: ConfigureRequest) -> ConfigureResponse:
        return await self.real.configure(request)

    async def check(self, request: CheckRequest) -> CheckResponse:
        return await self.real.check(request)

    async def diff(self, request: DiffRequest) -> DiffResponse:
        return await self.real.diff(request)

    async def create(self, request: CreateRequest) -> CreateResponse:
        return await self.real.create(request)

    async def read(self, request: ReadRequest) -> ReadResponse:
        return await self.real.read(request)

    async def update(self, request: UpdateRequest) -> UpdateResponse:
        return await self.real.update(request)

    async def delete(self, request: DeleteRequest) -> None:
        await self.real.delete(request)
