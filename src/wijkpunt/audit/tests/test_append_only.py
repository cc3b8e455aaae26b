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
