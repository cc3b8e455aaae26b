"""Consent per purpose: recorded with how, by whom, its scope and end; refused when incomplete;
withdrawn by the resident in the portal, which ends what it allowed at once."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from wijkpunt.households import actions
from wijkpunt.households.access import active_consents
from wijkpunt.households.models import Consent


@pytest.fixture
def community_client(personas):
    actions.record_client(
        household=personas.household,
        user=personas.buurtwerker,
        reason="Gezin komt naar het buurtlokaal en vraagt hulp.",
    )


def consent(personas, **extra):
    fields = {
        "household": personas.household,
        "user": personas.buurtwerker,
        "purpose": "share",
        "decision": "given",
        "method": "signed",
        "recipient": personas.ocmw,
        "scope": ["community"],
    }
    fields.update(extra)
    return actions.record_consent(**fields)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"method": "spoken"}, "witness"),
        ({"recipient": None}, "recipient"),
        ({"scope": []}, "scope"),
        ({"valid_until": dt.date(2000, 1, 1)}, "valid_until"),
        ({"purpose": "nonsense"}, "purpose"),
        ({"decision": "withdrawn"}, "decision"),
    ],
)
def test_an_incomplete_consent_is_refused_with_the_reason(personas, community_client, extra, field):
    with pytest.raises(ValidationError) as error:
        consent(personas, **extra)
    assert field in error.value.message_dict
    assert not Consent.objects.exists()


def test_an_expired_consent_is_no_longer_active(personas, community_client):
    given = consent(personas, valid_until=dt.date.today())
    assert active_consents().filter(pk=given.pk).exists()
    assert not active_consents(dt.date.today() + dt.timedelta(days=1)).filter(pk=given.pk).exists()


def test_the_form_keeps_what_was_typed(personas, login, community_client):
    response = login(personas.buurtwerker).post(
        f"/werk/huishoudens/{personas.household.pk}/toestemming/",
        {"purpose": "share", "decision": "given", "method": "spoken", "recipient": personas.ocmw.pk,
         "scope": ["community"], "note": "mondeling aan de deur"},
    )  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert "getuige" in html and "mondeling aan de deur" in html


def test_the_tenant_sees_and_withdraws_a_consent_in_the_portal(personas, client, community_client):
    given = consent(personas)
    client.force_login(personas.tenant)
    html = client.get("/mijn/dossier/").content.decode()
    assert "Informatie delen met een genoemde organisatie" in html and "OCMW Testgem" in html
    response = client.post(f"/mijn/dossier/toestemming/{given.pk}/intrekken/")
    assert response.status_code == 302
    assert Consent.objects.get(withdraws=given).method == "portal"
    assert not active_consents().filter(pk=given.pk).exists()
    assert "ingetrokken" in client.get("/mijn/dossier/").content.decode()
    # Another tenant cannot withdraw it, nor see it.
    client.force_login(personas.other_tenant)
    assert client.post(f"/mijn/dossier/toestemming/{given.pk}/intrekken/").status_code == 404


def test_the_tenant_sees_who_looked_at_the_file(personas, client, login, community_client):
    login(personas.buurtwerker).get(f"/werk/huishoudens/{personas.household.pk}/")
    client.force_login(personas.tenant)
    html = client.get("/mijn/dossier/").content.decode()
    assert "Buurtwerk Testgem" in html
    assert "omdat u hun cliënt bent" in html


def test_staff_have_no_portal_file(personas, login):
    assert login(personas.coordinator).get("/mijn/dossier/").status_code == 403
