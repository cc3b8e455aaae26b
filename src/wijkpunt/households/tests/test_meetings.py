"""Case meetings (art. 458ter Sw.): the legal basis, purpose, procedure and participants set
before it starts; each participant acknowledges confidentiality; only participants see it;
households on the agenda on a consent or the legal basis; a shared action plan whose tasks
remind their owners; minutes; nothing reaches a partner's own file unless a participant writes
it there."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkpunt.audit.models import AuditEntry
from wijkpunt.households import access, actions
from wijkpunt.households.models import EntryKind, MeetingTask, TimelineEntry

BASIS = "Decreet integrale jeugdhulp, art. 458ter Sw.: casusoverleg bij een ernstige zorg."


def plan(personas, **extra):
    fields = {
        "user": personas.social_worker,
        "title": "Casusoverleg Lindenplein",
        "starts_at": timezone.now() + dt.timedelta(days=3),
        "place": "OCMW, zaal 2",
        "legal_basis": BASIS,
        "purpose": "Samen een plan maken voor gezinnen met schulden en zorgen.",
        "procedure": "De maatschappelijk werker zit voor en schrijft het verslag.",
        "participants": [personas.buurtwerker, personas.woonconsulent],
    }
    fields.update(extra)
    return actions.create_meeting(**fields)


@pytest.fixture
def meeting(personas):
    actions.record_client(
        household=personas.household,
        user=personas.social_worker,
        reason="Cliënt van de sociale dienst sinds vorige maand.",
    )
    return plan(personas)


def acknowledged(meeting, *people):
    for person in people:
        actions.acknowledge_confidentiality(meeting=meeting, user=person)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"legal_basis": "wet"}, "legal_basis"),
        ({"purpose": " "}, "purpose"),
        ({"procedure": ""}, "procedure"),
        ({"participants": []}, "participants"),
        ({"title": ""}, "title"),
        ({"place": ""}, "place"),
        ({"starts_at": timezone.now() - dt.timedelta(days=2)}, "starts_at"),
    ],
)
def test_a_meeting_without_its_frame_is_refused(personas, extra, field):
    with pytest.raises(ValidationError) as error:
        plan(personas, **extra)
    assert field in error.value.message_dict


def test_a_tenant_or_an_outsider_cannot_take_part(personas):
    with pytest.raises(ValidationError) as error:
        plan(personas, participants=[personas.tenant])
    assert "participants" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        plan(personas, user=personas.technician)


@pytest.mark.parametrize(
    "persona", ["coordinator", "budget_worker", "partner_worker", "technician", "letting"]
)
def test_only_participants_see_the_meeting(personas, meeting, login, persona):
    web = login(getattr(personas, persona))
    assert web.get(f"/werk/casusoverleg/{meeting.pk}/").status_code == 404
    assert meeting.title not in web.get("/werk/casusoverleg/").content.decode()


def test_the_tenant_does_not_see_the_meeting(personas, meeting, client):
    client.force_login(personas.tenant)
    assert client.get(f"/werk/casusoverleg/{meeting.pk}/").status_code in (302, 403, 404)


def test_confidentiality_comes_before_the_households(personas, meeting, login):
    acknowledged(meeting, personas.social_worker)
    actions.put_on_agenda(
        meeting=meeting,
        user=personas.social_worker,
        household=personas.household,
        basis_note="Ernstige zorg om de kinderen; het gezin wil niet meewerken.",
    )
    page = login(personas.buurtwerker).get(f"/werk/casusoverleg/{meeting.pk}/")
    html = page.content.decode()
    assert 'id="acknowledge"' in html and BASIS[:30] in html
    assert personas.household.name not in html
    with pytest.raises(PermissionDenied):
        actions.add_task(
            meeting=meeting,
            user=personas.buurtwerker,
            title="Huisbezoek",
            organisation=personas.community,
            due_on=timezone.localdate(),
        )
    web = login(personas.buurtwerker)
    web.post(f"/werk/casusoverleg/{meeting.pk}/vertrouwelijkheid/")
    html = web.get(f"/werk/casusoverleg/{meeting.pk}/").content.decode()
    assert personas.household.name in html and 'id="acknowledge"' not in html
    # Reading it is audited for the household, with the meeting as purpose.
    assert AuditEntry.objects.filter(
        household_id=personas.household.pk, purpose="case meeting", actor=personas.buurtwerker
    ).exists()


def test_the_agenda_needs_a_consent_for_a_case_meeting_or_a_reason(personas, meeting):
    acknowledged(meeting, personas.social_worker)
    with pytest.raises(ValidationError) as error:
        actions.put_on_agenda(
            meeting=meeting, user=personas.social_worker, household=personas.household
        )
    assert "basis_note" in error.value.message_dict
    other = actions.record_consent(
        household=personas.household,
        user=personas.social_worker,
        purpose="share",
        decision="given",
        method="signed",
        recipient=personas.community,
        scope=["social"],
    )
    with pytest.raises(ValidationError):
        actions.put_on_agenda(
            meeting=meeting,
            user=personas.social_worker,
            household=personas.household,
            consent=other,
        )
    given = actions.record_consent(
        household=personas.household,
        user=personas.social_worker,
        purpose="case_meeting",
        decision="given",
        method="signed",
    )
    item = actions.put_on_agenda(
        meeting=meeting, user=personas.social_worker, household=personas.household, consent=given
    )
    assert item.consent == given
    # Without a reason to open the household's file, nobody puts it on the agenda.
    acknowledged(meeting, personas.buurtwerker)
    with pytest.raises(PermissionDenied):
        actions.put_on_agenda(
            meeting=meeting,
            user=personas.buurtwerker,
            household=personas.other_household,
            basis_note="Buren melden verwaarlozing van de kinderen.",
        )


def test_the_meeting_starts_when_everybody_acknowledged_and_only_the_organiser_runs_it(
    personas, meeting
):
    acknowledged(meeting, personas.social_worker, personas.buurtwerker)
    with pytest.raises(ValidationError):
        actions.start_meeting(meeting=meeting, user=personas.social_worker)
    acknowledged(meeting, personas.woonconsulent)
    with pytest.raises(PermissionDenied):
        actions.start_meeting(meeting=meeting, user=personas.buurtwerker)
    actions.start_meeting(meeting=meeting, user=personas.social_worker)
    actions.close_meeting(meeting=meeting, user=personas.social_worker)
    with pytest.raises(ValidationError):
        actions.add_task(
            meeting=meeting,
            user=personas.social_worker,
            title="Nog iets",
            organisation=personas.ocmw,
            due_on=timezone.localdate(),
        )


def test_the_action_plan_stays_in_the_meeting_until_a_participant_writes_it_in_a_file(
    personas, meeting, login
):
    acknowledged(meeting, personas.social_worker, personas.buurtwerker, personas.woonconsulent)
    actions.put_on_agenda(
        meeting=meeting,
        user=personas.social_worker,
        household=personas.household,
        basis_note="Ernstige zorg om de kinderen; het gezin wil niet meewerken.",
    )
    before = set(
        TimelineEntry.objects.filter(household=personas.household).values_list("pk", flat=True)
    )
    task = actions.add_task(
        meeting=meeting,
        user=personas.social_worker,
        title="Budgetgesprek plannen",
        organisation=personas.ocmw,
        owner=personas.social_worker,
        household=personas.household,
        due_on=timezone.localdate() + dt.timedelta(days=7),
    )
    actions.write_minutes(meeting=meeting, user=personas.social_worker, text="Eerste versie.")
    actions.write_minutes(meeting=meeting, user=personas.social_worker, text="Tweede versie.")
    assert (
        set(TimelineEntry.objects.filter(household=personas.household).values_list("pk", flat=True))
        == before
    )
    # Only the partner the task belongs to (or the organiser) changes it; dropping says why.
    with pytest.raises(PermissionDenied):
        actions.move_task(task=task, user=personas.buurtwerker, status="done")
    with pytest.raises(ValidationError):
        actions.move_task(task=task, user=personas.social_worker, status="dropped")
    actions.move_task(task=task, user=personas.social_worker, status="in_progress", note="Gebeld")
    assert [u.status for u in task.updates.all()] == ["open", "in_progress"]
    entry = actions.record_task_in_file(task=task, user=personas.social_worker)
    assert (entry.kind, entry.organisation, entry.sensitivity) == (
        EntryKind.CASE_ACTION,
        personas.ocmw,
        "social",
    )
    # The housing company's woonconsulent, a participant, does not see the OCMW's line.
    assert not access.visible_entries(personas.woonconsulent, personas.household).filter(
        pk=entry.pk
    )
    page = login(personas.buurtwerker).get(f"/werk/casusoverleg/{meeting.pk}/").content.decode()
    assert "Tweede versie." in page and "Budgetgesprek plannen" in page


def test_a_task_that_is_due_reminds_its_owner_once(
    personas, meeting, django_capture_on_commit_callbacks
):
    acknowledged(meeting, personas.social_worker)
    task = actions.add_task(
        meeting=meeting,
        user=personas.social_worker,
        title="Huisbezoek",
        organisation=personas.ocmw,
        owner=personas.social_worker,
        due_on=timezone.localdate() + dt.timedelta(days=1),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.remind_due_tasks() == [task.pk]
    assert [m.to for m in mail.outbox] == [[personas.social_worker.email]]
    assert personas.household.name not in mail.outbox[0].body
    assert actions.remind_due_tasks() == []
    MeetingTask.objects.filter(pk=task.pk).update(status="done", reminded_at=None)
    assert actions.remind_due_tasks() == []


def test_the_pages_work_for_a_participant(personas, meeting, login):
    web = login(personas.social_worker)
    assert web.get("/werk/casusoverleg/nieuw/").status_code == 200
    response = web.post(
        "/werk/casusoverleg/nieuw/",
        {"title": "Overleg", "starts_at": "", "place": "Zaal", "legal_basis": "wet",
         "purpose": "Plan", "procedure": "Zo", "participants": [str(personas.buurtwerker.pk)]},
    )  # fmt: skip
    assert response.status_code == 400 and "Overleg" in response.content.decode()
    web.post(f"/werk/casusoverleg/{meeting.pk}/vertrouwelijkheid/")
    file_page = f"/werk/huishoudens/{personas.household.pk}/casusoverleg/"
    assert web.get(file_page).status_code == 200
    response = web.post(
        file_page,
        {"meeting": meeting.pk, "basis_note": "Ernstige zorg om de kinderen in dit gezin."},
    )
    assert response.status_code == 302
    response = web.post(
        f"/werk/casusoverleg/{meeting.pk}/taken/",
        {"title": "Huisbezoek", "organisation": personas.ocmw.pk,
         "household": personas.household.pk, "due_on": "2030-01-01"},
    )  # fmt: skip
    assert response.status_code == 302
    task = MeetingTask.objects.get()
    web.post(f"/werk/casusoverleg/{meeting.pk}/taken/{task.pk}/", {"status": "done"})
    task.refresh_from_db()
    assert task.status == "done"
    web.post(f"/werk/casusoverleg/{meeting.pk}/verslag/", {"text": "Afspraken gemaakt."})
    assert "Afspraken gemaakt." in web.get(f"/werk/casusoverleg/{meeting.pk}/").content.decode()
