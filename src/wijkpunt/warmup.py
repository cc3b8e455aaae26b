"""Load what a web process's first request would otherwise load.

Under ``wijkpunt serve`` gunicorn imports the application once, in its master process, before
it starts the web workers (``--preload``): the workers are copies of a warm process, so a
worker started again after a crash answers its first request at once instead of after seconds
of imports and model loading."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def warm_up() -> None:
    """The URL configuration with every view it imports, and the triage model if it is stored
    (training one, on a new installation, waits for the first text). Never fails
    (what cannot load now loads at the first request, as before) and leaves no database
    connection open, since the web workers are forked from this process."""
    from django.db import connections
    from django.urls import get_resolver

    try:
        get_resolver().url_patterns  # noqa: B018 - imports the URLconf and its views
        from wijkpunt.triage import service

        service.load_if_stored()
    except Exception:  # noqa: BLE001 - e.g. the database is not reachable yet
        logger.warning("Could not warm up; the first request will load what it needs")
    finally:
        connections.close_all()
