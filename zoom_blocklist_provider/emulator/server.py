"""The emulator as a real HTTP/1.1 server on a socket: keep-alive, one daemon thread per connection.

The handler turns bytes into a Request, applies queued faults and --latency-ms, asks App for the answer,
logs it and writes it with a fresh x-zm-trackingid. Emulator runs that server on a thread for tests and the
CLI. Nothing here imports outside emulator/, and readiness never relies on sleeping: the socket listens
before start returns.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socketserver import TCPServer
from types import TracebackType
from typing import cast
from urllib.parse import parse_qsl, urlsplit

from . import control
from .admin import EmulatorAdmin
from .app import App, Request
from .config import EmulatorConfig
from .faults import fault_reply
from .reply import Reply

ADMIN_PREFIX = control.PREFIX + "/"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Keep-alive connections would make server_close wait for every client to hang up; stop() closes them.
    block_on_close = False

    def __init__(self, address: tuple[str, int], app: App) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.app = app
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host's FQDN, a DNS round trip nobody here needs.
        TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def track(self, connection: socket.socket, *, open_: bool) -> None:
        with self._connections_lock:
            if open_:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hung up before its answer (a timeout, a test that moved on) is its business, not a fault
        # of the emulator: no traceback on stderr for it.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # the client may have hung up first
                connection.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; without this, Nagle plus delayed ACK costs 40 ms per request.
    disable_nagle_algorithm = True
    server_version = "ZoomEmulator/1"

    @property
    def app(self) -> App:
        return cast(_Server, self.server).app

    def setup(self) -> None:
        super().setup()
        cast(_Server, self.server).track(self.connection, open_=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            cast(_Server, self.server).track(self.connection, open_=False)

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: object) -> None:
        """Silent: the request log is the record, and stderr noise would bury test output."""

    def _handle(self) -> None:
        url = urlsplit(self.path)
        body = self._read_body()
        if url.path.startswith(ADMIN_PREFIX):
            self._send(control.handle(self.app, self.command, url.path, body))
            return
        with self.app.busy():
            reply = self._answer(url.path, dict(parse_qsl(url.query, keep_blank_values=True)), body)
        if reply is None:
            self.close_connection = True
        else:
            self._send(reply)

    def _answer(self, path: str, query: dict[str, str], body: bytes) -> Reply | None:
        """Zoom's answer after faults and latency; None to hang up without one (drop, drop_after)."""
        fault = self.app.faults.take(self.command, path)
        if fault is not None and fault.kind == "drop":
            self.app.log.add(self.command, path, query, None)
            return None
        delay_ms = self.app.config.latency_ms + (fault.delay_ms if fault and fault.kind == "delay" else 0)
        if delay_ms > 0:
            time.sleep(delay_ms / 1000)
        if fault is not None and fault.kind == "expire_tokens":
            self.app.authority.expire_all()
        authorization = self.headers.get("Authorization")
        reply = None
        if fault is None or fault.kind not in ("status", "raw") or fault.processed:
            request = Request(self.command, path, query, authorization, self.headers.get("Content-Type", ""), body)
            reply = self.app.answer(request)
        if fault is not None and fault.kind in ("status", "raw"):
            category = self.app.category(self.command, path)
            reply = fault_reply(fault, category, self.app.qps_limit(category), authorization or "")
        assert reply is not None
        self.app.log.add(self.command, path, query, reply.status)
        # drop_after: the change is made, the answer is lost: the ambiguous failure a client must not retry blindly.
        return None if fault is not None and fault.kind == "drop_after" else reply

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            # Zoom's clients send a Content-Length; a chunked body is read to the end and the line closed.
            self.close_connection = True
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("x-zm-trackingid", f"v=2.0;clid=emulator;rid=EMU_{uuid.uuid4().hex}")
        if reply.content_type is not None:
            self.send_header("Content-Type", reply.content_type)
        if reply.status != 204:
            self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if reply.body and reply.status != 204:
            self.wfile.write(reply.body)


class Emulator:
    """A Zoom Phone API on a loopback socket, served from a daemon thread; use as a context manager."""

    def __init__(self, config: EmulatorConfig | None = None) -> None:
        self.config = config if config is not None else EmulatorConfig()
        self.app = App(self.config)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._url = ""
        self._admin: EmulatorAdmin | None = None

    def start(self) -> Emulator:
        """Bind, listen and serve; returns once connections are accepted (the socket listens already)."""
        if self._server is not None:
            raise RuntimeError("the emulator is already running")
        server = _Server((self.config.host, self.config.port), self.app)
        host = self.config.host
        self._url = f"http://{f'[{host}]' if ':' in host else host}:{server.server_port}"
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="zoom-emulator", daemon=True
        )
        self._server = server
        self._admin = EmulatorAdmin(self._url)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close every open connection and the listening socket. Safe to call twice."""
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is None or thread is None:
            return
        server.shutdown()
        server.close_connections()
        server.server_close()
        thread.join()
        self.app.wait_idle()  # a request caught mid-way finishes (or not) before the state file is final
        self.app.store.flush()

    @property
    def port(self) -> int:
        self._require_running()
        return int(self._url.rsplit(":", 1)[1])

    @property
    def url(self) -> str:
        self._require_running()
        return self._url

    @property
    def api_url(self) -> str:
        return self.url + "/v2"

    @property
    def oauth_url(self) -> str:
        return self.url + "/oauth/token"

    @property
    def admin(self) -> EmulatorAdmin:
        self._require_running()
        assert self._admin is not None
        return self._admin

    def _require_running(self) -> None:
        if self._server is None:
            raise RuntimeError("the emulator is not running: call start() or use it as a context manager")

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
