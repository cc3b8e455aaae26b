"""Writing to the audit log. Every read of a household's personal data calls ``record``."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from wijkpunt.audit.models import AuditAction, AuditEntry


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


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


__all__ = ["AuditAction", "record", "record_many"]
