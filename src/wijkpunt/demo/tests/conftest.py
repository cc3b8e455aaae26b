import pytest

from wijkpunt.testing import DEMO_TODAY

# The shared demo's day (see the root conftest): its openings and probations are fixed.
TODAY = DEMO_TODAY


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
def demo(shared_demo, db, locmem_cache):
    return shared_demo


@pytest.fixture
def demo_mode(settings):
    settings.DEMO_MODE = True
    settings.ROOT_URLCONF = "wijkpunt.demo.tests.urls"
    return settings
