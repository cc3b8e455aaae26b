"""XLSForm from the staff workspace (upload, download) and from the command line, with the
personas allowed and refused."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from wijkpunt.surveys import actions_xlsform, definition
from wijkpunt.surveys.models import Survey
from wijkpunt.surveys.tests.xlsform_books import book, full_book
from wijkpunt.testing import make_personas, rolled_back

pytestmark = pytest.mark.django_db

IMPORT = reverse("surveys:xlsform_import")
BROKEN = book([["type", "name", "label"], ["geopoint", "plek", "Waar?"], ["text", "a b", "A?"]])


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        p = make_personas()
        p.extra["survey"] = actions_xlsform.import_xlsform(
            data=full_book(), organisation=p.housing, by=p.coordinator
        )
        yield p


def _upload(data: bytes, name: str = "bevraging.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator", 200),
        ("buurtwerker", 200),
        ("admin", 200),
        ("woonconsulent", 403),  # sees surveys, does not design them
        ("technician", 403),
        ("social_worker", 403),
        ("tenant", 403),
    ],
)
def test_who_may_open_the_import_page(world, staff_client, persona, status):
    staff_client.force_login(getattr(world, persona))
    response = staff_client.get(IMPORT)
    assert response.status_code == status
    if status == 200:
        assert b'type="file"' in response.content and b'name="file"' in response.content


def test_the_import_page_needs_a_login(client):
    response = client.get(IMPORT)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_designer_imports_a_workbook_into_a_draft_of_their_organisation(world, staff_client):
    staff_client.force_login(world.buurtwerker)
    before = Survey.objects.count()
    response = staff_client.post(IMPORT, {"file": _upload(full_book())}, follow=True)
    assert response.status_code == 200
    survey = Survey.objects.order_by("-pk").first()
    assert Survey.objects.count() == before + 1
    assert survey.organisation == world.community and survey.created_by == world.buurtwerker
    assert "“Bewonersbevraging”" in response.text  # the success message
    assert len(definition.load(survey).questions()) == 10


def test_a_broken_workbook_lists_its_problems_and_asks_for_the_file_again(world, staff_client):
    staff_client.force_login(world.coordinator)
    before = Survey.objects.count()
    response = staff_client.post(IMPORT, {"file": _upload(BROKEN)})
    assert response.status_code == 400
    assert Survey.objects.count() == before
    text = response.content.decode()
    rows = text.split("<tbody")[1].split("</tbody>")[0].count("<tr")
    assert rows == 2  # both problems, each on its row
    assert "<code>type</code> (A)" in text and "<code>name</code> (B)" in text
    assert 'name="file"' in text and 'id="id_file_error"' in text


@pytest.mark.parametrize(
    ("data", "name"),
    [(b"a,b\n1,2\n", "bevraging.csv"), (b"\0" * (2 * 1024 * 1024 + 1), "groot.xlsx")],
    ids=["csv", "too-large"],
)
def test_the_wrong_file_is_refused_by_the_form(world, staff_client, data, name):
    staff_client.force_login(world.coordinator)
    response = staff_client.post(IMPORT, {"file": _upload(data, name)})
    assert response.status_code == 400
    assert 'id="id_file_error"' in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator", 200),
        ("woonconsulent", 200),
        ("buurtwerker", 200),
        ("technician", 404),
        ("tenant", 404),
    ],
)
def test_who_may_download_a_survey_as_xlsform(world, staff_client, persona, status):
    staff_client.force_login(getattr(world, persona))
    response = staff_client.get(reverse("surveys:xlsform_export", args=[world.extra["survey"].pk]))
    assert response.status_code == status
    if status == 200:
        assert "bewoners_2026-v3.xlsx" in response["Content-Disposition"]
        sheets = load_workbook(io.BytesIO(response.content), read_only=True).sheetnames
        assert sheets == ["survey", "choices", "settings"]


def test_an_unknown_survey_is_not_found(world, staff_client):
    staff_client.force_login(world.coordinator)
    assert staff_client.get(reverse("surveys:xlsform_export", args=[999999])).status_code == 404


def test_the_command_line_imports_and_exports(world, tmp_path, capsys):
    source = tmp_path / "bevraging.xlsx"
    source.write_bytes(full_book())
    call_command("surveys", "import-xlsform", str(source), "--organisation", "ocmw-testgem")
    out = capsys.readouterr().out.strip().splitlines()
    survey = Survey.objects.get(pk=int(out[-1]))
    assert survey.organisation == world.ocmw
    target = tmp_path / "terug.xlsx"
    call_command("surveys", "export-xlsform", str(survey.pk), str(target))
    again = actions_xlsform.import_xlsform(data=target.read_bytes(), organisation=world.ocmw)
    assert len(definition.load(again).all_items()) == len(definition.load(survey).all_items())


def test_the_command_line_refuses_a_broken_workbook_with_exit_code_1(world, tmp_path, capsys):
    source = tmp_path / "kapot.xlsx"
    source.write_bytes(BROKEN)
    before = Survey.objects.count()
    with pytest.raises(CommandError) as caught:
        call_command("surveys", "import-xlsform", str(source), "--organisation", str(world.ocmw.pk))
    assert caught.value.returncode == 1
    assert Survey.objects.count() == before
    err = capsys.readouterr().err
    assert err.count("survey") >= 2 and "(A)" in err and "(B)" in err
    with pytest.raises(CommandError):
        call_command("surveys", "import-xlsform", str(source))  # which organisation?
