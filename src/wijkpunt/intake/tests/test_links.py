"""Reporters without an account follow their report and answer "is it solved?" through a
signed link (expiring, single-purpose, their own report only, audited, rate-limited); staff
record an answer given by phone."""

from __future__ import annotations

import re

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.urls import reverse

from wijkpunt.audit.models import AuditEntry
from wijkpunt.signalling import actions, links
from wijkpunt.signalling.models import Channel, Feedback, Signal, SignalStatus
from wijkpunt.testing import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def qr_report(personas, email="passant@example.org", text="De deur van de berging klemt"):
    return make_report(
        personas,
        text,
        "gemeenschappelijke-delen",
        channel=Channel.QR,
        reporter=None,
        reporter_email=email,
        where="building",
        building=personas.building,
        language="en",
    )


def link_path(signal) -> str:
    return reverse("intake_public:follow", kwargs={"token": links.make_token(signal)})


def resolve(signal, personas):
    actions.change_status(signal=signal, user=personas.woonconsulent, status="assigned")
    actions.change_status(signal=signal, user=personas.woonconsulent, status="resolved")


def test_the_acknowledgement_carries_a_personal_link(
    client, personas, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signal = qr_report(personas)
    (ack,) = [m for m in mail.outbox if "passant@example.org" in m.to]
    url = re.search(r"https?://\S+/melden/volg/\S+/", ack.body).group(0)
    path = url.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200
    assert "De deur van de berging klemt" in response.content.decode()
    assert signal.reference in response.content.decode()
    # Audited: who opened what, with the route.
    entry = AuditEntry.objects.get(object_type="signal", object_id=str(signal.pk))
    assert entry.purpose == "reporter's signed link" and entry.actor is None


def test_the_link_answers_is_it_solved_once(client, personas):
    signal = qr_report(personas)
    resolve(signal, personas)
    page = client.get(link_path(signal)).content.decode()
    assert "Is the problem solved?" in page
    url = reverse("intake_public:follow_feedback", kwargs={"token": links.make_token(signal)})
    response = client.post(url, {"solved": "no", "comment": "Klemt nog altijd"})
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == SignalStatus.REOPENED
    feedback = Feedback.objects.get()
    assert feedback.channel == "link" and feedback.reporter_signal == signal
    assert "Is the problem solved?" not in client.get(link_path(signal)).content.decode()
    assert client.post(url, {"solved": "yes"}).status_code == 400


def test_a_link_opens_only_its_own_report(client, personas):
    mine = qr_report(personas)
    other = qr_report(personas, email="ander@example.org", text="Lamp stuk in de kelder")
    page = client.get(link_path(mine)).content.decode()
    assert "Lamp stuk" not in page
    token = links.make_token(mine)
    # Forged, tampered with, for another purpose, or after the e-mail address changed: no.
    assert client.get(reverse("intake_public:follow", kwargs={"token": "x:y"})).status_code == 404
    assert (
        client.get(reverse("intake_public:follow", kwargs={"token": token[:-2] + "aa"})).status_code
        == 404
    )
    wrong_purpose = signing.dumps({"s": other.pk, "p": "other"}, salt=links.SALT)
    assert (
        client.get(reverse("intake_public:follow", kwargs={"token": wrong_purpose})).status_code
        == 404
    )
    thanks = signing.dumps(other.pk, salt="wijkpunt.intake.public-thanks")
    assert client.get(reverse("intake_public:follow", kwargs={"token": thanks})).status_code == 404
    Signal.objects.filter(pk=mine.pk).update(reporter_email="nieuw@example.org")
    assert client.get(reverse("intake_public:follow", kwargs={"token": token})).status_code == 404


def test_a_link_expires(client, personas, settings):
    signal = qr_report(personas)
    token = links.make_token(signal)
    settings.SIGNAL_LINK_MAX_AGE_DAYS = 0
    assert client.get(reverse("intake_public:follow", kwargs={"token": token})).status_code == 404


def test_no_link_for_account_holders_or_anonymous_reports(personas):
    assert links.follow_url(make_report(personas)) == ""  # the portal instead
    anonymous = make_report(
        personas,
        reporter=None,
        anonymous=True,
        channel=Channel.QR,
        where="building",
        building=personas.building,
    )
    assert links.follow_url(anonymous) == ""


def test_link_openings_are_rate_limited(client, personas, settings):
    settings.INTAKE_LINK_LIMIT_IP = (3, 600)
    settings.INTAKE_PUBLIC_LIMIT_FAILED = (2, 600)
    signal = qr_report(personas)
    for _ in range(3):
        assert client.get(link_path(signal)).status_code == 200
    assert client.get(link_path(signal)).status_code == 429
    cache.clear()
    bad = reverse("intake_public:follow", kwargs={"token": "guess"})
    assert client.get(bad).status_code == 404
    assert client.get(bad).status_code == 404
    # Guessing stops the guesser, even with a good link.
    assert client.get(link_path(signal)).status_code == 429


def test_staff_record_an_answer_given_by_phone(staff_client, personas):
    signal = qr_report(personas)
    resolve(signal, personas)
    url = reverse("intake_staff:phone_feedback", args=[signal.pk])
    # Refused: a tenant (404 like every staff action), a worker who may not see it, a worker
    # who may see it but not act on it.
    staff_client.force_login(personas.tenant)
    assert staff_client.post(url, {"solved": "yes"}).status_code == 404
    staff_client.force_login(personas.budget_worker)
    assert staff_client.post(url, {"solved": "yes"}).status_code == 404
    staff_client.force_login(personas.buurtwerker)
    assert staff_client.post(url, {"solved": "yes"}).status_code == 403
    staff_client.force_login(personas.woonconsulent)
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"solved": "yes", "comment": "Via telefoon: opgelost"})
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.channel == "phone" and feedback.recorded_by == personas.woonconsulent
    assert feedback.by is None
    assert feedback.given_as() == "given by phone, recorded by Wendy Woonconsulent"
    event = signal.events.get(kind="feedback")
    assert event.data["channel"] == "phone" and event.data["recorded_by"] == "Wendy Woonconsulent"
    # Asked once: the reporter's link no longer asks, a second recording is refused.
    assert "Is the problem solved?" not in staff_client.get(link_path(signal)).content.decode()
    assert staff_client.post(url, {"solved": "no"}).status_code == 400


def test_the_link_never_shows_another_reporters_words(client, personas):
    kept = qr_report(personas)
    other = make_report(
        personas,
        "Ook bij mij klemt de deur",
        "gemeenschappelijke-delen",
        where="building",
        building=personas.building,
    )
    actions.merge(duplicate=other, into=kept, user=personas.woonconsulent)
    resolve(kept, personas)
    other.refresh_from_db()
    actions.give_feedback(
        signal=other, user=personas.tenant, solved=False, comment="Peeters van 1.1: nog kapot"
    )
    actions.resident_reply(signal=other, user=personas.tenant, text="Peeters hier, bel me")
    page = client.get(link_path(kept))
    assert page.status_code == 200
    assert "Peeters" not in page.content.decode()
    assert "Ook bij mij" not in page.content.decode()
