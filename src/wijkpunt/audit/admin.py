"""The audit log in the configuration site (read-only, for looking things up), and the mixin
that audits every page of the configuration site showing a household's personal data."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects, unquote
from django.core.paginator import Paginator
from django.db import router

from wijkpunt.audit import personal_data
from wijkpunt.audit.actions import AuditAction, record_list_read, record_read
from wijkpunt.audit.models import AuditEntry

ADMIN_PURPOSE = "admin"


def _is_autocomplete(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name == "autocomplete")


class _AuditingPaginator(Paginator):
    """The autocomplete's page of choices: each household named in it is audited."""

    def __init__(self, *args, on_page, **kwargs):
        super().__init__(*args, **kwargs)
        self._on_page = on_page

    def page(self, number):
        page = super().page(number)
        page.object_list = list(page.object_list)
        self._on_page(page.object_list)
        return page


class AuditedAdmin(admin.ModelAdmin):
    """Audits every page of a model admin that shows a household's personal data.

    Lists and searches (one entry per household on the page), the change/view page, the
    history page, the autocomplete behind ``autocomplete_fields`` and delete confirmations,
    including the records a deletion would take along (a household's residents, a dwelling's
    tenancies). ``audit.personal_data.HOUSEHOLD_OF`` says how each model reaches its
    household. Put it first in the bases: ``class HouseholdAdmin(AuditedAdmin, ...)``.

    A record read as part of another (a signal's history event, its feedback) may be recorded
    as a read of that one: ``audit_object_type = "signal"``, ``audit_object_field =
    "signal_id"``."""

    audit_object_type: str = ""
    audit_object_field: str = ""

    def _audit_objects(self, request, model, pks, *, action=AuditAction.VIEW, purpose=""):
        households = personal_data.household_ids(model, pks)
        record_list_read(
            request=request,
            action=action,
            object_type=model._meta.model_name,
            household_ids=households.values(),
            purpose=purpose or ADMIN_PURPOSE,
        )

    def _audit_object(self, request, object_id, purpose: str) -> None:
        if not personal_data.is_personal(self.model):
            return
        try:
            pk = self.model._meta.pk.to_python(unquote(object_id))
        except Exception:  # noqa: BLE001 - a malformed id shows no record
            return
        households = personal_data.household_ids(self.model, [pk])
        if pk not in households:  # no such record: nothing was shown
            return
        object_id = pk
        if self.audit_object_field:
            object_id = (
                self.model._default_manager.filter(pk=pk)
                .values_list(self.audit_object_field, flat=True)
                .first()
            )
        record_read(
            request=request,
            object_type=self.audit_object_type or self.model._meta.model_name,
            object_id=object_id,
            household_id=households.get(pk),
            purpose=purpose,
        )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        cl = (getattr(response, "context_data", None) or {}).get("cl")
        if cl is not None and personal_data.is_personal(self.model):
            searched = bool(request.GET.get("q"))
            self._audit_objects(
                request,
                self.model,
                [obj.pk for obj in cl.result_list],
                action=AuditAction.SEARCH if searched else AuditAction.VIEW,
                purpose=f"{ADMIN_PURPOSE} {'search' if searched else 'list'}",
            )
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if object_id is not None and response.status_code == 200:
            self._audit_object(request, object_id, ADMIN_PURPOSE)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            self._audit_object(request, object_id, f"{ADMIN_PURPOSE} history")
        return response

    def get_deleted_objects(self, objs, request):
        """The delete confirmation (one record, or "delete selected") lists what goes with
        it: every household named there is audited."""
        result = super().get_deleted_objects(objs, request)
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)
        found: dict[type, list] = {}
        for model, instances in collector.data.items():
            found.setdefault(model, []).extend(o.pk for o in instances)
        for obj in collector.protected:
            found.setdefault(type(obj), []).append(obj.pk)
        for model, pks in found.items():
            if personal_data.is_personal(model):
                self._audit_objects(request, model, pks, purpose=f"{ADMIN_PURPOSE} delete")
        return result

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        if not (_is_autocomplete(request) and personal_data.is_personal(self.model)):
            return super().get_paginator(
                request, queryset, per_page, orphans, allow_empty_first_page
            )

        def on_page(objects) -> None:
            self._audit_objects(
                request,
                self.model,
                [o.pk for o in objects],
                action=AuditAction.SEARCH,
                purpose=f"{ADMIN_PURPOSE} autocomplete",
            )

        return _AuditingPaginator(
            queryset, per_page, orphans, allow_empty_first_page, on_page=on_page
        )


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


# --- Admins of other apps whose records carry a resident's e-mail address ----------------------
# (kept here so that those apps need not know about auditing: the e-mail addresses of log-in
# accounts, and the demo outbox, whose messages are addressed to residents).


def _audited(model, admin_class) -> None:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    audited = type(admin_class.__name__, (AuditedAdmin, admin_class), {"__module__": __name__})
    admin.site.register(model, audited)


def _audit_other_admins() -> None:
    from allauth.account.admin import EmailAddressAdmin
    from allauth.account.models import EmailAddress

    from wijkpunt.core.admin import OutboxMessageAdmin
    from wijkpunt.core.models import OutboxMessage

    _audited(EmailAddress, EmailAddressAdmin)
    _audited(OutboxMessage, OutboxMessageAdmin)


_audit_other_admins()
