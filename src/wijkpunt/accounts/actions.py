"""Writes on people's own accounts."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from wijkpunt.accounts.models import UsedLoginLink, User
from wijkpunt.accounts.tokens import (
    LinkProblem,
    LoginLinkError,
    check_email_change_token,
    check_token,
    token_digest,
)

PROFILE_FIELDS = {"full_name", "phone", "email", "language", "preferred_contact"}


@transaction.atomic
def update_profile(*, user: User, **changes) -> User:
    """Change a person's own contact details and preferences."""
    unknown = set(changes) - PROFILE_FIELDS
    if unknown:
        raise ValueError(f"Not a profile field: {', '.join(sorted(unknown))}")
    if "email" in changes:
        changes["email"] = changes["email"].strip().lower()
    email_changed = "email" in changes and changes["email"] != user.email
    for field, value in changes.items():
        setattr(user, field, value)
    user.save(update_fields=sorted(changes))
    if email_changed:
        # The e-mail address is the log-in name: an old address kept by allauth must not
        # keep working for log-in or password reset.
        from allauth.account.models import EmailAddress

        EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).delete()
    return user


def find_user_for_login_link(email: str) -> User | None:
    email = (email or "").strip()
    if not email:
        return None
    return User.objects.filter(email__iexact=email, is_active=True).first()


def request_login_link(*, email: str, next_url: str = "") -> bool:
    """Queue an e-mail with a log-in link when an active account has this address.

    Returns whether a link was queued; callers must not show this to the visitor (no
    enumeration of addresses)."""
    from wijkpunt.accounts.tasks import send_login_link

    user = find_user_for_login_link(email)
    if user is None:
        return False
    transaction.on_commit(partial(send_login_link.enqueue, user.pk, next_url))
    return True


@transaction.atomic
def use_login_link(*, token: str) -> tuple[User, str]:
    """Mark a log-in link as used; returns its user and the page to go to next, or raises
    ``LoginLinkError``.

    The caller then logs the person in through allauth's log-in flow, so that a second
    factor is still asked of those who have one."""
    user, next_url = check_token(token)
    # Forget used links that would have expired anyway.
    UsedLoginLink.objects.filter(
        used_at__lt=timezone.now() - dt.timedelta(seconds=2 * settings.LOGIN_LINK_MAX_AGE)
    ).delete()
    try:
        with transaction.atomic():
            UsedLoginLink.objects.create(digest=token_digest(token), user=user)
    except IntegrityError:
        # Used at the same moment in another request.
        raise LoginLinkError(LinkProblem.USED) from None
    return user, next_url


def email_in_use(email: str, *, exclude_user: User | None = None) -> bool:
    """Whether another account logs in with this address (or allauth keeps it for one)."""
    from allauth.account.models import EmailAddress

    users = User.objects.filter(email__iexact=email)
    addresses = EmailAddress.objects.filter(email__iexact=email)
    if exclude_user is not None:
        users = users.exclude(pk=exclude_user.pk)
        addresses = addresses.exclude(user=exclude_user)
    return users.exists() or addresses.exists()


def request_email_change(*, user: User, new_email: str) -> None:
    """Send a confirmation link to the new address; the address changes when it is used.

    The person is told the same whether or not the address belongs to another account (no
    enumeration of addresses): for an address in use nothing is sent and nothing changes."""
    from wijkpunt.accounts.tasks import send_email_change_link

    new_email = User.objects.normalize_email(new_email.strip()).lower()
    if not new_email or new_email == user.email or email_in_use(new_email, exclude_user=user):
        return
    transaction.on_commit(partial(send_email_change_link.enqueue, user.pk, new_email))


class EmailChangeProblem(Exception):
    """The new address cannot be used (any more): taken meanwhile, or the link is bad."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


@transaction.atomic
def confirm_email_change(*, token: str) -> User:
    """Use a confirmation link: the account's e-mail address becomes the new one."""
    try:
        user, new_email = check_email_change_token(token)
    except LoginLinkError as error:
        raise EmailChangeProblem(error.problem.value) from None
    user = User.objects.select_for_update().get(pk=user.pk)
    if email_in_use(new_email, exclude_user=user):
        raise EmailChangeProblem("taken")
    try:
        with transaction.atomic():
            update_profile(user=user, email=new_email)
    except IntegrityError:
        raise EmailChangeProblem("taken") from None
    return user
