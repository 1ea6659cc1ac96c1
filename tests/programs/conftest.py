"""Program tests reuse the engine layer's provider server and engine stand-in."""

from tests.engine.conftest import engine, server

__all__ = ["engine", "server"]
