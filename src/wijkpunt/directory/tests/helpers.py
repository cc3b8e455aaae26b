"""Small HSDS records for the tests, and a snapshot of the whole directory to compare."""

from __future__ import annotations

import copy
import json
import uuid

from django.db.models import Model

from wijkpunt.directory import actions
from wijkpunt.directory.defaults import TERMS
from wijkpunt.directory.demo_data import DEMO_FILE
from wijkpunt.directory.models import (
    Address,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTaxonomy,
    Taxonomy,
    TaxonomyTerm,
)

TERM = {code: term_id for term_id, code, *_rest in TERMS}
DIRECTORY_MODELS: tuple[type[Model], ...] = (
    Organization,
    Service,
    Location,
    Address,
    ServiceAtLocation,
    Phone,
    Schedule,
    Language,
    Taxonomy,
    TaxonomyTerm,
    ServiceTaxonomy,
)


def uid(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://wijkpunt.test/{name}"))


def demo_services() -> list[dict]:
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


def demo_service(name: str) -> dict:
    return next(s for s in demo_services() if s["name"] == name)


def service(
    name: str,
    *,
    lat: float | None = 50.81,
    lon: float | None = 3.18,
    status: str = "active",
    needs: tuple[str, ...] = (),
    languages: tuple[str, ...] = ("nl",),
    hours: tuple[tuple, ...] = (("MO,TU,WE,TH,FR", "09:00", "17:00"),),
    org: str = "Testorganisatie",
    place_languages: tuple[str, ...] = (),
    **extra,
) -> dict:
    """A full HSDS service with one organisation and (when lat/lon are given) one place."""
    key = name.lower().replace(" ", "-")
    places = []
    if lat is not None and lon is not None:
        places.append(
            {
                "id": uid(f"sal/{key}"),
                "location": {
                    "id": uid(f"location/{key}"),
                    "location_type": "physical",
                    "name": f"Locatie {name}",
                    "latitude": lat,
                    "longitude": lon,
                    "addresses": [
                        {
                            "id": uid(f"address/{key}"),
                            "address_1": f"{name}straat 1",
                            "city": "Wevelgem",
                            "postal_code": "8560",
                            "country": "BE",
                            "address_type": "physical",
                        }
                    ],
                    "languages": [
                        {"id": uid(f"location-language/{key}/{code}"), "code": code}
                        for code in place_languages
                    ],
                },
            }
        )
    schedules = []
    for index, (byday, opens, closes, *rest) in enumerate(hours):
        schedule = {
            "id": uid(f"schedule/{key}/{index}"),
            "freq": "WEEKLY",
            "byday": byday,
            "opens_at": opens,
            "closes_at": closes,
        }
        if rest:
            schedule["valid_from"], schedule["valid_to"] = rest[0], rest[1]
        schedules.append(schedule)
    return {
        "id": uid(f"service/{key}"),
        "name": name,
        "description": f"Beschrijving van {name}",
        "status": status,
        "organization": {
            "id": uid(f"organization/{org}"),
            "name": org,
            "description": "",
        },
        "phones": [{"id": uid(f"phone/{key}"), "number": "056 00 00 01"}],
        "schedules": schedules,
        "languages": [{"id": uid(f"language/{key}/{code}"), "code": code} for code in languages],
        "service_at_locations": places,
        "attributes": [
            {"id": uid(f"attribute/{key}/{need}"), "taxonomy_term_id": TERM[need]} for need in needs
        ],
        **extra,
    }


def load(*services: dict):
    return actions.import_directory(data=copy.deepcopy(list(services)))


def snapshot() -> dict[str, list[dict]]:
    """Every row of every directory table (without the import's own timestamps)."""
    found = {}
    for model in DIRECTORY_MODELS:
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if f.attname not in {"created_at", "updated_at"}
        ]
        rows = model._default_manager.order_by("pk").values(*names)
        found[model._meta.label] = [dict(r) for r in rows]
    return found
