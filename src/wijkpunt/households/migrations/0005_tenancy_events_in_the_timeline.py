"""Every existing tenancy event gets its line in the household's timeline, owned by the
housing company that works in the estate (sensitivity housing)."""

from django.db import migrations

LABELS = {
    "started": "Huurcontract gestart",
    "changed": "Huurcontract gewijzigd",
    "ended": "Huurcontract beëindigd",
    "imported": "Ingelezen uit het bestand van de woonmaatschappij",
}


def forwards(apps, schema_editor):
    TenancyEvent = apps.get_model("housing", "TenancyEvent")
    Organisation = apps.get_model("partners", "Organisation")
    TimelineEntry = apps.get_model("households", "TimelineEntry")
    owner = {}
    for estate_id, org_id in Organisation.objects.filter(kind="housing").values_list(
        "estates", "pk"
    ):
        if estate_id is not None:
            owner.setdefault(estate_id, org_id)
    batch = []
    events = TenancyEvent.objects.select_related("tenancy__dwelling__building").order_by("pk")
    for e in events.iterator(chunk_size=2000):
        dwelling = e.tenancy.dwelling
        org = owner.get(dwelling.building.estate_id)
        if org is None:
            continue
        b = dwelling.building
        unit = f" bus {dwelling.unit}" if dwelling.unit else ""
        address = f"{b.street} {b.number}{unit}, {b.postcode} {b.city}"
        batch.append(
            TimelineEntry(
                household_id=e.tenancy.household_id,
                kind="tenancy",
                organisation_id=org,
                sensitivity="housing",
                author_id=e.by_id,
                at=e.at,
                recorded_at=e.at,
                title=f"{LABELS.get(e.kind, e.kind)}: {address}"[:200],
                data={"tenancy_event": e.pk, "tenancy": e.tenancy_id, "event": e.kind},
            )
        )
        if len(batch) >= 2000:
            TimelineEntry.objects.bulk_create(batch)
            batch = []
    TimelineEntry.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("households", "0004_case_meetings"),
        ("housing", "0003_short_codes_for_posters"),
        ("partners", "0003_organisation_privacy_officer_and_more"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
