"""Published results for residents: the estate's page (``/e/<estate>/resultaten/``, no log-in,
where the letter's QR code leads after the survey) and the tenant's own estate in the portal
(``/e/mijn-resultaten/``). Only closed waves whose results were published, of that estate;
the estate's own figures where enough of its residents answered, else the whole wave's. In
the visitor's language (``?taal=`` switches, like the answer pages), with the estate's
follow-up actions ("you said, we did")."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_GET

from wijkpunt.followup.queries import public_actions
from wijkpunt.housing.access import tenant_place
from wijkpunt.housing.models import Estate
from wijkpunt.portal.views import tenant_required
from wijkpunt.surveys import answering, report, results
from wijkpunt.surveys.definition import load
from wijkpunt.surveys.models import Wave, WaveStatus
from wijkpunt.surveys.texts import text_in

WAVES_SHOWN = 5


@dataclass
class PublishedWave:
    wave: Wave
    title: str
    whole_wave: bool  # the estate's own figures are not shown: these are the wave's
    responses: int | None
    sections: list[report.ShownSection]
    k: int

    @property
    def prefix(self) -> str:
        return f"w{self.wave.pk}-"


def published_waves(estate: Estate) -> list[Wave]:
    return list(
        Wave.objects.filter(
            estates=estate, status=WaveStatus.CLOSED, results_published_at__isnull=False
        )
        .select_related("survey")
        .order_by("-results_published_at", "-pk")
        .distinct()[:WAVES_SHOWN]
    )


def _languages(waves: list[Wave]) -> list[str]:
    codes: list[str] = []
    for wave in waves:
        for code in wave.survey.languages:
            if code not in codes:
                codes.append(code)
    return codes or ["nl-be"]


def _results_context(request: HttpRequest, estate: Estate) -> tuple[dict, str]:
    waves = published_waves(estate)
    offered = _languages(waves)
    language = answering.choose_language(
        offered, request.GET.get("taal"), translation.get_language()
    )
    shown = []
    for wave in waves:
        definition = load(wave.survey)
        figures = results.figures(wave, definition)
        if figures is None:  # pragma: no cover - only closed waves are listed
            continue
        own = figures.groups.get(results.estate_group(estate.pk))
        group = own if own is not None and own.shown else figures.groups.get(results.WAVE)
        shown.append(
            PublishedWave(
                wave=wave,
                title=text_in(wave.survey.title, language, wave.survey.main_language),
                whole_wave=group is not own,
                responses=group.responses if group is not None else None,
                sections=report.present(definition, figures, group, language),
                k=figures.k,
            )
        )
    languages = answering.survey_languages(offered)
    context = {
        "estate": estate,
        "published": shown,
        "language": language,
        "languages": languages if len(languages) > 1 else [],
        "actions": public_actions(estate, language),
    }
    return context, language


def _render(request, template: str, context: dict, language: str) -> HttpResponse:
    ui = answering.interface_language(language)
    with translation.override(ui or translation.get_language()):
        return render(request, template, context)


@require_GET
def estate_results(request: HttpRequest, estate: str) -> HttpResponse:
    place = get_object_or_404(Estate, slug=estate)
    context, language = _results_context(request, place)
    context["switch_url"] = request.path
    return _render(request, "surveys/public/estate_results.html", context, language)


@tenant_required
@require_GET
def portal_results(request: HttpRequest) -> HttpResponse:
    # The tenant reads their own estate's published, anonymous figures: no audit entry.
    place = tenant_place(request.user)
    estate = (
        Estate.objects.filter(pk=place.estate_id).first()
        if place is not None and place.estate_id
        else None
    )
    if estate is None:
        return render(
            request, "surveys/public/portal_results.html", {"estate": None, "nav": "results"}
        )
    context, language = _results_context(request, estate)
    context.update({"nav": "results", "switch_url": request.path})
    return _render(request, "surveys/public/portal_results.html", context, language)
