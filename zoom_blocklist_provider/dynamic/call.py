"""The engine's call that a dynamic provider method is serving: its URN, and a way to report a partial state.

The SDK's dynamic provider server (`pulumi/dynamic/__main__.py`) hands a `ResourceProvider` method only the
properties: not the resource's URN, and no way to tell the engine what a failed create or update did. Both are in
the servicer method that called ours, on the same thread: its `request` (with `urn`) and its gRPC `context`. The
provider's record of who holds which entry (`operations/ownership.py`) needs the URN, and a Blocklist that fails
part way must leave its work in the state (the protocol's ErrorResourceInitFailed, which the native plugin sends
too), so this module finds that frame.

Every step is checked, as in `server_pool.py`: the caller must be a method of the SDK's servicer module holding a
`request` with a string `urn`; anything else gives no URN (messages say less, deletions are guarded by what calls
without URNs show) and no partial state (the door then deletes what it created, so nothing is orphaned). A test
holds both against the pinned SDK, through its real server.
"""

from __future__ import annotations

import asyncio
import sys
from types import FrameType
from typing import Any

from google.protobuf import any_pb2
from pulumi.runtime import rpc
from pulumi.runtime.proto import provider_pb2 as proto
from pulumi.runtime.proto import status_pb2

from ..operations.ownership import begin

SDK_SERVER = "pulumi.dynamic.__main__"
METHODS = ("Check", "Diff", "Create", "Read", "Update", "Delete")
UNKNOWN_STATUS = 2  # grpc.StatusCode.UNKNOWN, what the SDK's server aborts a failed call with


def _servicer_frame() -> FrameType | None:
    server = sys.modules.get(SDK_SERVER) or sys.modules.get("__main__")
    spec = getattr(server, "__spec__", None)
    if getattr(spec, "name", None) != SDK_SERVER:
        return None
    path = getattr(server, "__file__", None)
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == path and frame.f_code.co_name in METHODS:
            return frame
        frame = frame.f_back
    return None


def current_urn() -> str:
    """The URN of the resource whose call this thread is serving, or "" where the server does not show it. Each call
    also tells `ownership` which command it belongs to (see `command`)."""
    frame = _servicer_frame()
    begin(command(frame))
    urn = getattr(frame.f_locals.get("request") if frame else None, "urn", None)
    return urn if isinstance(urn, str) else ""


def command(frame: FrameType | None) -> object | None:
    """A token of the engine's command the call belongs to: the stack config object the server's last Configure
    stored (the engine configures each provider process once, at the start of its command; a test that plays
    several commands against one server configures it before each)."""
    servicer = frame.f_locals.get("self") if frame else None
    config: object | None = getattr(servicer, "_config", None)
    return config


def report_partial_state(resource_id: str, outputs: dict[str, Any], message: str) -> bool:
    """Attach to the call this thread serves the state a failed create or update leaves (id and outputs, the
    serialized provider included), for the engine to record beside the error the SDK's server then reports.
    False where the call cannot carry it."""
    frame = _servicer_frame()
    context = frame.f_locals.get("context") if frame else None
    if frame is None or frame.f_code.co_name not in ("Create", "Update") or context is None:
        return False
    loop = asyncio.new_event_loop()
    try:
        properties = loop.run_until_complete(rpc.serialize_properties(outputs, {}))
    finally:
        loop.close()
    detail = proto.ErrorResourceInitFailed(id=resource_id, properties=properties, reasons=[message])
    packed = any_pb2.Any()
    packed.Pack(detail)
    status = status_pb2.Status(code=UNKNOWN_STATUS, message=message, details=[packed])
    context.set_trailing_metadata((("grpc-status-details-bin", status.SerializeToString()),))
    return True
