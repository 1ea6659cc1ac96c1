"""Fixtures shared by every test layer: the emulator on a loopback socket and the credentials it accepts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests.checkout import left_behind, top_level, untracked
from zoom_blocklist_provider.emulator import Emulator, EmulatorConfig
from zoom_blocklist_provider.zoom import Credentials, Endpoints

# A run must not depend on luck or on the machine's speed: the same examples every run (no saved examples from
# earlier runs either), and no per-example deadline or slow-generation health check, which a loaded CI machine
# can trip (the first example of a region loads its phone-number metadata).
settings.register_profile(
    "deterministic",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("deterministic")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OPENAPI_PATH = SHARED / "zoom" / "blocked-list.openapi.json"

ACCOUNT_ID = "emulator-account"
CLIENT_ID = "emulator-client"
CLIENT_SECRET = "emulator-secret"


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    with Emulator(EmulatorConfig()) as running:
        yield running


@pytest.fixture
def emu(emulator: Emulator) -> Emulator:
    emulator.admin.reset()
    return emulator


@pytest.fixture
def credentials() -> Credentials:
    return Credentials(ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET)


@pytest.fixture
def endpoints(emu: Emulator) -> Endpoints:
    return Endpoints(emu.api_url, emu.oauth_url)


@pytest.fixture(scope="session")
def openapi() -> dict[str, Any]:
    if not OPENAPI_PATH.exists():
        pytest.skip(f"{OPENAPI_PATH} is absent: Zoom's OpenAPI document lives beside the project, not in it")
    document: dict[str, Any] = json.loads(OPENAPI_PATH.read_text())
    return document


@pytest.fixture(autouse=True)
def checkout_untouched() -> Iterator[None]:
    """Fails the test that leaves a file at the top of the checkout, by its name."""
    before = top_level(REPO)
    yield
    problem = left_behind(before, top_level(REPO))
    if problem:
        pytest.fail(problem)


_UNTRACKED_AT_START: list[frozenset[str]] = []


def pytest_sessionstart(session: pytest.Session) -> None:
    # Only the process that runs the session (not each xdist worker) takes the picture, before any test runs.
    if not hasattr(session.config, "workerinput"):
        _UNTRACKED_AT_START.append(untracked(REPO))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fails the run when anything anywhere in the checkout is new since it started."""
    if not _UNTRACKED_AT_START:
        return
    problem = left_behind(_UNTRACKED_AT_START[0], untracked(REPO))
    if problem:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.ensure_newline()
            reporter.write_line(f"ERROR: the test run {problem}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
