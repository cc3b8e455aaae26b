"""The read-only HSDS 3.0 API at /hsds/: public, paged, strict about its parameters, and an
export that imports back into the same directory."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wijkpunt.directory import actions, demo_data, harvest
from wijkpunt.directory.defaults import TAXONOMY_ID
from wijkpunt.directory.models import Service
from wijkpunt.testing import make_personas, rolled_back

from .helpers import DIRECTORY_MODELS, TERM, demo_service, snapshot


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        personas = make_personas()
        demo_data.generate()
        yield personas


@pytest.fixture
def api(world, db, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    return Client(HTTP_ACCEPT_LANGUAGE="nl-be")


def get(api, path: str, **params):
    response = api.get(f"/hsds{path}", params)
    assert response["Content-Type"] == "application/json", response.content
    return response.status_code, response.json()


def test_the_root_names_the_hsds_version(api):
    status, body = get(api, "/")
    assert status == 200
    assert body["version"] == "3.0"
    assert body["openapi_url"] == "http://testserver/api/v1/schema/"


def test_services_come_a_page_at_a_time_with_hsds_paging(api):
    status, body = get(api, "/services", per_page=10, page=2)
    assert status == 200
    assert {k: body[k] for k in body if k != "contents"} == {
        "total_items": 37,
        "total_pages": 4,
        "page_number": 2,
        "size": 10,
        "first_page": False,
        "last_page": False,
        "empty": False,
    }
    first = body["contents"][0]
    assert set(first) >= {"id", "name", "status", "organization"}
    assert "phones" not in first  # the list's shape; `full=true` nests everything
    status, last = get(api, "/services", per_page=10, page=4)
    assert (last["size"], last["last_page"]) == (7, True)
    status, beyond = get(api, "/services", page=9)
    assert status == 200 and beyond["empty"] is True and beyond["contents"] == []
    status, huge = get(api, "/services", per_page=5000)
    assert huge["size"] == 37  # at most 200 a page


def test_services_are_found_by_words_need_and_organisation(api):
    _, by_word = get(api, "/services", search="nachtopvang")
    assert [s["name"] for s in by_word["contents"]] == ["Nachtopvang De Haven"]
    _, by_need = get(api, "/services", taxonomy_term_id=TERM["schulden"])
    assert sorted(s["name"] for s in by_need["contents"]) == [
        "Budgetbegeleiding en budgetbeheer",
        "Infosessie Omgaan met geld",
        "Schuldbemiddeling",
        "Schuldhulp CAW",
    ]
    org = demo_service("Schuldbemiddeling")["organization_id"]
    _, by_org = get(api, "/services", organization_id=org)
    assert by_org["total_items"] == 2
    _, all_statuses = get(api, "/services", search="energiesnoeiers")
    assert all_statuses["contents"][0]["status"] == "defunct"
    _, by_taxonomy = get(api, "/services", taxonomy_id=TAXONOMY_ID, per_page=1)
    assert by_taxonomy["total_items"] == 37


def test_modified_after_takes_any_time_zone_the_standard_allows(api):
    # PostgreSQL itself refuses offsets beyond 15:59: the moment is compared in UTC.
    status, body = get(api, "/services", modified_after="2026-09-30T20:00:00-21:41")
    assert status == 200 and body["total_items"] == 0
    status, body = get(api, "/services", modified_after="2026-09-01T00:00:00Z")
    assert status == 200 and body["total_items"] == 37
    status, body = get(api, "/services", modified_after="0001-01-01T00:00:00+10:00")
    assert status == 400 and "modified_after" in body


def test_a_service_in_full(api):
    wanted = demo_service("Nachtopvang De Haven")
    status, body = get(api, f"/services/{wanted['id']}")
    assert status == 200
    assert body["name"] == "Nachtopvang De Haven" and body["status"] == "active"
    assert body["organization"]["name"] == "CAW Zuid-West-Vlaanderen"
    assert body["schedules"][0] == {
        "id": wanted["schedules"][0]["id"],
        "freq": "WEEKLY",
        "byday": "MO,TU,WE,TH,FR,SA,SU",
        "opens_at": "21:00",
        "closes_at": "08:00",
    }
    place = body["service_at_locations"][0]["location"]
    assert place["addresses"][0]["address_1"] == "Havenkant 7"
    assert place["latitude"] == pytest.approx(50.83311)
    term = body["attributes"][0]["taxonomy_term"]
    assert term["name"] == "Opvang en crisis" and term["taxonomy_detail"]["id"] == TAXONOMY_ID
    assert None not in _values(body)  # HSDS allows no null: empty fields are left out


def _values(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _values(v)
    elif isinstance(value, list):
        for v in value:
            yield from _values(v)
    else:
        yield value


def test_organizations_and_taxonomies(api):
    _, orgs = get(api, "/organizations", per_page=50)
    assert orgs["total_items"] == 14
    assert orgs["contents"][0]["name"] == "CAW Zuid-West-Vlaanderen"
    ocmw = demo_service("Poetsdienst")["organization_id"]
    status, one = get(api, f"/organizations/{ocmw}")
    assert status == 200 and one["name"] == "OCMW Wevelgem"
    assert len(one["services"]) == 8 and one["phones"][0]["number"] == "056 49 90 00"
    _, taxonomies = get(api, "/taxonomies")
    assert [t["name"] for t in taxonomies["contents"]] == ["Wijkpunt noden"]
    _, tops = get(api, "/taxonomy_terms", top_only="true", per_page=100)
    assert "Schulden" in [t["name"] for t in tops["contents"]]
    assert all("parent_id" not in t for t in tops["contents"])
    _, under = get(api, "/taxonomy_terms", parent_id=TERM["schulden"])
    assert [t["name"] for t in under["contents"]] == [
        "Schuldbemiddeling",
        "Budgetbegeleiding en budgetbeheer",
    ]
    status, term = get(api, f"/taxonomy_terms/{TERM['taal']}")
    assert status == 200 and term["name"] == "Taal leren"
    status, taxonomy = get(api, f"/taxonomies/{TAXONOMY_ID}")
    assert status == 200 and taxonomy["version"] == "1"


@pytest.mark.parametrize(
    ("path", "params", "field", "reason"),
    [
        ("/services", {"page": "0"}, "page", "Geef een geheel getal van 1 tot 1000000."),
        ("/services", {"page": "²"}, "page", "Geef een geheel getal van 1 tot 1000000."),
        ("/services", {"per_page": "-3"}, "per_page", "Geef een geheel getal van 1 tot"),
        (
            "/services",
            {"taxonomy_term_id": "schulden"},
            "taxonomy_term_id",
            "Geef een id (een UUID).",
        ),
        ("/services", {"full": "misschien"}, "full", "Gebruik true of false."),
        ("/services", {"modified_after": "gisteren"}, "modified_after", "Geef een datum en tijd"),
        ("/services", {"search": "x" * 201}, "search", "Gebruik hoogstens 200 tekens."),
        ("/services", {"format": "ndjson"}, "format", "Alleen json wordt aangeboden."),
        ("/organizations", {"page": "1e3"}, "page", "Geef een geheel getal"),
        ("/taxonomy_terms", {"parent_id": "1"}, "parent_id", "Geef een id (een UUID)."),
    ],
)
def test_a_wrong_parameter_is_a_400_with_the_reason(api, path, params, field, reason):
    status, body = get(api, path, **params)
    assert status == 400
    assert body[field][0].startswith(reason)


@pytest.mark.parametrize(
    "path",
    [
        "/services/nergens",
        "/services/00000000-0000-4000-8000-000000000000",
        "/organizations/1",
        "/taxonomies/x",
        "/taxonomy_terms/00000000-0000-4000-8000-000000000000",
        "/programs",
        "/services/",
    ],
)
def test_an_unknown_id_or_address_is_a_404_in_json(api, path):
    status, body = get(api, path)
    assert status == 404 and body["detail"]


def test_the_api_is_public_read_only_and_needs_no_session(api, world):
    assert api.post("/hsds/services", {}).status_code == 405
    member = Client()
    member.force_login(world.tenant)
    assert member.get("/hsds/services").status_code == 200
    assert member.get("/hsds/services", {"search": "a\x00b"}).status_code == 400


def test_too_many_requests_from_one_address_wait_a_minute(api, settings):
    settings.HSDS_RATE_LIMIT = (3, 60)
    for _ in range(3):
        assert api.get("/hsds/").status_code == 200
    refused = api.get("/hsds/services")
    assert refused.status_code == 429
    assert refused.json()["detail"] == (
        "Te veel verzoeken van je adres. Probeer het over een minuut opnieuw."
    )
    assert refused["Retry-After"] == "60"
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.get("/hsds/").status_code == 200


def test_the_schema_describes_the_hsds_endpoints(api):
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()
    assert {
        "/hsds/",
        "/hsds/services",
        "/hsds/services/{id}",
        "/hsds/organizations",
        "/hsds/organizations/{id}",
        "/hsds/taxonomies",
        "/hsds/taxonomy_terms",
    } <= set(schema["paths"])
    assert set(schema["paths"]["/hsds/services"]["get"]["responses"]) == {"200", "400", "429"}


def test_an_export_imports_back_into_an_equal_directory(api):
    before = snapshot()

    def fetch(url: str):
        response = api.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200, url
        return response.json()

    exported = harvest.read_api("http://testserver/hsds", fetch=fetch)
    assert len(exported) == Service.objects.count() == 37
    for model in reversed(DIRECTORY_MODELS):  # an empty directory (the taxonomy stays)
        if model._meta.model_name not in {"taxonomy", "taxonomyterm"}:
            model._default_manager.all().delete()
    assert not Service.objects.exists()
    summary = actions.import_directory(data=exported)
    assert summary.count("services", "created") == 37
    assert snapshot() == before


@pytest.mark.parametrize("path", ["/hsds/services", "/hsds/organizations", "/hsds/taxonomy_terms"])
def test_a_page_of_the_api_costs_the_same_queries_whatever_its_size(api, path):
    counts = []
    for params in ({"per_page": 2}, {"per_page": 40}, {"per_page": 40, "full": "true"}):
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(path, params).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    assert counts[2] <= 20, counts
