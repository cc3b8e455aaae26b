"""The demo's household files: every demo signal of a household in its timeline, and the
Vercruysse family that several partners work with (rent arrears, a quarrel with the neighbours,
a worry about the mother's health): a consent to share what community work knows with the OCMW
(not the housing company's notes), one consent withdrawn, the OCMW's client relationship and an
appointment. The Mbuyi – Kabongo family's file was opened once with "break the glass". The
privacy officers: the housing company's administrator and the OCMW's reception."""

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
    ReasonKind,
    Sensitivity,
    TimelineEntry,
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
    return counts


def delete() -> dict[str, int]:
    from wijkpunt.demo import data

    organisations = Organisation.objects.filter(name__in=[o.name for o in data.ORGANISATIONS])
    in_demo = Q(organisation__in=organisations)
    count = TimelineEntry.objects.filter(in_demo).count()
    TimelineEntry.objects.filter(in_demo).delete()
    Consent.objects.filter(in_demo | Q(recorded_by_organisation__in=organisations)).delete()
    FileReason.objects.filter(in_demo).delete()
    return {"household timeline entries": count}
