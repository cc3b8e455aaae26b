"""Configuration of the partner organisations, their teams and staff roles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkpunt.partners import access
from wijkpunt.partners.models import Organisation, StaffRole, Team

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0
    fields = ("name", "email", "phone")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "phone", "email", "estate_list")
    list_filter = ("kind", "estates")
    search_fields = ("name", "short_name", "email")
    filter_horizontal = ("estates",)
    inlines = [TeamInline]
    fieldsets = (
        (None, {"fields": ("name", "short_name", "kind")}),
        (_("Contact"), {"fields": ("phone", "email", "address", "opening_hours", "website")}),
        (_("Where they work"), {"fields": ("estates",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("estates")

    def get_readonly_fields(self, request, obj=None):
        # Where an organisation works decides what its staff see: only a superuser widens it.
        fields = tuple(super().get_readonly_fields(request, obj))
        return fields if request.user.is_superuser else (*fields, "estates")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("estates"))
    def estate_list(self, obj: Organisation) -> str:
        return ", ".join(e.name for e in obj.estates.all()) or "–"


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "email", "phone")
    list_filter = ("organisation",)
    search_fields = ("name", "organisation__name")
    list_select_related = ("organisation",)


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    """Roles are checked by ``StaffRole.clean`` (team of the same organisation, role that
    exists in that kind of organisation), which the admin form runs before saving."""

    list_display = ("user", "role", "organisation", "team", "estate_list", "active")
    list_filter = ("organisation", "role", "active", "estates")
    search_fields = ("user__full_name", "user__email", "organisation__name", "team__name")
    list_select_related = ("user", "organisation", "team__organisation")
    autocomplete_fields = ("user",)
    filter_horizontal = ("estates",)
    fields = ("user", "organisation", "team", "role", "estates", "active")

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("estates")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            organisation_id__in=access.administered_organisation_ids(request.user)
        )

    def _may_change(self, request, obj) -> bool:
        return (
            obj is None
            or request.user.is_superuser
            or access.manageable_roles(request.user).filter(pk=obj.pk).exists()
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation" and not request.user.is_superuser:
            kwargs["queryset"] = Organisation.objects.filter(
                pk__in=access.administered_organisation_ids(request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "estates" and not request.user.is_superuser:
            # Only estates where an organisation they administer works.
            kwargs["queryset"] = db_field.remote_field.model.objects.filter(
                organisations__pk__in=access.administered_organisation_ids(request.user)
            ).distinct()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        # a form class made at run time for this model admin: mypy takes no variable as a base
        form: Any = super().get_form(request, obj, change, **kwargs)
        actor = request.user

        class ContainedStaffRoleForm(form):
            def clean(self):
                cleaned = super().clean()
                account = cleaned.get("user")
                organisation = cleaned.get("organisation")
                if (
                    account is not None
                    and organisation is not None
                    and not access.may_give_role(
                        actor, account=account, organisation_id=organisation.pk
                    )
                ):
                    raise forms.ValidationError(
                        _(
                            "You may give roles only to other people, in an organisation "
                            "you administer."
                        ),
                        code="not_your_organisation",
                    )
                return cleaned

        return ContainedStaffRoleForm

    @admin.display(description=_("estates"))
    def estate_list(self, obj: StaffRole) -> StrOrPromise:
        return ", ".join(e.name for e in obj.estates.all()) or _("all of the organisation")
