"""The demo accounts as the demo-mode pages show them, and the shared authenticator code."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from wijkpunt.accounts.models import User
from wijkpunt.demo import data
from wijkpunt.housing.models import Resident, Tenancy
from wijkpunt.partners.models import StaffRole

LANGUAGE_NAMES = dict(settings.LANGUAGES)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str  # what the person does, translated
    where: str  # organisation (and estates), or the tenant's estate
    language: str  # name of the language, in that language
    language_code: str
    is_staff: bool


def _order() -> dict[str, int]:
    parts = [a.local_part for a in data.STAFF_ACCOUNTS] + [
        a.local_part for a in data.TENANT_ACCOUNTS
    ]
    return {f"{part}@{data.DEMO_ACCOUNT_DOMAIN}": i for i, part in enumerate(parts)}


def demo_accounts_list() -> list[DemoAccount]:
    """The named demo accounts (one per role and the demo tenants), in a fixed order.

    Tenants who happen to have a portal account in the generated data are not listed."""
    if not settings.DEMO_MODE:
        return []
    queryset = (
        User.objects.filter(
            is_demo=True, is_active=True, email__endswith=f"@{data.DEMO_ACCOUNT_DOMAIN}"
        )
        .select_related("resident__household")
        .prefetch_related(
            Prefetch(
                "staff_roles",
                queryset=StaffRole.objects.filter(active=True)
                .select_related("organisation")
                .prefetch_related("estates"),
            )
        )
    )
    users = list(queryset)
    households = [u.resident.household_id for u in users if _resident(u) is not None]
    estate_of: dict[int, str] = {}
    for tenancy in (
        Tenancy.objects.current()
        .filter(household_id__in=households)
        .select_related("dwelling__building__estate")
    ):
        estate_of[tenancy.household_id] = tenancy.dwelling.building.estate.name
    order = _order()
    accounts = []
    for user in sorted(users, key=lambda u: (order.get(u.email, len(order)), u.email)):
        roles = list(user.staff_roles.all())
        if roles:
            role = roles[0]
            estates = ", ".join(e.name for e in role.estates.all())
            where = f"{role.organisation} ({estates})" if estates else str(role.organisation)
            label = ", ".join(r.get_role_display() for r in roles)
            is_staff = True
        else:
            resident = _resident(user)
            label = _("Tenant")
            where = estate_of.get(resident.household_id, "") if resident else ""
            is_staff = False
        accounts.append(
            DemoAccount(
                email=user.email,
                full_name=user.full_name,
                role=str(label),
                where=where,
                language=LANGUAGE_NAMES.get(user.language, user.language),
                language_code=user.language,
                is_staff=is_staff,
            )
        )
    return accounts


def _resident(user):
    try:
        return user.resident
    except Resident.DoesNotExist:
        return None


def totp_code_at(timestamp: float) -> str:
    """The six-digit code of the shared demo authenticator at a moment (allauth's HOTP)."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(timestamp) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(data.DEMO_TOTP_SECRET, counter))


def current_totp_code() -> str:
    """The code right now, grouped for reading ("123 456"); empty outside demo mode."""
    if not settings.DEMO_MODE:
        return ""
    code = totp_code_at(time.time())
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}"
