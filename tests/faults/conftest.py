"""Fault tests: a real Wijkpunt (gunicorn + worker, demo data) on a free port, whose web
processes and database connections the tests break on purpose.

The server gets its own database: a temporary SQLite file, or a temporary PostgreSQL
database when DATABASE_URL points to PostgreSQL (never the shared one: other test runs use
the same PostgreSQL server, so it is never restarted; its connections are cut instead)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class FaultServer:
    base: str
    database_url: str
    process: subprocess.Popen
    log: Path

    @property
    def postgres(self) -> bool:
        return self.database_url.startswith(("postgres://", "postgresql://"))

    def descendants(self) -> list[tuple[int, int, str]]:
        """(pid, parent pid, command line) of every process below the server."""
        table = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except (OSError, ValueError, IndexError):
                continue
            table[int(entry.name)] = (ppid, cmd)
        found, todo = [], [self.process.pid]
        while todo:
            parent = todo.pop()
            for pid, (ppid, cmd) in table.items():
                if ppid == parent:
                    found.append((pid, ppid, cmd))
                    todo.append(pid)
        return found

    def web_workers(self) -> list[int]:
        """The gunicorn worker processes (children of the gunicorn master)."""
        procs = self.descendants()
        masters = {pid for pid, _, cmd in procs if "gunicorn" in cmd}
        return [pid for pid, ppid, cmd in procs if ppid in masters and "gunicorn" in cmd]

    def cut_database_connections(self) -> int:
        """Terminate every connection of the server's processes to its database (PostgreSQL):
        what the web and worker processes see when PostgreSQL restarts."""
        import psycopg

        name = self.database_url.rsplit("/", 1)[1]
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            ).fetchall()
        return len(rows)


def _server_database(tmp: Path) -> tuple[str, callable]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"wijkpunt_faults_{uuid.uuid4().hex[:8]}"
        base, _, _ = url.rpartition("/")
        admin_url = f"{base}/postgres"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

        def drop() -> None:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return f"{base}/{name}", drop
    return f"sqlite:///{tmp / 'faults.sqlite3'}", lambda: None


@pytest.fixture(scope="session")
def fault_server():
    tmp = Path(tempfile.mkdtemp(prefix="wijkpunt-faults-"))
    database_url, drop = _server_database(tmp)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "WIJKPUNT_DEMO": "1",
        "WIJKPUNT_TESTING": "0",
        "WIJKPUNT_TASKS_IMMEDIATE": "0",
        "WIJKPUNT_VAR_DIR": str(tmp),
        "WIJKPUNT_SITE_URL": f"http://127.0.0.1:{port}",
        # Short-lived connections, as after a restart; health checks on reuse.
        "WIJKPUNT_DB_CONN_MAX_AGE": "0",
        "DJANGO_SETTINGS_MODULE": "wijkpunt.settings",
    }
    cli = [sys.executable, "-m", "wijkpunt.cli"]
    for command in (
        ["migrate", "--noinput"],
        ["createcachetable"],
        ["collectstatic", "--noinput"],
        ["demo"],
        # A stored triage model: web workers load it instead of training on first use.
        ["triage", "retrain"],
    ):
        subprocess.run([*cli, *command, "-v", "0"], env=env, check=True, timeout=300)
    log_path = tmp / "server.log"
    log = open(log_path, "w")  # noqa: SIM115 - kept open for the server's life
    process = subprocess.Popen(
        [*cli, "serve", "--bind", f"127.0.0.1:{port}", "--web-workers", "3"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("Wijkpunt did not start:\n" + log_path.read_text())
        time.sleep(0.3)
    yield FaultServer(base=base, database_url=database_url, process=process, log=log_path)
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
    drop()
    shutil.rmtree(tmp, ignore_errors=True)
