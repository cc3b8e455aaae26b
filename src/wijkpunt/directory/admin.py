"""The sociale kaart in the configuration site: read-mostly.

Organisations, services and locations come from an HSDS import (the page "Import an HSDS
file" on the list of services, or ``wijkpunt directory import``); here they are read, and
deleted when a service must go at once. The taxonomy of needs is configuration: its names in
Dutch, French and English are kept here."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext

from wijkpunt.directory import actions, forms, hsds
from wijkpunt.directory.models import (
    Address,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTaxonomy,
    Taxonomy,
    TaxonomyTerm,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ImportedAdmin(admin.ModelAdmin):
    """Read only: these records change through an import, which checks them as a whole."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class PhoneInline(ReadOnlyInline):
    model = Phone
    fields = ("number", "extension", "type", "description")
    readonly_fields = fields
    fk_name = "service"


class ScheduleInline(ReadOnlyInline):
    model = Schedule
    fields = ("freq", "byday", "opens_at", "closes_at", "valid_from", "valid_to", "description")
    readonly_fields = fields
    fk_name = "service"


class LanguageInline(ReadOnlyInline):
    model = Language
    fields = ("code", "name", "note")
    readonly_fields = fields
    fk_name = "service"


class ServiceAtLocationInline(ReadOnlyInline):
    model = ServiceAtLocation
    fields = ("location", "description")
    readonly_fields = fields


class ServiceTaxonomyInline(ReadOnlyInline):
    model = ServiceTaxonomy
    fields = ("term", "link_type", "value")
    readonly_fields = fields


@admin.register(Service)
class ServiceAdmin(ImportedAdmin):
    list_display = ("name", "organization", "status", "last_modified")
    list_filter = ("status", "organization")
    search_fields = ("name", "alternate_name", "description", "organization__name")
    list_select_related = ("organization",)
    readonly_fields = (
        "id",
        "organization",
        "name",
        "alternate_name",
        "description",
        "status",
        "url",
        "email",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "application_process",
        "fees_description",
        "interpretation_services",
        "alert",
        "assured_date",
        "last_modified",
        "created_at",
        "updated_at",
    )
    fields = readonly_fields
    inlines = [
        ServiceTaxonomyInline,
        ServiceAtLocationInline,
        PhoneInline,
        ScheduleInline,
        LanguageInline,
    ]
    change_list_template = "admin/directory/service/change_list.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="directory_service_import",
            ),
            *super().get_urls(),
        ]

    def may_import(self, request) -> bool:
        return request.user.has_perm("directory.add_service")

    def changelist_view(self, request, extra_context=None):
        extra = {"may_import": self.may_import(request), **(extra_context or {})}
        return super().changelist_view(request, extra_context=extra)

    def import_view(self, request):
        """Upload an HSDS file: every problem with its path, or what was imported."""
        if not self.may_import(request):
            raise PermissionDenied
        problems: list[hsds.Problem] = []
        summary = None
        if request.method == "POST":
            form = forms.ImportForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    summary = actions.import_directory(data=upload.read(), source=upload.name)
                except hsds.DirectoryInvalid as invalid:
                    problems = invalid.problems
                else:
                    messages.success(request, gettext("The directory has been imported."))
        else:
            form = forms.ImportForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Import an HSDS file"),
            "form": form,
            "problems": problems,
            "summary": summary.lines() if summary else [],
        }
        status = 400 if problems else 200
        return TemplateResponse(
            request, "admin/directory/service/import.html", context, status=status
        )


@admin.register(Organization)
class OrganizationAdmin(ImportedAdmin):
    list_display = ("name", "email", "website")
    search_fields = ("name", "alternate_name", "description")
    readonly_fields = (
        "id",
        "name",
        "alternate_name",
        "description",
        "email",
        "website",
        "parent",
        "created_at",
        "updated_at",
    )
    fields = readonly_fields


class AddressInline(ReadOnlyInline):
    model = Address
    fields = ("address_1", "address_2", "postal_code", "city", "country", "address_type")
    readonly_fields = fields


@admin.register(Location)
class LocationAdmin(ImportedAdmin):
    list_display = ("name", "organization", "location_type", "latitude", "longitude")
    list_filter = ("location_type",)
    search_fields = ("name", "addresses__address_1", "addresses__city")
    list_select_related = ("organization",)
    readonly_fields = (
        "id",
        "organization",
        "location_type",
        "name",
        "alternate_name",
        "description",
        "transportation",
        "url",
        "latitude",
        "longitude",
        "created_at",
        "updated_at",
    )
    fields = readonly_fields
    inlines = [AddressInline]


@admin.register(Taxonomy)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ("name", "version", "uri")
    search_fields = ("name",)
    readonly_fields = ("id",)


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin):
    list_display = ("name", "name_fr", "name_en", "code", "parent", "taxonomy", "position")
    list_editable = ("position",)
    list_filter = ("taxonomy",)
    search_fields = ("name", "name_fr", "name_en", "code")
    list_select_related = ("parent", "taxonomy")
    readonly_fields = ("id",)
    fields = (
        "id",
        "taxonomy",
        "parent",
        "code",
        "name",
        "name_fr",
        "name_en",
        "description",
        "language",
        "term_uri",
        "position",
    )
