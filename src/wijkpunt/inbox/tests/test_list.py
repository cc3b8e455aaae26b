"""The inbox list: who may use it, queues, filters, search, sort, pagination, query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkpunt.inbox import queries
from wijkpunt.inbox.tests.helpers import STAFF, login, report
from wijkpunt.signalling import actions
from wijkpunt.signalling.models import Channel, Signal, SignalStatus
from wijkpunt.testing import HANDOVER

URL = "/werk/meldingen/"


def refs(response) -> set[str]:
    return {s.reference for s in response.context["signals"]}


def test_the_url_is_where_the_brief_says():
    assert reverse("inbox:home") == URL


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("who", ["tenant", "outsider"])
def test_tenants_and_people_without_a_role_are_refused(staff_client, personas, who):
    report(personas)
    login(staff_client, getattr(personas, who))
    assert staff_client.get(URL).status_code == 403
    assert staff_client.get(URL + "kaart/").status_code == 403
    response = staff_client.post(URL + "toewijzen/", {"signals": ["1"], "assignee": "x"})
    assert response.status_code == 403


@pytest.mark.parametrize("who", STAFF)
def test_every_staff_role_gets_the_inbox(staff_client, personas, who):
    login(staff_client, getattr(personas, who))
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert b"inbox/keys.js" in response.content


def test_the_technician_never_sees_welfare_signals_in_any_queue(staff_client, personas):
    repair = report(personas)
    welfare = report(personas, "Mijn buurman is al dagen niet gezien", "welzijn-en-zorg")
    actions.assign(
        signal=welfare,
        user=personas.social_worker,
        organisation=personas.ocmw,
        note="Overdracht",
        **HANDOVER,
    )
    login(staff_client, personas.technician)
    for queue, _label in [(q.key, q.label) for q in queries.QUEUES]:
        response = staff_client.get(URL, {"queue": queue, "status": list(SignalStatus.values)})
        assert welfare.reference not in refs(response), queue
        assert b"dagen niet gezien" not in response.content
    assert repair.reference in refs(staff_client.get(URL, {"queue": "all"}))


def test_the_partner_worker_sees_only_what_was_handed_over(staff_client, personas):
    money = report(personas, "Ik heb schulden bij de energieleverancier", "financiele-zorgen")
    other = report(personas, "Ik heb geldzorgen", "financiele-zorgen")
    login(staff_client, personas.partner_worker)
    assert refs(staff_client.get(URL, {"queue": "all"})) == set()
    actions.assign(
        signal=money,
        user=personas.budget_worker,
        organisation=personas.other_partner,
        note="Overdracht",
        **HANDOVER,
    )
    assert refs(staff_client.get(URL, {"queue": "all"})) == {money.reference}
    assert other.reference not in refs(staff_client.get(URL, {"queue": "all"}))


def test_queues(staff_client, personas):
    mine = report(personas, "Lek in de badkamer")
    team = report(personas, "Deur klemt")
    unclassified = report(personas, "Iets vreemds aan de hand", slug=None)
    actions.assign(
        signal=mine,
        user=personas.coordinator,
        organisation=personas.housing,
        person=personas.technician,
    )
    tech_team = personas.technician.staff_roles.get().team
    actions.assign(
        signal=team, user=personas.coordinator, organisation=personas.housing, team=tech_team
    )
    login(staff_client, personas.technician)
    assert refs(staff_client.get(URL, {"queue": "mine"})) == {mine.reference}
    assert refs(staff_client.get(URL, {"queue": "team"})) == {team.reference}
    assert refs(staff_client.get(URL, {"queue": "estates"})) >= {mine.reference, team.reference}
    # The technician has no triage desk: the queue falls back to where handlers start.
    response = staff_client.get(URL, {"queue": "triage"})
    assert response.context["queue"] == "mine_team"
    assert "triage" not in {q.key for q in response.context["queues"]}

    login(staff_client, personas.coordinator)
    response = staff_client.get(URL, {"queue": "triage"})
    assert response.context["queue"] == "triage"
    assert refs(response) == {unclassified.reference}


def test_estate_queue_only_covers_my_estates(staff_client, personas):
    here = report(personas, "Lamp in de hal kapot", building=personas.building, reporter=None)
    there = report(
        personas,
        "Lamp in de hal kapot",
        building=personas.other_dwelling.building,
        reporter=None,
    )
    login(staff_client, personas.woonconsulent)  # only covers personas.estate
    got = refs(staff_client.get(URL, {"queue": "estates"}))
    assert here.reference in got and there.reference not in got


def test_filters(staff_client, personas):
    leak = report(personas, "Lek aan het dak", reported_urgent=True)
    door = report(personas, "Voordeur sluit niet", channel=Channel.PHONE)
    closed = report(personas, "Lamp vervangen")
    for status in ("assigned", "in_progress", "resolved", "closed"):
        if status == "assigned":
            actions.assign(signal=closed, user=personas.technician, organisation=personas.housing)
            continue
        actions.change_status(signal=closed, user=personas.technician, status=status)
    noise = report(personas, "Lawaai van de buren", "overlast")
    login(staff_client, personas.admin)

    everything = refs(staff_client.get(URL, {"queue": "all"}))
    assert {leak.reference, door.reference, noise.reference} <= everything
    assert closed.reference not in everything  # open statuses by default
    assert refs(staff_client.get(URL, {"queue": "all", "status": "closed"})) == {closed.reference}
    herstelling = leak.category_id
    got = refs(staff_client.get(URL, {"queue": "all", "category": herstelling}))
    assert noise.reference not in got and leak.reference in got
    assert refs(staff_client.get(URL, {"queue": "all", "urgent": "on"})) == {leak.reference}
    assert refs(staff_client.get(URL, {"queue": "all", "channel": "phone"})) == {door.reference}
    assert (
        refs(staff_client.get(URL, {"queue": "all", "estate": personas.other_estate.pk})) == set()
    )

    Signal.objects.filter(pk=door.pk).update(resolution_due=timezone.now() - dt.timedelta(days=3))
    response = staff_client.get(URL, {"queue": "all", "overdue": "on"})
    assert refs(response) == {door.reference}
    assert "te laat" in response.content.decode() or "late" in response.content.decode()


def test_bad_filter_values_never_break_the_list(staff_client, personas):
    report(personas)
    login(staff_client, personas.technician)
    for params in (
        {"category": "abc"},
        {"estate": "999999"},
        {"status": "nonsense"},
        {"sort": "evil"},
        {"page": "x"},
        {"page": "-4"},
        {"queue": "secret"},
        {"q": "x" * 500},
        {"q": "\"'()&|!:*"},
    ):
        assert staff_client.get(URL, params).status_code == 200, params


def test_search_finds_words_in_the_text(staff_client, personas):
    heating = report(personas, "De Verwarming doet het niet meer")
    leak = report(personas, "Water lekt door het plafond")
    login(staff_client, personas.technician)
    assert refs(staff_client.get(URL, {"queue": "all", "q": "verwarming"})) == {heating.reference}
    assert refs(staff_client.get(URL, {"queue": "all", "q": "plafond water"})) == {leak.reference}
    assert refs(staff_client.get(URL, {"queue": "all", "q": "plafond verwarming"})) == set()


def test_search_by_the_reference_a_resident_quotes(staff_client, personas):
    heating = report(personas, "De verwarming doet het niet meer")
    number = report(personas, f"Deurbel van huisnummer {heating.pk} is stuk")
    welfare = report(personas, "Mijn buurman is al dagen niet gezien", "welzijn-en-zorg")
    login(staff_client, personas.technician)
    for quoted in (heating.reference, heating.reference.lower(), f"M {heating.pk}"):
        assert refs(staff_client.get(URL, {"queue": "all", "q": quoted})) == {heating.reference}, (
            quoted
        )
    # A bare number: the signal with that reference, and texts with the number in them.
    found = refs(staff_client.get(URL, {"queue": "all", "q": str(heating.pk)}))
    assert found == {heating.reference, number.reference}
    # Never a signal beyond the technician's need-to-know.
    assert refs(staff_client.get(URL, {"queue": "all", "q": welfare.reference})) == set()


def test_search_per_database_engine(staff_client, personas):
    """PostgreSQL searches with Dutch stemming and web-search syntax; the SQLite fallback
    ignores case and accents and matches parts of words."""
    if connection.vendor == "postgresql":
        heating = report(personas, "De verwarmingen in de blok werken niet")
        login(staff_client, personas.technician)
        assert refs(staff_client.get(URL, {"queue": "all", "q": "verwarming"})) == {
            heating.reference
        }
        assert refs(staff_client.get(URL, {"queue": "all", "q": "verwarming -blok"})) == set()
    else:
        idea = report(personas, "Idee voor een buurtfeest met de Coördinator", "samenleven")
        login(staff_client, personas.buurtwerker)
        assert refs(staff_client.get(URL, {"queue": "all", "q": "COORDINATOR"})) == {idea.reference}
        assert refs(staff_client.get(URL, {"queue": "all", "q": "buurt"})) == {idea.reference}


def test_sort_orders(staff_client, personas):
    first = report(personas, "Eerste melding")
    second = report(personas, "Tweede melding", reported_urgent=True)
    third = report(personas, "Derde melding")
    Signal.objects.filter(pk=first.pk).update(resolution_due=timezone.now() + dt.timedelta(days=1))
    Signal.objects.filter(pk=third.pk).update(resolution_due=None)
    login(staff_client, personas.technician)

    def order(sort):
        response = staff_client.get(
            URL, {"queue": "all", "sort": sort} if sort else {"queue": "all"}
        )
        return [s.reference for s in response.context["signals"]]

    assert order(None) == [second.reference, first.reference, third.reference]
    assert order("newest") == [third.reference, second.reference, first.reference]
    assert order("oldest") == [first.reference, second.reference, third.reference]


def test_rows_show_no_household_names(staff_client, personas):
    report(personas, "Kraan lekt")
    login(staff_client, personas.technician)
    content = staff_client.get(URL).content.decode()
    assert "Peeters" not in content
    assert "Lindenplein" in content  # the estate and building are shown


def test_pagination(staff_client, personas, monkeypatch):
    monkeypatch.setattr(queries, "PAGE_SIZE", 3)
    for i in range(7):
        report(personas, f"Melding nummer {i}")
    login(staff_client, personas.technician)
    first = staff_client.get(URL, {"queue": "all", "sort": "oldest"})
    assert len(first.context["signals"]) == 3 and first.context["page"].has_next
    last = staff_client.get(URL, {"queue": "all", "sort": "oldest", "page": 3})
    assert len(last.context["signals"]) == 1 and not last.context["page"].has_next
    assert "page=2" in last.content.decode()


def _queries_for_page(client, size) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, {"sort": "oldest"})
    assert len(response.context["signals"]) == size
    return len(ctx.captured_queries)


def test_the_query_count_does_not_grow_with_the_page(staff_client, personas):
    login(staff_client, personas.technician)
    tech_team = personas.technician.staff_roles.get().team
    # Both pages hold the same kinds of rows (a team, a person): related rows are loaded with
    # one query per kind, so only the number of rows differs.
    for i in range(5):
        s = report(personas, f"Melding {i}")
        actions.assign(
            signal=s,
            user=personas.admin,
            organisation=personas.housing,
            team=tech_team,
            person=personas.technician if i == 0 else None,
        )
    five = _queries_for_page(staff_client, 5)
    for i in range(45):
        s = report(personas, f"Nog een melding {i}", reported_urgent=i % 3 == 0)
        actions.assign(
            signal=s,
            user=personas.admin,
            organisation=personas.housing,
            person=personas.technician,
        )
    fifty = _queries_for_page(staff_client, 50)
    assert five == fifty
    # 22 for the rows and their related rows, the total (counted up to 1,000) and the
    # "resident replied" marks of the page.
    assert fifty <= 24


def test_the_filter_chips_are_the_forms_own_checkboxes(staff_client, personas):
    """The chips are written out by hand (a widget template per choice is slow on a busy
    queue): each is exactly the checkbox the form would render, ticked when chosen."""
    from wijkpunt.inbox.forms import FilterForm

    login(staff_client, personas.coordinator)
    query = {"status": ["new", "assigned"], "channel": ["phone"]}
    html = staff_client.get(reverse("inbox:home"), query).content.decode()
    form = FilterForm(query, user=personas.coordinator)
    checked = 0
    for name in ("status", "category", "estate", "channel"):
        for choice in form[name]:
            assert str(choice.tag()) in html, choice.tag()
            checked += bool(choice.data["selected"])
    assert checked == 3
