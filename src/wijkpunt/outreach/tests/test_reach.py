"""Reaching people: every household through every channel it has, once, in its language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from wijkpunt.housing.models import Dwelling, Household, Tenancy
from wijkpunt.outreach import reach
from wijkpunt.outreach.audience import Audience
from wijkpunt.outreach.models import Channel, Delivery, DeliveryState
from wijkpunt.testing import make_personas, rolled_back


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        p = make_personas()
        # A French household with e-mail and no account, in the tenant's estate.
        dwelling = Dwelling.objects.create(building=p.building, unit="0.2")
        dubois = Household.objects.create(
            name="Gezin Dubois", language="fr", email="dubois@example.org"
        )
        Tenancy.objects.create(dwelling=dwelling, household=dubois, start_date=dt.date(2021, 1, 1))
        # A household without e-mail, account or current home: nobody can reach it.
        gone = Household.objects.create(name="Gezin Weg")
        yield p, dubois, gone


def _message(language: str) -> tuple[str, str]:
    # Called with the household's language active.
    return f"Onderwerp [{translation.get_language()}]", f"Tekst in {language}"


def test_each_household_is_reached_through_every_channel_it_has_once(
    world, db, django_capture_on_commit_callbacks, mailoutbox
):
    p, dubois, gone = world
    households = [p.household, p.other_household, dubois, gone]
    with django_capture_on_commit_callbacks(execute=True):
        result = reach.reach(
            households=households, message=_message, kind="test.notice", ref="1", by=p.coordinator
        )
    rows = {
        (d.household_id, d.channel): d for d in Delivery.objects.filter(kind="test.notice", ref="1")
    }
    assert set(rows) == {
        (p.household.pk, Channel.PORTAL),  # An Peeters has an account; no e-mail: a letter
        (p.household.pk, Channel.LETTER),
        (p.other_household.pk, Channel.PORTAL),
        (p.other_household.pk, Channel.LETTER),
        (dubois.pk, Channel.EMAIL),  # e-mail, no account
        (gone.pk, Channel.NONE),
    }
    assert rows[(p.other_household.pk, Channel.LETTER)].language == "fr"
    assert result.counts == {"portal": 2, "letter": 2, "email": 1, "none": 1}

    # The e-mail left after the commit, in the household's language, and is marked sent.
    [mail] = mailoutbox
    assert mail.to == ["dubois@example.org"]
    assert mail.subject == "Onderwerp [fr]"
    assert "Tekst in fr" in mail.body
    assert Delivery.objects.get(household=dubois).state == DeliveryState.SENT

    # Letters to print for the households without e-mail, for the letters mechanism.
    due = reach.letters_due(kind="test.notice")
    assert {d.household_id for d in due} == {p.household.pk, p.other_household.pk}
    assert {d.text()[0] for d in due} == {"Onderwerp [nl-be]", "Onderwerp [fr]"}

    # Again (a task run twice, a double click): nothing new, no second e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        again = reach.reach(
            households=households, message=_message, kind="test.notice", ref="1", by=None
        )
    assert again.created == 0
    assert len(mailoutbox) == 1

    # The sender's view: counts per channel, and who no channel reached.
    seen = reach.summary(kind="test.notice", ref="1")
    assert seen.households == 4
    assert seen.by_channel == {"portal": 2, "letter": 2, "email": 1}
    assert [(u.name, u.why) for u in seen.unreached] == [("Gezin Weg", "none")]

    # Printed letters are no longer due.
    assert reach.mark_printed(deliveries=due) == 2
    assert not reach.letters_due(kind="test.notice").exists()


def test_a_tenant_sees_their_households_portal_messages_and_no_other(world, db, staff_client):
    client = staff_client
    p, _dubois, _gone = world
    reach.reach(
        households=Audience.of(on=dt.date.today(), estates=[p.estate]),
        message={
            "nl-be": ("Werken aan de lift", "De lift wordt hersteld."),
            "fr": ("Ascenseur", "…"),
        },
        kind="test.portal",
        ref="lift",
        link="https://wijkpunt.example/e/lindenplein/acties/",
    )
    assert reach.unread_count(p.tenant) == 1
    assert reach.unread_count(p.other_tenant) == 0  # lives in the other estate
    message = reach.portal_messages(p.tenant).get()

    client.force_login(p.tenant)
    home = client.get("/mijn/", HTTP_ACCEPT_LANGUAGE="nl-be")
    assert "Werken aan de lift" in home.content.decode()
    page = client.get(f"/mijn/opvolging/berichten/{message.pk}/")
    assert page.status_code == 200
    assert "De lift wordt hersteld." in page.content.decode()
    assert reach.unread_count(p.tenant) == 0
    assert "Werken aan de lift" not in client.get("/mijn/").content.decode()

    # Another household's message is not there for them; staff have no portal.
    client.force_login(p.other_tenant)
    assert client.get(f"/mijn/opvolging/berichten/{message.pk}/").status_code == 404
    client.force_login(p.coordinator)
    assert client.get(f"/mijn/opvolging/berichten/{message.pk}/").status_code == 403
