"""The tenant's reports in the portal: 'Iets melden', 'Mijn meldingen', a report's public
timeline, replies, the danger question and the satisfaction question. The URLs (under
/mijn/meldingen/) and their names (``intake_portal:…``) stayed the same when these pages moved
here from intake. Works without JavaScript. A tenant only ever reaches their own reports
(``get_own_signal_for``: 404 for anyone else's)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkpunt.intake import actions, queries
from wijkpunt.intake.files import serve_attachment
from wijkpunt.intake.forms import DangerForm, FeedbackForm, ReplyForm, TenantReportForm
from wijkpunt.intake.timeline import merged_progress, public_timeline
from wijkpunt.portal import actions as portal_actions
from wijkpunt.portal.views import tenant_required
from wijkpunt.signalling import actions as signalling
from wijkpunt.signalling.access import get_own_signal_for, own_signals
from wijkpunt.signalling.models import Channel
from wijkpunt.signalling.queries import feedback_pending, handled_as
from wijkpunt.signalling.workflow import PUBLIC_STATUS_TEXT


def _key(user, key: str) -> str:
    # Keys are per person: one resident's key can never return another's report.
    return f"portal:{user.pk}:{key}"


@tenant_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    user = request.user
    home = queries.tenant_home(user)
    if request.method == "POST":
        form = TenantReportForm(request.POST, request.FILES, home=home)
        if form.is_valid():
            data = form.cleaned_data
            try:
                intake = actions.report(
                    files=data["photos"],
                    text=data["text"],
                    channel=Channel.PORTAL,
                    reporter=user,
                    category=form.chosen_category(),
                    reported_urgent=data["urgent"],
                    language=translation.get_language() or "nl-be",
                    idempotency_key=_key(user, data["idempotency_key"]),
                    **form.place(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("intake_portal:thanks", pk=intake.signal.pk)
    else:
        form = TenantReportForm(home=home)
    return render(request, "portal/report_new.html", {"form": form, "nav": "report"})


@tenant_required
def thanks(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_own_signal_for(request.user, pk)
    return _thanks(request, signal)


def _thanks(request, signal, *, danger_form=None, status=200) -> HttpResponse:
    return render(
        request,
        "portal/report_thanks.html",
        {
            "signal": signal,
            "duplicates": queries.duplicates_for_resident(signal),
            "status_text": PUBLIC_STATUS_TEXT,
            "danger_form": (danger_form or DangerForm()) if signal.asks_danger else None,
            "danger_action": reverse("intake_portal:danger", args=[signal.pk]),
            "nav": "report",
        },
        status=status,
    )


@tenant_required
@require_POST
def danger(request: HttpRequest, pk: int) -> HttpResponse:
    """The answer to "Is someone in danger right now?", asked once after a report whose
    text may be urgent."""
    signal = get_own_signal_for(request.user, pk)
    form = DangerForm(request.POST)
    if form.is_valid():
        try:
            signalling.answer_danger_question(
                signal=signal, in_danger=form.cleaned_data["in_danger"], user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("intake_portal:thanks", pk=signal.pk)
    return _thanks(request, signal, danger_form=form, status=400)


@tenant_required
def mine(request: HttpRequest) -> HttpResponse:
    signals = own_signals(request.user).select_related("category").order_by("-created_at", "-id")
    rows = [(s, PUBLIC_STATUS_TEXT.get(s.status, "")) for s in signals]
    return render(request, "portal/report_list.html", {"rows": rows, "nav": "mine"})


@tenant_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_own_signal_for(request.user, pk)
    return _detail(request, signal)


def _detail(request, signal, *, reply_form=None, feedback_form=None, status=200) -> HttpResponse:
    # A merged report follows the report it is handled with: its status, its status changes
    # (without the messages, which were written to someone else) and the question at the end.
    kept = handled_as(signal)
    timeline = public_timeline(signal)
    if kept.pk != signal.pk:
        timeline = sorted([*timeline, *merged_progress(signal, kept)], key=lambda e: e.at)
    context = {
        "signal": signal,
        "status_text": PUBLIC_STATUS_TEXT.get(kept.status, ""),
        "timeline": timeline,
        "reply_form": reply_form or ReplyForm(),
        "feedback_form": feedback_form or FeedbackForm(),
        "asks_feedback": feedback_pending(signal),
        "nav": "mine",
    }
    return render(request, "portal/report_detail.html", context, status=status)


@tenant_required
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_own_signal_for(request.user, pk)
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            portal_actions.reply(
                signal=signal,
                user=request.user,
                text=form.cleaned_data["text"],
                photos=form.cleaned_data["photos"],
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, _("Thank you. We have received your message."))
            return redirect("intake_portal:detail", pk=signal.pk)
    return _detail(request, signal, reply_form=form, status=400)


@tenant_required
@require_POST
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_own_signal_for(request.user, pk)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            signalling.give_feedback(
                signal=signal,
                user=request.user,
                solved=form.cleaned_data["solved"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if form.cleaned_data["solved"]:
                messages.success(request, _("Thank you for your answer. We are glad it is solved."))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you for telling us. We have opened your report again "
                        "and will look at it."
                    ),
                )
            return redirect("intake_portal:detail", pk=signal.pk)
    signal.refresh_from_db()
    return _detail(request, signal, feedback_form=form, status=400)


@tenant_required
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    signal = get_own_signal_for(request.user, pk)
    found = get_object_or_404(signal.attachments.filter(public=True), pk=attachment_pk)
    return serve_attachment(found)
