"""Helpers for the registry import and export tests."""

from __future__ import annotations

import io

import pytest

DWELLING_HEADER = (
    "woning_ref;wijk;gebouw_ref;straat;huisnummer;bus;postcode;gemeente;type;slaapkamers;"
    "verdieping;lift;aangepast;gezin_ref;gezinsnaam;taal;telefoon;email;huur_ref;startdatum;"
    "einddatum;proefperiode_einde"
)
DWELLING_ROWS = [
    "W-10;Lindenplein;B-1;Lindenplein;1;1.1;8560;Testgem;appartement;2;1;ja;nee;H-10;"
    "Gezin Claes;nl;0470 11 22 33;claes@example.org;T-10;01/02/2021;;",
    "W-11;Lindenplein;B-1;Lindenplein;1;1.2;8560;Testgem;appartement;1;1;ja;nee;;;;;;;;;",
    "W-12;Vlasbloem;B-9;Vlasbloemstraat;3;;8560;Testgem;huis;3;0;nee;ja;H-11;Gezin Maes;fr;;;"
    "T-11;2025-09-01;;2027-08-31",
]


def dwelling_csv(*rows: str, header: str = DWELLING_HEADER, encoding: str = "utf-8") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode(encoding)


def run(content: bytes, *, name: str = "register.csv", dry_run: bool = False, user=None) -> dict:
    from wijkpunt.housing.actions import import_registry

    return import_registry(files=[(name, io.BytesIO(content))], user=user, dry_run=dry_run)


def messages(report: dict) -> list[str]:
    from wijkpunt.housing.importing import format_problem

    return [format_problem(p) for p in report["problems"]]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def dutch():
    from django.utils import translation

    with translation.override("nl-be"):
        yield
