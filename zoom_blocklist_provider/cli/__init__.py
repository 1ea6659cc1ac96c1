"""The `zoom-blocklist` command line: `emulator` serves a local Zoom Phone API, `export` writes a live account's
blocked list as code that adopts it, `doctor` checks a setup, `recover` records what an interrupted run created,
`review` summarizes a preview for a pull request.

Each command lives in its own module; this one wires them together. Nothing here may print a client secret or a
token (the emulator's public fake, which its --help shows, aside).
"""

from __future__ import annotations

import click

from .doctor import doctor
from .emulator import emulator
from .export import export
from .recover import recover
from .review import review


@click.group(context_settings={"max_content_width": 110})
def main() -> None:
    """Manage Zoom Phone blocked numbers as infrastructure as code."""


main.add_command(doctor)
main.add_command(emulator)
main.add_command(export)
main.add_command(recover)
main.add_command(review)

if __name__ == "__main__":
    main()
