"""Platform records in the configuration site: read-only."""

from __future__ import annotations

from django.contrib import admin

from wijkpunt.core.models import OutboxMessage, SentMail, WorkerHeartbeat


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "to", "subject")
    search_fields = ("to", "subject")
    date_hierarchy = "created_at"
    fields = ("created_at", "to", "subject", "body", "html_body")
    readonly_fields = fields


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(ReadOnlyAdmin):
    list_display = ("worker_id", "hostname", "started_at", "last_seen")
    fields = ("worker_id", "hostname", "started_at", "last_seen")
    readonly_fields = fields


@admin.register(SentMail)
class SentMailAdmin(ReadOnlyAdmin):
    list_display = ("sent_at", "key", "template")
    search_fields = ("key",)
    fields = ("sent_at", "key", "template")
    readonly_fields = fields
