"""Let the SDK's dynamic provider server serve more than 4 calls at once, from inside the provider process.

`python -m pulumi.dynamic` (the SDK's `pulumi/dynamic/__main__.py`, which the engine starts for a program's dynamic
resources) serves every call on a `futures.ThreadPoolExecutor(max_workers=4)` held only by its `main()`'s local
`server`. The engine sends up to --parallel steps at once (4 per CPU by default), but no more than 4 reach the
provider: at Zoom's latency (300 ms) 4 calls in flight make about 13 a second, a third of a Light account's 40.
The SDK offers no setting, so once the provider is configured (our code's first moment in that process) `widen`
finds that executor, raises its maximum and starts the threads. Starting them then, rather than leaving the pool to
grow, is what works: a ThreadPoolExecutor starts a thread at a submit only when its `_idle_semaphore` is empty, and
that semaphore is released after every finished call but taken only at a submit, so after the calls already served
it counts far more idle threads than there are, and the pool would barely grow. Idle threads wait on the pool's
queue and cost no CPU; the engine's --parallel still bounds the calls in flight, and the account's rate limiter the
calls to Zoom.

Every step is checked, and any surprise leaves the pool as it is (4 threads are slower, never wrong): `__main__` must
be the SDK's `pulumi.dynamic.__main__`, its main thread inside that module's `main()`, whose local `server` holds
`_state.thread_pool`, a ThreadPoolExecutor of exactly 4. A test holds this against the pinned SDK, through its real
server; a newer SDK that moves any of it is told apart, and the pool kept, rather than guessed at.
"""

from __future__ import annotations

import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from types import FrameType

SDK_THREADS = 4  # what pulumi/dynamic/__main__.py gives its server
SDK_SERVER = "pulumi.dynamic.__main__"

_lock = threading.Lock()
_outcome: str | None = None


def widen(threads: int) -> str:
    """Raise the SDK server's pool to `threads` once per process; say what was done, or why nothing was."""
    global _outcome  # noqa: PLW0603 - one server per process, widened once
    with _lock:
        if _outcome is None:
            found = _server_pool()
            if isinstance(found, str):
                _outcome = f"the dynamic provider server keeps its own thread pool: {found}"
            else:
                with found._shutdown_lock:  # the lock every submit takes
                    found._max_workers = threads
                    for _ in range(threads - len(found._threads)):
                        found._idle_semaphore = threading.Semaphore(0)  # so that the next line starts a thread
                        found._adjust_thread_count()
                _outcome = f"the dynamic provider server serves up to {threads} calls at once (the SDK's: 4)"
        return _outcome


def _server_pool() -> ThreadPoolExecutor | str:
    """The SDK server's executor, or why it was not found."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if getattr(spec, "name", None) != SDK_SERVER:
        return f"this process is not the SDK's {SDK_SERVER}"
    frame = _main_frame(getattr(main, "__file__", None))
    if frame is None:
        return "its main() is not running in the main thread"
    server = frame.f_locals.get("server")
    pool = getattr(getattr(server, "_state", None), "thread_pool", None)
    if not isinstance(pool, ThreadPoolExecutor):
        return "its main() holds no gRPC server with a ThreadPoolExecutor"
    if getattr(pool, "_max_workers", None) != SDK_THREADS:
        return f"its pool is not the {SDK_THREADS} threads this was written for"
    parts = ("_idle_semaphore", "_shutdown_lock", "_threads", "_adjust_thread_count")
    if not all(hasattr(pool, part) for part in parts) or not isinstance(pool._threads, set):
        return f"its ThreadPoolExecutor is not the one this was written for (it needs {', '.join(parts)})"
    return pool


def _main_frame(main_file: str | None) -> FrameType | None:
    """The frame of the server module's main(), on the main thread's stack (it waits there for the process's end)."""
    frame = sys._current_frames().get(threading.main_thread().ident or 0)
    while frame is not None:
        if frame.f_code.co_name == "main" and frame.f_code.co_filename == main_file:
            return frame
        frame = frame.f_back
    return None
