"""Each door imports only what it needs: every provider process starts afresh for every Pulumi command (twice for a
refresh), so what it imports and does not use is paid on every command.

Each test imports one entry module in a Python process of its own (this one has imported everything) and lists which
of the package's subpackages, and which of the heavy libraries, that loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.engine.harness import REPO

LOADED = """
import json, sys
import {module}
{then}
ours = sorted({{name.split(".")[1] for name in sys.modules if name.startswith("zoom_blocklist_provider.")}})
print(json.dumps({{"ours": ours, "pulumi": "pulumi" in sys.modules, "grpc": "grpc" in sys.modules}}))
"""
HEAVY = ("pydantic", "phonenumbers", "requests")
# The plugin as main() makes it, then one call: GetSchema, or any other (which makes the ZoomProvider).
PLUGIN = """
import asyncio
from pulumi.provider.experimental.provider import GetSchemaRequest
from zoom_blocklist_provider.native.engine_log import EngineLog
from zoom_blocklist_provider.native.lazy import LazyProvider
provider = LazyProvider(EngineLog(None))
{call}
print(json.dumps([name for name in {heavy} if name in sys.modules]))
"""


def loaded_by(module: str, then: str = "") -> dict[str, object]:
    code = LOADED.format(module=module, then=then)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    *before, last = done.stdout.splitlines()
    result: dict[str, object] = json.loads(last)
    if before:
        result["heavy"] = json.loads(before[-1])
    return result
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_the_native_plugin_loads_neither_the_dynamic_door_nor_the_command_line() -> None:
    made = PLUGIN.format(call="provider.real", heavy=HEAVY)
    assert loaded_by("zoom_blocklist_provider.native.main", made) == {
        "ours": ["core", "native", "operations", "zoom"],
        "pulumi": True,
        "grpc": True,
        "heavy": ["pydantic", "phonenumbers", "requests"],
    }


def test_the_native_plugin_serves_its_schema_before_it_loads_its_models_or_the_zoom_client() -> None:
    # The YAML language host starts the plugin at every command only to ask for its schema.
    asked = PLUGIN.format(call="asyncio.run(provider.get_schema(GetSchemaRequest(0, None, None)))", heavy=HEAVY)
    assert loaded_by("zoom_blocklist_provider.native.main", asked) == {
        "ours": ["core", "native"],
        "pulumi": True,
        "grpc": True,
        "heavy": [],
    }


def test_the_dynamic_door_loads_not_the_native_plugin() -> None:
    assert loaded_by("zoom_blocklist_provider.dynamic.blocked_number") == {
        "ours": ["core", "dynamic", "operations", "zoom"],
        "pulumi": True,
        "grpc": True,
    }


def test_the_emulator_loads_nothing_of_the_rest_and_no_pulumi() -> None:
    assert loaded_by("zoom_blocklist_provider.emulator") == {"ours": ["emulator"], "pulumi": False, "grpc": False}


def test_the_command_line_loads_no_pulumi() -> None:
    assert loaded_by("zoom_blocklist_provider.cli") == {
        "ours": ["cli", "core", "emulator", "review", "zoom"],
        "pulumi": False,
        "grpc": False,
    }


def test_the_package_loads_a_door_only_when_one_of_its_names_is_used() -> None:
    assert loaded_by("zoom_blocklist_provider") == {"ours": [], "pulumi": False, "grpc": False}
