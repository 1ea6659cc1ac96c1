"""The review of a change: what `pulumi preview --json` plans for the account's blocked list, as a Markdown summary
for a pull request, and the entries a resource holds, which the policy pack judges. No Pulumi, no call to Zoom: it
reads what the engine printed or handed over.
"""

from .changes import Change, Changes, changes_of, second_looks
from .entries import TICKET, Entry, Unknown, entries_of, resource_kind
from .markdown import Options, summary
from .preview import NotAPreview, Preview, Step, Violation, read_preview

__all__ = [
    "TICKET",
    "Change",
    "Changes",
    "Entry",
    "NotAPreview",
    "Options",
    "Preview",
    "Step",
    "Unknown",
    "Violation",
    "changes_of",
    "entries_of",
    "read_preview",
    "resource_kind",
    "second_looks",
    "summary",
]
