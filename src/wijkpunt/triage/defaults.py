"""The default signal taxonomy's slugs and who owns each category by default.

Owner keys are ``"<organisation kind>:<role>"`` with the values of
``partners.models.OrganisationKind`` and ``partners.models.Role``; the routing configuration of
the signalling app may override them per estate."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

CATEGORIES: tuple[str, ...] = (
    "herstelling",
    "huur-en-betaling",
    "overlast",
    "gemeenschappelijke-delen",
    "welzijn-en-zorg",
    "financiele-zorgen",
    "woonsituatie",
    "veiligheid",
    "samenleven",
    "administratie",
)

CATEGORY_LABELS = {
    "herstelling": _("Repairs"),
    "huur-en-betaling": _("Rent and payment"),
    "overlast": _("Nuisance and neighbour disputes"),
    "gemeenschappelijke-delen": _("Common areas"),
    "welzijn-en-zorg": _("Well-being and care"),
    "financiele-zorgen": _("Money worries"),
    "woonsituatie": _("Housing situation"),
    "veiligheid": _("Safety"),
    "samenleven": _("Living together"),
    "administratie": _("Administration and tenancy agreement"),
}

# Follows the "default owner" column of the product brief's taxonomy.
DEFAULT_OWNERS: dict[str, str] = {
    "herstelling": "housing:technician",
    "huur-en-betaling": "housing:letting",
    "overlast": "housing:woonconsulent",
    "gemeenschappelijke-delen": "housing:woonconsulent",
    "welzijn-en-zorg": "ocmw:social_worker",
    "financiele-zorgen": "ocmw:budget_worker",
    "woonsituatie": "housing:woonconsulent",
    "veiligheid": "housing:woonconsulent",
    "samenleven": "community:buurtwerker",
    "administratie": "housing:letting",
}

# Below this category probability a suggestion goes to the human triage desk
# (``settings.TRIAGE_MIN_CONFIDENCE`` overrides it).
MIN_CONFIDENCE = 0.4

# When a suggestion is not urgent but its urgent confidence is at least this, the intake asks the
# reporter one plain question: "Is someone in danger right now?" (see docs/triage.md, "Asking
# when urgency is uncertain", for how the value was chosen and what share of texts it asks).
ASK_DANGER_ABOVE = 0.15


def owner_for(category: str) -> str:
    return DEFAULT_OWNERS.get(category, "housing:woonconsulent")
