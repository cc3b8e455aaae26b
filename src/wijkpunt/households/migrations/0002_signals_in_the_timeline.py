"""Every existing signal of a household (with an organisation handling it) gets its line in
the household's timeline."""

from django.db import migrations

SENSITIVITY_OF_KIND = {
    "housing": "housing",
    "ocmw": "social",
    "community": "community",
    "other": "social",
}


def forwards(apps, schema_editor):
    Signal = apps.get_model("signalling", "Signal")
    TimelineEntry = apps.get_model("households", "TimelineEntry")
    batch = []
    signals = (
        Signal.objects.filter(household__isnull=False, owner_organisation__isnull=False)
        .select_related("category", "owner_organisation")
        .order_by("pk")
    )
    for s in signals.iterator(chunk_size=2000):
        batch.append(
            TimelineEntry(
                household_id=s.household_id,
                kind="signal",
                organisation_id=s.owner_organisation_id,
                sensitivity=SENSITIVITY_OF_KIND.get(s.owner_organisation.kind, "shared"),
                at=s.created_at,
                recorded_at=s.created_at,
                title=(s.category.name if s.category_id else s.text[:80])[:200],
                signal_id=s.pk,
            )
        )
        if len(batch) >= 2000:
            TimelineEntry.objects.bulk_create(batch)
            batch = []
    TimelineEntry.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("households", "0001_initial"),
        ("signalling", "0004_truthful_intake"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
