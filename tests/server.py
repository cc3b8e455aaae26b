"""A real Wijkpunt for the browser and fault tests: ``wijkpunt serve`` (gunicorn + worker) on
a free port with the demo loaded, in its own database — a temporary SQLite file, or a
temporary PostgreSQL database when DATABASE_URL points to PostgreSQL (never the shared one).
Each server's database is a copy of one prepared per test run and database server."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import socket
import sqlite3
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


def _postgres_url(postgres: str | None) -> str | None:
    url = postgres or os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _cli_env(database_url: str, var_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "WIJKPUNT_DEMO": "1",
        "WIJKPUNT_TESTING": "0",
        "WIJKPUNT_TASKS_IMMEDIATE": "0",
        "WIJKPUNT_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "wijkpunt.settings",
    }


CLI = [sys.executable, "-m", "wijkpunt.cli"]
# Migrating, collecting the static files and loading the demo take seconds: done once per test
# run and database server, into a template every server of this run starts from a copy of.
_TEMPLATES: dict[str, tuple[Path, str]] = {}  # server -> (var folder, template database)


# The commands that prepare a template, in one process (Django and the demo's imports start
# once, not four times).
_PREPARE = (
    "import django\n"
    "django.setup()\n"
    "from django.core.management import call_command\n"
    "call_command('migrate', interactive=False, verbosity=0)\n"
    "call_command('createcachetable', verbosity=0)\n"
    "call_command('collectstatic', interactive=False, verbosity=0)\n"
    "call_command('demo', verbosity=0)\n"
)


def _prepare(database_url: str, var_dir: Path) -> None:
    environment = _cli_env(database_url, var_dir)
    _share_triage_model(var_dir)
    subprocess.run(
        [sys.executable, "-c", _PREPARE],
        env=environment,
        check=True,
        timeout=600,
        stdout=subprocess.DEVNULL,
    )


def _template(postgres: str | None) -> tuple[Path, str]:
    key = postgres.rpartition("/")[0] if postgres else "sqlite"
    if key not in _TEMPLATES:
        if postgres:
            name = f"wijkpunt_template_{uuid.uuid4().hex[:8]}"
            _create_database(key, name)
            atexit.register(_drop_database, key, name)
            prepared = next((k for k in _TEMPLATES if k != "sqlite"), None)
            if prepared is not None:
                # Another PostgreSQL server (the suite's) has one already: a copy of it takes
                # a second or two instead of preparing again.
                var_dir, source = _TEMPLATES[prepared]
                _copy_postgres(f"{prepared}/{source}", f"{key}/{name}")
                _TEMPLATES[key] = (var_dir, name)
                return _TEMPLATES[key]
            var_dir = _var_dir()
            _prepare(f"{key}/{name}", var_dir)
        else:
            var_dir = _var_dir()
            name = str(var_dir / "template.sqlite3")
            _prepare(f"sqlite:///{name}", var_dir)
        _TEMPLATES[key] = (var_dir, name)
    return _TEMPLATES[key]


def _var_dir() -> Path:
    var_dir = Path(tempfile.mkdtemp(prefix="wijkpunt-template-"))
    atexit.register(shutil.rmtree, var_dir, ignore_errors=True)
    return var_dir


def _copy_postgres(source: str, target: str) -> None:
    """Copy a database to another PostgreSQL server (pg_dump into psql)."""
    bindir = _postgres_programs()
    dump = subprocess.Popen(
        [bindir / "pg_dump", "--no-owner", "--no-privileges", "-d", source],
        stdout=subprocess.PIPE,
    )
    subprocess.run(
        [bindir / "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", target],
        stdin=dump.stdout,
        stdout=subprocess.DEVNULL,
        check=True,
        timeout=120,
    )
    assert dump.stdout is not None
    dump.stdout.close()
    assert dump.wait(timeout=30) == 0, "pg_dump failed"


def _postgres_programs() -> Path:
    from tests.faults.postgres import postgres_bindir

    bindir = postgres_bindir()
    assert bindir is not None, "no PostgreSQL programs (pg_dump, psql) are installed"
    return bindir


def _create_database(server: str, name: str, template: str | None = None) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        copy = f' TEMPLATE "{template}"' if template else ""
        conn.execute(f'CREATE DATABASE "{name}"{copy}')


def _drop_database(server: str, name: str) -> None:
    import psycopg

    try:
        conn = psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError:  # a private server may be gone already, and its data
        return
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def _database(tmp: Path, prefix: str, postgres: str | None = None) -> Iterator[str]:
    """A fresh copy of this run's prepared database (migrated, demo loaded), and its files."""
    postgres = _postgres_url(postgres)
    var_dir, template = _template(postgres)
    shutil.copytree(var_dir, tmp, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.sqlite3*"))
    if postgres is None:
        path = tmp / "server.sqlite3"
        with (
            contextlib.closing(sqlite3.connect(template)) as source,
            contextlib.closing(sqlite3.connect(path)) as target,
        ):
            source.backup(target)
        yield f"sqlite:///{path}"
        return
    server = postgres.rpartition("/")[0]
    name = f"wijkpunt_{prefix}_{uuid.uuid4().hex[:8]}"
    _create_database(server, name, template=template)
    try:
        yield f"{server}/{name}"
    finally:
        _drop_database(server, name)


@contextlib.contextmanager
def running_wijkpunt(
    prefix: str, *, web_workers: int = 2, env: dict | None = None, postgres: str | None = None
) -> Iterator[RunningServer]:
    """``postgres``: the URL of a PostgreSQL server to make the temporary database on (by
    default the one DATABASE_URL points to, if it is PostgreSQL)."""
    tmp = Path(tempfile.mkdtemp(prefix=f"wijkpunt-{prefix}-"))
    with _database(tmp, prefix, postgres) as database_url:
        environment = {**_cli_env(database_url, tmp), **(env or {})}
        # The port is chosen just before the server binds it, so that another test run on
        # this machine cannot take it in between.
        port = _free_port()
        environment["WIJKPUNT_SITE_URL"] = f"http://127.0.0.1:{port}"
        log_path = tmp / "server.log"
        with open(log_path, "w") as log:
            process = subprocess.Popen(
                [*CLI, "serve", "--bind", f"127.0.0.1:{port}", "--web-workers", str(web_workers)],
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
