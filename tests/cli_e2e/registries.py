"""The package registries users install from, started on loopback: Verdaccio for npm and pypiserver for Python.

A test that installs packages as a user does points npm (`NPM_CONFIG_REGISTRY`) and pip (`PIP_INDEX_URL`) at these,
as a company points them at its own registry. Each serves what it was given (the release's SDK tarball published to
Verdaccio, the release's wheels to pypiserver) and passes every other package on to the public registry, as such a
registry does: Verdaccio proxies npmjs, pypiserver redirects pip to PyPI.

Each is started on 127.0.0.1 at a port found free just before (a port taken in between makes the start fail with
"address in use", and it is tried again on another), is ready when its health path answers, and is stopped by the
fixture that started it. Verdaccio and the Node.js it runs on come from scripts/registry-tools.sh (a cached npm
install from the lock files of tools/); pypiserver from the project's virtualenv.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.cli_e2e.conftest import NPM, REPO

READY_WITHIN = 60.0  # seconds a registry may take to answer its health path
ATTEMPTS = 3  # starts on another free port after one lost its port to another process
LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, never through a proxy


def registry_tools() -> Path:
    """The folder scripts/registry-tools.sh installs Verdaccio and Node.js 22 into (installed first if missing)."""
    done = subprocess.run(
        [str(REPO / "scripts" / "registry-tools.sh")], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, f"scripts/registry-tools.sh failed:\n{done.stderr}"
    return Path(done.stdout.strip().splitlines()[-1])


def free_port() -> int:
    """A loopback port nothing listens on now: the kernel's pick for a socket bound to port 0, then released."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Registry:
    """A registry process serving `url`; `log` holds what it printed."""

    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)


def answers(url: str) -> bool:
    try:
        with LOCAL.open(url, timeout=2) as response:
            return int(response.status) == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def start(name: str, command: list[str], health: str, folder: Path, env: dict[str, str]) -> Registry:
    """`command` (its `{port}` filled in) started in `folder`, once `health` answers on that port."""
    for attempt in range(1, ATTEMPTS + 1):
        port = free_port()
        log = folder / f"{name}-{attempt}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [word.replace("{port}", str(port)) for word in command],
                cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        registry = Registry(process, f"http://127.0.0.1:{port}", log)
        deadline = time.monotonic() + READY_WITHIN
        while process.poll() is None and time.monotonic() < deadline:
            if answers(registry.url + health):
                return registry
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=0.2)  # the pause between two checks, cut short if it exits
        printed = log.read_text(errors="replace")
        registry.stop()
        if "EADDRINUSE" not in printed and "Address already in use" not in printed:
            raise AssertionError(f"{name} did not answer {health} on port {port} within {READY_WITHIN} s:\n{printed}")
    raise AssertionError(f"{name} found its port taken {ATTEMPTS} times")


VERDACCIO_CONFIG = """\
storage: ./storage
auth:
  htpasswd:
    file: ./htpasswd
    max_users: -1
uplinks:
  npmjs:
    url: https://registry.npmjs.org/
packages:
  '@zoom-blocklist-provider/*':
    access: $all
    publish: $all
  '**':
    access: $all
    proxy: npmjs
log: {type: stdout, format: pretty, level: warn}
"""


def start_verdaccio(tools: Path, folder: Path, tarballs: list[Path]) -> Registry:
    """Verdaccio serving our npm scope from its own storage, every other package from npmjs, with `tarballs`
    published to it as a release publishes them (`npm publish`)."""
    folder.mkdir()
    (folder / "config.yaml").write_text(VERDACCIO_CONFIG)
    env = {**os.environ, "PATH": os.pathsep.join([str(tools / "node" / "bin"), os.environ["PATH"]])}
    command = [str(tools / "node" / "bin" / "node"), str(tools / "verdaccio" / "node_modules" / ".bin" / "verdaccio")]
    registry = start("verdaccio", [*command, "--config", "config.yaml", "--listen", "127.0.0.1:{port}"], "/-/ping",
                     folder, env)  # fmt: skip
    # Verdaccio lets anyone publish to the scope (config above), but npm sends no publish without a token.
    (folder / "npmrc").write_text(f"//127.0.0.1:{registry.url.rsplit(':', 1)[1]}/:_authToken=publisher\n")
    for tarball in tarballs:
        published = subprocess.run(
            [*NPM, "publish", str(tarball), "--registry", f"{registry.url}/", "--userconfig", str(folder / "npmrc")],
            cwd=folder, env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        if published.returncode != 0:
            registry.stop()
            raise AssertionError(f"npm publish {tarball.name} failed:\n{published.stdout}\n{published.stderr}")
    return registry


def start_package_index(folder: Path, wheels: list[Path]) -> Registry:
    """pypiserver serving `wheels`, and redirecting pip to PyPI for every other package."""
    (folder / "packages").mkdir(parents=True)
    for wheel in wheels:
        (folder / "packages" / wheel.name).write_bytes(wheel.read_bytes())
    server = Path(sys.executable).parent / "pypi-server"
    command = [str(server), "run", "--host", "127.0.0.1", "--port", "{port}", "--health-endpoint", "/health"]
    return start("pypiserver", [*command, "packages"], "/health", folder, dict(os.environ))
