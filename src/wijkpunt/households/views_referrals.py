"""Referrals in the staff workspace: sending one from the household file (or one of its
signals), the list of referrals sent and received (``/werk/doorverwijzingen/``), the
referral's own page — for the recipient the restricted view of only what it shares — with its
steps, the warm hand-over, and the printable letter for a service outside Wijkpunt."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkpunt.audit.actions import record_list_read, record_read
from wijkpunt.directory.models import Service
from wijkpunt.households import access, actions, workflow
from wijkpunt.households.forms import HandoverForm, ReferralForm, ReferralStepForm
from wijkpunt.households.models import (
    OPEN_REFERRAL_STATUSES,
    EntryKind,
    Referral,
    ReferralStatus,
    Sensitivity,
    SharedField,
)
from wijkpunt.households.queries import current_address
from wijkpunt.households.views import _add_errors
from wijkpunt.partners import access as partners
from wijkpunt.partners.models import Organisation
from wijkpunt.workspace.access import staff_required

SHAREABLE_ENTRIES = 100


def _service(value) -> Service | None:
    try:
        pk = uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None
    return Service.objects.select_related("organization").filter(pk=pk).first()


def _signal(user, household, value):
    from wijkpunt.signalling.access import visible_signals

    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return visible_signals(user).filter(pk=pk, household=household).first()


@staff_required(not_found=True)
def refer(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a referral: to whom, the need, what is shared, what it rests on, the urgency and
    (optionally) the warm hand-over's appointment."""
    user = request.user
    household = access.get_household_to_work_on(user, pk)
    reasons = access.file_reasons(user, household)
    writable = access.writable_sensitivities(user)
    if not any(s != Sensitivity.SHARED for values in writable.values() for s in values):
        raise PermissionDenied(_("Your role does not refer households."))
    source = request.POST if request.method == "POST" else request.GET
    service = _service(source.get("to_service") or source.get("dienst"))
    signal = _signal(user, household, source.get("signaal"))
    own = access.organisation_ids(user)
    # What a referral can share: what the partners did and wrote (not the steps of other
    # referrals, nor consents: the recipient reads the consent the referral rests on).
    entries = list(
        access.visible_entries(user, household).exclude(
            kind__in=[EntryKind.REFERRAL, EntryKind.CONSENT]
        )[:SHAREABLE_ENTRIES]
    )
    consents = list(
        access.active_consents()
        .filter(household=household, purpose__in=["referral", "share"])
        .select_related("organisation")
    )
    sensitivities = [s for values in writable.values() for s in values if s != Sensitivity.SHARED]
    form = ReferralForm(
        request.POST or None,
        initial={"to_service": service.pk if service else None},
        organisations=Organisation.objects.exclude(pk__in=own).order_by("name"),
        entries=entries,
        consents=consents,
        fields=access.file_fields(reasons, user, household),
        sensitivities=list(dict.fromkeys(sensitivities)),
        without_consent=any(r.may_act_without_consent for r in partners.active_roles(user)),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = {str(e.pk): e for e in entries}
        consent = next((c for c in consents if str(c.pk) == data["consent"]), None)
        try:
            referral = actions.send_referral(
                household=household,
                user=user,
                to_organisation=data["to_organisation"] if service is None else None,
                to_service=service,
                need=data["need"],
                urgency=data["urgency"],
                shared_fields=data["shared_fields"],
                shared_entries=[chosen[i] for i in data["shared_entries"] if i in chosen],
                basis=data["basis"],
                consent=consent,
                legal_ground=data["legal_ground"],
                basis_note=data["basis_note"],
                sensitivity=data["sensitivity"],
                signal=signal,
                appointment_at=data["appointment_at"],
                place=data["place"],
                with_person=data["with_person"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Referral %(ref)s is sent to %(to)s.")
                % {"ref": referral.reference, "to": referral.recipient},
            )
            return redirect("referrals:detail", pk=referral.pk)
    record_read(
        request=request,
        object_type="household",
        object_id=household.pk,
        household_id=household.pk,
        purpose="household file: referral form",
    )
    return render(
        request,
        "households/refer.html",
        {
            "household": household,
            "form": form,
            "service": service,
            "signal": signal,
            "directory_url": reverse("directory:search") + f"?voor={household.pk}",
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_required()
def referral_list(request: HttpRequest) -> HttpResponse:
    """The referrals the reader's organisations received (to answer and work on) and sent."""
    user = request.user
    show = request.GET.get("toon", "open")
    visible = access.visible_referrals(user).select_related(
        "household", "from_organisation", "to_organisation", "to_service", "sent_by"
    )
    if show == "open":
        visible = visible.filter(status__in=OPEN_REFERRAL_STATUSES)
    casework = access.casework_organisation_ids(user)
    received = visible.filter(to_organisation_id__in=casework)
    sent = visible.filter(Q(from_organisation_id__in=casework) | Q(sent_by=user))
    received_page = Paginator(received.order_by("status", "-created_at"), 50).get_page(
        request.GET.get("ontvangen")
    )
    sent_page = Paginator(sent.order_by("-created_at"), 50).get_page(request.GET.get("verstuurd"))
    rows = [*received_page.object_list, *sent_page.object_list]
    record_list_read(
        request=request,
        object_type="referral",
        household_ids=[r.household_id for r in rows],
        purpose="referral list",
    )
    late = timezone.now() - dt.timedelta(days=_answer_days())
    return render(
        request,
        "households/referrals.html",
        {
            "received": received_page,
            "sent": sent_page,
            "show": show,
            "late": late,
            "nav_current": "referrals",
        },
    )


def _answer_days() -> int:
    from django.conf import settings

    return settings.REFERRAL_ANSWER_DAYS


def _shared_details(referral: Referral) -> dict:
    """Of the household, exactly what the referral shares."""
    household = referral.household
    codes = set(referral.field_codes)
    details: dict = {"name": household.name}
    if SharedField.CONTACT in codes:
        details["contact"] = {
            "language": household.get_language_display(),
            "phone": household.phone,
            "email": household.email,
        }
    if SharedField.ADDRESS in codes or SharedField.DWELLING in codes:
        tenancy = (
            household.tenancies.filter(end_date__isnull=True)
            .select_related("dwelling__building__estate")
            .first()
        )
        if tenancy is not None:
            if SharedField.ADDRESS in codes:
                details["address"] = tenancy.dwelling.address
            if SharedField.DWELLING in codes:
                details["dwelling"] = tenancy.dwelling
        elif SharedField.ADDRESS in codes:
            details["address"] = current_address(household)
    if SharedField.RESIDENTS in codes:
        details["residents"] = list(household.residents.filter(moved_out_on__isnull=True))
    return details


@staff_required(not_found=True)
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The referral: for the recipient only what it shares; for the sender what they sent.
    The steps they may take, the warm hand-over and (for a service) the letter."""
    user = request.user
    referral = access.get_referral_for(user, pk, request=request)
    side = access.referral_side(user, referral)
    steps = list(
        referral.steps.filter(kind=EntryKind.REFERRAL)
        .select_related("organisation", "author")
        .order_by("at", "pk")
    )
    answers_here = side == "recipient" or referral.to_service_id is not None
    allowed = [
        s
        for s in workflow.allowed_transitions(referral.status)
        if (s in workflow.SENDER_STEPS and side == "sender")
        or (s not in workflow.SENDER_STEPS and answers_here)
    ]
    order = list(ReferralStatus.values)
    return render(
        request,
        "households/referral.html",
        {
            "referral": referral,
            "side": side,
            "details": _shared_details(referral),
            "entries": list(referral.shared_entries.select_related("organisation").order_by("at")),
            "steps": steps,
            "allowed": [
                (s, workflow.STEP_LABELS[s], s in workflow.NEEDS_REASON)
                for s in sorted(allowed, key=order.index)
            ],
            "handover_form": HandoverForm(
                initial={
                    "appointment_at": referral.appointment_at,
                    "place": referral.place,
                    "with_person": referral.with_person,
                }
            ),
            "may_open_file": bool(access.file_reasons(user, referral.household)),
            "nav_current": "referrals",
        },
    )


@staff_required(not_found=True)
@require_POST
def referral_step(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request.user, pk)
    form = ReferralStepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a step."))
        return redirect("referrals:detail", pk=referral.pk)
    try:
        actions.move_referral(
            referral=referral,
            user=request.user,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("referrals:detail", pk=referral.pk)
    status = ReferralStatus(form.cleaned_data["status"])
    messages.success(request, _("The referral is now: %(status)s.") % {"status": status.label})
    if access.visible_referrals(request.user).filter(pk=referral.pk).exists():
        return redirect("referrals:detail", pk=referral.pk)
    return redirect("referrals:list")


@staff_required(not_found=True)
@require_POST
def referral_handover(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request.user, pk)
    form = HandoverForm(request.POST)
    if form.is_valid():
        try:
            actions.plan_handover(referral=referral, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The appointment is set; the resident is told in their language.")
            )
    else:
        messages.error(request, _("Give the date and time, the place and the person."))
    return redirect("referrals:detail", pk=referral.pk)


@staff_required(not_found=True)
def referral_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter the resident takes along to a service outside Wijkpunt: the need, the
    shared details and the service's address and hours, in the household's language. No
    data leaves Wijkpunt another way."""
    from wijkpunt.households.letters import referral_letter_pdf

    referral = access.get_referral_for(request.user, pk, request=request)
    if access.referral_side(request.user, referral) != "sender":
        raise Http404("Not found")
    response = HttpResponse(referral_letter_pdf(referral), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{referral.reference}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def _referral(user, pk: int) -> Referral:
    try:
        return access.visible_referrals(user).get(pk=pk)
    except Referral.DoesNotExist:
        raise Http404("Not found") from None
