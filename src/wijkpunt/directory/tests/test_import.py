"""Importing an HSDS directory: all or nothing, every problem with its path, in place."""

from __future__ import annotations

import copy
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wijkpunt.directory import actions, harvest, hsds
from wijkpunt.directory.demo_data import DEMO_FILE
from wijkpunt.directory.models import (
    Language,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceStatus,
    TaxonomyTerm,
)

from .helpers import TERM, demo_services, load, service, snapshot, uid

pytestmark = pytest.mark.django_db


def problems_of(data) -> list[str]:
    with pytest.raises(hsds.DirectoryInvalid) as raised:
        actions.import_directory(data=data)
    return [str(p) for p in raised.value.problems]


def test_the_demo_file_imports_and_a_second_import_changes_nothing():
    first = actions.import_directory(data=DEMO_FILE.read_bytes())
    assert first.count("services", "created") == len(demo_services()) >= 25
    assert first.count("organizations", "created") >= 12
    before = snapshot()
    again = actions.import_directory(data=DEMO_FILE.read_bytes())
    assert again.count("services", "unchanged") == len(demo_services())
    assert (
        sum(again.count(kind, "created") + again.count(kind, "updated") for kind in again.counts)
        == 0
    )
    assert snapshot() == before
    assert "Diensten: 0 nieuw, 0 gewijzigd, 37 ongewijzigd" in again.lines()


def test_a_reimport_updates_in_place_and_the_lists_of_a_service_are_complete():
    original = service(
        "Budgetwinkel",
        needs=("schulden",),
        languages=("nl", "fr"),
        hours=(("MO", "09:00", "12:00"), ("TH", "13:00", "16:00")),
    )
    other = service("Taalcafe", needs=("taal",))
    load(original, other)
    kept = Service.objects.get(name="Taalcafe")
    changed = copy.deepcopy(original)
    changed["name"] = "Budgetwinkel Wevelgem"
    changed["phones"][0]["number"] = "056 99 99 99"
    changed["schedules"].pop()  # Thursday afternoon is gone
    changed["languages"].append({"id": uid("language/budget/ar"), "code": "ar"})
    changed["attributes"] = [
        {"id": uid("attribute/budget/budgetbeheer"), "taxonomy_term_id": TERM["budgetbeheer"]}
    ]
    summary = load(changed)
    updated = Service.objects.get(pk=original["id"])
    assert updated.name == "Budgetwinkel Wevelgem"
    assert Service.objects.count() == 2  # an import never removes a service
    assert list(updated.phones.values_list("number", flat=True)) == ["056 99 99 99"]
    assert list(updated.schedules.values_list("byday", flat=True)) == ["MO"]
    assert sorted(updated.languages.values_list("code", flat=True)) == ["ar", "fr", "nl"]
    assert [link.term.code for link in updated.taxonomy_links.all()] == ["budgetbeheer"]
    assert summary.count("services", "updated") == 1
    assert summary.count("schedules", "removed") == 1
    assert summary.count("links", "removed") == 1
    assert summary.count("languages", "created") == 1
    kept.refresh_from_db()
    assert kept.name == "Taalcafe" and kept.schedules.count() == 1


