"""The plugin's messages to the engine's log, shown beside the resource they concern (its URN).

The engine shows a plugin's stderr only in its own verbose log, so warnings (a whole-country prefix), the reason a
change replaces an entry, and the package's log records (each take-over of an existing entry) go through the
engine's Log call. The URN comes from `current_urn`, set for each call the provider hands to a worker thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from contextvars import ContextVar

import grpc
from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc

current_urn: ContextVar[str] = ContextVar("current_urn", default="")
_SEVERITY = {
    logging.DEBUG: engine_pb2.DEBUG,
    logging.INFO: engine_pb2.INFO,
    logging.WARNING: engine_pb2.WARNING,
    logging.ERROR: engine_pb2.ERROR,
}


class EngineLog(logging.Handler):
    """Sends messages to the engine at `address`; without one (a test driving the server alone) drops them."""

    def __init__(self, address: str | None) -> None:
        super().__init__()
        self._channel = grpc.insecure_channel(address) if address else None
        self._stub = engine_pb2_grpc.EngineStub(self._channel) if self._channel else None

    def send(self, severity: engine_pb2.LogSeverity.ValueType, message: str, urn: str) -> None:
        if self._stub is None:
            return
        # An engine that has gone (an interrupted run) leaves nobody to read the message.
        with contextlib.suppress(grpc.RpcError):
            self._stub.Log(engine_pb2.LogRequest(severity=severity, message=message, urn=urn), timeout=10)

    async def warning(self, message: str, urn: str) -> None:
        await asyncio.to_thread(self.send, engine_pb2.WARNING, message, urn)

    async def info(self, message: str, urn: str) -> None:
        await asyncio.to_thread(self.send, engine_pb2.INFO, message, urn)

    def forward(self, level: int) -> None:
        """Send the package's log records of `level` and above to the engine."""
        self.setLevel(level)
        logger = logging.getLogger("zoom_blocklist_provider")
        logger.setLevel(level)
        if self not in logger.handlers:
            logger.addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        severity = _SEVERITY.get(record.levelno, engine_pb2.INFO)
        self.send(severity, record.getMessage(), current_urn.get())
