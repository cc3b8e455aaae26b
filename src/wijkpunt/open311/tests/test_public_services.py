"""Open311 offers only the categories explicitly marked public: services list and definition,
POST, the requests list and a request by number. Everything else is an unknown service (404),
and ids made of anything but ASCII digits are refused, never a 500."""

import xml.etree.ElementTree as ET

import pytest

from wijkpunt.open311 import actions
from wijkpunt.signalling import actions as signalling
from wijkpunt.signalling.models import Category, Channel, Signal

BASE = "/open311/v2"
PUBLIC = {"herstelling", "gemeenschappelijke-delen"}
NEED_TO_KNOW = [
    "veiligheid",
    "welzijn-en-zorg",
    "financiele-zorgen",
    "overlast",
    "huur-en-betaling",
    "woonsituatie",
    "administratie",
    "samenleven",
]


@pytest.fixture
def key(db):
    return actions.issue_key(name="Meldingen-app")[1]


def open311_signal(personas, slug, text):
    return signalling.create_signal(
        text=text,
        channel=Channel.OPEN311,
        reporter_name="Jan Janssens",
        category=Category.objects.get(slug=slug),
        where="building",
        building=personas.building,
    ).signal


def test_the_migration_marks_only_the_harmless_defaults_public(db):
    assert set(Category.objects.filter(public=True).values_list("slug", flat=True)) == PUBLIC
    assert Category._meta.get_field("public").default is False


def test_services_list_only_public_categories(client, db):
    listed = {s["service_code"] for s in client.get(f"{BASE}/services.json").json()}
    assert listed == PUBLIC
    root = ET.fromstring(client.get(f"{BASE}/services.xml").content)
    assert {s.findtext("service_code") for s in root.findall("service")} == PUBLIC


@pytest.mark.parametrize("slug", NEED_TO_KNOW)
def test_a_category_not_marked_public_does_not_exist_for_open311(client, personas, key, slug):
    definition = client.get(f"{BASE}/services/{slug}.json")
    assert definition.status_code == 404
    posted = client.post(
        f"{BASE}/requests.json",
        {"api_key": key, "service_code": slug, "address_id": "B-1", "description": "Er is iets"},
    )
    assert posted.status_code == 404
    assert posted.json() == [
        {"code": 404, "description": "Er is geen dienst met deze service_code."}
    ]
    assert not Signal.objects.exists()
    signal = open311_signal(personas, slug, "Er wordt gedeald in de kelder van blok 1")
    assert client.get(f"{BASE}/requests.json").json() == []
    assert client.get(f"{BASE}/requests.json", {"service_code": slug}).json() == []
    assert client.get(f"{BASE}/requests.json", {"service_request_id": str(signal.pk)}).json() == []
    by_id = client.get(f"{BASE}/requests/{signal.pk}.json")
    assert by_id.status_code == 404
    assert signal.text not in by_id.content.decode()


def test_an_administrator_decides_what_is_public(client, personas, key):
    repair = open311_signal(personas, "herstelling", "De lift in blok 1 is kapot")
    assert [r["service_request_id"] for r in client.get(f"{BASE}/requests.json").json()] == [
        str(repair.pk)
    ]
    Category.objects.filter(slug="herstelling").update(public=False)
    codes = {s["service_code"] for s in client.get(f"{BASE}/services.json").json()}
    assert codes == {"gemeenschappelijke-delen"}
    assert client.get(f"{BASE}/requests.json").json() == []
    assert client.get(f"{BASE}/requests/{repair.pk}.json").status_code == 404
    posted = client.post(
        f"{BASE}/requests.json",
        {"api_key": key, "service_code": "herstelling", "address_id": "B-1", "description": "x"},
    )
    assert posted.status_code == 404
    # One flag on the category decides, for Open311 as for the thanks page.
    Category.objects.filter(slug="samenleven").update(public=True)
    codes = {s["service_code"] for s in client.get(f"{BASE}/services.json").json()}
    assert codes == {"gemeenschappelijke-delen", "samenleven"}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_with_an_unknown_service_code_is_404_in_the_open311_format(client, db, key, fmt):
    response = client.post(
        f"{BASE}/requests.{fmt}",
        {"api_key": key, "service_code": "bestaat-niet", "address_id": "B-1", "description": "L"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 404
    if fmt == "json":
        assert response.json() == [
            {"code": 404, "description": "There is no service with this service_code."}
        ]
    else:
        root = ET.fromstring(response.content)
        assert root.tag == "errors"
        assert root.find("error/code").text == "404"
        assert root.find("error/description").text == (
            "There is no service with this service_code."
        )


# --- Numbers that are not ASCII digits ----------------------------------------------------------
NOT_ASCII_NUMBERS = ["²", "¹²", "١٢", "۱", "١", "１２", "๑", "1²", "-1", "+1", "1_0", "0x1", "1.0"]


@pytest.mark.parametrize("raw", [*NOT_ASCII_NUMBERS, "9" * 20, str(2**63), str(2**64)])
def test_request_ids_that_are_not_ascii_numbers_are_404_or_400(client, personas, raw):
    signal = open311_signal(personas, "herstelling", "Lek in de kelder")
    assert client.get(f"{BASE}/requests/{signal.pk}.json").status_code == 200
    response = client.get(f"{BASE}/requests/{raw}.json")
    assert response.status_code == 404, response.content
    assert response.json()[0]["code"] == 404
    listed = client.get(f"{BASE}/requests.json", {"service_request_id": raw})
    assert listed.status_code == 400, listed.content
    assert listed.json()[0]["description"]


@pytest.mark.parametrize("raw", NOT_ASCII_NUMBERS[:7])
def test_address_id_and_coordinates_with_other_digits_are_400(client, personas, key, raw):
    base = {"api_key": key, "service_code": "herstelling", "description": "Lek in de kelder"}
    response = client.post(f"{BASE}/requests.json", {**base, "address_id": raw})
    assert response.status_code == 400, response.content
    response = client.post(f"{BASE}/requests.json", {**base, "lat": raw, "long": raw})
    assert response.status_code == 400, response.content
    assert not Signal.objects.exists()


def test_address_id_in_arabic_indic_digits_is_not_read_as_the_building_id(client, personas, key):
    building = personas.building
    arabic = str(building.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    response = client.post(
        f"{BASE}/requests.json",
        {"api_key": key, "service_code": "herstelling", "address_id": arabic, "description": "x"},
    )
    assert response.status_code == 400
    ascii_id = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": key,
            "service_code": "herstelling",
            "address_id": str(building.pk),
            "description": "x",
        },
    )
    assert ascii_id.status_code == 201


@pytest.mark.parametrize("raw", ["٢٠٢٦-٠١-٠١", "２０２６-01-01T00:00:00Z", "2026-01-0²"])
def test_dates_in_other_digits_are_400(client, db, raw):
    response = client.get(f"{BASE}/requests.json", {"start_date": raw})
    assert response.status_code == 400
    assert "ISO 8601" in response.json()[0]["description"]
