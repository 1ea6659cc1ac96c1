"""Apply one change to many blocked-list entries at once, as fast as the account's rate limit allows.

Calls run on the provider process's worker pool (`Account.executor()`), sized so that enough requests are in
flight to fill the rate at real API latency; the process-wide limiter in `zoom/ratelimit.py` keeps them under it.
A failure that concerns one entry (a conflict, a bad country, an entry gone) is recorded and the rest go on; one
that concerns the account (credentials, scopes, the network, a daily limit) stops the calls not yet started.
Nothing here decides what to change (`core.entry_set.plan` does) and nothing here retries: the client already does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any, TypeVar

from ..core.errors import BlocklistError, ConflictError, InvalidRequestError, NotFoundError, ZoomError
from ..core.spec import BlockedEntry

T = TypeVar("T")
MAX_LISTED = 20  # failures spelled out in one error; the count says how many more there are
PER_ENTRY_ERRORS = (ConflictError, InvalidRequestError, NotFoundError)
FINISH_UP = (
    "Run `pulumi up` again once the cause is fixed: entries this run created hold exactly their declared values, "
    "so the next run takes them over instead of creating them twice"
)
FINISH_DELETE = "Run the same command again once the cause is fixed: entries already deleted count as done"


@dataclass(frozen=True)
class Failure:
    """What went wrong with one entry of the set."""

    key: str
    error: Exception


@dataclass
class Outcome:
    """Results by key, failures (sorted by key), and how many calls were never started after a stop."""

    results: dict[str, Any]
    failures: list[Failure]
    skipped: int = 0


class _Skipped(Exception):
    """A call not started because an earlier one failed for the whole account."""


def run_all(pool: Executor, call: Callable[[str], T], keys: Sequence[str]) -> Outcome:
    """`call(key)` for every key on `pool`; the first account-wide failure stops the rest."""
    stop = threading.Event()

    def guarded(key: str) -> T:
        if stop.is_set():
            raise _Skipped
        try:
            return call(key)
        except PER_ENTRY_ERRORS:
            raise
        except Exception:
            stop.set()
            raise

    futures = [(key, pool.submit(guarded, key)) for key in keys]
    outcome = Outcome({}, [])
    for key, future in futures:
        try:
            outcome.results[key] = future.result()
        except _Skipped:
            outcome.skipped += 1
        except Exception as error:  # every failure is reported with its entry, none is lost
            outcome.failures.append(Failure(key, error))
    outcome.failures.sort(key=lambda failure: failure.key)
    return outcome


def conflict_failures(
    conflicts: Sequence[Failure],
    live: Mapping[str, BlockedEntry],
    wanted: Mapping[str, Mapping[str, Any]],
    adopt_hint: str,
) -> tuple[dict[str, BlockedEntry], dict[str, BlockedEntry], list[Failure]]:
    """Split the entries Zoom refused as duplicates: (take as they are, take and patch, refuse).

    The set owns its keys. An existing entry with its key that already holds the declared status and comment is
    what this set would have created, typically by an earlier run that failed halfway, so it is taken over with no
    call. One that holds other values is taken over (and patched) only when its entry says adopt: True.
    """
    by_key = {"/".join(entry.key()): entry for entry in live.values()}
    same: dict[str, BlockedEntry] = {}
    adopted: dict[str, BlockedEntry] = {}
    refused: list[Failure] = []
    for failure in conflicts:
        key, declared = failure.key, wanted[failure.key]
        existing = by_key.get(key)
        if existing is None:
            refused.append(failure)
        elif existing.status.value == declared["status"] and existing.comment == declared["comment"]:
            same[key] = existing
        elif declared.get("adopt"):
            adopted[key] = existing
        else:
            refused.append(Failure(key, _refusal(failure.error, key, existing, adopt_hint)))
    return same, adopted, refused


def _refusal(error: Exception, key: str, existing: BlockedEntry, adopt_hint: str) -> Exception:
    hint = (
        f"{key} is already blocked in Zoom as entry {existing.id} (status {existing.status.value}, comment "
        f"{existing.comment!r}); {adopt_hint} on this entry of the Blocklist to manage it, or delete it in the "
        "Zoom portal"
    )
    return error.with_hint(hint) if isinstance(error, ZoomError) else error


def raise_failures(action: str, total: int, outcome: Outcome, finish: str) -> None:
    """Raise one BlocklistError naming every failure (the first MAX_LISTED in full) when there is any."""
    if not outcome.failures and not outcome.skipped:
        return
    failed = len(outcome.failures)
    done = total - failed - outcome.skipped
    counts = f"{action} failed for {failed} of {total} entries ({done} done"
    counts += f", {outcome.skipped} not tried after an account-wide failure)" if outcome.skipped else ")"
    shown = "; ".join(f"{failure.key}: {_one_line(failure.error)}" for failure in outcome.failures[:MAX_LISTED])
    more = f"; and {failed - MAX_LISTED} more" if failed > MAX_LISTED else ""
    raise BlocklistError(f"{counts}: {shown}{more}. {finish}")


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split()).rstrip(".")
