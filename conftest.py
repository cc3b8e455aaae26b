import os
from pathlib import Path

import pytest


@pytest.fixture
def personas(db):
    from wijkpunt.testing import make_personas

    return make_personas()


@pytest.fixture
def staff_client(client, settings):
    """A client whose staff need no second factor (the MFA tests switch it back on)."""
    settings.STAFF_REQUIRE_MFA = False
    return client


@pytest.fixture(autouse=True)
def _fresh_signal_configuration():
    """Each test starts without the per-process signal configuration cache (a rolled-back
    test leaves no trace in the database, but would in the cache)."""
    from wijkpunt.signalling import config

    config.clear()
    yield
    config.clear()


# --- Two runs, one suite -------------------------------------------------------------------
# `make test` runs the suite twice side by side, on SQLite and on PostgreSQL, and names the run
# in WIJKPUNT_SUITE_RUN. A test marked ``once("sqlite")`` or ``once("postgres")`` runs only in
# that run: it brings its own database (the PostgreSQL restart test) or its subject does not
# depend on the suite's database (training the triage model, the deploy checks), or it is one
# half of a pair (a browser journey runs on a phone in one run and on a desktop in the other).
# Without WIJKPUNT_SUITE_RUN (a plain `pytest`) every test runs.
SUITE_RUNS = ("sqlite", "postgres")
ROOT = Path(__file__).resolve().parent


# One demo for the whole run (generating it takes seconds). It lives in a transaction rolled
# back at the end of the run, so every test that uses it runs after all the others (each in its
# own savepoint inside it, as usual); a test that needs an empty database calls
# ``delete_demo_data()`` first, which is rolled back with the test.


@pytest.fixture(scope="session")
def shared_demo(django_db_setup, django_db_blocker):
    from wijkpunt.demo.generate import generate
    from wijkpunt.testing import DEMO_TODAY, rolled_back

    with rolled_back(django_db_blocker):
        yield generate(today=DEMO_TODAY)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    run = os.environ.get("WIJKPUNT_SUITE_RUN", "")
    if run and run not in SUITE_RUNS:
        raise pytest.UsageError(f"WIJKPUNT_SUITE_RUN must be one of {SUITE_RUNS}, not {run!r}")
    keep, elsewhere = [], []
    for item in items:
        marker = item.get_closest_marker("once")
        if marker is not None and (len(marker.args) != 1 or marker.args[0] not in SUITE_RUNS):
            raise pytest.UsageError(f"{item.nodeid}: once() takes one of {SUITE_RUNS}")
        if run and marker is not None and marker.args[0] != run:
            elsewhere.append(item)
        else:
            keep.append(item)
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
    # The tests on the shared demo after the others of src/ (stable order otherwise), and
    # before tests/: the browser and fault tests, whose servers have databases of their own
    # (and whose Playwright session keeps an event loop running to the end).
    items[:] = sorted(
        keep, key=lambda item: (_outside_src(item), "shared_demo" in item.fixturenames)
    )


def _outside_src(item) -> bool:
    return item.path.is_relative_to(ROOT / "tests")
