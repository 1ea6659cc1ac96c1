"""A session fixture's build, made once a run and shared by every xdist worker.

Each xdist worker is a pytest session of its own, so a session fixture is otherwise built once per worker: for the
virtualenv holding the project's wheel, or the Node.js SDK's tarball, that is half a minute of CPU each, on a
machine where the suite is CPU-bound. Under xdist the first worker to ask builds into the run's own temporary folder
(the parent of every worker's basetemp, which only this run uses) while it holds a lock there; the others wait on
the lock, then reuse the build. Without xdist that parent is shared by every earlier run, so the build goes into the
session's own basetemp, as a session fixture's always did.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], Path]) -> Path:
    """What `build(folder)` returns (a path inside `folder`, a new empty folder), built once a run.

    The build is trusted only when its marker, `<name>.done`, exists: it is written last, and names the path `build`
    returned. A build that raised leaves `<name>.failed` with the error instead, which fails every worker that asks
    after it; a worker killed mid-build leaves neither, and the next one to ask builds afresh.
    """
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return build(tmp_path_factory.mktemp(name))
    run = tmp_path_factory.getbasetemp().parent
    folder, done, failed = run / name, run / f"{name}.done", run / f"{name}.failed"
    with (run / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or when this worker dies
        if failed.exists():
            pytest.fail(f"building {name} failed in another worker:\n{failed.read_text()}", pytrace=False)
        if done.exists():
            return folder / done.read_text()
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        try:
            result = build(folder)
        except BaseException as error:
            failed.write_text("".join(traceback.format_exception_only(error)))
            raise
        marker = run / f"{name}.done-writing"
        marker.write_text(str(result.resolve().relative_to(folder.resolve())))
        marker.replace(done)
        return result
