"""``wijkpunt bench [NAME ...] [--size N]``: run benchmarks, one JSON line per figure.

Benchmarks live in the top-level ``bench/`` package of the repository: every module
``bench/<capability>_*.py`` exposes ``BENCHMARKS = {"capability.name": callable(size)}``, and
each callable returns a list of figures (dicts with value, unit, baseline, target, ...).

The command never touches real data: it creates a throwaway database (a temporary SQLite file,
or ``wijkpunt_bench_<pid>`` on the PostgreSQL server of DATABASE_URL), migrates it, runs the
benchmarks there and removes it afterwards."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import shutil
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections


def discover() -> dict:
    root = str(Path(settings.PROJECT_DIR))
    if root not in sys.path:
        sys.path.insert(0, root)
    try:
        package = importlib.import_module("bench")
    except ImportError as exc:
        raise CommandError(f"No bench/ package in {root}") from exc
    found: dict = {}
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("_"):
            continue
        loaded = importlib.import_module(f"bench.{module.name}")
        found.update(getattr(loaded, "BENCHMARKS", {}))
    return found


class Command(BaseCommand):
    help = "Run benchmarks (all, or the ones named) on a throwaway database."
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser) -> None:
        parser.add_argument("names", nargs="*", metavar="NAME", help="benchmark names")
        parser.add_argument("--size", type=int, default=20000, help="rows to seed (20000)")
        parser.add_argument("--list", action="store_true", help="only list the benchmarks")

    def handle(self, *args, **options) -> None:
        benchmarks = discover()
        if options["list"]:
            for name in sorted(benchmarks):
                self.stdout.write(name)
            return
        names = options["names"] or sorted(benchmarks)
        unknown = [n for n in names if n not in benchmarks]
        if unknown:
            raise CommandError(f"Unknown benchmark(s): {', '.join(unknown)}")
        for name in names:
            # Every benchmark seeds its own data: each gets a new, empty database.
            with throwaway_database() as vendor:
                for figure in benchmarks[name](options["size"]):
                    line = {"bench": name, "db": vendor, "n": options["size"], **figure}
                    self.stdout.write(json.dumps(line))
                    self.stdout.flush()


class throwaway_database:  # noqa: N801 - used as a context manager
    """Point the default connection at a new, empty, migrated database; drop it afterwards."""

    def __enter__(self) -> str:
        db = settings.DATABASES["default"]
        connections["default"].close()
        self.original = db.copy()
        self.vendor = "postgresql" if "postgresql" in db["ENGINE"] else "sqlite"
        if self.vendor == "sqlite":
            self.tmpdir = tempfile.mkdtemp(prefix="wijkpunt-bench-")
            name = str(Path(self.tmpdir) / "bench.sqlite3")
        else:
            name = f"wijkpunt_bench_{os.getpid()}"
            self._admin(f'DROP DATABASE IF EXISTS "{name}"')
            self._admin(f'CREATE DATABASE "{name}"')
        self.name = name
        db["NAME"] = name
        db["CONN_MAX_AGE"] = 0
        connections["default"].settings_dict["NAME"] = name
        call_command("migrate", verbosity=0, interactive=False)
        call_command("createcachetable", verbosity=0)
        return self.vendor

    def __exit__(self, *exc) -> None:
        connections["default"].close()
        db = settings.DATABASES["default"]
        db["NAME"] = self.original["NAME"]
        connections["default"].settings_dict["NAME"] = self.original["NAME"]
        if self.vendor == "sqlite":
            shutil.rmtree(self.tmpdir, ignore_errors=True)
        else:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def _admin(self, sql: str) -> None:
        import psycopg

        db = self.original
        conn = psycopg.connect(
            dbname="postgres",
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            autocommit=True,
        )
        try:
            conn.execute(sql)
        finally:
            conn.close()
