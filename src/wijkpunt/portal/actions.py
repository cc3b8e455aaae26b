"""Writes a tenant makes in the portal."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from wijkpunt.accounts.actions import confirm_email_change, request_email_change, update_profile
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
    follows, so that staff see the same phone number and e-mail address.

    A new e-mail address (the log-in name) is not changed here: a confirmation link goes to
    it (``request_email_change``), and the same is said whether or not the address is free."""
    request_email_change(user=user, new_email=email)
    update_profile(user=user, phone=phone, language=language, preferred_contact=preferred_contact)
    _follow_in_registry(user, request=request)
    return user


def _follow_in_registry(user: User, *, request=None) -> None:
    resident = Resident.objects.select_for_update().filter(user=user).first()
    if resident is not None and (resident.phone != user.phone or resident.email != user.email):
        resident.phone = user.phone
        resident.email = user.email
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


@transaction.atomic
def confirm_my_new_email(*, token: str, request=None) -> User:
    """The tenant used the link sent to their new address: it becomes their log-in name and
    the registry's address. Raises ``EmailChangeProblem``."""
    user = confirm_email_change(token=token)
    _follow_in_registry(user, request=request)
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
