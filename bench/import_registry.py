"""import.registry: importing a housing company's registry file, against a bare bulk_create.

Both sides write the same rows (estates, buildings, dwellings, households, tenancies). The
import also reads and checks the CSV file, compares with the database and writes a tenancy
event per tenancy; the baseline only builds model objects from ready Python data and calls
``bulk_create``. Measured side by side in the same run, best of two."""

from __future__ import annotations

import csv
import datetime as dt
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

STREETS = [
    "Wallaysplein",
    "Kerkstraat",
    "Lindenlaan",
    "Beukenhof",
    "Vlasbloemstraat",
    "Leiestraat",
    "Molenstraat",
    "Stationsstraat",
    "Schoolstraat",
    "Tuinwijk",
    "Meersstraat",
    "Kastanjelaan",
]
NAMES = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Yilmaz",
    "El Amrani",
    "Dubois",
    "Lambert",
    "Vermeulen",
    "Desmet",
    "Kowalski",
    "Nguyen",
    "Diallo",
    "Popescu",
]
HEADERS = [
    "woning_ref",
    "wijk",
    "gebouw_ref",
    "straat",
    "huisnummer",
    "bus",
    "postcode",
    "gemeente",
    "type",
    "slaapkamers",
    "verdieping",
    "lift",
    "aangepast",
    "gezin_ref",
    "gezinsnaam",
    "taal",
    "telefoon",
    "email",
    "huur_ref",
    "startdatum",
    "einddatum",
    "proefperiode_einde",
]


def generate(size: int, seed: int = 7) -> list[dict]:
    rnd = random.Random(seed)
    rows = []
    per_building = 10
    for i in range(size):
        b = i // per_building
        estate = f"Wijk {b % 10 + 1:02d}"
        start = dt.date(2000, 1, 1) + dt.timedelta(days=rnd.randrange(0, 9000))
        rows.append(
            {
                "dwelling_ref": f"W-{i + 1:06d}",
                "estate": estate,
                "building_ref": f"G-{b + 1:05d}",
                "street": STREETS[b % len(STREETS)],
                "number": str(b + 1),
                "unit": f"{i % per_building // 4}.{i % 4 + 1}",
                "postcode": "8560",
                "city": "Wevelgem",
                "dwelling_type": "apartment",
                "bedrooms": rnd.randint(1, 4),
                "floor": i % per_building // 4,
                "has_lift": b % 2 == 0,
                "adapted": i % 17 == 0,
                "household_ref": f"H-{i + 1:06d}",
                "household_name": f"Gezin {rnd.choice(NAMES)}",
                "language": rnd.choice(["nl-be", "nl-be", "nl-be", "fr", "en"]),
                "phone": f"0470 {rnd.randint(10, 99)} {rnd.randint(10, 99)} {rnd.randint(10, 99)}",
                "email": f"gezin{i + 1}@example.org",
                "tenancy_ref": f"T-{i + 1:06d}",
                "start_date": start,
                "probation_end": start + dt.timedelta(days=730),
            }
        )
    return rows


def write_csv(rows: list[dict], path: Path) -> None:
    lang = {"nl-be": "nl", "fr": "fr", "en": "en"}
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(HEADERS)
        for r in rows:
            writer.writerow(
                [
                    r["dwelling_ref"],
                    r["estate"],
                    r["building_ref"],
                    r["street"],
                    r["number"],
                    r["unit"],
                    r["postcode"],
                    r["city"],
                    "appartement",
                    r["bedrooms"],
                    r["floor"],
                    "ja" if r["has_lift"] else "nee",
                    "ja" if r["adapted"] else "nee",
                    r["household_ref"],
                    r["household_name"],
                    lang[r["language"]],
                    r["phone"],
                    r["email"],
                    r["tenancy_ref"],
                    r["start_date"].strftime("%d/%m/%Y"),
                    "",
                    r["probation_end"].isoformat(),
                ]
            )


