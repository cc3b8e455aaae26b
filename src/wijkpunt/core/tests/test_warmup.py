"""The warm-up that gunicorn's master runs before it forks the web workers (``--preload``)."""

import shutil

import pytest
from django.db import connections

from wijkpunt.triage import service
from wijkpunt.warmup import warm_up


@pytest.fixture
def cold_model():
    service.reset()
    yield
    service.reset()


def test_loads_the_stored_model_and_leaves_no_database_connection(
    db, cold_model, settings, tmp_path, monkeypatch
):
    stored = service.shipped_model_file()  # what the first start (or `make demo`) leaves
    assert stored is not None
    settings.VAR_DIR = tmp_path
    shutil.copy(stored, tmp_path / stored.name)
    service.reset()
    closed = []
    # (the in-memory SQLite database of the tests cannot really be closed)
    monkeypatch.setattr(connections, "close_all", lambda: closed.append(service._cache.model))

    warm_up()

    assert service._cache.model is not None
    assert closed == [service._cache.model]  # closed after loading: workers open their own


def test_never_trains_and_never_fails(db, cold_model, settings, tmp_path, caplog):
    settings.VAR_DIR = tmp_path  # a new installation: no model stored yet
    warm_up()
    assert service._cache.model is None
    assert not list(tmp_path.iterdir())
