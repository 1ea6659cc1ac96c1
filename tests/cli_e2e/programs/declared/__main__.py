"""A program for the CLI suite: declares the BlockedNumbers and Blocklists that declared.json holds.

{"numbers": {"<name>": {<BlockedNumber arguments>}}, "lists": {"<name>": [<entries>]}}: a test rewrites the file
between commands to change what the stack declares, as a user edits a program.
"""

import json
from pathlib import Path

from zoom_blocklist_provider import BlockedNumber, Blocklist

declared = json.loads((Path(__file__).parent / "declared.json").read_text())
for name, args in declared.get("numbers", {}).items():
    BlockedNumber(name, **args)
for name, entries in declared.get("lists", {}).items():
    Blocklist(name, entries=entries)
