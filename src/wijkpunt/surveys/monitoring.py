"""Response rates of a wave while it runs: per estate, per building and per channel.

The denominator is the wave's roster — the households living in its estates or buildings on
the opening date, one ``SurveyCode`` each, with where they lived then. The numerator is the
codes marked used. Everything comes from the code rows (``used`` and ``channel``) in one
grouped query: never from the ballots or the responses, and never with a time — the code rows
have none (docs/surveys-anonymity.md).

A building with fewer households than the wave's smallest group (a house, a small block) has
no row of its own — "1 of 1" would tell who answered: such buildings of an estate are counted
together in one row."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from wijkpunt.surveys.models import Channel, SurveyCode, Wave


@dataclass
class Rate:
    """``used`` of ``roster`` households answered."""

    label: str
    roster: int = 0
    used: int = 0
    key: str = ""

    @property
    def percent(self) -> float:
        return 100.0 * self.used / self.roster if self.roster else 0.0

    @property
    def bar(self) -> str:
        """The bar's width for an SVG ``width`` attribute (no inline style: the page's
        Content-Security-Policy refuses those)."""
        return f"{min(100.0, self.percent):.1f}%"


@dataclass
class BuildingRate(Rate):
    estate: str = ""


@dataclass
class Rates:
    total: Rate
    estates: list[Rate] = field(default_factory=list)
    buildings: list[BuildingRate] = field(default_factory=list)
    channels: list[Rate] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.total.roster == 0


def _building_label(street: str, number: str, name: str) -> str:
    address = f"{street} {number}".strip()
    return f"{address} ({name})" if name else address


def rates(wave: Wave) -> Rates:
    """The wave's response rates: one query on its code rows."""
    rows = (
        SurveyCode.objects.filter(wave=wave)
        .values(
            "estate_id",
            "estate__name",
            "building_id",
            "building__street",
            "building__number",
            "building__name",
            "channel",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    total = Rate(label="")
    estates: dict[int, Rate] = {}
    buildings: dict[int, BuildingRate] = {}
    per_channel: dict[str, int] = defaultdict(int)
    for row in rows:
        n = row["n"]
        estate = estates.setdefault(
            row["estate_id"], Rate(label=row["estate__name"], key=str(row["estate_id"]))
        )
        building = buildings.setdefault(
            row["building_id"],
            BuildingRate(
                label=_building_label(
                    row["building__street"], row["building__number"], row["building__name"]
                ),
                estate=row["estate__name"],
                key=str(row["building_id"]),
            ),
        )
        for rate in (total, estate, building):
            rate.roster += n
            if row["channel"]:
                rate.used += n
        if row["channel"]:
            per_channel[row["channel"]] += n
    shown = _group_small(buildings, estates, wave.min_group_size)
    channels = [
        Rate(label=str(label), roster=total.roster, used=per_channel.get(value, 0), key=value)
        for value, label in Channel.choices
    ]
    return Rates(
        total=total,
        estates=sorted(estates.values(), key=lambda r: r.label),
        buildings=shown,
        channels=channels,
    )


def _group_small(
    buildings: dict[int, BuildingRate], estates: dict[int, Rate], smallest: int
) -> list[BuildingRate]:
    """The buildings' rows, those with fewer households than ``smallest`` counted together
    per estate (last in the estate's rows)."""
    own: list[BuildingRate] = []
    small: dict[str, BuildingRate] = {}
    for rate in buildings.values():
        if rate.roster >= smallest:
            own.append(rate)
            continue
        estate_key = next(k for k, e in estates.items() if e.label == rate.estate)
        group = small.setdefault(
            rate.estate,
            BuildingRate(
                label=_("Houses and buildings with fewer than %(k)s households") % {"k": smallest},
                estate=rate.estate,
                key=f"small-{estate_key}",
            ),
        )
        group.roster += rate.roster
        group.used += rate.used
    rows = sorted(own, key=lambda r: (r.estate, r.label))
    for estate, group in sorted(small.items()):
        after = [i for i, r in enumerate(rows) if r.estate <= estate]
        rows.insert(after[-1] + 1 if after else 0, group)
    return rows


__all__ = ["BuildingRate", "Rate", "Rates", "rates"]
