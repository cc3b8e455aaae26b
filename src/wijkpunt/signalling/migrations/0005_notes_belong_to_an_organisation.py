"""Every internal note names the organisation it belongs to (the one handling the signal if
its author worked there, else the author's first organisation), so that a hand-over does not
take it along."""

from django.db import migrations


def forwards(apps, schema_editor):
    SignalEvent = apps.get_model("signalling", "SignalEvent")
    StaffRole = apps.get_model("partners", "StaffRole")
    orgs: dict[int, list[int]] = {}
    for user_id, org_id in StaffRole.objects.order_by("pk").values_list(
        "user_id", "organisation_id"
    ):
        orgs.setdefault(user_id, []).append(org_id)
    changed = []
    for event in SignalEvent.objects.filter(kind="note").select_related("signal").iterator():
        if "organisation" in (event.data or {}):
            continue
        mine = orgs.get(event.actor_id, [])
        owner = event.signal.owner_organisation_id
        event.data = {**(event.data or {}), "organisation": owner if owner in mine else (mine[0] if mine else None)}
        changed.append(event)
        if len(changed) >= 1000:
            SignalEvent.objects.bulk_update(changed, ["data"])
            changed = []
    SignalEvent.objects.bulk_update(changed, ["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("signalling", "0004_truthful_intake"),
        ("partners", "0003_organisation_privacy_officer_and_more"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
