"""Status "merged" through the API goes through the merge action (it needs its target), and
assignment errors do not tell whether an account exists."""

import pytest
from django.core.exceptions import ValidationError

from wijkpunt.accounts.models import User
from wijkpunt.signalling import actions
from wijkpunt.signalling.models import Signal, SignalStatus
from wijkpunt.testing import HANDOVER

from .conftest import make_signal

URL = "/api/v1/signals/"


def status(api, signal, **body):
    return api.post(f"{URL}{signal.pk}/status/", body, format="json", HTTP_ACCEPT_LANGUAGE="nl-be")


def test_merged_without_a_target_is_400_with_the_reason(api, personas, signals):
    api.force_authenticate(personas.technician)
    response = status(api, signals["repair"], status="merged")
    assert response.status_code == 400
    assert response.json() == {
        "merged_into": ["Geef het nummer van de melding waarmee deze wordt samengevoegd."]
    }
    signals["repair"].refresh_from_db()
    assert signals["repair"].status == SignalStatus.NEW


def test_merged_with_a_target_merges(api, personas, signals):
    api.force_authenticate(personas.technician)
    kept = make_signal(personas, "De kraan in de keuken lekt nog altijd")
    response = status(api, signals["repair"], status="merged", merged_into=kept.pk)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "merged"
    duplicate = Signal.objects.get(pk=signals["repair"].pk)
    assert duplicate.status == SignalStatus.MERGED and duplicate.merged_into_id == kept.pk
    assert kept.events.filter(kind="merged").exists()


@pytest.mark.parametrize("target", ["self", "welfare", "unknown", "merged", "other_org"])
def test_merge_targets_that_cannot_be_used_are_400(api, personas, signals, target):
    api.force_authenticate(personas.technician)
    duplicate = signals["repair"]
    if target == "self":
        pk = duplicate.pk
    elif target == "welfare":  # exists, but the technician may not see it
        pk = signals["welfare"].pk
    elif target == "unknown":
        pk = 999_999
    elif target == "merged":
        a, b = make_signal(personas, "Lek A"), make_signal(personas, "Lek B")
        actions.merge(duplicate=a, into=b, user=personas.technician)
        pk = a.pk
    else:
        other = make_signal(personas, "Lek bij de buren")
        actions.assign(
            signal=other,
            user=personas.coordinator,
            organisation=personas.other_partner,
            note="Voor het CAW",
            **HANDOVER,
        )
        pk = other.pk
    response = status(api, duplicate, status="merged", merged_into=pk)
    assert response.status_code == 400, response.content
    assert response.json()
    duplicate.refresh_from_db()
    assert duplicate.status == SignalStatus.NEW and duplicate.merged_into_id is None


def test_a_target_without_merging_is_400(api, personas, signals):
    api.force_authenticate(personas.technician)
    kept = make_signal(personas, "Lek")
    response = status(api, signals["repair"], status="in_progress", merged_into=kept.pk)
    assert response.status_code == 400 and list(response.json()) == ["merged_into"]


def test_the_action_refuses_merged_as_a_plain_status(personas, signals):
    with pytest.raises(ValidationError):
        actions.change_status(
            signal=signals["repair"], user=personas.technician, status=SignalStatus.MERGED
        )


@pytest.mark.parametrize("persona", ["tenant", "buurtwerker", "outsider"])
def test_who_may_not_act_cannot_merge(api, personas, signals, persona):
    api.force_authenticate(getattr(personas, persona))
    kept = make_signal(personas, "Lek")
    response = status(api, signals["repair"], status="merged", merged_into=kept.pk)
    assert response.status_code == {"tenant": 403, "buurtwerker": 404, "outsider": 404}[persona]
    assert Signal.objects.get(pk=signals["repair"].pk).status == SignalStatus.NEW


# --- Assignment: no account enumeration --------------------------------------------------------
def test_nobody_a_resident_an_inactive_and_another_organisation_get_one_answer(
    api, personas, signals
):
    signal = signals["repair"]
    inactive = User.objects.create_user(email="weg@example.org", password="x", is_active=False)
    api.force_authenticate(personas.coordinator)
    answers = set()
    for pk in (
        999_999,  # nobody
        personas.tenant.pk,  # a resident
        inactive.pk,
        personas.social_worker.pk,  # works for the OCMW, not the housing company
        personas.admin.pk + 10_000,
    ):
        response = api.post(
            f"{URL}{signal.pk}/assign/", {"person": pk}, format="json", HTTP_ACCEPT_LANGUAGE="nl-be"
        )
        assert response.status_code == 400
        answers.add(response.content)
    assert answers == {b'{"person":["Niemand met dit nummer werkt voor die organisatie."]}'}
    signal.refresh_from_db()
    assert signal.owner_user_id is None


def test_a_colleague_of_the_target_organisation_can_be_assigned(api, personas, signals):
    api.force_authenticate(personas.coordinator)
    response = api.post(
        f"{URL}{signals['repair'].pk}/assign/",
        {
            "organisation": personas.ocmw.pk,
            "person": personas.social_worker.pk,
            "note": "Zorgvraag bij de herstelling",
            **HANDOVER,
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["owner_user"]["id"] == personas.social_worker.pk


@pytest.mark.parametrize("value", ["²", "١", True, 1.5, "1e3", str(2**64), -1, 0])
def test_assignment_ids_are_strict(api, personas, signals, value):
    api.force_authenticate(personas.coordinator)
    for field in ("person", "organisation", "team"):
        response = api.post(f"{URL}{signals['repair'].pk}/assign/", {field: value}, format="json")
        assert response.status_code == 400, (field, value, response.content)
        assert field in response.json()
