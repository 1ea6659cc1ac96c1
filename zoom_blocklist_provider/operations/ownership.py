"""Which resource of this stack holds which entry, as far as the engine's own calls to this process prove it.

The engine never tells a provider what other resources of the stack hold; but within one command, every resource
the program still declares reaches its provider process as a Check (its keys) and a Diff (its id and old state),
and every entry a create takes, it takes in this process. Those calls are the stack's own record, not a likeness
between an entry and a declaration, so they may decide two things:

- a delete leaves an entry blocked when another resource of this command keeps it, or a create of this command took
  it (with `adopt`, say a renamed resource's or an entry moved into a Blocklist): the old holder's deletion, which
  the engine runs last, must not unblock what the new one holds. A take and a delete of one entry may run at once (a
  Blocklist's update beside another resource's create): each holds the entry's lock while it decides, so either the
  delete sees the take and leaves the entry, or the take sees the delete and the create makes the entry anew;
- a create that meets an entry already blocked says whose it is, when a call of this command showed that: a resource
  that still declares it (a duplicate), or one that gives it up in this command (a move).

One record per command: the engine starts a provider process per command (the native plugin one per provider
instance, so one account; the dynamic resources one for all), and each door says when a call begins a command it
has not seen (`begin`). A resource whose URN the door cannot learn is recorded without it. Nothing here calls
Zoom.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

UNNAMED = ""  # the URN of a resource whose door does not say it


@dataclass(frozen=True)
class Holder:
    """A resource that holds an entry in this command: its URN (UNNAMED when unknown), and how it holds it."""

    urn: str
    how: str  # "keeps" (still declares it), "releases" (gives it up in this command), "took" (a create took it)

    @property
    def name(self) -> str:
        return named(self.urn)


def named(urn: str) -> str:
    """A resource as a message names it: `resource 'robocaller' (zoom:phone:BlockedNumber)`."""
    if not urn:
        return "another resource of this stack"
    kind, name = urn.split("::")[-2:]
    return f"resource {name!r} ({kind.rsplit('$', maxsplit=1)[-1]})"


class Ownership:
    """The record of one provider process; safe to share between threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._declared: dict[str, set[str]] = {}  # entry key -> URNs whose Check declares it
        self._holders: dict[str, Holder] = {}  # entry id -> who holds it in this command
        self._deleted: set[str] = set()  # entries a delete of this command removed from Zoom
        self._entry_locks: dict[str, threading.Lock] = {}

    def checked(self, urn: str, keys: Iterable[str]) -> dict[str, str]:
        """Record a Check of `urn` declaring `keys`; return each key another resource of this command declares
        too (key -> that resource's URN)."""
        with self._lock:
            twice: dict[str, str] = {}
            for key in keys:
                others = self._declared.setdefault(key, set())
                others.add(urn)
                other = next((found for found in sorted(others) if found != urn), None)
                if other is not None:
                    twice[key] = other
            return twice

    def kept(self, urn: str, entry_ids: Iterable[str]) -> None:
        """A Diff that keeps these entries (no replacement): the resource holds them after this command."""
        self._record(urn, entry_ids, "keeps")

    def released(self, urn: str, entry_ids: Iterable[str]) -> None:
        """A Diff that gives these entries up (keys removed from a Blocklist): the resource holds them until its
        update deletes them."""
        self._record(urn, entry_ids, "releases")

    @contextmanager
    def taking(self, urn: str, entry_id: str) -> Iterator[bool]:
        """A create taking an existing entry over: yields whether the entry is still there (False when a delete of
        this command removed it since the create met it, and the create must make it anew); recorded as `urn`'s on a
        normal exit. A new entry's id is held by no other resource, so it needs no record."""
        with self._entry_lock(entry_id):
            present = entry_id not in self._deleted
            yield present
            if present:
                self._record(urn, [entry_id], "took", force=True)

    @contextmanager
    def deleting(self, urn: str, entry_id: str) -> Iterator[Holder | None]:
        """A delete of `entry_id` by `urn`: yields the holder that keeps it (leave it blocked), or None (delete it);
        a delete that went through is recorded, so that a take that comes after it makes the entry anew."""
        with self._entry_lock(entry_id):
            keeper = self.keeper(urn, entry_id)
            yield keeper
            if keeper is None:
                with self._lock:
                    self._deleted.add(entry_id)

    def holder(self, entry_id: str) -> Holder | None:
        """Who holds `entry_id` in this command, if a call of this command showed it."""
        with self._lock:
            return self._holders.get(entry_id)

    def keeper(self, deleting: str, entry_id: str) -> Holder | None:
        """The holder that keeps `entry_id` blocked although `deleting` is being deleted (or gives it up): another
        resource that keeps it, or a create of this command that took it (a replacement's new self included)."""
        with self._lock:
            found = self._holders.get(entry_id)
        if found is None or found.how == "releases":
            return None
        if found.how == "keeps" and found.urn == deleting and deleting:
            return None  # the resource's own record: a replacement that deletes first
        return found

    def _entry_lock(self, entry_id: str) -> threading.Lock:
        with self._lock:
            return self._entry_locks.setdefault(entry_id, threading.Lock())

    def _record(self, urn: str, entry_ids: Iterable[str], how: str, *, force: bool = False) -> None:
        with self._lock:
            for entry_id in entry_ids:
                current = self._holders.get(entry_id)
                # A take of this command outranks what a Diff showed: the entry moved to the resource that took it.
                if force or current is None or current.how != "took":
                    self._holders[entry_id] = Holder(urn, how)


_lock = threading.Lock()
_process = Ownership()
_command: object | None = None


def record() -> Ownership:
    """The record of the command this process serves."""
    return _process


def begin(command: object | None) -> None:
    """Start a new record when `command`, a token of the engine's command a call belongs to, is not the one seen
    last (the engine starts a provider process per command, so this is once a process but where one process plays
    several commands, as tests do). The token is held, so no later one can reuse its identity; None keeps the
    record as it is."""
    global _process, _command
    with _lock:
        if command is not None and command is not _command:
            _command, _process = command, Ownership()
