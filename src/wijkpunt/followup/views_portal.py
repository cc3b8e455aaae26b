"""The tenant's follow-up page (``/mijn/opvolging/``): what is done with what residents of
their estate said, and the messages sent to their household (``outreach.reach``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from wijkpunt.followup.queries import public_actions
from wijkpunt.housing.access import tenant_place
from wijkpunt.housing.models import Estate
from wijkpunt.outreach import reach
from wijkpunt.portal.views import tenant_required

MESSAGES_SHOWN = 30


@tenant_required
def home(request: HttpRequest) -> HttpResponse:
    # The tenant reads their own household's messages: no audit entry (their own data).
    place = tenant_place(request.user)
    estate = (
        Estate.objects.filter(pk=place.estate_id).first()
        if place is not None and place.estate_id
        else None
    )
    language = translation.get_language() or "nl-be"
    shown = list(reach.portal_messages(request.user)[:MESSAGES_SHOWN])
    for delivery in shown:
        delivery.subject = delivery.message.text(language, delivery.language)[0]  # type: ignore[attr-defined]
    return render(
        request,
        "followup/portal_home.html",
        {
            "estate": estate,
            "actions": public_actions(estate, language) if estate is not None else [],
            "language": language,
            "portal_messages": shown,
            "nav": "followup",
        },
    )


@tenant_required
def message(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = reach.get_portal_message_for(request.user, pk)
    reach.mark_read(delivery=delivery, user=request.user)
    subject, body = delivery.message.text(translation.get_language() or "", delivery.language)
    return render(
        request,
        "followup/portal_message.html",
        {"delivery": delivery, "subject": subject, "body": body, "nav": "followup"},
    )
