"""`python -m zoom_blocklist_provider.cli`: the same command as `zoom-blocklist`."""

from . import main

main()
