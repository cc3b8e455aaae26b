"""REST API: intake, lists, detail, and acting on a signal, with allowed and refused personas."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkpunt.audit.models import AuditEntry
from wijkpunt.signalling.models import Signal, SignalEvent, SignalStatus
from wijkpunt.testing import HANDOVER

from .conftest import make_signal

URL = "/api/v1/signals/"


# --- Authentication --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "method,url",
    [
        ("get", URL),
        ("post", URL),
        ("get", "/api/v1/signals/1/"),
        ("post", "/api/v1/signals/1/status/"),
        ("get", "/api/v1/categories/"),
    ],
)
def test_anonymous_is_refused(api, db, method, url):
    response = getattr(api, method)(url, {}, format="json")
    assert response.status_code == 403
    assert "detail" in response.json()


def test_outsider_without_home_or_role_cannot_report(api, personas):
    api.force_authenticate(personas.outsider)
    response = api.post(URL, {"text": "Lek"}, format="json")
    assert response.status_code == 403
    assert not Signal.objects.exists()


# --- Intake -----------------------------------------------------------------------------------
def test_tenant_reports_for_own_home(api, personas):
    api.force_authenticate(personas.tenant)
    response = api.post(
        URL, {"text": "De verwarming doet het niet", "category": "herstelling"}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    signal = Signal.objects.get(pk=body["id"])
    assert signal.channel == "api"
    assert signal.reporter == personas.tenant
    assert signal.dwelling == personas.dwelling
    assert signal.owner_organisation == personas.housing
    assert body["reference"] == signal.reference
    assert body["status_text"]
    # The tenant's answer carries no internal fields.
    assert "owner_organisation" not in body and "suggested_category" not in body


def test_tenant_cannot_point_at_someone_elses_dwelling(api, personas):
    api.force_authenticate(personas.tenant)
    response = api.post(URL, {"text": "Lek", "dwelling": personas.other_dwelling.pk}, format="json")
    assert response.status_code == 400
    assert "dwelling" in response.json()
    assert not Signal.objects.exists()


def test_tenant_cannot_use_staff_fields(api, personas):
    api.force_authenticate(personas.tenant)
    response = api.post(
        URL, {"text": "Lek", "channel": "phone", "reporter_name": "X"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"channel", "reporter_name"}


def test_staff_registers_on_behalf_of_a_neighbour(api, personas):
    api.force_authenticate(personas.woonconsulent)
    response = api.post(
        URL,
        {
            "text": "Buurvrouw meldt dat de lift al twee dagen stilstaat",
            "category": "herstelling",
            "where": "building",
            "building": personas.building.pk,
            "channel": "phone",
            "reporter_name": "Mevrouw Claes",
            "reporter_phone": "0470 12 34 56",
            "for_neighbour": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    signal = Signal.objects.get(pk=response.json()["id"])
    assert signal.channel == "phone"
    assert signal.registered_by == personas.woonconsulent
    assert signal.reporter is None
    assert signal.estate == personas.estate
    assert response.json()["owner_organisation"]["id"] == personas.housing.pk


def test_staff_must_say_where_and_within_their_estates(api, personas):
    api.force_authenticate(personas.social_worker)
    response = api.post(URL, {"text": "Eenzame man"}, format="json")
    assert response.status_code == 400 and "estate" in response.json()
    # The OCMW does not work in the other estate.
    response = api.post(
        URL, {"text": "Eenzame man", "dwelling": personas.other_dwelling.pk}, format="json"
    )
    assert response.status_code == 400 and "dwelling" in response.json()
    assert not Signal.objects.exists()


def test_idempotency_key_makes_a_retry_harmless(api, personas):
    api.force_authenticate(personas.tenant)
    payload = {"text": "De voordeur sluit niet meer", "category": "veiligheid"}
    first = api.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="retry-123")
    again = api.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="retry-123")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Signal.objects.count() == 1


def test_idempotency_keys_are_scoped_to_the_caller(api, personas):
    api.force_authenticate(personas.tenant)
    mine = api.post(URL, {"text": "Lek"}, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    api.force_authenticate(personas.other_tenant)
    theirs = api.post(URL, {"text": "Schimmel"}, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert theirs.status_code == 201
    assert theirs.json()["id"] != mine.json()["id"]
    assert theirs.json()["text"] == "Schimmel"


def test_too_long_idempotency_key_is_refused(api, personas):
    api.force_authenticate(personas.tenant)
    response = api.post(URL, {"text": "Lek"}, format="json", HTTP_IDEMPOTENCY_KEY="x" * 65)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()


@pytest.mark.parametrize(
    "payload,field",
    [
        ({}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "x" * 5001}, "text"),
        ({"text": "Lek", "category": "bestaat-niet"}, "category"),
        ({"text": "Lek", "where": "maan"}, "where"),
        ({"text": "Lek", "where": "common_space"}, "common_space"),
        ({"text": "Lek", "urgent": "misschien"}, "urgent"),
        ({"text": "Lek", "dwelling": "abc"}, "dwelling"),
        ({"text": "Lek", "dwelling": 999999}, "dwelling"),
    ],
)
def test_bad_input_is_refused_with_a_reason(api, personas, payload, field):
    api.force_authenticate(personas.tenant)
    response = api.post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Signal.objects.exists()


def test_an_inactive_or_unknown_category_is_refused_in_plain_dutch(api, personas):
    from wijkpunt.signalling.models import Category

    Category.objects.filter(slug="samenleven").update(active=False)
    api.force_authenticate(personas.tenant)
    for payload in (
        {"text": "Buurtfeest", "category": "samenleven"},
        {"text": "Lek", "category": 12},
    ):
        response = api.post(URL, payload, format="json", HTTP_ACCEPT_LANGUAGE="nl-be")
        assert response.status_code == 400
        assert "categorie" in response.json()["category"][0]
    assert not Signal.objects.exists()


def test_malformed_json_wrong_type_and_wrong_method(api, personas):
    api.force_authenticate(personas.tenant)
    response = api.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    response = api.post(URL, "text=Lek", content_type="text/plain")
    assert response.status_code == 415
    response = api.post(URL, "[1, 2]", content_type="application/json")
    assert response.status_code == 400
    response = api.delete(URL)
    assert response.status_code == 405
    assert not Signal.objects.exists()


def test_nul_characters_are_refused(api, personas):
    api.force_authenticate(personas.tenant)
    response = api.post(URL, {"text": "Lek", "category": "her\x00stelling"}, format="json")
    assert response.status_code == 400
    assert api.get(URL, {"category": "a\x00b"}).status_code == 400
    assert not Signal.objects.exists()


# --- Lists ------------------------------------------------------------------------------------
def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_tenant_lists_only_own_signals(api, personas, signals):
    api.force_authenticate(personas.tenant)
    assert ids(api.get(URL)) == {signals["repair"].pk, signals["welfare"].pk}
    api.force_authenticate(personas.other_tenant)
    assert ids(api.get(URL)) == {signals["other"].pk}


def test_need_to_know_in_staff_lists(api, personas, signals):
    api.force_authenticate(personas.technician)
    seen = ids(api.get(URL))
    assert signals["repair"].pk in seen and signals["welfare"].pk not in seen
    api.force_authenticate(personas.social_worker)
    seen = ids(api.get(URL))
    assert signals["welfare"].pk in seen and signals["repair"].pk not in seen
    api.force_authenticate(personas.partner_worker)
    assert ids(api.get(URL)) == set()
    # A staff list of signals with households is written to the audit log.
    assert AuditEntry.objects.filter(actor=personas.social_worker).exists()


def test_list_filters(api, personas, signals):
    api.force_authenticate(personas.admin)
    repairs = {signals["repair"].pk, signals["other"].pk}
    assert ids(api.get(URL, {"category": "herstelling"})) == repairs
    # The housing company's administrator has no need to know about welfare signals.
    assert ids(api.get(URL, {"category": "welzijn-en-zorg"})) == set()
    assert ids(api.get(URL, {"estate": "beukenhof"})) == {signals["other"].pk}
    assert ids(api.get(URL, {"status": "closed"})) == set()
    assert api.get(URL, {"status": "kapot"}).status_code == 400
    assert api.get(URL, {"urgent": "soms"}).status_code == 400
    # limit and offset: see test_params.py


def test_list_query_count_does_not_grow_with_the_page(api, personas):
    api.force_authenticate(personas.admin)
    make_signal(personas)
    api.get(URL)  # warm up per-user caches
    with CaptureQueriesContext(connection) as few:
        api.get(URL)
    for i in range(10):
        make_signal(personas, f"Lek nummer {i}")
    with CaptureQueriesContext(connection) as many:
        response = api.get(URL)
    assert response.json()["count"] == 11
    assert len(many.captured_queries) == len(few.captured_queries)


# --- Detail -----------------------------------------------------------------------------------
def test_staff_detail_is_audited(api, personas, signals):
    signal = signals["repair"]
    api.force_authenticate(personas.technician)
    response = api.get(f"{URL}{signal.pk}/")
    assert response.status_code == 200
    assert response.json()["events"][0]["kind"] == "created"
    assert AuditEntry.objects.filter(
        actor=personas.technician, object_type="signal", object_id=str(signal.pk)
    ).exists()


def test_the_reporter_is_shown_as_on_the_signal_page(api, personas):
    from wijkpunt.signalling import actions

    signal = make_signal(personas, "Ik kan mijn huur niet betalen", "financiele-zorgen")
    api.force_authenticate(personas.budget_worker)
    body = api.get(f"{URL}{signal.pk}/").json()
    assert body["reporter_name"] == "An Peeters" and not body["reporter_hidden"]
    actions.assign(
        signal=signal,
        user=personas.budget_worker,
        organisation=personas.other_partner,
        note="Overdracht",
        **HANDOVER,
    )
    # The partner it was handed to may see the signal, not the household's personal data.
    api.force_authenticate(personas.partner_worker)
    response = api.get(f"{URL}{signal.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["reporter_hidden"] is True
    assert body["reporter_name"] == body["reporter_email"] == body["reporter_phone"] == ""
    assert "Peeters" not in response.content.decode()


def test_staff_without_need_to_know_gets_404(api, personas, signals):
    api.force_authenticate(personas.technician)
    assert api.get(f"{URL}{signals['welfare'].pk}/").status_code == 404
    api.force_authenticate(personas.outsider)
    assert api.get(f"{URL}{signals['repair'].pk}/").status_code == 404


def test_tenant_detail_shows_only_public_events(api, personas, signals):
    signal = signals["repair"]
    from wijkpunt.signalling import actions

    actions.add_note(signal=signal, user=personas.technician, text="Intern: huurder is lastig")
    api.force_authenticate(personas.tenant)
    body = api.get(f"{URL}{signal.pk}/").json()
    assert all("lastig" not in e["text"] for e in body["events"])
    assert "owner_organisation" not in body
    api.force_authenticate(personas.other_tenant)
    assert api.get(f"{URL}{signal.pk}/").status_code == 404


def test_unknown_signal_is_404(api, personas):
    api.force_authenticate(personas.admin)
    assert api.get(f"{URL}999999/").status_code == 404


# --- Acting on a signal ------------------------------------------------------------------------
def test_owner_changes_status_and_resident_hears(api, personas, signals):
    signal = signals["repair"]
    api.force_authenticate(personas.technician)
    response = api.post(
        f"{URL}{signal.pk}/status/", {"status": "in_progress", "message": "Morgen"}, format="json"
    )
    assert response.status_code == 200, response.content
    signal.refresh_from_db()
    assert signal.status == SignalStatus.IN_PROGRESS
    assert signal.events.filter(kind="status", public=True, text="Morgen").exists()


def test_forbidden_transition_is_409_with_reason(api, personas, signals):
    api.force_authenticate(personas.technician)
    response = api.post(f"{URL}{signals['repair'].pk}/status/", {"status": "closed"}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"]
    response = api.post(f"{URL}{signals['repair'].pk}/status/", {"status": "zzz"}, format="json")
    assert response.status_code == 400


def test_seeing_is_not_acting(api, personas, signals):
    # The buurtwerker sees common-area signals but does not own this repair signal.
    signal = make_signal(
        personas,
        "Vuil in de gang",
        "gemeenschappelijke-delen",
        where="building",
        building=personas.building,
    )
    api.force_authenticate(personas.buurtwerker)
    assert api.get(f"{URL}{signal.pk}/").status_code == 200
    response = api.post(f"{URL}{signal.pk}/notes/", {"text": "Gezien"}, format="json")
    assert response.status_code == 403
    # A tenant cannot act on their own signal through the staff endpoints.
    api.force_authenticate(personas.tenant)
    response = api.post(f"{URL}{signal.pk}/status/", {"status": "cancelled"}, format="json")
    assert response.status_code == 403
    signal.refresh_from_db()
    assert signal.status == SignalStatus.NEW


def test_notes_are_internal_and_messages_public(api, personas, signals):
    signal = signals["repair"]
    api.force_authenticate(personas.technician)
    note = api.post(f"{URL}{signal.pk}/notes/", {"text": "Sleutel bij conciërge"}, format="json")
    message = api.post(f"{URL}{signal.pk}/messages/", {"text": "We komen dinsdag"}, format="json")
    assert (note.status_code, message.status_code) == (201, 201)
    assert SignalEvent.objects.get(pk=note.json()["id"]).public is False
    assert SignalEvent.objects.get(pk=message.json()["id"]).public is True
    empty = api.post(f"{URL}{signal.pk}/notes/", {"text": "  "}, format="json")
    assert empty.status_code == 400 and "text" in empty.json()


def test_assign_and_hand_over(api, personas, signals):
    signal = signals["repair"]
    api.force_authenticate(personas.coordinator)
    response = api.post(
        f"{URL}{signal.pk}/assign/", {"person": personas.technician.pk}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["owner_user"]["id"] == personas.technician.pk
    # A household's signal handed over is a referral: without what it rests on, a 400 that
    # says so; with a legal basis, the hand-over.
    handover = {"organisation": personas.community.pk, "note": "Buurtwerk neemt over"}
    response = api.post(f"{URL}{signal.pk}/assign/", handover, format="json")
    assert response.status_code == 400 and "basis" in response.json(), response.content
    assert not signal.events.filter(kind="handover").exists()
    response = api.post(f"{URL}{signal.pk}/assign/", {**handover, "consent": 999999}, format="json")
    assert response.status_code == 400 and "consent" in response.json()
    response = api.post(f"{URL}{signal.pk}/assign/", {**handover, **HANDOVER}, format="json")
    assert response.status_code == 200, response.content
    assert signal.events.filter(kind="handover").exists()


def test_assign_bad_input(api, personas, signals):
    signal = signals["repair"]
    api.force_authenticate(personas.coordinator)
    url = f"{URL}{signal.pk}/assign/"
    assert api.post(url, {}, format="json").status_code == 400
    assert api.post(url, {"person": 999999}, format="json").status_code == 400
    # A social worker does not work for the housing company.
    response = api.post(url, {"person": personas.social_worker.pk}, format="json")
    assert response.status_code == 400 and "person" in response.json()
    assert api.post(url, {"organisation": "x"}, format="json").status_code == 400


def test_categories_and_schema(api, personas):
    api.force_authenticate(personas.tenant)
    body = api.get("/api/v1/categories/").json()
    assert "herstelling" in {c["slug"] for c in body}
    api.force_authenticate(None)
    schema = api.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/signals/" in schema.content


def test_unknown_address_is_a_json_404(api, db):
    response = api.get("/api/v1/bestaat-niet/")
    assert response.status_code == 404
    assert response.json()["detail"]
