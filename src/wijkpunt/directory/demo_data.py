"""The demo's sociale kaart (``wijkpunt demo`` calls ``generate`` after the registry;
``--reset`` calls ``delete`` first): ``data/wevelgem.json``, a made-up directory of the
Wevelgem area in HSDS 3.0, imported the way an administrator imports one."""

from __future__ import annotations

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
    """Remove the demo's services, locations and organisations (and what hangs on them, also
    rows of other apps that protect them, such as a referral to a demo service); Wijkpunt's
    taxonomy of needs stays."""
    from wijkpunt.demo.generate import _delete

    directory = _demo_ids()
    counts: Counter = Counter()
    services = Service.objects.filter(pk__in=list(directory.services))
    counts["directory services"] = services.count()
    _delete(services)
    _delete(Location.objects.filter(pk__in=list(directory.locations)))
    _delete(Organization.objects.filter(pk__in=list(directory.organizations)))
    return dict(counts)
