"""Generate the demo: partner organisations, estates with buildings and dwellings, households
with their residents and tenancy history, and one demo account per role.

The data are deterministic for a given seed and day (``random.Random(seed)``) and are written
with ``bulk_create``, so the whole demo loads in a few seconds. Tests and benchmarks call
:func:`generate` and :func:`delete_demo_data` directly; ``wijkpunt demo`` wraps them.

Other apps can add their own demo data (signals, activities, surveys…) without touching this
module: a module ``<app>/demo_data.py`` with a function ``generate(demo: DemoResult) -> dict``
is called after the registry is loaded, and returns counts to report.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import random
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.utils import timezone

from wijkpunt.accounts.models import ContactChannel, User
from wijkpunt.demo import data
from wijkpunt.housing.models import (
    Building,
    CommonSpace,
    Dwelling,
    DwellingType,
    Estate,
    Household,
    Resident,
    ResidentRelation,
    Tenancy,
    TenancyEvent,
    TenancyEventKind,
)
from wijkpunt.partners.models import Organisation, StaffRole, Team

DEFAULT_SEED = 2026
# Flemish social tenancies that start on or after this day have a two-year probation.
PROBATION_SINCE = dt.date(2017, 1, 1)


@dataclass
class DemoResult:
    """What :func:`generate` made, for the command's report, tests and extensions."""

    seed: int
    today: dt.date
    rng: random.Random
    organisations: dict[str, Organisation] = field(default_factory=dict)
    estates: dict[str, Estate] = field(default_factory=dict)
    staff: dict[str, User] = field(default_factory=dict)
    tenants: dict[str, User] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)
    # The moment the demo's story ends: now, or the afternoon of ``today`` when the demo is
    # made for another day (as the tests do).
    now: dt.datetime = field(init=False)

    def __post_init__(self) -> None:
        now = timezone.now()
        if timezone.localdate(now) != self.today:
            now = timezone.make_aware(dt.datetime.combine(self.today, dt.time(15, 0)))
        self.now = now


# --- Small helpers --------------------------------------------------------------------------

_TRANSLIT = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "ß": "ss", "İ": "I"})


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return "".join(c for c in text if c.isalnum())


def _weighted(rng: random.Random, pairs) -> str:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _add_years(day: dt.date, years: int) -> dt.date:
    return _years_before(day, -years)


