"""The only way to an action for a member of staff.

Actions are not personal data, and they are public once made: every member of staff whose
roles cover one of an action's estates reads it. Changing it (texts, notes, status) is for the
owner organisation's coordinators, community workers, tenant consultants and administrators
whose roles in that organisation cover **every** estate of the action — a change tells all
its residents.

========================  =================================================================
what                      who
========================  =================================================================
read                      staff covering one of the action's estates
create                    a change role, for that role's organisation and estates
change                    a change role in the owner organisation covering all its estates
who was reached how       the same, and only households they may see (names are audited)
========================  =================================================================
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from wijkpunt.followup.models import Action
from wijkpunt.housing.models import Estate
from wijkpunt.partners import access as partners
from wijkpunt.partners.models import Organisation, Role

CHANGE_ROLES = frozenset(
    {Role.COORDINATOR, Role.COMMUNITY_WORKER, Role.TENANT_CONSULTANT, Role.ADMINISTRATOR}
)


def change_estates(user) -> dict[int, set[int]]:
    """Organisation id → the estates the user may change actions of, for that organisation."""
    found: dict[int, set[int]] = {}
    for r in partners.active_roles(user):
        if r.role not in CHANGE_ROLES:
            continue
        own = [e.pk for e in r.estates.all()]
        found.setdefault(r.organisation_id, set()).update(
            own or [e.pk for e in r.organisation.estates.all()]
        )
    return {org: estates for org, estates in found.items() if estates}


def may_create(user) -> bool:
    return bool(change_estates(user))


def creatable_organisations(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=list(change_estates(user)))


def creatable_estates(user, organisation_id: int | None = None) -> QuerySet[Estate]:
    by_org = change_estates(user)
    ids = (
        by_org.get(organisation_id, set())
        if organisation_id is not None
        else set().union(*by_org.values())
    )
    return Estate.objects.filter(pk__in=ids)


def visible_actions(user) -> QuerySet[Action]:
    """Actions with an estate the user's roles cover; none for anyone without a staff role."""
    if not partners.has_staff_role(user):
        return Action.objects.none()
    covered = partners.estate_ids(user)
    return Action.objects.filter(
        pk__in=Action.objects.filter(estates__in=covered).values("pk")
    ).select_related("organisation")


def may_change(user, action: Action) -> bool:
    allowed = change_estates(user).get(action.organisation_id, set())
    estates = {e.pk for e in action.estates.all()}
    return bool(estates) and estates <= allowed


def get_action_for(user, pk, action: str = "view") -> Action:
    """The action if ``user`` may ``action`` (``view`` or ``change``) it: 404 when they may
    not see it, 403 when they see it but may not change it."""
    found = visible_actions(user).filter(pk=pk).prefetch_related("estates").first()
    if found is None:
        raise Http404("No such action")
    if action == "change" and not may_change(user, found):
        raise PermissionDenied
    return found
