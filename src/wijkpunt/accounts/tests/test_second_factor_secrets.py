"""Second-factor secrets are encrypted at rest and shown to nobody, not even administrators."""

from __future__ import annotations

import importlib

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.apps import apps
from django.db import connection
from django.urls import reverse

from wijkpunt.accounts import mfa
from wijkpunt.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def _raw_data(authenticator_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT data FROM {Authenticator._meta.db_table} WHERE id = %s",  # noqa: S608
            [authenticator_id],
        )
        value = cursor.fetchone()[0]
    return value if isinstance(value, str) else str(value)


def test_totp_secret_is_encrypted_in_the_database(personas):
    secret = generate_totp_secret()
    authenticator = TOTP.activate(personas.technician, secret).instance
    raw = _raw_data(authenticator.pk)
    assert secret not in raw
    assert mfa.PREFIX in raw
    # allauth still checks codes with it.
    assert TOTP(Authenticator.objects.get(pk=authenticator.pk)).validate_code(_code(secret))
    assert mfa.decrypt_secret(Authenticator.objects.get(pk=authenticator.pk).data["secret"]) == (
        secret
    )


def test_recovery_code_seed_is_encrypted_and_codes_still_work(personas):
    TOTP.activate(personas.technician, generate_totp_secret())
    codes = RecoveryCodes.activate(personas.technician)
    raw = _raw_data(codes.instance.pk)
    assert mfa.PREFIX in raw
    plain_seed = mfa.decrypt_secret(codes.instance.data["seed"])
    assert plain_seed not in raw
    fresh = RecoveryCodes(Authenticator.objects.get(pk=codes.instance.pk))
    first = fresh.get_unused_codes()[0]
    assert fresh.validate_code(first)
    assert not fresh.validate_code(first)


def test_key_comes_from_the_setting_and_a_wrong_key_refuses(personas, settings):
    settings.MFA_ENCRYPTION_KEY = "one key"
    token = mfa.encrypt_secret("JBSWY3DPEHPK3PXP")
    settings.MFA_ENCRYPTION_KEY = "another key"
    with pytest.raises(ValueError, match="WIJKPUNT_MFA_KEY"):
        mfa.decrypt_secret(token)
    settings.MFA_ENCRYPTION_KEY = "one key"
    assert mfa.decrypt_secret(token) == "JBSWY3DPEHPK3PXP"


def test_setting_an_mfa_key_later_locks_nobody_out(settings):
    settings.MFA_ENCRYPTION_KEY = ""
    before = mfa.encrypt_secret("JBSWY3DPEHPK3PXP")
    settings.MFA_ENCRYPTION_KEY = "a dedicated key"
    assert mfa.decrypt_secret(before) == "JBSWY3DPEHPK3PXP"
    after = mfa.encrypt_secret("JBSWY3DPEHPK3PXP")
    settings.MFA_ENCRYPTION_KEY = ""
    with pytest.raises(ValueError):
        mfa.decrypt_secret(after)  # new secrets need the dedicated key


def test_old_secret_key_still_decrypts_after_rotation(settings):
    settings.MFA_ENCRYPTION_KEY = ""
    token = mfa.encrypt_secret("JBSWY3DPEHPK3PXP")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a brand new secret key " * 3
    assert mfa.decrypt_secret(token) == "JBSWY3DPEHPK3PXP"


def test_data_migration_encrypts_existing_secrets(personas):
    secret = generate_totp_secret()
    plain = Authenticator.objects.create(
        user=personas.technician, type=Authenticator.Type.TOTP, data={"secret": secret}
    )
    assert secret in _raw_data(plain.pk)
    migration = importlib.import_module(
        "wijkpunt.accounts.migrations.0003_encrypt_second_factor_secrets"
    )
    migration.encrypt(apps, None)
    assert secret not in _raw_data(plain.pk)
    migration.encrypt(apps, None)  # twice is harmless
    assert mfa.decrypt_secret(Authenticator.objects.get(pk=plain.pk).data["secret"]) == secret
    migration.decrypt(apps, None)
    assert Authenticator.objects.get(pk=plain.pk).data["secret"] == secret


@pytest.mark.parametrize("persona", ["admin", "superuser"])
def test_admin_shows_that_a_factor_exists_but_never_its_secret(
    personas, staff_client, root, persona
):
    secret = generate_totp_secret()
    authenticator = TOTP.activate(personas.technician, secret).instance
    codes = RecoveryCodes.activate(personas.technician)
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    staff_client.force_login(personas.admin if persona == "admin" else root)
    listing = staff_client.get(reverse("admin:mfa_authenticator_changelist"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert personas.technician.full_name in html
    page = staff_client.get(reverse("admin:mfa_authenticator_change", args=[authenticator.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    for hidden in (secret, authenticator.data["secret"], codes.instance.data["seed"], "seed"):
        assert hidden not in html
    assert 'name="data"' not in html
    assert staff_client.get(reverse("admin:mfa_authenticator_add")).status_code == 403


def test_administrator_removes_a_lost_factor_for_a_colleague_audited(personas, staff_client):
    authenticator = TOTP.activate(personas.technician, generate_totp_secret()).instance
    staff_client.force_login(personas.admin)
    url = reverse("admin:mfa_authenticator_delete", args=[authenticator.pk])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Authenticator.objects.filter(pk=authenticator.pk).exists()
    entry = AuditEntry.objects.get(object_type="second factor", object_id=str(authenticator.pk))
    assert entry.actor == personas.admin
    assert "removed: totp" in entry.purpose
    assert authenticator.data["secret"] not in entry.purpose


def test_administrator_cannot_remove_factors_of_another_organisation(personas, staff_client):
    authenticator = TOTP.activate(personas.social_worker, generate_totp_secret()).instance
    staff_client.force_login(personas.admin)  # administrator of the housing company
    url = reverse("admin:mfa_authenticator_delete", args=[authenticator.pk])
    assert staff_client.get(url).status_code == 302
    assert staff_client.post(url, {"post": "yes"}).status_code == 302
    assert Authenticator.objects.filter(pk=authenticator.pk).exists()
    listing = staff_client.get(reverse("admin:mfa_authenticator_changelist"))
    assert personas.social_worker.full_name not in listing.content.decode()


def test_other_staff_never_see_factors(personas, staff_client):
    TOTP.activate(personas.technician, generate_totp_secret())
    staff_client.force_login(personas.coordinator)
    response = staff_client.get(reverse("admin:mfa_authenticator_changelist"))
    assert response.status_code == 302
