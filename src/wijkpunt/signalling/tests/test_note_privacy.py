"""Internal notes stay with the organisation that wrote them: a hand-over to another partner
does not take them along — on the signal page and in the API."""

import pytest
from django.urls import reverse

from wijkpunt.api.tests.conftest import make_signal
from wijkpunt.signalling import actions
from wijkpunt.testing import HANDOVER

NOTE = "Huur herberekend op het nieuwe inkomen"


@pytest.fixture
def handed_over(personas):
    signal = make_signal(
        personas, "De deurwaarder komt langs", "financiele-zorgen", household=personas.household
    )
    actions.assign(signal=signal, user=personas.budget_worker, organisation=personas.ocmw)
    actions.add_note(signal=signal, user=personas.budget_worker, text=NOTE)
    actions.assign(
        signal=signal,
        user=personas.budget_worker,
        organisation=personas.other_partner,
        note="Vraagt schuldhulp",
        **HANDOVER,
    )
    actions.add_note(signal=signal, user=personas.partner_worker, text="Afspraak gemaakt")
    return signal


def _page(client, user, signal) -> str:
    client.force_login(user)
    response = client.get(reverse("inbox:signal", args=[signal.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_receiving_partner_does_not_see_the_first_organisations_notes(
    personas, staff_client, handed_over
):
    html = _page(staff_client, personas.partner_worker, handed_over)
    assert "Afspraak gemaakt" in html and "Vraagt schuldhulp" in html
    assert NOTE not in html


def test_the_writing_organisation_keeps_its_notes(personas, staff_client, handed_over):
    html = _page(staff_client, personas.social_worker, handed_over)
    assert NOTE in html
    assert "Afspraak gemaakt" not in html


def test_the_api_applies_the_same_rule(personas, handed_over):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(personas.partner_worker)
    events = api.get(f"/api/v1/signals/{handed_over.pk}/").json()["events"]
    texts = [e.get("text") for e in events]
    assert "Afspraak gemaakt" in texts and NOTE not in texts


def test_an_internal_file_stays_with_its_organisation_too(personas, staff_client, handed_over):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wijkpunt.intake.actions import add_attachment

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    internal = add_attachment(
        signal=handed_over,
        file=SimpleUploadedFile("afbetalingsplan.pdf", pdf, content_type="application/pdf"),
        user=personas.budget_worker,
        public=False,
        allow_pdf=True,
    )
    url = reverse("intake_staff:attachment", args=[internal.pk])
    assert "afbetalingsplan.pdf" not in _page(staff_client, personas.partner_worker, handed_over)
    assert staff_client.get(url).status_code == 404
    assert "afbetalingsplan.pdf" in _page(staff_client, personas.social_worker, handed_over)
    assert staff_client.get(url).status_code == 200
