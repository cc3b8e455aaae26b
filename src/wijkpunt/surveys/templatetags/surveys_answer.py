"""Template helpers of the respondent's pages: the faces of a 5-point scale, the survey card in
the tenant portal."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from wijkpunt.surveys.models import SurveyCode, WaveStatus
from wijkpunt.surveys.texts import text_in

register = template.Library()

# A mouth per score, from very unhappy (1) to very happy (5), on a 48×48 face.
_MOUTHS = {
    1: "M14 35 Q24 25 34 35",
    2: "M15 33 Q24 29 33 33",
    3: "M15 31 L33 31",
    4: "M15 29 Q24 34 33 29",
    5: "M13 27 Q24 41 35 27",
}


@register.simple_tag
def face(score) -> SafeString:
    """An inline SVG face for a scale score 1–5 (nothing for "no opinion"). Decorative: the
    words next to it say the same, so screen readers skip it."""
    try:
        score = int(score)
    except (TypeError, ValueError):
        return mark_safe("")  # noqa: S308 - a constant
    mouth = _MOUTHS.get(score)
    if mouth is None:
        return mark_safe("")  # noqa: S308 - a constant
    return mark_safe(  # noqa: S308 - built from constants only
        f'<svg class="sv-face sv-face--{score}" viewBox="0 0 48 48" width="32" height="32" '
        'aria-hidden="true" focusable="false">'
        '<circle class="sv-face__head" cx="24" cy="24" r="21"/>'
        '<circle class="sv-face__eye" cx="17" cy="19" r="2.6"/>'
        '<circle class="sv-face__eye" cx="31" cy="19" r="2.6"/>'
        f'<path class="sv-face__mouth" d="{mouth}"/></svg>'
    )


@dataclass
class PortalSurvey:
    title: str
    closes_on: object
    answered: bool
    url: str


@register.simple_tag
def portal_surveys(household) -> list[PortalSurvey]:
    """The open surveys of ``household`` (the tenant's own): one card each."""
    if household is None:
        return []
    language = translation.get_language() or "nl-be"
    codes = (
        SurveyCode.objects.filter(household=household, wave__status=WaveStatus.OPEN)
        .select_related("wave__survey")
        .order_by("wave__closes_on", "wave_id")
    )
    return [
        PortalSurvey(
            title=text_in(code.wave.survey.title, language, code.wave.survey.main_language),
            closes_on=code.wave.closes_on,
            answered=code.used,
            url=reverse("surveys_public:portal_answer", args=[code.wave_id]),
        )
        for code in codes
    ]
