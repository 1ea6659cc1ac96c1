"""A clock that moves only when someone sleeps, so retry and backoff tests pin every wait without waiting."""

from __future__ import annotations


class FakeTime:
    """`clock` and `sleep` to hand to the client or the retrier; records each sleep."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
