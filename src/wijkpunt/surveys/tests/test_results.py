"""Results of a closed wave: the figures on a small known data set, suppression on the pages,
masked open answers, exports, the PDF report, comparison, publishing and the residents'
pages — with the personas allowed and refused."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkpunt.audit.models import AuditEntry
from wijkpunt.housing.models import Building
from wijkpunt.outreach.models.reach import Delivery
from wijkpunt.surveys import actions_results, exports, results
from wijkpunt.surveys.definition import load
from wijkpunt.surveys.models import (
    Answer,
    Choice,
    Question,
    Response,
    Section,
    Survey,
    Wave,
    WaveStatus,
)
from wijkpunt.surveys.workflow import TransitionError
from wijkpunt.testing import make_personas, rolled_back

pytestmark = pytest.mark.django_db

OPEN_TEXT = "Meneer Janssens van nr 12 helpt goed, bel hem op 0470 12 34 56 of jan@voorbeeld.be"


def _survey(org) -> Survey:
    survey = Survey.objects.create(
        title={"nl-be": "Bewonersbevraging", "fr": "Enquête des habitants"},
        organisation=org,
        languages=["nl-be", "fr"],
        form_id="bewoners",
    )
    section = Section.objects.create(survey=survey, name="dienst", title={"nl-be": "Dienst"})

    def question(name, kind, position, **extra):
        return Question.objects.create(
            survey=survey,
            section=section,
            name=name,
            kind=kind,
            position=position,
            label={"nl-be": f"Vraag {name}", "fr": f"Question {name}"},
            **extra,
        )

    single = question("geholpen", "single", 1)
    for n, value in enumerate(["ja", "nee", "weet_niet"]):
        Choice.objects.create(question=single, value=value, position=n, label={"nl-be": value})
    scale = question("tevreden", "scale5", 2)
    for score in range(1, 6):
        Choice.objects.create(
            question=scale,
            value=str(score),
            score=score,
            position=score,
            label={"nl-be": f"s{score}"},
        )
    Choice.objects.create(question=scale, value="nvt", position=6, label={"nl-be": "Geen mening"})
    question("cijfer", "rating10", 3)
    multi = question("wat", "multiple", 4)
    for n, value in enumerate(["a", "b", "c"]):
        Choice.objects.create(question=multi, value=value, position=n, label={"nl-be": value})
    question("opmerking", "long_text", 5)
    return survey


def _respond(wave, estate, building, answers: dict):
    response = Response.objects.create(
        wave=wave, estate=estate, building=building, language="nl-be"
    )
    questions = {q.name: q for q in Question.objects.filter(survey=wave.survey)}
    for name, value in answers.items():
        q = questions[name]
        if q.kind == "multiple":
            for v in value:
                Answer.objects.create(response=response, question=q, choice=v)
        elif q.kind == "rating10":
            Answer.objects.create(response=response, question=q, number=Decimal(value))
        elif q.kind == "long_text":
            Answer.objects.create(response=response, question=q, text=value)
        else:
            Answer.objects.create(response=response, question=q, choice=value)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        p = make_personas()
        today = timezone.localdate()
        b1 = p.building
        b2 = Building.objects.create(
            estate=p.estate, street="Lindenplein", number="9", postcode="8560", city="Testgem"
        )
        survey = _survey(p.community)
        wave = Wave.objects.create(
            survey=survey,
            name="Najaar",
            opens_on=today - dt.timedelta(days=30),
            closes_on=today - dt.timedelta(days=2),
            status=WaveStatus.CLOSED,
        )
        wave.estates.add(p.estate)
        singles = ["ja"] * 5 + ["nee"] * 2 + ["weet_niet"]
        scales = ["4", "4", "5", "3", "2", "nvt", "5", "4"]
        ratings = [7, 8, 9, 6, 7, 8, 10, 5]
        multis = [["a", "b"], ["a"], ["b"], ["a", "c"], ["a"], [], ["c"], ["a"]]
        for i in range(8):  # building 1: shown
            answers = {"geholpen": singles[i], "tevreden": scales[i], "cijfer": ratings[i]}
            if multis[i]:
                answers["wat"] = multis[i]
            if i < 5:
                answers["opmerking"] = OPEN_TEXT if i == 0 else f"Opmerking {i}"
            _respond(wave, p.estate, b1, answers)
        for i in range(6):  # building 2: hidden to protect the three below
            _respond(wave, p.estate, b2, {"geholpen": "ja" if i < 3 else "nee", "tevreden": "3"})
        for _i in range(3):  # building emptied at closing (too few answered there)
            _respond(wave, p.estate, None, {"geholpen": "nee", "tevreden": "1"})
        earlier = Wave.objects.create(
            survey=survey,
            name="Voorjaar",
            opens_on=today - dt.timedelta(days=200),
            closes_on=today - dt.timedelta(days=170),
            status=WaveStatus.CLOSED,
        )
        earlier.estates.add(p.estate)
        for i in range(10):
            _respond(earlier, p.estate, b1, {"geholpen": "ja" if i < 5 else "nee", "tevreden": "2"})
        open_wave = Wave.objects.create(
            survey=survey,
            name="Nu",
            opens_on=today,
            closes_on=today + dt.timedelta(days=10),
            status=WaveStatus.OPEN,
        )
        open_wave.estates.add(p.estate)
        both = Wave.objects.create(
            survey=survey,
            name="Twee wijken",
            opens_on=today - dt.timedelta(days=30),
            closes_on=today - dt.timedelta(days=2),
            status=WaveStatus.CLOSED,
        )
        both.estates.add(p.estate, p.other_estate)
        yield {
            "p": p,
            "b1": b1,
            "b2": b2,
            "wave": wave,
            "earlier": earlier,
            "open": open_wave,
            "both": both,
        }


@pytest.fixture(autouse=True)
def _no_cached_figures():
    cache.clear()
    yield
    cache.clear()


def _q(wave, name) -> int:
    return Question.objects.get(survey=wave.survey, name=name).pk


# -- figures --------------------------------------------------------------------------------


def test_figures_of_a_known_data_set(world):
    wave = world["wave"]
    figures = results.compute(wave)
    whole = figures.groups[results.WAVE]
    assert whole.responses == 17
    building = figures.groups[results.building_group(world["p"].estate.pk, world["b1"].pk)]
    assert building.responses == 8
    scale = building.questions[_q(wave, "tevreden")]
    assert scale.answered == 8
    # 4,4,5,3,2,5,4 ("no opinion" counted, not in the mean): mean 27/7, median 4
    assert scale.mean == round(27 / 7, 2) and scale.median == 4
    counts = {c.value: c.count for c in scale.choices}
    assert counts["nvt"] == 1 or next(c for c in scale.choices if c.value == "nvt").count == 1
    rating = building.questions[_q(wave, "cijfer")]
    assert rating.mean == 7.5 and rating.median == 7.5
    multi = building.questions[_q(wave, "wat")]
    assert multi.answered == 7  # respondents, not ticks
    a = next(c for c in multi.choices if c.value == "a")
    assert a.count == 5 and a.percent == round(100 * 5 / 7, 1)


def test_figures_are_counted_by_the_database_in_a_few_queries(world):
    definition = load(world["wave"].survey)
    with CaptureQueriesContext(connection) as queries:
        results.compute(world["wave"], definition)
    assert len(queries) <= 4  # the wave's estates, then three GROUP BY queries


def test_a_closed_waves_figures_are_cached(world):
    wave = world["wave"]
    results.figures(wave)
    with CaptureQueriesContext(connection) as queries:
        again = results.figures(wave)
    assert again is not None and len(queries) <= 1  # one cache read
    assert results.figures(world["open"]) is None


def test_complementary_suppression_hides_the_next_smallest_building(world):
    figures = results.compute(world["wave"])
    estate = world["p"].estate.pk
    assert figures.groups[results.building_group(estate, world["b1"].pk)].shown
    # Building 2 has 6 answers, but showing it would give the 3 without a building away.
    assert not figures.groups[results.building_group(estate, world["b2"].pk)].shown


def test_a_small_choice_count_is_masked_where_it_cannot_be_recomputed(world):
    wave = world["wave"]
    whole = results.compute(wave).groups[results.WAVE].questions[_q(wave, "geholpen")]
    states = {c.value: (c.count, c.masked) for c in whole.choices}
    assert states["weet_niet"] == (None, "small")
    # the total minus the others would give it back: one more is hidden
    assert sum(1 for c in whole.choices if c.masked) >= 2


# -- the staff page -------------------------------------------------------------------------


def test_results_page_per_persona(world, staff_client):
    wave = world["wave"]
    url = reverse("surveys:results", args=[wave.pk])
    p = world["p"]
    for user, status in [
        (p.coordinator, 200),
        (p.buurtwerker, 200),
        (p.woonconsulent, 200),
        (p.admin, 200),
        (p.technician, 404),
        (p.social_worker, 404),
    ]:
        staff_client.force_login(user)
        assert staff_client.get(url).status_code == status, user
    staff_client.force_login(p.tenant)
    assert staff_client.get(url).status_code == 403
    # a wave over an estate the community worker does not cover: not even seen
    staff_client.force_login(p.buurtwerker)
    assert staff_client.get(reverse("surveys:results", args=[world["both"].pk])).status_code == 404


def test_results_page_shows_charts_tables_and_masked_open_answers(world, staff_client):
    wave = world["wave"]
    staff_client.force_login(world["p"].coordinator)
    before = AuditEntry.objects.filter(object_type="survey-open-answers").count()
    page = staff_client.get(reverse("surveys:results", args=[wave.pk])).content.decode()
    # Each chart names itself (whatever page shows it) and comes with its table.
    assert re.search(r'<svg[^>]*role="img"[^>]*><title>[^<]+</title><desc>', page)
    assert "<table" in page
    assert "17 antwoorden" in page
    assert "&lt; 5" in page
    assert "Janssens" not in page and "0470" not in page and "jan@voorbeeld.be" not in page
    assert "[naam]" in page and "[telefoon]" in page and "[e-mail]" in page
    assert AuditEntry.objects.filter(object_type="survey-open-answers").count() == before + 1
    # the tenant consultant sees figures, not the open answers
    staff_client.force_login(world["p"].woonconsulent)
    page = staff_client.get(reverse("surveys:results", args=[wave.pk])).content.decode()
    assert "Opmerking 1" not in page and "[telefoon]" not in page


def test_a_hidden_building_shows_no_figures(world, staff_client):
    wave = world["wave"]
    staff_client.force_login(world["p"].coordinator)
    url = reverse("surveys:results", args=[wave.pk])
    page = staff_client.get(url, {"groep": f"building-{world['b2'].pk}"}).content.decode()
    assert "Te weinig antwoorden om cijfers te tonen voor deze groep" in page
    assert 'role="img"' not in page
    shown = staff_client.get(url, {"groep": f"building-{world['b1'].pk}"}).content.decode()
    assert "8 antwoorden" in shown


def test_an_open_wave_has_no_results_yet(world, staff_client):
    staff_client.force_login(world["p"].coordinator)
    page = staff_client.get(reverse("surveys:results", args=[world["open"].pk]))
    assert page.status_code == 200
    assert "De resultaten verschijnen als de ronde afgesloten is." in page.content.decode()


def test_compare_two_waves_shows_the_change_in_points(world, staff_client):
    wave = world["wave"]
    staff_client.force_login(world["p"].coordinator)
    url = reverse("surveys:results_compare", args=[wave.pk])
    page = staff_client.get(url, {"met": world["earlier"].pk, "a": "wave"})
    assert page.status_code == 200
    text = page.content.decode()
    # "no": 50 % in spring, 8 of 17 now: 2.9 points less
    assert 'sv-change">−2,9<' in text or 'sv-change">−2.9<' in text
    assert staff_client.get(url, {"met": "999999"}).status_code == 400
    staff_client.force_login(world["p"].technician)
    assert staff_client.get(url).status_code == 404


# -- exports and the report -----------------------------------------------------------------


def test_exports_open_and_leave_out_hidden_groups(world, staff_client):
    wave = world["wave"]
    staff_client.force_login(world["p"].coordinator)
    url = reverse("surveys:results_export", args=[wave.pk, "csv"])
    reply = staff_client.get(url, {"inhoud": "antwoorden"})
    assert reply.status_code == 200
    rows = list(csv.reader(io.StringIO(reply.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 17
    buildings = {r[1] for r in rows[1:]}
    assert "Lindenplein 1" in buildings and "Lindenplein 9" not in buildings
    assert not any("Janssens" in cell or "0470" in cell for r in rows for cell in r)
    figures = staff_client.get(url, {"inhoud": "cijfers"}).content.decode("utf-8-sig")
    assert "Lindenplein 9" not in figures and "< 5" in figures
    xlsx = staff_client.get(reverse("surveys:results_export", args=[wave.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    assert next(book.active.iter_rows(values_only=True))[0] == "Groep"
    assert AuditEntry.objects.filter(object_type="survey-answers", action="export").exists()
    # the tenant consultant may export figures, not the answers
    staff_client.force_login(world["p"].woonconsulent)
    assert staff_client.get(url, {"inhoud": "antwoorden"}).status_code == 403
    assert staff_client.get(url, {"inhoud": "cijfers"}).status_code == 200
    assert (
        staff_client.get(reverse("surveys:results_export", args=[wave.pk, "exe"])).status_code
        == 404
    )


def test_exported_cells_never_become_formulas():
    """An open answer such as "=HYPERLINK(…)" stays text (core.spreadsheet); numbers stay
    numbers."""
    from openpyxl import load_workbook

    from wijkpunt.core.spreadsheet import FORMULA_START, read_cell

    dangerous = ['=HYPERLINK("http://x","Klik")', "+32 470", "@SUM(A1)", "-weg"]
    header, rows = ["=Groep", "Antwoord", "Aantal"], [[d, d, -1] for d in dangerous]
    reply = exports.response("csv", "t", header, rows)
    cells = list(csv.reader(io.StringIO(reply.content.decode("utf-8-sig")), delimiter=";"))
    assert not [c for row in cells for c in row[:2] if c[:1] in FORMULA_START]
    assert [[read_cell(c) for c in row[:2]] for row in cells[1:]] == [[d, d] for d in dangerous]
    assert {row[2] for row in cells[1:]} == {"-1"}
    reply = exports.response("xlsx", "t", header, rows)
    sheet = load_workbook(io.BytesIO(reply.content)).active
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "=Groep" and [list(v) for v in values[1:]] == rows


def test_pdf_report(world, staff_client):
    staff_client.force_login(world["p"].coordinator)
    reply = staff_client.get(reverse("surveys:results_report", args=[world["wave"].pk]))
    assert reply.status_code == 200 and reply.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(object_type="survey-report").exists()
    staff_client.force_login(world["p"].technician)
    assert (
        staff_client.get(reverse("surveys:results_report", args=[world["wave"].pk])).status_code
        == 404
    )


# -- publishing and the residents' pages ----------------------------------------------------


def test_publish_needs_the_publish_role_and_a_closed_wave(world, staff_client):
    p = world["p"]
    url = reverse("surveys:results_publish", args=[world["wave"].pk])
    staff_client.force_login(p.buurtwerker)
    assert staff_client.post(url).status_code == 403
    staff_client.force_login(p.coordinator)
    assert staff_client.get(url).status_code == 200
    with pytest.raises(TransitionError):
        actions_results.publish_results(wave=world["open"], by=p.coordinator)
    reply = staff_client.post(reverse("surveys:results_publish", args=[world["open"].pk]))
    assert reply.status_code == 400


def test_publish_tells_the_residents_and_the_public_page_shows_it(
    world, staff_client, client, django_capture_on_commit_callbacks
):
    p = world["p"]
    wave = world["wave"]
    public = reverse("surveys_public:estate_results", kwargs={"estate": p.estate.slug})
    assert "Er zijn nog geen resultaten van bevragingen" in client.get(public).content.decode()
    staff_client.force_login(p.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        reply = staff_client.post(reverse("surveys:results_publish", args=[wave.pk]))
    assert reply.status_code == 302
    wave.refresh_from_db()
    assert wave.results_published_at is not None
    told = Delivery.objects.filter(kind=actions_results.KIND, ref=str(wave.pk))
    assert told.filter(household=p.household).exists()
    assert not told.filter(household=p.other_household).exists()  # lives in the other estate
    assert told.filter(household=p.household, channel="portal").exists()  # An has an account
    client.logout()
    page = client.get(public)
    text = page.content.decode()
    assert page.status_code == 200 and "Bewonersbevraging" in text and "17 gezinnen" in text
    assert 'role="img"' in text and "&lt; 5" in text
    assert "Opmerking" not in text  # open answers are never public
    assert "Voorjaar" not in text  # not published
    french = client.get(public, {"taal": "fr"}).content.decode()
    assert "Enquête des habitants" in french
    other = reverse("surveys_public:estate_results", kwargs={"estate": p.other_estate.slug})
    assert "Bewonersbevraging" not in client.get(other).content.decode()
    # the tenant's portal
    client.force_login(p.tenant)
    mine = client.get(reverse("surveys_public:portal_results"))
    assert mine.status_code == 200 and "Bewonersbevraging" in mine.content.decode()
    client.force_login(p.other_tenant)
    theirs = client.get(reverse("surveys_public:portal_results")).content.decode()
    assert "Bewonersbevraging" not in theirs
    client.force_login(p.coordinator)
    assert client.get(reverse("surveys_public:portal_results")).status_code == 403


def test_closing_a_wave_fills_the_cache(world, django_capture_on_commit_callbacks):
    from wijkpunt.surveys import actions

    today = timezone.localdate()
    wave = Wave.objects.create(
        survey=world["wave"].survey,
        name="Kort",
        opens_on=today,
        closes_on=today + dt.timedelta(days=3),
    )
    wave.estates.add(world["p"].estate)
    actions.open_wave(wave=wave)
    with django_capture_on_commit_callbacks(execute=True):
        actions.close_wave(wave=wave)
    wave.refresh_from_db()
    assert isinstance(cache.get(results.cache_key(wave)), results.WaveFigures)
