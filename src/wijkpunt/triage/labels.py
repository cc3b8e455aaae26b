"""The reasons for urgency in the reader's language.

``Suggestion.explanation`` lists the words that weighed most and, for an urgent suggestion,
terms ``"urgent: <reason>"`` whose reason is a stable English key of ``urgency`` (a named
danger) or ``circumstances`` (a situation implied by circumstances). ``explain`` turns such a
term into the staff member's language; the words of the text are left as they are.

    from wijkpunt.triage.labels import explain
    [explain(term) for term in suggestion.explanation]
    # ["gasgeur", "dringend: gasgeur"] on a Dutch page"""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

URGENT_REASONS = {
    # named dangers (urgency.py)
    "gas smell": _("gas smell"),
    "fire": _("fire"),
    "smoke": _("smoke"),
    "sparks": _("sparks or water on electricity"),
    "firearm": _("firearm"),
    "weapon": _("weapon"),
    "violence at home": _("violence at home"),
    "violence": _("violence"),
    "threat to kill": _("threat to kill"),
    "break-in now": _("break-in now"),
    "not seen for days": _("not seen for days"),
    "fallen": _("fallen"),
    "lying on the floor": _("lying on the floor"),
    "no response": _("does not respond"),
    "no answer, moaning": _("no answer, moaning"),
    "signs of absence": _("signs of absence"),
    "unresponsive": _("unconscious or not breathing"),
    "suicidal words": _("suicidal words"),
    "utility cut off soon": _("utility cut off soon"),
    "no power or water": _("no power or water"),
    "stuck in the lift": _("stuck in the lift"),
    "no heating, vulnerable people, cold": _("no heating, vulnerable people, cold"),
    "no heating": _("no heating"),
    # situations implied by circumstances (circumstances.py)
    "signs someone is missing or cannot answer": _("signs someone is missing or cannot answer"),
    "someone cannot get up, breathe or think clearly": _(
        "someone cannot get up, breathe or think clearly"
    ),
    "indirect words about ending a life": _("indirect words about ending a life"),
    "threat or violence at home": _("threat or violence at home"),
    "shouting with crying or blows": _("shouting with crying or blows"),
    "signs of fire or smouldering": _("signs of fire or smouldering"),
    "an alarm that keeps going": _("an alarm that keeps going"),
    "signs of carbon monoxide": _("signs of carbon monoxide"),
    "water running onto electrics": _("water running onto electrics"),
    "no heating in the cold with someone vulnerable": _(
        "no heating in the cold with someone vulnerable"
    ),
    "no heating in the cold": _("no heating in the cold"),
    "no heating with someone vulnerable": _("no heating with someone vulnerable"),
    "no power for medical equipment": _("no power for medical equipment"),
    "no power or heat in the cold with someone vulnerable": _(
        "no power or heat in the cold with someone vulnerable"
    ),
    "no water with a baby or someone vulnerable": _("no water with a baby or someone vulnerable"),
    "no food for the children": _("no food for the children"),
    "no roof tonight for a family": _("no roof tonight for a family"),
    "a young child alone": _("a young child alone"),
    "someone frail out in the cold": _("someone frail out in the cold"),
    "lift out for someone who must get to care": _("lift out for someone who must get to care"),
    "something came down or may come down": _("something came down or may come down"),
}
PREFIX = "urgent: "


def explain(term: str) -> str:
    """One term of ``Suggestion.explanation`` in the active language."""
    if not term.startswith(PREFIX):
        return term
    key = term[len(PREFIX) :]
    reason = URGENT_REASONS.get(key)
    return gettext("urgent: %(reason)s") % {"reason": reason if reason is not None else key}
