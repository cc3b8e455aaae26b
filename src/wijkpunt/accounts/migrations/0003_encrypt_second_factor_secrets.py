"""Second-factor secrets (TOTP keys, recovery-code seeds) are encrypted at rest from now on:
encrypt the ones stored before (see wijkpunt.accounts.mfa)."""

from django.db import migrations


def encrypt(apps, schema_editor):
    from wijkpunt.accounts.mfa import encrypt_data

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.all().iterator():
        data = encrypt_data(authenticator.data or {})
        if data != authenticator.data:
            Authenticator.objects.filter(pk=authenticator.pk).update(data=data)


def decrypt(apps, schema_editor):
    from wijkpunt.accounts.mfa import decrypt_data

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.all().iterator():
        data = decrypt_data(authenticator.data or {})
        if data != authenticator.data:
            Authenticator.objects.filter(pk=authenticator.pk).update(data=data)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_used_login_link"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
