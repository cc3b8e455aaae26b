"""Case meetings (casusoverleg, art. 458ter Sw.) in the staff workspace
(``/werk/casusoverleg/``): only participants see a meeting, and its households, action plan
and minutes only once they acknowledged confidentiality. A household is put on the agenda from
its file."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkpunt.audit.actions import record_read
from wijkpunt.households import access, actions
from wijkpunt.households.forms import AgendaForm, MeetingForm, MinutesForm, TaskForm
from wijkpunt.households.models import (
    ConsentPurpose,
    MeetingStatus,
    MeetingTask,
    TaskStatus,
)
from wijkpunt.households.views import _add_errors
from wijkpunt.housing.models import Household
from wijkpunt.partners import access as partners
from wijkpunt.partners.models import StaffRole
from wijkpunt.workspace.access import staff_required


def _may_organise(user) -> bool:
    return bool(access.casework_organisation_ids(user))


def _people(user):
    """Who can take part: active staff of the partners working in the user's estates."""
    estates = partners.estate_ids(user)
    return list(
        StaffRole.objects.filter(active=True, organisation__estates__in=estates)
        .exclude(user=user)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__full_name")
        .distinct()
    )


@staff_required()
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = list(
        access.visible_meetings(request.user)
        .select_related("organisation", "created_by")
        .order_by("-starts_at")[:200]
    )
    return render(
        request,
        "households/meetings.html",
        {
            "meetings": meetings,
            "may_organise": _may_organise(request.user),
            "nav_current": "meetings",
        },
    )


@staff_required(not_found=True)
def meeting_new(request: HttpRequest) -> HttpResponse:
    if not _may_organise(request.user):
        raise PermissionDenied(_("Your role does not organise case meetings."))
    people = _people(request.user)
    form = MeetingForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = set(data.pop("participants"))
        try:
            meeting = actions.create_meeting(
                user=request.user,
                participants=[r.user for r in people if str(r.user_id) in chosen],
                **data,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The case meeting is planned."))
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "households/meeting_form.html",
        {"form": form, "nav_current": "meetings"},
        status=400 if request.method == "POST" else 200,
    )


@staff_required(not_found=True)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, seat = access.get_meeting_for(request.user, pk, request=request)
    context = {
        "meeting": meeting,
        "seat": seat,
        "organiser": meeting.created_by_id == request.user.pk,
        "seats": list(meeting.participants.select_related("user", "organisation")),
        "nav_current": "meetings",
    }
    if seat.acknowledged_at is not None:
        agenda = list(meeting.agenda.select_related("household", "consent"))
        seats = context["seats"]
        tasks = list(
            meeting.tasks.select_related("organisation", "owner", "household").prefetch_related(
                "updates__by"
            )
        )
        for task in tasks:
            task.may_move = (
                task.organisation_id == seat.organisation_id or context["organiser"]
            ) and meeting.status != MeetingStatus.CLOSED
        minutes = list(meeting.minutes.select_related("by")[:20])
        context.update(
            agenda=agenda,
            tasks=tasks,
            statuses=TaskStatus.choices,
            task_form=TaskForm(seats=seats, agenda=agenda),
            minutes=minutes[0] if minutes else None,
            earlier_minutes=minutes[1:],
            minutes_form=MinutesForm(initial={"text": minutes[0].text if minutes else ""}),
            may_write_file=bool(
                [
                    s
                    for s in access.writable_sensitivities(request.user).get(
                        seat.organisation_id, []
                    )
                    if s != "shared"
                ]
            ),
        )
    return render(request, "households/meeting.html", context)


def _meeting(request, pk):
    meeting, _seat = access.get_meeting_for(request.user, pk, request=request)
    return meeting


