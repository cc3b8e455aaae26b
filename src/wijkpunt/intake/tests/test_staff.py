"""Staff registering on someone's behalf, possible duplicates, and the QR poster."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from wijkpunt.audit.models import AuditEntry
from wijkpunt.housing.models import CommonSpace
from wijkpunt.intake.tests.helpers import exe, pdf, photo, report
from wijkpunt.signalling.models import Attachment, Signal

pytestmark = pytest.mark.django_db
NEW = "/werk/melden/nieuw/"


def payload(**extra):
    data = {
        "channel": "phone",
        "who": "neighbour",
        "reporter_name": "Buurman Jos",
        "reporter_phone": "0470 12 34 56",
        "category": "herstelling",
        "where": "building",
        "text": "De voordeur van het gebouw sluit niet meer.",
        "files_public": "on",
        "idempotency_key": str(uuid.uuid4()),
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    "name",
    ["technician", "woonconsulent", "coordinator", "social_worker", "buurtwerker", "admin"],
)
def test_staff_may_register(staff_client, personas, name):
    staff_client.force_login(getattr(personas, name))
    assert staff_client.get(NEW).status_code == 200
    response = staff_client.post(NEW, payload(building=str(personas.building.pk)))
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.registered_by == getattr(personas, name)
    assert signal.channel == "phone" and signal.for_neighbour
    assert signal.reporter_name == "Buurman Jos" and signal.reporter is None
    assert signal.building == personas.building and signal.estate == personas.estate
    assert staff_client.get(response.url).status_code == 200


def test_refused_for_tenants_outsiders_and_anonymous(staff_client, personas):
    for user in (personas.tenant, personas.outsider):
        staff_client.force_login(user)
        assert staff_client.get(NEW).status_code == 403
        assert (
            staff_client.post(NEW, payload(building=str(personas.building.pk))).status_code == 403
        )
    staff_client.logout()
    assert staff_client.get(NEW).status_code == 302
    assert not Signal.objects.exists()


def test_for_a_household_with_search_and_audited_read(staff_client, personas):
    staff_client.force_login(personas.woonconsulent)
    html = staff_client.get(NEW, {"q": "Peeters"}).content.decode()
    assert "Gezin Peeters" in html and "Yilmaz" not in html
    page = staff_client.get(NEW, {"household": personas.household.pk})
    assert "Gezin Peeters" in page.content.decode()
    assert AuditEntry.objects.filter(
        actor=personas.woonconsulent, object_type="household", object_id=str(personas.household.pk)
    ).exists()
    response = staff_client.post(
        NEW,
        payload(
            who="household",
            household=str(personas.household.pk),
            inform_household="on",
            where="dwelling",
            channel="visit",
            files=[photo(), pdf()],
        ),
    )
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.household == personas.household
    assert signal.dwelling == personas.dwelling
    # The tenant follows it in the portal.
    assert signal.reporter == personas.tenant
    assert signal.attachments.count() == 2


def test_household_outside_my_estates_is_404(staff_client, personas):
    staff_client.force_login(personas.social_worker)  # OCMW does not work in other_estate
    assert staff_client.get(NEW, {"household": personas.other_household.pk}).status_code == 404
    assert staff_client.get(NEW, {"household": "x"}).status_code == 404


def test_concern_about_a_household_is_not_shown_to_it(staff_client, personas):
    staff_client.force_login(personas.buurtwerker)
    staff_client.post(
        NEW,
        payload(
            who="household",
            household=str(personas.household.pk),
            where="dwelling",
            channel="staff",
            category="welzijn-en-zorg",
            text="Mevrouw lijkt erg eenzaam.",
        ),
    )
    signal = Signal.objects.get()
    assert signal.household == personas.household and signal.reporter is None


def test_anonymous(staff_client, personas):
    staff_client.force_login(personas.technician)
    staff_client.post(
        NEW, payload(who="anonymous", building=str(personas.building.pk), reporter_name="X")
    )
    signal = Signal.objects.get()
    assert signal.anonymous and not signal.reporter_name


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"text": ""}, "Describe what is going on."),
        ({"where": "building"}, "Choose the building."),
        ({"who": "household"}, "Search and choose the household first"),
        ({"files": [exe()]}, "We cannot use the file"),
        ({"files": [photo(str(i)) for i in range(6)]}, "at most 5 files"),
        ({"channel": "pigeon"}, "Select a valid choice"),
    ],
)
def test_bad_input(staff_client, personas, extra, message):
    staff_client.force_login(personas.technician)
    response = staff_client.post(NEW, payload(**extra))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    if "text" not in extra:
        assert "De voordeur van het gebouw sluit niet meer." in html
    assert not Signal.objects.exists() and not Attachment.objects.exists()


def test_building_outside_my_estates_is_refused(staff_client, personas):
    from wijkpunt.housing.models import Building

    other = Building.objects.get(estate=personas.other_estate)
    staff_client.force_login(personas.social_worker)
    response = staff_client.post(NEW, payload(building=str(other.pk)))
    assert response.status_code == 400
    assert not Signal.objects.exists()


def test_duplicates_are_suggested_within_need_to_know(staff_client, personas):
    earlier = report(personas, "Voordeur sluit niet", where="building", building=personas.building)
    welfare = report(
        personas,
        "Buurvrouw niet gezien",
        "welzijn-en-zorg",
        where="building",
        building=personas.building,
    )
    staff_client.force_login(personas.technician)
    response = staff_client.post(NEW, payload(building=str(personas.building.pk), check="1"))
    html = response.content.decode()
    assert earlier.reference in html
    assert welfare.reference not in html
    assert Signal.objects.count() == 2  # checking saves nothing
    response = staff_client.post(
        NEW, payload(building=str(personas.building.pk), category="welzijn-en-zorg", check="1")
    )
    assert welfare.reference not in response.content.decode()


def test_done_page_is_need_to_know(staff_client, personas):
    welfare = report(personas, "Buurvrouw niet gezien", "welzijn-en-zorg")
    staff_client.force_login(personas.technician)
    assert staff_client.get(reverse("intake_staff:done", args=[welfare.pk])).status_code == 404


def test_poster(staff_client, personas):
    space = CommonSpace.objects.create(estate=personas.estate, name="Speeltuin", kind="playground")
    staff_client.force_login(personas.buurtwerker)
    response = staff_client.get(
        reverse("intake_staff:poster_building", args=[personas.building.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "Scan en meld het" in html and "Scannez" in html
    assert "/m/" in html and "style=" not in html.split("<svg", 1)[1].split("</svg>")[0]
    response = staff_client.get(reverse("intake_staff:poster_space", args=[space.pk]))
    assert response.status_code == 200 and "Speeltuin" in response.content.decode()
    # The OCMW does not work in the other estate; tenants are no staff.
    from wijkpunt.housing.models import Building

    other = Building.objects.get(estate=personas.other_estate)
    staff_client.force_login(personas.social_worker)
    assert (
        staff_client.get(reverse("intake_staff:poster_building", args=[other.pk])).status_code
        == 404
    )
    staff_client.force_login(personas.tenant)
    assert (
        staff_client.get(reverse("intake_staff:poster_space", args=[space.pk])).status_code == 403
    )
