"""What a provider process holds that the pickled provider must not: its settings, Zoom clients and read cache.

An `Account` is one Zoom account's settings; its first API call builds the process's client for (API URL, account
id, client id), shared by every resource and worker thread that reaches the same account. The dynamic door pickles
its provider object into every state file (`__provider`), so that object stays empty: `configure()` records the
stack config here, once per provider process, and `current()` is its account. The native door keeps one Account
per provider instance. Nothing here runs during preview: check and diff never ask for a client, a listing or a
worker pool.

Reads during a refresh are served from one listing of the whole account (`listing()`), fetched by the first read
and kept for READ_CACHE_SECONDS: a refresh of N entries costs N/100 list calls instead of N GETs, and sees one
consistent snapshot. Every write the process makes goes through `CachingClient`, which makes the snapshot stale,
so no write is ever masked by it.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from ..core.account import Credentials, Endpoints
from ..core.errors import ConflictError, PermissionDeniedError
from ..core.settings import ZoomSettings, load_settings
from ..core.spec import BlockedEntry, BlockedNumberSpec
from ..zoom import ZoomPhoneClient

# A refresh asks for every entry within seconds of the listing; 30 s covers a refresh of thousands of entries
# (reads served from memory take milliseconds) and is short enough that the snapshot is one moment of the account.
READ_CACHE_SECONDS = 30.0
# `pulumi import --file` reads its entries one step at a time while the file backend rewrites the state after each:
# 1,000 imports take minutes. An import makes no write, so its reads all come from the listing its first read took,
# up to this age (a longer import lists again): one list call per 100 entries instead of one per 30 s.
IMPORT_CACHE_SECONDS = 600.0
# Workers a set resource keeps busy: enough requests in flight to fill the account's rate at up to this much
# latency per call (rate x latency), bounded so a mistyped rate cannot start hundreds of threads.
LATENCY_ALLOWANCE_SECONDS = 1.0
MIN_WORKERS = 4
MAX_WORKERS = 64
# Engine calls a provider process serves at once, each of which may hold a connection: the dynamic door widens the
# SDK's server to this many (dynamic/server_pool.py); the native plugin's pool has room for them.
ENGINE_CALLS = MAX_WORKERS

_lock = threading.Lock()
_config: dict[str, object] | None = None
_clients: dict[tuple[str, str, str], CachingClient] = {}
_executor: ThreadPoolExecutor | None = None


@dataclass(frozen=True)
class Snapshot:
    """One listing of the account: entries by id, and the write generation it began at."""

    generation: int
    fetched_at: float
    entries: Mapping[str, BlockedEntry]


class ListingCache:
    """The latest listing of one account; concurrent readers share one fetch, and writes make it stale.

    A reader may use a snapshot only when the listing began after every write that had finished when the reader
    began (its generation is not older than the reader's), and only within `window` seconds of the fetch.
    """

    def __init__(self, window: float = READ_CACHE_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.window = window
        self._clock = clock
        self._cond = threading.Condition()
        self._generation = 0
        self._snapshot: Snapshot | None = None
        self._loading = False
        self.listing_refused = False  # the app may read entries but not list them: fall back to GETs

    def written(self) -> None:
        """A write finished (or failed halfway): snapshots begun before it no longer serve later readers."""
        with self._cond:
            self._generation += 1

    def entries(
        self, fetch: Callable[[], Iterator[BlockedEntry]], window: float | None = None
    ) -> Mapping[str, BlockedEntry]:
        """A snapshot fresh enough for this reader (at most `window` seconds old, the cache's own by default);
        fetches one if none is, or waits for the fetch under way."""
        window = self.window if window is None else window
        with self._cond:
            start = self._generation
            while True:
                snapshot = self._snapshot
                if snapshot and snapshot.generation >= start and self._clock() - snapshot.fetched_at < window:
                    return snapshot.entries
                if not self._loading:
                    break
                self._cond.wait()
            self._loading = True
            generation = self._generation
        try:
            entries = {entry.id: entry for entry in fetch()}
        except BaseException:
            with self._cond:  # the next waiter tries the listing itself
                self._loading = False
                self._cond.notify_all()
            raise
        with self._cond:
            self._snapshot = Snapshot(generation, self._clock(), entries)
            self._loading = False
            self._cond.notify_all()
        return entries


class CachingClient(ZoomPhoneClient):
    """The process's client: every write that may have changed the account marks its listings stale, whether it
    succeeded or not (a 409 changed nothing). `cache` serves reads; `lookups` serves the look-ups of entries a create
    met, and leaves out the entries this client cannot read (someone else's, of a block type Zoom added later)."""

    def __init__(self, credentials: Credentials, endpoints: Endpoints, *, cache: ListingCache, **options: Any) -> None:
        super().__init__(credentials, endpoints, **options)
        self.cache = cache
        self.lookups = ListingCache(cache.window)

    def _written(self) -> None:
        self.cache.written()
        self.lookups.written()

    def create(self, spec: BlockedNumberSpec) -> str:
        try:
            created = super().create(spec)
        except ConflictError:
            # Nothing was written, but the entry it met may be newer than any listing: the look-up lists again.
            self.lookups.written()
            raise
        except BaseException:
            self._written()
            raise
        self._written()
        return created

    def update(self, entry_id: str, fields: Mapping[str, str]) -> None:
        try:
            super().update(entry_id, fields)
        finally:
            self._written()

    def delete(self, entry_id: str) -> None:
        try:
            super().delete(entry_id)
        finally:
            self._written()


class Account:
    """One Zoom account as a provider process reaches it: its settings, and (built at the first call) its client
    with the listing cache and the worker pool. Building one does no I/O and needs no credentials: preview has none.
    """

    def __init__(self, settings: ZoomSettings) -> None:
        self.settings = settings

    def client(self) -> CachingClient:
        """The process's client for this account; ConfigurationError when credentials are missing."""
        current = self.settings
        current.debug()  # a bad zoom:debug is reported here, where every other bad setting is
        credentials = current.credentials()
        endpoints = current.endpoints()
        rate = current.rate_limit()
        key = (endpoints.api_url, credentials.account_id, credentials.client_id)
        with _lock:
            existing = _clients.get(key)
            if existing is None:
                existing = CachingClient(
                    credentials,
                    endpoints,
                    cache=ListingCache(),
                    light_rate=rate,
                    medium_rate=rate / 2,
                    timeout=current.timeout(),
                    retry_budget=current.retry_budget(),
                    session=_session(workers(rate)),
                )
                _clients[key] = existing
            return existing

    def executor(self) -> ThreadPoolExecutor:
        """The process's worker pool for set resources, sized for this account's rate; shared so several sets in one
        program never multiply the connections."""
        return executor(workers(self.settings.rate_limit()))

    def listing(self) -> Mapping[str, BlockedEntry]:
        """Every entry of the account by id, from a listing at most READ_CACHE_SECONDS old and newer than our writes."""
        current = self.client()
        return current.cache.entries(current.list)

    def existing(self) -> dict[str, BlockedEntry]:
        """The entries a create may have met, by key ("+19075550100/phoneNumber/inbound"), from one listing shared
        by every 409 of the run and newer than its writes."""
        current = self.client()
        listed = current.lookups.entries(lambda: current.list(skip_unreadable=True))
        return {"/".join(entry.key()): entry for entry in listed.values()}

    def read_entry(self, entry_id: str, *, window: float = READ_CACHE_SECONDS) -> BlockedEntry:
        """The live entry for a refresh or an import, from the shared listing (at most `window` seconds old) or (not
        in it) a GET; NotFoundError when gone."""
        current = self.client()
        if not current.cache.listing_refused:
            try:
                found = current.cache.entries(current.list, window).get(entry_id)
            except PermissionDeniedError:
                # An app granted phone:read:blocked_list:admin but not the list scope still refreshes, one GET each.
                current.cache.listing_refused = True
            else:
                if found is not None:
                    return found
        return current.get(entry_id)


def configure(config: Mapping[str, object]) -> None:
    """Remember the stack config of this provider process (only the `zoom:` namespace): the dynamic door's one
    account per program."""
    global _config  # noqa: PLW0603 - one provider process has one stack config
    with _lock:
        _config = {key: value for key, value in config.items() if key.startswith("zoom:")}


def settings() -> ZoomSettings:
    """The stack config given to `configure()`, falling back to the environment for each key."""
    with _lock:
        config = dict(_config or {})
    return load_settings(config)


def current() -> Account:
    """The account of the stack config given to `configure()` (and the environment)."""
    return Account(settings())


def workers(rate: float) -> int:
    """Concurrent calls a set resource makes: enough to reach `rate` calls/s at LATENCY_ALLOWANCE_SECONDS each."""
    return max(MIN_WORKERS, min(MAX_WORKERS, math.ceil(rate * LATENCY_ALLOWANCE_SECONDS)))


def _session(connections: int) -> requests.Session:
    # requests keeps 10 connections per host by default; more threads than that would open and drop one per call.
    session = requests.Session()
    adapter = HTTPAdapter(pool_connections=4, pool_maxsize=connections + ENGINE_CALLS)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def executor(size: int) -> ThreadPoolExecutor:
    """The process's worker pool, made at the first call with `size` threads."""
    global _executor  # noqa: PLW0603 - one pool per provider process
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="zoom-blocklist")
        return _executor


def reset() -> None:
    """Forget the stack config, every client and the worker pool (tests, and a CLI that reconfigures)."""
    global _config, _executor  # noqa: PLW0603
    with _lock:
        _config = None
        _clients.clear()
        pool, _executor = _executor, None
    if pool is not None:
        pool.shutdown(wait=False)
