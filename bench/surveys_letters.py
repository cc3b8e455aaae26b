"""surveys.letters: the invitation letters of a wave of 5,000 households, against reportlab
drawing the same pages from ready data.

Wijkpunt's side is the whole batch as the worker runs it: ``start_invitations`` (the access
check, the count) and ``outreach.letters.run_batch`` (the codes with the households' names
and addresses from the database, the letters drawn chunk by chunk, streamed into one PDF and
saved to the storage). The baseline draws the same letters (the same drawing code, the same
recipients, read beforehand) on one reportlab canvas into memory and saves it: no queries, no
chunks, no storage. Peak memory (tracemalloc) of the batch for 1,000 and for 5,000 letters
shows that it does not grow with the number of letters."""

from __future__ import annotations

import datetime as dt
import io
import random
import tempfile
import time
import tracemalloc

LANGUAGES = ["nl-be"] * 6 + ["fr"] * 3 + ["en"]
NAMES = ["Peeters", "Janssens", "Maes", "Yilmaz", "El Amrani", "Dubois", "Lambert", "Nguyen",
         "Diallo", "Popescu", "De Smet", "Vermeulen", "Kowalski", "Goossens"]  # fmt: skip
SCALE = {"nl-be": ["Heel slecht", "Slecht", "Gewoon", "Goed", "Heel goed", "Geen mening"],
         "fr": ["Très mauvais", "Mauvais", "Moyen", "Bon", "Très bon", "Sans avis"],
         "en": ["Very bad", "Bad", "Average", "Good", "Very good", "No opinion"]}  # fmt: skip
QUESTIONS = [
    ("scale5", {"nl-be": "Hoe tevreden bent u over de snelheid van herstellingen?",
                "fr": "Êtes-vous satisfait de la rapidité des réparations ?",
                "en": "How happy are you with how fast repairs are done?"}),
    ("scale5", {"nl-be": "Hoe vriendelijk is de woonmaatschappij aan de telefoon?",
                "fr": "La société de logement est-elle aimable au téléphone ?",
                "en": "How friendly is the housing company on the phone?"}),
    ("single", {"nl-be": "Hoe neemt u meestal contact op?",
                "fr": "Comment nous contactez-vous le plus souvent ?",
                "en": "How do you usually contact us?"}),
    ("multiple", {"nl-be": "Wat moet er beter in de gemeenschappelijke delen?",
                  "fr": "Qu'est-ce qui doit s'améliorer dans les parties communes ?",
                  "en": "What should be better in the shared spaces?"}),
    ("rating10", {"nl-be": "Welk cijfer geeft u de buurtwerking?",
                  "fr": "Quelle note donnez-vous au travail de quartier ?",
                  "en": "What mark do you give the community work?"}),
    ("grid", {"nl-be": "Hoe is het samenleven in uw gebouw?",
              "fr": "Comment est la vie ensemble dans votre immeuble ?",
              "en": "How is living together in your building?"}),
    ("number", {"nl-be": "Hoeveel jaar woont u hier al?",
                "fr": "Depuis combien d'années habitez-vous ici ?",
                "en": "How many years have you lived here?"}),
    ("scale5", {"nl-be": "Voelt u zich veilig in de buurt?",
                "fr": "Vous sentez-vous en sécurité dans le quartier ?",
                "en": "Do you feel safe in the neighbourhood?"}),
    ("short_text", {"nl-be": "Welke activiteit mist u?", "fr": "Quelle activité vous manque ?",
                    "en": "Which activity do you miss?"}),
    ("long_text", {"nl-be": "Wat wilt u ons nog zeggen?",
                   "fr": "Que voulez-vous encore nous dire ?",
                   "en": "What else would you like to tell us?"}),
]  # fmt: skip
OPTIONS = {"nl-be": ["Telefoon", "Langskomen", "E-mail", "Via de buurtwerker"],
           "fr": ["Téléphone", "Passer", "E-mail", "Par le travailleur de quartier"],
           "en": ["Phone", "Visit", "E-mail", "Through the community worker"]}  # fmt: skip
ROWS = [{"nl-be": "Netheid van de hal", "fr": "Propreté du hall", "en": "Clean hall"},
        {"nl-be": "Lawaai", "fr": "Bruit", "en": "Noise"},
        {"nl-be": "Contact met de buren", "fr": "Contact avec les voisins",
         "en": "Neighbours"}]  # fmt: skip


