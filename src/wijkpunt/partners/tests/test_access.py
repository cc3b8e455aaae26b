"""partners.access: who works where, and what an administrator may manage."""

from __future__ import annotations

import pytest

from wijkpunt.accounts.models import User
from wijkpunt.partners import access
from wijkpunt.partners.models import Role, StaffRole

pytestmark = pytest.mark.django_db


def test_active_roles_are_loaded_once_per_user(personas, django_assert_num_queries):
    user = User.objects.get(pk=personas.social_worker.pk)
    with django_assert_num_queries(4):  # the cheap check, roles, estates, organisation estates
        roles = access.active_roles(user)
    with django_assert_num_queries(0):
        assert access.active_roles(user) is roles
    assert [(r.role, r.organisation.name) for r in roles] == [("social_worker", "OCMW Testgem")]


def test_tenants_and_anonymous_have_no_roles_with_one_cheap_query(
    personas, django_assert_num_queries
):
    from django.contrib.auth.models import AnonymousUser

    assert access.active_roles(AnonymousUser()) == []
    assert access.active_roles(None) == []
    tenant = User.objects.get(pk=personas.tenant.pk)
    with django_assert_num_queries(1):
        assert access.active_roles(tenant) == []


def test_inactive_roles_do_not_count(personas):
    StaffRole.objects.filter(user=personas.technician).update(active=False)
    user = User.objects.get(pk=personas.technician.pk)
    assert access.active_roles(user) == []
    assert not access.has_staff_role(user)
    assert not user.has_staff_role


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("technician", True),
        ("social_worker", True),
        ("buurtwerker", True),
        ("admin", True),
        ("tenant", False),
        ("outsider", False),
    ],
)
def test_has_staff_role_is_the_one_question(personas, persona, expected):
    user = getattr(personas, persona)
    assert access.has_staff_role(user) is expected
    assert user.has_staff_role is expected


def test_staff_role_is_not_djangos_is_staff(personas):
    root = User.objects.create_superuser("root@example.org", "x", full_name="Root")
    assert root.is_staff and not access.has_staff_role(root)
    assert personas.technician.has_staff_role and not personas.technician.is_staff


def test_role_names_kinds_and_has_role(personas):
    assert access.role_names(personas.social_worker) == {"social_worker"}
    assert access.organisation_kinds(personas.social_worker) == {"ocmw"}
    assert access.has_role(personas.admin, Role.ADMINISTRATOR, Role.COORDINATOR)
    assert not access.has_role(personas.technician, Role.ADMINISTRATOR)


def test_estates_of_a_role_without_estates_are_its_organisations(personas):
    # The coordinator has no estates of their own: every estate of the housing company.
    assert access.estate_ids(personas.coordinator) == {
        personas.estate.pk,
        personas.other_estate.pk,
    }
    # The woonconsulent is limited to one estate.
    assert access.estate_ids(personas.woonconsulent) == {personas.estate.pk}
    # OCMW works in one estate only.
    assert access.estate_ids(personas.social_worker) == {personas.estate.pk}
    assert access.estate_ids(personas.tenant) == set()


def test_estates_for_some_roles_only(personas):
    user = personas.woonconsulent
    StaffRole.objects.create(user=user, organisation=personas.housing, role=Role.LETTING)
    user = User.objects.get(pk=user.pk)
    assert access.estate_ids(user, roles={Role.TENANT_CONSULTANT}) == {personas.estate.pk}
    assert access.estate_ids(user, roles={Role.LETTING}) == {
        personas.estate.pk,
        personas.other_estate.pk,
    }
    assert access.estate_ids(user, roles={Role.SOCIAL_WORKER}) == set()


def test_is_administrator(personas):
    assert access.is_administrator(personas.admin)
    assert not access.is_administrator(personas.coordinator)
    root = User.objects.create_superuser("root@example.org", "x", full_name="Root")
    assert access.is_administrator(root)


def test_organisations_of(personas):
    assert list(access.organisations_of(personas.social_worker)) == [personas.ocmw]
    assert list(access.organisations_of(personas.tenant)) == []


# -- administrators are contained --------------------------------------------------------


def test_administered_organisations(personas):
    assert access.administered_organisation_ids(personas.admin) == {personas.housing.pk}
    assert access.administered_organisation_ids(personas.coordinator) == set()


def test_manageable_accounts_of_a_housing_administrator(personas):
    root = User.objects.create_superuser("root@example.org", "x", full_name="Root")
    manageable = set(access.manageable_accounts(personas.admin))
    # Housing company staff, tenants, themselves and accounts without any role.
    for name in ("technician", "woonconsulent", "letting", "coordinator", "tenant", "admin"):
        assert getattr(personas, name) in manageable, name
    assert personas.outsider in manageable
    # Never other organisations' staff, nor superusers.
    for name in ("social_worker", "ocmw_reception", "budget_worker", "buurtwerker"):
        assert getattr(personas, name) not in manageable, name
    assert root not in manageable


def test_staff_with_a_role_elsewhere_too_are_not_manageable(personas):
    StaffRole.objects.create(
        user=personas.technician, organisation=personas.ocmw, role=Role.OCMW_RECEPTION
    )
    assert not access.may_manage_account(personas.admin, personas.technician)


def test_configuration_site_users_are_not_manageable(personas):
    personas.technician.is_staff = True
    personas.technician.save()
    assert not access.may_manage_account(personas.admin, personas.technician)


def test_administrator_of_the_ocmw_manages_ocmw_staff_but_not_tenants(personas):
    ocmw_admin = User.objects.create_user("oa@example.org", "x", full_name="OCMW Admin")
    StaffRole.objects.create(user=ocmw_admin, organisation=personas.ocmw, role=Role.ADMINISTRATOR)
    assert access.may_manage_account(ocmw_admin, personas.social_worker)
    assert not access.may_manage_account(ocmw_admin, personas.tenant)
    assert not access.may_manage_account(ocmw_admin, personas.technician)
    assert access.may_manage_account(ocmw_admin, personas.outsider)


def test_people_without_the_administrator_role_manage_nobody(personas):
    assert not access.manageable_accounts(personas.coordinator).exists()
    assert not access.manageable_roles(personas.coordinator).exists()


def test_superuser_manages_everyone(personas):
    root = User.objects.create_superuser("root@example.org", "x", full_name="Root")
    assert access.manageable_accounts(root).count() == User.objects.count()
    assert access.may_give_role(root, account=root, organisation_id=personas.ocmw.pk)


def test_manageable_roles_exclude_ones_own(personas):
    roles = set(access.manageable_roles(personas.admin))
    assert StaffRole.objects.get(user=personas.technician) in roles
    assert StaffRole.objects.get(user=personas.admin) not in roles
    assert StaffRole.objects.get(user=personas.social_worker) not in roles


@pytest.mark.parametrize(
    ("account", "organisation", "allowed"),
    [
        ("technician", "housing", True),
        ("technician", "ocmw", False),
        ("admin", "housing", False),  # never oneself
        ("social_worker", "housing", False),  # someone of another organisation
        ("outsider", "housing", True),
    ],
)
def test_may_give_role(personas, account, organisation, allowed):
    assert (
        access.may_give_role(
            personas.admin,
            account=getattr(personas, account),
            organisation_id=getattr(personas, organisation).pk,
        )
        is allowed
    )
