import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkpunt.audit.models import AuditAction, AuditEntry
from wijkpunt.workspace.tests.helpers import (
    NON_STAFF,
    add_building,
    add_dwellings,
    add_household,
)

URL = reverse("workspace:search")


def names(response) -> list[str]:
    return [h.name for h in response.context.get("household_rows", [])]


def search(client, q: str, **params):
    response = client.get(URL, {"q": q, **params})
    assert response.status_code == 200
    return response


@pytest.fixture
def dupre(personas):
    home = add_dwellings(add_building(personas.estate, street="Kerkstraat", number="12a"), 1)[0]
    return add_household(home, "Gezin Dupré", residents=(("Zoë", "Dupré"), ("Émile", "ÇELİK")))


@pytest.mark.parametrize("query", ["peeters", "PEETERS", "Peeters", "péeters", "  peeters  "])
def test_case_and_accents_do_not_matter(personas, staff_client, query):
    staff_client.force_login(personas.woonconsulent)
    assert names(search(staff_client, query)) == ["Gezin Peeters"]


@pytest.mark.parametrize("query", ["dupre", "DUPRÉ", "zoe", "Zoë dupre", "emile", "celik", "ÇELIK"])
def test_accented_names_in_the_registry_are_found(personas, staff_client, dupre, query):
    staff_client.force_login(personas.woonconsulent)
    assert names(search(staff_client, query)) == ["Gezin Dupré"]


def test_coordinator_finds_coordinator_with_accent(personas):
    from wijkpunt.accounts.models import User
    from wijkpunt.workspace.textsearch import Fold

    user = User.objects.annotate(f=Fold("full_name")).get(f__contains="coordinator")
    assert user == personas.coordinator


def test_resident_first_name(personas, staff_client):
    staff_client.force_login(personas.social_worker)
    assert names(search(staff_client, "jef")) == ["Gezin Peeters"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Lindenplein 1", ["Gezin Peeters"]),
        ("lindenplein 1 bus 0.1", ["Gezin Peeters"]),
        ("Lindenplein 7", []),
        ("Kerkstraat 12a", ["Gezin Dupré"]),
        ("kerkstraat 12", []),
        ("8560", ["Gezin Dupré", "Gezin Peeters"]),
        ("Testgem", ["Gezin Dupré", "Gezin Peeters"]),
        ("peeters kerkstraat", []),
        ("dupre kerkstraat", ["Gezin Dupré"]),
    ],
)
def test_address_search(personas, staff_client, dupre, query, expected):
    staff_client.force_login(personas.technician)
    # The technician covers Beukenhof too: Yilmaz lives at 8560 Testgem as well.
    found = [n for n in names(search(staff_client, query)) if n != "Gezin Yilmaz"]
    assert found == expected


def test_only_visible_households_are_found(personas, staff_client):
    staff_client.force_login(personas.buurtwerker)
    assert names(search(staff_client, "yilmaz")) == []
    staff_client.force_login(personas.coordinator)
    assert names(search(staff_client, "yilmaz")) == ["Gezin Yilmaz"]


def test_results_show_address_and_estate_and_are_audited(personas, staff_client):
    staff_client.force_login(personas.coordinator)
    response = search(staff_client, "gezin")
    html = response.content.decode()
    assert "Lindenplein 1" in html and "Beukenhof 7" in html
    entries = AuditEntry.objects.filter(actor=personas.coordinator)
    assert {e.household_id for e in entries} == {
        personas.household.pk,
        personas.other_household.pk,
    }
    assert {(e.action, e.purpose) for e in entries} == {(AuditAction.SEARCH, "gezin")}


def test_partner_worker_finds_dwellings_but_no_households(personas, staff_client):
    staff_client.force_login(personas.partner_worker)
    response = search(staff_client, "Lindenplein 1")
    html = response.content.decode()
    assert "household_rows" not in response.context
    assert "Gezin Peeters" not in html
    assert [d.pk for d in response.context["dwelling_rows"]] == [personas.dwelling.pk]
    assert response.context["dwelling_rows"][0].is_occupied is True
    assert not AuditEntry.objects.filter(actor=personas.partner_worker).exists()


def test_vacancy_lookup(personas, staff_client):
    empty = add_dwellings(personas.building, 1, bedrooms=3)[0]
    staff_client.force_login(personas.letting)
    rows = search(staff_client, "Lindenplein").context["dwelling_rows"]
    vacancy = {d.pk: d.is_occupied for d in rows}
    assert vacancy == {personas.dwelling.pk: True, empty.pk: False}


def test_dwellings_outside_the_roles_are_not_found(personas, staff_client):
    staff_client.force_login(personas.buurtwerker)
    assert search(staff_client, "Beukenhof").context["dwelling_rows"] == []


def test_empty_query_shows_only_the_form(personas, staff_client):
    staff_client.force_login(personas.coordinator)
    for response in (staff_client.get(URL), search(staff_client, ""), search(staff_client, "   ")):
        assert response.status_code == 200
        assert "household_rows" not in response.context
        assert not response.context["form"].errors
    assert not AuditEntry.objects.exists()


def test_too_long_query_is_refused_clearly_and_kept(personas, staff_client):
    staff_client.force_login(personas.coordinator)
    query = "peeters " * 30
    response = search(staff_client, query)
    assert "q" in response.context["form"].errors
    html = response.content.decode()
    assert "te lang" in html
    assert "peeters peeters" in html  # kept in the box
    assert "household_rows" not in response.context
    assert not AuditEntry.objects.exists()


def test_too_many_words_is_refused(personas, staff_client):
    staff_client.force_login(personas.coordinator)
    response = search(staff_client, "a b c d e f g h i j")
    assert "q" in response.context["form"].errors
    assert not AuditEntry.objects.exists()


def test_like_wildcards_are_taken_literally(personas, staff_client):
    staff_client.force_login(personas.coordinator)
    assert names(search(staff_client, "%")) == []
    assert names(search(staff_client, "_")) == []


@pytest.mark.parametrize("persona", NON_STAFF)
def test_non_staff_are_refused(personas, staff_client, persona):
    staff_client.force_login(getattr(personas, persona))
    response = staff_client.get(URL, {"q": "peeters"})
    assert response.status_code == 403
    assert "Gezin Peeters" not in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_anonymous_goes_to_login(personas, client):
    assert client.get(URL, {"q": "peeters"}).status_code == 302


def test_pagination_25_audits_only_the_page_and_queries_stay_flat(personas, staff_client):
    staff_client.force_login(personas.woonconsulent)
    building = add_building(personas.estate, street="Molenstraat", number="3")
    homes = add_dwellings(building, 30)

    def run(page: int):
        with CaptureQueriesContext(connection) as ctx:
            response = search(staff_client, "molenstraat", page=page)
        return response, len(ctx.captured_queries)

    add_household(homes[0], "Gezin Molen 0")
    _, few = run(1)
    for i, home in enumerate(homes[1:], start=1):
        add_household(home, f"Gezin Molen {i:02d}")
    before = AuditEntry.objects.count()
    response, many = run(1)
    assert len(response.context["household_rows"]) == 25
    assert AuditEntry.objects.count() - before == 25
    assert many == few
    response, _ = run(2)
    assert len(response.context["household_rows"]) == 5
