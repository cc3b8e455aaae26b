"""signals.intake: a signal posted through the REST API, end to end, against a bare Django view
that inserts one row.

Wijkpunt's side is ``POST /api/v1/signals/`` as a logged-in tenant (session cookie and CSRF
token, an Idempotency-Key per request): validation, the triage suggestion, routing, working-time
deadlines, the signal and its history row, and the acknowledgement e-mail queued on the
database task backend (``django-tasks-db``, never the immediate backend here). The baseline is a
view in the same Django project, behind the same middleware, that runs one ``INSERT``.

Both are served by the same kind of server (gunicorn, 2 workers × 4 threads, as ``wijkpunt
serve``), one instance each on a free port, and loaded by the same client: 8 threads with
keep-alive connections (``http.client``), two rounds of 10 seconds each, alternating, the best
round of each counting. Before measuring, each server is warmed up until every client gets
quick answers (a server process loads the triage model on its first request)."""

from __future__ import annotations

import http.client
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
import uuid
from importlib import import_module
from pathlib import Path

DURATION = float(os.environ.get("WIJKPUNT_BENCH_DURATION", "10"))
ROUNDS = 2
WARMUP = 1.0
API, BARE = "/api/v1/signals/", "/bench/bare-insert/"
CLIENTS = 8
WORKERS, THREADS = 2, 4
TABLE = "bench_intake_row"

