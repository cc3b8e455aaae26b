from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from wijkpunt.open311 import actions
from wijkpunt.open311.models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "active", "created_at", "last_used_at", "created_by"]
    list_filter = ["active"]
    search_fields = ["name", "prefix"]
    fields = ["name", "active", "prefix", "created_by", "created_at", "last_used_at"]
    readonly_fields = ["prefix", "created_by", "created_at", "last_used_at"]

    def save_model(self, request, obj, form, change):
        raw = None
        if not change:
            raw = actions.fill_new_key(obj)
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if raw:
            messages.warning(
                request,
                _(
                    "The key for “%(name)s” is %(key)s — copy it now: it is shown only this "
                    "once. Wijkpunt keeps only a fingerprint of it."
                )
                % {"name": obj.name, "key": raw},
            )

    def has_delete_permission(self, request, obj=None):
        # Keys that posted requests stay for the record; switch them off instead.
        return obj is None or not obj.requests.exists()
