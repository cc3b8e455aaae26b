"""Finding a signal for someone on the phone, and the list as a good inbox: search by name,
address and reference (closed signals too, with a hint), the Dutch stemmer, totals, where a
queue opens, the "resident replied" marker, ticks instead of multi-selects, and no
"---------" anywhere. Pages read in Dutch."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.utils import translation

from wijkpunt.audit.models import AuditEntry
from wijkpunt.inbox import queries
from wijkpunt.inbox.tests.helpers import STAFF, login, report
from wijkpunt.signalling import actions
from wijkpunt.signalling.models import Signal, SignalStatus
from wijkpunt.testing import HANDOVER

URL = "/werk/meldingen/"


@pytest.fixture(autouse=True)
def dutch(client):
    client.cookies["wijkpunt_language"] = "nl-be"
    with translation.override("nl-be"):
        yield


def refs(response) -> set[str]:
    return {s.reference for s in response.context["signals"]}


def find(client, q, **extra):
    return client.get(URL, {"queue": "all", "q": q, **extra})


# --- Search -------------------------------------------------------------------------------


def test_lekt_finds_lek_and_every_form_of_the_word(staff_client, personas):
    lek = report(personas, "Er is een lek in het dak")
    lekken = report(personas, "De leidingen lekken al weken")
    other = report(personas, "De deur klemt")
    login(staff_client, personas.technician)
    found = refs(find(staff_client, "lekt"))
    assert {lek.reference, lekken.reference} <= found
    assert other.reference not in found
    assert lek.reference in refs(find(staff_client, "lekken"))


def test_a_word_is_found_even_when_its_stem_is_spelled_otherwise(staff_client, personas):
    """Snowball writes "living" as "lif" and "huizen" as "huiz": the text's own spelling
    still finds the signal."""
    heating = report(personas, "De verwarming in de living doet het niet meer")
    houses = report(personas, "Twee huizen verder lekt het ook")
    login(staff_client, personas.technician)
    assert refs(find(staff_client, "verwarming living")) == {heating.reference}
    assert houses.reference in refs(find(staff_client, "huizen"))


def test_a_name_finds_the_signals_of_that_household(staff_client, personas):
    theirs = report(personas, "De kraan druppelt")
    others = report(personas, "Schimmel", reporter=personas.other_tenant)
    login(staff_client, personas.woonconsulent)
    assert refs(find(staff_client, "Peeters")) == {theirs.reference}
    assert refs(find(staff_client, "gezin peeters")) == {theirs.reference}
    assert refs(find(staff_client, "an PEETERS")) == {theirs.reference}
    assert others.reference not in refs(find(staff_client, "Peeters"))


def test_an_address_finds_the_signals_there(staff_client, personas):
    here = report(personas, "De lift staat stil", building=personas.building, reporter=None)
    there = report(
        personas, "De lift staat stil", building=personas.other_dwelling.building, reporter=None
    )
    login(staff_client, personas.coordinator)
    assert refs(find(staff_client, "Lindenplein 1")) == {here.reference}
    assert refs(find(staff_client, "beukenhof 7")) == {there.reference}


def test_names_are_matched_only_where_the_reader_may_know_them(staff_client, personas):
    """Need-to-know in the query: a partner who may see the signal but not the household
    cannot find it by the household's name, and an anonymous report is never found by one."""
    money = report(personas, "Ik kan de huur niet betalen", "financiele-zorgen")
    actions.assign(
        signal=money,
        user=personas.budget_worker,
        organisation=personas.other_partner,
        note="Schuldhulp",
        **HANDOVER,
    )
    login(staff_client, personas.partner_worker)
    assert refs(find(staff_client, "huur")) == {money.reference}
    assert refs(find(staff_client, "Peeters")) == set()
    anonymous = report(personas, "Er wordt gedeald", "veiligheid", anonymous=True)
    Signal.objects.filter(pk=anonymous.pk).update(reporter_name="Jan Verklikker")
    login(staff_client, personas.woonconsulent)
    assert refs(find(staff_client, "Verklikker")) == set()
    assert anonymous.reference in refs(find(staff_client, "gedeald"))


def test_closed_signals_are_found_with_a_hint(staff_client, personas):
    open_one = report(personas, "De verwarming valt uit")
    closed = report(personas, "De verwarming valt weer uit")
    for status in ("in_progress", "resolved", "closed"):
        actions.change_status(signal=closed, user=personas.technician, status=status)
    login(staff_client, personas.technician)
    response = find(staff_client, "verwarming")
    assert refs(response) == {open_one.reference}
    html = response.content.decode()
    assert "1 afgesloten melding past ook." in html
    link = re.search(r'href="([^"]+)" data-hint="closed"', html).group(1).replace("&amp;", "&")
    response = staff_client.get(URL + link)
    assert refs(response) == {open_one.reference, closed.reference}
    assert 'data-hint="closed"' not in response.content.decode()
    # A reference finds its signal whatever its status.
    assert refs(find(staff_client, closed.reference)) == set()
    assert refs(find(staff_client, closed.reference, closed="on")) == {closed.reference}


def test_a_hint_when_the_queue_hides_matches(staff_client, personas):
    report(personas, "De verwarming valt uit")
    login(staff_client, personas.technician)
    response = staff_client.get(URL, {"queue": "mine", "q": "verwarming"})
    assert refs(response) == set()
    html = response.content.decode()
    assert "1 melding buiten deze lijst past." in html
    assert 'data-hint="queue"' in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the dutch configuration")
def test_postgresql_uses_its_dutch_configuration(staff_client, personas):
    lek = report(personas, "De leidingen lekken")
    login(staff_client, personas.technician)
    assert lek.reference in refs(find(staff_client, "lekt"))