def baseline(rows: list[dict]) -> None:
    """The bare minimum: build the objects and bulk_create them, table by table."""
    from wijkpunt.housing.models import Building, Dwelling, Estate, Household, Tenancy

    batch = 1000
    estates = {}
    for r in rows:
        if r["estate"] not in estates:
            estates[r["estate"]] = Estate(
                name=r["estate"], slug=r["estate"].lower().replace(" ", "-")
            )
    Estate.objects.bulk_create(estates.values())
    buildings = {}
    for r in rows:
        if r["building_ref"] not in buildings:
            buildings[r["building_ref"]] = Building(
                estate=estates[r["estate"]],
                external_ref=r["building_ref"],
                street=r["street"],
                number=r["number"],
                postcode=r["postcode"],
                city=r["city"],
            )
    Building.objects.bulk_create(buildings.values(), batch_size=batch)
    dwellings = [
        Dwelling(
            building=buildings[r["building_ref"]],
            external_ref=r["dwelling_ref"],
            unit=r["unit"],
            dwelling_type=r["dwelling_type"],
            bedrooms=r["bedrooms"],
            floor=r["floor"],
            has_lift=r["has_lift"],
            adapted=r["adapted"],
        )
        for r in rows
    ]
    Dwelling.objects.bulk_create(dwellings, batch_size=batch)
    households = [
        Household(
            external_ref=r["household_ref"],
            name=r["household_name"],
            language=r["language"],
            phone=r["phone"],
            email=r["email"],
        )
        for r in rows
    ]
    Household.objects.bulk_create(households, batch_size=batch)
    tenancies = [
        Tenancy(
            dwelling=d,
            household=h,
            external_ref=r["tenancy_ref"],
            start_date=r["start_date"],
            probation_end=r["probation_end"],
        )
        for r, d, h in zip(rows, dwellings, households, strict=True)
    ]
    Tenancy.objects.bulk_create(tenancies, batch_size=batch)


def wijkpunt_import(path: Path) -> dict:
    from wijkpunt.housing.actions import import_registry

    with path.open("rb") as fh:
        report = import_registry(files=[(path.name, fh)], user=None, dry_run=False)
    if not report["ok"]:
        raise RuntimeError(f"The benchmark file does not import: {report['problems'][:3]}")
    return report


def wipe() -> None:
    from django.db import transaction

    from wijkpunt.housing.models import (
        Building,
        Dwelling,
        Estate,
        Household,
        Resident,
        Tenancy,
        TenancyEvent,
    )

    with transaction.atomic():
        for model in (TenancyEvent, Tenancy, Resident, Household, Dwelling, Building, Estate):
            model.objects.all()._raw_delete(model.objects.db)


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def peak_mb(fn, *args) -> float:
    tracemalloc.start()
    try:
        fn(*args)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def run(size: int) -> list[dict]:
    rows = generate(size)
    with tempfile.TemporaryDirectory(prefix="wijkpunt-bench-") as tmp:
        path = Path(tmp) / "registry.csv"
        write_csv(rows, path)
        base_times, import_times, reimport_times = [], [], []
        for _round in range(2):
            wipe()
            base_times.append(timed(baseline, rows))
            wipe()
            import_times.append(timed(wijkpunt_import, path))
            start = time.perf_counter()
            report = wijkpunt_import(path)
            reimport_times.append(time.perf_counter() - start)
            assert report["counts"]["tenancies"]["unchanged"] == size, report["counts"]
        wipe()
        base_peak = peak_mb(baseline, rows)
        wipe()
        import_peak = peak_mb(wijkpunt_import, path)
        wipe()
    value, base = min(import_times), min(base_times)
    reimport = min(reimport_times)
    return [
        _figure("s", value, base, 3.0),
        {"bench": "import.registry.reimport", **_figure("s", reimport, base, 3.0)},
        {"bench": "import.registry.peak_memory", **_figure("MB", import_peak, base_peak, 3.0)},
    ]


def _figure(unit: str, value: float, baseline_value: float, limit: float) -> dict:
    ratio = value / baseline_value if baseline_value else float("inf")
    return {
        "value": round(value, 3),
        "unit": unit,
        "baseline": round(baseline_value, 3),
        "ratio": round(ratio, 2),
        "target": f"<= {limit:g}",
        "met": ratio <= limit,
    }


BENCHMARKS = {"import.registry": run}
