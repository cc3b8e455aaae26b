"""``wijkpunt demo``: loads once, refuses to duplicate, --reset starts over, audit log stays."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wijkpunt.accounts.models import User
from wijkpunt.audit.actions import AuditAction, record
from wijkpunt.audit.models import AuditEntry
from wijkpunt.demo import data
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


def test_loads_the_demo_lists_the_accounts_and_a_second_run_changes_nothing(db, demo_settings):
    output = run()
    assert "Demo loaded" in output
    assert "wijkpunt-demo" in output
    assert "technieker@demo.wijkpunt.be" in output
    assert Estate.objects.count() == 4
    assert Dwelling.objects.count() >= 450
    before = counts()
    output = run()
    assert "already loaded" in output
    assert counts() == before


@pytest.mark.once("postgres")  # the command's logic; the demo itself is made on both engines
def test_reset_with_another_seed_starts_over_and_keeps_the_audit_log_and_other_data(
    db, demo_settings, personas
):
    """One demo load and one reset (each takes seconds) check everything --reset promises."""
    run("--seed", "42")
    before = counts()
    first = list(Household.objects.order_by("external_ref").values_list("name", flat=True)[:20])
    old_household = (
        Household.objects.filter(external_ref__startswith=data.REF_PREFIX).order_by("pk").first()
    )
    coordinator = User.objects.get(email="coordinator@demo.wijkpunt.be")
    record(
        actor=coordinator,
        action=AuditAction.VIEW,
        object_type="household",
        object_id=old_household.pk,
        household_id=old_household.pk,
    )
    output = run("--reset", "--seed", "43")
    assert "Removed the earlier demo" in output
    # Fresh demo data from the other seed: the same estates, other households.
    after = counts()
    for fixed in ("estates", "dwellings", "organisations"):
        assert after[fixed] == before[fixed], fixed
    assert after["households"] > 400 and after["tenancies"] >= after["households"]
    assert not Household.objects.filter(pk=old_household.pk).exists()
    second = list(Household.objects.order_by("external_ref").values_list("name", flat=True)[:20])
    assert first != second
    # The audit log keeps what happened to the old demo's households, with who did it.
    entry = AuditEntry.objects.get(household_id=old_household.pk)
    assert entry.actor_label == str(coordinator)
    # What is not demo data stays.
    assert Estate.objects.filter(pk=personas.estate.pk).exists()
    assert Household.objects.filter(pk=personas.household.pk).exists()
    assert User.objects.filter(pk=personas.technician.pk).exists()
    assert Organisation.objects.filter(pk=personas.housing.pk).exists()


def test_refuses_outside_demo_and_debug_mode(db, settings):
    settings.DEMO_MODE = False
    settings.DEBUG = False
    with pytest.raises(CommandError, match="demo mode"):
        run()
    assert not User.objects.filter(is_demo=True).exists()
    assert not Estate.objects.exists()
