"""'Mijn gegevens': phone, e-mail, language and contact preference."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from wijkpunt.accounts.models import User
from wijkpunt.audit.models import AuditEntry
from wijkpunt.housing.models import Resident
from wijkpunt.testing import PASSWORD

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


def _change_email(client, capture, email):
    with capture(execute=True):
        return _post(client, email=email)


LINK = re.compile(r"https?://[^\s]+(/mijn/gegevens/e-mail/[^\s/]+/)")


@pytest.mark.parametrize("taken", [False, True])
def test_an_address_in_use_gets_exactly_the_answer_of_a_free_one(
    tenant_client, personas, mailoutbox, django_capture_on_commit_callbacks, taken
):
    """No account enumeration: the page says the same; for an address in use nothing is sent
    and nothing changes."""
    address = personas.other_tenant.email.upper() if taken else "an.free@example.org"
    response = _change_email(tenant_client, django_capture_on_commit_callbacks, address)
    assert response.status_code == 302
    assert response.url == reverse("portal:details")
    page = tenant_client.get(response.url)
    html = page.content.decode()
    assert f"We sent a link to {address.lower()}" in html
    assert "already" not in html.lower()
    assert User.objects.get(pk=personas.tenant.pk).email == "an.peeters@example.org"
    assert User.objects.get(pk=personas.other_tenant.pk).email == "elif.yilmaz@example.org"
    if taken:
        assert mailoutbox == []
    else:
        assert [m.to for m in mailoutbox] == [["an.free@example.org"]]


def test_answers_for_free_and_taken_addresses_are_identical(
    client, personas, django_capture_on_commit_callbacks
):
    pages = []
    for address in ("an.free@example.org", personas.other_tenant.email):
        client.force_login(personas.tenant)
        response = _change_email(client, django_capture_on_commit_callbacks, address)
        page = client.get(response.url).content.decode()
        page = page.replace(address, "ADDRESS")
        pages.append(re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', "CSRF", page))
    assert pages[0] == pages[1]


def test_the_link_at_the_new_address_makes_the_change(
    tenant_client, personas, mailoutbox, django_capture_on_commit_callbacks
):
    _change_email(tenant_client, django_capture_on_commit_callbacks, "an.nieuw@example.org")
    path = LINK.search(mailoutbox[0].body).group(1)
    # Opening the link (an e-mail scanner does too) changes nothing.
    page = tenant_client.get(path)
    assert page.status_code == 200
    assert "an.nieuw@example.org" in page.content.decode()
    assert User.objects.get(pk=personas.tenant.pk).email == "an.peeters@example.org"
    response = tenant_client.post(path)
    assert response.status_code == 302
    assert User.objects.get(pk=personas.tenant.pk).email == "an.nieuw@example.org"
    assert Resident.objects.get(user=personas.tenant).email == "an.nieuw@example.org"
    # A link works once.
    assert tenant_client.post(path).status_code == 410


def test_the_link_fails_clearly_when_the_address_was_taken_meanwhile(
    tenant_client, personas, mailoutbox, django_capture_on_commit_callbacks
):
    _change_email(tenant_client, django_capture_on_commit_callbacks, "an.nieuw@example.org")
    path = LINK.search(mailoutbox[0].body).group(1)
    User.objects.create_user("an.nieuw@example.org", "x", full_name="Iemand Anders")
    response = tenant_client.post(path)
    assert response.status_code == 409
    assert "This address cannot be used" in response.content.decode()
    assert User.objects.get(pk=personas.tenant.pk).email == "an.peeters@example.org"


def test_a_broken_link_is_refused(tenant_client):
    response = tenant_client.get(reverse("portal:confirm_email", args=["nonsense"]))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


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


def test_new_email_becomes_the_login_name(
    client, personas, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(personas.tenant)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, email="an.nieuw@example.org", language="nl-be")
    client.post(LINK.search(mailoutbox[0].body).group(1))
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
