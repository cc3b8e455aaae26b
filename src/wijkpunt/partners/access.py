"""Who works where: the estates and roles of a staff member. The other access modules build
on these functions."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from django.db import connection
from django.db.models import Q, QuerySet

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


def has_staff_role(user) -> bool:
    """Whether the user works for a partner organisation: at least one active staff role.

    The one name for this question (``User.has_staff_role`` asks the same); Django's own
    ``is_staff`` only means "may open the configuration site" and is not used for it."""
    return bool(active_roles(user))


def role_names(user) -> set[str]:
    return {r.role for r in active_roles(user)}


def organisation_kinds(user) -> set[str]:
    return {r.organisation.kind for r in active_roles(user)}


def has_role(user, *roles: str) -> bool:
    return bool(role_names(user) & set(roles))


def estate_ids(user, *, roles: AbstractSet[str] | None = None) -> set[int]:
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


# -- what an administrator may change in the configuration site ------------------------------
# A superuser may change everything. An administrator by role is contained: they manage the
# people of the organisations they administer, never superusers or configuration-site users,
# never their own roles (no widening of their own need-to-know), and never roles in an
# organisation they do not administer.


def administered_organisation_ids(user) -> set[int]:
    return {r.organisation_id for r in active_roles(user) if r.role == Role.ADMINISTRATOR}


def manageable_accounts(user) -> QuerySet:
    """The accounts ``user`` may change in the configuration site."""
    from django.contrib.auth import get_user_model

    accounts = get_user_model().objects.all()
    if user.is_superuser:
        return accounts
    orgs = administered_organisation_ids(user)
    if not orgs:
        return accounts.none()
    accounts = accounts.filter(is_superuser=False, is_staff=False).exclude(
        staff_roles__in=StaffRole.objects.exclude(organisation_id__in=orgs)
    )
    if not any(
        r.organisation.kind == OrganisationKind.HOUSING_COMPANY
        for r in active_roles(user)
        if r.role == Role.ADMINISTRATOR
    ):
        # Tenants' accounts belong to the housing company's administrators.
        accounts = accounts.filter(Q(staff_roles__isnull=False) | Q(resident__isnull=True))
    return accounts.distinct()


def may_manage_account(user, account) -> bool:
    return manageable_accounts(user).filter(pk=account.pk).exists()


def manageable_roles(user) -> QuerySet:
    """The staff roles ``user`` may change: in organisations they administer, not their own."""
    if user.is_superuser:
        return StaffRole.objects.all()
    return StaffRole.objects.filter(
        organisation_id__in=administered_organisation_ids(user)
    ).exclude(user=user)


def may_give_role(user, *, account, organisation_id: int | None) -> bool:
    """Whether ``user`` may give ``account`` a role in this organisation."""
    if user.is_superuser:
        return True
    return (
        account is not None
        and account.pk != user.pk
        and organisation_id in administered_organisation_ids(user)
        and may_manage_account(user, account)
    )


def organisations_of(user) -> QuerySet:
    from wijkpunt.partners.models import Organisation

    return Organisation.objects.filter(pk__in={r.organisation_id for r in active_roles(user)})


__all__ = [
    "OrganisationKind",
    "Role",
    "active_roles",
    "administered_organisation_ids",
    "estate_ids",
    "has_role",
    "has_staff_role",
    "is_administrator",
    "manageable_accounts",
    "manageable_roles",
    "may_give_role",
    "may_manage_account",
    "organisation_kinds",
    "organisations_of",
    "role_names",
]
