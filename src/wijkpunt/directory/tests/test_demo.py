"""The demo's sociale kaart of the Wevelgem area."""

from __future__ import annotations

import json
import time

import pytest
from django.apps import apps

from wijkpunt.directory import demo_build, demo_data, queries
from wijkpunt.directory.models import Location, Organization, Service, TaxonomyTerm

from .helpers import demo_services


def test_the_demo_file_is_what_its_script_writes():
    assert json.loads(demo_data.DEMO_FILE.read_text(encoding="utf-8")) == demo_build.build()


def test_a_plausible_made_up_directory_of_the_wevelgem_area():
    services = demo_services()
    assert 25 <= len(services) <= 40
    assert 12 <= len({s["organization"]["id"] for s in services}) <= 16
    statuses = [s["status"] for s in services]
    assert statuses.count("defunct") == 1 and statuses.count("temporarily closed") == 1
    numbers = [p["number"] for s in services for p in s["phones"] + s["organization"]["phones"]]
    assert numbers and all(n.startswith("056 ") for n in numbers)
    for s in services:
        for place in s["service_at_locations"]:
            location = place["location"]
            distance = queries.haversine_km(
                50.81, 3.18, location["latitude"], location["longitude"]
            )
            assert distance < 10, location["name"]
    codes = {lang["code"] for s in services for lang in s["languages"]}
    assert {"nl", "fr", "en", "ar", "tr", "uk"} <= codes


@pytest.mark.django_db
def test_the_demo_loader_imports_it_quickly_and_removes_it_again():
    # The demo loader calls <app>.demo_data.generate() and delete() of every Wijkpunt app.
    assert apps.get_app_config("directory").name == demo_data.__name__.rsplit(".", 1)[0]
    assert callable(demo_data.generate) and callable(demo_data.delete)
    start = time.perf_counter()
    counts = demo_data.generate()
    elapsed = time.perf_counter() - start
    assert counts == {"directory services": 37, "directory organisations": 14}
    assert elapsed < 2  # about 0.1 s; generous for a busy machine
    assert Service.objects.count() == 37 and Location.objects.count() == 22
    demo_data.delete()
    assert not Service.objects.exists() and not Organization.objects.exists()
    assert not Location.objects.exists()
    assert TaxonomyTerm.objects.filter(code="schulden").exists()  # configuration stays
