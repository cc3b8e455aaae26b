"""Background work for accounts: sending log-in links."""

from __future__ import annotations

import logging

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from wijkpunt.accounts.models import User
from wijkpunt.accounts.tokens import EMAIL_CHANGE_MAX_AGE, make_email_change_token, make_token
from wijkpunt.core.mail import send_templated_mail

logger = logging.getLogger(__name__)


def login_link_url(user: User, next_url: str = "") -> str:
    return settings.SITE_URL + reverse("accounts:link_confirm", args=[make_token(user, next_url)])


@task()
def send_login_link(user_id: int, next_url: str = "") -> None:
    """E-mail a log-in link, in the person's own language. The token is made here, so the
    time it is valid starts when the e-mail leaves, and it is never stored in the queue."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        logger.info("Log-in link not sent: user %s is gone or inactive", user_id)
        return
    send_templated_mail(
        "accounts/email/login_link.txt",
        {
            "user": user,
            "first_name": user.get_short_name(),
            "url": login_link_url(user, next_url),
            "minutes": max(1, settings.LOGIN_LINK_MAX_AGE // 60),
        },
        user.email,
        user.language or settings.LANGUAGE_CODE,
    )


@task()
def send_email_change_link(user_id: int, new_email: str) -> None:
    """E-mail the link that confirms a new address, to that new address."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    token = make_email_change_token(user, new_email)
    send_templated_mail(
        "accounts/email/email_change.txt",
        {
            "first_name": user.get_short_name(),
            "url": settings.SITE_URL + reverse("portal:confirm_email", args=[token]),
            "hours": EMAIL_CHANGE_MAX_AGE // 3600,
        },
        new_email,
        user.language or settings.LANGUAGE_CODE,
    )
