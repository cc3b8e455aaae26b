"""Everything on a French or English tenant page is French or English: the pages themselves,
category labels and descriptions (configuration data), flash messages after logging in,
error pages. Fails on words only Dutch pages contain."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from wijkpunt.intake.queries import point_token
from wijkpunt.testing import PASSWORD, make_report

pytestmark = pytest.mark.django_db

# Words that appear on Dutch pages and never on a French or English one.
DUTCH = [
    "melding",
    "meldingen",
    "welkom",
    "aangemeld",
    "afgemeld",
    "verstuur",
    "versturen",
    "herstelling",
    "lekken",
    "verwarming",
    "gemeenschappelijke",
    "mail naar",
    "mijn",
    "uw",
    "het",
    "een",
    "niet",
    "wij",
    "bent",
    "hebt",
    "woning",
    "gegevens",
    "dringend",
    "bedankt",
    "terug",
    "wat",
    "waar",
    "bijlage",
    "gevaar",
    "bel",
    "startpagina",
]
PATTERN = re.compile(r"\b(" + "|".join(re.escape(w) for w in DUTCH) + r")\b", re.IGNORECASE)


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)  # attributes (URLs such as /mijn/) are not read
    return html.unescape(page)


def dutch_words(page: str) -> set[str]:
    return {m.group(1).lower() for m in PATTERN.finditer(visible_text(page))}


@pytest.fixture
def tenant_pages(personas):
    mine = make_report(personas, "The tap drips", "herstelling")
    token = point_token(building=personas.building)
    return [
        reverse("portal:home"),
        reverse("portal:details"),
        reverse("intake_portal:new"),
        reverse("intake_portal:mine"),
        reverse("intake_portal:detail", args=[mine.pk]),
        reverse("intake_portal:thanks", args=[mine.pk]),
        reverse("intake_public:report", kwargs={"token": token}),
        reverse("intake_portal:detail", args=[999999]),  # the 404 page
        "/bestaat-niet/",
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_tenant_pages_have_no_dutch_words(client, personas, tenant_pages, language):
    personas.tenant.language = language
    personas.tenant.save(update_fields=["language"])
    client.force_login(personas.tenant)
    for url in tenant_pages:
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        found = dutch_words(response.content.decode())
        assert not found, f"{url} in {language}: {sorted(found)}"


def test_the_check_would_see_dutch(client, personas, tenant_pages):
    personas.tenant.language = "nl-be"
    personas.tenant.save(update_fields=["language"])
    client.force_login(personas.tenant)
    assert dutch_words(client.get(reverse("intake_portal:new")).content.decode())


@pytest.mark.parametrize(
    ("language", "welcome", "dutch"),
    [("fr", "Bienvenue", "Welkom"), ("en", "Welcome", "Welkom"), ("nl-be", "Welkom", "Bienvenue")],
)
def test_the_welcome_message_is_in_the_persons_language(client, personas, language, welcome, dutch):
    """The log-in page was Dutch (the session's language); the person reads French."""
    personas.other_tenant.language = language
    personas.other_tenant.save(update_fields=["language"])
    client.cookies["wijkpunt_language"] = "nl-be"
    response = client.post(
        reverse("account_login"),
        {"login": personas.other_tenant.email, "password": PASSWORD},
        follow=True,
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert welcome in page and dutch not in page


@pytest.mark.parametrize("language", ["fr", "en"])
def test_category_descriptions_follow_the_reader(client, personas, language):
    personas.tenant.language = language
    personas.tenant.save(update_fields=["language"])
    client.force_login(personas.tenant)
    page = html.unescape(client.get(reverse("intake_portal:new")).content.decode())
    expected = {"fr": "Fuites, chauffage", "en": "Leaks, heating"}[language]
    assert expected in page
    assert "Lekken, verwarming" not in page
