import pytest
from rest_framework.test import APIClient

from wijkpunt.testing import make_report


@pytest.fixture
def api(settings):
    settings.STAFF_REQUIRE_MFA = False
    return APIClient()


def make_signal(personas, text="De kraan in de keuken lekt", slug="herstelling", **kw):
    return make_report(personas, text, slug, **kw)


@pytest.fixture
def signals(personas):
    return {
        "repair": make_signal(personas),
        "welfare": make_signal(
            personas, "Mijn buurman heb ik al dagen niet gezien", "welzijn-en-zorg"
        ),
        "other": make_signal(personas, "Schimmel in de badkamer", reporter=personas.other_tenant),
    }
