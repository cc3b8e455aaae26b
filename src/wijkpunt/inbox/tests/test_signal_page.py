"""The signal page: need-to-know, audit, timeline, triage, status, assign, notes, messages,
merge, bulk assign, and the map."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from wijkpunt.audit.models import AuditEntry
from wijkpunt.households.actions import record_consent
from wijkpunt.households.models import Referral
from wijkpunt.housing.models import Building, Household
from wijkpunt.inbox.tests.helpers import STAFF, cat, login, report
from wijkpunt.signalling import actions
from wijkpunt.signalling.models import Channel, Signal, SignalEvent, SignalStatus
from wijkpunt.testing import HANDOVER


def page(pk):
    return f"/werk/meldingen/{pk}/"


# --- Who may open it ------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client, personas):
    signal = report(personas)
    response = client.get(page(signal.pk))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("who", ["tenant", "outsider", "other_tenant"])
def test_non_staff_get_a_404_even_for_their_own_signal(staff_client, personas, who):
    signal = report(personas)
    login(staff_client, getattr(personas, who))
    assert staff_client.get(page(signal.pk)).status_code == 404
    response = staff_client.post(page(signal.pk) + "notitie/", {"text": "hallo"})
    assert response.status_code == 404
    assert not signal.events.filter(kind="note").exists()


def test_the_technician_cannot_open_a_welfare_signal_by_url(staff_client, personas):
    welfare = report(personas, "Mijn buurvrouw is gevallen", "welzijn-en-zorg")
    login(staff_client, personas.technician)
    assert staff_client.get(page(welfare.pk)).status_code == 404
    assert staff_client.get(page(999999)).status_code == 404
    login(staff_client, personas.social_worker)
    assert staff_client.get(page(welfare.pk)).status_code == 200


@pytest.mark.parametrize("who", STAFF)
def test_every_role_sees_what_its_category_allows(staff_client, personas, who):
    repair = report(personas)
    user = getattr(personas, who)
    login(staff_client, user)
    from wijkpunt.signalling.access import visible_signals

    expected = 200 if visible_signals(user).filter(pk=repair.pk).exists() else 404
    assert staff_client.get(page(repair.pk)).status_code == expected
    if who == "technician":
        assert expected == 200
    if who == "partner_worker":
        assert expected == 404


def test_every_read_is_audited(staff_client, personas):
    signal = report(personas)
    login(staff_client, personas.technician)
    staff_client.get(page(signal.pk))
    entry = AuditEntry.objects.get(object_type="signal", object_id=str(signal.pk))
    assert entry.actor == personas.technician
    assert entry.household_id == personas.household.pk
    assert entry.purpose == "inbox"


# --- What it shows -----------------------------------------------------------------------------


def test_reporter_shown_only_to_who_may_see_the_household(staff_client, personas):
    signal = report(personas, "Ik kan mijn huur niet betalen", "financiele-zorgen")
    login(staff_client, personas.budget_worker)
    content = staff_client.get(page(signal.pk)).content.decode()
    assert "An Peeters" in content
    actions.assign(
        signal=signal,
        user=personas.budget_worker,
        organisation=personas.other_partner,
        note="Overdracht",
        **HANDOVER,
    )
    login(staff_client, personas.partner_worker)
    content = staff_client.get(page(signal.pk)).content.decode()
    assert "Peeters" not in content
    assert "resident (not visible to you)" in content or "niet zichtbaar voor u" in content


def test_the_household_link_does_not_repeat_the_reporters_name(staff_client, personas):
    signal = report(personas, "De kraan in de keuken lekt", "herstelling")
    login(staff_client, personas.coordinator)
    household_url = f'href="{reverse("households:file", args=[personas.household.pk])}"'
    content = staff_client.get(page(signal.pk), HTTP_ACCEPT_LANGUAGE="nl-be").content.decode()
    assert f"{household_url}>Gezin Peeters</a>" in content
    # A household named after the person who reported: the link says where it leads.
    Household.objects.filter(pk=personas.household.pk).update(name="An Peeters")
    content = staff_client.get(page(signal.pk), HTTP_ACCEPT_LANGUAGE="nl-be").content.decode()
    assert f"{household_url}>pagina van het huishouden</a>" in content
    assert "An Peeters · <a" in content


def test_anonymous_reports_say_so(staff_client, personas):
    signal = report(personas, "Er wordt gedeald in de kelder", "veiligheid", anonymous=True)
    login(staff_client, personas.woonconsulent)
    content = staff_client.get(page(signal.pk)).content.decode()
    assert "anoniem" in content or "anonymous" in content
    assert "Peeters" not in content


def test_timeline_marks_internal_and_public_and_shows_feedback(staff_client, personas):
    signal = report(personas)
    actions.assign(signal=signal, user=personas.technician, organisation=personas.housing)
    actions.add_note(signal=signal, user=personas.technician, text="Sifon bestellen")
    actions.change_status(signal=signal, user=personas.technician, status="in_progress")
    actions.change_status(signal=signal, user=personas.technician, status="resolved")
    actions.give_feedback(signal=signal, user=personas.tenant, solved=False, comment="Lekt nog")
    login(staff_client, personas.technician)
    response = staff_client.get(page(signal.pk))
    rows = response.context["timeline"]
    assert [r["event"].kind for r in rows][:2] == ["created", "assigned"]
    note = next(r for r in rows if r["event"].kind == "note")
    assert note["internal"]
    assert not next(r for r in rows if r["event"].kind == "created")["internal"]
    content = response.content.decode()
    assert "Sifon bestellen" in content and "Lekt nog" in content
    assert response.context["feedback"][0].solved is False


def test_the_triage_suggestion_is_shown(staff_client, personas):
    signal = report(personas)
    login(staff_client, personas.coordinator)
    response = staff_client.get(page(signal.pk))
    suggestion = response.context["suggestion"]
    assert suggestion is not None and "confidence" in suggestion


# --- Actions -------------------------------------------------------------------------------


def test_triage_confirm_and_correct(staff_client, personas):
    signal = report(personas, "Iets met de buren", slug=None)
    login(staff_client, personas.coordinator)
    response = staff_client.post(
        page(signal.pk) + "triage/", {"category": cat("overlast").pk, "urgent": "on"}
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.category.slug == "overlast" and signal.urgent and not signal.needs_triage
    # A bad category: clear message, nothing saved, the input stays.
    response = staff_client.post(page(signal.pk) + "triage/", {"category": "abc"})
    assert response.status_code == 400
    assert response.context["triage_form"].errors
    signal.refresh_from_db()
    assert signal.category.slug == "overlast"


def test_technician_may_not_triage_a_signal_of_another_organisation(staff_client, personas):
    signal = report(personas)
    actions.assign(
        signal=signal,
        user=personas.technician,
        organisation=personas.ocmw,
        note="Overdracht",
        **HANDOVER,
    )
    login(staff_client, personas.technician)
    response = staff_client.post(page(signal.pk) + "triage/", {"category": cat("herstelling").pk})
    assert response.status_code == 403


def test_status_change_with_message_reaches_the_resident(
    staff_client, personas, django_capture_on_commit_callbacks
):
    signal = report(personas)
    actions.assign(signal=signal, user=personas.technician, organisation=personas.housing)
    login(staff_client, personas.technician)
    response = staff_client.get(page(signal.pk))
    offered = {v for v, _label in response.context["status_form"].fields["status"].choices}
    assert offered == {
        "in_progress",
        "waiting_resident",
        "waiting_partner",
        "resolved",
        "cancelled",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            page(signal.pk) + "status/",
            {"status": "in_progress", "message": "De loodgieter komt dinsdag."},
        )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == SignalStatus.IN_PROGRESS
    assert any("De loodgieter komt dinsdag." in m.body for m in mail.outbox)


def test_a_forbidden_transition_is_refused_clearly(staff_client, personas):
    signal = report(personas)
    login(staff_client, personas.technician)
    response = staff_client.post(page(signal.pk) + "status/", {"status": "closed", "message": "x"})
    assert response.status_code == 400
    assert response.context["status_form"]["message"].value() == "x"
    signal.refresh_from_db()
    assert signal.status == SignalStatus.NEW
    response = staff_client.post(page(signal.pk) + "status/", {})
    assert response.status_code == 400


def test_acting_on_another_organisations_signal_is_refused(staff_client, personas):
    signal = report(personas)
    actions.assign(
        signal=signal,
        user=personas.technician,
        organisation=personas.ocmw,
        note="Overdracht",
        **HANDOVER,
    )
    login(staff_client, personas.technician)  # still sees the repair, may not act
    response = staff_client.get(page(signal.pk))
    assert response.status_code == 200 and not response.context["may_act"]
    for url, data in [
        ("status/", {"status": "in_progress"}),
        ("notitie/", {"text": "x"}),
        ("bericht/", {"text": "x"}),
        ("toewijzen/", {"organisation": personas.housing.pk}),
        ("samenvoegen/", {"duplicate": signal.pk}),
    ]:
        assert staff_client.post(page(signal.pk) + url, data).status_code == 403, url
    assert not signal.events.filter(kind__in=["note", "message"]).exists()


def test_note_and_message(staff_client, personas, django_capture_on_commit_callbacks):
    signal = report(personas)
    login(staff_client, personas.technician)
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            staff_client.post(page(signal.pk) + "notitie/", {"text": "Intern ding"}).status_code
            == 302
        )
        assert (
            staff_client.post(page(signal.pk) + "bericht/", {"text": "We komen langs."}).status_code
            == 302
        )
    note = signal.events.get(kind="note")
    message = signal.events.get(kind="message")
    assert not note.public and message.public
    assert all("Intern ding" not in m.body for m in mail.outbox)
    assert any("We komen langs." in m.body for m in mail.outbox)
    response = staff_client.post(page(signal.pk) + "notitie/", {"text": "   "})
    assert response.status_code == 400
    assert signal.events.filter(kind="note").count() == 1


def test_assign_within_the_organisation_and_hand_over_with_a_reason(staff_client, personas):
    signal = report(personas, "Buurman drinkt en valt vaak", "woonsituatie")
    login(staff_client, personas.woonconsulent)
    tech_team = personas.technician.staff_roles.get().team
    housing = personas.housing.pk
    response = staff_client.post(
        page(signal.pk) + "toewijzen/",
        {
            "organisation": housing,
            "choices_for": housing,
            "assignee": f"person:{housing}:{personas.technician.pk}",
        },
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.owner_user == personas.technician and signal.owner_team == tech_team

    # A hand-over needs a reason; a team of another organisation is refused.
    ocmw = personas.ocmw.pk
    response = staff_client.post(
        page(signal.pk) + "toewijzen/", {"organisation": ocmw, "choices_for": ocmw}
    )
    assert response.status_code == 400
    assert "reason" in response.context["assign_form"].errors
    response = staff_client.post(
        page(signal.pk) + "toewijzen/",
        {
            "organisation": ocmw,
            "choices_for": ocmw,
            "assignee": f"team:{tech_team.pk}",
            "reason": "Zorgvraag",
        },
    )
    assert response.status_code == 400
    assert "assignee" in response.context["assign_form"].errors
    signal.refresh_from_db()
    assert signal.owner_organisation == personas.housing
    # The hand-over of a household's signal is a referral: without what it rests on it is
    # refused, and what was typed stays.
    posted = {"organisation": ocmw, "choices_for": ocmw, "reason": "Er is een zorgvraag"}
    response = staff_client.post(page(signal.pk) + "toewijzen/", posted)
    assert response.status_code == 400
    assert "basis" in response.context["assign_form"].errors
    assert "Er is een zorgvraag" in response.content.decode()
    signal.refresh_from_db()
    assert signal.owner_organisation == personas.housing
    consent = record_consent(
        household=signal.household,
        user=personas.woonconsulent,
        purpose="share",
        decision="given",
        method="signed",
        recipient=personas.ocmw,
        scope=["housing"],
    )
    response = staff_client.post(
        page(signal.pk) + "toewijzen/", {**posted, "basis": "consent", "consent": consent.pk}
    )
    assert response.status_code == 302
    handover = signal.events.get(kind="handover")
    assert handover.text == "Er is een zorgvraag"
    referral = Referral.objects.get(signal=signal)
    assert (referral.consent, referral.to_organisation, referral.status) == (
        consent,
        personas.ocmw,
        "accepted",
    )
    assert handover.data["referral"] == referral.pk


def test_possible_duplicates_and_merge(staff_client, personas, django_capture_on_commit_callbacks):
    first = report(personas, "De lift is kapot", building=personas.building, reporter=None)
    second = report(personas, "Lift werkt niet", building=personas.building, reporter=None)
    other_place = report(
        personas, "Lift kapot", building=personas.other_dwelling.building, reporter=None
    )
    login(staff_client, personas.technician)
    response = staff_client.get(page(first.pk))
    dupes = {d.pk for d in response.context["duplicates"]}
    assert second.pk in dupes and other_place.pk not in dupes
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(page(first.pk) + "samenvoegen/", {"duplicate": second.pk})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == SignalStatus.MERGED and second.merged_into_id == first.pk
    # Merging again, or with itself, or with garbage: a message, never a 500.
    for value in (second.pk, first.pk, "abc", ""):
        response = staff_client.post(page(first.pk) + "samenvoegen/", {"duplicate": value})
        assert response.status_code == 302, value


def test_merge_refuses_a_signal_the_user_may_not_see(staff_client, personas):
    repair = report(personas, building=personas.building)
    welfare = report(personas, "Buurvrouw gevallen", "welzijn-en-zorg", building=personas.building)
    login(staff_client, personas.technician)
    staff_client.post(page(repair.pk) + "samenvoegen/", {"duplicate": welfare.pk})
    welfare.refresh_from_db()
    assert welfare.status != SignalStatus.MERGED


# --- Bulk assign -----------------------------------------------------------------------------


def test_bulk_assign_skips_what_the_user_may_not_act_on(staff_client, personas):
    mine = report(personas, "Lek in de hal")
    also = report(personas, "Deurbel kapot")
    theirs = report(personas, "Kraan stuk")
    actions.assign(
        signal=theirs,
        user=personas.technician,
        organisation=personas.ocmw,
        note="Overdracht",
        **HANDOVER,
    )
    welfare = report(personas, "Eenzame buurman", "welzijn-en-zorg")
    tech_team = personas.technician.staff_roles.get().team
    login(staff_client, personas.technician)
    response = staff_client.post(
        "/werk/meldingen/toewijzen/",
        {
            "signals": [mine.pk, also.pk, theirs.pk, welfare.pk, "abc"],
            "assignee": f"team:{tech_team.pk}",
            "next": "/werk/meldingen/?queue=team",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/werk/meldingen/?queue=team"
    mine.refresh_from_db()
    also.refresh_from_db()
    theirs.refresh_from_db()
    welfare.refresh_from_db()
    assert mine.owner_team == tech_team and also.owner_team == tech_team
    assert theirs.owner_organisation == personas.ocmw
    assert welfare.owner_team != tech_team
    follow = staff_client.get(response["Location"])
    text = follow.content.decode()
    assert theirs.reference in text  # named as skipped


def test_bulk_assign_to_a_person(staff_client, personas):
    signal = report(personas)
    login(staff_client, personas.coordinator)
    value = f"person:{personas.housing.pk}:{personas.technician.pk}"
    staff_client.post("/werk/meldingen/toewijzen/", {"signals": [signal.pk], "assignee": value})
    signal.refresh_from_db()
    assert signal.owner_user == personas.technician


@pytest.mark.parametrize(
    "data",
    [
        {"assignee": "team:1"},
        {"signals": ["1"]},
        {"signals": ["1"], "assignee": "team:999"},
        {"signals": ["1"], "assignee": "person:1"},
        {"signals": ["1"], "assignee": "evil"},
    ],
)
def test_bulk_assign_bad_input(staff_client, personas, data):
    signal = report(personas)
    data = {k: ([str(signal.pk)] if k == "signals" else v) for k, v in data.items()}
    login(staff_client, personas.technician)
    response = staff_client.post("/werk/meldingen/toewijzen/", data, follow=True)
    assert response.status_code == 200
    assert list(response.context["messages"])
    signal.refresh_from_db()
    assert signal.events.filter(kind="assigned").count() == 0


def test_bulk_assign_needs_post_and_csrf(personas, settings):
    from django.test import Client

    settings.STAFF_REQUIRE_MFA = False
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.technician)
    assert client.get("/werk/meldingen/toewijzen/").status_code in (403, 405)
    assert client.post("/werk/meldingen/toewijzen/", {"signals": ["1"]}).status_code == 403


# --- Map ------------------------------------------------------------------------------------


def test_map_shows_markers_and_lists_signals_without_coordinates(staff_client, personas):
    Building.objects.filter(pk=personas.building.pk).update(
        latitude=Decimal("50.8100"), longitude=Decimal("3.1800")
    )
    placed = report(personas, "Lamp kapot in de hal", building=personas.building, reporter=None)
    welfare = report(personas, "Buurman gevallen", "welzijn-en-zorg", building=personas.building)
    unplaced = report(
        personas, "Iets in de wijk", estate=personas.estate, reporter=None, where="estate"
    )
    login(staff_client, personas.technician)
    response = staff_client.get("/werk/meldingen/kaart/", {"estate": personas.estate.slug})
    assert response.status_code == 200
    markers = response.context["markers"]
    assert [m["id"] for m in markers] == [placed.pk]
    assert unplaced in response.context["without_place"]
    content = response.content.decode()
    assert 'id="inbox-markers"' in content and "inbox/vendor/leaflet/leaflet.js" in content
    assert "<script>" not in content.replace("<script src=", "")  # no inline script
    data = json.loads(content.split('id="inbox-markers" type="application/json">')[1].split("<")[0])
    assert data[0]["ref"] == placed.reference
    assert welfare.reference not in content
    assert unplaced.reference in content  # the accessible table has every signal


def test_map_refuses_estates_outside_my_work(staff_client, personas):
    login(staff_client, personas.woonconsulent)
    response = staff_client.get("/werk/meldingen/kaart/", {"estate": personas.other_estate.slug})
    assert response.status_code == 404
    assert staff_client.get("/werk/meldingen/kaart/", {"estate": "nope"}).status_code == 404
    assert staff_client.get("/werk/meldingen/kaart/").status_code == 200


def test_the_list_and_the_map_are_audited(staff_client, personas):
    report(personas, "Lamp kapot in de hal", building=personas.building)
    login(staff_client, personas.technician)
    staff_client.get("/werk/meldingen/", {"queue": "all"})
    staff_client.get("/werk/meldingen/kaart/", {"estate": personas.estate.slug})
    kinds = set(
        AuditEntry.objects.filter(
            actor=personas.technician, household_id=personas.household.pk
        ).values_list("object_type", flat=True)
    )
    assert {"signal-list", "signal-map"} <= kinds


@pytest.mark.parametrize("who", ["tenant", "outsider", None])
def test_the_map_is_for_staff_only(client, personas, who):
    if who is not None:
        client.force_login(getattr(personas, who))
    response = client.get("/werk/meldingen/kaart/", {"estate": personas.estate.slug})
    assert response.status_code == (302 if who is None else 403)
    assert b"inbox-markers" not in response.content


def test_the_staff_navigation_links_to_the_inbox(staff_client, personas):
    login(staff_client, personas.technician)
    content = staff_client.get("/werk/").content.decode()
    assert 'href="/werk/meldingen/"' in content


def test_channel_text_is_shown(staff_client, personas):
    report(personas, "Telefonisch gemeld", channel=Channel.PHONE)
    login(staff_client, personas.technician)
    response = staff_client.get("/werk/meldingen/")
    assert Signal.objects.get().get_channel_display() in response.content.decode()
    assert SignalEvent.objects.exists()


# --- Files added later ---------------------------------------------------------------------------


def test_staff_add_an_internal_document_and_a_public_photo(staff_client, personas):
    from wijkpunt.intake.tests.helpers import pdf, photo

    signal = report(personas)
    login(staff_client, personas.technician)
    url = f"/werk/meldingen/{signal.pk}/bestanden/"
    response = staff_client.post(url, {"files": [pdf("offerte.pdf")]})
    assert response.status_code == 302
    response = staff_client.post(url, {"files": [photo("na-herstelling.jpg")], "public": "on"})
    assert response.status_code == 302
    files = {a.original_name: a.public for a in signal.attachments.all()}
    assert files == {"offerte.pdf": False, "na-herstelling.jpg": True}
    page = staff_client.get(f"/werk/meldingen/{signal.pk}/").content.decode()
    assert "offerte.pdf" in page and "na-herstelling.jpg" in page
    # The resident sees the photo, not the internal quote.
    staff_client.force_login(personas.tenant)
    mine = staff_client.get(f"/mijn/meldingen/{signal.pk}/").content.decode()
    assert "na-herstelling.jpg" in mine or "Photo added" in mine or "Foto toegevoegd" in mine
    assert "offerte.pdf" not in mine


def test_a_bad_file_adds_nothing_and_says_why(staff_client, personas):
    from wijkpunt.intake.tests.helpers import exe, photo

    signal = report(personas)
    login(staff_client, personas.technician)
    response = staff_client.post(
        f"/werk/meldingen/{signal.pk}/bestanden/", {"files": [photo(), exe()]}
    )
    assert response.status_code == 400
    assert "virus.jpg" in response.content.decode()
    assert not signal.attachments.exists()
    response = staff_client.post(f"/werk/meldingen/{signal.pk}/bestanden/", {})
    assert response.status_code == 400


@pytest.mark.parametrize("who", ["buurtwerker", "partner_worker", "tenant"])
def test_only_who_may_act_adds_files(staff_client, personas, who):
    from wijkpunt.intake.tests.helpers import photo

    signal = report(personas)
    if who == "tenant":
        staff_client.force_login(personas.tenant)
    else:
        login(staff_client, getattr(personas, who))
    response = staff_client.post(f"/werk/meldingen/{signal.pk}/bestanden/", {"files": [photo()]})
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert "/accounts/" in response.url
    assert not signal.attachments.exists()
