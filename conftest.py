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
