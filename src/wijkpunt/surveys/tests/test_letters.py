"""Invitation and reminder letters of a wave: one letter per household in its language with
its code, address and a paper form; reminders only for unused codes; the pages (who may
print, who may download) and the audit of a download."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from wijkpunt.audit.models import AuditEntry
from wijkpunt.housing.models import Dwelling, Household, Tenancy
from wijkpunt.outreach import letters as outreach_letters
from wijkpunt.outreach.models import LetterBatch, LetterBatchStatus
from wijkpunt.surveys import actions, codes, letters
from wijkpunt.surveys.models import Choice, Question, Section, Survey, SurveyCode, Wave
from wijkpunt.surveys.workflow import TransitionError
from wijkpunt.testing import make_personas, rolled_back

pytestmark = pytest.mark.django_db

LANGUAGES = ("nl-be", "fr", "en")
LABEL = {"nl-be": "Bent u tevreden over de dienst?", "fr": "Êtes-vous satisfait du service ?",
         "en": "Are you happy with the service?"}  # fmt: skip


def _survey(organisation) -> Survey:
    survey = Survey.objects.create(
        title={"nl-be": "Bewonersbevraging", "fr": "Enquête des habitants", "en": "Survey"},
        languages=list(LANGUAGES),
        organisation=organisation,
    )
    section = Section.objects.create(survey=survey, name="dienst", title={"nl-be": "De dienst"})
    scale = Question.objects.create(
        survey=survey, section=section, name="tevreden", kind="scale5", label=LABEL,
        required=True,
    )  # fmt: skip
    for score, word in enumerate(["Slecht", "Matig", "Gewoon", "Goed", "Heel goed"], start=1):
        Choice.objects.create(question=scale, value=str(score), score=score, position=score,
                              label={"nl-be": word})  # fmt: skip
    Choice.objects.create(question=scale, value="x", position=9, label={"nl-be": "Geen mening"})
    multiple = Question.objects.create(
        survey=survey, section=section, name="wat", kind="multiple", position=1, max_choices=2,
        allow_other=True, label={"nl-be": "Wat moet beter?"},
    )  # fmt: skip
    for i, word in enumerate(["Herstellingen", "Poetsen", "Groen"]):
        Choice.objects.create(question=multiple, value=f"c{i}", position=i, label={"nl-be": word})
    Question.objects.create(survey=survey, section=section, name="cijfer", kind="rating10",
                            position=2, label={"nl-be": "Welk cijfer geeft u?"})  # fmt: skip
    Question.objects.create(survey=survey, section=section, name="jaren", kind="number",
                            position=3, min_value=0, max_value=80,
                            label={"nl-be": "Hoeveel jaar woont u hier?"})  # fmt: skip
    grid = Question.objects.create(
        survey=survey, section=section, name="buurt", kind="grid", position=4,
        label={"nl-be": "Hoe is het in de buurt?"},
    )  # fmt: skip
    for i, word in enumerate(["Slecht", "Goed"]):
        Choice.objects.create(question=grid, value=str(i), position=i, label={"nl-be": word})
    for i in range(2):
        Question.objects.create(survey=survey, section=section, grid=grid, name=f"buurt{i}",
                                kind="scale5", position=5 + i,
                                label={"nl-be": f"Rij {i}"})  # fmt: skip
    Question.objects.create(survey=survey, section=section, name="idee", kind="long_text",
                            position=8, label={"nl-be": "Uw idee"})  # fmt: skip
    return survey


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        p = make_personas()
        today = timezone.localdate()
        for i, language in enumerate(LANGUAGES * 2):
            dwelling = Dwelling.objects.create(building=p.building, unit=f"2.{i}")
            household = Household.objects.create(name=f"Gezin Brief{i}", language=language)
            Tenancy.objects.create(dwelling=dwelling, household=household,
                                   start_date=dt.date(2019, 1, 1))  # fmt: skip
        survey = _survey(p.community)
        wave = Wave.objects.create(survey=survey, name="Najaar", opens_on=today,
                                   closes_on=today + dt.timedelta(days=21))  # fmt: skip
        wave.estates.add(p.estate)
        actions.open_wave(wave=wave)
        closed = Wave.objects.create(survey=survey, name="Vorig jaar", opens_on=today,
                                     closes_on=today + dt.timedelta(days=1))  # fmt: skip
        closed.estates.add(p.estate)
        elsewhere = Wave.objects.create(survey=survey, name="Elders", opens_on=today,
                                        closes_on=today + dt.timedelta(days=1))  # fmt: skip
        elsewhere.estates.add(p.other_estate)
        yield {"p": p, "wave": wave, "closed": closed, "elsewhere": elsewhere}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _make(start, world, capture, by=None):
    with capture(execute=True):
        batch = start(wave=world["wave"], by=by or world["p"].coordinator)
    batch.refresh_from_db()
    return batch


def _pdf(batch) -> PdfReader:
    from django.core.files.storage import default_storage

    with default_storage.open(batch.file, "rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def _letters(reader: PdfReader) -> dict[str, list[str]]:
    """Code (display form) → the text of its pages: a letter starts where the code is big."""
    found: dict[str, list[str]] = {}
    current = ""
    for page in reader.pages:
        text = page.extract_text()
        header = next((line for line in text.splitlines() if line.startswith("Code ")), "")
        if header:
            current = header.split()[1]
        else:  # a letter page: the code stands alone on a line
            current = next(line.strip() for line in text.splitlines() if _is_code(line.strip()))
        found.setdefault(current, []).append(text)
    return found


def _is_code(text: str) -> bool:
    return len(text) == 9 and text[4] == "-" and codes.looks_like_a_code(text.replace("-", ""))


def test_invitations_one_letter_per_household_in_its_language(
    world, django_capture_on_commit_callbacks
):
    wave = world["wave"]
    batch = _make(letters.start_invitations, world, django_capture_on_commit_callbacks)
    assert batch.status == LetterBatchStatus.DONE
    rows = list(SurveyCode.objects.filter(wave=wave).select_related("household"))
    assert batch.total == batch.done == len(rows) == 7
    reader = _pdf(batch)
    assert batch.pages == len(reader.pages)
    by_code = _letters(reader)
    assert set(by_code) == {codes.display(c.code) for c in rows}
    for code in rows:
        pages = by_code[codes.display(code.code)]
        letter, *form = pages
        assert code.household.name in letter
        assert "Lindenplein 1" in letter and "8560 Testgem" in letter
        assert "/e/lindenplein/" in letter  # the address to type
        assert form, "every letter comes with its paper form"
        # the questionnaire in the household's language, accents intact
        assert LABEL.get(code.language, LABEL["nl-be"]) in "".join(form)
        for page in form:
            assert f"Code {codes.display(code.code)}" in page  # on every page of the form
        assert "Wat moet beter?" in "".join(form) and "Rij 1" in "".join(form)


def test_reminders_only_for_unused_codes(world, django_capture_on_commit_callbacks):
    wave = world["wave"]
    used = list(SurveyCode.objects.filter(wave=wave).order_by("pk")[:3])
    SurveyCode.objects.filter(pk__in=[c.pk for c in used]).update(used=True, channel="paper")
    assert letters.counts(wave) == {"invitations": 7, "reminders": 4}
    batch = _make(letters.start_reminders, world, django_capture_on_commit_callbacks)
    printed = set(_letters(_pdf(batch)))
    assert batch.total == 4 and len(printed) == 4
    assert not printed & {codes.display(c.code) for c in used}


def test_progress_moves_chunk_by_chunk(world, monkeypatch):
    seen: list[int] = []
    original = letters.WaveLetters.letters

    def watched(self, batch):
        for letter in original(self, batch):
            seen.append(LetterBatch.objects.get(pk=batch.pk).done)
            yield letter

    monkeypatch.setattr(letters.WaveLetters, "letters", watched)
    batch = letters.start_invitations(wave=world["wave"], by=world["p"].buurtwerker)
    assert batch.status == LetterBatchStatus.QUEUED and batch.total == 7
    outreach_letters.run_batch(batch_id=batch.pk, chunk_size=3)
    assert seen == [0, 0, 0, 3, 3, 3, 6]
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.percent) == (LetterBatchStatus.DONE, 7, 100)


def test_only_open_waves_and_only_for_managers(world):
    p = world["p"]
    with pytest.raises(TransitionError):
        letters.start_invitations(wave=world["closed"], by=p.coordinator)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        letters.start_reminders(wave=world["wave"], by=p.woonconsulent)
    assert not LetterBatch.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator", 200),
        ("buurtwerker", 200),
        ("admin", 200),
        ("woonconsulent", 403),  # sees the wave's rates, may not print its letters
        ("technician", 404),
        ("social_worker", 404),
        ("tenant", 404),
    ],
)
def test_the_letters_page_by_persona(world, staff_client, persona, status):
    staff_client.force_login(getattr(world["p"], persona))
    url = reverse("surveys:wave_letters", args=[world["wave"].pk])
    response = staff_client.get(url)
    assert response.status_code == status
    posted = staff_client.post(url, {"kind": "invitations"})
    assert posted.status_code == (302 if status == 200 else status)
    if status == 200:
        assert b'value="invitations"' in response.content
    else:
        assert not LetterBatch.objects.exists()


def test_a_wave_of_an_estate_not_covered_is_not_found(world, staff_client):
    staff_client.force_login(world["p"].buurtwerker)
    url = reverse("surveys:wave_letters", args=[world["elsewhere"].pk])
    assert staff_client.get(url).status_code == 404


def test_posting_for_a_closed_wave_says_why_and_makes_nothing(world, staff_client):
    staff_client.force_login(world["p"].coordinator)
    url = reverse("surveys:wave_letters", args=[world["closed"].pk])
    response = staff_client.post(url, {"kind": "invitations"})
    assert response.status_code == 400
    assert b'role="alert"' in response.content
    bad = staff_client.post(reverse("surveys:wave_letters", args=[world["wave"].pk]), {"kind": "x"})
    assert bad.status_code == 400
    assert not LetterBatch.objects.exists()


def test_start_follow_and_download_with_an_audit(
    world, staff_client, django_capture_on_commit_callbacks
):
    p = world["p"]
    staff_client.force_login(p.buurtwerker)
    url = reverse("surveys:wave_letters", args=[world["wave"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"kind": "invitations"})
    batch = LetterBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("outreach:batch", args=[batch.pk])
    page = staff_client.get(response["Location"])
    assert page.status_code == 200
    download = reverse("outreach:batch_download", args=[batch.pk])
    assert download.encode() in page.content
    progress = staff_client.get(
        reverse("outreach:batch_progress", args=[batch.pk]), HTTP_HX_REQUEST="true"
    )
    assert progress["HX-Refresh"] == "true"  # done: the page reloads to show the download
    # the coordinator has the same rights on the wave: may see and download it too
    staff_client.force_login(p.coordinator)
    before = AuditEntry.objects.count()
    got = staff_client.get(download)
    assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
    assert b"".join(got.streaming_content).startswith(b"%PDF")
    entries = AuditEntry.objects.filter(pk__gt=before, actor=p.coordinator)
    households = set(
        SurveyCode.objects.filter(wave=world["wave"]).values_list("household_id", flat=True)
    )
    assert {e.household_id for e in entries if e.household_id} == households
    assert entries.filter(object_type="letter_batch", object_id=str(batch.pk)).exists()
    for persona, status in (("woonconsulent", 403), ("technician", 404), ("outsider", 404)):
        staff_client.force_login(getattr(p, persona))
        for name in ("outreach:batch", "outreach:batch_progress", "outreach:batch_download"):
            assert staff_client.get(reverse(name, args=[batch.pk])).status_code == status, name
    assert staff_client.get(reverse("outreach:batch", args=[batch.pk + 999])).status_code == 404
