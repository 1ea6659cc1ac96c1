"""The emulated account's blocked list: entries, Zoom's uniqueness rule, paging, and the --state file.

Everything here runs under one lock, so concurrent requests see whole changes only. It answers in Python
values and raises Refused with Zoom's exact error; it never writes HTTP and never imports outside emulator/.
"""

from __future__ import annotations

import base64
import json
import os
import random
import re
import secrets
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from .fields import Refused, stored_number
from .reply import zoom_error

PAGE_TOKEN_TTL = 15 * 60  # seconds, as Zoom documents for next_page_token
STATE_VERSION = 1
# What an id given to the emulator may hold: URL-safe base64 characters, as Zoom's ids do, so it fits a URL path.
ISSUABLE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass
class Entry:
    """One blocked number as Zoom holds it; `country` is write-only, `seq` keeps creation order for paging."""

    id: str
    phone_number: str
    match_type: str
    block_type: str
    status: str
    comment: str
    country: str | None
    seq: int

    def key(self) -> tuple[str, str, str]:
        return (self.phone_number, self.match_type, self.block_type)

    def public(self) -> dict[str, str]:
        """What a read returns: no country, and no comment when none was set (Zoom omits empty fields)."""
        shown = {
            "id": self.id,
            "phone_number": self.phone_number,
            "match_type": self.match_type,
            "block_type": self.block_type,
            "status": self.status,
        }
        if self.comment:
            shown["comment"] = self.comment
        return shown

    def full(self) -> dict[str, object]:
        """What the admin path shows: every stored field, country included."""
        return {key: value for key, value in asdict(self).items() if key != "seq"}


def _missing(entry_id: str, *, code: int, prefix: str = "") -> Refused:
    return Refused(zoom_error(400, code, f"{prefix}Blocked number (Id: {entry_id}) does not exist."))


def _duplicate() -> Refused:
    return Refused(zoom_error(409, 409, "Blocked number already exists."))


class StateFileError(Exception):
    """The state file cannot be used: what is wrong with it, and what to do. The file is left as it is."""


class UnusableIdError(ValueError):
    """An id given at start cannot be issued: not URL-safe base64, given twice, or held by a loaded entry."""


