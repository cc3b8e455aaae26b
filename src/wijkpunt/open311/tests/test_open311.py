"""Open311 GeoReport v2: discovery, services, definitions, POST and GET requests in JSON and
XML, API keys, spec error bodies, and what a public GET may show."""

import datetime as dt
import hashlib
import io
import json
import random
import string
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from wijkpunt.open311 import actions
from wijkpunt.open311.models import ApiKey, ServiceRequest
from wijkpunt.signalling import actions as signalling
from wijkpunt.signalling.models import Category, Channel, Signal

BASE = "/open311/v2"


@pytest.fixture
def key(db):
    return actions.issue_key(name="Meldingen-app")[1]


@pytest.fixture
def located(personas):
    building = personas.building
    building.latitude, building.longitude = Decimal("50.820000"), Decimal("3.260000")
    building.save()
    return building


def post(client, fmt="json", headers=None, **data):
    return client.post(f"{BASE}/requests.{fmt}", data, **(headers or {}))


def xml(response):
    assert response["Content-Type"].startswith("text/xml")
    return ET.fromstring(response.content)


# --- Discovery and services --------------------------------------------------------------------
def test_discovery_json_and_xml(client, db):
    body = client.get(f"{BASE}/discovery.json").json()
    assert body["endpoints"][0]["url"].endswith("/open311/v2")
    assert "application/json" in body["endpoints"][0]["formats"]
    root = xml(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    assert [f.text for f in root.iter("format")] == ["text/xml", "application/json"]


def test_services_one_per_active_category(client, db):
    Category.objects.filter(slug="samenleven").update(active=False)
    body = client.get(f"{BASE}/services.json").json()
    codes = {s["service_code"] for s in body}
    assert "herstelling" in codes and "samenleven" not in codes
    repair = next(s for s in body if s["service_code"] == "herstelling")
    assert repair["service_name"] == "Herstelling"
    assert repair["type"] == "realtime" and repair["metadata"] is True
    assert "lekken" in repair["keywords"]
    fr = client.get(f"{BASE}/services.json", {"locale": "fr"}).json()
    assert "Réparation" in {s["service_name"] for s in fr}
    root = xml(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    assert {s.findtext("service_code") for s in root.findall("service")} == codes
    assert root.find("service/metadata").text == "true"


def test_service_definition(client, db):
    body = client.get(f"{BASE}/services/herstelling.json").json()
    assert body["service_code"] == "herstelling"
    assert body["attributes"][0]["code"] == "urgent"
    root = xml(client.get(f"{BASE}/services/herstelling.xml"))
    assert root.tag == "service_definition"
    assert [v.findtext("key") for v in root.iter("value")] == ["yes", "no"]


def test_unknown_service_and_address_give_spec_errors(client, db):
    response = client.get(f"{BASE}/services/bestaat-niet.json")
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404 and response.json()[0]["description"]
    root = xml(client.get(f"{BASE}/services/bestaat-niet.xml"))
    assert root.tag == "errors" and root.find("error/code").text == "404"
    assert client.get(f"{BASE}/services.csv").status_code == 404
    assert client.get(f"{BASE}/").json()[0]["code"] == 404
    response = client.post(f"{BASE}/services.json")
    assert response.status_code == 405 and response.json()[0]["code"] == 405


# --- POST requests ----------------------------------------------------------------------------
def test_post_creates_a_signal(client, personas, key, located):
    response = post(
        client,
        api_key=key,
        service_code="herstelling",
        lat="50.8201",
        long="3.2601",
        description="De lift in blok 1 is kapot",
        email="melder@example.org",
        first_name="Jan",
        last_name="Janssens",
        media_url="https://example.org/foto.jpg",
        **{"attribute[urgent]": "yes"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    signal = Signal.objects.get(pk=body[0]["service_request_id"])
    assert signal.reference in body[0]["service_notice"]
    assert signal.channel == Channel.OPEN311
    assert signal.building == located and signal.estate == personas.estate
    assert signal.urgent and signal.reporter_name == "Jan Janssens"
    assert signal.owner_organisation == personas.housing
    assert signal.open311.media_url == "https://example.org/foto.jpg"


def test_post_xml_and_by_address(client, personas, key):
    response = post(
        client,
        "xml",
        api_key=key,
        service_code="gemeenschappelijke-delen",
        address_string="Lindenplein 1, 8560 Testgem",
        description="Vuilniszakken in de gang",
    )
    assert response.status_code == 201
    root = xml(response)
    assert root.tag == "service_requests"
    pk = root.find("request/service_request_id").text
    assert Signal.objects.get(pk=pk).building == personas.building
    response = post(
        client, api_key=key, service_code="herstelling", address_id="B-1", description="Lek"
    )
    assert response.status_code == 201


def test_idempotency_key_on_post(client, personas, key):
    data = {"api_key": key, "service_code": "herstelling", "address_id": "B-1"}
    headers = {"HTTP_IDEMPOTENCY_KEY": "app-42"}
    first = post(client, headers=headers, description="Lek", **data)
    again = post(client, headers=headers, description="Lek", **data)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()[0]["service_request_id"] == again.json()[0]["service_request_id"]
    assert Signal.objects.count() == 1 and ServiceRequest.objects.count() == 1
    # Another client with the same header value gets its own request.
    other = actions.issue_key(name="Andere app")[1]
    third = post(client, headers=headers, description="Lek", **{**data, "api_key": other})
    assert third.status_code == 201
    assert Signal.objects.count() == 2


@pytest.mark.parametrize("api_key", [None, "", "wp311_nope", "x" * 500])
def test_post_needs_a_valid_key(client, personas, api_key):
    data = {"service_code": "herstelling", "address_id": "B-1", "description": "Lek"}
    if api_key is not None:
        data["api_key"] = api_key
    response = post(client, **data)
    assert response.status_code == 403
    assert response.json() == [{"code": 403, "description": response.json()[0]["description"]}]
    root = xml(post(client, "xml", **data))
    assert root.find("error/code").text == "403"
    assert not Signal.objects.exists()


def test_revoked_key_is_refused(client, personas, key):
    actions.revoke_key(name="Meldingen-app")
    response = post(
        client, api_key=key, service_code="herstelling", address_id="B-1", description="Lek"
    )
    assert response.status_code == 403


def test_rate_limit_per_key(client, personas, key, settings):
    settings.OPEN311_RATE_LIMIT = 2
    data = {"api_key": key, "service_code": "herstelling", "address_id": "B-1"}
    codes = [post(client, description=f"Lek {i}", **data).status_code for i in range(3)]
    assert codes == [201, 201, 429]
    # Reasons are in Dutch unless the client asks for another language.
    assert "minuut" in post(client, description="x", **data).json()[0]["description"]
    english = post(client, headers={"HTTP_ACCEPT_LANGUAGE": "en"}, description="x", **data)
    assert "minute" in english.json()[0]["description"]


@pytest.mark.parametrize(
    "data",
    [
        {"address_id": "B-1", "description": "Lek"},  # no service_code
        {"service_code": "herstelling", "address_id": "B-1"},  # no description
        {"service_code": "herstelling", "description": "Lek"},  # no location
        {"service_code": "herstelling", "lat": "50.82", "description": "Lek"},
        {"service_code": "herstelling", "lat": "abc", "long": "3", "description": "Lek"},
        {"service_code": "herstelling", "lat": "NaN", "long": "3", "description": "Lek"},
        {"service_code": "herstelling", "lat": "91", "long": "3", "description": "Lek"},
        {"service_code": "herstelling", "lat": "10", "long": "10", "description": "Lek"},
        {"service_code": "herstelling", "address_id": "Z-9", "description": "Lek"},
        {"service_code": "herstelling", "address_string": "Nergens", "description": "Lek"},
        {"service_code": "herstelling", "address_id": "B-1", "description": "x" * 5001},
        {"service_code": "herstelling", "address_id": "B-1", "description": "a\x00b"},
        {"service_code": "herstelling", "address_id": "B-1", "description": "L", "email": "x@"},
        {
            "service_code": "herstelling",
            "address_id": "B-1",
            "description": "L",
            "media_url": "javascript:alert(1)",
        },
        {
            "service_code": "herstelling",
            "address_id": "B-1",
            "description": "L",
            "attribute[urgent]": "misschien",
        },
    ],
)
def test_bad_posts_are_400_with_a_reason(client, personas, key, located, data):
    response = post(client, api_key=key, **data)
    assert response.status_code == 400, response.content
    assert response.json()[0]["code"] == 400 and response.json()[0]["description"]
    assert not Signal.objects.exists()


# --- GET requests -----------------------------------------------------------------------------
def make(personas, slug, text, channel=Channel.OPEN311, **kw):
    return signalling.create_signal(
        text=text,
        channel=channel,
        reporter=personas.tenant,
        category=Category.objects.get(slug=slug),
        **kw,
    ).signal


def test_get_requests_shows_only_what_may_be_public(client, personas, located):
    repair = make(personas, "herstelling", "Lift kapot bij An Peeters")
    welfare = make(personas, "welzijn-en-zorg", "Mijn buurman is al dagen niet gezien")
    debts = make(personas, "financiele-zorgen", "Ik heb schulden")
    listed = client.get(f"{BASE}/requests.json").json()
    assert [r["service_request_id"] for r in listed] == [str(repair.pk)]
    assert listed[0]["description"] == repair.text
    assert listed[0]["address"] == located.address
    assert listed[0]["lat"] == pytest.approx(50.82)
    # By number, a need-to-know signal is not there at all, not even its category.
    for signal in (welfare, debts):
        response = client.get(f"{BASE}/requests/{signal.pk}.json")
        assert response.status_code == 404
        assert signal.text not in response.content.decode()
    everything = json.dumps(client.get(f"{BASE}/requests.json").json())
    assert "an.peeters" not in everything and "Peeters" not in everything.replace(repair.text, "")


def test_reports_from_other_channels_are_never_published(client, personas, located):
    portal = make(personas, "herstelling", "Schimmel in de slaapkamer", channel=Channel.PORTAL)
    qr = make(personas, "veiligheid", "Er wordt gedeald in de kelder", channel=Channel.QR)
    phone = make(personas, "gemeenschappelijke-delen", "Vuil in de gang", channel=Channel.PHONE)
    ids = ",".join(str(s.pk) for s in (portal, qr, phone))
    assert client.get(f"{BASE}/requests.json").json() == []
    assert client.get(f"{BASE}/requests.json", {"service_request_id": ids}).json() == []
    for signal in (portal, qr, phone):
        assert client.get(f"{BASE}/requests/{signal.pk}.json").status_code == 404


def test_the_poster_follows_its_own_need_to_know_request_by_key(client, personas, key):
    response = post(
        client,
        api_key=key,
        service_code="herstelling",
        address_id="B-1",
        description="Mijn buurman is al dagen niet gezien",
    )
    pk = response.json()[0]["service_request_id"]
    # Staff see it is about a person, not a repair, and move it to welfare.
    signalling.triage_signal(
        signal=Signal.objects.get(pk=pk),
        user=personas.coordinator,
        category=Category.objects.get(slug="welzijn-en-zorg"),
        urgent=False,
    )
    # Not published: nobody else finds it.
    assert client.get(f"{BASE}/requests/{pk}.json").status_code == 404
    other = actions.issue_key(name="Andere app")[1]
    assert client.get(f"{BASE}/requests/{pk}.json", {"api_key": other}).status_code == 404
    # The client that posted it sees its status, never more.
    own = client.get(f"{BASE}/requests/{pk}.json", {"api_key": key}).json()[0]
    assert own["status"] == "open"
    assert "description" not in own and "address" not in own


def test_get_request_xml_and_status_filter(client, personas, located):
    repair = make(personas, "herstelling", "Lek in de kelder")
    signalling.change_status(signal=repair, user=personas.technician, status="cancelled")
    root = xml(client.get(f"{BASE}/requests/{repair.pk}.xml"))
    assert root.tag == "service_requests"
    assert root.find("request/status").text == "closed"
    assert root.find("request/service_code").text == "herstelling"
    assert client.get(f"{BASE}/requests.json", {"status": "open"}).json() == []
    closed = client.get(f"{BASE}/requests.json", {"status": "closed"}).json()
    assert [r["service_request_id"] for r in closed] == [str(repair.pk)]


def test_get_requests_by_ids_and_dates(client, personas):
    a = make(personas, "herstelling", "Lek A")
    b = make(personas, "gemeenschappelijke-delen", "Vuilniszakken in de gang")
    response = client.get(f"{BASE}/requests.json", {"service_request_id": f"{a.pk},{b.pk}"})
    assert {r["service_request_id"] for r in response.json()} == {str(a.pk), str(b.pk)}
    response = client.get(f"{BASE}/requests.json", {"service_code": "gemeenschappelijke-delen"})
    assert [r["service_request_id"] for r in response.json()] == [str(b.pk)]
    old = timezone.now() - dt.timedelta(days=200)
    Signal.objects.filter(pk=a.pk).update(created_at=old)
    default = client.get(f"{BASE}/requests.json").json()
    assert [r["service_request_id"] for r in default] == [str(b.pk)]
    window = {
        "start_date": (old - dt.timedelta(days=1)).isoformat(),
        "end_date": (old + dt.timedelta(days=1)).isoformat(),
    }
    found = client.get(f"{BASE}/requests.json", window).json()
    assert [r["service_request_id"] for r in found] == [str(a.pk)]


@pytest.mark.parametrize(
    "params",
    [
        {"service_request_id": "abc"},
        {"service_request_id": ","},
        {"start_date": "gisteren"},
        {"end_date": "2026-13-45T00:00:00Z"},
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
        {"start_date": "2026-06-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
        {"status": "half"},
        {"start_date": "9999-12-31"},
        {"end_date": "0001-01-03"},
    ],
)
def test_bad_gets_are_400(client, db, params):
    response = client.get(f"{BASE}/requests.json", params)
    assert response.status_code == 400, response.content
    assert response.json()[0]["code"] == 400
    root = xml(client.get(f"{BASE}/requests.xml", params))
    assert root.find("error/code").text == "400"


def test_unknown_request_is_404(client, db):
    for ref in ("999999", "abc", "1" * 40):
        response = client.get(f"{BASE}/requests/{ref}.json")
        assert response.status_code == 404 and response.json()[0]["code"] == 404


def test_random_posts_never_give_a_server_error(client, personas, key, located, settings):
    settings.OPEN311_RATE_LIMIT = 10_000
    rng = random.Random("open311")
    fields = ["service_code", "lat", "long", "address_string", "address_id", "email"]
    fields += ["description", "media_url", "attribute[urgent]", "first_name", "phone"]
    values = ["", "herstelling", "B-1", "1", "50.82", "3.26", "-1e400", "inf", "x" * 3000]
    values += ["Lindenplein 1", "a@b.be", "http://x", "yes", "\x00", "é", " "]
    for i in range(150):
        data = {"api_key": key if rng.random() < 0.8 else "wrong"}
        for _ in range(rng.randrange(8)):
            value = (
                rng.choice(values)
                if rng.random() < 0.7
                else "".join(rng.choice(string.printable) for _ in range(rng.randrange(30)))
            )
            data[rng.choice(fields)] = value
        response = post(client, rng.choice(["json", "xml"]), **data)
        assert response.status_code < 500, (i, data, response.content)
        query = {
            rng.choice(["start_date", "end_date", "status", "service_request_id"]): rng.choice(
                values
            )
        }
        assert client.get(f"{BASE}/requests.json", query).status_code < 500, query


# --- Keys --------------------------------------------------------------------------------------
def test_keys_are_stored_hashed(db):
    key, raw = actions.issue_key(name="App")
    assert raw.startswith("wp311_") and len(raw) > 40
    assert key.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {key.key_hash, key.prefix} and raw.startswith(key.prefix)
    assert actions.authenticate(raw) == key
    assert ApiKey.objects.get(pk=key.pk).last_used_at is not None
    with pytest.raises(ValidationError):  # a duplicate name is refused
        actions.issue_key(name="App")


def test_issue_key_command(db):
    out, err = io.StringIO(), io.StringIO()
    call_command("open311", "issue-key", "Stadsapp", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    assert actions.authenticate(raw).name == "Stadsapp"
    listing = io.StringIO()
    call_command("open311", "list", stdout=listing)
    assert "Stadsapp" in listing.getvalue() and raw not in listing.getvalue()
    call_command("open311", "revoke", "Stadsapp", stdout=io.StringIO())
    assert actions.authenticate(raw) is None
    with pytest.raises(CommandError):
        call_command("open311", "revoke", "Onbekend")
    with pytest.raises(CommandError):
        call_command("open311", "issue-key", "Stadsapp")


def test_admin_shows_the_key_once(client, personas, settings):
    personas.admin.is_staff = personas.admin.is_superuser = True
    personas.admin.save()
    client.force_login(personas.admin)
    settings.STAFF_REQUIRE_MFA = False
    response = client.post(
        "/admin/open311/apikey/add/", {"name": "Buurtapp", "active": "on"}, follow=True
    )
    assert response.status_code == 200
    key = ApiKey.objects.get(name="Buurtapp")
    shown = [str(m) for m in response.context["messages"]]
    raw = next(w for m in shown for w in m.split() if w.startswith("wp311_"))
    assert actions.authenticate(raw) == key
    assert key.created_by == personas.admin
    page = client.get(f"/admin/open311/apikey/{key.pk}/change/")
    assert raw not in page.content.decode()
