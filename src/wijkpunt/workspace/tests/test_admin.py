"""The configuration site (Django admin) for the models of partners, housing, accounts,
audit and core."""

import pytest
from django.contrib import admin
from django.urls import reverse

from wijkpunt.accounts.models import User
from wijkpunt.audit.actions import record
from wijkpunt.audit.models import AuditAction, AuditEntry
from wijkpunt.core.models import OutboxMessage, WorkerHeartbeat
from wijkpunt.housing.models import Household, TenancyEvent, TenancyEventKind
from wijkpunt.partners.models import Role, StaffRole
from wijkpunt.testing import PASSWORD

OUR_APPS = {"accounts", "partners", "housing", "audit", "core"}


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(
        email="root@example.org", password=PASSWORD, full_name="Root Beheer"
    )


@pytest.fixture
def admin_client(staff_client, superuser):
    staff_client.force_login(superuser)
    return staff_client


def our_models():
    return [m for m in admin.site._registry if m._meta.app_label in OUR_APPS]


def test_every_configuration_model_is_registered():
    labels = {m._meta.label for m in our_models()}
    assert {
        "partners.Organisation",
        "partners.Team",
        "partners.StaffRole",
        "accounts.User",
        "housing.Estate",
        "housing.Building",
        "housing.Dwelling",
        "housing.CommonSpace",
        "housing.Household",
        "housing.Tenancy",
        "audit.AuditEntry",
        "core.OutboxMessage",
        "core.WorkerHeartbeat",
    } <= labels


def test_changelists_and_add_pages_render(personas, admin_client):
    record(actor=personas.admin, action=AuditAction.VIEW, object_type="household", object_id=1)
    OutboxMessage.objects.create(to="a@example.org", subject="Test", body="Hallo")
    WorkerHeartbeat.objects.create(worker_id="w1")
    for model in our_models():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert admin_client.get(changelist).status_code == 200, changelist
        model_admin = admin.site._registry[model]
        if model_admin.has_add_permission(_request(admin_client)):
            add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
            assert admin_client.get(add).status_code == 200, add
        obj = model.objects.first()
        if obj is not None:
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
            assert admin_client.get(change).status_code == 200, change


def _request(client):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = User.objects.get(email="root@example.org")
    return request


def test_search_and_filters_render(personas, admin_client):
    pages = [
        ("admin:accounts_user_changelist", {"q": "peeters"}),
        ("admin:partners_staffrole_changelist", {"role__exact": Role.TECHNICIAN}),
        ("admin:partners_staffrole_changelist", {"organisation__id__exact": personas.ocmw.pk}),
        ("admin:audit_auditentry_changelist", {"action__exact": "view", "q": "Ada"}),
        ("admin:housing_household_changelist", {"q": "Jef"}),
        ("admin:housing_dwelling_changelist", {"q": "Lindenplein"}),
    ]
    for name, params in pages:
        assert admin_client.get(reverse(name), params).status_code == 200, name


