"""Staff registering a signal on someone's behalf, the QR poster, and staff access to files.

Only partner staff (an active staff role) get here; tenants and others see a short refusal.
Households are looked up within ``housing.access.visible_households`` and the chosen one is
read through ``get_household_for`` (audited). Possible duplicates come from
``visible_signals``: staff never learn of a signal they may not see."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkpunt.audit.actions import AuditAction, record_list_read
from wijkpunt.housing import access as housing
from wijkpunt.housing import actions as housing_actions
from wijkpunt.housing.models import CommonSpace, Tenancy
from wijkpunt.intake import actions, queries
from wijkpunt.intake.files import serve_attachment
from wijkpunt.intake.forms import DangerForm, FeedbackForm, StaffReportForm, Who
from wijkpunt.signalling import actions as signalling
from wijkpunt.signalling.access import can_act_on, get_signal_for, visible_attachments
from wijkpunt.signalling.models import Attachment, FeedbackChannel
from wijkpunt.signalling.queries import feedback_pending
from wijkpunt.workspace.access import staff_required
from wijkpunt.workspace.queries import search_households

SEARCH_LIMIT = 15


def signal_url(pk: int) -> str:
    """The staff page of a signal (the inbox)."""
    return reverse("inbox:signal", args=[pk])


def _household(request, raw):
    if not raw:
        return None
    try:
        return housing.get_household_for(
            request.user, int(raw), request=request, purpose="register a signal"
        )
    except (ValueError, TypeError):
        raise Http404("No such household") from None


def _current_dwelling(household):
    if household is None:
        return None
    tenancy = (
        Tenancy.objects.current()
        .filter(household=household)
        .select_related("dwelling__building__estate")
        .order_by("-start_date")
        .first()
    )
    return tenancy.dwelling if tenancy else None


def _account_holder(household):
    resident = (
        household.residents.filter(
            user__isnull=False, user__is_active=True, moved_out_on__isnull=True
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return resident.user if resident else None


@staff_required()
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    user = request.user
    source = request.POST if request.method == "POST" else request.GET
    household = _household(request, source.get("household"))
    dwelling = _current_dwelling(household)
    estates = list(housing.visible_estates(user).order_by("name"))
    query = (request.GET.get("q") or "").strip()[:100]
    results = []
    if query and household is None:
        results = list(search_households(user, query)[:SEARCH_LIMIT])
    duplicates: list = []
    if request.method == "POST":
        form = StaffReportForm(request.POST, request.FILES, household=household, estates=estates)
        if form.is_valid():
            data = form.cleaned_data
            place = form.place(dwelling=dwelling)
            building = place.get("building") or (dwelling.building if dwelling else None)
            space = place.get("common_space")
            category = form.chosen_category()
            duplicates = queries.duplicates_for_staff(
                user,
                category_id=category.pk if category else None,
                building_id=building.pk if building else (space.building_id if space else None),
                common_space_id=space.pk if space else None,
            )
            if "check" in request.POST:
                return _render_new(
                    request, form, household, dwelling, query, results, duplicates, checked=True
                )
            who = data["who"]
            reporter = None
            if who == Who.HOUSEHOLD and data["inform_household"]:
                reporter = _account_holder(household)
            try:
                intake = actions.report(
                    files=data["files"],
                    allow_pdf=True,
                    files_public=data["files_public"],
                    uploader=user,
                    text=data["text"],
                    channel=data["channel"],
                    reporter=reporter,
                    registered_by=user,
                    household=household if who == Who.HOUSEHOLD else None,
                    category=category,
                    reported_urgent=data["urgent"],
                    reporter_name=data["reporter_name"] if who == Who.NEIGHBOUR else "",
                    reporter_phone=data["reporter_phone"] if who == Who.NEIGHBOUR else "",
                    reporter_email=data["reporter_email"] if who == Who.NEIGHBOUR else "",
                    anonymous=who == Who.ANONYMOUS,
                    for_neighbour=who == Who.NEIGHBOUR,
                    language=(household.language if household and household.language else "nl-be"),
                    idempotency_key=f"staff:{user.pk}:{data['idempotency_key']}",
                    **place,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("intake_staff:done", pk=intake.signal.pk)
        status = 400
    else:
        form = StaffReportForm(household=household, estates=estates)
        status = 200
    return _render_new(
        request, form, household, dwelling, query, results, duplicates, status=status
    )


def _render_new(
    request, form, household, dwelling, query, results, duplicates, *, checked=False, status=200
):
    _audit_lists(request, results, duplicates)
    return render(
        request,
        "intake/staff_new.html",
        {
            "form": form,
            "household": household,
            "dwelling": dwelling,
            "query": query,
            "results": results,
            "duplicates": [(s, signal_url(s.pk)) for s in duplicates],
            "checked": checked,
            "nav_current": "signals",
        },
        status=status,
    )


def _audit_lists(request, households, duplicates) -> None:
    """The household search shows names; the duplicate suggestions show signals' words."""
    record_list_read(
        request=request,
        action=AuditAction.SEARCH,
        object_type="household",
        household_ids=[h.pk for h in households],
        purpose="register a signal",
    )
    record_list_read(
        request=request,
        object_type="signal-list",
        household_ids=[s.household_id for s in duplicates],
        purpose="possible duplicates",
    )


