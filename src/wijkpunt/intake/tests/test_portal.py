"""The tenant portal: report, thank-you page, my reports, timeline, reply, satisfaction."""

from __future__ import annotations

import uuid

import pytest
from django.core import mail
from django.urls import reverse

from wijkpunt.housing.models import CommonSpace
from wijkpunt.intake.tests.helpers import cat, exe, heic, photo, report
from wijkpunt.signalling import actions as signalling
from wijkpunt.signalling.models import Attachment, Feedback, Signal, SignalStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def tenant_client(client, personas):
    client.force_login(personas.tenant)
    return client


def post_report(client, **data):
    payload = {
        "text": "De verwarming werkt niet meer sinds gisteren.",
        "category": "",
        "where": "dwelling",
        "idempotency_key": str(uuid.uuid4()),
    }
    payload.update(data)
    return client.post(reverse("intake_portal:new"), payload)


def test_form_renders_with_key_categories_and_urgency(tenant_client):
    response = tenant_client.get(reverse("intake_portal:new"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="idempotency_key"' in html
    assert "I don&#x27;t know" in html or "I don't know" in html or "weet het niet" in html
    assert 'accept="image/*"' in html and "multiple" in html
    assert "112" in html
    assert 'enctype="multipart/form-data"' in html


def test_tenant_reports_from_home(tenant_client, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_report(tenant_client, photos=[photo(), photo("b.jpg")], urgent="on")
    signal = Signal.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("intake_portal:thanks", args=[signal.pk])
    assert signal.reporter == personas.tenant
    assert signal.dwelling == personas.dwelling
    assert signal.estate == personas.estate
    assert signal.household == personas.household
    assert signal.channel == "portal" and signal.reported_urgent and signal.urgent
    assert signal.attachments.count() == 2
    assert any(signal.reference in m.subject for m in mail.outbox)
    page = tenant_client.get(response.url).content.decode()
    assert signal.reference in page and "112" in page


def test_the_photo_hint_follows_the_readers_language(tenant_client, personas):
    personas.tenant.language = "fr"
    personas.tenant.save()
    html = tenant_client.get(reverse("intake_portal:new")).content.decode()
    assert "Vous pouvez ajouter jusqu&#x27;à 5 photos" in html or "jusqu'à 5 photos" in html
    personas.tenant.language = "nl-be"
    personas.tenant.save()
    html = tenant_client.get(reverse("intake_portal:new")).content.decode()
    assert "U kunt tot 5 foto&#x27;s toevoegen" in html or "tot 5 foto's toevoegen" in html


def test_tenant_adds_a_photo_straight_from_an_iphone(tenant_client):
    response = post_report(tenant_client, photos=[heic()])
    assert response.status_code == 302
    attachment = Signal.objects.get().attachments.get()
    assert attachment.content_type == "image/jpeg"
    assert attachment.original_name == "IMG_0042.jpg"


def test_double_submit_creates_one_signal(tenant_client):
    key = str(uuid.uuid4())
    first = post_report(tenant_client, idempotency_key=key, photos=[photo()])
    second = post_report(tenant_client, idempotency_key=key, photos=[photo()])
    assert Signal.objects.count() == 1
    assert Attachment.objects.count() == 1
    assert first.url == second.url


def test_another_tenants_key_never_returns_their_report(client, personas):
    key = str(uuid.uuid4())
    client.force_login(personas.tenant)
    post_report(client, idempotency_key=key)
    client.force_login(personas.other_tenant)
    response = post_report(client, idempotency_key=key, text="Lawaai in de hal")
    assert Signal.objects.count() == 2
    assert Signal.objects.get(pk=int(response.url.split("/")[-3])).reporter == personas.other_tenant


@pytest.mark.parametrize(
    "data, message",
    [
        ({"text": "   "}, "Please write what is going on."),
        ({"text": "x" * 5001}, "at most 5000 characters"),
        ({"photos": [photo(str(i)) for i in range(6)]}, "at most 5 files"),
        ({"photos": [photo(), exe()]}, "We cannot use the file"),
        ({"where": "common_space"}, "Choose which common space"),
        ({"where": "estate"}, "Tell us where in the neighbourhood"),
        ({"where": "moon"}, "Select a valid choice"),
    ],
)
def test_bad_input_saves_nothing_and_keeps_the_text(tenant_client, personas, data, message):
    CommonSpace.objects.create(estate=personas.estate, name="Fietsenberging", kind="storage")
    response = post_report(tenant_client, **{"text": "Mijn tekst blijft staan", **data})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Nothing has been saved yet" in html
    assert html.count("utrecht-alert--error") == 1
    if "text" not in data:
        assert "Mijn tekst blijft staan" in html
    assert not Signal.objects.exists() and not Attachment.objects.exists()


def test_huge_file_is_refused(tenant_client, settings):
    settings.SIGNAL_ATTACHMENT_MAX_BYTES = 2000
    response = post_report(tenant_client, photos=[photo(size=(800, 800))])
    assert "too big" in response.content.decode()
    assert not Signal.objects.exists()


def test_dutch_errors(client, personas):
    personas.tenant.language = "nl-be"
    personas.tenant.save()
    client.cookies["wijkpunt_language"] = "nl-be"
    client.force_login(personas.tenant)
    response = post_report(client, text="", photos=[photo(), exe()])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Schrijf wat er aan de hand is." in html
    assert "kunnen we niet gebruiken" in html
    assert not Signal.objects.exists()


def test_common_space_of_my_estate(tenant_client, personas):
    space = CommonSpace.objects.create(
        estate=personas.estate, name="Fietsenberging", kind="storage"
    )
    elsewhere = CommonSpace.objects.create(
        estate=personas.other_estate, name="Tuin Beukenhof", kind="garden"
    )
    html = tenant_client.get(reverse("intake_portal:new")).content.decode()
    assert "Fietsenberging" in html and "Tuin Beukenhof" not in html
    post_report(tenant_client, where="common_space", common_space=str(elsewhere.pk))
    assert not Signal.objects.exists()
    post_report(tenant_client, where="common_space", common_space=str(space.pk))
    signal = Signal.objects.get()
    assert signal.common_space == space and signal.estate == personas.estate
    assert signal.dwelling is None


def test_thanks_page_shows_only_public_bits_of_other_reports(client, personas):
    client.force_login(personas.other_tenant)
    # A neighbour's report about the same building and category (text must never show).
    report(
        personas,
        "Geheime tekst van de buren: lamp in de hal stuk",
        reporter=personas.other_tenant,
        where="building",
        building=personas.building,
    )
    # A report about someone's own home is never shown to others.
    report(personas, "Privé: kraan lekt bij Yilmaz", reporter=personas.other_tenant)
    client.force_login(personas.tenant)
    post_report(client, where="building", category="herstelling", text="Lamp in de hal kapot")
    mine = Signal.objects.get(reporter=personas.tenant)
    html = client.get(reverse("intake_portal:thanks", args=[mine.pk])).content.decode()
    assert "Others already reported this" in html
    assert cat("herstelling").label() in html
    assert "Geheime tekst" not in html and "Yilmaz" not in html and "Privé" not in html


def test_portal_is_only_for_tenants(staff_client, personas):
    client = staff_client
    assert client.get(reverse("intake_portal:new")).status_code == 302
    for user in (personas.technician, personas.outsider):
        client.force_login(user)
        for name in ("intake_portal:new", "intake_portal:mine"):
            assert client.get(reverse(name)).status_code == 403


def test_my_reports_shows_only_my_own(client, personas, django_assert_max_num_queries):
    mine = report(personas, "Mijn deur klemt")
    theirs = report(personas, "Lawaai van de buren", "overlast", reporter=personas.other_tenant)
    client.force_login(personas.tenant)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("intake_portal:mine")).content.decode()
    assert mine.reference in html and "Mijn deur klemt" in html
    assert theirs.reference not in html
    assert "We have received your report." in html
    assert client.get(reverse("intake_portal:detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("intake_portal:thanks", args=[theirs.pk])).status_code == 404
    client.force_login(personas.other_tenant)
    assert client.get(reverse("intake_portal:detail", args=[mine.pk])).status_code == 404


def test_timeline_shows_public_steps_never_notes(tenant_client, personas):
    signal = report(personas)
    signalling.assign(signal=signal, user=personas.technician, organisation=personas.housing)
    signalling.add_note(signal=signal, user=personas.technician, text="Intern: sifon bestellen")
    signalling.send_message(signal=signal, user=personas.technician, text="We komen dinsdag langs.")
    html = tenant_client.get(reverse("intake_portal:detail", args=[signal.pk])).content.decode()
    assert "You reported this" in html
    assert "We komen dinsdag langs." in html
    assert "passed on to the person who will handle it" in html
    assert "Intern" not in html
    assert "Tom Technieker" not in html


def test_reply_moves_a_waiting_signal(tenant_client, personas):
    signal = report(personas)
    signalling.assign(signal=signal, user=personas.technician, organisation=personas.housing)
    signalling.change_status(
        signal=signal, user=personas.technician, status="waiting_resident", message="Foto a.u.b."
    )
    url = reverse("intake_portal:reply", args=[signal.pk])
    response = tenant_client.post(url, {"text": "  "})
    assert response.status_code == 400 and "Your message is empty" in response.content.decode()
    response = tenant_client.post(url, {"text": "Ik ben thuis na 17 uur."})
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == SignalStatus.IN_PROGRESS
    assert signal.events.filter(kind="reply", text="Ik ben thuis na 17 uur.").exists()


def test_reply_to_someone_elses_report_is_404(client, personas):
    signal = report(personas)
    client.force_login(personas.other_tenant)
    response = client.post(reverse("intake_portal:reply", args=[signal.pk]), {"text": "Hallo"})
    assert response.status_code == 404
    assert not signal.events.filter(kind="reply").exists()


def resolved(personas):
    signal = report(personas)
    signalling.assign(signal=signal, user=personas.technician, organisation=personas.housing)
    signalling.change_status(signal=signal, user=personas.technician, status="in_progress")
    signalling.change_status(signal=signal, user=personas.technician, status="resolved")
    return signal


def test_feedback_no_reopens(tenant_client, personas):
    signal = resolved(personas)
    detail = tenant_client.get(reverse("intake_portal:detail", args=[signal.pk])).content.decode()
    assert "Is the problem solved?" in detail
    url = reverse("intake_portal:feedback", args=[signal.pk])
    assert tenant_client.post(url, {}).status_code == 400
    response = tenant_client.post(url, {"solved": "no", "comment": "Lekt nog steeds"})
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == SignalStatus.REOPENED
    assert Feedback.objects.get().solved is False
    detail = tenant_client.get(reverse("intake_portal:detail", args=[signal.pk])).content.decode()
    assert "Is the problem solved?" not in detail
    assert "it is not solved" in detail


def test_feedback_yes_closes_and_is_asked_once(tenant_client, personas):
    signal = resolved(personas)
    url = reverse("intake_portal:feedback", args=[signal.pk])
    assert tenant_client.post(url, {"solved": "yes"}).status_code == 302
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CLOSED
    assert tenant_client.post(url, {"solved": "no"}).status_code == 400
    assert Feedback.objects.count() == 1


def test_a_merged_report_follows_the_one_it_is_handled_with(client, personas):
    first = report(personas, "De lift in blok A staat stil", where="building")
    second = report(
        personas, "Lift kapot, ik kan niet naar beneden", reporter=personas.other_tenant
    )
    signalling.merge(duplicate=second, into=first, user=personas.technician)
    for status in (SignalStatus.ASSIGNED, SignalStatus.RESOLVED):
        signalling.change_status(
            signal=first,
            user=personas.technician,
            status=status,
            message="Mevrouw Peeters, de technieker belt u nog.",
        )
    client.force_login(personas.other_tenant)
    url = reverse("intake_portal:detail", args=[second.pk])
    page = client.get(url).content.decode()
    # Their own words and the progress of the shared job; never the other resident's.
    assert "Lift kapot, ik kan niet naar beneden" in page
    assert "Is it solved for you too?" in page and "Is the problem solved?" in page
    assert "blok A" not in page and "Peeters" not in page
    feedback = reverse("intake_portal:feedback", args=[second.pk])
    assert client.post(feedback, {"solved": "yes"}).status_code == 302
    first.refresh_from_db()
    assert first.status == SignalStatus.CLOSED
    assert Feedback.objects.get().by == personas.other_tenant
    # The first reporter is still asked: every reporter answers for themselves.
    client.force_login(personas.tenant)
    mine = client.get(reverse("intake_portal:detail", args=[first.pk])).content.decode()
    assert "Is the problem solved?" in mine


def test_feedback_before_resolution_is_refused(tenant_client, personas):
    signal = report(personas)
    response = tenant_client.post(
        reverse("intake_portal:feedback", args=[signal.pk]), {"solved": "no"}
    )
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_the_resident_answers_with_a_photo(tenant_client, personas):
    signal = report(personas)
    url = reverse("intake_portal:reply", args=[signal.pk])
    response = tenant_client.post(url, {"text": "Hier is de foto.", "photos": [photo()]})
    assert response.status_code == 302
    attachment = signal.attachments.get()
    assert attachment.public and attachment.uploaded_by == personas.tenant
    assert signal.events.filter(kind="reply").exists()
    # A file we cannot use: nothing is sent, the words stay in the form.
    response = tenant_client.post(url, {"text": "Nog een foto", "photos": [exe()]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nog een foto" in page and "We cannot use the file" in page
    assert signal.events.filter(kind="reply").count() == 1 and signal.attachments.count() == 1
