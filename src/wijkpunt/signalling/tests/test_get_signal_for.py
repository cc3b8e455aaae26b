"""``get_signal_for(user, id, action=…)``: loading and authorising in one call, for every
persona; and the assignment rules that live in ``actions.assign`` so that the web and the API
refuse the same things with the same words."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation
from rest_framework.test import APIClient

from wijkpunt.audit.models import AuditEntry
from wijkpunt.signalling import actions
from wijkpunt.signalling.access import SignalAction, get_signal_for
from wijkpunt.signalling.models import Category, Channel, Signal
from wijkpunt.testing import HANDOVER

READ, ACT, TRIAGE = SignalAction.READ, SignalAction.ACT, SignalAction.TRIAGE


def _repair(personas) -> Signal:
    return actions.create_signal(
        text="De kraan in de keuken lekt",
        channel=Channel.PORTAL,
        reporter=personas.tenant,
        category=Category.objects.get(slug="herstelling"),
    ).signal


def _outcome(user, pk, action) -> str:
    try:
        get_signal_for(user, pk, action=action)
    except Http404:
        return "404"
    except PermissionDenied:
        return "403"
    return "ok"


# (persona, read, act, triage) for a repair of the housing company, then after it was handed
# over to the OCMW.
OWNED_BY_HOUSING = [
    ("technician", "ok", "ok", "ok"),
    ("coordinator", "ok", "ok", "ok"),
    ("woonconsulent", "ok", "ok", "ok"),
    ("social_worker", "404", "404", "404"),
    ("partner_worker", "404", "404", "404"),
    ("tenant", "ok", "403", "403"),  # the reporter reads their own report, acts on nothing
    ("other_tenant", "404", "404", "404"),
    ("outsider", "404", "404", "404"),
]
HANDED_TO_OCMW = [
    ("technician", "ok", "403", "403"),
    ("coordinator", "ok", "403", "ok"),  # a triage role may still correct the category
    ("social_worker", "ok", "ok", "ok"),
    ("ocmw_reception", "ok", "ok", "ok"),
    ("partner_worker", "404", "404", "404"),
]


@pytest.mark.parametrize(("who", "read", "act", "triage"), OWNED_BY_HOUSING)
def test_each_persona_on_a_repair(personas, who, read, act, triage):
    signal = _repair(personas)
    user = getattr(personas, who)
    assert (
        _outcome(user, signal.pk, READ),
        _outcome(user, signal.pk, ACT),
        _outcome(user, signal.pk, TRIAGE),
    ) == (read, act, triage)


@pytest.mark.parametrize(("who", "read", "act", "triage"), HANDED_TO_OCMW)
def test_each_persona_after_a_hand_over(personas, who, read, act, triage):
    signal = _repair(personas)
    actions.assign(
        signal=signal,
        user=personas.technician,
        organisation=personas.ocmw,
        note="Budgethulp",
        **HANDOVER,
    )
    user = getattr(personas, who)
    assert (
        _outcome(user, signal.pk, READ),
        _outcome(user, signal.pk, ACT),
        _outcome(user, signal.pk, TRIAGE),
    ) == (read, act, triage)


def test_a_refused_action_is_still_an_audited_read(personas):
    signal = _repair(personas)
    actions.assign(
        signal=signal,
        user=personas.technician,
        organisation=personas.ocmw,
        note="Budgethulp",
        **HANDOVER,
    )
    with pytest.raises(PermissionDenied):
        get_signal_for(personas.technician, signal.pk, action=ACT, purpose="try")
    entry = AuditEntry.objects.get(object_type="signal", object_id=str(signal.pk))
    assert (entry.actor, entry.household_id, entry.purpose) == (
        personas.technician,
        personas.household.pk,
        "try",
    )


def test_unknown_actions_and_ids(personas):
    signal = _repair(personas)
    with pytest.raises(ValueError):
        get_signal_for(personas.technician, signal.pk, action="delete")
    for bad in ("x", None, 10**12):
        with pytest.raises(Http404):
            get_signal_for(personas.technician, bad)


# --- The assignment rules, for every caller ------------------------------------------------


def test_an_unowned_signal_needs_an_organisation(personas):
    signal = _repair(personas)
    Signal.objects.filter(pk=signal.pk).update(owner_organisation=None)
    signal.refresh_from_db()
    with translation.override("nl-be"), pytest.raises(ValidationError) as caught:
        actions.assign(signal=signal, user=personas.coordinator)
    assert caught.value.message_dict == {
        "organisation": ["Deze melding heeft nog geen organisatie: kies er een."]
    }
    assert not signal.events.filter(kind="assigned").exists()


def test_a_hand_over_says_why(personas):
    signal = _repair(personas)
    with translation.override("nl-be"), pytest.raises(ValidationError) as caught:
        actions.assign(signal=signal, user=personas.technician, organisation=personas.ocmw)
    assert caught.value.message_dict == {
        "note": ["U draagt deze melding over aan een andere organisatie: zeg kort waarom."]
    }
    signal.refresh_from_db()
    assert signal.owner_organisation == personas.housing
    # Within the organisation no reason is needed.
    actions.assign(signal=signal, user=personas.technician, organisation=personas.housing)


@pytest.mark.parametrize(
    ("body", "owned", "field"),
    [({}, False, "organisation"), ({"organisation": "ocmw"}, True, "note")],
)
def test_the_api_refuses_the_same(personas, settings, body, owned, field):
    settings.STAFF_REQUIRE_MFA = False
    signal = _repair(personas)
    if not owned:
        Signal.objects.filter(pk=signal.pk).update(owner_organisation=None)
    if body.get("organisation") == "ocmw":
        body = {"organisation": personas.ocmw.pk}
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.cookies["wijkpunt_language"] = "en"
    api.force_authenticate(personas.coordinator)
    response = api.post(f"/api/v1/signals/{signal.pk}/assign/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    signal.refresh_from_db()
    assert signal.owner_organisation_id == (personas.housing.pk if owned else None)
    # Another organisation's worker: 404 (not visible) before any rule.
    api.force_authenticate(personas.partner_worker)
    response = api.post(f"/api/v1/signals/{signal.pk}/assign/", body, format="json")
    assert response.status_code == 404
