"""Surveys in the configuration site. Administrators add the languages surveys can be offered
in here. Surveys themselves are read here, not written: they are defined in the staff
workspace (``/werk/bevragingen/``), whose checks (show-if only on earlier questions, locking
once answered) the configuration site would skip. Codes, ballots and answers are not shown
here at all (docs/surveys-anonymity.md)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from wijkpunt.surveys.models import Language, Question, Section, Survey
from wijkpunt.surveys.texts import text_in


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "native_name", "right_to_left", "position")
    list_editable = ("position",)
    search_fields = ("code", "name", "native_name")
    ordering = ("position", "name")


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class SectionInline(_ReadOnlyInline):
    model = Section
    fields = ("position", "name", "title", "show_if")
    readonly_fields = fields


class QuestionInline(_ReadOnlyInline):
    model = Question
    fk_name = "survey"
    fields = ("position", "section", "grid", "name", "kind", "label", "required", "show_if")
    readonly_fields = fields


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    """Read only: the staff workspace changes surveys, with its checks."""

    list_display = ("title_text", "version", "organisation", "archived", "created_at")
    list_filter = ("archived", "organisation")
    fields = (
        "title",
        "intro",
        "thanks",
        "languages",
        "form_id",
        "organisation",
        "version",
        "previous_version",
        "archived",
        "created_by",
        "created_at",
    )
    readonly_fields = fields
    inlines = [SectionInline, QuestionInline]

    @admin.display(description=_("title"))
    def title_text(self, obj: Survey) -> str:
        return text_in(obj.title, obj.main_language) or f"#{obj.pk}"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