def test_household_change_view_is_audited(personas, admin_client, superuser):
    url = reverse("admin:housing_household_change", args=[personas.household.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Jef" in response.content.decode()
    entry = AuditEntry.objects.get(actor=superuser, object_type="household")
    assert (entry.action, entry.household_id, entry.purpose) == (
        AuditAction.VIEW,
        personas.household.pk,
        "admin",
    )


def test_household_list_is_audited_per_household_shown(personas, admin_client, superuser):
    admin_client.get(reverse("admin:housing_household_changelist"))
    assert set(
        AuditEntry.objects.filter(actor=superuser).values_list("household_id", flat=True)
    ) == {personas.household.pk, personas.other_household.pk}


def test_unknown_household_in_admin_writes_no_audit(personas, admin_client):
    response = admin_client.get(reverse("admin:housing_household_change", args=[999999]))
    assert response.status_code == 302
    assert not AuditEntry.objects.exists()


def test_tenancies_are_read_only_in_the_household_page(personas, admin_client):
    url = reverse("admin:housing_household_change", args=[personas.household.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="tenancies-0-start_date"' not in html


def test_changing_a_tenancy_appends_to_its_history(personas, admin_client, superuser):
    tenancy = personas.household.tenancies.get()
    url = reverse("admin:housing_tenancy_change", args=[tenancy.pk])
    assert admin_client.get(url).status_code == 200
    data = {
        "household": personas.household.pk,
        "dwelling": personas.dwelling.pk,
        "start_date": "2020-03-01",
        "end_date": "",
        "probation_end": "2022-03-01",
        "external_ref": "T-1",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = TenancyEvent.objects.get(tenancy=tenancy)
    assert event.kind == TenancyEventKind.CHANGED
    assert event.by == superuser
    assert event.changes == {"probation_end": [None, "2022-03-01"]}


def test_a_tenancy_ending_before_it_starts_is_refused(personas, admin_client):
    tenancy = personas.household.tenancies.get()
    url = reverse("admin:housing_tenancy_change", args=[tenancy.pk])
    response = admin_client.post(
        url,
        {
            "household": personas.household.pk,
            "dwelling": personas.dwelling.pk,
            "start_date": "2020-03-01",
            "end_date": "2019-01-01",
            "external_ref": "T-1",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "events-MIN_NUM_FORMS": "0",
            "events-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    tenancy.refresh_from_db()
    assert tenancy.end_date is None
    assert not TenancyEvent.objects.exists()


def test_audit_log_cannot_be_added_changed_or_deleted(personas, admin_client):
    entry = record(actor=personas.admin, action=AuditAction.VIEW, object_type="household")
    assert admin_client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])
    response = admin_client.get(change)
    assert response.status_code == 200
    assert 'name="purpose"' not in response.content.decode()
    assert admin_client.post(change, {"purpose": "edited"}).status_code == 403
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.get(pk=entry.pk).purpose == ""


def test_outbox_and_heartbeat_are_read_only(admin_client):
    message = OutboxMessage.objects.create(to="a@example.org", subject="Test", body="Hallo")
    assert admin_client.get(reverse("admin:core_outboxmessage_add")).status_code == 403
    delete = reverse("admin:core_outboxmessage_delete", args=[message.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert admin_client.get(reverse("admin:core_workerheartbeat_add")).status_code == 403


def test_staff_role_is_validated(personas, admin_client):
    user = personas.outsider
    response = admin_client.post(
        reverse("admin:partners_staffrole_add"),
        {
            "user": user.pk,
            "organisation": personas.ocmw.pk,
            "role": Role.TECHNICIAN,
            "active": "on",
        },
    )
    assert response.status_code == 200
    assert "adminform" in response.context
    assert response.context["adminform"].form.errors
    assert not StaffRole.objects.filter(user=user).exists()
    response = admin_client.post(
        reverse("admin:partners_staffrole_add"),
        {
            "user": user.pk,
            "organisation": personas.ocmw.pk,
            "role": Role.SOCIAL_WORKER,
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert StaffRole.objects.filter(user=user, role=Role.SOCIAL_WORKER).exists()


def test_create_user_by_email_and_change_password(personas, admin_client, client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Nieuw.Lid@Example.org",
            "full_name": "Nieuw Lid",
            "usable_password": "true",
            "password1": "een lang en sterk wachtwoord 42",
            "password2": "een lang en sterk wachtwoord 42",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(email="nieuw.lid@example.org")
    assert user.check_password("een lang en sterk wachtwoord 42")
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    response = admin_client.post(
        url,
        {
            "usable_password": "true",
            "password1": "nog een ander sterk wachtwoord 7",
            "password2": "nog een ander sterk wachtwoord 7",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user.refresh_from_db()
    assert user.check_password("nog een ander sterk wachtwoord 7")


def test_duplicate_email_is_refused(personas, admin_client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "TECH@example.org",
            "full_name": "Dubbel",
            "usable_password": "false",
        },
    )
    assert response.status_code == 200
    assert User.objects.filter(email__iexact="tech@example.org").count() == 1


def test_user_change_page_shows_staff_roles(personas, admin_client):
    url = reverse("admin:accounts_user_change", args=[personas.technician.pk])
    html = admin_client.get(url).content.decode()
    assert "staff_roles-TOTAL_FORMS" in html
    assert "../password/" in html  # the link to set a new password


def test_mfa_authenticators_are_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:mfa_authenticator_changelist")).status_code == 200


@pytest.mark.parametrize("persona", ["coordinator", "technician", "tenant", "outsider"])
def test_no_admin_without_the_administrator_role(personas, staff_client, persona):
    staff_client.force_login(getattr(personas, persona))
    response = staff_client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    response = staff_client.get(
        reverse("admin:housing_household_change", args=[personas.household.pk])
    )
    assert response.status_code == 302
    assert not AuditEntry.objects.exists()


def test_admin_requires_a_second_factor(personas, client, superuser, settings):
    settings.STAFF_REQUIRE_MFA = True
    client.force_login(superuser)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_household_deletion_page_exists_for_superuser(personas, admin_client):
    household = Household.objects.create(name="Gezin Leeg")
    url = reverse("admin:housing_household_delete", args=[household.pk])
    assert admin_client.get(url).status_code == 200