@staff_required()
def done(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_signal_for(request.user, pk, request=request, purpose="registered a signal")
    return _render_done(request, signal)


def _render_done(request, signal, *, danger_form=None, status=200) -> HttpResponse:
    duplicates = queries.duplicates_for_staff(
        request.user,
        category_id=signal.category_id,
        building_id=signal.building_id,
        common_space_id=signal.common_space_id,
        exclude_pk=signal.pk,
    )
    _audit_lists(request, [], duplicates)
    return render(
        request,
        "intake/staff_done.html",
        {
            "signal": signal,
            "signal_page": signal_url(signal.pk),
            "duplicates": [(s, signal_url(s.pk)) for s in duplicates],
            "danger_form": (danger_form or DangerForm()) if signal.asks_danger else None,
            "danger_action": reverse("intake_staff:danger", args=[signal.pk]),
            "for_staff": True,
            "nav_current": "signals",
        },
        status=status,
    )


@staff_required()
@require_POST
def danger(request: HttpRequest, pk: int) -> HttpResponse:
    """The worker asked the reporter "Is someone in danger right now?" and records the answer."""
    signal = get_signal_for(request.user, pk, request=request, purpose="registered a signal")
    form = DangerForm(request.POST)
    if form.is_valid():
        try:
            signalling.answer_danger_question(
                signal=signal, in_danger=form.cleaned_data["in_danger"], user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("intake_staff:done", pk=signal.pk)
    return _render_done(request, signal, danger_form=form, status=400)


def _qr_svg(url: str) -> str:
    image = qrcode.make(
        url,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=10,
        border=2,
    )
    svg = image.to_string(encoding="unicode")
    # Let CSS size it (no fixed mm size) and describe it for screen readers.
    svg = svg.replace('width="', 'data-w="', 1).replace('height="', 'data-h="', 1)
    return svg.replace("<svg ", '<svg class="wp-poster__qr" role="img" aria-label="QR" ', 1)


def _poster(request, point, code: str) -> HttpResponse:
    """The QR code and the printed address are the same short address (/m/K7P3Q): short
    enough to type, and a smaller QR code that scans from further away."""
    url = request.build_absolute_uri(reverse("short:resolve", kwargs={"code": code}))
    return render(
        request,
        "intake/poster.html",
        {
            "point": point,
            "url": url,
            "typed": url.split("://", 1)[-1],  # what a person types: no https://
            "code": code,
            "qr": mark_safe(_qr_svg(url)),  # noqa: S308 - our own SVG
        },
    )


@staff_required()
def poster_building(request: HttpRequest, pk: int) -> HttpResponse:
    building = get_object_or_404(
        housing.visible_buildings(request.user).select_related("estate"), pk=pk
    )
    point = queries.ReportPoint(building=building, common_space=None)
    return _poster(request, point, housing_actions.short_code_for(building=building))


@staff_required()
def poster_space(request: HttpRequest, pk: int) -> HttpResponse:
    estates = housing.visible_estates(request.user)
    space = get_object_or_404(
        CommonSpace.objects.filter(estate__in=estates).select_related("estate", "building"), pk=pk
    )
    point = queries.ReportPoint(building=space.building, common_space=space)
    return _poster(request, point, housing_actions.short_code_for(common_space=space))


@staff_required(not_found=True)
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    found = get_object_or_404(Attachment.objects.only("pk", "signal_id"), pk=pk)
    # Need-to-know: only who may see the signal may open its files (and the read is audited).
    signal = get_signal_for(
        request.user, found.signal_id, request=request, purpose="open an attachment"
    )
    # An internal file stays with the organisation that added it (as internal notes do).
    return serve_attachment(get_object_or_404(visible_attachments(request.user, signal), pk=pk))


@staff_required(not_found=True)
@require_http_methods(["GET", "POST"])
def phone_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """A reporter answered "is it solved?" on the phone: the worker records it for them. The
    history says "given by phone, recorded by …"; the rule "asked once" is the action's."""
    signal = get_signal_for(request.user, pk, request=request, purpose="record an answer by phone")
    if not can_act_on(request.user, signal):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid():
            try:
                signalling.give_feedback(
                    signal=signal,
                    user=request.user,
                    solved=form.cleaned_data["solved"],
                    comment=form.cleaned_data["comment"],
                    channel=FeedbackChannel.PHONE,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The answer given by phone is recorded."))
                return redirect(signal_url(signal.pk))
        status = 400
    else:
        form = FeedbackForm()
    return render(
        request,
        "intake/staff_phone_feedback.html",
        {
            "signal": signal,
            "form": form,
            "pending": feedback_pending(signal),
            "signal_page": signal_url(signal.pk),
            "nav_current": "signals",
        },
        status=status,
    )
