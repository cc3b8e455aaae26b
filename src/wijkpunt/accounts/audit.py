"""What goes to the append-only audit log from the accounts app.

- every log-in (who, when, from where, how);
- every change to an account, a staff role or a second factor, whichever way it is made (the
  configuration site, an action, allauth's own pages, a management command): who did it, what
  changed, the value before and after. Passwords and second-factor secrets are never written:
  only "(changed)", and the kind of factor.

Changes are recorded from model signals while a request or a command is running
(``changes_by_command``); data written by tests and by the demo generator outside a request
is not.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from wijkpunt.audit.actions import AuditAction, record, record_change

_command: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "wijkpunt_account_command", default=None
)

USER_FIELDS = (
    "email",
    "full_name",
    "phone",
    "language",
    "preferred_contact",
    "is_active",
    "is_staff",
    "is_superuser",
    "password",
)
ROLE_FIELDS = ("user_id", "organisation_id", "team_id", "role", "active")


def audit_login(sender, request, user, **kwargs) -> None:
    record(
        actor=user,
        action=AuditAction.LOGIN,
        object_type="user",
        object_id=user.pk,
        purpose="login",
        request=request,
    )


@contextlib.contextmanager
def changes_by_command(name: str) -> Iterator[None]:
    """Account changes made inside are audited as made by this command."""
    token = _command.set(name)
    try:
        yield
    finally:
        _command.reset(token)


def _who():
    """(actor, label, request) for the change being made now, or None when nobody is."""
    from allauth.core import context

    request = context.request
    if request is not None:
        user = getattr(request, "user", None)
        label = "" if user is not None and user.is_authenticated else "not logged in"
        return user, label, request
    command = _command.get()
    if command is not None:
        return None, f"command: {command}", None
    return None


def _snapshot(instance, fields) -> dict:
    return {name: getattr(instance, name) for name in fields}


def _diff(before: dict, after: dict) -> dict[str, tuple]:
    changes: dict[str, tuple] = {}
    for name, old in before.items():
        new = after.get(name)
        if old != new:
            label = name.removesuffix("_id")
            if name == "password":
                changes[label] = ("", "(changed)")
            else:
                changes[label] = (old, new)
    return changes


def _before_save(fields):
    def receiver(sender, instance, update_fields=None, **kwargs) -> None:
        if _who() is None or instance.pk is None:
            return
        if update_fields is not None and not set(update_fields) & set(fields):
            return  # e.g. last_login on every log-in
        old = sender.objects.filter(pk=instance.pk).first()
        instance._audit_before = _snapshot(old, fields) if old is not None else None

    return receiver


def _after_save(object_type: str, fields, describe):
    def receiver(sender, instance, created, update_fields=None, **kwargs) -> None:
        who = _who()
        if who is None:
            return
        actor, label, request = who
        after = _snapshot(instance, fields)
        if created:
            changes = {
                k: v
                for k, v in _diff(dict.fromkeys(fields), after).items()
                if k != "password" and v[1] not in (None, "", False)
            }
            summary = f"{object_type} created: {describe(instance)}"
        else:
            before = getattr(instance, "_audit_before", None)
            if before is None:
                return
            changes = _diff(before, after)
            if not changes:
                return
            summary = f"{object_type} changed: {describe(instance)}"
        instance._audit_before = None
        record_change(
            actor=actor,
            actor_label=label,
            object_type=object_type,
            object_id=instance.pk,
            summary=summary,
            changes=changes,
            created=created,
            request=request,
        )

    return receiver


def _after_delete(object_type: str, describe):
    def receiver(sender, instance, **kwargs) -> None:
        who = _who()
        if who is None:
            return
        actor, label, request = who
        record_change(
            actor=actor,
            actor_label=label,
            object_type=object_type,
            object_id=instance.pk,
            summary=f"{object_type} removed: {describe(instance)}",
            request=request,
        )

    return receiver


def _m2m(object_type: str, field_name: str, describe):
    def receiver(sender, instance, action, pk_set, **kwargs) -> None:
        if action not in {"post_add", "post_remove", "post_clear"}:
            return
        who = _who()
        if who is None or (action != "post_clear" and not pk_set):
            return
        actor, label, request = who
        verb = {"post_add": "added", "post_remove": "removed", "post_clear": "all removed"}
        ids = ", ".join(str(pk) for pk in sorted(pk_set or []))
        record_change(
            actor=actor,
            actor_label=label,
            object_type=object_type,
            object_id=instance.pk,
            summary=f"{object_type} changed: {describe(instance)}",
            changes={field_name: ("", f"{verb[action]} {ids}".strip())},
            request=request,
        )

    return receiver


def _describe_user(user) -> str:
    return user.email


def _describe_role(role) -> str:
    return f"{role.role} in organisation {role.organisation_id} for user {role.user_id}"


def _describe_authenticator(authenticator) -> str:
    return f"{authenticator.type} of user {authenticator.user_id}"


def connect() -> None:
    from allauth.mfa.models import Authenticator

    from wijkpunt.accounts.models import User
    from wijkpunt.partners.models import StaffRole

    uid = "wijkpunt_account_audit_"
    pre_save.connect(_before_save(USER_FIELDS), sender=User, weak=False, dispatch_uid=uid + "u0")
    post_save.connect(
        _after_save("account", USER_FIELDS, _describe_user),
        sender=User,
        weak=False,
        dispatch_uid=uid + "u1",
    )
    post_delete.connect(
        _after_delete("account", _describe_user), sender=User, weak=False, dispatch_uid=uid + "u2"
    )
    for field_name in ("groups", "user_permissions"):
        m2m_changed.connect(
            _m2m("account", field_name, _describe_user),
            sender=getattr(User, field_name).through,
            weak=False,
            dispatch_uid=uid + field_name,
        )
    pre_save.connect(
        _before_save(ROLE_FIELDS), sender=StaffRole, weak=False, dispatch_uid=uid + "r0"
    )
    post_save.connect(
        _after_save("staff role", ROLE_FIELDS, _describe_role),
        sender=StaffRole,
        weak=False,
        dispatch_uid=uid + "r1",
    )
    post_delete.connect(
        _after_delete("staff role", _describe_role),
        sender=StaffRole,
        weak=False,
        dispatch_uid=uid + "r2",
    )
    m2m_changed.connect(
        _m2m("staff role", "estates", _describe_role),
        sender=StaffRole.estates.through,
        weak=False,
        dispatch_uid=uid + "r3",
    )
    # Second factors: that one was added or removed, never what is in it.
    post_save.connect(
        _after_save("second factor", ("type",), _describe_authenticator),
        sender=Authenticator,
        weak=False,
        dispatch_uid=uid + "a1",
    )
    post_delete.connect(
        _after_delete("second factor", _describe_authenticator),
        sender=Authenticator,
        weak=False,
        dispatch_uid=uid + "a2",
    )
