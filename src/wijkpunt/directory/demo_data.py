"""The demo's sociale kaart (``wijkpunt demo`` calls ``generate`` after the registry;
``--reset`` calls ``delete`` first): ``data/wevelgem.json``, a made-up directory of the
Wevelgem area in HSDS 3.0, imported the way an administrator imports one."""

from __future__ import annotations

import uuid
from collections import Counter
from pathlib import Path

from wijkpunt.directory import actions, hsds
from wijkpunt.directory.models import Location, Organization, Service

DEMO_FILE = Path(__file__).with_name("data") / "wevelgem.json"


def generate(demo=None) -> dict:
    summary = actions.import_directory(data=DEMO_FILE.read_bytes(), source="demo")
    return {
        "directory services": summary.count("services", "created"),
        "directory organisations": summary.count("organizations", "created"),
    }


def _demo_ids() -> hsds.Directory:
    return hsds.read(hsds.parse_json(DEMO_FILE.read_bytes()))


def delete() -> dict:
    """Remove the demo's services, locations and organisations (and what hangs on them);
    Wijkpunt's taxonomy of needs stays."""
    directory = _demo_ids()
    counts: Counter = Counter()
    ids: list[uuid.UUID] = list(directory.services)
    counts["directory services"] = (
        Service.objects.filter(pk__in=ids).delete()[1].get("directory.Service", 0)
    )
    Location.objects.filter(pk__in=list(directory.locations)).delete()
    Organization.objects.filter(pk__in=list(directory.organizations), parent__isnull=False).delete()
    Organization.objects.filter(pk__in=list(directory.organizations)).delete()
    return dict(counts)
