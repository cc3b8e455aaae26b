"""Administrators by role manage the configuration; other staff and tenants cannot."""


def test_an_administrator_by_role_opens_the_configuration(personas, staff_client):
    staff_client.force_login(personas.admin)
    assert not personas.admin.is_staff
    assert staff_client.get("/admin/").status_code == 200
    assert staff_client.get("/admin/partners/organisation/").status_code == 200
    assert staff_client.get("/admin/housing/estate/add/").status_code == 200
    # The audit log is readable, never changeable.
    assert staff_client.get("/admin/audit/auditentry/").status_code == 200
    assert personas.admin.has_perm("audit.view_auditentry")
    assert not personas.admin.has_perm("audit.change_auditentry")
    assert not personas.admin.has_perm("audit.delete_auditentry")


def test_other_staff_and_tenants_cannot_open_the_configuration(personas, staff_client):
    for user in (personas.coordinator, personas.technician, personas.tenant, personas.outsider):
        staff_client.force_login(user)
        response = staff_client.get("/admin/partners/organisation/")
        assert response.status_code == 302, user
        assert "/admin/login/" in response["Location"]
        assert not user.has_perm("partners.change_organisation")
