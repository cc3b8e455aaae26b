"""'Mijn gegevens': phone, e-mail, language and contact preference."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from wijkpunt.accounts.models import User
from wijkpunt.audit.models import AuditEntry
from wijkpunt.core.testing import PASSWORD
from wijkpunt.housing.models import Resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def tenant_client(client, personas):
    personas.tenant.language = "en"
    personas.tenant.save()
    client.force_login(personas.tenant)
    return client


def _post(client, **changes):
    data = {
        "email": "an.peeters@example.org",
        "phone": "",
        "language": "en",
        "preferred_contact": "email",
        **changes,
    }
    return client.post(reverse("portal:details"), data)


def test_form_shows_current_details(tenant_client, personas):
    html = tenant_client.get(reverse("portal:details")).content.decode()
    assert html.count("<h1") == 1
    assert 'value="an.peeters@example.org"' in html
    assert "You also log in with this address" in html
    assert 'for="id_phone"' in html
    assert "<legend" in html


def test_saving_updates_account_and_resident(tenant_client, personas):
    response = _post(
        tenant_client,
        email="An.Peeters@Example.org ",
        phone="+32 470/12.34.56",
        preferred_contact="sms",
    )
    assert response.status_code == 302
    assert response.url == reverse("portal:details")
    user = User.objects.get(pk=personas.tenant.pk)
    assert user.phone == "0470 12 34 56"
    assert user.preferred_contact == "sms"
    assert user.email == "an.peeters@example.org"
    resident = Resident.objects.get(user=user)
    assert resident.phone == "0470 12 34 56"
    assert resident.email == "an.peeters@example.org"
    entry = AuditEntry.objects.get(action="update", object_type="resident")
    assert entry.household_id == personas.household.pk
    page = tenant_client.get(response.url).content.decode()
    assert "Your details are saved" in page


@pytest.mark.parametrize(
    "typed,stored",
    [
        ("0470 12 34 56", "0470 12 34 56"),
        ("0032 470 12 34 56", "0470 12 34 56"),
        ("+32 (0)470 12 34 56", "0470 12 34 56"),
        ("056/11.22.33", "056 11 22 33"),
        ("02 123 45 67", "02 123 45 67"),
    ],
)
def test_belgian_phone_formats_are_accepted(tenant_client, personas, typed, stored):
    assert _post(tenant_client, phone=typed).status_code == 302
    assert User.objects.get(pk=personas.tenant.pk).phone == stored


@pytest.mark.parametrize(
    "typed", ["12345", "0470 12 34", "+31 6 12345678", "bel mij", "0000000000"]
)
def test_bad_phone_is_refused_and_everything_typed_is_kept(tenant_client, personas, typed):
    response = _post(
        tenant_client, phone=typed, email="an.new@example.org", preferred_contact="phone"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This is not a Belgian phone number we can use" in html
    assert "Nothing has been saved" in html
    assert f'value="{typed}"' in html
    assert 'value="an.new@example.org"' in html
    checked = re.search(
        r'<input type="radio" name="preferred_contact" value="(\w+)"[^>]*checked', html
    )
    assert checked and checked.group(1) == "phone"
    user = User.objects.get(pk=personas.tenant.pk)
    assert user.email == "an.peeters@example.org" and user.phone == ""
    assert not AuditEntry.objects.filter(action="update").exists()


def test_email_of_another_account_is_refused(tenant_client, personas):
    response = _post(tenant_client, email=personas.other_tenant.email.upper())
    assert response.status_code == 200
    assert "Another account already uses this e-mail address" in response.content.decode()
    assert User.objects.get(pk=personas.tenant.pk).email == "an.peeters@example.org"


def test_bad_email_and_missing_choices(tenant_client, personas):
    response = tenant_client.post(reverse("portal:details"), {"email": "an@", "phone": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "not a complete e-mail address" in html
    assert "Choose a language." in html
    assert "Choose how we can best contact you." in html


def test_contact_by_phone_needs_a_number(tenant_client):
    response = _post(tenant_client, preferred_contact="phone", phone="")
    assert response.status_code == 200
    assert "Fill in a phone number, or choose another way" in response.content.decode()


def test_unknown_choice_is_refused(tenant_client):
    response = _post(tenant_client, language="de", preferred_contact="pigeon")
    assert response.status_code == 200
    assert "utrecht-form-fieldset--invalid" in response.content.decode()


def test_new_email_becomes_the_login_name(client, personas):
    client.force_login(personas.tenant)
    _post(client, email="an.nieuw@example.org", language="nl-be")
    client.logout()
    client.post(reverse("account_login"), {"login": "an.peeters@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    client.post(reverse("account_login"), {"login": "an.nieuw@example.org", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(personas.tenant.pk)


def test_language_choice_persists_across_log_ins(client, personas):
    client.force_login(personas.tenant)
    _post(client, language="fr")
    assert User.objects.get(pk=personas.tenant.pk).language == "fr"
    client.logout()
    client.post(reverse("account_login"), {"login": personas.tenant.email, "password": PASSWORD})
    html = client.get(reverse("portal:home")).content.decode()
    assert 'lang="fr"' in html
    assert "Mon logement" in html


def test_header_language_switch_persists_across_log_ins(client, personas):
    client.force_login(personas.tenant)
    response = client.post(
        reverse("core:set_language"), {"language": "en", "next": reverse("portal:home")}
    )
    assert response.status_code == 302
    client.logout()
    client.cookies.clear()
    client.post(reverse("account_login"), {"login": personas.tenant.email, "password": PASSWORD})
    html = client.get(reverse("portal:home")).content.decode()
    assert 'lang="en"' in html
    assert "My home" in html


def test_staff_cannot_post_details(staff_client, personas):
    staff_client.force_login(personas.woonconsulent)
    response = _post(staff_client, email="hack@example.org")
    assert response.status_code == 403
    assert User.objects.get(pk=personas.woonconsulent.pk).email == "wc@example.org"
