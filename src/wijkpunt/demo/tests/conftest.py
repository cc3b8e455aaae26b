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


@pytest.fixture
def demo(db, locmem_cache):
    from wijkpunt.demo.generate import generate

    return generate(today=TODAY)


@pytest.fixture
def demo_mode(settings):
    settings.DEMO_MODE = True
    settings.ROOT_URLCONF = "wijkpunt.demo.tests.urls"
    return settings
