"""Staff pages of "you said, we did" (``/werk/opvolging/``): the actions of the estates a
member of staff covers, a new action, its texts, progress notes and status, and who of its
residents was reached how."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkpunt.audit.actions import record_list_read
from wijkpunt.followup import access, actions, forms, notices, queries
from wijkpunt.followup.models import Action, ActionStatus
from wijkpunt.followup.workflow import TransitionError, allowed_transitions
from wijkpunt.housing import access as housing
from wijkpunt.workspace.access import staff_required

# Notices shown on an action's page (the newest first).
NOTICES_SHOWN = 5


def _add_errors(form, error: actions.ActionInvalid) -> None:
    for name, message in error.errors.items():
        form.add_error(name if name in form.fields else None, message)


@staff_required()
def action_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    estates = housing.visible_estates(user).order_by("name")
    estate = estates.filter(slug=request.GET.get("estate", "")).first()
    wave = None
    wave_id = request.GET.get("wave", "")
    if wave_id.isdigit():
        from wijkpunt.surveys.access import visible_waves

        wave = visible_waves(user, "results").filter(pk=int(wave_id)).first()
    status = request.GET.get("status", "")
    if status not in ActionStatus.values:
        status = ""
    shown = queries.staff_actions(
        access.visible_actions(user), estate=estate, wave=wave, status=status
    )[:200]
    return render(
        request,
        "followup/staff_list.html",
        {
            "actions": shown,
            "estates": estates,
            "estate": estate,
            "wave": wave,
            "status": status,
            "statuses": ActionStatus.choices,
            "may_create": access.may_create(user),
            "nav_current": "followup",
        },
    )


@staff_required()
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not access.may_create(user):
        raise PermissionDenied
    if request.method == "POST":
        form = forms.ActionForm(request.POST, user=user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                action = actions.create_action(
                    by=user,
                    organisation=data["organisation"],
                    estates=data["estates"],
                    title=forms.texts_from(data, "title"),
                    description=forms.texts_from(data, "description"),
                    said=forms.texts_from(data, "said"),
                    source_kind=data["source_kind"],
                    wave=data.get("wave"),
                    question=data.get("question"),
                    theme=data.get("theme", ""),
                )
            except actions.ActionInvalid as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request, _("The action is saved. Its residents are told about it.")
                )
                return redirect("followup:detail", action.pk)
    else:
        initial = {}
        wave_id = request.GET.get("wave", "")
        if wave_id.isdigit():
            initial["wave"] = int(wave_id)
        form = forms.ActionForm(user=user, initial=initial)
    return render(request, "followup/staff_form.html", {"form": form, "nav_current": "followup"})


def _detail(request, action: Action, *, note_form=None, status_form=None, status: int = 200):
    user = request.user
    may_change = access.may_change(user, action)
    context = {
        "action": action,
        "title": action.title_in(translation.get_language()),
        "estates": list(action.estates.order_by("name")),
        "history": queries.history(action),
        "may_change": may_change,
        "source": queries.source_text(action, translation.get_language()),
        "badge": queries.STATUS_BADGE[ActionStatus(action.status)],
        "due_at": notices.due_at(action),
        "nav_current": "followup",
        "translations": [
            {
                "code": code,
                "name": name,
                "title": action.title.get(code, ""),
                "description": action.description.get(code, ""),
                "said": action.said.get(code, ""),
            }
            for code, name in settings.LANGUAGES
        ],
        "public_links": [(e, notices.public_url(e.slug)) for e in action.estates.order_by("name")],
    }
    if may_change:
        if allowed_transitions(action.status):
            context["status_form"] = status_form or forms.StatusForm(current=action.status)
        context["note_form"] = note_form or forms.NoteForm()
        context.update(_reach(request, action))
    return render(request, "followup/staff_detail.html", context, status=status)


def _reach(request, action: Action) -> dict:
    """Who was reached how, per notice; the households no channel reached, for those who
    may see them (their names are personal data: the read is audited)."""
    from wijkpunt.outreach.reach import summary

    first = max(1, action.notices_sent - NOTICES_SHOWN + 1)
    sent = [
        (number, summary(kind=notices.KIND, ref=f"{action.pk}:{number}"))
        for number in range(action.notices_sent, first - 1, -1)
    ]
    unreached = []
    if sent:
        latest = sent[0][1]
        ids = [u.household_id for u in latest.unreached]
        seen = set(
            housing.visible_households(request.user).filter(pk__in=ids).values_list("pk", flat=True)
        )
        unreached = [u for u in latest.unreached if u.household_id in seen]
        record_list_read(
            request=request,
            object_type="reach-unreached",
            household_ids=[u.household_id for u in unreached],
            purpose="who was not reached by an action's notice",
        )
    return {"notices": sent, "unreached": unreached}


@staff_required()
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, access.get_action_for(request.user, pk))


@staff_required()
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = access.get_action_for(request.user, pk, "change")
    if request.method == "POST":
        form = forms.TextsForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.edit_action(
                    action=action,
                    by=request.user,
                    title=forms.texts_from(data, "title"),
                    description=forms.texts_from(data, "description"),
                    said=forms.texts_from(data, "said"),
                    theme=data.get("theme", ""),
                )
            except actions.ActionInvalid as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The texts are saved."))
                return redirect("followup:detail", action.pk)
    else:
        form = forms.TextsForm(
            initial={
                **forms.initial_texts("title", action.title),
                **forms.initial_texts("description", action.description),
                **forms.initial_texts("said", action.said),
                "theme": action.theme,
            }
        )
    return render(
        request,
        "followup/staff_edit.html",
        {"form": form, "action": action, "nav_current": "followup"},
    )


@staff_required()
@require_POST
def action_note(request: HttpRequest, pk: int) -> HttpResponse:
    action = access.get_action_for(request.user, pk, "change")
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_note(
                action=action,
                by=request.user,
                text=forms.texts_from(data, "text"),
                public=data["public"],
            )
        except actions.ActionInvalid as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The note is saved. Residents are told about it.")
                if data["public"]
                else _("The note is saved (for staff only)."),
            )
            return redirect("followup:detail", action.pk)
    return _detail(request, action, note_form=form, status=400)


@staff_required()
@require_POST
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    action = access.get_action_for(request.user, pk, "change")
    form = forms.StatusForm(request.POST, current=action.status)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.change_status(
                action=action,
                by=request.user,
                status=data["status"],
                reason=forms.texts_from(data, "reason"),
            )
        except actions.ActionInvalid as error:
            _add_errors(form, error)
        except TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The status is changed. Residents are told about it."))
            return redirect("followup:detail", action.pk)
    return _detail(request, action, status_form=form, status=400)
