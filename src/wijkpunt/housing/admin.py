"""The housing registry in the configuration site.

Household data is personal data: every admin page that shows it (lists, search, change and
history pages, autocomplete, delete confirmations, also of an estate or dwelling whose deletion
would list tenancies) is audited by ``audit.admin.AuditedAdmin``. Administrators see the
households that ``housing.access.visible_households`` allows them, and households that have
no tenancy yet (being registered); former residents stay with the letting service."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import admin
from django.db.models import Exists, Model, OuterRef
from django.utils.translation import gettext_lazy as _

from wijkpunt.audit.admin import AuditedAdmin
from wijkpunt.housing import access
from wijkpunt.housing.models import (
    Building,
    CommonSpace,
    Dwelling,
    Estate,
    Household,
    ImportJob,
    Resident,
    Tenancy,
    TenancyEvent,
    TenancyEventKind,
)


def _admin_households(request):
    """The households an administrator may open here."""
    qs = Household.objects.all()
    if request.user.is_superuser:
        return qs
    return qs.filter(
        Exists(access.visible_households(request.user).filter(pk=OuterRef("pk")))
        | ~Exists(Tenancy.objects.filter(household=OuterRef("pk")))
    )


# --- Estates, buildings, dwellings ------------------------------------------------------------


class CommonSpaceInline(admin.TabularInline):
    model = CommonSpace
    extra = 0
    fields = ("name", "kind", "building")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "building":
            estate_id = request.resolver_match.kwargs.get("object_id") if request else None
            qs = Building.objects.all()
            kwargs["queryset"] = qs.filter(estate_id=estate_id) if estate_id else qs.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Estate)
class EstateAdmin(AuditedAdmin):
    list_display = ("name", "slug", "municipality", "is_new", "opens_on")
    list_filter = ("is_new", "municipality")
    search_fields = ("name", "slug", "municipality")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "municipality", "description", "is_new", "opens_on")
    inlines = [CommonSpaceInline]


class DwellingInline(admin.TabularInline):
    model = Dwelling
    extra = 0
    fields = (
        "unit",
        "dwelling_type",
        "bedrooms",
        "floor",
        "has_lift",
        "adapted",
        "active",
        "external_ref",
    )
    show_change_link = True


@admin.register(Building)
class BuildingAdmin(AuditedAdmin):
    list_display = ("address", "name", "estate", "external_ref")
    list_filter = ("estate",)
    search_fields = ("street", "number", "postcode", "city", "name", "external_ref")
    list_select_related = ("estate",)
    fieldsets = (
        (None, {"fields": ("estate", "name", "external_ref")}),
        (_("Address"), {"fields": ("street", "number", "postcode", "city")}),
        (_("Location"), {"fields": ("latitude", "longitude")}),
    )
    inlines = [DwellingInline]

    @admin.display(description=_("address"), ordering="street")
    def address(self, obj: Building) -> str:
        return obj.address


@admin.register(Dwelling)
class DwellingAdmin(AuditedAdmin):
    list_display = (
        "__str__",
        "dwelling_type",
        "bedrooms",
        "floor",
        "has_lift",
        "adapted",
        "active",
        "estate",
    )
    list_filter = ("building__estate", "dwelling_type", "bedrooms", "adapted", "has_lift", "active")
    search_fields = (
        "building__street",
        "building__number",
        "building__postcode",
        "unit",
        "external_ref",
    )
    list_select_related = ("building__estate",)
    autocomplete_fields = ("building",)
    fields = (
        "building",
        "unit",
        "external_ref",
        "dwelling_type",
        "bedrooms",
        "floor",
        "has_lift",
        "adapted",
        "active",
    )

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset.select_related("building"), search_term)

    @admin.display(description=_("estate"), ordering="building__estate__name")
    def estate(self, obj: Dwelling) -> str:
        return obj.building.estate.name


@admin.register(CommonSpace)
class CommonSpaceAdmin(AuditedAdmin):
    list_display = ("name", "kind", "estate", "building")
    list_filter = ("estate", "kind")
    search_fields = ("name",)
    list_select_related = ("estate", "building")
    autocomplete_fields = ("building",)


# --- Households and tenancies (personal data: audited) ------------------------------------------


class ResidentInline(admin.TabularInline):
    model = Resident
    extra = 0
    fields = (
        "first_name",
        "last_name",
        "relation",
        "birth_year",
        "phone",
        "email",
        "user",
        "moved_out_on",
        "external_ref",
    )
    autocomplete_fields = ("user",)


class TenancyReadOnlyInline(admin.TabularInline):
    """Tenancies are changed on their own page, where each change is recorded as history."""

    model = Tenancy
    extra = 0
    fields = ("dwelling", "start_date", "end_date", "probation_end", "external_ref")
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    verbose_name_plural = _("tenancies (change them on the tenancy page)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("dwelling__building")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Household)
class HouseholdAdmin(AuditedAdmin):
    list_display = ("name", "language", "preferred_contact", "external_ref", "created_at")
    list_filter = ("language", "preferred_contact")
    search_fields = ("name", "external_ref", "residents__first_name", "residents__last_name")
    fieldsets = (
        (None, {"fields": ("name", "external_ref")}),
        (_("Language"), {"fields": ("language", "other_language")}),
        (_("Contact"), {"fields": ("phone", "email", "preferred_contact")}),
    )
    inlines = [ResidentInline, TenancyReadOnlyInline]

    def get_queryset(self, request):
        return _admin_households(request)


class TenancyEventInline(admin.TabularInline):
    """The append-only history of a tenancy: shown, never edited."""

    model = TenancyEvent
    extra = 0
    fields = ("at", "kind", "by", "changes")
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def _json_value(value) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Model):
        return str(value)
    return value


TRACKED_TENANCY_FIELDS = ("dwelling", "household", "start_date", "end_date", "probation_end")


@admin.register(Tenancy)
class TenancyAdmin(AuditedAdmin):
    list_display = ("household", "dwelling", "start_date", "end_date", "probation_end")
    list_filter = ("dwelling__building__estate", "start_date", "end_date")
    search_fields = (
        "household__name",
        "external_ref",
        "dwelling__building__street",
        "dwelling__unit",
    )
    list_select_related = ("household", "dwelling__building")
    autocomplete_fields = ("dwelling", "household")
    date_hierarchy = "start_date"
    fields = (
        "household",
        "dwelling",
        "start_date",
        "end_date",
        "probation_end",
        "external_ref",
    )
    inlines = [TenancyEventInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(Exists(_admin_households(request).filter(pk=OuterRef("household_id"))))
        )

    def save_model(self, request, obj, form, change):
        """Saves the tenancy and appends what changed to its history."""
        changes: dict[str, object]
        if change:
            before = Tenancy.objects.get(pk=obj.pk)
            changes = {
                name: [
                    _json_value(getattr(before, name)),
                    _json_value(getattr(obj, name)),
                ]
                for name in TRACKED_TENANCY_FIELDS
                if name in form.changed_data
            }
        else:
            changes = {
                name: _json_value(getattr(obj, name))
                for name in TRACKED_TENANCY_FIELDS
                if getattr(obj, name) is not None
            }
        super().save_model(request, obj, form, change)
        if change and not changes:
            return
        event = TenancyEvent.objects.create(
            tenancy=obj,
            kind=TenancyEventKind.CHANGED if change else TenancyEventKind.STARTED,
            by=request.user,
            changes=changes,
        )
        from wijkpunt.households.timeline import add_tenancy_events

        add_tenancy_events([event.pk])


# --- Registry imports (read-only: they are made on the import page) -----------------------------


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("original_name", "status", "total_rows", "created_by", "created_at")
    list_filter = ("status",)
    search_fields = ("original_name",)
    list_select_related = ("created_by",)
    exclude = ("file", "report")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
