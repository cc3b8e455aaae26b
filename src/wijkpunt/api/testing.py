"""Test helpers for running the APIs through a real WSGI stack or a real HTTP server inside a
test's transaction, on SQLite and PostgreSQL alike.

A PostgreSQL test database cannot be flushed (the audit log refuses deletes), so these tests
do not commit: the server uses the test's own database connection, and the request cycle must
not close it. The test waits for each answer, so the connection is never used by two threads
at once."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.core import signals as django_signals
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connections
from django.test.testcases import LiveServerThread


@contextlib.contextmanager
def connection_kept_open() -> Iterator[None]:
    """Django closes the database connection when a request starts and ends; inside a test's
    transaction it must stay open, as Django's own test client arranges."""
    django_signals.request_started.disconnect(close_old_connections)
    django_signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        django_signals.request_started.connect(close_old_connections)
        django_signals.request_finished.connect(close_old_connections)


class _KeepConnectionServer(ThreadedWSGIServer):
    def _close_connections(self) -> None:
        """The test's connection serves every request: never close it."""


class _ServerThread(LiveServerThread):
    server_class = _KeepConnectionServer


@contextlib.contextmanager
def http_server() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 (a free port) serving Wijkpunt with the data of the
    running test. Yields its base URL."""
    connection = connections[DEFAULT_DB_ALIAS]
    connection.inc_thread_sharing()
    thread = _ServerThread(
        "127.0.0.1",
        # any callable that wraps the handler will do (Django passes a class; so do the stubs)
        lambda app: app,  # type: ignore[arg-type]
        connections_override={DEFAULT_DB_ALIAS: connection},
    )
    thread.daemon = True
    try:
        with connection_kept_open():
            thread.start()
            thread.is_ready.wait()
            if thread.error:
                raise thread.error
            try:
                yield f"http://127.0.0.1:{thread.port}"
            finally:
                thread.terminate()
    finally:
        connection.dec_thread_sharing()
