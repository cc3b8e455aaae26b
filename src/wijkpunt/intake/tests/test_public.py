"""The public QR form: no account, honeypot, minimum fill time, rate limits, idempotency."""

from __future__ import annotations

import time
import uuid

import pytest
from django.core import signing
from django.core.cache import cache
from django.urls import reverse

from wijkpunt.housing.models import CommonSpace
from wijkpunt.intake.forms import STARTED_SALT
from wijkpunt.intake.queries import point_for_token, point_token
from wijkpunt.intake.tests.helpers import exe, photo
from wijkpunt.signalling.models import Attachment, Signal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def url(personas):
    return reverse(
        "intake_public:report", kwargs={"token": point_token(building=personas.building)}
    )


def started(seconds_ago=10) -> str:
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


def payload(**extra):
    data = {
        "text": "De lamp in de inkomhal is stuk.",
        "started": started(),
        "idempotency_key": str(uuid.uuid4()),
        "website": "",
    }
    data.update(extra)
    return data


def test_tokens_identify_a_building_or_a_space(personas):
    space = CommonSpace.objects.create(estate=personas.estate, name="Speeltuin", kind="playground")
    assert point_for_token(point_token(building=personas.building)).building == personas.building
    assert point_for_token(point_token(common_space=space)).common_space == space
    assert point_for_token("nonsense") is None
    assert point_for_token(signing.dumps({"b": personas.building.pk})) is None  # wrong salt


def test_form_renders_without_account(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lindenplein 1" in html
    assert 'name="website"' in html and "wp-hp" in html
    assert 'name="started"' in html and 'name="idempotency_key"' in html


def test_bad_token_is_404(client):
    assert client.get("/melden/abc:def/").status_code == 404
    assert client.post("/melden/abc:def/", payload()).status_code == 404


def test_anonymous_report_stays_anonymous(client, personas, url):
    response = client.post(url, payload(photo=photo()))
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.anonymous and signal.channel == "qr"
    assert signal.reporter is None and signal.household is None
    assert not (signal.reporter_name or signal.reporter_email or signal.reporter_phone)
    assert signal.building == personas.building and signal.estate == personas.estate
    assert signal.where == "building"
    assert signal.attachments.count() == 1
    thanks = client.get(response.url).content.decode()
    assert signal.reference in thanks and "anonymously" in thanks


def test_with_contact_details_we_can_answer(client, url):
    client.post(url, payload(name="Jan", email="jan@example.org", phone="0470 11 22 33"))
    signal = Signal.objects.get()
    assert not signal.anonymous
    assert signal.contact_email() == "jan@example.org" and signal.reporter_name == "Jan"


def test_common_space_poster(client, personas):
    space = CommonSpace.objects.create(estate=personas.estate, name="Speeltuin", kind="playground")
    url = reverse("intake_public:report", kwargs={"token": point_token(common_space=space)})
    assert client.post(url, payload()).status_code == 302
    signal = Signal.objects.get()
    assert signal.common_space == space and signal.estate == personas.estate


def test_double_submit_creates_one(client, url):
    data = payload(photo=photo())
    first = client.post(url, data)
    data["photo"] = photo()
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert Signal.objects.count() == 1 and Attachment.objects.count() == 1


def test_honeypot(client, url):
    response = client.post(url, payload(website="http://spam.example"))
    assert response.status_code == 400
    assert "De lamp in de inkomhal is stuk." in response.content.decode()
    assert not Signal.objects.exists()


def test_too_fast_keeps_the_text_and_allows_a_second_try(client, url):
    response = client.post(url, payload(started=started(seconds_ago=1)))
    assert response.status_code == 400
    html = response.content.decode()
    assert "That went very quickly" in html and "De lamp in de inkomhal is stuk." in html
    assert not Signal.objects.exists()
    # No or a forged start time counts as too fast too.
    assert client.post(url, payload(started="forged")).status_code == 400
    assert not Signal.objects.exists()


def test_rate_limit_per_ip(client, url, settings):
    settings.INTAKE_PUBLIC_LIMIT_IP = (2, 600)
    for _ in range(2):
        assert client.post(url, payload()).status_code == 302
    response = client.post(url, payload(text="Nog een melding"))
    assert response.status_code == 429
    assert "Please wait a while" in response.content.decode()
    assert "Nog een melding" in response.content.decode()
    assert Signal.objects.count() == 2
    # Another address still gets through.
    assert client.post(url, payload(), REMOTE_ADDR="10.0.0.9").status_code == 302


def test_rate_limit_per_point(client, url, settings):
    settings.INTAKE_PUBLIC_LIMIT_POINT = (1, 3600)
    assert client.post(url, payload(), REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post(url, payload(), REMOTE_ADDR="10.0.0.2").status_code == 429


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"text": ""}, "Please write what the problem is."),
        ({"text": "x" * 2001}, "at most 2000 characters"),
        ({"photo": exe()}, "We cannot use the file"),
        ({"email": "not-an-address"}, "not a complete e-mail address"),
    ],
)
def test_bad_input(client, url, extra, message):
    response = client.post(url, payload(**extra))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Signal.objects.exists() and not Attachment.objects.exists()


def test_thanks_page_without_a_valid_reference(client, personas):
    token = point_token(building=personas.building)
    response = client.get(reverse("intake_public:thanks", kwargs={"token": token}) + "?r=bad")
    assert response.status_code == 200