def test_several_bad_records_are_all_reported_with_their_paths_and_nothing_is_imported():
    good = service("Goed")
    no_name = service("Zonder naam", status="open")
    del no_name["name"]
    bad_hours = service("Slechte uren", hours=(("MA,DI", "9u", "17:00"),))
    bad_place = service("Verre plek", lat=200, lon=3.18)
    bad_place["email"] = "geen-adres"
    bad_place["phones"][0].pop("number")
    bad_place["languages"] = [{"id": uid("x/lang"), "name": "Nederlands"}]
    unknown_need = service("Onbekende nood")
    unknown_need["attributes"] = [{"id": uid("x/attr"), "taxonomy_term_id": uid("nergens")}]
    unknown_need["id"] = "dienst-5"
    found = problems_of([good, no_name, bad_hours, bad_place, unknown_need])
    assert found == [
        "services[1].name: ontbreekt: dit veld is verplicht",
        "services[1].status: niet een van active, inactive, defunct, temporarily closed",
        "services[2].schedules[0].byday: onbekende dag MA, DI: gebruik MO, TU, WE, TH, FR, SA, SU",
        "services[2].schedules[0].opens_at: geen tijdstip (UU:MM)",
        "services[3].email: geen e-mailadres",
        "services[3].phones[0].number: ontbreekt: dit veld is verplicht",
        "services[3].languages[0].code: ontbreekt: geef de ISO 639-code van de taal (nl)",
        "services[3].service_at_locations[0].location.latitude: niet tussen -90 en 90",
        "services[4].id: geen UUID (bijvoorbeeld 4f3c2a10-…)",
    ]
    assert Service.objects.count() == 0 and Organization.objects.count() == 0
    # Once the file itself is right, what it refers to outside it is checked.
    del unknown_need["id"]
    unknown_need["id"] = uid("service/onbekend")
    assert problems_of([good, unknown_need]) == [
        "services[1].attributes[0].taxonomy_term_id: deze term staat niet in het bestand en "
        "niet in de sociale kaart"
    ]
    assert Service.objects.count() == 0


def test_a_moment_in_any_time_zone_is_kept_as_the_same_moment():
    far = service("Ver van hier", last_modified="2026-10-01T09:00:00-21:41")
    load(far)
    kept = Service.objects.get(name="Ver van hier").last_modified
    assert kept.isoformat() == "2026-10-02T06:41:00+00:00"
    too_early = service("Te vroeg", last_modified="0001-01-01T00:00:00+10:00")
    assert problems_of([too_early]) == [
        "services[0].last_modified: geen datum en tijd met tijdzone (2026-03-15T10:30:00Z)"
    ]


def test_values_that_are_not_what_hsds_says_are_refused():
    odd = service("Vreemd", hours=(("MO", "18:00", ""),))
    odd["minimum_age"] = 12.5
    odd["maximum_age"] = True
    odd["url"] = "javascript:alert(1)"
    odd["last_modified"] = "gisteren"
    odd["phones"] = {"id": uid("p")}
    odd["service_at_locations"][0]["location"]["addresses"][0]["country"] = "België"
    assert problems_of([odd]) == [
        "services[0].minimum_age: geen geheel getal van 0 tot 150",
        "services[0].maximum_age: geen getal",
        "services[0].url: geen webadres (http:// of https://)",
        "services[0].last_modified: geen datum en tijd met tijdzone (2026-03-15T10:30:00Z)",
        "services[0].phones: geen lijst ([…])",
        "services[0].schedules[0].closes_at: geef zowel het openings- als het sluitingsuur",
        "services[0].service_at_locations[0].location.addresses[0].country: "
        "geen landcode van twee letters (BE)",
    ]


def test_a_record_given_twice_must_be_the_same():
    first = service("Eerste", org="Samen vzw")
    second = service("Tweede", org="Samen vzw")
    load(first, second)  # the same organisation nested in both: fine
    second["organization"]["description"] = "Anders"
    assert problems_of([first, second]) == [
        "services[1].organization.id: dit id staat al eerder (services[0].organization) "
        "met een andere inhoud"
    ]


def test_a_service_refers_to_an_organisation_of_the_directory_by_id():
    load(service("Basis", org="Bestaande vzw"))
    by_id = service("Verwijzing")
    del by_id["organization"]
    by_id["organization_id"] = uid("organization/Bestaande vzw")
    load(by_id)
    assert Service.objects.get(name="Verwijzing").organization.name == "Bestaande vzw"
    by_id["organization_id"] = uid("organization/Niemand")
    assert problems_of([by_id]) == [
        "services[0].organization_id: deze organisatie staat niet in het bestand en niet in de "
        "sociale kaart"
    ]
    del by_id["organization_id"]
    assert problems_of([by_id]) == [
        "services[0]: geen organisatie: geef organization of organization_id"
    ]


