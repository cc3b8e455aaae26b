"""``check --deploy`` says whether the application's database role could edit the audit log
(docs/deploy.md: a separate owner role for migrations, an application role that may only
insert and read audit entries)."""

from __future__ import annotations

import uuid

import pytest
from django.db import DatabaseError, connection, transaction

from wijkpunt.accounts.checks import audit_table_privileges, check_audit_table_role
from wijkpunt.audit.actions import record
from wijkpunt.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="database roles are a PostgreSQL matter"
)


def _ids(messages) -> list[str]:
    return [m.id for m in messages]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite only")
def test_sqlite_says_there_are_no_roles():
    assert audit_table_privileges() is None
    assert _ids(check_audit_table_role(None)) == ["wijkpunt.I010"]


@postgresql_only
def test_owner_role_is_reported_as_a_warning():
    # The test suite connects as the owner (or a superuser): it could edit the log.
    assert _ids(check_audit_table_role(None)) == ["wijkpunt.W010"]


@postgresql_only
def test_application_role_that_may_only_insert_and_read(personas):
    table = AuditEntry._meta.db_table
    role = f"wijkpunt_app_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        # CREATE ROLE is transactional: the test's rollback removes it again.
        cursor.execute(f'CREATE ROLE "{role}" NOLOGIN')
        cursor.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')
        cursor.execute(
            f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"'
        )
        cursor.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}"')
        cursor.execute(f'REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM "{role}"')
        cursor.execute(f'SET LOCAL ROLE "{role}"')
    try:
        rights = audit_table_privileges()
        assert rights == {"update": False, "delete": False, "truncate": False, "owner": False}
        assert _ids(check_audit_table_role(None)) == ["wijkpunt.I011"]
        # The application still writes and reads its audit entries as this role...
        entry = record(actor=personas.admin, action="view", object_type="household")
        assert AuditEntry.objects.filter(pk=entry.pk).exists()
        # ...but cannot change them, even bypassing the model.
        for statement in (
            f"DELETE FROM {table}",
            f"UPDATE {table} SET purpose = ''",
            f"TRUNCATE {table}",
        ):
            with (
                pytest.raises(DatabaseError, match="permission denied"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(statement)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
