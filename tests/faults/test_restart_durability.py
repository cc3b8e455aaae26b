"""A real PostgreSQL restart loses no acknowledgement.

A real Wijkpunt (``wijkpunt serve``: gunicorn with three web workers and the background
worker) runs on a private PostgreSQL server started for this test (never the shared one).
Ninety reports come in through the REST API and Open311 from several clients at
once, while the test

- kills every gunicorn web worker with ``kill -9`` (twice),
- restarts PostgreSQL for real, twice: a clean fast shutdown and a crash (``immediate``),
  each time leaving it down (refusing connections) for a few seconds,
- kills the background worker with ``kill -9`` after both restarts (serve starts it again).

Clients retry every request that got no 2xx answer with the same idempotency key, as the
API asks. Afterwards: every acknowledged report is in the database once, every resident got
exactly one acknowledgement e-mail, no task is left RUNNING, the worker rode out both
restarts without dying, and serve still runs. A second test kills the worker in the middle of
a task: the task's lease expires and it runs again. The last one kills gunicorn's master:
serve stops the worker and exits non-zero."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.faults.conftest import FaultServer
from tests.faults.postgres import private_postgres
from tests.faults.test_intake_durability import Client
from tests.server import running_wijkpunt

API_REPORTS = 60
OPEN311_REPORTS = 30
API_CLIENTS = 4
OPEN311_CLIENTS = 2
OPEN311_KEYS = 4
DOWN_SECONDS = 2.5
LEASE_SECONDS = 6
CLIENT_TIMEOUT = 30
# On a busy 2-core machine 90 reports take well under a minute, faults included.
LOAD_DEADLINE = 180
# It brings its own PostgreSQL server, whatever the suite runs on: `make test` runs it once, in
# the PostgreSQL run, whose prepared demo database its server's database is copied from.
pytestmark = pytest.mark.once("postgres")
SETTLE_DEADLINE = 45


@pytest.fixture(scope="module")
def postgres():
    with private_postgres() as server:
        yield server


@pytest.fixture(scope="module")
def server(postgres):
    env = {
        # Short lease and heartbeat, so that an abandoned task is seen within seconds.
        "WIJKPUNT_TASK_LEASE_SECONDS": str(LEASE_SECONDS),
        "WIJKPUNT_WORKER_HEARTBEAT_SECONDS": "1",
        "WIJKPUNT_WORKER_HEARTBEAT_MAX_AGE": "30",
    }
    with running_wijkpunt("restart", web_workers=3, env=env, postgres=postgres.url) as running:
        yield FaultServer(
            base=running.base,
            database_url=running.database_url,
            process=running.process,
            log=running.log,
        )
        # Kept for a look after a failure (the server's own folder is removed).
        shutil.copy(running.log, Path(tempfile.gettempdir()) / "wijkpunt-restart-server.log")
        (Path(tempfile.gettempdir()) / "wijkpunt-restart-postgres.log").write_text(postgres.log())


def sql(server: FaultServer, query: str, params=()) -> list[tuple]:
    import psycopg

    with psycopg.connect(server.database_url, connect_timeout=10) as conn:
        return conn.execute(query, params).fetchall()


def manage(server: FaultServer, code: str) -> str:
    """Run Python in Wijkpunt's shell against the server's database."""
    env = {
        **os.environ,
        "DATABASE_URL": server.database_url,
        "WIJKPUNT_DEMO": "1",
        "WIJKPUNT_TESTING": "0",
        "WIJKPUNT_TASKS_IMMEDIATE": "0",
        "DJANGO_SETTINGS_MODULE": "wijkpunt.settings",
    }
    out = subprocess.run(
        [sys.executable, "-m", "wijkpunt.cli", "shell", "-v", "0", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return out.stdout.strip()


def worker_pids(server: FaultServer) -> list[int]:
    return [pid for pid, _, cmd in server.descendants() if "wijkpunt.cli worker" in cmd]


def gunicorn_master(server: FaultServer) -> int:
    return next(
        pid
        for pid, ppid, cmd in server.descendants()
        if ppid == server.process.pid and "gunicorn" in cmd
    )


def kill(pids) -> int:
    killed = 0
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
            killed += 1
        except ProcessLookupError:
            pass
    return killed


def healthz(server: FaultServer) -> dict:
    try:
        with urllib.request.urlopen(f"{server.base}/healthz", timeout=10) as r:  # noqa: S310
            return json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return json.loads(exc.read() or b"{}")


def post_open311(server: FaultServer, fields: dict, key: str) -> tuple[int, dict | None]:
    request = urllib.request.Request(
        f"{server.base}/open311/v2/requests.json",
        data=urllib.parse.urlencode(fields).encode(),
        method="POST",
        headers={"Idempotency-Key": key, "Accept-Language": "nl-BE"},
    )
    try:
        with urllib.request.urlopen(request, timeout=CLIENT_TIMEOUT) as r:  # noqa: S310
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, None
    except (OSError, ValueError, http.client.HTTPException):  # refused, reset, cut short
        return 0, None


class Load:
    """Clients that submit until every report is acknowledged, retrying with the same key."""

    def __init__(self, server: FaultServer, run: str, api_keys: list[str], buildings: list[int]):
        self.server = server
        self.run = run
        self.api_keys = api_keys
        self.buildings = buildings
        self.acknowledged: dict[str, tuple[str, int, str]] = {}  # key -> (channel, id, email)
        self.failures: list[str] = []
        self.lock = threading.Lock()
        self.deadline = time.monotonic() + LOAD_DEADLINE

    @property
    def done(self) -> int:
        with self.lock:
            return len(self.acknowledged)

    def _ack(self, key: str, channel: str, pk: int, email: str) -> None:
        with self.lock:
            self.acknowledged[key] = (channel, pk, email)

    def api_client(self, number: int) -> None:
        client = Client(self.server.base)
        while True:
            try:
                client.login()
                break
            except Exception:  # noqa: BLE001 - the server may be in a fault; try again
                if time.monotonic() > self.deadline:
                    self.failures.append(f"api client {number} could not log in")
                    return
                time.sleep(0.5)
        for i in range(number, API_REPORTS, API_CLIENTS):
            key = f"restart-{self.run}-api-{i}"
            text = f"De kraan in de badkamer lekt, melding {i} van run {self.run}"
            while True:
                status, body = client.submit(text, key)
                if 200 <= status < 300 and body and "id" in body:
                    self._ack(key, "api", body["id"], "huurder@demo.wijkpunt.be")
                    break
                if status == 403:  # the session was lost with the database: log in again
                    with contextlib.suppress(Exception):  # the next round tries again
                        client.login()
                if time.monotonic() > self.deadline:
                    self.failures.append(f"{key} never acknowledged (last {status})")
                    return
                time.sleep(0.2)

    def open311_client(self, number: int) -> None:
        for i in range(number, OPEN311_REPORTS, OPEN311_CLIENTS):
            key = f"restart-{self.run}-311-{i}"
            email = f"bewoner-{self.run}-{i}@example.org"
            fields = {
                "api_key": self.api_keys[i % len(self.api_keys)],
                "service_code": "herstelling",
                "description": f"Lamp in de gang stuk, melding {i} van run {self.run}",
                "address_id": str(self.buildings[i % len(self.buildings)]),
                "email": email,
            }
            while True:
                status, body = post_open311(self.server, fields, key)
                if status in (200, 201) and body:
                    self._ack(key, "open311", int(body[0]["service_request_id"]), email)
                    break
                if time.monotonic() > self.deadline:
                    self.failures.append(f"{key} never acknowledged (last {status})")
                    return
                time.sleep(1.0 if status == 429 else 0.2)


def test_restarts_and_kills_under_load_lose_and_double_nothing(server, postgres):
    started = time.monotonic()
    run = uuid.uuid4().hex[:8]
    keys = manage(
        server,
        "from wijkpunt.open311 import actions\n"
        f"for n in range({OPEN311_KEYS}):\n"
        f"    print(actions.issue_key(name='restart-{run}-%s' % n)[1])",
    ).split()[-OPEN311_KEYS:]
    buildings = [row[0] for row in sql(server, "SELECT id FROM housing_building ORDER BY id")][:20]
    first_worker = worker_pids(server)
    assert len(first_worker) == 1
    load = Load(server, run, keys, buildings)
    total = API_REPORTS + OPEN311_REPORTS
    threads = [
        threading.Thread(target=load.api_client, args=(n,), daemon=True) for n in range(API_CLIENTS)
    ] + [
        threading.Thread(target=load.open311_client, args=(n,), daemon=True)
        for n in range(OPEN311_CLIENTS)
    ]
    for t in threads:
        t.start()

    def at(fraction: float) -> None:
        while load.done < total * fraction and any(t.is_alive() for t in threads):
            time.sleep(0.05)

    faults: dict[str, float] = {}
    at(0.15)
    faults["web workers killed (1)"] = kill(server.web_workers())
    at(0.30)
    faults["postgres down (fast), s"] = round(postgres.restart(down_for=DOWN_SECONDS), 1)
    at(0.50)
    faults["web workers killed (2)"] = kill(server.web_workers())
    at(0.65)
    faults["postgres down (crash), s"] = round(
        postgres.restart(down_for=DOWN_SECONDS, mode="immediate"), 1
    )
    # After both restarts, so that one worker rides out both (a worker started again in the
    # middle of an outage would only wait for the database, not lose it).
    at(0.85)
    # The worker is killed once it is back on the database after every outage it noticed (a
    # worker still backing off after the second restart would be killed before it could show
    # that it reconnects).
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        log = server.log.read_text()
        if log.count("reconnected to the database") >= log.count("lost the database"):
            break
        time.sleep(0.2)
    survivor = worker_pids(server)
    faults["background worker killed"] = kill(survivor)
    for t in threads:
        t.join(timeout=LOAD_DEADLINE)
    loaded = time.monotonic()
    print(
        f"\nfaults: {faults}; {load.done} of {total} reports acknowledged in "
        f"{loaded - started:.1f} s"
    )
    assert not load.failures, load.failures[:5]
    assert len(load.acknowledged) == total

    # Every acknowledgement task finishes: none left waiting or RUNNING.
    while True:
        pending = sql(
            server,
            "SELECT status, count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE status IN ('READY', 'RUNNING') GROUP BY status",
        )
        if not pending or time.monotonic() - loaded > SETTLE_DEADLINE:
            break
        time.sleep(0.5)
    assert pending == [], pending
    settled = time.monotonic()
    print(f"tasks settled {settled - loaded:.1f} s after the load")

    # Every acknowledged report is stored once, under its key.
    rows = sql(
        server,
        "SELECT id, idempotency_key FROM signalling_signal WHERE idempotency_key LIKE %s",
        [f"%restart-{run}-%"],
    )
    by_key: dict[str, list[int]] = {}
    for pk, stored in rows:
        by_key.setdefault(stored.split(":")[-1], []).append(pk)
    assert len(rows) == total
    for key, (_channel, pk, _email) in load.acknowledged.items():
        assert by_key.get(key) == [pk], (key, by_key.get(key), pk)

    # Every resident got exactly one acknowledgement e-mail about each report.
    mails = sql(server, 'SELECT "to", subject FROM core_outboxmessage')
    for key, (channel, pk, email) in load.acknowledged.items():
        reference = f"M-{pk:06d}"
        got = [s for to, s in mails if to == email and reference in s]
        assert len(got) == 1, (key, channel, reference, got)
    failed = sql(
        server,
        "SELECT task_path, exception_class_path FROM django_tasks_database_dbtaskresult "
        "WHERE status = 'FAILED'",
    )
    assert failed == [], failed

    # The worker rode out both restarts (the one killed after them is the one that was there
    # before them) and serve still runs. Whether a worker notices a restart depends on where it
    # was (a worker between two polls reconnects without an error), but under this load it
    # noticed at least one, and reconnected.
    log = server.log.read_text()
    assert survivor == first_worker, (first_worker, survivor)
    assert "lost the database" in log, log[-3000:]
    assert "reconnected to the database" in log
    assert log.count("The background worker exited unexpectedly") == 1
    assert server.process.poll() is None
    assert "giving up" not in log
    deadline = time.monotonic() + 20
    while (health := healthz(server)).get("status") != "ok" and time.monotonic() < deadline:
        time.sleep(0.5)
    assert health.get("status") == "ok", health
    print(
        f"checked in {time.monotonic() - settled:.1f} s; total {time.monotonic() - started:.1f} s"
    )


def test_a_task_abandoned_by_a_killed_worker_runs_again(server):
    """``kill -9`` of the worker in the middle of a task: serve starts a new worker, the old
    worker's lease expires and the task runs again, to the end."""
    task_id = manage(
        server,
        "from wijkpunt.core.tests.tasks_for_tests import slow_first_attempt\n"
        "print(slow_first_attempt.enqueue(120).id)",
    ).split()[-1]
    query = (
        "SELECT status, worker_ids, return_value FROM django_tasks_database_dbtaskresult "
        "WHERE id = %s"
    )
    deadline = time.monotonic() + 20
    while sql(server, query, [task_id])[0][0] != "RUNNING":
        assert time.monotonic() < deadline, "the worker never took the task"
        time.sleep(0.2)
    killed_at = time.monotonic()
    assert kill(worker_pids(server)) == 1
    deadline = killed_at + LEASE_SECONDS + 30
    while (row := sql(server, query, [task_id])[0])[0] != "SUCCESSFUL":
        assert time.monotonic() < deadline, row
        time.sleep(0.3)
    status, worker_ids, return_value = row
    assert return_value == 2 and len(set(worker_ids)) == 2
    print(f"\nthe abandoned task ran again {time.monotonic() - killed_at:.1f} s after kill -9")
    assert server.process.poll() is None
    assert sql(
        server, "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
    ) == [(0,)]


def test_serve_exits_non_zero_when_the_web_server_dies(server):
    """Last: kill gunicorn's master. serve stops the worker and exits with status 1, so that
    a supervisor with Restart=on-failure starts Wijkpunt again."""
    workers = worker_pids(server)
    os.kill(gunicorn_master(server), signal.SIGKILL)
    assert server.process.wait(timeout=40) == 1
    for pid in workers:
        status = Path(f"/proc/{pid}/status")
        assert not status.exists() or "zombie" in status.read_text()
    assert "The web server exited unexpectedly" in server.log.read_text()
