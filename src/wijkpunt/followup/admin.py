"""Actions in the configuration site: read-mostly (changes go through the staff pages, which
write history and tell residents)."""

from django.contrib import admin

from wijkpunt.followup.models import Action, ActionEvent


class ActionEventInline(admin.TabularInline):
    model = ActionEvent
    extra = 0
    can_delete = False
    fields = ("at", "kind", "status_from", "status_to", "public", "text", "by")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "organisation", "status", "source_kind", "updated_at")
    list_filter = ("status", "source_kind", "organisation")
    readonly_fields = (
        "status",
        "created_by",
        "created_at",
        "updated_at",
        "notice_pending_since",
        "last_notice_at",
        "notices_sent",
    )
    filter_horizontal = ("estates",)
    raw_id_fields = ("wave", "question")
    inlines = [ActionEventInline]

    def has_add_permission(self, request) -> bool:
        return False
