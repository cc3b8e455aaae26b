"""The public page of an estate's actions (``/e/<estate>/acties/``): no log-in, in the
visitor's language, phone width first. The letter's QR code and every notice lead here."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from wijkpunt.followup.queries import public_actions
from wijkpunt.housing.models import Estate


def estate(request: HttpRequest, estate_slug: str) -> HttpResponse:
    place = get_object_or_404(Estate, slug=estate_slug)
    language = translation.get_language() or "nl-be"
    return render(
        request,
        "followup/public_estate.html",
        {"estate": place, "actions": public_actions(place, language), "language": language},
    )