def test_searches_are_audited_as_list_reads(staff_client, personas):
    report(personas, "De kraan druppelt")
    login(staff_client, personas.woonconsulent)
    find(staff_client, "Peeters")
    assert AuditEntry.objects.filter(
        actor=personas.woonconsulent,
        household_id=personas.household.pk,
        object_type="signal-list",
    ).exists()


# --- The list -------------------------------------------------------------------------------


def test_the_list_shows_its_total(staff_client, personas):
    for i in range(3):
        report(personas, f"Melding {i}")
    login(staff_client, personas.coordinator)
    html = staff_client.get(URL).content.decode()
    assert re.search(r"<span data-inbox-total>3 meldingen</span>", html)
    queries_cap = queries.TOTAL_CAP
    assert queries.total(Signal.objects.all()) == (3, False) and queries_cap == 1000


@pytest.mark.parametrize("who", STAFF)
def test_where_each_role_starts(staff_client, personas, who):
    user = getattr(personas, who)
    login(staff_client, user)
    response = staff_client.get(URL)
    assert response.status_code == 200
    desk = {"coordinator", "woonconsulent", "ocmw_reception", "admin"}
    assert response.context["queue"] == ("all" if who in desk else "mine_team")


def test_mine_and_my_team(staff_client, personas):
    tech_team = personas.technician.staff_roles.get().team
    mine = report(personas, "Voor mij")
    team = report(personas, "Voor het team")
    other = report(personas, "Voor niemand")
    actions.assign(
        signal=mine,
        user=personas.coordinator,
        organisation=personas.housing,
        person=personas.technician,
    )
    actions.assign(
        signal=team, user=personas.coordinator, organisation=personas.housing, team=tech_team
    )
    login(staff_client, personas.technician)
    got = refs(staff_client.get(URL))
    assert got == {mine.reference, team.reference}
    assert other.reference not in got


def test_a_reply_from_the_resident_is_marked_until_answered(staff_client, personas):
    signal = report(personas)
    quiet = report(personas, "Nog iets")
    actions.send_message(signal=signal, user=personas.technician, text="Wanneer bent u thuis?")
    actions.resident_reply(signal=signal, user=personas.tenant, text="Dinsdag")
    login(staff_client, personas.coordinator)
    response = staff_client.get(URL)
    rows = {s.reference: s.resident_replied for s in response.context["signals"]}
    assert rows == {signal.reference: True, quiet.reference: False}
    assert response.content.decode().count("data-replied") == 1
    assert "Bewoner antwoordde" in response.content.decode()
    assert refs(staff_client.get(URL, {"replied": "on"})) == {signal.reference}
    actions.send_message(signal=signal, user=personas.technician, text="Tot dinsdag")
    response = staff_client.get(URL)
    assert "data-replied" not in response.content.decode()
    assert refs(staff_client.get(URL, {"replied": "on"})) == set()


def test_filters_are_ticks_not_multi_selects(staff_client, personas):
    login(staff_client, personas.coordinator)
    html = staff_client.get(URL).content.decode()
    assert "<select" in html  # the sort order and the bulk assignee
    assert "multiple" not in html
    assert "(optioneel)" not in html and "niet verplicht" not in html
    for name in ("status", "category", "estate", "channel", "urgent", "overdue", "replied"):
        assert f'type="checkbox" name="{name}"' in html, name
    # Filters are collapsed unless one is set.
    assert '<details class="inbox-filters__more" data-inbox-filters>' in html
    html = staff_client.get(URL, {"urgent": "on"}).content.decode()
    assert "data-inbox-filters open" in html


def test_the_bulk_bar_is_one_compact_bar_below_the_rows(staff_client, personas):
    report(personas)
    login(staff_client, personas.coordinator)
    html = staff_client.get(URL).content.decode()
    assert html.index("data-inbox-row") < html.index("data-inbox-bulk")
    assert html.count("data-inbox-bulk ") + html.count("data-inbox-bulk>") == 1


STAFF_PAGES = [
    "/werk/",
    "/werk/meldingen/",
    "/werk/meldingen/kaart/",
    "/werk/meldingen/{pk}/",
    "/werk/meldingen/{pk}/?tab=assign",
    "/werk/meldingen/{pk}/?tab=triage",
    "/werk/meldingen/{pk}/?tab=status",
    "/werk/melden/nieuw/",
    "/werk/wijken/",
    "/werk/wijken/lindenplein/",
    "/werk/zoeken/?q=peeters",
    "/werk/registry/",
]


@pytest.mark.parametrize("who", ["coordinator", "technician", "admin"])
def test_no_form_shows_djangos_dashes(staff_client, personas, who):
    signal = report(personas, slug=None)
    login(staff_client, getattr(personas, who))
    for path in STAFF_PAGES:
        response = staff_client.get(path.format(pk=signal.pk))
        assert response.status_code in (200, 403), (path, response.status_code)
        assert "---------" not in response.content.decode(), path


def test_every_form_class_gets_plain_blank_choices(personas):
    """The class of the bug: any form built on StyledFormMixin, whatever its fields."""
    from django import forms

    from wijkpunt.core.forms import StyledFormMixin
    from wijkpunt.signalling.models import Category

    class Sample(StyledFormMixin, forms.Form):
        category = forms.ModelChoiceField(queryset=Category.objects.all())
        status = forms.ChoiceField(choices=[("", "---------"), *SignalStatus.choices])

    html = str(Sample())
    assert "---------" not in html
    assert html.count("— kies —") == 2
