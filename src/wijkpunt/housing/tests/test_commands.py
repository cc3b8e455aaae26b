"""``wijkpunt import`` and ``wijkpunt export``."""

from __future__ import annotations

import pytest
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

from wijkpunt.audit.models import AuditEntry
from wijkpunt.housing.models import Dwelling

from .conftest import DWELLING_ROWS, dwelling_csv

pytestmark = pytest.mark.django_db


def test_the_commands_are_found():
    assert get_commands()["import"] == "wijkpunt.housing"
    assert get_commands()["export"] == "wijkpunt.housing"
    assert get_commands()["bench"] == "wijkpunt.core"


def test_import_dry_run_then_real(personas, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_bytes(dwelling_csv(*DWELLING_ROWS))
    call_command("import", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "Gecontroleerd: geen problemen gevonden" in out
    assert not Dwelling.objects.filter(external_ref="W-10").exists()
    call_command("import", str(path), "--as", "verhuur@example.org")
    assert "Geïmporteerd" in capsys.readouterr().out
    assert Dwelling.objects.filter(external_ref="W-10").exists()
    assert AuditEntry.objects.get(action="import").actor == personas.letting


def test_import_with_problems_exits_1(personas, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_bytes(dwelling_csv(DWELLING_ROWS[0].replace("01/02/2021", "31/02/2021")))
    with pytest.raises(CommandError) as error:
        call_command("import", str(path))
    assert error.value.returncode == 1
    assert "Regel 2, kolom startdatum: 31/02/2021 is geen geldige datum" in capsys.readouterr().out
    assert not Dwelling.objects.filter(external_ref="W-10").exists()


def test_import_missing_file_or_user(personas, tmp_path):
    with pytest.raises(CommandError, match="File not found"):
        call_command("import", str(tmp_path / "nope.csv"))
    path = tmp_path / "register.csv"
    path.write_bytes(dwelling_csv(*DWELLING_ROWS))
    with pytest.raises(CommandError, match="No user"):
        call_command("import", str(path), "--as", "wie@example.org")


def test_export_and_reimport(personas, tmp_path, capsys):
    path = tmp_path / "out.xlsx"
    call_command("export", str(path), "--estate", "beukenhof")
    assert "1 rows written" in capsys.readouterr().out
    assert AuditEntry.objects.filter(action="export").count() == 1
    call_command("import", str(path), "--json")
    assert '"updated": 0' in capsys.readouterr().out
    residents = tmp_path / "bewoners.csv"
    call_command("export", str(residents), "--residents")
    assert residents.read_bytes().startswith(b"\xef\xbb\xbfbewoner_ref;gezin_ref")
    with pytest.raises(CommandError, match="Unknown estate"):
        call_command("export", str(path), "--estate", "nergens")
    with pytest.raises(CommandError, match=r"\.csv or \.xlsx"):
        call_command("export", str(tmp_path / "out.pdf"))
