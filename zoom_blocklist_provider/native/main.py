"""`pulumi-resource-zoom`: the engine starts this executable (found on PATH) and speaks Pulumi's provider protocol.

It serves `ZoomProvider` (made at the first call other than GetSchema: native/lazy.py) with the SDK's experimental
server, through a servicer that gives the engine each expected error as the package's one line (the SDK's server
appends a stack listing to every message): what was being done, to which entry, Zoom's status, code and message, the
tracking id and the fix. Any other exception is a bug, also said on one line; zoom:debug brings back the traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import grpc
import grpc.aio
from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.provider.experimental.provider import DiffRequest, DiffResponse, PropertyDiffKind
from pulumi.provider.experimental.server import ProviderServicer
from pulumi.runtime._grpc_settings import _GRPC_CHANNEL_OPTIONS
from pulumi.runtime.proto import provider_pb2 as proto
from pulumi.runtime.proto import provider_pb2_grpc

from ..core.errors import BugError, ZoomError
from .engine_log import EngineLog
from .lazy import LazyProvider
from .partial import PartialState
from .release import installed

Handler = Callable[[Any, Any], Awaitable[Any]]
ORPHAN_CHECK_SECONDS = 1.0
STOP_GRACE_SECONDS = 4.0  # under the engine's 5 s between its interrupt and its kill
GUARDED = ("CheckConfig", "DiffConfig", "Configure", "Check", "Diff", "Create", "Read", "Update", "Delete")


class OneLineServicer(ProviderServicer):
    """The SDK's servicer, each call's error reduced to its one line unless the provider is in debug mode."""

    def __init__(self, args: list[str], provider: LazyProvider, engine_address: str) -> None:
        super().__init__(args, installed()[0], provider, engine_address=engine_address)
        self.zoom = provider
        for name in GUARDED:
            setattr(self, name, self._guarded(name, getattr(self, name)))

    async def DiffConfig(self, request: proto.DiffRequest, context: Any) -> proto.DiffResponse:
        """The provider's diff_config, answered in the protocol's terms. The SDK's own DiffConfig passes the answer's
        `changes` (a bool) into the protocol's enum unconverted, where True is DIFF_NONE: the engine then keeps the
        old configuration, and a changed setting reaches the plugin one command late."""
        found = await self.zoom.diff_config(
            DiffRequest(
                request.urn,
                request.id,
                PropertyValue.unmarshal_map(request.olds),
                PropertyValue.unmarshal_map(request.news),
                list(request.ignoreChanges),
            )
        )
        return diff_reply(found)

    def _guarded(self, name: str, handler: Handler) -> Handler:
        async def call(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            try:
                return await handler(request, context)
            except Exception as wrapped:
                # The SDK's server re-raises as Exception(message + stack), the original as its context.
                original = wrapped.__context__ or wrapped
                # NotImplementedError is the SDK's own answer for a method this provider does not serve (List, for
                # one): the SDK's server lets it through untouched, and so does this one.
                if self.zoom.real.debug or isinstance(original, NotImplementedError):
                    raise
                partial = original if isinstance(original, PartialState) else None
                reported = partial.error if partial is not None else original
                shown = self.zoom.real.settings.in_own_words(one_line(reported, name, request))
                await context.abort(grpc.StatusCode.UNKNOWN, shown, partial.trailer(shown) if partial else ())

        return call


_CHANGES = {
    None: proto.DiffResponse.DIFF_UNKNOWN,
    False: proto.DiffResponse.DIFF_NONE,
    True: proto.DiffResponse.DIFF_SOME,
}
_KINDS = {
    PropertyDiffKind.ADD: proto.PropertyDiff.ADD,
    PropertyDiffKind.ADD_REPLACE: proto.PropertyDiff.ADD_REPLACE,
    PropertyDiffKind.DELETE: proto.PropertyDiff.DELETE,
    PropertyDiffKind.DELETE_REPLACE: proto.PropertyDiff.DELETE_REPLACE,
    PropertyDiffKind.UPDATE: proto.PropertyDiff.UPDATE,
    PropertyDiffKind.UPDATE_REPLACE: proto.PropertyDiff.UPDATE_REPLACE,
}


def diff_reply(found: DiffResponse) -> proto.DiffResponse:
    """A DiffResponse of the SDK's provider as the protocol carries it."""
    return proto.DiffResponse(
        replaces=found.replaces,
        stables=found.stables,
        deleteBeforeReplace=found.delete_before_replace,
        changes=_CHANGES[found.changes],
        diffs=found.diffs,
        detailedDiff={
            key: proto.PropertyDiff(kind=_KINDS[diff.kind], inputDiff=diff.input_diff)
            for key, diff in found.detailed_diff.items()
        },
        hasDetailedDiff=True,
    )


