"""Writing to the audit log.

Every read of a household's personal data goes through one of two calls:

- ``record_read(request=…, object_type=…, object_id=…, household_id=…)`` for one record (a
  household page, a signal page, an admin change page);
- ``record_list_read(request=…, object_type=…, household_ids=…)`` for a page that shows many
  (a list, a search result, a map, an export): one entry per household, in one insert.

Views, the API, exports and the configuration site (``audit.admin.AuditedAdmin``) all use
these; ``core/tests/test_every_url.py`` walks every page as every staff persona and fails when
one shows a household's personal data without an entry written by that request."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from wijkpunt.audit.models import AuditAction, AuditEntry
from wijkpunt.core.http import client_ip


def _client_ip(request: HttpRequest | None) -> str | None:
    # Behind a reverse proxy: the real client address (wijkpunt.core.http, docs/deploy.md).
    return client_ip(request)


def record(
    *,
    actor,
    action: str,
    object_type: str,
    object_id: object = "",
    household_id: int | None = None,
    purpose: str = "",
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Append one entry to the audit log (who, what, when, why/route)."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=str(actor)[:250] if actor is not None and actor.is_authenticated else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:64],
        household_id=household_id,
        purpose=(
            purpose
            or (request.resolver_match.view_name if request and request.resolver_match else "")
        )[:250],
        path=(request.get_full_path() if request else "")[:500],
        ip_address=_client_ip(request),
    )


def record_many(
    *,
    actor,
    action: str,
    object_type: str,
    household_ids: Iterable[int],
    purpose: str = "",
    request: HttpRequest | None = None,
) -> int:
    """Append one entry per household in a single insert (list pages, search, export)."""
    label = str(actor)[:250] if actor is not None and actor.is_authenticated else ""
    path = (request.get_full_path() if request else "")[:500]
    purpose = (
        purpose or (request.resolver_match.view_name if request and request.resolver_match else "")
    )[:250]
    ip = _client_ip(request)
    household_ids = [int(h) for h in household_ids]
    if not household_ids:
        return 0
    if connection.vendor == "postgresql":
        # One statement for the whole page, without building a model object per row: a list
        # page of fifty signals pays a fraction of a millisecond for its audit entries.
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {AuditEntry._meta.db_table} "  # noqa: S608 - the model's own table
                "(at, actor_id, actor_label, action, object_type, object_id, household_id, "
                "purpose, path, ip_address) "
                "SELECT %s, %s, %s, %s, %s, h::text, h, %s, %s, %s::inet "
                "FROM unnest(%s::bigint[]) AS h",
                [
                    timezone.now(),
                    actor.pk if label else None,
                    label,
                    action,
                    object_type,
                    purpose,
                    path,
                    ip,
                    household_ids,
                ],
            )
        return len(household_ids)
    entries = [
        AuditEntry(
            actor=actor if label else None,
            actor_label=label,
            action=action,
            object_type=object_type,
            object_id=str(hid),
            household_id=hid,
            purpose=purpose,
            path=path,
            ip_address=ip,
        )
        for hid in household_ids
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def _shown(value: object) -> str:
    text = "–" if value in (None, "") else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def record_change(
    *,
    actor,
    object_type: str,
    object_id: object,
    summary: str,
    changes: dict[str, tuple[object, object]] | None = None,
    created: bool = False,
    actor_label: str = "",
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Append a change to an account, a staff role or a second factor: who (``actor``),
    what (``summary``, e.g. "account changed in the configuration site") and each field's
    value before and after. Secrets never reach this function: callers pass "(changed)"."""
    parts = [summary]
    for field_name, (before, after) in (changes or {}).items():
        parts.append(f"{field_name}: {_shown(before)} → {_shown(after)}")
    text = "; ".join(parts)
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=(str(actor) if actor is not None and actor.is_authenticated else actor_label)[
            :250
        ],
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        object_type=object_type,
        object_id=str(object_id)[:64],
        purpose=text[:250],
        path=(request.get_full_path() if request else "")[:500],
        ip_address=_client_ip(request),
    )


def record_read(
    *,
    request: HttpRequest | None,
    object_type: str,
    object_id: object,
    household_id: int | None,
    purpose: str = "",
    action: str = AuditAction.VIEW,
    actor=None,
) -> AuditEntry:
    """One record with personal data (of a household, or of the person who reported a signal)
    was shown to ``request.user`` (``actor`` defaults to the request's user; pass it for
    reads outside a request)."""
    if actor is None:
        if request is None:
            raise TypeError("record_read() needs the request or the actor.")
        actor = request.user
    return record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        household_id=int(household_id) if household_id is not None else None,
        purpose=purpose,
        request=request,
    )


def record_list_read(
    *,
    request: HttpRequest | None,
    object_type: str,
    household_ids: Iterable[int | None],
    purpose: str = "",
    action: str = AuditAction.VIEW,
    actor=None,
) -> int:
    """A page (list, search result, map, export, API page) showed the personal data of these
    households: one entry per household, however many rows it had, in one insert. ``None``
    ids (rows without a household) are skipped. Returns the number of entries written."""
    ids = sorted({int(h) for h in household_ids if h is not None})
    if not ids:
        return 0
    return record_many(
        actor=actor if actor is not None else (request.user if request is not None else None),
        action=action,
        object_type=object_type,
        household_ids=ids,
        purpose=purpose,
        request=request,
    )


__all__ = [
    "AuditAction",
    "record",
    "record_change",
    "record_list_read",
    "record_many",
    "record_read",
]
