"""The one way to add a line to a household's timeline. Signals, referrals, case meetings and
tenancy events call ``add``; the file's own actions (contacts, appointments, consents) do too.
Entries are never edited: a correction supersedes (``actions.correct_entry``)."""

from __future__ import annotations

from wijkpunt.households.models import TimelineEntry


def add(**fields) -> TimelineEntry:
    return TimelineEntry.objects.create(**fields)


def add_signal(signal, *, new: bool = False) -> TimelineEntry | None:
    """The line of a signal in its household's timeline (owned by the organisation handling it;
    who sees it follows the signal's own need-to-know)."""
    from wijkpunt.households.models import EntryKind, Sensitivity

    if signal.household_id is None or signal.owner_organisation_id is None:
        return None
    if not new and TimelineEntry.objects.filter(signal=signal).exists():
        return None
    return add(
        household_id=signal.household_id,
        kind=EntryKind.SIGNAL,
        organisation_id=signal.owner_organisation_id,
        sensitivity=Sensitivity.SHARED,
        at=signal.created_at,
        title=signal.category.name if signal.category_id else signal.text[:80],
        signal=signal,
    )


def add_tenancy_events(event_ids) -> int:
    """The lines of tenancy events (started, changed, ended, imported) in their households'
    timelines: owned by the housing company that works in the estate, sensitivity housing.
    In bulk, for an import of thousands; returns how many lines were written."""
    from django.utils.translation import gettext as _

    from wijkpunt.households.models import EntryKind, Sensitivity
    from wijkpunt.housing.models import TenancyEvent
    from wijkpunt.partners.models import Organisation, OrganisationKind

    events = list(
        TenancyEvent.objects.filter(pk__in=list(event_ids)).select_related(
            "tenancy__dwelling__building"
        )
    )
    estates = {e.tenancy.dwelling.building.estate_id for e in events}
    owner: dict[int, int] = {}
    for estate_id, org_id in Organisation.objects.filter(
        kind=OrganisationKind.HOUSING_COMPANY, estates__in=estates
    ).values_list("estates", "pk"):
        owner.setdefault(estate_id, org_id)
    rows = []
    for event in events:
        tenancy = event.tenancy
        org = owner.get(tenancy.dwelling.building.estate_id)
        if org is None:
            continue
        title = _("%(what)s: %(address)s") % {
            "what": event.get_kind_display(),
            "address": tenancy.dwelling.address,
        }
        rows.append(
            TimelineEntry(
                household_id=tenancy.household_id,
                kind=EntryKind.TENANCY,
                organisation_id=org,
                sensitivity=Sensitivity.HOUSING,
                author_id=event.by_id,
                at=event.at,
                recorded_at=event.at,
                title=title[:200],
                data={"tenancy_event": event.pk, "tenancy": tenancy.pk, "event": event.kind},
            )
        )
    TimelineEntry.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
