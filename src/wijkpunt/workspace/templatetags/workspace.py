"""Template helpers of the staff workspace: the navigation and small formatting filters.

Other apps' staff pages include ``workspace/_nav.html`` in ``{% block nav %}``; it calls
``{% workspace_nav as nav %}``. A page can set ``nav_current`` ("home", "signals", "estates",
"search", "surveys", "registry", "admin") to choose the highlighted item; otherwise it follows
the URL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkpunt.households.access import casework_organisation_ids
from wijkpunt.housing.access import can_manage_registry
from wijkpunt.housing.models import Tenancy
from wijkpunt.partners import access as partners
from wijkpunt.surveys.access import has_survey_role
from wijkpunt.workspace.access import may_open_admin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()


@dataclass
class NavItem:
    key: str
    label: StrOrPromise
    url: str
    current: bool = False


def _current_key(context, request) -> str:
    explicit = context.get("nav_current")
    if explicit is not None:
        return explicit
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.namespace == "housing":
        return "registry"
    if match.namespace == "inbox":
        return "signals"
    if match.namespace == "surveys":
        return "surveys"
    if match.namespace == "directory":
        return "directory"
    if match.namespace == "referrals":
        return "referrals"
    if match.namespace == "meetings":
        return "meetings"
    return {
        "workspace:home": "home",
        "workspace:estates": "estates",
        "workspace:estate": "estates",
        "workspace:search": "search",
    }.get(match.view_name, "")


@register.simple_tag(takes_context=True)
def workspace_nav(context) -> dict:
    """The staff navigation for the logged-in user: items, and who they are."""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"items": [], "user_name": "", "roles": []}
    items = [
        NavItem("home", _("Today"), reverse("workspace:home")),
        NavItem("signals", _("Signals"), reverse("inbox:home")),
        NavItem("estates", _("Estates"), reverse("workspace:estates")),
        NavItem("search", _("Search"), reverse("workspace:search")),
        NavItem("directory", _("Service directory"), reverse("directory:search")),
    ]
    if casework_organisation_ids(user):
        items.append(NavItem("referrals", _("Referrals"), reverse("referrals:list")))
        items.append(NavItem("meetings", _("Case meetings"), reverse("meetings:list")))
    if has_survey_role(user):
        items.append(NavItem("surveys", _("Surveys"), reverse("surveys:home")))
    if can_manage_registry(user):
        items.append(NavItem("registry", _("Import / export"), reverse("housing:registry")))
    if may_open_admin(user):
        items.append(NavItem("admin", _("Configuration"), reverse("admin:index")))
    current = _current_key(context, request)
    for item in items:
        item.current = item.key == current
    roles = [f"{r.get_role_display()}, {r.organisation}" for r in partners.active_roles(user)]
    return {"items": items, "user_name": user.get_full_name() or user.email, "roles": roles}


@register.filter
def age_from(birth_year: int | None, year: int | None = None) -> int | None:
    """Age this year (at most one year off: only the year of birth is known)."""
    if not birth_year:
        return None
    return (year or dt.date.today().year) - birth_year


def _label(field_name: str) -> str:
    try:
        # the history names the tenancy's own fields (never a relation from elsewhere)
        return str(cast(Field, Tenancy._meta.get_field(field_name)).verbose_name)
    except FieldDoesNotExist:
        return field_name.replace("_", " ")


def _value(value) -> str:
    if value in (None, ""):
        return "–"
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).strftime("%d-%m-%Y")
        except ValueError:
            return value
    return str(value)


@register.filter
def tenancy_changes(changes) -> list[dict]:
    """A TenancyEvent's ``changes`` as rows of (field, before, after).

    Accepts ``{"field": [old, new]}``, ``{"field": {"old": .., "new": ..}}`` and
    ``{"field": value}``."""
    if not isinstance(changes, dict):
        return []
    rows = []
    for key, value in changes.items():
        if isinstance(value, list | tuple) and len(value) == 2:
            before, after = value
        elif isinstance(value, dict) and ("old" in value or "new" in value):
            before, after = value.get("old"), value.get("new")
        else:
            before, after = None, value
        rows.append(
            {
                "field": _label(str(key)),
                "before": _value(before) if before is not None else "",
                "after": _value(after),
            }
        )
    return rows


@register.simple_tag(takes_context=True)
def page_url(context, param: str, number: int) -> str:
    """The current address with one page parameter changed (filters are kept)."""
    request = context["request"]
    query = request.GET.copy()
    query[param] = str(number)
    return "?" + query.urlencode()
