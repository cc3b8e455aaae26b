"""The staff landing page (/werk/): what needs the person now, with counts and the first few
of each, linking to the filtered queue. Read in Dutch."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone, translation

from wijkpunt.audit.models import AuditEntry
from wijkpunt.inbox.tests.helpers import STAFF, login, report
from wijkpunt.signalling import actions
from wijkpunt.signalling.models import Signal

URL = "/werk/"


@pytest.fixture(autouse=True)
def dutch(client):
    client.cookies["wijkpunt_language"] = "nl-be"
    with translation.override("nl-be"):
        yield


def sections(response) -> dict:
    return {s.key: s for s in response.context["sections"]}


@pytest.mark.parametrize("who", STAFF)
def test_every_staff_member_sees_what_needs_them(staff_client, personas, who):
    login(staff_client, getattr(personas, who))
    response = staff_client.get(URL)
    assert response.status_code == 200
    keys = list(sections(response))
    assert keys[:3] == ["urgent", "late", "mine"] and keys[-1] == "replies"
    assert "Wat nu op u wacht" in response.content.decode()


@pytest.mark.parametrize(("who", "expected"), [("tenant", 403), ("outsider", 403)])
def test_others_are_refused(staff_client, personas, who, expected):
    report(personas, "Het ruikt naar gas", urgent=True)
    login(staff_client, getattr(personas, who))
    response = staff_client.get(URL)
    assert response.status_code == expected
    assert "ruikt naar gas" not in response.content.decode()


def test_counts_rows_and_links(staff_client, personas):
    tech_team = personas.technician.staff_roles.get().team
    gas = report(personas, "Het ruikt naar gas in de gang", urgent=True)
    late = report(personas, "De deur klemt")
    Signal.objects.filter(pk=late.pk).update(resolution_due=timezone.now() - dt.timedelta(days=3))
    mine = report(personas, "Lamp stuk")
    actions.assign(
        signal=mine,
        user=personas.coordinator,
        organisation=personas.housing,
        person=personas.technician,
    )
    team = report(personas, "Kraan druppelt")
    actions.assign(
        signal=team, user=personas.coordinator, organisation=personas.housing, team=tech_team
    )
    actions.send_message(signal=team, user=personas.technician, text="Wanneer past het?")
    actions.resident_reply(signal=team, user=personas.tenant, text="Morgen")
    welfare = report(personas, "Buurvrouw al dagen niet gezien", "welzijn-en-zorg", urgent=True)
    login(staff_client, personas.technician)
    response = staff_client.get(URL)
    got = sections(response)
    assert [s.reference for s in got["urgent"].rows] == [gas.reference]  # not the welfare one
    assert welfare.reference not in response.content.decode()
    assert [s.reference for s in got["late"].rows] == [late.reference]
    assert [s.reference for s in got["mine"].rows] == [mine.reference]
    assert [s.reference for s in got["team"].rows] == [team.reference]
    assert [s.reference for s in got["replies"].rows] == [team.reference]
    assert got["urgent"].count == 1
    html = response.content.decode()
    assert 'href="/werk/meldingen/?queue=all&amp;urgent=on"' in html
    assert 'href="/werk/meldingen/?queue=mine_team&amp;replied=on"' in html
    # The link opens the same signals in the queue.
    linked = staff_client.get("/werk/meldingen/", {"queue": "all", "urgent": "on"})
    assert {s.reference for s in linked.context["signals"]} == {gas.reference}
    assert re.search(r'data-section="urgent".*?data-count>1<', html, re.S)
    # The rows shown are reads of the household behind them.
    assert AuditEntry.objects.filter(
        actor=personas.technician, household_id=personas.household.pk, purpose="landing page"
    ).exists()


def test_a_coordinator_sees_replies_in_the_full_queue(staff_client, personas):
    signal = report(personas)
    actions.resident_reply(signal=signal, user=personas.tenant, text="Nog steeds kapot")
    login(staff_client, personas.coordinator)
    got = sections(staff_client.get(URL))
    assert [s.reference for s in got["replies"].rows] == [signal.reference]
    assert "team" not in got  # the coordinator has no team
