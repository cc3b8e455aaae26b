"""Every log-in is written to the audit log (who, when, from where, how)."""

from __future__ import annotations

from wijkpunt.audit.actions import AuditAction, record


def audit_login(sender, request, user, **kwargs) -> None:
    record(
        actor=user,
        action=AuditAction.LOGIN,
        object_type="user",
        object_id=user.pk,
        purpose="login",
        request=request,
    )
