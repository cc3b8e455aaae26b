"""Browser tests: a real Wijkpunt (gunicorn + worker, demo data) on a free port, driven by
Debian's Chromium through Playwright. Accessibility is checked with axe-core.

The server gets its own database: a temporary SQLite file, or a temporary PostgreSQL
database when DATABASE_URL points to PostgreSQL.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("WIJKPUNT_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_database(tmp: Path) -> tuple[str, callable]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"wijkpunt_browser_{uuid.uuid4().hex[:8]}"
        base, _, _ = url.rpartition("/")
        admin_url = f"{base}/postgres"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

        def drop() -> None:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return f"{base}/{name}", drop
    return f"sqlite:///{tmp / 'browser.sqlite3'}", lambda: None


@pytest.fixture(scope="session")
def app_server():
    """Base URL of a running Wijkpunt with the demo loaded."""
    tmp = Path(tempfile.mkdtemp(prefix="wijkpunt-browser-"))
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
        "DJANGO_SETTINGS_MODULE": "wijkpunt.settings",
    }
    cli = [sys.executable, "-m", "wijkpunt.cli"]
    steps = (
        ["migrate", "--noinput"],
        ["createcachetable"],
        ["collectstatic", "--noinput"],
        ["demo"],
        # A stored triage model: web workers load it instead of training on first use.
        ["triage", "retrain"],
    )
    for command in steps:
        subprocess.run([*cli, *command, "-v", "0"], env=env, check=True, timeout=300)
    log = open(tmp / "server.log", "w")  # noqa: SIM115 - kept open for the server's life
    server = subprocess.Popen(
        [*cli, "serve", "--bind", f"127.0.0.1:{port}", "--web-workers", "2"],
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
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise RuntimeError("Wijkpunt did not start:\n" + (tmp / "server.log").read_text())
        time.sleep(0.3)
    yield base
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()
    drop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture(params=["phone", "desktop"])
def viewport(request):
    return PHONE if request.param == "phone" else DESKTOP


@pytest.fixture
def page(browser, viewport, request):
    context = browser.new_context(viewport=viewport, locale="nl-BE")
    pg = context.new_page()
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
