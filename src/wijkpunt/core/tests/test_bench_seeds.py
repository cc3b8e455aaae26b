"""The benchmarks' fast seeding writes raw SQL on both databases: a column added to a model
without a database default must be added there too, or `make bench` breaks. Seeding a few rows
here keeps the benchmarks runnable (their figures are measured by `make bench` only)."""

from bench import inbox
from wijkpunt.signalling.models import Signal


def test_the_inbox_benchmark_seeds_signals_the_inbox_lists(db, client, settings):
    data = inbox.seed(60)
    signals = Signal.objects.filter(text__in=inbox.TEXTS)
    assert signals.count() == 60
    assert signals.filter(status="closed").count() > 30
    settings.STAFF_REQUIRE_MFA = False
    client.force_login(data["personas"].technician)
    response = client.get(
        "/werk/meldingen/",
        {"queue": "estates", "category": data["herstelling"], "sort": "deadline"},
    )
    assert response.status_code == 200