TEXTS = [
    "De kraan in de keuken lekt al twee dagen en er staat water onder de kast.",
    "De lift in ons blok staat al sinds gisteren stil.",
    "Er hangt een sterke gasgeur in de trappenhal.",
    "Mijn buurman heb ik al een week niet meer gezien, de brievenbus zit vol.",
    "Ik kan de huur van deze maand niet betalen, kan ik een afbetalingsplan krijgen?",
    "De buren maken elke nacht lawaai tot drie uur.",
    "In de fietsenberging liggen vuilniszakken en het stinkt.",
    "La porte d'entrée ne ferme plus à clé.",
    "There is mould on the bedroom wall again.",
    "Wij willen graag een buurtfeest organiseren op het plein.",
    "De verwarming doet het niet meer sinds het weekend.",
    "Er zit schimmel in de badkamer, ook na het verluchten.",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if "sqlite" in db["ENGINE"]:
        return f"sqlite:///{db['NAME']}"
    auth = db.get("USER") or ""
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


def _seed(count: int) -> list:
    """A building with *count* households, each with a tenant who has a portal account."""
    import datetime as dt

    from wijkpunt.accounts.models import User
    from wijkpunt.housing.models import Dwelling, Household, Resident, Tenancy
    from wijkpunt.testing import make_personas

    personas = make_personas()
    tenants = []
    for i in range(count):
        dwelling = Dwelling.objects.create(
            building=personas.building, unit=f"B{i}", external_ref=f"BENCH-W-{i}"
        )
        household = Household.objects.create(name=f"Gezin Bench {i}", external_ref=f"BENCH-H-{i}")
        Tenancy.objects.create(
            dwelling=dwelling, household=household, start_date=dt.date(2022, 1, 1)
        )
        user = User.objects.create_user(
            email=f"bench{i}@example.org", password=None, full_name=f"Bench Huurder {i}"
        )
        Resident.objects.create(
            household=household, first_name="Bench", last_name=str(i), user=user
        )
        tenants.append(user)
    return tenants


def _session_cookies(user) -> tuple[str, str]:
    """A real log-in session in the session store, and a CSRF secret for cookie and header."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    csrf = secrets.token_hex(16)  # 32 characters, what Django's CSRF cookie holds
    store.create()
    cookie = (
        f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    )
    return cookie, csrf


class Server:
    """gunicorn on a free port, serving the Wijkpunt project plus the bare view."""

    def __init__(self) -> None:
        self.port = _free_port()
        root = str(Path(__file__).resolve().parent.parent)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench._intake_settings",
            "DATABASE_URL": _database_url(),
            "WIJKPUNT_TASKS_IMMEDIATE": "0",
            "WIJKPUNT_DEMO": os.environ.get("WIJKPUNT_DEMO", "1"),
            "WIJKPUNT_LOG_LEVEL": "WARNING",
            "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p),
        }
        env.pop("WIJKPUNT_TESTING", None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "wijkpunt.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--threads",
                str(THREADS),
                "--control-socket",
                f"/tmp/wijkpunt-bench-{os.getpid()}-{self.port}.ctl",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=root,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start in time")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _post(connection, path: str, client: tuple[str, str], rng: random.Random) -> int:
    cookie, csrf = client
    body = json.dumps({"text": rng.choice(TEXTS), "urgent": rng.random() < 0.05})
    headers = {
        "Content-Type": "application/json",
        "Cookie": cookie,
        "X-CSRFToken": csrf,
        "Idempotency-Key": uuid.uuid4().hex,
        "Host": "127.0.0.1",
    }
    connection.request("POST", path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status


def _warm(port: int, path: str, clients: list[tuple[str, str]], limit: float = 180) -> None:
    """Until every client thread gets quick answers: each server process loads its code and
    the triage model on its first requests, which is not what is measured."""
    deadline = time.monotonic() + limit

    def worker(index: int) -> None:
        rng = random.Random(-index)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        quick = 0
        while quick < 5 and time.monotonic() < deadline:
            started = time.monotonic()
            try:
                _post(connection, path, clients[index % len(clients)], rng)
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                continue
            quick = quick + 1 if time.monotonic() - started < 0.5 else 0
        connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _load(port: int, path: str, clients: list[tuple[str, str]]) -> dict:
    """Each client thread posts as fast as it can over one keep-alive connection."""
    stop_at = [0.0]
    start_counting = [0.0]
    lock = threading.Lock()
    counts: dict = {"ok": 0, "errors": 0, "statuses": {}, "times": []}

    def worker(index: int) -> None:
        client = clients[index % len(clients)]
        rng = random.Random(index)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        ok = errors = 0
        statuses: dict[int, int] = {}
        times: list[float] = []
        while True:
            now = time.monotonic()
            if now >= stop_at[0]:
                break
            started = time.monotonic()
            try:
                status = _post(connection, path, client, rng)
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = 0
            if now >= start_counting[0]:
                statuses[status] = statuses.get(status, 0) + 1
                if 200 <= status < 300:
                    ok += 1
                    times.append(time.monotonic() - started)
                else:
                    errors += 1
        connection.close()
        with lock:
            counts["ok"] += ok
            counts["errors"] += errors
            counts["times"].extend(times)
            for s, n in statuses.items():
                counts["statuses"][s] = counts["statuses"].get(s, 0) + n

    start_counting[0] = time.monotonic() + WARMUP
    stop_at[0] = start_counting[0] + DURATION
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    counts["rate"] = counts["ok"] / DURATION
    times = sorted(counts.pop("times")) or [0.0]
    counts["p50_ms"] = round(times[len(times) // 2] * 1000, 1)
    counts["p95_ms"] = round(times[int(len(times) * 0.95)] * 1000, 1)
    return counts


def _create_table() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {TABLE} "
                "(id bigserial PRIMARY KEY, text text NOT NULL, created_at timestamptz NOT NULL)"
            )
        else:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {TABLE} "
                "(id integer PRIMARY KEY AUTOINCREMENT, text text NOT NULL, "
                "created_at text NOT NULL)"
            )


def run(size: int) -> list[dict]:
    from django.db import connection

    from wijkpunt.signalling.models import Signal

    tenants = _seed(CLIENTS)
    clients = [_session_cookies(user) for user in tenants]
    _create_table()
    connection.close()  # the servers are the only writers while measuring

    from django_tasks_db.models import DBTaskResult

    bare_server, api_server = Server(), Server()
    try:
        _warm(bare_server.port, BARE, clients)
        _warm(api_server.port, API, clients)
        before = (Signal.objects.count(), DBTaskResult.objects.count())
        connection.close()
        # Alternate the two, so that other work on the machine weighs on both alike; the
        # best round of each counts.
        rounds = {"baseline": [], "intake": []}
        for _ in range(ROUNDS):
            rounds["baseline"].append(_load(bare_server.port, BARE, clients))
            rounds["intake"].append(_load(api_server.port, API, clients))
    finally:
        bare_server.stop()
        api_server.stop()
    baseline = max(rounds["baseline"], key=lambda r: r["rate"])
    intake = max(rounds["intake"], key=lambda r: r["rate"])
    signals = Signal.objects.count() - before[0]
    queued = DBTaskResult.objects.count() - before[1]
    answered = sum(r["ok"] for r in rounds["intake"])
    value, base = round(intake["rate"], 1), round(baseline["rate"], 1)
    ratio = round(value / base, 2) if base else None
    return [
        {
            "value": value,
            "unit": "req/s",
            "baseline": base,
            "ratio": ratio,
            "target": ">= 0.5",
            "met": bool(ratio is not None and ratio >= 0.5),
            "p50_ms": intake["p50_ms"],
            "p95_ms": intake["p95_ms"],
            "baseline_p50_ms": baseline["p50_ms"],
            "errors": sum(r["errors"] for r in rounds["intake"]),
            "baseline_errors": sum(r["errors"] for r in rounds["baseline"]),
            # Every intake answered 201 while measuring is a signal with its acknowledgement
            # queued (the ramp-up before each round adds a few more).
            "answered": answered,
            "signals_created": signals,
            "tasks_queued": queued,
            "clients": CLIENTS,
            "server": f"gunicorn {WORKERS}x{THREADS}",
            "seconds": DURATION,
            "rounds": ROUNDS,
        }
    ]


BENCHMARKS = {"signals.intake": run}
