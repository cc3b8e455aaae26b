"""Who opens a household's file, and why: the housing company by its tenancy, a partner only
with a reason on record (a signal it handles, a consent, its client, break the glass)."""

import pytest
from django.core import mail

from wijkpunt.audit.models import AuditEntry
from wijkpunt.households import actions
from wijkpunt.households.models import ConsentPurpose, FileReason, ReasonKind
from wijkpunt.signalling.models import Signal

OPENS = ["technician", "woonconsulent", "letting", "coordinator", "admin"]
FINDS_ONLY = ["ocmw_reception", "social_worker", "budget_worker", "buurtwerker"]
NOT_FOUND = ["partner_worker", "tenant", "other_tenant", "outsider"]


@pytest.mark.parametrize("persona", OPENS)
def test_the_housing_company_opens_the_file_of_its_tenants(personas, login, file_url, persona):
    response = login(getattr(personas, persona)).get(file_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wat de partners doen" in html  # the timeline
    assert "0470 00 00 01" in html  # contact details
    assert "De woonmaatschappij beheert deze huur" in html
    entry = AuditEntry.objects.filter(household_id=personas.household.pk).latest("id")
    assert entry.purpose == "household file: housing"


@pytest.mark.parametrize("persona", FINDS_ONLY)
def test_a_partner_without_a_reason_sees_only_enough_to_pick_the_household(
    personas, login, file_url, persona
):
    response = login(getattr(personas, persona)).get(file_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gezin Peeters" in html and "Lindenplein 1" in html
    assert "U hebt geen geregistreerde reden" in html
    assert "0470 00 00 01" not in html
    assert "Wat de partners doen" not in html
    assert AuditEntry.objects.filter(
        household_id=personas.household.pk, purpose="household file: reason step"
    ).exists()


@pytest.mark.parametrize("persona", NOT_FOUND)
def test_others_do_not_find_the_household(personas, login, file_url, persona):
    client = login(getattr(personas, persona))
    assert client.get(file_url).status_code == 404
    assert client.post(f"{file_url}openen/", {"reason": "x" * 30}).status_code == 404


def test_anonymous_is_sent_to_the_log_in(client, personas, file_url):
    response = client.get(file_url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", FINDS_ONLY)
def test_a_household_of_an_estate_the_partner_does_not_work_in_is_not_found(
    personas, login, persona
):
    other = f"/werk/huishoudens/{personas.other_household.pk}/"  # only the housing company
    client = login(getattr(personas, persona))
    assert client.get(other).status_code == 404
    assert client.post(f"{other}openen/", {"reason": "x" * 30}).status_code == 404
    assert login(personas.letting).get(other).status_code == 200


def test_break_the_glass_opens_the_file_for_hours_and_tells_the_privacy_officer(
    personas, login, file_url, django_capture_on_commit_callbacks
):
    personas.ocmw.privacy_officer = personas.ocmw_reception
    personas.ocmw.save()
    client = login(personas.social_worker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{file_url}openen/",
            {"kind": "break_glass", "reason": "Mevrouw staat aan het loket in nood, zonder eten."},
        )
    assert response.status_code == 302
    page = client.get(file_url).content.decode()
    assert "Wat de partners doen" in page
    assert "Dringend, met een opgegeven reden" in page
    reason = FileReason.objects.get(kind=ReasonKind.BREAK_GLASS)
    assert reason.user == personas.social_worker
    assert AuditEntry.objects.filter(object_type="household-break-glass").exists()
    officer_mail = [m for m in mail.outbox if personas.ocmw_reception.email in m.to]
    assert officer_mail and "zonder eten" in officer_mail[0].body
    # The privacy officer reads it on the privacy page; nobody else has that page.
    privacy = login(personas.ocmw_reception).get("/werk/huishoudens/privacy/")
    assert privacy.status_code == 200 and "zonder eten" in privacy.content.decode()
    assert login(personas.budget_worker).get("/werk/huishoudens/privacy/").status_code == 404


def test_a_reason_too_short_is_refused_and_keeps_what_was_typed(personas, login, file_url):
    response = login(personas.social_worker).post(
        f"{file_url}openen/", {"kind": "break_glass", "reason": "nodig"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "volledige zin" in html and "nodig" in html
    assert not FileReason.objects.exists()


def test_a_signal_the_organisation_handles_is_a_reason(personas, login, file_url):
    Signal.objects.create(
        text="Schulden en de huur", household=personas.household, owner_organisation=personas.ocmw
    )
    response = login(personas.social_worker).get(file_url)
    assert "Wat de partners doen" in response.content.decode()
    # It is the organisation's reason, not the buurtwerker's.
    assert (
        "U hebt geen geregistreerde reden"
        in login(personas.buurtwerker).get(file_url).content.decode()
    )


def test_a_consent_opens_the_file_and_its_withdrawal_closes_it_at_once(personas, login, file_url):
    actions.record_client(
        household=personas.household,
        user=personas.buurtwerker,
        reason="Gezin komt naar het buurtlokaal en vraagt hulp.",
    )
    consent = actions.record_consent(
        household=personas.household,
        user=personas.buurtwerker,
        purpose=ConsentPurpose.SHARE,
        decision="given",
        method="signed",
        recipient=personas.ocmw,
        scope=["community"],
    )
    assert "Wat de partners doen" in login(personas.budget_worker).get(file_url).content.decode()
    actions.withdraw_consent(consent=consent, user=personas.tenant, method="portal")
    assert (
        "U hebt geen geregistreerde reden"
        in login(personas.budget_worker).get(file_url).content.decode()
    )


def test_the_old_household_address_leads_to_the_file(personas, login):
    response = login(personas.coordinator).get(f"/werk/gezinnen/{personas.household.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/werk/huishoudens/{personas.household.pk}/"
