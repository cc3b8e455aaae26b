"""Writes on people's own accounts."""

from __future__ import annotations

from django.db import transaction

from wijkpunt.accounts.models import User

PROFILE_FIELDS = {"full_name", "phone", "email", "language", "preferred_contact"}


@transaction.atomic
def update_profile(*, user: User, **changes) -> User:
    """Change a person's own contact details and preferences."""
    unknown = set(changes) - PROFILE_FIELDS
    if unknown:
        raise ValueError(f"Not a profile field: {', '.join(sorted(unknown))}")
    if "email" in changes:
        changes["email"] = changes["email"].strip().lower()
    for field, value in changes.items():
        setattr(user, field, value)
    user.save(update_fields=sorted(changes))
    return user
