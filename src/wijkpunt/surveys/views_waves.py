"""Staff pages of a survey's waves (``/werk/bevragingen/``): a new wave, its page (status,
dates, targets, roster, codes used, the channels), changing it while it is prepared, opening
and closing it (each asks for confirmation first), and the live response rates.

No page here shows a household: the roster is a count, the rates are counts of code rows
(``monitoring``). Changes are audited by ``actions_waves``."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkpunt.surveys import access, actions, actions_waves, links, monitoring
from wijkpunt.surveys.forms_waves import WaveForm
from wijkpunt.surveys.models import Survey, SurveyCode, Wave, WaveStatus
from wijkpunt.surveys.texts import text_in
from wijkpunt.surveys.workflow import TransitionError
from wijkpunt.workspace.access import staff_required

NAV = "surveys"
# How often the open wave's page refreshes its response rates (htmx).
RATES_EVERY_SECONDS = 20
DEFAULT_WEEKS = 3  # a new wave opens today and closes three weeks later, unless changed


def survey_title(survey: Survey) -> str:
    return text_in(survey.title, translation.get_language() or "nl-be", survey.main_language)


def _add_errors(form, error: actions_waves.WaveInvalid) -> None:
    for name, message in error.errors.items():
        form.add_error(name if name in form.fields else None, message)


def roster_size(wave: Wave) -> int:
    """Draft: how many households the wave would reach if it opened now (on its opening day,
    or today when that has passed, as ``open_wave`` does). Open or closed: its codes."""
    if wave.status == WaveStatus.DRAFT:
        on = max(wave.opens_on, timezone.localdate())
        return actions.audience_of(wave, on=on).count()
    return SurveyCode.objects.filter(wave=wave).count()


def _wave_form_page(request, survey: Survey, form, *, wave: Wave | None = None, status=200):
    return render(
        request,
        "surveys/waves/form.html",
        {
            "form": form,
            "survey": survey,
            "survey_title": survey_title(survey),
            "wave": wave,
            "nav_current": NAV,
        },
        status=status,
    )


@staff_required()
@require_http_methods(["GET", "POST"])
def wave_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    survey = access.get_survey_for(user, pk)
    if not access.may_start_waves(user):
        raise PermissionDenied
    if request.method != "POST":
        today = timezone.localdate()
        initial = {"opens_on": today, "closes_on": today + dt.timedelta(days=DEFAULT_WEEKS * 7)}
        return _wave_form_page(request, survey, WaveForm(user=user, initial=initial))
    form = WaveForm(request.POST, user=user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            wave = actions_waves.create_wave(
                survey=survey,
                by=user,
                name=data["name"],
                estates=data["estates"],
                buildings=data["buildings"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                min_group_size=data["min_group_size"],
                request=request,
            )
        except actions_waves.WaveInvalid as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The wave is saved. Check it, then open it."))
            return redirect("surveys:wave", wave.pk)
    return _wave_form_page(request, survey, form, status=400)


@staff_required()
@require_http_methods(["GET", "POST"])
def wave_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    wave = access.get_wave_for(user, pk, "manage")
    if wave.status != WaveStatus.DRAFT:
        messages.warning(request, _("This wave has opened: its estates and dates are fixed."))
        return redirect("surveys:wave", wave.pk)
    if request.method != "POST":
        form = WaveForm(user=user, initial=WaveForm.initial_of(wave))
        return _wave_form_page(request, wave.survey, form, wave=wave)
    form = WaveForm(request.POST, user=user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions_waves.update_wave(
                wave=wave,
                by=user,
                name=data["name"],
                estates=data["estates"],
                buildings=data["buildings"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                min_group_size=data["min_group_size"],
                request=request,
            )
        except actions_waves.WaveInvalid as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("surveys:wave", wave.pk)
    return _wave_form_page(request, wave.survey, form, wave=wave, status=400)


def _targets(wave: Wave) -> dict:
    whole, single = actions_waves.targets_of(wave)
    return {
        "estates": list(wave.estates.order_by("name")),
        "whole_estates": whole,
        "buildings": single,
    }


@staff_required()
@require_GET
def wave_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    wave = access.get_wave_for(user, pk, "monitor")
    targets = _targets(wave)
    used = SurveyCode.objects.filter(wave=wave, used=True).count()
    may_manage = access.may(user, wave, "manage")
    may_enter = access.may(user, wave, "enter")
    context = {
        "wave": wave,
        "survey": wave.survey,
        "survey_title": survey_title(wave.survey),
        **targets,
        "roster": roster_size(wave),
        "used": used,
        "rates": monitoring.rates(wave) if wave.status != WaveStatus.DRAFT else None,
        "refresh": wave.status == WaveStatus.OPEN,
        "every": RATES_EVERY_SECONDS,
        "may_manage": may_manage,
        "may_enter": may_enter and wave.status == WaveStatus.OPEN,
        "may_results": wave.status == WaveStatus.CLOSED and access.may(user, wave, "results"),
        "addresses": [(e, links.typed_address(e.slug)) for e in targets["estates"]],
        "nav_current": NAV,
    }
    return render(request, "surveys/waves/detail.html", context)


@staff_required()
@require_GET
def wave_rates(request: HttpRequest, pk: int) -> HttpResponse:
    """The response rates, for the wave's page to refresh every 20 seconds (htmx)."""
    wave = access.get_wave_for(request.user, pk, "monitor")
    context = {
        "wave": wave,
        "rates": monitoring.rates(wave) if wave.status != WaveStatus.DRAFT else None,
        "refresh": wave.status == WaveStatus.OPEN,
        "every": RATES_EVERY_SECONDS,
    }
    return render(request, "surveys/waves/_rates.html", context)


def _confirm(request, wave: Wave, what: str, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "surveys/waves/confirm.html",
        {
            "wave": wave,
            "survey_title": survey_title(wave.survey),
            "what": what,
            "roster": roster_size(wave),
            "used": SurveyCode.objects.filter(wave=wave, used=True).count(),
            **_targets(wave),
            "nav_current": NAV,
        },
        status=status,
    )


@staff_required()
@require_http_methods(["GET", "POST"])
def wave_open(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.get_wave_for(request.user, pk, "manage")
    if wave.status != WaveStatus.DRAFT:
        messages.warning(request, _("This wave is already open or closed."))
        return redirect("surveys:wave", wave.pk)
    if request.method != "POST":
        return _confirm(request, wave, "open")
    try:
        made = actions_waves.open_wave(wave=wave, by=request.user, request=request)
    except TransitionError as error:
        messages.error(request, str(error))
        return redirect("surveys:wave", wave.pk)
    messages.success(
        request,
        translation.ngettext(
            "The wave is open: %(n)d household got a code.",
            "The wave is open: %(n)d households got a code.",
            made,
        )
        % {"n": made},
    )
    return redirect("surveys:wave", wave.pk)


@staff_required()
@require_http_methods(["GET", "POST"])
def wave_close(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.get_wave_for(request.user, pk, "manage")
    if wave.status != WaveStatus.OPEN:
        messages.warning(request, _("Only an open wave can be closed."))
        return redirect("surveys:wave", wave.pk)
    if request.method != "POST":
        return _confirm(request, wave, "close")
    try:
        actions_waves.close_wave(wave=wave, by=request.user, request=request)
    except TransitionError as error:
        messages.error(request, str(error))
        return redirect("surveys:wave", wave.pk)
    messages.success(
        request, _("The wave is closed. Its answers are mixed and can be counted now.")
    )
    return redirect("surveys:wave", wave.pk)
