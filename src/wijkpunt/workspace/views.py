"""The staff workspace: overview, estates, household page and search."""

from __future__ import annotations

from typing import Protocol, cast

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from wijkpunt.audit.actions import AuditAction, record_list_read
from wijkpunt.housing import access as housing
from wijkpunt.partners import access as partners
from wijkpunt.workspace import queries
from wijkpunt.workspace.access import may_see_households, staff_required
from wijkpunt.workspace.forms import DwellingFilterForm, SearchForm


class LinkedSection(Protocol):
    """A block of the landing page links to the inbox list it sums up."""

    url: str


DWELLINGS_PER_PAGE = 50
SEARCH_RESULTS_PER_PAGE = 25


@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    """The staff landing page: what needs this person now (urgent, late, mine, my team,
    resident replies), then the estates they cover with key figures."""
    from wijkpunt.inbox import queries as inbox

    user = request.user
    roles = partners.active_roles(user)
    estates = queries.estates_with_figures(housing.visible_estates(user))
    organisations = sorted({r.organisation for r in roles}, key=lambda o: o.name)
    sections = inbox.needs_now(user)
    for section in sections:
        cast(LinkedSection, section).url = f"{reverse('inbox:home')}?{urlencode(section.query)}"
    shown = [s for section in sections for s in section.rows]
    # The rows show signals' words: a read of the households behind them, as in the list.
    record_list_read(
        request=request,
        object_type="signal-list",
        household_ids=[s.household_id for s in shown],
        purpose="landing page",
    )
    return render(
        request,
        "workspace/home.html",
        {
            "sections": sections,
            "inbox_url": reverse("inbox:home"),
            "roles": roles,
            "organisations": organisations,
            "estates": estates,
            "show_probation": housing.can_see_tenancies(user),
            "nav_current": "home",
        },
    )


@staff_required()
def estates(request: HttpRequest) -> HttpResponse:
    """All estates the staff member covers, as a table of figures."""
    user = request.user
    return render(
        request,
        "workspace/estates.html",
        {
            "estates": queries.estates_with_figures(housing.visible_estates(user)),
            "show_probation": housing.can_see_tenancies(user),
            "nav_current": "estates",
        },
    )


@staff_required()
def estate(request: HttpRequest, slug: str) -> HttpResponse:
    """One estate: buildings, dwellings (filtered, paginated) and common spaces.

    Occupants' names are personal data: they are shown only to those who may see the
    household, and every household shown is written to the audit log."""
    user = request.user
    the_estate = housing.get_estate_for(user, slug)
    form = DwellingFilterForm(request.GET or None, estate=the_estate)
    filters = form.filters() if form.is_bound else {}
    dwellings = queries.dwellings_of_estate(the_estate, **filters)
    page = Paginator(dwellings, DWELLINGS_PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    names = queries.visible_household_names(user, [d.current_household_id for d in rows])
    for dwelling in rows:
        dwelling.household_name = names.get(dwelling.current_household_id)
    record_list_read(
        request=request, object_type="household", household_ids=names, purpose="estate overview"
    )
    return render(
        request,
        "workspace/estate.html",
        {
            "estate": the_estate,
            "figures": queries.estates_with_figures(
                housing.visible_estates(user).filter(pk=the_estate.pk)
            )[0].figures,
            "buildings": queries.buildings_with_figures(the_estate),
            "common_spaces": list(queries.common_spaces(the_estate)),
            "form": form,
            "page": page,
            "dwellings": rows,
            "filtered": any(v not in (None, False) for v in filters.values()),
            "may_see_households": may_see_households(user),
            "show_probation": housing.can_see_tenancies(user),
            "nav_current": "estates",
        },
    )


@staff_required(not_found=True)
def household(request: HttpRequest, pk: int) -> HttpResponse:
    """The household page became the household file (``/werk/huishoudens/<id>/``)."""
    return redirect("households:file", pk=pk, permanent=True)


@staff_required()
def search(request: HttpRequest) -> HttpResponse:
    """Households by name or address; dwellings by address. Households shown are audited."""
    user = request.user
    form = SearchForm(request.GET or None)
    context: dict = {
        "form": form,
        "query": "",
        "may_see_households": may_see_households(user),
        "nav_current": "search",
    }
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        context["query"] = query
        if context["may_see_households"]:
            households = Paginator(
                queries.search_households(user, query), SEARCH_RESULTS_PER_PAGE
            ).get_page(request.GET.get("page"))
            rows = list(households.object_list)
            dwellings = queries.dwellings_by_id([h.current_dwelling_id for h in rows])
            for h in rows:
                h.current_dwelling = dwellings.get(h.current_dwelling_id)
            record_list_read(
                request=request,
                action=AuditAction.SEARCH,
                object_type="household",
                household_ids=[h.pk for h in rows],
                purpose=query,
            )
            context["households"] = households
            context["household_rows"] = rows
        dwelling_page = Paginator(
            queries.search_dwellings(user, query), SEARCH_RESULTS_PER_PAGE
        ).get_page(request.GET.get("wpage"))
        context["dwellings"] = dwelling_page
        context["dwelling_rows"] = list(dwelling_page.object_list)
    return render(request, "workspace/search.html", context)
