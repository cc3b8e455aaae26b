"""Deploy check: may the application's own database role edit the audit log?

The audit log is append-only in the application and by database triggers; the strongest
set-up (docs/deploy.md) also takes UPDATE, DELETE and TRUNCATE away from the role the web
and worker processes connect with, and lets a separate owner role run the migrations.
``wijkpunt check --deploy`` says which set-up is in use."""

from __future__ import annotations

from django.apps import apps
from django.core import checks
from django.db import DatabaseError, connection


def audit_table_privileges() -> dict[str, bool] | None:
    """The connected role's rights on the audit table (PostgreSQL), or None elsewhere."""
    if connection.vendor != "postgresql":
        return None
    table = apps.get_model("audit", "AuditEntry")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT has_table_privilege(current_user, %s, 'UPDATE'), "
            "has_table_privilege(current_user, %s, 'DELETE'), "
            "has_table_privilege(current_user, %s, 'TRUNCATE'), "
            "pg_catalog.pg_get_userbyid(c.relowner) = current_user "
            "FROM pg_catalog.pg_class c WHERE c.oid = %s::regclass",
            [table, table, table, table],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    return {"update": row[0], "delete": row[1], "truncate": row[2], "owner": row[3]}


@checks.register(checks.Tags.security, deploy=True)
def check_audit_table_role(app_configs, **kwargs) -> list[checks.CheckMessage]:
    try:
        rights = audit_table_privileges()
    except DatabaseError as error:
        return [
            checks.Warning(
                f"Could not read the rights on the audit table: {error}",
                id="wijkpunt.W011",
            )
        ]
    if rights is None:
        return [
            checks.Info(
                "The audit log is protected by the application and by triggers only: this "
                "database has no separate roles (use PostgreSQL with an application role, "
                "see docs/deploy.md).",
                id="wijkpunt.I010",
            )
        ]
    if rights["owner"] or rights["update"] or rights["delete"] or rights["truncate"]:
        can = [name.upper() for name in ("update", "delete", "truncate") if rights[name]]
        what = "owns the audit table" if rights["owner"] else "may " + "/".join(can) + " it"
        return [
            checks.Warning(
                f"The database role Wijkpunt connects with {what}: someone with the "
                "application's database password could edit the audit log (the triggers "
                "can be dropped by the owner).",
                hint="Run migrations as an owner role and the application as a role that may "
                "only INSERT and SELECT on the audit table; see docs/deploy.md.",
                id="wijkpunt.W010",
            )
        ]
    return [
        checks.Info(
            "The application's database role may only insert and read audit entries "
            "(separate owner role for migrations).",
            id="wijkpunt.I011",
        )
    ]
