import datetime as dt

from django.utils import timezone

from wijkpunt.core.models import WorkerHeartbeat


def test_healthz_reports_database_and_missing_worker(db, client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "ok"
    assert response.json()["worker"] == "never seen"


def test_healthz_ok_with_recent_heartbeat(db, client):
    WorkerHeartbeat.objects.create(worker_id="w1", last_seen=timezone.now())
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_healthz_stale_worker(db, client):
    WorkerHeartbeat.objects.create(
        worker_id="w1", last_seen=timezone.now() - dt.timedelta(minutes=10)
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"] == "stale"
