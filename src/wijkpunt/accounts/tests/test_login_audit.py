from wijkpunt.audit.models import AuditAction, AuditEntry
from wijkpunt.testing import PASSWORD


def test_a_log_in_is_written_to_the_audit_log(personas, client):
    response = client.post(
        "/accounts/login/", {"login": personas.tenant.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN)
    assert entry.actor == personas.tenant
    assert entry.ip_address == "127.0.0.1"


def test_a_failed_log_in_writes_no_login_entry(personas, client):
    client.post("/accounts/login/", {"login": personas.tenant.email, "password": "wrong"})
    assert not AuditEntry.objects.filter(action=AuditAction.LOGIN).exists()
