"""``wijkpunt demo``: loads once, refuses to duplicate, --reset starts over, audit log stays."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wijkpunt.accounts.models import User
from wijkpunt.audit.actions import AuditAction, record
from wijkpunt.audit.models import AuditEntry
from wijkpunt.housing.models import Dwelling, Estate, Household, Tenancy
from wijkpunt.partners.models import Organisation


def run(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out, skip_checks=True)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "estates": Estate.objects.count(),
        "dwellings": Dwelling.objects.count(),
        "households": Household.objects.count(),
        "tenancies": Tenancy.objects.count(),
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
    }


@pytest.fixture
def demo_settings(settings, locmem_cache):
    settings.DEMO_MODE = True
    return settings


def test_loads_the_demo_and_lists_the_accounts(db, demo_settings):
    output = run()
    assert "Demo loaded" in output
    assert "wijkpunt-demo" in output
    assert "technieker@demo.wijkpunt.be" in output
    assert Estate.objects.count() == 4
    assert Dwelling.objects.count() >= 450


def test_running_twice_changes_nothing(db, demo_settings):
    run()
    before = counts()
    output = run()
    assert "already loaded" in output
    assert counts() == before


def test_reset_loads_fresh_data_and_keeps_the_audit_log(db, demo_settings):
    run()
    before = counts()
    old_household = Household.objects.order_by("pk").first()
    coordinator = User.objects.get(email="coordinator@demo.wijkpunt.be")
    record(
        actor=coordinator,
        action=AuditAction.VIEW,
        object_type="household",
        object_id=old_household.pk,
        household_id=old_household.pk,
    )
    output = run("--reset")
    assert "Removed the earlier demo" in output
    assert counts() == before
    assert not Household.objects.filter(pk=old_household.pk).exists()
    entry = AuditEntry.objects.get(household_id=old_household.pk)
    assert entry.actor_label == str(coordinator)


def test_reset_keeps_data_that_is_not_demo_data(db, demo_settings, personas):
    run()
    output = run("--reset")
    assert "Removed" in output
    assert Estate.objects.filter(pk=personas.estate.pk).exists()
    assert Household.objects.filter(pk=personas.household.pk).exists()
    assert User.objects.filter(pk=personas.technician.pk).exists()
    assert Organisation.objects.filter(pk=personas.housing.pk).exists()


def test_other_seed(db, demo_settings):
    run("--seed", "42")
    first = list(Household.objects.order_by("external_ref").values_list("name", flat=True)[:20])
    run("--reset", "--seed", "43")
    second = list(Household.objects.order_by("external_ref").values_list("name", flat=True)[:20])
    assert first != second


def test_refuses_outside_demo_and_debug_mode(db, settings):
    settings.DEMO_MODE = False
    settings.DEBUG = False
    with pytest.raises(CommandError, match="demo mode"):
        run()
    assert not User.objects.filter(is_demo=True).exists()
    assert not Estate.objects.exists()
