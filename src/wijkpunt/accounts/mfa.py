"""Second factors: secrets encrypted at rest, and what counts as "this session passed it".

allauth keeps the TOTP secret and the recovery-code seed in ``Authenticator.data`` and calls
the adapter's ``encrypt()``/``decrypt()`` around them. Wijkpunt encrypts with Fernet
(``cryptography``: AES-128-CBC with an HMAC-SHA256 tag) under a key derived from the setting
``MFA_ENCRYPTION_KEY`` (``WIJKPUNT_MFA_KEY``), or from ``SECRET_KEY`` when that is empty.
Old keys in ``SECRET_KEY_FALLBACKS`` still decrypt, so a secret key can be rotated.
"""

from __future__ import annotations

import base64
import hashlib

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

PREFIX = "fernet:"
_CONTEXT = b"wijkpunt.accounts.mfa.v1"
MFA_SECRET_FIELDS = ("secret", "seed")


def _fernet_key(material: str) -> bytes:
    digest = hashlib.sha256(_CONTEXT + b"\x00" + material.encode("utf-8")).digest()
    return base64.urlsafe_b64encode(digest)


def _fernet() -> MultiFernet:
    # New secrets are encrypted with the first key; any of them decrypts, so that setting
    # WIJKPUNT_MFA_KEY later, or rotating the secret key, locks nobody out.
    materials = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    if settings.MFA_ENCRYPTION_KEY:
        materials.insert(0, settings.MFA_ENCRYPTION_KEY)
    return MultiFernet([Fernet(_fernet_key(m)) for m in materials])


def is_encrypted(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def encrypt_secret(text: str) -> str:
    if is_encrypted(text):
        return text
    return PREFIX + _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt_secret(value: str) -> str:
    if not is_encrypted(value):
        # Written before encryption was switched on and not yet migrated.
        return value
    try:
        return _fernet().decrypt(value[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise ValueError(
            "A second-factor secret cannot be decrypted: WIJKPUNT_MFA_KEY (or the secret key) "
            "is not the one it was encrypted with."
        ) from None


def encrypt_data(data: dict) -> dict:
    """``Authenticator.data`` with every secret in it encrypted (idempotent)."""
    data = dict(data)
    for name in MFA_SECRET_FIELDS:
        if isinstance(data.get(name), str):
            data[name] = encrypt_secret(data[name])
    if isinstance(data.get("migrated_codes"), list):
        data["migrated_codes"] = [encrypt_secret(c) for c in data["migrated_codes"]]
    return data


def decrypt_data(data: dict) -> dict:
    data = dict(data)
    for name in MFA_SECRET_FIELDS:
        if isinstance(data.get(name), str):
            data[name] = decrypt_secret(data[name])
    if isinstance(data.get("migrated_codes"), list):
        data["migrated_codes"] = [decrypt_secret(c) for c in data["migrated_codes"]]
    return data


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return encrypt_secret(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt_secret(encrypted_text)


# -- "this session passed the second factor" --------------------------------------------------

SECOND_FACTOR_TYPES = {"totp", "recovery_codes", "webauthn"}


def session_passed_second_factor(request, user) -> bool:
    """Whether *this* session completed a second factor for ``user``: allauth records every
    authentication step in the session (``record_authentication``); a completed TOTP or
    recovery-code step is a record with method "mfa". Having a TOTP on the account is not
    enough: a session made any other way has no such record."""
    from allauth.account.internal.flows.login import get_authentication_records

    return any(
        record.get("method") == "mfa" and record.get("type") in SECOND_FACTOR_TYPES
        for record in get_authentication_records(request, user)
    )


def record_second_factor_set_up(sender, instance, created, **kwargs) -> None:
    """Activating a TOTP means typing a code from it: the session of the person who just did
    so has passed the factor. (A model signal, not allauth's ``authenticator_added``, which
    is sent after the commit, when the session may already be saved.)"""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.core import context

    request = context.request
    if not created or instance.type != "totp" or request is None:
        return
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.pk != instance.user_id:
        return
    record_authentication(request, user, method="mfa", id=instance.pk, type="totp", activated=True)
