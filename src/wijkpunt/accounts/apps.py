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
        from allauth.mfa.models import Authenticator
        from django.db.models.signals import post_save

        from wijkpunt.accounts import (
            audit,
            checks,  # noqa: F401 - registers the deploy checks
        )
        from wijkpunt.accounts.audit import audit_login
        from wijkpunt.accounts.mfa import record_second_factor_set_up
        from wijkpunt.core.signals import language_chosen

        user_logged_in.connect(audit_login, dispatch_uid="wijkpunt_audit_login")
        post_save.connect(
            record_second_factor_set_up,
            sender=Authenticator,
            dispatch_uid="wijkpunt_second_factor_set_up",
        )
        audit.connect()
        language_chosen.connect(_save_language, dispatch_uid="wijkpunt_save_language")


def _save_language(sender, user, language, **kwargs) -> None:
    from wijkpunt.accounts.actions import update_profile

    update_profile(user=user, language=language)
