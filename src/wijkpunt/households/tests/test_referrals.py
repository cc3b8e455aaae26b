"""Referral: from the household file to a partner in Wijkpunt or a service of the sociale kaart,
resting on a consent, a legal basis or (with its own permission) neither; sharing only what the
sender chose; every step in the timeline; the recipient's restricted view that ends when the
referral closes (and a fixed time after) and at once when the consent is withdrawn."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkpunt.audit.models import AuditEntry
from wijkpunt.households import access, actions
from wijkpunt.households.models import EntryKind, FileReason, Referral, TimelineEntry
from wijkpunt.outreach.models import Delivery

NEED = "Mevrouw heeft schulden en durft niet meer naar de post. Graag een budgetgesprek."


@pytest.fixture
def sender(personas):
    """The buurtwerker knows the household (a client of community work) and wrote two
    entries: one to share, one that stays."""
    actions.record_client(
        household=personas.household,
        user=personas.buurtwerker,
        reason="Gezin komt naar het buurtlokaal en vraagt hulp.",
    )
    shared = actions.record_contact(
        household=personas.household,
        user=personas.buurtwerker,
        mode="home_visit",
        title="Huisbezoek: brieven van deurwaarder op tafel",
        sensitivity="community",
    )
    kept = actions.record_contact(
        household=personas.household,
        user=personas.buurtwerker,
        mode="phone",
        title="Zoon spijbelt, school belde",
        sensitivity="community",
    )
    return shared, kept


OCMW = object()


def consent_for(personas, organisation=OCMW, **extra):
    fields = {
        "household": personas.household,
        "user": personas.buurtwerker,
        "purpose": "referral",
        "decision": "given",
        "method": "spoken",
        "witness": "Collega Ilse",
        "recipient": personas.ocmw if organisation is OCMW else organisation,
        "scope": ["community"],
    }
    fields.update(extra)
    return actions.record_consent(**fields)


def refer(personas, sender, **extra):
    shared, _kept = sender
    fields = {
        "household": personas.household,
        "user": personas.buurtwerker,
        "to_organisation": personas.ocmw,
        "need": NEED,
        "basis": "consent",
        "consent": consent_for(personas),
        "shared_fields": ["contact"],
        "shared_entries": [shared],
        "urgency": "soon",
    }
    fields.update(extra)
    return actions.send_referral(**fields)


def test_the_recipient_sees_only_what_is_shared_and_opens_the_file_once_accepted(
    personas, login, sender, file_url
):
    shared, kept = sender
    referral = refer(personas, sender)
    worker = login(personas.social_worker)
    page = worker.get(f"/werk/doorverwijzingen/{referral.pk}/").content.decode()
    assert NEED in page and shared.title in page
    assert kept.title not in page
    assert personas.household.phone in page
    # Not shared: the residents and the address.
    resident = personas.household.residents.first()
    assert resident.full_name not in page
    assert personas.dwelling.building.street not in page
    # Before it is accepted, the referral does not open the file.
    assert 'id="needs-reason"' in worker.get(file_url).content.decode()
    assert not access.file_reasons(personas.social_worker, personas.household)

    response = worker.post(f"/werk/doorverwijzingen/{referral.pk}/stap/", {"status": "accepted"})
    assert response.status_code == 302
    reasons = access.file_reasons(personas.social_worker, personas.household)
    assert [r.kind for r in reasons] == ["referral"]
    file_page = worker.get(file_url).content.decode()
    assert 'id="restricted-file"' in file_page
    assert shared.title in file_page and kept.title not in file_page
    assert resident.full_name not in file_page
    assert "aanvaard" in file_page.lower()  # the step is in the timeline
    # Of the consents, only those of its own organisation or naming it.
    other = actions.record_consent(
        household=personas.household,
        user=personas.buurtwerker,
        purpose="share",
        decision="given",
        method="signed",
        recipient=personas.other_partner,
        scope=["community"],
    )
    file_page = worker.get(file_url).content.decode()
    assert "CAW Test" not in file_page.split('id="consents-title"')[1]
    assert other.pk
    # Every step is a line of the household's timeline, visible to both sides only.
    steps = TimelineEntry.objects.filter(referral=referral, kind=EntryKind.REFERRAL)
    assert [s.data["status"] for s in steps.order_by("at", "pk")] == ["sent", "accepted"]
    for persona in ("woonconsulent", "partner_worker"):
        visible = access.visible_entries(personas.staff()[persona], personas.household)
        assert not visible.filter(referral=referral).exists(), persona


def test_withdrawing_the_consent_ends_the_recipients_access_at_once(
    personas, login, sender, client, file_url
):
    referral = refer(personas, sender)
    worker = login(personas.social_worker)
    worker.post(f"/werk/doorverwijzingen/{referral.pk}/stap/", {"status": "accepted"})
    assert worker.get(file_url).status_code == 200
    assert access.file_reasons(personas.social_worker, personas.household)

    client.force_login(personas.tenant)
    portal = client.get("/mijn/dossier/").content.decode()
    assert "OCMW Testgem" in portal and 'id="my-referrals"' in portal
    client.post(f"/mijn/dossier/toestemming/{referral.consent_id}/intrekken/")

    assert worker.get(f"/werk/doorverwijzingen/{referral.pk}/").status_code == 404
    assert not access.file_reasons(personas.social_worker, personas.household)
    assert not access.visible_entries(personas.social_worker, personas.household).filter(
        pk__in=referral.shared_entries.values("pk")
    )
    # The sender still sees their own referral.
    assert (
        login(personas.buurtwerker).get(f"/werk/doorverwijzingen/{referral.pk}/").status_code == 200
    )


def test_access_ends_a_fixed_time_after_the_referral_closes(personas, sender, settings):
    referral = refer(personas, sender)
    actions.move_referral(referral=referral, user=personas.social_worker, status="accepted")
    actions.move_referral(referral=referral, user=personas.social_worker, status="done")
    assert access.file_reasons(personas.social_worker, personas.household)
    Referral.objects.filter(pk=referral.pk).update(
        closed_at=timezone.now() - dt.timedelta(days=settings.REFERRAL_ACCESS_DAYS + 1)
    )
    assert not access.file_reasons(personas.social_worker, personas.household)
    assert not access.visible_referrals(personas.social_worker).filter(pk=referral.pk).exists()


def test_a_declined_or_revoked_referral_is_gone_for_the_recipient(personas, sender):
    referral = refer(personas, sender)
    with pytest.raises(ValidationError):
        actions.move_referral(referral=referral, user=personas.social_worker, status="declined")
    actions.move_referral(
        referral=referral, user=personas.social_worker, status="declined", reason="Geen OCMW-vraag."
    )
    assert not access.visible_referrals(personas.social_worker).filter(pk=referral.pk).exists()
    second = refer(personas, sender)
    actions.move_referral(
        referral=second, user=personas.buurtwerker, status="revoked", reason="Verkeerde dienst."
    )
    assert not access.visible_referrals(personas.social_worker).filter(pk=second.pk).exists()


def test_each_side_takes_only_its_own_steps_in_the_workflows_order(personas, sender):
    referral = refer(personas, sender)
    with pytest.raises(PermissionDenied):
        actions.move_referral(referral=referral, user=personas.buurtwerker, status="accepted")
    with pytest.raises(PermissionDenied):
        actions.move_referral(
            referral=referral, user=personas.social_worker, status="revoked", reason="Nee hoor."
        )
    with pytest.raises(ValidationError):
        actions.move_referral(referral=referral, user=personas.social_worker, status="done")
    for persona in ("tenant", "outsider", "partner_worker", "technician"):
        with pytest.raises(Referral.DoesNotExist):
            actions.move_referral(
                referral=referral, user=personas.staff().get(persona) or personas.tenant,
                status="accepted",
            )  # fmt: skip


@pytest.mark.parametrize(
    "persona", ["tenant", "outsider", "partner_worker", "technician", "woonconsulent", "letting"]
)
def test_nobody_else_opens_the_referral(personas, sender, login, client, persona):
    referral = refer(personas, sender)
    user = getattr(personas, persona)
    web = client if persona in ("tenant", "outsider") else login(user)
    if persona in ("tenant", "outsider"):
        web.force_login(user)
    for url in ("", "brief.pdf"):
        assert web.get(f"/werk/doorverwijzingen/{referral.pk}/{url}").status_code in (302, 403, 404)
    assert referral.reference not in web.get("/werk/doorverwijzingen/").content.decode()


def test_refusals_name_the_reason_and_send_nothing(personas, sender):
    shared, kept = sender
    other_org = consent_for(personas, organisation=personas.other_partner)
    expired = consent_for(personas, valid_until=timezone.localdate())
    withdrawn = consent_for(personas)
    actions.withdraw_consent(consent=withdrawn, user=personas.buurtwerker, method="signed")
    narrow = consent_for(personas, scope=["social"])
    cases = [
        ({"consent": None}, "consent"),
        ({"consent": other_org}, "consent"),
        ({"consent": withdrawn}, "consent"),
        ({"consent": narrow}, "consent"),
        ({"to_organisation": personas.community}, "to_organisation"),
        ({"to_organisation": None}, "to_organisation"),
        ({"need": "  "}, "need"),
        ({"shared_fields": ["bank_account"]}, "shared_fields"),
        ({"basis": "legal", "legal_ground": "gdpr_6_1_e", "basis_note": "wet"}, "basis_note"),
        ({"basis": "legal", "legal_ground": "nonsense", "basis_note": "De wet van 8 juli 1976"},
         "legal_ground"),
        ({"appointment_at": timezone.now() + dt.timedelta(days=2)}, "appointment_at"),
        ({"appointment_at": timezone.now() - dt.timedelta(days=2), "place": "OCMW",
          "with_person": "An"}, "appointment_at"),
        ({"basis": "maybe"}, "basis"),
        ({"urgency": "yesterday"}, "urgency"),
    ]  # fmt: skip
    for extra, field in cases:
        with pytest.raises(ValidationError) as error:
            refer(personas, sender, **extra)
        assert field in error.value.message_dict, (extra, error.value.message_dict)
    # The expired consent: valid today, refused tomorrow.
    Referral.objects.all().delete()
    from wijkpunt.households.models import Consent

    Consent.objects.filter(pk=expired.pk).update(valid_until=timezone.localdate() - dt.timedelta(1))
    with pytest.raises(ValidationError) as error:
        refer(personas, sender, consent=expired)
    assert "niet meer geldig" in " ".join(error.value.message_dict["consent"])
    assert not Referral.objects.exists()


def test_only_what_the_sender_may_see_can_be_shared(personas, sender):
    secret = actions.record_contact(
        household=personas.household,
        user=_social_entry(personas),
        mode="counter",
        title="Leefloon aangevraagd",
        sensitivity="social",
    )
    with pytest.raises(ValidationError) as error:
        refer(personas, sender, shared_entries=[secret])
    assert "shared_entries" in error.value.message_dict
    FileReason.objects.filter(organisation=personas.ocmw).update(ended_at=timezone.now())
    # A recipient whose only reason is a referral shares only what that referral shared.
    referral = refer(personas, sender)
    actions.move_referral(referral=referral, user=personas.social_worker, status="accepted")
    with pytest.raises(ValidationError) as error:
        actions.send_referral(
            household=personas.household,
            user=personas.social_worker,
            to_organisation=personas.other_partner,
            need="Doorverwijzing naar het CAW voor begeleiding.",
            basis="legal",
            legal_ground="gdpr_9_2_h",
            basis_note="Organieke wet OCMW, art. 60: maatschappelijke dienstverlening.",
            shared_fields=["residents"],
        )
    assert "shared_fields" in error.value.message_dict


def _social_entry(personas):
    actions.record_client(
        household=personas.household,
        user=personas.budget_worker,
        reason="Budgetbegeleiding loopt sinds vorig jaar.",
    )
    return personas.budget_worker


def test_without_consent_needs_the_permission_a_reason_and_tells_the_privacy_officer(
    personas, sender, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied):
        refer(personas, sender, basis="without", basis_note="Acuut gevaar voor de kinderen.")
    role = personas.buurtwerker.staff_roles.get()
    role.may_act_without_consent = True
    role.save()
    personas.community.privacy_officer = personas.coordinator
    personas.community.save()
    personas.buurtwerker._active_roles = None
    with pytest.raises(ValidationError) as error:
        refer(personas, sender, basis="without", basis_note="nood")
    assert "basis_note" in error.value.message_dict
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        referral = refer(
            personas, sender, basis="without", basis_note="Acuut gevaar voor de kinderen."
        )
    assert referral.consent is None
    assert any(personas.coordinator.email in m.to for m in mail.outbox)
    assert AuditEntry.objects.filter(object_type="referral", object_id=str(referral.pk)).exists()


def test_a_legal_basis_is_recorded_and_shown(personas, sender, login):
    referral = refer(
        personas,
        sender,
        consent=None,
        basis="legal",
        legal_ground="gdpr_6_1_d",
        basis_note="Levensbedreigende situatie: geen verwarming bij min tien graden.",
    )
    page = login(personas.social_worker).get(f"/werk/doorverwijzingen/{referral.pk}/")
    assert "6.1.d" in page.content.decode()


def test_the_warm_handover_tells_the_resident_in_their_language(
    personas, sender, django_capture_on_commit_callbacks
):
    personas.household.language = "fr"
    personas.household.save()
    when = timezone.now() + dt.timedelta(days=3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        referral = refer(
            personas, sender, appointment_at=when, place="OCMW, Vanackerestraat 1", with_person="An"
        )
    deliveries = Delivery.objects.filter(kind=actions.HANDOVER_NOTICE, household=personas.household)
    assert deliveries.exists()
    text = " ".join(" ".join(d.text()) for d in deliveries)
    assert "Vanackerestraat" in text and "An" in text
    assert "rendez-vous" in text.lower()  # in French
    assert "Langue, téléphone et e-mail" in text or "téléphone" in text
    # A new appointment tells again; the same one does not.
    actions.plan_handover(
        referral=referral,
        user=personas.social_worker,
        appointment_at=when + dt.timedelta(days=1),
        place="OCMW",
        with_person="Bart",
    )
    assert (
        Delivery.objects.filter(kind=actions.HANDOVER_NOTICE).values("ref").distinct().count() == 2
    )


def test_the_recipient_organisation_is_told_without_names(
    personas, sender, django_capture_on_commit_callbacks
):
    personas.ocmw.email = "onthaal@ocmw.test"
    personas.ocmw.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        refer(personas, sender)
    sent = [m for m in mail.outbox if "onthaal@ocmw.test" in m.to]
    assert len(sent) == 1
    assert personas.household.name not in sent[0].body + sent[0].subject
    assert NEED not in sent[0].body


def test_an_unanswered_referral_reminds_its_sender_once(
    personas, sender, settings, django_capture_on_commit_callbacks
):
    referral = refer(personas, sender)
    assert actions.remind_unanswered_referrals() == []
    later = timezone.now() + dt.timedelta(days=settings.REFERRAL_ANSWER_DAYS, hours=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.remind_unanswered_referrals(now=later) == [referral.pk]
    assert [m.to for m in mail.outbox] == [[personas.buurtwerker.email]]
    assert actions.remind_unanswered_referrals(now=later) == []


def test_a_referral_to_a_service_gives_a_letter_and_the_sender_records_the_answer(
    personas, sender, login
):
    from pypdf import PdfReader

    from wijkpunt.directory.models import Service, ServiceStatus
    from wijkpunt.directory.tests.helpers import load
    from wijkpunt.directory.tests.helpers import service as hsds_service

    load(hsds_service("Voedselpakketten", org="Voedselbank Wevelgem"))
    service = Service.objects.get()
    consent = consent_for(personas, organisation=None, service_name="Voedselpakketten")
    client = login(personas.buurtwerker)
    form = client.get(
        f"/werk/huishoudens/{personas.household.pk}/doorverwijzen/?dienst={service.pk}"
    )
    assert "Voedselpakketten" in form.content.decode()
    response = client.post(
        f"/werk/huishoudens/{personas.household.pk}/doorverwijzen/",
        {"to_service": service.pk, "need": NEED, "urgency": "normal", "basis": "consent",
         "consent": consent.pk, "shared_fields": ["contact"], "sensitivity": "community"},
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    referral = Referral.objects.get()
    letter = client.get(f"/werk/doorverwijzingen/{referral.pk}/brief.pdf")
    assert letter["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(letter.content)).pages)
    assert "Voedselpakketten" in text and "budgetgesprek" in text
    # The sender records what the service said.
    actions.move_referral(referral=referral, user=personas.buurtwerker, status="accepted")
    # A defunct service takes no new referral.
    Service.objects.filter(pk=service.pk).update(status=ServiceStatus.DEFUNCT)
    service.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        refer(
            personas,
            sender,
            to_organisation=None,
            to_service=Service.objects.get(),
            consent=consent,
        )
    assert "to_service" in error.value.message_dict


def test_the_form_keeps_what_was_typed_and_names_the_problem(personas, sender, login):
    response = login(personas.buurtwerker).post(
        f"/werk/huishoudens/{personas.household.pk}/doorverwijzen/",
        {"to_organisation": personas.ocmw.pk, "need": "Hulp bij de energiefactuur, dringend",
         "urgency": "urgent", "basis": "consent", "sensitivity": "community"},
    )  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert "Hulp bij de energiefactuur, dringend" in html
    assert "toestemming" in html.lower()
    assert not Referral.objects.exists()


def test_the_referral_list_shows_received_and_sent(personas, sender, login):
    referral = refer(personas, sender)
    received = login(personas.social_worker).get("/werk/doorverwijzingen/").content.decode()
    assert referral.reference in received and 'id="referrals-received"' in received
    sent = login(personas.buurtwerker).get("/werk/doorverwijzingen/").content.decode()
    assert referral.reference in sent and 'id="referrals-sent"' in sent


def test_a_signals_hand_over_is_a_referral_that_shares_the_flat_only_when_chosen(personas, login):
    from rest_framework.test import APIClient

    from wijkpunt.signalling import actions as signalling
    from wijkpunt.testing import make_report

    signal = make_report(personas, "De kraan lekt al weken, ik kan het niet meer betalen")
    assert signal.dwelling_id is not None
    # The housing company handles it (whatever the routing decided).
    type(signal).objects.filter(pk=signal.pk).update(
        owner_organisation=personas.housing, owner_team=None, owner_user=None
    )
    signal.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        signalling.assign(
            signal=signal, user=personas.woonconsulent, organisation=personas.ocmw, note="Zorg"
        )
    assert "basis" in error.value.message_dict
    consent = actions.record_consent(
        household=personas.household,
        user=personas.woonconsulent,
        purpose="share",
        decision="given",
        method="signed",
        recipient=personas.ocmw,
        scope=["housing"],
    )
    signalling.assign(
        signal=signal,
        user=personas.woonconsulent,
        organisation=personas.ocmw,
        note="Zorgvraag: het OCMW neemt over.",
        basis="consent",
        consent=consent,
    )
    referral = Referral.objects.get(signal=signal)
    assert (referral.status, referral.consent, referral.field_codes) == ("accepted", consent, [])
    # The signal page and the API show the OCMW the building, not the flat.
    html = login(personas.social_worker).get(f"/werk/meldingen/{signal.pk}/").content.decode()
    assert 'id="dwelling-not-shared"' in html
    assert personas.dwelling.address not in html
    api = APIClient()
    api.force_authenticate(personas.social_worker)
    assert api.get(f"/api/v1/signals/{signal.pk}/").json()["dwelling"] is None
    html = login(personas.woonconsulent).get(f"/werk/meldingen/{signal.pk}/").content.decode()
    assert personas.dwelling.address in html
    # With the flat shared, the OCMW sees it.
    Referral.objects.filter(pk=referral.pk).update(shared_fields=Referral.fields_of(["address"]))
    html = login(personas.social_worker).get(f"/werk/meldingen/{signal.pk}/").content.decode()
    assert personas.dwelling.address in html


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("buurtwerker", 200),  # a client of community work (the fixture)
        ("woonconsulent", 200),  # the housing company manages the tenancy
        ("technician", 403),  # no casework: does not refer households
        ("social_worker", 403),  # the OCMW has no reason on record yet
        ("partner_worker", 404),  # may not even find the household
        ("letting", 200),
    ],
)
def test_who_may_refer_the_household(personas, sender, login, persona, expected):
    url = f"/werk/huishoudens/{personas.household.pk}/doorverwijzen/"
    assert login(getattr(personas, persona)).get(url).status_code == expected


@pytest.mark.parametrize("persona", ["tenant", "outsider"])
def test_residents_and_outsiders_never_reach_the_referral_pages(personas, sender, client, persona):
    referral = refer(personas, sender)
    client.force_login(getattr(personas, persona))
    for url in (
        f"/werk/huishoudens/{personas.household.pk}/doorverwijzen/",
        "/werk/doorverwijzingen/",
        f"/werk/doorverwijzingen/{referral.pk}/",
        "/werk/casusoverleg/",
    ):
        assert client.get(url).status_code in (302, 403, 404), url


def test_a_sender_who_left_the_organisation_no_longer_sees_the_referral(personas, sender):
    referral = refer(personas, sender)
    personas.buurtwerker.staff_roles.update(active=False)
    personas.buurtwerker._active_roles = None
    assert not access.visible_referrals(personas.buurtwerker).filter(pk=referral.pk).exists()
