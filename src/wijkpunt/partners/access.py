"""Who works where: the estates and roles of a staff member. The other access modules build
on these functions."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from wijkpunt.partners.models import OrganisationKind, Role, StaffRole


def active_roles(user) -> list[StaffRole]:
    """The user's active staff roles, with organisation and estates loaded (cached per user)."""
    if not user or not user.is_authenticated:
        return []
    cached = getattr(user, "_active_roles", None)
    if cached is None:
        # Most people are tenants without a role: a plain, cheap check first (this runs on
        # every request of a logged-in person), the full query only for staff.
        with connection.cursor() as cursor:
            cursor.execute(_HAS_ROLE_SQL, [user.pk])
            has_role = cursor.fetchone() is not None
        cached = (
            list(
                StaffRole.objects.filter(user=user, active=True)
                .select_related("organisation", "team")
                .prefetch_related("estates", "organisation__estates")
            )
            if has_role
            else []
        )
        user._active_roles = cached
    return cached


_HAS_ROLE_SQL = f"SELECT 1 FROM {StaffRole._meta.db_table} WHERE user_id = %s AND active LIMIT 1"  # noqa: S608


def role_names(user) -> set[str]:
    return {r.role for r in active_roles(user)}


def organisation_kinds(user) -> set[str]:
    return {r.organisation.kind for r in active_roles(user)}


def has_role(user, *roles: str) -> bool:
    return bool(role_names(user) & set(roles))


def estate_ids(user, *, roles: set[str] | None = None) -> set[int]:
    """Estates a staff member covers. A role without estates covers every estate its
    organisation works in."""
    ids: set[int] = set()
    for r in active_roles(user):
        if roles is not None and r.role not in roles:
            continue
        own = [e.pk for e in r.estates.all()]
        ids.update(own or [e.pk for e in r.organisation.estates.all()])
    return ids


def is_administrator(user) -> bool:
    return bool(
        user and user.is_authenticated and (user.is_superuser or has_role(user, Role.ADMINISTRATOR))
    )


def organisations_of(user) -> QuerySet:
    from wijkpunt.partners.models import Organisation

    return Organisation.objects.filter(pk__in={r.organisation_id for r in active_roles(user)})


__all__ = [
    "OrganisationKind",
    "Role",
    "active_roles",
    "estate_ids",
    "has_role",
    "is_administrator",
    "organisation_kinds",
    "organisations_of",
    "role_names",
]
