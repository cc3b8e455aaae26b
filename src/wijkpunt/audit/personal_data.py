"""Which records carry a household's personal data, and how to find the household of each.

One table for the whole project: the configuration site's mixin (``audit.admin.AuditedAdmin``)
uses it for lists, pages, autocomplete, history and delete confirmations (also for records a
deletion would take along). A model missing here is caught by ``core/tests/test_every_url.py``:
its pages show household data without an audit entry."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.apps import apps
from django.db.models import Model, Q

# "app_label.model_name" -> the ORM path from that model to the household's id.
HOUSEHOLD_OF: dict[str, str] = {
    "housing.household": "pk",
    "housing.resident": "household_id",
    "housing.tenancy": "household_id",
    "housing.tenancyevent": "tenancy__household_id",
    "signalling.signal": "household_id",
    "signalling.signalevent": "signal__household_id",
    "signalling.feedback": "signal__household_id",
    "signalling.attachment": "signal__household_id",
    # A tenant's own account: their name, e-mail address and phone.
    "accounts.user": "resident__household_id",
    "account.emailaddress": "user__resident__household_id",
    "mfa.authenticator": "user__resident__household_id",
    "partners.staffrole": "user__resident__household_id",
}


def _households_by_address(model: type[Model], pks: list) -> dict[object, int | None]:
    """E-mails kept in the outbox: the household whose address they were sent to."""
    Household = apps.get_model("housing", "Household")
    Resident = apps.get_model("housing", "Resident")
    rows = list(model._default_manager.filter(pk__in=pks).values_list("pk", "to"))
    addresses = {a.strip().lower() for _, to in rows for a in to.split(",") if a.strip()}
    by_address: dict[str, int] = {}
    if addresses:
        q = Q()
        for a in addresses:
            q |= Q(email__iexact=a) | Q(user__email__iexact=a)
        for hid, email, user_email in Resident.objects.filter(q).values_list(
            "household_id", "email", "user__email"
        ):
            for a in (email, user_email):
                if a:
                    by_address.setdefault(a.lower(), hid)
        hq = Q()
        for a in addresses:
            hq |= Q(email__iexact=a)
        for hid, email in Household.objects.filter(hq).values_list("pk", "email"):
            by_address.setdefault(email.lower(), hid)
    result: dict[object, int | None] = {}
    for pk, to in rows:
        hits = [by_address.get(a.strip().lower()) for a in to.split(",")]
        result[pk] = next((h for h in hits if h is not None), None)
    return result


RESOLVERS: dict[str, Callable[[type[Model], list], dict[object, int | None]]] = {
    "core.outboxmessage": _households_by_address,
}


def _label(model: type[Model]) -> str:
    return model._meta.label_lower


def is_personal(model: type[Model]) -> bool:
    """Does a record of this model carry a household's (or a reporter's) personal data?"""
    label = _label(model)
    return label in HOUSEHOLD_OF or label in RESOLVERS


def household_ids(model: type[Model], pks: Iterable) -> dict[object, int | None]:
    """For each primary key, the household whose data the record carries (None: none)."""
    pks = [pk for pk in pks if pk is not None]
    label = _label(model)
    if not pks:
        return {}
    if label in RESOLVERS:
        return RESOLVERS[label](model, pks)
    path = HOUSEHOLD_OF.get(label)
    if path is None:
        return {}
    if path == "pk":
        return {
            pk: pk for pk in model._default_manager.filter(pk__in=pks).values_list("pk", flat=True)
        }
    result: dict[object, int | None] = {}
    for pk, hid in model._default_manager.filter(pk__in=pks).values_list("pk", path):
        # A reverse relation (a user without a resident) gives None; keep the first household.
        if result.get(pk) is None:
            result[pk] = hid
    return result
