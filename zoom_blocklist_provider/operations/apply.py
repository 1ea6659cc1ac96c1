"""Apply one change to many blocked-list entries at once, as fast as the account's rate limit allows.

Calls run on the provider process's worker pool (`Account.executor()`), sized so that enough requests are in
flight to fill the rate at real API latency; the process-wide limiter in `zoom/ratelimit.py` keeps them under it.
A failure that concerns one entry (a conflict, a bad country, an entry gone) is recorded and the rest go on; one
that concerns the account (credentials, scopes, the network, a daily limit) stops the calls not yet started.
Nothing here decides what to change (`core.entry_set.plan` does) and nothing here retries: the client already does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any, TypeVar

from ..core.errors import BlocklistError, ConflictError, InvalidRequestError, NotFoundError

T = TypeVar("T")
MAX_LISTED = 20  # failures spelled out in one error; the count says how many more there are
PER_ENTRY_ERRORS = (ConflictError, InvalidRequestError, NotFoundError)
FINISH_UP = (
    "The state records every entry this run created, changed or deleted, so once the cause is fixed the next "
    "`pulumi up` does the rest and nothing else"
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


class Incomplete(BlocklistError):
    """A set's create or update that failed part way, with what it did: the set's id and its outputs as far as it
    got (every entry created, changed or deleted accounted for), for the door to record in the state, and the ids
    of the entries it created (not adopted), for a door that cannot record a partial state to delete again."""

    def __init__(self, error: BlocklistError, set_id: str, outputs: dict[str, Any], created: list[str]) -> None:
        super().__init__(error.message)
        self.error = error  # what the door reports, once it has recorded the rest
        self.set_id = set_id
        self.outputs = outputs
        self.created = created


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


def failures_error(action: str, total: int, outcome: Outcome, finish: str) -> BlocklistError | None:
    """One BlocklistError naming every failure (the first MAX_LISTED in full), or None when there is none."""
    if not outcome.failures and not outcome.skipped:
        return None
    failed = len(outcome.failures)
    done = total - failed - outcome.skipped
    counts = f"{action} failed for {failed} of {total} entries ({done} done"
    counts += f", {outcome.skipped} not tried after an account-wide failure)" if outcome.skipped else ")"
    shown = "; ".join(f"{failure.key}: {_one_line(failure.error)}" for failure in outcome.failures[:MAX_LISTED])
    more = f"; and {failed - MAX_LISTED} more" if failed > MAX_LISTED else ""
    return BlocklistError(f"{counts}: {shown}{more}. {finish}")


def raise_failures(action: str, total: int, outcome: Outcome, finish: str) -> None:
    """Raise failures_error's error when there is one."""
    error = failures_error(action, total, outcome, finish)
    if error is not None:
        raise error


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split()).rstrip(".")
