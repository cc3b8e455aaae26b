"""The configuration site (Django's admin) behind Wijkpunt's one log-in.

Besides Django's own staff flag, staff with the administrator role may open it; what they may
change there is decided by ``accounts.backends``. The admin has no log-in form of its own:
``/admin/login/`` sends people to allauth's log-in (password or e-mail link, then the second
factor and the lockout), and its password change is allauth's too."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth import REDIRECT_FIELD_NAME


class WijkpuntAdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        from wijkpunt.partners.access import is_administrator

        user = request.user
        return bool(user.is_active and (user.is_staff or is_administrator(user)))

    def login(self, request, extra_context=None):
        from django.contrib.auth.views import redirect_to_login
        from django.shortcuts import redirect, render
        from django.urls import reverse
        from django.utils.http import url_has_allowed_host_and_scheme

        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = ""
        next_url = next_url or reverse("admin:index", current_app=self.name)
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect(next_url)
            # Logged in, but not an administrator: sending them to log in again would loop.
            return render(request, "accounts/admin_no_access.html", status=403)
        return redirect_to_login(next_url, reverse("account_login"))

    def password_change(self, request, extra_context=None):
        from django.shortcuts import redirect

        return redirect("account_change_password")


class WijkpuntAdminConfig(AdminConfig):
    """Django's admin with Wijkpunt's site."""

    default_site = "wijkpunt.accounts.admin_site.WijkpuntAdminSite"

    def ready(self) -> None:
        super().ready()
        from django.contrib import admin as django_admin

        from wijkpunt.accounts.admin import register_authenticator_admin

        register_authenticator_admin(django_admin.site)