def test_an_object_with_lists_one_service_and_a_page_of_the_api_are_read_too():
    org_id, loc_id = uid("org/lists"), uid("loc/lists")
    data = {
        "organizations": [{"id": org_id, "name": "Lijsten vzw", "description": "Test"}],
        "locations": [
            {
                "id": loc_id,
                "location_type": "physical",
                "name": "Huis",
                "latitude": 50.8,
                "longitude": 3.2,
                "organization_id": org_id,
            }
        ],
        "services": [
            {
                "id": uid("svc/lists"),
                "name": "Uit lijsten",
                "status": "active",
                "organization_id": org_id,
                "service_at_locations": [{"id": uid("sal/lists"), "location_id": loc_id}],
            }
        ],
    }
    load_summary = actions.import_directory(data=json.dumps(data))
    assert load_summary.count("services", "created") == 1
    assert (
        Service.objects.get(name="Uit lijsten").service_at_locations.get().location.name == "Huis"
    )
    one = service("Alleen")
    actions.import_directory(data=one)
    page = {"total_items": 1, "contents": [service("Van een pagina")]}
    actions.import_directory(data=page)
    assert Service.objects.filter(name__in=["Alleen", "Van een pagina"]).count() == 2
    assert problems_of({"iets": []}) == [
        "Een HSDS-bestand is een lijst van diensten, of een object met lijsten van "
        "organizations, services en locations."
    ]


def test_a_file_that_is_not_json_says_where():
    assert problems_of(b'[{"id": "x",}]') == [
        "Het bestand is geen geldige JSON (regel 1, kolom 13)."
    ]
    assert problems_of(b"\xff\xfe") == ["Het bestand is geen UTF-8-tekst."]


def test_what_wijkpunt_does_not_keep_is_named_in_the_summary():
    extra = service("Met extra", contacts=[{"id": uid("c"), "name": "Jan"}])
    summary = load(extra)
    assert "Niet bewaard (Wijkpunt gebruikt ze niet): service.contacts (1)" in summary.lines()


def test_a_new_term_is_added_and_an_existing_one_is_left_as_it_is():
    new_term = {
        "id": uid("term/mobiliteit"),
        "name": "Mobiliteit",
        "description": "Vervoer",
        "parent_id": TERM["welzijn"],
        "language": "nl",
    }
    renamed = {"id": TERM["taal"], "name": "Andere naam", "description": ""}
    svc = service("Vervoer")
    svc["attributes"] = [
        {"id": uid("attr/mob"), "taxonomy_term": new_term},
        {"id": uid("attr/taal"), "taxonomy_term": renamed},
    ]
    summary = load(svc)
    assert summary.count("terms", "created") == 1
    assert TaxonomyTerm.objects.get(pk=new_term["id"]).parent.code == "welzijn"
    assert TaxonomyTerm.objects.get(pk=TERM["taal"]).name == "Taal leren"


# --- The command --------------------------------------------------------------------------------


def test_the_command_imports_a_file_and_prints_what_it_did(tmp_path):
    path = tmp_path / "kaart.json"
    path.write_text(json.dumps([service("Via de command")]), encoding="utf-8")
    out = io.StringIO()
    call_command("directory", "import", str(path), stdout=out)
    assert "Diensten: 1 nieuw, 0 gewijzigd, 0 ongewijzigd" in out.getvalue()
    assert Service.objects.filter(name="Via de command").exists()


def test_the_command_lists_every_problem_and_exits_with_an_error(tmp_path):
    bad = service("Fout", hours=(("MO", "25:00", "26:00"),))
    path = tmp_path / "fout.json"
    path.write_text(json.dumps([bad]), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("directory", "import", str(path), stderr=err)
    assert raised.value.returncode == 1
    assert "2 probleem/problemen: er is niets geïmporteerd." in str(raised.value)
    assert err.getvalue().splitlines() == [
        "services[0].schedules[0].opens_at: geen tijdstip (UU:MM)",
        "services[0].schedules[0].closes_at: geen tijdstip (UU:MM)",
    ]
    assert not Service.objects.exists()
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        call_command("directory", "import", str(tmp_path / "weg.json"))


# --- From an HSDS API ---------------------------------------------------------------------------


class FakeHSDS:
    """A local HTTP server answering HSDS paths from a dict (no internet)."""

    def __init__(self, answers: dict[str, tuple[int, object]]) -> None:
        self.answers = answers
        self.asked: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                fake.asked.append(self.path)
                status, body = fake.answers.get(self.path, (404, {"detail": "Not found."}))
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}/hsds"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def page(number: int, pages: int, contents: list) -> dict:
    return {
        "total_items": 3,
        "total_pages": pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number == pages,
        "empty": not contents,
        "contents": contents,
    }


