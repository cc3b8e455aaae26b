from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wijkpunt.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from wijkpunt.accounts.audit import audit_login

        user_logged_in.connect(audit_login, dispatch_uid="wijkpunt_audit_login")
