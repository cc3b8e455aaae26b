"""The demo's household files: every demo signal of a household in its timeline, and the
Vercruysse family that several partners work with (rent arrears, a quarrel with the neighbours,
a worry about the mother's health): a consent to share what community work knows with the OCMW
(not the housing company's notes), one consent withdrawn, the OCMW's client relationship and an
appointment; community work's referral to the OCMW with a warm hand-over (being worked on)
and the OCMW's referral to home care on the sociale kaart. The Mbuyi – Kabongo family's file
was opened once with "break the glass". Referrals of other households in every other state,
and every demo hand-over of a household's signal as the referral it is, on the consent the
resident gave. The privacy officers: the housing company's administrator and the OCMW's
reception."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from wijkpunt.households.models import (
    Consent,
    ConsentDecision,
    ConsentMethod,
    ConsentPurpose,
    ContactMode,
    EntryKind,
    FileReason,
    LegalGround,
    ReasonKind,
    Referral,
    ReferralBasis,
    ReferralStatus,
    Sensitivity,
    SharedField,
    TimelineEntry,
    Urgency,
)
from wijkpunt.partners.models import Organisation, OrganisationKind

SENSITIVITY_OF_KIND: dict[str, str] = {
    OrganisationKind.HOUSING_COMPANY: Sensitivity.HOUSING,
    OrganisationKind.OCMW: Sensitivity.SOCIAL,
    OrganisationKind.COMMUNITY_WORK: Sensitivity.COMMUNITY,
    OrganisationKind.OTHER: Sensitivity.SOCIAL,
}


def _weekday(moment: dt.datetime) -> dt.datetime:
    """The same moment on the next working day at 14:00 (an appointment is never at the
    weekend)."""
    while moment.weekday() >= 5:
        moment += dt.timedelta(days=1)
    return moment.replace(hour=14, minute=0, second=0, microsecond=0)


def generate(demo) -> dict[str, int]:
    from wijkpunt.signalling.models import Signal

    orgs = demo.organisations
    staff = demo.staff
    now = demo.now
    kinds = {o.pk: o.kind for o in orgs.values()}
    entries = [
        TimelineEntry(
            household_id=household_id,
            kind=EntryKind.SIGNAL,
            organisation_id=owner_id,
            sensitivity=SENSITIVITY_OF_KIND.get(kinds.get(owner_id, ""), Sensitivity.SHARED),
            at=created_at,
            recorded_at=created_at,
            title=category or text[:80],
            signal_id=pk,
        )
        for pk, household_id, owner_id, created_at, category, text in Signal.objects.filter(
            household__isnull=False, owner_organisation__isnull=False
        ).values_list(
            "pk", "household_id", "owner_organisation_id", "created_at", "category__name", "text"
        )
    ]
    counts = {"household timeline entries (signals)": len(entries)}
    from wijkpunt.households.timeline import add_tenancy_events
    from wijkpunt.housing.models import TenancyEvent

    counts["household timeline entries (tenancies)"] = add_tenancy_events(
        TenancyEvent.objects.filter(
            tenancy__dwelling__building__estate__organisations__in=list(orgs.values())
        )
        .distinct()
        .values_list("pk", flat=True)
    )

    Organisation.objects.filter(pk=orgs["housing"].pk).update(privacy_officer=staff["beheerder"])
    Organisation.objects.filter(pk=orgs["ocmw"].pk).update(privacy_officer=staff["onthaal"])

    tenant = demo.tenants.get("huurder")
    resident = getattr(tenant, "resident", None) if tenant else None
    if resident is None:
        TimelineEntry.objects.bulk_create(entries, batch_size=1000)
        return counts
    home = resident.household

    def ago(days: float, hour: int = 10) -> dt.datetime:
        moment = now - dt.timedelta(days=days)
        return moment.replace(hour=hour, minute=15, second=0, microsecond=0)

    def entry(days, org, who, sensitivity, title, note="", mode="", **extra):
        return TimelineEntry(
            household=home,
            kind=extra.pop("kind", EntryKind.CONTACT),
            contact_mode=mode,
            organisation=orgs[org],
            sensitivity=sensitivity,
            author=staff[who],
            at=ago(days),
            recorded_at=ago(days, 16),
            title=title,
            note=note,
            **extra,
        )

    S, M = Sensitivity, ContactMode
    story = [
        entry(
            40,
            "housing",
            "woonconsulent",
            S.HOUSING,
            "Huurachterstand van twee maanden besproken",
            "Mevrouw Vercruysse werkt minder uren sinds de zomer. Huur herberekend op het "
            "nieuwe inkomen; afbetalingsplan van 50 euro per maand voorgesteld.",
            M.PHONE,
        ),
        entry(
            33,
            "community",
            "buurtwerker",
            S.COMMUNITY,
            "Burenruzie over lawaai in de trappenhal",
            "Spanning met de buren van 2B over lawaai 's avonds. Bemiddeling voorgesteld; "
            "mevrouw wil eerst zelf praten.",
            M.HOME_VISIT,
        ),
        entry(
            30,
            "community",
            "buurtwerker",
            S.SHARED,
            "Mevrouw vertelt over vermoeidheid en zorgen",
            "Ze vraagt of er hulp kan komen voor het huishouden. Toestemming gevraagd om het "
            "OCMW in te lichten.",
            M.HOME_VISIT,
        ),
        entry(
            26,
            "ocmw",
            "maatschappelijkwerker",
            S.SOCIAL,
            "Eerste gesprek sociale dienst",
            "Gezinshulp aangevraagd; budgetbegeleiding besproken, mevrouw denkt erover na.",
            M.COUNTER,
        ),
        entry(
            20,
            "ocmw",
            "budget",
            S.SOCIAL,
            "Afspraak budgetbegeleiding",
            "",
            "",
            kind=EntryKind.APPOINTMENT,
            appointment_at=_weekday(now + dt.timedelta(days=6)),
            place="OCMW Wevelgem, Vanackerestraat 18",
            with_person="Bart Vermeulen",
        ),
    ]
    entries.extend(story)
    TimelineEntry.objects.bulk_create(entries, batch_size=1000)

    given = Consent.objects.create(
        household=home,
        resident=resident,
        purpose=ConsentPurpose.SHARE,
        decision=ConsentDecision.GIVEN,
        organisation=orgs["ocmw"],
        scope=Consent.scope_of([S.COMMUNITY]),
        method=ConsentMethod.SPOKEN,
        witness="Lowie Vercruysse",
        recorded_by=staff["buurtwerker"],
        recorded_by_organisation=orgs["community"],
        at=ago(30, 11),
        valid_until=demo.today + dt.timedelta(days=335),
        note="Mag met het OCMW delen wat buurtwerk over het gezin weet.",
    )
    contact = Consent.objects.create(
        household=home,
        resident=resident,
        purpose=ConsentPurpose.COMMUNITY_CONTACT,
        decision=ConsentDecision.GIVEN,
        organisation=orgs["community"],
        method=ConsentMethod.SIGNED,
        recorded_by=staff["buurtwerker"],
        recorded_by_organisation=orgs["community"],
        at=ago(120),
    )
    Consent.objects.create(
        household=home,
        resident=resident,
        purpose=ConsentPurpose.COMMUNITY_CONTACT,
        decision=ConsentDecision.WITHDRAWN,
        organisation=orgs["community"],
        method=ConsentMethod.PORTAL,
        recorded_by=tenant,
        recorded_by_organisation=orgs["community"],
        withdraws=contact,
        at=ago(60),
    )
    FileReason.objects.create(
        household=home,
        kind=ReasonKind.CLIENT,
        organisation=orgs["ocmw"],
        user=staff["maatschappelijkwerker"],
        stated_reason="Cliënt van de sociale dienst sinds het eerste gesprek (gezinshulp).",
        at=ago(26),
        until=now + dt.timedelta(days=340),
    )
    other = getattr(demo.tenants.get("locataire"), "resident", None)
    if other is not None:
        FileReason.objects.create(
            household=other.household,
            kind=ReasonKind.BREAK_GLASS,
            organisation=orgs["ocmw"],
            user=staff["budget"],
            stated_reason="Mevrouw belt in paniek: de elektriciteit wordt morgen afgesloten.",
            at=ago(9, 17),
            until=ago(9, 17) + dt.timedelta(hours=8),
        )
    TimelineEntry.objects.bulk_create(
        [
            TimelineEntry(
                household=home,
                kind=EntryKind.CONSENT,
                organisation=orgs["community"],
                sensitivity=S.SHARED,
                author=staff["buurtwerker"],
                at=given.at,
                recorded_at=given.at,
                title="Toestemming gegeven: informatie delen met OCMW Wevelgem",
                data={"consent": given.pk},
            )
        ]
    )
    counts["household file entries (stories)"] = len(story) + 1
    counts["consents"] = 3
    counts.update(_referrals(demo, home, resident, story, ago))
    counts.update(_case_meeting(demo, home, resident, ago))
    counts.update(_handovers(demo))
    return counts


STEP_TITLES = {
    ReferralStatus.SENT: "Doorverwezen naar {to}",
    ReferralStatus.ACCEPTED: "Doorverwijzing naar {to} aanvaard",
    ReferralStatus.DECLINED: "Doorverwijzing naar {to} geweigerd",
    ReferralStatus.IN_PROGRESS: "{to} werkt aan de doorverwijzing",
    ReferralStatus.DONE: "Doorverwijzing naar {to} afgerond",
    ReferralStatus.NO_SHOW: "De bewoner kwam niet naar {to}",
    ReferralStatus.ENDED: "Doorverwijzing naar {to} stopgezet",
    ReferralStatus.REVOKED: "Doorverwijzing naar {to} ingetrokken",
}
# The path to each state (the first step is always "sent").
PATHS = {
    ReferralStatus.SENT: [],
    ReferralStatus.ACCEPTED: [ReferralStatus.ACCEPTED],
    ReferralStatus.DECLINED: [ReferralStatus.DECLINED],
    ReferralStatus.IN_PROGRESS: [ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS],
    ReferralStatus.DONE: [ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS, ReferralStatus.DONE],
    ReferralStatus.NO_SHOW: [ReferralStatus.ACCEPTED, ReferralStatus.NO_SHOW],
    ReferralStatus.ENDED: [ReferralStatus.ACCEPTED, ReferralStatus.ENDED],
    ReferralStatus.REVOKED: [ReferralStatus.REVOKED],
}
REASONS = {
    ReferralStatus.DECLINED: "Geen vraag voor ons: de schuldbemiddeling loopt al via het CAW.",
    ReferralStatus.ENDED: "Het gezin verhuist naar een andere gemeente; dossier overgedragen.",
    ReferralStatus.REVOKED: "Verkeerde dienst gekozen: opnieuw doorverwezen naar het OCMW.",
}


def _referral(demo, *, household, sender, by, to=None, service=None, status, days, need,
              consent=None, basis=ReferralBasis.CONSENT, legal_ground="", basis_note="",
              fields=(), shared=(), urgency=Urgency.NORMAL, appointment=None, place="",
              with_person="", answered_by=None) -> Referral:  # fmt: skip
    """One referral and its steps, as the actions would have written them."""
    orgs = demo.organisations
    now = demo.now
    sent_at = now - dt.timedelta(days=days)
    path = PATHS[status]
    referral = Referral.objects.create(
        household=household,
        from_organisation=orgs[sender],
        sent_by=demo.staff[by],
        to_organisation=orgs[to] if to else None,
        to_service=service,
        need=need,
        urgency=urgency,
        sensitivity=SENSITIVITY_OF_KIND[orgs[sender].kind],
        basis=basis,
        consent=consent,
        legal_ground=legal_ground,
        basis_note=basis_note,
        shared_fields=Referral.fields_of(fields),
        status=status,
        created_at=sent_at,
        answered_at=sent_at + dt.timedelta(days=1) if path else None,
        closed_at=(
            sent_at + dt.timedelta(days=len(path) + 1)
            if status not in (ReferralStatus.SENT, *PATHS[ReferralStatus.IN_PROGRESS])
            else None
        ),
        appointment_at=appointment,
        place=place,
        with_person=with_person,
    )
    referral.shared_entries.set(shared)
    recipient = referral.recipient
    steps = []
    for n, step in enumerate([ReferralStatus.SENT, *path]):
        at = sent_at + dt.timedelta(days=n, hours=n)
        mine = step in (ReferralStatus.SENT, ReferralStatus.REVOKED) or service is not None
        steps.append(
            TimelineEntry(
                household=household,
                kind=EntryKind.REFERRAL,
                organisation=orgs[sender] if mine else orgs[to],
                sensitivity=referral.sensitivity,
                author=demo.staff[by] if mine else demo.staff[answered_by or by],
                at=at,
                recorded_at=at,
                title=STEP_TITLES[step].format(to=recipient),
                note=need if step == ReferralStatus.SENT else REASONS.get(step, ""),
                referral=referral,
                appointment_at=appointment if step == ReferralStatus.SENT else None,
                place=place if step == ReferralStatus.SENT else "",
                with_person=with_person if step == ReferralStatus.SENT else "",
                data={"status": step},
            )
        )
    TimelineEntry.objects.bulk_create(steps)
    return referral


def _referrals(demo, home, resident, story, ago) -> dict[str, int]:
    """The Vercruysse family's referrals, and referrals of other households in every other
    state."""
    from wijkpunt.directory.models import Service
    from wijkpunt.housing.models import Household

    orgs, staff = demo.organisations, demo.staff
    referral_consent = Consent.objects.create(
        household=home,
        resident=resident,
        purpose=ConsentPurpose.REFERRAL,
        decision=ConsentDecision.GIVEN,
        organisation=orgs["ocmw"],
        scope=Consent.scope_of([Sensitivity.COMMUNITY]),
        method=ConsentMethod.SPOKEN,
        witness="Lowie Vercruysse",
        recorded_by=staff["buurtwerker"],
        recorded_by_organisation=orgs["community"],
        at=ago(30, 11),
        valid_until=demo.today + dt.timedelta(days=180),
        note="Akkoord om naar het OCMW door te verwijzen voor gezinshulp.",
    )
    worry = next(e for e in story if e.title.startswith("Mevrouw vertelt"))
    quarrel = next(e for e in story if e.title.startswith("Burenruzie"))
    made = [
        _referral(
            demo,
            household=home,
            sender="community",
            by="buurtwerker",
            to="ocmw",
            answered_by="maatschappelijkwerker",
            status=ReferralStatus.IN_PROGRESS,
            days=30,
            need="Mevrouw is erg moe en krijgt het huishouden niet rond. Ze vraagt gezinshulp "
            "en wil praten over haar budget.",
            consent=referral_consent,
            fields=[SharedField.CONTACT],
            shared=[worry, quarrel],
            urgency=Urgency.SOON,
            appointment=_weekday(demo.now - dt.timedelta(days=27)),
            place="OCMW Wevelgem, Vanackerestraat 18",
            with_person="Samira El Idrissi",
        )
    ]
    home_care = (
        Service.objects.referrable().filter(name__icontains="thuiszorg").first()
        or Service.objects.referrable().filter(name__icontains="zorg").first()
    )
    if home_care is not None:
        care_consent = Consent.objects.create(
            household=home,
            resident=resident,
            purpose=ConsentPurpose.REFERRAL,
            decision=ConsentDecision.GIVEN,
            service_name=home_care.name,
            scope=Consent.scope_of([Sensitivity.SOCIAL]),
            method=ConsentMethod.SIGNED,
            recorded_by=staff["maatschappelijkwerker"],
            recorded_by_organisation=orgs["ocmw"],
            at=ago(12, 11),
            valid_until=demo.today + dt.timedelta(days=90),
        )
        made.append(
            _referral(
                demo,
                household=home,
                sender="ocmw",
                by="maatschappelijkwerker",
                service=home_care,
                status=ReferralStatus.ACCEPTED,
                days=12,
                need="Gezinshulp twee halve dagen per week voor een moeder met zware "
                "vermoeidheid; ze heeft twee kinderen thuis.",
                consent=care_consent,
                fields=[SharedField.CONTACT, SharedField.ADDRESS],
            )
        )
    # Other households of the demo, one referral in every other state.
    others = list(
        Household.objects.filter(
            tenancies__end_date__isnull=True,
            tenancies__dwelling__building__estate__slug="wallaysplein",
        )
        .exclude(pk=home.pk)
        .distinct()
        .order_by("pk")[:7]
    )
    legal = {
        "basis": ReferralBasis.LEGAL,
        "legal_ground": LegalGround.SOCIAL_CARE,
        "basis_note": "Organieke wet OCMW (8 juli 1976), art. 60: maatschappelijke "
        "dienstverlening op vraag van de bewoner.",
    }
    plans = [
        ("housing", "woonconsulent", "ocmw", "onthaal", ReferralStatus.SENT, 2,
         "Huurachterstand van drie maanden; mevrouw vraagt hulp bij haar energiefacturen."),
        ("housing", "woonconsulent", "caw", "partner", ReferralStatus.DECLINED, 20,
         "Vraag naar schuldbemiddeling na een afbetalingsplan dat niet lukt."),
        ("community", "buurtwerker", "ocmw", "budget", ReferralStatus.DONE, 60,
         "Budgetbegeleiding gevraagd na het wegvallen van een inkomen."),
        ("housing", "woonconsulent", "ocmw", "maatschappelijkwerker", ReferralStatus.NO_SHOW,
         25, "Vereenzaming en vervuiling van de woning: eerste gesprek gevraagd."),
        ("ocmw", "maatschappelijkwerker", "caw", "partner", ReferralStatus.ENDED, 90,
         "Begeleiding na een relatiebreuk en dreigend verlies van de woning."),
        ("community", "buurtwerker", "caw", "partner", ReferralStatus.REVOKED, 8,
         "Jongere zoekt hulp bij schoolproblemen."),
        ("housing", "woonconsulent", "ocmw", "maatschappelijkwerker", ReferralStatus.ACCEPTED,
         4, "Oudere meneer komt zijn woning niet meer uit; mantelzorg valt weg."),
    ]  # fmt: skip
    for household, (sender, by, to, answered_by, status, days, need) in zip(
        others, plans, strict=False
    ):
        made.append(
            _referral(
                demo,
                household=household,
                sender=sender,
                by=by,
                to=to,
                answered_by=answered_by,
                status=status,
                days=days,
                need=need,
                fields=[SharedField.CONTACT],
                **legal,
            )
        )
    return {"referrals": len(made)}


def _case_meeting(demo, home, resident, ago) -> dict[str, int]:
    """One case meeting of the OCMW with the housing company and community work about the
    Vercruysse family (on the family's consent), started, with an action plan and minutes."""
    from wijkpunt.households.models import (
        AgendaItem,
        CaseMeeting,
        MeetingParticipant,
        MeetingStatus,
        MeetingTask,
        Minutes,
        TaskStatus,
        TaskUpdate,
    )

    orgs, staff = demo.organisations, demo.staff
    held = _weekday(demo.now - dt.timedelta(days=5))
    consent = Consent.objects.create(
        household=home,
        resident=resident,
        purpose=ConsentPurpose.CASE_MEETING,
        decision=ConsentDecision.GIVEN,
        method=ConsentMethod.SIGNED,
        recorded_by=staff["maatschappelijkwerker"],
        recorded_by_organisation=orgs["ocmw"],
        at=ago(14, 11),
        valid_until=demo.today + dt.timedelta(days=180),
        note="Akkoord dat OCMW, woonmaatschappij en buurtwerk samen overleggen over het gezin.",
    )
    meeting = CaseMeeting.objects.create(
        title="Casusoverleg Wallaysplein – gezinnen met meerdere zorgen",
        organisation=orgs["ocmw"],
        created_by=staff["maatschappelijkwerker"],
        legal_basis="Art. 458ter Sw. en het decreet van 7 december 2018 over het lokaal sociaal "
        "beleid (geïntegreerd breed onthaal): overleg tussen OCMW, woonmaatschappij en "
        "buurtwerk over gezinnen die dat zelf goedkeuren of bij ernstige zorg.",
        purpose="Samen één plan maken voor gezinnen met huurachterstand, spanningen met de buren "
        "en een zorgvraag, zodat niemand dubbel werkt en niets blijft liggen.",
        procedure="De maatschappelijk werker zit voor en schrijft het verslag. Elke partner brengt "
        "alleen in wat nodig is voor het plan. Afspraken worden taken met een verantwoordelijke "
        "en een datum.",
        starts_at=held,
        place="OCMW Wevelgem, vergaderzaal 1",
        status=MeetingStatus.STARTED,
        created_at=held - dt.timedelta(days=10),
        started_at=held,
    )
    people = [
        ("maatschappelijkwerker", "ocmw"),
        ("woonconsulent", "housing"),
        ("buurtwerker", "community"),
    ]
    MeetingParticipant.objects.bulk_create(
        [
            MeetingParticipant(
                meeting=meeting,
                user=staff[who],
                organisation=orgs[org],
                acknowledged_at=held - dt.timedelta(days=1),
            )
            for who, org in people
        ]
    )
    AgendaItem.objects.create(
        meeting=meeting,
        household=home,
        consent=consent,
        added_by=staff["maatschappelijkwerker"],
        added_at=held - dt.timedelta(days=3),
    )
    plan = [
        ("Budgetgesprek en aanvraag gezinshulp", "ocmw", "budget", 7, TaskStatus.IN_PROGRESS),
        ("Afbetalingsplan van 50 euro per maand opvolgen", "housing", "woonconsulent", 30,
         TaskStatus.OPEN),
        ("Bemiddelingsgesprek met de buren van 2B", "community", "buurtwerker", 3,
         TaskStatus.OPEN),
        ("Huur herberekenen op het nieuwe inkomen", "housing", "woonconsulent", -2,
         TaskStatus.DONE),
    ]  # fmt: skip
    for title, org, who, days, status in plan:
        task = MeetingTask.objects.create(
            meeting=meeting,
            household=home,
            title=title,
            organisation=orgs[org],
            owner=staff[who] if who in ("woonconsulent", "buurtwerker") else None,
            due_on=demo.today + dt.timedelta(days=days),
            status=status,
            created_by=staff["maatschappelijkwerker"],
            created_at=held,
            updated_at=held,
        )
        TaskUpdate.objects.create(task=task, status=TaskStatus.OPEN, by=meeting.created_by, at=held)
        if status != TaskStatus.OPEN:
            TaskUpdate.objects.create(
                task=task, status=status, by=staff[who], at=held + dt.timedelta(days=2)
            )
    Minutes.objects.create(
        meeting=meeting,
        by=staff["maatschappelijkwerker"],
        at=held + dt.timedelta(hours=2),
        text="Aanwezig: OCMW (Samira El Idrissi), woonmaatschappij (Wendy Desmet), buurtwerk "
        "(Sara Claeys). Iedereen bevestigde de vertrouwelijkheid.\n\nGezin Vercruysse: de "
        "huur is herberekend; het afbetalingsplan loopt. Mevrouw is oververmoeid; het OCMW "
        "vraagt gezinshulp aan en start budgetbegeleiding. Buurtwerk bemiddelt met de buren "
        "over het lawaai. Volgend overleg over zes weken.",
    )
    return {"case meetings": 1}


def _handovers(demo) -> dict[str, int]:
    """Every demo hand-over of a household's signal is a referral: on the consent the resident
    gave (spoken, with the worker's colleague as witness), accepted at once, sharing no more
    than the signal (the flat not)."""
    from wijkpunt.signalling.models import EventKind, SignalEvent

    orgs = demo.organisations
    by_pk = {o.pk: o for o in orgs.values()}
    by_name = {o.name: o for o in orgs.values()}
    rows = list(
        SignalEvent.objects.filter(kind=EventKind.HANDOVER, signal__household__isnull=False)
        .values_list("signal_id", "signal__household_id", "at", "actor_id", "text", "data")
        .order_by("at", "pk")
    )
    consents, referrals, plans = [], [], []
    for signal_id, household_id, at, actor_id, text, data in rows:
        target = by_pk.get(data.get("organisation"))
        sender = by_name.get(data.get("previous_organisation", ""))
        if target is None or sender is None or actor_id is None:
            continue
        consents.append(
            Consent(
                household_id=household_id,
                purpose=ConsentPurpose.SHARE,
                decision=ConsentDecision.GIVEN,
                organisation=target,
                scope=Consent.scope_of([SENSITIVITY_OF_KIND[sender.kind]]),
                method=ConsentMethod.SPOKEN,
                witness="Collega van de dienst",
                recorded_by_id=actor_id,
                recorded_by_organisation=sender,
                at=at - dt.timedelta(minutes=5),
                valid_until=(at + dt.timedelta(days=365)).date(),
            )
        )
        plans.append((signal_id, household_id, at, actor_id, text, target, sender))
    Consent.objects.bulk_create(consents, batch_size=500)
    for consent, (signal_id, household_id, at, actor_id, text, target, sender) in zip(
        consents, plans, strict=True
    ):
        referrals.append(
            Referral(
                household_id=household_id,
                signal_id=signal_id,
                from_organisation=sender,
                sent_by_id=actor_id,
                to_organisation=target,
                need=text or "Overdracht van de melding.",
                sensitivity=SENSITIVITY_OF_KIND[sender.kind],
                basis=ReferralBasis.CONSENT,
                consent=consent,
                status=ReferralStatus.ACCEPTED,
                created_at=at,
                answered_at=at,
            )
        )
    Referral.objects.bulk_create(referrals, batch_size=500)
    TimelineEntry.objects.bulk_create(
        [
            TimelineEntry(
                household_id=r.household_id,
                kind=EntryKind.REFERRAL,
                organisation=r.from_organisation,
                sensitivity=r.sensitivity,
                author_id=r.sent_by_id,
                at=r.created_at,
                recorded_at=r.created_at,
                title=STEP_TITLES[ReferralStatus.SENT].format(to=r.recipient),
                note=r.need,
                referral=r,
                data={"status": ReferralStatus.SENT, "handover": True},
            )
            for r in referrals
        ],
        batch_size=1000,
    )
    return {"hand-overs as referrals": len(referrals)}


def delete() -> dict[str, int]:
    from wijkpunt.demo import data

    organisations = Organisation.objects.filter(name__in=[o.name for o in data.ORGANISATIONS])
    in_demo = Q(organisation__in=organisations)
    from wijkpunt.households.models import CaseMeeting

    CaseMeeting.objects.filter(organisation__in=organisations).delete()
    Referral.objects.filter(
        Q(from_organisation__in=organisations) | Q(to_organisation__in=organisations)
    ).delete()
    count = TimelineEntry.objects.filter(in_demo).count()
    TimelineEntry.objects.filter(in_demo).delete()
    Consent.objects.filter(in_demo | Q(recorded_by_organisation__in=organisations)).delete()
    FileReason.objects.filter(in_demo).delete()
    return {"household timeline entries": count}
