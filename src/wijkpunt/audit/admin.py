"""The audit log in the configuration site: read-only, for looking things up."""

from __future__ import annotations

from django.contrib import admin

from wijkpunt.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = (
        "at",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "household_id",
        "purpose",
    )
    list_filter = ("action", "object_type")
    search_fields = ("actor_label",)
    date_hierarchy = "at"
    readonly_fields = (
        "at",
        "actor",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "household_id",
        "purpose",
        "path",
        "ip_address",
    )
    fields = readonly_fields
    show_full_result_count = False
    list_per_page = 100

    # The log is append-only: nobody adds, changes or deletes entries here.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
