"""Administrators by role are contained, and every change to accounts, roles and second
factors goes to the append-only audit log (who, what, before and after)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db.models import QuerySet
from django.urls import reverse

from wijkpunt.accounts.models import User
from wijkpunt.audit.models import AuditEntry
from wijkpunt.partners.models import Role, StaffRole

pytestmark = pytest.mark.django_db


def admin_form_data(response) -> dict:
    """What the browser would post back from an admin change page, unchanged."""
    data: dict = {}

    def add(form):
        for name, field in form.fields.items():
            if field.disabled:
                continue
            value = form.initial.get(name, field.initial)
            if callable(value):
                value = value()
            key = form.add_prefix(name)
            if value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, (list, tuple, QuerySet)):
                data[key] = [getattr(v, "pk", v) for v in value]
            else:
                data[key] = getattr(value, "pk", value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


@pytest.fixture
def admin_client(staff_client, personas):
    personas.admin.language = "en"  # the profile's language wins over the browser's
    personas.admin.save(update_fields=["language"])
    staff_client.force_login(personas.admin)
    return staff_client


def _change_url(user) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


# -- the superuser and staff flags ----------------------------------------------------------


def test_administrator_cannot_make_anyone_superuser(admin_client, personas):
    page = admin_client.get(_change_url(personas.technician))
    assert page.status_code == 200
    html = page.content.decode()
    for field in ("is_superuser", "is_staff", "groups", "user_permissions"):
        assert f'name="{field}"' not in html
    data = admin_form_data(page)
    data.update({"is_superuser": "on", "is_staff": "on", "full_name": "Tom T."})
    response = admin_client.post(_change_url(personas.technician), data)
    assert response.status_code == 302
    personas.technician.refresh_from_db()
    assert personas.technician.full_name == "Tom T."
    assert not personas.technician.is_superuser
    assert not personas.technician.is_staff


def test_administrator_cannot_make_themselves_superuser(admin_client, personas):
    page = admin_client.get(_change_url(personas.admin))
    assert page.status_code == 200
    data = admin_form_data(page)
    data.update({"is_superuser": "on", "is_staff": "on"})
    admin_client.post(_change_url(personas.admin), data)
    personas.admin.refresh_from_db()
    assert not personas.admin.is_superuser and not personas.admin.is_staff


def test_superuser_may_set_the_flags(staff_client, personas, root):
    staff_client.force_login(root)
    page = staff_client.get(_change_url(personas.technician))
    assert 'name="is_superuser"' in page.content.decode()


@pytest.mark.parametrize("other", ["root", "social_worker", "buurtwerker"])
def test_administrator_cannot_open_accounts_outside_their_organisations(
    admin_client, personas, root, other
):
    account = root if other == "root" else getattr(personas, other)
    response = admin_client.get(_change_url(account))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    listing = admin_client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert account.email not in listing
    assert personas.technician.email in listing
    password_url = reverse("admin:auth_user_password_change", args=[account.pk])
    assert admin_client.get(password_url).status_code == 404


def test_administrator_of_the_housing_company_manages_tenant_accounts(admin_client, personas):
    assert admin_client.get(_change_url(personas.tenant)).status_code == 200


def test_administrator_of_another_kind_of_organisation_does_not(staff_client, personas):
    ocmw_admin = User.objects.create_user("ocmw.admin@example.org", "x", full_name="O. Admin")
    StaffRole.objects.create(user=ocmw_admin, organisation=personas.ocmw, role=Role.ADMINISTRATOR)
    staff_client.force_login(ocmw_admin)
    assert staff_client.get(_change_url(personas.tenant)).status_code == 302
    assert staff_client.get(_change_url(personas.technician)).status_code == 302
    assert staff_client.get(_change_url(personas.social_worker)).status_code == 200


# -- roles ------------------------------------------------------------------------------


def _add_role(client, user, organisation, role=Role.COORDINATOR):
    return client.post(
        reverse("admin:partners_staffrole_add"),
        {"user": user.pk, "organisation": organisation.pk, "role": role, "active": "on"},
    )


def test_administrator_cannot_give_a_role_in_an_organisation_they_do_not_administer(
    admin_client, personas
):
    response = _add_role(admin_client, personas.technician, personas.ocmw, Role.SOCIAL_WORKER)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not StaffRole.objects.filter(user=personas.technician, organisation=personas.ocmw)


def test_administrator_cannot_give_themselves_a_role(admin_client, personas):
    response = _add_role(admin_client, personas.admin, personas.housing, Role.COORDINATOR)
    assert response.status_code == 200
    assert "You may give roles only to other people" in response.content.decode()
    assert not StaffRole.objects.filter(user=personas.admin, role=Role.COORDINATOR).exists()


def test_administrator_cannot_widen_their_own_role(admin_client, personas):
    own = StaffRole.objects.get(user=personas.admin)
    own.estates.set([personas.estate])
    url = reverse("admin:partners_staffrole_change", args=[own.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="estates"' not in page.content.decode()  # read-only
    admin_client.post(
        url,
        {
            "user": personas.admin.pk,
            "organisation": personas.housing.pk,
            "role": Role.ADMINISTRATOR,
            "active": "on",
            "estates": [],
        },
    )
    assert list(own.estates.all()) == [personas.estate]
    # Nor through the account page's roles.
    page = admin_client.get(_change_url(personas.admin))
    assert 'name="staff_roles-0-estates"' not in page.content.decode()
    data = admin_form_data(page)
    data.update(
        {
            "staff_roles-TOTAL_FORMS": "2",
            "staff_roles-1-organisation": personas.ocmw.pk,
            "staff_roles-1-role": Role.SOCIAL_WORKER,
            "staff_roles-1-active": "on",
        }
    )
    admin_client.post(_change_url(personas.admin), data)
    assert list(StaffRole.objects.filter(user=personas.admin).values_list("role", flat=True)) == [
        Role.ADMINISTRATOR
    ]


def test_administrator_cannot_widen_their_organisations_estates(admin_client, personas):
    url = reverse("admin:partners_organisation_change", args=[personas.ocmw.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="estates"' not in page.content.decode()


def test_administrator_gives_a_colleague_a_role_audited(admin_client, personas):
    response = _add_role(admin_client, personas.technician, personas.housing)
    assert response.status_code == 302
    role = StaffRole.objects.get(user=personas.technician, role=Role.COORDINATOR)
    entry = AuditEntry.objects.get(object_type="staff role", object_id=str(role.pk))
    assert entry.actor == personas.admin
    assert entry.action == "create"
    assert "role: – → coordinator" in entry.purpose
    assert entry.path == reverse("admin:partners_staffrole_add")


def test_roles_cover_only_estates_where_the_administered_organisation_works(admin_client, personas):
    from wijkpunt.housing.models import Estate

    elsewhere = Estate.objects.create(name="Elders", slug="elders", municipality="Ver")
    response = admin_client.post(
        reverse("admin:partners_staffrole_add"),
        {
            "user": personas.technician.pk,
            "organisation": personas.housing.pk,
            "role": Role.COORDINATOR,
            "active": "on",
            "estates": [elsewhere.pk],
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not StaffRole.objects.filter(user=personas.technician, role=Role.COORDINATOR)


def test_role_lists_show_only_administered_organisations(admin_client, personas):
    html = admin_client.get(reverse("admin:partners_staffrole_changelist")).content.decode()
    assert personas.technician.full_name in html
    assert personas.social_worker.full_name not in html


# -- the audit log of account changes ------------------------------------------------------


def test_account_change_is_audited_with_before_and_after(admin_client, personas):
    page = admin_client.get(_change_url(personas.technician))
    data = admin_form_data(page)
    data.update({"email": "tom.new@example.org", "is_active": ""})
    data.pop("is_active")
    response = admin_client.post(_change_url(personas.technician), data)
    assert response.status_code == 302
    entry = AuditEntry.objects.get(object_type="account", object_id=str(personas.technician.pk))
    assert entry.actor == personas.admin
    assert "email: tech@example.org → tom.new@example.org" in entry.purpose
    assert "is_active: True → False" in entry.purpose
    assert entry.ip_address == "127.0.0.1"


def test_password_change_is_audited_without_the_password(client, personas):
    client.force_login(personas.tenant)
    client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "correct horse battery staple",
            "password1": "another long passphrase 77",
            "password2": "another long passphrase 77",
        },
    )
    entry = AuditEntry.objects.get(object_type="account", object_id=str(personas.tenant.pk))
    assert entry.actor == personas.tenant
    assert "password: – → (changed)" in entry.purpose
    assert "passphrase" not in entry.purpose and "md5" not in entry.purpose


def test_createsuperuser_command_is_audited(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a long passphrase for root 9")
    call_command(
        "createsuperuser",
        "--noinput",
        "--email",
        "root2@example.org",
        "--full_name",
        "Root Twee",
        verbosity=0,
    )
    entry = AuditEntry.objects.get(object_type="account", action="create")
    assert entry.actor is None
    assert entry.actor_label == "command: createsuperuser"
    assert "is_superuser: – → True" in entry.purpose


def test_changepassword_command_is_audited(personas, monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "a long new passphrase 31")
    call_command("changepassword", personas.technician.email, verbosity=0, stdout=None)
    entry = AuditEntry.objects.get(object_type="account", object_id=str(personas.technician.pk))
    assert entry.actor_label == "command: changepassword"
    assert "password: – → (changed)" in entry.purpose


def test_logging_in_writes_no_account_change(client, personas):
    client.post(
        reverse("account_login"),
        {"login": personas.tenant.email, "password": "correct horse battery staple"},
    )
    assert not AuditEntry.objects.filter(object_type="account").exists()


def test_audit_entries_of_account_changes_cannot_be_edited(admin_client, personas):
    _add_role(admin_client, personas.technician, personas.housing)
    entry = AuditEntry.objects.get(object_type="staff role")
    with pytest.raises(RuntimeError):
        entry.delete()
    url = reverse("admin:audit_auditentry_change", args=[entry.pk])
    response = admin_client.post(url, {"purpose": "nothing happened"})
    entry.refresh_from_db()
    assert "coordinator" in entry.purpose
    assert response.status_code == 403
