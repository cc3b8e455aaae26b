"""People who log in, in the configuration site. Log-in is by e-mail address (no username).

Administrators by role are contained (``partners.access``): they change only the accounts of
the organisations they administer, never superusers or configuration-site users, never the
superuser and staff flags, groups or permissions, and never their own roles. Second factors
are listed without their secrets: an administrator may see that one exists and remove it
for a colleague who lost their phone. Every change is written to the audit log
(``accounts.audit``)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from wijkpunt.accounts.models import User
from wijkpunt.audit.admin import AuditedAdmin
from wijkpunt.partners import access as partners
from wijkpunt.partners.models import Organisation, StaffRole

PRIVILEGE_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


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

    def _may_edit(self, request, obj) -> bool:
        # Nobody but a superuser changes their own roles (no widening of one's own access).
        return request.user.is_superuser or obj is None or obj.pk != request.user.pk

    def has_add_permission(self, request, obj=None) -> bool:
        return super().has_add_permission(request, obj) and self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self._may_edit(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation" and not request.user.is_superuser:
            kwargs["queryset"] = Organisation.objects.filter(
                pk__in=partners.administered_organisation_ids(request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "estates" and not request.user.is_superuser:
            # Only estates where an organisation they administer works.
            kwargs["queryset"] = db_field.remote_field.model.objects.filter(
                organisations__pk__in=partners.administered_organisation_ids(request.user)
            ).distinct()
        return super().formfield_for_manytomany(db_field, request, **kwargs)


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

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=partners.manageable_accounts(request.user).values("pk"))

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += PRIVILEGE_FIELDS
        return fields

    def _may_manage(self, request, obj) -> bool:
        return (
            obj is None
            or request.user.is_superuser
            or partners.may_manage_account(request.user, obj)
        )

    def has_view_permission(self, request, obj=None) -> bool:
        return super().has_view_permission(request, obj) and self._may_manage(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._may_manage(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.pk == request.user.pk:
            return False
        return super().has_delete_permission(request, obj) and self._may_manage(request, obj)


class AuthenticatorAdmin(admin.ModelAdmin):
    """That a second factor exists, when it was made and last used; never its secret.
    An administrator may remove one for a colleague who lost their phone (audited); adding
    and changing happen only on the person's own account pages."""

    list_display = ("user", "type", "created_at", "last_used_at")
    list_filter = ("type",)
    search_fields = ("user__email", "user__full_name")
    list_select_related = ("user",)
    fields = ("user", "type", "created_at", "last_used_at")
    readonly_fields = fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("user")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(user__in=partners.manageable_accounts(request.user))

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.user_id == request.user.pk:
            # One's own factor is removed on one's own account page, with a code.
            return False
        return super().has_delete_permission(request, obj) and (
            obj is None
            or request.user.is_superuser
            or partners.may_manage_account(request.user, obj.user)
        )


def register_authenticator_admin(site: admin.AdminSite) -> None:
    """Replaces allauth's own admin for second factors (which shows their secrets)."""
    from allauth.mfa.models import Authenticator

    if site.is_registered(Authenticator):
        site.unregister(Authenticator)
    site.register(Authenticator, AuthenticatorAdmin)