class Store:
    """The blocked list of the one emulated account, optionally mirrored to a JSON file after every change.

    A state file that cannot be read, or holds anything but a state this emulator wrote, stops the emulator before
    it serves (StateFileError), and is never overwritten; one that cannot be written stops it too, before it
    accepts a change it could not keep.

    Ids: the ones queued with `issue()` (or given as `ids`) go, in order, to the next entries created; after them an
    id is drawn from `id_seed` when one is given (the same ids every run, and again after each reset), else at
    random as Zoom's look. So a test can make an id begin with '-' or '_' on purpose instead of once in 32 draws.
    """

    def __init__(self, state_file: str | None = None, *, ids: Iterable[str] = (), id_seed: int | None = None) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, Entry] = {}
        self._next_seq = 1
        self._page_tokens: dict[str, tuple[int, float]] = {}
        self._queued_ids: deque[str] = deque()
        self._id_seed = id_seed
        self._draw = random.Random(id_seed) if id_seed is not None else None
        self._state_file = Path(state_file) if state_file else None
        if self._state_file is not None:
            if self._state_file.exists():
                self._load(self._state_file)
            try:
                self._save()
            except OSError as error:
                folder = self._state_file.parent
                why = f"{folder} is not a folder" if folder.exists() and not folder.is_dir() else error.strerror
                raise StateFileError(
                    f"cannot write the state file {self._state_file}: {why}; point --state at a file in a folder "
                    "you can write to"
                ) from None
        try:
            self.issue(ids)
        except Refused as refused:
            raise UnusableIdError(refused.message) from None

    # --- the five operations -------------------------------------------------------------------------------

    def create(self, fields: dict[str, str], *, entry_id: str | None = None) -> Entry:
        """A new entry, with `entry_id` when given (the admin path's hands), else the next id to issue."""
        match_type = fields.get("match_type", "phoneNumber")
        country = fields.get("country")
        with self._lock:
            if entry_id is not None:
                self._refuse_unusable(entry_id)
            entry = Entry(
                id=entry_id if entry_id is not None else self._new_id(),
                phone_number=stored_number(fields["phone_number"], match_type, country),
                match_type=match_type,
                block_type=fields.get("block_type", "inbound"),
                status=fields.get("status", "active"),
                comment=fields.get("comment", ""),
                country=country,
                seq=self._next_seq,
            )
            if any(other.key() == entry.key() for other in self._entries.values()):
                raise _duplicate()  # a refused create leaves the queued id for the next one
            if entry_id is None and self._queued_ids:
                self._queued_ids.popleft()
            self._entries[entry.id] = entry
            self._next_seq += 1
            self._save()
            return entry

    def get(self, entry_id: str) -> Entry:
        with self._lock:
            entry = self._entries.get(entry_id)
            if entry is None:
                raise _missing(entry_id, code=400)
            return entry

    def update(self, entry_id: str, fields: dict[str, str]) -> None:
        with self._lock:
            entry = self._entries.get(entry_id)
            if entry is None:
                raise _missing(entry_id, code=300, prefix="Validation Failed. ")
            changes: dict[str, object] = {k: v for k, v in fields.items() if k != "phone_number"}
            match_type = fields.get("match_type", entry.match_type)
            country = fields.get("country", entry.country)
            if "phone_number" in fields:
                changes["phone_number"] = stored_number(fields["phone_number"], match_type, country)
            updated = Entry(**{**asdict(entry), **changes})
            if any(o.key() == updated.key() for o in self._entries.values() if o.id != entry_id):
                raise _duplicate()
            self._entries[entry_id] = updated
            self._save()

    def delete(self, entry_id: str) -> None:
        with self._lock:
            if self._entries.pop(entry_id, None) is None:
                raise _missing(entry_id, code=300, prefix="Validation Failed. ")
            self._save()

    def page(self, page_size: int, token: str) -> tuple[list[Entry], str, int]:
        """One page in creation order, the token for the next one ("" at the end) and the total count.

        Tokens are opaque and held here, so a page stays correct when entries come and go between calls.
        """
        with self._lock:
            now = time.monotonic()
            self._page_tokens = {t: v for t, v in self._page_tokens.items() if v[1] > now}
            after = 0
            if token:
                if token not in self._page_tokens:
                    raise Refused(zoom_error(400, 300, "Invalid next page token."))
                after = self._page_tokens[token][0]  # reusable until it expires: a lost answer can be asked again
            later = [entry for entry in self._entries.values() if entry.seq > after]
            shown = later[:page_size]
            next_token = ""
            if len(later) > page_size:
                next_token = secrets.token_urlsafe(24)
                self._page_tokens[next_token] = (shown[-1].seq, now + PAGE_TOKEN_TTL)
            return shown, next_token, len(self._entries)

    # --- out-of-band access for the admin path ------------------------------------------------------------

    def all(self) -> list[Entry]:
        with self._lock:
            return list(self._entries.values())

    def reset(self) -> None:
        """No entries, no queued ids, and the seeded ids start over: each test sees the same ids as when run alone."""
        with self._lock:
            self._entries.clear()
            self._page_tokens.clear()
            self._queued_ids.clear()
            self._next_seq = 1
            if self._id_seed is not None:
                self._draw = random.Random(self._id_seed)
            self._save()

    def issue(self, ids: Iterable[str]) -> None:
        """Queue ids for the next entries created (through the API or the admin path), in order.

        Refused (nothing queued) when one is not URL-safe base64, is held by an entry, or is queued already.
        """
        wanted = list(ids)
        with self._lock:
            for position, entry_id in enumerate(wanted):
                self._refuse_unusable(entry_id)
                if entry_id in wanted[:position]:
                    raise Refused(zoom_error(400, 300, f"Id {entry_id!r} is given twice."))
            self._queued_ids.extend(wanted)

    def queued_ids(self) -> list[str]:
        with self._lock:
            return list(self._queued_ids)

    def flush(self) -> None:
        """Write the state file now (it is written after every change anyway; this covers shutdown)."""
        with self._lock:
            self._save()

    # --- persistence ------------------------------------------------------------------------------------

    def _refuse_unusable(self, entry_id: str) -> None:
        if not isinstance(entry_id, str) or not ISSUABLE_ID.fullmatch(entry_id):
            raise Refused(zoom_error(400, 300, f"Id {entry_id!r} is not 1 to 64 URL-safe base64 characters."))
        if entry_id in self._entries or entry_id in self._queued_ids:
            where = "held by an entry" if entry_id in self._entries else "queued already"
            raise Refused(zoom_error(400, 300, f"Id {entry_id!r} is {where}."))

    def _new_id(self) -> str:
        if self._queued_ids:
            return self._queued_ids[0]  # create takes it off the queue once the entry is stored
        # Zoom's ids are 22 URL-safe base64 characters, like "2ypsHHwTTFK-fzZJkudYwA".
        while True:
            raw = self._draw.randbytes(16) if self._draw is not None else secrets.token_bytes(16)
            candidate = base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
            if candidate not in self._entries:
                return candidate

    def _load(self, path: Path) -> None:
        keep = "it is left as it is: remove it to start with no entries, or point --state at another file"
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            why = error.strerror if isinstance(error, OSError) else "it is not UTF-8 text"
            raise StateFileError(f"cannot read the state file {path}: {why}; {keep}") from None
        if not text.strip():
            raise StateFileError(f"the state file {path} is empty, where an emulator's state is a JSON object; {keep}")
        try:
            document = json.loads(text)
            entries = [Entry(**raw) for raw in document["entries"]]
            next_seq = int(document.get("next_seq", 1))
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            detail = f"{type(error).__name__}: {error}".splitlines()[0]
            raise StateFileError(f"the state file {path} is not an emulator's state ({detail}); {keep}") from None
        for entry in entries:
            self._entries[entry.id] = entry
        self._next_seq = max([next_seq, *(e.seq + 1 for e in self._entries.values())])

    def _save(self) -> None:
        """Write the whole state beside the file and rename over it: a crash never leaves half a file."""
        if self._state_file is None:
            return
        document = {
            "version": STATE_VERSION,
            "next_seq": self._next_seq,
            "entries": [asdict(entry) for entry in self._entries.values()],
        }
        directory = self._state_file.parent
        directory.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{self._state_file.name}.", dir=directory)
        try:
            with os.fdopen(fd, "w") as handle:
                json.dump(document, handle, indent=1)
            os.replace(temporary, self._state_file)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
