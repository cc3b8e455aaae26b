"""The map: vendored marker clusters (no CDN, with their licence), and it opens on the estate
with open signals."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from wijkpunt.housing.models import Building
from wijkpunt.inbox.tests.helpers import login, report


def test_marker_clusters_are_vendored_with_their_licence():
    script = finders.find("inbox/vendor/leaflet.markercluster/leaflet.markercluster.js")
    assert script and "markerClusterGroup" in Path(script).read_text()
    folder = Path(script).parent
    assert (
        "MIT" in (folder / "LICENSE").read_text()
        or "Permission is hereby granted" in (folder / "LICENSE").read_text()
    )
    assert (folder / "MarkerCluster.css").exists()
    assert "1.5.3" in (folder / "VERSION").read_text()


@pytest.mark.parametrize(("who", "expected"), [("coordinator", 200), ("tenant", 403)])
def test_the_map_opens_on_the_estate_with_open_signals(staff_client, personas, who, expected):
    # Beukenhof comes first by name, but the open signals are in Lindenplein.
    Building.objects.filter(pk=personas.building.pk).update(
        latitude=Decimal("50.8"), longitude=Decimal("3.2")
    )
    report(personas, "Lamp kapot in de hal", building=personas.building, reporter=None)
    login(staff_client, getattr(personas, who))
    response = staff_client.get("/werk/meldingen/kaart/")
    assert response.status_code == expected
    if expected == 200:
        assert response.context["estate"] == personas.estate
        html = response.content.decode()
        assert "leaflet.markercluster.js" in html and "https://unpkg" not in html
        assert 'id="inbox-markers"' in html
