from django.contrib import admin

from wijkpunt.triage.models import TrainingExample, TriageModelVersion


@admin.register(TrainingExample)
class TrainingExampleAdmin(admin.ModelAdmin):
    list_display = ["created_at", "category", "urgent", "language", "source", "created_by"]
    list_filter = ["category", "urgent", "source", "language"]
    search_fields = ["text"]
    readonly_fields = ["created_at", "created_by"]


@admin.register(TriageModelVersion)
class TriageModelVersionAdmin(admin.ModelAdmin):
    list_display = ["id", "created_at", "trained_on", "corrections", "active"]
    exclude = ["model"]
    readonly_fields = ["created_at", "created_by", "trained_on", "corrections", "metrics", "active"]

    def has_add_permission(self, request) -> bool:
        return False  # trained with ``wijkpunt triage retrain``, never typed in
