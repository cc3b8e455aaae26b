"""Fault tests: a real Wijkpunt (gunicorn + worker, demo data) on a free port, whose web
processes and database connections the tests break on purpose.

The server gets its own database: a temporary SQLite file, or a temporary PostgreSQL
database when DATABASE_URL points to PostgreSQL. The shared PostgreSQL server is never
restarted (other test runs use it; its connections are cut instead):
test_restart_durability.py starts a private PostgreSQL server (tests/faults/postgres.py)
and restarts that one for real."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.server import running_wijkpunt


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


@pytest.fixture(scope="session")
def fault_server():
    # Short-lived database connections, as after a restart; health checks on reuse.
    with running_wijkpunt("faults", web_workers=3, env={"WIJKPUNT_DB_CONN_MAX_AGE": "0"}) as server:
        yield FaultServer(
            base=server.base,
            database_url=server.database_url,
            process=server.process,
            log=server.log,
        )