def test_an_api_is_read_page_by_page_and_a_brief_service_in_full():
    one, two, three = service("Een"), service("Twee"), service("Drie")
    brief = {k: v for k, v in three.items() if k in ("id", "name", "status")}
    answers = {
        "/hsds/services?page=1&per_page=100&full=true": (200, page(1, 2, [one, two])),
        "/hsds/services?page=2&per_page=100&full=true": (200, page(2, 2, [brief])),
        f"/hsds/services/{three['id']}": (200, three),
    }
    with FakeHSDS(answers) as fake:
        summary = actions.import_from_api(url=fake.base + "/")
    assert summary.count("services", "created") == 3
    assert fake.asked[-1] == f"/hsds/services/{three['id']}"
    assert Service.objects.get(name="Drie").phones.count() == 1


def test_an_api_that_fails_imports_nothing_and_says_which_address():
    answers = {"/hsds/services?page=1&per_page=100&full=true": (500, {"detail": "kapot"})}
    with FakeHSDS(answers) as fake, pytest.raises(hsds.DirectoryInvalid) as raised:
        actions.import_from_api(url=fake.base)
    assert [str(p) for p in raised.value.problems] == [
        f"{fake.base}/services?page=1&per_page=100&full=true: de server antwoordde 500"
    ]
    with pytest.raises(harvest.FetchError):
        harvest.get_json("file:///etc/passwd")
    assert not Service.objects.exists()


def test_the_models_keep_their_invariants():
    load(service("Invariant", status="temporarily closed", languages=("fr",)))
    found = Service.objects.get(name="Invariant")
    assert not found.is_referrable
    assert list(Service.objects.referrable()) == []
    Service.objects.filter(pk=found.pk).update(status=ServiceStatus.ACTIVE)
    assert Service.objects.referrable().get().is_referrable
    assert Phone.objects.filter(service=found).count() == 1
    assert Language.objects.get(service=found).code == "fr"
    assert Schedule.objects.get(service=found).byday == "MO,TU,WE,TH,FR"


# --- Anything at all ------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

KEYS = [
    "id", "name", "status", "organization", "organization_id", "phones", "number", "schedules",
    "byday", "opens_at", "closes_at", "freq", "valid_from", "valid_to", "languages", "code",
    "service_at_locations", "location", "location_id", "latitude", "longitude", "addresses",
    "address_1", "city", "country", "attributes", "taxonomy_term", "taxonomy_term_id",
    "parent_id", "minimum_age", "maximum_age", "last_modified", "email", "url", "services",
    "organizations", "locations", "contents", "extension", "interval",
]  # fmt: skip
LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["", "\x00", "MO,TU", "09:00", "25:00", "2026-02-30", uid("a"), "active"]),
)
VALUES = st.recursive(
    LEAVES,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS), children, max_size=6)
    ),
    max_leaves=25,
)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(VALUES)
def test_any_json_value_is_read_or_refused_with_problems_never_an_error(value):
    try:
        hsds.read(value)
    except hsds.DirectoryInvalid as invalid:
        assert invalid.problems and all(isinstance(p.message, str) for p in invalid.problems)


def test_numbers_beyond_reason_and_digits_beyond_json_are_problems():
    huge = service("Groot")
    huge["minimum_age"] = 10**40
    huge["phones"][0]["extension"] = -(10**100)
    assert problems_of([huge]) == [
        "services[0].minimum_age: geen geheel getal van 0 tot 150",
        "services[0].phones[0].extension: geen geheel getal van 0 tot 99999999",
    ]
    assert problems_of(b'[{"minimum_age": ' + b"9" * 5000 + b"}]") == [
        "Het bestand is geen geldige JSON."
    ]
