"""A program for the CLI suite: the native resources that declared.json holds, through pulumi_zoom.

{"providers": {"<name>": {<zoom.Provider arguments>}}, "numbers": {"<name>": {<BlockedNumber arguments>}},
"lists": {"<name>": [<entries>]}, "options": {"<name>": {"provider": "<name>", "import": "<id>",
"retain_on_delete": true, "aliases": ["<old name>"], "delete_before_replace": true, "replace_on_changes":
["<property>"], "depends_on": ["<name of a BlockedNumber>"]}}, "dynamic": {"<name>": {<dynamic BlockedNumber arguments>}}, "dynamic_lists": {"<name>":
[<entries>]}, "files": [{"path": "<CSV or YAML file>", "name_prefix": "<prefix>"}]}; arguments in Python's names.
A test rewrites the file between commands to change what the stack declares, as a user edits a program.
"""

import json
from pathlib import Path
from typing import Any

import pulumi
import pulumi_zoom as zoom

declared: dict[str, Any] = json.loads((Path(__file__).parent / "declared.json").read_text())
providers = {name: zoom.Provider(name, **args) for name, args in declared.get("providers", {}).items()}
numbers: dict[str, pulumi.Resource] = {}


def options(name: str) -> pulumi.ResourceOptions:
    given = declared.get("options", {}).get(name, {})
    return pulumi.ResourceOptions(
        provider=providers.get(given.get("provider", "")),
        import_=given.get("import"),
        retain_on_delete=given.get("retain_on_delete"),
        aliases=[pulumi.Alias(name=old) for old in given.get("aliases", [])] or None,
        delete_before_replace=given.get("delete_before_replace"),
        replace_on_changes=given.get("replace_on_changes"),
        depends_on=[numbers[other] for other in given.get("depends_on", [])] or None,
    )


for name, args in declared.get("numbers", {}).items():
    numbers[name] = zoom.phone.BlockedNumber(name, **args, opts=options(name))
for name, entries in declared.get("lists", {}).items():
    entry_args = [zoom.phone.BlocklistEntryArgs(**entry) for entry in entries]
    zoom.phone.Blocklist(name, entries=entry_args, opts=options(name))
if declared.get("dynamic") or declared.get("dynamic_lists") or declared.get("files"):
    # Imported only when declared: a stack of native resources alone does not pay for the dynamic door's import.
    from zoom_blocklist_provider import BlockedNumber, Blocklist, load_blocklist

    for name, args in declared.get("dynamic", {}).items():
        BlockedNumber(name, **args, opts=options(name))
    for name, entries in declared.get("dynamic_lists", {}).items():
        Blocklist(name, entries=entries, opts=options(name))
    for loaded in declared.get("files", []):
        load_blocklist(Path(__file__).parent / loaded["path"], name_prefix=loaded.get("name_prefix", ""))
