"""From a file: the blocked list kept as data (a CSV the service desk edits, a YAML file the telecom team owns).

Each line becomes one BlockedNumber named after its number, match type and block type (`number-19075550110-inbound`,
`prefix-1900-outbound`), never after its position, so sorting, inserting or removing lines touches no other entry.
A file with any problem declares nothing: the error lists every problem as `file:line: field: reason`. Files are
found beside this program, whatever directory `pulumi up` runs from. This program must never hold a credential:
those come from stack config (`zoom:clientSecret` set with --secret) or ZOOM_* environment variables.
"""

from pathlib import Path

import pulumi

from zoom_blocklist_provider import load_blocklist

HERE = Path(__file__).parent

inbound = load_blocklist(HERE / "blocklist.csv")
outbound = load_blocklist(HERE / "blocklist.yaml")

# What `pulumi stack output blocked` shows: each number as Zoom stores it, beside its Zoom id.
pulumi.export("blocked", [{"id": entry.id, "phone_number": entry.phone_number} for entry in inbound + outbound])
