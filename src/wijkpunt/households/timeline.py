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


def add_tenancy_events(event_ids, *, chunk: int = 1000) -> int:
    """The lines of tenancy events (started, changed, ended, imported) in their households'
    timelines: owned by the housing company that works in the estate, sensitivity housing.
    In chunks of plain values, so that an import of thousands keeps its memory flat; returns
    how many lines were written."""
    from django.utils.translation import gettext as _

    from wijkpunt.households.models import EntryKind, Sensitivity
    from wijkpunt.housing.models import TenancyEvent, TenancyEventKind
    from wijkpunt.partners.models import Organisation, OrganisationKind

    owner: dict[int, int] = {}
    for estate_id, org_id in Organisation.objects.filter(
        kind=OrganisationKind.HOUSING_COMPANY, estates__isnull=False
    ).values_list("estates", "pk"):
        owner.setdefault(estate_id, org_id)
    labels = {k: str(v) for k, v in TenancyEventKind.choices}
    box = _("box")
    ids = list(event_ids)
    written = 0
    for start in range(0, len(ids), chunk):
        rows = []
        for row in TenancyEvent.objects.filter(pk__in=ids[start : start + chunk]).values_list(
            "pk",
            "at",
            "by_id",
            "kind",
            "tenancy_id",
            "tenancy__household_id",
            "tenancy__dwelling__building__estate_id",
            "tenancy__dwelling__building__street",
            "tenancy__dwelling__building__number",
            "tenancy__dwelling__unit",
            "tenancy__dwelling__building__postcode",
            "tenancy__dwelling__building__city",
        ):
            pk, at, by_id, kind, tenancy_id, household_id, estate_id = row[:7]
            street, number, unit, postcode, city = row[7:]
            org = owner.get(estate_id)
            if org is None:
                continue
            flat = f" {box} {unit}" if unit else ""
            title = _("%(what)s: %(address)s") % {
                "what": labels.get(kind, kind),
                "address": f"{street} {number}{flat}, {postcode} {city}",
            }
            rows.append(
                TimelineEntry(
                    household_id=household_id,
                    kind=EntryKind.TENANCY,
                    organisation_id=org,
                    sensitivity=Sensitivity.HOUSING,
                    author_id=by_id,
                    at=at,
                    recorded_at=at,
                    title=title[:200],
                    data={"tenancy_event": pk, "tenancy": tenancy_id, "event": kind},
                )
            )
        TimelineEntry.objects.bulk_create(rows, batch_size=chunk)
        written += len(rows)
    return written
