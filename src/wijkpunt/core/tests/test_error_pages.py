"""Error pages (400, 403, 404, 500, a refused form) in Wijkpunt's layout, the reader's
language and navigation."""

import html

import pytest
from django.test import Client
from django.urls import reverse

from wijkpunt.core import views

pytestmark = pytest.mark.django_db

CASES = {
    "nl-be": ("We vinden deze pagina niet", "Naar de startpagina"),
    "fr": ("Nous ne trouvons pas cette page", "Aller à la page d'accueil"),
    "en": ("We cannot find this page", "Go to the start page"),
}


@pytest.mark.parametrize("language", list(CASES))
def test_404_is_a_wijkpunt_page_in_the_readers_language(client, language):
    client.cookies["wijkpunt_language"] = language
    response = client.get("/bestaat-niet/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    page = response.content.decode()
    title, home = CASES[language]
    assert title in page and home in page
    assert 'class="wp-header"' in page and f'lang="{language}"' in page


def test_404_keeps_the_tenants_navigation(client, personas):
    client.cookies["wijkpunt_language"] = "en"
    personas.tenant.language = "en"
    personas.tenant.save(update_fields=["language"])
    client.force_login(personas.tenant)
    response = client.get(reverse("intake_portal:detail", args=[999999]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "My reports" in page and reverse("intake_portal:mine") in page


def test_403_is_a_wijkpunt_page(rf, personas):
    request = rf.get("/")
    request.user = personas.tenant
    request.session = {}
    from django.utils import translation

    with translation.override("fr"):
        response = views.permission_denied(request)
    assert response.status_code == 403
    assert "Vous n'avez pas accès à cette page" in html.unescape(response.content.decode())


def test_a_refused_form_is_a_wijkpunt_page(personas):
    client = Client(enforce_csrf_checks=True)
    client.cookies["wijkpunt_language"] = "en"
    personas.tenant.language = "en"
    personas.tenant.save(update_fields=["language"])
    client.force_login(personas.tenant)
    response = client.post(reverse("intake_portal:new"), {"text": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "This form has expired" in page and 'class="wp-header"' in page
    assert "CSRF verification failed" not in page


def test_400_and_500_are_wijkpunt_pages(rf):
    from django.utils import translation

    request = rf.get("/")
    with translation.override("nl-be"):
        bad = views.bad_request(request)
        broken = views.server_error(request)
    assert bad.status_code == 400 and "We begrijpen deze vraag niet" in bad.content.decode()
    assert broken.status_code == 500
    assert "Er ging iets mis bij ons" in broken.content.decode()
    assert "Bel 112" in broken.content.decode()
