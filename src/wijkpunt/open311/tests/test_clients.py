"""Two published Open311 client libraries, written by others for real cities, against a
Wijkpunt served over real HTTP: civicbot's ``Open311Client`` (reads and posts) and
``georeport`` (reads, JSON and XML). They list the services, read a service definition, post a
request and read it back; what is not public does not exist for them."""

from __future__ import annotations

import georeport
import pytest
from civicbot import open311 as civicbot
from civicbot.http import HttpError, HttpTransport, RateLimiter
from civicbot.registry import Endpoint

from wijkpunt.api.testing import http_server
from wijkpunt.open311 import actions
from wijkpunt.signalling.models import Channel, Signal

PUBLIC = {"herstelling", "gemeenschappelijke-delen"}


@pytest.fixture
def server(personas, settings):
    """Wijkpunt over real HTTP, on the test's data (see ``wijkpunt.api.testing``)."""
    settings.OPEN311_RATE_LIMIT = 1000
    with http_server() as base:
        yield f"{base}/open311/v2"


@pytest.fixture
def key(server):
    return actions.issue_key(name="Stadsapp")[1]


def civicbot_client(base: str) -> civicbot.Open311Client:
    endpoint = Endpoint(id="wijkpunt", name="Wijkpunt", base_url=base, write=True)
    transport = HttpTransport(rate_limiter=RateLimiter(min_interval=0))
    return civicbot.Open311Client(endpoint, transport=transport)


def test_civicbot_lists_posts_and_reads_back(server, key, personas):
    client = civicbot_client(server)
    services = client.list_services()
    assert {s["service_code"] for s in services} == PUBLIC
    definition = client.get_service_definition("herstelling")
    assert [a["code"] for a in definition["attributes"]] == ["urgent"]

    # The client checks its request against the live service list and definition first.
    sent = client.create_request(
        "herstelling",
        dry_run=False,
        confirm="SEND",
        api_key=key,
        validate_remote=True,
        address_id="B-1",
        description="De lift in blok 1 staat al twee dagen stil",
        email="melder@example.org",
        first_name="Jan",
        attributes={"urgent": "no"},
    )
    [answer] = sent.response
    signal = Signal.objects.get(pk=answer["service_request_id"])
    assert signal.channel == Channel.OPEN311 and signal.building == personas.building
    assert signal.reference in answer["service_notice"]

    read = client.get_request(answer["service_request_id"])
    assert read["status"] == "open"
    assert read["service_code"] == "herstelling"
    assert read["description"] == "De lift in blok 1 staat al twee dagen stil"
    assert "email" not in read and "Jan" not in str(read)
    listed = client.list_requests(service_request_ids=[answer["service_request_id"]])
    assert [r["service_request_id"] for r in listed] == [answer["service_request_id"]]


def test_civicbot_cannot_post_to_a_category_that_is_not_public(server, key):
    client = civicbot_client(server)
    # Checked against the live service list, the client refuses by itself ...
    with pytest.raises(civicbot.ValidationError):
        client.create_request(
            "veiligheid",
            dry_run=False,
            confirm="SEND",
            api_key=key,
            validate_remote=True,
            address_id="B-1",
            description="Er wordt gedeald in de kelder",
        )
    # ... and sent anyway, the server answers 404 in the GeoReport error format.
    with pytest.raises(HttpError) as refused:
        client.create_request(
            "veiligheid",
            dry_run=False,
            confirm="SEND",
            api_key=key,
            address_id="B-1",
            description="Er wordt gedeald in de kelder",
        )
    assert refused.value.status == 404
    assert '"code": 404' in refused.value.body
    assert not Signal.objects.exists()


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_georeport_reads_services_and_the_posted_request(server, key, output_format):
    posted = civicbot_client(server).create_request(
        "gemeenschappelijke-delen",
        dry_run=False,
        confirm="SEND",
        api_key=key,
        address_string="Lindenplein 1, 8560 Testgem",
        description="Vuilniszakken in de gang",
    )
    pk = posted.response[0]["service_request_id"]

    client = georeport.GeoReport(server, output_format=output_format)
    services = client.get_service_list()
    assert {s["service_code"] for s in services} == PUBLIC
    definition = client.get_service_definition("gemeenschappelijke-delen")
    assert definition["service_code"] == "gemeenschappelijke-delen"
    one = client.get_service_request(pk)
    assert one["service_request_id"] == pk and one["status"] == "open"
    assert one["description"] == "Vuilniszakken in de gang"
    found = client.get_service_requests(service_request_id=pk)
    found = found if isinstance(found, list) else [found]  # xmltodict: one element, no list
    assert [r["service_request_id"] for r in found] == [pk]
