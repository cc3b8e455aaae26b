"""The sociale kaart in the staff workspace (``/werk/sociale-kaart/``): search by need,
language, distance from an estate, opening hours and words; a page per service.

Staff of every partner organisation may use it: it is public information, without household
data (``access.may_use_directory``)."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from wijkpunt.directory import forms, queries
from wijkpunt.directory.languages import language_name
from wijkpunt.directory.models import LocationType, ServiceStatus
from wijkpunt.housing import access as housing
from wijkpunt.workspace.access import staff_required


def _for_household(request: HttpRequest) -> int | None:
    """``?voor=<household>``: the search picks a service to refer that household to (the
    referral form checks the household; here it is only carried along)."""
    value = request.GET.get("voor", "")
    return int(value) if value.isdigit() and len(value) < 12 else None


@staff_required()
def search(request: HttpRequest) -> HttpResponse:
    estates = housing.visible_estates(request.user).order_by("name")
    form = forms.SearchForm(request.GET or None, estates=estates)
    result = None
    if not form.is_bound:
        result = queries.search_services(queries.SearchQuery())
    elif form.is_valid():
        result = queries.search_services(
            form.search_query(), page=form.cleaned_data.get("page") or 1
        )
    return render(
        request,
        "directory/search.html",
        {
            "form": form,
            "result": result,
            "searched": form.is_bound,
            "for_household": _for_household(request),
            "nav_current": "directory",
        },
    )


@staff_required()
def service(request: HttpRequest, service_id: str) -> HttpResponse:
    try:
        pk = uuid.UUID(service_id)
    except ValueError:
        raise Http404("No such service") from None
    found = queries.service_page(pk)
    if found is None:
        raise Http404("No such service")
    places = []
    for sal in found.service_at_locations.all():
        location = sal.location
        addresses = sorted(
            location.addresses.all(),
            key=lambda a: (a.address_type != LocationType.PHYSICAL, a.position),
        )
        places.append(
            {
                "sal": sal,
                "location": location,
                "address": addresses[0] if addresses else None,
                "phones": [*sal.phones.all(), *location.phones.all()],
                "hours": queries.hours_lines(
                    queries.schedule_rows([*sal.schedules.all(), *location.schedules.all()])
                ),
                "languages": [
                    language_name(lang.code, lang.name) for lang in location.languages.all()
                ],
            }
        )
    schedules = queries.schedule_rows(found.schedules.all())
    all_schedules = schedules + [
        row
        for sal in found.service_at_locations.all()
        for row in queries.schedule_rows(sal.schedules.all())
    ]
    return render(
        request,
        "directory/service.html",
        {
            "service": found,
            "places": places,
            "hours": queries.hours_lines(schedules),
            "open_now": queries.is_open(all_schedules, timezone.now()),
            "languages": [language_name(lang.code, lang.name) for lang in found.languages.all()],
            "needs": [link.term for link in found.taxonomy_links.all()],
            "phones": list(found.phones.all()) or list(found.organization.phones.all()),
            "closed": found.status == ServiceStatus.TEMPORARILY_CLOSED,
            "stopped": found.status in (ServiceStatus.DEFUNCT, ServiceStatus.INACTIVE),
            "for_household": _for_household(request),
            "nav_current": "directory",
        },
    )
