"""What the resident reads is true: the model's guess is never "what you said", the 112
advice appears whenever a text may be urgent, the one plain question when it is uncertain,
no call promised without a phone number, other residents' reports only in public categories;
and the public form's cheap checks come before any photo is opened."""

from __future__ import annotations

import io
import time
import uuid

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageFile

from wijkpunt.intake import attachments
from wijkpunt.intake.forms import STARTED_SALT
from wijkpunt.intake.queries import point_token
from wijkpunt.intake.tests.helpers import photo
from wijkpunt.signalling.models import Category, Signal
from wijkpunt.testing import make_report
from wijkpunt.triage import service

pytestmark = pytest.mark.django_db
DANGER = "Is someone in danger right now?"
CALL_112 = "Call 112"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def model_says(monkeypatch, *, urgent: bool, urgent_confidence: float, category="herstelling"):
    def fake(text, language=None):
        return service.Suggestion(
            category=category,
            confidence=0.9,
            urgent=urgent,
            urgent_confidence=urgent_confidence,
            owner="housing:technician",
            needs_human=False,
            language="nl",
        )

    monkeypatch.setattr(service, "suggest", fake)


def portal_report(client, personas, **extra):
    client.force_login(personas.tenant)
    data = {
        "text": "Er hangt een rare geur in de gang",
        "where": "dwelling",
        "category": "",
        "idempotency_key": str(uuid.uuid4()),
        **extra,
    }
    response = client.post(reverse("intake_portal:new"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Signal.objects.latest("pk")


def test_the_models_urgency_is_never_what_the_resident_said(client, personas, monkeypatch):
    model_says(monkeypatch, urgent=True, urgent_confidence=0.9)
    signal = portal_report(client, personas)
    assert signal.urgent and not signal.reported_urgent
    page = client.get(reverse("intake_portal:thanks", args=[signal.pk])).content.decode()
    assert "You said" not in page
    assert CALL_112 in page  # the model thinks it may be urgent: the safety advice
    assert DANGER not in page  # nothing to ask: it is treated as urgent already


def test_the_residents_own_word_is_quoted_as_theirs(client, personas, monkeypatch):
    model_says(monkeypatch, urgent=False, urgent_confidence=0.01)
    signal = portal_report(client, personas, urgent="on")
    page = client.get(reverse("intake_portal:thanks", args=[signal.pk])).content.decode()
    assert "You said this is urgent." in page and CALL_112 in page
    assert DANGER not in page


def test_a_plainly_not_urgent_text_gets_no_advice_nor_question(client, personas, monkeypatch):
    model_says(monkeypatch, urgent=False, urgent_confidence=0.02)
    signal = portal_report(client, personas)
    page = client.get(reverse("intake_portal:thanks", args=[signal.pk])).content.decode()
    assert CALL_112 not in page and DANGER not in page and "You said" not in page


def test_the_suggested_category_is_not_shown_as_a_fact(client, personas, monkeypatch):
    model_says(monkeypatch, urgent=False, urgent_confidence=0.0, category="welzijn-en-zorg")
    signal = portal_report(client, personas)
    assert signal.category.slug == "welzijn-en-zorg" and not signal.category_confirmed
    page = client.get(reverse("intake_portal:detail", args=[signal.pk])).content.decode()
    assert "Well-being" not in page and "Wellbeing" not in page
    listing = client.get(reverse("intake_portal:mine")).content.decode()
    assert "Wellbeing" not in listing


@pytest.mark.parametrize("answer", ["yes", "no"])
def test_the_one_plain_question_when_urgency_is_uncertain(
    client, personas, monkeypatch, django_capture_on_commit_callbacks, answer
):
    model_says(monkeypatch, urgent=False, urgent_confidence=0.3)
    signal = portal_report(client, personas)
    assert not signal.urgent
    thanks = reverse("intake_portal:thanks", args=[signal.pk])
    page = client.get(thanks).content.decode()
    # A plain form: works without JavaScript; the report is saved already, nothing is lost.
    assert DANGER in page and 'name="in_danger"' in page and CALL_112 in page
    mail.outbox.clear()
    url = reverse("intake_portal:danger", args=[signal.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"in_danger": answer})
    assert response.status_code == 302
    signal.refresh_from_db()
    event = signal.events.get(kind="danger")
    assert event.data["in_danger"] is (answer == "yes")
    assert event.data["answered_by"] == "reporter"
    if answer == "yes":
        # The resident's own statement, recorded as such; the handlers are alerted.
        assert signal.urgent and signal.reported_urgent and signal.danger_answer == "yes"
        assert any("URGENT" in m.subject for m in mail.outbox)
        page = client.get(thanks).content.decode()
        assert "You told us someone is in danger." in page
    else:
        assert not signal.urgent and not signal.reported_urgent and signal.danger_answer == "no"
        assert not mail.outbox
    # Asked once.
    assert DANGER not in client.get(thanks).content.decode()
    assert client.post(url, {"in_danger": "yes"}).status_code == 400
    assert signal.events.filter(kind="danger").count() == 1


def test_the_question_refuses_other_tenants_and_nonsense(staff_client, personas, monkeypatch):
    client = staff_client
    model_says(monkeypatch, urgent=False, urgent_confidence=0.3)
    signal = portal_report(client, personas)
    url = reverse("intake_portal:danger", args=[signal.pk])
    assert client.post(url, {"in_danger": "maybe"}).status_code == 400
    client.force_login(personas.other_tenant)
    assert client.post(url, {"in_danger": "yes"}).status_code == 404
    client.force_login(personas.technician)
    assert client.post(url, {"in_danger": "yes"}).status_code == 403
    signal.refresh_from_db()
    assert signal.danger_answer == "pending"


def test_staff_ask_the_question_on_someones_behalf(staff_client, personas, monkeypatch):
    model_says(monkeypatch, urgent=False, urgent_confidence=0.3)
    signal = make_report(
        personas,
        channel="phone",
        reporter=None,
        registered_by=personas.woonconsulent,
        household=personas.household,
    )
    staff_client.force_login(personas.woonconsulent)
    done = staff_client.get(reverse("intake_staff:done", args=[signal.pk]))
    assert done.status_code == 200 and DANGER in done.content.decode()
    url = reverse("intake_staff:danger", args=[signal.pk])
    staff_client.force_login(personas.tenant)
    assert staff_client.post(url, {"in_danger": "yes"}).status_code == 403
    staff_client.force_login(personas.woonconsulent)
    assert staff_client.post(url, {"in_danger": "yes"}).status_code == 302
    signal.refresh_from_db()
    assert signal.urgent and signal.reported_urgent
    assert signal.events.get(kind="danger").data["answered_by"] == "staff"


# --- The public QR form ----------------------------------------------------------------------


def started(seconds_ago=10) -> str:
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


def payload(**extra):
    return {
        "text": "De lamp in de inkomhal is stuk.",
        "started": started(),
        "idempotency_key": str(uuid.uuid4()),
        "website": "",
        **extra,
    }


@pytest.fixture
def qr(personas):
    token = point_token(building=personas.building)
    return token, reverse("intake_public:report", kwargs={"token": token})


def test_the_public_form_has_the_urgent_choice_and_the_112_advice(client, qr, monkeypatch):
    _token, url = qr
    page = client.get(url).content.decode()
    assert 'name="urgent"' in page and CALL_112 in page
    model_says(monkeypatch, urgent=False, urgent_confidence=0.0)
    response = client.post(url, payload(urgent="on", email="bewoner@example.org"))
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.reported_urgent and signal.urgent
    thanks = client.get(response["Location"]).content.decode()
    assert "You said this is urgent." in thanks and CALL_112 in thanks


@pytest.mark.parametrize(
    ("contact", "promised_call"),
    [
        ({}, False),
        ({"email": "a@example.org"}, False),
        ({"phone": "0470 12 34 56"}, True),
        ({"name": "Jan"}, False),
    ],
)
def test_no_call_is_promised_without_a_phone_number(
    client, qr, monkeypatch, contact, promised_call
):
    model_says(monkeypatch, urgent=False, urgent_confidence=0.0)
    _token, url = qr
    response = client.post(url, payload(**contact))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert ("call you" in page) is promised_call
    if contact.get("email"):
        assert "send you an e-mail" in page


def test_the_public_form_asks_the_question_too(client, qr, monkeypatch):
    model_says(monkeypatch, urgent=False, urgent_confidence=0.4)
    token, url = qr
    response = client.post(url, payload())
    page = client.get(response["Location"]).content.decode()
    assert DANGER in page and CALL_112 in page
    signal = Signal.objects.get()
    ref = signing.dumps(signal.pk, salt="wijkpunt.intake.public-thanks")
    danger = reverse("intake_public:danger", kwargs={"token": token})
    assert client.post(danger, {"in_danger": "yes", "r": "forged"}).status_code == 404
    assert client.post(danger, {"in_danger": "yes", "r": ref}).status_code == 302
    signal.refresh_from_db()
    assert signal.urgent and signal.reported_urgent
    assert client.post(danger, {"in_danger": "no", "r": ref}).status_code == 400


def test_cheap_checks_come_before_any_photo_is_opened(client, qr, monkeypatch):
    _token, url = qr
    opened = []
    monkeypatch.setattr(
        "wijkpunt.intake.forms.clean_uploads",
        lambda uploads, **kw: opened.extend(u for u in uploads if u) or [],
    )
    # A bot (honeypot), a form sent too fast, and a client over its limit: none is decoded.
    assert client.post(url, payload(website="spam", photo=photo())).status_code == 400
    assert client.post(url, payload(started=started(0), photo=photo())).status_code == 400
    assert opened == []


def test_failed_attempts_are_counted_and_limited(client, qr, settings):
    settings.INTAKE_PUBLIC_LIMIT_FAILED = (3, 600)
    _token, url = qr
    for _ in range(3):
        assert client.post(url, payload(website="spam")).status_code == 400
    # Now even a good report from this address waits.
    response = client.post(url, payload())
    assert response.status_code == 429
    assert "wait a while" in response.content.decode()
    assert not Signal.objects.exists()


def _bomb() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("1", (12000, 12000)).save(out, "PNG")  # 144 million pixels, a few kB
    return SimpleUploadedFile("bomb.png", out.getvalue(), content_type="image/png")


def test_a_decompression_bomb_is_refused_before_decoding(monkeypatch):
    bomb = _bomb()
    assert bomb.size < 100_000
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded a bomb"))
    with pytest.raises(ValidationError) as refused:
        attachments.clean_upload(bomb)
    assert "We cannot use the file" in refused.value.messages[0]
    assert Image.MAX_IMAGE_PIXELS == attachments.MAX_PIXELS


def test_a_bomb_on_the_public_form_is_a_calm_refusal(client, qr, monkeypatch):
    model_says(monkeypatch, urgent=False, urgent_confidence=0.0)
    _token, url = qr
    response = client.post(url, payload(photo=_bomb()))
    assert response.status_code == 400
    assert "We cannot use the file" in response.content.decode()
    assert not Signal.objects.exists()


# --- Other residents' reports on the thanks page ---------------------------------------------


@pytest.mark.parametrize(
    ("slug", "shown"),
    [
        ("herstelling", True),
        ("gemeenschappelijke-delen", True),
        ("welzijn-en-zorg", False),
        ("financiele-zorgen", False),
        ("veiligheid", False),
        ("overlast", False),
    ],
)
def test_thanks_page_mentions_others_only_in_public_categories(client, personas, slug, shown):
    assert Category.objects.get(slug=slug).public is shown
    words = "Mijn buurman op 3 drinkt en heeft schulden"
    here = {"where": "building", "building": personas.building}
    make_report(personas, words, slug, reporter=personas.other_tenant, **here)
    mine = make_report(personas, "Ook bij mij", slug, **here)
    client.force_login(personas.tenant)
    page = client.get(reverse("intake_portal:thanks", args=[mine.pk])).content.decode()
    assert ("Others already reported this" in page) is shown
    assert "drinkt" not in page and "schulden" not in page


def test_the_api_does_not_present_the_suggested_category_as_a_fact(personas, monkeypatch):
    from rest_framework.test import APIClient

    model_says(monkeypatch, urgent=False, urgent_confidence=0.0, category="welzijn-en-zorg")
    guessed = make_report(personas, "Ik voel me alleen", slug=None, urgent=None)
    Signal.objects.filter(pk=guessed.pk).update(
        category=Category.objects.get(slug="welzijn-en-zorg"), needs_triage=False
    )
    chosen = make_report(personas, "De kraan lekt", "herstelling")
    api = APIClient()
    api.force_authenticate(personas.tenant)
    first = api.get(f"/api/v1/signals/{guessed.pk}/")
    assert first.status_code == 200 and first.json()["category"] is None
    second = api.get(f"/api/v1/signals/{chosen.pk}/")
    assert second.status_code == 200 and second.json()["category"] == "herstelling"


@pytest.mark.parametrize(("confidence", "advice"), [(0.9, True), (0.3, True), (0.01, False)])
def test_the_acknowledgement_gives_the_112_advice_when_it_may_be_urgent(
    personas, monkeypatch, django_capture_on_commit_callbacks, confidence, advice
):
    model_says(monkeypatch, urgent=confidence > 0.5, urgent_confidence=confidence)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        make_report(personas, "Er is iets met de verwarming", None)
    (ack,) = [m for m in mail.outbox if personas.tenant.email in m.to]
    assert ("112" in ack.body) is advice
    assert "call you" not in ack.body and "bellen u" not in ack.body.lower()


def test_a_heic_too_large_in_pixels_is_refused_before_decoding(monkeypatch):
    """The committed iPhone photo is 1200 × 900; with a limit below that it is a "bomb"."""
    from wijkpunt.intake.tests.helpers import heic

    monkeypatch.setattr(attachments, "MAX_PIXELS", 1_000_000)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)
    from pi_heif import as_plugin

    for cls in (ImageFile.ImageFile, as_plugin._LibHeifImageFile):
        monkeypatch.setattr(cls, "load", lambda self: pytest.fail("decoded"))
    with pytest.raises(ValidationError):
        attachments.clean_upload(heic())
