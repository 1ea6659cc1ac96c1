"""The schema the plugin serves before importing its models (native/lazy.py): the committed file, with this
installation's version and release location, and the computed schema when no file is there."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from pulumi.provider.experimental.provider import GetSchemaRequest

from tests.engine.harness import REPO
from zoom_blocklist_provider.native.engine_log import EngineLog
from zoom_blocklist_provider.native.lazy import SCHEMA_FILES, LazyProvider, served_schema
from zoom_blocklist_provider.native.provider import ZoomProvider
from zoom_blocklist_provider.native.schema import PLUGIN_DOWNLOAD_URL, VERSION, schema


def test_a_checkout_serves_sdk_schema_json_which_is_the_computed_schema() -> None:
    assert SCHEMA_FILES[1] == REPO / "sdk" / "schema.json"
    served = served_schema()
    assert served is not None
    assert json.loads(served) == schema()


def test_the_version_and_release_location_are_the_installations_not_the_files(tmp_path: Path) -> None:
    # `make dist PLUGIN_DOWNLOAD_URL=...` builds a release whose metadata names its own location.
    committed = json.loads((REPO / "sdk" / "schema.json").read_text())
    other = {**committed, "version": "9.9.9", "pluginDownloadURL": "https://example.invalid/elsewhere/"}
    (tmp_path / "schema.json").write_text(json.dumps(other))
    served = served_schema((tmp_path / "schema.json",))
    assert served is not None
    assert (json.loads(served)["version"], json.loads(served)["pluginDownloadURL"]) == (VERSION, PLUGIN_DOWNLOAD_URL)
    assert json.loads(served) == schema()


def test_without_the_file_the_schema_is_computed(tmp_path: Path) -> None:
    absent = (tmp_path / "absent.json",)
    assert served_schema(absent) is None
    provider = LazyProvider(EngineLog(None), absent)
    assert provider.started is None
    # A loop of its own, not asyncio.run: that leaves the thread without a current loop, which the programs' tests
    # that share this process (under the SDK's mocks) need.
    loop = asyncio.new_event_loop()
    try:
        answered = loop.run_until_complete(provider.get_schema(GetSchemaRequest(0)))
    finally:
        loop.close()
    assert json.loads(answered.schema) == schema()
    assert isinstance(provider.started, ZoomProvider)


def test_the_lazy_provider_passes_on_every_call_the_zoom_provider_answers() -> None:
    own = {name for name, value in vars(ZoomProvider).items() if callable(value) and not name.startswith("_")}
    passed_on = {name for name, value in vars(LazyProvider).items() if callable(value) and not name.startswith("_")}
    assert own == passed_on
