import pytest
from rest_framework.test import APIClient

from wijkpunt.signalling import actions
from wijkpunt.signalling.models import Category, Channel


@pytest.fixture
def api(settings):
    settings.STAFF_REQUIRE_MFA = False
    return APIClient()


def make_signal(personas, text="De kraan in de keuken lekt", slug="herstelling", **kw):
    kw.setdefault("reporter", personas.tenant)
    category = Category.objects.get(slug=slug) if slug else None
    return actions.create_signal(text=text, channel=Channel.PORTAL, category=category, **kw).signal


@pytest.fixture
def signals(personas):
    return {
        "repair": make_signal(personas),
        "welfare": make_signal(
            personas, "Mijn buurman heb ik al dagen niet gezien", "welzijn-en-zorg"
        ),
        "other": make_signal(personas, "Schimmel in de badkamer", reporter=personas.other_tenant),
    }
