"""Signals in the configuration site.

Administrators configure categories (with who may see them), routing rules and deadline
policies here. Signals, their history and feedback are shown read-only: the lists show no
free text (a welfare signal's words are need-to-know), and a signal's own page shows its text
and the reporter's details only to administrators whose roles may see the signal. Every
signal page opened here is written to the audit log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wijkpunt.audit.admin import AuditedAdmin
from wijkpunt.housing.models import Building, Estate
from wijkpunt.partners.models import OrganisationKind, Role
from wijkpunt.signalling import routing
from wijkpunt.signalling.access import visible_signals
from wijkpunt.signalling.models import (
    Category,
    DeadlinePolicy,
    Feedback,
    RoutingRule,
    Signal,
    SignalEvent,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

HIDDEN = _("— hidden: your roles may not see this category —")


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _may_see(request, signal_id: int | None) -> bool:
    return signal_id is not None and visible_signals(request.user).filter(pk=signal_id).exists()


class ReadOnlyAdmin(AuditedAdmin):
    """Read-only, and every page audited (``audit.admin.AuditedAdmin``)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# --- Categories ---------------------------------------------------------------------------------


class CategoryForm(forms.ModelForm):
    visible_to_kinds = forms.MultipleChoiceField(
        label=_("visible to kinds of organisation"),
        choices=OrganisationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Need-to-know: organisations of these kinds may see signals of this category."),
    )
    visible_to_roles = forms.MultipleChoiceField(
        label=_("visible to roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Within those organisations, only these roles (none ticked: every role)."),
    )

    class Meta:
        model = Category
        fields = (
            "name",
            "name_fr",
            "name_en",
            "slug",
            "description",
            "visible_to_kinds",
            "visible_to_roles",
            "visible_to_organisations",
            "position",
            "active",
        )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if not data.get("visible_to_kinds") and not data.get("visible_to_organisations"):
            raise ValidationError(
                _(
                    "Nobody would see signals of this category: tick at least one kind of "
                    "organisation or choose an organisation."
                )
            )
        return data


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    form = CategoryForm
    list_display = ("name", "name_fr", "name_en", "slug", "kinds", "public", "position", "active")
    list_editable = ("position", "active")
    list_filter = ("active",)
    search_fields = ("name", "name_fr", "name_en", "slug")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("visible_to_organisations",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "name_fr",
                    "name_en",
                    "slug",
                    "description",
                    "description_fr",
                    "description_en",
                    "public",
                )
            },
        ),
        (
            _("Need-to-know"),
            {
                "fields": ("visible_to_kinds", "visible_to_roles", "visible_to_organisations"),
                "description": _(
                    "Who may see signals of this category. The organisation that handles a "
                    "signal (after routing or a hand-over) always sees it; the reporter sees "
                    "their own."
                ),
            },
        ),
        (_("Order"), {"fields": ("position", "active")}),
    )

    @admin.display(description=_("visible to"))
    def kinds(self, obj: Category) -> str:
        labels = dict(OrganisationKind.choices)
        return ", ".join(str(labels.get(k, k)) for k in obj.visible_to_kinds or [])


# --- Routing rules ------------------------------------------------------------------------------


class RouteTryForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("category"), queryset=Category.objects.filter(active=True), required=False
    )
    estate = forms.ModelChoiceField(label=_("estate"), queryset=Estate.objects.all())
    building = forms.ModelChoiceField(
        label=_("building"), queryset=Building.objects.select_related("estate"), required=False
    )
    urgent = forms.BooleanField(label=_("urgent"), required=False)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        building, estate = data.get("building"), data.get("estate")
        if building and estate and building.estate_id != estate.pk:
            self.add_error("building", _("This building is in another estate."))
        return data


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "position",
        "active",
        "category",
        "estate",
        "building",
        "urgent",
        "target",
    )
    list_display_links = ("name",)
    list_editable = ("position", "active")
    list_filter = ("active", "category", "estate", "organisation", "organisation_kind")
    ordering = ("position", "id")
    search_fields = ("name",)
    change_list_template = "admin/signalling/routingrule/change_list.html"
    fieldsets = (
        (
            None,
            {
                "fields": ("name", "position", "active"),
                "description": _(
                    "Rules are checked from the lowest order number up; the first active rule "
                    "that matches a signal decides who handles it. An empty condition matches "
                    "anything. Every rule is checked when you save it."
                ),
            },
        ),
        (_("When"), {"fields": ("category", "estate", "building", "urgent")}),
        (
            _("Then send it to"),
            {"fields": ("organisation", "organisation_kind", "team", "person")},
        ),
    )

    @admin.display(description=_("send to"))
    def target(self, obj: RoutingRule) -> str:
        who = str(obj.organisation) if obj.organisation_id else obj.get_organisation_kind_display()
        if obj.team_id and obj.team is not None:
            who += f" – {obj.team.name}"
        if obj.person_id:
            who += f" – {obj.person}"
        return who

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("category", "estate", "building", "organisation", "team", "person")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A rule sends signals to staff: residents' names are never offered as a choice.
        if db_field.name == "person":
            kwargs["queryset"] = (
                db_field.related_model.objects.filter(staff_roles__active=True)
                .distinct()
                .order_by("full_name", "email")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_urls(self):
        urls = super().get_urls()
        return [
            path(
                "try/",
                self.admin_site.admin_view(self.try_view),
                name="signalling_routingrule_try",
            ),
            *urls,
        ]

    def try_view(self, request):
        """Pick a category, estate, building and urgency, and see which rule matches."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = RouteTryForm(request.GET or None)
        result = None
        tried = False
        if form.is_bound and form.is_valid():
            tried = True
            data = form.cleaned_data
            probe = Signal(
                category=data["category"],
                estate=data["estate"],
                building=data["building"],
                urgent=data["urgent"],
            )
            result = routing.route(probe)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Try the routing rules"),
            "form": form,
            "tried": tried,
            "result": result,
        }
        return TemplateResponse(request, "admin/signalling/routingrule/try.html", context)


# --- Deadline policies --------------------------------------------------------------------------


class DeadlinePolicyForm(forms.ModelForm):
    class Meta:
        model = DeadlinePolicy
        fields = (
            "category",
            "urgent",
            "first_response_hours",
            "resolution_days",
            "remind_before_hours",
        )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        first, days = data.get("first_response_hours"), data.get("resolution_days")
        if first and days and first > days * 8.5:
            self.add_error(
                "first_response_hours",
                _("The first answer cannot be due after the signal must be resolved."),
            )
        return data


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(admin.ModelAdmin):
    form = DeadlinePolicyForm
    list_display = (
        "__str__",
        "urgent",
        "first_response_hours",
        "resolution_days",
        "remind_before_hours",
    )
    list_filter = ("urgent", "category")
    fieldsets = (
        (
            None,
            {
                "fields": ("category", "urgent"),
                "description": _(
                    "Deadlines count working time: Monday to Friday within office hours "
                    "(setting WORKING_HOURS), without Belgian public holidays. Urgent signals "
                    "count clock hours. The clock stops while the signal waits for the "
                    "resident. A policy without category applies to every category without its "
                    "own. Reminders go out before the first answer and before the resolution are "
                    "due, at most half-way through the time allowed for each."
                ),
            },
        ),
        (
            _("Deadlines"),
            {"fields": ("first_response_hours", "resolution_days", "remind_before_hours")},
        ),
    )


# --- Signals, read-only -------------------------------------------------------------------------


class SignalEventInline(admin.TabularInline):
    model = SignalEvent
    extra = 0
    can_delete = False
    fields = ("at", "kind", "from_status", "to_status", "public", "actor")
    readonly_fields = fields
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Signal)
class SignalAdmin(ReadOnlyAdmin):
    """An overview for administrators: no free text in the list, need-to-know on the page."""

    list_display = (
        "reference_link",
        "category",
        "status",
        "urgent",
        "estate",
        "owner_organisation",
        "channel",
        "created_at",
        "resolution_due",
    )
    list_display_links = None
    list_filter = (
        "status",
        "category",
        "urgent",
        "needs_triage",
        "channel",
        "estate",
        "owner_organisation",
        "created_at",
    )
    date_hierarchy = "created_at"
    list_select_related = ("category", "estate", "owner_organisation")
    show_full_result_count = False
    list_per_page = 50
    inlines = [SignalEventInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "reference",
                    "category",
                    "status",
                    "urgent",
                    "reported_urgent",
                    "channel",
                    "language",
                    "shown_text",
                )
            },
        ),
        (
            _("Where"),
            {"fields": ("where", "estate", "building", "dwelling", "common_space")},
        ),
        (_("Who reported it"), {"fields": ("shown_reporter", "anonymous", "for_neighbour")}),
        (
            _("Who acts"),
            {"fields": ("owner_organisation", "owner_team", "owner_user", "needs_triage")},
        ),
        (
            _("Triage suggestion"),
            {
                "fields": (
                    "suggested_category",
                    "suggested_urgent",
                    "suggestion_confidence",
                    "suggested_owner",
                )
            },
        ),
        (
            _("Deadlines"),
            {
                "fields": (
                    "created_at",
                    "first_response_due",
                    "first_response_at",
                    "resolution_due",
                    "paused_at",
                    "reminded_at",
                    "resolution_reminded_at",
                    "escalated_at",
                    "resolved_at",
                    "closed_at",
                    "merged_into_reference",
                )
            },
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        return [f for fs in self.fieldsets for f in fs[1]["fields"]]

    @admin.display(description=_("reference"), ordering="pk")
    def reference_link(self, obj: Signal) -> str:
        url = reverse("admin:signalling_signal_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.reference)

    @admin.display(description=_("reference"))
    def reference(self, obj: Signal) -> str:
        return obj.reference

    @admin.display(description=_("merged into"))
    def merged_into_reference(self, obj: Signal) -> str:
        return f"M-{obj.merged_into_id:06d}" if obj.merged_into_id else "—"

    @admin.display(description=_("what is going on"))
    def shown_text(self, obj: Signal) -> StrOrPromise:
        return obj.text if getattr(obj, "_may_see", False) else HIDDEN

    @admin.display(description=_("reporter"))
    def shown_reporter(self, obj: Signal) -> StrOrPromise:
        if not getattr(obj, "_may_see", False):
            return HIDDEN
        if obj.anonymous:
            return gettext("anonymous")
        parts = [str(obj.reporter) if obj.reporter_id else obj.reporter_name]
        parts += [obj.reporter_email, obj.reporter_phone]
        return " · ".join(p for p in parts if p) or "—"

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj._may_see = _may_see(request, obj.pk)
        return obj

    def change_view(self, request, object_id, form_url="", extra_context=None):
        signal_id = _int_or_none(object_id)
        # The page title names the reference only, never the resident's words.
        extra_context = {**(extra_context or {}), "subtitle": f"M-{signal_id or 0:06d}"}
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(SignalEvent)
class SignalEventAdmin(ReadOnlyAdmin):
    audit_object_type, audit_object_field = "signal", "signal_id"
    list_display = ("signal_reference", "at", "kind", "from_status", "to_status", "public")
    list_filter = ("kind", "public", "at")
    list_select_related = ("signal",)
    date_hierarchy = "at"
    show_full_result_count = False
    fields = (
        "signal_reference",
        "at",
        "kind",
        "from_status",
        "to_status",
        "public",
        "actor",
        "shown_text",
        "data",
    )
    readonly_fields = fields

    @admin.display(description=_("signal"), ordering="signal_id")
    def signal_reference(self, obj: SignalEvent) -> str:
        return f"M-{obj.signal_id:06d}"

    @admin.display(description=_("text"))
    def shown_text(self, obj: SignalEvent) -> StrOrPromise:
        return obj.text if getattr(obj, "_may_see", False) else HIDDEN

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj._may_see = _may_see(request, obj.signal_id)
        return obj


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    audit_object_type, audit_object_field = "signal", "signal_id"
    list_display = ("signal_reference", "solved", "channel", "created_at")
    list_filter = ("solved", "channel", "created_at")
    list_select_related = ("signal",)
    fields = ("signal_reference", "solved", "channel", "shown_comment", "created_at")
    readonly_fields = fields

    @admin.display(description=_("signal"), ordering="signal_id")
    def signal_reference(self, obj: Feedback) -> str:
        return f"M-{obj.signal_id:06d}"

    @admin.display(description=_("comment"))
    def shown_comment(self, obj: Feedback) -> StrOrPromise:
        return obj.comment if getattr(obj, "_may_see", False) else HIDDEN

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj._may_see = _may_see(request, obj.signal_id)
        return obj
