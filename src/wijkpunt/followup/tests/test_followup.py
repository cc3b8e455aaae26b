"""You said, we did: actions, who may read and change them, and residents being told."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from wijkpunt.followup import actions, notices, workflow
from wijkpunt.followup.models import Action, ActionEvent, ActionStatus
from wijkpunt.housing.models import Dwelling, Household, Tenancy
from wijkpunt.outreach import reach
from wijkpunt.outreach.models import Channel, Delivery, DeliveryState
from wijkpunt.testing import make_personas, rolled_back

TITLE = {"nl-be": "Snellere herstellingen", "fr": "Réparations plus rapides"}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        p = make_personas()
        dwelling = Dwelling.objects.create(building=p.building, unit="0.2")
        dubois = Household.objects.create(
            name="Gezin Dubois", language="fr", email="dubois@example.org"
        )
        Tenancy.objects.create(dwelling=dwelling, household=dubois, start_date=dt.date(2021, 1, 1))
        action = actions.create_action(
            by=p.coordinator,
            organisation=p.housing,
            estates=[p.estate],
            title=TITLE,
            description={"nl-be": "Een herstelling binnen 5 werkdagen."},
            said={"nl-be": "Herstellingen duren te lang."},
            theme="herstellingen",
        )
        # Residents were told of the new action already; the tests start from there.
        notices.send_due_notices()
        Action.objects.filter(pk=action.pk).update(
            last_notice_at=timezone.now() - dt.timedelta(days=2)
        )
        elsewhere = actions.create_action(
            by=p.coordinator,
            organisation=p.housing,
            estates=[p.other_estate],
            title={"nl-be": "Nieuwe fietsenberging"},
        )
        yield p, dubois, action, elsewhere


def test_the_workflow_allows_only_its_transitions():
    S = ActionStatus
    workflow.check_transition(S.PLANNED, S.IN_PROGRESS)
    workflow.check_transition(S.IN_PROGRESS, S.DROPPED)
    for current, target in ((S.PLANNED, S.DONE), (S.DONE, S.IN_PROGRESS), (S.DROPPED, S.PLANNED)):
        with pytest.raises(workflow.TransitionError):
            workflow.check_transition(current, target)


# persona -> (status of the action page, status of a status change) for an action of the
# housing company in Lindenplein, where every partner works.
PAGE = {
    "coordinator": (200, 302),
    "woonconsulent": (200, 302),  # covers Lindenplein only: the action's one estate
    "admin": (200, 302),
    "technician": (200, 403),
    "letting": (200, 403),
    "buurtwerker": (200, 403),  # another organisation's action
    "social_worker": (200, 403),
    "partner_worker": (200, 403),
    "tenant": (403, 403),
    "outsider": (403, 403),
}


@pytest.mark.parametrize("persona", PAGE)
def test_who_reads_and_who_changes_an_action(world, db, staff_client, persona):
    p, _dubois, action, elsewhere = world
    staff_client.force_login(getattr(p, persona))
    page, change = PAGE[persona]
    assert staff_client.get(f"/werk/opvolging/{action.pk}/").status_code == page
    response = staff_client.post(
        f"/werk/opvolging/{action.pk}/status/", {"status": ActionStatus.IN_PROGRESS}
    )
    assert response.status_code == change
    action.refresh_from_db()
    assert action.status == (ActionStatus.IN_PROGRESS if change == 302 else ActionStatus.PLANNED)
    # The other estate's action: only the housing company works there.
    other = staff_client.get(f"/werk/opvolging/{elsewhere.pk}/").status_code
    housing = persona in {"coordinator", "woonconsulent", "admin", "technician", "letting"}
    # The tenant consultant covers Lindenplein only.
    expected = 403 if page == 403 else (200 if housing and persona != "woonconsulent" else 404)
    assert other == expected
    listing = staff_client.get("/werk/opvolging/")
    assert listing.status_code == (200 if page == 200 else 403)
    if page == 200:
        assert "Snellere herstellingen" in listing.content.decode()


def test_a_status_change_reaches_every_household_and_a_second_waits_a_day(
    world, db, staff_client, django_capture_on_commit_callbacks, mailoutbox
):
    p, dubois, action, _elsewhere = world
    staff_client.force_login(p.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"/werk/opvolging/{action.pk}/status/", {"status": ActionStatus.IN_PROGRESS}
        )
    assert response.status_code == 302
    ref = f"{action.pk}:2"  # the second notice: the first told of the new action
    # The e-mail household by e-mail, in French.
    [mail] = mailoutbox
    assert mail.to == ["dubois@example.org"]
    assert "Réparations plus rapides" in mail.subject
    assert "/e/lindenplein/acties/" in mail.body
    # The household without e-mail gets a letter to print (and its account a portal message).
    letter = reach.letters_due(kind=notices.KIND).get(ref=ref)
    assert letter.household_id == p.household.pk
    assert Delivery.objects.filter(
        ref=ref, household=p.household, channel=Channel.PORTAL, state=DeliveryState.SHOWN
    ).exists()
    # Nobody in the other estate.
    assert not Delivery.objects.filter(ref=ref, household=p.other_household).exists()

    # The tenant sees it in the portal, in their language.
    staff_client.force_login(p.tenant)
    assert "Snellere herstellingen" in staff_client.get("/mijn/").content.decode()
    page = staff_client.get("/mijn/opvolging/").content.decode()
    assert "Snellere herstellingen" in page and "fu-action--in_progress" in page

    # A public note the same day is not a second notice yet ...
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_note(
            action=action, by=p.coordinator, text={"nl-be": "De aannemer is gekozen."}, public=True
        )
    assert len(mailoutbox) == 1
    assert notices.send_due_notices() == []
    # ... it goes out a day after the previous one, with the note in it.
    assert notices.send_due_notices(now=timezone.now() + dt.timedelta(days=1, minutes=1)) == [
        action.pk
    ]
    third = Delivery.objects.get(ref=f"{action.pk}:3", household=p.household, channel="letter")
    assert "De aannemer is gekozen." in third.text()[1]
    # An internal note tells nobody.
    actions.add_note(action=action, by=p.coordinator, text={"nl-be": "Budget ok"}, public=False)
    assert Action.objects.get(pk=action.pk).notice_pending_since is None


def test_bad_input_keeps_what_was_typed_and_saves_nothing(world, db, staff_client):
    p, _dubois, action, _elsewhere = world
    staff_client.force_login(p.coordinator)
    before = Action.objects.count()
    response = staff_client.post(
        "/werk/opvolging/nieuw/",
        {"organisation": p.housing.pk, "source_kind": "survey", "description_nl-be": "Iets"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Geef de actie een titel in het Nederlands." in text
    assert "Kies minstens één wijk." in text
    assert "Iets</textarea>" in text
    assert Action.objects.count() == before
    # Dropping needs a reason residents read.
    events = ActionEvent.objects.filter(action=action).count()
    response = staff_client.post(f"/werk/opvolging/{action.pk}/status/", {"status": "dropped"})
    assert response.status_code == 400
    assert "waarom dit stopgezet wordt" in response.content.decode()
    assert ActionEvent.objects.filter(action=action).count() == events
    assert staff_client.get("/werk/opvolging/999999/").status_code == 404
    # A good one.
    response = staff_client.post(
        "/werk/opvolging/nieuw/",
        {
            "organisation": p.housing.pk,
            "estates": [p.estate.pk],
            "source_kind": "meeting",
            "title_nl-be": "Nieuwe banken in de tuin",
        },
    )
    assert response.status_code == 302
    assert Action.objects.count() == before + 1


def test_residents_read_their_estates_actions_without_logging_in(world, db, client):
    _p, _dubois, _action, _elsewhere = world
    french = client.get("/e/lindenplein/acties/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Réparations plus rapides" in french
    assert "Nieuwe fietsenberging" not in french  # another estate's
    dutch = client.get("/e/lindenplein/acties/", HTTP_ACCEPT_LANGUAGE="nl-be").content.decode()
    assert "Snellere herstellingen" in dutch and "Herstellingen duren te lang." in dutch
    assert client.get("/e/nergens/acties/").status_code == 404
