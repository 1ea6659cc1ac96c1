"""Check, diff, create, read, update and delete of an entry and of a set, over `core` and `zoom`: what both doors
call, taking and returning plain values."""