def _seed(n: int):
    from django.utils import timezone

    from wijkpunt.accounts.models import User
    from wijkpunt.housing.models import Building, Dwelling, Estate, Household, Tenancy
    from wijkpunt.partners.models import Organisation, OrganisationKind, Role, StaffRole
    from wijkpunt.surveys.models import Choice, Question, Section, Survey, Wave

    rng = random.Random(9)
    estate = Estate.objects.create(
        name="Wallaysplein", slug="wallaysplein", municipality="Wevelgem"
    )
    buildings = Building.objects.bulk_create(
        [Building(estate=estate, street="Wallaysplein", number=str(b + 1), postcode="8560",
                  city="Wevelgem") for b in range((n + 9) // 10)]
    )  # fmt: skip
    dwellings = Dwelling.objects.bulk_create(
        [Dwelling(building=buildings[i // 10], unit=f"{i % 10 // 2}.{i % 2 + 1}")
         for i in range(n)], batch_size=2000,
    )  # fmt: skip
    households = Household.objects.bulk_create(
        [Household(name=f"Gezin {rng.choice(NAMES)}", language=rng.choice(LANGUAGES))
         for _ in range(n)], batch_size=2000,
    )  # fmt: skip
    Tenancy.objects.bulk_create(
        [Tenancy(dwelling=d, household=h, start_date=dt.date(2018, 1, 1))
         for d, h in zip(dwellings, households, strict=True)], batch_size=2000,
    )  # fmt: skip
    org = Organisation.objects.create(
        name="SHM De Vlashaard", kind=OrganisationKind.HOUSING_COMPANY
    )
    org.estates.add(estate)
    user = User.objects.create_user(email="coord@example.org", password="x-" * 8, full_name="Koen")
    StaffRole.objects.create(user=user, organisation=org, role=Role.COORDINATOR)
    survey = Survey.objects.create(
        title={"nl-be": "Bewonersbevraging dienstverlening en buurtwerking",
               "fr": "Enquête sur le service et le travail de quartier",
               "en": "Survey of the service and the community work"},
        intro={"nl-be": "Uw mening telt. Het duurt ongeveer tien minuten.",
               "fr": "Votre avis compte. Cela prend environ dix minutes.",
               "en": "Your opinion counts. It takes about ten minutes."},
        languages=["nl-be", "fr", "en"], organisation=org,
    )  # fmt: skip
    section = Section.objects.create(survey=survey, name="dienst", title={"nl-be": "De dienst",
                                     "fr": "Le service", "en": "The service"})  # fmt: skip
    for position, (kind, label) in enumerate(QUESTIONS):
        q = Question.objects.create(survey=survey, section=section, name=f"q{position}",
                                    kind=kind, label=label, position=position * 10,
                                    max_choices=2 if kind == "multiple" else None,
                                    allow_other=kind == "multiple",
                                    min_value=0 if kind == "number" else None,
                                    max_value=80 if kind == "number" else None)  # fmt: skip
        if kind in ("scale5", "grid"):
            for i in range(6):
                Choice.objects.create(question=q, value=str(i + 1), position=i,
                                      score=i + 1 if i < 5 else None,
                                      label={lang: SCALE[lang][i] for lang in SCALE})  # fmt: skip
        if kind in ("single", "multiple"):
            for i in range(4):
                label = {lang: OPTIONS[lang][i] for lang in OPTIONS}
                Choice.objects.create(question=q, value=f"o{i}", position=i, label=label)
        if kind == "grid":
            for i, row in enumerate(ROWS):
                Question.objects.create(survey=survey, section=section, grid=q,
                                        name=f"q{position}r{i}", kind="scale5", label=row,
                                        position=position * 10 + i + 1)  # fmt: skip
    today = timezone.localdate()
    wave = Wave.objects.create(survey=survey, name="Najaar", opens_on=today,
                               closes_on=today + dt.timedelta(days=28))  # fmt: skip
    wave.estates.add(estate)
    from wijkpunt.surveys.actions import open_wave

    open_wave(wave=wave)
    return wave, user


def _batch(wave, user, *, limit: int | None = None) -> tuple[float, int]:
    """The whole batch as the worker runs it; (seconds, pages)."""
    from wijkpunt.outreach.letters import run_batch
    from wijkpunt.outreach.models import LetterBatch
    from wijkpunt.surveys import letters

    original = letters.codes_for
    if limit is not None:
        letters.codes_for = lambda w, kind: original(w, kind).filter(
            pk__in=original(w, kind).order_by("pk").values("pk")[:limit]
        )
    try:
        started = time.perf_counter()
        batch = letters.start_invitations(wave=wave, by=user)
        run_batch(batch_id=batch.pk)
        seconds = time.perf_counter() - started
    finally:
        letters.codes_for = original
    batch = LetterBatch.objects.get(pk=batch.pk)
    assert batch.status == "done", batch.error
    return seconds, batch.pages


def _baseline(wave) -> float:
    """The same letters drawn on one reportlab canvas from recipients read beforehand."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from wijkpunt.surveys import letters
    from wijkpunt.surveys.definition import load

    source = letters.invitations
    recipients = list(source.recipients(wave))
    layout = letters.Layout(wave=wave, definition=load(wave.survey), reminder=False)
    for language in ("nl-be", "fr", "en"):  # the words, as the batch makes them once
        layout.words(language, recipients[0].estate_name)
    started = time.perf_counter()
    canvas = Canvas(io.BytesIO(), pagesize=A4, pageCompression=1, invariant=1)
    for recipient in recipients:
        letters.SurveyLetter(layout, recipient).draw(canvas)
    canvas.save()
    return time.perf_counter() - started


def _peak(wave, user, limit: int) -> float:
    tracemalloc.start()
    try:
        _batch(wave, user, limit=limit)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1_000_000


def run(size: int) -> list[dict]:
    from django.test import override_settings

    n = min(size, 5000)
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        wave, user = _seed(n)
        seconds, pages = _batch(wave, user)
        baseline = _baseline(wave)
        small = _peak(wave, user, min(1000, n))
        large = _peak(wave, user, n)
    ratio = seconds / baseline
    growth = large / small
    return [
        {"n": n, "value": round(seconds, 2), "unit": "s", "baseline": round(baseline, 2),
         "ratio": round(ratio, 2), "target": "<= 2", "met": ratio <= 2, "pages": pages},
        {"bench": "surveys.letters.peak_memory", "n": n, "value": round(large, 1),
         "unit": "MB", "baseline": round(small, 1), "baseline_n": min(1000, n),
         "ratio": round(growth, 2), "target": "<= 1.2 (flat)", "met": growth <= 1.2},
    ]  # fmt: skip


BENCHMARKS = {"surveys.letters": run}
