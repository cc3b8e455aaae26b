import datetime as dt

import pytest

# A fixed day, so that the demo's dates (openings, probation) are the same in every run.
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def locmem_cache(settings):
    """allauth remembers used TOTP codes in the cache; the tests have no cache table."""
    from django.core.cache import cache

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "wijkpunt-demo-tests",
        }
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def _module_demo(django_db_setup, django_db_blocker):
    """One demo per test module (generating it takes seconds), in a transaction rolled back
    after the module; each test still runs in its own savepoint inside it. Tests that need an
    empty database call ``delete_demo_data()`` first (also rolled back)."""
    from wijkpunt.demo.generate import generate
    from wijkpunt.testing import rolled_back

    with rolled_back(django_db_blocker):
        yield generate(today=TODAY)


@pytest.fixture
def demo(_module_demo, db, locmem_cache):
    return _module_demo


@pytest.fixture
def demo_mode(settings):
    settings.DEMO_MODE = True
    settings.ROOT_URLCONF = "wijkpunt.demo.tests.urls"
    return settings
