"""Printing a wave's letters (``surveys:wave_letters``): GET shows how many invitations and
reminders there would be, POST starts the batch and goes to its progress page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkpunt.outreach.models import LetterBatch
from wijkpunt.surveys import access, letters
from wijkpunt.surveys.models import WaveStatus
from wijkpunt.surveys.workflow import TransitionError
from wijkpunt.workspace.access import staff_required

RECENT_BATCHES = 10
STARTERS = {"invitations": letters.start_invitations, "reminders": letters.start_reminders}


@staff_required(not_found=True)
@require_http_methods(["GET", "POST"])
def wave_letters(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.get_wave_for(request.user, pk, "manage")
    error = ""
    if request.method == "POST":
        start = STARTERS.get(request.POST.get("kind", ""))
        if start is None:
            error = _("Choose invitations or reminders.")
        else:
            try:
                batch = start(wave=wave, by=request.user)
            except TransitionError as refused:
                error = str(refused)
            else:
                return redirect("outreach:batch", pk=batch.pk)
    batches = LetterBatch.objects.filter(
        kind__in=(letters.INVITATIONS, letters.REMINDERS), ref=f"wave:{wave.pk}"
    ).select_related("created_by")[:RECENT_BATCHES]
    return render(
        request,
        "surveys/letters/wave_letters.html",
        {
            "wave": wave,
            "counts": letters.counts(wave),
            "is_open": wave.status == WaveStatus.OPEN,
            "batches": batches,
            "error": error,
            "nav_current": "surveys",
        },
        status=400 if error else 200,
    )