def _first_of_month(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after (negative: before) ``day``'s month."""
    index = day.year * 12 + (day.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(day, dt.time(hour, 0)), timezone.get_default_timezone()
    )


def estate_opening(spec: data.EstateSpec, today: dt.date) -> dt.date | None:
    if not spec.is_new:
        return None
    return _first_of_month(today, -spec.opened_months_ago)


def demo_email(local_part: str) -> str:
    return f"{local_part}@{data.DEMO_ACCOUNT_DOMAIN}"


# --- Existence and removal ------------------------------------------------------------------


def _demo_estates() -> Q:
    return Q(slug__in=[e.slug for e in data.ESTATES])


def demo_data_exists() -> bool:
    return (
        User.objects.filter(is_demo=True).exists()
        or Estate.objects.filter(_demo_estates()).exists()
        or Organisation.objects.filter(name__in=[o.name for o in data.ORGANISATIONS]).exists()
        or Household.objects.filter(external_ref__startswith=data.REF_PREFIX).exists()
    )


def _delete(queryset, depth: int = 0) -> int:
    """Delete a queryset; rows of other apps that protect it (a signal about a demo
    household, say) are demo data too and are deleted first."""
    for _attempt in range(20):
        try:
            return queryset.delete()[0]
        except (ProtectedError, RestrictedError) as exc:
            if depth > 8:
                raise
            blockers = (
                exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
            )
            by_model: dict = {}
            for obj in blockers:
                by_model.setdefault(type(obj), set()).add(obj.pk)
            for model, pks in by_model.items():
                _delete(model._base_manager.filter(pk__in=pks), depth + 1)
    return queryset.delete()[0]


@transaction.atomic
def delete_demo_data() -> Counter:
    """Remove everything the demo made: its accounts, organisations, estates and households,
    and whatever other apps hung on them (an ``<app>.demo_data`` module with a ``delete()``
    removes its own rows first). The audit log is append-only and stays."""
    counts: Counter = Counter()
    for module in _extensions():
        if hasattr(module, "delete"):
            counts.update(module.delete() or {})
    estates = Estate.objects.filter(_demo_estates())
    in_demo_estates = Q(dwelling__building__estate__in=estates)
    household_ids = set(
        Household.objects.filter(external_ref__startswith=data.REF_PREFIX).values_list(
            "pk", flat=True
        )
    ) | set(Tenancy.objects.filter(in_demo_estates).values_list("household_id", flat=True))
    counts["users"] = User.objects.filter(is_demo=True).count()
    _delete(User.objects.filter(is_demo=True))
    counts["tenancies"] = Tenancy.objects.filter(
        in_demo_estates | Q(household_id__in=household_ids)
    ).count()
    _delete(Tenancy.objects.filter(in_demo_estates | Q(household_id__in=household_ids)))
    counts["households"] = Household.objects.filter(pk__in=household_ids).count()
    _delete(Household.objects.filter(pk__in=household_ids))
    _delete(CommonSpace.objects.filter(estate__in=estates))
    counts["dwellings"] = Dwelling.objects.filter(building__estate__in=estates).count()
    _delete(Dwelling.objects.filter(building__estate__in=estates))
    _delete(Building.objects.filter(estate__in=estates))
    organisations = Organisation.objects.filter(name__in=[o.name for o in data.ORGANISATIONS])
    _delete(StaffRole.objects.filter(organisation__in=organisations))
    counts["organisations"] = organisations.count()
    _delete(organisations)
    counts["estates"] = estates.count()
    _delete(estates)
    return counts


# --- People ---------------------------------------------------------------------------------


class _People:
    """Makes households with residents of plausible names, ages and contact details."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng = rng
        self.today = today
        self.origins = data.ORIGINS
        self.origin_weights = [o.weight for o in data.ORIGINS]
        self.emails: set[str] = set()
        # Unique fictitious mobile numbers in the 0470 00 .. .. range.
        self.phones = iter(rng.sample(range(10000), 10000))
        self.household_seq = 0
        self.resident_seq = 0

    def origin(self) -> data.Origin:
        return self.rng.choices(self.origins, weights=self.origin_weights, k=1)[0]

    def first_name(self, origin: data.Origin, *, female: bool, born: int) -> str:
        if born < 1960 and origin.elder_male:
            return self.rng.choice(origin.elder_female if female else origin.elder_male)
        return self.rng.choice(origin.female if female else origin.male)

    def phone(self) -> str:
        n = next(self.phones)
        return f"0470 00 {n // 100:02d} {n % 100:02d}"

    def email(self, first: str, last: str, domain: str) -> str:
        base = f"{_ascii(first)}.{_ascii(last)}"
        candidate = f"{base}@{domain}"
        n = 2
        while candidate in self.emails:
            candidate = f"{base}{n}@{domain}"
            n += 1
        self.emails.add(candidate)
        return candidate

    def next_household_ref(self) -> str:
        self.household_seq += 1
        return f"{data.REF_PREFIX}H{self.household_seq:05d}"

    def next_resident_ref(self) -> str:
        self.resident_seq += 1
        return f"{data.REF_PREFIX}R{self.resident_seq:06d}"

    def kind_for(self, dwelling: Dwelling) -> str:
        rng = self.rng
        if dwelling.dwelling_type == DwellingType.SENIOR_FLAT:
            return _weighted(rng, [("elderly_single", 65), ("elderly_couple", 35)])
        if dwelling.dwelling_type == DwellingType.STUDIO or dwelling.bedrooms == 0:
            return "single"
        if dwelling.bedrooms == 1:
            return _weighted(
                rng,
                [("single", 40), ("elderly_single", 30), ("couple", 15), ("elderly_couple", 15)],
            )
        if dwelling.bedrooms == 2:
            return _weighted(
                rng,
                [
                    ("single_parent", 35),
                    ("family", 25),
                    ("couple", 10),
                    ("elderly_single", 15),
                    ("elderly_couple", 15),
                ],
            )
        if dwelling.bedrooms == 3:
            return _weighted(
                rng,
                [("family", 50), ("single_parent", 30), ("elderly_couple", 10), ("extended", 10)],
            )
        return _weighted(rng, [("family", 70), ("single_parent", 20), ("extended", 10)])

    def household(
        self,
        *,
        kind: str,
        bedrooms: int,
        on: dt.date,
        since: dt.date,
        origin: data.Origin | None = None,
    ) -> tuple[Household, list[Resident]]:
        """A household as it is on day ``on``, living in its dwelling since ``since``."""
        rng = self.rng
        origin = origin or self.origin()
        years_in = max(0, (on - since).days // 365)
        elderly = kind.startswith("elderly")
        if elderly:
            head_age = rng.randint(66, 92)
        elif kind == "single":
            head_age = rng.randint(19, 64)
        elif kind == "couple":
            head_age = rng.randint(22, 63)
        else:
            head_age = rng.randint(24, 52)
        head_age = max(head_age, years_in + 19)
        # Single parents are mostly mothers; in couples the main tenant is either partner.
        female = rng.random() < (0.82 if kind == "single_parent" else 0.55)
        head_first = self.first_name(origin, female=female, born=on.year - head_age)
        head_last = rng.choice(origin.surnames)
        members: list[tuple[str, str, str, int]] = [(head_first, head_last, "head", head_age)]
        kids_last = head_last
        partner_last = head_last
        if kind in {"couple", "elderly_couple", "family", "extended"}:
            # In Belgium spouses keep their own surname.
            partner_last = rng.choice(origin.surnames)
            partner_age = max(19 + years_in, head_age + rng.randint(-6, 6))
            partner_first = self.first_name(origin, female=not female, born=on.year - partner_age)
            members.append((partner_first, partner_last, "partner", partner_age))
            kids_last = partner_last if female and rng.random() < 0.7 else head_last
        max_size = {0: 1, 1: 2, 2: 4, 3: 5}.get(bedrooms, 6)
        if kind in {"family", "single_parent", "extended"}:
            wanted = {2: (1, 2), 3: (2, 3)}.get(bedrooms, (3, 4))
            n_kids = min(rng.randint(*wanted), max_size - len(members))
            if kind == "extended":
                n_kids = min(n_kids, max_size - len(members) - 1)
            youngest_parent = min(m[3] for m in members)
            for _ in range(max(0, n_kids)):
                age = rng.randint(0, min(21, max(0, youngest_parent - 19)))
                boy = rng.random() < 0.5
                members.append(
                    (rng.choice(origin.male if boy else origin.female), kids_last, "child", age)
                )
            if kind == "extended" and len(members) < max_size:
                # A grandmother lives with the family.
                age = head_age + rng.randint(22, 30)
                members.append(
                    (
                        self.first_name(origin, female=True, born=on.year - age),
                        rng.choice(origin.surnames),
                        "other",
                        age,
                    )
                )

        language = _weighted(rng, origin.languages)
        other_language = ""
        if origin.home_languages and rng.random() < origin.home_language_share:
            other_language = rng.choice(origin.home_languages)
        phone = self.phone() if rng.random() < (0.8 if elderly else 0.92) else ""
        email = ""
        if rng.random() < (0.2 if elderly else 0.62):
            email = self.email(head_first, head_last, origin.email_domain)
        if email:
            contact = _weighted(
                rng,
                [(ContactChannel.EMAIL, 50), (ContactChannel.SMS, 30), (ContactChannel.PHONE, 20)],
            )
        elif phone:
            contact = _weighted(
                rng,
                [
                    (ContactChannel.PHONE, 40),
                    (ContactChannel.SMS, 25),
                    (ContactChannel.LETTER, 25),
                    (ContactChannel.VISIT, 10),
                ],
            )
        else:
            contact = _weighted(rng, [(ContactChannel.LETTER, 70), (ContactChannel.VISIT, 30)])

        if len(members) == 1:
            name = f"{head_first} {head_last}"
        elif partner_last != head_last:
            name = f"Gezin {head_last} – {partner_last}"
        else:
            name = f"Gezin {head_last}"
        household = Household(
            external_ref=self.next_household_ref(),
            name=name,
            language=language,
            other_language=other_language,
            phone=phone,
            email=email,
            preferred_contact=contact,
        )
        residents = [
            Resident(
                external_ref=self.next_resident_ref(),
                first_name=first,
                last_name=last,
                relation=relation,
                birth_year=on.year - age,
                phone=phone if relation == "head" else "",
                email=email if relation == "head" else "",
            )
            for first, last, relation, age in members
        ]
        return household, residents

    def mover(self, *, moved_on: dt.date) -> tuple[Household, list[Resident]]:
        """An older household that moved from a family dwelling to a smaller one: children
        who grew up there have left the household."""
        rng = self.rng
        origin = self.origin()
        household, residents = self.household(
            kind=_weighted(rng, [("elderly_couple", 55), ("elderly_single", 45)]),
            bedrooms=1,
            on=self.today,
            since=moved_on,
            origin=origin,
        )
        head = residents[0]
        for _ in range(rng.randint(1, 3)):
            birth_year = (head.birth_year or 1950) + rng.randint(22, 34)
            left = dt.date(
                min(moved_on.year, max(birth_year + 19, (head.birth_year or 1950) + 45)),
                rng.randint(1, 12),
                1,
            )
            left = min(left, moved_on)
            residents.append(
                Resident(
                    external_ref=self.next_resident_ref(),
                    first_name=rng.choice(origin.female + origin.male),
                    last_name=head.last_name,
                    relation=ResidentRelation.CHILD,
                    birth_year=birth_year,
                    moved_out_on=left,
                )
            )
        return household, residents


# --- The registry ---------------------------------------------------------------------------


def _create_organisations(result: DemoResult) -> dict[str, dict[str, Team]]:
    teams: dict[str, dict[str, Team]] = {}
    for spec in data.ORGANISATIONS:
        org = Organisation.objects.create(
            name=spec.name,
            kind=spec.kind,
            short_name=spec.short_name,
            phone=spec.phone,
            email=spec.email,
            address=spec.address,
            opening_hours=spec.opening_hours,
            description=spec.description,
        )
        result.organisations[spec.key] = org
        made = Team.objects.bulk_create(
            [
                Team(
                    organisation=org,
                    name=name,
                    email=f"{_ascii(spec.short_name)}.{_ascii(name)}@example.be",
                    phone=spec.phone[:-2] + f"{10 + i:02d}" if spec.phone else "",
                )
                for i, name in enumerate(spec.teams, start=1)
            ]
        )
        teams[spec.key] = {t.name: t for t in made}
    result.counts["organisations"] = len(data.ORGANISATIONS)
    result.counts["teams"] = sum(len(t) for t in teams.values())
    return teams


def _create_estates(result: DemoResult) -> None:
    for spec in data.ESTATES:
        result.estates[spec.slug] = Estate.objects.create(
            name=spec.name,
            slug=spec.slug,
            municipality=data.MUNICIPALITY,
            description=spec.description,
            is_new=spec.is_new,
            opens_on=estate_opening(spec, result.today),
        )
    all_estates = list(result.estates.values())
    for org_spec in data.ORGANISATIONS:
        org = result.organisations[org_spec.key]
        org.estates.set(
            all_estates
            if org_spec.estates is None
            else [result.estates[s] for s in org_spec.estates]
        )
    result.counts["estates"] = len(all_estates)


def _coordinate(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")


def _create_buildings_and_dwellings(result: DemoResult) -> dict[str, list[Dwelling]]:
    rng = result.rng
    plans: list[tuple[Building, list[Dwelling]]] = []
    for spec in data.ESTATES:
        estate = result.estates[spec.slug]
        for index, block in enumerate(spec.blocks):
            building = Building(
                estate=estate,
                external_ref=f"{data.REF_PREFIX}B-{spec.slug}-{index + 1}",
                name=block.name,
                street=block.street,
                number=block.number,
                postcode=data.POSTCODE,
                city=spec.city,
                latitude=_coordinate(spec.latitude + rng.uniform(-0.0012, 0.0012)),
                longitude=_coordinate(spec.longitude + rng.uniform(-0.0018, 0.0018)),
            )
            plans.append((building, _block_dwellings(rng, block)))
        for row in spec.rows:
            lat = spec.latitude + rng.uniform(-0.002, 0.002)
            lon = spec.longitude + rng.uniform(-0.003, 0.0)
            for i in range(row.count):
                number = row.first + i * row.step
                building = Building(
                    estate=estate,
                    external_ref=f"{data.REF_PREFIX}B-{spec.slug}-{_ascii(row.street)}-{number}",
                    street=row.street,
                    number=str(number),
                    postcode=data.POSTCODE,
                    city=spec.city,
                    latitude=_coordinate(lat + (0.00005 if row.first % 2 else -0.00005)),
                    longitude=_coordinate(lon + i * 0.00011),
                )
                bedrooms = rng.choice(row.bedrooms)
                plans.append(
                    (
                        building,
                        [
                            Dwelling(
                                unit="",
                                dwelling_type=DwellingType.HOUSE,
                                bedrooms=bedrooms,
                                floor=0,
                                has_lift=False,
                                # A few houses were adapted with a downstairs bedroom.
                                adapted=rng.random() < 0.06,
                            )
                        ],
                    )
                )
    buildings = [b for b, _ in plans]
    Building.objects.bulk_create(buildings, batch_size=500)
    dwellings: list[Dwelling] = []
    for building, units in plans:
        for dwelling in units:
            dwelling.building = building
            dwellings.append(dwelling)
    for n, dwelling in enumerate(dwellings, start=1):
        dwelling.external_ref = f"{data.REF_PREFIX}W{n:05d}"
    Dwelling.objects.bulk_create(dwellings, batch_size=500)
    by_estate: dict[str, list[Dwelling]] = {s.slug: [] for s in data.ESTATES}
    for dwelling in dwellings:
        by_estate[dwelling.building.estate.slug].append(dwelling)
    result.counts["buildings"] = len(buildings)
    result.counts["dwellings"] = len(dwellings)
    return by_estate


def _block_dwellings(rng: random.Random, block: data.BlockSpec) -> list[Dwelling]:
    units: list[Dwelling] = []
    top = block.floors
    for floor in range(0, top + 1):
        if block.duplex_top and floor == top:
            break  # the top storey belongs to the duplexes below it
        for i in range(block.units):
            unit = f"{floor}.{i + 1}"
            if block.senior:
                kind, bedrooms = DwellingType.SENIOR_FLAT, 1
                adapted = floor == 0 or (block.lift and rng.random() < 0.3)
            elif block.duplex_top and floor == top - 1:
                if i % 2:
                    continue  # a duplex takes the place of two flats
                kind, bedrooms, adapted = DwellingType.DUPLEX, rng.choice((3, 3, 4)), False
            elif floor > 0 and i < block.studios:
                kind, bedrooms, adapted = DwellingType.STUDIO, 0, False
            else:
                kind = DwellingType.APARTMENT
                bedrooms = rng.choice((1, 2, 2, 2, 3) if floor else (1, 1, 2, 2, 3))
                # Ground floor flats in blocks with a lift: one in three adapted.
                adapted = floor == 0 and block.lift and i % 3 == 0
                if adapted:
                    bedrooms = min(bedrooms, 2)
            units.append(
                Dwelling(
                    unit=unit,
                    dwelling_type=kind,
                    bedrooms=bedrooms,
                    floor=floor,
                    has_lift=block.lift,
                    adapted=adapted,
                )
            )
    return units


def _create_common_spaces(result: DemoResult) -> None:
    spaces = []
    building_by_name = {
        (b.estate_id, b.name): b
        for b in Building.objects.filter(estate__in=result.estates.values()).exclude(name="")
    }
    for spec in data.ESTATES:
        estate = result.estates[spec.slug]
        for name, kind, block_name in spec.common_spaces:
            spaces.append(
                CommonSpace(
                    estate=estate,
                    building=building_by_name.get((estate.pk, block_name)) if block_name else None,
                    name=name,
                    kind=kind,
                )
            )
        # Every block has its own hall and stairs.
        for block in spec.blocks:
            spaces.append(
                CommonSpace(
                    estate=estate,
                    building=building_by_name.get((estate.pk, block.name)),
                    name=f"Inkomhal en trappen {block.name}",
                    kind="hall",
                )
            )
    CommonSpace.objects.bulk_create(spaces)
    result.counts["common spaces"] = len(spaces)


@dataclass
class _Stay:
    """One tenancy before it is written: a household in a dwelling from start to end."""

    dwelling: Dwelling
    household: Household
    start: dt.date
    end: dt.date | None = None
    reason: str = ""
    internal_move: bool = False


def _random_start(rng: random.Random, today: dt.date, built: dt.date) -> dt.date:
    """A tenancy start: many long tenancies, a steady stream of recent ones."""
    max_days = (today - built).days - 30
    days = int(min(max_days, max(35, rng.expovariate(1 / (9 * 365)))))
    return today - dt.timedelta(days=days)


def _plan_existing_estate(
    result: DemoResult,
    people: _People,
    spec: data.EstateSpec,
    dwellings: list[Dwelling],
    reserved: dict[int, tuple[Household, list[Resident], dt.date]],
    made: list[tuple[Household, list[Resident]]],
) -> list[_Stay]:
    rng, today = result.rng, result.today
    built = dt.date(spec.built_year, 9, 1)
    stays: list[_Stay] = []
    movers: list[tuple[Household, list[Resident], dt.date]] = []
    # Family dwellings first, so that households that moved to a smaller dwelling of the
    # estate (internal moves) have left their old one before they are placed in the new one.
    order = sorted(
        dwellings,
        key=lambda d: (
            d.dwelling_type in {DwellingType.SENIOR_FLAT, DwellingType.STUDIO},
            -d.bedrooms,
        ),
    )
    for dwelling in order:
        if dwelling.pk in reserved:
            household, residents, start = reserved[dwelling.pk]
            stays.append(_Stay(dwelling, household, start))
            cursor = start - dt.timedelta(days=rng.randint(20, 120))
        elif rng.random() < spec.occupancy:
            small = dwelling.bedrooms <= 1 or dwelling.dwelling_type == DwellingType.SENIOR_FLAT
            if small and movers and rng.random() < 0.5:
                household, residents, moved_on = movers.pop()
                start = moved_on + dt.timedelta(days=1)
                made.append((household, residents))
                stays.append(_Stay(dwelling, household, start, internal_move=True))
            else:
                start = _random_start(rng, today, built)
                household, residents = people.household(
                    kind=people.kind_for(dwelling),
                    bedrooms=dwelling.bedrooms,
                    on=today,
                    since=start,
                )
                made.append((household, residents))
                stays.append(_Stay(dwelling, household, start))
            cursor = start - dt.timedelta(days=rng.randint(20, 120))
        else:
            # Empty now: the last tenants left recently; the dwelling is being done up or
            # re-let.
            cursor = today - dt.timedelta(days=rng.randint(15, 240))
        # Earlier tenancies of this dwelling, newest first.
        for _ in range(rng.choice((0, 1, 1, 2)) if cursor < today - dt.timedelta(days=300) else 1):
            end = cursor
            if end <= built + dt.timedelta(days=400):
                break
            years = rng.randint(2, 16)
            start = max(built, _years_before(end, years) + dt.timedelta(days=rng.randint(0, 300)))
            if start >= end:
                break
            reason = _weighted(rng, data.END_REASONS)
            if reason == "internal_move" and (
                dwelling.bedrooms < 2 or end < today - dt.timedelta(days=20 * 365)
            ):
                reason = "notice_by_tenant"
            if reason == "internal_move":
                household, residents = people.mover(moved_on=end)
                movers.append((household, residents, end))
            else:
                household, residents = people.household(
                    kind=people.kind_for(dwelling),
                    bedrooms=dwelling.bedrooms,
                    on=end,
                    since=start,
                )
                made.append((household, residents))
            stays.append(_Stay(dwelling, household, start, end, reason))
            cursor = start - dt.timedelta(days=rng.randint(20, 150))
    # Movers no smaller dwelling was found for in this estate left the estate instead.
    for household, residents, _moved_on in movers:
        made.append((household, residents))
        for stay in stays:
            if stay.household is household:
                stay.reason = "notice_by_tenant"
    return stays


def _plan_new_estate(
    result: DemoResult,
    people: _People,
    spec: data.EstateSpec,
    dwellings: list[Dwelling],
    reserved: dict[int, tuple[Household, list[Resident], dt.date]],
    made: list[tuple[Household, list[Resident]]],
) -> list[_Stay]:
    rng, today = result.rng, result.today
    opens = estate_opening(spec, today)
    stays: list[_Stay] = []
    if opens is None or opens > today:
        return stays
    months_open = max(0, (today.year - opens.year) * 12 + today.month - opens.month)
    for dwelling in dwellings:
        if dwelling.pk in reserved:
            household, residents, start = reserved[dwelling.pk]
            stays.append(_Stay(dwelling, household, start))
            continue
        if rng.random() >= spec.occupancy:
            continue
        # Most tenants moved in on the opening day, the others month by month after it.
        start = opens if rng.random() < 0.6 else _first_of_month(opens, rng.randint(0, months_open))
        start = min(start, today)
        household, residents = people.household(
            kind=people.kind_for(dwelling), bedrooms=dwelling.bedrooms, on=today, since=start
        )
        made.append((household, residents))
        stays.append(_Stay(dwelling, household, start))
    return stays


def _reserve_demo_tenants(
    result: DemoResult,
    people: _People,
    by_estate: dict[str, list[Dwelling]],
) -> tuple[dict[int, tuple[Household, list[Resident], dt.date]], list[tuple]]:
    """Place the households of the demo tenant accounts in suitable dwellings."""
    reserved: dict[int, tuple[Household, list[Resident], dt.date]] = {}
    accounts: list[tuple] = []
    today = result.today
    for account in data.TENANT_ACCOUNTS:
        spec = next(e for e in data.ESTATES if e.slug == account.estate)
        candidates = [
            d
            for d in by_estate[account.estate]
            if d.bedrooms == account.bedrooms
            and d.dwelling_type in {DwellingType.APARTMENT, DwellingType.HOUSE}
            and d.pk not in reserved
        ]
        dwelling = candidates[len(candidates) // 3]
        start = _first_of_month(today, -account.months_ago)
        opens = estate_opening(spec, today)
        if opens and start < opens:
            start = opens
        email = demo_email(account.local_part)
        phone = people.phone()
        household = Household(
            external_ref=people.next_household_ref(),
            name=account.household_name,
            language=account.language,
            other_language=account.other_language,
            phone=phone,
            email=email,
            preferred_contact=account.preferred_contact,
        )
        residents = [
            Resident(
                external_ref=people.next_resident_ref(),
                first_name=m.first_name,
                last_name=m.last_name,
                relation=m.relation,
                birth_year=today.year - m.age,
                phone=phone if m.relation == "head" else "",
                email=email if m.relation == "head" else "",
            )
            for m in account.members
        ]
        reserved[dwelling.pk] = (household, residents, start)
        accounts.append((account, household, residents))
    return reserved, accounts


def _create_households(
    result: DemoResult,
    made: list[tuple[Household, list[Resident]]],
    tenant_accounts: list[tuple],
    password_hash: str,
) -> None:
    rng = result.rng
    Household.objects.bulk_create([h for h, _ in made], batch_size=1000)
    # Portal accounts: the demo tenants, and some main tenants who gave an e-mail address.
    users: list[User] = []
    links: list[tuple[Resident, User]] = []
    for account, household, residents in tenant_accounts:
        head = residents[0]
        user = User(
            email=household.email,
            full_name=head.full_name,
            phone=household.phone,
            language=account.language,
            preferred_contact=account.preferred_contact,
            is_demo=True,
            password=password_hash,
        )
        users.append(user)
        links.append((head, user))
        result.tenants[account.local_part] = user
    special = {id(h) for _, h, _ in tenant_accounts}
    for household, residents in made:
        if id(household) in special or not household.email:
            continue
        head = residents[0]
        if head.moved_out_on or rng.random() >= data.PORTAL_SHARE:
            continue
        if not getattr(household, "_demo_current", False):
            continue
        user = User(
            email=household.email,
            full_name=head.full_name,
            phone=household.phone,
            language=household.language,
            preferred_contact=household.preferred_contact,
            is_demo=True,
            password=password_hash,
        )
        users.append(user)
        links.append((head, user))
    User.objects.bulk_create(users, batch_size=500)
    for resident, user in links:
        resident.user = user
    residents_all: list[Resident] = []
    for household, residents in made:
        for resident in residents:
            resident.household = household
            residents_all.append(resident)
    Resident.objects.bulk_create(residents_all, batch_size=1000)
    result.counts["households"] = len(made)
    result.counts["residents"] = len(residents_all)
    result.counts["tenant portal accounts"] = len(users)
    _verified_addresses(users)


def _verified_addresses(users: list[User]) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=500,
    )


def _create_tenancies(result: DemoResult, stays: list[_Stay]) -> None:
    tenancies: list[Tenancy] = []
    for n, stay in enumerate(sorted(stays, key=lambda s: (s.start, s.dwelling.pk)), start=1):
        probation = None
        if stay.start >= PROBATION_SINCE and not stay.internal_move:
            probation = _add_years(stay.start, 2) - dt.timedelta(days=1)
        tenancy = Tenancy(
            dwelling=stay.dwelling,
            household=stay.household,
            external_ref=f"{data.REF_PREFIX}T{n:05d}",
            start_date=stay.start,
            end_date=stay.end,
            probation_end=probation,
        )
        tenancy._stay = stay  # type: ignore[attr-defined]
        tenancies.append(tenancy)
    Tenancy.objects.bulk_create(tenancies, batch_size=1000)
    events: list[TenancyEvent] = []
    for tenancy in tenancies:
        stay = tenancy._stay  # type: ignore[attr-defined]
        started: dict[str, object] = {"start_date": tenancy.start_date.isoformat()}
        if tenancy.probation_end:
            started["probation_end"] = tenancy.probation_end.isoformat()
        if stay.internal_move:
            started["internal_move"] = True
        events.append(
            TenancyEvent(
                tenancy=tenancy,
                kind=TenancyEventKind.STARTED,
                at=_aware(tenancy.start_date),
                changes=started,
            )
        )
        if tenancy.end_date:
            events.append(
                TenancyEvent(
                    tenancy=tenancy,
                    kind=TenancyEventKind.ENDED,
                    at=_aware(tenancy.end_date, 16),
                    changes={"end_date": tenancy.end_date.isoformat(), "reason": stay.reason},
                )
            )
    TenancyEvent.objects.bulk_create(events, batch_size=1000)
    result.counts["tenancies"] = len(tenancies)
    result.counts["current tenancies"] = sum(1 for t in tenancies if t.end_date is None)
    result.counts["tenancy events"] = len(events)


def _create_staff(
    result: DemoResult, teams: dict[str, dict[str, Team]], password_hash: str, with_totp: bool
) -> None:
    users = []
    for account in data.STAFF_ACCOUNTS:
        users.append(
            User(
                email=demo_email(account.local_part),
                full_name=account.full_name,
                phone="",
                language=account.language,
                is_demo=True,
                is_staff=account.superuser,
                is_superuser=account.superuser,
                password=password_hash,
            )
        )
    User.objects.bulk_create(users)
    roles = []
    for account, user in zip(data.STAFF_ACCOUNTS, users, strict=True):
        result.staff[account.local_part] = user
        roles.append(
            StaffRole(
                user=user,
                organisation=result.organisations[account.organisation],
                team=teams[account.organisation].get(account.team) if account.team else None,
                role=account.role,
            )
        )
    StaffRole.objects.bulk_create(roles)
    for account, role in zip(data.STAFF_ACCOUNTS, roles, strict=True):
        if account.estates:
            role.estates.set([result.estates[s] for s in account.estates])
    _verified_addresses(users)
    if with_totp:
        from allauth.mfa.totp.internal.auth import TOTP

        for user in users:
            TOTP.activate(user, data.DEMO_TOTP_SECRET)
    result.counts["staff accounts"] = len(users)


def _extensions() -> list:
    """The ``<app>.demo_data`` modules of Wijkpunt's apps, in the apps' order."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wijkpunt.") or config.label == "demo":
            continue
        module_name = f"{config.name}.demo_data"
        if importlib.util.find_spec(module_name) is None:
            continue
        modules.append(importlib.import_module(module_name))
    return modules


