"""Writes of the wave pages: a new wave of a survey and changes to a wave being prepared.
Opening and closing are ``actions.open_wave`` / ``actions.close_wave``.

A wave names estates, or buildings, or both: a whole estate, or some of its buildings. Its
roster (``actions.audience_of``) is the households of its buildings when it names any, else of
its estates — so when a wave mixes whole estates and single buildings, every building of the
whole estates is stored too. Its ``estates`` always holds every estate it reaches, which is
what access checks (``access.visible_waves``: a person sees a wave only when they cover all of
its estates)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from wijkpunt.audit.actions import record_change
from wijkpunt.housing.models import Building, Estate
from wijkpunt.partners import access as partners
from wijkpunt.surveys import actions
from wijkpunt.surveys.access import WAVE_ROLES
from wijkpunt.surveys.models import MIN_GROUP_FLOOR, Survey, Wave, WaveStatus


class WaveInvalid(ValueError):
    """What is wrong, by field name (``None`` for the whole form)."""

    def __init__(self, errors: dict[str | None, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def default_min_group_size() -> int:
    return max(MIN_GROUP_FLOOR, int(getattr(settings, "SURVEY_MIN_GROUP_SIZE", MIN_GROUP_FLOOR)))


def manageable_estate_ids(user) -> set[int]:
    """The estates a wave of ``user`` may reach: those they cover in a role that manages
    waves."""
    return partners.estate_ids(user, roles=set(WAVE_ROLES["manage"]))


def _targets(
    user, estates: Iterable[Estate], buildings: Iterable[Building]
) -> tuple[list[int], list[int]]:
    """(estate ids, building ids) to store, checked against what ``user`` covers."""
    estate_ids = sorted({e.pk for e in estates})
    chosen = list(buildings)
    covered = manageable_estate_ids(user)
    errors: dict[str | None, str] = {}
    if not estate_ids and not chosen:
        errors[None] = _("Choose at least one estate or building.")
    if set(estate_ids) - covered:
        errors["estates"] = _("You can only choose estates you work in.")
    if {b.estate_id for b in chosen} - covered:
        errors["buildings"] = _("You can only choose buildings of estates you work in.")
    if errors:
        raise WaveInvalid(errors)
    if not chosen:
        return estate_ids, []
    # Buildings of estates also chosen as a whole are part of the whole estate.
    whole = set(estate_ids)
    building_ids = {b.pk for b in chosen if b.estate_id not in whole}
    building_ids |= set(Building.objects.filter(estate_id__in=whole).values_list("pk", flat=True))
    reached = whole | {b.estate_id for b in chosen}
    return sorted(reached), sorted(building_ids)


def _check_dates(opens_on: dt.date, closes_on: dt.date, min_group_size: int) -> None:
    errors: dict[str | None, str] = {}
    if closes_on < opens_on:
        errors["closes_on"] = _("The wave closes before it opens.")
    if min_group_size < MIN_GROUP_FLOOR:
        errors["min_group_size"] = _("The smallest group shown is at least %(n)d.") % {
            "n": MIN_GROUP_FLOOR
        }
    if errors:
        raise WaveInvalid(errors)


def targets_of(wave: Wave) -> tuple[list[Estate], list[Building]]:
    """(whole estates, single buildings) of a wave, as its form shows them: an estate whose
    every building the wave names is whole; other buildings are named one by one."""
    estates = list(wave.estates.order_by("name"))
    buildings = list(
        wave.buildings.select_related("estate").order_by("estate__name", "street", "number")
    )
    if not buildings:
        return estates, []
    named = {b.pk for b in buildings}
    per_estate: dict[int, set[int]] = {}
    for estate_id, pk in Building.objects.filter(estate__in=estates).values_list("estate_id", "pk"):
        per_estate.setdefault(estate_id, set()).add(pk)
    whole = [e for e in estates if per_estate.get(e.pk, set()) <= named]
    whole_ids = {e.pk for e in whole}
    return whole, [b for b in buildings if b.estate_id not in whole_ids]


@transaction.atomic
def create_wave(
    *,
    survey: Survey,
    by,
    name: str,
    estates: Iterable[Estate] = (),
    buildings: Iterable[Building] = (),
    opens_on: dt.date,
    closes_on: dt.date,
    min_group_size: int | None = None,
    request=None,
) -> Wave:
    if survey.archived:
        raise WaveInvalid({None: _("This survey is archived: it gets no new waves.")})
    size = default_min_group_size() if min_group_size is None else min_group_size
    _check_dates(opens_on, closes_on, size)
    estate_ids, building_ids = _targets(by, estates, buildings)
    wave = Wave.objects.create(
        survey=survey,
        name=name.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        min_group_size=size,
        created_by=by,
    )
    wave.estates.set(estate_ids)
    wave.buildings.set(building_ids)
    record_change(
        actor=by,
        object_type="survey-wave",
        object_id=wave.pk,
        summary=f"survey wave created for survey {survey.pk}",
        changes={
            "estates": (None, ", ".join(map(str, estate_ids))),
            "buildings": (None, ", ".join(map(str, building_ids)) or None),
            "opens_on": (None, opens_on),
            "closes_on": (None, closes_on),
        },
        created=True,
        request=request,
    )
    return wave


@transaction.atomic
def update_wave(
    *,
    wave: Wave,
    by,
    name: str,
    estates: Iterable[Estate] = (),
    buildings: Iterable[Building] = (),
    opens_on: dt.date,
    closes_on: dt.date,
    min_group_size: int,
    request=None,
) -> Wave:
    """Change a wave that is still being prepared (an open wave's roster is fixed)."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    if wave.status != WaveStatus.DRAFT:
        raise WaveInvalid({None: _("Only a wave that has not opened yet can be changed.")})
    _check_dates(opens_on, closes_on, min_group_size)
    estate_ids, building_ids = _targets(by, estates, buildings)
    before = {
        "name": wave.name,
        "opens_on": wave.opens_on,
        "closes_on": wave.closes_on,
        "min_group_size": wave.min_group_size,
        "estates": ", ".join(map(str, sorted(wave.estates.values_list("pk", flat=True)))),
        "buildings": ", ".join(map(str, sorted(wave.buildings.values_list("pk", flat=True)))),
    }
    wave.name = name.strip()
    wave.opens_on = opens_on
    wave.closes_on = closes_on
    wave.min_group_size = min_group_size
    wave.save(update_fields=["name", "opens_on", "closes_on", "min_group_size"])
    wave.estates.set(estate_ids)
    wave.buildings.set(building_ids)
    after = {
        "name": wave.name,
        "opens_on": opens_on,
        "closes_on": closes_on,
        "min_group_size": min_group_size,
        "estates": ", ".join(map(str, estate_ids)),
        "buildings": ", ".join(map(str, building_ids)),
    }
    record_change(
        actor=by,
        object_type="survey-wave",
        object_id=wave.pk,
        summary="survey wave changed",
        changes={k: (before[k], after[k]) for k in before if before[k] != after[k]},
        request=request,
    )
    return wave


@transaction.atomic
def open_wave(*, wave: Wave, by, request=None) -> int:
    """``actions.open_wave`` (roster and codes) with its audit entry; TransitionError when
    the wave cannot open. Returns the number of codes."""
    made = actions.open_wave(wave=wave, by=by)
    record_change(
        actor=by,
        object_type="survey-wave",
        object_id=wave.pk,
        summary=f"survey wave opened with {made} codes",
        request=request,
    )
    return made


@transaction.atomic
def close_wave(*, wave: Wave, by, request=None) -> None:
    """``actions.close_wave`` (the last mix) with its audit entry."""
    actions.close_wave(wave=wave, by=by)
    record_change(
        actor=by,
        object_type="survey-wave",
        object_id=wave.pk,
        summary="survey wave closed",
        request=request,
    )


__all__ = [
    "WaveInvalid",
    "create_wave",
    "default_min_group_size",
    "close_wave",
    "manageable_estate_ids",
    "open_wave",
    "targets_of",
    "update_wave",
]
