"""A real Wijkpunt for the browser and fault tests: ``wijkpunt serve`` (gunicorn + worker) on
a free port with the demo loaded, in its own database — a temporary SQLite file, or a
temporary PostgreSQL database when DATABASE_URL points to PostgreSQL (never the shared one)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass
class RunningServer:
    base: str
    database_url: str
    process: subprocess.Popen
    log: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _database(tmp: Path, prefix: str, postgres: str | None = None) -> Iterator[str]:
    url = postgres or os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp / 'server.sqlite3'}"
        return
    import psycopg

    name = f"wijkpunt_{prefix}_{uuid.uuid4().hex[:8]}"
    base, _, _ = url.rpartition("/")
    admin_url = f"{base}/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def running_wijkpunt(
    prefix: str, *, web_workers: int = 2, env: dict | None = None, postgres: str | None = None
) -> Iterator[RunningServer]:
    """``postgres``: the URL of a PostgreSQL server to make the temporary database on (by
    default the one DATABASE_URL points to, if it is PostgreSQL)."""
    tmp = Path(tempfile.mkdtemp(prefix=f"wijkpunt-{prefix}-"))
    with _database(tmp, prefix, postgres) as database_url:
        environment = {
            **os.environ,
            "DATABASE_URL": database_url,
            "WIJKPUNT_DEMO": "1",
            "WIJKPUNT_TESTING": "0",
            "WIJKPUNT_TASKS_IMMEDIATE": "0",
            "WIJKPUNT_VAR_DIR": str(tmp),
            "DJANGO_SETTINGS_MODULE": "wijkpunt.settings",
            **(env or {}),
        }
        _share_triage_model(tmp)
        cli = [sys.executable, "-m", "wijkpunt.cli"]
        for command in (
            ["migrate", "--noinput"],
            ["createcachetable"],
            ["collectstatic", "--noinput"],
            ["demo"],
        ):
            subprocess.run([*cli, *command, "-v", "0"], env=environment, check=True, timeout=300)
        # The port is chosen just before the server binds it, so that another test run on
        # this machine cannot take it in between.
        port = _free_port()
        environment["WIJKPUNT_SITE_URL"] = f"http://127.0.0.1:{port}"
        log_path = tmp / "server.log"
        with open(log_path, "w") as log:
            process = subprocess.Popen(
                [*cli, "serve", "--bind", f"127.0.0.1:{port}", "--web-workers", str(web_workers)],
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            base = f"http://127.0.0.1:{port}"
            try:
                _wait_until_healthy(base, process, log_path)
                yield RunningServer(base, database_url, process, log_path)
            finally:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
    shutil.rmtree(tmp, ignore_errors=True)


def _share_triage_model(var_dir: Path) -> None:
    """The model trained from the shipped data, stored once for the test run: the server's
    processes load it instead of each training their own."""
    from wijkpunt.triage.service import shipped_model_file

    path = shipped_model_file()
    if path is not None:
        shutil.copy(path, var_dir / path.name)


def _wait_until_healthy(base: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("Wijkpunt did not start:\n" + log_path.read_text())
        time.sleep(0.3)