def _run_extensions(result: DemoResult) -> None:
    for module in _extensions():
        counts = module.generate(result) or {}
        result.counts.update(counts)


@transaction.atomic
def generate(
    *,
    seed: int = DEFAULT_SEED,
    today: dt.date | None = None,
    with_totp: bool = True,
    extensions: bool = True,
) -> DemoResult:
    """Load the whole demo into an empty database (see ``delete_demo_data`` to start over)."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    result = DemoResult(seed=seed, today=today, rng=rng)
    password_hash = make_password(data.DEMO_PASSWORD)
    people = _People(rng, today)

    teams = _create_organisations(result)
    _create_estates(result)
    by_estate = _create_buildings_and_dwellings(result)
    _create_common_spaces(result)

    reserved, tenant_accounts = _reserve_demo_tenants(result, people, by_estate)
    made: list[tuple[Household, list[Resident]]] = [(h, r) for _, h, r in tenant_accounts]
    stays: list[_Stay] = []
    for spec in data.ESTATES:
        planner = _plan_new_estate if spec.is_new else _plan_existing_estate
        stays.extend(planner(result, people, spec, by_estate[spec.slug], reserved, made))
    for stay in stays:
        if stay.end is None:
            stay.household._demo_current = True  # type: ignore[attr-defined]
    _create_households(result, made, tenant_accounts, password_hash)
    _create_tenancies(result, stays)
    _create_staff(result, teams, password_hash, with_totp)
    if extensions:
        _run_extensions(result)
    return result
