"""How many authenticated API requests per second the emulator serves over keep-alive connections.

Starts `zoom-blocklist emulator --port 0` as a subprocess (or in this process with --in-process), fires
--requests calls from --threads threads, each on its own keep-alive session (a third create entries, the rest
list a page or read one entry), and prints requests/s. A script, not a test: it prints a figure and asserts
nothing except that every call succeeded.

    .venv/bin/python benchmarks/emulator_throughput.py --requests 3000 --threads 8
"""

from __future__ import annotations

import argparse
import itertools
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

PROJECT = Path(__file__).resolve().parents[1]
GRANT = {"grant_type": "account_credentials", "account_id": "emulator-account"}
CLIENT = ("emulator-client", "emulator-secret")


@contextmanager
def emulator_url(in_process: bool) -> Iterator[str]:
    if in_process:
        sys.path.insert(0, str(PROJECT))
        from zoom_blocklist_provider.emulator import Emulator

        with Emulator() as emulator:
            yield emulator.url
        return
    command = [sys.executable, "-m", "zoom_blocklist_provider.cli", "emulator", "--port", "0"]
    process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline() if process.stdout else ""
        if not line.startswith("Zoom emulator listening on "):
            raise SystemExit(f"the emulator did not start: {line!r}")
        yield line.strip().rsplit(" ", 1)[1]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)


def worker(url: str, token: str, calls: int, numbers: Iterator[int], failures: list[str]) -> None:
    session = requests.Session()
    session.trust_env = False
    session.headers["Authorization"] = f"Bearer {token}"
    entry_id = ""
    for call in range(calls):
        if call % 3 == 0:
            body = {"phone_number": f"+1907{next(numbers):07d}"}
            response = session.post(f"{url}/v2/phone/blocked_list", json=body)
            entry_id = response.json().get("id", entry_id) if response.status_code == 201 else entry_id
        elif call % 3 == 1 and entry_id:
            response = session.get(f"{url}/v2/phone/blocked_list/{entry_id}")
        else:
            response = session.get(f"{url}/v2/phone/blocked_list", params={"page_size": "30"})
        if response.status_code >= 300:
            failures.append(f"{response.status_code} {response.text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=3000, help="total API calls (default 3000)")
    parser.add_argument("--threads", type=int, default=8, help="client threads, one session each (default 8)")
    parser.add_argument("--in-process", action="store_true", help="run the emulator in this process")
    options = parser.parse_args()
    with emulator_url(options.in_process) as url:
        token = requests.post(f"{url}/oauth/token", data=GRANT, auth=CLIENT, timeout=10).json()["access_token"]
        numbers = itertools.count()
        failures: list[str] = []
        per_thread = options.requests // options.threads
        threads = [
            threading.Thread(target=worker, args=(url, token, per_thread, numbers, failures))
            for _ in range(options.threads)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    total = per_thread * options.threads
    where = "in-process" if options.in_process else "subprocess"
    rate = total / elapsed
    print(f"{total} requests from {options.threads} threads in {elapsed:.2f} s: {rate:.0f} requests/s")
    print(f"emulator: {where}; failures: {len(failures)}")
    if failures:
        raise SystemExit(f"first failure: {failures[0]}")


if __name__ == "__main__":
    main()
