"""Nothing acknowledged is lost: signals submitted through the REST API while web worker
processes are killed (``kill -9``) and, on PostgreSQL, while every database connection of the
server is cut (what a PostgreSQL restart looks like to the application).

The client behaves as the API asks clients to behave: every request that got no 2xx answer
is retried with the same ``Idempotency-Key``. At the end every acknowledged signal exists in
the database, exactly once per key."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import os
import random
import re
import signal
import sqlite3
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest

TENANT = "huurder@demo.wijkpunt.be"
PASSWORD = "wijkpunt-demo"
SUBMISSIONS = 16
# Rounds in which the server is broken while the submission is in flight.
FAULT_ROUNDS = (2, 7, 12)
# A fresh web worker may need tens of seconds for its first intake (it loads the triage model).
CLIENT_TIMEOUT = 120
RETRY_FOR_SECONDS = 400


class Client:
    """A tenant's browser session, with the CSRF token the API needs for writes."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def login(self) -> None:
        with self.opener.open(f"{self.base}/accounts/login/", timeout=10) as r:
            html = r.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        body = urllib.parse.urlencode(
            {"login": TENANT, "password": PASSWORD, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(
            f"{self.base}/accounts/login/",
            data=body,
            headers={"Referer": f"{self.base}/accounts/login/"},
        )
        with self.opener.open(request, timeout=10) as r:
            assert r.status == 200
        assert any(c.name == "sessionid" for c in self.jar), "log-in failed"

    def submit(self, text: str, key: str) -> tuple[int, dict | None]:
        request = urllib.request.Request(
            f"{self.base}/api/v1/signals/",
            data=json.dumps({"text": text, "category": "herstelling"}).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "Idempotency-Key": key,
                "X-CSRFToken": self._csrf(),
                "Referer": f"{self.base}/",
            },
        )
        try:
            with self.opener.open(request, timeout=CLIENT_TIMEOUT) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as exc:
            return exc.code, None
        except (OSError, ValueError, http.client.HTTPException):
            # connection reset, refused, timed out, or the answer cut short by a kill
            return 0, None

    def submit_until_acknowledged(self, text: str, key: str, attempts: list) -> dict:
        deadline = time.monotonic() + RETRY_FOR_SECONDS
        while True:
            status, body = self.submit(text, key)
            attempts.append(status)
            if 200 <= status < 300 and body and "id" in body:
                return body
            if time.monotonic() > deadline:
                pytest.fail(f"{key} was never acknowledged (last answer {status})")
            time.sleep(0.2)


def _kill_web_workers(server) -> int:
    killed = 0
    for pid in server.web_workers():
        try:
            os.kill(pid, signal.SIGKILL)
            killed += 1
        except ProcessLookupError:
            pass
    return killed


def _stored(server, prefix: str) -> list[tuple[int, str]]:
    query = "SELECT id, idempotency_key FROM signalling_signal WHERE idempotency_key LIKE " + (
        "%s" if server.postgres else "?"
    )
    if server.postgres:
        import psycopg

        with psycopg.connect(server.database_url) as conn:
            return conn.execute(query, [f"%:{prefix}%"]).fetchall()
    path = server.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path, timeout=30) as conn:
        return conn.execute(query, [f"%:{prefix}%"]).fetchall()


def _run(server, *, fault) -> None:
    """Submit signals one after the other; in some rounds, break the server while a
    submission is in flight (before, during or after its commit), then retry it."""
    client = Client(server.base)
    client.login()
    run = uuid.uuid4().hex[:8]
    rng = random.Random(run)
    acknowledged: dict[str, int] = {}
    attempts: list[int] = []
    faults = 0
    for i in range(SUBMISSIONS):
        key = f"fault-{run}-{i}"
        text = f"Lek in de badkamer, melding {i} van run {run}"
        if i in FAULT_ROUNDS:
            first: list = []
            thread = threading.Thread(
                target=lambda out, t, k: out.append(client.submit(t, k)), args=(first, text, key)
            )
            thread.start()
            time.sleep(rng.uniform(0.005, 0.15))
            faults += fault(server)
            thread.join(timeout=CLIENT_TIMEOUT + 5)
            status, body = first[0] if first else (0, None)
            attempts.append(status)
            if 200 <= status < 300 and body:
                acknowledged[key] = body["id"]
                continue
        body = client.submit_until_acknowledged(text, key, attempts)
        acknowledged[key] = body["id"]
    assert faults >= len(FAULT_ROUNDS), "the faults did not happen"
    rows = _stored(server, f"fault-{run}-")
    by_key: dict[str, list[int]] = {}
    for pk, stored_key in rows:
        by_key.setdefault(stored_key.split(":", 2)[-1], []).append(pk)
    # Every acknowledged signal is there, exactly once per key, and nothing else was made.
    assert set(by_key) == set(acknowledged)
    for key, pk in acknowledged.items():
        assert by_key[key] == [pk], (key, by_key[key], pk)
    assert len(rows) == SUBMISSIONS
    assert len(set(acknowledged.values())) == SUBMISSIONS
    # A last look through the API: the tenant sees the signals that were hit by a fault.
    for i in FAULT_ROUNDS:
        pk = acknowledged[f"fault-{run}-{i}"]
        with client.opener.open(f"{server.base}/api/v1/signals/{pk}/", timeout=60) as r:
            assert r.status == 200


def test_faults_during_intake_lose_nothing_acknowledged(fault_server):
    """Killed web workers (both databases) and, on PostgreSQL, cut database connections."""
    _run(fault_server, fault=_kill_web_workers)
    if fault_server.postgres:
        _run(fault_server, fault=lambda server: server.cut_database_connections() or 1)