def _do(request, pk, fn, done: str, **kwargs) -> HttpResponse:
    meeting = _meeting(request, pk)
    try:
        fn(meeting=meeting, user=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("meetings:detail", pk=meeting.pk)


@staff_required(not_found=True)
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    return _do(
        request,
        pk,
        actions.acknowledge_confidentiality,
        _("You acknowledged the confidentiality of this case meeting."),
    )


@staff_required(not_found=True)
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    return _do(request, pk, actions.start_meeting, _("The case meeting has started."))


@staff_required(not_found=True)
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    return _do(request, pk, actions.close_meeting, _("The case meeting is closed."))


@staff_required(not_found=True)
@require_POST
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    return _do(
        request,
        pk,
        actions.write_minutes,
        _("The minutes are saved; earlier versions are kept."),
        text=request.POST.get("text", ""),
    )


@staff_required(not_found=True)
@require_POST
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, seat = access.get_meeting_for(request.user, pk, request=request)
    if seat.acknowledged_at is None:
        raise PermissionDenied(_("Acknowledge the confidentiality of the case meeting first."))
    seats = list(meeting.participants.select_related("user", "organisation"))
    agenda = list(meeting.agenda.select_related("household"))
    form = TaskForm(request.POST, seats=seats, agenda=agenda)
    if not form.is_valid():
        messages.error(request, _("Say what is to be done, by which partner and by when."))
        return redirect("meetings:detail", pk=meeting.pk)
    data = form.cleaned_data
    by_org = {str(s.organisation_id): s.organisation for s in seats}
    by_user = {str(s.user_id): s.user for s in seats}
    by_household = {str(i.household_id): i.household for i in agenda}
    try:
        actions.add_task(
            meeting=meeting,
            user=request.user,
            title=data["title"],
            organisation=by_org.get(data["organisation"]),
            owner=by_user.get(data["owner"]),
            household=by_household.get(data["household"]),
            due_on=data["due_on"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The task is in the action plan."))
    return redirect("meetings:detail", pk=meeting.pk)


def _task(request, pk: int, task: int) -> MeetingTask:
    meeting = _meeting(request, pk)
    return get_object_or_404(
        MeetingTask.objects.select_related("meeting"), pk=task, meeting=meeting
    )


@staff_required(not_found=True)
@require_POST
def task_move(request: HttpRequest, pk: int, task: int) -> HttpResponse:
    the_task = _task(request, pk, task)
    try:
        actions.move_task(
            task=the_task,
            user=request.user,
            status=request.POST.get("status", ""),
            note=request.POST.get("note", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The task is updated."))
    return redirect("meetings:detail", pk=pk)


@staff_required(not_found=True)
@require_POST
def task_record(request: HttpRequest, pk: int, task: int) -> HttpResponse:
    the_task = _task(request, pk, task)
    try:
        actions.record_task_in_file(
            task=the_task, user=request.user, note=request.POST.get("note", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The task is written in the household's file."))
    return redirect("meetings:detail", pk=pk)


@staff_required(not_found=True)
def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """From the household file: put the household on the agenda of a case meeting the user
    takes part in, on its consent or the meeting's legal basis."""
    household: Household = access.get_household_to_work_on(request.user, pk)
    meetings = list(
        access.visible_meetings(request.user)
        .exclude(status=MeetingStatus.CLOSED)
        .filter(participants__user=request.user, participants__acknowledged_at__isnull=False)
        .order_by("starts_at")
    )
    consents = list(
        access.active_consents()
        .filter(household=household, purpose=ConsentPurpose.CASE_MEETING)
        .select_related("organisation")
    )
    form = AgendaForm(request.POST or None, meetings=meetings, consents=consents)
    if request.method == "POST" and form.is_valid():
        meeting = next(m for m in meetings if str(m.pk) == form.cleaned_data["meeting"])
        consent = next((c for c in consents if str(c.pk) == form.cleaned_data["consent"]), None)
        try:
            actions.put_on_agenda(
                meeting=meeting,
                user=request.user,
                household=household,
                consent=consent,
                basis_note=form.cleaned_data["basis_note"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The household is on the agenda."))
            return redirect("meetings:detail", pk=meeting.pk)
    record_read(
        request=request,
        object_type="household",
        object_id=household.pk,
        household_id=household.pk,
        purpose="household file: case meeting form",
    )
    return render(
        request,
        "households/agenda.html",
        {"household": household, "form": form, "meetings": meetings},
        status=400 if request.method == "POST" else 200,
    )
