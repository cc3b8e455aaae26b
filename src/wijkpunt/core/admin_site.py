"""The configuration site. Besides Django's own staff flag, staff with the administrator role
may open it; what they may change there is decided by ``accounts.backends``."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class WijkpuntAdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        from wijkpunt.partners.access import is_administrator

        user = request.user
        return bool(user.is_active and (user.is_staff or is_administrator(user)))


class WijkpuntAdminConfig(AdminConfig):
    """Django's admin with Wijkpunt's site."""

    default_site = "wijkpunt.core.admin_site.WijkpuntAdminSite"
