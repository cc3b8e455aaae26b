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
