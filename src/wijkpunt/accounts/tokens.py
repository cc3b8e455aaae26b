"""Log-in links: a signed, time-limited token that works once.

The token carries the user's id and a fingerprint of the account's state (password hash,
last log-in, e-mail address). It stops working when

- it is older than ``settings.LOGIN_LINK_MAX_AGE`` seconds (the signature's timestamp);
- the person logged in since it was made, changed their password or e-mail address (the
  fingerprint no longer matches);
- it was used before (``UsedLoginLink`` keeps its digest; this covers the time between using
  the link and finishing a second factor, when ``last_login`` has not changed yet).
"""

from __future__ import annotations

import enum
import hashlib

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from wijkpunt.accounts.models import User

SALT = "wijkpunt.accounts.login-link"


class LinkProblem(enum.Enum):
    EXPIRED = "expired"
    USED = "used"
    INVALID = "invalid"


class LoginLinkError(Exception):
    def __init__(self, problem: LinkProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def _fingerprint(user: User) -> str:
    last_login = (
        "" if user.last_login is None else user.last_login.replace(microsecond=0).isoformat()
    )
    value = f"{user.pk}|{user.password}|{last_login}|{user.email.lower()}|{user.is_active}"
    return salted_hmac(SALT, value, algorithm="sha256").hexdigest()[:32]


def make_token(user: User, next_url: str = "") -> str:
    payload = {"u": user.pk, "f": _fingerprint(user)}
    if next_url:
        payload["n"] = next_url
    return signing.dumps(payload, salt=SALT, compress=True)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_token(token: str) -> tuple[User, str]:
    """The user the token logs in and the page to go to next, or ``LoginLinkError`` saying
    why not. Does not use the link."""
    from wijkpunt.accounts.models import UsedLoginLink

    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.LOGIN_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise LoginLinkError(LinkProblem.EXPIRED) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise LoginLinkError(LinkProblem.INVALID) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        raise LoginLinkError(LinkProblem.INVALID)
    user = User.objects.filter(pk=payload["u"], is_active=True).first()
    if user is None:
        raise LoginLinkError(LinkProblem.INVALID)
    if not constant_time_compare(str(payload.get("f", "")), _fingerprint(user)):
        # The person logged in since, or changed their password or e-mail address.
        raise LoginLinkError(LinkProblem.USED)
    if UsedLoginLink.objects.filter(digest=token_digest(token)).exists():
        raise LoginLinkError(LinkProblem.USED)
    next_url = payload.get("n")
    return user, next_url if isinstance(next_url, str) else ""


# -- confirming a new e-mail address ------------------------------------------------------
# A person who changes their e-mail address (the log-in name) gets a link at the new address;
# the change happens when they use it. The link stops working when the address or the
# password changed since, and after ``EMAIL_CHANGE_MAX_AGE`` seconds.

EMAIL_CHANGE_SALT = "wijkpunt.accounts.email-change"
EMAIL_CHANGE_MAX_AGE = 24 * 3600


def _email_fingerprint(user: User) -> str:
    value = f"{user.pk}|{user.password}|{user.email.lower()}|{user.is_active}"
    return salted_hmac(EMAIL_CHANGE_SALT, value, algorithm="sha256").hexdigest()[:32]


def make_email_change_token(user: User, new_email: str) -> str:
    payload = {"u": user.pk, "e": new_email, "f": _email_fingerprint(user)}
    return signing.dumps(payload, salt=EMAIL_CHANGE_SALT, compress=True)


def check_email_change_token(token: str) -> tuple[User, str]:
    try:
        payload = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.SignatureExpired:
        raise LoginLinkError(LinkProblem.EXPIRED) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise LoginLinkError(LinkProblem.INVALID) from None
    if (
        not isinstance(payload, dict)
        or not isinstance(payload.get("u"), int)
        or not isinstance(payload.get("e"), str)
    ):
        raise LoginLinkError(LinkProblem.INVALID)
    user = User.objects.filter(pk=payload["u"], is_active=True).first()
    if user is None:
        raise LoginLinkError(LinkProblem.INVALID)
    if not constant_time_compare(str(payload.get("f", "")), _email_fingerprint(user)):
        raise LoginLinkError(LinkProblem.USED)
    return user, payload["e"]
