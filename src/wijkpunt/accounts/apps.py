from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wijkpunt.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # allauth's signal fires for every real log-in flow (password, e-mail link, second
        # factor completed), not for test helpers that log a user in directly.
        from allauth.account.signals import user_logged_in

        from wijkpunt.accounts.audit import audit_login

        user_logged_in.connect(audit_login, dispatch_uid="wijkpunt_audit_login")
