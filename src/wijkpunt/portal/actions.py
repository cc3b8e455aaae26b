"""Writes a tenant makes in the portal."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from wijkpunt.accounts.actions import update_profile
from wijkpunt.accounts.models import User
from wijkpunt.audit.actions import AuditAction, record
from wijkpunt.housing.models import Resident


@transaction.atomic
def update_my_details(
    *,
    user: User,
    email: str,
    phone: str,
    language: str,
    preferred_contact: str,
    request=None,
) -> User:
    """A tenant changes their own contact details; the resident record in the registry
    follows, so that staff see the same phone number and e-mail address."""
    email = email.strip().lower()
    update_profile(
        user=user,
        email=email,
        phone=phone,
        language=language,
        preferred_contact=preferred_contact,
    )
    resident = Resident.objects.select_for_update().filter(user=user).first()
    if resident is not None and (resident.phone != phone or resident.email != email):
        resident.phone = phone
        resident.email = email
        resident.save(update_fields=["phone", "email"])
        record(
            actor=user,
            action=AuditAction.UPDATE,
            object_type="resident",
            object_id=resident.pk,
            household_id=resident.household_id,
            purpose="portal: own contact details",
            request=request,
        )
    return user


def reply(*, signal, user, text: str, photos: Sequence = ()):
    """A resident answers on their own report, with photos if they like: all or nothing (one
    file we cannot use refuses the message too, ValidationError). The rules (the clock starts
    again, the staff handling it are told) are ``signalling.actions.resident_reply``'s, which
    the API calls as well."""
    from wijkpunt.intake.actions import add_files
    from wijkpunt.signalling.actions import resident_reply

    with transaction.atomic():
        event = resident_reply(signal=signal, user=user, text=text)
        if photos:
            add_files(signal=signal, files=photos, user=user, public=True)
    return event
