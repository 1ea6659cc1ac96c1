"""tests/cli_e2e/once.py: a session fixture's build made once a run and shared by the xdist workers, a failed one
failing every worker with its error, a half-built one never trusted."""

from __future__ import annotations

import fcntl
import threading
from pathlib import Path
from typing import cast

import pytest

from tests.cli_e2e.once import built_once


class Worker:
    """What built_once asks of a worker's TempPathFactory: its basetemp (`<run>/gwN` under xdist) and mktemp."""

    def __init__(self, basetemp: Path) -> None:
        self.basetemp = basetemp
        basetemp.mkdir(parents=True, exist_ok=True)

    def getbasetemp(self) -> Path:
        return self.basetemp

    def mktemp(self, name: str) -> Path:
        made = self.basetemp / f"{name}0"
        made.mkdir()
        return made


def factory(basetemp: Path) -> pytest.TempPathFactory:
    return cast(pytest.TempPathFactory, Worker(basetemp))


class Build:
    """A build writing `venv/ok` into its folder, counting its runs."""

    def __init__(self) -> None:
        self.folders: list[Path] = []

    def __call__(self, folder: Path) -> Path:
        self.folders.append(folder)
        (folder / "venv").mkdir()
        (folder / "venv" / "ok").write_text("built")
        return folder / "venv"


@pytest.fixture
def xdist(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")


def test_without_xdist_the_build_goes_into_the_sessions_own_basetemp(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    build = Build()
    assert built_once(factory(tmp_path / "pytest-7"), "user", build) == tmp_path / "pytest-7" / "user0" / "venv"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pytest-7"]


@pytest.mark.usefixtures("xdist")
def test_under_xdist_the_first_worker_builds_into_the_run_and_the_others_reuse_it(tmp_path: Path) -> None:
    build = Build()
    first = built_once(factory(tmp_path / "gw0"), "user", build)
    second = built_once(factory(tmp_path / "gw1"), "user", build)
    assert (first, second) == (tmp_path / "user" / "venv", tmp_path / "user" / "venv")
    assert build.folders == [tmp_path / "user"]
    assert (tmp_path / "user.done").read_text() == "venv"


@pytest.mark.usefixtures("xdist")
def test_a_worker_waits_on_the_lock_while_another_builds(tmp_path: Path) -> None:
    started, finish = threading.Event(), threading.Event()
    build = Build()

    def slow(folder: Path) -> Path:
        started.set()
        assert finish.wait(timeout=60)
        return build(folder)

    results: dict[str, Path] = {}
    builder = threading.Thread(target=lambda: results.update(gw0=built_once(factory(tmp_path / "gw0"), "user", slow)))
    builder.start()
    assert started.wait(timeout=60)
    waiter = threading.Thread(target=lambda: results.update(gw1=built_once(factory(tmp_path / "gw1"), "user", build)))
    waiter.start()
    with (tmp_path / "user.lock").open("w") as lock, pytest.raises(BlockingIOError):
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held by the building worker
    assert "gw1" not in results
    finish.set()
    builder.join(timeout=60)
    waiter.join(timeout=60)
    assert results == {"gw0": tmp_path / "user" / "venv", "gw1": tmp_path / "user" / "venv"}
    assert build.folders == [tmp_path / "user"]


@pytest.mark.usefixtures("xdist")
def test_a_failed_build_fails_every_worker_after_it_with_its_error(tmp_path: Path) -> None:
    def failing(folder: Path) -> Path:
        (folder / "half").write_text("built")
        raise AssertionError("npm ci failed:\nnpm ERR! code EINTEGRITY")

    with pytest.raises(AssertionError, match="npm ci failed"):
        built_once(factory(tmp_path / "gw0"), "nodejs-sdk", failing)
    build = Build()
    for worker in ("gw1", "gw2"):
        with pytest.raises(pytest.fail.Exception) as failed:
            built_once(factory(tmp_path / worker), "nodejs-sdk", build)
        assert str(failed.value) == (
            "building nodejs-sdk failed in another worker:\nAssertionError: npm ci failed:\nnpm ERR! code EINTEGRITY\n"
        )
    assert (build.folders, (tmp_path / "nodejs-sdk.done").exists()) == ([], False)


@pytest.mark.usefixtures("xdist")
def test_a_build_its_worker_died_in_is_built_afresh(tmp_path: Path) -> None:
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / "half-installed").write_text("")  # no user.done, no user.failed: the worker was killed
    build = Build()
    assert built_once(factory(tmp_path / "gw1"), "user", build) == tmp_path / "user" / "venv"
    assert build.folders == [tmp_path / "user"]
    assert sorted(path.name for path in (tmp_path / "user").iterdir()) == ["venv"]