def one_line(error: BaseException, method: str, request: Any) -> str:
    """The message the engine shows for an error of `method`."""
    if isinstance(error, ZoomError):
        return str(error)
    urn = getattr(request, "urn", "")
    what = urn.split("::")[-1] if urn else ""
    kind = urn.split("::")[-2] if urn.count("::") >= 2 else "the zoom provider"
    return str(BugError.of(error, f"{method.lower()} {kind} {what!r}" if what else f"{method.lower()} {kind}"))


async def _stop_when_orphaned(stop: asyncio.Event, parent: int) -> None:
    """Stop serving once the engine that started this plugin (`parent`, read before the port was printed) is gone: a
    killed CLI leaves it to PID 1, nobody else will ever call it, and a lingering plugin would hold its account's
    connections."""
    while os.getppid() == parent:
        await asyncio.sleep(ORPHAN_CHECK_SECONDS)
    stop.set()


def _stop_on_interrupt(loop: asyncio.AbstractEventLoop, stop: asyncio.Event) -> None:
    """The engine ends every command by interrupting its plugins (SIGINT, Ctrl-C's signal) and waiting for them to
    exit. Handled in the loop, the interrupt stops the server cleanly. Where the loop cannot take signals (Windows),
    the interrupt stays Python's KeyboardInterrupt, which main() stops on."""
    with contextlib.suppress(NotImplementedError, RuntimeError):
        loop.add_signal_handler(signal.SIGINT, stop.set)


def main() -> None:
    parser = argparse.ArgumentParser(prog="pulumi-resource-zoom", description="The zoom Pulumi provider plugin.")
    parser.add_argument("engine", nargs="?", help="the Pulumi engine's address (the engine passes it)")
    parser.add_argument("--logflow", action="store_true", help="ignored (the engine passes it)")
    parser.add_argument("--logtostderr", action="store_true", help="ignored (the engine passes it)")
    parser.add_argument("-v", type=int, default=0, help="ignored (the engine passes it)")
    parser.add_argument("--tracing", default=None, help="ignored (the engine passes it)")
    known, _ = parser.parse_known_args()
    # Read now: an engine killed as soon as it has the port must still be seen gone.
    parent = os.getppid()
    provider = LazyProvider(EngineLog(known.engine))

    async def serve() -> None:
        server = grpc.aio.server(options=_GRPC_CHANNEL_OPTIONS)
        servicer = OneLineServicer(sys.argv[1:], provider, known.engine or "")
        provider_pb2_grpc.add_ResourceProviderServicer_to_server(servicer, server)
        port = server.add_insecure_port(address="127.0.0.1:0")
        stop = asyncio.Event()
        _stop_on_interrupt(asyncio.get_running_loop(), stop)
        await server.start()
        sys.stdout.buffer.write(f"{port}\n".encode())
        sys.stdout.buffer.flush()
        watch = asyncio.create_task(_stop_when_orphaned(stop, parent))
        await stop.wait()
        watch.cancel()
        # A call still running (a Ctrl-C that reached the whole process group) may finish and answer the engine,
        # which kills this process 5 s after its interrupt; at a command's end none is running.
        await server.stop(grace=STOP_GRACE_SECONDS)

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve())
    # The engine waits for this process to exit at the end of every command. Once the calls' threads are done,
    # nothing is left to flush or close but the standard streams: skip the interpreter's teardown of every module
    # loaded (about 0.1 s, on every command).
    if provider.started is not None:
        provider.started.pool.shutdown(wait=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
