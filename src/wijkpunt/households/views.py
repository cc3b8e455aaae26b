"""The household file in the staff workspace (``/werk/huishoudens/<id>/``): its timeline by
need-to-know, contacts and appointments, consents, and the reason step for a partner without a
reason on record. And the privacy officer's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkpunt.audit.actions import record_read
from wijkpunt.households import access, actions
from wijkpunt.households.forms import (
    AppointmentForm,
    ConsentForm,
    ContactForm,
    CorrectionForm,
    ReasonForm,
)
from wijkpunt.households.models import (
    Consent,
    ConsentMethod,
    EntryKind,
    FileReason,
    Referral,
    ReferralBasis,
    Sensitivity,
    TimelineEntry,
)
from wijkpunt.households.queries import current_address
from wijkpunt.households.render import timeline_html
from wijkpunt.housing import access as housing
from wijkpunt.partners import access as partners
from wijkpunt.partners.models import Organisation
from wijkpunt.workspace import queries
from wijkpunt.workspace.access import staff_required

ENTRIES_PER_PAGE = 50
CORRECTABLE = {EntryKind.CONTACT, EntryKind.APPOINTMENT}
HOUSEHOLD_SIGNALS = 50


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _writable(user) -> list[str]:
    found: list[str] = []
    for values in access.writable_sensitivities(user).values():
        found.extend(v for v in values if v not in found)
    return found


@staff_required(not_found=True)
def file(request: HttpRequest, pk: int):
    """The household's file: who they are, where they live, and the timeline of what the
    partners do, as far as the reader may see it."""
    user = request.user
    try:
        household, reasons = access.get_file_for(user, pk, request=request)
    except access.NeedsReason as needs:
        return _reason_step(request, needs.household)
    fields = access.file_fields(reasons, user, household)
    show_tenancies = housing.can_see_tenancies(user, household)
    details = queries.household_details(household, with_tenancies=show_tenancies)
    signals = queries.household_signals(user, household)
    signal_ids = [s.pk for s in signals]
    # The list is capped; with every visible signal in it, the timeline needs no query more.
    complete = len(signals) < queries.HOUSEHOLD_SIGNALS_CAP
    entries = Paginator(
        access.visible_entries(user, household, signal_ids=signal_ids if complete else None),
        ENTRIES_PER_PAGE,
    ).get_page(request.GET.get("page"))
    residents = details.resident_list
    rows = list(entries.object_list)
    base = reverse("households:file", args=[household.pk])
    writable = set(access.writable_sensitivities(user))
    for entry in rows:
        entry.may_correct = entry.kind in CORRECTABLE and (
            entry.organisation_id in writable or entry.author_id == user.pk
        )
        entry.base_url = f"{base}lijn/{entry.pk}/"
    context = {
        "household": household,
        "reasons": reasons,
        "residents": residents,
        "current_tenancies": details.current_tenancy_list,
        "tenancies": details.tenancy_list,
        "show_tenancies": show_tenancies,
        "former": housing.former_tenancy(user, household),
        "visible_estate_ids": partners.estate_ids(user),
        "this_year": timezone.localdate().year,
        "today": timezone.localdate(),
        "signals": signals[:HOUSEHOLD_SIGNALS],
        "signal_count": len(signals),
        "entries": entries,
        "entry_rows": rows,
        "timeline_html": timeline_html(rows, signal_ids=set(signal_ids) if complete else None),
        "consents": list(access.file_consents(user, household, restricted=fields is not None)),
        "may_write": bool(writable),
        "may_refer": any(
            s != Sensitivity.SHARED
            for values in access.writable_sensitivities(user).values()
            for s in values
        ),
        "restricted": fields is not None,
        "fields": fields or set(),
        "referrals": list(
            access.visible_referrals(user)
            .filter(household=household)
            .select_related("from_organisation", "to_organisation", "to_service")
            .order_by("-created_at")[:20]
        ),
    }
    return render(request, "households/file.html", context)


def _reason_step(request: HttpRequest, household, *, form=None, status: int = 200):
    """A partner may find this household, not open its file: only what is needed to pick the
    right household, and the ways to open it with a reason on record."""
    user = request.user
    record_read(
        request=request,
        object_type="household",
        object_id=household.pk,
        household_id=household.pk,
        purpose="household file: reason step",
    )
    return render(
        request,
        "households/reason.html",
        {
            "household": household,
            "address": current_address(household),
            "form": form or ReasonForm(),
            "may_take_client": any(
                access.role_sensitivities(r) for r in partners.active_roles(user)
            ),
            "hours": access.BREAK_GLASS_HOURS,
        },
        status=status,
    )


@staff_required(not_found=True)
@require_POST
def break_glass(request: HttpRequest, pk: int) -> HttpResponse:
    household = access.get_findable_household(request.user, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        kind = request.POST.get("kind")
        try:
            if kind == "client":
                actions.record_client(
                    household=household, user=request.user, reason=form.cleaned_data["reason"]
                )
            else:
                actions.break_the_glass(
                    household=household, user=request.user, reason=form.cleaned_data["reason"]
                )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect("households:file", pk=household.pk)
    return _reason_step(request, household, form=form, status=400)


def _form_page(request, household, form, *, title: str, intro: str = "") -> HttpResponse:
    record_read(
        request=request,
        object_type="household",
        object_id=household.pk,
        household_id=household.pk,
        purpose="household file: form",
    )
    return render(
        request,
        "households/form.html",
        {"household": household, "form": form, "title": title, "intro": intro},
        status=400 if request.method == "POST" else 200,
    )


@staff_required(not_found=True)
def add_contact(request: HttpRequest, pk: int) -> HttpResponse:
    household = access.get_household_to_work_on(request.user, pk)
    form = ContactForm(request.POST or None, sensitivities=_writable(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_contact(household=household, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The contact is in the file."))
            return redirect("households:file", pk=household.pk)
    return _form_page(request, household, form, title=_("Record a contact"))


@staff_required(not_found=True)
def add_appointment(request: HttpRequest, pk: int) -> HttpResponse:
    household = access.get_household_to_work_on(request.user, pk)
    form = AppointmentForm(request.POST or None, sensitivities=_writable(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_appointment(household=household, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The appointment is in the file."))
            return redirect("households:file", pk=household.pk)
    return _form_page(request, household, form, title=_("Record an appointment"))


@staff_required(not_found=True)
def correct(request: HttpRequest, pk: int, entry: int) -> HttpResponse:
    household = access.get_household_to_work_on(request.user, pk)
    the_entry = get_object_or_404(access.visible_entries(request.user, household), pk=entry)
    form = CorrectionForm(
        request.POST or None, initial={"title": the_entry.title, "note": the_entry.note}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.correct_entry(entry=the_entry, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The correction is in the file; the old text is kept."))
            return redirect("households:file", pk=household.pk)
    record_read(
        request=request,
        object_type="household",
        object_id=household.pk,
        household_id=household.pk,
        purpose="household file: correction",
    )
    return render(
        request,
        "households/correct.html",
        {"household": household, "entry": the_entry, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@staff_required(not_found=True)
def history(request: HttpRequest, pk: int, entry: int) -> HttpResponse:
    """Every version of a corrected entry, oldest first."""
    household = access.get_household_to_work_on(request.user, pk)
    visible = TimelineEntry.objects.filter(household=household).filter(
        access.entry_filter(request.user, household)
    )
    current = get_object_or_404(visible, pk=entry)
    versions = [current]
    while versions[-1].supersedes_id is not None:
        versions.append(visible.select_related("author").get(pk=versions[-1].supersedes_id))
    record_read(
        request=request,
        object_type="household",
        object_id=household.pk,
        household_id=household.pk,
        purpose="household file: versions",
    )
    return render(
        request,
        "households/history.html",
        {"household": household, "versions": list(reversed(versions))},
    )


@staff_required(not_found=True)
def add_consent(request: HttpRequest, pk: int) -> HttpResponse:
    household = access.get_household_to_work_on(request.user, pk)
    residents = list(household.residents.all())
    form = ConsentForm(request.POST or None, residents=residents)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        resident_id = data.pop("resident")
        resident = next((r for r in residents if str(r.pk) == resident_id), None)
        try:
            actions.record_consent(
                household=household, user=request.user, resident=resident, **data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The consent is recorded."))
            return redirect("households:file", pk=household.pk)
    return _form_page(
        request,
        household,
        form,
        title=_("Record a consent"),
        intro=_(
            "Explain in plain words what is shared, with whom, and for how long. The resident "
            "can withdraw it at any time, also in the portal."
        ),
    )


@staff_required(not_found=True)
@require_POST
def withdraw(request: HttpRequest, pk: int, consent: int) -> HttpResponse:
    household = access.get_household_to_work_on(request.user, pk)
    the_consent = get_object_or_404(Consent, pk=consent, household=household)
    method = request.POST.get("method", ConsentMethod.SIGNED)
    try:
        actions.withdraw_consent(consent=the_consent, user=request.user, method=method)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("households:file", pk=household.pk)
    messages.success(request, _("The consent is withdrawn. What it allowed has ended."))
    return redirect("households:file", pk=household.pk)


@staff_required()
def privacy(request: HttpRequest) -> HttpResponse:
    """For an organisation's privacy officer: every break-the-glass and client relationship
    recorded in their organisation, newest first."""
    organisations = list(Organisation.objects.filter(privacy_officer_id=request.user.pk))
    if not organisations:
        raise Http404("Not found")
    reasons = Paginator(
        FileReason.objects.filter(organisation__in=organisations)
        .select_related("user", "organisation", "household")
        .order_by("-at", "-id"),
        50,
    ).get_page(request.GET.get("page"))
    rows = list(reasons.object_list)
    referrals = list(
        Referral.objects.filter(from_organisation__in=organisations)
        .exclude(basis=ReferralBasis.CONSENT)
        .select_related(
            "sent_by", "from_organisation", "household", "to_organisation", "to_service"
        )
        .order_by("-created_at", "-id")[:200]
    )
    from wijkpunt.audit.actions import record_list_read

    record_list_read(
        request=request,
        object_type="household",
        household_ids=[r.household_id for r in [*rows, *referrals]],
        purpose="privacy officer",
    )
    return render(
        request,
        "households/privacy.html",
        {"organisations": organisations, "page": reasons, "rows": rows, "referrals": referrals},
    )
