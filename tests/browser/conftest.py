"""Browser tests: a real Wijkpunt (gunicorn + worker, demo data) on a free port, driven by
Debian's Chromium through Playwright. Accessibility is checked with axe-core.

The server gets its own database: a temporary SQLite file, or a temporary PostgreSQL
database when DATABASE_URL points to PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.server import running_wijkpunt

CHROMIUM = os.environ.get("WIJKPUNT_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def app_server():
    """Base URL of a running Wijkpunt with the demo loaded."""
    with running_wijkpunt("browser") as server:
        yield server.base


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


# `make test` runs each journey on a phone in the SQLite run and on a desktop in the PostgreSQL
# run (see the root conftest): both sizes and both databases, without doing everything twice.
@pytest.fixture(
    params=[
        pytest.param("phone", marks=pytest.mark.once("sqlite")),
        pytest.param("desktop", marks=pytest.mark.once("postgres")),
    ]
)
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
        # Both databases' suites may run at once: one file each.
        from django.db import connection

        name = f"{connection.vendor}-{request.node.name}.png"
        pg.screenshot(path=str(ARTIFACTS / name), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
