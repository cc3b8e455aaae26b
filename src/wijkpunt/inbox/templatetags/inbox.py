"""Small formatting helpers of the inbox: the deadline in words, the place, the owner."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkpunt.signalling.deadlines import is_working_day
from wijkpunt.signalling.models import OPEN_STATUSES

register = template.Library()


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end``."""
    days, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            days += 1
    return days


def deadline_words(due: dt.datetime | None, *, paused=None, status="", now=None) -> str:
    """ "nog 2 werkdagen", "vandaag vóór 15:00", "3 dagen te laat", "gepauzeerd"."""
    if due is None:
        return ""
    if status and status not in OPEN_STATUSES:
        return ""
    if paused is not None:
        return _("paused (waiting for the resident)")
    now = timezone.localtime(now or timezone.now())
    due_local = timezone.localtime(due)
    if due_local >= now:
        if due_local.date() == now.date():
            return _("today before %(time)s") % {"time": due_local.strftime("%H:%M")}
        days = working_days_between(now.date(), due_local.date())
        return ngettext("%(count)d more working day", "%(count)d more working days", days) % {
            "count": days
        }
    late = (now.date() - due_local.date()).days
    if late == 0:
        return _("late since %(time)s") % {"time": due_local.strftime("%H:%M")}
    return ngettext("%(count)d day late", "%(count)d days late", late) % {"count": late}


@register.simple_tag
def deadline(signal, which: str = "resolution_due") -> str:
    return deadline_words(getattr(signal, which), paused=signal.paused_at, status=signal.status)


@register.filter
def place(signal) -> str:
    """Estate and building (or common space) of a row; never a dwelling (no household)."""
    parts = []
    if signal.estate_id:
        parts.append(signal.estate.name)
    if signal.common_space_id:
        parts.append(signal.common_space.name)
    elif signal.building_id:
        parts.append(f"{signal.building.street} {signal.building.number}")
    return " · ".join(parts)


@register.filter
def owner(signal) -> str:
    if signal.owner_user_id:
        return signal.owner_user.full_name or signal.owner_user.email
    if signal.owner_team_id:
        return signal.owner_team.name
    if signal.owner_organisation_id:
        org = signal.owner_organisation
        return org.short_name or org.name
    return ""


@register.filter
def percent(value) -> str:
    try:
        return f"{round(float(value) * 100)} %"
    except (TypeError, ValueError):
        return ""


@register.filter
def make_list_words(value: str) -> list[str]:
    """ "a b c" → ["a", "b", "c"] (a list of field names in a template)."""
    return str(value).split()


@register.filter
def field(form, name: str):
    """The bound field ``name`` of a form."""
    return form[name]
