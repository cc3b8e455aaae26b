import pytest
from django.db import DatabaseError, connection, transaction

from wijkpunt.audit.actions import record
from wijkpunt.audit.models import AuditEntry


def test_audit_entries_cannot_be_changed_or_deleted(personas):
    entry = record(actor=personas.coordinator, action="view", object_type="household", object_id=1)
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()
    # Not even through a bulk update or raw SQL: the database refuses.
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(purpose="hidden")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry")
    assert AuditEntry.objects.get(pk=entry.pk).purpose == ""


def test_a_list_read_writes_one_complete_entry_per_household(personas, rf):
    from wijkpunt.audit.actions import AuditAction, record_many
    from wijkpunt.audit.models import AuditEntry

    request = rf.get("/werk/meldingen/?q=lek", REMOTE_ADDR="192.0.2.7")
    request.resolver_match = None
    households = [personas.household.pk, personas.other_household.pk]
    written = record_many(
        actor=personas.technician,
        action=AuditAction.VIEW,
        object_type="signal-list",
        household_ids=households,
        purpose="inbox",
        request=request,
    )
    assert written == 2
    entries = AuditEntry.objects.filter(object_type="signal-list").order_by("household_id")
    assert [e.household_id for e in entries] == sorted(households)
    for entry in entries:
        assert entry.actor == personas.technician
        assert entry.actor_label == str(personas.technician)
        assert entry.object_id == str(entry.household_id)
        assert entry.purpose == "inbox" and entry.path == "/werk/meldingen/?q=lek"
        assert entry.ip_address == "192.0.2.7" and entry.at is not None
    assert (
        record_many(
            actor=personas.technician, action=AuditAction.VIEW, object_type="x", household_ids=[]
        )
        == 0
    )
