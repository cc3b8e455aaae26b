"""The timeline by need-to-know: each entry owned by an organisation with a sensitivity; what a
reader may not see does not show at all. Append-only, with corrections that supersede."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkpunt.households import access, actions
from wijkpunt.households.models import ConsentPurpose, TimelineEntry


@pytest.fixture
def ocmw_client_file(personas):
    actions.record_client(
        household=personas.household,
        user=personas.social_worker,
        reason="Cliënt van de sociale dienst sinds maart.",
    )


@pytest.fixture
def entries(personas, ocmw_client_file):
    h = personas.household
    return {
        "housing": actions.record_contact(
            household=h,
            user=personas.woonconsulent,
            mode="phone",
            title="Huurachterstand besproken",
            note="Huur herberekend op het nieuwe inkomen",
            sensitivity="housing",
        ),
        "social": actions.record_contact(
            household=h,
            user=personas.social_worker,
            mode="counter",
            title="Leefloon aangevraagd",
            sensitivity="social",
        ),
        "shared": actions.record_contact(
            household=h,
            user=personas.social_worker,
            mode="home_visit",
            title="Huisbezoek samen gepland",
            sensitivity="shared",
        ),
    }


def page(client, personas):
    return client.get(f"/werk/huishoudens/{personas.household.pk}/").content.decode()


@pytest.mark.parametrize(
    ("persona", "sees", "does_not_see"),
    [
        ("woonconsulent", ["Huurachterstand", "Huisbezoek"], ["Leefloon"]),
        ("coordinator", ["Huurachterstand", "Huisbezoek"], ["Leefloon"]),
        ("technician", ["Huisbezoek"], ["Huurachterstand", "Leefloon"]),
        ("social_worker", ["Leefloon", "Huisbezoek"], ["Huurachterstand", "herberekend"]),
        ("budget_worker", ["Leefloon", "Huisbezoek"], ["Huurachterstand"]),
        ("ocmw_reception", ["Huisbezoek"], ["Leefloon", "Huurachterstand"]),
    ],
)
def test_each_reader_sees_what_their_organisation_and_role_may_see(
    personas, login, entries, persona, sees, does_not_see
):
    html = page(login(getattr(personas, persona)), personas)
    for text in sees:
        assert text in html, text
    for text in does_not_see:
        assert text not in html, text
    assert "verborgen" not in html.lower()


def test_a_consent_shares_a_kind_of_information_with_a_named_organisation(personas, login, entries):
    actions.record_consent(
        household=personas.household,
        user=personas.woonconsulent,
        purpose=ConsentPurpose.SHARE,
        decision="given",
        method="spoken",
        witness="Buurvrouw",
        recipient=personas.ocmw,
        scope=["housing"],
    )
    html = page(login(personas.social_worker), personas)
    assert "Huurachterstand" in html
    # Not with another organisation, nor with a role that works with no file.
    assert "Leefloon" not in page(login(personas.woonconsulent), personas)


def test_the_query_count_does_not_grow_with_the_entries(personas, login, ocmw_client_file):
    client = login(personas.social_worker)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/werk/huishoudens/{personas.household.pk}/").status_code == 200
        return len(queries)

    actions.record_contact(
        household=personas.household,
        user=personas.social_worker,
        mode="phone",
        title="Een",
        sensitivity="social",
    )
    few = count()
    for i in range(30):
        actions.record_contact(
            household=personas.household,
            user=personas.social_worker,
            mode="phone",
            title=f"Gesprek {i}",
            sensitivity="social",
        )
    assert count() == few


def test_entries_are_append_only_and_a_correction_keeps_the_old_text(personas, login, entries):
    old = entries["housing"]
    with pytest.raises(ValidationError):
        old.save()
    with pytest.raises(ValidationError):
        old.delete()
    new = actions.correct_entry(
        entry=old,
        user=personas.woonconsulent,
        title="Huurachterstand van twee maanden besproken",
        note="",
        reason="Het waren twee maanden",
    )
    client = login(personas.woonconsulent)
    html = page(client, personas)
    assert "twee maanden besproken" in html and "Gecorrigeerd" in html
    versions = client.get(f"/werk/huishoudens/{personas.household.pk}/lijn/{new.pk}/versies/")
    text = versions.content.decode()
    assert "Huurachterstand besproken" in text and "Het waren twee maanden" in text
    assert TimelineEntry.objects.filter(pk=old.pk).exists()
    with pytest.raises(ValidationError):
        actions.correct_entry(
            entry=old, user=personas.woonconsulent, title="x", note="", reason="y"
        )


def test_only_the_writing_organisation_corrects(personas, entries):
    with pytest.raises(PermissionDenied):
        actions.correct_entry(
            entry=entries["housing"], user=personas.social_worker, title="x", note="", reason="y"
        )


def test_recording_a_contact_from_the_page(personas, login, ocmw_client_file):
    client = login(personas.social_worker)
    url = f"/werk/huishoudens/{personas.household.pk}/contact/"
    bad = client.post(url, {"mode": "phone", "title": "", "sensitivity": "social", "note": "bel"})
    assert bad.status_code == 400 and "bel" in bad.content.decode()
    refused = client.post(url, {"mode": "phone", "title": "x", "sensitivity": "housing"})
    assert refused.status_code == 400
    ok = client.post(url, {"mode": "phone", "title": "Teruggebeld", "sensitivity": "social"})
    assert ok.status_code == 302
    assert "Teruggebeld" in page(client, personas)
    # A partner without a reason cannot write in the file.
    assert (
        login(personas.buurtwerker)
        .post(url, {"mode": "phone", "title": "x", "sensitivity": "community"})
        .status_code
        == 403
    )


def test_what_a_worker_types_is_shown_as_text_never_as_html(personas, login, ocmw_client_file):
    actions.record_contact(
        household=personas.household,
        user=personas.social_worker,
        mode="phone",
        title="<script>alert(1)</script> & co",
        note="Regel één\n<b>vet</b>",
        sensitivity="social",
    )
    html = page(login(personas.social_worker), personas)
    assert "<script>alert(1)</script>" not in html and "<b>vet</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "Regel één<br>&lt;b&gt;vet&lt;/b&gt;" in html


def test_tenancy_events_are_lines_of_the_housing_company(personas):
    """An import's tenancy (and every later change) is a line of the household's timeline,
    owned by the housing company of the estate, read by the roles that work with housing."""
    from wijkpunt.households.models import EntryKind
    from wijkpunt.housing.models import Household
    from wijkpunt.housing.tests.conftest import DWELLING_ROWS, dwelling_csv, run

    report = run(dwelling_csv(DWELLING_ROWS[0]), user=personas.letting)
    assert not report["problems"], report["problems"]
    household = Household.objects.get(external_ref="H-10")
    lines = TimelineEntry.objects.filter(household=household, kind=EntryKind.TENANCY)
    assert [(e.organisation, e.sensitivity) for e in lines] == [(personas.housing, "housing")]
    assert "Lindenplein 1" in lines[0].title
    assert (
        access.visible_entries(personas.woonconsulent, household)
        .filter(kind=EntryKind.TENANCY)
        .exists()
    )
    assert (
        not access.visible_entries(personas.social_worker, household)
        .filter(kind=EntryKind.TENANCY)
        .exists()
    )
