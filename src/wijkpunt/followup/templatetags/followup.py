"""``{% unread_portal_messages as unread %}``: the tenant's unread portal messages (for the
portal home's one-line include ``followup/_portal_unread.html``)."""

from __future__ import annotations

from django import template
from django.utils import translation

register = template.Library()

SHOWN = 3


@register.simple_tag(takes_context=True)
def unread_portal_messages(context) -> dict:
    from wijkpunt.outreach.reach import unread_messages

    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return {"count": 0, "items": []}
    unread = unread_messages(user)
    items = list(unread[:SHOWN])
    language = translation.get_language() or ""
    for delivery in items:
        delivery.subject = delivery.message.text(language, delivery.language)[0]  # type: ignore[attr-defined]
    count = len(items) if len(items) < SHOWN else unread.count()
    return {"count": count, "items": items}
