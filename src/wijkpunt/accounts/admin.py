"""People who log in, in the configuration site. Log-in is by e-mail address (no username);
second factors (TOTP, recovery codes) are listed by allauth's own "Authenticators" admin."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from wijkpunt.accounts.models import User
from wijkpunt.audit.admin import AuditedAdmin
from wijkpunt.partners.models import StaffRole


def _clean_unique_email(form: forms.ModelForm) -> str:
    email = User.objects.normalize_email(form.cleaned_data.get("email", "")).lower()
    others = User.objects.filter(email__iexact=email)
    if form.instance.pk:
        others = others.exclude(pk=form.instance.pk)
    if others.exists():
        raise forms.ValidationError(_("Another account already uses this e-mail address."))
    return email


class WijkpuntUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")
        field_classes: dict = {}

    def clean_email(self) -> str:
        return _clean_unique_email(self)


class WijkpuntUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
        field_classes: dict = {}

    def clean_email(self) -> str:
        return _clean_unique_email(self)


class StaffRoleInline(admin.TabularInline):
    model = StaffRole
    extra = 0
    fields = ("organisation", "team", "role", "estates", "active")
    autocomplete_fields = ("organisation",)
    verbose_name = _("staff role")
    verbose_name_plural = _("staff roles (rights in the workspace)")


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    form = WijkpuntUserChangeForm
    add_form = WijkpuntUserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "phone", "language", "preferred_contact")}),
        (
            _("Permissions"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
                "description": _(
                    "Rights in the workspace come from staff roles below. "
                    "Administration site access is only for administrators."
                ),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined", "is_demo")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "usable_password", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined", "is_demo")
    list_display = ("email", "full_name", "is_active", "is_staff", "is_superuser", "last_login")
    list_filter = ("is_active", "is_staff", "is_superuser", "is_demo", "language", "groups")
    search_fields = ("email", "full_name", "phone")
    ordering = ("full_name", "email")
    inlines = [StaffRoleInline]

    def get_inlines(self, request, obj):
        # No roles while the account is being created: first the person, then their roles.
        return self.inlines if obj is not None else []
