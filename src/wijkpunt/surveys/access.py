"""The only way to a survey or a wave for a member of staff.

Survey definitions are not personal data: every member of staff with a survey role sees them;
the roles that design surveys change those of their own organisation. A wave is seen only by
staff whose roles cover *every* estate it reaches — its figures for one estate could otherwise
be worked out from its totals. What each role may do with a wave:

=================  ===========================================================
action             roles
=================  ===========================================================
``monitor``        response rates while open: coordinator, buurtwerker,
                   woonconsulent, administrator
``results``        figures per question: the same
``open_answers``   the (masked) open answers: coordinator, buurtwerker,
                   administrator
``manage``         open, close, letters, reminders: coordinator, buurtwerker,
                   administrator
``enter``          door-to-door and paper entry: buurtwerker, coordinator,
                   woonconsulent
``publish``        publish results, actions: coordinator, administrator
=================  ===========================================================

Published results are public (per estate, ``views_public``); the code itself is the only key
a respondent needs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from wijkpunt.housing.models import Estate
from wijkpunt.partners import access as partners
from wijkpunt.partners.models import Role
from wijkpunt.surveys.models import Survey, Wave

DESIGN_ROLES = frozenset({Role.COORDINATOR, Role.COMMUNITY_WORKER, Role.ADMINISTRATOR})
WAVE_ROLES: dict[str, frozenset[str]] = {
    "monitor": frozenset(
        {Role.COORDINATOR, Role.COMMUNITY_WORKER, Role.TENANT_CONSULTANT, Role.ADMINISTRATOR}
    ),
    "results": frozenset(
        {Role.COORDINATOR, Role.COMMUNITY_WORKER, Role.TENANT_CONSULTANT, Role.ADMINISTRATOR}
    ),
    "open_answers": frozenset({Role.COORDINATOR, Role.COMMUNITY_WORKER, Role.ADMINISTRATOR}),
    "manage": frozenset({Role.COORDINATOR, Role.COMMUNITY_WORKER, Role.ADMINISTRATOR}),
    "enter": frozenset({Role.COMMUNITY_WORKER, Role.COORDINATOR, Role.TENANT_CONSULTANT}),
    "publish": frozenset({Role.COORDINATOR, Role.ADMINISTRATOR}),
}
SURVEY_ROLES = DESIGN_ROLES | frozenset().union(*WAVE_ROLES.values())


def has_survey_role(user) -> bool:
    return partners.has_role(user, *SURVEY_ROLES)


def may_design(user) -> bool:
    return partners.has_role(user, *DESIGN_ROLES)


def design_organisation_ids(user) -> set[int]:
    return {r.organisation_id for r in partners.active_roles(user) if r.role in DESIGN_ROLES}


def visible_surveys(user) -> QuerySet[Survey]:
    if not has_survey_role(user):
        return Survey.objects.none()
    return Survey.objects.all()


def get_survey_for(user, pk, action: str = "view") -> Survey:
    """``view`` for anyone with a survey role; ``edit`` for the designers of its organisation."""
    survey = visible_surveys(user).filter(pk=pk).select_related("organisation").first()
    if survey is None:
        raise Http404("No such survey")
    if action == "edit" and survey.organisation_id not in design_organisation_ids(user):
        raise PermissionDenied
    return survey


def visible_waves(user, action: str = "monitor") -> QuerySet[Wave]:
    """Waves every one of whose estates the user covers in a role that may ``action``."""
    roles = WAVE_ROLES[action]
    if not partners.has_role(user, *roles):
        return Wave.objects.none()
    covered = partners.estate_ids(user, roles=set(roles))
    return (
        Wave.objects.filter(estates__isnull=False)
        .exclude(estates__in=Estate.objects.exclude(pk__in=covered))
        .distinct()
    )


def get_wave_for(user, pk, action: str = "monitor") -> Wave:
    """The wave, if ``user`` may ``action`` it: 404 when they may not even see it, 403 when
    they see it but may not do this."""
    if not Wave.objects.filter(pk=pk).exists():
        raise Http404("No such wave")
    wave = visible_waves(user, action).filter(pk=pk).select_related("survey").first()
    if wave is not None:
        return wave
    if any(visible_waves(user, a).filter(pk=pk).exists() for a in WAVE_ROLES if a != action):
        raise PermissionDenied
    raise Http404("No such wave")


def may(user, wave: Wave, action: str) -> bool:
    return visible_waves(user, action).filter(pk=wave.pk).exists()


def may_start_waves(user) -> bool:
    """Whether ``user`` may make a new wave at all (which estates: ``actions_waves``)."""
    return partners.has_role(user, *WAVE_ROLES["manage"])
