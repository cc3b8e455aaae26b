"""Rights in the configuration site that come with the administrator role.

An administrator manages the configuration of Wijkpunt (organisations, teams, staff roles,
estates and buildings, categories, routing, deadlines, API keys) and may read the audit log;
the audit log itself stays read-only for everyone."""

from __future__ import annotations

from django.contrib.auth.backends import BaseBackend

CONFIGURATION_APPS = {
    "accounts",
    "partners",
    "housing",
    "signalling",
    "open311",
    "triage",
    "mfa",
    "directory",
}
READ_ONLY_APPS = {"audit", "core", "django_tasks_db"}


class AdministratorRoleBackend(BaseBackend):
    """Grants model permissions to active staff with the administrator role. Authentication
    itself stays with the other backends (this one never logs anyone in)."""

    def authenticate(self, request, **credentials):
        return None

    def _is_administrator(self, user) -> bool:
        if not user.is_active or user.is_anonymous:
            return False
        from wijkpunt.partners.access import has_role
        from wijkpunt.partners.models import Role

        return has_role(user, Role.ADMINISTRATOR)

    def has_perm(self, user, perm: str, obj=None) -> bool:
        if not self._is_administrator(user):
            return False
        app_label, _, codename = perm.partition(".")
        if app_label in READ_ONLY_APPS:
            return codename.startswith("view_")
        return app_label in CONFIGURATION_APPS

    def has_module_perms(self, user, app_label: str) -> bool:
        return self._is_administrator(user) and (
            app_label in CONFIGURATION_APPS or app_label in READ_ONLY_APPS
        )
