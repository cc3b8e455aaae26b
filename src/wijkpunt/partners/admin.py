"""Configuration of the partner organisations, their teams and staff roles."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkpunt.partners.models import Organisation, StaffRole, Team


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
        return super().get_queryset(request).prefetch_related("estates")

    @admin.display(description=_("estates"))
    def estate_list(self, obj: StaffRole) -> str:
        return ", ".join(e.name for e in obj.estates.all()) or _("all of the organisation")
